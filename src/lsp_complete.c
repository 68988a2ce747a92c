/* lsp_complete.c - the language server's completion (see
 * lsp_features.h).  It reads the line being typed and the lines above it,
 * not the YAML tree: while a curator types, the file is often not YAML at
 * all.  What is offered comes from the ontology (sections, types, keys by
 * the entry's class, the range of a key) and the checked model (ids). */
#include "lsp_features.h"

#include "json.h"

#include <string.h>

/* Completion lists stop here (isIncomplete): a 100k-person base would
 * otherwise send megabytes on every keystroke. */
enum { MAX_COMPLETIONS = 500 };

typedef kg_slice span;

/* ---- completion -----------------------------------------------------------
 */

/* What a line up to the cursor is in the middle of. */
typedef enum {
  AT_NOTHING,
  AT_SECTION, /* a key at column 0 */
  AT_KEY,     /* a key of an entry */
  AT_VALUE,   /* the value of `key` */
} place_kind;

typedef struct {
  place_kind kind;
  span key;    /* AT_VALUE: the key whose value it is */
  span prefix; /* what is typed of the word */
  uint32_t indent;
} place;

/* A line of the form `[- ]key:[ rest]`: its key, the key's column and
 * what follows the colon. */
static bool key_line(span line, span *key, uint32_t *column, span *rest)
{
  size_t at = 0;
  while (at < line.len && line.ptr[at] == ' ')
    ++at;
  if (at < line.len && line.ptr[at] == '-') {
    ++at;
    while (at < line.len && line.ptr[at] == ' ')
      ++at;
  }
  size_t start = at;
  while (at < line.len && kg_lsp_is_id_char(line.ptr[at]))
    ++at;
  if (at == start || at >= line.len || line.ptr[at] != ':' ||
      (at + 1 < line.len && line.ptr[at + 1] != ' '))
    return false;
  *key = (span){line.ptr + start, at - start};
  *column = (uint32_t)start;
  ++at;
  while (at < line.len && line.ptr[at] == ' ')
    ++at;
  *rest = (span){line.ptr + at, line.len - at};
  return true;
}

/* The key above `line` that opens a block at a column before `column`
 * (or at it, for a list written under its key): the key whose value a
 * nested line is part of. */
static span parent_key(const kg_lsp_file *f, uint32_t line, uint32_t column,
                       bool same_column)
{
  while (line-- > 0) {
    span text = kg_lsp_line(f, line), key, rest;
    uint32_t col;
    if (!key_line(text, &key, &col, &rest) || rest.len)
      continue;
    if (col < column || (same_column && col == column))
      return key;
  }
  return (span){NULL, 0};
}

static bool span_is(span s, const char *word)
{
  return s.len == strlen(word) && !memcmp(s.ptr, word, s.len);
}

/* A value: after `key: ` (or after `value: ` in a key's map), or a list
 * item under a key. */
static place value_place(const kg_lsp_file *f, uint32_t line, span typed)
{
  place p = {.kind = AT_NOTHING};
  span key, rest;
  uint32_t col;
  if (key_line(typed, &key, &col, &rest)) {
    if (memchr(rest.ptr, ' ', rest.len) || memchr(rest.ptr, '[', rest.len))
      return p;
    if (span_is(key, "value"))
      key = parent_key(f, line, col, false);
    return (place){AT_VALUE, key, rest, col};
  }
  size_t at = 0;
  while (at < typed.len && typed.ptr[at] == ' ')
    ++at;
  if (at >= typed.len || typed.ptr[at] != '-')
    return p;
  uint32_t dash = (uint32_t)at;
  for (++at; at < typed.len && typed.ptr[at] == ' '; ++at)
    ;
  span word = {typed.ptr + at, typed.len - at};
  for (size_t i = 0; i < word.len; ++i)
    if (!kg_lsp_is_id_char(word.ptr[i]))
      return p;
  key = parent_key(f, line, dash, true);
  return (place){AT_VALUE, key, word, dash};
}

static place place_at(const kg_lsp_base *b, const kg_lsp_file *f, uint32_t line,
                      uint32_t character)
{
  span text = kg_lsp_line(f, line);
  size_t cursor = kg_lsp_offset(f->text, f->len, line, character) -
                  (size_t)(text.ptr - f->text);
  span typed = {text.ptr, cursor < text.len ? cursor : text.len};
  size_t at = 0;
  while (at < typed.len && typed.ptr[at] == ' ')
    ++at;
  uint32_t indent = (uint32_t)at;
  if (at < typed.len && typed.ptr[at] == '-' && at + 1 < typed.len &&
      typed.ptr[at + 1] == ' ') {
    for (at += 1; at < typed.len && typed.ptr[at] == ' '; ++at)
      ;
    indent = (uint32_t)at;
  }
  bool word = true;
  for (size_t i = at; i < typed.len; ++i)
    word = word && kg_lsp_is_id_char(typed.ptr[i]);
  span prefix = {typed.ptr + at, typed.len - at};
  if (word && at == 0)
    return (place){AT_SECTION, {NULL, 0}, prefix, 0};
  if (word) {
    /* `- ` under a key that is not a section starts a list item value. */
    place v = value_place(f, line, typed);
    if (v.kind == AT_VALUE && v.key.len &&
        !kg_map_get(b->onto->by_section, v.key.ptr, v.key.len) &&
        typed.ptr[v.indent] == '-')
      return v;
    return (place){AT_KEY, {NULL, 0}, prefix, indent};
  }
  return value_place(f, line, typed);
}

