/* load.c - libyaml's event API -> kg_ynode trees.  The event API (not the
 * document loader) because it lets us refuse aliases and deep nesting before
 * they cost anything, and tells quoted scalars from plain ones. */
#include "load.h"

#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

typedef struct {
  kg_ynode *node; /* collection being built */
  size_t first;   /* its children start here in loader.children */
} frame;

typedef struct {
  kg_arena *arena;
  kg_diag *diag;
  const char *name;
  frame stack[KG_MAX_DEPTH + 1];
  size_t depth;
  /* The children of every open collection, innermost last: one array for
   * the file, rather than one allocation per map and sequence. */
  kg_vec children;
  kg_ynode *root;
  int documents;
  size_t decorations; /* anchors, aliases and tags refused so far */
  size_t events;      /* parsed so far, to poll for interruption */
  bool failed;        /* a problem was reported; keep going to find more */
  bool clean;         /* kg_text_check found nothing in the whole file */
} loader;

static kg_pos mark_pos(const loader *ld, yaml_mark_t mark)
{
  return (kg_pos){ld->name, (uint32_t)mark.line + 1, (uint32_t)mark.column + 1};
}

static void fail(loader *ld, kg_pos pos, const char *code, const char *message,
                 const char *hint)
{
  kg_diag_emit(ld->diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                          .pos = pos,
                                          .code = code,
                                          .message = message,
                                          .hint = hint});
  ld->failed = true;
}

/* Is the line holding byte `at` longer than YAML's 1024-character limit
 * on implicit keys? */
static bool long_line(const char *text, size_t len, size_t at)
{
  size_t start = at < len ? at : len, end = start, chars = 0;
  while (start > 0 && text[start - 1] != '\n')
    --start;
  while (end < len && text[end] != '\n')
    ++end;
  chars = kg_utf8_chars(text + start, end - start);
  return chars > 1024;
}

/* YAML 1.1 reads NEL, LS and PS as line breaks wherever they stand: in a
 * quoted or flow value libyaml folds them into a space or drops them, in a
 * comment the rest of the line becomes YAML, in a plain value they cut it
 * in two.  Each way the facts change without a word, so a file holding one
 * is refused before it is parsed, at the first (whose position no earlier
 * break can make editors and libyaml disagree on), with a count of the
 * rest.  NEL is also a C1 control, refused in values even when escaped
 * (\N), so its hint cannot be an escape. */
static bool refuse_unicode_breaks(loader *ld, const char *text, size_t len)
{
  uint32_t cp = 0, other = 0;
  size_t at = kg_text_find_unicode_break(text, len, 0, &cp), more = 0;
  if (at == len)
    return false;
  for (size_t i = at + 1;
       (i = kg_text_find_unicode_break(text, len, i, &other)) < len; ++i)
    ++more;
  const char *name = cp == 0x85     ? "U+0085 (next line)"
                     : cp == 0x2028 ? "U+2028 (line separator)"
                                    : "U+2029 (paragraph separator)";
  char message[192], count[64] = "";
  if (more)
    snprintf(count, sizeof count, " (and %zu more in this file)", more);
  snprintf(message, sizeof message,
           "%s in the file: YAML reads it as a line break, which would "
           "change the text around it%s",
           name, count);
  fail(ld, kg_diag_pos_at(ld->diag, ld->name, at), "bad-text", message,
       cp == 0x85 ? "remove it, it is a control character; if an ellipsis was "
                    "meant (byte 0x85 in Windows-1252), write \\u2026 in "
                    "double quotes"
       : cp == 0x2028 ? "write it as \\L in double quotes, or remove it"
                      : "write it as \\P in double quotes, or remove it");
  return true;
}

/* libyaml's own message, placed where the problem is.  Reader errors (bad
 * encoding) carry only a byte offset, which the line map turns into a
 * line and column. */
