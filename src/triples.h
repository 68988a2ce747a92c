/* triples.h - stage 5a: the compiled network as one stream of RDF triples,
 * in a fixed order: the ontology, then each entity in id order with its
 * statements, each statement's provenance as RDF reification (statement
 * IRIs minted from a hash of the triple), and in quads mode one graph per
 * source.  Every RDF export (backends.h) writes this one stream; this file
 * owns the base IRI that entity ids are appended to. */
#ifndef KG_TRIPLES_H
#define KG_TRIPLES_H

#include "graph.h"
#include "model.h"
#include "rdf.h"

/* The compiled network every export reads. */
typedef struct {
  const kg_ontology *onto;
  const kg_model *model;
  const kg_graph *graph;
  const char *base; /* base IRI of entities, validated */
} kg_network;

/* Is base usable as the base IRI of entities? */
bool kg_base_valid(const char *base);

/* The ontology's prefix that base would be read as in JSON-LD (base
 * "xsd:" makes the IRI "xsd:src" a compact IRI, expanded by the context to
 * an XML Schema IRI), or NULL when there is none. */
const char *kg_base_shadowed_by(const char *base, const kg_ontology *onto);

/* Hands every triple of the network to fn, in the fixed order; with
 * `quads`, each once per graph it belongs to.  The terms are valid only
 * during the call.  A status other than KG_OK from fn stops the walk and
 * is returned. */
typedef kg_status (*kg_triple_fn)(void *ctx, const kg_triple *t);

kg_status kg_network_triples(const kg_network *net, bool quads, kg_triple_fn fn,
                             void *ctx) KG_NODISCARD;

/* Counts the triples each RDF export writes (the statement accounting) and
 * checks that no two statements were given the same IRI. */
kg_status kg_network_verify(const kg_network *net, kg_diag *diag,
                            size_t *triples) KG_NODISCARD;

#endif
