/* xml.c - libxml2's xmlTextWriter behind kgbuild's own calls. */
#include "xml.h"

#include <libxml/parser.h> /* xmlInitParser */
#include <libxml/xmlwriter.h>
#include <math.h>

struct kg_xml {
  xmlTextWriterPtr w;
  int rc; /* the first negative result of a libxml2 call */
};

/* libxml2 writes through these callbacks to the caller's stream; a short
 * write makes every later xmlTextWriter call return -1. */
static int write_cb(void *context, const char *buffer, int len)
{
  return fwrite(buffer, 1, (size_t)len, context) == (size_t)len ? len : -1;
}

static int close_cb(void *context)
{
  (void)context; /* the caller owns, flushes and closes the stream */
  return 0;
}

static void check(kg_xml *x, int rc)
{
  if (rc < 0 && !x->rc)
    x->rc = rc;
}

/* libxml2 would print its own "I/O error" lines on stderr; kgbuild reports
 * a failed write itself, naming the export. */
static void quiet(void *context, const char *format, ...)
{
  (void)context;
  (void)format;
}

/* libxml2 2.9 initialises its tables (encodings, thread-local state) on
 * first use, unsafely when two threads race to it; xmlInitParser does it
 * once (raptor happens to call it too, but that is raptor's business). */
void kg_xml_setup(void)
{
  xmlInitParser();
}

kg_xml *kg_xml_new(FILE *out)
{
  /* libxml2 keeps its error handler per thread: set it on this one. */
  xmlSetGenericErrorFunc(NULL, quiet);
  kg_xml *x = kg_calloc(1, sizeof *x);
  if (!x)
    return NULL;
  xmlOutputBufferPtr buf =
      xmlOutputBufferCreateIO(write_cb, close_cb, out, NULL);
  if (!buf) {
    kg_free(x);
    return NULL;
  }
  x->w = xmlNewTextWriter(buf); /* owns buf from here on */
  if (!x->w) {
    xmlOutputBufferClose(buf);
    kg_free(x);
    return NULL;
  }
  check(x, xmlTextWriterSetIndent(x->w, 1));
  check(x, xmlTextWriterSetIndentString(x->w, BAD_CAST "  "));
  check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
  return x;
}

void kg_xml_start(kg_xml *x, const char *element)
{
  check(x, xmlTextWriterStartElement(x->w, BAD_CAST element));
}

void kg_xml_start_ns(kg_xml *x, const char *element, const char *ns)
{
  check(x,
        xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST element, BAD_CAST ns));
}

void kg_xml_attribute(kg_xml *x, const char *name, const char *value)
{
  check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

void kg_xml_text(kg_xml *x, const char *text)
{
  check(x, xmlTextWriterWriteString(x->w, BAD_CAST text));
}

void kg_xml_element(kg_xml *x, const char *element, const char *text)
{
  check(x, xmlTextWriterWriteElement(x->w, BAD_CAST element, BAD_CAST text));
}

void kg_xml_end(kg_xml *x)
{
  check(x, xmlTextWriterEndElement(x->w));
}

kg_status kg_xml_finish(kg_xml *x)
{
  check(x, xmlTextWriterEndDocument(x->w));
  check(x, xmlTextWriterFlush(x->w));
  return x->rc < 0 ? KG_ERR_IO : KG_OK;
}

void kg_xml_free(kg_xml *x)
{
  if (!x)
    return;
  xmlFreeTextWriter(x->w);
  kg_free(x);
}

void kg_xml_decimal(char *buf, const char *prefix, uint64_t v)
{
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (*prefix)
    *buf++ = *prefix++;
  while (n)
    *buf++ = digits[--n];
  *buf = '\0';
}

/* By hand when v is a whole number that fits 64 bits, as every degree,
 * count and integer value is; snprintf otherwise. */
void kg_xml_integer(double v, char *buf, size_t size)
{
  if (v > -1e18 && v < 1e18 && v == trunc(v))
    kg_xml_decimal(buf, signbit(v) ? "-" : "", (uint64_t)fabs(v));
  else
    snprintf(buf, size, "%.0f", v);
}
