/* lsp_diags.c - check's diagnostics as LSP's (see lsp_diags.h). */
#include "lsp_diags.h"

#include "jsonw.h"
#include "lsp_features.h"

#include <string.h>

/* The message as check's text output gives it: "message (hint)". */
static void write_message(FILE *out, const kg_lsp_diag *d)
{
  size_t len = strlen(d->message);
  size_t hint_len = d->hint ? strlen(d->hint) : 0;
  char *text = d->hint ? kg_malloc(len + hint_len + 4) : NULL;
  if (!text) { /* no hint, or no memory for it: the message alone */
    kg_json_write_string(out, d->message, len);
    return;
  }
  memcpy(text, d->message, len);
  memcpy(text + len, " (", 2);
  memcpy(text + len + 2, d->hint, hint_len);
  text[len + 2 + hint_len] = ')';
  kg_json_write_string(out, text, len + hint_len + 3);
  kg_free(text);
}

/* The note of a diagnostic ("first defined here") as related information,
 * where it has a place in a known file. */
static void write_note(const kg_lsp_base *b, FILE *out, const kg_lsp_diag *d)
{
  const kg_lsp_file *f =
      d->note_file ? kg_lsp_base_named(b, d->note_file) : NULL;
  if (!d->note || !f)
    return;
  fputs(",\"relatedInformation\":[{\"location\":{\"uri\":", out);
  kg_json_string(out, f->uri);
  fputs(",\"range\":", out);
  kg_lsp_write_range(out, f, d->note_line, d->note_column);
  fputs("},\"message\":", out);
  kg_json_string(out, d->note);
  fputs("}]", out);
}

static void write_diagnostic(const kg_lsp_base *b, FILE *out,
                             const kg_lsp_file *f, const kg_lsp_diag *d,
                             bool *first)
{
  int level = d->severity == KG_SEV_ERROR     ? 1
              : d->severity == KG_SEV_WARNING ? 2
                                              : 3;
  fputs(*first ? "{\"range\":" : ",{\"range\":", out);
  *first = false;
  kg_lsp_write_range(out, f, d->line, d->column);
  fprintf(out, ",\"severity\":%d,\"source\":\"kgbuild\",\"code\":", level);
  kg_json_string(out, d->code);
  fputs(",\"message\":", out);
  write_message(out, d);
  write_note(b, out, d);
  fputc('}', out);
}

static bool names(const kg_lsp_diag *d, const kg_lsp_file *f)
{
  return d->file && !strcmp(d->file, f->name);
}

size_t kg_lsp_diags_count(const kg_lsp_diags *loaded, const kg_lsp_diags *check,
                          const kg_lsp_file *f)
{
  size_t n = loaded->count;
  for (size_t i = 0; i < check->count; ++i)
    n += names(&check->items[i], f);
  return n;
}

void kg_lsp_diags_write(FILE *out, const kg_lsp_base *b, const kg_lsp_file *f,
                        const kg_lsp_diags *loaded, const kg_lsp_diags *check)
{
  bool first = true;
  fputs("{\"uri\":", out);
  kg_json_string(out, f->uri);
  fputs(",\"diagnostics\":[", out);
  for (size_t i = 0; i < loaded->count; ++i)
    write_diagnostic(b, out, f, &loaded->items[i], &first);
  for (size_t i = 0; i < check->count; ++i)
    if (names(&check->items[i], f))
      write_diagnostic(b, out, f, &check->items[i], &first);
  fputs("]}", out);
}
