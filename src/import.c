/* import.c - `kgbuild import FORMAT FILE`: the command, and what every
 * format shares: the model the readers fill, readable unique ids, the
 * references resolved, the fields not mapped counted and reported, the
 * fact file written without ever replacing a file, and the archived copy
 * of the input put in the fact base's sources/ (docs/facts.md,
 * "Importing"). */
#include "import.h"

#include "factbase.h"
#include "files.h"
#include "load.h"
#include "nfc.h"
#include "rdf.h"
#include "sha256.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The largest input read: the largest archived copy the quote check reads
 * (sources.c), since the input becomes the imported facts' copy.  A file
 * that says it is larger is refused before a byte is read. */
#define IMPORT_MAX_BYTES ((size_t)256 << 20)

/* Ids are made at most this long, leaving room for a "-NN" suffix. */
enum { SLUG_MAX = 96 };

struct kg_import {
  kg_arena *arena;
  kg_diag *diag;
  const kg_ontology *onto;
  const char *file;
  kg_map *by_orig[KG_IMP_SECTIONS];
  kg_vec entities[KG_IMP_SECTIONS];
  kg_map *unmapped; /* field -> size_t* count */
  kg_vec fields;    /* the fields of `unmapped`, in first-met order */
  size_t not_mapped;
};

static const char *const section_names[KG_IMP_SECTIONS] = {
    "people", "organisations", "posts", "appointments"};
static const char *const section_one[KG_IMP_SECTIONS] = {
    "person", "organisation", "post", "appointment"};

/* ---- diagnostics ----------------------------------------------------------
 */

static void report(kg_import *im, kg_severity sev, kg_pos pos, const char *code,
                   const char *fmt, va_list ap)
{
  char message[1024];
  vsnprintf(message, sizeof message, fmt, ap);
  if (!pos.file)
    pos.file = im->file;
  kg_diag_emit(im->diag, &(kg_diagnostic){
                             .severity = sev,
                             .pos = pos,
                             .code = code,
                             .message = message,
                         });
}

void kg_import_warn(kg_import *im, kg_pos pos, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  report(im, KG_SEV_WARNING, pos, "not-mapped", fmt, ap);
  va_end(ap);
  ++im->not_mapped;
}

void kg_import_error(kg_import *im, kg_pos pos, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  report(im, KG_SEV_ERROR, pos, "import", fmt, ap);
  va_end(ap);
}

static void note(kg_import *im, kg_pos pos, const char *code, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));
static void note(kg_import *im, kg_pos pos, const char *code, const char *fmt,
                 ...)
{
  va_list ap;
  va_start(ap, fmt);
  report(im, KG_SEV_WARNING, pos, code, fmt, ap);
  va_end(ap);
}

kg_status kg_import_unmapped(kg_import *im, const char *field)
{
  const char *stored;
  void **slot = kg_map_slot(im->unmapped, field, strlen(field), &stored);
  if (!slot)
    return KG_ERR_NOMEM;
  if (!*slot) {
    size_t *count = kg_arena_alloc(im->arena, sizeof *count);
    if (!count)
      return KG_ERR_NOMEM;
    *count = 0;
    *slot = count;
    kg_status st = kg_vec_push(&im->fields, (void *)stored);
    if (st != KG_OK)
      return st;
  }
  ++*(size_t *)*slot;
  return KG_OK;
}

