/* graphml.h - GraphML for Gephi, networkx, igraph and yEd, written with
 * libxml2 (xml.h) straight from the network: one <key> per attribute (ids
 * v_NAME and e_NAME, attr.name NAME), nodes n0, n1... in id order, one
 * <data> per present value; an absent value has no <data>, so readers see
 * it as absent rather than as an empty string.  (Gephi would read
 * <edge label="..."> as an edge type and so keep parallel edges of
 * different relations apart, but the GraphML schema forbids that
 * attribute; the GEXF export carries it as `kind` instead.) */
#ifndef KG_GRAPHML_H
#define KG_GRAPHML_H

#include "graph.h"

#include <stdio.h>

kg_status kg_graphml_write(const kg_graph *graph, FILE *out) KG_NODISCARD;

#endif