static void report_parser_error(loader *ld, const yaml_parser_t *p)
{
  char message[512];
  kg_pos pos;
  if (p->error == YAML_MEMORY_ERROR) {
    fail(ld, (kg_pos){ld->name, 0, 0}, "nomem", "out of memory", NULL);
    return;
  }
  if (p->error == YAML_READER_ERROR) {
    pos = kg_diag_pos_at(ld->diag, ld->name, p->problem_offset);
    if (p->problem_value != -1 &&
        strstr(p->problem ? p->problem : "", "control"))
      snprintf(message, sizeof message,
               "%s (character U+%04X); fact files must be UTF-8 text",
               p->problem, (unsigned)p->problem_value);
    else
      snprintf(message, sizeof message, "%s; fact files must be UTF-8 text",
               p->problem);
    fail(ld, pos, "encoding", message, NULL);
    return;
  }
  pos = mark_pos(ld, p->problem_mark);
  const char *text = (const char *)p->input.string.start;
  size_t at = p->problem_mark.index;
  bool tab =
      (p->problem && strstr(p->problem, "tab")) ||
      (text && at < (size_t)(p->input.string.end - p->input.string.start) &&
       text[at] == '\t');
  const char *tab_hint = tab ? "indent with spaces, not tabs" : NULL;
  /* YAML limits an implicit key to 1024 characters; libyaml only says
   * that it found no ':'. */
  if (!tab && text &&
      long_line(text, (size_t)(p->input.string.end - p->input.string.start),
                p->context ? p->context_mark.index : at))
    tab_hint = "a key longer than 1024 characters: YAML does not allow it";
  if (p->context) {
    kg_pos ctx = mark_pos(ld, p->context_mark);
    snprintf(message, sizeof message, "%s %s", p->context,
             p->problem ? p->problem : "");
    char note[128];
    snprintf(note, sizeof note, "%s started here", p->context + 6);
    bool same = ctx.line == pos.line && ctx.col == pos.col;
    kg_diag_emit(ld->diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                            .pos = pos,
                                            .code = "yaml-syntax",
                                            .message = message,
                                            .hint = tab_hint,
                                            .note_pos = ctx,
                                            .note = same ? NULL : note});
    ld->failed = true;
    return;
  }
  snprintf(message, sizeof message, "%s",
           p->problem ? p->problem : "syntax error");
  fail(ld, pos, "yaml-syntax", message, tab_hint);
}

static kg_ynode *new_node(loader *ld, kg_yaml_kind kind, yaml_mark_t mark)
{
  /* packed: 40 bytes each, not 64 (100k people: 0.4 GB of trees, 25%
   * fewer pages to fault in) */
  kg_ynode *n =
      kg_arena_alloc_aligned(ld->arena, sizeof *n, _Alignof(kg_ynode));
  if (n)
    *n = (kg_ynode){.kind = (uint8_t)kind,
                    .line = (uint32_t)mark.line + 1,
                    .col = (uint32_t)mark.column + 1};
  return n;
}

/* Attach a finished node to the collection being built, or make it the root. */
static kg_status attach(loader *ld, kg_ynode *node)
{
  if (ld->depth == 0) {
    ld->root = node;
    return KG_OK;
  }
  return kg_vec_push(&ld->children, node);
}

static bool same_key(const kg_ynode *a, const kg_ynode *b)
{
  return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static int compare_keys(const void *pa, const void *pb)
{
  const kg_ynode *a = *(kg_ynode *const *)pa, *b = *(kg_ynode *const *)pb;
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->text, b->text, n);
  if (c)
    return c;
  if (a->len != b->len)
    return a->len < b->len ? -1 : 1;
  /* Equal keys: by position, so the first written is reported first. */
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  return a->col < b->col ? -1 : a->col > b->col;
}

static void report_duplicate(loader *ld, const kg_ynode *first,
                             const kg_ynode *again)
{
  char message[256], quoted[96];
  snprintf(message, sizeof message, "duplicate key '%s'",
           kg_diag_quote(again->text, again->len, quoted, sizeof quoted));
  kg_diag_emit(ld->diag,
               &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                .pos = kg_ynode_pos(again, ld->name),
                                .code = "duplicate-key",
                                .message = message,
                                .note_pos = kg_ynode_pos(first, ld->name),
                                .note = "first given here"});
  ld->failed = true;
}

/* libyaml accepts duplicate keys and hands both pairs on; a fact file must
 * not, or one of the two facts would silently win.  Small maps are checked
 * pairwise; large ones by sorting, so a hostile file stays O(n log n). */
