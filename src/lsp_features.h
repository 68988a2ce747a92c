/* lsp_features.h - what the language server answers from the checked
 * model and the kept texts: completion, definition, hover, references,
 * rename, document symbols; and the ranges of positions.  Each writes one
 * JSON value (a request's result) to out.  Positions in and out are LSP's:
 * 0-based lines, UTF-16 code units. */
#ifndef KG_LSP_FEATURES_H
#define KG_LSP_FEATURES_H

#include "lsp_base.h"

#include <stdio.h>

/* Writes {"start":..,"end":..} of the token at a kgbuild position (1-based
 * line, column in characters) of f: a quoted scalar with its quotes, a
 * plain one up to a space or flow punctuation; line 0 is the file's start. */
void kg_lsp_write_range(FILE *out, const kg_lsp_file *f, uint32_t line,
                        uint32_t col);

kg_status kg_lsp_completion(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character,
                            FILE *out) KG_NODISCARD;
kg_status kg_lsp_definition(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character,
                            FILE *out) KG_NODISCARD;
kg_status kg_lsp_hover(const kg_lsp_base *b, const kg_lsp_file *f,
                       uint32_t line, uint32_t character,
                       FILE *out) KG_NODISCARD;
kg_status kg_lsp_references(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character, bool declaration,
                            FILE *out) KG_NODISCARD;
/* KG_ERR_USAGE (nothing written) when new_name is not a valid id, is an
 * id already, or the cursor is on no known id: why (of why_size bytes)
 * says which. */
kg_status kg_lsp_rename(const kg_lsp_base *b, const kg_lsp_file *f,
                        uint32_t line, uint32_t character, const char *new_name,
                        size_t new_len, FILE *out, char *why,
                        size_t why_size) KG_NODISCARD;
kg_status kg_lsp_symbols(const kg_lsp_base *b, const kg_lsp_file *f,
                         FILE *out) KG_NODISCARD;

#endif
