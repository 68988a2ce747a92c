/* diag.h - diagnostics as data.  Every stage reports problems as records
 * (position, severity, code, message, hint, note) handed to one sink, which
 * filters (kg_diag_only), counts, folds repeats, holds and sorts them, and
 * hands each to its client: a callback, as serd's error sink is.  The
 * printers below are two clients (gcc-style text with the source line and
 * a caret, and JSON lines); the language server has its own (lsp_diags.h).
 * The driver decides the exit status from the sink's count. */
#ifndef KG_DIAG_H
#define KG_DIAG_H

#include "kg.h"

#include <signal.h>
#include <stdio.h>

/* A 1-based position in a file; file == NULL means "no location". */
typedef struct {
  const char *file;
  uint32_t line, col;
} kg_pos;

typedef enum { KG_SEV_ERROR, KG_SEV_WARNING, KG_SEV_NOTE } kg_severity;

/* The source line of a place, as the sink hands it to its client: the
 * line's bytes as they are in the file (not NUL-terminated), of a long
 * line a window around the column, its cut ends marked. */
typedef struct {
  const char *text; /* NULL: no excerpt (no place, or no registered text) */
  size_t len;
  size_t caret; /* the byte offset of the column's character in text */
  uint32_t line;
  bool cut_before, cut_after;
} kg_excerpt;

/* Bytes of a line an excerpt shows at most, and how far before the caret
 * a long line's excerpt starts: a window around the caret, so that the
 * cost of a diagnostic does not grow with the length of its line. */
enum { KG_EXCERPT_BYTES = 400, KG_EXCERPT_BEFORE = 160 };

typedef struct {
  kg_severity severity;
  kg_pos pos;
  const char *code; /* stable, for tools: "duplicate-key", "unknown-key" */
  const char *message;
  const char *hint; /* "did you mean 'x'?", appended in parentheses */
  kg_pos note_pos;  /* a second place involved, e.g. the first definition */
  const char *note;
  /* Filled by the sink for a client that asks for them (excerpts): the
   * source lines of pos and note_pos.  A stage leaves them empty. */
  kg_excerpt excerpt, note_excerpt;
} kg_diagnostic;

/* A client of the sink.  report is handed each diagnostic the sink
 * reports: as it comes, or, once the sink collects, sorted at each flush;
 * what it points to lasts for the call only.  summary (NULL: none) is
 * handed the counts at kg_diag_summary.  A client with no report drops
 * everything (the sink still counts). */
typedef struct {
  void (*report)(void *handle, const kg_diagnostic *d);
  void (*summary)(void *handle, size_t errors, size_t warnings);
  void *handle;
  bool excerpts; /* report reads d->excerpt and d->note_excerpt */
} kg_diag_client;

typedef struct kg_diag kg_diag;

/* A sink that hands its diagnostics to client. */
kg_diag *kg_diag_new_client(kg_diag_client client) KG_NODISCARD;
/* Hands what was collected to the client (kg_diag_flush), then frees.
 * NULL is allowed. */
void kg_diag_free(kg_diag *diag);

/* ---- the printers: clients that write to a FILE ------------------------ */

typedef enum { KG_DIAG_TEXT, KG_DIAG_JSON } kg_diag_format;

/* A printer's state, the caller's, which must outlive the sink: each
 * diagnostic is rendered into buf and written to out with one write (an
 * unbuffered stderr gets a diagnostic at once, not a word at a time). */
typedef struct {
  FILE *out;
  bool color; /* text: ANSI colours */
  FILE *buf;  /* open_memstream, opened on first use */
  char *text;
  size_t len;
} kg_diag_printer;

/* gcc's form: "file:line:col: error: message (hint)", the source line and
 * a caret, the note likewise; "N errors and M warnings generated." */
kg_diag_client kg_diag_text_printer(kg_diag_printer *printer);
/* One JSON object a line (--diagnostics=json; docs/kgbuild.1). */
kg_diag_client kg_diag_json_printer(kg_diag_printer *printer);
/* Frees what a printer holds (not out).  NULL is allowed. */
void kg_diag_printer_close(kg_diag_printer *printer);

/* A sink with a printer of its own, in the format given. */
kg_diag *kg_diag_new(FILE *out, kg_diag_format format, bool color) KG_NODISCARD;

