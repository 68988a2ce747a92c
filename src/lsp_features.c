/* lsp_features.c - the language server's answers (see lsp_features.h).
 * Ids and their places come from the checked model, whose positions are
 * kgbuild's (1-based lines, columns in characters); the texts the editor
 * sent turn them into LSP's (0-based lines, UTF-16 code units).
 * Completion is in lsp_complete.c. */
#include "lsp_features.h"

#include "json.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- text -----------------------------------------------------------------
 */

typedef kg_slice span;

static size_t sequence_length(unsigned char c)
{
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The byte offset in a line of its character `chars` (0-based). */
static size_t char_offset(span line, uint32_t chars)
{
  size_t at = 0;
  for (uint32_t i = 0; i < chars && at < line.len; ++i)
    at += sequence_length((unsigned char)line.ptr[at]);
  return at < line.len ? at : line.len;
}

static size_t count_chars(const char *s, size_t len)
{
  size_t n = 0;
  for (size_t at = 0; at < len; at += sequence_length((unsigned char)s[at]))
    ++n;
  return n;
}

/* The characters a token at byte `at` of a line takes: a quoted scalar to
 * its closing quote, a plain one to a space, flow punctuation, a comment
 * or a key's colon; at least one. */
static size_t token_chars(span line, size_t at)
{
  size_t end = at;
  if (at < line.len && (line.ptr[at] == '"' || line.ptr[at] == '\'')) {
    char q = line.ptr[at];
    for (end = at + 1; end < line.len && line.ptr[end] != q; ++end)
      if (q == '"' && line.ptr[end] == '\\' && end + 1 < line.len)
        ++end;
    end = end < line.len ? end + 1 : end;
  } else {
    while (end < line.len && !strchr(" \t,[]{}#:", line.ptr[end]))
      ++end;
  }
  size_t n = count_chars(line.ptr + at, end - at);
  return n ? n : 1;
}

static void write_position(FILE *out, uint32_t line, uint32_t character)
{
  fprintf(out, "{\"line\":%u,\"character\":%u}", (unsigned)line,
          (unsigned)character);
}

/* A range on 0-based `line` from character `from` to `to`. */
static void write_chars(FILE *out, const kg_lsp_file *f, uint32_t line,
                        uint32_t from, uint32_t to)
{
  fputs("{\"start\":", out);
  write_position(out, line, kg_lsp_utf16_col(f->text, f->len, line, from));
  fputs(",\"end\":", out);
  write_position(out, line, kg_lsp_utf16_col(f->text, f->len, line, to));
  fputc('}', out);
}

void kg_lsp_write_range(FILE *out, const kg_lsp_file *f, uint32_t line,
                        uint32_t col)
{
  if (!line || !col) { /* about the whole file */
    fputs("{\"start\":{\"line\":0,\"character\":0},"
          "\"end\":{\"line\":0,\"character\":0}}",
          out);
    return;
  }
  span text = kg_lsp_line(f, line - 1);
  size_t chars = token_chars(text, char_offset(text, col - 1));
  write_chars(out, f, line - 1, col - 1, col - 1 + (uint32_t)chars);
}

/* The id-like word at an LSP position, or an empty span. */
static span word_at(const kg_lsp_file *f, uint32_t line, uint32_t character)
{
  size_t at = kg_lsp_offset(f->text, f->len, line, character);
  size_t start = at, end = at;
  while (start > 0 && kg_lsp_is_id_char(f->text[start - 1]))
    --start;
  while (end < f->len && kg_lsp_is_id_char(f->text[end]))
    ++end;
  return (span){f->text + start, end - start};
}

/* The entity of the id at a position: NULL when there is none (*id then
 * still says whether the id is mentioned at all). */
static const kg_entity *entity_at(const kg_lsp_base *b, const kg_lsp_file *f,
                                  uint32_t line, uint32_t character, span *id)
{
  *id = word_at(f, line, character);
  if (!b->modelled || !id->len)
    return NULL;
  return kg_map_get(b->model.by_id, id->ptr, id->len);
}

static void write_location(FILE *out, const kg_lsp_base *b, kg_pos pos)
{
  const kg_lsp_file *f = kg_lsp_base_named(b, pos.file);
  fputs("{\"uri\":", out);
  kg_json_string(out, f ? f->uri : "");
  fputs(",\"range\":", out);
  if (f)
    kg_lsp_write_range(out, f, pos.line, pos.col);
  else
    fputs("{\"start\":{\"line\":0,\"character\":0},"
          "\"end\":{\"line\":0,\"character\":0}}",
          out);
  fputc('}', out);
}

/* ---- definition, hover, symbols -------------------------------------------
 */

kg_status kg_lsp_definition(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character, FILE *out)
{
  span id;
  const kg_entity *e = entity_at(b, f, line, character, &id);
  if (!e)
    fputs("null", out);
  else
    write_location(out, b, e->pos);
  return KG_OK;
}

/* "label (id)", the class, and each source with its label and quote, as
 * `kgbuild show` lists them. */
static void write_hover_text(FILE *md, const kg_entity *e)
{
  fprintf(md, "**%s** `%s`\n\n", e->label ? e->label : e->id, e->id);
  fprintf(md, "*%s*\n", e->cls && e->cls->name ? e->cls->name : "entity");
  const kg_provenance *p = e->prov;
  if (!p || !p->count)
    return;
  fputs("\nsources:\n", md);
  for (size_t i = 0; i < p->count; ++i) {
    const kg_entity *src = p->sources ? p->sources[i] : NULL;
    fprintf(md, "- `%s`", p->ids[i]);
    if (src && src->label)
      fprintf(md, " %s", src->label);
    fputc('\n', md);
  }
  if (p->quote) {
    fputs("\n> ", md);
    fwrite(p->quote, 1, p->quote_len, md);
    fputc('\n', md);
  }
}

kg_status kg_lsp_hover(const kg_lsp_base *b, const kg_lsp_file *f,
                       uint32_t line, uint32_t character, FILE *out)
{
  span id;
  char *text = NULL;
  size_t len = 0;
  const kg_entity *e = entity_at(b, f, line, character, &id);
  if (!e) {
    fputs("null", out);
    return KG_OK;
  }
  FILE *md = open_memstream(&text, &len);
  if (!md)
    return KG_ERR_NOMEM;
  write_hover_text(md, e);
  if (fclose(md) != 0) {
    free(text);
    return KG_ERR_NOMEM;
  }
  fputs("{\"contents\":{\"kind\":\"markdown\",\"value\":", out);
  kg_json_write_string(out, text, len);
  fputs("},\"range\":", out);
  size_t start =
      (size_t)(id.ptr - f->text) - kg_lsp_line_start(f->text, f->len, line);
  span text_line = kg_lsp_line(f, line);
  uint32_t from = (uint32_t)count_chars(text_line.ptr, start);
  write_chars(out, f, line, from, from + (uint32_t)count_chars(id.ptr, id.len));
  fputc('}', out);
  free(text);
  return KG_OK;
}

kg_status kg_lsp_symbols(const kg_lsp_base *b, const kg_lsp_file *f, FILE *out)
{
  bool first = true;
  fputc('[', out);
  for (size_t i = 0; b->modelled && i < b->model.entities.count; ++i) {
    const kg_entity *e = b->model.entities.items[i];
    if (!e->pos.file || strcmp(e->pos.file, f->name))
      continue;
    fputs(first ? "{\"name\":" : ",{\"name\":", out);
    first = false;
    kg_json_string(out, e->id);
    fputs(",\"kind\":19,\"containerName\":", out); /* SymbolKind Object */
    kg_json_string(out, e->cls && e->cls->name ? e->cls->name : "");
    fputs(",\"location\":", out);
    write_location(out, b, e->pos);
    fputc('}', out);
  }
  fputc(']', out);
  return KG_OK;
}

/* ---- references and rename ------------------------------------------------
 */

typedef struct {
  kg_pos *items;
  size_t count, capacity;
} pos_list;

static kg_status pos_push(pos_list *l, kg_pos pos)
{
  if (l->count == l->capacity) {
    kg_pos *grown =
        kg_grow(l->items, &l->capacity, l->count, sizeof *l->items, 16);
    if (!grown)
      return KG_ERR_NOMEM;
    l->items = grown;
  }
  l->items[l->count++] = pos;
  return KG_OK;
}

static int compare_pos(const void *pa, const void *pb)
{
  const kg_pos *a = pa, *b = pb;
  int c = strcmp(a->file, b->file);
  if (c)
    return c;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  return a->col < b->col ? -1 : a->col > b->col;
}

static kg_status cited(pos_list *l, const kg_provenance *p, span id)
{
  kg_status st = KG_OK;
  for (size_t i = 0; p && i < p->count; ++i)
    if (strlen(p->ids[i]) == id.len && !memcmp(p->ids[i], id.ptr, id.len) &&
        p->positions[i].file)
      TRY(pos_push(l, p->positions[i]));
out:
  return st;
}

/* Every place the id is written: its definition (if asked), references,
 * sources cited; sorted, each once (entries share provenance records). */
static kg_status places(const kg_lsp_base *b, span id, bool declaration,
                        pos_list *l)
{
  kg_status st = KG_OK;
  const kg_model *m = &b->model;
  for (size_t i = 0; i < m->entities.count; ++i) {
    const kg_entity *e = m->entities.items[i];
    if (declaration && e->pos.file && strlen(e->id) == id.len &&
        !memcmp(e->id, id.ptr, id.len))
      TRY(pos_push(l, e->pos));
    TRY(cited(l, e->prov, id));
  }
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->derived)
      continue;
    if (s->ref && s->pos.file && strlen(s->ref) == id.len &&
        !memcmp(s->ref, id.ptr, id.len))
      TRY(pos_push(l, s->pos));
    TRY(cited(l, s->prov, id));
  }
  if (l->count)
    qsort(l->items, l->count, sizeof *l->items, compare_pos);
  size_t kept = 0;
  for (size_t i = 0; i < l->count; ++i)
    if (!kept || compare_pos(&l->items[kept - 1], &l->items[i]))
      l->items[kept++] = l->items[i];
  l->count = kept;
