/* lsp_incr.c - the language server's incremental re-check (see
 * lsp_incr.h).  Why it is exact: the entry is checked twice in one small
 * model (the entry, what it refers to, what refers to it, the sources all
 * of them cite), once as the last whole check saw it and once as it is
 * now.  The first must give, in the entry's lines, exactly what the whole
 * check gave there (else something outside the small model mattered);
 * and what the entry says to other entries (its references, with their
 * ranks, qualifiers and sources, and the statements they imply on other
 * entries) must be the same both times, so that no diagnostic outside its
 * lines can have changed.  Then the diagnostics are the whole check's,
 * those of the entry's lines replaced by the small model's and those
 * below it moved by the lines the edits added.  Anything else (a changed
 * reference or id, a source, a file that did not load, a second entry)
 * checks the whole base. */
#include "lsp_incr.h"

#include "build.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Entries re-parsed alone before a whole check is forced (each keeps a
 * block of its file's tree). */
enum { KG_LSP_MAX_SPLICES = 256 };

/* Says why the next check must be whole (the first reason given since the
 * last check is the one logged); false, for `if (...) return because()`. */
static bool because(kg_lsp_base *b, const char *why)
{
  if (!b->why)
    b->why = why;
  return false;
}

/* ---- the tree ------------------------------------------------------------ */

static size_t child_count(const kg_ynode *n)
{
  return n->kind == KG_YAML_MAP   ? 2 * (size_t)n->count
         : n->kind == KG_YAML_SEQ ? n->count
                                  : 0;
}

static void shift_lines(kg_ynode *n, int64_t delta)
{
  n->line = (uint32_t)((int64_t)n->line + delta);
  for (size_t i = 0, k = child_count(n); i < k; ++i)
    shift_lines(n->items[i], delta);
}

static uint32_t last_line(const kg_ynode *n)
{
  uint32_t last = n->line;
  for (size_t i = 0, k = child_count(n); i < k; ++i) {
    uint32_t l = last_line(n->items[i]);
    last = l > last ? l : last;
  }
  return last;
}

static unsigned depth(const kg_ynode *n)
{
  unsigned d = 0;
  for (size_t i = 0, k = child_count(n); i < k; ++i) {
    unsigned c = depth(n->items[i]);
    d = c > d ? c : d;
  }
  return d + 1;
}

/* An entry's id, or NULL. */
static const kg_ynode *id_of(const kg_ynode *entry)
{
  for (size_t i = 0; entry->kind == KG_YAML_MAP && i < entry->count; ++i) {
    const kg_ynode *k = entry->items[2 * i], *v = entry->items[2 * i + 1];
    if (k->kind == KG_YAML_SCALAR && k->len == 2 && !memcmp(k->text, "id", 2))
      return v->kind == KG_YAML_SCALAR ? v : NULL;
  }
  return NULL;
}

/* A top-level entry: its section (the pair'th of the root), its place in
 * the section's sequence, and the line where what follows it starts (0:
 * the end of the text). */
typedef struct {
  size_t pair;
  kg_ynode *seq;
  uint32_t index;
  uint32_t end;
} place;

/* The entry whose lines (from its first to the next entry's) hold lines
 * l0 to l1, on lines of its own (no entry of flow style sharing them). */
static bool find_entry(const kg_ynode *root, uint32_t l0, uint32_t l1, place *p)
{
  if (!root || root->kind != KG_YAML_MAP)
    return false;
  size_t i = 0;
  while (i + 1 < root->count && root->items[2 * i + 2]->line <= l0)
    ++i;
  kg_ynode *seq = root->count ? root->items[2 * i + 1] : NULL;
  if (!seq || seq->kind != KG_YAML_SEQ || !seq->count ||
      seq->items[0]->line > l0)
    return false;
  uint32_t next = i + 1 < root->count ? root->items[2 * i + 2]->line : 0;
  size_t lo = 0, hi = seq->count;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (seq->items[mid]->line <= l0)
      lo = mid;
    else
      hi = mid;
  }
  uint32_t end = lo + 1 < seq->count ? seq->items[lo + 1]->line : next;
  const kg_ynode *item = seq->items[lo];
  if (item->kind != KG_YAML_MAP ||
      (end && (l1 >= end || last_line(item) >= end)) ||
      (lo > 0 && last_line(seq->items[lo - 1]) >= item->line))
    return false;
  *p = (place){.pair = i, .seq = seq, .index = (uint32_t)lo, .end = end};
  return true;
}

/* ---- the small model ------------------------------------------------------
 */

/* An entry of the small model: a file's section's item. */
typedef struct {
  size_t file, pair;
  kg_ynode *seq;
  uint32_t index;
} pick;

typedef struct {
  kg_lsp_base *base;
  const kg_entity *entity; /* the changed entry's, in the whole model */
  pick *picks;
  size_t count, capacity;
  bool lost; /* an entry could not be found: check the whole base */
} gather;

static size_t file_index(const kg_lsp_base *b, const char *name)
{
  for (size_t i = 0; i < b->count; ++i)
    if (b->files[i]->name == name || !strcmp(b->files[i]->name, name))
      return i;
  return b->count;
}

/* A line of file fi in the whole model, where it is now: moved by each
 * entry settled since (in order, each in the lines it saw) and by the
 * entry being edited. */
static int64_t line_now(const kg_lsp_base *b, size_t fi, int64_t line)
{
  const kg_lsp_pending *p = &b->pending;
  for (size_t i = 0; i < p->move_count; ++i)
    if (p->moves[i].file == fi && line > p->moves[i].last)
      line += p->moves[i].delta;
  if (fi < b->count && b->files[fi] == p->file && line > p->last)
    line += p->delta;
  return line;
}

