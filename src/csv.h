/* csv.h - the network as two CSV tables in the layout Gephi's spreadsheet
 * importer and pandas read: kg.nodes.csv (Id, Label, attributes) and
 * kg.edges.csv (Source, Target, Type, Label, Weight, attributes).  RFC 4180:
 * CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. */
#ifndef KG_CSV_H
#define KG_CSV_H

#include "graph.h"

#include <stdio.h>

kg_status kg_csv_write_nodes(const kg_graph *graph, FILE *out) KG_NODISCARD;
kg_status kg_csv_write_edges(const kg_graph *graph, FILE *out) KG_NODISCARD;

#endif