static int by_string(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* qsort of a vector, which may be empty (its items NULL). */
static void sort_vec(kg_vec *v, int (*cmp)(const void *, const void *))
{
  if (v->count > 1)
    qsort(v->items, v->count, sizeof *v->items, cmp);
}

/* One line per field not mapped, in field order, with its count. */
static void report_unmapped(kg_import *im)
{
  sort_vec(&im->fields, by_string);
  for (size_t i = 0; i < im->fields.count; ++i) {
    const char *f = im->fields.items[i];
    size_t n = *(size_t *)kg_map_get(im->unmapped, f, strlen(f));
    note(im, (kg_pos){0}, "not-mapped", "not mapped: %s (%zu %s)", f, n,
         n == 1 ? "value" : "values");
    im->not_mapped += n;
  }
}

const char *kg_import_field(const kg_import_input *in, const char *parent,
                            const char *member)
{
  char buf[512];
  snprintf(buf, sizeof buf, "%s%s%s", parent ? parent : "",
           parent && *parent ? "." : "", member);
  return kg_arena_strndup(in->arena, buf, strlen(buf));
}

kg_rpc_value *kg_import_json(const kg_import_input *in, const char *text,
                             size_t len, uint32_t first_line, bool *nomem)
{
  kg_json_error err;
  kg_rpc_value *v = kg_json_parse(text, len, &err);
  *nomem = !v && err.nomem;
  if (v || err.nomem)
    return v;
  uint32_t line = err.line > 0 ? (uint32_t)err.line + first_line - 1 : 0;
  uint32_t col = err.column > 0 ? (uint32_t)err.column : 1;
  kg_import_error(in->im, (kg_pos){in->name, line, line ? col : 0},
                  "not JSON: %s", err.text);
  return NULL;
}

/* ---- the model ------------------------------------------------------------
 */

kg_status kg_import_entity(kg_import *im, kg_imp_section s, const char *orig,
                           size_t len, kg_pos pos, kg_imp_entity **out)
{
  const char *stored;
  *out = NULL;
  void **slot = kg_map_slot(im->by_orig[s], orig, len, &stored);
  if (!slot)
    return KG_ERR_NOMEM;
  if (*slot) {
    const kg_imp_entity *first = *slot;
    char message[300], q[96];
    snprintf(message, sizeof message, "two %s with the id '%s'",
             section_names[s], kg_diag_quote(orig, len, q, sizeof q));
    kg_diag_emit(im->diag, &(kg_diagnostic){
                               .severity = KG_SEV_ERROR,
                               .pos = pos.file ? pos : (kg_pos){im->file, 0, 0},
                               .code = "duplicate-id",
                               .message = message,
                               .hint = "an id of the input names one entity; "
                                       "merge or rename them",
                               .note_pos = first->pos,
                               .note = first->pos.line ? "the first" : NULL,
                           });
    return KG_OK;
  }
  kg_imp_entity *e = kg_arena_alloc(im->arena, sizeof *e);
  if (!e)
    return KG_ERR_NOMEM;
  *e = (kg_imp_entity){.section = s, .orig = stored, .pos = pos};
  *slot = e;
  kg_status st = kg_vec_push(&im->entities[s], e);
  if (st == KG_OK)
    *out = e;
  return st;
}

kg_imp_entity *kg_import_find(kg_import *im, kg_imp_section s, const char *orig)
{
  return kg_map_get(im->by_orig[s], orig, strlen(orig));
}

kg_imp_entity *kg_import_nth(kg_import *im, kg_imp_section s, size_t i)
{
  return i < im->entities[s].count ? im->entities[s].items[i] : NULL;
}

static kg_status add_value(kg_import *im, kg_imp_entity *e, kg_imp_value v,
                           kg_imp_value **out)
{
  kg_imp_value *copy = kg_arena_alloc(im->arena, sizeof *copy);
  if (out)
    *out = copy;
  if (!copy)
    return KG_ERR_NOMEM;
  *copy = v;
  return kg_vec_push(&e->values, copy);
}

/* Whether a text can be a value of a fact file: text by kg_text_check's
 * rule, no line break YAML 1.1 reads in the middle of a line, and within
 * the loader's limit on a scalar. */
static const char *text_problem(const char *s, size_t len)
{
  size_t at;
  uint32_t cp;
  kg_text_problem p = kg_text_check(s, len, &at);
  if (p != KG_TEXT_OK)
    return kg_text_problem_str(p);
  if (kg_text_find_unicode_break(s, len, 0, &cp) < len)
    return "a Unicode line separator";
  if (len > 60000)
    return "text too long for a fact file";
  if (len == 0 || strspn(s, " \t\r\n") == len)
    return "empty text";
  return NULL;
}

kg_status kg_import_text(kg_import *im, kg_imp_entity *e, const char *key,
                         const char *lang, const char *text, size_t len,
                         const char *field, kg_imp_value **out)
{
  /* White space around a value is the input's layout, not its text. */
  while (len > 0 && memchr(" \t\r\n", text[len - 1], 4))
    --len;
  while (len > 0 && memchr(" \t\r\n", text[0], 4))
    ++text, --len;
  const char *why = text_problem(text, len);
  char *tag = NULL;
  if (out)
    *out = NULL;
  if (!why && lang && !kg_langtag_valid(lang, strlen(lang)))
    why = "not a BCP 47 language tag";
  if (why) {
    char q[96];
    kg_import_warn(
        im, e->pos, "%s of '%s' not mapped: %s ('%s')", field, e->orig, why,
        kg_diag_quote(lang && !text_problem(text, len) ? lang : text,
                      lang && !text_problem(text, len) ? strlen(lang) : len, q,
                      sizeof q));
    return KG_OK;
  }
  if (lang) {
    tag = kg_arena_alloc(im->arena, strlen(lang) + 1);
    if (!tag)
      return KG_ERR_NOMEM;
    kg_langtag_lower(lang, strlen(lang), tag);
  }
  char *copy = kg_arena_strndup(im->arena, text, len);
  if (!copy)
    return KG_ERR_NOMEM;
  return add_value(
      im, e,
      (kg_imp_value){
          .key = key, .kind = KG_IMP_TEXT, .lang = tag, .value = copy},
      out);
}

kg_status kg_import_name(kg_import *im, kg_imp_entity *e, const char *lang,
                         const char *text, size_t len, const char *field)
{
  bool first = true;
  for (size_t i = 0; i < e->values.count && first; ++i) {
    const kg_imp_value *v = e->values.items[i];
    if (strcmp(v->key, "name") == 0 &&
        (v->lang && lang ? strcasecmp(v->lang, lang) == 0 : !v->lang && !lang))
      first = false;
  }
  kg_imp_value *v;
  kg_status st = kg_import_text(im, e, first ? "name" : "alt-name", lang, text,
                                len, field, &v);
  /* The id is made from the English name, else the first name. */
  if (st == KG_OK && v && first &&
      (!e->label || (v->lang && strcmp(v->lang, "en") == 0)))
    e->label = v->value;
  return st;
}

/* text as a kgbuild date into buf (11 bytes): a date, or the day of an
 * ISO 8601 date-time; NULL with *why when it is neither. */
/* What is wrong with a date, for a message. */
typedef struct {
  char text[160];
} date_why;

static const char *as_date(const char *text, size_t len, char buf[11],
                           date_why *message, const char **why)
{
  kg_date d;
  if (len > 10 && text[10] == 'T')
    len = 10;
  if (len > 10) {
    *why = "expected a date as YYYY, YYYY-MM or YYYY-MM-DD";
    return NULL;
  }
  *why = kg_date_parse(text, len, &d, message->text, sizeof message->text);
  if (*why)
    return NULL;
  memcpy(buf, text, len);
  buf[len] = '\0';
  return buf;
}

kg_status kg_import_date(kg_import *im, kg_imp_entity *e, const char *key,
                         const char *text, size_t len, const char *field,
                         kg_imp_value **out)
{
  char buf[11], q[96];
  const char *why;
  if (out)
    *out = NULL;
  date_why message;
  if (!as_date(text, len, buf, &message, &why)) {
    kg_import_warn(im, e->pos, "%s of '%s' not mapped: '%s': %s", field,
                   e->orig, kg_diag_quote(text, len, q, sizeof q), why);
    return KG_OK;
  }
  char *copy = kg_arena_strndup(im->arena, buf, strlen(buf));
  if (!copy)
    return KG_ERR_NOMEM;
  return add_value(
      im, e, (kg_imp_value){.key = key, .kind = KG_IMP_DATE, .value = copy},
      out);
}

kg_status kg_import_ref(kg_import *im, kg_imp_entity *e, const char *key,
                        kg_imp_section target, const char *orig, size_t len,
                        kg_imp_value **out)
{
  char *copy = kg_arena_strndup(im->arena, orig, len);
  if (!copy)
    return KG_ERR_NOMEM;
  return add_value(
      im, e,
      (kg_imp_value){
          .key = key, .kind = KG_IMP_REF, .value = copy, .target = target},
      out);
}

bool kg_import_qualifier(kg_import *im, kg_imp_value *v, bool end,
                         const char *text, size_t len, const char *field)
{
  char buf[11], q[96];
  const char *why;
  date_why message;
  if (!as_date(text, len, buf, &message, &why)) {
    kg_import_warn(im, (kg_pos){0}, "%s not mapped: '%s': %s", field,
                   kg_diag_quote(text, len, q, sizeof q), why);
    return false;
  }
  char *copy = kg_arena_strndup(im->arena, buf, strlen(buf));
  if (!copy)
    return false;
  if (end)
    v->end = copy;
  else
    v->start = copy;
  return true;
}

kg_status kg_import_identifier(kg_import *im, kg_imp_entity *e, const char *key,
                               const char *text, size_t len, const char *field)
{
  const kg_property *p = kg_map_get(im->onto->by_key, key, strlen(key));
  if (!p) {
    char f[300];
    snprintf(f, sizeof f, "%s (no key '%s' in the ontology)", field, key);
    return kg_import_unmapped(im, f);
  }
  /* Wikidata and Popolo files write an ISNI in groups of four; the fact
   * format, as ISNI's own IRIs, without the spaces. */
  char compact[64], why[160], hint[160];
  size_t n = 0;
  if (strcmp(key, "isni") == 0 && len < sizeof compact) {
    for (size_t i = 0; i < len; ++i)
      if (text[i] != ' ')
        compact[n++] = text[i];
    text = compact;
    len = n;
  }
  /* The ontology's form and check digit (kg:pattern, kg:checkDigit):
   * what check would refuse is reported here instead. */
  if (!kg_property_value_ok(p, text, len, why, sizeof why, hint, sizeof hint)) {
    char q[96];
    kg_import_warn(im, e->pos,
                   "%s of '%s' not mapped: '%s' is not a valid %s: "
                   "%s",
                   field, e->orig, kg_diag_quote(text, len, q, sizeof q), key,
                   why);
    return KG_OK;
  }
  /* A website is a web address (http or https), as check wants a key
   * exported as schema:url; another IRI key takes any absolute IRI. */
  bool web = strcmp(key, "official-website") == 0;
  if (p->range == KG_RANGE_ANYURI &&
      (web ? kg_web_address_check(text, len) != NULL
           : !kg_iri_valid(text, len))) {
    char q[96];
    kg_import_warn(im, e->pos, "%s of '%s' not mapped: '%s' is not %s", field,
                   e->orig, kg_diag_quote(text, len, q, sizeof q),
                   web ? "a web address" : "an IRI");
    return KG_OK;
  }
  return kg_import_text(im, e, key, NULL, text, len, field, NULL);
}

/* ---- ids ------------------------------------------------------------------
 */

/* Latin letters that have no decomposition to strip a mark from. */
static const char *latin_letter(uint32_t cp)
{
  switch (cp) {
  case 0xDF: return "ss";  /* ß */
  case 0xE6: return "ae";  /* æ */
  case 0xF0: return "d";   /* ð */
  case 0xF8: return "o";   /* ø */
  case 0xFE: return "th";  /* þ */
  case 0x111: return "d";  /* đ */
  case 0x127: return "h";  /* ħ */
  case 0x131: return "i";  /* ı */
  case 0x142: return "l";  /* ł */
  case 0x153: return "oe"; /* œ */
  default: return NULL;
  }
}

/* A readable id from text, into buf (SLUG_MAX + 1 bytes): folded to
 * lower-case ASCII where Unicode or latin_letter() can (utf8proc), every
 * other run of characters a '-'.  Empty when nothing is left (a name in a
 * script utf8proc does not transliterate). */
static kg_status slug(const char *text, char buf[SLUG_MAX + 1])
{
  char *folded = NULL;
  size_t len = 0, n = 0;
  buf[0] = '\0';
  kg_status st = kg_fold_new(text, strlen(text), &folded, &len);
  if (st == KG_ERR_FACTS)
    return KG_OK; /* not UTF-8: no slug */
  if (st != KG_OK)
    return st;
  bool dash = false;
  for (size_t i = 0; i < len && n < SLUG_MAX;) {
    uint32_t cp = (unsigned char)folded[i];
    size_t step = kg_utf8_decode(folded + i, len - i, &cp);
    step = step ? step : 1;
    i += step;
    const char *latin = latin_letter(cp);
    char one[2] = {(char)cp, '\0'};
    if (cp < 128 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')))
      latin = one;
    if (!latin) {
      dash = n > 0;
      continue;
    }
    size_t l = strlen(latin);
    if (n + (dash ? 1 : 0) + l > SLUG_MAX)
      break;
    if (dash)
      buf[n++] = '-';
    dash = false;
    memcpy(buf + n, latin, l);
    n += l;
  }
  buf[n] = '\0';
  kg_free(folded);
  return KG_OK;
}

/* An entity waiting for its id: the slug it wants. */
typedef struct {
  kg_imp_entity *e;
  const char *want;
} claim;

static int by_claim(const void *a, const void *b)
{
  const claim *x = a, *y = b;
  int c = strcmp(x->want, y->want);
  if (c == 0)
    c = (int)x->e->section - (int)y->e->section;
  return c ? c : strcmp(x->e->orig, y->e->orig);
}

/* The slug an entity wants: of its name, else of its input id, else of
 * its section ("person"). */
static kg_status wanted(kg_import *im, kg_imp_entity *e, const char **out)
{
  char buf[SLUG_MAX + 1];
  kg_status st = KG_OK;
  *out = NULL;
  if (e->label)
    TRY(slug(e->label, buf));
  if (!e->label || !buf[0])
    TRY(slug(e->orig, buf));
  if (!buf[0])
    snprintf(buf, sizeof buf, "%s", section_one[e->section]);
  *out = kg_arena_strndup(im->arena, buf, strlen(buf));
  st = *out ? KG_OK : KG_ERR_NOMEM;
out:
  return st;
}

/* Takes id if no one has it; true when it did. */
static kg_status take(kg_map *taken, const char *id, bool *took)
{
  const char *stored;
  void **slot = kg_map_slot(taken, id, strlen(id), &stored);
  if (!slot)
    return KG_ERR_NOMEM;
  *took = !*slot;
  if (*took)
    *slot = (void *)stored;
  return KG_OK;
}

/* Gives claims[0, n) (sorted) their ids: the first of each wanted slug
 * gets it, when free; the others, after every first has chosen, the slug
 * with the least "-2", "-3"... free, each reported.  The result depends
 * on the set of entities, not on their order in the input. */
static kg_status give_ids(kg_import *im, kg_map *taken, claim *claims, size_t n)
{
  kg_status st = KG_OK;
  bool took;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && strcmp(claims[i].want, claims[i - 1].want) == 0)
      continue;
    TRY(take(taken, claims[i].want, &took));
    if (took)
      claims[i].e->id = claims[i].want;
  }
  for (size_t i = 0; i < n; ++i) {
    kg_imp_entity *e = claims[i].e;
    if (e->id)
      continue;
    char id[SLUG_MAX + 24];
    took = false;
    for (unsigned k = 2; !took; ++k) {
      snprintf(id, sizeof id, "%s-%u", claims[i].want, k);
      TRY(take(taken, id, &took));
    }
    e->id = kg_map_get(taken, id, strlen(id));
    note(im, e->pos, "id-collision",
         "%s '%s' is '%s': its name gives the id '%s', which another entry "
         "has",
         section_one[e->section], e->orig, e->id, claims[i].want);
  }
out:
  return st;
}

