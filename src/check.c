/* check.c - whole-model checks.  Every problem is reported with its place
 * and, where another place is involved, a note pointing there. */
#include "check.h"

#include "pool.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A diagnostic found by one part of a pass split over threads, kept to be
 * emitted in the order a one-thread run emits it: the sink shows the first
 * few of a code in that order and folds the rest. */
typedef struct {
  kg_diagnostic d;
  char *text; /* message, hint and note in one block */
} deferred;

typedef struct {
  deferred *items;
  size_t count, capacity;
} deferred_list;

typedef struct {
  kg_model *model;
  kg_diag *diag;
  bool failed;
  size_t suggestions; /* "did you mean" costs a scan; bound how many */
  size_t unchecked;   /* unknown ids not reported: a file was unreadable */
  /* A part of a split pass: what it finds goes to defer[pass], emitted
   * once every part is done (NULL: straight to diag). */
  deferred_list *defer;
  size_t pass;
  size_t part; /* which part of a split pass this is */
  bool lost;   /* a deferred diagnostic could not be kept (out of memory) */
} checker;

/* Long loops poll this every so many steps: SIGINT stops a check of a
 * million statements within a second. */
enum { POLL_EVERY = 4096 };

static bool interrupted_at(const checker *c, size_t i)
{
  return i % POLL_EVERY == 0 && kg_diag_interrupted(c->diag);
}

/* Between the phases of the check. */
static kg_status poll(const checker *c)
{
  return kg_diag_interrupted(c->diag) ? KG_ERR_INTERRUPTED : KG_OK;
}

static char *append_text(char *at, const char **text)
{
  if (!*text)
    return at;
  size_t len = strlen(*text) + 1;
  memcpy(at, *text, len);
  *text = at;
  return at + len;
}

/* The diagnostic's texts are the caller's (on its stack): copied.  Its
 * code is a literal and its file names are the model's. */
static bool defer(deferred_list *list, const kg_diagnostic *d)
{
  deferred *grown = kg_grow(list->items, &list->capacity, list->count,
                            sizeof *list->items, 16);
  if (!grown)
    return false;
  /* kg_grow may have moved the list and raised its capacity: keep the new
   * block now, whether or not the text's allocation below succeeds. */
  list->items = grown;
  size_t len = (d->message ? strlen(d->message) + 1 : 0) +
               (d->hint ? strlen(d->hint) + 1 : 0) +
               (d->note ? strlen(d->note) + 1 : 0);
  char *text = kg_malloc(len + 1);
  if (!text)
    return false;
  deferred *k = &list->items[list->count++];
  *k = (deferred){.d = *d, .text = text};
  text = append_text(text, &k->d.message);
  text = append_text(text, &k->d.hint);
  append_text(text, &k->d.note);
  return true;
}

static void emit(checker *c, const kg_diagnostic *d)
{
  if (!c->defer)
    kg_diag_emit(c->diag, d);
  else if (!defer(&c->defer[c->pass], d))
    c->lost = true;
}

/* Emits what a part kept, and frees it. */
static void release_deferred(kg_diag *diag, deferred_list *list)
{
  for (size_t i = 0; i < list->count; ++i) {
    kg_diag_emit(diag, &list->items[i].d);
    kg_free(list->items[i].text);
  }
  kg_free(list->items);
  *list = (deferred_list){0};
}

static void report(checker *c, kg_pos pos, const char *code,
                   const char *message, const char *hint, kg_pos note_pos,
                   const char *note)
{
  emit(c, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                           .pos = pos,
                           .code = code,
                           .message = message,
                           .hint = hint,
                           .note_pos = note_pos,
                           .note = note});
  c->failed = true;
}

/* ---- passes split over threads ------------------------------------------- */

/* The passes over entities or statements that are done one entity at a
 * time run in parts, one thread each, when the model is large: a part is
 * a range of entities, its diagnostics are kept and emitted part after
 * part, pass after pass, which is the order of a run on one thread.  So
 * the output does not depend on the number of threads, nor on which was
 * faster. */
enum { PARTS_MAX = KG_MAX_PARTS, PASSES_MAX = 4 };

/* Part i works on entities (or items) [bound[i], bound[i + 1]). */
typedef kg_status (*part_fn)(checker *c, size_t begin, size_t end, void *ctx);

typedef struct {
  part_fn fn;
  void *ctx;
  const size_t *bound;
  checker *parts;
} split;

static kg_status run_part(void *ctx, size_t i, kg_diag *unused)
{
  (void)unused; /* diagnostics are deferred: see split */
  split *sp = ctx;
  checker *c = &sp->parts[i];
  kg_status st = sp->fn(c, sp->bound[i], sp->bound[i + 1], sp->ctx);
  return st == KG_OK && c->lost ? KG_ERR_NOMEM : st;
}

/* Runs fn over parts [bound[i], bound[i + 1]) of a pass, at once, each
 * part's diagnostics in `passes` lists (fn sets c->pass), then emits them
 * pass by pass, part by part. */
static kg_status run_split(checker *c, size_t parts, const size_t *bound,
                           size_t passes, part_fn fn, void *ctx)
{
  kg_status st = KG_OK;
  checker part[PARTS_MAX];
  deferred_list lists[PARTS_MAX][PASSES_MAX] = {{{0}}};
  unsigned cost[PARTS_MAX] = {0};
  assert(parts >= 1 && parts <= PARTS_MAX && passes <= PASSES_MAX);
  for (size_t i = 0; i < parts; ++i) {
    part[i] = (checker){
        .model = c->model, .diag = c->diag, .defer = lists[i], .part = i};
    cost[i] = 1; /* the parts are cut to equal work: taken in order */
  }
  split sp = {.fn = fn, .ctx = ctx, .bound = bound, .parts = part};
  st = kg_pool_run(parts, cost, (unsigned)parts, run_part, &sp, c->diag, NULL);
  for (size_t pass = 0; pass < passes; ++pass)
    for (size_t i = 0; i < parts; ++i)
      release_deferred(c->diag, &lists[i][pass]);
  for (size_t i = 0; i < parts; ++i)
    c->failed = c->failed || part[i].failed;
  return st;
}

/* Cuts [0, n) into parts of equal length. */
static void cut_even(size_t n, size_t parts, size_t *bound)
{
  for (size_t i = 0; i <= parts; ++i)
    bound[i] = n / parts * i;
  bound[parts] = n;
}

/* Cuts entities into parts of about equal numbers of statements. */
static void cut_entities(const kg_model *m, size_t parts, size_t *bound)
{
  size_t n = m->entities.count, total = m->statements.count, seen = 0;
  size_t i = 1;
  bound[0] = 0;
  for (size_t e = 0; e < n && i < parts; ++e) {
    while (i < parts && seen >= total / parts * i)
      bound[i++] = e;
    seen += ((const kg_entity *)m->entities.items[e])->statement_count;
  }
  while (i < parts)
    bound[i++] = n;
  bound[parts] = n;
}

/* The id nearest to a dangling reference among entities of the right
 * class.  A linear scan, so only the first few dangling references get a
 * suggestion: a file with thousands of them should not take minutes. */
static const char *nearest_id(checker *c, const char *id, const kg_class *cls)
{
  if (c->suggestions++ >= 50)
    return NULL;
  const kg_vec *entities = &c->model->entities;
  const char **ids = kg_malloc(entities->count * sizeof(char *) + 1);
  if (!ids)
    return NULL;
  size_t n = 0;
  for (size_t i = 0; i < entities->count; ++i) {
    const kg_entity *e = entities->items[i];
    if (!cls || kg_class_is_a(e->cls, cls))
      ids[n++] = e->id;
  }
  const char *near = kg_nearest(id, strlen(id), ids, n);
  kg_free(ids);
  return near;
}

static const char *article(const char *noun)
{
  return strchr("aeiouAEIOU", noun[0]) ? "an" : "a";
}

/* key: the YAML key that refers (for messages); want: the class expected. */
static kg_entity *resolve(checker *c, const char *id, kg_pos pos,
                          const kg_class *want, const char *key)
{
  const char *what = want ? want->name : "entity";
  char message[512], hint[200], note[256];
  kg_entity *e = *kg_map_key_slot(id); /* every id is a key of by_id */
  if (!e && c->model->unreadable) {
    /* It may be defined in the file that could not be loaded: saying it
     * is unknown could be wrong, and would bury the real problem. */
    c->unchecked++;
    c->failed = true;
    return NULL;
  }
  if (!e) {
    const char *near = nearest_id(c, id, want);
    if (near)
      snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    snprintf(message, sizeof message, "unknown %s '%s'", what, id);
    report(c, pos, "unknown-reference", message, near ? hint : NULL,
           (kg_pos){0}, NULL);
    return NULL;
  }
  if (want && !kg_class_is_a(e->cls, want)) {
    snprintf(message, sizeof message, "'%s' is %s %s, but '%s' expects %s %s",
             id, article(e->cls->name), e->cls->name, key, article(want->name),
             want->name);
    snprintf(note, sizeof note, "'%s' is defined here", id);
    report(c, pos, "wrong-kind", message, NULL, e->pos, note);
    return NULL;
  }
  return e;
}

