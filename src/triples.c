/* triples.c - the network as triples: the one walk every RDF export and
 * the statement accounting read. */
#include "triples.h"

#include "arena.h"
#include "sources.h"
#include "text.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable byte buffer, for IRIs built from base + id. */
typedef struct {
  char *text;
  size_t len, cap;
} buffer;

static kg_status buffer_set(buffer *b, const char *a, size_t alen,
                            const char *c, size_t clen)
{
  if (alen + clen + 1 > b->cap) {
    size_t cap = (alen + clen + 1) * 2;
    char *grown = kg_realloc(b->text, cap);
    if (!grown)
      return KG_ERR_NOMEM;
    b->text = grown;
    b->cap = cap;
  }
  memcpy(b->text, a, alen);
  memcpy(b->text + alen, c, clen);
  b->text[alen + clen] = '\0';
  b->len = alen + clen;
  return KG_OK;
}

typedef struct {
  const kg_network *net;
  kg_triple_fn fn;
  void *ctx;
  bool quads; /* one copy of each triple per graph it belongs to */
  buffer subject, object, statement, graph;
  buffer parent;            /* the IRI of an entry's time interval */
  buffer passage, selector; /* a quote's passage and one of its selectors */
  const kg_passage **seen;  /* the passages written (a set) */
  size_t seen_count, seen_cap;
  const char *own_graph; /* graph of triples with no provenance */
  size_t base_len;
} walk;

/* Hands a triple on: once, or in quads mode once per source it comes from,
 * in the graph named by the source's IRI, so that a store can answer "what
 * does source X say" and retract a source with one DROP GRAPH. */
static kg_status emit(walk *w, kg_triple *t, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  if (!w->quads || !prov || !prov->count) {
    t->graph = w->quads ? w->own_graph : NULL;
    return w->fn(w->ctx, t);
  }
  for (size_t i = 0; prov && i < prov->count; ++i) {
    if (!prov->sources[i])
      continue;
    TRY(buffer_set(&w->graph, w->net->base, w->base_len, prov->ids[i],
                   strlen(prov->ids[i])));
    t->graph = w->graph.text;
    TRY(w->fn(w->ctx, t));
  }
out:
  t->graph = NULL;
  return st;
}

static kg_term iri(const char *s)
{
  return (kg_term){.kind = KG_TERM_IRI, .value = s, .len = strlen(s)};
}

static kg_term iri_of(const buffer *b)
{
  return (kg_term){.kind = KG_TERM_IRI, .value = b->text, .len = b->len};
}

static kg_status entity_iri(walk *w, buffer *b, const kg_entity *e)
{
  return buffer_set(b, w->net->base, w->base_len, e->id, strlen(e->id));
}

/* RDF 1.1: a simple literal *is* an xsd:string; writing it plain keeps the
 * Turtle readable and the N-Triples canonical. */
static kg_term literal(const char *lexical, size_t len, const char *datatype,
                       const char *lang)
{
  if (datatype && !strcmp(datatype, KG_XSD "string"))
    datatype = NULL;
  return (kg_term){.kind = KG_TERM_LITERAL,
                   .value = lexical,
                   .len = len,
                   .datatype = datatype,
                   .lang = lang};
}

static kg_status object_of(walk *w, const kg_statement *s, kg_term *o)
{
  if (s->object) {
    kg_status st = entity_iri(w, &w->object, s->object);
    *o = iri_of(&w->object);
    return st;
  }
  *o = literal(s->lexical, s->len, s->datatype, s->lang);
  return KG_OK;
}

static uint64_t hash_term(const kg_term *t, uint64_t h)
{
  h = kg_hash64(t->value, t->len, h);
  h = kg_hash64("\x1f", 1, h);
  if (t->datatype)
    h = kg_hash64(t->datatype, strlen(t->datatype), h);
  h = kg_hash64("\x1f", 1, h);
  if (t->lang)
    h = kg_hash64(t->lang, strlen(t->lang), h);
  return kg_hash64("\x1e", 1, h);
}

/* Statement IRIs are minted from a hash of the triple and of what else the
 * statement says (its qualifiers but notes, sorted by check: the same value
 * in two spells is two statements), so they stay the same when other facts
 * are added or files are reordered.  A statement without qualifiers keeps
 * the IRI of its triple. */
