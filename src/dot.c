/* dot.c - the DOT writer. */
#include "dot.h"

#include <stdlib.h>
#include <string.h>

/* A DOT quoted string: backslash and quote escaped, line breaks shown as
 * Graphviz's own \n (a picture has no use for a raw CR). */
static void quoted(FILE *out, const char *s)
{
  fputc('"', out);
  for (; s && *s; ++s) {
    if (*s == '"' || *s == '\\')
      fprintf(out, "\\%c", *s);
    else if (*s == '\n' || *s == '\r')
      fputs("\\n", out);
    else
      fputc(*s, out);
  }
  fputc('"', out);
}

/* Soft colours that stay readable behind black text; a type's colour is
 * fixed by the order of type names, so the picture is the same every run. */
static const char *const palette[] = {
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};

/* Claims are labelled with their text: a picture shows the first words,
 * cut at a character boundary (the full text is in every other export). */
enum { LABEL_CHARS = 40 };

static void shorten(const char *s, char *out, size_t size)
{
  size_t chars = 0, i = 0;
  for (; s[i] && i + 4 < size; ++i) {
    if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == LABEL_CHARS)
      break;
    out[i] = s[i];
  }
  if (s[i]) {
    while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
      --i; /* never end inside a character */
    if (i > 0 && (unsigned char)out[i - 1] >= 0xC0)
      --i;
    memcpy(out + i, "\xE2\x80\xA6", 3); /* … */
    i += 3;
  }
  out[i] = '\0';
}

static int compare_strings(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

kg_status kg_dot_write(const kg_graph *g, FILE *out)
{
  size_t n = kg_graph_vertex_count(g), m = kg_graph_edge_count(g);
  const char **types = kg_malloc((n + 1) * sizeof *types);
  if (!types)
    return KG_ERR_NOMEM;
  size_t distinct = 0;
  for (size_t v = 0; v < n; ++v)
    types[v] = kg_graph_vertex_type(g, v);
  qsort(types, n, sizeof *types, compare_strings);
  for (size_t v = 0; v < n; ++v)
    if (!distinct || strcmp(types[distinct - 1], types[v]))
      types[distinct++] = types[v];
  fputs("digraph kg {\n"
        "  graph [rankdir=LR, overlap=false, splines=true, "
        "fontname=\"Helvetica\"];\n"
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
        "fontsize=10];\n"
        "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\", "
        "fontcolor=\"#444444\"];\n",
        out);
  for (size_t v = 0; v < n; ++v) {
    const char *type = kg_graph_vertex_type(g, v);
    const char **at =
        bsearch(&type, types, distinct, sizeof *types, compare_strings);
    size_t colour =
        at ? (size_t)(at - types) % (sizeof palette / sizeof *palette) : 0;
    fputs("  ", out);
    quoted(out, kg_graph_vertex_id(g, v));
    fputs(" [label=", out);
    char label[1024], shortened[256];
    shorten(kg_graph_vertex_label(g, v), shortened, sizeof shortened);
    snprintf(label, sizeof label, "%s\n(%s)", shortened, type);
    quoted(out, label);
    fprintf(out, ", fillcolor=\"%s\"];\n", palette[colour]);
  }
  for (size_t e = 0; e < m; ++e) {
    size_t from, to;
    kg_graph_edge_ends(g, e, &from, &to);
    fputs("  ", out);
    quoted(out, kg_graph_vertex_id(g, from));
    fputs(" -> ", out);
    quoted(out, kg_graph_vertex_id(g, to));
    fputs(" [label=", out);
    quoted(out, kg_graph_edge_key(g, e));
    fputs("];\n", out);
  }
  fputs("}\n", out);
  kg_free(types);
  return KG_OK;
}
