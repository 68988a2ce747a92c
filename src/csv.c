/* csv.c - the CSV writers. */
#include "csv.h"

#include <math.h>
#include <string.h>

/* Only numerals as kgbuild writes them (-?[0-9]+(.[0-9]+)?: -2.5, 3),
 * "; "-joined: the values of a numeric key that may have several, which a
 * spreadsheet should still read as numbers, and which cannot run. */
static bool numerals(const char *s)
{
  for (;;) {
    if (*s == '-')
      ++s;
    if (*s < '0' || *s > '9')
      return false;
    while (*s >= '0' && *s <= '9')
      ++s;
    if (*s == '.' && s[1] >= '0' && s[1] <= '9')
      for (++s; *s >= '0' && *s <= '9'; ++s)
        ;
    if (!*s)
      return true;
    if (s[0] != ';' || s[1] != ' ')
      return false;
    s += 2;
  }
}

/* A text field, quoted when RFC 4180 needs it.  A spreadsheet runs a cell
 * that starts with = + - or @ as a formula (some strip a leading tab or CR
 * first), so a name like =HYPERLINK(...) would become a live link or worse
 * on a reviewer's machine: such text gets a leading ' inside quotes, as
 * OWASP recommends for CSV injection.  Numbers stay numbers: a numeric
 * column's are written by number(), and numerals alone are left as they
 * are (a negative measure). */
static void field(FILE *out, const char *s)
{
  if (!s)
    return;
  bool formula = *s && strchr("=+-@\t\r", *s) && !numerals(s);
  if (!formula && !strpbrk(s, ",\"\r\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  if (formula)
    fputc('\'', out);
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
  kg_graph_buffer *buf = kg_graph_buffer_new(g);
  if (!buf)
    return KG_ERR_NOMEM;
  static const char *const node_own[] = {"kg_id", "label", NULL};
  static const char *const edge_own[] = {"label", "weight", NULL};
  const char *const *own = vertex ? node_own : edge_own;
  size_t count = kg_graph_attribute_count(g, vertex);
  fputs(vertex ? "Id,Label" : "Source,Target,Type,Label,Weight", out);
  for (size_t a = 0; a < count; ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    if (!skipped(attr.name, own)) {
      fputc(',', out);
      field(out, attr.name);
    }
  }
  fputs("\r\n", out);
  /* An edge row is one statement, whole (graph.h): a relation in two
   * spells is two rows, with one `relation`. */
  size_t rows = vertex ? kg_graph_vertex_count(g) : kg_graph_row_count(g);
  for (size_t i = 0; i < rows; ++i) {
    if (vertex) {
      field(out, kg_graph_vertex_id(g, i));
      fputc(',', out);
      field(out, kg_graph_vertex_label(g, i));
    } else {
      size_t from, to, e = kg_graph_row_edge(g, i);
      kg_graph_edge_ends(g, e, &from, &to);
      field(out, kg_graph_vertex_id(g, from));
      fputc(',', out);
      field(out, kg_graph_vertex_id(g, to));
      fputs(",Directed,", out);
      field(out, kg_graph_edge_key(g, e));
      fputs(",1", out);
    }
    for (size_t a = 0; a < count; ++a) {
      kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
      if (skipped(attr.name, own))
        continue;
      fputc(',', out);
      if (attr.type != KG_ATTR_TEXT)
        number(out, kg_graph_number(g, vertex, a, i));
      else
        field(out, kg_graph_text(g, buf, vertex, a, i));
    }
    fputs("\r\n", out);
  }
  kg_graph_buffer_free(buf);
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