static kg_status statement_iri(walk *w, const kg_triple *t,
                               const kg_statement *said)
{
  uint64_t h = KG_HASH_SEED;
  const kg_term *terms[] = {&t->s, &t->p, &t->o};
  for (int i = 0; i < 3; ++i)
    h = hash_term(terms[i], h);
  for (size_t i = 0; said && said->extra && i < said->extra->said_count; ++i) {
    const kg_statement *q = said->extra->qualifiers[i];
    kg_term p = iri(q->prop->iri);
    kg_term o = q->ref ? (kg_term){.kind = KG_TERM_IRI,
                                   .value = q->ref,
                                   .len = strlen(q->ref)}
                       : literal(q->lexical, q->len, q->datatype, q->lang);
    h = hash_term(&o, hash_term(&p, h));
  }
  char local[32];
  int n = snprintf(local, sizeof local, "_stmt-%016llx", (unsigned long long)h);
  return buffer_set(&w->statement, w->net->base, w->base_len, local, (size_t)n);
}

#define KG_OA "http://www.w3.org/ns/oa#"

/* The IRI of a passage (`suffix` ""), or of one of its selectors: minted
 * from the source's id and the passage's offsets, which the copy's recorded
 * hash fixes; so one passage, however many statements quote it. */
static kg_status passage_iri(walk *w, buffer *b, const kg_passage *p,
                             const char *suffix)
{
  uint64_t h = kg_hash64(p->source->id, strlen(p->source->id), KG_HASH_SEED);
  uint64_t span[2] = {p->start, p->end};
  h = kg_hash64(span, sizeof span, h);
  char local[48];
  int n = snprintf(local, sizeof local, "_passage-%016llx%s",
                   (unsigned long long)h, suffix);
  return buffer_set(b, w->net->base, w->base_len, local, (size_t)n);
}

/* Has the walk written this passage's node already?  Marks it if not.  An
 * open-addressing set of pointers: each passage is written once, after the
 * first statement node that links to it, in the walk's fixed order. */
static kg_status passage_first(walk *w, const kg_passage *p, bool *first)
{
  if (2 * (w->seen_count + 1) > w->seen_cap) {
    size_t cap = w->seen_cap ? w->seen_cap * 2 : 64;
    const kg_passage **grown = kg_calloc(cap, sizeof *grown);
    if (!grown)
      return KG_ERR_NOMEM;
    for (size_t i = 0; i < w->seen_cap; ++i)
      for (size_t h = (uintptr_t)w->seen[i] / 16 % cap; w->seen[i];
           h = (h + 1) % cap)
        if (!grown[h]) {
          grown[h] = w->seen[i];
          break;
        }
    kg_free(w->seen);
    w->seen = grown;
    w->seen_cap = cap;
  }
  size_t h = (uintptr_t)p / 16 % w->seen_cap;
  while (w->seen[h] && w->seen[h] != p)
    h = (h + 1) % w->seen_cap;
  *first = !w->seen[h];
  if (*first) {
    w->seen[h] = p;
    w->seen_count++;
  }
  return KG_OK;
}

/* w->object := the IRI of p's source; returns the graph its triples go
 * to. */
static kg_status source_graph(walk *w, const kg_passage *p, const char **graph)
{
  kg_status st = entity_iri(w, &w->object, p->source);
  *graph = w->quads ? w->object.text : NULL;
  return st;
}

/* The statement's links to the passages its quote was found at, one per
 * source whose archived copy was checked (sources.h). */
static kg_status passage_links(walk *w, kg_term node, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  for (size_t i = 0; prov->passages && i < prov->count; ++i) {
    const kg_passage *p = prov->passages[i];
    if (!p)
      continue;
    const char *graph = NULL;
    TRY(source_graph(w, p, &graph));
    TRY(passage_iri(w, &w->passage, p, ""));
    kg_triple t = {node, iri(KG_NS "passage"), iri_of(&w->passage), graph};
    TRY(w->fn(w->ctx, &t));
  }
out:
  return st;
}

static kg_status emit_all(walk *w, const kg_triple *t, size_t n)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < n; ++i)
    if (t[i].o.kind != KG_TERM_LITERAL || t[i].o.len) /* no empty prefix */
      TRY(w->fn(w->ctx, &t[i]));
out:
  return st;
}

/* One passage as W3C Web Annotation has it: a specific resource of the
 * source, with a text quote selector and a text position selector; in
 * w->passage and w->object, the passage's and the source's IRIs. */
