/* factbase.c - finding a fact base, creating one, and reading one from git.
 * Paths are malloc'd C strings; every function cleans up at one `out`. */
/* nftw (removing a temporary tree) is an X/Open function. */
#define _XOPEN_SOURCE 700
#include "factbase.h"

#include "files.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef KG_DATADIR
#define KG_DATADIR "/usr/local/share/kgbuild"
#endif

extern char **environ;

/* Where the installed data may be, worked out at each call (the tests
 * change KGBUILD_DATADIR in one process; the driver asks from its own
 * thread, before any other starts): $KGBUILD_DATADIR
 * alone when it is set; else ../share/kgbuild beside the directory of the
 * running binary (a tree installed under any PREFIX, or moved whole, finds
 * its own data, as git's RUNTIME_PREFIX does), then the compiled-in
 * KG_DATADIR.  The first that is a directory is the data directory; when
 * none is, the last, so that an error names a place. */
static struct {
  char relative[PATH_MAX + 32];
  const char *places[2];
  size_t count;
  const char *chosen;
  char ontology[PATH_MAX + 16];
  char looked[3 * PATH_MAX + 64];
} data;

/* BINDIR/../share/kgbuild for the running binary, or "" when the system
 * does not say where it is.  /proc/self/exe is the binary with every
 * symbolic link resolved, so the parent of its directory is textual. */
static void binary_relative(char *out, size_t size)
{
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  out[0] = '\0';
  if (n <= 0)
    return;
  exe[n] = '\0';
  for (int up = 0; up < 2; ++up) { /* drop the name, then bin/ */
    char *slash = strrchr(exe, '/');
    if (!slash)
      return;
    *slash = '\0';
  }
  snprintf(out, size, "%s/share/kgbuild", exe);
}

static void find_datadir(void)
{
  const char *env = getenv("KGBUILD_DATADIR");
  data.count = 0;
  if (env && *env) {
    data.places[data.count++] = env;
  } else {
    binary_relative(data.relative, sizeof data.relative);
    if (*data.relative && strcmp(data.relative, KG_DATADIR))
      data.places[data.count++] = data.relative;
    data.places[data.count++] = KG_DATADIR;
  }
  data.chosen = data.places[data.count - 1];
  for (size_t i = 0; i < data.count; ++i)
    if (kg_is_dir(data.places[i])) {
      data.chosen = data.places[i];
      break;
    }
  snprintf(data.ontology, sizeof data.ontology, "%s/ontology", data.chosen);
  snprintf(data.looked, sizeof data.looked, "%s/ontology%s%s%s%s",
           data.places[0], data.count > 1 ? ", then " : "",
           data.count > 1 ? data.places[1] : "",
           data.count > 1 ? "/ontology" : "",
           env && *env ? " ($KGBUILD_DATADIR)"
                       : " (set KGBUILD_DATADIR to look elsewhere)");
}

const char *kg_datadir(void)
{
  find_datadir();
  return data.chosen;
}

const char *kg_datadir_ontology(void)
{
  find_datadir();
  return data.ontology;
}

const char *kg_datadir_looked(void)
{
  find_datadir();
  return data.looked;
}

