/* push.c - kgbuild push (push.h).  The network is walked twice in its
 * fixed order: once to hash each graph's N-Triples, never holding them,
 * and, when something changed, once more to send the changed graphs,
 * each held only up to a chunk (a 100k-person base's kg.nq is 3 GB). */
#define _GNU_SOURCE /* fopencookie */
#include "push.h"

#include "http.h"
#include "serialize.h"
#include "sha256.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef KG_VERSION
#define KG_VERSION "0.1.0" /* as main.c's: recorded in the manifest */
#endif

#define KGP "https://w3id.org/kgbuild/push#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

/* A graph is sent in requests of at most CHUNK bytes (a 413 halves it),
 * and at most BUDGET bytes of graphs are held at once: past it the
 * largest held graph sends what it has. */
enum { CHUNK = 32 << 20, BUDGET = 256 << 20 };

typedef enum { SAME, CHANGED, NEW } change;

typedef struct {
  char *iri;
  kg_sha256 *hash;
  char hex[KG_SHA256_HEX];
  char build[KG_SHA256_HEX]; /* the build its content came from */
  size_t triples, bytes;
  change state;
  /* while sending */
  char *buf;
  size_t len, cap;
  bool started; /* a PUT went: what follows is POSTed */
} slot;

/* What the store's manifest says of a graph. */
typedef struct {
  char *iri;
  char hex[KG_SHA256_HEX];
  char build[KG_SHA256_HEX];
  bool present; /* in this build */
} recorded;

typedef struct {
  const kg_push_options *opt;
  kg_diag *diag;
  const volatile sig_atomic_t *interrupted;
  kg_http *http;
  kg_http_limits limits;
  char *manifest_iri;
  char build[KG_SHA256_HEX];
  /* the graphs of this build, in the walk's order, and an index by IRI */
  slot *slots;
  size_t count, cap;
  size_t *index; /* open addressing: slot + 1, 0 empty */
  size_t index_cap;
  recorded *old;
  size_t old_count, old_cap;
  /* one triple's N-Triples line, as the serializer writes it */
  FILE *line_file;
  kg_serializer *ser;
  char *line;
  size_t line_len, line_cap;
  bool sending; /* the second walk */
  size_t held, chunk;
  /* progress */
  size_t to_send, sent_graphs, requests;
  unsigned long long sent_bytes;
  double started_at;
} push;

/* ---- the graph table ------------------------------------------------- */

static size_t hash_iri(const char *s)
{
  size_t h = 1469598103934665603u;
  for (; *s; ++s)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static kg_status grow_index(push *p)
{
  size_t cap = p->index_cap ? p->index_cap * 2 : 64;
  size_t *index = kg_calloc(cap, sizeof *index);
  if (!index)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < p->count; ++i) {
    size_t at = hash_iri(p->slots[i].iri) & (cap - 1);
    while (index[at])
      at = (at + 1) & (cap - 1);
    index[at] = i + 1;
  }
  kg_free(p->index);
  p->index = index;
  p->index_cap = cap;
  return KG_OK;
}

static char *copy(const char *s)
{
  size_t n = strlen(s) + 1;
  char *c = kg_malloc(n);
  if (c)
    memcpy(c, s, n);
  return c;
}

/* The slot of graph `iri`, made on first sight (first walk only). */
static kg_status slot_of(push *p, const char *iri, slot **out)
{
  if (p->index_cap) {
    size_t at = hash_iri(iri) & (p->index_cap - 1);
    for (; p->index[at]; at = (at + 1) & (p->index_cap - 1))
      if (!strcmp(p->slots[p->index[at] - 1].iri, iri)) {
        *out = &p->slots[p->index[at] - 1];
        return KG_OK;
      }
  }
  if (p->sending)
    return KG_ERR_IO; /* the second walk met a graph the first did not */
  if (p->count == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 16;
    slot *grown = kg_realloc(p->slots, cap * sizeof *grown);
    if (!grown)
      return KG_ERR_NOMEM;
    p->slots = grown;
    p->cap = cap;
  }
  slot *s = &p->slots[p->count];
  *s = (slot){.iri = copy(iri), .hash = kg_sha256_new()};
  if (!s->iri || !s->hash) {
    kg_free(s->iri);
    kg_sha256_free(s->hash);
    return KG_ERR_NOMEM;
  }
  p->count++;
  if (2 * p->count > p->index_cap) {
    kg_status st = grow_index(p);
    if (st != KG_OK)
      return st;
  } else {
    size_t at = hash_iri(iri) & (p->index_cap - 1);
    while (p->index[at])
      at = (at + 1) & (p->index_cap - 1);
    p->index[at] = p->count;
  }
  *out = s;
  return KG_OK;
}

