/* backends.h - stage 5b: the exports.  One const table, a row per format:
 * its name, its file in exports/, what it reads and the function that
 * writes it to a stream.  The writers themselves live one per format
 * (serialize.c, graphml.c, gexf.c, json.c, csv.c, dot.c, shacl.c); backends.c
 * holds the table and the small adapters from a kg_network to each writer.
 * Writing them to disk, checked and atomically, is publish.h's job. */
#ifndef KG_BACKENDS_H
#define KG_BACKENDS_H

#include "compress.h"
#include "triples.h"

#include <stdio.h>

/* What a backend reads beyond the model: nothing, the network, or the
 * network with its analytics (betweenness is quadratic: only pay for it
 * when an export shows it). */
typedef enum { KG_NEEDS_MODEL, KG_NEEDS_GRAPH, KG_NEEDS_ANALYTICS } kg_needs;

/* A row of the table.  `write` may run on any thread beside the other
 * backends' writes (publish.c writes exports at once): it shares nothing
 * writable with them.  What its library must set up once per process
 * before threads use it is `setup`, which is called, before any thread
 * starts, for every backend of the run. */
typedef struct {
  const char *name;      /* --format=NAME */
  const char *file_name; /* its file in exports/ */
  const char *describe;  /* for --help */
  kg_status (*write)(const kg_network *net, FILE *out, size_t *items);
  kg_needs needs;
  bool rdf;            /* writes the network's triples */
  unsigned cost;       /* its time relative to the others (measured at 100k
                          people), so that threads start the longest first */
  void (*setup)(void); /* NULL: nothing to set up */
  /* A directory of files rather than one stream (the site): written into
   * an empty directory, published whole with the set; `write` is NULL.  A
   * directory export is written when --format names it, not by a plain
   * build (docs/site.md: a site of a large base is many files). */
  kg_status (*write_dir)(const kg_network *net, const char *dir, size_t *items);
} kg_backend;

extern const kg_backend kg_backends[];
extern const size_t kg_backend_count;

const kg_backend *kg_backend_find(const char *name);

/* --compress: copies of the chosen rows whose exports are RDF (ttl, nt, nq,
 * jsonld), their file names ending in the method's suffix (kg.nt.gz), in
 * place of those rows in `chosen`.  The suffix is what tells publish.c to
 * compress (kg_backend_compression).  The caller frees the copies (NULL
 * when nothing was compressed is fine).  The network exports stay as they
 * are: their readers (Gephi, Graphviz, spreadsheets) take no compressed
 * file, and their size grows with the network, not with the triples. */
kg_status kg_backends_compress(const kg_backend **chosen, size_t count,
                               kg_compression c,
                               kg_backend **copies) KG_NODISCARD;
kg_compression kg_backend_compression(const kg_backend *backend);

#endif
