/* diag.c - the diagnostic sink, its line map, and the two printers that
 * are its clients (text and JSON lines). */
#include "diag.h"

#include "arena.h"
#include "jsonw.h"
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A place on one line, remembered so that the next column asked of the
 * same line is found from there, not from the line's start: diagnostics
 * come in order along a line, and a line of two million characters must
 * not be counted from its start for each of them. */
typedef struct {
  size_t line;   /* 0-based index of the line; SIZE_MAX: none */
  size_t offset; /* a byte offset in it ... */
  uint32_t col;  /* ... and its 1-based column */
} cursor;

typedef struct {
  const char *file;
  const char *text;
  size_t len;
  size_t *line_starts; /* byte offset of each line's first byte */
  size_t line_count;
  cursor at;
} source;

/* One diagnostic of a collecting or holding sink, copied (its strings and
 * excerpts into `copy`, one allocation) so that neither the stage's
 * strings nor the source need outlive it. */
typedef struct {
  kg_diagnostic d;
  char *copy;
  size_t seq; /* ties keep the order of emission */
} record;

typedef struct {
  record *items;
  size_t count, capacity;
} records;

/* How many diagnostics of one code and severity were shown and how many
 * folded into a count, so that a mistake repeated a million times prints
 * a few excerpts and one line, not a million. */
typedef struct {
  const char *code;
  kg_severity severity;
  size_t shown, hidden, hidden_reported;
} fold;

struct kg_diag {
  kg_diag_client client;
  kg_diag_printer own; /* kg_diag_new's printer */
  bool holding;        /* a held-back sink: everything is kept ... */
  bool collecting;     /* ... or a sink told to collect (kg_diag_collect) */
  records kept;
  size_t seq;
  bool lost;        /* a diagnostic could not be kept (out of memory) */
  bool ever_lost;   /* some flush reported lost diagnostics */
  records released; /* copies of the last held ones taken (kg_diag_release) */
  size_t errors, warnings;
  fold *folds;
  size_t fold_count, fold_capacity;
  const volatile sig_atomic_t *interrupted;
  source *sources;
  size_t source_count, source_capacity;
  const char *const *only; /* kg_diag_only: the files reported; NULL all */
  size_t only_count;
  bool show_all; /* kg_diag_show_all: nothing folded */
};

kg_diag *kg_diag_new_client(kg_diag_client client)
{
  kg_diag *diag = kg_calloc(1, sizeof(kg_diag));
  if (diag)
    diag->client = client;
  return diag;
}

kg_diag *kg_diag_new(FILE *out, kg_diag_format format, bool color)
{
  kg_diag *diag = kg_diag_new_client((kg_diag_client){0});
  if (!diag)
    return NULL;
  diag->own = (kg_diag_printer){.out = out, .color = color};
  diag->client = format == KG_DIAG_JSON ? kg_diag_json_printer(&diag->own)
                                        : kg_diag_text_printer(&diag->own);
  return diag;
}

void kg_diag_collect(kg_diag *diag)
{
  diag->collecting = true;
}

void kg_diag_watch(kg_diag *diag, const volatile sig_atomic_t *interrupted)
{
  diag->interrupted = interrupted;
}

bool kg_diag_interrupted(const kg_diag *diag)
{
  return diag && diag->interrupted && *diag->interrupted;
}

/* A held sink never reports: its client is the one of the sink it is
 * released into.  It keeps `like`'s only to know whether to take
 * excerpts. */
kg_diag *kg_diag_hold_new(const kg_diag *like)
{
  kg_diag *diag = kg_calloc(1, sizeof(kg_diag));
  if (!diag)
    return NULL;
  diag->client = like->client;
  diag->interrupted = like->interrupted;
  diag->only = like->only;
  diag->only_count = like->only_count;
  diag->holding = true;
  return diag;
}

/* ---- records ------------------------------------------------------------- */