static void resolve_provenance(checker *c, const kg_provenance *prov)
{
  kg_provenance *p = (kg_provenance *)prov; /* check owns the resolution */
  if (!p || p->resolved)
    return;
  p->resolved = true;
  for (size_t k = 0; k < p->count; ++k)
    p->sources[k] = resolve(c, p->ids[k], p->positions[k],
                            c->model->onto->source_class, "source");
}

/* A qualifier naming an entry (`context-topic: cyber-affairs`) is checked
 * like any reference; one that does not resolve is dropped, reported. */
static void resolve_qualifiers(checker *c, const kg_statement *s)
{
  if (!s->extra)
    return;
  for (size_t i = 0; i < s->extra->qualifier_count; ++i) {
    kg_statement *q = s->extra->qualifiers[i];
    if (!q->ref || q->object || q->invalid)
      continue;
    q->object = resolve(c, q->ref, q->pos, q->prop->range_class,
                        kg_property_name(q->prop));
    q->invalid = !q->object;
  }
}

/* A reference that does not resolve stays, as present but invalid (see
 * kg_statement.invalid).  Statements of a second entry with an id already
 * defined have their references checked, then go: their subject is not an
 * entity of the model. */
static kg_status resolve_all(checker *c)
{
  kg_model *m = c->model;
  size_t k = 0;
  for (size_t i = 0; i < m->statements.count; ++i) {
    if (interrupted_at(c, i))
      return KG_ERR_INTERRUPTED;
    kg_statement *s = m->statements.items[i];
    if (s->ref && !s->invalid) {
      s->object =
          resolve(c, s->ref, s->pos, s->prop->range_class, s->prop->key);
      s->invalid = !s->object;
    }
    resolve_provenance(c, s->prov);
    resolve_qualifiers(c, s);
    if (*kg_map_key_slot(s->subject->id) == s->subject)
      m->statements.items[k++] = s;
  }
  m->statements.count = k;
  /* Provenance records are shared between statements: resolve each once. */
  for (size_t i = 0; i < m->entities.count; ++i)
    resolve_provenance(c, ((kg_entity *)m->entities.items[i])->prov);
  if (c->unchecked) {
    char message[256];
    snprintf(message, sizeof message,
             "%zu reference%s to ids not defined in the files read were not "
             "checked: a fact file could not be loaded",
             c->unchecked, c->unchecked == 1 ? "" : "s");
    emit(c, &(kg_diagnostic){.severity = KG_SEV_NOTE,
                             .code = "unchecked-reference",
                             .message = message});
  }
  return KG_OK;
}

/* What one part of the asserted statements implies, in its own arena
 * (adopted by the model's once every part is done): their reverses, the
 * super-properties' copies of them, and of their reverses, each in the
 * order of the statements they come from. */
typedef struct {
  kg_arena *arena;
  kg_vec reverse, of_asserted, of_reverse;
} implied;

static kg_statement *new_statement(implied *d, kg_vec *into)
{
  kg_statement *s = kg_arena_alloc(d->arena, sizeof *s);
  return s && kg_vec_push(into, s) == KG_OK ? s : NULL;
}

/* Each statement also holds for every super-property of its key
 * (`part-of` is an org:subOrganizationOf), so a generic ORG, Dublin Core
 * or SKOS client finds it without a reasoner. */
static kg_status add_entailed(implied *d, kg_vec *into, const kg_statement *s)
{
  if (s->invalid)
    return KG_OK;
  for (size_t k = 0; k < s->prop->ancestors.count; ++k) {
    kg_statement *e = new_statement(d, into);
    if (!e)
      return KG_ERR_NOMEM;
    *e = *s;
    e->prop = s->prop->ancestors.items[k];
    e->derived = e->entailed = true;
    e->origin = s;
  }
  return KG_OK;
}

/* Symmetric and inverse keys imply a statement in the other direction;
 * kgbuild writes it, so that a store without a reasoner answers either way
 * and the functional check sees both sides. */
static kg_status derive_range(checker *c, size_t begin, size_t end, void *ctx)
{
  kg_status st = KG_OK;
  implied *d = (implied *)ctx + c->part;
  if (!(d->arena = kg_arena_new()))
    return KG_ERR_NOMEM;
  for (size_t i = begin; i < end; ++i) {
    const kg_statement *s = c->model->statements.items[i];
    TRY(add_entailed(d, &d->of_asserted, s));
    const kg_property *reverse =
        s->prop->symmetric ? s->prop : s->prop->inverse;
    if (!s->object || s->invalid || !reverse)
      continue;
    kg_statement *r = new_statement(d, &d->reverse);
    if (!r)
      return KG_ERR_NOMEM;
    *r = (kg_statement){.subject = s->object,
                        .prop = reverse,
                        .pos = s->pos,
                        .ref = s->subject->id,
                        .object = s->subject,
                        .prov = s->prov,
                        .derived = true,
                        .rank = s->rank,
                        .extra = s->extra,
                        .origin = s};
    TRY(add_entailed(d, &d->of_reverse, r));
  }
out:
  return st;
}

static kg_status push_all(kg_vec *into, const kg_vec *from)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < from->count; ++i)
    TRY(kg_vec_push(into, from->items[i]));
out:
  return st;
}

/* The statements in the order of a one-thread run: the asserted, their
 * reverses, then the super-properties' copies of both. */
static kg_status add_derived(checker *c)
{
  kg_status st = KG_OK;
  kg_model *m = c->model;
  size_t parts = kg_pool_parts(m->statements.count), bound[PARTS_MAX + 1];
  implied d[PARTS_MAX] = {{0}};
  cut_even(m->statements.count, parts, bound);
  TRY(run_split(c, parts, bound, 0, derive_range, d));
  for (size_t p = 0; p < parts; ++p)
    TRY(push_all(&m->statements, &d[p].reverse));
  for (size_t p = 0; p < parts; ++p)
    TRY(push_all(&m->statements, &d[p].of_asserted));
  for (size_t p = 0; p < parts; ++p)
    TRY(push_all(&m->statements, &d[p].of_reverse));
out:
  for (size_t p = 0; p < parts; ++p) {
    kg_arena_adopt(m->arena, d[p].arena); /* what was pushed, or not */
    kg_vec_free(&d[p].reverse);
    kg_vec_free(&d[p].of_asserted);
    kg_vec_free(&d[p].of_reverse);
  }
  return st;
}

static int compare_entities(const void *pa, const void *pb)
{
  return strcmp((*(kg_entity *const *)pa)->id, (*(kg_entity *const *)pb)->id);
}

/* An entity with the first 16 bytes of its id, big-endian: most
 * comparisons of the sort are decided by them without reading the id (a
 * cache miss each). */
typedef struct {
  uint64_t key[2];
  kg_entity *e;
} keyed_entity;

static uint64_t id_key(const char *id, size_t *i)
{
  uint64_t k = 0;
  for (size_t b = 0; b < 8; ++b) {
    k <<= 8;
    if (id[*i])
      k |= (unsigned char)id[(*i)++];
  }
  return k;
}

static int compare_keyed(const void *pa, const void *pb)
{
  const keyed_entity *a = pa, *b = pb;
  for (size_t i = 0; i < 2; ++i)
    if (a->key[i] != b->key[i])
      return a->key[i] < b->key[i] ? -1 : 1;
  return compare_entities(&a->e, &b->e);
}

/* A least-significant-digit radix sort of the keys, 16 bits a pass, then
 * the runs of equal keys (ids alike in their first 16 bytes) by id: a
 * comparison sort of 250,000 entities spent 0.12 s in the comparisons.
 * The result is in *a (a or tmp). */
static kg_status radix_keyed(keyed_entity **a, keyed_entity **tmp, size_t n)
{
  size_t *count = kg_malloc(((1 << 16) + 1) * sizeof *count);
  kg_status st = KG_OK;
  if (!count) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (unsigned pass = 0; pass < 8; ++pass) {
    unsigned word = pass < 4 ? 1 : 0, shift = pass % 4 * 16;
    memset(count, 0, ((1 << 16) + 1) * sizeof *count);
    for (size_t i = 0; i < n; ++i)
      count[((*a)[i].key[word] >> shift & 0xFFFF) + 1]++;
    if (count[((*a)[0].key[word] >> shift & 0xFFFF) + 1] == n)
      continue; /* one digit for all: nothing to move */
    for (size_t d = 1; d <= 0xFFFF; ++d)
      count[d] += count[d - 1];
    for (size_t i = 0; i < n; ++i)
      (*tmp)[count[(*a)[i].key[word] >> shift & 0xFFFF]++] = (*a)[i];
    keyed_entity *t = *a;
    *a = *tmp;
    *tmp = t;
  }
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i + 1;
         j < n && !memcmp((*a)[j].key, (*a)[i].key, sizeof(*a)[i].key); ++j)
      ;
    if (j - i > 1)
      qsort(*a + i, j - i, sizeof **a, compare_keyed);
  }
