/* push.h - `kgbuild push URL`: the build published into a running SPARQL
 * store through the SPARQL 1.1 Graph Store HTTP Protocol (http.h), one
 * named graph per source and one for the ontology, as kg.nq groups them.
 *
 * The store keeps a manifest graph (BASE _push) recording, for every graph
 * kgbuild put there, its content hash (SHA-256 of its N-Triples in
 * kgbuild's fixed order) and the build it came from.  A push reads the
 * manifest, sends only the graphs whose hash changed (PUT, or PUT then
 * POSTs when a graph is sent in chunks: the store's 413, or a graph larger
 * than the memory kgbuild gives it), DELETEs the graphs of removed sources,
 * and writes the manifest last, whole, in one PUT, only once everything
 * else succeeded.  So after a failed push the manifest still describes the
 * push before it, every graph the failed one touched differs from it, and
 * the next push sends them again (docs/stores.md, "kgbuild push"). */
#ifndef KG_PUSH_H
#define KG_PUSH_H

#include "triples.h"

#include <signal.h>
#include <stdio.h>

typedef struct {
  const char *endpoint; /* the Graph Store endpoint */
  bool dry_run;         /* list what would change on `listing`; send nothing */
  bool progress;        /* a progress line on standard error */
  bool quiet;           /* no summary line */
  long timeout;         /* seconds to connect, and of a stall */
  FILE *listing;        /* --dry-run's list */
} kg_push_options;

/* KG_OK, KG_ERR_IO (the store unreachable or refusing: reported to diag as
 * one line), KG_ERR_NOMEM or KG_ERR_INTERRUPTED. */
kg_status kg_push(const kg_network *net, kg_rdf *rdf,
                  const kg_push_options *opt, kg_diag *diag,
                  const volatile sig_atomic_t *interrupted) KG_NODISCARD;

#endif