/* Ids for the sections in `which` (a bit per section), all at once. */
static kg_status assign_ids(kg_import *im, kg_map *taken, unsigned which)
{
  kg_status st = KG_OK;
  size_t n = 0, k = 0;
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    n += (which >> s & 1) ? im->entities[s].count : 0;
  claim *claims = kg_calloc(n ? n : 1, sizeof *claims);
  if (!claims)
    return KG_ERR_NOMEM;
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    for (size_t i = 0; (which >> s & 1) && i < im->entities[s].count; ++i) {
      claims[k].e = im->entities[s].items[i];
      TRY(wanted(im, claims[k].e, &claims[k].want));
      ++k;
    }
  if (n > 1)
    qsort(claims, n, sizeof *claims, by_claim);
  TRY(give_ids(im, taken, claims, n));
out:
  kg_free(claims);
  return st;
}

/* ---- references, and values as the fact format takes them ---------------- */

/* Keys in the order a curator writes them: the names, an appointment's
 * holder, post and dates, then the others by key. */
static int key_order(const char *key)
{
  static const char *const first[] = {"name", "alt-name", "holder",
                                      "post", "start",    "end"};
  int i = 0;
  while (i < (int)(sizeof first / sizeof *first) && strcmp(key, first[i]) != 0)
    ++i;
  return i;
}

static int maybe_cmp(const char *a, const char *b)
{
  return a && b ? strcmp(a, b) : (a != NULL) - (b != NULL);
}

static const char *shown(const kg_imp_value *v)
{
  return v->kind == KG_IMP_REF ? v->resolved : v->value;
}

/* Values in the order they are written: name, alt-name, then by key; in a
 * key by language, value and qualifiers; the best rank first. */
static int same_statement(const kg_imp_value *x, const kg_imp_value *y)
{
  int c = key_order(x->key) - key_order(y->key);
  if (!c)
    c = strcmp(x->key, y->key);
  if (!c)
    c = maybe_cmp(x->lang, y->lang);
  if (!c)
    c = strcmp(shown(x), shown(y));
  if (!c)
    c = maybe_cmp(x->start, y->start);
  return c ? c : maybe_cmp(x->end, y->end);
}

static int by_value(const void *a, const void *b)
{
  const kg_imp_value *x = *(const kg_imp_value *const *)a,
                     *y = *(const kg_imp_value *const *)b;
  int c = same_statement(x, y);
  return c ? c : y->rank - x->rank;
}

/* Resolves e's references; one to an entity the input does not have is
 * dropped and reported. */
static void resolve(kg_import *im, kg_imp_entity *e)
{
  size_t kept = 0;
  for (size_t i = 0; i < e->values.count; ++i) {
    kg_imp_value *v = e->values.items[i];
    if (v->kind == KG_IMP_REF) {
      const kg_imp_entity *t = kg_import_find(im, v->target, v->value);
      if (!t || !t->id) {
        kg_import_warn(im, e->pos,
                       "'%s' of %s '%s' not mapped: no %s '%s' in the input",
                       v->key, section_one[e->section], e->orig,
                       section_one[v->target], v->value);
        continue;
      }
      v->resolved = t->id;
    }
    e->values.items[kept++] = v;
  }
  e->values.count = kept;
}