bool kg_is_dir(const char *path)
{
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* dir/name, with "." left out so that the root's files read "facts/x". */
static char *join(const char *dir, const char *name)
{
  return kg_path_join(NULL, strcmp(dir, ".") ? dir : "", name);
}

static char *copy(const char *s)
{
  size_t n = strlen(s) + 1;
  char *c = kg_malloc(n);
  if (c)
    memcpy(c, s, n);
  return c;
}

/* `dir` (absolute, resolved) as the current directory `cwd` reaches it:
 * ".", "../..", "sub/dir", or dir itself when neither holds the other. */
static char *relative(const char *dir, const char *cwd)
{
  size_t d = strlen(dir), c = strlen(cwd);
  if (!strcmp(dir, cwd))
    return copy(".");
  if (!strcmp(dir, "/") || (c > d && !strncmp(cwd, dir, d) && cwd[d] == '/')) {
    size_t up = 0; /* components of cwd below dir */
    for (const char *s = cwd + (strcmp(dir, "/") ? d : 0); *s; ++s)
      up += *s == '/';
    char *rel = kg_malloc(3 * up + 1);
    if (!rel)
      return NULL;
    rel[0] = '\0';
    for (size_t i = 0; i < up; ++i)
      strcat(rel, i ? "/.." : "..");
    return rel;
  }
  if (d > c && !strncmp(dir, cwd, c) && (dir[c] == '/' || c == 1))
    return copy(dir + c + (c > 1));
  return copy(dir);
}

bool kg_factbase_locate(const char *start, char *at)
{
  if (!realpath(start, at))
    return false;
  for (;;) {
    char probe[PATH_MAX + 8];
    snprintf(probe, sizeof probe, "%s/" KG_BASE_FACTS,
             strcmp(at, "/") ? at : "");
    if (kg_is_dir(probe))
      return true;
    char *slash = strrchr(at, '/');
    if (!slash || !strcmp(at, "/"))
      return false;
    slash[slash == at] = '\0'; /* "/a" -> "/" */
  }
}

/* The first ontology directory that exists, or "ontology" (so that the
 * error names what was looked for today). */
static char *find_ontology(const char *root)
{
  char *own = root ? join(root, KG_BASE_ONTOLOGY) : NULL;
  if (own && kg_is_dir(own))
    return own;
  kg_free(own);
  if (kg_is_dir(KG_BASE_ONTOLOGY))
    return copy(KG_BASE_ONTOLOGY);
  char *installed = copy(kg_datadir_ontology());
  if (installed && kg_is_dir(installed))
    return installed;
  kg_free(installed);
  return copy(KG_BASE_ONTOLOGY);
}

kg_status kg_factbase_find(const char *start, kg_factbase *fb)
{
  kg_status st = KG_OK;
  char at[PATH_MAX], cwd[PATH_MAX];
  *fb = (kg_factbase){0};
  if (kg_factbase_locate(start, at) && getcwd(cwd, sizeof cwd) &&
      !(fb->root = relative(at, cwd))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  fb->facts = fb->root ? join(fb->root, KG_BASE_FACTS) : copy(KG_BASE_FACTS);
  fb->exports =
      fb->root ? join(fb->root, KG_BASE_EXPORTS) : copy(KG_BASE_EXPORTS);
  fb->ontology = find_ontology(fb->root);
  fb->sources =
      fb->root ? join(fb->root, KG_BASE_SOURCES) : copy(KG_BASE_SOURCES);
  if (!fb->facts || !fb->exports || !fb->ontology || !fb->sources)
    st = KG_ERR_NOMEM;
out:
  if (st != KG_OK)
    kg_factbase_free(fb);
  return st;
}

void kg_factbase_free(kg_factbase *fb)
{
  if (!fb)
    return;
  kg_free(fb->root);
  kg_free(fb->facts);
  kg_free(fb->exports);
  kg_free(fb->ontology);
  kg_free(fb->sources);
  kg_arena_free(fb->arena);
  *fb = (kg_factbase){0};
}

/* ---- kgbuild.yaml ---------------------------------------------------------
 */

/* The keys of kgbuild.yaml, for the unknown-key hint. */
#define CONFIG_KEYS "archives, base, measures, compress, jobs"

/* Every setting is read, so that one run reports every mistake; running
 * out of memory outranks a mistake. */
static kg_status worse_of(kg_status a, kg_status b)
{
  return a == KG_OK || b == KG_ERR_NOMEM ? b : a;
}

static kg_status config_error(kg_diag *diag, const kg_ynode *n,
                              const char *file, const char *code,
                              const char *message, const char *hint)
{
  kg_diag_emit(diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                      .pos = kg_ynode_pos(n, file),
                                      .code = code,
                                      .message = message,
                                      .hint = hint});
  return KG_ERR_USAGE;
}

/* An archive directory, relative to the root unless absolute, as a path
 * from here. */
static kg_status config_archive(kg_factbase *fb, const kg_ynode *v,
                                const char *file, kg_diag *diag)
{
  if (v->kind != KG_YAML_SCALAR || !v->len)
    return config_error(diag, v, file, "config-value",
                        "an archive directory is a path", NULL);
  if (fb->archive_count == KG_MAX_ARCHIVES)
    return config_error(diag, v, file, "config-value",
                        "too many archive directories", NULL);
  char *path = v->text[0] == '/' ? copy(v->text) : join(fb->root, v->text);
  const char *kept =
      path ? kg_arena_strndup(fb->arena, path, strlen(path)) : NULL;
  kg_free(path);
  if (!kept)
    return KG_ERR_NOMEM;
  fb->archives[fb->archive_count++] = kept;
  return KG_OK;
}

/* A setting that is one text: the value of an option of the same name. */
static kg_status config_text(kg_factbase *fb, const kg_ynode *v,
                             const char *file, kg_diag *diag, const char **out)
{
  if (v->kind != KG_YAML_SCALAR)
    return config_error(diag, v, file, "config-value",
                        "this setting is one value, as its option takes", NULL);
  *out = kg_arena_strndup(fb->arena, v->text, v->len);
  return *out ? KG_OK : KG_ERR_NOMEM;
}

static kg_status config_pair(kg_factbase *fb, const kg_ynode *k,
                             const kg_ynode *v, const char *file, kg_diag *diag)
{
  kg_status st = KG_OK;
  char message[160];
  if (!strcmp(k->text, "archives") && v->kind == KG_YAML_SEQ) {
    for (uint32_t i = 0; i < v->count && st == KG_OK; ++i)
      st = config_archive(fb, v->items[i], file, diag);
    return st;
  }
  if (!strcmp(k->text, "archives"))
    return config_archive(fb, v, file, diag);
  if (!strcmp(k->text, "base"))
    return config_text(fb, v, file, diag, &fb->base);
  if (!strcmp(k->text, "measures"))
    return config_text(fb, v, file, diag, &fb->measures);
  if (!strcmp(k->text, "compress"))
    return config_text(fb, v, file, diag, &fb->compress);
  if (!strcmp(k->text, "jobs"))
    return config_text(fb, v, file, diag, &fb->jobs);
  snprintf(message, sizeof message, "unknown key '%.64s' in %s", k->text,
           KG_CONFIG_NAME);
  return config_error(diag, k, file, "unknown-key", message,
                      "the keys are " CONFIG_KEYS);
}

kg_status kg_factbase_configure(kg_factbase *fb, kg_diag *diag)
{
  kg_status st = KG_OK;
  const char *name = NULL, *text = NULL;
  size_t len = 0;
  kg_ynode *root = NULL;
  char *path = fb->root ? join(fb->root, KG_CONFIG_NAME) : NULL;
  if (!fb->root || (path && access(path, F_OK) != 0))
    goto out; /* no configuration: the defaults */
  if (!path || !(fb->arena = kg_arena_new()))
    TRY(KG_ERR_NOMEM);
  TRY(kg_load_read(fb->arena, diag, path, &name, &text, &len));
  st = kg_load_buffer(fb->arena, diag, name, text, len, &root);
  TRY(st == KG_ERR_FACTS ? KG_ERR_USAGE : st);
  fb->config = name;
  if (root && root->kind != KG_YAML_MAP)
    TRY(config_error(diag, root, name, "config-shape",
                     "kgbuild.yaml holds settings, key: value",
                     "the keys are " CONFIG_KEYS));
  for (uint32_t i = 0; root && i < root->count; ++i)
    st = worse_of(st, config_pair(fb, root->items[2 * i],
                                  root->items[2 * i + 1], name, diag));
out:
  kg_free(path);
  return st;
}

/* ---- init -----------------------------------------------------------------
 */

static const char example_head[] =
    "# A fact file.  Top-level sections (sources, people, organisations,\n"
    "# posts, appointments, events, claims, topics, ...) each hold a list of\n"
    "# entries; every entry has an id, by which the others refer to it, and\n"
    "# cites the source that says it (`source:`), ideally with the passage\n"
    "# word for word (`quote:`).  The format: `man kgbuild` and the\n"
    "# facts.md of kgbuild's documentation.  Replace this example.\n"
    "\n"
    "sources:\n"
    "  - id: example-source        # lower-case words joined by '-'\n"
    "    type: article\n"
    "    title: \"An example article\"\n"
    "    language: en\n"
    "\n"
    "people:\n"
    "  - id: ada-lovelace\n"
    "    name: {en: Ada Lovelace}  # a text in one or more languages\n"
    "    source: example-source    # the entry of `sources:` that says so\n"
    "    quote: \"Ada Lovelace\"     # its passage, word for word\n";

static const char readme_text[] =
    "# A kgbuild fact base\n"
    "\n"
    "- `facts/`: the curated facts, YAML files (see facts/example.yaml).\n"
    "- `sources/`: local copies of the documents the facts cite\n"
    "  (`local-copy:`); their quotes are checked against them.\n"
    "- `kgbuild.yaml`: settings: more archive directories, the base IRI,\n"
    "  default options.\n"
    "- `exports/`: what `kgbuild` builds (RDF, GraphML, GEXF, ...); not\n"
    "  kept in git (.gitignore).\n"
    "- `ontology/` (optional): Turtle files that replace the installed\n"
    "  ontology.\n"
    "\n"
    "From anywhere inside this directory:\n"
    "\n"
    "    kgbuild check                 # check every fact file\n"
    "    kgbuild check facts/x.yaml    # one file, against all the others\n"
    "    kgbuild                       # check and build exports/\n"
    "    kgbuild show ID               # one entry, as a reviewer reads it\n"
    "    kgbuild diff main             # what changed since git's main\n"
    "\n"
    "`kgbuild check` exits 1 when a fact is wrong, printing each problem\n"
    "as file:line:column; `man kgbuild` describes every command.\n";

static const char gitignore_text[] = "/exports/\n";

static const char sources_text[] =
    "Local copies of the sources the facts cite (`local-copy:` of an entry\n"
    "of `sources:`).\n";

/* Writes a new file (never over an existing one). */
static kg_status write_new(const char *dir, const char *name, const char *head,
                           const char *text, kg_diag *diag)
{
  kg_status st = KG_OK;
  char *path = join(dir, name);
  FILE *f = NULL;
  if (!path)
    return KG_ERR_NOMEM;
  if (!(f = fopen(path, "wx"))) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot create: %s",
             strerror(errno));
    st = KG_ERR_IO;
    goto out;
  }
  if (head)
    fputs(head, f);
  fputs(text, f);
  if (fclose(f) != 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot write: %s",
             strerror(errno));
    st = KG_ERR_IO;
  }