static size_t span(const char *s)
{
  return s ? strlen(s) + 1 : 0;
}

/* Copies n bytes of s (NULL stays NULL) to *at, NUL-terminated, and moves
 * *at past them. */
static const char *copy_into(char **at, const char *s, size_t n)
{
  if (!s)
    return NULL;
  char *copy = *at;
  memcpy(copy, s, n);
  copy[n] = '\0';
  *at += n + 1;
  return copy;
}

static const char *copy_str(char **at, const char *s)
{
  return s ? copy_into(at, s, strlen(s)) : NULL;
}

/* A copy of d and of what it points to; false when out of memory. */
static bool copy_record(const kg_diagnostic *d, size_t seq, record *out)
{
  size_t size = span(d->pos.file) + span(d->code) + span(d->message) +
                span(d->hint) + span(d->note_pos.file) + span(d->note) +
                d->excerpt.len + 1 + d->note_excerpt.len + 1;
  char *at = kg_malloc(size);
  if (!at)
    return false;
  *out = (record){*d, at, seq};
  kg_diagnostic *c = &out->d;
  c->pos.file = copy_str(&at, d->pos.file);
  c->code = copy_str(&at, d->code);
  c->message = copy_str(&at, d->message);
  c->hint = copy_str(&at, d->hint);
  c->note_pos.file = copy_str(&at, d->note_pos.file);
  c->note = copy_str(&at, d->note);
  c->excerpt.text = copy_into(&at, d->excerpt.text, d->excerpt.len);
  c->note_excerpt.text =
      copy_into(&at, d->note_excerpt.text, d->note_excerpt.len);
  return true;
}

static bool push_record(records *r, const record *rec)
{
  record *grown =
      kg_grow(r->items, &r->capacity, r->count, sizeof *r->items, 16);
  if (!grown)
    return false;
  r->items = grown;
  r->items[r->count++] = *rec;
  return true;
}

/* Keeps a copy of d, to be reported at the next flush. */
static void keep(kg_diag *diag, const kg_diagnostic *d)
{
  record rec;
  if (!copy_record(d, diag->seq++, &rec)) {
    diag->lost = true;
  } else if (!push_record(&diag->kept, &rec)) {
    kg_free(rec.copy);
    diag->lost = true;
  }
}

static void clear_records(records *r)
{
  for (size_t i = 0; i < r->count; ++i)
    kg_free(r->items[i].copy);
  r->count = 0;
}

static void free_records(records *r)
{
  clear_records(r);
  kg_free(r->items);
  *r = (records){0};
}

static bool same_str(const char *a, const char *b)
{
  return a == b || (a && b && !strcmp(a, b));
}

static bool same_pos(kg_pos a, kg_pos b)
{
  return same_str(a.file, b.file) && a.line == b.line && a.col == b.col;
}

static bool same_diagnostic(const kg_diagnostic *a, const kg_diagnostic *b)
{
  return a->severity == b->severity && same_pos(a->pos, b->pos) &&
         same_str(a->code, b->code) && same_str(a->message, b->message) &&
         same_str(a->hint, b->hint) && same_pos(a->note_pos, b->note_pos) &&
         same_str(a->note, b->note);
}

static bool same_records(const records *a, const records *b)
{
  if (a->count != b->count)
    return false;
  for (size_t i = 0; i < a->count; ++i)
    if (!same_diagnostic(&a->items[i].d, &b->items[i].d))
      return false;
  return true;
}

/* into->released becomes a copy of held's records. */
static void remember_released(kg_diag *into, const kg_diag *held)
{
  clear_records(&into->released);
  for (size_t i = 0; i < held->kept.count; ++i) {
    record rec;
    if (!copy_record(&held->kept.items[i].d, i, &rec))
      break; /* a shorter list only fails to drop a repeat */
    if (!push_record(&into->released, &rec)) {
      kg_free(rec.copy);
      break;
    }
  }
}

/* ---- folding ------------------------------------------------------------ */