static const kg_imp_value *value_of(const kg_imp_entity *e, const char *key)
{
  for (size_t i = 0; i < e->values.count; ++i) {
    const kg_imp_value *v = e->values.items[i];
    if (strcmp(v->key, key) == 0)
      return v;
  }
  return NULL;
}

static bool ends_before(const char *end, const char *start)
{
  kg_date e, s;
  char buf[160];
  return !kg_date_parse(end, strlen(end), &e, buf, sizeof buf) &&
         !kg_date_parse(start, strlen(start), &s, buf, sizeof buf) &&
         kg_date_ends_before_start(&e, &s);
}

/* Whether v can be written as the ontology says: its key exists, a second
 * value of a one-valued key is not there, a date does not end before the
 * date it may not precede.  What cannot is reported and left out, so that
 * `kgbuild check` accepts the file. */
static kg_status keep_value(kg_import *im, const kg_imp_entity *e,
                            kg_imp_value *v, const kg_imp_value *prev,
                            bool *keep)
{
  const kg_property *p = kg_map_get(im->onto->by_key, v->key, strlen(v->key));
  *keep = false;
  if (!p) {
    char f[200];
    snprintf(f, sizeof f, "%s (no key '%s' in the ontology)", v->key, v->key);
    return kg_import_unmapped(im, f);
  }
  const char *section = section_names[e->section];
  const kg_class *cls =
      kg_map_get(im->onto->by_section, section, strlen(section));
  if (p->domain && cls && !kg_class_is_a(cls, p->domain)) {
    char f[200];
    snprintf(f, sizeof f, "%s (not a key of %s)", v->key, section);
    return kg_import_unmapped(im, f);
  }
  if (p->functional && !p->is_label && prev && strcmp(prev->key, v->key) == 0) {
    kg_import_warn(im, e->pos,
                   "'%s: %s' of %s '%s' not mapped: '%s' takes one value, "
                   "and '%s' came first",
                   v->key, shown(v), section_one[e->section], e->orig, v->key,
                   shown(prev));
    return KG_OK;
  }
  const kg_imp_value *other = p->not_before && p->not_before->key
                                  ? value_of(e, p->not_before->key)
                                  : NULL;
  if (v->kind == KG_IMP_DATE && other && other->kind == KG_IMP_DATE &&
      ends_before(v->value, other->value)) {
    kg_import_warn(im, e->pos,
                   "'%s: %s' of %s '%s' not mapped: before its "
                   "'%s: %s'",
                   v->key, v->value, section_one[e->section], e->orig,
                   other->key, other->value);
    return KG_OK;
  }
  if (v->start && v->end && ends_before(v->end, v->start)) {
    kg_import_warn(im, e->pos,
                   "end %s of '%s: %s' of '%s' not mapped: before "
                   "its start %s",
                   v->end, v->key, shown(v), e->orig, v->start);
    v->end = NULL;
  }
  if (v->rank < 0 && !v->reason)
    v->reason = "deprecated in the imported data";
  *keep = true;
  return KG_OK;
}

/* The order values are written in: by key, the best rank first (so that
 * the value a one-valued key keeps is the best-ranked one), then as
 * by_value. */
static int by_written(const void *a, const void *b)
{
  const kg_imp_value *x = *(const kg_imp_value *const *)a,
                     *y = *(const kg_imp_value *const *)b;
  int c = key_order(x->key) - key_order(y->key);
  if (!c)
    c = strcmp(x->key, y->key);
  if (!c)
    c = y->rank - x->rank;
  return c ? c : same_statement(x, y);
}

/* e's values sorted, each statement once (with its best rank), and only
 * those the fact format takes. */
static kg_status settle(kg_import *im, kg_imp_entity *e)
{
  kg_status st = KG_OK;
  sort_vec(&e->values, by_value);
  void **items = e->values.items;
  size_t kept = 0;
  for (size_t i = 0; i < e->values.count; ++i)
    /* said twice: once, with the better rank */
    if (kept == 0 || same_statement(items[kept - 1], items[i]) != 0)
      items[kept++] = items[i];
  e->values.count = kept;
  sort_vec(&e->values, by_written);
  kept = 0;
  const kg_imp_value *prev = NULL;
  for (size_t i = 0; i < e->values.count; ++i) {
    bool keep;
    TRY(keep_value(im, e, items[i], prev, &keep));
    if (keep)
      prev = items[kept++] = items[i];
  }
  e->values.count = kept;
out:
  return st;
}

static int by_id(const void *a, const void *b)
{
  const kg_imp_entity *x = *(const kg_imp_entity *const *)a,
                      *y = *(const kg_imp_entity *const *)b;
  return strcmp(x->id, y->id);
}

/* Appointments need their holder and their post; their id is made of
 * both. */
static kg_status label_appointments(kg_import *im)
{
  kg_vec *v = &im->entities[KG_IMP_APPOINTMENTS];
  size_t kept = 0;
  for (size_t i = 0; i < v->count; ++i) {
    kg_imp_entity *e = v->items[i];
    const kg_imp_value *h = value_of(e, "holder"), *p = value_of(e, "post");
    if (!h || !p) {
      kg_import_warn(im, e->pos,
                     "appointment '%s' not mapped: it has no %s in the input",
                     e->orig, h ? "post" : "holder");
      kg_vec_free(&e->values); /* out of the vector: freed here */
      continue;
    }
    char label[2 * KG_ID_MAX + 2];
    snprintf(label, sizeof label, "%s %s", h->resolved, p->resolved);
    if (!(e->label = kg_arena_strndup(im->arena, label, strlen(label))))
      return KG_ERR_NOMEM;
    v->items[kept++] = e;
  }
  v->count = kept;
  return KG_OK;
}

/* Whether key is an identifier's (kg:IdentifierProperty): one value names
 * one entity (issue 24: one identifier given to two entities is an
 * error).  official-website is not one: two entries may share a site. */
static bool unique_key(const kg_ontology *onto, const char *key)
{
  const kg_property *p = kg_map_get(onto->by_key, key, strlen(key));
  return p && p->identifier;
}

/* Records that entity `owner` has identifier key: value (in `named`, its
 * owner copied into arena); *other is the entity that had it first, or
 * NULL. */
static kg_status name_one(kg_arena *arena, kg_map *named, const char *key,
                          const char *value, const char *owner,
                          const char **other)
{
  char k[512];
  const char *stored;
  snprintf(k, sizeof k, "%s\x1f%s", key, value);
  void **slot = kg_map_slot(named, k, strlen(k), &stored);
  if (!slot)
    return KG_ERR_NOMEM;
  *other = *slot;
  if (!*slot && !(*slot = kg_arena_strndup(arena, owner, strlen(owner))))
    return KG_ERR_NOMEM;
  return KG_OK;
}

/* The identifiers an entry of a fact file gives (a value, a list, long
 * forms), recorded as its. */
static kg_status entry_identifiers(const kg_ontology *onto, kg_arena *arena,
                                   kg_map *named, const kg_ynode *e,
                                   const char *id)
{
  kg_status st = KG_OK;
  const char *other;
  for (uint32_t k = 0; k < e->count; ++k) {
    const kg_ynode *v = e->items[2 * k + 1];
    if (!unique_key(onto, e->items[2 * k]->text))
      continue;
    for (uint32_t i = 0; i < (v->kind == KG_YAML_SEQ ? v->count : 1); ++i) {
      const kg_ynode *one = v->kind == KG_YAML_SEQ ? v->items[i] : v;
      for (uint32_t j = 0; one->kind == KG_YAML_MAP && j < one->count; ++j)
        if (strcmp(one->items[2 * j]->text, "value") == 0)
          one = one->items[2 * j + 1];
      if (one->kind == KG_YAML_SCALAR)
        TRY(name_one(arena, named, e->items[2 * k]->text, one->text, id,
                     &other));
    }
  }
out:
  return st;
}

