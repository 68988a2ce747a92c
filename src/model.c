/* model.c - YAML trees -> entities and statements, typed by the ontology.
 * Each problem is reported where it is written, and the walk goes on, so a
 * curator sees every mistake of a file in one run. */
#include "model.h"

#include <assert.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  kg_model *model;
  kg_diag *diag;
  const char *file; /* the name positions give */
  kg_vec *sink;     /* where new statements go: NULL for the model's list,
                       or a long form's qualifiers */
  bool failed;
  /* The entry being read, for hints. */
  const kg_ynode *entry;
} walker;

static kg_pos at(const walker *w, const kg_ynode *n)
{
  return kg_ynode_pos(n, w->file);
}

kg_status kg_model_init(kg_model *model, kg_arena *arena, kg_map *strings,
                        const kg_ontology *onto)
{
  *model = (kg_model){.arena = arena, .strings = strings, .onto = onto};
  model->ids = kg_arena_new();
  model->by_id = model->ids ? kg_map_new(model->ids) : NULL;
  return model->by_id ? KG_OK : KG_ERR_NOMEM;
}

void kg_model_free(kg_model *model)
{
  if (!model)
    return;
  kg_vec_free(&model->entities);
  kg_vec_free(&model->statements);
  kg_vec_free(&model->outranked);
  kg_map_free(model->by_id);
  model->by_id = NULL;
  kg_arena_free(model->ids);
  model->ids = NULL;
}

static void error_hint(walker *w, kg_pos pos, const char *code,
                       const char *message, const char *hint)
{
  kg_diag_emit(w->diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                         .pos = pos,
                                         .code = code,
                                         .message = message,
                                         .hint = hint});
  w->failed = true;
}

static const char *quoted(const kg_ynode *n, char *buf, size_t size)
{
  return kg_diag_quote(n->text, n->len, buf, size);
}

static const char *kind_name(const kg_ynode *n)
{
  return n->kind == KG_YAML_MAP   ? "a map"
         : n->kind == KG_YAML_SEQ ? "a list"
                                  : "text";
}

/* An empty plain scalar, `~` or `null` is YAML's null: no value at all. */
static bool is_null(const kg_ynode *n)
{
  if (n->kind != KG_YAML_SCALAR || !n->plain)
    return false;
  return n->len == 0 || (n->len == 1 && n->text[0] == '~') ||
         (n->len == 4 &&
          (!memcmp(n->text, "null", 4) || !memcmp(n->text, "Null", 4) ||
           !memcmp(n->text, "NULL", 4)));
}

/* Plain words that YAML 1.1 tools read as booleans: kgbuild reads them as
 * text where text is expected, but other tools reading the same file would
 * not, so the curator should quote them. */
static bool is_yaml11_bool(const kg_ynode *n)
{
  static const char *const words[] = {
      "y",  "Y",  "yes",  "Yes",  "YES",  "n",     "N",     "no",
      "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
      "on", "On", "ON",   "off",  "Off",  "OFF"};
  if (n->kind != KG_YAML_SCALAR || !n->plain)
    return false;
  for (size_t i = 0; i < sizeof words / sizeof *words; ++i)
    if (strlen(words[i]) == n->len && !memcmp(words[i], n->text, n->len))
      return true;
  return false;
}

/* A plain 010 is 8 to a YAML 1.1 reader and 10 to kgbuild: refuse it. */
static bool looks_octal(const kg_ynode *n)
{
  if (n->kind != KG_YAML_SCALAR || !n->plain)
    return false;
  size_t i = n->len && (n->text[0] == '+' || n->text[0] == '-');
  if (i + 1 >= n->len || n->text[i] != '0')
    return false;
  for (size_t k = i + 1; k < n->len; ++k)
    if (n->text[k] < '0' || n->text[k] > '9')
      return false;
  return true;
}

static const kg_ynode *map_get(const kg_ynode *map, const char *key)
{
  size_t n = strlen(key);
  for (size_t i = 0; i < map->count; ++i) {
    const kg_ynode *k = map->items[2 * i];
    if (k->kind == KG_YAML_SCALAR && k->len == n && !memcmp(k->text, key, n))
      return map->items[2 * i + 1];
  }
  return NULL;
}

/* ---- ids and references ----------------------------------------------- */

/* Checks that n is text forming a valid id; returns it interned, or NULL
 * after reporting why not (or when out of memory: *st says which). */
static const char *read_id(walker *w, const kg_ynode *n, const char *what,
                           kg_status *st)
{
  char message[512], why[256], q[96];
  if (n->kind != KG_YAML_SCALAR || is_null(n)) {
    snprintf(message, sizeof message, "%s must be an id, not %s", what,
             is_null(n) ? "empty" : kind_name(n));
    error_hint(w, at(w, n), "bad-id", message, NULL);
    return NULL;
  }
  if (kg_id_check(n->text, n->len, why, sizeof why)) {
    snprintf(message, sizeof message, "invalid %s '%s': %s", what,
             quoted(n, q, sizeof q), why);
    error_hint(w, at(w, n), "bad-id", message,
               "ids are lower-case letters, digits, '-', '_' and '.'");
    return NULL;
  }
  /* Interned in by_id, whose slot for the id will hold its entity: a
   * reference is then resolved without a second lookup. */
  const char *id = NULL;
  if (!kg_map_slot(w->model->by_id, n->text, n->len, &id))
    *st = KG_ERR_NOMEM;
  return id;
}

/* The code point at a character the text check refused (it is a control,
 * BOM or non-character, so at most three bytes of well-formed UTF-8). */
