/* stats.c - `kgbuild stats`.  Reads the measures through graph.h, so that
 * igraph stays in graph.c, and writes JSON strings through jsonw.c, so that
 * kgbuild has one JSON string writer. */
#define _GNU_SOURCE /* qsort_r */
#include "stats.h"

#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

/* What the first line says of the whole network. */
typedef struct {
  size_t vertices, edges, components, communities;
  double modularity;
} overview;

static bool has(const kg_graph *graph, kg_measure m)
{
  return kg_graph_has_measure(graph, m);
}

/* Vertices by PageRank, highest first; ties, and every vertex when PageRank
 * was not computed, by id (the vertex order). */
static int by_pagerank(const void *a, const void *b, void *graph)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  if (has(graph, KG_MEASURE_PAGERANK)) {
    double px = kg_graph_measure(graph, KG_MEASURE_PAGERANK, x);
    double py = kg_graph_measure(graph, KG_MEASURE_PAGERANK, y);
    if (px != py)
      return px > py ? -1 : 1;
  }
  return x < y ? -1 : x > y;
}

/* Components and communities are numbered from 0 without gaps. */
static overview overview_of(const kg_graph *graph)
{
  overview o = {kg_graph_vertex_count(graph), kg_graph_edge_count(graph), 0, 0,
                kg_graph_modularity(graph)};
  bool comp = has(graph, KG_MEASURE_COMPONENT);
  bool comm = has(graph, KG_MEASURE_COMMUNITY);
  for (size_t v = 0; v < o.vertices; ++v) {
    size_t c =
        comp ? (size_t)kg_graph_measure(graph, KG_MEASURE_COMPONENT, v) : 0;
    size_t k =
        comm ? (size_t)kg_graph_measure(graph, KG_MEASURE_COMMUNITY, v) : 0;
    o.components = c + 1 > o.components ? c + 1 : o.components;
    o.communities = k + 1 > o.communities ? k + 1 : o.communities;
  }
  return o;
}

/* The columns of the vertex lists, in the order they have always had; a
 * measure not computed (--measures) has no column, and no JSON member. */
static const struct {
  kg_measure m;
  const char *head, *json; /* table header, JSON member */
  int width, decimals;     /* table cell; JSON: 17 significant digits */
} columns[] = {
    /* when decimals > 0 */
    {KG_MEASURE_DEGREE_IN, "in", "degree_in", 4, 0},
    {KG_MEASURE_DEGREE_OUT, "out", "degree_out", 4, 0},
    {KG_MEASURE_BETWEENNESS, "betweenness", "betweenness", 11, 2},
    {KG_MEASURE_PAGERANK, "pagerank", "pagerank", 8, 4},
    {KG_MEASURE_COMMUNITY, "comm", "community", 5, 0},
    {KG_MEASURE_COMPONENT, "comp", "component", 5, 0},
};

enum { COLUMN_COUNT = sizeof columns / sizeof *columns };

/* The network's counts, then which measures were computed and how (so that
 * no reader takes an absent measure for a zero). */
static void print_json_head(const kg_graph *graph, const overview *o, FILE *out)
{
  fprintf(out, "{\"nodes\":%zu,\"edges\":%zu", o->vertices, o->edges);
  if (has(graph, KG_MEASURE_COMPONENT))
    fprintf(out, ",\"components\":%zu", o->components);
  if (has(graph, KG_MEASURE_COMMUNITY))
    fprintf(out, ",\"communities\":%zu,\"modularity\":%.6f", o->communities,
            o->modularity);
  fputs(",\"measures\":{", out);
  bool first = true;
  for (int m = 0; m < KG_MEASURE_COUNT; ++m) {
    if (!has(graph, (kg_measure)m))
      continue;
    fputs(first ? "" : ",", out);
    first = false;
    kg_json_string(out, kg_graph_measure_name((kg_measure)m));
    fputs(":{\"algorithm\":", out);
    kg_json_string(out, kg_graph_measure_describe((kg_measure)m));
    if (m == KG_MEASURE_COMMUNITY)
      fprintf(out, ",\"passes\":%u", kg_graph_leiden_passes(graph));
    fputc('}', out);
  }
  fputs("},\"vertices\":[", out);
}