/* The class of the entry a line is in: the section above it, or the type
 * its entry names. */
static const kg_class *entry_class(const kg_lsp_base *b, const kg_lsp_file *f,
                                   uint32_t line, uint32_t indent)
{
  const kg_class *type = NULL;
  bool in_entry = true;
  while (line-- > 0) {
    span text = kg_lsp_line(f, line), key, rest;
    uint32_t col;
    if (!key_line(text, &key, &col, &rest))
      continue;
    if (col == 0)
      return type ? type : kg_map_get(b->onto->by_section, key.ptr, key.len);
    if (in_entry && col == indent && span_is(key, "type") && rest.len)
      type = kg_map_get(b->onto->by_type, rest.ptr, rest.len);
    if (col < indent)
      in_entry = false; /* above the entry: only its section counts */
  }
  return type;
}

typedef struct {
  FILE *out;
  span prefix;
  size_t count;
} items;

static bool item(items *it, const char *label, int kind, const char *detail)
{
  size_t n = strlen(label);
  if (n < it->prefix.len || memcmp(label, it->prefix.ptr, it->prefix.len))
    return true;
  if (it->count >= MAX_COMPLETIONS)
    return false;
  fputs(it->count++ ? ",{\"label\":" : "{\"label\":", it->out);
  kg_json_string(it->out, label);
  fprintf(it->out, ",\"kind\":%d", kind);
  if (detail) {
    fputs(",\"detail\":", it->out);
    kg_json_string(it->out, detail);
  }
  fputc('}', it->out);
  return true;
}

enum { KIND_CLASS = 7, KIND_MODULE = 9, KIND_PROPERTY = 10, KIND_REF = 18 };

/* Ids of entities of class `of` (any with NULL). */
static bool complete_ids(const kg_lsp_base *b, items *it, const kg_class *of)
{
  for (size_t i = 0; b->modelled && i < b->model.entities.count; ++i) {
    const kg_entity *e = b->model.entities.items[i];
    if (!e->cls || (of && !kg_class_is_a(e->cls, of)))
      continue;
    if (!item(it, e->id, KIND_REF, e->label))
      return false;
  }
  return true;
}

static bool complete_value(const kg_lsp_base *b, items *it, span key,
                           const kg_class *cls)
{
  const kg_ontology *o = b->onto;
  if (span_is(key, "source"))
    return complete_ids(b, it, o->source_class);
  if (span_is(key, "type")) {
    for (size_t i = 0; i < o->classes.count; ++i) {
      const kg_class *c = o->classes.items[i];
      if (c->type_name && (!cls || kg_class_is_a(c, cls)) &&
          !item(it, c->type_name, KIND_CLASS, c->comment))
        return false;
    }
    return true;
  }
  const kg_property *p =
      key.len ? kg_map_get(o->by_key, key.ptr, key.len) : NULL;
  if (p && p->range == KG_RANGE_ENTITY)
    return complete_ids(b, it, p->range_class);
  return true;
}

static bool complete_keys(const kg_lsp_base *b, items *it, const kg_class *cls)
{
  for (size_t i = 0; i < KG_ENTRY_KEYS; ++i)
    if (!item(it, kg_entry_keys[i], KIND_PROPERTY, NULL))
      return false;
  for (size_t i = 0; i < b->onto->properties.count; ++i) {
    const kg_property *p = b->onto->properties.items[i];
    if (p->key && (!p->domain || (cls && kg_class_is_a(cls, p->domain))) &&
        !item(it, p->key, KIND_PROPERTY, p->comment))
      return false;
  }
  return true;
}

kg_status kg_lsp_completion(const kg_lsp_base *b, const kg_lsp_file *f,
                            uint32_t line, uint32_t character, FILE *out)
{
  place p = place_at(b, f, line, character);
  items it = {.out = out, .prefix = p.prefix};
  bool complete = true;
  fputs("{\"items\":[", out);
  if (p.kind == AT_SECTION) {
    for (size_t i = 0; complete && i < b->onto->classes.count; ++i) {
      const kg_class *c = b->onto->classes.items[i];
      if (c->section)
        complete = item(&it, c->section, KIND_MODULE, c->comment);
    }
  } else if (p.kind == AT_KEY) {
    complete = complete_keys(b, &it, entry_class(b, f, line, p.indent));
  } else if (p.kind == AT_VALUE) {
    const kg_class *cls =
        span_is(p.key, "type") ? entry_class(b, f, line, p.indent) : NULL;
    if (cls && !cls->section)
      cls = NULL;
    complete = complete_value(b, &it, p.key, cls);
  }
  fprintf(out, "],\"isIncomplete\":%s}", complete ? "false" : "true");
  return KG_OK;
}