static kg_status passage_node(walk *w, const kg_passage *p, const char *graph)
{
  kg_status st = KG_OK;
  char start[24], end[24];
  int sn = snprintf(start, sizeof start, "%llu", (unsigned long long)p->start);
  int en = snprintf(end, sizeof end, "%llu", (unsigned long long)p->end);
  const char *nni = KG_XSD "nonNegativeInteger";
  kg_term P = iri_of(&w->passage), type = iri(KG_RDF "type");
  kg_triple r[] = {
      {P, type, iri(KG_OA "SpecificResource"), graph},
      {P, iri(KG_OA "hasSource"), iri_of(&w->object), graph},
  };
  TRY(emit_all(w, r, sizeof r / sizeof *r));
  static const char *const suffix[] = {"-quote", "-position"};
  for (int i = 0; i < 2; ++i) {
    TRY(passage_iri(w, &w->selector, p, suffix[i]));
    kg_triple t = {P, iri(KG_OA "hasSelector"), iri_of(&w->selector), graph};
    TRY(w->fn(w->ctx, &t));
  }
  TRY(passage_iri(w, &w->selector, p, "-quote"));
  kg_term Q = iri_of(&w->selector);
  kg_triple q[] = {
      {Q, type, iri(KG_OA "TextQuoteSelector"), graph},
      {Q, iri(KG_OA "exact"), literal(p->exact, p->exact_len, NULL, NULL),
       graph},
      {Q, iri(KG_OA "prefix"), literal(p->prefix, p->prefix_len, NULL, NULL),
       graph},
      {Q, iri(KG_OA "suffix"), literal(p->suffix, p->suffix_len, NULL, NULL),
       graph},
  };
  TRY(emit_all(w, q, sizeof q / sizeof *q));
  TRY(passage_iri(w, &w->selector, p, "-position"));
  kg_term T = iri_of(&w->selector);
  kg_triple t[] = {
      {T, type, iri(KG_OA "TextPositionSelector"), graph},
      {T, iri(KG_OA "start"), literal(start, (size_t)sn, nni, NULL), graph},
      {T, iri(KG_OA "end"), literal(end, (size_t)en, nni, NULL), graph},
  };
  TRY(emit_all(w, t, sizeof t / sizeof *t));
out:
  return st;
}

/* The passages the current statement links to that the walk has not
 * written yet, after the statement's own triples (each subject's triples
 * stay consecutive). */
static kg_status passage_nodes(walk *w, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  for (size_t i = 0; prov->passages && i < prov->count; ++i) {
    const kg_passage *p = prov->passages[i];
    bool first = false;
    if (!p)
      continue;
    TRY(passage_first(w, p, &first));
    if (!first)
      continue;
    const char *graph = NULL;
    TRY(source_graph(w, p, &graph));
    TRY(passage_iri(w, &w->passage, p, ""));
    TRY(passage_node(w, p, graph));
  }
out:
  return st;
}

/* A triple of a statement node belongs to the graph of every source that
 * states the statement (several, when sources agree on its value). */
static kg_status emit_node(walk *w, kg_triple *t, const kg_provenance *prov,
                           const kg_statement *s)
{
  kg_status st = KG_OK;
  if (!w->quads || !s || !s->extra || !s->extra->also_count)
    return emit(w, t, prov);
  for (size_t i = 0; i < (s ? kg_statement_ref_count(s) : 1); ++i) {
    const kg_provenance *p = kg_statement_ref(s, i);
    if (p && p->count)
      TRY(emit(w, t, p));
  }
out:
  return st;
}

static bool has_sources(const kg_provenance *prov)
{
  return prov && prov->count;
}

static kg_status qualifier_values(walk *w, kg_term node, const kg_statement *s);
static kg_status qualifier_nodes(walk *w, kg_term node, const kg_statement *s);

static kg_status derivation(walk *w, kg_term node, const kg_provenance *p,
                            size_t i, bool nodes);

/* Who says so, with which passage: prov:wasDerivedFrom each source, and
 * for a source with a passage, a prov:Derivation naming the source and
 * holding its kg:quote (two sources agreeing on a value each keep their
 * own passage).  The derivation nodes follow the statement node. */
static kg_status derivations(walk *w, kg_term node, const kg_statement *s,
                             const kg_provenance *prov, bool nodes)
{
  kg_status st = KG_OK;
  for (size_t r = 0; r < (s ? kg_statement_ref_count(s) : 1); ++r) {
    const kg_provenance *p = s ? kg_statement_ref(s, r) : prov;
    for (size_t i = 0; p && i < p->count; ++i)
      if (p->sources[i])
        TRY(derivation(w, node, p, i, nodes));
  }
out:
  return st;
}

/* One source's part: on the statement node, prov:wasDerivedFrom and (with
 * a passage) prov:qualifiedDerivation; or the derivation node itself. */
