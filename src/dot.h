/* dot.h - the network in Graphviz's DOT language, for pictures: one node
 * per entity (label and type, coloured by type), one edge per relation
 * (labelled with its key). */
#ifndef KG_DOT_H
#define KG_DOT_H

#include "graph.h"

#include <stdio.h>

kg_status kg_dot_write(const kg_graph *graph, FILE *out) KG_NODISCARD;

#endif