out:
  return st;
}

kg_status kg_lsp_references(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character, bool declaration,
                            FILE *out)
{
  kg_status st = KG_OK;
  pos_list l = {0};
  span id = word_at(f, line, character);
  if (b->modelled && id.len)
    TRY(places(b, id, declaration, &l));
  fputc('[', out);
  for (size_t i = 0; i < l.count; ++i) {
    if (i)
      fputc(',', out);
    write_location(out, b, l.items[i]);
  }
  fputc(']', out);
out:
  kg_free(l.items);
  return st;
}

/* The edit replacing the id written at pos (inside its quotes, if any);
 * false when the text there is not the id (the model is older). */
static bool write_edit(FILE *out, const kg_lsp_file *f, kg_pos pos, span id,
                       const char *new_name, size_t new_len, bool first)
{
  if (!pos.line || !pos.col)
    return false;
  span text = kg_lsp_line(f, pos.line - 1);
  size_t at = char_offset(text, pos.col - 1);
  uint32_t from = pos.col - 1;
  if (at < text.len && (text.ptr[at] == '"' || text.ptr[at] == '\''))
    ++at, ++from;
  if (at + id.len > text.len || memcmp(text.ptr + at, id.ptr, id.len))
    return false;
  fputs(first ? "{\"range\":" : ",{\"range\":", out);
  write_chars(out, f, pos.line - 1, from, from + (uint32_t)id.len);
  fputs(",\"newText\":", out);
  kg_json_write_string(out, new_name, new_len);
  fputc('}', out);
  return true;
}