/* The entry of a whole-model entity in the kept trees (whose lines below
 * the entries edited have moved since). */
static kg_status add(gather *g, const kg_entity *e)
{
  const kg_lsp_base *b = g->base;
  if (!e || e == g->entity || !e->pos.file)
    return KG_OK;
  size_t fi = file_index(b, e->pos.file);
  place at;
  int64_t line = line_now(b, fi, e->pos.line);
  if (fi == b->count || line < 1 || line > UINT32_MAX ||
      !find_entry(b->files[fi]->root, (uint32_t)line, (uint32_t)line, &at)) {
    g->lost = true;
    return KG_OK;
  }
  const kg_ynode *id = id_of(at.seq->items[at.index]);
  if (!id || id->len != strlen(e->id) || memcmp(id->text, e->id, id->len)) {
    g->lost = true;
    return KG_OK;
  }
  if (g->count == g->capacity) {
    pick *grown =
        kg_grow(g->picks, &g->capacity, g->count, sizeof *g->picks, 32);
    if (!grown)
      return KG_ERR_NOMEM;
    g->picks = grown;
  }
  g->picks[g->count++] =
      (pick){.file = fi, .pair = at.pair, .seq = at.seq, .index = at.index};
  return KG_OK;
}

static kg_status add_sources(gather *g, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  for (size_t i = 0; prov && prov->sources && i < prov->count; ++i)
    TRY(add(g, prov->sources[i]));
out:
  return st;
}

static kg_status add_statement_sources(gather *g, const kg_statement *s)
{
  kg_status st = KG_OK;
  for (size_t i = 0, n = kg_statement_ref_count(s); i < n; ++i)
    TRY(add_sources(g, kg_statement_ref(s, i)));
  for (size_t i = 0; s->extra && i < s->extra->qualifier_count; ++i)
    TRY(add_sources(g, s->extra->qualifiers[i]->prov));
out:
  return st;
}

/* What one statement of the changed entity reads: its object, its
 * qualifiers' objects, its sources, and the entity it was derived from. */
static kg_status add_read(gather *g, const kg_statement *s)
{
  kg_status st = KG_OK;
  TRY(add(g, s->object));
  for (size_t i = 0; s->extra && i < s->extra->qualifier_count; ++i)
    TRY(add(g, s->extra->qualifiers[i]->object));
  TRY(add_statement_sources(g, s));
  if (s->origin)
    TRY(add(g, s->origin->subject));
out:
  return st;
}

/* Calls fn on each statement of e in the checked model m. */
static kg_status each_statement(gather *g, const kg_model *m,
                                const kg_entity *e,
                                kg_status (*fn)(gather *, const kg_statement *))
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < e->statement_count; ++i)
    TRY(fn(g, m->statements.items[e->first_statement + i]));
  for (size_t i = 0; i < e->outranked_count; ++i)
    TRY(fn(g, m->outranked.items[e->first_outranked + i]));
out:
  return st;
}

static int compare_picks(const void *pa, const void *pb)
{
  const pick *a = pa, *b = pb;
  if (a->file != b->file)
    return a->file < b->file ? -1 : 1;
  if (a->pair != b->pair)
    return a->pair < b->pair ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The entries of the small model: the changed one (from the pending
 * record), what its entity reads in the whole model, and the sources
 * those entries cite. */
static kg_status gather_context(gather *g)
{
  kg_status st = KG_OK;
  const kg_model *m = &g->base->model;
  const kg_lsp_pending *p = &g->base->pending;
  const kg_entity *e = g->entity;
  TRY(add_sources(g, e->prov));
  TRY(each_statement(g, m, e, add_read));
  size_t first_hop = g->count;
  for (size_t i = 0; i < first_hop && !g->lost; ++i) {
    const kg_ynode *id = id_of(g->picks[i].seq->items[g->picks[i].index]);
    const kg_entity *c = kg_map_get(m->by_id, id->text, id->len);
    if (c) {
      TRY(add_sources(g, c->prov));
      TRY(each_statement(g, m, c, add_statement_sources));
    }
  }
  g->entity = NULL; /* the changed entry itself, at its place */
  size_t fi = file_index(g->base, p->file->name);
  place at;
  if (!find_entry(p->file->root, p->first, p->first, &at) || at.seq != p->seq ||
      at.index != p->index) {
    g->lost = true;
    goto out;
  }
  if (g->count == g->capacity) {
    pick *grown =
        kg_grow(g->picks, &g->capacity, g->count, sizeof *g->picks, 32);
    if (!grown)
      TRY(KG_ERR_NOMEM);
    g->picks = grown;
  }
  g->picks[g->count++] =
      (pick){.file = fi, .pair = at.pair, .seq = at.seq, .index = at.index};
  qsort(g->picks, g->count, sizeof *g->picks, compare_picks);
  size_t n = 0;
  for (size_t i = 0; i < g->count; ++i)
    if (!n || compare_picks(&g->picks[n - 1], &g->picks[i]))
      g->picks[n++] = g->picks[i];
  g->count = n;
out:
  return st;
}

/* The small model's files: each a root map of the picked sections, each
 * holding the picked items (the nodes of the kept trees: positions as
 * they are). */
typedef struct {
  const char **names;
  kg_ynode **roots;
  size_t count, next;
} small_trees;

static kg_status small_next(void *ctx, const char **name, kg_ynode **root)
{
  small_trees *t = ctx;
  *name = t->names[t->next];
  *root = t->roots[t->next++];
  return KG_OK;
}

static kg_ynode *node(kg_arena *arena, const kg_ynode *like, uint8_t kind,
                      size_t count)
{
  kg_ynode *n = kg_arena_alloc(arena, sizeof *n);
  kg_ynode **items =
      count ? kg_arena_alloc(arena, count * sizeof *items) : NULL;
  if (!n || (count && !items))
    return NULL;
  *n = (kg_ynode){
      .items = items, .line = like->line, .col = like->col, .kind = kind};
  return n;
}

/* Builds the small trees of the picks (sorted) into arena. */
static kg_status build_trees(kg_arena *arena, const kg_lsp_base *b,
                             const gather *g, small_trees *t)
{
  *t = (small_trees){0};
  t->names = kg_arena_alloc(arena, (g->count + 1) * sizeof *t->names);
  t->roots = kg_arena_alloc(arena, (g->count + 1) * sizeof *t->roots);
  if (!t->names || !t->roots)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < g->count;) {
    const kg_ynode *root = b->files[g->picks[i].file]->root;
    size_t j = i, pairs = 0;
    for (; j < g->count && g->picks[j].file == g->picks[i].file; ++j)
      pairs += j == i || g->picks[j].pair != g->picks[j - 1].pair;
    kg_ynode *r = node(arena, root, KG_YAML_MAP, 2 * pairs);
    if (!r)
      return KG_ERR_NOMEM;
    for (size_t k = i; k < j;) {
      size_t e = k;
      while (e < j && g->picks[e].pair == g->picks[k].pair)
        ++e;
      kg_ynode *seq = node(arena, g->picks[k].seq, KG_YAML_SEQ, e - k);
      if (!seq)
        return KG_ERR_NOMEM;
      for (size_t x = k; x < e; ++x)
        seq->items[seq->count++] = g->picks[x].seq->items[g->picks[x].index];
      r->items[2 * r->count] = root->items[2 * g->picks[k].pair];
      r->items[2 * r->count++ + 1] = seq;
      k = e;
    }
    t->names[t->count] = b->files[g->picks[i].file]->name;
    t->roots[t->count++] = r;
    i = j;
  }
  return KG_OK;
}