/* The ids in a fact file's tree, of every entry of every section, and
 * the identifiers each gives. */
static kg_status take_ids(const kg_ontology *onto, kg_map *taken,
                          kg_arena *arena, kg_map *named, const kg_ynode *root)
{
  kg_status st = KG_OK;
  bool took;
  for (uint32_t s = 0; root && root->kind == KG_YAML_MAP && s < root->count;
       ++s) {
    const kg_ynode *list = root->items[2 * s + 1];
    for (uint32_t i = 0; list->kind == KG_YAML_SEQ && i < list->count; ++i) {
      const kg_ynode *e = list->items[i], *id = NULL;
      for (uint32_t k = 0; e->kind == KG_YAML_MAP && k < e->count; ++k)
        if (strcmp(e->items[2 * k]->text, "id") == 0 &&
            e->items[2 * k + 1]->kind == KG_YAML_SCALAR)
          id = e->items[2 * k + 1];
      if (!id)
        continue;
      TRY(take(taken, id->text, &took));
      TRY(entry_identifiers(onto, arena, named, e, id->text));
    }
  }
out:
  return st;
}

/* The ids the fact base has already, which an import must not give: its
 * fact files are read as check reads them, their problems not reported
 * (they are not the import's; check reports them). */
static kg_status take_existing(const kg_ontology *onto, kg_map *taken,
                               kg_arena *keep, kg_map *named, const char *facts)
{
  static const char *const ext[] = {".yaml", ".yml", NULL};
  kg_status st = KG_OK;
  kg_vec paths = {0};
  kg_arena *arena = kg_arena_new();
  FILE *null = fopen("/dev/null", "w");
  kg_diag *quiet = null ? kg_diag_new(null, KG_DIAG_TEXT, false) : NULL;
  if (!arena || !quiet)
    TRY(null ? KG_ERR_NOMEM : KG_ERR_IO);
  if (kg_files_collect(arena, quiet, facts, ext, &paths) == KG_ERR_NOMEM)
    TRY(KG_ERR_NOMEM);
  for (size_t i = 0; i < paths.count; ++i) {
    const char *name, *text;
    size_t len;
    kg_ynode *root = NULL;
    if (kg_load_read(arena, quiet, paths.items[i], &name, &text, &len) ==
            KG_OK &&
        kg_load_buffer(arena, quiet, name, text, len, &root) == KG_OK)
      TRY(take_ids(onto, taken, keep, named, root));
  }
out:
  kg_diag_free(quiet);
  if (null)
    fclose(null);
  kg_vec_free(&paths);
  kg_arena_free(arena);
  return st;
}

/* Reports v of e left out for the entry whose written id is owner.  Both
 * are named by their input ids, as the rest of import's reports name
 * entries; an owner the input lacks is the fact base's, by its id. */
static void owner_reported(kg_import *im, const kg_imp_entity *e,
                           const kg_imp_value *v, const char *owner)
{
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    for (size_t i = 0; i < im->entities[s].count; ++i) {
      const kg_imp_entity *o = im->entities[s].items[i];
      if (o->id && strcmp(o->id, owner) == 0) {
        kg_import_warn(im, e->pos,
                       "'%s: %s' of %s '%s' not mapped: %s '%s' of the "
                       "input has it (one identifier names one entity)",
                       v->key, v->value, section_one[e->section], e->orig,
                       section_one[s], o->orig);
        return;
      }
    }
  kg_import_warn(im, e->pos,
                 "'%s: %s' of %s '%s' not mapped: '%s' of the fact base has "
                 "it (one identifier names one entity)",
                 v->key, v->value, section_one[e->section], e->orig, owner);
}

/* One identifier, one entity: of the entries that give one identifier,
 * the fact base's, then the first by id keeps it; the others' are
 * reported and left out. */
static kg_status one_owner(kg_import *im, kg_map *named)
{
  kg_status st = KG_OK;
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    for (size_t i = 0; i < im->entities[s].count; ++i) {
      kg_imp_entity *e = im->entities[s].items[i];
      size_t kept = 0;
      for (size_t k = 0; k < e->values.count; ++k) {
        kg_imp_value *v = e->values.items[k];
        const char *other = NULL;
        if (unique_key(im->onto, v->key))
          TRY(name_one(im->arena, named, v->key, v->value, e->id, &other));
        if (other && strcmp(other, e->id) != 0) {
          owner_reported(im, e, v, other);
          continue;
        }
        e->values.items[kept++] = v;
      }
      e->values.count = kept;
    }
out:
  return st;
}

/* Whether e has a value of key that check counts as there: not blank,
 * and not deprecated (a key whose only values are deprecated is missing
 * to check). */
static bool has_value(const kg_imp_entity *e, const char *key)
{
  for (size_t i = 0; i < e->values.count; ++i) {
    const kg_imp_value *v = e->values.items[i];
    if (strcmp(v->key, key) != 0 || v->rank < 0 || !v->value)
      continue;
    for (const char *c = v->value; *c; ++c)
      if (!isspace((unsigned char)*c))
        return true;
  }
  return false;
}

/* The key of the ontology that e's class requires and e lacks, or NULL. */
static const char *lacking(const kg_import *im, const kg_imp_entity *e)
{
  const char *section = section_names[e->section];
  const kg_class *cls =
      kg_map_get(im->onto->by_section, section, strlen(section));
  const kg_vec *props = &im->onto->properties;
  for (size_t p = 0; cls && p < props->count; ++p) {
    const kg_property *prop = props->items[p];
    for (size_t r = 0; prop->key && r < prop->required_on.count; ++r)
      if (kg_class_is_a(cls, prop->required_on.items[r]) &&
          !has_value(e, prop->key))
        return prop->key;
  }
  return NULL;
}

/* An entry lacking a key its class requires would make `kgbuild check`
 * refuse the file, which docs/facts.md promises it accepts as it is: it
 * is left out, reported and counted, before ids are given (so it takes
 * none, and a reference to it is reported as one to an entry the input
 * lacks).  Appointments are left to label_appointments, which names the
 * holder or post they lack. */
static kg_status leave_out_incomplete(kg_import *im)
{
  kg_status st = KG_OK;
  for (int s = 0; s < KG_IMP_SECTIONS; ++s) {
    if (s == KG_IMP_APPOINTMENTS)
      continue;
    kg_vec *v = &im->entities[s];
    size_t kept = 0;
    for (size_t i = 0; i < v->count; ++i) {
      kg_imp_entity *e = v->items[i];
      const char *key = lacking(im, e);
      if (!key) {
        v->items[kept++] = e;
        continue;
      }
      char f[200];
      kg_import_warn(im, e->pos, "%s '%s' not mapped: it has no '%s'",
                     section_one[s], e->orig, key);
      snprintf(f, sizeof f, "%s without '%s'", section_names[s], key);
      kg_vec_free(&e->values); /* out of the vector: freed here */
      TRY(kg_import_unmapped(im, f));
    }
    v->count = kept;
  }
out:
  return st;
}