out:
  kg_free(count);
  return st;
}

/* Entities in id order (ids are unique: one order, however sorted). */
static kg_status sort_entities(checker *c)
{
  kg_status st = KG_OK;
  kg_vec *v = &c->model->entities;
  keyed_entity *keyed = kg_malloc((v->count + 1) * sizeof *keyed);
  keyed_entity *tmp = kg_malloc((v->count + 1) * sizeof *tmp);
  keyed_entity *sorted = keyed, *spare = tmp;
  if (!keyed || !tmp) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (v->count < 2)
    goto out;
  for (size_t i = 0; i < v->count; ++i) {
    keyed_entity *k = &keyed[i];
    size_t at = 0;
    k->e = v->items[i];
    k->key[0] = id_key(k->e->id, &at);
    k->key[1] = id_key(k->e->id, &at);
  }
  TRY(radix_keyed(&sorted, &spare, v->count));
  for (size_t i = 0; i < v->count; ++i)
    v->items[i] = sorted[i].e;
out:
  kg_free(keyed);
  kg_free(tmp);
  return st;
}

static int compare_provenance(const kg_provenance *a, const kg_provenance *b)
{
  if (a == b)
    return 0;
  if (!a || !b)
    return a ? 1 : -1;
  for (size_t i = 0; i < a->count && i < b->count; ++i) {
    int c = strcmp(a->ids[i], b->ids[i]);
    if (c)
      return c;
  }
  if (a->count != b->count)
    return a->count < b->count ? -1 : 1;
  if (!a->quote || !b->quote)
    return a->quote ? 1 : b->quote ? -1 : 0;
  size_t n = a->quote_len < b->quote_len ? a->quote_len : b->quote_len;
  int c = memcmp(a->quote, b->quote, n);
  if (c)
    return c;
  return a->quote_len < b->quote_len ? -1 : a->quote_len > b->quote_len;
}

/* The qualifier key whose values are the curator's remarks, not part of
 * what a statement says.  Named here, as graph.c names the spell keys: the
 * ontology says what a note is (kg:note's comment), not that it is no
 * part of a statement's identity. */
static const char note_key[] = "note";

static bool is_note(const kg_statement *q)
{
  return q->prop->qualifier_key && !strcmp(q->prop->qualifier_key, note_key);
}

/* Two qualifiers by property (numbered in IRI order), then value. */
static int compare_qualifier(const kg_statement *a, const kg_statement *b)
{
  if (a->prop != b->prop)
    return a->prop->index < b->prop->index ? -1 : 1;
  if (a->ref && a->ref == b->ref) /* interned */
    return 0;
  return kg_statement_compare(a, b);
}

/* A long form's qualifiers in one order whatever the order written: what
 * is said first, the notes last. */
static int compare_qualifiers(const void *pa, const void *pb)
{
  const kg_statement *a = *(kg_statement *const *)pa;
  const kg_statement *b = *(kg_statement *const *)pb;
  bool na = is_note(a), nb = is_note(b);
  if (na != nb)
    return na ? 1 : -1;
  return compare_qualifier(a, b);
}

/* What two statements with one value say besides it: their qualifiers
 * but notes, sorted by check_qualifiers.  Most statements have none, or
 * share one long form (a value and its reverse): no qualifier is read. */
static int compare_said(const kg_statement *a, const kg_statement *b)
{
  const kg_statement_extra *x = a->extra, *y = b->extra;
  size_t n = x ? x->said_count : 0, k = y ? y->said_count : 0;
  if (x == y || (!n && !k))
    return 0;
  /* qualifier by qualifier first: spells come in the order of their
   * starts */
  for (size_t i = 0; i < n && i < k; ++i) {
    int c = compare_qualifier(x->qualifiers[i], y->qualifiers[i]);
    if (c)
      return c;
  }
  return n < k ? -1 : n > k;
}

static int compare_statements(const void *pa, const void *pb)
{
  const kg_statement *a = *(kg_statement *const *)pa;
  const kg_statement *b = *(kg_statement *const *)pb;
  /* Entities are numbered in id order and properties in IRI order by now:
   * numbers compare as the strings would, without reading them. */
  if (a->subject != b->subject)
    return a->subject->index < b->subject->index ? -1 : 1;
  if (a->prop != b->prop)
    return a->prop->index < b->prop->index ? -1 : 1;
  int c = a->object && b->object ? (a->object == b->object                ? 0
                                    : a->object->index < b->object->index ? -1
                                                                          : 1)
                                 : kg_statement_compare(a, b);
  if (c)
    return c;
  /* The same value in two spells (or other qualifiers): two statements. */
  if ((c = compare_said(a, b)))
    return c;
  /* The same triple asserted and derived: asserted first, so it is kept. */
  if (a->derived != b->derived)
    return a->derived ? 1 : -1;
  if (a->entailed != b->entailed)
    return a->entailed ? 1 : -1;
  /* The same value given twice: which one is kept (with its source) must not
   * depend on the order the curator wrote them in. */
  c = compare_provenance(a->prov, b->prov);
  if (c)
    return c;
  if (a->pos.file != b->pos.file)
    return strcmp(a->pos.file ? a->pos.file : "",
                  b->pos.file ? b->pos.file : "");
  if (a->pos.line != b->pos.line)
    return a->pos.line < b->pos.line ? -1 : 1;
  return a->pos.col < b->pos.col ? -1 : a->pos.col > b->pos.col;
}

static void describe_object(const kg_statement *s, char *buf, size_t size)
{
  if (s->ref)
    snprintf(buf, size, "'%s'", s->ref);
  else {
    char q[128];
    snprintf(buf, size, "'%s'", kg_diag_quote(s->lexical, s->len, q, sizeof q));
  }
}

/* Statements in compare_statements order: a counting sort by subject (the
 * entities are numbered in id order), then each entity's few statements
 * sorted in place.  A plain qsort of a million statements spends its time
 * in cache misses, following pointers to compare two subjects.  Each step
 * is split over threads: parts of the statements count and then place
 * their subjects' statements (part after part, so each entity's
 * statements stay in the order of a one-thread run), parts of the
 * entities sort theirs. */
typedef struct {
  const kg_model *m;
  void **sorted;
  uint32_t *subject;     /* each statement's subject number, read once */
  size_t *at[PARTS_MAX]; /* per part: entity -> count, then next place */
  size_t *start;         /* entity -> where its statements begin */
} statement_sort;

static kg_status count_subjects(checker *c, size_t begin, size_t end, void *ctx)
{
  statement_sort *ss = ctx;
  size_t *count = ss->at[c->part];
  for (size_t i = begin; i < end; ++i) {
    ss->subject[i] =
        ((kg_statement *)ss->m->statements.items[i])->subject->index;
    count[ss->subject[i]]++;
  }
  return KG_OK;
}

static kg_status place_statements(checker *c, size_t begin, size_t end,
                                  void *ctx)
{
  statement_sort *ss = ctx;
  size_t *at = ss->at[c->part];
  for (size_t i = begin; i < end; ++i)
    ss->sorted[at[ss->subject[i]]++] = ss->m->statements.items[i];
  return KG_OK;
}

/* Most runs are a few statements: an insertion sort, stable as glibc's
 * qsort (a merge sort) is, so equal items stay in one order either way. */
static void sort_run(void **items, size_t n)
{
  if (n > 16) {
    qsort(items, n, sizeof *items, compare_statements);
    return;
  }
  for (size_t i = 1; i < n; ++i) {
    void *x = items[i];
    size_t j = i;
    for (; j > 0 && compare_statements(&items[j - 1], &x) > 0; --j)
      items[j] = items[j - 1];
    items[j] = x;
  }
}

static kg_status sort_runs(checker *c, size_t begin, size_t end, void *ctx)
{
  (void)c;
  statement_sort *ss = ctx;
  for (size_t e = begin; e < end; ++e)
    sort_run(ss->sorted + ss->start[e], ss->start[e + 1] - ss->start[e]);
  return KG_OK;
}

/* Where each part's statements of each entity go: entity by entity, part
 * by part. */
static void place_parts(statement_sort *ss, size_t entities, size_t parts)
{
  size_t at = 0;
  for (size_t e = 0; e < entities; ++e) {
    ss->start[e] = at;
    for (size_t p = 0; p < parts; ++p) {
      size_t n = ss->at[p][e];
      ss->at[p][e] = at;
      at += n;
    }
  }
  ss->start[entities] = at;
}

/* Cuts entities into parts of about equal numbers of statements, by
 * start[]. */
static void cut_starts(const size_t *start, size_t entities, size_t parts,
                       size_t *bound)
{
  size_t e = 0;
  bound[0] = 0;
  for (size_t i = 1; i < parts; ++i) {
    while (e < entities && start[e] < start[entities] / parts * i)
      ++e;
    bound[i] = e;
  }
  bound[parts] = entities;
}

