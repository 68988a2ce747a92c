/* lsp_base.h - the language server's fact base: every fact file's text
 * and YAML tree kept in memory (an open buffer's text replacing the file's
 * on disk), and a model checked from the kept trees.  A keystroke re-parses
 * the one file it changed; the model and check are rebuilt from the trees
 * (docs/performance.md, "The language server").  Also the text positions
 * LSP speaks: 0-based lines, UTF-16 code units. */
#ifndef KG_LSP_BASE_H
#define KG_LSP_BASE_H

#include "factbase.h"
#include "model.h"

/* A diagnostic as the sink handed it to its client (diag.h), copied: the
 * server keeps check's records as data and writes JSON once, when it
 * publishes them (lsp_diags.h).  Lines and columns are 0 when none. */
typedef struct {
  const char *file; /* NULL: no place (a count over the base) */
  const char *code; /* "" when none */
  const char *message;
  const char *hint;      /* or NULL */
  const char *note;      /* or NULL */
  const char *note_file; /* or NULL */
  uint32_t line, column, note_line, note_column;
  kg_severity severity;
} kg_lsp_diag;

/* A list of them, in the order the sink handed them over (sorted by file,
 * line and column, as check prints them). */
typedef struct {
  kg_lsp_diag *items;
  size_t count, capacity;
  kg_arena *arena; /* their strings */
} kg_lsp_diags;

/* Appends a copy of d (its strings too).  KG_ERR_NOMEM leaves l as it was
 * but for the strings' memory. */
kg_status kg_lsp_diags_add(kg_lsp_diags *l, const kg_lsp_diag *d) KG_NODISCARD;
/* Frees what l holds and empties it.  NULL is allowed. */
void kg_lsp_diags_free(kg_lsp_diags *l);
/* Moves from's items to *to (whose own are freed); from is left empty. */
void kg_lsp_diags_move(kg_lsp_diags *to, kg_lsp_diags *from);

typedef struct {
  char *name; /* the name positions give: relative to the root, as
                 `kgbuild check` run there names it */
  char *path; /* absolute, as found under the root (read from here) */
  char *real; /* path normalised as URIs are (kg_lsp_normal_path): what a
                 document's URI is matched against */
  char *uri;
  kg_arena *text_arena; /* holds text ("" when unreadable) */
  const char *text;
  size_t len;
  /* Or, once edited in place (lsp_incr.c), text is buf, of cap bytes,
   * owned: a keystroke moves the tail of a big file rather than copy it
   * whole into new memory. */
  char *buf;
  size_t cap;
  bool open;      /* the editor has it open: its text is the buffer's */
  bool published; /* diagnostics were published for it and not cleared */
  bool reparsed;  /* parsed whole since the last whole check */
  kg_arena *tree; /* holds root (and the entries re-parsed alone since,
                     adopted: lsp_incr.c) */
  kg_ynode *root;
  kg_status loaded;        /* how parsing it went: KG_OK, FACTS or IO */
  kg_lsp_diags load_diags; /* its loading's diagnostics */
} kg_lsp_file;

/* An entry checked alone and settled since the last whole check (another
 * entry was edited next): the whole model's lines of its file below
 * `last` have moved by `delta`, in the lines the file had when the entry
 * was first edited (settled entries apply in order). */
typedef struct {
  size_t file; /* its index in the base's files */
  uint32_t last;
  int64_t delta;
} kg_lsp_move;

/* What changed since the last whole check, when it is one entry of one
 * file at a time (lsp_incr.c re-checks that entry alone): `file` is NULL
 * when no entry is being edited, and `whole` says that the next check
 * must be whole.  When the curator moves to another entry, the one left
 * is settled (its check becomes the baseline: `whole_diags` of the next)
 * and recorded in `moves`. */
typedef struct {
  kg_lsp_file *file;
  bool whole;
  kg_ynode *seq;        /* the section's sequence, in file's tree */
  uint32_t index;       /* the entry's place in it */
  uint32_t first, last; /* its lines at its first edit (1-based) */
  int64_t delta;        /* lines the edits added since (or took out) */
  const char *id;       /* its id (interned) */
  char *signature;      /* what the entry said to other entries then */
  size_t signature_len;
  kg_lsp_diags whole_diags; /* the diagnostics then: the baseline */
  /* Since the last whole check: */
  size_t splices; /* entries re-parsed alone */
  kg_lsp_move *moves;
  size_t move_count, move_capacity;
} kg_lsp_pending;