/* Everything between reading and writing. */
static kg_status finish(kg_import *im, const char *source_id, const char *facts)
{
  kg_status st = KG_OK;
  kg_map *taken = kg_map_new(im->arena);
  kg_map *named = kg_map_new(im->arena);
  bool took;
  if (!taken || !named)
    TRY(KG_ERR_NOMEM);
  if (facts)
    TRY(take_existing(im->onto, taken, im->arena, named, facts));
  TRY(take(taken, source_id, &took));
  if (!took) {
    kg_error(im->diag, (kg_pos){0}, "exists",
             "the fact base has an entry '%s' already: is this file "
             "imported already?",
             source_id);
    TRY(KG_ERR_USAGE);
  }
  TRY(leave_out_incomplete(im));
  TRY(assign_ids(im, taken,
                 1u << KG_IMP_PEOPLE | 1u << KG_IMP_ORGS | 1u << KG_IMP_POSTS));
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    for (size_t i = 0; i < im->entities[s].count; ++i) {
      resolve(im, im->entities[s].items[i]);
      TRY(settle(im, im->entities[s].items[i]));
    }
  TRY(label_appointments(im));
  TRY(assign_ids(im, taken, 1u << KG_IMP_APPOINTMENTS));
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    sort_vec(&im->entities[s], by_id);
  TRY(one_owner(im, named));
out:
  /* The ids it gave are in the arena, not in the map's table. */
  kg_map_free(taken);
  kg_map_free(named);
  return st;
}

/* ---- the command ----------------------------------------------------------
 */

typedef struct {
  const char *name;
  kg_status (*read)(const kg_import_input *in);
  const char *what;
} format;

static const format formats[] = {
    {"popolo", kg_import_popolo,
     "Popolo JSON: persons, organizations, posts, memberships"},
    {"ftm", kg_import_ftm,
     "FollowTheMoney entities, JSON lines (OpenSanctions' exports)"},
    {"wikidata", kg_import_wikidata,
     "Wikidata entity JSON (Special:EntityData): labels, P39..."},
    {"csv", kg_import_csv, "CSV (RFC 4180) with a mapping file (--mapping)"},
};

enum { FORMAT_COUNT = sizeof formats / sizeof *formats };

typedef struct {
  const format *fmt;
  const char *file, *out, *mapping, *accessed;
  bool json, quiet, help;
  char usage[300];
} import_opts;

static void import_help(FILE *out)
{
  fputs("Usage: kgbuild import FORMAT FILE [--out=DIR] [--mapping=MAP.yaml]\n"
        "                      [--accessed=DATE] [-q] [--diagnostics=json]\n"
        "\n"
        "Write FILE's people, organisations, posts and appointments as a new\n"
        "fact file DIR/NAME.yaml (NAME: FILE's name without its extension;\n"
        "DIR: the fact base's facts/, or here), every entry citing a source\n"
        "entry for FILE with its sha256, and put FILE in the fact base's\n"
        "sources/ as the archived copy.  Never replaces a file.  Every field\n"
        "of FILE not mapped is reported with its count.\n"
        "\n"
        "Formats:\n",
        out);
  for (size_t i = 0; i < FORMAT_COUNT; ++i)
    fprintf(out, "  %-10s%s\n", formats[i].name, formats[i].what);
  fputs(
      "\n"
      "  --out=DIR          where the fact file goes\n"
      "  --mapping=FILE     csv: the section and the key of each column\n"
      "  --accessed=DATE    the source's accessed date (default: today,\n"
      "                     or SOURCE_DATE_EPOCH's day)\n"
      "Exit status: 0 written; 1 FILE has errors (nothing written); 2 usage,\n"
      "a FILE that is not a regular file, or a file that exists; 3 I/O or\n"
      "system error.\n",
      out);
}

static kg_status usage_error(import_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static kg_status usage_error(import_opts *o, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(o->usage, sizeof o->usage, fmt, ap);
  va_end(ap);
  return KG_ERR_USAGE;
}

static kg_status parse_args(int argc, char **argv, import_opts *o)
{
  static const struct option longopts[] = {
      {"out", required_argument, NULL, 'o'},
      {"mapping", required_argument, NULL, 'm'},
      {"accessed", required_argument, NULL, 'a'},
      {"diagnostics", required_argument, NULL, 'd'},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  *o = (import_opts){0};
  optind = 1;
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1;) {
    switch (c) {
    case 'o': o->out = optarg; break;
    case 'm': o->mapping = optarg; break;
    case 'a': o->accessed = optarg; break;
    case 'q': o->quiet = true; break;
    case 'h': o->help = true; return KG_OK;
    case 'd':
      if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
        return usage_error(o, "--diagnostics takes text or json, not '%s'",
                           optarg);
      o->json = strcmp(optarg, "json") == 0;
      break;
    case ':':
      return usage_error(o, "option '%s' needs a value", argv[optind - 1]);
    default:
      return usage_error(o, "unknown option '%s' (kgbuild import --help)",
                         argv[optind - 1]);
    }
  }
  if (argc - optind != 2)
    return usage_error(o, "%s",
                       "import takes a FORMAT and a FILE "
                       "(kgbuild import --help)");
  for (size_t i = 0; i < FORMAT_COUNT; ++i)
    if (strcmp(argv[optind], formats[i].name) == 0)
      o->fmt = &formats[i];
  if (!o->fmt)
    return usage_error(o,
                       "unknown import format '%s' (popolo, ftm, wikidata, "
                       "csv)",
                       argv[optind]);
  o->file = argv[optind + 1];
  if ((o->fmt->read == kg_import_csv) != (o->mapping != NULL))
    return usage_error(o, "%s",
                       o->mapping ? "--mapping is for the csv format"
                                  : "csv needs --mapping=FILE (the section "
                                    "and the key of each column)");
  char buf[160];
  kg_date d;
  if (o->accessed &&
      kg_date_parse(o->accessed, strlen(o->accessed), &d, buf, sizeof buf))
    return usage_error(o, "--accessed: %s", buf);
  return KG_OK;
}

/* Reads a regular file of at most IMPORT_MAX_BYTES, NUL-terminated. */
static kg_status read_input(kg_import *im, const char *path, char **text,
                            size_t *len)
{
  kg_status st = KG_OK;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat sb;
  char *buf = NULL;
  size_t n = 0;
  if (fd < 0 || fstat(fd, &sb) != 0) {
    kg_error(im->diag, (kg_pos){path, 0, 0}, "io", "cannot read: %s",
             strerror(errno));
    st = KG_ERR_IO;
    goto out;
  }
  if (!S_ISREG(sb.st_mode)) {
    /* The wrong thing named (a directory, a device): usage, exit 2. */
    kg_error(im->diag, (kg_pos){path, 0, 0}, "import", "not a regular file");
    st = KG_ERR_USAGE;
    goto out;
  }
  /* Refused on what the file says it holds, before reading a byte. */
  if ((uint64_t)sb.st_size > IMPORT_MAX_BYTES) {
    kg_error(im->diag, (kg_pos){path, 0, 0}, "import",
             "%lld bytes: more than the %zu MiB an archived copy may have",
             (long long)sb.st_size, IMPORT_MAX_BYTES >> 20);
    st = KG_ERR_FACTS;
    goto out;
  }
  /* The size is read again as it comes: a file may grow. */
  size_t cap = (size_t)sb.st_size + 1;
  if (!(buf = kg_arena_alloc(im->arena, cap + 1))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (ssize_t got; n < cap && (got = read(fd, buf + n, cap - n)) != 0;) {
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      kg_error(im->diag, (kg_pos){path, 0, 0}, "io", "cannot read: %s",
               strerror(errno));
      st = KG_ERR_IO;
      goto out;
    }
    n += (size_t)got;
  }
  if (n == cap) {
    kg_error(im->diag, (kg_pos){path, 0, 0}, "import",
             "the file grew while it was read");
    st = KG_ERR_IO;
    goto out;
  }
  buf[n] = '\0';
  *text = buf;
  *len = n;
out:
  if (fd >= 0)
    close(fd);
  return st;
}

/* The input must be text, as an archived copy must (docs/facts.md,
 * "Archived copies"): reported at its line and column. */
static bool input_is_text(kg_import *im, const char *text, size_t len)
{
  size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, at;
  kg_text_problem p = kg_text_check(text + bom, len - bom, &at);
  if (p == KG_TEXT_OK)
    return true;
  kg_pos pos = kg_diag_pos_at(im->diag, im->file, at + bom);
  kg_diag_emit(im->diag,
               &(kg_diagnostic){
                   .severity = KG_SEV_ERROR,
                   .pos = pos,
                   .code = "import-not-text",
                   .message = kg_text_problem_str(p),
                   .hint = "the imported file becomes the facts' archived "
                           "copy, which must be UTF-8 text",
               });
  return false;
}

/* Writes data to a new file at path: to a temporary file beside it,
 * synced, then linked to path, which fails if path exists, so that no
 * file is ever replaced, not even one made meanwhile. */
static kg_status write_new(kg_diag *diag, const char *path, const char *data,
                           size_t len)
{
  kg_status st = KG_OK;
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot write: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  /* mkstemp makes it 0600: give it the mode a new file gets here. */
  mode_t mask = umask(0);
  umask(mask);
  bool mode_ok = fchmod(fd, 0666 & ~mask) == 0;
  size_t done = 0;
  while (mode_ok && done < len) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  bool ok = done == len && fsync(fd) == 0;
  int saved = errno;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot write: %s",
             strerror(saved ? saved : errno));
    st = KG_ERR_IO;
  } else if (link(tmp, path) != 0) {
    bool exists = errno == EEXIST;
    kg_error(diag, (kg_pos){path, 0, 0}, exists ? "exists" : "io", "%s%s",
             exists ? "exists already: kgbuild import never replaces a file"
                    : "cannot write: ",
             exists ? "" : strerror(errno));
    st = exists ? KG_ERR_USAGE : KG_ERR_IO;
  }
  unlink(tmp);
  return st;
}

