/* factbase.h - where a fact base is.  A fact base is a directory that
 * holds facts/ (and, optionally, its own ontology/, sources/ and
 * exports/); kgbuild finds it by walking up from a directory, as git
 * finds a work tree, so that it runs from anywhere inside one.  An
 * installed kgbuild reads the ontology and the JSON Schema from its data
 * directory (KG_DATADIR at build time, KGBUILD_DATADIR at run time) when
 * the fact base has no ontology of its own.  Also: `kgbuild init`, and a
 * git revision of a fact base read into a temporary directory by git
 * itself (for `kgbuild diff REV`).  The language server reuses these. */
#ifndef KG_FACTBASE_H
#define KG_FACTBASE_H

#include "arena.h"
#include "diag.h"

/* The configuration file at a fact base's root (docs/facts.md,
 * "kgbuild.yaml"); `kgbuild init` writes one. */
#define KG_CONFIG_NAME "kgbuild.yaml"

/* A fact base's layout: the directories under its root, named here once
 * for every module that goes into one (kg_factbase has them joined). */
#define KG_BASE_FACTS "facts"
#define KG_BASE_SOURCES "sources"
#define KG_BASE_ONTOLOGY "ontology"
#define KG_BASE_EXPORTS "exports"

/* At most this many archive directories (kgbuild.yaml and --sources). */
enum { KG_MAX_ARCHIVES = 16 };

/* A found fact base: one rule for every front end (the command line, the
 * language server, the tests).  Paths are relative to the current
 * directory when it is inside the fact base or the fact base inside it
 * ("facts" at the root, "../facts" one level down), so that diagnostics
 * name files as the curator sees them; absolute otherwise.  All owned
 * (malloc, or the arena for what kgbuild.yaml says). */
typedef struct {
  char *root;     /* the directory that holds facts/; NULL: none found */
  char *facts;    /* root/facts; "facts" when none was found */
  char *exports;  /* root/exports; "exports" when none was found */
  char *ontology; /* root/ontology, ./ontology or the installed one */
  char *sources;  /* root/sources: the archived copies; "sources" if none */
  /* What root/kgbuild.yaml says (kg_factbase_configure); NULL: not said. */
  kg_arena *arena;
  const char *config;                    /* its path, when there is one */
  const char *archives[KG_MAX_ARCHIVES]; /* more archive directories, */
  size_t archive_count;                  /* as paths from here */
  const char *base;                      /* the base IRI */
  const char *measures;                  /* --measures */
  const char *compress;                  /* --compress */
  const char *jobs;                      /* --jobs */
} kg_factbase;

/* The data directory (the installed ontology/ and facts.schema.json):
 * $KGBUILD_DATADIR when set and not empty; otherwise the first directory
 * of BINDIR/../share/kgbuild, where BINDIR holds the running binary (as
 * git's RUNTIME_PREFIX), and the one compiled in (KG_DATADIR); when
 * neither exists, the compiled-in one.  Worked out at each call, into
 * static storage: for the driver's thread. */
const char *kg_datadir(void);
/* The installed ontology's directory, kg_datadir()/ontology. */
const char *kg_datadir_ontology(void);
/* Every place the installed ontology was looked for, as a phrase for a
 * "not found" error: "A/ontology, then B/ontology (...)". */
const char *kg_datadir_looked(void);

/* Finds the fact base that holds the directory `start` (walking up to /)
 * and fills fb.  Not finding one is not an error: fb->root is NULL and the
 * other paths are today's defaults.  The ontology is the first directory
 * that exists of root/ontology, ./ontology and DATADIR/ontology. */
kg_status kg_factbase_find(const char *start, kg_factbase *fb) KG_NODISCARD;
/* Reads root/kgbuild.yaml, if there is one, into fb (archives, base,
 * default options).  Unknown keys and values of the wrong shape are
 * reported at file:line:col: KG_ERR_USAGE, as a bad option is. */
kg_status kg_factbase_configure(kg_factbase *fb, kg_diag *diag) KG_NODISCARD;
/* NULL is allowed; the struct itself is the caller's. */
void kg_factbase_free(kg_factbase *fb);

/* The absolute, resolved directory at or above `start` that holds facts/,
 * into `at` (PATH_MAX bytes); false when there is none up to /.  The
 * language server finds its root with it, as the command line does. */
bool kg_factbase_locate(const char *start, char *at);

/* Whether path names a directory (following symlinks). */
bool kg_is_dir(const char *path);

/* Creates a new fact base in dir (created if missing): facts/ with one
 * commented example entry whose modeline names the installed JSON Schema,
 * sources/, kgbuild.yaml, .gitignore and README.md.  Everything is
 * checked before anything is created: it refuses (KG_ERR_USAGE, reported)
 * when dir already holds a fact base (facts/ or kgbuild.yaml) or a path it
 * needs is taken by something else.  A README.md there is kept; an existing
 * .gitignore gets the exports line appended. */
kg_status kg_factbase_init(const char *dir, kg_diag *diag) KG_NODISCARD;

/* Reads the facts/ of the fact base at root as git revision rev has them
 * into a new temporary directory *tmp (its facts/ inside), by running
 * `git rev-parse` and `git archive` and `tar`.  An unknown revision is
 * KG_ERR_USAGE, a missing git or tar KG_ERR_IO; both are reported.  The
 * caller removes *tmp with kg_remove_tree and frees it. */
kg_status kg_factbase_checkout(const char *root, const char *rev, char **tmp,
                               kg_diag *diag) KG_NODISCARD;

/* Removes a directory tree made by kg_factbase_checkout; NULL is allowed. */
void kg_remove_tree(const char *dir);

#endif
