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

static void declare(kg_xml *x, const kg_graph *g, bool vertex)
{
  for (size_t a = 0; a < kg_graph_attribute_count(g, vertex); ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    char id[128];
    key_id(id, sizeof id, vertex, attr.name);
    kg_xml_start(x, "key");
    kg_xml_attribute(x, "id", id);
    kg_xml_attribute(x, "for", vertex ? "node" : "edge");
    kg_xml_attribute(x, "attr.name", attr.name);
    kg_xml_attribute(x, "attr.type", graphml_type(attr.type));
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

static void data(kg_xml *x, const kg_graph *g, bool vertex, size_t i)
{
  for (size_t a = 0; a < kg_graph_attribute_count(g, vertex); ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    char id[128], number[64];
    const char *value;
    if (attr.type != KG_ATTR_TEXT) {
      double v = kg_graph_number(g, vertex, a, i);
      if (!isfinite(v))
        continue;
      if (attr.type == KG_ATTR_INTEGER)
        snprintf(number, sizeof number, "%.0f", v);
      else
        shortest(v, number, sizeof number);
      value = number;
    } else if (!*(value = kg_graph_text(g, vertex, a, i))) {
      continue;
    }
    key_id(id, sizeof id, vertex, attr.name);
    kg_xml_start(x, "data");
    kg_xml_attribute(x, "key", id);
    kg_xml_text(x, value);
    kg_xml_end(x);
  }
}

kg_status kg_graphml_write(const kg_graph *g, FILE *out)
{
  kg_xml *x = kg_xml_new(out);
  if (!x)
    return KG_ERR_NOMEM;
  kg_xml_start(x, "graphml");
  kg_xml_attribute(x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
  kg_xml_attribute(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  kg_xml_attribute(x, "xsi:schemaLocation",
                   "http://graphml.graphdrawing.org/xmlns "
                   "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
  declare(x, g, true);
  declare(x, g, false);
  kg_xml_start(x, "graph");
  kg_xml_attribute(x, "id", "G");
  kg_xml_attribute(x, "edgedefault", "directed");
  for (size_t v = 0; v < kg_graph_vertex_count(g); ++v) {
    char id[32];
    snprintf(id, sizeof id, "n%zu", v);
    kg_xml_start(x, "node");
    kg_xml_attribute(x, "id", id);
    data(x, g, true, v);
    kg_xml_end(x);
  }
  for (size_t e = 0; e < kg_graph_edge_count(g); ++e) {
    size_t from, to;
    char source[32], target[32];
    kg_graph_edge_ends(g, e, &from, &to);
    snprintf(source, sizeof source, "n%zu", from);
    snprintf(target, sizeof target, "n%zu", to);
    kg_xml_start(x, "edge");
    kg_xml_attribute(x, "source", source);
    kg_xml_attribute(x, "target", target);
    data(x, g, false, e);
    kg_xml_end(x);
  }
  kg_status st = kg_xml_finish(x);
  kg_xml_free(x);
  return st;
}