/* ---- what the changed entry says to the others ----------------------------
 */

static void sign_prov(FILE *out, const kg_provenance *p)
{
  fputs(" <", out);
  for (size_t i = 0; p && i < p->count; ++i)
    fprintf(out, "%s ", p->ids[i]);
  fprintf(out, "%c>", p && p->quote ? 'q' : '-');
}

static void sign_value(FILE *out, const kg_statement *s)
{
  fprintf(out, " %s ", s->prop->iri);
  if (s->ref)
    fputs(s->ref, out);
  else
    fwrite(s->lexical, 1, s->len, out);
  fprintf(out, " %s@%s", s->datatype ? s->datatype : "",
          s->lang ? s->lang : "");
}

static void sign_statement(FILE *out, const kg_statement *s)
{
  fputs(s->subject->id, out);
  sign_value(out, s);
  fprintf(out, " r%u%d%d%d%d", (unsigned)s->rank, s->outranked, s->derived,
          s->entailed, s->invalid);
  for (size_t i = 0, n = kg_statement_ref_count(s); i < n; ++i)
    sign_prov(out, kg_statement_ref(s, i));
  const kg_statement_extra *x = s->extra;
  for (size_t i = 0; x && i < x->qualifier_count; ++i) {
    fputs(" {", out);
    sign_value(out, x->qualifiers[i]);
    sign_prov(out, x->qualifiers[i]->prov);
    fputc('}', out);
  }
  if (x && x->reason)
    fwrite(x->reason, 1, x->reason_len, out);
  fputc('\n', out);
}

/* A statement other entries' checks read: a reference, or an external
 * identifier (check.c reports one value given to two entries). */
static bool says_to_others(const kg_statement *s)
{
  return s->ref || s->prop->identifier;
}

/* The changed entity's references as written, before the check (which
 * drops those that do not resolve: a reference changed to an id outside
 * the small model would otherwise go unseen). */
static int compare_ids(const void *pa, const void *pb)
{
  return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static kg_status cite(kg_vec *cited, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  for (size_t i = 0; prov && i < prov->count; ++i)
    TRY(kg_vec_push(cited, (void *)prov->ids[i]));
out:
  return st;
}

/* The sources the changed entity's statements cite, as a set: the small
 * model holds those its statements cited in the whole model, and no
 * other (a literal's source changed to another source, or to an unknown
 * id whose hint names the base's ids, is for a whole check to judge). */
static kg_status sign_cited(FILE *out, const kg_model *m, const char *id)
{
  kg_status st = KG_OK;
  kg_vec cited = {0};
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (strcmp(s->subject->id, id))
      continue;
    for (size_t k = 0, n = kg_statement_ref_count(s); k < n; ++k)
      TRY(cite(&cited, kg_statement_ref(s, k)));
    for (size_t k = 0; s->extra && k < s->extra->qualifier_count; ++k)
      TRY(cite(&cited, s->extra->qualifiers[k]->prov));
  }
  if (cited.count)
    qsort(cited.items, cited.count, sizeof *cited.items, compare_ids);
  for (size_t i = 0; i < cited.count; ++i)
    if (!i || strcmp(cited.items[i - 1], cited.items[i]))
      fprintf(out, "%s ", (const char *)cited.items[i]);
out:
  kg_vec_free(&cited);
  return st;
}

