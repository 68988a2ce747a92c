/* import_csv.c - CSV (RFC 4180: quoted fields with commas, quotes and line
 * breaks, CRLF or LF, a byte order mark) read by libcsv in strict mode,
 * with a header row, and a mapping file that says which section the rows
 * are and which key each column is:
 *
 *   section: people          # people, organisations or posts
 *   id: person_id            # the column of the rows' ids (optional)
 *   columns:
 *     name: full_name        # a key and its column ...
 *     alt-name: {zh: name_zh, en: other_name}   # ... or a column a language
 *     born: birth_date
 *
 * Keys whose values are text or dates are mapped; a column the mapping
 * does not name is reported as not mapped, with the count of its values. */
#include "import.h"

#include "load.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *text;
  size_t len;
} cell;

typedef struct {
  cell *cells;
  size_t count, cap;
  uint32_t line;
} row;

typedef struct {
  const kg_import_input *in;
  row *rows;
  size_t count, cap;
  row cur;
  uint32_t line; /* the line being fed to the parser */
  kg_status st;
} table;

/* A column of the mapping: the key it is, in a language or none. */
typedef struct {
  const char *key, *lang, *column;
  size_t index;
  kg_pos pos;
  bool is_name, is_date;
} mapped;

typedef struct {
  kg_imp_section section;
  const char *id_column;
  size_t id_index;
  kg_pos id_pos;
  mapped cols[64];
  size_t count;
} mapping;

static void on_field(void *s, size_t len, void *data)
{
  table *t = data;
  if (t->st != KG_OK)
    return;
  if (t->cur.count == 0) {
    /* the line the record starts on: its first field ends on this one */
    uint32_t breaks = 0;
    for (size_t i = 0; i < len; ++i)
      breaks += ((const char *)s)[i] == '\n';
    t->cur.line = t->line - breaks;
  }
  cell *grown =
      kg_grow(t->cur.cells, &t->cur.cap, t->cur.count, sizeof *t->cur.cells, 8);
  char *copy = kg_arena_strndup(t->in->arena, s ? s : "", s ? len : 0);
  if (!grown || !copy) {
    t->st = KG_ERR_NOMEM;
    if (grown)
      t->cur.cells = grown;
    return;
  }
  t->cur.cells = grown;
  t->cur.cells[t->cur.count++] = (cell){copy, s ? len : 0};
}

static void on_record(int c, void *data)
{
  table *t = data;
  (void)c;
  if (t->st != KG_OK)
    return;
  row *grown = kg_grow(t->rows, &t->cap, t->count, sizeof *t->rows, 64);
  if (!grown) {
    t->st = KG_ERR_NOMEM;
    return;
  }
  t->rows = grown;
  t->rows[t->count++] = t->cur;
  t->cur = (row){0};
}

/* RFC 4180 keeps spaces around fields: nothing is trimmed. */
static int no_space(unsigned char c)
{
  (void)c;
  return 0;
}

static void *csv_realloc(void *p, size_t n)
{
  return kg_realloc(p, n);
}

/* Reads every record, each with the line it starts on. */
static kg_status read_rows(const kg_import_input *in, table *t)
{
  struct csv_parser p;
  kg_status st = KG_OK;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return KG_ERR_NOMEM;
  csv_set_space_func(&p, no_space);
  csv_set_realloc_func(&p, csv_realloc);
  csv_set_free_func(&p, kg_free);
  size_t at = in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  /* Fed a line at a time, so that the parser's place is a line. */
  for (t->line = 1; at < in->len && t->st == KG_OK; ++t->line) {
    const char *nl = memchr(in->text + at, '\n', in->len - at);
    size_t n = nl ? (size_t)(nl - (in->text + at)) + 1 : in->len - at;
    if (csv_parse(&p, in->text + at, n, on_field, on_record, t) != n)
      break;
    at += n;
  }
  if (t->st == KG_OK && at >= in->len &&
      csv_fini(&p, on_field, on_record, t) == 0) {
    st = t->st;
  } else if (t->st != KG_OK) {
    st = t->st;
  } else {
    kg_import_error(in->im, (kg_pos){in->name, t->line - (at >= in->len), 1},
                    "not CSV: %s", csv_strerror(csv_error(&p)));
    st = KG_ERR_FACTS;
  }
  csv_free(&p);
  kg_free(t->cur.cells);
  return st;
}

