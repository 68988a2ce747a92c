/* emit.c - the export backends and atomic file writing. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE, fopencookie */
#include "emit.h"

#include "csv.h"
#include "dot.h"
#include "gexf.h"
#include "graphml.h"
#include "json.h"
#include "serialize.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the network as triples ------------------------------------------- */

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

typedef kg_status (*triple_fn)(void *ctx, const kg_triple *t);

typedef struct {
  const kg_network *net;
  triple_fn fn;
  void *ctx;
  bool quads;       /* one copy of each triple per graph it belongs to */
  buffer subject, object, statement, graph;
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
  return (kg_term){.kind = KG_TERM_LITERAL, .value = lexical, .len = len,
                   .datatype = datatype, .lang = lang};
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

/* Statement IRIs are minted from a hash of the triple, so they stay the same
 * when other facts are added or files are reordered. */
static kg_status statement_iri(walk *w, const kg_triple *t)
{
  uint64_t h = KG_HASH_SEED;
  const kg_term *terms[] = {&t->s, &t->p, &t->o};
  for (int i = 0; i < 3; ++i) {
    h = kg_hash64(terms[i]->value, terms[i]->len, h);
    h = kg_hash64("\x1f", 1, h);
    if (terms[i]->datatype)
      h = kg_hash64(terms[i]->datatype, strlen(terms[i]->datatype), h);
    h = kg_hash64("\x1f", 1, h);
    if (terms[i]->lang)
      h = kg_hash64(terms[i]->lang, strlen(terms[i]->lang), h);
    h = kg_hash64("\x1e", 1, h);
  }
  char local[32];
  int n = snprintf(local, sizeof local, "_stmt-%016llx", (unsigned long long)h);
  return buffer_set(&w->statement, w->net->base, w->base_len, local, (size_t)n);
}

/* The provenance of one asserted triple, as RDF reification: the statement
 * gets an IRI, the sources it comes from and the quoted passage; and, when
 * its value is a date, the first and last day the date covers, so that a
 * plain FILTER on xsd:date finds "founded in 2013" whatever the precision. */
static kg_status reify(walk *w, const kg_triple *t, const kg_provenance *prov,
                       const kg_date *date)
{
  kg_status st = KG_OK;
  bool dated = date && date->precision != KG_DATE_NONE;
  if ((!prov || !prov->count) && !dated)
    return KG_OK;
  TRY(statement_iri(w, t));
  kg_term s = iri_of(&w->statement);
  kg_triple r[] = {
      {s, iri(KG_RDF "type"), iri(KG_RDF "Statement"), NULL},
      {s, iri(KG_RDF "subject"), t->s, NULL},
      {s, iri(KG_RDF "predicate"), t->p, NULL},
      {s, iri(KG_RDF "object"), t->o, NULL},
  };
  for (size_t i = 0; i < sizeof r / sizeof *r; ++i)
    TRY(emit(w, &r[i], prov));
  for (size_t i = 0; prov && i < prov->count; ++i) {
    if (!prov->sources[i])
      continue;
    TRY(buffer_set(&w->object, w->net->base, w->base_len, prov->ids[i],
                   strlen(prov->ids[i])));
    /* "derived from X" belongs to X's graph alone: dropping X drops it. */
    kg_triple d = {s, iri(KG_PROV "wasDerivedFrom"), iri_of(&w->object),
                   w->quads ? w->object.text : NULL};
    TRY(w->fn(w->ctx, &d));
  }
  if (prov && prov->quote) {
    kg_triple q = {s, iri(KG_NS "quote"),
                   literal(prov->quote, prov->quote_len, NULL, NULL), NULL};
    TRY(emit(w, &q, prov));
  }
  if (dated) {
    char first[11], last[11];
    kg_date_first_day(date, first);
    kg_date_last_day(date, last);
    kg_triple e = {s, iri(KG_NS "earliest"),
                   literal(first, 10, KG_XSD "date", NULL), NULL};
    kg_triple l = {s, iri(KG_NS "latest"),
                   literal(last, 10, KG_XSD "date", NULL), NULL};
    TRY(emit(w, &e, prov));
    TRY(emit(w, &l, prov));
  }
out:
  return st;
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
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *st_ = m->statements.items[e->first_statement + i];
    kg_triple t = {s, iri(st_->prop->iri), {0}, NULL};
    TRY(object_of(w, st_, &t.o));
    TRY(emit(w, &t, st_->prov));
  }
  TRY(reify(w, &type, e->prov, NULL));
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *st_ = m->statements.items[e->first_statement + i];
    if (st_->entailed) /* only stated ones, and inverse/symmetric partners */
      continue;
    kg_triple t = {s, iri(st_->prop->iri), {0}, NULL};
    TRY(object_of(w, st_, &t.o));
    TRY(reify(w, &t, st_->prov, &st_->date));
  }
out:
  return st;
}

/* Every triple of the network, in a fixed order: the ontology, then each
 * entity in id order with its statements and their provenance. */
