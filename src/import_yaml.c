/* import_yaml.c - the imported facts written as a fact file, through
 * libyaml's emitter, so that quoting and escaping are a YAML library's and
 * not ours: every text in double quotes (a name "yes", "1984" or "null"
 * stays text for every YAML reader), ids, keys and dates plain.  The
 * layout is what a curator writes (docs/facts.md): id first, then the
 * values by key, then `source`. */
#include "import.h"

#include <string.h>
#include <yaml.h>

typedef struct {
  yaml_emitter_t em;
  bool failed;
} writer;

static void emit(writer *w, yaml_event_t *ev, int made)
{
  if (!made || !yaml_emitter_emit(&w->em, ev))
    w->failed = true;
}

/* A scalar that every YAML reader takes as the same text written plain:
 * a lower-case word of the id grammar that is not a YAML 1.1 keyword. */
static bool plain_ok(const char *s)
{
  static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
                                      "off", "true", "false", "null"};
  if (!(*s >= 'a' && *s <= 'z') || strspn(s, "abcdefghijklmnopqrstuvwxyz"
                                             "0123456789._-") != strlen(s))
    return false;
  for (size_t i = 0; i < sizeof words / sizeof *words; ++i)
    if (strcmp(s, words[i]) == 0)
      return false;
  return true;
}

static void scalar(writer *w, const char *s, yaml_scalar_style_t style)
{
  yaml_event_t ev;
  emit(w, &ev,
       yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
                                    (int)strlen(s), 1, 1, style));
}

/* An id or a key: plain when that is safe, else quoted. */
static void word(writer *w, const char *s)
{
  scalar(w, s,
         plain_ok(s) ? YAML_PLAIN_SCALAR_STYLE
                     : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void text(writer *w, const char *s)
{
  scalar(w, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void map_start(writer *w, bool flow)
{
  yaml_event_t ev;
  emit(w, &ev,
       yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                           flow ? YAML_FLOW_MAPPING_STYLE
                                                : YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(writer *w)
{
  yaml_event_t ev;
  emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(writer *w)
{
  yaml_event_t ev;
  emit(w, &ev,
       yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                            YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(writer *w)
{
  yaml_event_t ev;
  emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* A value as written: a date plain, an id as a word, a text quoted (in a
 * one-language map when it has a language). */
static void bare(writer *w, const kg_imp_value *v)
{
  switch (v->kind) {
  case KG_IMP_DATE: scalar(w, v->value, YAML_PLAIN_SCALAR_STYLE); return;
  case KG_IMP_REF: word(w, v->resolved); return;
  case KG_IMP_TEXT:
    if (!v->lang) {
      text(w, v->value);
      return;
    }
    map_start(w, true);
    word(w, v->lang);
    text(w, v->value);
    map_end(w);
    return;
  }
}

static bool long_form(const kg_imp_value *v)
{
  return v->start || v->end || v->rank != 0 || v->reason;
}

/* A value with qualifiers or a rank: its long form. */
static void value(writer *w, const kg_imp_value *v)
{
  if (!long_form(v)) {
    bare(w, v);
    return;
  }
  map_start(w, true);
  word(w, "value");
  bare(w, v);
  if (v->start) {
    word(w, "start");
    scalar(w, v->start, YAML_PLAIN_SCALAR_STYLE);
  }
  if (v->end) {
    word(w, "end");
    scalar(w, v->end, YAML_PLAIN_SCALAR_STYLE);
  }
  if (v->rank != 0) {
    word(w, "rank");
    word(w, v->rank > 0 ? "preferred" : "deprecated");
  }
  if (v->reason) {
    word(w, "reason");
    text(w, v->reason);
  }
  map_end(w);
}

/* Whether values[0, n) of one key are texts in n different languages with
 * nothing else: then one map {en: ..., zh: ...}. */
static bool one_map(void *const *values, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    const kg_imp_value *v = values[i];
    if (v->kind != KG_IMP_TEXT || !v->lang || long_form(v))
      return false;
    for (size_t j = 0; j < i; ++j)
      if (strcmp(((const kg_imp_value *)values[j])->lang, v->lang) == 0)
        return false;
  }
  return n > 1;
}

/* The values of one key (values[0, n)): one value, one map of
 * languages, or a list. */
static void key_values(writer *w, void *const *values, size_t n)
{
  word(w, ((const kg_imp_value *)values[0])->key);
  if (n == 1) {
    value(w, values[0]);
  } else if (one_map(values, n)) {
    map_start(w, true);
    for (size_t i = 0; i < n; ++i) {
      word(w, ((const kg_imp_value *)values[i])->lang);
      text(w, ((const kg_imp_value *)values[i])->value);
    }
    map_end(w);
  } else {
    seq_start(w);
    for (size_t i = 0; i < n; ++i)
      value(w, values[i]);
    seq_end(w);
  }
}

static void entity(writer *w, const kg_imp_entity *e, const char *source)
{
  map_start(w, false);
  word(w, "id");
  word(w, e->id);
  void *const *items = e->values.items;
  for (size_t i = 0, j; i < e->values.count; i = j) {
    const char *key = ((const kg_imp_value *)items[i])->key;
    for (j = i + 1; j < e->values.count &&
                    strcmp(((const kg_imp_value *)items[j])->key, key) == 0;
         ++j)
      ;
    key_values(w, items + i, j - i);
  }
  word(w, "source");
  word(w, source);
  map_end(w);
}

static void source_entry(writer *w, const kg_imp_source *src)
{
  word(w, "sources");
  seq_start(w);
  map_start(w, false);
  word(w, "id");
  word(w, src->id);
  word(w, "title");
  text(w, src->title);
  word(w, "accessed");
  scalar(w, src->accessed, YAML_PLAIN_SCALAR_STYLE);
  word(w, "local-copy");
  text(w, src->local_copy);
  word(w, "sha256");
  text(w, src->sha256);
  map_end(w);
  seq_end(w);
}

static const char *const sections[KG_IMP_SECTIONS] = {"people", "organisations",
                                                      "posts", "appointments"};

static int write_out(void *data, unsigned char *buffer, size_t size)
{
  return fwrite(buffer, 1, size, data) == size;
}

kg_status kg_import_write_yaml(FILE *out, const kg_imp_source *src,
                               kg_vec sect[KG_IMP_SECTIONS])
{
  writer w = {0};
  yaml_event_t ev;
  if (!yaml_emitter_initialize(&w.em))
    return KG_ERR_NOMEM;
  yaml_emitter_set_output(&w.em, write_out, out);
  yaml_emitter_set_unicode(&w.em, 1);
  yaml_emitter_set_width(&w.em, -1);
  yaml_emitter_set_indent(&w.em, 2);
  emit(&w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
  emit(&w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
  map_start(&w, false);
  source_entry(&w, src);
  for (int s = 0; s < KG_IMP_SECTIONS; ++s) {
    if (!sect[s].count)
      continue;
    word(&w, sections[s]);
    seq_start(&w);
    for (size_t i = 0; i < sect[s].count; ++i)
      entity(&w, sect[s].items[i], src->id);
    seq_end(&w);
  }
  map_end(&w);
  emit(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
  emit(&w, &ev, yaml_stream_end_event_initialize(&ev));
  bool failed = w.failed || !yaml_emitter_flush(&w.em);
  yaml_emitter_delete(&w.em);
  return failed ? KG_ERR_IO : KG_OK;
}