/* ---- one triple as an N-Triples line ---------------------------------- */

static ssize_t line_write(void *cookie, const char *data, size_t n)
{
  push *p = cookie;
  if (p->line_len + n > p->line_cap) {
    size_t cap = p->line_cap ? p->line_cap : 1024;
    while (cap < p->line_len + n)
      cap *= 2;
    char *grown = kg_realloc(p->line, cap);
    if (!grown)
      return -1;
    p->line = grown;
    p->line_cap = cap;
  }
  memcpy(p->line + p->line_len, data, n);
  p->line_len += n;
  return (ssize_t)n;
}

static kg_status open_line(push *p)
{
  cookie_io_functions_t io = {.write = line_write};
  p->line_file = fopencookie(p, "w", io);
  if (!p->line_file)
    return KG_ERR_NOMEM;
  setvbuf(p->line_file, NULL, _IONBF, 0);
  p->ser = kg_serializer_new(KG_SYNTAX_NTRIPLES, p->line_file, NULL, 0);
  return p->ser ? KG_OK : KG_ERR_NOMEM;
}

/* serd holds a page before writing (SERD_STYLE_BULK): finishing after each
 * triple hands over exactly its line, which goes to its graph. */
static kg_status to_line(push *p, const kg_triple *t)
{
  kg_status st = KG_OK;
  p->line_len = 0;
  TRY(kg_serializer_write(p->ser, t));
  TRY(kg_serializer_finish(p->ser));
  if (fflush(p->line_file) != 0)
    st = KG_ERR_NOMEM;
out:
  return st;
}

/* ---- messages ------------------------------------------------------------ */

static void fail(push *p, const char *message, const char *hint)
{
  kg_diag_emit(p->diag,
               &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                .pos = {kg_http_endpoint(p->http), 0, 0},
                                .code = "push",
                                .message = message,
                                .hint = hint});
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void show_progress(push *p)
{
  if (!p->opt->progress)
    return;
  fprintf(stderr, "\rkgbuild: push: %zu/%zu graphs, %.1f MB sent, %zu requests",
          p->sent_graphs, p->to_send, p->sent_bytes / 1e6, p->requests);
  fflush(stderr);
}

static void clear_progress(const push *p)
{
  if (p->opt->progress)
    fputs("\r\033[K", stderr);
}

/* A reply other than success, as one line: what was asked, what came. */
static kg_status refused(push *p, const char *method, const char *graph,
                         const kg_http_reply *r)
{
  char message[600];
  const char *hint = NULL;
  const char *what = "the store refused it";
  if (r->code == 401 || r->code == 403) {
    what = r->code == 401 ? "the store refused the credentials"
                          : "the store forbids it";
    hint = "give the store's user and password in ~/.netrc (machine HOST "
           "login USER password PASSWORD) or KGBUILD_PUSH_USER and "
           "KGBUILD_PUSH_PASSWORD; Virtuoso writes at /sparql-graph-crud-auth";
  } else if (r->code == 404 || r->code == 501) {
    what = "no Graph Store endpoint at this URL";
    hint = "Virtuoso's is /sparql-graph-crud-auth, Fuseki's /DATASET/data, "
           "GraphDB's /repositories/REPO/rdf-graphs/service";
  } else if (r->code >= 500) {
    what = "the store failed";
    hint = "the next push sends what this one could not";
  }
  char tries[40] = "";
  if (r->attempts > 1)
    snprintf(tries, sizeof tries, " (%u attempts)", r->attempts);
  snprintf(message, sizeof message, "%s%s%s%s: %s: HTTP %ld%s", method,
           graph ? " <" : "", graph ? graph : "", graph ? ">" : "", what,
           r->code, tries);
  fail(p, message, hint);
  return KG_ERR_IO;
}

static bool success(long code)
{
  return code == 200 || code == 201 || code == 204;
}

/* ---- the manifest -------------------------------------------------------- */

static bool is_hex(const char *s, size_t len)
{
  if (len != KG_SHA256_HEX - 1)
    return false;
  for (size_t i = 0; i < len; ++i)
    if (!strchr("0123456789abcdef", s[i]))
      return false;
  return true;
}