static kg_status for_each_triple(const kg_network *net, bool quads,
                                 triple_fn fn, void *ctx)
{
  kg_status st = KG_OK;
  walk w = {.net = net, .fn = fn, .ctx = ctx, .quads = quads,
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
  uint64_t *grown = kg_grow(c->hashes, &c->capacity, c->count,
                            sizeof *c->hashes, 1024);
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

kg_status kg_network_verify(const kg_network *net, kg_diag *diag, size_t *triples)
{
  census c = {.base = net->base, .base_len = strlen(net->base)};
  kg_status st = for_each_triple(net, false, count_triple, &c);
  if (st == KG_OK && c.count > 1) {
    qsort(c.hashes, c.count, sizeof *c.hashes, compare_u64);
    for (size_t i = 1; i < c.count; ++i)
      if (c.hashes[i] == c.hashes[i - 1]) {
        /* Two different statements would share one IRI and so one
         * provenance: refuse rather than merge them silently. */
        kg_error(diag, (kg_pos){0}, "internal",
                 "two statements hash to the same IRI (_stmt-%016llx); "
                 "please report this", (unsigned long long)c.hashes[i]);
        st = KG_ERR_IO;
        break;
      }
  }
  *triples = c.triples;
  kg_free(c.hashes);
  return st;
}

/* ---- backends ----------------------------------------------------------- */

/* The ontology's prefixes, and `id:` for the entities: what the Turtle and
 * JSON-LD exports declare.  The caller frees the array; NULL when out of
 * memory. */
static kg_prefix *network_prefixes(const kg_network *net, size_t *count)
{
  size_t n = net->onto->prefixes.count;
  kg_prefix *prefixes = kg_malloc((n + 1) * sizeof *prefixes);
  if (!prefixes)
    return NULL;
  for (size_t i = 0; i < n; ++i)
    prefixes[i] = *(kg_prefix *)net->onto->prefixes.items[i];
  prefixes[n] = (kg_prefix){"id", net->base};
  *count = n + 1;
  return prefixes;
}

typedef struct {
  kg_serializer *serializer;
  size_t count;
} rdf_ctx;

static kg_status write_triple(void *ctx, const kg_triple *t)
{
  rdf_ctx *c = ctx;
  c->count++;
  return kg_serializer_write(c->serializer, t);
}

static kg_status write_rdf(const kg_network *net, FILE *out, kg_syntax syntax,
                           size_t *items)
{
  kg_status st = KG_OK;
  size_t n;
  kg_prefix *prefixes = network_prefixes(net, &n);
  rdf_ctx ctx = {0};
  if (!prefixes)
    return KG_ERR_NOMEM;
  ctx.serializer = kg_serializer_new(syntax, out, prefixes, n);
  if (!ctx.serializer) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(for_each_triple(net, syntax == KG_SYNTAX_NQUADS, write_triple, &ctx));
  TRY(kg_serializer_finish(ctx.serializer));
  *items = ctx.count;
out:
  kg_serializer_free(ctx.serializer);
  kg_free(prefixes);
  return st;
}

static kg_status write_turtle(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_TURTLE, items);
}

static kg_status write_ntriples(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_NTRIPLES, items);
}

static kg_status write_nquads(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_NQUADS, items);
}

static kg_status write_graphml(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_graphml_write(net->graph, out);
}

static kg_status write_gexf(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_gexf_write(net->graph, out);
}

static kg_status add_jsonld(void *ctx, const kg_triple *t)
{
  return kg_jsonld_add(ctx, t);
}

/* JSON-LD 1.1: the same triples as kg.nt, one node object per subject; or,
 * with `context_only`, the @context to publish. */
static kg_status jsonld(const kg_network *net, FILE *out, bool context_only)
{
  kg_status st = KG_OK;
  size_t n;
  kg_prefix *prefixes = network_prefixes(net, &n);
  kg_jsonld *doc = NULL;
  if (!prefixes)
    return KG_ERR_NOMEM;
  if (!(doc = kg_jsonld_new(prefixes, n))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (context_only) {
    TRY(kg_jsonld_write_context(doc, out));
  } else {
    TRY(kg_jsonld_begin(doc, out));
    TRY(for_each_triple(net, false, add_jsonld, doc));
    TRY(kg_jsonld_end(doc));
  }
out:
  kg_jsonld_free(doc);
  kg_free(prefixes);
  return st;
}

static kg_status write_jsonld(const kg_network *net, FILE *out, size_t *items)
{
  *items = 0;
  return jsonld(net, out, false);
}

static kg_status write_jsonld_context(const kg_network *net, FILE *out,
                                      size_t *items)
{
  *items = 0;
  return jsonld(net, out, true);
}

static kg_status write_csv_nodes(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph);
  return kg_csv_write_nodes(net->graph, out);
}

static kg_status write_csv_edges(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_edge_count(net->graph);
  return kg_csv_write_edges(net->graph, out);
}

static kg_status write_dot(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_dot_write(net->graph, out);
}

const kg_backend kg_backends[] = {
    {"ttl", "kg.ttl", "Turtle: data and ontology, for SPARQL stores",
     write_turtle, KG_NEEDS_MODEL, true, 4},
    {"nt", "kg.nt", "N-Triples: one triple per line, for bulk loads and diffs",
     write_ntriples, KG_NEEDS_MODEL, true, 6},
    {"nq", "kg.nq",
     "N-Quads: one named graph per source, for retracting a source",
     write_nquads, KG_NEEDS_MODEL, true, 10},
    {"graphml", "kg.graphml", "GraphML: the entity network, for Gephi and igraph",
     write_graphml, KG_NEEDS_ANALYTICS, false, 5},
    {"gexf", "kg.gexf",
     "GEXF 1.3: the network with time spells, for Gephi's timeline",
     write_gexf, KG_NEEDS_ANALYTICS, false, 5},
    {"dot", "kg.dot", "DOT: the network for Graphviz pictures", write_dot,
     KG_NEEDS_GRAPH, false, 2},
    {"jsonld", "kg.jsonld", "JSON-LD 1.1: the triples as JSON, for web tools",
     write_jsonld, KG_NEEDS_MODEL, true, 6},
    {"jsonld-context", "kg.context.jsonld",
     "the JSON-LD @context alone, to publish for documents of one's own",
     write_jsonld_context, KG_NEEDS_MODEL, false, 0},
    {"csv-nodes", "kg.nodes.csv",
     "CSV: the nodes table (Gephi's spreadsheet import, pandas)",
     write_csv_nodes, KG_NEEDS_ANALYTICS, false, 3},
    {"csv-edges", "kg.edges.csv", "CSV: the edges table", write_csv_edges,
     KG_NEEDS_GRAPH, false, 2},
};
const size_t kg_backend_count = sizeof kg_backends / sizeof *kg_backends;