static fold *find_fold(kg_diag *diag, const char *code, kg_severity sev)
{
  code = code ? code : "";
  for (size_t i = 0; i < diag->fold_count; ++i)
    if (diag->folds[i].severity == sev && !strcmp(diag->folds[i].code, code))
      return &diag->folds[i];
  fold *grown = kg_grow(diag->folds, &diag->fold_capacity, diag->fold_count,
                        sizeof *grown, 16);
  if (!grown)
    return NULL;
  diag->folds = grown;
  grown[diag->fold_count] = (fold){.code = code, .severity = sev};
  return &grown[diag->fold_count++];
}

/* Appends held's records (and what it folded) to into: moved, not copied,
 * in the order held kept them. */
static void take_records(kg_diag *into, kg_diag *held)
{
  for (size_t i = 0; i < held->fold_count; ++i) {
    fold *h = &held->folds[i], *f = find_fold(into, h->code, h->severity);
    if (!f) {
      into->lost = true;
      continue;
    }
    f->hidden += h->hidden;
  }
  for (size_t i = 0; i < held->kept.count; ++i) {
    record rec = held->kept.items[i];
    rec.seq = into->seq++;
    if (!push_record(&into->kept, &rec)) {
      kg_free(rec.copy);
      into->lost = true;
    }
  }
  held->kept.count = 0; /* moved */
}

void kg_diag_release(kg_diag *into, kg_diag *held)
{
  if (!held)
    return;
  into->lost = into->lost || held->lost;
  if (held->kept.count) {
    /* The same problem met by several exports (an unwritable directory)
     * is said, and counted, once. */
    if (same_records(&into->released, &held->kept)) {
      kg_diag_free(held);
      return;
    }
    remember_released(into, held);
    take_records(into, held);
    if (!into->holding && !into->collecting)
      kg_diag_flush(into);
  }
  into->errors += held->errors;
  into->warnings += held->warnings;
  kg_diag_free(held);
}

void kg_diag_free(kg_diag *diag)
{
  if (!diag)
    return;
  if (!diag->holding)
    kg_diag_flush(diag);
  free_records(&diag->kept);
  free_records(&diag->released);
  kg_free(diag->folds);
  kg_diag_forget_sources(diag);
  kg_free(diag->sources);
  kg_diag_printer_close(&diag->own);
  kg_free(diag);
}

/* ---- sources and excerpts ------------------------------------------------ */

/* Line breaks as libyaml counts them (CR LF, CR, LF, NEL, LS, PS), so that
 * our line numbers agree with the marks libyaml reports. */
static inline size_t line_break_at(const char *t, size_t len, size_t i)
{
  unsigned char c = (unsigned char)t[i];
  if (c > '\r' && c != 0xC2 && c != 0xE2)
    return 0; /* almost every byte */
  if (c == '\n')
    return 1;
  if (c == '\r')
    return (i + 1 < len && t[i + 1] == '\n') ? 2 : 1;
  if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0x85)
    return 2;
  if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
      ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9))
    return 3;
  return 0;
}

kg_status kg_diag_add_source(kg_diag *diag, const char *file, const char *text,
                             size_t len)
{
  if (diag->source_count == diag->source_capacity) {
    size_t cap = diag->source_capacity ? diag->source_capacity * 2 : 16;
    source *grown = kg_realloc(diag->sources, cap * sizeof(source));
    if (!grown)
      return KG_ERR_NOMEM;
    diag->sources = grown;
    diag->source_capacity = cap;
  }
  /* The line map is made when a diagnostic first needs it: most files
   * never have one, and for a large fact base the map is as big as a tenth
   * of the text. */
  diag->sources[diag->source_count++] =
      (source){file, text, len, NULL, 0, {SIZE_MAX, 0, 0}};
  return KG_OK;
}

void kg_diag_forget_sources(kg_diag *diag)
{
  for (size_t i = 0; i < diag->source_count; ++i)
    kg_free(diag->sources[i].line_starts);
  diag->source_count = 0;
}