static kg_status derivation(walk *w, kg_term node, const kg_provenance *p,
                            size_t i, bool nodes)
{
  kg_status st = KG_OK;
  size_t id_len = strlen(p->ids[i]);
  buffer d = {0};
  kg_provenance one = *p; /* this source alone: its graph */
  one.count = 1;
  one.ids += i;
  one.sources += i;
  if (one.passages)
    one.passages += i;
  TRY(buffer_set(&w->object, w->net->base, w->base_len, p->ids[i], id_len));
  if (!nodes) {
    /* "derived from X" belongs to X's graph alone: dropping X drops it. */
    kg_triple f = {node, iri(KG_PROV "wasDerivedFrom"), iri_of(&w->object),
                   w->quads ? w->object.text : NULL};
    TRY(w->fn(w->ctx, &f));
  }
  if (!p->quote)
    goto out;
  /* NODE-SOURCE: one derivation per statement and source */
  char *tail = kg_malloc(id_len + 2);
  if (!tail)
    TRY(KG_ERR_NOMEM);
  tail[0] = '-';
  memcpy(tail + 1, p->ids[i], id_len + 1);
  st = buffer_set(&d, node.value, node.len, tail, id_len + 1);
  kg_free(tail);
  TRY(st);
  if (!nodes) {
    kg_triple l = {node, iri(KG_PROV "qualifiedDerivation"), iri_of(&d), NULL};
    TRY(emit(w, &l, &one));
    goto out;
  }
  kg_triple t[] = {
      {iri_of(&d), iri(KG_RDF "type"), iri(KG_PROV "Derivation"), NULL},
      {iri_of(&d), iri(KG_PROV "entity"), iri_of(&w->object), NULL},
      {iri_of(&d), iri(KG_NS "quote"),
       literal(p->quote, p->quote_len, NULL, NULL), NULL},
  };
  for (size_t k = 0; k < sizeof t / sizeof *t; ++k)
    TRY(emit(w, &t[k], &one));
  /* where this source's archived copy has the passage (sources.h) */
  TRY(passage_links(w, iri_of(&d), &one));
out:
  kg_free(d.text);
  return st;
}

static kg_status reify_rank(walk *w, kg_term node, const kg_statement *s)
{
  kg_status st = KG_OK;
  static const char *const ranks[] = {KG_NS "NormalRank", KG_NS "PreferredRank",
                                      KG_NS "DeprecatedRank"};
  kg_triple r = {node, iri(KG_NS "statementRank"), iri(ranks[s->rank]), NULL};
  TRY(emit_node(w, &r, s->prov, s));
  if (s->extra && s->extra->reason) {
    kg_triple why = {
        node, iri(KG_NS "rankReason"),
        literal(s->extra->reason, s->extra->reason_len, NULL, NULL), NULL};
    TRY(emit_node(w, &why, s->prov, s));
  }
out:
  return st;
}

/* The provenance of one asserted triple, as RDF reification: the statement
 * gets an IRI, its rank (for statements of the facts), the sources it
 * comes from and the quoted passages, its qualifiers; and, when its value
 * is a date, the first and last day the date covers, so that a plain
 * FILTER on xsd:date finds "founded in 2013" whatever the precision. */
