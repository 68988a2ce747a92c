/* shacl.h - stage 5b: SHACL shapes, in Turtle, generated from the ontology:
 * the rules the fact format enforces, said in the terms a SPARQL store's
 * own validators read, so that whoever edits a store's copy of the exports
 * can hold it to them.  docs/stores.md says how to run them; the choices
 * (which rules are warnings, why acyclicity is SHACL-SPARQL) are in
 * shacl.c. */
#ifndef KG_SHACL_H
#define KG_SHACL_H

#include "ontology.h"

#include <stdio.h>

/* The namespace of the shapes' own IRIs. */
#define KG_SHAPES "https://w3id.org/kgbuild/shapes#"

/* Writes the shapes for the ontology's keys; `base` is the base IRI of
 * entities (their ids' pattern).  *triples counts what was written. */
kg_status kg_shacl_write(const kg_ontology *onto, const char *base, FILE *out,
                         size_t *triples) KG_NODISCARD;

#endif