const kg_backend *kg_backend_find(const char *name)
{
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (!strcmp(kg_backends[i].name, name))
      return &kg_backends[i];
  return NULL;
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

/* Is name the file of one of the exports? */
static bool kg_backend_file(const char *name)
{
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (!strcmp(kg_backends[i].file_name, name))
      return true;
  return false;
}

bool kg_base_valid(const char *base)
{
  size_t n = strlen(base);
  return n > 0 && kg_iri_valid(base, n) &&
         (base[n - 1] == '/' || base[n - 1] == '#' || base[n - 1] == ':');
}

/* ---- checked, atomic writing --------------------------------------------- */

static void io_error(kg_diag *diag, const char *name, const char *what, int err)
{
  kg_error(diag, (kg_pos){name, 0, 0}, "io", "%s: %s", what, strerror(err));
}

/* raptor and igraph report success on a full disk; the truth is in the
 * stream's error flag and in fflush, which must come before fclose (after a
 * failed fflush, fclose returns 0). */
static kg_status finish_stream(FILE *out, const char *name, kg_diag *diag,
                               bool sync)
{
  if (ferror(out) || fflush(out) != 0) {
    io_error(diag, name, "cannot write", errno ? errno : EIO);
    return KG_ERR_IO;
  }
  if (sync && fsync(fileno(out)) != 0) {
    io_error(diag, name, "cannot sync", errno);
    return KG_ERR_IO;
  }
  return KG_OK;
}

/* A test hook in the style of SQLite's: with KG_FAIL_WRITE_AT=N in the
 * environment, every export's stream fails with ENOSPC once N bytes have been
 * written, which is how the test suite checks that a failing write at any
 * offset is reported and leaves the old exports alone (serd's technique). */
typedef struct {
  FILE *real;
  long long left;
} faulty;

static ssize_t faulty_write(void *cookie, const char *buf, size_t size)
{
  faulty *f = cookie;
  size_t room = f->left > 0 ? (size_t)f->left : 0;
  size_t n = size < room ? size : room;
  if (n && fwrite(buf, 1, n, f->real) != n)
    return -1;
  f->left -= (long long)n;
  if (n < size) {
    errno = ENOSPC;
    return n ? (ssize_t)n : -1;
  }
  return (ssize_t)size;
}

/* Runs one backend on a stream and checks every step of the write. */
static kg_status write_checked(const kg_network *net, const kg_backend *backend,
                               FILE *out, const char *name, kg_diag *diag,
                               bool sync)
{
  FILE *sink = out;
  faulty f = {out, 0};
  const char *at = getenv("KG_FAIL_WRITE_AT");
  if (at && *at) {
    f.left = strtoll(at, NULL, 10);
    sink = fopencookie(&f, "w", (cookie_io_functions_t){.write = faulty_write});
    if (!sink)
      return KG_ERR_NOMEM;
  }
  size_t items = 0;
  errno = 0;
  kg_status st = backend->write(net, sink, &items);
  int saved = errno;
  if (sink != out && fclose(sink) != 0 && st == KG_OK) {
    st = KG_ERR_IO;
    saved = errno;
  }
  if (st == KG_ERR_IO) {
    io_error(diag, name, "cannot write", saved ? saved : EIO);
    return st;
  }
  if (st != KG_OK)
    return st;
  return finish_stream(out, name, diag, sync);
}

kg_status kg_emit_stream(const kg_network *net, const kg_backend *backend,
                         FILE *out, const char *name, kg_diag *diag)
{
  return write_checked(net, backend, out, name, diag, false);
}

#define TMP_PREFIX ".kgbuild-tmp-"

typedef struct {
  char *tmp;    /* temporary file, NULL once renamed or removed */
  char *target; /* final name */
  char *shown;  /* the name errors give (the export, not the staging copy) */
  char *backup; /* a hard link to the old export, kept until all are in */
  bool existed;  /* there was an old export */
  bool replaced;
} pending;

static char *path_join(const char *dir, const char *name)
{
  size_t a = strlen(dir), b = strlen(name);
  char *p = kg_malloc(a + b + 2);
  if (p)
    snprintf(p, a + b + 2, "%s%s%s", dir, a && dir[a - 1] == '/' ? "" : "/", name);
  return p;
}

static char *dir_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  if (!slash)
    return path_join(".", "");
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  char *d = kg_malloc(n + 1);
  if (d) {
    memcpy(d, path, n);
    d[n] = '\0';
  }
  return d;
}

/* The umask can only be read by setting it, and it belongs to the whole
 * process: read it once, before any thread writes (write_all calls this
 * first), so that no thread ever sees the 0 set for the reading. */
static mode_t saved_umask;
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
  saved_umask = umask(0);
  umask(saved_umask);
}

static mode_t process_umask(void)
{
  pthread_once(&umask_once, read_umask);
  return saved_umask;
}

/* A new temporary file beside `target` (so that rename stays on one file
 * system), readable as the umask says: mkstemp makes it 0600, and exports
 * are for sharing. */
static kg_status open_temp(const char *target, kg_diag *diag, char **tmp,
                           FILE **out)
{
  kg_status st = KG_OK;
  char *dir = dir_of(target);
  const char *base = strrchr(target, '/');
  base = base ? base + 1 : target;
  size_t n = (dir ? strlen(dir) : 0) + strlen(base) + sizeof TMP_PREFIX + 10;
  *tmp = NULL;
  *out = NULL;
  if (!dir || !(*tmp = kg_malloc(n))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  snprintf(*tmp, n, "%s/" TMP_PREFIX "%s-XXXXXX", dir, base);
  int fd = mkstemp(*tmp);
  if (fd < 0) {
    io_error(diag, dir, "cannot create a temporary file", errno);
    kg_free(*tmp);
    *tmp = NULL;
    st = KG_ERR_IO;
    goto out;
  }
  fchmod(fd, 0666 & ~process_umask());
  if (!(*out = fdopen(fd, "wb"))) {
    io_error(diag, target, "cannot open", errno);
    close(fd);
    st = KG_ERR_IO;
  }
out:
  kg_free(dir);
  return st;
}

static kg_status write_one(const kg_network *net, const kg_backend *backend,
                           pending *p, kg_diag *diag)
{
  FILE *out = NULL;
  const char *shown = p->shown ? p->shown : p->target;
  kg_status st = open_temp(p->target, diag, &p->tmp, &out);
  if (st == KG_OK)
    st = write_checked(net, backend, out, shown, diag, true);
  if (out && fclose(out) != 0 && st == KG_OK) {
    io_error(diag, shown, "cannot write", errno);
    st = KG_ERR_IO;
  }
  return st;
}

static void sync_dir(const char *dir)
{
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd); /* best effort: not every file system supports it */
    close(fd);
  }
}

