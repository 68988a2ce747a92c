/* emit.h - stage 5: exports.  A const table of backends, each writing the
 * compiled network to a stream.  Files are written to a temporary file in
 * the target directory and renamed into place only when every export of the
 * run has been written, flushed and synced: a failed run changes nothing. */
#ifndef KG_EMIT_H
#define KG_EMIT_H

#include "graph.h"
#include "model.h"
#include "rdf.h"

#include <signal.h>
#include <stdio.h>

/* The compiled network every export reads. */
typedef struct {
  const kg_ontology *onto;
  const kg_model *model;
  const kg_graph *graph;
  const char *base; /* base IRI of entities, validated */
} kg_network;

/* What a backend reads beyond the model: nothing, the network, or the
 * network with its analytics (betweenness is quadratic: only pay for it
 * when an export shows it). */
typedef enum { KG_NEEDS_MODEL, KG_NEEDS_GRAPH, KG_NEEDS_ANALYTICS } kg_needs;

typedef struct {
  const char *name;      /* --format=NAME */
  const char *file_name; /* its file in exports/ */
  const char *describe;  /* for --help */
  kg_status (*write)(const kg_network *net, FILE *out, size_t *items);
  kg_needs needs;
  bool rdf;      /* writes the network's triples */
  unsigned cost; /* its time relative to the others (measured at 100k
                    people), so that threads start the longest first */
} kg_backend;

extern const kg_backend kg_backends[];
extern const size_t kg_backend_count;

const kg_backend *kg_backend_find(const char *name);

/* Writes one export to an open stream (standard output), checking every
 * step of the write.  `name` labels errors. */
kg_status kg_emit_stream(const kg_network *net, const kg_backend *backend,
                         FILE *out, const char *name,
                         kg_diag *diag) KG_NODISCARD;

/* Writes the given backends as files, atomically.  With dir != NULL each goes
 * to dir/file_name, written by up to `jobs` threads (the bytes do not
 * depend on it); with one backend, `path` may name the file instead.
 * `interrupted` is polled between steps (SIGINT, SIGTERM). */
enum { KG_MAX_JOBS = 64 };

kg_status kg_emit_files(const kg_network *net, const kg_backend *const *backends,
                        size_t count, const char *dir, const char *path,
                        unsigned jobs, kg_diag *diag,
                        volatile sig_atomic_t *interrupted) KG_NODISCARD;

/* Writes a file other than an export (the JSON Schema) the same careful
 * way: temporary file, checked writes, fsync, rename. */
kg_status kg_write_file_atomically(const char *path, kg_diag *diag,
                                   kg_status (*write)(void *ctx, FILE *out),
                                   void *ctx) KG_NODISCARD;

/* Removes temporary files left in dir by a run that was killed. */
void kg_emit_clean_stale(const char *dir);

/* Counts the triples each RDF export writes (the statement accounting) and
 * checks that no two statements were given the same IRI. */
kg_status kg_network_verify(const kg_network *net, kg_diag *diag,
                            size_t *triples) KG_NODISCARD;

/* Is base usable as the base IRI of entities? */
bool kg_base_valid(const char *base);

/* The ontology's prefix that base would be read as in JSON-LD (base
 * "xsd:" makes the IRI "xsd:src" a compact IRI, expanded by the context to
 * an XML Schema IRI), or NULL when there is none. */
const char *kg_base_shadowed_by(const char *base, const kg_ontology *onto);

#endif
