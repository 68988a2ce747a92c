/* lsp_diags.c - check's diagnostics as LSP's (see lsp_diags.h). */
#include "lsp_diags.h"

#include "json.h"
#include "lsp_features.h"

#include <string.h>

kg_status kg_lsp_diags_parse(kg_lsp_diags *l, const char *text, size_t len)
{
  if (!text) /* no diagnostics */
    return KG_OK;
  const char *end = text + len;
  while (text && text < end) {
    const char *nl = memchr(text, '\n', (size_t)(end - text));
    size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
    bool nomem = false;
    kg_rpc_value *v = n ? kg_rpc_parse(text, n, &nomem) : NULL;
    if (nomem)
      return KG_ERR_NOMEM;
    if (v) {
      if (l->count == l->capacity) {
        kg_rpc_value **grown =
            kg_grow(l->items, &l->capacity, l->count, sizeof *l->items, 16);
        if (!grown) {
          kg_rpc_value_free(v);
          return KG_ERR_NOMEM;
        }
        l->items = grown;
      }
      l->items[l->count++] = v;
    }
    text = nl ? nl + 1 : end;
  }
  return KG_OK;
}

void kg_lsp_diags_free(kg_lsp_diags *l)
{
  if (!l)
    return;
  for (size_t i = 0; i < l->count; ++i)
    kg_rpc_value_free(l->items[i]);
  kg_free(l->items);
  *l = (kg_lsp_diags){0};
}

static uint32_t position_part(const kg_rpc_value *v, const char *path)
{
  long long n = 0;
  return kg_rpc_int(v, path, &n) && n > 0 && n < UINT32_MAX ? (uint32_t)n : 0;
}

/* The message as check's text output gives it: "message (hint)". */
static void write_message(FILE *out, const kg_rpc_value *d)
{
  const char *said = kg_rpc_str(d, "message");
  const char *hint = kg_rpc_str(d, "hint");
  size_t len = kg_rpc_strlen(d, "message");
  size_t hint_len = kg_rpc_strlen(d, "hint");
  char *text = kg_malloc(len + hint_len + 4);
  if (!text) { /* the message alone, then */
    kg_json_string(out, said);
    return;
  }
  memcpy(text, said ? said : "", len);
  if (hint) {
    memcpy(text + len, " (", 2);
    memcpy(text + len + 2, hint, hint_len);
    text[len + 2 + hint_len] = ')';
    len += hint_len + 3;
  }
  kg_json_write_string(out, text, len);
  kg_free(text);
}

/* The note of a diagnostic ("first defined here") as related information,
 * where it has a place in a known file. */
static void write_note(const kg_lsp_base *b, FILE *out, const kg_rpc_value *d)
{
  const char *note = kg_rpc_str(d, "note.message");
  const char *file = kg_rpc_str(d, "note.file");
  const kg_lsp_file *f = file ? kg_lsp_base_named(b, file) : NULL;
  if (!note || !f)
    return;
  fputs(",\"relatedInformation\":[{\"location\":{\"uri\":", out);
  kg_json_string(out, f->uri);
  fputs(",\"range\":", out);
  kg_lsp_write_range(out, f, position_part(d, "note.line"),
                     position_part(d, "note.column"));
  fputs("},\"message\":", out);
  kg_json_string(out, note);
  fputs("}]", out);
}

static void write_diagnostic(const kg_lsp_base *b, FILE *out,
                             const kg_lsp_file *f, const kg_rpc_value *d,
                             bool *first)
{
  const char *severity = kg_rpc_str(d, "severity");
  int level = !severity                      ? 1
              : !strcmp(severity, "error")   ? 1
              : !strcmp(severity, "warning") ? 2
                                             : 3;
  fputs(*first ? "{\"range\":" : ",{\"range\":", out);
  *first = false;
  kg_lsp_write_range(out, f, position_part(d, "line"),
                     position_part(d, "column"));
  fprintf(out, ",\"severity\":%d,\"source\":\"kgbuild\",\"code\":", level);
  kg_json_string(out, kg_rpc_str(d, "code"));
  fputs(",\"message\":", out);
  write_message(out, d);
  write_note(b, out, d);
  fputc('}', out);
}

static bool names(const kg_rpc_value *d, const kg_lsp_file *f)
{
  const char *file = kg_rpc_str(d, "file");
  return file && !strcmp(file, f->name);
}

size_t kg_lsp_diags_count(const kg_lsp_diags *loaded, const kg_lsp_diags *check,
                          const kg_lsp_file *f)
{
  size_t n = loaded->count;
  for (size_t i = 0; i < check->count; ++i)
    n += names(check->items[i], f);
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
    write_diagnostic(b, out, f, loaded->items[i], &first);
  for (size_t i = 0; i < check->count; ++i)
    if (names(check->items[i], f))
      write_diagnostic(b, out, f, check->items[i], &first);
  fputs("]}", out);
}
