/* diag.h - diagnostics as data.  Every stage reports problems as records
 * (position, severity, code, message, hint, note) handed to one sink, which
 * prints them gcc-style (with the source line and a caret) or as JSON lines.
 * The sink counts them; the driver decides the exit status from the count. */
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

typedef struct {
  kg_severity severity;
  kg_pos pos;
  const char *code; /* stable, for tools: "duplicate-key", "unknown-key" */
  const char *message;
  const char *hint; /* "did you mean 'x'?", appended in parentheses */
  kg_pos note_pos;  /* a second place involved, e.g. the first definition */
  const char *note;
} kg_diagnostic;

typedef enum { KG_DIAG_TEXT, KG_DIAG_JSON } kg_diag_format;

typedef struct kg_diag kg_diag;

kg_diag *kg_diag_new(FILE *out, kg_diag_format format, bool color) KG_NODISCARD;
/* Prints what was collected (kg_diag_flush), then frees.  NULL is allowed. */
void kg_diag_free(kg_diag *diag);

/* From now on, hold diagnostics back and print them at kg_diag_flush,
 * sorted by file, line and column (ties in the order they came): a run
 * reports the problems of every stage together, in the order of the
 * files, whatever stage found each.  Each is rendered (with its excerpt)
 * when it comes, so its source need not outlive it. */
void kg_diag_collect(kg_diag *diag);
/* Prints what was collected, sorted, and the counts of what was folded.
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
 * so that output does not depend on timing; printed at once unless `into`
 * collects), adds its counts, and frees it; a held text identical to the
 * one released just before is dropped.  Sources registered with a held sink
 * give its diagnostics their source lines; kg_diag_adopt_sources registers them
 * with `into` too, for the diagnostics that come later. */
kg_diag *kg_diag_hold_new(const kg_diag *like) KG_NODISCARD;
void kg_diag_release(kg_diag *into, kg_diag *held);
kg_status kg_diag_adopt_sources(kg_diag *into, kg_diag *held) KG_NODISCARD;

/* Register a file's text so that positions in it can show the source line.
 * The text must outlive the sink.  Also the line map for byte offsets. */
kg_status kg_diag_add_source(kg_diag *diag, const char *file, const char *text,
                             size_t len) KG_NODISCARD;

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

/* Prints "N errors and M warnings generated." when there were any. */
void kg_diag_summary(kg_diag *diag);

/* Quote a value for a message: at most `max` characters, control characters
 * and invalid bytes shown as \xNN, and "..." when cut.  Writes into buf. */
const char *kg_diag_quote(const char *s, size_t len, char *buf, size_t bufsize);

#endif
