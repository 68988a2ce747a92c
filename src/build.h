/* build.h - the pipeline as a module, which every front end drives: the
 * command line (main.c), the language server (lsp_base.c) and the unit
 * tests (tests/unit/pipeline.h).
 *
 *   fact trees --kg_build_model--> model --kg_build_check--> checked model
 *     (a kg_trees: files on disk,       (kg_check, then the quotes against
 *      editor buffers, strings)          the archived copies: sources.h)
 *
 * then the network and the exports (graph.h, backends.h).  Each stage is
 * callable alone: `kgbuild check` stops after kg_build_check.  Problems go
 * to the diag sink; a stage's status is KG_ERR_FACTS when it reported
 * errors, and a failure of the system (memory, an interruption) stops the
 * run at once.  Where archived copies are looked for is the fact base's
 * rule (kg_build_archives), the same for every front end. */
#ifndef KG_BUILD_H
#define KG_BUILD_H

#include "factbase.h"
#include "load.h"
#include "model.h"

/* A fact tree: its files one after another, each a name (as positions
 * give it) and a YAML tree.  `next` returns how loading the next file
 * went: KG_OK with *root (NULL for an empty file), KG_ERR_FACTS or
 * KG_ERR_IO for a file that could not be loaded (its problems reported),
 * KG_ERR_NOMEM or KG_ERR_INTERRUPTED to stop.  It is called `count`
 * times. */
typedef struct {
  kg_status (*next)(void *ctx, const char **name, kg_ynode **root);
  void *ctx;
  size_t count;
} kg_trees;

/* Called after each file is modelled (progress on a terminal); may be
 * NULL. */
typedef void (*kg_build_progress)(void *ctx, size_t done, size_t total,
                                  size_t statements);

/* A failure of the system outranks a failure of the facts: the curator
 * cannot fix the first by editing facts. */
kg_status kg_build_worse(kg_status a, kg_status b);

/* Models every tree of `trees` into model, reporting the problems of all
 * of them; a file that failed to load is counted unreadable.  KG_OK,
 * KG_ERR_FACTS or KG_ERR_IO (some file could not be modelled or read),
 * or what stopped it. */
kg_status kg_build_model(kg_model *model, const kg_trees *trees, kg_diag *diag,
                         kg_build_progress progress,
                         void *progress_ctx) KG_NODISCARD;

/* Where archived copies are looked for after the fact base's own
 * sources/ (which kg_sources_check looks in itself): `given` (--sources)
 * if any, else kgbuild.yaml's archives.  Fills dirs (KG_MAX_ARCHIVES) and
 * returns how many. */
size_t kg_build_archives(const kg_factbase *fb, const char *const *given,
                         size_t given_count, const char **dirs);

/* The checks: the model's own (check.h), then every quote against its
 * source's archived copy in the sources/ of the fact base at root (NULL:
 * none) and in dirs (sources.h), even when the first found errors, so
 * that one run reports both. */
kg_status kg_build_check(kg_model *model, const char *root,
                         const char *const *dirs, size_t dir_count,
                         kg_diag *diag) KG_NODISCARD;

/* ---- fact trees -----------------------------------------------------------
 */

/* Files on disk, read and parsed ahead on `threads` threads (reader.h);
 * their texts go into `texts`, which must outlive diag. */
kg_status kg_disk_trees_new(kg_arena *texts, kg_diag *diag, char *const *paths,
                            size_t count, unsigned threads,
                            kg_trees *trees) KG_NODISCARD;
void kg_disk_trees_free(kg_trees *trees);

/* Texts in memory (a test's strings): names[i] holds texts[i].  The trees
 * go into `arena`; names and texts must outlive diag. */
typedef struct {
  kg_arena *arena;
  kg_diag *diag;
  const char *const *names, *const *texts;
  size_t next;
} kg_text_trees;
void kg_text_trees_init(kg_text_trees *t, kg_arena *arena, kg_diag *diag,
                        const char *const *names, const char *const *texts,
                        size_t count, kg_trees *trees);

/* The fact files that FACTS name (files and directories, searched for
 * *.yaml and *.yml; "-" is standard input), sorted, into paths; their
 * names go into arena.  None found is an error (KG_ERR_FACTS). */
kg_status kg_build_paths(kg_arena *arena, kg_diag *diag, char *const *inputs,
                         size_t count, kg_vec *paths) KG_NODISCARD;

#endif
