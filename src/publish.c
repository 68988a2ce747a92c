/* publish.c - checked, atomic writing of the exports: temporary files,
 * the staging directory and its swap, the lock, fault injection. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE, fopencookie */
#include "publish.h"

#include "compress.h"
#include "files.h"
#include "pool.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- checked streams ----------------------------------------------------- */

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

/* A test hook in the style of SQLite's, compiled into the test builds only
 * (KG_TESTING): with KG_FAIL_WRITE_AT=N in the environment, every export's
 * stream fails with ENOSPC once N bytes have been written, which is how the
 * test suite checks that a failing write at any offset is reported and
 * leaves the old exports alone (serd's technique). */
#ifdef KG_TESTING
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
#endif

/* Closes a stream layered over the export's (the fault injection's, the
 * compressor's: closing it writes its last bytes); a failure is an I/O
 * error, whose errno *saved keeps. */
static void close_layer(FILE *layer, kg_status *st, int *saved)
{
  if (layer && fclose(layer) != 0 && *st == KG_OK) {
    *st = KG_ERR_IO;
    *saved = errno;
  }
}

/* Runs one backend on a stream and checks every step of the write.  With
 * --compress (a file name ending in .gz or .zst), the backend writes
 * through a compressing stream; `workers` are zstd's threads. */
static kg_status write_checked(const kg_network *net, const kg_backend *backend,
                               FILE *out, const char *name, kg_diag *diag,
                               bool sync, unsigned workers)
{
  FILE *sink = out, *packed = NULL;
#ifdef KG_TESTING
  faulty f = {out, 0};
  const char *at = getenv("KG_FAIL_WRITE_AT");
  if (at && *at) {
    f.left = strtoll(at, NULL, 10);
    sink = fopencookie(&f, "w", (cookie_io_functions_t){.write = faulty_write});
    if (!sink)
      return KG_ERR_NOMEM;
  }
#endif
  kg_compression c = kg_backend_compression(backend);
  kg_status st = c == KG_COMPRESS_NONE
                     ? KG_OK
                     : kg_compress_open(c, workers, sink, &packed);
  size_t items = 0;
  errno = 0;
  if (st == KG_OK)
    st = backend->write(net, packed ? packed : sink, &items);
  int saved = errno;
  close_layer(packed, &st, &saved);
  close_layer(sink != out ? sink : NULL, &st, &saved);
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
  if (backend->write_dir) { /* the driver writes these with kg_emit_files */
    kg_error(diag, (kg_pos){name, 0, 0}, "usage",
             "%s is a directory of files, not a stream: write it into a "
             "directory (-o DIR)",
             backend->name);
    return KG_ERR_USAGE;
  }
  return write_checked(net, backend, out, name, diag, false, 1);
}

/* ---- files: a temporary beside the target, then rename ------------------ */

#define TMP_PREFIX ".kgbuild-tmp-"

typedef struct {
  char *tmp;    /* temporary file, NULL once renamed or removed */
  char *target; /* final name */
  char *shown;  /* the name errors give (the export, not the staging copy) */
  char *backup; /* a hard link to the old export, kept until all are in */
  bool existed; /* there was an old export */
  bool replaced;
  bool dir;       /* a directory export (the site): tmp is a directory */
  bool exchanged; /* dir: the old directory was exchanged to tmp */
} pending;

/* dir/name, kg_malloc'd (files.h's joiner: the directories here are
 * never empty, the names never absolute). */