/* The source's accessed date: --accessed, else the day of
 * SOURCE_DATE_EPOCH (reproducible builds' variable: the same input gives
 * the same bytes), else today, in UTC. */
static void accessed_date(const char *given, char out[11])
{
  if (given) {
    snprintf(out, 11, "%s", given);
    return;
  }
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  char *end = NULL;
  long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
  time_t t = secs >= 0 && end && !*end ? (time_t)secs : time(NULL);
  struct tm tm;
  if (!gmtime_r(&t, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
    snprintf(out, 11, "1970-01-01");
}

/* Where things go, and what they are called. */
typedef struct {
  kg_factbase fb;
  const char *out_dir;
  const char *base; /* the input's file name: the copy's name */
  char source_id[SLUG_MAX + 1];
  char yaml_path[PATH_MAX], copy_path[PATH_MAX];
  char sha[KG_SHA256_HEX], accessed[11];
  bool copy_there; /* the same copy is in sources/ already */
} places;

static kg_status plan(const import_opts *o, kg_diag *diag, places *pl)
{
  kg_status st = KG_OK;
  TRY(kg_factbase_find(o->out ? o->out : ".", &pl->fb));
  pl->out_dir = o->out ? o->out : pl->fb.root ? pl->fb.facts : ".";
  if (!kg_is_dir(pl->out_dir)) {
    kg_error(diag, (kg_pos){0}, "usage", "--out: '%s' is not a directory",
             pl->out_dir);
    return KG_ERR_USAGE;
  }
  const char *slash = strrchr(o->file, '/');
  size_t at;
  pl->base = slash ? slash + 1 : o->file;
  /* The name becomes the source's local-copy: a file name check takes. */
  if (!*pl->base || strchr(pl->base, '\\') || strcmp(pl->base, "..") == 0 ||
      strcmp(pl->base, ".") == 0 ||
      kg_text_check(pl->base, strlen(pl->base), &at) != KG_TEXT_OK) {
    kg_error(diag, (kg_pos){0}, "usage",
             "'%s' cannot name an archived copy: rename the file", o->file);
    return KG_ERR_USAGE;
  }
  char stem[PATH_MAX];
  snprintf(stem, sizeof stem, "%s", pl->base);
  char *dot = strrchr(stem, '.');
  if (dot && dot != stem)
    *dot = '\0';
  char name[SLUG_MAX + 1], id[SLUG_MAX + 1];
  TRY(slug(stem, name));
  TRY(slug(pl->base, id));
  snprintf(pl->yaml_path, sizeof pl->yaml_path, "%s/%s.yaml", pl->out_dir,
           name[0] ? name : "import");
  snprintf(pl->source_id, sizeof pl->source_id, "%s", id[0] ? id : "import");
  if (access(pl->yaml_path, F_OK) == 0) {
    kg_error(diag, (kg_pos){pl->yaml_path, 0, 0}, "exists",
             "exists already: kgbuild import never replaces a file "
             "(choose another --out, or move it)");
    return KG_ERR_USAGE;
  }
  accessed_date(o->accessed, pl->accessed);
out:
  return st;
}

/* The archived copy goes to the fact base's sources/ (made if missing);
 * a different file of that name there is a refusal.  Outside a fact base
 * no copy is made: check then needs --sources=DIR. */
static kg_status plan_copy(kg_diag *diag, places *pl)
{
  if (!pl->fb.root)
    return KG_OK;
  snprintf(pl->copy_path, sizeof pl->copy_path, "%s/%s", pl->fb.sources,
           pl->base);
  if (!kg_is_dir(pl->fb.sources) && mkdir(pl->fb.sources, 0777) != 0) {
    kg_error(diag, (kg_pos){pl->fb.sources, 0, 0}, "io",
             "cannot make the directory: %s", strerror(errno));
    return KG_ERR_IO;
  }
  FILE *f = fopen(pl->copy_path, "rb");
  if (!f)
    return KG_OK;
  /* Compared by hash, as the quote check compares a copy. */
  char *there = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&there, &len);
  char buf[65536];
  size_t n;
  while (mem && (n = fread(buf, 1, sizeof buf, f)) > 0)
    fwrite(buf, 1, n, mem);
  fclose(f);
  if (!mem || fclose(mem) != 0) {
    free(there);
    return KG_ERR_NOMEM;
  }
  char sha[KG_SHA256_HEX];
  kg_sha256_hex(there, len, sha);
  free(there);
  pl->copy_there = strcmp(sha, pl->sha) == 0;
  if (pl->copy_there)
    return KG_OK;
  kg_error(diag, (kg_pos){pl->copy_path, 0, 0}, "exists",
           "another file of this name is in sources/ already: kgbuild "
           "import never replaces a file (rename the file to import)");
  return KG_ERR_USAGE;
}

/* The fact file's text, as libyaml writes it. */
static kg_status render(kg_import *im, const kg_imp_source *src, char **text,
                        size_t *len)
{
  FILE *mem = open_memstream(text, len);
  if (!mem)
    return KG_ERR_NOMEM;
  kg_status st = kg_import_write_yaml(mem, src, im->entities);
  if (fclose(mem) != 0 && st == KG_OK)
    st = KG_ERR_NOMEM;
  return st;
}

static void summary(const kg_import *im, const places *pl, bool quiet)
{
  if (quiet)
    return;
  fprintf(stderr, "kgbuild import: wrote %s:", pl->yaml_path);
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    fprintf(stderr, "%s %zu %s", s ? "," : "", im->entities[s].count,
            im->entities[s].count == 1 ? section_one[s] : section_names[s]);
  fprintf(stderr, "; %zu %s not mapped (above)\n", im->not_mapped,
          im->not_mapped == 1 ? "value" : "values");
  if (pl->copy_path[0])
    fprintf(stderr, "kgbuild import: the archived copy is %s%s\n",
            pl->copy_path, pl->copy_there ? " (there already)" : "");
  else
    fprintf(stderr,
            "kgbuild import: no fact base here, so no archived "
            "copy was made: check the facts with --sources=DIR, "
            "DIR holding %s\n",
            pl->base);
}

static kg_status im_init(kg_import *im, kg_diag *diag, const char *file,
                         const kg_ontology *onto)
{
  *im = (kg_import){.diag = diag, .file = file, .onto = onto};
  if (!(im->arena = kg_arena_new()) || !(im->unmapped = kg_map_new(im->arena)))
    return KG_ERR_NOMEM;
  for (int s = 0; s < KG_IMP_SECTIONS; ++s)
    if (!(im->by_orig[s] = kg_map_new(im->arena)))
      return KG_ERR_NOMEM;
  return KG_OK;
}

/* Frees all but the arena, which holds the input's text: the caller frees
 * it once the diagnostics that show lines of it are printed. */
static void im_release(kg_import *im)
{
  for (int s = 0; s < KG_IMP_SECTIONS; ++s) {
    for (size_t i = 0; i < im->entities[s].count; ++i)
      kg_vec_free(&((kg_imp_entity *)im->entities[s].items[i])->values);
    kg_vec_free(&im->entities[s]);
    kg_map_free(im->by_orig[s]);
  }
  kg_vec_free(&im->fields);
  kg_map_free(im->unmapped);
}

/* The input read by its format's reader, and made into facts. */
static kg_status map_input(kg_import *im, const format *fmt,
                           const kg_import_input *in, const char *source_id,
                           const char *facts)
{
  kg_status st = KG_OK;
  TRY(fmt->read(in));
  if (kg_diag_errors(im->diag))
    TRY(KG_ERR_FACTS);
  TRY(finish(im, source_id, facts));
  report_unmapped(im);
out:
  return st;
}

kg_status kg_import_buffer(const char *fmt_name, const char *name,
                           const char *text, size_t len, const char *mapping,
                           const kg_ontology *onto, kg_diag *diag, char **yaml,
                           size_t *yaml_len)
{
  kg_status st = KG_OK;
  kg_import im;
  char sha[KG_SHA256_HEX];
  const format *fmt = NULL;
  *yaml = NULL;
  for (size_t i = 0; i < FORMAT_COUNT && !fmt; ++i)
    if (strcmp(fmt_name, formats[i].name) == 0)
      fmt = &formats[i];
  if (!fmt)
    return KG_ERR_USAGE;
  TRY(im_init(&im, diag, name, onto));
  kg_import_input in = {&im, diag, im.arena, onto, name, text, len, mapping};
  kg_sha256_hex(text, len, sha);
  kg_imp_source src = {"import", name, "2000-01-01", name, sha};
  TRY(map_input(&im, fmt, &in, src.id, NULL));
  TRY(render(&im, &src, yaml, yaml_len));
out:
  im_release(&im);
  kg_arena_free(im.arena);
  return st;
}

/* Reads, maps and writes; everything is checked before anything is
 * written. */
static kg_status import_file(const import_opts *o, kg_import *im, places *pl,
                             const kg_ontology *onto)
{
  kg_status st = KG_OK;
  char *text = NULL, *yaml = NULL;
  size_t len = 0, yaml_len = 0;
  TRY(read_input(im, o->file, &text, &len));
  TRY(kg_diag_add_source(im->diag, o->file, text, len));
  if (!input_is_text(im, text, len))
    TRY(KG_ERR_FACTS);
  kg_sha256_hex(text, len, pl->sha);
  kg_import_input in = {im,      im->diag, im->arena, onto,
                        o->file, text,     len,       o->mapping};
  TRY(map_input(im, o->fmt, &in, pl->source_id,
                pl->fb.root && kg_is_dir(pl->fb.facts) ? pl->fb.facts : NULL));
  TRY(plan_copy(im->diag, pl));
  kg_imp_source src = {pl->source_id, pl->base, pl->accessed, pl->base,
                       pl->sha};
  TRY(render(im, &src, &yaml, &yaml_len));
  /* check would refuse the file (load.h): say so now, write nothing. */
  if (yaml_len > KG_MAX_FILE_BYTES) {
    kg_error(im->diag, (kg_pos){o->file, 0, 0}, "import",
             "its facts would be a file of %zu bytes, more than a fact file "
             "may have (%u MiB): split it, and import each part",
             yaml_len, KG_MAX_FILE_BYTES >> 20);
    TRY(KG_ERR_FACTS);
  }
  if (pl->copy_path[0] && !pl->copy_there)
    TRY(write_new(im->diag, pl->copy_path, text, len));
  TRY(write_new(im->diag, pl->yaml_path, yaml, yaml_len));
out:
  free(yaml);
  return st;
}

static kg_status run_import(const import_opts *o, kg_diag *diag)
{
  kg_status st = KG_OK;
  places pl = {0};
  kg_ontology onto = {0};
  kg_rdf *rdf = NULL;
  kg_map *strings = NULL;
  kg_import im;
  TRY(im_init(&im, diag, o->file, &onto));
  TRY(plan(o, diag, &pl));
  if (!(strings = kg_map_new(im.arena)) || !(rdf = kg_rdf_new()))
    TRY(KG_ERR_NOMEM);
  /* The fact base's ontology: the keys written are the keys it has. */
  kg_ontology_layers layers = {kg_datadir_ontology(), pl.fb.ontology,
                               kg_datadir_looked()};
  TRY(kg_ontology_load_layers(&onto, im.arena, strings, rdf, diag, &layers));
  TRY(import_file(o, &im, &pl, &onto));
out:
  if (st == KG_ERR_NOMEM)
    kg_error(diag, (kg_pos){0}, "nomem", "out of memory");
  kg_diag_summary(diag);
  if (st == KG_OK)
    summary(&im, &pl, o->quiet);
  im_release(&im);
  kg_map_free(strings);
  kg_ontology_free(&onto);
  kg_rdf_free(rdf);
  kg_factbase_free(&pl.fb);
  /* The input's text is in the arena and the sink shows lines of it:
   * the sink goes first, the arena last. */
  kg_diag_free(diag);
  kg_arena_free(im.arena);
  return st;
}

kg_status kg_import_main(int argc, char **argv)
{
  import_opts o;
  kg_status st = parse_args(argc, argv, &o);
  if (st == KG_OK && o.help) {
    import_help(stdout);
    return KG_OK;
  }
  const char *no_color = getenv("NO_COLOR");
  bool color = !o.json && isatty(STDERR_FILENO) && !(no_color && *no_color);
  kg_diag *diag =
      kg_diag_new(stderr, o.json ? KG_DIAG_JSON : KG_DIAG_TEXT, color);
  if (!diag) {
    fputs("kgbuild: out of memory\n", stderr);
    return KG_ERR_NOMEM;
  }
  kg_diag_collect(diag);
  kg_diag_show_all(diag);
  if (st == KG_ERR_USAGE) {
    kg_error(diag, (kg_pos){0}, "usage", "%s", o.usage);
    kg_diag_free(diag);
    return st;
  }
  /* run_import frees the sink, before the arena its lines are in. */
  return run_import(&o, diag);
}