/* Keeps the old export reachable under a temporary name (a hard link costs
 * no copy), so that a rename failing half-way through the set can be undone
 * and the exports stay one consistent set. */
static kg_status keep_backup(pending *p)
{
  struct stat sb;
  p->existed = lstat(p->target, &sb) == 0;
  if (!p->existed || !S_ISREG(sb.st_mode))
    return KG_OK;
  /* Beside the target, so that a journal of base names can find it. */
  char *dir = dir_of(p->target);
  const char *tmp_base = strrchr(p->tmp, '/');
  tmp_base = tmp_base ? tmp_base + 1 : p->tmp;
  size_t n = (dir ? strlen(dir) : 0) + strlen(tmp_base) + 8;
  if (!dir || !(p->backup = kg_malloc(n))) {
    kg_free(dir);
    return KG_ERR_NOMEM;
  }
  snprintf(p->backup, n, "%s/%s.old", dir, tmp_base);
  kg_free(dir);
  if (link(p->target, p->backup) != 0) {
    kg_free(p->backup); /* no hard links here: no undo, but no harm */
    p->backup = NULL;
  }
  return KG_OK;
}

/* The one-by-one replacement of a set is not atomic: a journal, written and
 * synced before the first rename and removed after the last, lets the next
 * run put the old set back when this one is killed half-way (see
 * restore_journal).  A line per export: the old file's backup ("-" when
 * there was none) and the export, both base names in the export's
 * directory. */
#define JOURNAL_NAME ".kgbuild-journal"

