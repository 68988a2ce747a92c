/* graphml.c - the GraphML writer. */
#include "graphml.h"

#include "xml.h"

#include <math.h>
#include <stdlib.h>

static const char *graphml_type(kg_attr_type type)
{
  return type == KG_ATTR_INTEGER ? "int"
         : type == KG_ATTR_REAL  ? "double"
                                 : "string";
}

static void key_id(char *buf, size_t size, bool vertex, const char *name)
{
  snprintf(buf, size, "%s_%s", vertex ? "v" : "e", name);
}

/* The key ids of one kind's attributes, made once: formatting them for
 * every value was a tenth of the time spent writing. */
typedef struct {
  size_t count;
  char (*ids)[128];
} keys;

static kg_status keys_make(keys *k, const kg_graph *g, bool vertex)
{
  k->count = kg_graph_attribute_count(g, vertex);
  k->ids = kg_malloc((k->count ? k->count : 1) * sizeof *k->ids);
  if (!k->ids)
    return KG_ERR_NOMEM;
  for (size_t a = 0; a < k->count; ++a)
    key_id(k->ids[a], sizeof k->ids[a], vertex,
           kg_graph_attribute(g, vertex, a).name);
  return KG_OK;
}

static void declare(kg_xml *x, const kg_graph *g, bool vertex, const keys *k)
{
  for (size_t a = 0; a < k->count; ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    kg_xml_start(x, "key");
    kg_xml_attribute(x, "id", k->ids[a]);
    kg_xml_attribute(x, "for", vertex ? "node" : "edge");
    kg_xml_attribute(x, "attr.name", attr.name);
    kg_xml_attribute(x, "attr.type", graphml_type(attr.type));
    /* A measure says how it was computed (--measures: one not computed
     * has no key at all, rather than zeros). */
    const char *describe = kg_graph_attribute_describe(g, vertex, a);
    if (describe)
      kg_xml_element(x, "desc", describe);
    kg_xml_end(x);
  }
}

/* A double as the shortest text that reads back as the same number. */
static void shortest(double v, char *buf, size_t size)
{
  for (int precision = 15; precision <= 17; ++precision) {
    snprintf(buf, size, "%.*g", precision, v);
    if (strtod(buf, NULL) == v)
      return;
  }
}

static void data(kg_xml *x, const kg_graph *g, kg_graph_buffer *buf,
                 bool vertex, const keys *k, size_t i)
{
  for (size_t a = 0; a < k->count; ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    char number[64];
    const char *value;
    if (attr.type != KG_ATTR_TEXT) {
      double v = kg_graph_number(g, vertex, a, i);
      if (!isfinite(v))
        continue;
      if (attr.type == KG_ATTR_INTEGER)
        kg_xml_integer(v, number, sizeof number);
      else
        shortest(v, number, sizeof number);
      value = number;
    } else if (!*(value = kg_graph_text(g, buf, vertex, a, i))) {
      continue;
    }
    kg_xml_start(x, "data");
    kg_xml_attribute(x, "key", k->ids[a]);
    kg_xml_text(x, value);
    kg_xml_end(x);
  }
}

kg_status kg_graphml_write(const kg_graph *g, FILE *out)
{
  kg_status st = KG_OK;
  keys vk = {0}, ek = {0};
  kg_xml *x = NULL;
  kg_graph_buffer *buf = NULL;
  TRY(keys_make(&vk, g, true));
  TRY(keys_make(&ek, g, false));
  if (!(buf = kg_graph_buffer_new(g)) || !(x = kg_xml_new(out))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  kg_xml_start(x, "graphml");
  kg_xml_attribute(x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
  kg_xml_attribute(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  kg_xml_attribute(x, "xsi:schemaLocation",
                   "http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
  declare(x, g, true, &vk);
  declare(x, g, false, &ek);
  kg_xml_start(x, "graph");
  kg_xml_attribute(x, "id", "G");
  kg_xml_attribute(x, "edgedefault", "directed");
  for (size_t v = 0; v < kg_graph_vertex_count(g); ++v) {
    char id[32];
    kg_xml_decimal(id, "n", v);
    kg_xml_start(x, "node");
    kg_xml_attribute(x, "id", id);
    data(x, g, buf, true, &vk, v);
    kg_xml_end(x);
  }
  /* One GraphML edge per statement, whole (graph.h): networkx reads a
   * relation in two spells as two edges of a MultiDiGraph, with one
   * `relation`. */
  for (size_t r = 0; r < kg_graph_row_count(g); ++r) {
    size_t from, to;
    char source[32], target[32];
    kg_graph_edge_ends(g, kg_graph_row_edge(g, r), &from, &to);
    kg_xml_decimal(source, "n", from);
    kg_xml_decimal(target, "n", to);
    kg_xml_start(x, "edge");
    kg_xml_attribute(x, "source", source);
    kg_xml_attribute(x, "target", target);
    data(x, g, buf, false, &ek, r);
    kg_xml_end(x);
  }
  st = kg_xml_finish(x);
out:
  kg_xml_free(x);
  kg_graph_buffer_free(buf);
  kg_free(vk.ids);
  kg_free(ek.ids);
  return st;
}