static const kg_ynode *get(const kg_ynode *map, const char *key)
{
  for (uint32_t i = 0; map && map->kind == KG_YAML_MAP && i < map->count; ++i)
    if (strcmp(map->items[2 * i]->text, key) == 0)
      return map->items[2 * i + 1];
  return NULL;
}

static kg_status bad_mapping(const kg_import_input *in, const char *file,
                             const kg_ynode *n, const char *what,
                             const char *detail)
{
  kg_import_error(in->im, n ? kg_ynode_pos(n, file) : (kg_pos){file, 0, 0},
                  "%s%s", what, detail ? detail : "");
  return KG_ERR_FACTS;
}

/* One column of the mapping: key and column, in a language or not. */
static kg_status add_column(const kg_import_input *in, const char *file,
                            mapping *m, const kg_ynode *key, const char *lang,
                            const kg_ynode *col)
{
  const kg_property *p =
      kg_map_get(in->onto->by_key, key->text, strlen(key->text));
  if (col->kind != KG_YAML_SCALAR)
    return bad_mapping(in, file, col, "expected a column name", NULL);
  if (!p)
    return bad_mapping(in, file, key,
                       "no such key in the ontology: ", key->text);
  bool date = p->range == KG_RANGE_PARTIALDATE || p->range == KG_RANGE_DATE ||
              p->range == KG_RANGE_GYEAR || p->range == KG_RANGE_GYEARMONTH;
  if (!date && p->range != KG_RANGE_STRING && p->range != KG_RANGE_LANGSTRING &&
      p->range != KG_RANGE_ANYURI)
    return bad_mapping(in, file, key,
                       "a CSV column maps to a key of text or dates, not ",
                       key->text);
  if (m->count == sizeof m->cols / sizeof *m->cols)
    return bad_mapping(in, file, key, "more than 64 columns mapped", NULL);
  m->cols[m->count++] = (mapped){key->text,
                                 lang,
                                 col->text,
                                 0,
                                 kg_ynode_pos(col, file),
                                 strcmp(key->text, "name") == 0,
                                 date};
  return KG_OK;
}

static kg_status read_mapping(const kg_import_input *in, mapping *m)
{
  kg_status st = KG_OK;
  const char *file, *text;
  size_t len;
  kg_ynode *root = NULL;
  TRY(kg_load_read(in->arena, in->diag, in->mapping, &file, &text, &len));
  TRY(kg_load_buffer(in->arena, in->diag, file, text, len, &root));
  const kg_ynode *s = get(root, "section"), *cols = get(root, "columns");
  const kg_ynode *id = get(root, "id");
  static const char *const sections[] = {"people", "organisations", "posts"};
  m->section = KG_IMP_SECTIONS;
  for (int i = 0; s && s->kind == KG_YAML_SCALAR && i < 3; ++i)
    if (strcmp(s->text, sections[i]) == 0)
      m->section = (kg_imp_section)i;
  if (m->section == KG_IMP_SECTIONS)
    TRY(bad_mapping(in, file, s ? s : root,
                    "section: expected people, organisations or posts", NULL));
  if (!cols || cols->kind != KG_YAML_MAP)
    TRY(bad_mapping(in, file, cols ? cols : root,
                    "columns: expected a map from keys to columns", NULL));
  if (id && id->kind == KG_YAML_SCALAR) {
    m->id_column = id->text;
    m->id_pos = kg_ynode_pos(id, file);
  }
  for (uint32_t i = 0; i < cols->count; ++i) {
    const kg_ynode *k = cols->items[2 * i], *v = cols->items[2 * i + 1];
    for (uint32_t j = 0; v->kind == KG_YAML_MAP && j < v->count; ++j)
      TRY(add_column(in, file, m, k, v->items[2 * j]->text,
                     v->items[2 * j + 1]));
    if (v->kind != KG_YAML_MAP)
      TRY(add_column(in, file, m, k, NULL, v));
  }
out:
  return st;
}