kg_status kg_diag_adopt_sources(kg_diag *into, kg_diag *held)
{
  for (size_t i = 0; i < held->source_count; ++i) {
    source *src = &held->sources[i];
    kg_status st = kg_diag_add_source(into, src->file, src->text, src->len);
    if (st != KG_OK)
      return st;
    /* The line map, if a held diagnostic needed one, moves too. */
    source *copy = &into->sources[into->source_count - 1];
    copy->line_starts = src->line_starts;
    copy->line_count = src->line_count;
    src->line_starts = NULL;
    src->line_count = 0;
  }
  return KG_OK;
}

/* One pass, growing the array: a line starts after every break.  False
 * when out of memory (positions then fall back to the file alone). */
static bool map_lines(source *src)
{
  if (src->line_starts)
    return true;
  size_t lines = 1, cap = 1024;
  size_t *starts = kg_malloc(cap * sizeof(size_t));
  if (!starts)
    return false;
  starts[0] = 0;
  for (size_t i = 0; i < src->len;) {
    size_t n = line_break_at(src->text, src->len, i);
    if (!n) {
      ++i;
      continue;
    }
    i += n;
    if (lines == cap) {
      size_t *grown = kg_realloc(starts, 2 * cap * sizeof(size_t));
      if (!grown) {
        kg_free(starts);
        return false;
      }
      starts = grown;
      cap *= 2;
    }
    starts[lines++] = i;
  }
  src->line_starts = starts;
  src->line_count = lines;
  return true;
}

/* The registered source of a file, with its line map (made on first use:
 * the sink is logically const to its callers). */
static const source *find_source(const kg_diag *diag, const char *file)
{
  for (size_t i = diag->source_count; i-- > 0;) {
    source *src = &diag->sources[i];
    if (src->file == file || !strcmp(src->file, file))
      return map_lines(src) ? src : NULL;
  }
  return NULL;
}

/* The 0-based line holding a byte offset: a binary search of the map. */
static size_t line_of(const source *src, size_t offset)
{
  size_t lo = 0, hi = src->line_count; /* last line start <= offset */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (src->line_starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Where the counting of a line may start: the remembered place when it is
 * on that line and not past `offset` (or `col`), else the line's start. */
static cursor start_of(const source *src, size_t line, size_t offset,
                       uint32_t col)
{
  if (src->at.line == line && src->at.offset <= offset && src->at.col <= col)
    return src->at;
  return (cursor){line, src->line_starts[line], 1};
}

kg_pos kg_diag_pos_at(const kg_diag *diag, const char *file, size_t offset)
{
  source *src = (source *)find_source(diag, file); /* the cursor moves */
  if (!src)
    return (kg_pos){file, 1, 1};
  if (offset > src->len)
    offset = src->len;
  size_t line = line_of(src, offset);
  cursor c = start_of(src, line, offset, UINT32_MAX);
  c.col += (uint32_t)kg_utf8_chars(src->text + c.offset, offset - c.offset);
  c.offset = offset;
  src->at = c;
  return (kg_pos){file, (uint32_t)(line + 1), c.col};
}

/* Length of the well-formed UTF-8 sequence at s, or 0 (text.c's rules: no
 * overlongs, no surrogates, nothing above U+10FFFF), so that an excerpt
 * never copies bytes a terminal would choke on. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
  return kg_utf8_length((const char *)s, n);
}

const char *kg_diag_quote(const char *s, size_t len, char *buf, size_t bufsize)
{
  size_t o = 0;
  const size_t room = bufsize > 8 ? bufsize - 8 : 0;
  size_t i = 0;
  while (i < len && o < room) {
    const unsigned char *c = (const unsigned char *)s + i;
    size_t n = utf8_length(c, len - i);
    if (n == 0 || *c < 0x20 || *c == 0x7F) {
      /* Controls and bytes that are not UTF-8 are shown, not printed. */
      o += (size_t)snprintf(buf + o, bufsize - o, "\\x%02X", *c);
      ++i;
    } else if (o + n < room) {
      memcpy(buf + o, c, n);
      o += n;
      i += n;
    } else {
      break;
    }
  }
  if (i < len) {
    memcpy(buf + o, "...", 3);
    o += 3;
  }
  buf[o < bufsize ? o : bufsize - 1] = '\0';
  return buf;
}