static kg_status reify(walk *w, const kg_triple *t, const kg_statement *stmt,
                       const kg_provenance *prov, const kg_date *date)
{
  kg_status st = KG_OK;
  bool dated = date && date->precision != KG_DATE_NONE;
  bool noted = stmt && (stmt->extra || stmt->rank || stmt->outranked);
  buffer self = {0}; /* w->statement is reused by the qualifiers' nodes */
  if (!has_sources(prov) && !dated && !noted)
    return KG_OK;
  TRY(statement_iri(w, t, stmt));
  TRY(buffer_set(&self, w->statement.text, w->statement.len, "", 0));
  kg_term s = iri_of(&self);
  kg_triple r[] = {
      {s, iri(KG_RDF "type"), iri(KG_RDF "Statement"), NULL},
      {s, iri(KG_RDF "subject"), t->s, NULL},
      {s, iri(KG_RDF "predicate"), t->p, NULL},
      {s, iri(KG_RDF "object"), t->o, NULL},
  };
  for (size_t i = 0; i < sizeof r / sizeof *r; ++i)
    TRY(emit_node(w, &r[i], prov, stmt));
  if (stmt)
    TRY(reify_rank(w, s, stmt));
  else { /* an entry's type: stated as it is written, so of normal rank */
    kg_triple rank = {s, iri(KG_NS "statementRank"), iri(KG_NS "NormalRank"),
                      NULL};
    TRY(emit_node(w, &rank, prov, NULL));
  }
  TRY(derivations(w, s, stmt, prov, false));
  for (size_t i = 0; i < (stmt ? kg_statement_ref_count(stmt) : 1); ++i) {
    const kg_provenance *p = stmt ? kg_statement_ref(stmt, i) : prov;
    bool again = false; /* the same passage from two records: once */
    for (size_t k = 0; k < i && p && p->quote; ++k) {
      const kg_provenance *o = kg_statement_ref(stmt, k);
      again |= o && o->quote && o->quote_len == p->quote_len &&
               !memcmp(o->quote, p->quote, p->quote_len);
    }
    if (p && p->quote)
      TRY(passage_links(w, s, p));
    if (!p || !p->quote || again)
      continue;
    kg_triple q = {s, iri(KG_NS "quote"),
                   literal(p->quote, p->quote_len, NULL, NULL), NULL};
    TRY(emit_node(w, &q, p, stmt));
  }
  if (dated) {
    char first[11], last[11];
    kg_date_first_day(date, first);
    kg_date_last_day(date, last);
    kg_triple e = {s, iri(KG_NS "earliest"),
                   literal(first, 10, KG_XSD "date", NULL), NULL};
    kg_triple l = {s, iri(KG_NS "latest"),
                   literal(last, 10, KG_XSD "date", NULL), NULL};
    TRY(emit_node(w, &e, prov, stmt));
    TRY(emit_node(w, &l, prov, stmt));
  }
  if (stmt && stmt->extra)
    TRY(qualifier_values(w, s, stmt));
  /* the nodes the statement node links to, each in one block */
  TRY(derivations(w, s, stmt, prov, true));
  if (stmt && stmt->extra)
    TRY(qualifier_nodes(w, s, stmt));
  for (size_t i = 0; i < (stmt ? kg_statement_ref_count(stmt) : 1); ++i) {
    const kg_provenance *p = stmt ? kg_statement_ref(stmt, i) : prov;
    if (p && p->quote)
      TRY(passage_nodes(w, p));
  }
out:
  kg_free(self.text);
  return st;
}

/* The node of a dated qualifier: what it qualifies, and its bounds; in the
 * graphs of the statement's sources. */
static kg_status reify_bounds(walk *w, const kg_triple *t,
                              const kg_statement *s, const kg_date *date)
{
  kg_status st = KG_OK;
  char first[11], last[11];
  TRY(statement_iri(w, t, NULL));
  kg_term n = iri_of(&w->statement);
  kg_date_first_day(date, first);
  kg_date_last_day(date, last);
  kg_triple r[] = {
      {n, iri(KG_RDF "type"), iri(KG_RDF "Statement"), NULL},
      {n, iri(KG_RDF "subject"), t->s, NULL},
      {n, iri(KG_RDF "predicate"), t->p, NULL},
      {n, iri(KG_RDF "object"), t->o, NULL},
      {n, iri(KG_NS "earliest"), literal(first, 10, KG_XSD "date", NULL), NULL},
      {n, iri(KG_NS "latest"), literal(last, 10, KG_XSD "date", NULL), NULL},
  };
  for (size_t i = 0; i < sizeof r / sizeof *r; ++i)
    TRY(emit_node(w, &r[i], s->prov, s));
out:
  return st;
}

/* A statement's qualifiers, on its node (kg:validFrom "2013" ...); a dated
 * one also gets a node of its own with its kg:earliest and kg:latest, like
 * every dated triple.  The node's triples were all written before. */
static kg_status qualifier_values(walk *w, kg_term node, const kg_statement *s)
{
  kg_status st = KG_OK;
  const kg_statement_extra *x = s->extra;
  for (size_t i = 0; i < x->qualifier_count; ++i) {
    const kg_statement *q = x->qualifiers[i];
    if (q->invalid)
      continue;
    kg_triple t = {node, iri(q->prop->iri), {0}, NULL};
    TRY(object_of(w, q, &t.o));
    TRY(emit_node(w, &t, s->prov, s));
  }
out:
  return st;
}

static kg_status qualifier_nodes(walk *w, kg_term node, const kg_statement *s)
{
  kg_status st = KG_OK;
  const kg_statement_extra *x = s->extra;
  for (size_t i = 0; i < x->qualifier_count; ++i) {
    const kg_statement *q = x->qualifiers[i];
    if (q->invalid || !q->date.precision)
      continue;
    kg_triple t = {node, iri(q->prop->iri), {0}, NULL};
    TRY(object_of(w, q, &t.o));
    TRY(reify_bounds(w, &t, s, &q->date));
  }
out:
  return st;
}

/* BASE PREFIX ID, for the nodes kgbuild mints beside an entity. */
static kg_status minted_iri(walk *w, buffer *b, const char *prefix,
                            const char *id)
{
  size_t n = strlen(prefix), len = strlen(id);
  char *tail = kg_malloc(n + len + 1);
  if (!tail)
    return KG_ERR_NOMEM;
  memcpy(tail, prefix, n);
  memcpy(tail + n, id, len + 1);
  kg_status st = buffer_set(b, w->net->base, w->base_len, tail, n + len);
  kg_free(tail);
  return st;
}

