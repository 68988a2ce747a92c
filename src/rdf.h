/* rdf.h - kgbuild's RDF terms and triples, and the raptor2 adapter that
 * parses the ontology's Turtle into them.  Only rdf.c calls raptor; the
 * exports are written by serd (serialize.h). */
#ifndef KG_RDF_H
#define KG_RDF_H

#include "diag.h"

#include <stdio.h>

typedef enum { KG_TERM_IRI, KG_TERM_LITERAL, KG_TERM_BLANK } kg_term_kind;

typedef struct {
  kg_term_kind kind;
  const char *value;    /* IRI, blank node label, or literal lexical form;
                           value[len] is NUL */
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

/* The same for Turtle (or N-Triples) held in memory, `name` labelling the
 * diagnostics: a store's answer to kgbuild push. */
kg_status kg_rdf_parse_turtle_text(kg_rdf *rdf, kg_diag *diag, const char *name,
                                   const char *text, size_t len,
                                   const kg_rdf_handler *handler) KG_NODISCARD;

#endif