static char *path_join(const char *dir, const char *name)
{
  return kg_path_join(NULL, dir, name);
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

/* Removes a directory export's tree (kgbuild's own: a site, or its
 * temporary), depth first, without following links. */
static int remove_one(const char *path, const struct stat *sb, int flag,
                      struct FTW *ftw)
{
  (void)sb;
  (void)ftw;
  if (flag == FTW_DP)
    rmdir(path);
  else
    unlink(path);
  return 0;
}

static void remove_tree(const char *path)
{
  nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Is path a direct entry of dir (dir/NAME)?  For the asserts: a file is
 * renamed only within one directory, so only within one file system. */
KG_UNUSED_IN_NDEBUG static bool entry_of(const char *path, const char *dir)
{
  size_t n = strlen(dir);
  while (n > 0 && dir[n - 1] == '/')
    --n;
  if (strncmp(path, dir, n) || path[n] != '/')
    return false;
  const char *name = path + n;
  while (*name == '/') /* "./" + "/NAME", "/" + "/NAME" */
    ++name;
  return *name && !strchr(name, '/');
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
  assert(entry_of(*tmp, dir)); /* beside its target: rename stays put */
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

/* A directory export: written into a temporary directory beside its
 * target (as a file is into a temporary file), synced once as a whole. */
static kg_status write_dir_one(const kg_network *net, const kg_backend *backend,
                               pending *p, kg_diag *diag)
{
  const char *shown = p->shown ? p->shown : p->target;
  char *dir = dir_of(p->target);
  const char *base = strrchr(p->target, '/');
  base = base ? base + 1 : p->target;
  size_t n = (dir ? strlen(dir) : 0) + strlen(base) + sizeof TMP_PREFIX + 10;
  kg_status st = KG_OK;
  size_t items = 0;
  p->dir = true;
  if (!dir || !(p->tmp = kg_malloc(n))) {
    kg_free(dir);
    return KG_ERR_NOMEM;
  }
  snprintf(p->tmp, n, "%s/" TMP_PREFIX "%s-XXXXXX", dir, base);
  kg_free(dir);
  if (!mkdtemp(p->tmp)) {
    io_error(diag, shown, "cannot create a temporary directory", errno);
    kg_free(p->tmp);
    p->tmp = NULL;
    return KG_ERR_IO;
  }
  chmod(p->tmp, 0777 & ~process_umask());
  errno = 0;
  st = backend->write_dir(net, p->tmp, &items);
  if (st == KG_ERR_IO)
    io_error(diag, shown, "cannot write", errno ? errno : EIO);
  int fd = st == KG_OK ? open(p->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
  if (fd >= 0) {
    if (syncfs(fd) != 0) {
      io_error(diag, shown, "cannot sync", errno);
      st = KG_ERR_IO;
    }
    close(fd);
  }
  return st;
}

static kg_status write_one(const kg_network *net, const kg_backend *backend,
                           pending *p, kg_diag *diag, unsigned workers)
{
  if (backend->write_dir)
    return write_dir_one(net, backend, p, diag);
  FILE *out = NULL;
  const char *shown = p->shown ? p->shown : p->target;
  kg_status st = open_temp(p->target, diag, &p->tmp, &out);
  if (st == KG_OK)
    st = write_checked(net, backend, out, shown, diag, true, workers);
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
  if (!p->existed || !S_ISREG(sb.st_mode) || p->dir)
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
/* The journal, if it is a regular file kgbuild may have written: exports/
 * may come with a fact base from a pull request, and a FIFO there would
 * block the run, a link lead it elsewhere (docs/reliability.md). */
static FILE *open_journal(const char *journal)
{
  struct stat sb;
  int fd = journal ? open(journal, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
                                       O_CLOEXEC | O_NOCTTY)
                   : -1;
  FILE *f = NULL;
  if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
    f = fdopen(fd, "rb");
  if (fd >= 0 && !f)
    close(fd);
  return f;
}

static void restore_journal(const char *dir)
{
  char *journal = path_join(dir, JOURNAL_NAME);
  FILE *f = open_journal(journal);
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
    if (!files[i].dir && lstat(files[i].target, &sb) == 0 &&
        S_ISDIR(sb.st_mode)) {
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
    /* Every pending file has a target and, beside it, its new content. */
    assert(files[i].target && files[i].tmp && !files[i].replaced);
    if (files[i].dir && files[i].existed) {
      /* A directory is exchanged with the old one, which the temporary
       * name then holds until the set is in (pending_clear removes it). */
      if (renameat2(AT_FDCWD, files[i].tmp, AT_FDCWD, files[i].target,
                    RENAME_EXCHANGE) != 0) {
        io_error(diag, files[i].target, "cannot replace", errno);
        st = KG_ERR_IO;
        goto out;
      }
      files[i].replaced = files[i].exchanged = true;
      continue;
    }
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
      if (files[i].exchanged) {
        renameat2(AT_FDCWD, files[i].tmp, AT_FDCWD, files[i].target,
                  RENAME_EXCHANGE);
        files[i].exchanged = false;
      } else if (files[i].backup &&
                 rename(files[i].backup, files[i].target) == 0) {
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

/* ---- the staging directory ---------------------------------------------- */

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

/* Is name that of a staging directory of the exports directory `base`,
 * ".BASE.kgbuild-new-XXXXXX"?  What kg_emit_clean_stale removes. */
static bool is_staging_name(const char *name, const char *base)
{
  size_t n = strlen(base);
  return name[0] == '.' && !strncmp(name + 1, base, n) &&
         !strncmp(name + 1 + n, STAGING_INFIX, sizeof STAGING_INFIX - 1);
}

/* Is name a directory export's (the site), or a temporary one of it?
 * Those are the only directories kgbuild removes, and whole. */
static bool is_dir_export(const char *name)
{
  if (!strncmp(name, TMP_PREFIX, sizeof TMP_PREFIX - 1))
    return true;
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (kg_backends[i].write_dir && !strcmp(name, kg_backends[i].file_name))
      return true;
  return false;
}

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
    struct stat sb;
    if (p && lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode) &&
        is_dir_export(e->d_name))
      remove_tree(p);
    else if (p)
      unlink(p);
    kg_free(p);
  }
  closedir(d);
}

/* Removes a staging directory: kgbuild's own directory of files, and of
 * directory exports (remove_entries takes those whole). */
static void remove_flat_dir(const char *dir)
{
  remove_entries(dir, "");
  rmdir(dir);
}

/* An RDF export's other forms (kg.nt, kg.nt.gz, kg.nt.zst) are kgbuild's
 * too: a run with another --compress replaces them, so that a swapped-in
 * set never holds a stale kg.nt beside a new kg.nt.gz. */
static bool is_form_of(const kg_backend *b, const char *name)
{
  if (!strcmp(name, b->file_name))
    return true;
  size_t n = strlen(b->file_name) -
             strlen(kg_compression_suffix(kg_backend_compression(b)));
  if (!b->rdf || strncmp(name, b->file_name, n))
    return false;
  const char *rest = name + n;
  return !*rest || !strcmp(rest, kg_compression_suffix(KG_COMPRESS_GZIP)) ||
         !strcmp(rest, kg_compression_suffix(KG_COMPRESS_ZSTD));
}

static bool is_ours(const kg_backend *const *backends, size_t count,
                    const char *name)
{
  if (!strncmp(name, TMP_PREFIX, sizeof TMP_PREFIX - 1))
    return true;
  for (size_t i = 0; i < count; ++i)
    if (is_form_of(backends[i], name))
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
      if (field[0] == '\\' && field[1] >= '0' && field[1] <= '3' && field[2] &&
          field[3]) {
        point[o++] = (char)((field[1] - '0') * 64 + (field[2] - '0') * 8 +
                            (field[3] - '0'));
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

/* ---- the export set ------------------------------------------------------ */

typedef struct {
  const kg_network *net;
  const kg_backend *const *backends;
  pending *files;
  unsigned workers; /* zstd's threads per compressed export (-j) */
} export_set;

static kg_status write_job(void *ctx, size_t i, kg_diag *diag)
{
  export_set *set = ctx;
  return write_one(set->net, set->backends[i], &set->files[i], diag,
                   set->workers);
}

/* Exports are independent files reading a network that no longer changes,
 * so they are written at once (pool.h).  What their libraries share is set
 * up here first, before any thread: each backend's `setup`, the umask. */
static kg_status write_all(const kg_network *net,
                           const kg_backend *const *backends, pending *files,
                           size_t count, unsigned jobs, kg_diag *diag,
                           volatile sig_atomic_t *interrupted)
{
  export_set set = {net, backends, files, jobs};
  unsigned *cost = kg_malloc((count + 1) * sizeof *cost);
  if (!cost)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < count; ++i) {
    assert(files[i].target && !files[i].tmp); /* each has a place to go */
    cost[i] = backends[i]->cost;
    if (backends[i]->setup)
      backends[i]->setup();
  }
  (void)process_umask(); /* see process_umask */
  kg_status st =
      kg_pool_run(count, cost, jobs, write_job, &set, diag, interrupted);
  kg_free(cost);
  return st;
}

/* One kgbuild at a time per exports directory: the lock is on the parent
 * directory, which the swap does not replace.  Closing the descriptor
 * releases it; -1 when the parent cannot be opened (then there is none). */
static int lock_parent(const char *parent, volatile sig_atomic_t *interrupted)
{
  int lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock >= 0)
    while (flock(lock, LOCK_EX) != 0 && errno == EINTR &&
           !(interrupted && *interrupted))
      ;
  return lock;
}

/* An export's name taken by a directory is someone else's data: refuse,
 * before anything is written, rather than swap it away. */
static kg_status refuse_directories(const char *dir,
                                    const kg_backend *const *backends,
                                    size_t count, kg_diag *diag)
{
  for (size_t i = 0; i < count; ++i) {
    char *target = path_join(dir, backends[i]->file_name);
    struct stat sb;
    bool whole = backends[i]->write_dir != NULL;
    bool in_the_way = target && lstat(target, &sb) == 0 &&
                      (whole ? !S_ISDIR(sb.st_mode) : S_ISDIR(sb.st_mode));
    if (in_the_way)
      io_error(diag, target, "cannot replace", whole ? ENOTDIR : EISDIR);
    kg_free(target);
    if (in_the_way)
      return KG_ERR_IO;
  }
  return KG_OK;
}

/* Makes the staging directory beside exports/ (parent/.BASE.kgbuild-new-
 * XXXXXX); *staging stays NULL where exports/ cannot be swapped whole, and
 * then the files are written beside the exports.  A read-only exports/ is
 * the user's say-so, even where the swap could go round it. */
static kg_status make_staging(const char *dir, const char *parent,
                              const char *base, char **staging, kg_diag *diag)
{
  kg_status st = KG_OK;
  size_t n = strlen(base) + sizeof STAGING_INFIX + 8;
  char *name = kg_malloc(n);
  *staging = NULL;
  if (!name)
    return KG_ERR_NOMEM;
  snprintf(name, n, ".%s" STAGING_INFIX "XXXXXX", base);
  if (access(dir, W_OK) != 0) {
    io_error(diag, dir, "cannot write", errno);
    st = KG_ERR_IO;
    goto out;
  }
  if (!swappable(dir, parent))
    goto out;
  if (!(*staging = path_join(parent, name))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (!mkdtemp(*staging)) {
    kg_free(*staging);
    *staging = NULL;
    goto out;
  }
  /* Beside exports/, so on its file system; and named so that
   * kg_emit_clean_stale removes it after a kill. */
  assert(entry_of(*staging, parent) &&
         is_staging_name(strrchr(*staging, '/') + 1, base));
out:
  kg_free(name);
  return st;
}

/* Where each export is written (staging/NAME, or dir/NAME when there is no
 * staging directory) and the name its errors give (dir/NAME). */
static kg_status place_files(pending *files, const kg_backend *const *backends,
                             size_t count, const char *dir, const char *staging)
{
  const char *into = staging ? staging : dir;
  for (size_t i = 0; i < count; ++i) {
    if (!(files[i].target = path_join(into, backends[i]->file_name)) ||
        !(files[i].shown = path_join(dir, backends[i]->file_name)))
      return KG_ERR_NOMEM;
    assert(entry_of(files[i].target, into) && entry_of(files[i].shown, dir));
  }
  return KG_OK;
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
  if (swapped)
    sync_dir(parent);
  free_moves(&moves);
  return swapped;
}

/* Puts the staged set in place: the directories exchanged in one step, or
 * where that cannot be done, the staged files moved over one by one. */
static kg_status install_staged(pending *files,
                                const kg_backend *const *backends, size_t count,
                                const char *dir, const char *parent,
                                const char *staging, const char *journal,
                                kg_diag *diag)
{
  kg_status st = KG_OK;
  if (swap_in(dir, staging, parent, backends, count))
    return KG_OK; /* staging now holds the old set: the caller removes it */
  for (size_t i = 0; i < count; ++i) {
    assert(files[i].replaced && !files[i].tmp &&
           entry_of(files[i].target, staging));
    files[i].tmp = files[i].target; /* a second move: from staging/ */
    files[i].replaced = false;
    if (!(files[i].target = path_join(dir, backends[i]->file_name)))
      return KG_ERR_NOMEM;
  }
  TRY(replace_all(files, count, journal, diag));
  sync_dir(dir);
out:
  return st;
}

/* Removes what is left of pending files (temporaries, backups) and frees
 * them. */
static void pending_clear(pending *files, size_t count)
{
  for (size_t i = 0; files && i < count; ++i) {
    if (files[i].tmp && files[i].dir)
      remove_tree(files[i].tmp);
    else if (files[i].tmp)
      unlink(files[i].tmp);
    if (files[i].backup)
      unlink(files[i].backup);
    kg_free(files[i].tmp);
    kg_free(files[i].target);
    kg_free(files[i].shown);
    kg_free(files[i].backup);
  }
}

/* Writes the whole set into a staging directory beside exports/ and then
 * exchanges the two directories in one atomic step (renameat2 with
 * RENAME_EXCHANGE), so that whoever looks, even after a SIGKILL or a power
 * cut at any moment, sees either the old set or the new one, never a new
 * Turtle beside an old GraphML.  Where the exchange is impossible the files
 * are renamed into exports/ one by one, with the old ones kept as hard links
 * until all are in (see replace_all). */
static kg_status emit_set(const kg_network *net,
                          const kg_backend *const *backends, size_t count,
                          const char *dir, unsigned jobs, kg_diag *diag,
                          volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  char *parent = NULL, *base = NULL, *staging = NULL, *journal = NULL;
  pending *files = kg_calloc(count + 1, sizeof *files);
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
  lock = lock_parent(parent, interrupted);
  kg_emit_clean_stale(dir); /* safe only under the lock */
  TRY(refuse_directories(dir, backends, count, diag));
  TRY(make_staging(dir, parent, base, &staging, diag));
  TRY(place_files(files, backends, count, dir, staging));
  TRY(write_all(net, backends, files, count, jobs, diag, interrupted));
  if (interrupted && *interrupted) {
    st = KG_ERR_INTERRUPTED;
    goto out;
  }
  TRY(replace_all(files, count, staging ? NULL : journal, diag));
  if (staging)
    TRY(install_staged(files, backends, count, dir, parent, staging, journal,
                       diag));
  else
    sync_dir(dir);
out:
  pending_clear(files, count);
  if (staging)
    remove_flat_dir(staging); /* the old set, or what a failure left */
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
    char *next = link[0] == '/' ? path_join(link, "")
                                : (dir ? path_join(dir, link) : NULL);
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
  int fd =
      open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (append ? O_APPEND : 0));
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
  kg_status st = write_checked(net, backend, out, path, diag, false, 1);
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
  TRY(write_one(net, backend, &one, diag, 1));
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
  pending_clear(&one, 1);
  return st;
}

kg_status kg_emit_files(const kg_network *net,
                        const kg_backend *const *backends, size_t count,
                        const char *dir, const char *path, unsigned jobs,
                        kg_diag *diag, volatile sig_atomic_t *interrupted)
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

/* Is name the file of one of the exports, in any of its forms (kg.nt,
 * kg.nt.gz, kg.nt.zst)?  A killed run's staged kg.nt.gz is kgbuild's, not
 * a foreign file to move back into exports/. */
static bool is_export_file(const char *name)
{
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (is_form_of(&kg_backends[i], name))
      return true;
  return false;
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
      bool ours = is_export_file(e->d_name) ||
                  !strncmp(e->d_name, TMP_PREFIX, sizeof TMP_PREFIX - 1);
      bool whole = S_ISDIR(in_staging.st_mode) && is_dir_export(e->d_name) &&
                   strncmp(e->d_name, TMP_PREFIX, sizeof TMP_PREFIX - 1);
      if ((!ours || whole) && lstat(to, &in_exports) != 0 && errno == ENOENT)
        rename(from, to); /* a site moved aside is kept, as a foreign entry */
      else if (S_ISDIR(in_staging.st_mode) && is_dir_export(e->d_name))
        remove_tree(from);
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
    for (struct dirent *e; (e = readdir(d));) {
      if (!is_staging_name(e->d_name, base))
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