/* OWL-Time reads a partial date by its datatype's own property. */
static const char *instant_property(const kg_date *d)
{
  return d->precision == KG_DATE_YEAR ? "http://www.w3.org/2006/time#inXSDgYear"
         : d->precision == KG_DATE_YEAR_MONTH
             ? "http://www.w3.org/2006/time#inXSDgYearMonth"
             : "http://www.w3.org/2006/time#inXSDDate";
}

/* An entry of a class with kg:duringProperty (appointments: org:memberDuring)
 * gets a time:Interval from its best-ranked start and end dates, so tools
 * reading W3C ORG and OWL-Time find the tenure:
 *   <a> org:memberDuring <_during-a> . <_during-a> a time:Interval ;
 *   time:hasBeginning <_begins-a> . <_begins-a> a time:Instant ;
 *   time:inXSDgYearMonth "2020-03"^^xsd:gYearMonth .
 * The nodes are BASE "_during-" ID and so on: an id never starts with '_',
 * so they are never an entity's IRI (nor a statement's, "_stmt-"). */
static kg_status interval(walk *w, const kg_entity *e, kg_term subject)
{
  kg_status st = KG_OK;
  const kg_model *m = w->net->model;
  const kg_statement *ends[2] = {NULL, NULL};
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *s = m->statements.items[e->first_statement + i];
    if (!s->date.precision || s->entailed)
      continue;
    if (s->prop->is_start && !ends[0])
      ends[0] = s;
    if (s->prop->is_end && !ends[1])
      ends[1] = s;
  }
  if (!e->cls->during || (!ends[0] && !ends[1]))
    return KG_OK;
  static const char *const minted[] = {"_begins-", "_ends-"};
  static const char *const link[] = {"http://www.w3.org/2006/time#hasBeginning",
                                     "http://www.w3.org/2006/time#hasEnd"};
  buffer at = {0};
  TRY(minted_iri(w, &w->parent, "_during-", e->id));
  kg_term during = iri_of(&w->parent);
  kg_triple t = {subject, iri(e->cls->during), during, NULL};
  TRY(emit(w, &t, e->prov));
  t = (kg_triple){during, iri(KG_RDF "type"),
                  iri("http://www.w3.org/2006/time#Interval"), NULL};
  TRY(emit(w, &t, e->prov));
  for (int k = 0; k < 2; ++k) {
    if (!ends[k])
      continue;
    TRY(minted_iri(w, &at, minted[k], e->id));
    t = (kg_triple){during, iri(link[k]), iri_of(&at), NULL};
    TRY(emit_node(w, &t, ends[k]->prov, ends[k])); /* every source's */
  }
  for (int k = 0; k < 2; ++k) {
    if (!ends[k])
      continue;
    TRY(minted_iri(w, &at, minted[k], e->id));
    kg_triple i[] = {
        {iri_of(&at), iri(KG_RDF "type"),
         iri("http://www.w3.org/2006/time#Instant"), NULL},
        {iri_of(&at), iri(instant_property(&ends[k]->date)),
         literal(ends[k]->lexical, ends[k]->len, ends[k]->datatype, NULL),
         NULL},
    };
    TRY(emit_node(w, &i[0], ends[k]->prov, ends[k]));
    TRY(emit_node(w, &i[1], ends[k]->prov, ends[k]));
  }
out:
  kg_free(at.text);
  return st;
}

/* A direct triple, once however many statements give its value (spells,
 * each with its own qualifiers); in quads mode in the graph of every source
 * of every one of them, once each, in the order first cited, so that
 * dropping one source's graph keeps what another states.  The ids cited
 * are untrusted and may number tens of thousands: kg_first_ids finds the
 * repeats in O(n log n). */