static kg_status sign_written(FILE *out, const kg_model *m, const char *id)
{
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (says_to_others(s) && !strcmp(s->subject->id, id))
      sign_statement(out, s);
  }
  kg_status st = sign_cited(out, m, id);
  fputs("\n--\n", out);
  return st;
}

/* Everything of the checked small model but the changed entity's literal
 * statements (but identifiers): the entities (id, class, sources) and every
 * other statement, in the model's order. */
static void sign(FILE *out, const kg_model *m, const char *id)
{
  for (size_t i = 0; i < m->entities.count; ++i) {
    const kg_entity *e = m->entities.items[i];
    fprintf(out, "%s %s", e->id, e->cls ? e->cls->iri : "");
    sign_prov(out, e->prov);
    fputc('\n', out);
  }
  const kg_vec *lists[] = {&m->statements, &m->outranked};
  for (size_t l = 0; l < 2; ++l)
    for (size_t i = 0; i < lists[l]->count; ++i) {
      const kg_statement *s = lists[l]->items[i];
      if (strcmp(s->subject->id, id) || says_to_others(s))
        sign_statement(out, s);
    }
}

/* ---- checking the small model --------------------------------------------
 */

typedef struct {
  kg_lsp_diags diags;
  char *signature;
  size_t signature_len;
  bool unsure; /* the entity is a source (others read its literals), or
                  not in the small model: check the whole base */
} small_result;

static void small_free(small_result *r)
{
  kg_lsp_diags_free(&r->diags);
  kg_free(r->signature);
  *r = (small_result){0};
}

static kg_status small_sign(const kg_model *m, const char *id,
                            const char *written, size_t written_len,
                            small_result *r)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  if (!out)
    return KG_ERR_NOMEM;
  fwrite(written, 1, written_len, out);
  sign(out, m, id);
  if (fclose(out) != 0) {
    free(text);
    return KG_ERR_NOMEM;
  }
  r->signature = kg_malloc(len + 1);
  if (r->signature) {
    memcpy(r->signature, text, len + 1);
    r->signature_len = len;
  }
  free(text);
  const kg_entity *e = kg_map_get(m->by_id, id, strlen(id));
  r->unsure =
      !e || !e->cls ||
      (m->onto->source_class && kg_class_is_a(e->cls, m->onto->source_class));
  return r->signature ? KG_OK : KG_ERR_NOMEM;
}

/* Models and checks the picked entries, as kg_lsp_base_check does the
 * whole base. */
static kg_status small_check(kg_lsp_base *b, const gather *g, small_result *r)
{
  kg_status st = KG_OK;
  kg_lsp_sink sink = {0};
  kg_model m;
  bool modelled = false;
  small_trees t;
  FILE *written_out = NULL;
  char *written = NULL;
  size_t written_len = 0;
  kg_arena *arena = kg_arena_new();
  *r = (small_result){0};
  if (!arena)
    TRY(KG_ERR_NOMEM);
  TRY(build_trees(arena, b, g, &t));
  TRY(kg_model_init(&m, arena, b->strings, b->onto));
  modelled = true;
  TRY(kg_lsp_sink_open(&sink));
  kg_diag_collect(sink.diag);
  kg_trees trees = {.next = small_next, .ctx = &t, .count = t.count};
  st = kg_build_model(&m, &trees, sink.diag, NULL, NULL);
  if (st == KG_ERR_NOMEM || st == KG_ERR_INTERRUPTED)
    goto out;
  if (!(written_out = open_memstream(&written, &written_len)))
    TRY(KG_ERR_NOMEM);
  st = sign_written(written_out, &m, b->pending.id);
  if (fclose(written_out) != 0 || st != KG_OK)
    TRY(KG_ERR_NOMEM);
  st = kg_build_check(&m, b->fb.root, b->archives, b->archive_count, sink.diag);
  if (st == KG_ERR_FACTS || st == KG_ERR_IO)
    st = KG_OK;
  TRY(st);
  TRY(small_sign(&m, b->pending.id, written, written_len, r));
out:
  if (sink.diag && kg_lsp_sink_close(&sink, &r->diags) != KG_OK)
    st = KG_ERR_NOMEM;
  if (modelled)
    kg_model_free(&m);
  kg_arena_free(arena);
  free(written);
  if (st != KG_OK)
    small_free(r);
  return st;
}

/* ---- diagnostics ----------------------------------------------------------
 */