static kg_status check_map_keys(loader *ld, kg_ynode *map)
{
  for (size_t i = 0; i < map->count; ++i) {
    kg_ynode *key = map->items[2 * i];
    if (key->kind != KG_YAML_SCALAR)
      fail(ld, kg_ynode_pos(key, ld->name), "non-text-key",
           "mapping keys must be text", NULL);
  }
  if (map->count <= 16) {
    for (size_t i = 0; i < map->count; ++i)
      for (size_t j = 0; j < i; ++j) {
        kg_ynode *a = map->items[2 * j], *b = map->items[2 * i];
        if (a->kind == KG_YAML_SCALAR && b->kind == KG_YAML_SCALAR &&
            same_key(a, b)) {
          report_duplicate(ld, a, b);
          break;
        }
      }
    return KG_OK;
  }
  kg_ynode **keys = kg_malloc(map->count * sizeof *keys);
  if (!keys)
    return KG_ERR_NOMEM;
  size_t n = 0;
  for (size_t i = 0; i < map->count; ++i)
    if (map->items[2 * i]->kind == KG_YAML_SCALAR)
      keys[n++] = map->items[2 * i];
  qsort(keys, n, sizeof *keys, compare_keys);
  for (size_t i = 1; i < n; ++i)
    if (same_key(keys[i - 1], keys[i])) {
      size_t first = i - 1;
      while (first > 0 && same_key(keys[first - 1], keys[i]))
        --first;
      report_duplicate(ld, keys[first], keys[i]);
    }
  kg_free(keys);
  return KG_OK;
}

static kg_status open_collection(loader *ld, kg_yaml_kind kind,
                                 const yaml_event_t *ev, bool *stop)
{
  if (ld->depth == KG_MAX_DEPTH) {
    char message[128];
    snprintf(message, sizeof message,
             "nesting deeper than %d levels; fact files need at most a few",
             KG_MAX_DEPTH);
    fail(ld, mark_pos(ld, ev->start_mark), "too-deep", message, NULL);
    *stop = true; /* libyaml is quadratic on deep flow nesting: stop now */
    return KG_OK;
  }
  kg_ynode *node = new_node(ld, kind, ev->start_mark);
  if (!node)
    return KG_ERR_NOMEM;
  ld->stack[ld->depth++] = (frame){.node = node, .first = ld->children.count};
  return KG_OK;
}

static kg_status close_collection(loader *ld)
{
  frame *f = &ld->stack[--ld->depth];
  kg_ynode *node = f->node;
  kg_status st = KG_OK;
  size_t n = ld->children.count - f->first;
  if (n) {
    node->items = kg_arena_alloc_aligned(ld->arena, n * sizeof(kg_ynode *),
                                         _Alignof(kg_ynode *));
    if (!node->items) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    memcpy(node->items, ld->children.items + f->first, n * sizeof(kg_ynode *));
  }
  ld->children.count = f->first;
  /* Fits: kg_load_buffer takes at most KG_MAX_FILE_BYTES, and an item
   * takes at least two. */
  node->count = (uint32_t)(node->kind == KG_YAML_MAP ? n / 2 : n);
  if (node->kind == KG_YAML_MAP)
    TRY(check_map_keys(ld, node));
  TRY(attach(ld, node));
out:
  return st;
}

/* Anchors, aliases and tags have no meaning in a fact file; refusing them
 * removes "billion laughs" and alias cycles at the root. */
/* A "billion laughs" file has dozens of anchors and aliases: the first few
 * are reported, the rest counted in one note at the end of the file. */
enum { MAX_DECORATION_REPORTS = 3 };

static bool refuse_decorations(loader *ld, const yaml_event_t *ev,
                               const yaml_char_t *anchor,
                               const yaml_char_t *tag, bool implicit_tag)
{
  if ((anchor || (tag && !implicit_tag)) &&
      ld->decorations++ >= MAX_DECORATION_REPORTS) {
    ld->failed = true;
    return true;
  }
  if (anchor) {
    fail(ld, mark_pos(ld, ev->start_mark), "anchor",
         "anchors (&name) are not supported in fact files",
         "write the value out in full");
    return true;
  }
  if (tag && !implicit_tag) {
    char message[160], quoted[64];
    snprintf(message, sizeof message,
             "tags ('%s') are not supported in fact files",
             kg_diag_quote((const char *)tag, strlen((const char *)tag), quoted,
                           sizeof quoted));
    fail(ld, mark_pos(ld, ev->start_mark), "tag", message,
         "kgbuild types values by the ontology; remove the tag");
    return true;
  }
  return false;
}

