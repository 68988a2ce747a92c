/* csv.c - the CSV writers. */
#include "csv.h"

#include <math.h>
#include <string.h>

static void field(FILE *out, const char *s)
{
  if (!s)
    return;
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; ++s) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* Whole numbers as integers (degrees, communities), the rest round-trip
 * exactly; an absent number is an empty field. */
static void number(FILE *out, double x)
{
  if (!isfinite(x))
    return;
  if (x == floor(x) && fabs(x) < 1e15)
    fprintf(out, "%.0f", x);
  else
    fprintf(out, "%.17g", x);
}

/* Attributes written as the table's own columns are not repeated. */
static bool skipped(const char *name, const char *const *own)
{
  for (; *own; ++own)
    if (!strcmp(name, *own))
      return true;
  return false;
}

static kg_status table(const kg_graph *g, FILE *out, bool vertex)
{
  kg_graph_attr *attrs = NULL;
  size_t count = 0;
  static const char *const node_own[] = {"kg_id", "label", NULL};
  static const char *const edge_own[] = {"label", "weight", NULL};
  const char *const *own = vertex ? node_own : edge_own;
  kg_status st = kg_graph_attributes(g, vertex, &attrs, &count);
  if (st != KG_OK)
    return st;
  fputs(vertex ? "Id,Label" : "Source,Target,Type,Label,Weight", out);
  for (size_t a = 0; a < count; ++a)
    if (!skipped(attrs[a].name, own)) {
      fputc(',', out);
      field(out, attrs[a].name);
    }
  fputs("\r\n", out);
  size_t rows = vertex ? kg_graph_vertex_count(g) : kg_graph_edge_count(g);
  for (size_t i = 0; i < rows; ++i) {
    if (vertex) {
      field(out, kg_graph_vertex_text(g, "kg_id", i));
      fputc(',', out);
      field(out, kg_graph_vertex_text(g, "label", i));
    } else {
      size_t from, to;
      kg_graph_edge_ends(g, i, &from, &to);
      field(out, kg_graph_vertex_text(g, "kg_id", from));
      fputc(',', out);
      field(out, kg_graph_vertex_text(g, "kg_id", to));
      fputs(",Directed,", out);
      field(out, kg_graph_edge_text(g, "label", i));
      fputc(',', out);
      number(out, kg_graph_edge_number(g, "weight", i));
    }
    for (size_t a = 0; a < count; ++a) {
      if (skipped(attrs[a].name, own))
        continue;
      fputc(',', out);
      if (attrs[a].numeric)
        number(out, vertex ? kg_graph_vertex_number(g, attrs[a].name, i)
                           : kg_graph_edge_number(g, attrs[a].name, i));
      else
        field(out, vertex ? kg_graph_vertex_text(g, attrs[a].name, i)
                          : kg_graph_edge_text(g, attrs[a].name, i));
    }
    fputs("\r\n", out);
  }
  kg_graph_attributes_free(attrs, count);
  return ferror(out) ? KG_ERR_IO : KG_OK;
}

kg_status kg_csv_write_nodes(const kg_graph *graph, FILE *out)
{
  return table(graph, out, true);
}

kg_status kg_csv_write_edges(const kg_graph *graph, FILE *out)
{
  return table(graph, out, false);
}
