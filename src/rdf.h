/* rdf.h - the raptor2 adapter: parse Turtle into kgbuild triples, and
 * serialize kgbuild triples as Turtle or N-Triples.  Only this file calls
 * raptor.  Terms reaching the writer have been validated by kgbuild (raptor
 * escapes nothing and checks nothing; see shared/reference/reliability.md). */
#ifndef KG_RDF_H
#define KG_RDF_H

#include "diag.h"

#include <stdio.h>

typedef enum { KG_TERM_IRI, KG_TERM_LITERAL, KG_TERM_BLANK } kg_term_kind;

typedef struct {
  kg_term_kind kind;
  const char *value;    /* IRI, blank node label, or literal lexical form */
  size_t len;           /* bytes of value */
  const char *datatype; /* literals: datatype IRI, or NULL for plain/lang */
  const char *lang;     /* literals: language tag, or NULL */
} kg_term;

typedef struct {
  kg_term s, p, o;
  const char *graph; /* N-Quads: the graph IRI, or NULL for the default graph */
} kg_triple;

typedef struct {
  const char *prefix; /* "" for the default prefix */
  const char *iri;
} kg_prefix;

/* The raptor world: opened once, before any input is read (it allocates
 * heavily and initialises TLS through libcurl). */
typedef struct kg_rdf kg_rdf;
kg_rdf *kg_rdf_new(void) KG_NODISCARD;
void kg_rdf_free(kg_rdf *rdf);

/* Parse a Turtle file.  Each triple and each prefix declaration is handed to
 * the callbacks (strings valid only during the call) with its position.
 * Syntax errors are reported to diag as file:line:col and give KG_ERR_FACTS. */
typedef struct {
  kg_status (*triple)(void *ctx, const kg_triple *t, kg_pos pos);
  kg_status (*prefix)(void *ctx, const char *prefix, const char *iri);
  void *ctx;
} kg_rdf_handler;

kg_status kg_rdf_parse_turtle(kg_rdf *rdf, kg_diag *diag, const char *path,
                              const kg_rdf_handler *handler) KG_NODISCARD;

/* A serializer writing to an open stream, which the caller owns, flushes and
 * checks (raptor reports no write errors).  syntax: "turtle", "ntriples",
 * "nquads" (which writes each triple's graph). */
typedef struct kg_rdf_writer kg_rdf_writer;

kg_rdf_writer *kg_rdf_writer_new(kg_rdf *rdf, const char *syntax, FILE *out,
                                 const kg_prefix *prefixes,
                                 size_t prefix_count) KG_NODISCARD;
kg_status kg_rdf_writer_write(kg_rdf_writer *w, const kg_triple *t) KG_NODISCARD;
kg_status kg_rdf_writer_finish(kg_rdf_writer *w) KG_NODISCARD;
void kg_rdf_writer_free(kg_rdf_writer *w);

#endif