static unsigned code_point(const char *s, size_t len, size_t at)
{
  const unsigned char *c = (const unsigned char *)s + at;
  if (c[0] < 0x80 || at + 1 >= len)
    return c[0];
  if (c[0] < 0xE0)
    return ((c[0] & 0x1Fu) << 6) | (c[1] & 0x3Fu);
  if (at + 2 >= len)
    return c[0];
  if (c[0] < 0xF0)
    return ((c[0] & 0x0Fu) << 12) | ((c[1] & 0x3Fu) << 6) | (c[2] & 0x3Fu);
  if (at + 3 >= len) /* noncharacters beyond the BMP take four bytes */
    return c[0];
  return ((c[0] & 0x07u) << 18) | ((c[1] & 0x3Fu) << 12) |
         ((c[2] & 0x3Fu) << 6) | (c[3] & 0x3Fu);
}

static size_t char_count(const char *s, size_t bytes)
{
  return kg_utf8_chars(s, bytes);
}

/* "value of 'title' contains control character U+001B (character 7 of
 * the value)": one wording for every text kgbuild refuses. */
static void describe_problem(char *buf, size_t size, const char *what,
                             const kg_ynode *n, kg_text_problem p,
                             size_t offset)
{
  if (p == KG_TEXT_BAD_UTF8)
    snprintf(buf, size, "%s is not valid UTF-8", what);
  else
    snprintf(buf, size, "%s contains %s U+%04X (character %zu of the value)",
             what, kg_text_problem_str(p), code_point(n->text, n->len, offset),
             char_count(n->text, offset) + 1);
}

/* ---- provenance ------------------------------------------------------- */

static kg_status read_quote(walker *w, const kg_ynode *n, kg_provenance *prov)
{
  char message[256];
  size_t offset = 0;
  if (n->kind != KG_YAML_SCALAR || is_null(n)) {
    snprintf(message, sizeof message, "'quote' must be text, not %s",
             is_null(n) ? "empty" : kind_name(n));
    error_hint(w, at(w, n), "wrong-type", message, NULL);
    return KG_OK;
  }
  kg_text_problem p =
      n->clean ? KG_TEXT_OK : kg_text_check(n->text, n->len, &offset);
  if (p != KG_TEXT_OK) {
    describe_problem(message, sizeof message, "quote", n, p, offset);
    error_hint(w, at(w, n), "bad-text", message, NULL);
    return KG_OK;
  }
  /* Copied: the YAML tree is freed once its file is modelled. */
  if (!(prov->quote = kg_arena_strndup(w->model->arena, n->text, n->len)))
    return KG_ERR_NOMEM;
  prov->quote_len = n->len;
  prov->quote_pos = at(w, n);
  return KG_OK;
}

/* `source: id` or `source: [id, id]`, and the optional `quote:`. */
/* One cited id and where it is cited, for sorting. */
typedef struct {
  const char *id;
  kg_pos pos;
  size_t index; /* order in the list as written */
} cited;

/* By id, then by order of writing: a total order, so qsort (not stable)
 * gives the same result on every platform. */
static int compare_cited(const void *a, const void *b)
{
  const cited *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c)
    return c;
  return (x->index > y->index) - (x->index < y->index);
}

/* A statement's sources in id order, however the list was written, and each
 * once (its first citation kept): every export names them in this order,
 * and the writers' loops over them stay linear.  O(n log n): the list is
 * untrusted input and may hold tens of thousands of ids. */
static kg_status sort_source_ids(kg_provenance *prov)
{
  if (prov->count < 2)
    return KG_OK;
  cited *c = kg_calloc(prov->count, sizeof *c);
  if (!c)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < prov->count; ++i)
    c[i] = (cited){prov->ids[i], prov->positions[i], i};
  qsort(c, prov->count, sizeof *c, compare_cited);
  size_t n = 0;
  for (size_t i = 0; i < prov->count; ++i) {
    if (n && strcmp(prov->ids[n - 1], c[i].id) == 0)
      continue;
    prov->ids[n] = c[i].id;
    prov->positions[n] = c[i].pos;
    n++;
  }
  prov->count = n;
  kg_free(c);
  return KG_OK;
}

static int compare_id_at(const void *a, const void *b)
{
  const kg_id_at *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c)
    return c;
  return (x->index > y->index) - (x->index < y->index);
}

void kg_first_ids(kg_id_at *ids, size_t n, bool *first)
{
  if (!n)
    return; /* qsort's pointer must be valid even for no items */
  qsort(ids, n, sizeof *ids, compare_id_at);
  for (size_t i = 0; i < n; ++i)
    first[ids[i].index] = i == 0 || strcmp(ids[i - 1].id, ids[i].id) != 0;
}

static kg_status read_provenance(walker *w, const kg_ynode *source,
                                 const kg_ynode *quote,
                                 const kg_provenance *inherited,
                                 const kg_provenance **out)
{
  kg_status st = KG_OK;
  *out = inherited;
  if (!source && !quote)
    return KG_OK;
  kg_provenance *prov = kg_arena_alloc(w->model->arena, sizeof *prov);
  if (!prov)
    return KG_ERR_NOMEM;
  *prov = inherited && !source ? *inherited : (kg_provenance){0};
  if (source && quote == NULL && inherited)
    prov->quote = NULL; /* a new source does not inherit the old passage */
  if (source) {
    size_t count = source->kind == KG_YAML_SEQ ? source->count : 1;
    prov->count = 0;
    prov->ids = kg_arena_alloc(w->model->arena, count * sizeof(char *));
    prov->positions = kg_arena_alloc(w->model->arena, count * sizeof(kg_pos));
    prov->sources =
        kg_arena_alloc(w->model->arena, count * sizeof(kg_entity *));
    if (!prov->ids || !prov->positions || !prov->sources)
      return KG_ERR_NOMEM;
    if (source->kind == KG_YAML_MAP ||
        (source->kind == KG_YAML_SEQ && !count)) {
      error_hint(w, at(w, source), "wrong-type",
                 "'source' must be a source id or a list of them", NULL);
    }
    for (size_t i = 0; i < count && source->kind != KG_YAML_MAP; ++i) {
      const kg_ynode *n =
          source->kind == KG_YAML_SEQ ? source->items[i] : source;
      const char *id = read_id(w, n, "source id", &st);
      if (st != KG_OK)
        return st;
      if (!id)
        continue;
      prov->ids[prov->count] = id;
      prov->positions[prov->count] = at(w, n);
      prov->sources[prov->count] = NULL;
      prov->count++;
    }
  }
  TRY(sort_source_ids(prov));
  if (quote)
    TRY(read_quote(w, quote, prov));
  *out = prov;
out:
  return st;
}