static const char *base_name(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static kg_status write_journal(const char *journal, const pending *files,
                               size_t count, kg_diag *diag)
{
  kg_status st = KG_OK;
  FILE *f = fopen(journal, "wbx");
  if (!f) {
    io_error(diag, journal, "cannot create", errno);
    return KG_ERR_IO;
  }
  for (size_t i = 0; i < count; ++i)
    fprintf(f, "%s\t%s\n", files[i].backup ? base_name(files[i].backup) : "-",
            base_name(files[i].target));
  if (ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0) {
    io_error(diag, journal, "cannot write", errno ? errno : EIO);
    st = KG_ERR_IO;
  }
  if (fclose(f) != 0 && st == KG_OK) {
    io_error(diag, journal, "cannot write", errno);
    st = KG_ERR_IO;
  }
  if (st != KG_OK)
    unlink(journal);
  return st;
}

/* Puts back the set a killed run was replacing one by one: every export
 * renamed from its backup, every export that had none removed. */
static void restore_journal(const char *dir)
{
  char *journal = path_join(dir, JOURNAL_NAME);
  FILE *f = journal ? fopen(journal, "rb") : NULL;
  char line[1024];
  while (f && fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
    if (!tab || !nl || strchr(line, '/'))
      continue; /* not a line kgbuild wrote */
    *tab = *nl = '\0';
    char *target = path_join(dir, tab + 1);
    char *backup = strcmp(line, "-") ? path_join(dir, line) : NULL;
    if (target && backup)
      rename(backup, target);
    else if (target && !strcmp(line, "-"))
      unlink(target);
    kg_free(target);
    kg_free(backup);
  }
  if (f) {
    fclose(f);
    sync_dir(dir);
    unlink(journal);
    sync_dir(dir);
  }
  kg_free(journal);
}

static kg_status replace_all(pending *files, size_t count, const char *journal,
                             kg_diag *diag)
{
  kg_status st = KG_OK;
  /* A target that is a directory would fail its rename: find out first. */
  for (size_t i = 0; i < count; ++i) {
    struct stat sb;
    if (lstat(files[i].target, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      io_error(diag, files[i].target, "cannot replace", EISDIR);
      return KG_ERR_IO;
    }
  }
  for (size_t i = 0; i < count; ++i)
    TRY(keep_backup(&files[i]));
  if (journal) {
    TRY(write_journal(journal, files, count, diag));
    char *d = dir_of(journal);
    if (d)
      sync_dir(d);
    kg_free(d);
  }
  for (size_t i = 0; i < count; ++i) {
    if (rename(files[i].tmp, files[i].target) != 0) {
      io_error(diag, files[i].target, "cannot replace", errno);
      st = KG_ERR_IO;
      goto out;
    }
    files[i].replaced = true;
    kg_free(files[i].tmp);
    files[i].tmp = NULL;
  }
out:
  if (st != KG_OK) /* put back the old exports already replaced */
    for (size_t i = 0; i < count; ++i) {
      if (!files[i].replaced)
        continue;
      if (files[i].backup && rename(files[i].backup, files[i].target) == 0) {
        kg_free(files[i].backup);
        files[i].backup = NULL;
      } else if (!files[i].existed) {
        unlink(files[i].target);
      }
    }
  if (journal) { /* the set is whole again, old or new */
    char *d = dir_of(journal);
    if (d)
      sync_dir(d);
    unlink(journal);
    if (d)
      sync_dir(d);
    kg_free(d);
  }
  return st;
}

/* The parent directory and the last component of a path ("a/b/" -> "a",
 * "b"), without trailing slashes. */
static kg_status split_path(const char *path, char **parent, char **base)
{
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    --n;
  size_t slash = n;
  while (slash > 0 && path[slash - 1] != '/')
    --slash;
  *parent = kg_malloc(slash + 2);
  *base = kg_malloc(n - slash + 1);
  if (!*parent || !*base)
    return KG_ERR_NOMEM;
  if (slash == 0)
    strcpy(*parent, ".");
  else if (slash == 1)
    strcpy(*parent, "/");
  else {
    memcpy(*parent, path, slash - 1);
    (*parent)[slash - 1] = '\0';
  }
  memcpy(*base, path + slash, n - slash);
  (*base)[n - slash] = '\0';
  return KG_OK;
}

#define STAGING_INFIX ".kgbuild-new-"

/* Unlinks the entries of dir whose names start with prefix ("": all). */
static void remove_entries(const char *dir, const char *prefix)
{
  DIR *d = opendir(dir);
  if (!d)
    return;
  size_t n = strlen(prefix);
  for (struct dirent *e; (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
        strncmp(e->d_name, prefix, n))
      continue;
    char *p = path_join(dir, e->d_name);
    if (p)
      unlink(p);
    kg_free(p);
  }
  closedir(d);
}

/* Removes a staging directory: kgbuild's own flat directory of files. */
static void remove_flat_dir(const char *dir)
{
  remove_entries(dir, "");
  rmdir(dir);
}

static bool is_ours(const kg_backend *const *backends, size_t count,
                    const char *name)
{
  if (!strncmp(name, TMP_PREFIX, sizeof TMP_PREFIX - 1))
    return true;
  for (size_t i = 0; i < count; ++i)
    if (!strcmp(name, backends[i]->file_name))
      return true;
  return false;
}

/* Gives the staging directory everything else exports/ holds (a README,
 * notes, a .git), so that swapping the directories changes only kgbuild's
 * files: regular files as hard links, symbolic links and FIFOs made anew
 * (they are only names), and whatever cannot be copied so (directories,
 * sockets, a file that may not be linked) listed in `moves`, to be renamed
 * across just before the exchange (move_foreign).  A run killed between
 * those renames and the exchange leaves them in the staging directory, and
 * the next run's kg_emit_clean_stale moves them back.  False only when out
 * of memory or exports/ cannot be read. */
static bool carry_entry(const char *from, const char *to)
{
  struct stat sb;
  if (lstat(from, &sb) != 0)
    return false;
  if (S_ISREG(sb.st_mode))
    return link(from, to) == 0;
  if (S_ISLNK(sb.st_mode)) {
    char *target = kg_malloc((size_t)sb.st_size + 1);
    ssize_t n = target ? readlink(from, target, (size_t)sb.st_size + 1) : -1;
    bool made = n >= 0 && n <= sb.st_size &&
                (target[n] = '\0', symlink(target, to) == 0);
    kg_free(target);
    if (made && geteuid() == 0)
      (void)!lchown(to, sb.st_uid, sb.st_gid);
    return made;
  }
  if (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)) {
    if (mknod(to, sb.st_mode, sb.st_rdev) != 0)
      return false;
    (void)!chmod(to, sb.st_mode & 07777);
    if (geteuid() == 0)
      (void)!lchown(to, sb.st_uid, sb.st_gid);
    return true;
  }
  return false; /* a directory or a socket: moved */
}

static bool carry_over(const char *dir, const char *staging,
                       const kg_backend *const *backends, size_t count,
                       kg_vec *moves)
{
  DIR *d = opendir(dir);
  if (!d)
    return false;
  bool ok = true;
  for (struct dirent *e; ok && (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
        is_ours(backends, count, e->d_name))
      continue;
    char *from = path_join(dir, e->d_name), *to = path_join(staging, e->d_name);
    ok = from && to;
    if (ok && !carry_entry(from, to)) {
      char *name = path_join(e->d_name, "");
      ok = name && kg_vec_push(moves, name) == KG_OK;
      if (ok)
        name[strlen(e->d_name)] = '\0'; /* path_join added a '/' */
      else
        kg_free(name);
    }
    kg_free(from);
    kg_free(to);
  }
  closedir(d);
  return ok;
}

/* Renames the listed foreign entries from one directory to the other
 * (exports/ to staging before the exchange; back again when the exchange
 * fails).  False, with what was moved put back, when one cannot move (a
 * mount point inside exports/). */
static bool move_foreign(const char *from_dir, const char *to_dir,
                         const kg_vec *moves)
{
  size_t moved = 0;
  bool ok = true;
  for (; ok && moved < moves->count; ++moved) {
    char *from = path_join(from_dir, moves->items[moved]);
    char *to = path_join(to_dir, moves->items[moved]);
    ok = from && to && rename(from, to) == 0;
    kg_free(from);
    kg_free(to);
  }
  if (!ok)
    for (size_t i = 0; i + 1 < moved; ++i) {
      char *from = path_join(to_dir, moves->items[i]);
      char *to = path_join(from_dir, moves->items[i]);
      if (from && to)
        rename(from, to);
      kg_free(from);
      kg_free(to);
    }
  return ok;
}

static void free_moves(kg_vec *moves)
{
  for (size_t i = 0; i < moves->count; ++i)
    kg_free(moves->items[i]);
  kg_vec_free(moves);
}

/* Is dir a mount point?  A bind mount of the same file system has the same
 * st_dev as its parent, so the kernel's own list is asked. */
static bool is_mount_point(const char *dir)
{
  char *real = realpath(dir, NULL);
  FILE *f = real ? fopen("/proc/self/mountinfo", "r") : NULL;
  bool found = false;
  char line[4096];
  while (f && !found && fgets(line, sizeof line, f)) {
    /* id parent major:minor root MOUNTPOINT ...; octal escapes for spaces */
    char *field = line;
    for (int i = 0; i < 4 && field; ++i)
      if ((field = strchr(field, ' ')))
        ++field;
    if (!field)
      continue;
    char point[4096];
    size_t o = 0;
    for (; *field && *field != ' ' && o + 1 < sizeof point; ++field) {
      if (field[0] == '\\' && field[1] >= '0' && field[1] <= '3' && field[2] && field[3]) {
        point[o++] = (char)((field[1] - '0') * 64 + (field[2] - '0') * 8 + (field[3] - '0'));
        field += 3;
      } else {
        point[o++] = *field;
      }
    }
    point[o] = '\0';
    found = !strcmp(point, real);
  }
  if (f)
    fclose(f);
  free(real); /* realpath's malloc */
  return found;
}

/* Can exports/ be swapped whole?  Not when it is a symbolic link (the link
 * would be replaced, not its target) or a mount point (rename cannot cross
 * file systems, and a bind mount may not be renamed). */
static bool swappable(const char *dir, const char *parent)
{
  struct stat d, p;
  return lstat(dir, &d) == 0 && S_ISDIR(d.st_mode) && stat(parent, &p) == 0 &&
         d.st_dev == p.st_dev && !is_mount_point(dir);
}

/* Exchanges the staged set with exports/, its foreign entries carried
 * over.  False when that cannot be done here; then exports/ is unchanged. */
static bool swap_in(const char *dir, const char *staging, const char *parent,
                    const kg_backend *const *backends, size_t count)
{
  kg_vec moves = {0};
  struct stat sb; /* the new directory takes the old one's permissions */
  if (stat(dir, &sb) == 0)
    chmod(staging, sb.st_mode & 07777);
  bool swapped = carry_over(dir, staging, backends, count, &moves) &&
                 move_foreign(dir, staging, &moves);
  if (swapped &&
      renameat2(AT_FDCWD, staging, AT_FDCWD, dir, RENAME_EXCHANGE) != 0) {
    move_foreign(staging, dir, &moves);
    swapped = false;
  }
  if (swapped) {
    sync_dir(parent);
    remove_flat_dir(staging); /* the old set */
  }
  free_moves(&moves);
  return swapped;
}

/* Writes the whole set into a staging directory beside exports/ and then
 * exchanges the two directories in one atomic step (renameat2 with
 * RENAME_EXCHANGE), so that whoever looks, even after a SIGKILL or a power
 * cut at any moment, sees either the old set or the new one, never a new
 * Turtle beside an old GraphML.  Where the exchange is impossible the files
 * are renamed into exports/ one by one, with the old ones kept as hard links
 * until all are in (see replace_all). */
/* ---- writing exports at once -------------------------------------------- */

/* Exports are independent files reading a network that no longer changes,
 * so they are written by up to `jobs` threads.  Two families share state
 * and stay on one thread each, in order: the exports that read the
 * network's attributes (kg_graph_text's scratch buffers), and the JSON-LD
 * pair (jansson's start-up).  Each export's diagnostics are held back and
 * printed in the order of the exports, and a failure does not stop the
 * other exports (only an interruption does): so what a run says does not
 * depend on which thread was faster. */
typedef struct {
  size_t first, count; /* a run of the pool's order */
} task;

typedef struct {
  const kg_network *net;
  const kg_backend *const *backends;
  pending *files;
  kg_diag **diags;     /* per export */
  kg_status *statuses; /* per export */
  size_t *order;       /* exports by task */
  task *tasks;
  size_t task_count, next;
  pthread_mutex_t lock;
  volatile sig_atomic_t *interrupted;
} pool;

static int family_of(const kg_backend *b)
{
  if (b->needs >= KG_NEEDS_GRAPH)
    return 1;
  if (b->write == write_jsonld || b->write == write_jsonld_context)
    return 2;
  return 0;
}

static void run_task(pool *p, const task *t)
{
  for (size_t k = 0; k < t->count; ++k) {
    size_t i = p->order[t->first + k];
    p->statuses[i] = p->interrupted && *p->interrupted
                         ? KG_ERR_INTERRUPTED
                         : write_one(p->net, p->backends[i], &p->files[i],
                                     p->diags[i]);
  }
}

static void *worker(void *arg)
{
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t next = p->next++;
    pthread_mutex_unlock(&p->lock);
    if (next >= p->task_count)
      return NULL;
    run_task(p, &p->tasks[next]);
  }
}

