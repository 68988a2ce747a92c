/* graph.h - stage 4: the compiled network as an igraph graph.  Only this
 * file calls igraph.  Vertices are entities in id order; edges are the
 * asserted statements between entities, in statement order; literal facts
 * become vertex attributes.  GraphML is written from here. */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include "model.h"

#include <stdio.h>

typedef struct kg_graph kg_graph;

/* base: the validated base IRI that entity ids are appended to. */
kg_status kg_graph_build(const kg_model *model, const char *base,
                         kg_graph **out) KG_NODISCARD;
void kg_graph_free(kg_graph *graph);

size_t kg_graph_vertex_count(const kg_graph *graph);
size_t kg_graph_edge_count(const kg_graph *graph);

/* Adds the analytics as numeric vertex attributes: degree_in, degree_out,
 * betweenness, pagerank, community (Leiden, modularity, fixed seed), component
 * (weak). */
kg_status kg_graph_analyse(kg_graph *graph) KG_NODISCARD;

/* Prints the analytics, vertices by PageRank: a table, or JSON. */
kg_status kg_graph_print_stats(const kg_graph *graph, FILE *out,
                               bool json) KG_NODISCARD;

/* Writes GraphML to a stream the caller owns, flushes and checks. */
kg_status kg_graph_write_graphml(const kg_graph *graph, FILE *out) KG_NODISCARD;

/* Reading the network back, for writers other than igraph's (GEXF, DOT).
 * Attributes come in the order they were made, which is fixed. */
typedef struct {
  char *name;
  bool numeric; /* else text */
} kg_graph_attr;

kg_status kg_graph_attributes(const kg_graph *graph, bool vertex,
                              kg_graph_attr **attrs,
                              size_t *count) KG_NODISCARD;
void kg_graph_attributes_free(kg_graph_attr *attrs, size_t count);

/* Text values are "" when absent; numbers NaN. */
const char *kg_graph_vertex_text(const kg_graph *graph, const char *name,
                                 size_t v);
double kg_graph_vertex_number(const kg_graph *graph, const char *name,
                              size_t v);
const char *kg_graph_edge_text(const kg_graph *graph, const char *name,
                               size_t e);
double kg_graph_edge_number(const kg_graph *graph, const char *name, size_t e);
void kg_graph_edge_ends(const kg_graph *graph, size_t e, size_t *from,
                        size_t *to);

#endif