static int compare_strings(const char *a, const char *b)
{
  return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

static int compare_numbers(uint32_t a, uint32_t b)
{
  return (a > b) - (a < b);
}

/* A total order over every field: two lists hold the same diagnostics
 * when, sorted by it, they are equal item by item. */
static int compare_diags(const void *pa, const void *pb)
{
  const kg_lsp_diag *a = *(const kg_lsp_diag *const *)pa;
  const kg_lsp_diag *b = *(const kg_lsp_diag *const *)pb;
  int c = compare_strings(a->file, b->file);
  c = c ? c : compare_numbers(a->line, b->line);
  c = c ? c : compare_numbers(a->column, b->column);
  c = c ? c : compare_numbers(a->severity, b->severity);
  c = c ? c : compare_strings(a->code, b->code);
  c = c ? c : compare_strings(a->message, b->message);
  c = c ? c : compare_strings(a->hint, b->hint);
  c = c ? c : compare_strings(a->note, b->note);
  c = c ? c : compare_strings(a->note_file, b->note_file);
  c = c ? c : compare_numbers(a->note_line, b->note_line);
  return c ? c : compare_numbers(a->note_column, b->note_column);
}

static bool in_file(const char *file, const char *name)
{
  return file && !strcmp(file, name);
}

/* The diagnostics of l at file `name`, lines first..last (all of them
 * when name is NULL), sorted; *notes counts the others whose note is
 * there. */
static kg_status diags_in(const kg_lsp_diags *l, const char *name,
                          uint32_t first, uint32_t last,
                          const kg_lsp_diag ***out, size_t *count,
                          size_t *notes)
{
  size_t n = 0;
  const kg_lsp_diag **picked = NULL;
  *notes = 0;
  *out = NULL;
  *count = 0;
  if (l->count && !(picked = kg_malloc(l->count * sizeof *picked)))
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < l->count; ++i) {
    const kg_lsp_diag *d = &l->items[i];
    if (!name ||
        (in_file(d->file, name) && d->line >= first && d->line <= last))
      picked[n++] = d;
    else
      *notes += in_file(d->note_file, name) && d->note_line >= first &&
                d->note_line <= last;
  }
  if (n)
    qsort(picked, n, sizeof *picked, compare_diags);
  *out = picked;
  *count = n;
  return KG_OK;
}

static bool same_diags(const kg_lsp_diag *const *a, size_t an,
                       const kg_lsp_diag *const *b, size_t bn)
{
  if (an != bn)
    return false;
  for (size_t i = 0; i < an; ++i)
    if (compare_diags(&a[i], &b[i]))
      return false;
  return true;
}

/* Do the two lists hold the same diagnostics, in any order? */
static kg_status same_lists(const kg_lsp_diags *a, const kg_lsp_diags *b,
                            bool *same)
{
  const kg_lsp_diag **la = NULL, **lb = NULL;
  size_t na = 0, nb = 0, notes = 0;
  kg_status st = KG_OK;
  TRY(diags_in(a, NULL, 0, 0, &la, &na, &notes));
  TRY(diags_in(b, NULL, 0, 0, &lb, &nb, &notes));
  *same = same_diags(la, na, lb, nb);
out:
  kg_free(la);
  kg_free(lb);
  return st;
}

/* One of the baseline's diagnostics, moved when it (or its note) is below
 * the entry in its file. */
static kg_status add_moved(kg_lsp_diags *out, const kg_lsp_pending *p,
                           const char *name, const kg_lsp_diag *d)
{
  kg_lsp_diag moved = *d;
  if (in_file(d->file, name) && d->line > p->last)
    moved.line = (uint32_t)((int64_t)d->line + p->delta);
  if (in_file(d->note_file, name) && d->note_line > p->last)
    moved.note_line = (uint32_t)((int64_t)d->note_line + p->delta);
  return kg_lsp_diags_add(out, &moved);
}

/* The baseline's diagnostics, those at the entry's old lines replaced by
 * `entry` (the small check's at its new lines, put where the file's
 * diagnostics at those lines began), the rest moved. */
static kg_status compose(const kg_lsp_pending *p, const char *name,
                         const kg_lsp_diag *const *entry, size_t entry_count,
                         kg_lsp_diags *out)
{
  kg_status st = KG_OK;
  bool put = false, was_mine = false;
  const kg_lsp_diags *all = &p->whole_diags;
  *out = (kg_lsp_diags){0};
  for (size_t i = 0; i < all->count; ++i) {
    const kg_lsp_diag *d = &all->items[i];
    bool mine = in_file(d->file, name);
    if (!put &&
        ((mine && (d->line >= p->first || !d->line)) || (was_mine && !mine))) {
      for (size_t k = 0; k < entry_count; ++k)
        TRY(kg_lsp_diags_add(out, entry[k]));
      put = true;
    }
    was_mine = mine;
    if (!(mine && d->line >= p->first && d->line <= p->last))
      TRY(add_moved(out, p, name, d));
  }
  for (size_t k = 0; !put && k < entry_count; ++k)
    TRY(kg_lsp_diags_add(out, entry[k]));
out:
  if (st != KG_OK)
    kg_lsp_diags_free(out);
  return st;
}

/* A copy of l, for the baseline. */
static kg_status copy_diags(const kg_lsp_diags *l, kg_lsp_diags *out)
{
  kg_status st = KG_OK;
  *out = (kg_lsp_diags){0};
  for (size_t i = 0; i < l->count; ++i)
    TRY(kg_lsp_diags_add(out, &l->items[i]));
out:
  if (st != KG_OK)
    kg_lsp_diags_free(out);
  return st;
}

/* For whoever debugs a difference (the server's log is stderr). */
static void dump_diags(FILE *out, const char *title, const kg_lsp_diags *l)
{
  fprintf(out, "--- %s\n", title);
  for (size_t i = 0; i < l->count; ++i) {
    const kg_lsp_diag *d = &l->items[i];
    fprintf(out, "%s:%u:%u: %d [%s] %s%s%s%s\n", d->file ? d->file : "-",
            (unsigned)d->line, (unsigned)d->column, (int)d->severity, d->code,
            d->message, d->hint ? " (" : "", d->hint ? d->hint : "",
            d->hint ? ")" : "");
  }
}

/* ---- the first edit of an entry -------------------------------------------
 */

/* Nothing but the pending entry changed since the whole check, and its
 * file loaded with nothing to say (the entry's parse alone could not say
 * it again). */
static bool unchanged(const kg_lsp_base *b, const kg_lsp_file *f)
{
  for (size_t i = 0; i < b->count; ++i)
    if (b->files[i]->reparsed)
      return false;
  return b->count == b->checked_count && f->loaded == KG_OK &&
         !f->load_diags.count;
}