static unsigned task_cost(const pool *p, const task *t)
{
  unsigned cost = 0;
  for (size_t k = 0; k < t->count; ++k)
    cost += p->backends[p->order[t->first + k]]->cost;
  return cost;
}

/* The tasks: each family, then each other export on its own; then the
 * longest first (by the backends' costs), which keeps the threads busy to
 * the end. */
static size_t plan_tasks(pool *p, size_t count)
{
  size_t placed = 0, n = 0;
  for (int family = 1; family <= 2; ++family) {
    size_t first = placed;
    for (size_t i = 0; i < count; ++i)
      if (family_of(p->backends[i]) == family)
        p->order[placed++] = i;
    if (placed > first)
      p->tasks[n++] = (task){first, placed - first};
  }
  for (size_t i = 0; i < count; ++i)
    if (family_of(p->backends[i]) == 0) {
      p->order[placed] = i;
      p->tasks[n++] = (task){placed++, 1};
    }
  for (size_t i = 1; i < n; ++i) /* insertion sort: stable, and n <= 16 */
    for (size_t j = i; j > 0 && task_cost(p, &p->tasks[j]) >
                                    task_cost(p, &p->tasks[j - 1]); --j) {
      task t = p->tasks[j];
      p->tasks[j] = p->tasks[j - 1];
      p->tasks[j - 1] = t;
    }
  return n;
}

static kg_status write_all(const kg_network *net,
                           const kg_backend *const *backends, pending *files,
                           size_t count, unsigned jobs, kg_diag *diag,
                           volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  pool p = {.net = net, .backends = backends, .files = files,
            .interrupted = interrupted, .lock = PTHREAD_MUTEX_INITIALIZER};
  pthread_t threads[KG_MAX_JOBS];
  size_t started = 0;
  p.order = kg_malloc((count + 1) * sizeof *p.order);
  p.tasks = kg_calloc(count + 1, sizeof *p.tasks);
  p.diags = kg_calloc(count + 1, sizeof *p.diags);
  p.statuses = kg_calloc(count + 1, sizeof *p.statuses);
  if (!p.order || !p.tasks || !p.diags || !p.statuses) {
    st = KG_ERR_NOMEM;
    goto done;
  }
  p.task_count = plan_tasks(&p, count);
  (void)process_umask(); /* before any thread: see process_umask */
  for (size_t i = 0; i < count; ++i)
    if (!(p.diags[i] = kg_diag_hold_new(diag))) {
      st = KG_ERR_NOMEM;
      goto done;
    }
  if (jobs > KG_MAX_JOBS)
    jobs = KG_MAX_JOBS;
  if (jobs > p.task_count)
    jobs = (unsigned)p.task_count;
  for (; jobs > 1 && started < jobs; ++started)
    if (pthread_create(&threads[started], NULL, worker, &p) != 0)
      break;
  if (started == 0) /* one job, or no thread to be had: work here */
    worker(&p);
  for (size_t t = 0; t < started; ++t)
    pthread_join(threads[t], NULL);
  for (size_t i = 0; i < count; ++i)
    if (st == KG_OK && p.statuses[i] != KG_OK)
      st = p.statuses[i];
done:
  for (size_t i = 0; p.diags && i < count; ++i)
    kg_diag_release(diag, p.diags[i]);
  kg_free(p.order);
  kg_free(p.tasks);
  kg_free(p.diags);
  kg_free(p.statuses);
  return st;
}