static kg_status on_scalar(loader *ld, const yaml_event_t *ev)
{
  const yaml_char_t *anchor = ev->data.scalar.anchor,
                    *tag = ev->data.scalar.tag;
  size_t length = ev->data.scalar.length;
  bool implicit =
      ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit;
  kg_ynode *node = new_node(ld, KG_YAML_SCALAR, ev->start_mark);
  if (!node)
    return KG_ERR_NOMEM;
  if (refuse_decorations(ld, ev, anchor, tag, implicit) ||
      length > KG_MAX_SCALAR_BYTES) {
    if (length > KG_MAX_SCALAR_BYTES) {
      char message[128];
      snprintf(message, sizeof message,
               "value of %zu bytes exceeds the limit of %u bytes", length,
               KG_MAX_SCALAR_BYTES);
      fail(ld, kg_ynode_pos(node, ld->name), "too-long", message, NULL);
    }
    node->text = "";
  } else {
    node->text = kg_arena_strndup(ld->arena,
                                  (const char *)ev->data.scalar.value, length);
    if (!node->text)
      return KG_ERR_NOMEM;
    node->len = (uint32_t)length; /* at most KG_MAX_SCALAR_BYTES */
  }
  node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  /* Only a double-quoted escape writes a character the file does not hold. */
  node->clean =
      ld->clean && ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  return attach(ld, node);
}

/* One event.  *stop is set when parsing cannot usefully go on. */
static kg_status on_event(loader *ld, const yaml_event_t *ev, bool *stop)
{
  switch (ev->type) {
  case YAML_DOCUMENT_START_EVENT:
    if (++ld->documents == 2) {
      fail(ld, mark_pos(ld, ev->start_mark), "multi-document",
           "a fact file holds one YAML document, but a second starts here",
           "split it into two files");
      *stop = true;
    } else if (ev->data.document_start.tag_directives.start !=
               ev->data.document_start.tag_directives.end) {
      fail(ld, mark_pos(ld, ev->start_mark), "tag",
           "%TAG directives are not supported in fact files", NULL);
    }
    return KG_OK;
  case YAML_ALIAS_EVENT:
    if (ld->decorations++ < MAX_DECORATION_REPORTS)
      fail(ld, mark_pos(ld, ev->start_mark), "alias",
           "aliases (*name) are not supported in fact files",
           "write the value out in full");
    ld->failed = true;
    {
      kg_ynode *node = new_node(ld, KG_YAML_SCALAR, ev->start_mark);
      if (!node)
        return KG_ERR_NOMEM;
      node->text = "";
      return attach(ld, node);
    }
  case YAML_SCALAR_EVENT: return on_scalar(ld, ev);
  case YAML_SEQUENCE_START_EVENT:
    refuse_decorations(ld, ev, ev->data.sequence_start.anchor,
                       ev->data.sequence_start.tag,
                       ev->data.sequence_start.implicit);
    return open_collection(ld, KG_YAML_SEQ, ev, stop);
  case YAML_MAPPING_START_EVENT:
    refuse_decorations(ld, ev, ev->data.mapping_start.anchor,
                       ev->data.mapping_start.tag,
                       ev->data.mapping_start.implicit);
    return open_collection(ld, KG_YAML_MAP, ev, stop);
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT: return close_collection(ld);
  default: return KG_OK;
  }
}

static bool has_utf16_bom(const char *text, size_t len)
{
  return len >= 2 &&
         (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
          ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF));
}

/* What the text must be before libyaml reads it: within the size limit,
 * UTF-8 (not UTF-16, no NUL, no invalid byte), free of the Unicode line
 * breaks libyaml would fold silently.  Reports the problem and returns
 * false; on success, *clean says whether the text holds nothing a value
 * check would refuse. */
