/* serialize.h - the serd adapter: kgbuild triples written as Turtle,
 * N-Triples or N-Quads.  Only serialize.c calls serd.
 *
 * Why serd and not raptor2 (which still parses the ontology): raptor's
 * Turtle serializer keeps every triple in memory and sorts it before writing
 * a byte (84 s and 2.1 GB for the 100k-person bench base, against 17 s for
 * N-Triples), and its N-Triples writer builds and frees a term per position
 * and writes a byte at a time.  serd streams: the Turtle it writes groups
 * consecutive triples of one subject with ';', so kgbuild hands it triples
 * grouped by subject (see triples.c), and it needs no memory beyond one
 * triple.  docs/performance.md has the figures.
 *
 * Terms reaching the serializer have been validated by kgbuild: IRIs by the
 * IRI grammar, literals as UTF-8 text without control characters other than
 * tab, line feed and carriage return. */
#ifndef KG_SERIALIZE_H
#define KG_SERIALIZE_H

#include "rdf.h"

#include <stdio.h>

typedef enum {
  KG_SYNTAX_TURTLE,
  KG_SYNTAX_NTRIPLES,
  KG_SYNTAX_NQUADS, /* writes each triple's graph */
} kg_syntax;

typedef struct kg_serializer kg_serializer;

/* A serializer writing to `out`, which the caller owns, flushes and checks.
 * Turtle declares the prefixes first and writes an IRI as prefix:local when
 * one of them covers it (the longest). */
kg_serializer *kg_serializer_new(kg_syntax syntax, FILE *out,
                                 const kg_prefix *prefixes,
                                 size_t prefix_count) KG_NODISCARD;
kg_status kg_serializer_write(kg_serializer *s,
                              const kg_triple *t) KG_NODISCARD;
/* Ends the last statement and hands every byte to `out`. */
kg_status kg_serializer_finish(kg_serializer *s) KG_NODISCARD;
void kg_serializer_free(kg_serializer *s);

#endif