/* Finds each mapped column in the header row. */
static kg_status find_columns(const kg_import_input *in, mapping *m,
                              const row *header, bool *used)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i <= m->count; ++i) {
    const char *want = i < m->count ? m->cols[i].column : m->id_column;
    kg_pos pos = i < m->count ? m->cols[i].pos : m->id_pos;
    size_t found = header->count, times = 0;
    for (size_t c = 0; want && c < header->count; ++c)
      if (strcmp(header->cells[c].text, want) == 0 && times++ == 0)
        found = c;
    if (times > 1) {
      kg_import_error(in->im, pos,
                      "the header of %s names '%s' %zu times: which column "
                      "is meant?",
                      in->name, want, times);
      st = KG_ERR_FACTS;
    } else if (want && found == header->count) {
      kg_import_error(in->im, pos, "no column '%s' in the header of %s", want,
                      in->name);
      st = KG_ERR_FACTS;
    } else if (want) {
      *(i < m->count ? &m->cols[i].index : &m->id_index) = found;
      used[found] = true;
    }
  }
  return st;
}

static kg_status one_row(const kg_import_input *in, const mapping *m,
                         const row *header, const row *r, const bool *used,
                         size_t index)
{
  kg_status st = KG_OK;
  char orig[32];
  const char *id = orig;
  size_t len;
  kg_pos pos = {in->name, r->line, 1};
  if (r->count != header->count)
    kg_import_warn(in->im, pos, "a row of %zu fields, the header has %zu",
                   r->count, header->count);
  snprintf(orig, sizeof orig, "row %zu", index);
  len = strlen(orig);
  if (m->id_column && m->id_index < r->count && r->cells[m->id_index].len)
    id = r->cells[m->id_index].text, len = r->cells[m->id_index].len;
  kg_imp_entity *e;
  TRY(kg_import_entity(in->im, m->section, id, len, pos, &e));
  for (size_t i = 0; e && i < m->count; ++i) {
    const mapped *c = &m->cols[i];
    if (c->index >= r->count || r->cells[c->index].len == 0)
      continue;
    const cell *v = &r->cells[c->index];
    char field[160];
    snprintf(field, sizeof field, "column '%.100s'", c->column);
    TRY(c->is_name ? kg_import_name(in->im, e, c->lang, v->text, v->len, field)
        : c->is_date
            ? kg_import_date(in->im, e, c->key, v->text, v->len, field, NULL)
            : kg_import_text(in->im, e, c->key, c->lang, v->text, v->len, field,
                             NULL));
  }
  for (size_t c = 0; c < r->count && c < header->count; ++c)
    if (!used[c] && r->cells[c].len) {
      char field[160];
      snprintf(field, sizeof field, "column '%.100s'", header->cells[c].text);
      TRY(kg_import_unmapped(in->im, field));
    }
out:
  return st;
}

kg_status kg_import_csv(const kg_import_input *in)
{
  kg_status st = KG_OK;
  table t = {.in = in};
  mapping m = {0};
  bool *used = NULL;
  TRY(read_mapping(in, &m));
  TRY(read_rows(in, &t));
  if (t.count == 0) {
    kg_import_error(in->im, (kg_pos){in->name, 0, 0},
                    "no header row: the first row names the columns");
    TRY(KG_ERR_FACTS);
  }
  if (!(used = kg_calloc(t.rows[0].count + 1, sizeof *used)))
    TRY(KG_ERR_NOMEM);
  TRY(find_columns(in, &m, &t.rows[0], used));
  for (size_t i = 1; i < t.count; ++i)
    TRY(one_row(in, &m, &t.rows[0], &t.rows[i], used, i));
out:
  kg_free(used);
  for (size_t i = 0; i < t.count; ++i)
    kg_free(t.rows[i].cells);
  kg_free(t.rows);
  return st;
}