out:
  kg_free(path);
  return st;
}

static kg_status make_dir(const char *dir, const char *name, kg_diag *diag)
{
  char *path = name ? join(dir, name) : copy(dir);
  if (!path)
    return KG_ERR_NOMEM;
  kg_status st = KG_OK;
  /* init_check has made sure that what exists is a directory. */
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot create directory: %s",
             strerror(errno));
    st = KG_ERR_IO;
  }
  kg_free(path);
  return st;
}

static const char config_file_text[] =
    "# kgbuild.yaml - this fact base's settings; command-line options\n"
    "# override them (man kgbuild, \"Configuration\").\n"
    "#\n"
    "# Directories where sources' archived copies (local-copy) are looked\n"
    "# for after sources/, relative to this file; they may lie outside the\n"
    "# repository (e.g. ../archive).\n"
    "archives: []\n"
    "# The base IRI of entity IRIs (--base).\n"
    "# base: https://example.org/id/\n"
    "# Default options: measures, compress, jobs.\n";

/* What exists at dir/name: 0 nothing, else its stat mode (not followed). */
static mode_t existing(const char *dir, const char *name)
{
  struct stat sb;
  char *path = join(dir, name);
  mode_t mode = path && lstat(path, &sb) == 0 ? sb.st_mode : 0;
  if (mode && S_ISLNK(mode) && stat(path, &sb) == 0)
    mode = sb.st_mode; /* a link to a directory serves as one */
  kg_free(path);
  return mode;
}

