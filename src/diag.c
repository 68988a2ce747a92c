/* diag.c - the diagnostic sink and the line map. */
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

/* One diagnostic of a collecting sink: where it sorts, and its text,
 * already rendered (with its excerpt, while the source is at hand) at
 * [offset, offset + len) of the sink's pending text. */
typedef struct {
  char *file; /* a copy: the name may not outlive the stage */
  uint32_t line, col;
  size_t seq; /* ties keep the order of emission */
  size_t offset, len;
} record;

/* How many diagnostics of one code and severity were shown and how many
 * folded into a count, so that a mistake repeated a million times prints
 * a few excerpts and one line, not a million. */
typedef struct {
  const char *code;
  kg_severity severity;
  size_t shown, hidden, hidden_reported;
} fold;

struct kg_diag {
  FILE *out;
  kg_diag_format format;
  bool color;
  bool holding;    /* a held-back sink: everything is collected ... */
  bool collecting; /* ... or a sink told to collect (kg_diag_collect) */
  FILE *pending;   /* collected text (open_memstream) */
  char *pending_text;
  size_t pending_len;
  record *records;
  size_t record_count, record_capacity, seq;
  bool lost;      /* a diagnostic could not be collected (out of memory) */
  char *released; /* the last held text collected here (kg_diag_release) */
  size_t released_len;
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

kg_diag *kg_diag_new(FILE *out, kg_diag_format format, bool color)
{
  kg_diag *diag = kg_calloc(1, sizeof(kg_diag));
  if (diag) {
    diag->out = out;
    diag->format = format;
    diag->color = color;
  }
  return diag;
}

static bool open_pending(kg_diag *diag)
{
  if (!diag->pending)
    diag->pending = open_memstream(&diag->pending_text, &diag->pending_len);
  return diag->pending != NULL;
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

kg_diag *kg_diag_hold_new(const kg_diag *like)
{
  kg_diag *diag = kg_calloc(1, sizeof(kg_diag));
  if (!diag)
    return NULL;
  diag->format = like->format;
  diag->color = like->color;
  diag->interrupted = like->interrupted;
  diag->only = like->only;
  diag->only_count = like->only_count;
  diag->holding = true;
  if (!open_pending(diag)) {
    kg_free(diag);
    return NULL;
  }
  return diag;
}

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

/* Keeps [offset, offset + len) of the pending text as a record at pos. */
static void keep_record(kg_diag *diag, kg_pos pos, size_t offset, size_t len)
{
  record *grown = kg_grow(diag->records, &diag->record_capacity,
                          diag->record_count, sizeof *grown, 16);
  char *file = NULL;
  if (grown)
    diag->records = grown;
  if (!grown || (pos.file && !(file = kg_malloc(strlen(pos.file) + 1)))) {
    diag->lost = true;
    return;
  }
  if (file)
    strcpy(file, pos.file);
  diag->records[diag->record_count++] =
      (record){file, pos.line, pos.col, diag->seq++, offset, len};
}

static void free_records(kg_diag *diag)
{
  for (size_t i = 0; i < diag->record_count; ++i)
    kg_free(diag->records[i].file);
  diag->record_count = 0;
}

/* Appends held's records (and what it folded) to into, which counts them
 * against its own quota of shown diagnostics per code. */
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
  for (size_t i = 0; i < held->record_count; ++i) {
    const record *r = &held->records[i];
    size_t at = into->pending_len;
    if (!open_pending(into) ||
        fwrite(held->pending_text + r->offset, 1, r->len, into->pending) !=
            r->len ||
        fflush(into->pending) != 0) {
      into->lost = true;
      continue;
    }
    keep_record(into, (kg_pos){r->file, r->line, r->col}, at, r->len);
  }
}

void kg_diag_release(kg_diag *into, kg_diag *held)
{
  if (!held)
    return;
  bool kept = !held->lost && fflush(held->pending) == 0;
  if (kept && held->pending_len) {
    /* The same problem met by several exports (an unwritable directory)
     * is said, and counted, once. */
    if (into->released && into->released_len == held->pending_len &&
        !memcmp(into->released, held->pending_text, held->pending_len)) {
      kg_diag_free(held);
      return;
    }
    take_records(into, held);
    kg_free(into->released);
    if ((into->released = kg_malloc(held->pending_len)))
      memcpy(into->released, held->pending_text, held->pending_len);
    into->released_len = into->released ? held->pending_len : 0;
    if (!into->holding && !into->collecting)
      kg_diag_flush(into);
  } else if (!kept && (held->errors || held->warnings)) {
    into->lost = true;
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
  if (diag->pending)
    fclose(diag->pending);
  free(diag->pending_text);
  free_records(diag);
  kg_free(diag->records);
  kg_free(diag->folds);
  kg_free(diag->released);
  for (size_t i = 0; i < diag->source_count; ++i)
    kg_free(diag->sources[i].line_starts);
  kg_free(diag->sources);
  kg_free(diag);
}

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

/* Bytes of a line an excerpt shows at most, and how far before the caret
 * a long line's excerpt starts: a window around the caret, so that the
 * cost of a diagnostic does not grow with the length of its line. */
enum { EXCERPT_BYTES = 400, EXCERPT_BEFORE = 160 };

/* The source line and a caret under the column, as gcc prints them; of a
 * long line, a window around the caret, cut ends marked "...". */
static void print_excerpt(kg_diag *diag, kg_pos pos)
{
  source *src = pos.file ? (source *)find_source(diag, pos.file) : NULL;
  if (!src || pos.line == 0 || pos.line > src->line_count)
    return;
  size_t start = src->line_starts[pos.line - 1];
  size_t caret = offset_of_col(src, pos.line - 1, pos.col);
  bool cut_before = caret - start > EXCERPT_BYTES - EXCERPT_BEFORE;
  if (cut_before) {
    start = caret - EXCERPT_BEFORE;
    while (start < caret && ((unsigned char)src->text[start] & 0xC0) == 0x80)
      ++start; /* not inside a character */
  }
  size_t end = start;
  while (end < src->len && end - start < EXCERPT_BYTES &&
         !line_break_at(src->text, src->len, end))
    ++end;
  bool cut_after = end < src->len && !line_break_at(src->text, src->len, end);
  char shown[4 * EXCERPT_BYTES + 16];
  kg_diag_quote(src->text + start, end - start, shown, sizeof shown);
  fprintf(diag->out, "%5u | %s%s%s\n      | ", (unsigned)pos.line,
          cut_before ? "..." : "", shown, cut_after ? "..." : "");
  /* One space per character before the column, four for what the excerpt
   * shows as \xNN, so the caret stays under the character. */
  if (cut_before)
    fputs("   ", diag->out);
  for (size_t i = start; i < caret;) {
    const unsigned char *c = (const unsigned char *)src->text + i;
    size_t k = utf8_length(c, caret - i);
    fputs(k == 0 || *c < 0x20 || *c == 0x7F ? "    " : " ", diag->out);
    i += k ? k : 1;
  }
  fputs(diag->color ? "\033[1;32m^\033[0m\n" : "^\n", diag->out);
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

static void print_location(kg_diag *diag, kg_pos pos)
{
  if (diag->color)
    fputs("\033[1m", diag->out);
  if (pos.file)
    put_escaped(diag->out, pos.file);
  if (pos.file && pos.line)
    fprintf(diag->out, ":%u:%u: ", (unsigned)pos.line, (unsigned)pos.col);
  else if (pos.file)
    fputs(": ", diag->out);
  else
    fputs("kgbuild: ", diag->out);
  if (diag->color)
    fputs("\033[0m", diag->out);
}

static void print_text(kg_diag *diag, kg_severity sev, kg_pos pos,
                       const char *message, const char *hint)
{
  print_location(diag, pos);
  if (diag->color)
    fprintf(diag->out, "%s%s:\033[0m ", severity_color(sev),
            severity_name(sev));
  else
    fprintf(diag->out, "%s: ", severity_name(sev));
  put_escaped(diag->out, message);
  if (hint) {
    fputs(" (", diag->out);
    put_escaped(diag->out, hint);
    fputc(')', diag->out);
  }
  fputc('\n', diag->out);
  print_excerpt(diag, pos);
}

static void print_json(kg_diag *diag, const kg_diagnostic *d)
{
  FILE *out = diag->out;
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

static void render(kg_diag *diag, const kg_diagnostic *d)
{
  if (diag->format == KG_DIAG_JSON) {
    print_json(diag, d);
  } else {
    print_text(diag, d->severity, d->pos, d->message, d->hint);
    if (d->note)
      print_text(diag, KG_SEV_NOTE, d->note_pos, d->note, NULL);
  }
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

void kg_diag_emit(kg_diag *diag, const kg_diagnostic *d)
{
  if (left_out(diag, d->pos))
    return; /* neither printed nor counted */
  if (d->severity == KG_SEV_ERROR)
    ++diag->errors;
  else if (d->severity == KG_SEV_WARNING)
    ++diag->warnings;
  fold *f = diag->show_all ? NULL : find_fold(diag, d->code, d->severity);
  if (f && f->shown >= KG_DIAG_SHOWN_PER_CODE) {
    f->hidden++; /* counted, not rendered: no excerpt is even looked at */
    return;
  }
  if (f)
    f->shown++;
  if (!diag->holding && !diag->collecting) {
    render(diag, d);
    fflush(diag->out);
    return;
  }
  if (!open_pending(diag)) {
    diag->lost = true;
    return;
  }
  FILE *out = diag->out;
  size_t at = diag->pending_len;
  diag->out = diag->pending;
  render(diag, d);
  diag->out = out;
  if (fflush(diag->pending) != 0) {
    diag->lost = true;
    return;
  }
  keep_record(diag, d->pos, at, diag->pending_len - at);
}

void kg_diag_show_all(kg_diag *diag)
{
  diag->show_all = true;
}

static int compare_records(const void *pa, const void *pb)
{
  const record *a = pa, *b = pb;
  if (!a->file != !b->file)
    return a->file ? 1 : -1; /* no place first: "kgbuild: ..." */
  int c = a->file ? strcmp(a->file, b->file) : 0;
  if (c)
    return c;
  /* What concerns a whole file ("12 more anchors ... refused") follows
   * what has a line in it. */
  uint32_t la = a->line ? a->line : UINT32_MAX,
           lb = b->line ? b->line : UINT32_MAX;
  if (la != lb)
    return la < lb ? -1 : 1;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* "1997 more warnings of [repeated-value] not shown", once per flush for
 * what was folded since the last one. */
static void print_folds(kg_diag *diag)
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
    render(diag, &(kg_diagnostic){.severity = KG_SEV_NOTE,
                                  .code = "not-shown",
                                  .message = message});
  }
}

void kg_diag_flush(kg_diag *diag)
{
  if (!diag || diag->holding)
    return;
  if (diag->record_count) {
    if (fflush(diag->pending) != 0)
      diag->lost = true;
    else {
      qsort(diag->records, diag->record_count, sizeof *diag->records,
            compare_records);
      for (size_t i = 0; i < diag->record_count; ++i)
        fwrite(diag->pending_text + diag->records[i].offset, 1,
               diag->records[i].len, diag->out);
    }
  }
  free_records(diag);
  if (diag->pending) { /* start again, empty */
    fclose(diag->pending);
    free(diag->pending_text);
    diag->pending = NULL;
    diag->pending_text = NULL;
    diag->pending_len = 0;
  }
  print_folds(diag);
  if (diag->lost)
    fputs("kgbuild: some diagnostics were lost (out of memory)\n", diag->out);
  diag->lost = false;
  fflush(diag->out);
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

size_t kg_diag_errors(const kg_diag *diag)
{
  return diag->errors;
}

void kg_diag_summary(kg_diag *diag)
{
  kg_diag_flush(diag);
  if (diag->format == KG_DIAG_JSON || (!diag->errors && !diag->warnings))
    return;
  if (diag->errors && diag->warnings)
    fprintf(diag->out, "%zu error%s and %zu warning%s generated.\n",
            diag->errors, diag->errors == 1 ? "" : "s", diag->warnings,
            diag->warnings == 1 ? "" : "s");
  else if (diag->errors)
    fprintf(diag->out, "%zu error%s generated.\n", diag->errors,
            diag->errors == 1 ? "" : "s");
  else
    fprintf(diag->out, "%zu warning%s generated.\n", diag->warnings,
            diag->warnings == 1 ? "" : "s");
}
