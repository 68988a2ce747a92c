/* reader.c - fact files loaded ahead on worker threads (see reader.h).
 *
 * One lock guards the shared counters: which file the workers load next,
 * how many the driver has taken, and each file's `loaded` flag.  Everything
 * else of a file belongs to the one worker loading it until `loaded` is
 * set, then to the driver.  A worker may start file k while
 * k <= taken + threads: threads + 1 trees may wait beside the one being
 * modelled.  The one more than there are workers keeps a worker that
 * finished early busy while the driver is still modelling (a check of 100k
 * people: 1.70 s instead of 1.88).  Beyond that, only while the files
 * ahead are small (LOOKAHEAD_BYTES): memory stays bounded whatever the
 * size of the fact base. */
#include "reader.h"

#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
  const char *path;
  size_t size;      /* bytes, as stat gave them when the reader was made */
  const char *name; /* as positions give it */
  kg_arena *texts;  /* with threads: the file's text, until taken */
  kg_diag *held;    /* with threads: its diagnostics, until taken */
  kg_arena *tree;
  kg_ynode *root;
  kg_status status;
  bool loaded;
} file_job;

struct kg_reader {
  kg_arena *texts;
  kg_arena *spares; /* blocks of trees modelled, for the next ones */
  kg_diag *diag;
  file_job *files;
  size_t count;
  size_t next_load; /* the next file a worker takes */
  size_t taken;     /* files the driver has taken */
  unsigned threads; /* workers running */
  pthread_t *workers;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  bool stop;
};

/* Workers may also run further ahead than threads + 1 files while the
 * files between the one being modelled and the next to load hold no more
 * than this many bytes of text (their trees take about five times that):
 * a run of small files (concept schemes, countries, events, organisations)
 * does not make the workers wait, idle, for the driver to reach the big
 * file behind it.  Fixed, not a share of memory: the trees waiting are
 * bounded either way. */
enum { LOOKAHEAD_BYTES = 48u << 20 };
/* ... and never more than this many files more (a base of thousands of
 * tiny files would otherwise have the sum below run over all of them). */
enum { LOOKAHEAD_FILES = 32 };

/* The blocks of trees modelled are kept for the next trees, up to this
 * many bytes: about two trees of the largest files (20 MB of text make
 * about 95 MB of tree).  Beyond, they go back to the system. */
enum { SPARE_BYTES = 192u << 20 };

/* A tree takes about 4.8 times its file's text (100k people). */
static size_t tree_estimate(size_t text_len)
{
  return text_len / 4 * 21;
}

/* May a worker start file r->next_load now?  Called with r->lock held. */
static bool may_start(const kg_reader *r)
{
  size_t next = r->next_load;
  if (next <= r->taken + r->threads)
    return true;
  if (next > r->taken + r->threads + LOOKAHEAD_FILES)
    return false;
  size_t bytes = 0;
  for (size_t i = r->taken ? r->taken - 1 : 0; i <= next; ++i)
    bytes += r->files[i].size;
  return bytes <= LOOKAHEAD_BYTES;
}

/* Read and parse one file; its text goes into texts, its problems to diag.
 * A tree parsed on a worker is made of mapped pages: once modelled, its
 * blocks are kept (up to SPARE_BYTES) for the trees still to be parsed,
 * and the rest go back to the system, rather than wait in the worker's
 * malloc arena where the driver cannot use them (90 MB less at the peak of
 * a check of 100k people).  Reusing them saves mapping, faulting in and
 * unmapping (with the other threads' TLBs flushed) each tree's pages: a
 * check of 100k people, 0.25 s of CPU of 3.2.  On the driver's own thread,
 * malloc reuses a tree's memory for the next, which is faster. */
static void load(kg_reader *r, file_job *f, kg_arena *texts, kg_diag *diag,
                 bool worker)
{
  const char *text = NULL;
  size_t len = 0;
  f->status = kg_load_read(texts, diag, f->path, &f->name, &text, &len);
  if (f->status != KG_OK)
    return;
  if (!(f->tree = worker ? kg_arena_new_paged() : kg_arena_new())) {
    f->status = KG_ERR_NOMEM;
    return;
  }
  if (worker) {
    pthread_mutex_lock(&r->lock);
    kg_arena_move_spares(f->tree, r->spares, tree_estimate(len));
    pthread_mutex_unlock(&r->lock);
  }
  f->status = kg_load_buffer(f->tree, diag, f->name, text, len, &f->root);
  if (worker) { /* what the estimate had too many, for the next file */
    pthread_mutex_lock(&r->lock);
    kg_arena_move_spares(r->spares, f->tree, SIZE_MAX);
    pthread_mutex_unlock(&r->lock);
  }
}

static void load_held(kg_reader *r, file_job *f)
{
  f->texts = kg_arena_new();
  f->held = kg_diag_hold_new(r->diag);
  if (!f->texts || !f->held) {
    f->status = KG_ERR_NOMEM;
    return;
  }
  load(r, f, f->texts, f->held, true);
}