static recorded *recorded_of(push *p, const char *iri, size_t len)
{
  for (size_t i = 0; i < p->old_count; ++i)
    if (strlen(p->old[i].iri) == len && !memcmp(p->old[i].iri, iri, len))
      return &p->old[i];
  if (p->old_count == p->old_cap) {
    size_t cap = p->old_cap ? p->old_cap * 2 : 16;
    recorded *grown = kg_realloc(p->old, cap * sizeof *grown);
    if (!grown)
      return NULL;
    p->old = grown;
    p->old_cap = cap;
  }
  char *c = kg_malloc(len + 1);
  if (!c)
    return NULL;
  memcpy(c, iri, len);
  c[len] = '\0';
  p->old[p->old_count] = (recorded){.iri = c};
  return &p->old[p->old_count++];
}

/* A graph's hash and build, from the manifest's triples. */
static kg_status on_manifest(void *ctx, const kg_triple *t, kg_pos pos)
{
  (void)pos;
  push *p = ctx;
  bool hash = !strcmp(t->p.value, KGP "contentHash");
  bool build = !strcmp(t->p.value, KGP "build");
  if ((!hash && !build) || t->s.kind != KG_TERM_IRI ||
      t->o.kind != KG_TERM_LITERAL || !is_hex(t->o.value, t->o.len) ||
      !strcmp(t->s.value, p->manifest_iri))
    return KG_OK;
  recorded *r = recorded_of(p, t->s.value, t->s.len);
  if (!r)
    return KG_ERR_NOMEM;
  memcpy(hash ? r->hex : r->build, t->o.value, KG_SHA256_HEX);
  return KG_OK;
}

static kg_status read_manifest(push *p, kg_rdf *rdf)
{
  kg_status st = KG_OK;
  kg_http_reply r = {0};
  TRY(kg_http_request(p->http, "GET", p->manifest_iri,
                      "application/n-triples, text/turtle;q=0.9", NULL, NULL, 0,
                      &r));
  p->requests++;
  if (r.code == 404)
    goto out; /* a first push: nothing is recorded */
  if (!success(r.code)) {
    st = refused(p, "GET", p->manifest_iri, &r);
    goto out;
  }
  kg_rdf_handler h = {.triple = on_manifest, .ctx = p};
  st = kg_rdf_parse_turtle_text(rdf, p->diag, p->manifest_iri,
                                r.body ? r.body : "", r.len, &h);
  if (st == KG_ERR_FACTS) {
    fail(p, "the store's manifest graph does not parse",
         "drop the graph to push everything again");
    st = KG_ERR_IO;
  }
out:
  kg_free(r.body);
  return st;
}

/* The manifest of this push, as N-Triples: every graph's hash and build,
 * in IRI order, and the push's own build, version and time. */
static int by_iri(const void *a, const void *b)
{
  return strcmp(((const slot *)a)->iri, ((const slot *)b)->iri);
}

static kg_term iri_term(const char *iri)
{
  return (kg_term){KG_TERM_IRI, iri, strlen(iri), NULL, NULL};
}

static kg_term lit_term(const char *text, const char *datatype)
{
  return (kg_term){KG_TERM_LITERAL, text, strlen(text), datatype, NULL};
}

static kg_status manifest_line(push *p, FILE *out, kg_term s, const char *prop,
                               kg_term o)
{
  kg_status st = to_line(p, &(kg_triple){s, iri_term(prop), o, NULL});
  if (st == KG_OK && fwrite(p->line, 1, p->line_len, out) != p->line_len)
    st = KG_ERR_NOMEM;
  return st;
}

/* When the push happened: SOURCE_DATE_EPOCH when set (a test, or a build
 * that wants its manifest reproducible), else the clock. */
static time_t push_time(void)
{
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  char *end = NULL;
  long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : -1;
  return secs >= 0 && end && !*end ? (time_t)secs : time(NULL);
}

/* The hash an interim manifest gives a graph a push is about to write or
 * drop: hex, so that it is read back, and never a real SHA-256, so that the
 * next push resends (or drops) the graph whatever it holds by then. */