typedef struct {
  const kg_ontology *onto;
  kg_map *strings;
  char *root; /* absolute, resolved */
  /* The fact base at root, found and configured as the command line
   * finds it (factbase.h), and where its archived copies are. */
  kg_factbase fb;
  const char *archives[KG_MAX_ARCHIVES];
  size_t archive_count;
  kg_lsp_file **files;
  size_t count, capacity;
  kg_lsp_file *preset; /* given its buffer's text when the base opened */
  kg_arena *arena;     /* the model's */
  kg_model model;
  bool modelled;
  kg_lsp_diags check_diags; /* modelling and checking's diagnostics */
  kg_lsp_pending pending;
  /* The diagnostics are those of the text, but the model is the last
   * whole check's (an entry was re-checked alone since): what reads
   * positions or values from it must check the whole base first. */
  bool stale;
  /* For the log and the tests: how the last check went (true: the
   * changed entry alone), and how many checks of each kind there were;
   * with KG_LSP_VERIFY set, each entry's check is followed by a whole one
   * and `differed` counts those whose diagnostics were not the same. */
  bool incremental;
  const char *why; /* why the check must be whole (a static text), until
                      logged (NULL: no reason given) */
  size_t entry_checks, whole_checks, differed;
  size_t checked_count; /* files at the last whole check */
  bool checked;         /* the last whole check ran to its end */
  /* For the log (docs/performance.md): opening's parse, and the last
   * re-check's modelling and checking, in seconds of wall and CPU time. */
  double parse_seconds, model_seconds, check_seconds, check_cpu_seconds;
} kg_lsp_base;

/* Opens the fact base at root (an absolute directory with facts/): reads
 * and parses every fact file on up to `threads` threads, naming each by
 * its path from root; the one at `opened` (a normalised path, or NULL)
 * is parsed from `text` (the editor's buffer) instead of read, and is
 * b->preset. */
kg_status kg_lsp_base_open(kg_lsp_base *b, const kg_ontology *onto,
                           kg_map *strings, const char *root,
                           const char *opened, const char *text, size_t len,
                           unsigned threads) KG_NODISCARD;
void kg_lsp_base_free(kg_lsp_base *b);

/* The file of a URI (compared decoded), or NULL. */
kg_lsp_file *kg_lsp_base_find(const kg_lsp_base *b, const char *uri);
/* The file positions name `name`, or NULL. */
kg_lsp_file *kg_lsp_base_named(const kg_lsp_base *b, const char *name);
/* Adds a file the editor opened outside facts/ (checked with the base, as
 * `kgbuild check FILE` would). */
kg_status kg_lsp_base_add(kg_lsp_base *b, const char *uri,
                          kg_lsp_file **out) KG_NODISCARD;
/* Replaces a file's text (an editor's buffer) and re-parses it. */
kg_status kg_lsp_file_set_text(kg_lsp_file *f, const char *text,
                               size_t len) KG_NODISCARD;
/* Reads a file's text from disk again (closed in the editor). */
kg_status kg_lsp_file_reload(kg_lsp_file *f) KG_NODISCARD;
/* Models every kept tree and checks the whole, quotes against the
 * archived copies included, as `kgbuild check` does (build.h): the model
 * and the diagnostics are replaced. */
kg_status kg_lsp_base_check(kg_lsp_base *b) KG_NODISCARD;

/* A diagnostic sink whose client keeps each record (a kg_lsp_diag),
 * folding nothing (an editor shows each file's problems in that file).
 * It must stay where it is between open and close (it is the client's
 * handle). */
typedef struct {
  kg_diag *diag;
  kg_lsp_diags list;
  bool nomem; /* a record could not be kept */
} kg_lsp_sink;
kg_status kg_lsp_sink_open(kg_lsp_sink *s) KG_NODISCARD;
/* Closes the sink (what it held back is handed over first); its records
 * replace *out's.  NULL out: they are dropped. */
kg_status kg_lsp_sink_close(kg_lsp_sink *s, kg_lsp_diags *out) KG_NODISCARD;

/* Seconds on a monotonic clock, or of this process's CPU time. */
double kg_lsp_seconds(bool cpu);

/* ---- positions ---------------------------------------------------------- */

/* The byte offset where 0-based `line` starts (len when past the end). */
size_t kg_lsp_line_start(const char *text, size_t len, uint32_t line);
/* Line `line` (0-based) of f, without its line break. */
kg_slice kg_lsp_line(const kg_lsp_file *f, uint32_t line);
/* May c be part of an id?  (kg_id_check says what an id is; this is only
 * for finding the word under the cursor.) */
bool kg_lsp_is_id_char(char c);
/* UTF-16 code units in the first `chars` characters of a line. */
uint32_t kg_lsp_utf16_col(const char *text, size_t len, uint32_t line,
                          uint32_t chars);
/* The byte offset of an LSP position (clamped to its line). */
size_t kg_lsp_offset(const char *text, size_t len, uint32_t line,
                     uint32_t utf16);

/* file:///a%20b -> /a b (kg_malloc'd; NULL if not a file URI of this
 * machine) and back.  The path is normalised, so that every spelling of
 * a file names it once: percent-encoding decoded, file://localhost/
 * read as file:///, "//", "/./" and ".." taken out, and symbolic links
 * resolved (of the file, or of its directory when it does not exist). */
char *kg_lsp_uri_to_path(const char *uri) KG_NODISCARD;
char *kg_lsp_path_to_uri(const char *path) KG_NODISCARD;
/* An absolute path normalised as kg_lsp_uri_to_path does (kg_malloc'd). */
char *kg_lsp_normal_path(const char *path) KG_NODISCARD;

#endif