static kg_status refuse(kg_diag *diag, const char *dir, const char *name,
                        const char *code, const char *message)
{
  char *path = join(dir, name);
  kg_error(diag, (kg_pos){path ? path : name, 0, 0}, code, "%s", message);
  kg_free(path);
  return path ? KG_ERR_USAGE : KG_ERR_NOMEM;
}

/* Everything init needs, checked before anything is created, so that a
 * refusal leaves the directory as it was. */
static kg_status init_check(const char *dir, kg_diag *diag)
{
  struct stat sb;
  if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
    return refuse(diag, dir, "", "exists", "not a directory");
  mode_t facts = existing(dir, KG_BASE_FACTS);
  if (facts && S_ISDIR(facts))
    return refuse(diag, dir, KG_BASE_FACTS, "exists",
                  "a fact base is already here; init creates a new one");
  if (facts)
    return refuse(diag, dir, KG_BASE_FACTS, "exists",
                  "exists and is not a directory; init needs it for the "
                  "fact files");
  if (existing(dir, KG_CONFIG_NAME))
    return refuse(diag, dir, KG_CONFIG_NAME, "exists",
                  "exists already; init would overwrite it");
  mode_t sources = existing(dir, KG_BASE_SOURCES);
  if (sources && !S_ISDIR(sources))
    return refuse(diag, dir, KG_BASE_SOURCES, "exists",
                  "exists and is not a directory; init needs it for the "
                  "archived copies");
  mode_t ignore = existing(dir, ".gitignore");
  if (ignore && !S_ISREG(ignore))
    return refuse(diag, dir, ".gitignore", "exists",
                  "exists and is not a file");
  return KG_OK;
}