static kg_status sort_statements(checker *c, size_t **start)
{
  kg_model *m = c->model;
  size_t n = m->statements.count, entities = m->entities.count;
  size_t parts = kg_pool_parts(n), bound[PARTS_MAX + 1];
  statement_sort ss = {.m = m};
  kg_status st = KG_OK;
  ss.start = kg_malloc((entities + 1) * sizeof *ss.start);
  ss.sorted = kg_malloc((n + 1) * sizeof *ss.sorted);
  ss.subject = kg_malloc((n + 1) * sizeof *ss.subject);
  if (!ss.start || !ss.sorted || !ss.subject) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t p = 0; p < parts; ++p)
    if (!(ss.at[p] = kg_calloc(entities + 1, sizeof *ss.at[p]))) {
      st = KG_ERR_NOMEM;
      goto out;
    }
  cut_even(n, parts, bound);
  TRY(run_split(c, parts, bound, 0, count_subjects, &ss));
  place_parts(&ss, entities, parts);
  TRY(run_split(c, parts, bound, 0, place_statements, &ss));
  cut_starts(ss.start, entities, parts, bound);
  TRY(run_split(c, parts, bound, 0, sort_runs, &ss));
  if (n) /* items is NULL when empty */
    memcpy(m->statements.items, ss.sorted, n * sizeof *ss.sorted);
  *start = ss.start; /* the caller's now */
  ss.start = NULL;
out:
  for (size_t p = 0; p < parts; ++p)
    kg_free(ss.at[p]);
  kg_free(ss.subject);
  kg_free(ss.start);
  kg_free(ss.sorted);
  return st;
}

#ifndef NDEBUG
/* The order every export relies on: strictly by subject, property and
 * object (no triple twice), each entity's statements one run at
 * first_statement. */
static bool statements_sorted(const kg_model *m)
{
  void **items = m->statements.items;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_entity *e = ((const kg_statement *)items[i])->subject;
    if (i < e->first_statement || i - e->first_statement >= e->statement_count)
      return false;
    if (i && compare_statements(&items[i - 1], &items[i]) >= 0)
      return false;
  }
  return true;
}
#endif

/* Do two provenance records cite a source in common?  Statements citing
 * none (a source's own description) count as their entry's: alike. */
static bool provenance_shares(const kg_provenance *a, const kg_provenance *b)
{
  bool sa = a && a->count, sb = b && b->count;
  if (!sa || !sb)
    return !sa && !sb;
  for (size_t i = 0; i < a->count; ++i)
    for (size_t j = 0; j < b->count; ++j)
      if (a->ids[i] == b->ids[j]) /* interned */
        return true;
  return false;
}

/* Does one source state both a and b?  Then two values of a one-valued key
 * are a contradiction within the source, not a disagreement between
 * sources; and one value twice is a repeat. */
static bool shares_source(const kg_statement *a, const kg_statement *b)
{
  for (size_t i = 0; i < kg_statement_ref_count(a); ++i)
    for (size_t j = 0; j < kg_statement_ref_count(b); ++j)
      if (provenance_shares(kg_statement_ref(a, i), kg_statement_ref(b, j)))
        return true;
  return false;
}

static const char *const rank_names[] = {"normal", "preferred", "deprecated"};

/* Notes are kept in one order whatever the order of the sources: by text,
 * each once. */
static int compare_notes(const void *pa, const void *pb)
{
  return kg_statement_compare(*(kg_statement *const *)pa,
                              *(kg_statement *const *)pb);
}

/* kept's qualifiers that are said, then the notes of both, sorted and
 * each once: a note is a remark on the statement, whoever's long form it
 * was written in (docs/facts.md). */
static kg_status merge_notes(kg_arena *arena, kg_statement_extra *x,
                             const kg_statement *kept, const kg_statement *dup)
{
  const kg_statement_extra *a = kept->extra, *b = dup->extra;
  size_t na = a ? a->qualifier_count : 0, nb = b ? b->qualifier_count : 0;
  size_t said = a ? a->said_count : 0, k = 0;
  kg_statement **q = kg_arena_alloc(arena, (na + nb + 1) * sizeof *q);
  if (!q)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < na; ++i)
    q[k++] = a->qualifiers[i];
  for (size_t i = b ? b->said_count : 0; i < nb; ++i)
    q[k++] = b->qualifiers[i];
  if (k - said > 1)
    qsort(q + said, k - said, sizeof *q, compare_notes);
  size_t n = said;
  for (size_t i = said; i < k; ++i)
    if (n == said || compare_notes(&q[n - 1], &q[i]))
      q[n++] = q[i];
  x->qualifiers = q;
  x->qualifier_count = n;
  x->said_count = said;
  return KG_OK;
}

static const char reason_sep[] = "; ";

/* Is r one of the reasons joined in `reasons`? */
static bool has_reason(const char *reasons, size_t len, const char *r,
                       size_t rlen)
{
  size_t sep = strlen(reason_sep);
  for (size_t at = 0; at + rlen <= len; ++at) {
    bool starts =
        !at || (at >= sep && !memcmp(reasons + at - sep, reason_sep, sep));
    bool ends =
        at + rlen == len || (at + rlen + sep <= len &&
                             !memcmp(reasons + at + rlen, reason_sep, sep));
    if (starts && ends && !memcmp(reasons + at, r, rlen))
      return true;
  }
  return false;
}

/* Several sources deprecating one statement may each say why: every
 * reason is kept, each once, in the order of the statements (sorted by
 * source, so not the order written). */
static kg_status merge_reasons(kg_arena *arena, kg_statement_extra *x,
                               const kg_statement_extra *dup)
{
  if (!dup || !dup->reason)
    return KG_OK;
  if (!x->reason) {
    x->reason = dup->reason;
    x->reason_len = dup->reason_len;
    return KG_OK;
  }
  if (has_reason(x->reason, x->reason_len, dup->reason, dup->reason_len))
    return KG_OK;
  const char *sep = reason_sep;
  size_t len = x->reason_len + strlen(sep) + dup->reason_len;
  char *r = kg_arena_alloc(arena, len + 1);
  if (!r)
    return KG_ERR_NOMEM;
  memcpy(r, x->reason, x->reason_len);
  memcpy(r + x->reason_len, sep, strlen(sep));
  memcpy(r + x->reason_len + strlen(sep), dup->reason, dup->reason_len);
  r[len] = '\0';
  x->reason = r;
  x->reason_len = len;
  return KG_OK;
}

/* The same statement again (same value and qualifiers): one statement.
 * From other sources (with_refs), it gains their references, as a Wikidata
 * statement has several; a repeat within one source adds only its notes. */
static kg_status merge_statements(checker *c, kg_statement *kept,
                                  const kg_statement *dup, bool with_refs)
{
  kg_arena *arena = c->model->arena;
  if (!with_refs &&
      !(dup->extra && dup->extra->qualifier_count > dup->extra->said_count))
    return KG_OK; /* nothing to add */
  kg_statement_extra *x = kg_arena_alloc(arena, sizeof *x);
  size_t also = kg_statement_ref_count(kept) - 1 +
                (with_refs ? kg_statement_ref_count(dup) : 0);
  const kg_provenance **p = kg_arena_alloc(arena, (also + 1) * sizeof *p);
  if (!x || !p)
    return KG_ERR_NOMEM;
  *x = kept->extra ? *kept->extra : (kg_statement_extra){0};
  size_t n = 0;
  for (size_t i = 1; i < kg_statement_ref_count(kept); ++i)
    p[n++] = kg_statement_ref(kept, i);
  for (size_t i = 0; with_refs && i < kg_statement_ref_count(dup); ++i)
    p[n++] = kg_statement_ref(dup, i);
  x->also = p;
  x->also_count = n;
  kg_status st = merge_notes(arena, x, kept, dup);
  if (st != KG_OK)
    return st;
  st = merge_reasons(arena, x, dup->extra);
  if (st != KG_OK)
    return st;
  x->checked = true; /* each long form's qualifiers were checked alone */
  kept->extra = x;
  return KG_OK;
}

/* One statement ranked twice cannot hold both ranks, whether two sources
 * rank it or one source twice, directly or through an inverse key: which
 * rank won would depend on the order of the items.  A pair of an asserted
 * and a derived statement is met once on each side: reported on one. */