static const char pending_hex[KG_SHA256_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The manifest: every graph of this build with its hash.  An interim one
 * (written before the first change) gives every graph about to be sent the
 * pending hash, and keeps the recorded graphs about to be dropped, pending
 * too: a push that fails part-way then leaves a manifest that names every
 * graph it may have touched, and the next push repairs each, whatever the
 * facts are by then (a manifest written only at the end would still say the
 * old content of a graph already replaced). */
static kg_status write_manifest_body(push *p, FILE *out, bool interim)
{
  kg_status st = KG_OK;
  char stamp[32], number[32];
  time_t t = push_time();
  struct tm tm;
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
  kg_term m = iri_term(p->manifest_iri);
  TRY(manifest_line(p, out, m,
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                    iri_term(KGP "Manifest")));
  TRY(manifest_line(p, out, m, KGP "build", lit_term(p->build, NULL)));
  TRY(manifest_line(p, out, m, KGP "kgbuildVersion",
                    lit_term(KG_VERSION, NULL)));
  TRY(manifest_line(p, out, m, KGP "pushedAt",
                    lit_term(stamp, XSD "dateTime")));
  for (size_t i = 0; i < p->count; ++i) {
    const slot *s = &p->slots[i];
    kg_term g = iri_term(s->iri);
    snprintf(number, sizeof number, "%zu", s->triples);
    TRY(manifest_line(p, out, m, KGP "graph", g));
    bool pending = interim && s->state != SAME;
    TRY(manifest_line(p, out, g, KGP "contentHash",
                      lit_term(pending ? pending_hex : s->hex, NULL)));
    TRY(manifest_line(p, out, g, KGP "build", lit_term(s->build, NULL)));
    TRY(manifest_line(p, out, g, KGP "triples",
                      lit_term(number, XSD "integer")));
  }
  for (size_t k = 0; interim && k < p->old_count; ++k)
    if (!p->old[k].present) {
      kg_term g = iri_term(p->old[k].iri);
      TRY(manifest_line(p, out, m, KGP "graph", g));
      TRY(manifest_line(p, out, g, KGP "contentHash",
                        lit_term(pending_hex, NULL)));
    }
out:
  return st;
}

static kg_status put_manifest(push *p, bool interim)
{
  kg_status st = KG_OK;
  char *body = NULL;
  size_t len = 0;
  kg_http_reply r = {0};
  FILE *out = open_memstream(&body, &len);
  if (!out)
    return KG_ERR_NOMEM;
  st = write_manifest_body(p, out, interim);
  if (fclose(out) != 0 && st == KG_OK)
    st = KG_ERR_NOMEM;
  TRY(st);
  TRY(kg_http_request(p->http, "PUT", p->manifest_iri, NULL,
                      "application/n-triples", body, len, &r));
  p->requests++;
  if (!success(r.code))
    st = refused(p, "PUT", p->manifest_iri, &r);
out:
  free(body); /* open_memstream's, from malloc */
  kg_free(r.body);
  return st;
}

/* ---- the first walk: hashes ------------------------------------------- */

static kg_status on_hash(void *ctx, const kg_triple *t)
{
  kg_status st = KG_OK;
  push *p = ctx;
  slot *s = NULL;
  if (!t->graph)
    return KG_ERR_IO; /* quads mode names every triple's graph */
  TRY(slot_of(p, t->graph, &s));
  TRY(to_line(p, &(kg_triple){t->s, t->p, t->o, NULL}));
  kg_sha256_update(s->hash, p->line, p->line_len);
  s->triples++;
  s->bytes += p->line_len;
out:
  return st;
}

/* The build's name: the hash of every graph's IRI and hash, in IRI order,
 * so that the same facts give the same name wherever they are built. */
static kg_status name_build(push *p)
{
  kg_sha256 *all = kg_sha256_new();
  if (!all)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < p->count; ++i) {
    slot *s = &p->slots[i];
    kg_sha256_final(s->hash, s->hex);
    kg_sha256_update(all, s->iri, strlen(s->iri));
    kg_sha256_update(all, "\t", 1);
    kg_sha256_update(all, s->hex, KG_SHA256_HEX - 1);
    kg_sha256_update(all, "\n", 1);
  }
  kg_sha256_final(all, p->build);
  kg_sha256_free(all);
  return KG_OK;
}

/* New, changed or the same as the manifest says; an unchanged graph keeps
 * the build it came from. */
static void mark(push *p, slot *s)
{
  recorded *r = NULL;
  for (size_t k = 0; k < p->old_count && !r; ++k)
    if (!strcmp(p->old[k].iri, s->iri))
      r = &p->old[k];
  s->state = !r ? NEW : strcmp(r->hex, s->hex) ? CHANGED : SAME;
  if (r)
    r->present = true;
  memcpy(s->build, s->state == SAME && r->build[0] ? r->build : p->build,
         KG_SHA256_HEX);
  p->to_send += s->state != SAME;
}

