/* lsp_incr.h - the language server's incremental re-check.  An editor's
 * change of a range is applied to the kept text; when it stays inside one
 * entry (a top-level list item), only that entry is parsed again and
 * spliced into the kept tree, the lines after it shifted.  The check then
 * models and checks that entry alone, with the entries it reads (what it
 * refers to, what refers to it, the sources they cite), and takes the
 * last whole check's diagnostics for everything else, when that is sure
 * to give what a whole check gives (docs/design-notes.md, "The language
 * server"); otherwise the whole base is checked. */
#ifndef KG_LSP_INCR_H
#define KG_LSP_INCR_H

#include "lsp_base.h"

/* Replaces the text between two LSP positions (0-based lines, UTF-16
 * columns) of f by text, and parses again what it changed. */
kg_status kg_lsp_incr_edit(kg_lsp_base *b, kg_lsp_file *f, uint32_t l0,
                           uint32_t c0, uint32_t l1, uint32_t c1,
                           const char *text, size_t len) KG_NODISCARD;

/* Re-checks the base after changes: the changed entry alone when that is
 * exact, else the whole base (kg_lsp_base_check).  With KG_LSP_VERIFY set
 * in the environment, an entry's check is followed by a whole one from
 * every text parsed again, whose diagnostics are kept, and b->differed
 * counts those that were not the same. */
kg_status kg_lsp_incr_check(kg_lsp_base *b) KG_NODISCARD;

#endif