static kg_status direct(walk *w, kg_triple *t, const kg_statement *const *run,
                        size_t n)
{
  kg_status st = KG_OK;
  kg_id_at *ids = NULL;
  bool *first = NULL;
  size_t count = 0;
  if (!w->quads || (n == 1 && kg_statement_ref_count(run[0]) == 1))
    return emit(w, t, run[0]->prov);
  for (size_t i = 0; i < n; ++i)
    for (size_t r = 0; r < kg_statement_ref_count(run[i]); ++r) {
      const kg_provenance *p = kg_statement_ref(run[i], r);
      count += p ? p->count : 0;
    }
  if (!(ids = kg_calloc(count + 1, sizeof *ids)) ||
      !(first = kg_calloc(count + 1, sizeof *first))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  count = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t r = 0; r < kg_statement_ref_count(run[i]); ++r) {
      const kg_provenance *p = kg_statement_ref(run[i], r);
      for (size_t k = 0; p && k < p->count; ++k)
        if (p->sources[k]) { /* an unknown source has no graph */
          ids[count] = (kg_id_at){p->ids[k], count};
          count++;
        }
    }
  kg_first_ids(ids, count, first);
  count = 0;
  bool any = false;
  for (size_t i = 0; i < n; ++i)
    for (size_t r = 0; r < kg_statement_ref_count(run[i]); ++r) {
      const kg_provenance *p = kg_statement_ref(run[i], r);
      for (size_t k = 0; p && k < p->count; ++k) {
        if (!p->sources[k] || !first[count++])
          continue;
        TRY(buffer_set(&w->graph, w->net->base, w->base_len, p->ids[k],
                       strlen(p->ids[k])));
        t->graph = w->graph.text;
        TRY(w->fn(w->ctx, t));
        any = true;
      }
    }
  if (!any)
    TRY(emit(w, t, run[0]->prov));
out:
  kg_free(ids);
  kg_free(first);
  t->graph = NULL;
  return st;
}

/* An external identifier also links the entity to the authority's IRI for
 * it (kg:iriTemplate), with skos:exactMatch: the same subject in another
 * graph, which an OWL reasoner does not read as identity, as it would
 * owl:sameAs; a wrong but sourced identifier must not merge two people
 * (docs/facts.md, "External identifiers").  Written where the literal's
 * direct triple is, from the same sources. */
static kg_status exact_match(walk *w, kg_term s, const kg_statement *const *run,
                             size_t n)
{
  const kg_statement *id = run[0];
  if (!id->prop->iri_template || id->ref)
    return KG_OK;
  size_t len = kg_identifier_iri(id->prop, id->lexical, id->len, NULL, 0);
  if (len + 1 > w->object.cap) {
    char *grown = kg_realloc(w->object.text, 2 * (len + 1));
    if (!grown)
      return KG_ERR_NOMEM;
    w->object.text = grown;
    w->object.cap = 2 * (len + 1);
  }
  kg_identifier_iri(id->prop, id->lexical, id->len, w->object.text, len + 1);
  w->object.len = len;
  if (!kg_iri_valid(w->object.text, len))
    return KG_OK; /* check refused the value (kg_property_value_ok) */
  kg_triple t = {s, iri(KG_SKOS "exactMatch"), iri_of(&w->object), NULL};
  return direct(w, &t, run, n);
}

/* An entity's own triples come first and its statement nodes after them,
 * so that each subject's triples are consecutive: Turtle writes them as one
 * block, in one pass, without holding the graph in memory. */
static kg_status walk_entity(walk *w, const kg_entity *e)
{
  kg_status st = KG_OK;
  const kg_model *m = w->net->model;
  TRY(entity_iri(w, &w->subject, e));
  kg_term s = iri_of(&w->subject);
  /* A source's own description (title, date...) cites nothing: it goes in
   * the source's graph. */
  w->own_graph = w->subject.text;
  kg_triple type = {s, iri(KG_RDF "type"), iri(e->cls->iri), NULL};
  TRY(emit(w, &type, e->prov));
  /* The superclasses too, for stores without a reasoner. */
  for (size_t i = 0; i < e->cls->ancestors.count; ++i) {
    const kg_class *up = e->cls->ancestors.items[i];
    kg_triple t = {s, iri(KG_RDF "type"), iri(up->iri), NULL};
    TRY(emit(w, &t, e->prov));
  }
  for (size_t i = 0, j; i < e->statement_count; i = j) {
    const kg_statement *const *run =
        (const kg_statement *const *)m->statements.items + e->first_statement;
    for (j = i + 1; j < e->statement_count && run[j]->prop == run[i]->prop &&
                    !kg_statement_compare(run[i], run[j]);
         ++j)
      ;
    kg_triple t = {s, iri(run[i]->prop->iri), {0}, NULL};
    TRY(object_of(w, run[i], &t.o));
    TRY(direct(w, &t, run + i, j - i));
    TRY(exact_match(w, s, run + i, j - i));
  }
  TRY(interval(w, e, s));
  TRY(reify(w, &type, NULL, e->prov, NULL));
  /* The best-ranked values' nodes, then the others' (outranked values have
   * a node but no direct triple). */
  for (size_t i = 0; i < e->statement_count + e->outranked_count; ++i) {
    const kg_statement *st_ =
        i < e->statement_count
            ? m->statements.items[e->first_statement + i]
            : m->outranked.items[e->first_outranked + i - e->statement_count];
    if (st_->entailed) /* only stated ones, and inverse/symmetric partners */
      continue;
    kg_triple t = {s, iri(st_->prop->iri), {0}, NULL};
    TRY(object_of(w, st_, &t.o));
    TRY(reify(w, &t, st_, st_->prov, &st_->date));
  }
out:
  return st;
}