static void check_one_rank(checker *c, const kg_statement *kept,
                           const kg_statement *dup)
{
  if (dup->rank == kept->rank || (kept->derived && dup->derived))
    return; /* two derived: the asserted pair on the other side reports */
  /* A reverse statement mirrors an asserted one on its object's side: the
   * pair is met there too, and reported on the lower entity only.  An
   * entailed one (a super-property's triple) has no mirror, and may have a
   * literal value: reported here. */
  if ((kept->derived || dup->derived) && !kept->entailed && !dup->entailed &&
      kept->object && kept->subject->index > kept->object->index)
    return;
  const kg_statement *at = dup->derived ? kept : dup;
  const kg_statement *other = dup->derived ? dup : kept;
  char message[512], object[160], hint[256];
  describe_object(at, object, sizeof object);
  snprintf(message, sizeof message,
           "'%s' of '%s' ranks the value %s both %s and %s",
           kg_property_name(at->prop), at->subject->id, object,
           rank_names[at->rank], rank_names[other->rank]);
  /* Named by the statement it holds for: that is where the curator wrote
   * the other rank, an inverse key or a sub-property's. */
  if (other->derived && other->origin)
    snprintf(hint, sizeof hint,
             "the other rank is on '%s' of '%s', which says the same %s: give "
             "both the same rank",
             kg_property_name(other->origin->prop), other->origin->subject->id,
             other->entailed ? "through a narrower key" : "read the other way");
  report(c, at->pos, "rank-conflict", message,
         other->derived && other->origin ? hint : "give the value one rank",
         other->pos, "the other rank is given here");
}

/* Sort, then merge what is one statement (same subject, key, value and
 * qualifiers but notes): a derived statement that was also asserted, the
 * same statement from several sources (one statement, several references),
 * or a true repeat within one source (with a warning; nothing is lost).
 * The same value with other qualifiers (another spell) is another
 * statement. */
/* Is s (the statement after prev, of one entity) the same statement
 * again: same key, value and qualifiers but notes? */
static bool same_statement(const kg_statement *prev, const kg_statement *s)
{
  return prev->prop == s->prop && !s->invalid && !prev->invalid &&
         !kg_statement_compare(prev, s) && !compare_said(prev, s);
}

typedef struct {
  void **items;
  const size_t *start; /* entity -> where its sorted statements begin */
  bool *same;          /* statement -> same_statement as the one before */
} repeats;

/* Each statement against the one before it: one cache miss a statement,
 * taken in parts over threads, so that the merge that follows reads the
 * flags only.  The statement before is the one kept before it whenever it
 * is the same again: being the same statement is an equivalence, and a
 * merge keeps what the kept one says. */
static kg_status find_repeats(checker *c, size_t begin, size_t end, void *ctx)
{
  (void)c;
  repeats *r = ctx;
  for (size_t e = begin; e < end; ++e)
    for (size_t i = r->start[e] + 1; i < r->start[e + 1]; ++i)
      r->same[i] = same_statement(r->items[i - 1], r->items[i]);
  return KG_OK;
}

static kg_status merge_repeat(checker *c, kg_statement *prev,
                              const kg_statement *s)
{
  kg_status st = KG_OK;
  check_one_rank(c, prev, s);
  bool repeat = shares_source(prev, s);
  TRY(merge_statements(c, prev, s, !repeat));
  if (repeat && !s->derived && !prev->derived) {
    char message[512], object[160];
    describe_object(s, object, sizeof object);
    snprintf(message, sizeof message, "'%s' of '%s' repeats the value %s",
             s->prop->key, s->subject->id, object);
    emit(c, &(kg_diagnostic){.severity = KG_SEV_WARNING,
                             .pos = s->pos,
                             .code = "repeated-value",
                             .message = message,
                             .note_pos = prev->pos,
                             .note = "first given here"});
  }
out:
  return st;
}

/* Sort, then merge what is one statement (same subject, key, value and
 * qualifiers but notes): a derived statement that was also asserted, the
 * same statement from several sources (one statement, several references),
 * or a true repeat within one source (with a warning; nothing is lost).
 * The same value with other qualifiers (another spell) is another
 * statement.  The merges, and what they report, in statement order. */
static kg_status sort_and_dedupe(checker *c)
{
  kg_status st = KG_OK;
  kg_model *m = c->model;
  size_t entities = m->entities.count, k = 0, bound[PARTS_MAX + 1];
  size_t parts = kg_pool_parts(m->statements.count);
  repeats r = {.items = m->statements.items};
  TRY(sort_entities(c));
  for (size_t i = 0; i < entities; ++i)
    ((kg_entity *)m->entities.items[i])->index = (uint32_t)i;
  TRY(sort_statements(c, (size_t **)&r.start));
  if (!(r.same = kg_calloc(m->statements.count + 1, sizeof *r.same))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  cut_starts(r.start, entities, parts, bound);
  TRY(run_split(c, parts, bound, 0, find_repeats, &r));
  for (size_t e = 0; e < entities; ++e) {
    kg_entity *ent = m->entities.items[e];
    size_t first = k;
    for (size_t i = r.start[e]; i < r.start[e + 1]; ++i)
      if (!r.same[i])
        m->statements.items[k++] = m->statements.items[i];
      else
        TRY(merge_repeat(c, m->statements.items[k - 1],
                         m->statements.items[i]));
    ent->statement_count = k - first;
    if (k > first)
      ent->first_statement = first;
  }
  m->statements.count = k;
  assert(statements_sorted(m));
out:
  kg_free((size_t *)r.start);
  kg_free(r.same);
  return st;
}

static kg_statement *statement_at(const kg_model *m, const kg_entity *e,
                                  size_t i)
{
  return m->statements.items[e->first_statement + i];
}

/* Preferred before normal before deprecated. */
static int rank_order(const kg_statement *s)
{
  return s->rank == KG_RANK_PREFERRED ? 0 : s->rank == KG_RANK_NORMAL ? 1 : 2;
}

/* Two dates of different precision agree when the coarser one covers the
 * finer one: 2013 and 2013-06, 2013-06 and 2013-06-15.  Equal values were
 * merged already; anything else (2013-06 and 2013-07, 2013 and 2014, two
 * names) disagrees. */
static bool dates_agree(const kg_statement *a, const kg_statement *b)
{
  const kg_date *x = &a->date, *y = &b->date;
  if (!x->precision || !y->precision || x->year != y->year)
    return false;
  if (x->precision == KG_DATE_YEAR || y->precision == KG_DATE_YEAR)
    return true;
  return x->month == y->month && (x->precision == KG_DATE_YEAR_MONTH ||
                                  y->precision == KG_DATE_YEAR_MONTH);
}

static void report_same_source(checker *c, const kg_statement *a,
                               const kg_statement *b)
{
  char message[768], va[160], vb[160];
  describe_object(a, va, sizeof va);
  describe_object(b, vb, sizeof vb);
  snprintf(message, sizeof message,
           "'%s' of '%s' takes one value, but has %s and %s",
           kg_property_name(b->prop), b->subject->id, va, vb);
  report(c, b->pos, "functional", message, NULL, a->pos,
         a->derived ? "implied by the statement here"
                    : "the other value is given here");
}

/* "2013-06 [a, b]": a value and the sources that give it. */
static size_t describe_sourced(const kg_statement *s, char *buf, size_t size)
{
  char q[128];
  int o = snprintf(buf, size, "%s [",
                   s->ref ? s->ref
                          : kg_diag_quote(s->lexical, s->len, q, sizeof q));
  size_t n = o > 0 ? (size_t)o : 0;
  const char *sep = "";
  for (size_t i = 0; i < kg_statement_ref_count(s) && n < size; ++i) {
    const kg_provenance *p = kg_statement_ref(s, i);
    for (size_t k = 0; p && k < p->count && n < size; ++k, sep = ", ")
      n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, p->ids[k]);
  }
  if (n < size)
    n += (size_t)snprintf(buf + n, size - n, "]");
  return n < size ? n : size;
}

/* The best-ranked values of a one-valued key still disagree: data, not an
 * error, until the curator ranks them. */
static void warn_disagreement(checker *c, kg_statement **best, size_t n)
{
  char message[1024];
  const kg_statement *s = best[0];
  size_t o = (size_t)snprintf(message, sizeof message,
                              "sources disagree on '%s' of %s: ",
                              kg_property_name(s->prop), s->subject->id);
  for (size_t i = 0; i < n && o < sizeof message; ++i) {
    if (i)
      o += (size_t)snprintf(message + o, sizeof message - o, " vs ");
    if (o < sizeof message)
      o += describe_sourced(best[i], message + o, sizeof message - o);
  }
  emit(c, &(kg_diagnostic){
              .severity = KG_SEV_WARNING,
              .pos = best[1]->pos,
              .code = "sources-disagree",
              .message = message,
              .hint = "rank them: 'rank: preferred' on the value to keep, "
                      "or 'rank: deprecated' with a 'reason:'",
              .note_pos = best[0]->pos,
              .note = "the other value is given here"});
}

/* Pairs are compared among the first values only: a hostile list of
 * thousands of values for one key must not cost millions of comparisons
 * (the values beyond are still ranked). */
enum { PAIRS_MAX = 64 };

/* One entry's values of one key: which are best-ranked (Wikidata's truthy
 * values: the preferred if any, else the normal; never the deprecated),
 * and, for a one-valued key, which contradict their own source (error),
 * refine another (a coarser date is outranked by the finer one that
 * agrees) or disagree between sources (warning). */