/* Which graphs changed, the build's id (the hash of every graph's hash, in
 * IRI order), and which recorded graphs are gone. */
static kg_status compare(push *p)
{
  qsort(p->slots, p->count, sizeof *p->slots, by_iri);
  kg_status st = grow_index(p); /* the order changed */
  if (st == KG_OK)
    st = name_build(p);
  for (size_t i = 0; st == KG_OK && i < p->count; ++i)
    mark(p, &p->slots[i]);
  return st;
}

/* ---- the second walk: sending ------------------------------------------ */

/* Sends data as graph s's next part: PUT first, POST after.  A 413 halves
 * it at a line end, and the parts are sent the same way (docs/stores.md:
 * what a reader sees meanwhile). */
static kg_status send_part(push *p, slot *s, const char *data, size_t len)
{
  kg_status st = KG_OK;
  kg_http_reply r = {0};
  const char *method = s->started ? "POST" : "PUT";
  if (p->interrupted && *p->interrupted)
    return KG_ERR_INTERRUPTED;
  TRY(kg_http_request(p->http, method, s->iri, NULL, "application/n-triples",
                      data, len, &r));
  p->requests++;
  if (r.code == 413) {
    const char *mid =
        len > 1 ? memchr(data + len / 2, '\n', len - len / 2) : NULL;
    size_t first = mid ? (size_t)(mid - data) + 1 : len;
    if (first >= len) {
      mid = memrchr(data, '\n', len / 2 + 1);
      first = mid ? (size_t)(mid - data) + 1 : len;
    }
    if (first >= len || first == 0) { /* one triple too large */
      st = refused(p, method, s->iri, &r);
      goto out;
    }
    if (p->chunk > first)
      p->chunk = first; /* later parts start small */
    TRY(send_part(p, s, data, first));
    TRY(send_part(p, s, data + first, len - first));
    goto out;
  }
  if (!success(r.code)) {
    st = refused(p, method, s->iri, &r);
    goto out;
  }
  s->started = true;
  p->sent_bytes += len;
  show_progress(p);
out:
  kg_free(r.body);
  return st;
}

static kg_status flush_slot(push *p, slot *s)
{
  kg_status st = send_part(p, s, s->buf, s->len);
  p->held -= s->len;
  s->len = 0;
  return st;
}

/* Past the budget, the largest graph held sends what it has. */
static kg_status relieve(push *p)
{
  slot *largest = NULL;
  for (size_t i = 0; i < p->count; ++i)
    if (!largest || p->slots[i].len > largest->len)
      largest = &p->slots[i];
  return largest ? flush_slot(p, largest) : KG_OK;
}

static kg_status on_send(void *ctx, const kg_triple *t)
{
  kg_status st = KG_OK;
  push *p = ctx;
  slot *s = NULL;
  if (!t->graph)
    return KG_ERR_IO;
  TRY(slot_of(p, t->graph, &s));
  if (s->state == SAME)
    goto out;
  TRY(to_line(p, &(kg_triple){t->s, t->p, t->o, NULL}));
  if (s->len + p->line_len > s->cap) {
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < s->len + p->line_len)
      cap *= 2;
    char *grown = kg_realloc(s->buf, cap);
    if (!grown) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    s->buf = grown;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, p->line, p->line_len);
  s->len += p->line_len;
  p->held += p->line_len;
  if (s->len >= p->chunk)
    TRY(flush_slot(p, s));
  else if (p->held >= BUDGET)
    TRY(relieve(p));
out:
  return st;
}

static kg_status send_changed(push *p, const kg_network *net)
{
  kg_status st = KG_OK;
  p->sending = true;
  TRY(kg_network_triples(net, true, on_send, p));
  for (size_t i = 0; i < p->count; ++i) {
    slot *s = &p->slots[i];
    if (s->state == SAME)
      continue;
    if (s->len || !s->started)
      TRY(flush_slot(p, s));
    kg_free(s->buf);
    s->buf = NULL;
    s->cap = 0;
    p->sent_graphs++;
    show_progress(p);
  }
out:
  return st;
}

static kg_status drop_removed(push *p)
{
  kg_status st = KG_OK;
  kg_http_reply r = {0};
  for (size_t i = 0; i < p->old_count; ++i) {
    if (p->old[i].present)
      continue;
    TRY(kg_http_request(p->http, "DELETE", p->old[i].iri, NULL, NULL, NULL, 0,
                        &r));
    p->requests++;
    /* 404: gone already (a failed push dropped it before) */
    if (!success(r.code) && r.code != 404) {
      st = refused(p, "DELETE", p->old[i].iri, &r);
      goto out;
    }
    kg_free(r.body);
    r.body = NULL;
  }
out:
  kg_free(r.body);
  return st;
}

