/* build.c - the pipeline's stages, for every front end (see build.h). */
#include "build.h"

#include "check.h"
#include "files.h"
#include "reader.h"
#include "sources.h"

#include <string.h>

kg_status kg_build_worse(kg_status a, kg_status b)
{
  if (a == KG_OK || a == KG_ERR_FACTS)
    return b == KG_OK ? a : b;
  return a;
}

kg_status kg_build_model(kg_model *model, const kg_trees *trees, kg_diag *diag,
                         kg_build_progress progress, void *progress_ctx)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < trees->count; ++i) {
    const char *name = NULL;
    kg_ynode *root = NULL;
    kg_status loaded = trees->next(trees->ctx, &name, &root);
    kg_status added = KG_OK;
    if (loaded == KG_OK)
      added = kg_model_add_file(model, diag, name, root);
    else
      model->unreadable++;
    kg_status both = kg_build_worse(loaded, added);
    if (both == KG_ERR_NOMEM || both == KG_ERR_INTERRUPTED)
      return both;
    st = kg_build_worse(st, both);
    if (progress)
      progress(progress_ctx, i + 1, trees->count, model->statements.count);
  }
  return st;
}

size_t kg_build_archives(const kg_factbase *fb, const char *const *given,
                         size_t given_count, const char **dirs)
{
  size_t n = 0;
  /* --sources replaces kgbuild.yaml's archives, as any option overrides
   * the configuration. */
  if (given_count)
    for (size_t i = 0; i < given_count && n < KG_MAX_ARCHIVES; ++i)
      dirs[n++] = given[i];
  else
    for (size_t i = 0; fb && i < fb->archive_count && n < KG_MAX_ARCHIVES; ++i)
      dirs[n++] = fb->archives[i];
  return n;
}

kg_status kg_build_check(kg_model *model, const char *root,
                         const char *const *dirs, size_t dir_count,
                         kg_diag *diag)
{
  kg_status st = kg_check(model, diag);
  if (st == KG_OK || st == KG_ERR_FACTS)
    st = kg_build_worse(st,
                        kg_sources_check(model, root, dirs, dir_count, diag));
  return st;
}

/* ---- fact trees -----------------------------------------------------------
 */

static kg_status disk_next(void *ctx, const char **name, kg_ynode **root)
{
  return kg_reader_next(ctx, name, root);
}

kg_status kg_disk_trees_new(kg_arena *texts, kg_diag *diag, char *const *paths,
                            size_t count, unsigned threads, kg_trees *trees)
{
  kg_reader *reader = NULL;
  *trees = (kg_trees){.next = disk_next, .count = count};
  if (kg_reader_new(texts, diag, paths, count, threads, &reader) != KG_OK)
    return KG_ERR_NOMEM;
  trees->ctx = reader;
  return KG_OK;
}

void kg_disk_trees_free(kg_trees *trees)
{
  if (trees)
    kg_reader_free(trees->ctx);
}

static kg_status text_next(void *ctx, const char **name, kg_ynode **root)
{
  kg_text_trees *t = ctx;
  size_t i = t->next++;
  *name = t->names[i];
  return kg_load_buffer(t->arena, t->diag, t->names[i], t->texts[i],
                        strlen(t->texts[i]), root);
}

void kg_text_trees_init(kg_text_trees *t, kg_arena *arena, kg_diag *diag,
                        const char *const *names, const char *const *texts,
                        size_t count, kg_trees *trees)
{
  *t = (kg_text_trees){
      .arena = arena, .diag = diag, .names = names, .texts = texts};
  *trees = (kg_trees){.next = text_next, .ctx = t, .count = count};
}

kg_status kg_build_paths(kg_arena *arena, kg_diag *diag, char *const *inputs,
                         size_t count, kg_vec *paths)
{
  static const char *const extensions[] = {".yaml", ".yml", NULL};
  static char dash[] = "-";
  kg_status st = KG_OK;
  for (size_t i = 0; i < count; ++i) {
    if (!strcmp(inputs[i], "-")) { /* standard input, read once */
      if (kg_vec_push(paths, dash) != KG_OK)
        return KG_ERR_NOMEM;
      continue;
    }
    kg_status found =
        kg_files_collect(arena, diag, inputs[i], extensions, paths);
    if (found == KG_ERR_NOMEM)
      return found;
    st = kg_build_worse(st, found);
  }
  kg_files_sort(paths);
  return st;
}