static void rank_run(checker *c, kg_statement **run, size_t n)
{
  int best = 2;
  for (size_t i = 0; i < n; ++i)
    if (!run[i]->invalid && rank_order(run[i]) < best)
      best = rank_order(run[i]);
  for (size_t i = 0; i < n; ++i)
    run[i]->outranked = rank_order(run[i]) != best || best == 2;
  if (!run[0]->prop->functional || n < 2)
    return;
  size_t m = n < PAIRS_MAX ? n : PAIRS_MAX, truthy = 0;
  bool contradiction = false;
  kg_statement *kept[PAIRS_MAX];
  for (size_t j = 1; j < m; ++j)
    for (size_t i = 0; i < j; ++i) {
      kg_statement *a = run[i], *b = run[j];
      if (a->invalid || b->invalid)
        continue; /* reported; dropped after the check */
      if (!kg_statement_compare(a, b))
        continue; /* one value in two spells: no contradiction */
      if (dates_agree(a, b)) {
        kg_statement *coarse = a->date.precision < b->date.precision ? a : b;
        if (!a->outranked && !b->outranked)
          coarse->outranked = true;
      } else if (shares_source(a, b)) {
        report_same_source(c, a, b);
        contradiction = true;
        break; /* each value reported once */
      }
    }
  /* The values that stay, each once (its spells are adjacent). */
  for (size_t i = 0; i < m; ++i)
    if (!run[i]->outranked && !run[i]->invalid &&
        !(truthy && !kg_statement_compare(kept[truthy - 1], run[i])))
      kept[truthy++] = run[i];
  if (truthy > 1 && !contradiction)
    warn_disagreement(c, kept, truthy);
}

/* The end of the run of statements of one key from i, before end. */
static size_t run_end(const kg_model *m, size_t i, size_t end)
{
  const kg_statement *s = m->statements.items[i];
  size_t j = i + 1;
  while (j < end &&
         ((const kg_statement *)m->statements.items[j])->prop == s->prop)
    ++j;
  return j;
}

static void rank_entity(checker *c, const kg_entity *e)
{
  const kg_model *m = c->model;
  size_t end = e->first_statement + e->statement_count;
  for (size_t i = e->first_statement, j; i < end; i = j) {
    j = run_end(m, i, end);
    rank_run(c, (kg_statement **)m->statements.items + i, j - i);
  }
}

/* A super-property's triple is as best-ranked as the statement it holds
 * for.  Ranked in a run of its own it would not be: under rdfs:label, a
 * preferred English name would outrank the Chinese name, and the values of
 * other keys.  Runs after every ranking (rank_statements, labels). */
static void inherit_ranks(const kg_model *m, const kg_entity *e)
{
  for (size_t i = 0; i < e->statement_count; ++i) {
    kg_statement *s = statement_at(m, e, i);
    /* An origin dropped as a repeat was not ranked; its kept twin has its
     * rank (else rank-conflict), and the kept entailed copy is the copy
     * of that twin (copies sort as their origins do).  The rank test
     * covers what remains. */
    if (s->entailed && s->origin)
      s->outranked =
          s->origin->outranked || s->origin->rank == KG_RANK_DEPRECATED;
  }
}

/* Language first (interned, lower-cased: "EN" is "en"; untagged is a
 * language of its own), then the order the values were written in. */
static int compare_lang_then_pos(const void *pa, const void *pb)
{
  const kg_statement *a = *(kg_statement *const *)pa;
  const kg_statement *b = *(kg_statement *const *)pb;
  int c = strcmp(a->lang ? a->lang : "", b->lang ? b->lang : "");
  if (c)
    return c;
  c = strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");
  if (c)
    return c;
  if (a->pos.line != b->pos.line)
    return a->pos.line < b->pos.line ? -1 : 1;
  return a->pos.col < b->pos.col ? -1 : a->pos.col > b->pos.col;
}

static void report_second_label(checker *c, const kg_statement *first,
                                const kg_statement *again)
{
  bool ranked = !shares_source(first, again);
  char message[768], va[160], vb[160], note[128];
  describe_object(first, va, sizeof va);
  describe_object(again, vb, sizeof vb);
  const char *key = again->prop->key ? again->prop->key : again->prop->iri;
  if (again->lang)
    snprintf(message, sizeof message,
             "'%s' of '%s' takes one value per language, but has %s and %s "
             "in '%s'",
             key, again->subject->id, va, vb, again->lang);
  else
    snprintf(message, sizeof message,
             "'%s' of '%s' takes one value per language, but has %s and %s "
             "without a language",
             key, again->subject->id, va, vb);
  snprintf(note, sizeof note, "the first is given here");
  /* From two sources it is a disagreement the curator settles by ranking,
   * as for any key; from one, a mistake to fix. */
  report(c, again->pos, "functional", message,
         ranked ? "rank them: 'rank: preferred' on the name to keep, or "
                  "'rank: deprecated' with a 'reason:'; this key labels the "
                  "entry in exported graphs"
                : "keep one: this key labels the entry in exported graphs",
         first->pos, note);
}

/* One language's values of a label: ranked among themselves (a preferred
 * English name outranks the other English names, not the Chinese one),
 * then at most one best-ranked value may remain. */
static void rank_label_language(checker *c, kg_statement **run, size_t n)
{
  int best = 2;
  for (size_t i = 0; i < n; ++i)
    if (!run[i]->invalid && rank_order(run[i]) < best)
      best = rank_order(run[i]);
  const kg_statement *first = NULL;
  for (size_t i = 0; i < n; ++i) {
    run[i]->outranked = rank_order(run[i]) != best || best == 2;
    if (run[i]->outranked || run[i]->invalid)
      continue;
    if (first)
      report_second_label(c, first, run[i]);
    else
      first = run[i];
  }
}

/* A label property (kg:LabelProperty) labels its entry once per language:
 * with two English names the exported label would be a matter of chance,
 * and SKOS (integrity condition S14) allows one skos:prefLabel per
 * language tag.  The rule comes with the ontology's kg:LabelProperty, not
 * a key name; alt-name, description and other language-tagged keys may
 * have several values per language.  Ranks work per language: this
 * replaces what rank_statements decided for the key as a whole.  Each
 * entry's values of one key are adjacent (sorted by value), and are sorted
 * again by language, so a hostile list costs n log n. */
static kg_status check_label_languages(checker *c, const kg_entity *e,
                                       kg_vec *run)
{
  kg_status st = KG_OK;
  const kg_model *m = c->model;
  size_t last = e->first_statement + e->statement_count;
  for (size_t i = e->first_statement, j; i < last; i = j) {
    const kg_statement *s = m->statements.items[i];
    j = run_end(m, i, last);
    if (j - i < 2 || !s->prop->is_label ||
        s->prop->range != KG_RANGE_LANGSTRING)
      continue; /* one value alone: rank_entity ranked it alike */
    run->count = 0;
    for (size_t k = i; k < j; ++k)
      TRY(kg_vec_push(run, m->statements.items[k]));
    qsort(run->items, run->count, sizeof(void *), compare_lang_then_pos);
    for (size_t k = 0, end; k < run->count; k = end) {
      const kg_statement *a = run->items[k];
      for (end = k + 1; end < run->count; ++end)
        if (((const kg_statement *)run->items[end])->lang != a->lang)
          break; /* interned */
      rank_label_language(c, (kg_statement **)run->items + k, end - k);
    }
  }
out:
  return st;
}

/* A date key against the one it may not end before: the best-ranked
 * values of both (docs/facts.md, "Which values the checks read"), so that a
 * deprecated value, or a normal one beside a preferred one, never fails a
 * build; it runs after rank_statements. */
static void check_not_before(checker *c, const kg_entity *e)
{
  const kg_model *m = c->model;
  for (size_t j = 0; j < e->statement_count; ++j) {
    const kg_statement *end = statement_at(m, e, j);
    if (!end->prop->not_before || !end->date.precision || end->outranked)
      continue;
    for (size_t k = 0; k < e->statement_count; ++k) {
      const kg_statement *start = statement_at(m, e, k);
      if (start->prop != end->prop->not_before || !start->date.precision ||
          start->outranked ||
          !kg_date_ends_before_start(&end->date, &start->date))
        continue;
      char message[512], note[256];
      snprintf(message, sizeof message,
               "'%s' %.*s of '%s' is before its '%s' %.*s", end->prop->key,
               (int)end->len, end->lexical, e->id, start->prop->key,
               (int)start->len, start->lexical);
      snprintf(note, sizeof note, "'%s' is given here", start->prop->key);
      report(c, end->pos, "end-before-start", message, NULL, start->pos, note);
    }
  }
}

static void check_qualifier_dates(checker *c, const kg_statement *s)
{
  const kg_statement_extra *x = s->extra;
  for (size_t i = 0; i < x->qualifier_count; ++i) {
    const kg_statement *end = x->qualifiers[i];
    if (end->invalid || !end->prop->not_before || !end->date.precision)
      continue;
    for (size_t k = 0; k < x->qualifier_count; ++k) {
      const kg_statement *start = x->qualifiers[k];
      if (start->invalid || start->prop != end->prop->not_before ||
          !kg_date_ends_before_start(&end->date, &start->date))
        continue;
      char message[512], note[256];
      snprintf(message, sizeof message,
               "'%s' %.*s of a statement on '%s' of '%s' is before its "
               "'%s' %.*s",
               kg_property_name(end->prop), (int)end->len, end->lexical,
               kg_property_name(s->prop), s->subject->id,
               kg_property_name(start->prop), (int)start->len, start->lexical);
      snprintf(note, sizeof note, "'%s' is given here",
               kg_property_name(start->prop));
      report(c, end->pos, "end-before-start", message, NULL, start->pos, note);
    }
  }
}

