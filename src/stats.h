/* stats.h - `kgbuild stats`: the network's measures, one row per entity,
 * highest PageRank first, as a table or as JSON. */
#ifndef KG_STATS_H
#define KG_STATS_H

#include "graph.h"

#include <stdio.h>

/* graph must be analysed (kg_graph_analyse).  KG_ERR_IO when out failed. */
kg_status kg_stats_print(const kg_graph *graph, FILE *out,
                         bool json) KG_NODISCARD;

#endif