static bool text_acceptable(loader *ld, const char *text, size_t len,
                            bool *clean)
{
  if (len > KG_MAX_FILE_BYTES) { /* kg_load_read refuses them sooner */
    char message[128];
    snprintf(message, sizeof message,
             "file of %zu bytes exceeds the limit of %u bytes; split it", len,
             KG_MAX_FILE_BYTES);
    fail(ld, (kg_pos){ld->name, 0, 0}, "too-large", message, NULL);
    return false;
  }
  /* libyaml would silently decode UTF-16; our positions and the rest of the
   * tool chain assume UTF-8, so say so plainly. */
  if (has_utf16_bom(text, len)) {
    fail(ld, (kg_pos){ld->name, 1, 1}, "encoding",
         "file is UTF-16; fact files must be UTF-8 text",
         "convert it with: iconv -f UTF-16 -t UTF-8");
    return false;
  }
  /* libyaml finds bad UTF-8 too, but reports the byte after the problem;
   * our own scan points at the offending byte itself. */
  size_t offset = 0;
  kg_text_problem problem = kg_text_check(text, len, &offset);
  if (problem == KG_TEXT_BAD_UTF8 || problem == KG_TEXT_NUL) {
    char message[160];
    if (problem == KG_TEXT_NUL)
      snprintf(message, sizeof message,
               "NUL byte in file; fact files must be UTF-8 text");
    else
      snprintf(message, sizeof message,
               "invalid UTF-8 (byte 0x%02X); fact files must be UTF-8 text",
               (unsigned char)text[offset]);
    /* NULs in the first two bytes: UTF-16 without a byte-order mark. */
    bool utf16 = problem == KG_TEXT_NUL && offset < 2 && len >= 2;
    fail(ld, kg_diag_pos_at(ld->diag, ld->name, offset), "encoding", message,
         utf16 ? "is it UTF-16? convert it with: iconv -f UTF-16 -t UTF-8"
         : problem == KG_TEXT_NUL
             ? NULL
             : "is it Latin-1? convert it with: iconv -f LATIN1 -t UTF-8");
    return false;
  }
  if (refuse_unicode_breaks(ld, text, len))
    return false;
  *clean = problem == KG_TEXT_OK;
  return true;
}

/* Runs libyaml over the text, building the tree event by event. */
static kg_status parse_events(loader *ld, const char *text, size_t len)
{
  kg_status st = KG_OK;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return KG_ERR_NOMEM;
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  for (bool stop = false, done = false; !stop && !done;) {
    yaml_event_t ev;
    /* A file of 64 MB takes seconds to parse: SIGINT must not wait. */
    if (++ld->events % 4096 == 0 && kg_diag_interrupted(ld->diag)) {
      st = KG_ERR_INTERRUPTED;
      goto out;
    }
    if (!yaml_parser_parse(&parser, &ev)) {
      if (parser.error == YAML_MEMORY_ERROR) {
        st = KG_ERR_NOMEM;
        goto out;
      }
      report_parser_error(ld, &parser);
      break;
    }
    done = ev.type == YAML_STREAM_END_EVENT;
    st = on_event(ld, &ev, &stop);
    yaml_event_delete(&ev);
    if (st != KG_OK)
      goto out;
  }
out:
  yaml_parser_delete(&parser);
  return st;
}

kg_status kg_load_buffer(kg_arena *arena, kg_diag *diag, const char *name,
                         const char *text, size_t len, kg_ynode **root)
{
  kg_status st = KG_OK;
  loader ld = {.arena = arena, .diag = diag, .name = name};
  *root = NULL;
  /* A UTF-8 byte-order mark is allowed, and dropped here: libyaml would
   * count it as a column of the first line, so that the first key would
   * seem indented one space more than the next. */
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
    text += 3, len -= 3;
  TRY(kg_diag_add_source(diag, name, text, len));
  if (!text_acceptable(&ld, text, len, &ld.clean)) {
    st = KG_ERR_FACTS;
    goto out;
  }
  TRY(parse_events(&ld, text, len));
  if (ld.decorations > MAX_DECORATION_REPORTS) {
    char note[128];
    snprintf(note, sizeof note,
             "%zu more anchors, aliases or tags in this file were refused",
             ld.decorations - MAX_DECORATION_REPORTS);
    kg_diag_emit(diag, &(kg_diagnostic){.severity = KG_SEV_NOTE,
                                        .pos = {name, 0, 0},
                                        .code = "anchor",
                                        .message = note});
  }
  if (ld.failed) {
    st = KG_ERR_FACTS;
    goto out;
  }
  *root = ld.root;
out:
  kg_vec_free(&ld.children);
  return st;
}