static kg_status emit_set(const kg_network *net, const kg_backend *const *backends,
                          size_t count, const char *dir, unsigned jobs,
                          kg_diag *diag, volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  char *parent = NULL, *base = NULL, *staging = NULL, *journal = NULL;
  pending *files = kg_calloc(count + 1, sizeof *files);
  bool staged = false;
  int lock = -1;
  if (!files)
    return KG_ERR_NOMEM;
  /* A failed run leaves no exports/ of its own behind. */
  bool created = mkdir(dir, 0777) == 0;
  if (!created && errno != EEXIST) {
    io_error(diag, dir, "cannot create directory", errno);
    st = KG_ERR_IO;
    goto out;
  }
  TRY(split_path(dir, &parent, &base));
  if (!(journal = path_join(dir, JOURNAL_NAME))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* One kgbuild at a time per exports directory: the lock is on the parent
   * directory, which the swap does not replace.  Only then is it safe to
   * remove what a killed run left behind. */
  lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock >= 0)
    while (flock(lock, LOCK_EX) != 0 && errno == EINTR && !(interrupted && *interrupted))
      ;
  kg_emit_clean_stale(dir);
  /* An export's name taken by a directory is someone else's data: refuse,
   * before anything is written, rather than swap it away. */
  for (size_t i = 0; i < count; ++i) {
    char *target = path_join(dir, backends[i]->file_name);
    struct stat sb;
    bool in_the_way = target && lstat(target, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (in_the_way)
      io_error(diag, target, "cannot replace", EISDIR);
    kg_free(target);
    if (in_the_way) {
      st = KG_ERR_IO;
      goto out;
    }
  }
  size_t n = strlen(parent) + strlen(base) + sizeof STAGING_INFIX + 16;
  if (!(staging = kg_malloc(n))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  snprintf(staging, n, "%s/.%s" STAGING_INFIX "XXXXXX", parent, base);
  /* A read-only exports/ is the user's say-so, even where the swap could
   * go round it. */
  if (access(dir, W_OK) != 0) {
    io_error(diag, dir, "cannot write", errno);
    st = KG_ERR_IO;
    goto out;
  }
  if (!swappable(dir, parent) || !mkdtemp(staging)) {
    kg_free(staging); /* write beside the exports instead */
    staging = NULL;
  } else {
    staged = true;
  }
  for (size_t i = 0; i < count; ++i)
    if (!(files[i].target = path_join(staged ? staging : dir, backends[i]->file_name)) ||
        !(files[i].shown = path_join(dir, backends[i]->file_name))) {
      st = KG_ERR_NOMEM;
      goto out;
    }
  TRY(write_all(net, backends, files, count, jobs, diag, interrupted));
  if (interrupted && *interrupted) {
    st = KG_ERR_INTERRUPTED;
    goto out;
  }
  TRY(replace_all(files, count, staged ? NULL : journal, diag));
  if (staged && swap_in(dir, staging, parent, backends, count))
    goto out;
  if (staged) {
    /* No exchange here: move the staged files over one by one. */
    for (size_t i = 0; i < count; ++i) {
      files[i].tmp = files[i].target;
      if (!(files[i].target = path_join(dir, backends[i]->file_name))) {
        st = KG_ERR_NOMEM;
        goto out;
      }
    }
    TRY(replace_all(files, count, journal, diag));
  }
  sync_dir(dir);
out:
  for (size_t i = 0; i < count; ++i) {
    if (files[i].tmp)
      unlink(files[i].tmp);
    if (files[i].backup)
      unlink(files[i].backup);
    kg_free(files[i].tmp);
    kg_free(files[i].target);
    kg_free(files[i].shown);
    kg_free(files[i].backup);
  }
  if (staged)
    remove_flat_dir(staging);
  if (created && st != KG_OK)
    rmdir(dir);
  if (lock >= 0)
    close(lock); /* releases the lock */
  kg_free(files);
  kg_free(journal);
  kg_free(staging);
  kg_free(parent);
  kg_free(base);
  return st;
}

/* Follows a chain of symbolic links to the path it ends at, which need not
 * exist (a dangling link names the file to create).  *magic is set when
 * the chain goes through /proc, as /dev/stdout and /dev/fd/N do: those name
 * an open file, not a path to replace. */
static kg_status resolve_links(const char *path, char **resolved, bool *magic,
                               kg_diag *diag)
{
  char *cur = path_join(path, "");
  if (!cur)
    return KG_ERR_NOMEM;
  cur[strlen(path)] = '\0'; /* a copy: path_join added a '/' */
  *magic = false;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat sb;
    *magic = *magic || !strncmp(cur, "/proc/", 6);
    if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode) || *magic) {
      *resolved = cur;
      return KG_OK;
    }
    char link[4096];
    ssize_t n = readlink(cur, link, sizeof link - 1);
    if (n < 0) {
      io_error(diag, path, "cannot read the link", errno);
      kg_free(cur);
      return KG_ERR_IO;
    }
    link[n] = '\0';
    char *dir = link[0] == '/' ? NULL : dir_of(cur);
    char *next = link[0] == '/' ? path_join(link, "") : (dir ? path_join(dir, link) : NULL);
    if (next && link[0] == '/')
      next[n] = '\0';
    kg_free(dir);
    kg_free(cur);
    if (!(cur = next))
      return KG_ERR_NOMEM;
  }
  io_error(diag, path, "cannot open", ELOOP);
  kg_free(cur);
  return KG_ERR_IO;
}

