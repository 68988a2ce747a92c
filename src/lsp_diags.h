/* lsp_diags.h - the diagnostics of `kgbuild check`, as the language server
 * publishes them.  The kept base holds them as the sink's records
 * (kg_lsp_diag, lsp_base.h); these functions write each as an LSP
 * Diagnostic: the message with its hint in parentheses as check prints
 * it, the code, the severity, the range of the token at the place in
 * UTF-16 code units, and the note as related information. */
#ifndef KG_LSP_DIAGS_H
#define KG_LSP_DIAGS_H

#include "lsp_base.h"

#include <stdio.h>

/* How many of f's: all of its loading's, and check's that name it. */
size_t kg_lsp_diags_count(const kg_lsp_diags *loaded, const kg_lsp_diags *check,
                          const kg_lsp_file *f);
/* Writes publishDiagnostics' params for f: {"uri":..,"diagnostics":[..]}. */
void kg_lsp_diags_write(FILE *out, const kg_lsp_base *b, const kg_lsp_file *f,
                        const kg_lsp_diags *loaded, const kg_lsp_diags *check);

#endif