/* From now on, hold diagnostics back and hand them to the client at
 * kg_diag_flush, sorted by file, line and column (ties in the order they
 * came): a run reports the problems of every stage together, in the order
 * of the files, whatever stage found each.  Each is copied (with its
 * excerpts) when it comes, so its source need not outlive it. */
void kg_diag_collect(kg_diag *diag);
/* Reports what was collected, sorted, and the counts of what was folded.
 * The driver calls it once the facts are checked (model, check and the
 * quotes' check: a stage that flushed on its own would print its findings
 * before a later stage's on earlier lines); kg_diag_summary and
 * kg_diag_free call it too. */
void kg_diag_flush(kg_diag *diag);

/* Of each code and severity, at most this many diagnostics are printed in
 * a run; the others are counted (in the summary too) and told as one note
 * "N more warnings of [code] not shown", so that output stays linear in
 * the input however often one mistake repeats. */
enum { KG_DIAG_SHOWN_PER_CODE = 10 };
/* From now on, fold nothing: every diagnostic is rendered.  For the
 * language server, whose editor shows each file's problems in that file:
 * the first ten of a code in other files must not hide them. */
void kg_diag_show_all(kg_diag *diag);

/* The flag the run's signal handler sets (SIGINT, SIGTERM).  It travels
 * with the sink because every stage is handed the sink: long loops (the
 * reader, modelling, checking) poll kg_diag_interrupted and stop with
 * KG_ERR_INTERRUPTED.  Held sinks watch the flag of the sink they are
 * like.  Without a flag, kg_diag_interrupted is false. */
void kg_diag_watch(kg_diag *diag, const volatile sig_atomic_t *interrupted);
bool kg_diag_interrupted(const kg_diag *diag);

/* A sink that holds its diagnostics back, for work done on another thread:
 * kg_diag_release hands them to `into` (in the order the caller chooses,
 * so that output does not depend on timing; reported at once unless `into`
 * collects), adds its counts, and frees it; held diagnostics identical to
 * those released just before are dropped.  Sources registered with a held sink
 * give its diagnostics their source lines; kg_diag_adopt_sources registers them
 * with `into` too, for the diagnostics that come later. */
kg_diag *kg_diag_hold_new(const kg_diag *like) KG_NODISCARD;
void kg_diag_release(kg_diag *into, kg_diag *held);
kg_status kg_diag_adopt_sources(kg_diag *into, kg_diag *held) KG_NODISCARD;

/* Register a file's text so that positions in it can show the source line.
 * The text must outlive the sink, or kg_diag_forget_sources be called
 * before it is freed.  Also the line map for byte offsets. */
kg_status kg_diag_add_source(kg_diag *diag, const char *file, const char *text,
                             size_t len) KG_NODISCARD;
/* Drops every registered text (what was collected has its excerpts
 * already): for a sink that outlives the texts, as the driver's outlives
 * the run's arena and reports a failed standard output after it. */
void kg_diag_forget_sources(kg_diag *diag);

/* Convert a byte offset in a registered file to a 1-based line and column
 * (columns count characters, as libyaml's marks do). */
kg_pos kg_diag_pos_at(const kg_diag *diag, const char *file, size_t offset);

void kg_diag_emit(kg_diag *diag, const kg_diagnostic *d);

/* From now on, report (print and count) only the diagnostics in these
 * files, and those of no file: `kgbuild check FILE` loads the whole fact
 * base, so that references resolve, and reports the given files' problems.
 * The list is the caller's and must outlive the sink; sinks held later
 * (kg_diag_hold_new) filter alike. */
void kg_diag_only(kg_diag *diag, const char *const *files, size_t count);

/* Shorthands that format the message printf-style. */
void kg_error(kg_diag *diag, kg_pos pos, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void kg_warning(kg_diag *diag, kg_pos pos, const char *code, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));

size_t kg_diag_errors(const kg_diag *diag);
/* Whether a diagnostic could not be kept for want of memory: the run then
 * failed as a system failure (exit 3), whatever else it found. */
bool kg_diag_lost(const kg_diag *diag);

/* Flushes, then hands the counts to the client's summary (the text
 * printer's "N errors and M warnings generated.", when there were any). */
void kg_diag_summary(kg_diag *diag);

/* Quote a value for a message: at most `max` characters, control characters
 * and invalid bytes shown as \xNN, and "..." when cut.  Writes into buf. */
const char *kg_diag_quote(const char *s, size_t len, char *buf, size_t bufsize);

#endif