/* {"changes":{uri:[edits]}}: the places are sorted by file. */
static void write_changes(FILE *out, const kg_lsp_base *b, const pos_list *l,
                          span id, const char *new_name, size_t new_len)
{
  fputs("{\"changes\":{", out);
  const char *file = NULL;
  bool first_file = true, first = true;
  for (size_t i = 0; i < l->count; ++i) {
    const kg_lsp_file *f = kg_lsp_base_named(b, l->items[i].file);
    if (!f)
      continue;
    if (!file || strcmp(file, l->items[i].file)) {
      fputs(first_file ? "" : "],", out);
      first_file = false;
      kg_json_string(out, f->uri);
      fputs(":[", out);
      file = l->items[i].file;
      first = true;
    }
    if (write_edit(out, f, l->items[i], id, new_name, new_len, first))
      first = false;
  }
  fputs(first_file ? "}}" : "]}}", out);
}

kg_status kg_lsp_rename(const kg_lsp_base *b, const kg_lsp_file *f,
                        uint32_t line, uint32_t character, const char *new_name,
                        size_t new_len, FILE *out, char *why, size_t why_size)
{
  kg_status st = KG_OK;
  pos_list l = {0};
  span id = word_at(f, line, character);
  char buf[200];
  const char *bad = kg_id_check(new_name, new_len, buf, sizeof buf);
  if (bad) {
    snprintf(why, why_size, "'%s' is not a valid id: %s", new_name, bad);
    return KG_ERR_USAGE;
  }
  if (b->modelled && kg_map_get(b->model.by_id, new_name, new_len)) {
    snprintf(why, why_size, "'%s' is already an id: renaming would merge two",
             new_name);
    return KG_ERR_USAGE;
  }
  if (b->modelled && id.len)
    TRY(places(b, id, true, &l));
  if (!l.count) {
    snprintf(why, why_size, "no id at this position");
    st = KG_ERR_USAGE;
    goto out;
  }
  write_changes(out, b, &l, id, new_name, new_len);
out:
  kg_free(l.items);
  return st;
}