static const char *severity_name(kg_severity s)
{
  return s == KG_SEV_ERROR ? "error" : s == KG_SEV_WARNING ? "warning" : "note";
}

static const char *severity_color(kg_severity s)
{
  return s == KG_SEV_ERROR     ? "\033[1;31m"
         : s == KG_SEV_WARNING ? "\033[1;35m"
                               : "\033[1;36m";
}

/* The byte offset of a 1-based column of a line, counted from the
 * source's remembered place when it can be (and remembered for the next). */
static size_t offset_of_col(source *src, size_t line, uint32_t col)
{
  cursor c = start_of(src, line, SIZE_MAX, col);
  while (c.col < col && c.offset < src->len &&
         !line_break_at(src->text, src->len, c.offset)) {
    size_t k = utf8_length((const unsigned char *)src->text + c.offset,
                           src->len - c.offset);
    c.offset += k ? k : 1;
    c.col++;
  }
  src->at = c;
  return c.offset;
}

/* The source line of pos, as the client is handed it: of a long line, a
 * window around the caret, cut ends marked. */
static kg_excerpt excerpt_at(kg_diag *diag, kg_pos pos)
{
  source *src = pos.file ? (source *)find_source(diag, pos.file) : NULL;
  if (!src || pos.line == 0 || pos.line > src->line_count)
    return (kg_excerpt){0};
  size_t start = src->line_starts[pos.line - 1];
  size_t caret = offset_of_col(src, pos.line - 1, pos.col);
  bool cut_before = caret - start > KG_EXCERPT_BYTES - KG_EXCERPT_BEFORE;
  if (cut_before) {
    start = caret - KG_EXCERPT_BEFORE;
    while (start < caret && kg_utf8_continuation(src->text[start]))
      ++start; /* not inside a character */
  }
  size_t end = start;
  while (end < src->len && end - start < KG_EXCERPT_BYTES &&
         !line_break_at(src->text, src->len, end))
    ++end;
  bool cut_after = end < src->len && !line_break_at(src->text, src->len, end);
  return (kg_excerpt){src->text + start, end - start, caret - start,
                      pos.line,          cut_before,  cut_after};
}

void kg_diag_only(kg_diag *diag, const char *const *files, size_t count)
{
  diag->only = files;
  diag->only_count = count;
}

/* Whether kg_diag_only leaves out a diagnostic at pos. */
static bool left_out(const kg_diag *diag, kg_pos pos)
{
  if (!diag->only || !pos.file)
    return false;
  for (size_t i = 0; i < diag->only_count; ++i)
    if (!strcmp(diag->only[i], pos.file))
      return false;
  return true;
}

/* ---- reporting ----------------------------------------------------------- */

static void report(kg_diag *diag, const kg_diagnostic *d)
{
  if (diag->client.report)
    diag->client.report(diag->client.handle, d);
}

void kg_diag_emit(kg_diag *diag, const kg_diagnostic *d)
{
  if (left_out(diag, d->pos))
    return; /* neither reported nor counted */
  if (d->severity == KG_SEV_ERROR)
    ++diag->errors;
  else if (d->severity == KG_SEV_WARNING)
    ++diag->warnings;
  fold *f = diag->show_all ? NULL : find_fold(diag, d->code, d->severity);
  if (f && f->shown >= KG_DIAG_SHOWN_PER_CODE) {
    f->hidden++; /* counted, not reported: no excerpt is even looked at */
    return;
  }
  if (f)
    f->shown++;
  kg_diagnostic full = *d;
  full.excerpt = full.note_excerpt = (kg_excerpt){0};
  if (diag->client.excerpts) {
    full.excerpt = excerpt_at(diag, d->pos);
    if (d->note)
      full.note_excerpt = excerpt_at(diag, d->note_pos);
  }
  if (diag->holding || diag->collecting)
    keep(diag, &full);
  else
    report(diag, &full);
}

