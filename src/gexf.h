/* gexf.h - GEXF 1.3 for Gephi, written with libxml2 (xml.h).
 * Entities are nodes with their ids, labels and
 * attributes; relations are edges whose `kind` is the YAML key, so Gephi
 * never merges two different relations between the same entities; dates
 * become spells, so Gephi's timeline replays who held which post when. */
#ifndef KG_GEXF_H
#define KG_GEXF_H

#include "graph.h"

#include <stdio.h>

kg_status kg_gexf_write(const kg_graph *graph, FILE *out) KG_NODISCARD;

#endif
