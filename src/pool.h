/* pool.h - work done at once on up to `jobs` threads: the exports of a run
 * (publish.c), the parts of a check pass (check.c, sources.c).  The pool knows
 * nothing of what a job does: whatever jobs share must be set up by the caller
 * before kg_pool_run (see the `setup` of a backend row, backends.h). */
#ifndef KG_POOL_H
#define KG_POOL_H

#include "diag.h"

#include <signal.h>

enum { KG_MAX_JOBS = 64 };

/* Job i of ctx; it reports to `diag`, a sink of its own. */
typedef kg_status (*kg_pool_job)(void *ctx, size_t i, kg_diag *diag);

/* Runs job i for every i < count on up to `jobs` threads (on this one when
 * jobs <= 1), the costliest first by cost[i], which keeps the threads busy
 * to the end.  Each job's diagnostics are held back and printed into diag
 * in the order of i, and a failing job does not stop the others (only an
 * interruption does: jobs not yet started when *interrupted is set give
 * KG_ERR_INTERRUPTED): so what a run says does not depend on which thread
 * was faster.  Returns the first failure in the order of i. */
kg_status kg_pool_run(size_t count, const unsigned *cost, unsigned jobs,
                      kg_pool_job job, void *ctx, kg_diag *diag,
                      volatile sig_atomic_t *interrupted) KG_NODISCARD;

/* How many parts to cut `work` items of a pass into (check.c, sources.c):
 * one per processor (up to KG_MAX_PARTS) from KG_PARTS_MIN_WORK items,
 * else one, so that the small models the language server checks on each
 * change start no thread.  Test builds take the number from the
 * environment's KG_CHECK_THREADS whatever the size, so that a small base
 * is split too. */
enum { KG_MAX_PARTS = 8, KG_PARTS_MIN_WORK = 1 << 16 };
size_t kg_pool_parts(size_t work);
/* -j: at most `jobs` parts from now on (0: no limit but the processors).
 * Called on the main thread before a check. */
void kg_pool_limit_parts(unsigned jobs);

#endif
