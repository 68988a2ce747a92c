/* lsp_diags.h - the diagnostics of `kgbuild check`, as the language server
 * publishes them.  The kept base collects them as `--diagnostics=json`
 * lines (lsp_base.c); these functions read the lines back and write each
 * as an LSP Diagnostic: the message with its hint in parentheses as check
 * prints it, the code, the severity, the range of the token at the place
 * in UTF-16 code units, and the note as related information. */
#ifndef KG_LSP_DIAGS_H
#define KG_LSP_DIAGS_H

#include "lsp_base.h"
#include "rpc.h"

#include <stdio.h>

/* Diagnostic lines, parsed. */
typedef struct {
  kg_rpc_value **items;
  size_t count, capacity;
} kg_lsp_diags;

/* Appends the JSON lines of text (NULL: none) to l. */
kg_status kg_lsp_diags_parse(kg_lsp_diags *l, const char *text,
                             size_t len) KG_NODISCARD;
/* Frees what l holds and empties it.  NULL is allowed. */
void kg_lsp_diags_free(kg_lsp_diags *l);

/* How many of f's: all of its loading's, and check's that name it. */
size_t kg_lsp_diags_count(const kg_lsp_diags *loaded, const kg_lsp_diags *check,
                          const kg_lsp_file *f);
/* Writes publishDiagnostics' params for f: {"uri":..,"diagnostics":[..]}. */
void kg_lsp_diags_write(FILE *out, const kg_lsp_base *b, const kg_lsp_file *f,
                        const kg_lsp_diags *loaded, const kg_lsp_diags *check);

#endif
