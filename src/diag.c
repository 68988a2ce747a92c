/* diag.c - the diagnostic sink and the line map. */
#include "diag.h"

#include "json.h" /* kg_json_string */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *file;
  const char *text;
  size_t len;
  size_t *line_starts; /* byte offset of each line's first byte */
  size_t line_count;
} source;

struct kg_diag {
  FILE *out;
  kg_diag_format format;
  bool color;
  bool holding; /* a held-back sink: out writes to held (open_memstream) */
  char *held;
  size_t held_len;
  char *released; /* the last held text printed here (kg_diag_release) */
  size_t released_len;
  size_t errors, warnings;
  source *sources;
  size_t source_count, source_capacity;
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

kg_diag *kg_diag_hold_new(const kg_diag *like)
{
  kg_diag *diag = kg_calloc(1, sizeof(kg_diag));
  if (!diag)
    return NULL;
  diag->format = like->format;
  diag->color = like->color;
  if (!(diag->out = open_memstream(&diag->held, &diag->held_len))) {
    kg_free(diag);
    return NULL;
  }
  diag->holding = true;
  return diag;
}

void kg_diag_release(kg_diag *into, kg_diag *held)
{
  if (!held)
    return;
  bool kept = fclose(held->out) == 0;
  held->out = NULL; /* closed; kg_diag_free frees the text */
  if (kept && held->held_len) {
    /* The same problem met by several exports (an unwritable directory)
     * is said, and counted, once. */
    if (into->released && into->released_len == held->held_len &&
        !memcmp(into->released, held->held, held->held_len)) {
      kg_diag_free(held);
      return;
    }
    fwrite(held->held, 1, held->held_len, into->out);
    kg_free(into->released);
    if ((into->released = kg_malloc(held->held_len)))
      memcpy(into->released, held->held, held->held_len);
    into->released_len = into->released ? held->held_len : 0;
  } else if (!kept && (held->errors || held->warnings)) {
    fputs("kgbuild: some diagnostics were lost (out of memory)\n", into->out);
  }
  into->errors += held->errors;
  into->warnings += held->warnings;
  kg_diag_free(held);
}

void kg_diag_free(kg_diag *diag)
{
  if (!diag)
    return;
  if (diag->holding) {
    if (diag->out)
      fclose(diag->out);
    free(diag->held);
  }
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
  diag->sources[diag->source_count++] = (source){file, text, len, NULL, 0};
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

/* Characters, not bytes: a UTF-8 continuation byte does not start one. */
static uint32_t count_chars(const char *s, size_t n)
{
  uint32_t chars = 0;
  for (size_t i = 0; i < n; ++i)
    chars += ((unsigned char)s[i] & 0xC0) != 0x80;
  return chars;
}

kg_pos kg_diag_pos_at(const kg_diag *diag, const char *file, size_t offset)
{
  const source *src = find_source(diag, file);
  if (!src)
    return (kg_pos){file, 1, 1};
  if (offset > src->len)
    offset = src->len;
  size_t lo = 0, hi = src->line_count; /* last line start <= offset */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (src->line_starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  size_t start = src->line_starts[lo];
  return (kg_pos){file, (uint32_t)(lo + 1),
                  count_chars(src->text + start, offset - start) + 1};
}

/* Length of the well-formed UTF-8 sequence at s, or 0 (the same rules as
 * text.c: no overlongs, no surrogates, nothing above U+10FFFF), so that an
 * excerpt never copies bytes a terminal would choke on. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
  unsigned char lo = 0x80, hi = 0xBF;
  size_t len;
  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xC2 && s[0] < 0xE0)
    len = 2;
  else if (s[0] >= 0xE0 && s[0] < 0xF0) {
    len = 3;
    if (s[0] == 0xE0)
      lo = 0xA0;
    if (s[0] == 0xED)
      hi = 0x9F;
  } else if (s[0] >= 0xF0 && s[0] < 0xF5) {
    len = 4;
    if (s[0] == 0xF0)
      lo = 0x90;
    if (s[0] == 0xF4)
      hi = 0x8F;
  } else
    return 0;
  if (len > n || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; ++i)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  return len;
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
  return s == KG_SEV_ERROR ? "\033[1;31m"
         : s == KG_SEV_WARNING ? "\033[1;35m"
                               : "\033[1;36m";
}

/* The source line and a caret under the column, as gcc prints them. */
static void print_excerpt(kg_diag *diag, kg_pos pos)
{
  const source *src = pos.file ? find_source(diag, pos.file) : NULL;
  if (!src || pos.line == 0 || pos.line > src->line_count)
    return;
  size_t start = src->line_starts[pos.line - 1];
  size_t end = start;
  while (end < src->len && !line_break_at(src->text, src->len, end))
    ++end;
  size_t n = end - start < 400 ? end - start : 400;
  char shown[2048];
  kg_diag_quote(src->text + start, n, shown, sizeof shown);
  fprintf(diag->out, "%5u | %s\n      | ", (unsigned)pos.line, shown);
  /* Pad with the line's own tabs so the caret lines up in a terminal. */
  /* One space per character before the column, four for what the excerpt
   * shows as \xNN, so the caret stays under the character. */
  uint32_t col = 1;
  for (size_t i = start; i < end && col < pos.col; ++col) {
    const unsigned char *c = (const unsigned char *)src->text + i;
    size_t k = utf8_length(c, end - i);
    fputs(k == 0 || *c < 0x20 || *c == 0x7F ? "    " : " ", diag->out);
    i += k ? k : 1;
  }
  fputs(diag->color ? "\033[1;32m^\033[0m\n" : "^\n", diag->out);
}

static void print_location(kg_diag *diag, kg_pos pos)
{
  if (diag->color)
    fputs("\033[1m", diag->out);
  if (pos.file && pos.line)
    fprintf(diag->out, "%s:%u:%u: ", pos.file, (unsigned)pos.line,
            (unsigned)pos.col);
  else if (pos.file)
    fprintf(diag->out, "%s: ", pos.file);
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
  fputs(message, diag->out);
  if (hint)
    fprintf(diag->out, " (%s)", hint);
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
    fprintf(out, ",\"line\":%u,\"column\":%u,\"severity\":",
            (unsigned)d->pos.line, (unsigned)d->pos.col);
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

void kg_diag_emit(kg_diag *diag, const kg_diagnostic *d)
{
  if (d->severity == KG_SEV_ERROR)
    ++diag->errors;
  else if (d->severity == KG_SEV_WARNING)
    ++diag->warnings;
  if (diag->format == KG_DIAG_JSON) {
    print_json(diag, d);
  } else {
    print_text(diag, d->severity, d->pos, d->message, d->hint);
    if (d->note)
      print_text(diag, KG_SEV_NOTE, d->note_pos, d->note, NULL);
  }
  fflush(diag->out);
}

static void emitv(kg_diag *diag, kg_severity sev, kg_pos pos, const char *code,
                  const char *fmt, va_list ap)
{
  char message[1024];
  vsnprintf(message, sizeof message, fmt, ap);
  kg_diag_emit(diag, &(kg_diagnostic){.severity = sev,
                                      .pos = pos,
                                      .code = code,
                                      .message = message});
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