static void print_json(const kg_graph *graph, const overview *o,
                       const size_t *order, FILE *out)
{
  print_json_head(graph, o, out);
  for (size_t i = 0; i < o->vertices; ++i) {
    size_t v = order[i];
    fputs(i ? ",\n{\"id\":" : "\n{\"id\":", out);
    kg_json_string(out, kg_graph_vertex_id(graph, v));
    fputs(",\"label\":", out);
    kg_json_string(out, kg_graph_vertex_label(graph, v));
    fputs(",\"type\":", out);
    kg_json_string(out, kg_graph_vertex_type(graph, v));
    for (size_t c = 0; c < COLUMN_COUNT; ++c)
      if (has(graph, columns[c].m))
        fprintf(out, columns[c].decimals ? ",\"%s\":%.17g" : ",\"%s\":%.0f",
                columns[c].json, kg_graph_measure(graph, columns[c].m, v));
    fputc('}', out);
  }
  fputs("]}\n", out);
}

/* The first line: the counts, and the partitions that were computed. */
static void print_table_head(const kg_graph *graph, const overview *o,
                             FILE *out)
{
  fprintf(out, "%zu nodes, %zu edges", o->vertices, o->edges);
  if (has(graph, KG_MEASURE_COMPONENT))
    fprintf(out, ", %zu weakly connected components", o->components);
  if (has(graph, KG_MEASURE_COMMUNITY))
    fprintf(out, ", %zu communities (modularity %.3f)", o->communities,
            o->modularity);
  const char *sep = "\nnot computed (--measures): ";
  for (int m = 0; m < KG_MEASURE_COUNT; ++m)
    if (!has(graph, (kg_measure)m)) {
      fprintf(out, "%s%s", sep, kg_graph_measure_name((kg_measure)m));
      sep = ", ";
    }
  fputs("\n\n", out);
}

/* The table's id and type columns are as wide as their longest value, and
 * at least as wide as they have always been (40 and 22). */
static void print_table(const kg_graph *graph, const overview *o,
                        const size_t *order, FILE *out)
{
  int id_width = 40, type_width = 22;
  for (size_t v = 0; v < o->vertices; ++v) {
    size_t id = strlen(kg_graph_vertex_id(graph, v));
    size_t type = strlen(kg_graph_vertex_type(graph, v));
    id_width = id > (size_t)id_width ? (int)id : id_width;
    type_width = type > (size_t)type_width ? (int)type : type_width;
  }
  print_table_head(graph, o, out);
  fprintf(out, "%-*s %-*s", id_width, "id", type_width, "type");
  for (size_t c = 0; c < COLUMN_COUNT; ++c)
    if (has(graph, columns[c].m))
      fprintf(out, " %*s", columns[c].width, columns[c].head);
  fputc('\n', out);
  for (size_t i = 0; i < o->vertices; ++i) {
    size_t v = order[i];
    fprintf(out, "%-*s %-*s", id_width, kg_graph_vertex_id(graph, v),
            type_width, kg_graph_vertex_type(graph, v));
    for (size_t c = 0; c < COLUMN_COUNT; ++c)
      if (has(graph, columns[c].m))
        fprintf(out, " %*.*f", columns[c].width, columns[c].decimals,
                kg_graph_measure(graph, columns[c].m, v));
    fputc('\n', out);
  }
}

kg_status kg_stats_print(const kg_graph *graph, FILE *out, bool json)
{
  if (!kg_graph_analysed(graph))
    return KG_ERR_USAGE; /* not analysed: a bug in the caller */
  overview o = overview_of(graph);
  size_t *order = kg_malloc(o.vertices * sizeof *order + 1);
  if (!order)
    return KG_ERR_NOMEM;
  for (size_t v = 0; v < o.vertices; ++v)
    order[v] = v;
  qsort_r(order, o.vertices, sizeof *order, by_pagerank, (void *)graph);
  if (json)
    print_json(graph, &o, order, out);
  else
    print_table(graph, &o, order, out);
  kg_free(order);
  return ferror(out) ? KG_ERR_IO : KG_OK;
}