/* Adds the exports line to an existing .gitignore, unless it has it. */
static kg_status append_ignore(const char *dir, kg_diag *diag)
{
  kg_status st = KG_OK;
  char *path = join(dir, ".gitignore"), line[512];
  FILE *f = path ? fopen(path, "a+") : NULL;
  bool has = false, ends_in_newline = true;
  if (!path)
    return KG_ERR_NOMEM;
  if (!f) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    TRY(KG_ERR_IO);
  }
  rewind(f);
  while (fgets(line, sizeof line, f)) {
    size_t n = strlen(line);
    ends_in_newline = n && line[n - 1] == '\n';
    has = has || !strcmp(line, gitignore_text) || !strcmp(line, "/exports\n");
  }
  /* C requires a positioning call between reading and writing. */
  if (!has && fseek(f, 0, SEEK_END) == 0)
    fprintf(f, "%s%s", ends_in_newline ? "" : "\n", gitignore_text);
  if (fclose(f) != 0) {
    f = NULL;
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot write: %s",
             strerror(errno));
    TRY(KG_ERR_IO);
  }
  f = NULL;
out:
  if (f)
    fclose(f);
  kg_free(path);
  return st;
}

kg_status kg_factbase_init(const char *dir, kg_diag *diag)
{
  kg_status st = KG_OK;
  char *facts = join(dir, KG_BASE_FACTS);
  char modeline[PATH_MAX + 64];
  if (!facts)
    return KG_ERR_NOMEM;
  TRY(init_check(dir, diag));
  /* The modeline names the installed schema: the YAML language server
   * reads `$schema=` to complete and check keys as the curator types. */
  snprintf(modeline, sizeof modeline,
           "# yaml-language-server: $schema=%s/facts.schema.json\n",
           kg_datadir());
  bool readme = existing(dir, "README.md") != 0;
  bool ignore = existing(dir, ".gitignore") != 0;
  bool sources_readme = existing(dir, "sources/README") != 0;
  TRY(make_dir(dir, NULL, diag));
  TRY(make_dir(dir, KG_BASE_FACTS, diag));
  TRY(make_dir(dir, KG_BASE_SOURCES, diag));
  TRY(write_new(facts, "example.yaml", modeline, example_head, diag));
  TRY(write_new(dir, KG_CONFIG_NAME, NULL, config_file_text, diag));
  if (!sources_readme)
    TRY(write_new(dir, "sources/README", NULL, sources_text, diag));
  if (ignore)
    TRY(append_ignore(dir, diag));
  else
    TRY(write_new(dir, ".gitignore", NULL, gitignore_text, diag));
  if (!readme) /* the user's own README is theirs */
    TRY(write_new(dir, "README.md", NULL, readme_text, diag));
out:
  kg_free(facts);
  return st;
}

/* ---- a revision from git --------------------------------------------------
 */