/* Files that could not be loaded: the whole model counted them, and so
 * reported no reference to an id they might define. */
static size_t unreadable(const kg_lsp_base *b)
{
  size_t n = 0;
  for (size_t i = 0; i < b->count; ++i)
    n += b->files[i]->loaded != KG_OK;
  return n;
}

/* A diagnostic that counts over the whole base might count the entry's
 * part: one of no place (the references left unchecked because a file
 * could not be loaded), and the quotes left unchecked for want of an
 * archived copy (the entry's quotes and claim texts, literal values the
 * small model's check does not compare, are among them).  Then only a
 * whole check can say it. */
static bool counted(const kg_lsp_diags *l)
{
  for (size_t i = 0; i < l->count; ++i)
    if (!l->items[i].file || !strcmp(l->items[i].code, "copy-not-found"))
      return true;
  return false;
}

static kg_status gather_for(kg_lsp_base *b, gather *g)
{
  *g = (gather){.base = b};
  g->entity = kg_map_get(b->model.by_id, b->pending.id, strlen(b->pending.id));
  if (!g->entity || g->entity->pos.file != b->pending.file->name) {
    g->lost = true;
    return KG_OK;
  }
  return gather_context(g);
}

/* Sets up the pending record for the entry at `at` of f, before the
 * tree changes: checks it alone as the whole check saw it, and keeps
 * what that says for the check after the edits.  Leaves whole set when
 * an entry's check cannot be exact. */
static kg_status begin(kg_lsp_base *b, kg_lsp_file *f, const place *at)
{
  kg_status st = KG_OK;
  kg_lsp_pending *p = &b->pending;
  gather g = {0};
  small_result r = {0};
  const kg_lsp_diag **whole = NULL, **small = NULL;
  size_t nw = 0, ns = 0, notes = 0, unused = 0;
  kg_ynode *entry = at->seq->items[at->index];
  const kg_ynode *id = id_of(entry);
  p->whole = true;
  p->file = f; /* whatever follows: the first edit since the check */
  if (!id || !b->modelled || !b->checked || !unchanged(b, f) || unreadable(b) ||
      counted(&b->check_diags)) {
    because(b, !id                           ? "an entry with no id"
               : !b->checked || !b->modelled ? "no whole check to follow"
               : !unchanged(b, f)            ? "a file parsed whole"
               : unreadable(b)               ? "a file that does not load"
                                             : "a count over the base");
    goto out;
  }
  if (!(p->id = kg_intern(b->strings, id->text, id->len)))
    TRY(KG_ERR_NOMEM);
  p->seq = at->seq;
  p->index = at->index;
  p->first = entry->line;
  p->last = last_line(entry);
  TRY(gather_for(b, &g));
  if (g.lost) {
    because(b, "the entry or one it reads not found");
    goto out;
  }
  TRY(small_check(b, &g, &r));
  if (r.unsure) {
    because(b, "a source, or no class");
    goto out;
  }
  TRY(diags_in(&b->check_diags, f->name, p->first, p->last, &whole, &nw,
               &notes));
  TRY(diags_in(&r.diags, f->name, p->first, p->last, &small, &ns, &unused));
  if (notes || !same_diags(whole, nw, small, ns)) {
    because(b, "the entry alone did not say what the base said of it");
    goto out;
  }
  TRY(copy_diags(&b->check_diags, &p->whole_diags));
  p->signature = r.signature;
  p->signature_len = r.signature_len;
  r.signature = NULL;
  p->whole = false;
out:
  kg_free(g.picks);
  kg_free(whole);
  kg_free(small);
  small_free(&r);
  return st;
}

static kg_status entry_check(kg_lsp_base *b, bool *done);

/* Forgets the entry being edited, keeping what the settled ones left. */
static void entry_forget(kg_lsp_pending *p)
{
  kg_free(p->signature);
  kg_lsp_diags_free(&p->whole_diags);
  p->file = NULL;
  p->whole = false;
  p->seq = NULL;
  p->index = p->first = p->last = 0;
  p->delta = 0;
  p->id = NULL;
  p->signature = NULL;
  p->signature_len = 0;
}

/* Records the pending entry as settled: where it moved its file's lines
 * (the sources it cites are those it cited: sign_cited). */
static kg_status record(kg_lsp_base *b)
{
  kg_lsp_pending *p = &b->pending;
  if (p->move_count == p->move_capacity) {
    kg_lsp_move *grown = kg_grow(p->moves, &p->move_capacity, p->move_count,
                                 sizeof *p->moves, 16);
    if (!grown)
      return KG_ERR_NOMEM;
    p->moves = grown;
  }
  p->moves[p->move_count++] = (kg_lsp_move){
      .file = file_index(b, p->file->name), .last = p->last, .delta = p->delta};
  return KG_OK;
}

/* The curator moves to another entry: the one being edited is checked
 * as it is now and, when that check is exact, settled (its diagnostics
 * are the baseline of the next entry's, which then begins as the first
 * did from the whole check); else the next check is whole. */
static kg_status settle(kg_lsp_base *b)
{
  kg_status st = KG_OK;
  bool done = false;
  TRY(entry_check(b, &done));
  if (!done) {
    b->pending.whole = true;
    goto out;
  }
  TRY(record(b));
  entry_forget(&b->pending);
out:
  return st;
}

/* ---- editing ---------------------------------------------------------------
 */

