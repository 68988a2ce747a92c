/* lsp_base.c - the language server's kept fact base (see lsp_base.h). */
#include "lsp_base.h"

#include "build.h"
#include "files.h"
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double kg_lsp_seconds(bool cpu)
{
  struct timespec ts;
  clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_string(const char *s)
{
  size_t n = strlen(s);
  char *copy = kg_malloc(n + 1);
  if (copy)
    memcpy(copy, s, n + 1);
  return copy;
}

/* ---- diagnostics as data --------------------------------------------- */

static const char *keep(kg_arena *arena, const char *s)
{
  return s ? kg_arena_strndup(arena, s, strlen(s)) : NULL;
}

kg_status kg_lsp_diags_add(kg_lsp_diags *l, const kg_lsp_diag *d)
{
  if (!l->arena && !(l->arena = kg_arena_new()))
    return KG_ERR_NOMEM;
  kg_lsp_diag copy = *d;
  copy.file = keep(l->arena, d->file);
  copy.code = keep(l->arena, d->code ? d->code : "");
  copy.message = keep(l->arena, d->message ? d->message : "");
  copy.hint = keep(l->arena, d->hint);
  copy.note = keep(l->arena, d->note);
  copy.note_file = keep(l->arena, d->note_file);
  if ((d->file && !copy.file) || !copy.code || !copy.message ||
      (d->hint && !copy.hint) || (d->note && !copy.note) ||
      (d->note_file && !copy.note_file))
    return KG_ERR_NOMEM;
  if (l->count == l->capacity) {
    kg_lsp_diag *grown =
        kg_grow(l->items, &l->capacity, l->count, sizeof *l->items, 16);
    if (!grown)
      return KG_ERR_NOMEM;
    l->items = grown;
  }
  l->items[l->count++] = copy;
  return KG_OK;
}

void kg_lsp_diags_free(kg_lsp_diags *l)
{
  if (!l)
    return;
  kg_free(l->items);
  kg_arena_free(l->arena);
  *l = (kg_lsp_diags){0};
}

void kg_lsp_diags_move(kg_lsp_diags *to, kg_lsp_diags *from)
{
  kg_lsp_diags_free(to);
  *to = *from;
  *from = (kg_lsp_diags){0};
}

/* The sink's client: each diagnostic kept as the sink hands it, so that
 * an editor is told exactly what check says (the JSON printer's fields). */
static void keep_report(void *handle, const kg_diagnostic *d)
{
  kg_lsp_sink *s = handle;
  kg_lsp_diag copy = {
      .file = d->pos.file,
      .code = d->code,
      .message = d->message,
      .hint = d->hint,
      .note = d->note,
      .note_file = d->note ? d->note_pos.file : NULL,
      .line = d->pos.line,
      .column = d->pos.line ? d->pos.col : 0,
      .note_line = d->note ? d->note_pos.line : 0,
      .note_column = d->note && d->note_pos.line ? d->note_pos.col : 0,
      .severity = d->severity,
  };
  if (!s->nomem && kg_lsp_diags_add(&s->list, &copy) != KG_OK)
    s->nomem = true;
}

kg_status kg_lsp_sink_open(kg_lsp_sink *s)
{
  *s = (kg_lsp_sink){0};
  s->diag =
      kg_diag_new_client((kg_diag_client){.report = keep_report, .handle = s});
  if (!s->diag)
    return KG_ERR_NOMEM;
  /* An editor shows each file's problems in that file: check's fold (ten
   * of a code, the rest counted) would hide the open file's behind the
   * first files'. */
  kg_diag_show_all(s->diag);
  return KG_OK;
}

kg_status kg_lsp_sink_close(kg_lsp_sink *s, kg_lsp_diags *out)
{
  kg_diag_free(s->diag); /* hands over what it held back */
  s->diag = NULL;
  kg_status st = s->nomem ? KG_ERR_NOMEM : KG_OK;
  if (out && st == KG_OK)
    kg_lsp_diags_move(out, &s->list);
  kg_lsp_diags_free(&s->list);
  s->nomem = false;
  return st;
}

/* Parses f->text into a new tree, keeping its diagnostics. */
static kg_status parse(kg_lsp_file *f)
{
  kg_status st = KG_OK;
  kg_lsp_sink sink;
  kg_arena_free(f->tree);
  f->tree = NULL;
  f->root = NULL;
  f->reparsed = true;
  kg_lsp_diags_free(&f->load_diags);
  TRY(kg_lsp_sink_open(&sink));
  if (!(f->tree = kg_arena_new()))
    f->loaded = KG_ERR_NOMEM;
  else
    f->loaded =
        kg_load_buffer(f->tree, sink.diag, f->name, f->text, f->len, &f->root);
  st = f->loaded == KG_ERR_NOMEM ? KG_ERR_NOMEM : KG_OK;
out:
  if (sink.diag && kg_lsp_sink_close(&sink, &f->load_diags) != KG_OK)
    st = KG_ERR_NOMEM;
  return st;
}

kg_status kg_lsp_file_reload(kg_lsp_file *f)
{
  kg_status st = KG_OK;
  kg_lsp_sink sink;
  const char *name = NULL;
  f->reparsed = true;
  kg_arena_free(f->text_arena);
  kg_free(f->buf);
  f->buf = NULL;
  f->cap = 0;
  f->text = NULL;
  f->len = 0;
  TRY(kg_lsp_sink_open(&sink));
  if (!(f->text_arena = kg_arena_new()))
    f->loaded = KG_ERR_NOMEM;
  else
    f->loaded = kg_load_read(f->text_arena, sink.diag, f->path, &name, &f->text,
                             &f->len);
out:
  if (sink.diag && kg_lsp_sink_close(&sink, &f->load_diags) != KG_OK)
    st = KG_ERR_NOMEM;
  if (st != KG_OK || f->loaded == KG_ERR_NOMEM)
    return KG_ERR_NOMEM;
  if (f->loaded != KG_OK) { /* unreadable: its read error stays */
    kg_arena_free(f->tree);
    f->tree = NULL;
    f->root = NULL;
    f->text = ""; /* the features read no text, but never a NULL one */
    f->len = 0;
    return KG_OK;
  }
  return parse(f); /* its read said nothing, or it would not be OK */
}

kg_status kg_lsp_file_set_text(kg_lsp_file *f, const char *text, size_t len)
{
  kg_arena *arena = kg_arena_new();
  char *copy = arena ? kg_arena_strndup(arena, text, len) : NULL;
  if (!copy) {
    kg_arena_free(arena);
    return KG_ERR_NOMEM;
  }
  kg_arena_free(f->text_arena); /* text may have been in it, or in buf: */
  kg_free(f->buf);              /* it is copied */
  f->buf = NULL;
  f->cap = 0;
  f->text_arena = arena;
  f->text = copy;
  f->len = len;
  return parse(f);
}

static void file_free(kg_lsp_file *f)
{
  if (!f)
    return;
  kg_free(f->name);
  kg_free(f->path);
  kg_free(f->real);
  kg_free(f->uri);
  kg_arena_free(f->text_arena);
  kg_free(f->buf);
  kg_arena_free(f->tree);
  kg_lsp_diags_free(&f->load_diags);
  kg_free(f);
}

/* A new file named `name` (relative to the root, or absolute). */
static kg_status file_new(kg_lsp_base *b, const char *name, kg_lsp_file **out)
{
  kg_status st = KG_OK;
  char *path = NULL;
  kg_lsp_file *f = kg_calloc(1, sizeof *f);
  if (!f || !(f->name = dup_string(name)))
    TRY(KG_ERR_NOMEM);
  if (!(path = kg_path_join(NULL, b->root, name)))
    TRY(KG_ERR_NOMEM);
  /* The URI and the reading keep the path as found (a fact file that is a
   * symbolic link is named as itself); matching uses its resolved form. */
  if (!(f->real = kg_lsp_normal_path(path)))
    TRY(KG_ERR_NOMEM);
  if (!(f->uri = kg_lsp_path_to_uri(path)))
    TRY(KG_ERR_NOMEM);
  if (b->count == b->capacity) {
    kg_lsp_file **grown =
        kg_grow(b->files, &b->capacity, b->count, sizeof *b->files, 16);
    if (!grown)
      TRY(KG_ERR_NOMEM);
    b->files = grown;
  }
  f->path = path;
  path = NULL;
  b->files[b->count++] = f;
  *out = f;
  f = NULL;
out:
  kg_free(path);
  file_free(f);
  return st;
}

/* The fact base at the root as the command line has it: its sources/ and
 * kgbuild.yaml's archives, as paths from the current directory (so that
 * messages name a copy as `kgbuild check` run here names it).  A broken
 * kgbuild.yaml leaves the defaults: `kgbuild check` reports it. */
static kg_status open_factbase(kg_lsp_base *b, kg_diag *quiet)
{
  kg_status st = kg_factbase_find(b->root, &b->fb);
  if (st == KG_OK) {
    kg_status configured = kg_factbase_configure(&b->fb, quiet);
    if (configured == KG_ERR_NOMEM)
      st = configured;
  }
  b->archive_count = kg_build_archives(&b->fb, NULL, 0, b->archives);
  return st;
}

/* Adds to paths the fact files the listing reported and so left out,
 * such as a looping symbolic link: reading each gives its error, which
 * the editor then shows as check does. */
static kg_status add_reported(kg_arena *arena, const char *facts,
                              const kg_lsp_diags *said, kg_vec *paths)
{
  size_t n = strlen(facts);
  for (size_t i = 0; i < said->count; ++i) {
    const char *file = said->items[i].file;
    size_t fn = file ? strlen(file) : 0;
    bool fact_file = fn > n && !strncmp(file, facts, n) && file[n] == '/' &&
                     ((fn > 5 && !strcmp(file + fn - 5, ".yaml")) ||
                      (fn > 4 && !strcmp(file + fn - 4, ".yml")));
    char *copy = fact_file ? kg_arena_strndup(arena, file, fn) : NULL;
    if (fact_file && (!copy || kg_vec_push(paths, copy) != KG_OK))
      return KG_ERR_NOMEM;
  }
  return KG_OK;
}

/* The fact files under facts/, sorted, with those the listing could not
 * open among them. */
static kg_status collect(kg_arena *arena, const char *facts, kg_vec *paths)
{
  static const char *const extensions[] = {".yaml", ".yml", NULL};
  kg_status st = KG_OK;
  kg_lsp_sink listing;
  kg_lsp_diags said = {0};
  st = kg_lsp_sink_open(&listing);
  if (st == KG_OK)
    st = kg_files_collect(arena, listing.diag, facts, extensions, paths);
  kg_status closed =
      listing.diag ? kg_lsp_sink_close(&listing, &said) : KG_ERR_NOMEM;
  TRY(st == KG_ERR_NOMEM ? st : closed);
  st = KG_OK;
  TRY(add_reported(arena, facts, &said, paths));
  kg_files_sort(paths);
out:
  kg_lsp_diags_free(&said);
  return st;
}

/* The files read when the base is opened, shared by the threads that read
 * them: each file is read and parsed whole by one thread into its own
 * arenas and sink (kg_lsp_file_reload), so they share only the counter. */
typedef struct {
  kg_lsp_file **files;
  size_t count, next;
  size_t skip;      /* the opened document's, given its buffer (or count) */
  const char *text; /* the buffer */
  size_t len;
  kg_status st; /* the first failure (memory) */
  pthread_mutex_t lock;
} reading;

static void *read_files(void *arg)
{
  reading *r = arg;
  for (;;) {
    pthread_mutex_lock(&r->lock);
    size_t i = r->st == KG_OK ? r->next++ : r->count;
    pthread_mutex_unlock(&r->lock);
    if (i >= r->count)
      break;
    kg_status st = i == r->skip
                       ? kg_lsp_file_set_text(r->files[i], r->text, r->len)
                       : kg_lsp_file_reload(r->files[i]);
    if (st != KG_OK) {
      pthread_mutex_lock(&r->lock);
      r->st = r->st == KG_OK ? st : r->st;
      pthread_mutex_unlock(&r->lock);
    }
  }
  return NULL;
}

/* Reads and parses files[0..count), files[skip] from text instead, on
 * this thread and up to threads - 1 more (parsing is most of opening a
 * big base; the files are independent until they are modelled, in order,
 * by the check). */
static kg_status read_all(kg_lsp_file **files, size_t count, size_t skip,
                          const char *text, size_t len, unsigned threads)
{
  enum { MAX_THREADS = 16 };
  pthread_t workers[MAX_THREADS];
  unsigned started = 0;
  reading r = {
      .files = files, .count = count, .skip = skip, .text = text, .len = len};
  if (threads > MAX_THREADS)
    threads = MAX_THREADS;
  if (threads > count)
    threads = (unsigned)count;
  pthread_mutex_init(&r.lock, NULL);
  /* Those the system will not start are made up for by the ones that
   * run, this thread at least. */
  while (started + 1 < threads &&
         pthread_create(&workers[started], NULL, read_files, &r) == 0)
    ++started;
  read_files(&r);
  for (unsigned i = 0; i < started; ++i)
    pthread_join(workers[i], NULL);
  pthread_mutex_destroy(&r.lock);
  return r.st;
}

kg_status kg_lsp_base_open(kg_lsp_base *b, const kg_ontology *onto,
                           kg_map *strings, const char *root,
                           const char *opened, const char *text, size_t len,
                           unsigned threads)
{
  kg_status st = KG_OK;
  kg_arena *paths_arena = kg_arena_new();
  kg_vec paths = {0};
  kg_diag *quiet = NULL;
  size_t root_len = 0;
  char *facts = NULL;
  *b = (kg_lsp_base){.onto = onto, .strings = strings};
  if (!paths_arena || !(b->root = kg_lsp_normal_path(root)))
    TRY(KG_ERR_NOMEM);
  root_len = strlen(b->root);
  while (root_len > 1 && b->root[root_len - 1] == '/') /* file:///base/ */
    b->root[--root_len] = '\0';
  if (!(facts = kg_path_join(paths_arena, b->root, KG_BASE_FACTS)))
    TRY(KG_ERR_NOMEM);
  /* kgbuild.yaml's problems are reported by check itself: a sink with no
   * client's report drops them. */
  if (!(quiet = kg_diag_new_client((kg_diag_client){0})))
    TRY(KG_ERR_NOMEM);
  TRY(open_factbase(b, quiet));
  TRY(collect(paths_arena, facts, &paths));
  double start = kg_lsp_seconds(false);
  for (size_t i = 0; i < paths.count; ++i) {
    kg_lsp_file *f = NULL; /* named as check run at the root names it */
    TRY(file_new(b, (const char *)paths.items[i] + root_len + 1, &f));
  }
  size_t skip = b->count;
  for (size_t i = 0; opened && i < b->count && skip == b->count; ++i)
    if (!strcmp(b->files[i]->real, opened))
      skip = i;
  b->preset = skip < b->count ? b->files[skip] : NULL;
  TRY(read_all(b->files, b->count, skip, text, len, threads));
  b->parse_seconds = kg_lsp_seconds(false) - start;
out:
  kg_diag_free(quiet);
  kg_vec_free(&paths);
  kg_arena_free(paths_arena);
  return st;
}

static void pending_clear(kg_lsp_pending *p)
{
  kg_free(p->signature);
  kg_lsp_diags_free(&p->whole_diags);
  kg_free(p->moves);
  *p = (kg_lsp_pending){0};
}

void kg_lsp_base_free(kg_lsp_base *b)
{
  if (!b)
    return;
  pending_clear(&b->pending);
  for (size_t i = 0; i < b->count; ++i)
    file_free(b->files[i]);
  kg_free(b->files);
  if (b->modelled)
    kg_model_free(&b->model);
  kg_arena_free(b->arena);
  kg_lsp_diags_free(&b->check_diags);
  kg_free(b->root);
  kg_factbase_free(&b->fb);
  *b = (kg_lsp_base){0};
}

kg_lsp_file *kg_lsp_base_find(const kg_lsp_base *b, const char *uri)
{
  kg_lsp_file *found = NULL;
  char *path = kg_lsp_uri_to_path(uri);
  for (size_t i = 0; path && !found && i < b->count; ++i)
    if (!strcmp(b->files[i]->real, path))
      found = b->files[i];
  kg_free(path);
  return found;
}

kg_lsp_file *kg_lsp_base_named(const kg_lsp_base *b, const char *name)
{
  for (size_t i = 0; i < b->count; ++i)
    if (b->files[i]->name == name || !strcmp(b->files[i]->name, name))
      return b->files[i];
  return NULL;
}

kg_status kg_lsp_base_add(kg_lsp_base *b, const char *uri, kg_lsp_file **out)
{
  kg_status st = KG_OK;
  char *path = kg_lsp_uri_to_path(uri);
  if (!path)
    return KG_ERR_USAGE;
  size_t root_len = strlen(b->root);
  const char *name = path;
  if (!strncmp(path, b->root, root_len) && path[root_len] == '/')
    name = path + root_len + 1;
  TRY(file_new(b, name, out));
out:
  kg_free(path);
  return st;
}

/* The kept trees as build.h's fact trees: a file that failed to load
 * gives its load status (counted unreadable), as a file on disk does. */
typedef struct {
  const kg_lsp_base *base;
  size_t next;
} kept_trees;

static kg_status kept_next(void *ctx, const char **name, kg_ynode **root)
{
  kept_trees *k = ctx;
  const kg_lsp_file *f = k->base->files[k->next++];
  *name = f->name;
  *root = f->root;
  return f->loaded;
}

kg_status kg_lsp_base_check(kg_lsp_base *b)
{
  kg_status st = KG_OK;
  kg_lsp_sink sink = {0};
  double start = kg_lsp_seconds(false), cpu = kg_lsp_seconds(true);
  pending_clear(&b->pending);
  b->stale = false;
  b->checked = false;
  b->whole_checks++;
  b->checked_count = b->count;
  for (size_t i = 0; i < b->count; ++i)
    b->files[i]->reparsed = false;
  if (b->modelled)
    kg_model_free(&b->model);
  b->modelled = false;
  kg_arena_free(b->arena);
  kg_lsp_diags_free(&b->check_diags);
  if (!(b->arena = kg_arena_new()))
    TRY(KG_ERR_NOMEM);
  TRY(kg_model_init(&b->model, b->arena, b->strings, b->onto));
  b->modelled = true;
  TRY(kg_lsp_sink_open(&sink));
  kg_diag_collect(sink.diag);
  kept_trees kept = {.base = b};
  kg_trees trees = {.next = kept_next, .ctx = &kept, .count = b->count};
  st = kg_build_model(&b->model, &trees, sink.diag, NULL, NULL);
  if (st == KG_ERR_NOMEM || st == KG_ERR_INTERRUPTED)
    goto out;
  b->model_seconds = kg_lsp_seconds(false) - start;
  st = kg_build_check(&b->model, b->fb.root, b->archives, b->archive_count,
                      sink.diag);
  if (st == KG_ERR_FACTS || st == KG_ERR_IO)
    st = KG_OK; /* the problems are the diagnostics */
  b->checked = st == KG_OK;
out:
  if (sink.diag && kg_lsp_sink_close(&sink, &b->check_diags) != KG_OK)
    st = KG_ERR_NOMEM;
  b->check_seconds = kg_lsp_seconds(false) - start;
  b->check_cpu_seconds = kg_lsp_seconds(true) - cpu;
  return st;
}

/* ---- positions ---------------------------------------------------------- */

/* The end of the line that starts at `at`: its CR, LF or CR LF (the
 * protocol's line ends, which libyaml's positions count too), or len. */
static size_t line_end(const char *text, size_t len, size_t at)
{
  while (at < len && text[at] != '\n' && text[at] != '\r')
    ++at;
  return at;
}

size_t kg_lsp_line_start(const char *text, size_t len, uint32_t line)
{
  size_t at = 0;
  while (line > 0 && at < len) {
    at = line_end(text, len, at);
    if (at == len)
      return len;
    at += text[at] == '\r' && at + 1 < len && text[at + 1] == '\n' ? 2 : 1;
    --line;
  }
  return line ? len : at;
}

/* The length of the UTF-8 sequence a lead byte starts (1 for a stray
 * byte, so that a walk always advances). */
static size_t sequence_length(unsigned char c)
{
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

uint32_t kg_lsp_utf16_col(const char *text, size_t len, uint32_t line,
                          uint32_t chars)
{
  size_t at = kg_lsp_line_start(text, len, line);
  uint32_t units = 0;
  size_t end = line_end(text, len, at);
  for (uint32_t i = 0; i < chars && at < end; ++i) {
    size_t n = sequence_length((unsigned char)text[at]);
    units += n == 4 ? 2 : 1; /* outside the BMP: a surrogate pair */
    at += n;
  }
  return units;
}

size_t kg_lsp_offset(const char *text, size_t len, uint32_t line,
                     uint32_t utf16)
{
  size_t at = kg_lsp_line_start(text, len, line);
  uint32_t units = 0;
  size_t end = line_end(text, len, at);
  while (at < end && units < utf16) {
    size_t n = sequence_length((unsigned char)text[at]);
    units += n == 4 ? 2 : 1;
    at += n;
  }
  return at < len ? at : len;
}

static int hex_value(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* An absolute path with "//", "/./" and ".." taken out, in place. */
static void lexical_normal(char *path)
{
  char *w = path;
  for (const char *p = path; *p;) {
    while (*p == '/')
      ++p;
    const char *end = strchr(p, '/');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n == 0 || (n == 1 && p[0] == '.')) {
      /* nothing */
    } else if (n == 2 && p[0] == '.' && p[1] == '.') {
      while (w > path && *--w != '/')
        ;
    } else {
      *w++ = '/';
      memmove(w, p, n);
      w += n;
    }
    p += n;
  }
  if (w == path)
    *w++ = '/';
  *w = '\0';
}

char *kg_lsp_normal_path(const char *path)
{
  char resolved[PATH_MAX];
  size_t n = strlen(path);
  char *copy = kg_malloc(n + 2);
  if (!copy)
    return NULL;
  memcpy(copy, path, n + 1);
  lexical_normal(copy);
  if (realpath(copy, resolved)) {
    kg_free(copy);
    return dup_string(resolved);
  }
  /* A file not yet on disk (a new buffer): its directory resolved. */
  char *slash = strrchr(copy, '/');
  if (slash && slash != copy) {
    *slash = '\0';
    if (realpath(copy, resolved) &&
        strlen(resolved) + strlen(slash + 1) + 2 <= sizeof resolved) {
      strcat(strcmp(resolved, "/") ? strcat(resolved, "/") : resolved,
             slash + 1);
      kg_free(copy);
      return dup_string(resolved);
    }
    *slash = '/';
  }
  return copy;
}

char *kg_lsp_uri_to_path(const char *uri)
{
  static const char scheme[] = "file://", localhost[] = "localhost/";
  if (strncmp(uri, scheme, sizeof scheme - 1))
    return NULL;
  const char *p = uri + sizeof scheme - 1;
  if (!strncmp(p, localhost, sizeof localhost - 1))
    p += sizeof localhost - 2; /* file://localhost/a is file:///a */
  if (*p != '/')
    return NULL; /* file://host/... : not this machine's */
  char *path = kg_malloc(strlen(p) + 1), *w = path;
  if (!path)
    return NULL;
  for (; *p; ++p) {
    int hi, lo;
    if (*p == '%' && (hi = hex_value(p[1])) >= 0 &&
        (lo = hex_value(p[2])) >= 0) {
      *w++ = (char)(hi * 16 + lo);
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  /* A decoded NUL would cut the path short: not a file of this machine. */
  char *normal =
      strlen(path) == (size_t)(w - path) ? kg_lsp_normal_path(path) : NULL;
  kg_free(path);
  return normal;
}

char *kg_lsp_path_to_uri(const char *path)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(path);
  char *uri = kg_malloc(7 + 3 * n + 1), *w = uri;
  if (!uri)
    return NULL;
  memcpy(w, "file://", 7);
  w += 7;
  for (const unsigned char *p = (const unsigned char *)path; *p; ++p) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
        (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
      *w++ = (char)*p;
    } else {
      *w++ = '%';
      *w++ = hex[*p >> 4];
      *w++ = hex[*p & 15];
    }
  }
  *w = '\0';
  return uri;
}

kg_slice kg_lsp_line(const kg_lsp_file *f, uint32_t line)
{
  size_t start = kg_lsp_line_start(f->text, f->len, line);
  size_t end = line_end(f->text, f->len, start);
  return (kg_slice){f->text + start, end - start};
}

bool kg_lsp_is_id_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}
