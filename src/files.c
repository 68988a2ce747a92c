/* files.c - directory walking for fact and ontology files. */
#define _GNU_SOURCE /* O_PATH */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The deepest directory a walk enters: a symlink loop cannot recurse
 * forever. */
enum { MAX_DEPTH = 32 };

/* realpath(3), but needing no search permission above the current
 * directory: realpath lstat()s every component from "/", so a run whose
 * working directory sits under a directory it may not search (a CI user
 * in another's temporary directory) had no bound at all.  The kernel
 * names what an O_PATH descriptor reaches without that; realpath where
 * /proc is not mounted.  NULL with errno set; malloc'd. */
static char *resolve(const char *path)
{
#ifdef O_PATH
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  char link[40], buf[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, buf, sizeof buf);
  close(fd);
  if (n > 0 && buf[0] == '/' && (size_t)n < sizeof buf) {
    buf[n] = '\0';
    return strdup(buf);
  }
#endif
  return realpath(path, NULL);
}

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

/* A walk stays inside `bound`, the real path of the directory holding
 * what was named (the fact base, for its facts/): fact files come from
 * pull requests, and a link out of it (`leak.yaml -> /etc/passwd`) would
 * make kgbuild read and quote what is not the fact base's. */
typedef struct {
  kg_arena *arena;
  kg_diag *diag;
  const char *const *extensions;
  kg_vec *out;
  char *bound;
} walker;

/* Is path, links followed, inside w->bound?  *out_of is false for what
 * does not resolve (stat() reports that), and without a bound. */
static kg_status leaves(const walker *w, const char *path, bool *out_of)
{
  char *real = w->bound ? resolve(path) : NULL;
  size_t n = w->bound ? strlen(w->bound) : 0;
  *out_of = false;
  if (!real)
    return w->bound && errno == ENOMEM ? KG_ERR_NOMEM : KG_OK;
  *out_of = strncmp(real, w->bound, n) ||
            (real[n] != '/' && real[n] != '\0' && strcmp(w->bound, "/"));
  free(real); /* realpath's malloc */
  return KG_OK;
}

static kg_status refuse_outside(const walker *w, const char *path)
{
  kg_diag_emit(w->diag,
               &(kg_diagnostic){
                   .severity = KG_SEV_ERROR,
                   .pos = {path, 0, 0},
                   .code = "outside",
                   .message = "a symbolic link out of the fact base: not read",
                   .hint = "kgbuild reads no fact file, ontology or archived "
                           "copy whose real path leaves the fact base or the "
                           "directory named on the command line"});
  return KG_ERR_FACTS;
}

static kg_status walk(walker *w, const char *dir, int depth);

/* One directory entry: a directory to walk, a fact file to keep, or
 * neither.  What leaves the bound, or is not a regular file, is refused
 * unread (a FIFO would block the reader). */