/* ---- values ----------------------------------------------------------- */

static kg_statement *new_statement(walker *w, kg_entity *subject,
                                   const kg_property *prop, const kg_ynode *n,
                                   const kg_provenance *prov)
{
  kg_statement *s = kg_arena_alloc(w->model->arena, sizeof *s);
  if (!s)
    return NULL;
  *s = (kg_statement){
      .subject = subject, .prop = prop, .pos = at(w, n), .prov = prov};
  if (kg_vec_push(w->sink ? w->sink : &w->model->statements, s) != KG_OK)
    return NULL;
  return s;
}

/* A value given but wrong, once reported: kept as an invalid statement so
 * that check counts the key as given (no "needs" after "invalid"). */
static kg_status add_invalid(walker *w, kg_entity *subject,
                             const kg_property *prop, const kg_ynode *n,
                             const kg_provenance *prov)
{
  kg_statement *s = new_statement(w, subject, prop, n, prov);
  if (!s)
    return KG_ERR_NOMEM;
  s->lexical = "";
  s->invalid = true;
  return KG_OK;
}

static bool check_text(walker *w, const kg_ynode *n, const kg_property *prop)
{
  char message[256];
  size_t offset = 0;
  kg_text_problem p =
      n->clean ? KG_TEXT_OK : kg_text_check(n->text, n->len, &offset);
  if (p == KG_TEXT_OK)
    return true;
  char what[128];
  snprintf(what, sizeof what, "value of '%s'", kg_property_name(prop));
  describe_problem(message, sizeof message, what, n, p, offset);
  error_hint(w, at(w, n), "bad-text", message,
             p == KG_TEXT_CONTROL ? "control characters cannot be exported"
                                  : NULL);
  return false;
}

/* Keys exported as schema:url (or a sub-property of it) name web pages, so
 * their values must be http(s) addresses: the ontology says which keys, not
 * a key name here.  Other xsd:anyURI keys may hold any absolute IRI. */
static bool is_web_address(const kg_property *p)
{
  static const char *const urls[] = {"https://schema.org/url",
                                     "http://schema.org/url"};
  for (size_t i = 0; i <= p->ancestors.count; ++i) {
    const kg_property *q = i ? p->ancestors.items[i - 1] : p;
    if (!strcmp(q->iri, urls[0]) || !strcmp(q->iri, urls[1]))
      return true;
  }
  return false;
}

/* The lexical form a literal key's value must have: what is wrong with it
 * (NULL when nothing), its canonical form for numbers and booleans
 * (*canon, in the arena) and, for dates, the date and the datatype its
 * written precision gives. */
static kg_status literal_problem(walker *w, const kg_property *prop,
                                 const kg_ynode *n, char *why, size_t whysize,
                                 char **canon, kg_date *date,
                                 const char **datatype, const char **problem)
{
  *problem = NULL;
  switch (prop->range) {
  case KG_RANGE_INTEGER:
  case KG_RANGE_DECIMAL:
  case KG_RANGE_BOOLEAN:
    if (!(*canon = kg_arena_alloc(w->model->arena, n->len + 3)))
      return KG_ERR_NOMEM;
    *problem = prop->range == KG_RANGE_INTEGER
                   ? kg_integer_canon(n->text, n->len, *canon)
               : prop->range == KG_RANGE_DECIMAL
                   ? kg_decimal_canon(n->text, n->len, *canon)
                   : kg_boolean_canon(n->text, n->len, *canon);
    return KG_OK;
  case KG_RANGE_ANYURI:
    if (is_web_address(prop))
      *problem = kg_web_address_check(n->text, n->len);
    else if (!kg_iri_valid(n->text, n->len))
      *problem = "expected an absolute IRI such as https://example.org/page, "
                 "with no spaces or <>\"{}|^`\\";
    return KG_OK;
  case KG_RANGE_DATE:
  case KG_RANGE_GYEAR:
  case KG_RANGE_GYEARMONTH:
  case KG_RANGE_PARTIALDATE: {
    *problem = kg_date_parse(n->text, n->len, date, why, whysize);
    kg_date_precision want = kg_range_precision(prop->range);
    if (!*problem && want != KG_DATE_NONE && date->precision != want)
      *problem = kg_range_name(prop->range);
    if (!*problem)
      *datatype = kg_date_datatype(date->precision);
    return KG_OK;
  }
  default: return KG_OK;
  }
}

/* Plain text that YAML 1.1 tools would read as something else: a warning
 * for `yes` as text, an error for a number with a leading zero (octal). */
static bool yaml11_pitfall(walker *w, const kg_property *prop,
                           const kg_ynode *n)
{
  char message[512], q[96];
  if ((prop->range == KG_RANGE_INTEGER || prop->range == KG_RANGE_DECIMAL) &&
      looks_octal(n)) {
    snprintf(message, sizeof message,
             "plain '%s' for '%s' has a leading zero: YAML 1.1 tools read it "
             "as an octal number",
             quoted(n, q, sizeof q), kg_property_name(prop));
    error_hint(w, at(w, n), "ambiguous-scalar", message,
               "drop the leading zero, or quote the value");
    return true;
  }
  if (prop->range < KG_RANGE_INTEGER && is_yaml11_bool(n)) {
    snprintf(message, sizeof message,
             "plain '%s' is read as text here, but YAML 1.1 tools read it as "
             "a boolean",
             quoted(n, q, sizeof q));
    kg_diag_emit(w->diag, &(kg_diagnostic){.severity = KG_SEV_WARNING,
                                           .pos = at(w, n),
                                           .code = "ambiguous-scalar",
                                           .message = message,
                                           .hint = "quote it"});
  }
  return false;
}

