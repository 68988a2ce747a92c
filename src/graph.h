/* graph.h - stage 4: the compiled network, an igraph graph and its
 * measures.  Only graph.c calls igraph.  Vertices are entities in id order;
 * edges are the asserted statements between entities, in statement order;
 * literal facts become vertex attributes, read from the model on demand. */
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

/* The measures --measures picks, as bits: each costs its own time
 * (betweenness is exact Brandes, O(V*E)), so a large base may skip some. */
enum {
  KG_MEASURES_NONE = 0,
  KG_MEASURES_DEGREE = 1 << 0,
  KG_MEASURES_BETWEENNESS = 1 << 1,
  KG_MEASURES_PAGERANK = 1 << 2,
  KG_MEASURES_COMMUNITIES = 1 << 3,
  KG_MEASURES_COMPONENTS = 1 << 4,
  KG_MEASURES_ALL = (1 << 5) - 1
};

/* "all", "none" or a comma-separated list of degree, betweenness,
 * pagerank, communities, components; KG_ERR_USAGE on any other word. */
kg_status kg_measures_parse(const char *list, unsigned *out) KG_NODISCARD;

/* Adds the chosen measures (KG_MEASURES_* bits) as numeric vertex
 * attributes, in a fixed order: degree_in, degree_out, betweenness,
 * pagerank, component (weak), community (Leiden, modularity, fixed seed).
 * A measure not chosen is absent, not zero.  kg_graph_analyse: all. */
kg_status kg_graph_analyse_some(kg_graph *graph, unsigned which) KG_NODISCARD;
kg_status kg_graph_analyse(kg_graph *graph) KG_NODISCARD;

/* The measures kg_graph_analyse adds, in the order exports show them. */
typedef enum {
  KG_MEASURE_DEGREE_IN,
  KG_MEASURE_DEGREE_OUT,
  KG_MEASURE_BETWEENNESS,
  KG_MEASURE_PAGERANK,
  KG_MEASURE_COMPONENT,
  KG_MEASURE_COMMUNITY,
  KG_MEASURE_COUNT
} kg_measure;

/* Reading the measures, once analysed (kg_graph_analysed): whether m was
 * computed, measure m of vertex v (NaN when it was not), the modularity of
 * the community partition and the Leiden passes that found it. */
bool kg_graph_analysed(const kg_graph *graph);
bool kg_graph_has_measure(const kg_graph *graph, kg_measure m);
double kg_graph_measure(const kg_graph *graph, kg_measure m, size_t v);
double kg_graph_modularity(const kg_graph *graph);
unsigned kg_graph_leiden_passes(const kg_graph *graph);

/* What measure m is, by which algorithm and with which parameters: the
 * exports' key descriptions and `stats --json` say it. */
const char *kg_graph_measure_name(kg_measure m);
const char *kg_graph_measure_describe(kg_measure m);

/* Reading the network, for the writers (GraphML, GEXF, CSV, DOT).  The
 * attributes come in a fixed order: kg_id, label, type, iri, start, end,
 * the literal columns by name, then the measures once analysed.
 * An edge is a relation (subject, key, object): one igraph edge, however
 * many statements (spells) give it, so that the measures do not depend on
 * them.  Each of its statements is a row (a GraphML edge, a CSV row, a
 * GEXF spell), whole: edge attributes are read per row, in this order:
 * label (its YAML key), predicate, relation (its edge, "e" N), sources
 * (every source, space-separated), weight, then one text column per
 * qualifier key the rows carry (start, end, as_of, context, ...), by name:
 * a one-valued qualifier's value, ids space-separated, text a JSON array
 * (docs/modelling.md). */
typedef enum { KG_ATTR_TEXT, KG_ATTR_INTEGER, KG_ATTR_REAL } kg_attr_type;

typedef struct {
  const char *name;
  kg_attr_type type;
} kg_graph_attr;

size_t kg_graph_attribute_count(const kg_graph *graph, bool vertex);
kg_graph_attr kg_graph_attribute(const kg_graph *graph, bool vertex, size_t a);
/* The description of attribute a: a measure's (kg_graph_measure_describe),
 * NULL for the others. */
const char *kg_graph_attribute_describe(const kg_graph *graph, bool vertex,
                                        size_t a);

/* The caller's room for the text values kg_graph_text makes (an entity's
 * IRI, a column's values as a JSON array, an edge's sources): each writer owns
 * one, so that writers on several threads share nothing.  Sized for the
 * graph's longest such value, so that reading never allocates. */
typedef struct kg_graph_buffer kg_graph_buffer;

kg_graph_buffer *kg_graph_buffer_new(const kg_graph *graph) KG_NODISCARD;
void kg_graph_buffer_free(kg_graph_buffer *buf);

/* Attribute a of vertex i, or of edge row i.  Text is "" when absent and stays
 * valid until buf (made for this graph) is used again; numbers are NaN when
 * absent.  Neither call allocates, so neither can fail. */
const char *kg_graph_text(const kg_graph *graph, kg_graph_buffer *buf,
                          bool vertex, size_t a, size_t i);
double kg_graph_number(const kg_graph *graph, bool vertex, size_t a, size_t i);

const char *kg_graph_vertex_id(const kg_graph *graph, size_t v);
const char *kg_graph_vertex_label(const kg_graph *graph, size_t v);
const char *kg_graph_vertex_type(const kg_graph *graph, size_t v);
const char *kg_graph_vertex_start(const kg_graph *graph, size_t v);
const char *kg_graph_vertex_end(const kg_graph *graph, size_t v);
/* The rows: every statement between entities, the rows of one edge
 * adjacent; the edge of a row; an edge's rows. */
size_t kg_graph_row_count(const kg_graph *graph);
size_t kg_graph_row_edge(const kg_graph *graph, size_t r);
void kg_graph_edge_rows(const kg_graph *graph, size_t e, size_t *first,
                        size_t *count);
/* A row's spell, as xsd:date text ("" when open): its statement's
 * `start` and `end` qualifiers where given, else the stating entity's. */
const char *kg_graph_edge_start(const kg_graph *graph, size_t row);
const char *kg_graph_edge_end(const kg_graph *graph, size_t row);
const char *kg_graph_edge_key(const kg_graph *graph, size_t e);
void kg_graph_edge_ends(const kg_graph *graph, size_t e, size_t *from,
                        size_t *to);

/* A small graph laid out by igraph (Kamada-Kawai from a circle, no random
 * numbers: the same coordinates every run), for the site's neighbourhood
 * pictures: n vertices, `edges` pairs of vertex numbers in `ends`; xy gets
 * 2n coordinates, x then y of each vertex, in no fixed range. */
kg_status kg_layout_small(size_t n, const size_t *ends, size_t edges,
                          double *xy) KG_NODISCARD;

#endif
