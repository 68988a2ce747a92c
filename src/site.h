/* site.h - the static site of the fact base (--format=site): an index of
 * entities by class with a search over a generated index, a page per
 * entity (every statement with its rank, qualifiers and sources as
 * footnotes, both directions, a timeline, its neighbourhood as an SVG laid
 * out by igraph), per source (the passages its quotes were found at), per
 * class, and one for the ontology.  docs/site.md describes it. */
#ifndef KG_SITE_H
#define KG_SITE_H

#include "triples.h"

/* Writes the site into the directory dir, which exists and is empty.
 * *items is the number of files written.  Every text goes through html.h;
 * the bytes depend only on the network (no time, no random number). */
kg_status kg_site_write(const kg_network *net, const char *dir,
                        size_t *items) KG_NODISCARD;

#endif