static void report_literal_problem(walker *w, const kg_property *prop,
                                   const kg_ynode *n, const char *problem)
{
  char message[512], q[96];
  bool web = prop->range == KG_RANGE_ANYURI && is_web_address(prop);
  snprintf(message, sizeof message, "invalid %s '%s' for '%s': %s",
           web                              ? "web address"
           : prop->range == KG_RANGE_ANYURI ? "IRI"
           : prop->range >= KG_RANGE_DATE   ? "date"
                                            : "value",
           quoted(n, q, sizeof q), kg_property_name(prop), problem);
  error_hint(w, at(w, n),
             prop->range >= KG_RANGE_DATE ? "bad-date" : "wrong-type", message,
             web ? "give the page's full address as a browser "
                   "shows it, e.g. https://example.org/page"
                 : NULL);
}

/* A value of a key with a kg:pattern or kg:checkDigit (an external
 * identifier): its form and check digit, from the ontology. */
static bool identifier_ok(walker *w, const kg_property *prop, const kg_ynode *n)
{
  char why[256], hint[256], message[512], q[96], iri[1024];
  bool ok = kg_property_value_ok(prop, n->text, n->len, why, sizeof why, hint,
                                 sizeof hint);
  size_t len = kg_identifier_iri(prop, n->text, n->len, iri, sizeof iri);
  if (ok && len && (len >= sizeof iri || !kg_iri_valid(iri, len))) {
    /* A pattern that lets through what no IRI can hold (a space, say). */
    snprintf(why, sizeof why, "it makes no IRI of %s", prop->iri_template);
    snprintf(hint, sizeof hint, "write it as the authority does");
    ok = false;
  }
  if (ok)
    return true;
  snprintf(message, sizeof message, "invalid %s '%s': %s",
           kg_property_name(prop), quoted(n, q, sizeof q), why);
  error_hint(w, at(w, n), "bad-identifier", message, hint);
  return false;
}

/* A literal of one of the datatype ranges, validated and canonicalised. */
static kg_status read_literal(walker *w, kg_entity *subject,
                              const kg_property *prop, const kg_ynode *n,
                              const kg_provenance *prov)
{
  char why[256];
  char *canon = NULL;
  const char *problem = NULL;
  kg_date date = {0};
  const char *datatype = kg_range_datatype(prop->range);
  if (!check_text(w, n, prop) || yaml11_pitfall(w, prop, n))
    return add_invalid(w, subject, prop, n, prov);
  kg_status st = literal_problem(w, prop, n, why, sizeof why, &canon, &date,
                                 &datatype, &problem);
  if (st != KG_OK)
    return st;
  if (problem) {
    report_literal_problem(w, prop, n, problem);
    return add_invalid(w, subject, prop, n, prov);
  }
  if ((prop->regex || prop->check_digit || prop->iri_template) &&
      !identifier_ok(w, prop, n))
    return add_invalid(w, subject, prop, n, prov);
  kg_statement *s = new_statement(w, subject, prop, n, prov);
  if (!s)
    return KG_ERR_NOMEM;
  s->lexical =
      canon ? canon : kg_arena_strndup(w->model->arena, n->text, n->len);
  if (!s->lexical)
    return KG_ERR_NOMEM;
  s->len = canon ? strlen(canon) : n->len;
  s->datatype = datatype; /* a string constant, so no need to intern it */
  s->date = date;
  return KG_OK;
}

/* `name: {en: Wang Lei, zh: 王磊}`: one statement per language. */
static kg_status read_lang_map(walker *w, kg_entity *subject,
                               const kg_property *prop, const kg_ynode *map,
                               const kg_provenance *prov)
{
  char message[256], q[96], lower[64];
  for (size_t i = 0; i < map->count; ++i) {
    const kg_ynode *tag = map->items[2 * i], *text = map->items[2 * i + 1];
    if (tag->kind != KG_YAML_SCALAR || tag->len >= sizeof lower ||
        !kg_langtag_valid(tag->text, tag->len)) {
      snprintf(message, sizeof message, "invalid language tag '%s'",
               tag->kind == KG_YAML_SCALAR ? quoted(tag, q, sizeof q) : "?");
      error_hint(w, at(w, tag), "bad-language-tag", message,
                 "use a BCP 47 tag such as en, zh, zh-Hans");
      if (add_invalid(w, subject, prop, tag, prov) != KG_OK)
        return KG_ERR_NOMEM;
      continue;
    }
    if (text->kind != KG_YAML_SCALAR || is_null(text)) {
      snprintf(message, sizeof message,
               "'%s' in language '%s' must be text, not %s",
               kg_property_name(prop), quoted(tag, q, sizeof q),
               is_null(text) ? "empty" : kind_name(text));
      error_hint(w, at(w, text), "wrong-type", message, NULL);
      if (add_invalid(w, subject, prop, text, prov) != KG_OK)
        return KG_ERR_NOMEM;
      continue;
    }
    if (!check_text(w, text, prop)) {
      if (add_invalid(w, subject, prop, text, prov) != KG_OK)
        return KG_ERR_NOMEM;
      continue;
    }
    kg_langtag_lower(tag->text, tag->len, lower);
    kg_statement *s = new_statement(w, subject, prop, text, prov);
    if (!s || !(s->lang = kg_intern(w->model->strings, lower, tag->len)))
      return KG_ERR_NOMEM;
    if (!(s->lexical =
              kg_arena_strndup(w->model->arena, text->text, text->len)))
      return KG_ERR_NOMEM;
    s->len = text->len;
  }
  return KG_OK;
}

static kg_status read_value(walker *w, kg_entity *subject,
                            const kg_property *prop, const kg_ynode *n,
                            const kg_provenance *prov);

/* The keys a long form holds besides the ontology's qualifiers, indexes
 * of kg_long_form_keys. */