/* -o onto something that is not a regular file (a device, a FIFO, what
 * /dev/stdout names): written through, never replaced, every write
 * checked. */
static kg_status write_through(const kg_network *net, const kg_backend *backend,
                               const char *path, bool append, kg_diag *diag,
                               volatile sig_atomic_t *interrupted)
{
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (append ? O_APPEND : 0));
  if (fd < 0) {
    if (errno == EINTR && interrupted && *interrupted)
      return KG_ERR_INTERRUPTED;
    io_error(diag, path, "cannot open", errno);
    return KG_ERR_IO;
  }
  FILE *out = fdopen(fd, "wb");
  if (!out) {
    io_error(diag, path, "cannot open", errno);
    close(fd);
    return KG_ERR_IO;
  }
  kg_status st = write_checked(net, backend, out, path, diag, false);
  if (fclose(out) != 0 && st == KG_OK) {
    io_error(diag, path, "cannot write", errno);
    st = KG_ERR_IO;
  }
  return st;
}

/* -o FILE: a regular file or a new path is replaced atomically (temporary
 * file, rename); a symbolic link is followed and its target treated so;
 * anything else is written through. */
static kg_status emit_one_file(const kg_network *net, const kg_backend *backend,
                               const char *path, kg_diag *diag,
                               volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  pending one = {0};
  bool magic = false;
  struct stat sb;
  TRY(resolve_links(path, &one.target, &magic, diag));
  /* /proc's links are followed by stat: what they name is open already. */
  bool exists = (magic ? stat(one.target, &sb) : lstat(one.target, &sb)) == 0;
  if (magic || (exists && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))) {
    /* A regular file open on a descriptor (`>> log`): add to it. */
    bool append = magic && exists && S_ISREG(sb.st_mode);
    st = write_through(net, backend, one.target, append, diag, interrupted);
    goto out;
  }
  one.shown = path_join(path, "");
  if (!one.shown) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  one.shown[strlen(path)] = '\0';
  TRY(write_one(net, backend, &one, diag));
  if (interrupted && *interrupted) {
    st = KG_ERR_INTERRUPTED;
    goto out;
  }
  TRY(replace_all(&one, 1, NULL, diag));
  char *d = dir_of(one.target);
  if (d)
    sync_dir(d);
  kg_free(d);
out:
  if (one.tmp)
    unlink(one.tmp);
  if (one.backup)
    unlink(one.backup);
  kg_free(one.tmp);
  kg_free(one.target);
  kg_free(one.shown);
  kg_free(one.backup);
  return st;
}

kg_status kg_emit_files(const kg_network *net, const kg_backend *const *backends,
                        size_t count, const char *dir, const char *path,
                        unsigned jobs, kg_diag *diag,
                        volatile sig_atomic_t *interrupted)
{
  if (dir)
    return emit_set(net, backends, count, dir, jobs, diag, interrupted);
  return emit_one_file(net, backends[0], path, diag, interrupted);
}

kg_status kg_write_file_atomically(const char *path, kg_diag *diag,
                                   kg_status (*write)(void *ctx, FILE *out),
                                   void *ctx)
{
  char *tmp = NULL, *dir = NULL;
  FILE *out = NULL;
  kg_status st = open_temp(path, diag, &tmp, &out);
  if (st == KG_OK) {
    errno = 0;
    st = write(ctx, out);
    if (st == KG_ERR_IO)
      io_error(diag, path, "cannot write", errno ? errno : EIO);
    if (st == KG_OK)
      st = finish_stream(out, path, diag, true);
  }
  if (out && fclose(out) != 0 && st == KG_OK) {
    io_error(diag, path, "cannot write", errno);
    st = KG_ERR_IO;
  }
  if (st == KG_OK && rename(tmp, path) != 0) {
    io_error(diag, path, "cannot replace", errno);
    st = KG_ERR_IO;
  }
  if (st == KG_OK && (dir = dir_of(path)))
    sync_dir(dir);
  else if (tmp)
    unlink(tmp);
  kg_free(tmp);
  kg_free(dir);
  return st;
}

/* Empties a staging directory a killed run left: a foreign entry that was
 * moved there for the exchange (it is no longer in exports/) goes back;
 * everything else is kgbuild's own or a copy of what exports/ still holds.
 * A directory found in both places is left where it is, not deleted. */
static void recover_staging(const char *staging, const char *dir)
{
  DIR *d = opendir(staging);
  if (!d)
    return;
  for (struct dirent *e; (e = readdir(d));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char *from = path_join(staging, e->d_name), *to = path_join(dir, e->d_name);
    struct stat in_staging, in_exports;
    if (from && to && lstat(from, &in_staging) == 0) {
      bool ours = kg_backend_file(e->d_name) ||
                  !strncmp(e->d_name, TMP_PREFIX, sizeof TMP_PREFIX - 1);
      if (!ours && lstat(to, &in_exports) != 0 && errno == ENOENT)
        rename(from, to);
      else if (!S_ISDIR(in_staging.st_mode))
        unlink(from);
    }
    kg_free(from);
    kg_free(to);
  }
  closedir(d);
  sync_dir(dir);
  rmdir(staging);
}

/* Removes what a killed run left behind: temporary files in exports/ and
 * staging directories beside it; first, a set it was replacing one by one
 * is put back. */
void kg_emit_clean_stale(const char *dir)
{
  char *parent = NULL, *base = NULL;
  DIR *d;
  restore_journal(dir);
  remove_entries(dir, TMP_PREFIX);
  if (split_path(dir, &parent, &base) == KG_OK && (d = opendir(parent))) {
    size_t n = strlen(base);
    for (struct dirent *e; (e = readdir(d));) {
      if (e->d_name[0] != '.' || strncmp(e->d_name + 1, base, n) ||
          strncmp(e->d_name + 1 + n, STAGING_INFIX, sizeof STAGING_INFIX - 1))
        continue;
      char *p = path_join(parent, e->d_name);
      if (p)
        recover_staging(p, dir);
      kg_free(p);
    }
    closedir(d);
  }
  kg_free(parent);
  kg_free(base);
}