/* A long form's qualifiers, sorted and checked once however many
 * statements share them (the values of a name map, reverse statements).
 * A deprecated statement's are sorted too (what it says, its spell, tells
 * it from another deprecated spell of the value), but their dates are not
 * checked: it records what a source says wrongly, inverted span included.
 * A normal statement beside a preferred one is still checked: ranking it
 * lower does not say it is wrong. */
static void check_qualifiers(checker *c)
{
  const kg_model *m = c->model;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    kg_statement_extra *x = (kg_statement_extra *)s->extra; /* check owns */
    if (!x || x->checked)
      continue;
    x->checked = true;
    if (s->rank != KG_RANK_DEPRECATED)
      check_qualifier_dates(c, s);
    if (x->qualifier_count > 1)
      qsort(x->qualifiers, x->qualifier_count, sizeof *x->qualifiers,
            compare_qualifiers);
    x->said_count = 0;
    while (x->said_count < x->qualifier_count &&
           !is_note(x->qualifiers[x->said_count]))
      x->said_count++;
  }
}

/* A required key is there when it has a best-ranked value (or one already
 * reported as invalid): a key whose only values are deprecated says
 * nothing the entry can be exported with.  `deprecated`: its last value,
 * outranked, or NULL. */
static void report_missing(checker *c, const kg_entity *e,
                           const kg_property *prop,
                           const kg_statement *deprecated)
{
  char message[256];
  const char *key = prop->key ? prop->key : prop->iri;
  if (deprecated)
    snprintf(message, sizeof message,
             "%s '%s' needs '%s', but every value of it is deprecated",
             e->cls->name, e->id, key);
  else
    snprintf(message, sizeof message, "%s '%s' needs '%s'", e->cls->name, e->id,
             key);
  report(c, e->pos, "missing-key", message,
         deprecated ? "give the value the sources support, beside the "
                      "deprecated one"
                    : NULL,
         deprecated ? deprecated->pos : (kg_pos){0},
         deprecated ? "deprecated here" : NULL);
}

/* Which keys each class requires, worked out once per class rather than
 * once per entity: class k's are props[first[k], first[k + 1]), in
 * property order. */
typedef struct {
  kg_map *class_index; /* class IRI -> k + 1 */
  size_t *first;
  uint32_t *props;
} required_keys;

static void required_keys_free(required_keys *r)
{
  kg_map_free(r->class_index);
  kg_free(r->first);
  kg_free(r->props);
}

static bool requires(const kg_class *cls, const kg_property *prop)
{
  for (size_t r = 0; r < prop->required_on.count; ++r)
    if (kg_class_is_a(cls, prop->required_on.items[r]))
      return true;
  return false;
}

static kg_status required_keys_init(required_keys *r, const kg_model *m)
{
  const kg_vec *props = &m->onto->properties, *classes = &m->onto->classes;
  kg_status st = KG_OK;
  size_t n = 0;
  *r = (required_keys){.class_index = kg_map_new(m->arena),
                       .first = kg_calloc(classes->count + 1, sizeof(size_t))};
  if (!r->class_index || !r->first)
    return KG_ERR_NOMEM;
  for (size_t k = 0; k < classes->count; ++k)
    for (size_t p = 0; p < props->count; ++p)
  n += requires(classes->items[k], props->items[p]);
  if (!(r->props = kg_malloc((n + 1) * sizeof *r->props)))
    return KG_ERR_NOMEM;
  n = 0;
  for (size_t k = 0; k < classes->count; ++k) {
    const kg_class *cls = classes->items[k];
    void **slot = kg_map_slot(r->class_index, cls->iri, strlen(cls->iri), NULL);
    if (!slot)
      return KG_ERR_NOMEM;
    *slot = (void *)(uintptr_t)(k + 1);
    r->first[k] = n;
    for (size_t p = 0; p < props->count; ++p)
      if (requires(cls, props->items[p]))
        r->props[n++] = (uint32_t)p;
  }
  r->first[classes->count] = n;
  return st;
}

/* A part's view of which keys an entity has: present[p] set by a value
 * that counts, deprecated[p] the last that does not.  Cleared after each
 * entity, by its statements. */
typedef struct {
  const required_keys *keys;
  const kg_class *cls; /* the last class looked up, and its number */
  size_t k;
  bool *present;
  const kg_statement **deprecated;
} key_scan;

static void check_required(checker *c, const kg_entity *e, key_scan *scan)
{
  const kg_model *m = c->model;
  const required_keys *r = scan->keys;
  if (e->cls != scan->cls) {
    scan->cls = e->cls;
    scan->k = (uintptr_t)kg_map_get(r->class_index, e->cls->iri,
                                    strlen(e->cls->iri)) -
              1;
  }
  if (r->first[scan->k] == r->first[scan->k + 1])
    return;
  for (size_t j = 0; j < e->statement_count; ++j) {
    const kg_statement *s = statement_at(m, e, j);
    if (s->invalid || !s->outranked)
      scan->present[s->prop->index] = true;
    else
      scan->deprecated[s->prop->index] = s;
  }
  for (size_t i = r->first[scan->k]; i < r->first[scan->k + 1]; ++i)
    if (!scan->present[r->props[i]])
      report_missing(c, e, m->onto->properties.items[r->props[i]],
                     scan->deprecated[r->props[i]]);
  for (size_t j = 0; j < e->statement_count; ++j) {
    const kg_statement *s = statement_at(m, e, j);
    scan->present[s->prop->index] = false;
    scan->deprecated[s->prop->index] = NULL;
  }
}

/* The cycle closed by link s, printed in full from path (the nodes of the
 * search, depth of them).  Closed by a derived link or not, it is a
 * cycle; a derived link's position is that of the statement it was
 * derived from, written with the inverse key. */
static void report_cycle(checker *c, const kg_property *prop,
                         const kg_statement *s, const uint32_t *path,
                         size_t depth)
{
  const kg_model *m = c->model;
  uint32_t to = s->object->index;
  char message[1024], hint[256];
  size_t o =
      (size_t)snprintf(message, sizeof message, "cycle in '%s': ", prop->key);
  size_t from = depth;
  while (from > 0 && path[from - 1] != to)
    --from;
  for (size_t k = from - 1; k < depth && o < sizeof message; ++k)
    o += (size_t)snprintf(message + o, sizeof message - o, "%s -> ",
                          ((kg_entity *)m->entities.items[path[k]])->id);
  if (o < sizeof message)
    snprintf(message + o, sizeof message - o, "%s", s->object->id);
  if (s->derived)
    snprintf(hint, sizeof hint, "'%s' here is '%s' read the other way",
             prop->inverse ? prop->inverse->key : prop->key, prop->key);
  report(c, s->pos, "cycle", message, s->derived ? hint : NULL, (kg_pos){0},
         NULL);
}

/* Iterative depth-first search over one acyclic property; a statement that
 * reaches a node still on the path closes a cycle, which is printed in full.
 * The property's links are taken from the links of every acyclic property
 * (gathered by check_acyclic_all in one pass, in subject order), so the
 * search reads arrays, not entities. */
static kg_status check_acyclic(checker *c, const kg_property *prop,
                               const kg_vec *acyclic_links)
{
  const kg_model *m = c->model;
  size_t n = m->entities.count, links = 0;
  kg_status st = KG_OK;
  unsigned char *color = kg_calloc(n + 1, 1); /* 0 new, 1 on path, 2 done */
  uint32_t *path = kg_malloc((n + 1) * sizeof *path);
  size_t *next = kg_calloc(n + 1, sizeof *next);
  size_t *first = kg_calloc(n + 2, sizeof *first); /* entity -> its links */
  const kg_statement **link = NULL;
  if (!color || !path || !next || !first) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < acyclic_links->count; ++i) {
    const kg_statement *s = acyclic_links->items[i];
    if (s->prop == prop) {
      first[s->subject->index + 1]++;
      links++;
    }
  }
  if (!(link = kg_malloc((links + 1) * sizeof *link))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t e = 1; e <= n; ++e)
    first[e] += first[e - 1];
  for (size_t i = 0, k = 0; i < acyclic_links->count; ++i) {
    const kg_statement *s = acyclic_links->items[i];
    if (s->prop == prop)
      link[k++] = s; /* in subject order, so first[] already fits */
  }
  for (size_t root = 0; root < n; ++root) {
    if (interrupted_at(c, root)) {
      st = KG_ERR_INTERRUPTED;
      goto out;
    }
    if (color[root] || first[root] == first[root + 1])
      continue;
    size_t depth = 0;
    path[depth++] = (uint32_t)root;
    color[root] = 1;
    next[root] = first[root];
    while (depth) {
      uint32_t v = path[depth - 1];
      if (next[v] == first[v + 1]) {
        color[v] = 2;
        --depth;
        continue;
      }
      const kg_statement *s = link[next[v]++];
      uint32_t to = s->object->index;
      if (color[to] == 0) {
        color[to] = 1;
        next[to] = first[to];
        path[depth++] = to;
      } else if (color[to] == 1) {
        report_cycle(c, prop, s, path, depth);
      }
    }
  }