/* One read, retried when a signal interrupts it; *got is 0 at end of file. */
static kg_status read_some(kg_diag *diag, const char *name, int fd, char *buf,
                           size_t room, size_t *got)
{
  for (;;) {
    ssize_t n = read(fd, buf, room);
    if (n >= 0) {
      *got = (size_t)n;
      return KG_OK;
    }
    if (errno != EINTR) {
      kg_error(diag, (kg_pos){name, 0, 0}, "io", "cannot read: %s",
               strerror(errno));
      return KG_ERR_IO;
    }
  }
}

/* Read the whole file with a size cap, refusing what is not a regular file
 * (a FIFO would block forever, a directory gives libyaml nothing useful). */
static kg_status read_file(kg_arena *arena, kg_diag *diag, const char *path,
                           char **text, size_t *len)
{
  kg_status st = KG_OK;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    return KG_ERR_IO;
  }
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot stat: %s",
             strerror(errno));
    st = KG_ERR_IO;
    goto out;
  }
  if (!S_ISREG(sb.st_mode)) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io",
             S_ISDIR(sb.st_mode) ? "is a directory, not a fact file"
                                 : "is not a regular file");
    st = KG_ERR_IO;
    goto out;
  }
  if (sb.st_size > (off_t)KG_MAX_FILE_BYTES) {
    kg_error(diag, (kg_pos){path, 0, 0}, "too-large",
             "file of %lld bytes exceeds the limit of %u bytes; split it",
             (long long)sb.st_size, KG_MAX_FILE_BYTES);
    st = KG_ERR_FACTS;
    goto out;
  }
  size_t cap = (size_t)sb.st_size, n = 0;
  char *buf = kg_arena_alloc(arena, cap + 1);
  if (!buf) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* The file may shrink while we read; never trust st_size for more than a
   * bound, and stop at end of file. */
  while (n < cap) {
    size_t got = 0;
    TRY(read_some(diag, path, fd, buf + n, cap - n, &got));
    if (got == 0)
      break;
    n += got;
  }
  buf[n] = '\0';
  *text = buf;
  *len = n;
out:
  close(fd);
  return st;
}

/* Standard input ("-"): read to the end, with the same size cap. */
static kg_status read_stdin(kg_arena *arena, kg_diag *diag, const char *name,
                            char **text, size_t *len)
{
  size_t cap = 64 * 1024, n = 0;
  char *buf = kg_malloc(cap + 1);
  kg_status st = KG_OK;
  if (!buf)
    return KG_ERR_NOMEM;
  for (;;) {
    if (n == cap) {
      if (cap >= KG_MAX_FILE_BYTES) {
        kg_error(diag, (kg_pos){name, 0, 0}, "too-large",
                 "standard input exceeds the limit of %u bytes",
                 KG_MAX_FILE_BYTES);
        st = KG_ERR_FACTS;
        goto out;
      }
      char *grown = kg_realloc(buf, cap * 2 + 1);
      if (!grown) {
        st = KG_ERR_NOMEM;
        goto out;
      }
      buf = grown;
      cap *= 2;
    }
    size_t got = 0;
    TRY(read_some(diag, name, STDIN_FILENO, buf + n, cap - n, &got));
    if (got == 0)
      break;
    n += got;
  }
  /* The text must live as long as the diagnostics: copy it to the arena. */
  if (!(*text = kg_arena_strndup(arena, buf, n)))
    st = KG_ERR_NOMEM;
  *len = n;
out:
  kg_free(buf);
  return st;
}

kg_status kg_load_read(kg_arena *arena, kg_diag *diag, const char *path,
                       const char **name_out, const char **text_out,
                       size_t *len)
{
  kg_status st = KG_OK;
  char *text = NULL;
  const char *name = kg_arena_strndup(arena, path, strlen(path));
  *len = 0;
  if (!name)
    return KG_ERR_NOMEM;
  if (!strcmp(path, "-")) {
    name = "<stdin>";
    TRY(read_stdin(arena, diag, name, &text, len));
  } else {
    TRY(read_file(arena, diag, name, &text, len));
  }
  *name_out = name;
  *text_out = text;
out:
  return st;
}