void kg_diag_show_all(kg_diag *diag)
{
  diag->show_all = true;
}

static int compare_records(const void *pa, const void *pb)
{
  const record *ra = pa, *rb = pb;
  kg_pos a = ra->d.pos, b = rb->d.pos;
  if (!a.file != !b.file)
    return a.file ? 1 : -1; /* no place first: "kgbuild: ..." */
  int c = a.file ? strcmp(a.file, b.file) : 0;
  if (c)
    return c;
  /* What concerns a whole file ("12 more anchors ... refused") follows
   * what has a line in it. */
  uint32_t la = a.line ? a.line : UINT32_MAX, lb = b.line ? b.line : UINT32_MAX;
  if (la != lb)
    return la < lb ? -1 : 1;
  if (a.col != b.col)
    return a.col < b.col ? -1 : 1;
  return ra->seq < rb->seq ? -1 : ra->seq > rb->seq;
}

/* "1997 more warnings of [repeated-value] not shown", once per flush for
 * what was folded since the last one. */
static void report_folds(kg_diag *diag)
{
  for (size_t i = 0; i < diag->fold_count; ++i) {
    fold *f = &diag->folds[i];
    size_t n = f->hidden - f->hidden_reported;
    if (!n)
      continue;
    f->hidden_reported = f->hidden;
    char message[256];
    snprintf(message, sizeof message, "%zu more %s%s of [%s] not shown", n,
             severity_name(f->severity), n == 1 ? "" : "s",
             *f->code ? f->code : "?");
    report(diag, &(kg_diagnostic){.severity = KG_SEV_NOTE,
                                  .code = "not-shown",
                                  .message = message});
  }
}

void kg_diag_flush(kg_diag *diag)
{
  if (!diag || diag->holding)
    return;
  records *k = &diag->kept;
  if (k->count) /* items may be NULL */
    qsort(k->items, k->count, sizeof *k->items, compare_records);
  for (size_t i = 0; i < k->count; ++i)
    report(diag, &k->items[i].d);
  clear_records(k);
  report_folds(diag);
  if (diag->lost)
    report(diag,
           &(kg_diagnostic){.severity = KG_SEV_ERROR,
                            .code = "lost",
                            .message = "some diagnostics were lost (out of "
                                       "memory)"});
  diag->ever_lost = diag->ever_lost || diag->lost;
  diag->lost = false;
}

static void emitv(kg_diag *diag, kg_severity sev, kg_pos pos, const char *code,
                  const char *fmt, va_list ap)
{
  char message[1024];
  vsnprintf(message, sizeof message, fmt, ap);
  kg_diag_emit(
      diag, &(kg_diagnostic){
                .severity = sev, .pos = pos, .code = code, .message = message});
}

void kg_error(kg_diag *diag, kg_pos pos, const char *code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  emitv(diag, KG_SEV_ERROR, pos, code, fmt, ap);
  va_end(ap);
}

void kg_warning(kg_diag *diag, kg_pos pos, const char *code, const char *fmt,
                ...)
{
  va_list ap;
  va_start(ap, fmt);
  emitv(diag, KG_SEV_WARNING, pos, code, fmt, ap);
  va_end(ap);
}

bool kg_diag_lost(const kg_diag *diag)
{
  return diag->ever_lost || diag->lost;
}

size_t kg_diag_errors(const kg_diag *diag)
{
  return diag->errors;
}

