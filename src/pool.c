/* pool.c - the threads that write the exports at once, and that run the
 * parts of a check pass split over processors (check.c, sources.c). */
#include "pool.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
  kg_pool_job job;
  void *ctx;
  kg_diag **diags;     /* per job: held */
  kg_status *statuses; /* per job */
  size_t *order;       /* the jobs, costliest first */
  size_t count, next;  /* next: the next place in order to take */
  pthread_mutex_t lock;
  volatile sig_atomic_t *interrupted;
} pool;

static void *worker(void *arg)
{
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t next = p->next < p->count ? p->next++ : p->count;
    pthread_mutex_unlock(&p->lock);
    if (next == p->count)
      return NULL;
    size_t i = p->order[next];
    p->statuses[i] = p->interrupted && *p->interrupted
                         ? KG_ERR_INTERRUPTED
                         : p->job(p->ctx, i, p->diags[i]);
  }
}

/* Is order a permutation of 0..count-1?  Quadratic: for asserts, on the
 * handful of exports. */
KG_UNUSED_IN_NDEBUG static bool is_permutation(const size_t *order,
                                               size_t count)
{
  for (size_t i = 0; i < count; ++i) {
    size_t seen = 0;
    for (size_t k = 0; k < count; ++k)
      seen += order[k] == i;
    if (seen != 1)
      return false;
  }
  return true;
}

/* The jobs by cost, costliest first; equal costs in the order of i
 * (insertion sort: stable, and count is the number of exports). */
static void plan(size_t *order, const unsigned *cost, size_t count)
{
  for (size_t i = 0; i < count; ++i)
    order[i] = i;
  for (size_t i = 1; i < count; ++i)
    for (size_t j = i; j > 0 && cost[order[j]] > cost[order[j - 1]]; --j) {
      size_t t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  assert(is_permutation(order, count)); /* every job once, none lost */
}

/* Starts up to `jobs` threads and waits for them; with one job, or no
 * thread to be had, works on this thread. */
static void run_threads(pool *p, unsigned jobs)
{
  pthread_t threads[KG_MAX_JOBS];
  size_t started = 0;
  if (jobs > KG_MAX_JOBS)
    jobs = KG_MAX_JOBS;
  if (jobs > p->count)
    jobs = (unsigned)p->count;
  for (; jobs > 1 && started < jobs; ++started)
    if (pthread_create(&threads[started], NULL, worker, p) != 0)
      break;
  if (started == 0)
    worker(p);
  for (size_t t = 0; t < started; ++t)
    pthread_join(threads[t], NULL);
  assert(p->next == p->count); /* every job was taken */
}

static unsigned parts_limit; /* kg_pool_limit_parts */

void kg_pool_limit_parts(unsigned jobs)
{
  parts_limit = jobs;
}

size_t kg_pool_parts(size_t work)
{
#ifdef KG_TESTING
  const char *forced = getenv("KG_CHECK_THREADS");
  if (forced && *forced) {
    long n = strtol(forced, NULL, 10);
    return n < 1 ? 1 : n > KG_MAX_PARTS ? KG_MAX_PARTS : (size_t)n;
  }
#endif
  if (work < KG_PARTS_MIN_WORK)
    return 1;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  size_t n = cpus < 2 ? 1 : cpus > KG_MAX_PARTS ? KG_MAX_PARTS : (size_t)cpus;
  return parts_limit && n > parts_limit ? parts_limit : n;
}

kg_status kg_pool_run(size_t count, const unsigned *cost, unsigned jobs,
                      kg_pool_job job, void *ctx, kg_diag *diag,
                      volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  pool p = {.job = job,
            .ctx = ctx,
            .count = count,
            .interrupted = interrupted,
            .lock = PTHREAD_MUTEX_INITIALIZER};
  p.order = kg_malloc((count + 1) * sizeof *p.order);
  p.diags = kg_calloc(count + 1, sizeof *p.diags);
  p.statuses = kg_calloc(count + 1, sizeof *p.statuses);
  if (!p.order || !p.diags || !p.statuses) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  plan(p.order, cost, count);
  for (size_t i = 0; i < count; ++i)
    if (!(p.diags[i] = kg_diag_hold_new(diag))) {
      st = KG_ERR_NOMEM;
      goto out;
    }
  run_threads(&p, jobs);
  for (size_t i = 0; i < count; ++i)
    if (st == KG_OK && p.statuses[i] != KG_OK)
      st = p.statuses[i];
out:
  for (size_t i = 0; p.diags && i < count; ++i)
    kg_diag_release(diag, p.diags[i]);
  kg_free(p.order);
  kg_free(p.diags);
  kg_free(p.statuses);
  return st;
}