static int64_t breaks(const char *s, size_t n)
{
  int64_t count = 0;
  for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); ++p)
    ++count;
  return count;
}

/* Parses the entry at `at` from the new text t alone; on success splices
 * it into f's tree (the lines below moved by delta) and sets *done. */
static kg_status reparse_entry(kg_lsp_base *b, kg_lsp_file *f, const place *at,
                               const char *t, size_t n, int64_t delta,
                               bool *done)
{
  kg_status st = KG_OK;
  kg_lsp_sink sink = {0};
  kg_lsp_diags said = {0};
  kg_ynode *root = NULL;
  kg_ynode *old = at->seq->items[at->index];
  kg_arena *arena = kg_arena_new();
  *done = false;
  if (!arena)
    TRY(KG_ERR_NOMEM);
  int64_t end_line = at->end ? (int64_t)at->end - 1 + delta : -1;
  if (at->end && end_line < (int64_t)old->line)
    goto out;
  size_t from = kg_lsp_line_start(t, n, old->line - 1);
  size_t to = at->end ? kg_lsp_line_start(t, n, (uint32_t)end_line) : n;
  TRY(kg_lsp_sink_open(&sink));
  kg_status loaded =
      kg_load_buffer(arena, sink.diag, f->name, t + from, to - from, &root);
  kg_status closed = kg_lsp_sink_close(&sink, &said);
  TRY(closed);
  if (loaded == KG_ERR_NOMEM)
    TRY(loaded);
  /* Anything the loader says sends the file to a whole parse, which says
   * it in its context; so does an entry that is now two, or none. */
  if (loaded != KG_OK || said.count || !root || root->kind != KG_YAML_SEQ ||
      root->count != 1 || root->line != 1 || root->col != at->seq->col ||
      root->items[0]->kind != KG_YAML_MAP || root->items[0]->line != 1 ||
      depth(root) + 2 > KG_MAX_DEPTH)
    goto out;
  kg_ynode *entry = root->items[0];
  shift_lines(entry, (int64_t)old->line - 1);
  kg_lsp_pending *p = &b->pending;
  if (p->file && !p->whole &&
      (p->file != f || p->seq != at->seq || p->index != at->index))
    TRY(settle(b)); /* another entry: the one left becomes the baseline */
  if (!p->file && !p->whole)
    TRY(begin(b, f, at));
  else if (p->file != f || p->seq != at->seq || p->index != at->index)
    p->whole = true; /* the one left could not be settled */
  /* Each re-parsed entry's nodes stay (the whole model may point into the
   * ones it replaced) until the file is parsed whole: bounded. */
  if (++p->splices > KG_LSP_MAX_SPLICES)
    p->whole = !because(b, "entries edited since the last whole check");
  if (delta) {
    for (size_t i = at->index + 1; i < at->seq->count; ++i)
      shift_lines(at->seq->items[i], delta);
    for (size_t i = 2 * at->pair + 2; i < 2 * (size_t)f->root->count; ++i)
      shift_lines(f->root->items[i], delta);
  }
  at->seq->items[at->index] = entry;
  b->pending.delta += delta;
  kg_arena_adopt(f->tree, arena);
  arena = NULL;
  *done = true;
out:
  if (sink.diag && kg_lsp_sink_close(&sink, NULL) != KG_OK)
    st = KG_ERR_NOMEM;
  kg_lsp_diags_free(&said);
  kg_arena_free(arena);
  return st;
}

/* f's text with [a, z) replaced by text, in place: in a buffer with room
 * to grow, whose tail is moved (copying a 20 MB file into fresh memory at
 * each keystroke cost more than the entry's check). */
static kg_status splice_text(kg_lsp_file *f, size_t a, size_t z,
                             const char *text, size_t len)
{
  size_t n = f->len - (z - a) + len;
  if (!f->buf || f->cap < n + 1) {
    size_t cap = n + n / 8 + 4096;
    char *buf = kg_malloc(cap);
    if (!buf)
      return KG_ERR_NOMEM;
    memcpy(buf, f->text, a);
    memcpy(buf + a, text, len);
    memcpy(buf + a + len, f->text + z, f->len - z);
    kg_arena_free(f->text_arena);
    f->text_arena = NULL;
    kg_free(f->buf);
    f->buf = buf;
    f->cap = cap;
  } else {
    memmove(f->buf + a + len, f->buf + z, f->len - z);
    memcpy(f->buf + a, text, len);
  }
  f->buf[n] = '\0';
  f->text = f->buf;
  f->len = n;
  return KG_OK;
}

kg_status kg_lsp_incr_edit(kg_lsp_base *b, kg_lsp_file *f, uint32_t l0,
                           uint32_t c0, uint32_t l1, uint32_t c1,
                           const char *text, size_t len)
{
  kg_status st = KG_OK;
  size_t a = kg_lsp_offset(f->text, f->len, l0, c0);
  size_t z = kg_lsp_offset(f->text, f->len, l1, c1);
  if (z < a)
    z = a;
  bool done = false;
  place at;
  /* Line ends other than LF, and NUL, would count lines differently from
   * libyaml: those texts are parsed whole. */
  int64_t delta = breaks(text, len) - breaks(f->text + a, z - a);
  size_t n = f->len - (z - a) + len;
  bool plain = f->loaded == KG_OK && f->root && !f->load_diags.count &&
               n <= KG_MAX_FILE_BYTES && !memchr(text, '\r', len) &&
               !memchr(text, '\0', len) && !memchr(f->text, '\r', f->len);
  TRY(splice_text(f, a, z, text, len));
  if (plain && l0 < UINT32_MAX && l1 < UINT32_MAX &&
      find_entry(f->root, l0 + 1, l1 + 1, &at))
    TRY(reparse_entry(b, f, &at, f->buf, f->len, delta, &done));
  if (!done) /* the whole file parsed again (its text copied) */
    TRY(kg_lsp_file_set_text(f, f->text, f->len));
out:
  return st;
}