enum { LONG_VALUE, LONG_SOURCE, LONG_QUOTE, LONG_RANK, LONG_REASON, LONG_KEYS };
_Static_assert((int)LONG_KEYS == (int)KG_LONG_FORM_KEYS,
               "one index per long-form key");

typedef struct {
  const kg_ynode *builtin[LONG_KEYS];
  kg_vec qualifiers; /* const kg_ynode*: key, value, key, value... */
} long_form;

static void unknown_long_form_key(walker *w, const kg_ynode *k)
{
  const kg_ontology *onto = w->model->onto;
  const char *keys[64];
  size_t n = 0;
  char message[256], q[96], hint[96];
  for (size_t i = 0; i < LONG_KEYS; ++i)
    keys[n++] = kg_long_form_keys[i];
  for (size_t i = 0; i < onto->properties.count && n < 64; ++i) {
    const kg_property *p = onto->properties.items[i];
    if (p->qualifier_key)
      keys[n++] = p->qualifier_key;
  }
  snprintf(message, sizeof message, "unknown key '%s' in a long-form value",
           quoted(k, q, sizeof q));
  const char *near = kg_nearest(k->text, k->len, keys, n);
  if (near)
    snprintf(hint, sizeof hint, "did you mean '%s'?", near);
  error_hint(w, at(w, k), "unknown-key", message,
             near ? hint
                  : "long-form values have value, source, quote, rank, "
                    "reason and the qualifiers of the ontology");
}

static kg_status split_long_form(walker *w, const kg_ynode *map, long_form *lf)
{
  const kg_ontology *onto = w->model->onto;
  for (size_t i = 0; i < map->count; ++i) {
    const kg_ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
    size_t b = 0;
    while (b < LONG_KEYS && !(strlen(kg_long_form_keys[b]) == k->len &&
                              !memcmp(k->text, kg_long_form_keys[b], k->len)))
      ++b;
    if (b < LONG_KEYS)
      lf->builtin[b] = v;
    else if (kg_map_get(onto->by_qualifier, k->text, k->len)) {
      if (kg_vec_push(&lf->qualifiers, (void *)k) != KG_OK ||
          kg_vec_push(&lf->qualifiers, (void *)v) != KG_OK)
        return KG_ERR_NOMEM;
    } else
      unknown_long_form_key(w, k);
  }
  return KG_OK;
}

/* The hint names the user's own value, not an example from another fact
 * base. */
static void report_missing_reason(walker *w, const kg_ynode *rank,
                                  const kg_ynode *value)
{
  char hint[256], q[96];
  if (value && value->kind == KG_YAML_SCALAR && !is_null(value))
    snprintf(hint, sizeof hint,
             "add beside it e.g. reason: \"why %s is wrong, and which source "
             "says so\"",
             quoted(value, q, sizeof q));
  else
    snprintf(hint, sizeof hint,
             "add beside it e.g. reason: \"why this value is wrong, and which "
             "source says so\"");
  error_hint(w, at(w, rank), "missing-reason",
             "a deprecated value needs a 'reason:' saying why it is wrong",
             hint);
}

/* `rank: preferred | normal | deprecated`; a deprecated value needs its
 * `reason:`, which is text. */
static void read_rank(walker *w, const long_form *lf, kg_rank *rank,
                      kg_statement_extra *x)
{
  static const char *const names[] = {"normal", "preferred", "deprecated"};
  const kg_ynode *n = lf->builtin[LONG_RANK],
                 *reason = lf->builtin[LONG_REASON];
  char message[256], q[96];
  *rank = KG_RANK_NORMAL;
  if (n) {
    x->rank_pos = at(w, n);
    size_t r = 0;
    while (r < 3 && !(n->kind == KG_YAML_SCALAR && strlen(names[r]) == n->len &&
                      !memcmp(n->text, names[r], n->len)))
      ++r;
    if (r < 3)
      *rank = (kg_rank)r;
    else {
      snprintf(message, sizeof message, "invalid rank '%s'",
               n->kind == KG_YAML_SCALAR ? quoted(n, q, sizeof q) : "?");
      error_hint(w, at(w, n), "bad-rank", message,
                 "a rank is preferred, normal or deprecated");
    }
  }
  if (reason && (reason->kind != KG_YAML_SCALAR || is_null(reason) ||
                 (!reason->clean && kg_text_check(reason->text, reason->len,
                                                  &(size_t){0}) != KG_TEXT_OK)))
    error_hint(w, at(w, reason), "wrong-type",
               "'reason' must be clean text: why the value is ranked so", NULL);
  else if (reason) {
    x->reason = reason->text; /* copied by the caller */
    x->reason_len = reason->len;
  }
  if (*rank == KG_RANK_DEPRECATED && !x->reason && n)
    report_missing_reason(w, n, lf->builtin[LONG_VALUE]);
}

/* A long form's qualifiers: values of kg:Qualifier properties, read like
 * any value (dates, references) into their own list. */
static kg_status read_qualifiers(walker *w, kg_entity *subject,
                                 const long_form *lf, kg_statement_extra *x)
{
  kg_status st = KG_OK;
  kg_vec q = {0};
  char message[256];
  kg_vec *saved = w->sink;
  w->sink = &q;
  for (size_t i = 0; i + 1 < lf->qualifiers.count; i += 2) {
    const kg_ynode *k = lf->qualifiers.items[i],
                   *v = lf->qualifiers.items[i + 1];
    const kg_property *prop =
        kg_map_get(w->model->onto->by_qualifier, k->text, k->len);
    if (v->kind == KG_YAML_MAP && map_get(v, "value")) {
      snprintf(message, sizeof message,
               "qualifier '%s' takes a plain value, not a long form",
               prop->qualifier_key);
      error_hint(w, at(w, v), "wrong-type", message, NULL);
    } else if (v->kind == KG_YAML_SEQ && prop->functional) {
      snprintf(message, sizeof message, "qualifier '%s' takes one value",
               prop->qualifier_key);
      error_hint(w, at(w, v), "functional", message, NULL);
    } else if (v->kind == KG_YAML_SEQ) {
      for (size_t j = 0; j < v->count; ++j)
        TRY(read_value(w, subject, prop, v->items[j], NULL));
    } else
      TRY(read_value(w, subject, prop, v, NULL));
  }
  x->qualifier_count = q.count;
  if (q.count) {
    x->qualifiers = kg_arena_alloc(w->model->arena, q.count * sizeof(void *));
    if (!x->qualifiers) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    memcpy(x->qualifiers, q.items, q.count * sizeof(void *));
  }
out:
  w->sink = saved;
  kg_vec_free(&q);
  return st;
}