/* Every triple of the network, in a fixed order: the ontology, then each
 * entity in id order with its statements and their provenance. */
kg_status kg_network_triples(const kg_network *net, bool quads, kg_triple_fn fn,
                             void *ctx)
{
  kg_status st = KG_OK;
  assert(kg_base_valid(net->base)); /* every IRI minted below starts with it */
  walk w = {.net = net,
            .fn = fn,
            .ctx = ctx,
            .quads = quads,
            .base_len = strlen(net->base)};
  for (size_t i = 0; i < net->onto->triples.count; ++i) {
    kg_triple t = *(const kg_triple *)net->onto->triples.items[i];
    t.graph = quads ? net->onto->iri : NULL;
    TRY(fn(ctx, &t));
  }
  for (size_t i = 0; i < net->model->entities.count; ++i)
    TRY(walk_entity(&w, net->model->entities.items[i]));
out:
  kg_free(w.subject.text);
  kg_free(w.object.text);
  kg_free(w.statement.text);
  kg_free(w.graph.text);
  kg_free(w.parent.text);
  kg_free(w.passage.text);
  kg_free(w.selector.text);
  kg_free(w.seen);
  return st;
}

typedef struct {
  size_t triples;
  const char *base;
  size_t base_len;
  uint64_t *hashes; /* of every statement IRI minted */
  size_t count, capacity;
} census;

static kg_status count_triple(void *ctx, const kg_triple *t)
{
  census *c = ctx;
  c->triples++;
  /* Each statement node is typed once, and its IRI is BASE "_stmt-" HASH;
   * nothing else is (the ontology also mentions rdf:Statement). */
  static const char stmt[] = "_stmt-";
  if (t->o.kind != KG_TERM_IRI || strcmp(t->o.value, KG_RDF "Statement") ||
      strcmp(t->p.value, KG_RDF "type") ||
      t->s.len != c->base_len + sizeof stmt - 1 + 16 ||
      strncmp(t->s.value, c->base, c->base_len) ||
      strncmp(t->s.value + c->base_len, stmt, sizeof stmt - 1))
    return KG_OK;
  uint64_t *grown =
      kg_grow(c->hashes, &c->capacity, c->count, sizeof *c->hashes, 1024);
  if (!grown)
    return KG_ERR_NOMEM;
  c->hashes = grown;
  c->hashes[c->count++] = strtoull(t->s.value + t->s.len - 16, NULL, 16);
  return KG_OK;
}

static int compare_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

kg_status kg_network_verify(const kg_network *net, kg_diag *diag,
                            size_t *triples)
{
  census c = {.base = net->base, .base_len = strlen(net->base)};
  kg_status st = kg_network_triples(net, false, count_triple, &c);
  if (st == KG_OK && c.count > 1) {
    qsort(c.hashes, c.count, sizeof *c.hashes, compare_u64);
    for (size_t i = 1; i < c.count; ++i)
      if (c.hashes[i] == c.hashes[i - 1]) {
        /* Two different statements would share one IRI and so one
         * provenance: refuse rather than merge them silently. */
        kg_error(diag, (kg_pos){0}, "internal",
                 "two statements hash to the same IRI (_stmt-%016llx); "
                 "please report this",
                 (unsigned long long)c.hashes[i]);
        st = KG_ERR_IO;
        break;
      }
  }
  *triples = c.triples;
  kg_free(c.hashes);
  return st;
}

bool kg_base_valid(const char *base)
{
  size_t n = strlen(base);
  return n > 0 && kg_iri_valid(base, n) &&
         (base[n - 1] == '/' || base[n - 1] == '#' || base[n - 1] == ':');
}

const char *kg_base_shadowed_by(const char *base, const kg_ontology *onto)
{
  const char *colon = strchr(base, ':');
  if (!colon || !strncmp(colon + 1, "//", 2))
    return NULL; /* JSON-LD reads "p://..." as an IRI whatever p is */
  size_t n = (size_t)(colon - base);
  for (size_t i = 0; i < onto->prefixes.count; ++i) {
    const kg_prefix *p = onto->prefixes.items[i];
    if (strlen(p->prefix) == n && !strncmp(p->prefix, base, n))
      return p->prefix;
  }
  return NULL;
}