/* ---- checking ---------------------------------------------------------------
 */

/* Every file's text parsed again, in a tree of its own (a test of the
 * entries spliced into the kept trees); a file that did not load gives
 * how it went, as the kept trees do. */
typedef struct {
  const kg_lsp_base *base;
  kg_arena *arena;
  kg_diag *quiet; /* loading's diagnostics are not check's */
  size_t next;
} fresh_trees;

static kg_status fresh_next(void *ctx, const char **name, kg_ynode **root)
{
  fresh_trees *t = ctx;
  const kg_lsp_file *f = t->base->files[t->next++];
  *name = f->name;
  *root = NULL;
  if (f->loaded != KG_OK)
    return f->loaded;
  return kg_load_buffer(t->arena, t->quiet, f->name, f->text, f->len, root);
}

/* The whole check of every text parsed again, beside the kept model (a
 * test of the entry's check, which must leave the baseline it follows
 * untouched): counts a difference from the entry's diagnostics. */
static kg_status verify(kg_lsp_base *b)
{
  kg_status st = KG_OK;
  bool same = false, modelled = false;
  kg_lsp_sink sink = {0};
  kg_model m;
  kg_lsp_diags whole = {0};
  fresh_trees fresh = {.base = b, .arena = kg_arena_new()};
  if (!fresh.arena || !(fresh.quiet = kg_diag_new_client((kg_diag_client){0})))
    TRY(KG_ERR_NOMEM);
  TRY(kg_model_init(&m, fresh.arena, b->strings, b->onto));
  modelled = true;
  TRY(kg_lsp_sink_open(&sink));
  kg_diag_collect(sink.diag);
  kg_trees trees = {.next = fresh_next, .ctx = &fresh, .count = b->count};
  st = kg_build_model(&m, &trees, sink.diag, NULL, NULL);
  if (st == KG_ERR_NOMEM || st == KG_ERR_INTERRUPTED)
    goto out;
  st = kg_build_check(&m, b->fb.root, b->archives, b->archive_count, sink.diag);
  if (st == KG_ERR_FACTS || st == KG_ERR_IO)
    st = KG_OK;
  TRY(st);
  TRY(kg_lsp_sink_close(&sink, &whole));
  TRY(same_lists(&b->check_diags, &whole, &same));
  b->differed += !same;
  if (!same) {
    fputs("kgbuild lsp: the entry's check differed from the whole check:\n",
          stderr);
    dump_diags(stderr, "the entry's", &b->check_diags);
    dump_diags(stderr, "the whole", &whole);
  }
out:
  if (sink.diag && kg_lsp_sink_close(&sink, NULL) != KG_OK)
    st = KG_ERR_NOMEM;
  if (modelled)
    kg_model_free(&m);
  kg_diag_free(fresh.quiet);
  kg_arena_free(fresh.arena);
  kg_lsp_diags_free(&whole);
  return st;
}

/* The entry's check, when it is exact: *done says whether it was. */
static kg_status entry_check(kg_lsp_base *b, bool *done)
{
  kg_status st = KG_OK;
  kg_lsp_pending *p = &b->pending;
  gather g = {0};
  small_result r = {0};
  const kg_lsp_diag **entry = NULL;
  size_t count = 0, notes = 0;
  kg_lsp_diags composed = {0};
  *done = false;
  if (!p->file || p->whole || !unchanged(b, p->file)) {
    because(b, p->whole ? NULL : "a file parsed whole, or no entry edited");
    goto out;
  }
  TRY(gather_for(b, &g));
  if (g.lost) {
    because(b, "the entry or one it reads not found");
    goto out;
  }
  TRY(small_check(b, &g, &r));
  if (r.unsure || r.signature_len != p->signature_len ||
      memcmp(r.signature, p->signature, r.signature_len)) {
    because(b, r.unsure ? "a source, or no class"
                        : "what the entry says to others changed");
    goto out;
  }
  const kg_ynode *now = p->seq->items[p->index];
  TRY(diags_in(&r.diags, p->file->name, now->line, last_line(now), &entry,
               &count, &notes));
  TRY(compose(p, p->file->name, entry, count, &composed));
  kg_lsp_diags_move(&b->check_diags, &composed);
  b->stale = true;
  b->entry_checks++;
  *done = true;
out:
  kg_lsp_diags_free(&composed);
  kg_free(g.picks);
  kg_free(entry);
  small_free(&r);
  return st;
}

kg_status kg_lsp_incr_check(kg_lsp_base *b)
{
  kg_status st = KG_OK;
  bool done = false;
  double start = kg_lsp_seconds(false), cpu = kg_lsp_seconds(true);
  TRY(entry_check(b, &done));
  b->incremental = done;
  if (!done) {
    TRY(kg_lsp_base_check(b));
    goto out;
  }
  b->model_seconds = 0;
  b->check_seconds = kg_lsp_seconds(false) - start;
  b->check_cpu_seconds = kg_lsp_seconds(true) - cpu;
  const char *verifying = getenv("KG_LSP_VERIFY");
  if (verifying && *verifying)
    TRY(verify(b));
out:
  return st;
}
