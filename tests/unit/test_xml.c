/* test_xml.c - the XML writer under GraphML and GEXF (xml.h), read back
 * with libxml2's parser: text and attribute values come back exactly as
 * given (markup characters, quotes, non-ASCII, a carriage return, which
 * XML's line-end normalisation would otherwise turn into a line feed);
 * finish closes what is open; the number formatters write what snprintf
 * writes, at the edges too. */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "xml.h"

static const char tricky[] = "a < b && c > \"d\" 'e' \xe7\x8e\x8b\r\nline\tend";

static void test_round_trip(void **state)
{
  (void)state;
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  kg_xml *x = kg_xml_new(out);
  assert_non_null(x);
  kg_xml_start_ns(x, "graphml", "http://graphml.graphdrawing.org/xmlns");
  kg_xml_start(x, "node");
  kg_xml_attribute(x, "id", tricky);
  kg_xml_element(x, "data", tricky);
  kg_xml_start(x, "empty");
  kg_xml_text(x, "");
  /* node, empty and graphml are left open: finish closes them. */
  assert_int_equal(kg_xml_finish(x), KG_OK);
  kg_xml_free(x);
  fclose(out);

  xmlDocPtr doc =
      xmlReadMemory(text, (int)size, "t.xml", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  assert_string_equal((const char *)root->name, "graphml");
  assert_string_equal((const char *)root->ns->href,
                      "http://graphml.graphdrawing.org/xmlns");
  xmlNodePtr node = xmlFirstElementChild(root);
  assert_string_equal((const char *)node->name, "node");
  xmlChar *id = xmlGetProp(node, (const xmlChar *)"id");
  assert_string_equal((const char *)id, tricky);
  xmlFree(id);
  xmlNodePtr data = xmlFirstElementChild(node);
  xmlChar *content = xmlNodeGetContent(data);
  assert_string_equal((const char *)content, tricky);
  xmlFree(content);
  assert_string_equal((const char *)xmlNextElementSibling(data)->name, "empty");
  xmlFreeDoc(doc);
  assert_non_null(strstr(text, "encoding=\"UTF-8\""));
  free(text);
}

static void test_decimal(void **state)
{
  (void)state;
  static const uint64_t values[] = {
      0,         1, 9, 10, 99, 100, 4294967295u, 4294967296u, UINT64_MAX - 1,
      UINT64_MAX};
  char buf[32], want[32];
  for (size_t i = 0; i < sizeof values / sizeof *values; ++i) {
    kg_xml_decimal(buf, "n", values[i]);
    snprintf(want, sizeof want, "n%llu", (unsigned long long)values[i]);
    assert_string_equal(buf, want);
    kg_xml_decimal(buf, "", values[i]);
    assert_string_equal(buf, want + 1);
  }
}

static void test_integer_as_snprintf(void **state)
{
  (void)state;
  static const double values[] = {
      0.0,  -0.0, 0.4,         0.5,  1.5,  2.5,   -0.4,
      -1.5, 7.0,  123456789.0, 1e15, 1e20, -3e18, 4503599627370497.0};
  char buf[64], want[64];
  for (size_t i = 0; i < sizeof values / sizeof *values; ++i) {
    kg_xml_integer(values[i], buf, sizeof buf);
    snprintf(want, sizeof want, "%.0f", values[i]);
    if (strcmp(buf, want))
      fail_msg("%g: kg_xml_integer wrote '%s', %%.0f writes '%s'", values[i],
               buf, want);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_decimal),
      cmocka_unit_test(test_integer_as_snprintf),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