static void *work(void *arg)
{
  kg_reader *r = arg;
  pthread_mutex_lock(&r->lock);
  for (;;) {
    while (!r->stop && r->next_load < r->count && !may_start(r))
      pthread_cond_wait(&r->changed, &r->lock);
    if (r->stop || r->next_load >= r->count || kg_diag_interrupted(r->diag))
      break;
    file_job *f = &r->files[r->next_load++];
    pthread_mutex_unlock(&r->lock);
    load_held(r, f);
    pthread_mutex_lock(&r->lock);
    f->loaded = true;
    pthread_cond_broadcast(&r->changed);
  }
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

kg_status kg_reader_new(kg_arena *texts, kg_diag *diag, char *const *paths,
                        size_t count, unsigned threads, kg_reader **out)
{
  kg_status st = KG_OK;
  kg_reader *r = kg_calloc(1, sizeof *r);
  *out = NULL;
  if (!r)
    return KG_ERR_NOMEM;
  *r = (kg_reader){.texts = texts, .diag = diag, .count = count};
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->changed, NULL);
  if (!(r->spares = kg_arena_new_paged())) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (count && !(r->files = kg_calloc(count, sizeof *r->files))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < count; ++i) {
    struct stat sb;
    r->files[i].path = paths[i];
    /* Unknown (standard input, a missing file) counts as the largest: it
     * may not be read ahead beyond the usual threads + 1. */
    r->files[i].size =
        strcmp(paths[i], "-") && stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode)
            ? (size_t)sb.st_size
            : LOOKAHEAD_BYTES + 1u;
  }
  /* No more workers than files, or than the driver can keep busy: each
   * would only wait, holding a tree. */
  if (threads > KG_READER_MAX_THREADS)
    threads = KG_READER_MAX_THREADS;
  if (threads > count)
    threads = (unsigned)count;
  if (threads && !(r->workers = kg_calloc(threads, sizeof *r->workers))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* r->threads counts the workers that did start: if the system gives
   * fewer, the others' files are simply loaded by those that run, or (with
   * none) by the driver. */
  pthread_mutex_lock(&r->lock);
  for (unsigned i = 0; i < threads; ++i) {
    if (pthread_create(&r->workers[i], NULL, work, r) != 0)
      break;
    r->threads++;
  }
  pthread_mutex_unlock(&r->lock);
out:
  if (st != KG_OK) {
    kg_reader_free(r);
    return st;
  }
  *out = r;
  return KG_OK;
}

/* Waits for file f, waking every 50 ms to see whether the run was
 * interrupted (a signal does not wake a condition wait). */
static bool wait_loaded(kg_reader *r, const file_job *f)
{
  bool stopped = false;
  pthread_mutex_lock(&r->lock);
  while (!f->loaded && !(stopped = kg_diag_interrupted(r->diag))) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 50 * 1000 * 1000;
    if (until.tv_nsec >= 1000 * 1000 * 1000) {
      until.tv_sec++;
      until.tv_nsec -= 1000 * 1000 * 1000;
    }
    pthread_cond_timedwait(&r->changed, &r->lock, &until);
  }
  pthread_mutex_unlock(&r->lock);
  return !stopped;
}

kg_status kg_reader_next(kg_reader *r, const char **name, kg_ynode **root)
{
  *name = NULL;
  *root = NULL;
  if (r->taken >= r->count)
    return KG_ERR_USAGE; /* a caller's mistake; never in kgbuild */
  if (r->taken > 0) {    /* the tree of the file taken before is done with */
    file_job *prev = &r->files[r->taken - 1];
    /* Its blocks go to the files the workers have still to load; with
     * none left, they and the spares go back to the system (without
     * allocating: nothing here may fail). */
    pthread_mutex_lock(&r->lock);
    bool more = r->threads && r->next_load < r->count;
    kg_arena_recycle(r->spares, prev->tree, more ? SPARE_BYTES : 0);
    if (!more)
      kg_arena_free_spares(r->spares);
    pthread_mutex_unlock(&r->lock);
    prev->tree = NULL;
    prev->root = NULL;
  }
  file_job *f = &r->files[r->taken];
  if (kg_diag_interrupted(r->diag))
    return KG_ERR_INTERRUPTED;
  if (r->threads == 0) {
    load(r, f, r->texts, r->diag, false);
  } else {
    if (!wait_loaded(r, f))
      return KG_ERR_INTERRUPTED;
    /* Later diagnostics (the model's) quote this file too. */
    kg_arena_adopt(r->texts, f->texts);
    f->texts = NULL;
    if (f->held && kg_diag_adopt_sources(r->diag, f->held) != KG_OK)
      f->status = KG_ERR_NOMEM;
    /* (kg_diag_release drops a text identical to the one released before
     * it; two files' never are: each names its file, and the paths were
     * made unique.) */
    kg_diag_release(r->diag, f->held);
    f->held = NULL;
  }
  pthread_mutex_lock(&r->lock);
  r->taken++;
  pthread_cond_broadcast(&r->changed);
  pthread_mutex_unlock(&r->lock);
  *name = f->name;
  *root = f->status == KG_OK ? f->root : NULL;
  return f->status;
}

void kg_reader_free(kg_reader *r)
{
  if (!r)
    return;
  pthread_mutex_lock(&r->lock);
  r->stop = true;
  pthread_cond_broadcast(&r->changed);
  pthread_mutex_unlock(&r->lock);
  for (unsigned i = 0; i < r->threads; ++i)
    pthread_join(r->workers[i], NULL);
  for (size_t i = 0; r->files && i < r->count; ++i) {
    file_job *f = &r->files[i];
    kg_diag_free(f->held); /* before the texts its sources point into */
    kg_arena_free(f->texts);
    kg_arena_free(f->tree);
  }
  kg_arena_free(r->spares);
  kg_free(r->files);
  kg_free(r->workers);
  pthread_mutex_destroy(&r->lock);
  pthread_cond_destroy(&r->changed);
  kg_free(r);
}