void kg_diag_summary(kg_diag *diag)
{
  kg_diag_flush(diag);
  if (diag->client.summary)
    diag->client.summary(diag->client.handle, diag->errors, diag->warnings);
}

/* ---- the printers ---------------------------------------------------------
 */

/* The stream a diagnostic is rendered into: the printer's buffer, or out
 * itself when there is no memory for one. */
static FILE *render_begin(kg_diag_printer *p)
{
  if (!p->buf)
    p->buf = open_memstream(&p->text, &p->len);
  if (!p->buf)
    return p->out;
  rewind(p->buf);
  return p->buf;
}

/* Writes what was rendered to out, at once; false when the buffer failed
 * (out of memory), which is then closed, for the caller to write to out
 * directly. */
static bool render_end(kg_diag_printer *p, FILE *f)
{
  bool ok = f != p->buf || (fflush(f) == 0 && !ferror(f));
  if (ok && f == p->buf)
    fwrite(p->text, 1, p->len, p->out);
  if (!ok)
    kg_diag_printer_close(p);
  fflush(p->out);
  return ok;
}

void kg_diag_printer_close(kg_diag_printer *p)
{
  if (!p)
    return;
  if (p->buf)
    fclose(p->buf);
  free(p->text);
  p->buf = NULL;
  p->text = NULL;
  p->len = 0;
}

/* Text from outside (a file name, a message quoting one) as an excerpt
 * shows it: controls (C0, DEL, C1), bidirectional overrides and bytes that
 * are not UTF-8 as \xNN, so that a file named with an escape sequence or a
 * newline can neither drive the terminal nor forge a diagnostic line. */
static void put_escaped(FILE *out, const char *s)
{
  const unsigned char *c = (const unsigned char *)s;
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    size_t n = utf8_length(c + i, len - i);
    bool c1 = n == 2 && c[i] == 0xC2 && c[i + 1] < 0xA0;
    bool bidi = n == 3 && c[i] == 0xE2 &&
                ((c[i + 1] == 0x80 && c[i + 2] >= 0xAA && c[i + 2] <= 0xAE) ||
                 (c[i + 1] == 0x81 && c[i + 2] >= 0xA6 && c[i + 2] <= 0xA9));
    if (n == 0 || c[i] < 0x20 || c[i] == 0x7F || c1 || bidi) {
      size_t k = n ? n : 1;
      for (size_t j = 0; j < k; ++j)
        fprintf(out, "\\x%02X", c[i + j]);
      i += k;
    } else {
      fwrite(c + i, 1, n, out);
      i += n;
    }
  }
}

/* The source line and a caret under the column, as gcc prints them. */
static void print_excerpt(FILE *out, bool color, const kg_excerpt *e)
{
  if (!e->text)
    return;
  char shown[4 * KG_EXCERPT_BYTES + 16];
  kg_diag_quote(e->text, e->len, shown, sizeof shown);
  fprintf(out, "%5u | %s%s%s\n      | ", (unsigned)e->line,
          e->cut_before ? "..." : "", shown, e->cut_after ? "..." : "");
  /* One space per character before the column, four for what the excerpt
   * shows as \xNN, so the caret stays under the character. */
  if (e->cut_before)
    fputs("   ", out);
  for (size_t i = 0; i < e->caret;) {
    const unsigned char *c = (const unsigned char *)e->text + i;
    size_t k = utf8_length(c, e->caret - i);
    fputs(k == 0 || *c < 0x20 || *c == 0x7F ? "    " : " ", out);
    i += k ? k : 1;
  }
  fputs(color ? "\033[1;32m^\033[0m\n" : "^\n", out);
}

static void print_location(FILE *out, bool color, kg_pos pos)
{
  if (color)
    fputs("\033[1m", out);
  if (pos.file)
    put_escaped(out, pos.file);
  if (pos.file && pos.line)
    fprintf(out, ":%u:%u: ", (unsigned)pos.line, (unsigned)pos.col);
  else if (pos.file)
    fputs(": ", out);
  else
    fputs("kgbuild: ", out);
  if (color)
    fputs("\033[0m", out);
}