/* `{value: V, source: S, quote: Q, rank: R, reason: T, QUALIFIER: ...}`:
 * one statement with its own source, rank and qualifiers. */
static kg_status read_long_form(walker *w, kg_entity *subject,
                                const kg_property *prop, const kg_ynode *map,
                                const kg_provenance *prov)
{
  kg_status st = KG_OK;
  long_form lf = {0};
  kg_rank rank = KG_RANK_NORMAL;
  kg_statement_extra *x = kg_arena_alloc(w->model->arena, sizeof *x);
  if (!x)
    return KG_ERR_NOMEM;
  *x = (kg_statement_extra){0};
  TRY(split_long_form(w, map, &lf));
  const kg_ynode *value = lf.builtin[LONG_VALUE];
  const kg_provenance *own = prov;
  TRY(read_provenance(w, lf.builtin[LONG_SOURCE], lf.builtin[LONG_QUOTE], prov,
                      &own));
  read_rank(w, &lf, &rank, x);
  if (x->reason && !(x->reason = kg_arena_strndup(w->model->arena, x->reason,
                                                  x->reason_len)))
    TRY(KG_ERR_NOMEM);
  TRY(read_qualifiers(w, subject, &lf, x));
  size_t before = w->model->statements.count;
  if (value->kind == KG_YAML_SEQ) {
    error_hint(
        w, at(w, value), "wrong-type",
        "a long-form 'value' holds one value; write one long form per value",
        NULL);
    TRY(add_invalid(w, subject, prop, value, own));
  } else
    TRY(read_value(w, subject, prop, value, own));
  bool extra = lf.builtin[LONG_RANK] || x->reason || x->qualifier_count;
  for (size_t i = before; i < w->model->statements.count; ++i) {
    kg_statement *s = w->model->statements.items[i];
    s->rank = (uint8_t)rank;
    s->extra = extra ? x : NULL;
  }
out:
  kg_vec_free(&lf.qualifiers);
  return st;
}

static kg_status read_value(walker *w, kg_entity *subject,
                            const kg_property *prop, const kg_ynode *n,
                            const kg_provenance *prov)
{
  kg_status st = KG_OK;
  char message[512];
  if (n->kind == KG_YAML_MAP && map_get(n, "value"))
    return read_long_form(w, subject, prop, n, prov);
  if (n->kind == KG_YAML_MAP && prop->range == KG_RANGE_LANGSTRING)
    return read_lang_map(w, subject, prop, n, prov);
  if (n->kind != KG_YAML_SCALAR || is_null(n)) {
    snprintf(message, sizeof message, "'%s' expects %s, not %s",
             kg_property_name(prop),
             prop->range == KG_RANGE_ENTITY ? "an id"
                                            : kg_range_name(prop->range),
             is_null(n) ? "an empty value" : kind_name(n));
    error_hint(w, at(w, n), "wrong-type", message, NULL);
    return add_invalid(w, subject, prop, n, prov);
  }
  if (prop->range != KG_RANGE_ENTITY)
    return read_literal(w, subject, prop, n, prov);
  const char *id = read_id(w, n, "reference", &st);
  if (!id)
    return st == KG_OK ? add_invalid(w, subject, prop, n, prov) : st;
  kg_statement *s = new_statement(w, subject, prop, n, prov);
  if (!s)
    return KG_ERR_NOMEM;
  s->ref = id;
  return KG_OK;
}

/* ---- entries ---------------------------------------------------------- */

/* Keys that apply to a class, for "did you mean". */
static size_t keys_for(const kg_ontology *onto, const kg_class *cls,
                       const char **out, size_t max)
{
  size_t n = 0;
  for (size_t i = 0; i < KG_ENTRY_KEYS && n < max; ++i)
    out[n++] = kg_entry_keys[i];
  for (size_t i = 0; i < onto->properties.count && n < max; ++i) {
    const kg_property *p = onto->properties.items[i];
    if (p->key && (!p->domain || kg_class_is_a(cls, p->domain)))
      out[n++] = p->key;
  }
  return n;
}

