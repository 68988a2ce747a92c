/* files.c - directory walking for fact and ontology files. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool has_extension(const char *name, const char *const *extensions)
{
  size_t n = strlen(name);
  for (const char *const *e = extensions; *e; ++e) {
    size_t k = strlen(*e);
    if (n > k && !strcmp(name + n - k, *e))
      return true;
  }
  return false;
}

char *kg_path_join(kg_arena *arena, const char *dir, const char *name)
{
  size_t a = strlen(dir), b = strlen(name);
  bool slash = a && name[0] != '/' && dir[a - 1] != '/';
  if (name[0] == '/')
    a = 0;
  char *path = arena ? kg_arena_alloc(arena, a + slash + b + 1)
                     : kg_malloc(a + slash + b + 1);
  if (path) {
    memcpy(path, dir, a);
    path[a] = '/';
    memcpy(path + a + slash, name, b + 1);
  }
  return path;
}

/* Depth-bounded so that a symlink loop cannot recurse forever. */
static kg_status walk(kg_arena *arena, kg_diag *diag, const char *dir,
                      const char *const *extensions, kg_vec *out, int depth)
{
  kg_status st = KG_OK;
  if (depth > 32) {
    kg_error(diag, (kg_pos){dir, 0, 0}, "io",
             "directories nested too deep (a symlink loop?)");
    return KG_ERR_IO;
  }
  DIR *d = opendir(dir);
  if (!d) {
    kg_error(diag, (kg_pos){dir, 0, 0}, "io", "cannot open directory: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.')
      continue; /* ., .., and hidden files such as editor swap files */
    char *path = kg_path_join(arena, dir, e->d_name);
    if (!path) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
      /* A dangling or looping symlink among fact files is a problem the
       * curator wants to hear about, not a file to skip silently. */
      if (has_extension(e->d_name, extensions)) {
        kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
                 strerror(errno));
        st = KG_ERR_IO;
      }
      continue;
    }
    if (S_ISDIR(sb.st_mode)) {
      kg_status sub = walk(arena, diag, path, extensions, out, depth + 1);
      if (sub == KG_ERR_NOMEM) {
        st = sub;
        goto out;
      }
      if (sub != KG_OK)
        st = sub;
    } else if (has_extension(e->d_name, extensions)) {
      kg_status pushed = kg_vec_push(out, path);
      if (pushed != KG_OK) {
        st = pushed;
        goto out;
      }
    }
  }
out:
  closedir(d);
  return st;
}

kg_status kg_files_collect(kg_arena *arena, kg_diag *diag, const char *path,
                           const char *const *extensions, kg_vec *out)
{
  struct stat sb;
  if (stat(path, &sb) != 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  if (S_ISDIR(sb.st_mode))
    return walk(arena, diag, path, extensions, out, 0);
  char *copy = kg_arena_strndup(arena, path, strlen(path));
  return copy ? kg_vec_push(out, copy) : KG_ERR_NOMEM;
}

static int compare_paths(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void kg_files_sort(kg_vec *paths)
{
  if (paths->count < 2)
    return;
  qsort(paths->items, paths->count, sizeof(void *), compare_paths);
  size_t k = 1;
  for (size_t i = 1; i < paths->count; ++i)
    if (strcmp(paths->items[i], paths->items[k - 1]))
      paths->items[k++] = paths->items[i];
  paths->count = k;
}