/* ---- the command ------------------------------------------------------- */

static size_t count_dropped(const push *p)
{
  size_t n = 0;
  for (size_t i = 0; i < p->old_count; ++i)
    n += !p->old[i].present;
  return n;
}

/* --dry-run's list; a failed write to it (a full disk, a closed pipe) is
 * an error that says so. */
static kg_status list_changes(push *p)
{
  static const char *const word[] = {"same", "changed", "new"};
  FILE *out = p->opt->listing;
  for (size_t i = 0; i < p->count; ++i)
    if (p->slots[i].state != SAME)
      fprintf(out, "put  <%s> (%s, %zu triples)\n", p->slots[i].iri,
              word[p->slots[i].state], p->slots[i].triples);
  for (size_t i = 0; i < p->old_count; ++i)
    if (!p->old[i].present)
      fprintf(out, "drop <%s>\n", p->old[i].iri);
  if (fflush(out) == 0 && !ferror(out))
    return KG_OK;
  kg_error(p->diag, (kg_pos){"<stdout>", 0, 0}, "io", "cannot write: %s",
           errno ? strerror(errno) : "error");
  return KG_ERR_IO;
}

/* One line: what was (or, with --dry-run, would be) sent and dropped. */
static void summary(const push *p)
{
  if (p->opt->quiet)
    return;
  size_t dropped = count_dropped(p), same = p->count - p->to_send;
  if (p->opt->dry_run) {
    fprintf(stderr,
            "kgbuild: push --dry-run: %zu graph%s to send, %zu to drop, %zu "
            "unchanged\n",
            p->to_send, p->to_send == 1 ? "" : "s", dropped, same);
    return;
  }
  fprintf(stderr, "kgbuild: push: %zu graph%s sent, %zu dropped, %zu unchanged",
          p->to_send, p->to_send == 1 ? "" : "s", dropped, same);
  if (p->to_send || dropped)
    fprintf(stderr, " (%.1f MB in %zu requests, %.1f s)", p->sent_bytes / 1e6,
            p->requests, now() - p->started_at);
  fputc('\n', stderr);
}

static void push_free(push *p)
{
  for (size_t i = 0; i < p->count; ++i) {
    kg_free(p->slots[i].iri);
    kg_sha256_free(p->slots[i].hash);
    kg_free(p->slots[i].buf);
  }
  for (size_t i = 0; i < p->old_count; ++i)
    kg_free(p->old[i].iri);
  kg_free(p->slots);
  kg_free(p->old);
  kg_free(p->index);
  kg_free(p->manifest_iri);
  kg_free(p->line);
  kg_serializer_free(p->ser);
  if (p->line_file)
    fclose(p->line_file);
  kg_http_free(p->http);
}

kg_status kg_push(const kg_network *net, kg_rdf *rdf,
                  const kg_push_options *opt, kg_diag *diag,
                  const volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  push p = {.opt = opt,
            .diag = diag,
            .interrupted = interrupted,
            .limits = {opt->timeout, opt->timeout, 3, 500},
            .chunk = CHUNK,
            .started_at = now()};
  size_t n = strlen(net->base) + sizeof "_push";
  p.manifest_iri = kg_malloc(n);
  if (!p.manifest_iri)
    return KG_ERR_NOMEM;
  snprintf(p.manifest_iri, n, "%s_push", net->base);
  TRY(kg_http_new(opt->endpoint, &p.limits, diag, interrupted, &p.http));
  TRY(open_line(&p));
  TRY(read_manifest(&p, rdf));
  TRY(kg_network_triples(net, true, on_hash, &p));
  TRY(compare(&p));
  if (opt->dry_run) {
    TRY(list_changes(&p));
  } else if (p.to_send || count_dropped(&p)) {
    show_progress(&p);
    TRY(put_manifest(&p, true)); /* first: what may change is pending */
    TRY(send_changed(&p, net));
    TRY(drop_removed(&p));
    TRY(put_manifest(&p, false)); /* last: it records what is there */
    clear_progress(&p);
  }
  summary(&p);
out:
  if (st != KG_OK)
    clear_progress(&p);
  push_free(&p);
  return st;
}