static int compare_names(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "one of: a, b, c", sorted, cut at the hint's size: when nothing is
 * near, the curator still learns what would do. */
static void list_names(char *hint, size_t size, const char **candidates,
                       size_t count)
{
  const char *sorted[512];
  count = count < 512 ? count : 512;
  memcpy(sorted, candidates, count * sizeof *sorted);
  qsort(sorted, count, sizeof *sorted, compare_names);
  size_t at = (size_t)snprintf(hint, size, "one of:");
  for (size_t i = 0; i < count && at < size; ++i) {
    bool room = at + strlen(sorted[i]) + 8 < size;
    at += (size_t)snprintf(hint + at, size - at, "%s %s", i ? "," : "",
                           room ? sorted[i] : "...");
    if (!room)
      break;
  }
}

static void unknown_name(walker *w, const kg_ynode *n, const char *code,
                         const char *message, const char **candidates,
                         size_t count)
{
  char hint[400];
  const char *near = kg_nearest(n->text, n->len, candidates, count);
  if (near)
    snprintf(hint, sizeof hint, "did you mean '%s'?", near);
  else if (count)
    list_names(hint, sizeof hint, candidates, count);
  error_hint(w, at(w, n), code, message, near || count ? hint : NULL);
}

static const kg_class *read_type(walker *w, const kg_class *section,
                                 const kg_ynode *n)
{
  char message[512], q[96];
  const kg_ontology *onto = w->model->onto;
  if (n->kind != KG_YAML_SCALAR || is_null(n)) {
    error_hint(w, at(w, n), "wrong-type", "'type' must name a type", NULL);
    return section;
  }
  const kg_class *c = kg_map_get(onto->by_type, n->text, n->len);
  if (c && kg_class_is_a(c, section))
    return c;
  const char *names[256];
  size_t count = 0;
  for (size_t i = 0; i < onto->classes.count && count < 256; ++i) {
    const kg_class *k = onto->classes.items[i];
    if (k->type_name && kg_class_is_a(k, section))
      names[count++] = k->type_name;
  }
  if (c)
    snprintf(message, sizeof message,
             "type '%s' is not a kind of %s, so it cannot be used in '%s'",
             quoted(n, q, sizeof q), section->name, section->section);
  else
    snprintf(message, sizeof message, "unknown type '%s' in '%s'",
             quoted(n, q, sizeof q), section->section);
  unknown_name(w, n, "unknown-type", message, names, count);
  return section;
}

static kg_status add_entity(walker *w, kg_entity *e)
{
  void **slot = kg_map_key_slot(e->id); /* read_id stored it in by_id */
  if (*slot) {
    const kg_entity *first = *slot;
    char message[256];
    snprintf(message, sizeof message, "duplicate id '%s'", e->id);
    kg_diag_emit(w->diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                           .pos = e->pos,
                                           .code = "duplicate-id",
                                           .message = message,
                                           .note_pos = first->pos,
                                           .note = "first defined here"});
    w->failed = true;
    return KG_OK;
  }
  *slot = e;
  return kg_vec_push(&w->model->entities, e);
}

static bool is_builtin_key(const kg_ynode *k)
{
  return kg_is_entry_key(k->text, k->len);
}

/* The key of the entry written just before k, if it is a key of the
 * ontology: the one a misplaced qualifier most likely qualifies. */
static const kg_ynode *key_before(const walker *w, const kg_ynode *k,
                                  const kg_ynode **value)
{
  const kg_ynode *before = NULL;
  for (size_t i = 0; w->entry && i < w->entry->count; ++i) {
    const kg_ynode *key = w->entry->items[2 * i];
    if (key == k)
      break;
    if (key->kind == KG_YAML_SCALAR &&
        kg_map_get(w->model->onto->by_key, key->text, key->len)) {
      before = key;
      *value = w->entry->items[2 * i + 1];
    }
  }
  return before;
}

/* A qualifier (`context:`) written as a key of the entry: the hint shows
 * the long form it belongs in, with the key and value before it. */
static void misplaced_qualifier(walker *w, const kg_ynode *k,
                                const char *message)
{
  char hint[400], qk[96], qp[96], qv[96];
  const kg_ynode *value = NULL, *prev = key_before(w, k, &value);
  const char *v = "…";
  if (prev && value->kind == KG_YAML_SCALAR && !is_null(value))
    v = quoted(value, qv, sizeof qv);
  snprintf(hint, sizeof hint,
           "qualifiers go inside a long form: `%s: {value: %s, %s: …}`",
           prev ? quoted(prev, qp, sizeof qp) : "KEY", v,
           quoted(k, qk, sizeof qk));
  error_hint(w, at(w, k), "unknown-key", message, hint);
}

/* An unknown key is reported with the keys the class accepts; `hodler:` is
 * taken as the `holder:` it suggests, given but invalid: no "needs
 * 'holder'" after "did you mean 'holder'?". */
static kg_status unknown_key(walker *w, kg_entity *e, const kg_ynode *k)
{
  char message[512], q[96];
  const kg_ontology *onto = w->model->onto;
  const char *keys[512];
  size_t count = keys_for(onto, e->cls, keys, 512);
  snprintf(message, sizeof message, "unknown key '%s' for %s '%s'",
           quoted(k, q, sizeof q), e->cls->name, e->id);
  if (kg_map_get(onto->by_qualifier, k->text, k->len))
    misplaced_qualifier(w, k, message);
  else
    unknown_name(w, k, "unknown-key", message, keys, count);
  const char *near = kg_nearest(k->text, k->len, keys, count);
  const kg_property *meant =
      near ? kg_map_get(onto->by_key, near, strlen(near)) : NULL;
  return meant ? add_invalid(w, e, meant, k, e->prov) : KG_OK;
}

/* One key of an entry and its value or list of values. */
static kg_status read_key(walker *w, kg_entity *e, const kg_ynode *k,
                          const kg_ynode *v)
{
  kg_status st = KG_OK;
  char message[512];
  if (k->kind != KG_YAML_SCALAR || is_builtin_key(k))
    return KG_OK; /* a non-text key is reported by the loader */
  const kg_property *prop = kg_map_get(w->model->onto->by_key, k->text, k->len);
  if (!prop)
    return unknown_key(w, e, k);
  if (prop->domain && !kg_class_is_a(e->cls, prop->domain)) {
    snprintf(message, sizeof message,
             "key '%s' does not apply to %s '%s' (it applies to %s)", prop->key,
             e->cls->name, e->id, prop->domain->name);
    error_hint(w, at(w, k), "wrong-domain", message, NULL);
    return KG_OK;
  }
  if (v->kind != KG_YAML_SEQ)
    return read_value(w, e, prop, v, e->prov);
  if (v->count == 0) {
    snprintf(message, sizeof message, "'%s' is an empty list", prop->key);
    error_hint(w, at(w, v), "wrong-type", message,
               "remove the key, or give values");
    TRY(add_invalid(w, e, prop, v, e->prov));
  }
  for (size_t j = 0; j < v->count; ++j)
    TRY(read_value(w, e, prop, v->items[j], e->prov));
out:
  return st;
}