/* Runs argv (looked up in PATH) with standard output, and with `quiet`
 * standard error, on /dev/null; its exit status, or -1 when it could not
 * be run (errno set). */
static int run_tool(char *const argv[], bool quiet)
{
  posix_spawn_file_actions_t fa;
  pid_t pid;
  int status = -1;
  if (posix_spawn_file_actions_init(&fa) != 0)
    return -1;
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY,
                                   0);
  if (quiet)
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY,
                                     0);
  int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (err != 0) {
    errno = err;
    return -1;
  }
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A tool that could not be run, or failed: reported, with its status. */
static kg_status tool_failed(kg_diag *diag, const char *what, int rc,
                             kg_status status)
{
  if (rc < 0) {
    kg_error(diag, (kg_pos){0}, "io", "cannot run %s: %s", what,
             strerror(errno));
    return KG_ERR_IO;
  }
  kg_error(diag, (kg_pos){0}, "git", "%s failed (exit %d)", what, rc);
  return status;
}

kg_status kg_factbase_checkout(const char *root, const char *rev, char **tmp,
                               kg_diag *diag)
{
  kg_status st = KG_OK;
  const char *base = getenv("TMPDIR");
  char *tar = NULL, *spec = NULL;
  bool made = false;
  *tmp = join(base && *base ? base : "/tmp", "kgbuild-diff-XXXXXX");
  if (!*tmp || !(spec = kg_malloc(strlen(rev) + 16))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  char *repo[] = {"git", "-C", (char *)root, "rev-parse", "--git-dir", NULL};
  int in_git = run_tool(repo, true);
  if (in_git != 0) {
    if (in_git > 0)
      kg_error(diag, (kg_pos){0}, "git",
               "diff %s: not a git repository (the fact base in %s is in "
               "none); diff OLD NEW compares two trees",
               rev, root);
    st =
        in_git > 0 ? KG_ERR_USAGE : tool_failed(diag, "git", in_git, KG_ERR_IO);
    goto out;
  }
  /* `rev^{commit}` after --end-of-options: a revision is never an option. */
  sprintf(spec, "%s^{commit}", rev);
  char *verify[] = {"git",      "-C",      (char *)root,       "rev-parse",
                    "--verify", "--quiet", "--end-of-options", spec,
                    NULL};
  int rc = run_tool(verify, true);
  if (rc != 0) {
    if (rc > 0)
      kg_error(diag, (kg_pos){0}, "git",
               "'%s' is not a git revision of the fact base in %s", rev, root);
    st = rc > 0 ? KG_ERR_USAGE : tool_failed(diag, "git", rc, KG_ERR_IO);
    goto out;
  }
  if (!mkdtemp(*tmp)) {
    kg_error(diag, (kg_pos){*tmp, 0, 0}, "io",
             "cannot create a temporary directory: %s", strerror(errno));
    st = KG_ERR_IO;
    goto out;
  }
  made = true;
  if (!(tar = join(*tmp, "facts.tar"))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* git writes the tree of facts/ at rev; tar unpacks it.  kgbuild never
   * reads git's objects itself. */
  char *output = NULL;
  if (!(output = kg_malloc(strlen(tar) + 16))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  sprintf(output, "--output=%s", tar);
  char *archive[] = {"git",  "-C", (char *)root, "archive",     "--format=tar",
                     output, spec, "--",         KG_BASE_FACTS, NULL};
  rc = run_tool(archive, false);
  kg_free(output);
  if (rc != 0) {
    st = tool_failed(diag, "git archive", rc, KG_ERR_USAGE);
    goto out;
  }
  char *untar[] = {"tar", "-x", "-f", tar, "-C", *tmp, NULL};
  rc = run_tool(untar, false);
  if (rc != 0)
    st = tool_failed(diag, "tar", rc, KG_ERR_IO);
  unlink(tar);
out:
  if (st != KG_OK) { /* nothing is left behind on failure */
    kg_remove_tree(made ? *tmp : NULL);
    kg_free(*tmp);
    *tmp = NULL;
  }
  kg_free(spec);
  kg_free(tar);
  return st;
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
  (void)sb, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

void kg_remove_tree(const char *dir)
{
  if (dir)
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
