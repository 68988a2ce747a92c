/* stats.c - `kgbuild stats`.  Reads the measures through graph.h, so that
 * igraph stays in graph.c, and writes JSON strings through json.c, so that
 * kgbuild has one JSON string writer. */
#define _GNU_SOURCE /* qsort_r */
#include "stats.h"

#include "json.h"

#include <stdlib.h>
#include <string.h>

/* What the first line says of the whole network. */
typedef struct {
  size_t vertices, edges, components, communities;
  double modularity;
} overview;

/* Vertices by PageRank, highest first; ties by id (the vertex order). */
static int by_pagerank(const void *a, const void *b, void *graph)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  double px = kg_graph_measure(graph, KG_MEASURE_PAGERANK, x);
  double py = kg_graph_measure(graph, KG_MEASURE_PAGERANK, y);
  if (px != py)
    return px > py ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Components and communities are numbered from 0 without gaps. */
static overview overview_of(const kg_graph *graph)
{
  overview o = {kg_graph_vertex_count(graph), kg_graph_edge_count(graph), 0, 0,
                kg_graph_modularity(graph)};
  for (size_t v = 0; v < o.vertices; ++v) {
    size_t c = (size_t)kg_graph_measure(graph, KG_MEASURE_COMPONENT, v);
    size_t k = (size_t)kg_graph_measure(graph, KG_MEASURE_COMMUNITY, v);
    o.components = c + 1 > o.components ? c + 1 : o.components;
    o.communities = k + 1 > o.communities ? k + 1 : o.communities;
  }
  return o;
}

static void print_json(const kg_graph *graph, const overview *o,
                       const size_t *order, FILE *out)
{
  fprintf(out,
          "{\"nodes\":%zu,\"edges\":%zu,\"components\":%zu,"
          "\"communities\":%zu,\"modularity\":%.6f,\"vertices\":[",
          o->vertices, o->edges, o->components, o->communities, o->modularity);
  for (size_t i = 0; i < o->vertices; ++i) {
    size_t v = order[i];
    fputs(i ? ",\n{\"id\":" : "\n{\"id\":", out);
    kg_json_string(out, kg_graph_vertex_id(graph, v));
    fputs(",\"label\":", out);
    kg_json_string(out, kg_graph_vertex_label(graph, v));
    fputs(",\"type\":", out);
    kg_json_string(out, kg_graph_vertex_type(graph, v));
    fprintf(out,
            ",\"degree_in\":%.0f,\"degree_out\":%.0f,"
            "\"betweenness\":%.17g,\"pagerank\":%.17g,"
            "\"community\":%.0f,\"component\":%.0f}",
            kg_graph_measure(graph, KG_MEASURE_DEGREE_IN, v),
            kg_graph_measure(graph, KG_MEASURE_DEGREE_OUT, v),
            kg_graph_measure(graph, KG_MEASURE_BETWEENNESS, v),
            kg_graph_measure(graph, KG_MEASURE_PAGERANK, v),
            kg_graph_measure(graph, KG_MEASURE_COMMUNITY, v),
            kg_graph_measure(graph, KG_MEASURE_COMPONENT, v));
  }
  fputs("]}\n", out);
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
  fprintf(out,
          "%zu nodes, %zu edges, %zu weakly connected components, "
          "%zu communities (modularity %.3f)\n\n",
          o->vertices, o->edges, o->components, o->communities, o->modularity);
  fprintf(out, "%-*s %-*s %4s %4s %11s %8s %5s %5s\n", id_width, "id",
          type_width, "type", "in", "out", "betweenness", "pagerank", "comm",
          "comp");
  for (size_t i = 0; i < o->vertices; ++i) {
    size_t v = order[i];
    fprintf(out, "%-*s %-*s %4.0f %4.0f %11.2f %8.4f %5.0f %5.0f\n", id_width,
            kg_graph_vertex_id(graph, v), type_width,
            kg_graph_vertex_type(graph, v),
            kg_graph_measure(graph, KG_MEASURE_DEGREE_IN, v),
            kg_graph_measure(graph, KG_MEASURE_DEGREE_OUT, v),
            kg_graph_measure(graph, KG_MEASURE_BETWEENNESS, v),
            kg_graph_measure(graph, KG_MEASURE_PAGERANK, v),
            kg_graph_measure(graph, KG_MEASURE_COMMUNITY, v),
            kg_graph_measure(graph, KG_MEASURE_COMPONENT, v));
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