static kg_status visit(walker *w, char *path, const char *name, int depth)
{
  struct stat sb;
  bool wanted = has_extension(name, w->extensions), out_of = false;
  if (stat(path, &sb) != 0) {
    /* A dangling or looping symlink among fact files is a problem the
     * curator wants to hear about, not a file to skip silently. */
    if (!wanted)
      return KG_OK;
    kg_error(w->diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  if (!wanted && !S_ISDIR(sb.st_mode))
    return KG_OK;
  if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
    kg_error(w->diag, (kg_pos){path, 0, 0}, "io", "is not a regular file");
    return KG_ERR_IO;
  }
  kg_status st = leaves(w, path, &out_of);
  if (st != KG_OK || out_of)
    return st != KG_OK ? st : refuse_outside(w, path);
  return S_ISDIR(sb.st_mode) ? walk(w, path, depth + 1)
                             : kg_vec_push(w->out, path);
}

/* Depth-bounded so that a symlink loop cannot recurse forever. */
static kg_status walk(walker *w, const char *dir, int depth)
{
  kg_status st = KG_OK;
  if (depth > MAX_DEPTH) {
    kg_error(w->diag, (kg_pos){dir, 0, 0}, "io",
             "directories nested too deep (a symlink loop?)");
    return KG_ERR_IO;
  }
  DIR *d = opendir(dir);
  if (!d) {
    kg_error(w->diag, (kg_pos){dir, 0, 0}, "io", "cannot open directory: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.')
      continue; /* ., .., and hidden files such as editor swap files */
    char *path = kg_path_join(w->arena, dir, e->d_name);
    kg_status one = path ? visit(w, path, e->d_name, depth) : KG_ERR_NOMEM;
    if (one == KG_ERR_NOMEM) {
      st = one;
      goto out;
    }
    if (one != KG_OK && st != KG_ERR_IO)
      st = one;
  }
out:
  closedir(d);
  return st;
}

/* The real path of the directory that holds path as written: "facts" ->
 * ".", "a/b/" -> "a"; a path ending in "." or ".." (or "/") is its own
 * holder, as no link is followed to reach it. */
static char *holder(const char *path)
{
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    --n;
  size_t base = n;
  while (base > 0 && path[base - 1] != '/')
    --base;
  char dir[PATH_MAX];
  bool own = (n - base == 1 && path[base] == '.') ||
             (n - base == 2 && !strncmp(path + base, "..", 2)) || n - base == 0;
  size_t keep = own ? n : base;
  if (keep >= sizeof dir) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  memcpy(dir, path, keep);
  dir[keep] = '\0';
  return resolve(keep ? dir : ".");
}

/* Without a bound every link would pass as inside: fail closed. */
static kg_status unbounded(const walker *w, const char *path, int err)
{
  char message[160];
  snprintf(message, sizeof message,
           "cannot resolve the directory holding it: %s", strerror(err));
  kg_diag_emit(w->diag,
               &(kg_diagnostic){
                   .severity = KG_SEV_ERROR,
                   .pos = {path, 0, 0},
                   .code = "io",
                   .message = message,
                   .hint = "kgbuild reads a fact base only where it can tell "
                           "whether a link leaves it; check the permissions "
                           "of the directories above it"});
  return KG_ERR_IO;
}

/* Collects path, walks bounded by `bound` (owned, realpath's malloc). */
static kg_status collect(walker *w, const char *path)
{
  kg_status st = KG_OK;
  struct stat sb;
  bool out_of = false;
  if (!w->bound && errno == ENOMEM)
    return KG_ERR_NOMEM;
  /* Only a path that does not exist (stat() says so below) may lack one. */
  if (!w->bound && errno != ENOENT && errno != ENOTDIR)
    return unbounded(w, path, errno);
  if (stat(path, &sb) != 0) {
    kg_error(w->diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  TRY(leaves(w, path, &out_of));
  if (out_of) {
    st = refuse_outside(w, path);
  } else if (S_ISDIR(sb.st_mode)) {
    st = walk(w, path, 0);
  } else {
    char *copy = kg_arena_strndup(w->arena, path, strlen(path));
    st = copy ? kg_vec_push(w->out, copy) : KG_ERR_NOMEM;
  }
out:
  return st;
}

kg_status kg_files_collect(kg_arena *arena, kg_diag *diag, const char *path,
                           const char *const *extensions, kg_vec *out)
{
  walker w = {arena, diag, extensions, out, holder(path)};
  kg_status st = collect(&w, path);
  free(w.bound); /* realpath's malloc */
  return st;
}

kg_status kg_files_collect_in(kg_arena *arena, kg_diag *diag, const char *dir,
                              const char *const *extensions, kg_vec *out)
{
  walker w = {arena, diag, extensions, out, resolve(dir)};
  kg_status st = collect(&w, dir);
  free(w.bound); /* realpath's malloc */
  return st;
}

/* Does the walk of dir enter every directory of path (dir/a/b/x.yaml)
 * and visit its file: no hidden component, none deeper than it goes? */
static bool on_walk(const char *dir, const char *path)
{
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    --n;
  if (strncmp(path, dir, n) || path[n] != '/')
    return false;
  int depth = -1;
  for (const char *c = path + n; c; c = strchr(c + 1, '/'), ++depth)
    if (c[1] == '.' || c[1] == '/' || c[1] == '\0')
      return false;
  return depth <= MAX_DEPTH;
}

/* What the walk refuses, and reports, rather than keeps: a link (out of
 * the bound, or dangling) or what is not a regular file. */
static bool refused_kind(const char *path)
{
  struct stat sb;
  return lstat(path, &sb) != 0 || S_ISLNK(sb.st_mode) || !S_ISREG(sb.st_mode);
}

bool kg_files_walked(const char *dir, const char *path,
                     const char *const *extensions)
{
  const char *slash = strrchr(path, '/');
  char parent[PATH_MAX];
  size_t n = slash ? (size_t)(slash - path) : 0;
  if (!has_extension(slash ? slash + 1 : path, extensions) ||
      n >= sizeof parent || !on_walk(dir, path) || !refused_kind(path))
    return false;
  memcpy(parent, path, n);
  parent[n] = '\0';
  walker w = {.bound = resolve(dir)};
  char *real = w.bound ? resolve(parent) : NULL;
  bool out_of = true;
  if (real && leaves(&w, real, &out_of) != KG_OK)
    out_of = true;
  free(real); /* realpath's malloc */
  free(w.bound);
  return !out_of;
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