static void print_text(FILE *out, bool color, kg_severity sev, kg_pos pos,
                       const char *message, const char *hint,
                       const kg_excerpt *e)
{
  print_location(out, color, pos);
  if (color)
    fprintf(out, "%s%s:\033[0m ", severity_color(sev), severity_name(sev));
  else
    fprintf(out, "%s: ", severity_name(sev));
  put_escaped(out, message);
  if (hint) {
    fputs(" (", out);
    put_escaped(out, hint);
    fputc(')', out);
  }
  fputc('\n', out);
  print_excerpt(out, color, e);
}

static void print_diagnostic(FILE *out, bool color, const kg_diagnostic *d)
{
  print_text(out, color, d->severity, d->pos, d->message, d->hint, &d->excerpt);
  if (d->note)
    print_text(out, color, KG_SEV_NOTE, d->note_pos, d->note, NULL,
               &d->note_excerpt);
}

static void text_report(void *handle, const kg_diagnostic *d)
{
  kg_diag_printer *p = handle;
  FILE *out = render_begin(p);
  print_diagnostic(out, p->color, d);
  if (!render_end(p, out)) {
    print_diagnostic(p->out, p->color, d);
    fflush(p->out);
  }
}

static void text_summary(void *handle, size_t errors, size_t warnings)
{
  kg_diag_printer *p = handle;
  if (errors && warnings)
    fprintf(p->out, "%zu error%s and %zu warning%s generated.\n", errors,
            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  else if (errors)
    fprintf(p->out, "%zu error%s generated.\n", errors, errors == 1 ? "" : "s");
  else if (warnings)
    fprintf(p->out, "%zu warning%s generated.\n", warnings,
            warnings == 1 ? "" : "s");
  fflush(p->out);
}

kg_diag_client kg_diag_text_printer(kg_diag_printer *printer)
{
  return (kg_diag_client){text_report, text_summary, printer, true};
}

static void print_json(FILE *out, const kg_diagnostic *d)
{
  fputs("{\"file\":", out);
  if (d->pos.file)
    kg_json_string(out, d->pos.file);
  else
    fputs("null", out);
  if (d->pos.line)
    fprintf(out,
            ",\"line\":%u,\"column\":%u,\"severity\":", (unsigned)d->pos.line,
            (unsigned)d->pos.col);
  else
    fputs(",\"line\":null,\"column\":null,\"severity\":", out);
  kg_json_string(out, severity_name(d->severity));
  fputs(",\"code\":", out);
  kg_json_string(out, d->code ? d->code : "");
  fputs(",\"message\":", out);
  kg_json_string(out, d->message);
  fputs(",\"hint\":", out);
  if (d->hint)
    kg_json_string(out, d->hint);
  else
    fputs("null", out);
  if (d->note) {
    fputs(",\"note\":{\"file\":", out);
    if (d->note_pos.file)
      kg_json_string(out, d->note_pos.file);
    else
      fputs("null", out);
    if (d->note_pos.line)
      fprintf(out, ",\"line\":%u,\"column\":%u,\"message\":",
              (unsigned)d->note_pos.line, (unsigned)d->note_pos.col);
    else
      fputs(",\"line\":null,\"column\":null,\"message\":", out);
    kg_json_string(out, d->note);
    fputc('}', out);
  }
  fputs("}\n", out);
}

static void json_report(void *handle, const kg_diagnostic *d)
{
  kg_diag_printer *p = handle;
  FILE *out = render_begin(p);
  print_json(out, d);
  if (!render_end(p, out)) {
    print_json(p->out, d);
    fflush(p->out);
  }
}

kg_diag_client kg_diag_json_printer(kg_diag_printer *printer)
{
  return (kg_diag_client){json_report, NULL, printer, false};
}