static kg_status read_entry(walker *w, const kg_class *section,
                            const kg_ynode *entry)
{
  kg_status st = KG_OK;
  char message[512];
  const kg_ontology *onto = w->model->onto;
  if (entry->kind != KG_YAML_MAP) {
    snprintf(message, sizeof message,
             "an entry of '%s' must be a map of keys, not %s", section->section,
             kind_name(entry));
    error_hint(w, at(w, entry), "wrong-type", message, NULL);
    return KG_OK;
  }
  const kg_ynode *id_node = map_get(entry, "id");
  if (!id_node) {
    snprintf(message, sizeof message, "entry of '%s' has no 'id'",
             section->section);
    error_hint(w, at(w, entry), "missing-id", message, NULL);
    return KG_OK;
  }
  const char *id = read_id(w, id_node, "id", &st);
  if (!id)
    return st;
  kg_entity *e = kg_arena_alloc(w->model->arena, sizeof *e);
  if (!e)
    return KG_ERR_NOMEM;
  *e = (kg_entity){.id = id, .cls = section, .pos = at(w, id_node)};
  const kg_ynode *type = map_get(entry, "type");
  if (type)
    e->cls = read_type(w, section, type);
  TRY(read_provenance(w, map_get(entry, "source"), map_get(entry, "quote"),
                      NULL, &e->prov));
  bool is_source =
      onto->source_class && kg_class_is_a(e->cls, onto->source_class);
  if (!e->prov && !is_source) {
    snprintf(message, sizeof message, "%s '%s' cites no source", e->cls->name,
             id);
    error_hint(w, at(w, id_node), "no-source", message,
               "add 'source: <id>' naming an entry of 'sources'");
  } else if (e->prov && !e->prov->count && !is_source) {
    /* only a quote: it needs a source to quote from */
    snprintf(message, sizeof message,
             "%s '%s' quotes a passage but cites no source", e->cls->name, id);
    error_hint(w, at(w, id_node), "no-source", message, NULL);
  }
  TRY(add_entity(w, e));
  w->entry = entry;
  for (size_t i = 0; i < entry->count; ++i)
    TRY(read_key(w, e, entry->items[2 * i], entry->items[2 * i + 1]));
out:
  return st;
}

static kg_status read_section(walker *w, const kg_ynode *key,
                              const kg_ynode *value)
{
  kg_status st = KG_OK;
  char message[512], q[96];
  const kg_ontology *onto = w->model->onto;
  const kg_class *cls = key->kind == KG_YAML_SCALAR
                            ? kg_map_get(onto->by_section, key->text, key->len)
                            : NULL;
  if (key->kind != KG_YAML_SCALAR)
    return KG_OK; /* reported by the loader */
  if (!cls) {
    const char *names[256];
    size_t count = 0;
    for (size_t i = 0; i < onto->classes.count && count < 256; ++i) {
      const kg_class *c = onto->classes.items[i];
      if (c->section)
        names[count++] = c->section;
    }
    snprintf(message, sizeof message, "unknown section '%s'",
             quoted(key, q, sizeof q));
    unknown_name(w, key, "unknown-section", message, names, count);
    return KG_OK;
  }
  if (value->kind != KG_YAML_SEQ) {
    if (is_null(value))
      return KG_OK; /* `people:` with nothing under it yet */
    snprintf(message, sizeof message,
             "section '%s' must be a list of entries ('- id: ...'), not %s",
             cls->section, kind_name(value));
    error_hint(w, at(w, value), "wrong-type", message, NULL);
    return KG_OK;
  }
  for (size_t i = 0; i < value->count; ++i) {
    if (i % 4096 == 4095 && kg_diag_interrupted(w->diag))
      return KG_ERR_INTERRUPTED; /* SIGINT: a section may be huge */
    TRY(read_entry(w, cls, value->items[i]));
  }
out:
  return st;
}

kg_status kg_model_add_file(kg_model *model, kg_diag *diag, const char *path,
                            const kg_ynode *root)
{
  kg_status st = KG_OK;
  walker w = {.model = model, .diag = diag, .file = path};
  model->files++;
  if (!root) {
    kg_warning(diag, (kg_pos){path, 0, 0}, "empty-file", "file has no facts");
    return KG_OK;
  }
  if (root->kind != KG_YAML_MAP) {
    error_hint(&w, at(&w, root), "wrong-type",
               "a fact file is a map of sections to lists of entries",
               "start with a section such as 'people:'");
    return KG_ERR_FACTS;
  }
  for (size_t i = 0; i < root->count; ++i)
    TRY(read_section(&w, root->items[2 * i], root->items[2 * i + 1]));
  if (w.failed)
    st = KG_ERR_FACTS;
out:
  return st;
}

size_t kg_statement_ref_count(const kg_statement *s)
{
  return 1 + (s->extra ? s->extra->also_count : 0);
}

const kg_provenance *kg_statement_ref(const kg_statement *s, size_t i)
{
  assert(i < kg_statement_ref_count(s));
  return i ? s->extra->also[i - 1] : s->prov;
}

int kg_statement_compare(const kg_statement *a, const kg_statement *b)
{
  if (a->ref || b->ref) {
    if (!a->ref || !b->ref)
      return a->ref ? -1 : 1; /* references before literals */
    return strcmp(a->ref, b->ref);
  }
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->lexical, b->lexical, n);
  if (c)
    return c;
  if (a->len != b->len)
    return a->len < b->len ? -1 : 1;
  c = strcmp(a->datatype ? a->datatype : "", b->datatype ? b->datatype : "");
  if (c)
    return c;
  return strcmp(a->lang ? a->lang : "", b->lang ? b->lang : "");
}

const kg_statement *kg_statement_refiner(const kg_model *m,
                                         const kg_statement *s)
{
  const kg_entity *e = s->subject;
  const kg_statement *finest = NULL;
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *t = m->statements.items[e->first_statement + i];
    if (t->prop == s->prop && t->rank == s->rank && !t->derived &&
        kg_date_within(&t->date, &s->date) &&
        (!finest || t->date.precision > finest->date.precision))
      finest = t;
  }
  return finest;
}
