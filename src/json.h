/* json.h - the JSON outputs written with jansson (only json.c and rpc.c
 * call it): JSON-LD 1.1 from the exported triples, and a JSON Schema of the
 * fact format from the ontology, for editors with the YAML language server.
 * JSON strings are jsonw.h's, included here for the writers above json.h;
 * a module below the ontology includes jsonw.h alone. */
#ifndef KG_JSON_H
#define KG_JSON_H

#include "jsonw.h"
#include "ontology.h"
#include "rdf.h"

#include <stdio.h>

/* JSON-LD, streamed: begin writes the inline @context (the ontology's
 * prefixes and `id:` for entities); each run of triples about one subject
 * becomes a node object, written when the subject changes; end closes the
 * document. */
typedef struct kg_jsonld kg_jsonld;

/* Sets up jansson for use on several threads: call before they start. */
void kg_json_setup(void);

kg_jsonld *kg_jsonld_new(const kg_prefix *prefixes, size_t count) KG_NODISCARD;
kg_status kg_jsonld_begin(kg_jsonld *doc, FILE *out) KG_NODISCARD;
kg_status kg_jsonld_add(kg_jsonld *doc, const kg_triple *t) KG_NODISCARD;
kg_status kg_jsonld_end(kg_jsonld *doc) KG_NODISCARD;
/* The @context alone, to publish (kg.context.jsonld): the same terms as
 * the one inlined in every kg.jsonld, for documents of one's own. */
kg_status kg_jsonld_write_context(kg_jsonld *doc, FILE *out) KG_NODISCARD;
void kg_jsonld_free(kg_jsonld *doc);

/* The JSON Schema (draft-07) of a fact file. */
kg_status kg_schema_write(const kg_ontology *onto, FILE *out) KG_NODISCARD;

#endif
