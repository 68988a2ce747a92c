/* lsp.h - `kgbuild lsp`: a Language Server Protocol server for fact
 * files over standard input and output (docs/editors.md).  Diagnostics
 * are those `kgbuild check` gives for the whole fact base, an open
 * buffer's text standing for its file; completion, definition, hover,
 * references, rename and document symbols come from the checked model. */
#ifndef KG_LSP_H
#define KG_LSP_H

#include "ontology.h"

#include <stdio.h>

/* Serves messages from in, answering on out, until `exit` or the end of
 * in; log gets a line per re-check (its times) and what was refused.
 * The fact base is read on up to `jobs` threads when it is opened.
 * KG_OK after a shutdown then exit, or when the client vanished;
 * KG_ERR_FACTS after an exit without shutdown (exit status 1, as the
 * protocol asks); KG_ERR_INTERRUPTED once the flag `signals` watches
 * (kg_diag_watch; NULL: none) is set; KG_ERR_NOMEM. */
kg_status kg_lsp_serve(const kg_ontology *onto, kg_map *strings, FILE *in,
                       FILE *out, FILE *log, const kg_diag *signals,
                       unsigned jobs) KG_NODISCARD;

#endif