out:
  kg_free(color);
  kg_free(path);
  kg_free(next);
  kg_free(first);
  kg_free(link);
  return st;
}

/* The best-ranked links: a deprecated link records a source's error, not a
 * loop in the hierarchy.  A reverse link counts as the link it reverses,
 * whatever its rank among the other values of its own key. */
static bool asserted_link(const kg_statement *s)
{
  const kg_statement *o =
      s->derived && !s->entailed && s->origin ? s->origin : s;
  return !o->outranked;
}

static kg_status check_acyclic_all(checker *c)
{
  kg_status st = KG_OK;
  const kg_model *m = c->model;
  kg_vec links = {0};
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->prop->acyclic && s->object && asserted_link(s))
      TRY(kg_vec_push(&links, (void *)s));
  }
  /* Of two inverse keys, both acyclic (broader, narrower), one is
   * searched: its links, written and derived, hold every cycle of either,
   * and each is reported once. */
  for (size_t i = 0; i < m->onto->properties.count; ++i) {
    const kg_property *p = m->onto->properties.items[i];
    const kg_property *inv = p->inverse;
    if (p->acyclic &&
        !(inv && inv != p && inv->acyclic && inv->index < p->index))
      TRY(check_acyclic(c, p, &links));
  }
out:
  kg_vec_free(&links);
  return st;
}

/* The label GraphML shows: an English name, else an untagged one, else any
 * (the statements are sorted, so "any" is the same every run), else the id.
 * Of the values that stay in the model: best-ranked and valid. */
static void choose_label(const kg_model *m, kg_entity *e)
{
  int best = 0;
  e->label = e->id;
  for (size_t j = 0; j < e->statement_count; ++j) {
    const kg_statement *s = statement_at(m, e, j);
    if (!s->prop->is_label || s->ref || s->invalid || s->outranked)
      continue;
    int rank = s->lang && !strcmp(s->lang, "en") ? 3 : !s->lang ? 2 : 1;
    if (rank > best) {
      best = rank;
      e->label = s->lexical;
    }
  }
}

/* The checks made one entity at a time, once its statements are sorted
 * and merged, in one walk over each entity (its statements then in
 * cache), entities split in parts over threads.  Each check's
 * diagnostics are a pass of their own, emitted in the order of the
 * separate passes they were: every entity's ranks, then labels, ... */
enum { PASS_RANKS, PASS_LABELS, PASS_NOT_BEFORE, PASS_REQUIRED, PASSES };

static kg_status check_entity_range(checker *c, size_t begin, size_t end,
                                    void *ctx)
{
  kg_status st = KG_OK;
  const kg_model *m = c->model;
  size_t props = m->onto->properties.count;
  kg_vec run = {0};
  key_scan scan = {.keys = ctx,
                   .present = kg_calloc(props + 1, sizeof(bool)),
                   .deprecated = kg_calloc(props + 1, sizeof(void *))};
  if (!scan.present || !scan.deprecated) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = begin; i < end; ++i) {
    if (interrupted_at(c, i - begin)) {
      st = KG_ERR_INTERRUPTED;
      goto out;
    }
    kg_entity *e = m->entities.items[i];
    c->pass = PASS_RANKS;
    rank_entity(c, e);
    c->pass = PASS_LABELS;
    TRY(check_label_languages(c, e, &run));
    inherit_ranks(m, e); /* after every ranking */
    c->pass = PASS_NOT_BEFORE;
    check_not_before(c, e);
    c->pass = PASS_REQUIRED;
    check_required(c, e, &scan);
    choose_label(m, e);
  }
out:
  kg_vec_free(&run);
  kg_free(scan.present);
  kg_free(scan.deprecated);
  return st;
}

static kg_status check_entities(checker *c)
{
  kg_status st = KG_OK;
  required_keys keys = {0};
  size_t parts = kg_pool_parts(c->model->statements.count);
  size_t bound[PARTS_MAX + 1];
  TRY(required_keys_init(&keys, c->model));
  cut_entities(c->model, parts, bound);
  TRY(run_split(c, parts, bound, PASSES, check_entity_range, &keys));
out:
  required_keys_free(&keys);
  return st;
}

/* The invalid statements have done their part (the key was given): the
 * model keeps only what can be exported.  The values that are not
 * best-ranked leave the statements every graph export, `show` and the
 * direct triples read; the RDF exports write them as statement nodes from
 * kg_model.outranked.  Each entity's two ranges are counted again, in one
 * walk. */
static kg_status split_outranked(kg_model *m)
{
  kg_status st = KG_OK;
  size_t k = 0;
  for (size_t i = 0; i < m->entities.count; ++i) {
    kg_entity *e = m->entities.items[i];
    e->statement_count = e->outranked_count = 0;
  }
  m->outranked.count = 0;
  for (size_t i = 0; i < m->statements.count; ++i) {
    kg_statement *s = m->statements.items[i];
    if (s->invalid)
      continue;
    if (s->outranked) {
      if (!s->subject->outranked_count++)
        s->subject->first_outranked = m->outranked.count;
      TRY(kg_vec_push(&m->outranked, s));
      continue;
    }
    if (!s->subject->statement_count++)
      s->subject->first_statement = k;
    m->statements.items[k++] = s;
  }
  m->statements.count = k;
out:
  return st;
}

static int compare_identifiers(const void *pa, const void *pb)
{
  const kg_statement *a = *(const kg_statement *const *)pa,
                     *b = *(const kg_statement *const *)pb;
  if (a->prop != b->prop)
    return a->prop->index < b->prop->index ? -1 : 1;
  int c = kg_statement_compare(a, b);
  if (c)
    return c;
  return a->subject->index < b->subject->index   ? -1
         : a->subject->index > b->subject->index ? 1
                                                 : 0;
}

static bool names_an_entity(const kg_statement *s)
{
  return s->prop->identifier && !s->derived && !s->entailed && !s->ref &&
         s->rank != KG_RANK_DEPRECATED;
}

/* An external identifier names one thing (kg:IdentifierProperty): the same
 * value on two entries says they are one, or one of them is wrong.  A
 * deprecated value is the curator's answer already. */
static kg_status check_identifiers(checker *c)
{
  kg_status st = KG_OK;
  kg_vec ids = {0};
  const kg_vec *from[] = {&c->model->statements, &c->model->outranked};
  for (size_t v = 0; v < 2; ++v)
    for (size_t i = 0; i < from[v]->count; ++i)
      if (names_an_entity(from[v]->items[i]))
        TRY(kg_vec_push(&ids, from[v]->items[i]));
  if (ids.count > 1)
    qsort(ids.items, ids.count, sizeof(void *), compare_identifiers);
  for (size_t i = 1; i < ids.count; ++i) {
    const kg_statement *a = ids.items[i - 1], *b = ids.items[i];
    char message[512], note[256], q[96];
    if (a->prop != b->prop || kg_statement_compare(a, b) ||
        a->subject == b->subject)
      continue;
    snprintf(message, sizeof message,
             "%s '%s' is given to two entries, '%s' and '%s': an identifier "
             "names one thing",
             kg_property_name(b->prop),
             kg_diag_quote(b->lexical, b->len, q, sizeof q), a->subject->id,
             b->subject->id);
    snprintf(note, sizeof note, "'%s' has it here", a->subject->id);
    report(c, b->pos, "duplicate-identifier", message,
           "if the two are one, keep one entry; if not, correct the wrong "
           "value, or rank it deprecated with a reason",
           a->pos, note);
  }
out:
  kg_vec_free(&ids);
  return st;
}

/* Runs on a partial model too (after errors in loading or modelling), so
 * that a run reports the problems of every stage; what was reported there
 * is marked invalid, not missing, so no check reports it again. */
kg_status kg_check(kg_model *model, kg_diag *diag)
{
  kg_status st = KG_OK;
  checker c = {.model = model, .diag = diag};
  TRY(resolve_all(&c));
  TRY(poll(&c));
  TRY(add_derived(&c));
  check_qualifiers(&c);
  TRY(poll(&c));
  TRY(sort_and_dedupe(&c));
  TRY(poll(&c));
  TRY(check_entities(&c));
  TRY(check_acyclic_all(&c));
  TRY(split_outranked(model));
  TRY(check_identifiers(&c));
  if (c.failed)
    st = KG_ERR_FACTS;
out:
  return st; /* the driver prints once every check has run (diag.h) */
}
