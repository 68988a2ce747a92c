/* gexf.c - the GEXF writer. */
#include "gexf.h"

#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Attributes GEXF carries elsewhere: a node's id, label and spell, an
 * edge's label (also its kind), weight, spells and id (`relation`). */
static bool is_structural(const char *name, bool vertex)
{
  static const char *const node_skip[] = {"kg_id", "label", "start", "end",
                                          NULL};
  static const char *const edge_skip[] = {"label", "weight",   "start",
                                          "end",   "relation", NULL};
  for (const char *const *s = vertex ? node_skip : edge_skip; *s; ++s)
    if (!strcmp(name, *s))
      return true;
  return false;
}

/* Counts and partitions are whole numbers: Gephi partitions integers. */
static const char *gexf_type(kg_attr_type type)
{
  return type == KG_ATTR_INTEGER ? "integer"
         : type == KG_ATTR_REAL  ? "double"
                                 : "string";
}

static void declare(kg_xml *x, const kg_graph *g, bool vertex, bool dynamic)
{
  kg_xml_start(x, "attributes");
  kg_xml_attribute(x, "class", vertex ? "node" : "edge");
  if (dynamic)
    kg_xml_attribute(x, "mode", "dynamic");
  for (size_t a = 0; a < kg_graph_attribute_count(g, vertex); ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    if (is_structural(attr.name, vertex))
      continue;
    kg_xml_start(x, "attribute");
    kg_xml_attribute(x, "id", attr.name);
    kg_xml_attribute(x, "title", attr.name);
    kg_xml_attribute(x, "type", gexf_type(attr.type));
    kg_xml_end(x);
  }
  kg_xml_end(x);
}

static void values(kg_xml *x, const kg_graph *g, kg_graph_buffer *buf,
                   bool vertex, size_t i)
{
  bool open = false;
  for (size_t a = 0; a < kg_graph_attribute_count(g, vertex); ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, vertex, a);
    if (is_structural(attr.name, vertex))
      continue;
    char number[64];
    const char *value;
    if (attr.type != KG_ATTR_TEXT) {
      double v = kg_graph_number(g, vertex, a, i);
      if (!isfinite(v))
        continue; /* absent: GEXF has no NaN, and "no value" is the truth */
      if (attr.type == KG_ATTR_INTEGER)
        kg_xml_integer(v, number, sizeof number);
      else
        snprintf(number, sizeof number, "%.17g", v);
      value = number;
    } else {
      value = kg_graph_text(g, buf, vertex, a, i);
      if (!*value)
        continue;
    }
    if (!open) {
      kg_xml_start(x, "attvalues");
      open = true;
    }
    kg_xml_start(x, "attvalue");
    kg_xml_attribute(x, "for", attr.name);
    kg_xml_attribute(x, "value", value);
    kg_xml_end(x);
  }
  if (open)
    kg_xml_end(x);
}

static void spell(kg_xml *x, const char *start, const char *end)
{
  if (!*start && !*end)
    return;
  kg_xml_start(x, "spells");
  kg_xml_start(x, "spell");
  if (*start)
    kg_xml_attribute(x, "start", start);
  if (*end)
    kg_xml_attribute(x, "end", end);
  kg_xml_end(x);
  kg_xml_end(x);
}

/* Does text attribute a take one value on every row of an edge?  Then it
 * is written once; else once per row, bounded by the row's spell. */
static bool same_on_rows(const kg_graph *g, kg_graph_buffer *buf,
                         kg_graph_buffer *first_buf, size_t a, size_t first,
                         size_t count)
{
  const char *v0 = kg_graph_text(g, first_buf, false, a, first);
  for (size_t r = first + 1; r < first + count; ++r)
    if (strcmp(v0, kg_graph_text(g, buf, false, a, r)))
      return false;
  return true;
}

/* Do some edges' rows differ in an attribute?  Then the edges' attributes
 * are dynamic (GEXF 1.3: attvalues with start and end). */
static bool rows_differ(const kg_graph *g, kg_graph_buffer *buf,
                        kg_graph_buffer *first_buf)
{
  for (size_t e = 0; e < kg_graph_edge_count(g); ++e) {
    size_t first, count;
    kg_graph_edge_rows(g, e, &first, &count);
    for (size_t a = 0; count > 1 && a < kg_graph_attribute_count(g, false); ++a)
      if (kg_graph_attribute(g, false, a).type == KG_ATTR_TEXT &&
          !is_structural(kg_graph_attribute(g, false, a).name, false) &&
          !same_on_rows(g, buf, first_buf, a, first, count))
        return true;
  }
  return false;
}

static void attvalue(kg_xml *x, const char *name, const char *value,
                     const char *start, const char *end)
{
  kg_xml_start(x, "attvalue");
  kg_xml_attribute(x, "for", name);
  kg_xml_attribute(x, "value", value);
  if (start && *start)
    kg_xml_attribute(x, "start", start);
  if (end && *end)
    kg_xml_attribute(x, "end", end);
  kg_xml_end(x);
}

/* A growable text, for the values of several rows written as one. */
typedef struct {
  char *text;
  size_t len, cap;
} text_buf;

static kg_status text_add(text_buf *t, const char *s, size_t n)
{
  if (t->len + n + 1 > t->cap) {
    size_t cap = (t->len + n + 1) * 2;
    char *grown = kg_realloc(t->text, cap);
    if (!grown)
      return KG_ERR_NOMEM;
    t->text = grown;
    t->cap = cap;
  }
  memcpy(t->text + t->len, s, n);
  t->len += n;
  t->text[t->len] = '\0';
  return KG_OK;
}

/* s as a JSON string: '"' and '\' escaped, controls as \u00XX. */
static kg_status text_add_json(text_buf *t, const char *s)
{
  kg_status st = text_add(t, "\"", 1);
  for (; st == KG_OK && *s; ++s) {
    unsigned char c = (unsigned char)*s;
    char esc[8];
    if (c == '"' || c == '\\')
      st = text_add(t, (char[]){'\\', (char)c}, 2);
    else if (c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      st = text_add(t, esc, 6);
    } else
      st = text_add(t, s, 1);
  }
  return st == KG_OK ? text_add(t, "\"", 1) : st;
}

static bool same_spell(const kg_graph *g, size_t r, size_t k)
{
  return !strcmp(kg_graph_edge_start(g, r), kg_graph_edge_start(g, k)) &&
         !strcmp(kg_graph_edge_end(g, r), kg_graph_edge_end(g, k));
}

/* The value of attribute a over row r's spell: r's own, or, when several
 * of the edge's rows share that spell (or none has one) and disagree, a
 * JSON array of their values, one per row in row order: GEXF cannot bound
 * them apart (docs/modelling.md). */
static kg_status spell_value(const kg_graph *g, kg_graph_buffer *buf,
                             text_buf *t, size_t a, size_t first, size_t count,
                             size_t r, const char **value)
{
  kg_status st = KG_OK;
  bool alone = true;
  t->len = 0;
  TRY(text_add(t, "", 0));
  const char *mine = kg_graph_text(g, buf, false, a, r);
  TRY(text_add(t, mine, strlen(mine)));
  for (size_t k = first; k < first + count; ++k)
    if (k != r && same_spell(g, r, k) &&
        strcmp(t->text, kg_graph_text(g, buf, false, a, k)))
      alone = false;
  if (alone) {
    *value = t->text;
    return KG_OK;
  }
  t->len = 0;
  TRY(text_add(t, "[", 1));
  for (size_t k = first, n = 0; k < first + count; ++k) {
    if (!same_spell(g, r, k))
      continue;
    if (n++)
      TRY(text_add(t, ",", 1));
    TRY(text_add_json(t, kg_graph_text(g, buf, false, a, k)));
  }
  TRY(text_add(t, "]", 1));
  *value = t->text;
out:
  return st;
}

/* An edge's attributes: one value where its rows agree, else a value per
 * spell of its rows, bounded by the spell (docs/modelling.md). */
static kg_status edge_values(kg_xml *x, const kg_graph *g, kg_graph_buffer *buf,
                             kg_graph_buffer *first_buf, text_buf *t,
                             size_t first, size_t count)
{
  kg_status st = KG_OK;
  bool open = false;
  for (size_t a = 0; a < kg_graph_attribute_count(g, false); ++a) {
    kg_graph_attr attr = kg_graph_attribute(g, false, a);
    if (is_structural(attr.name, false) || attr.type != KG_ATTR_TEXT)
      continue;
    bool same = same_on_rows(g, buf, first_buf, a, first, count);
    for (size_t r = first; r < first + (same ? 1 : count); ++r) {
      bool again = false; /* a spell met already: written with it */
      for (size_t k = first; k < r && !again; ++k)
        again = same_spell(g, r, k);
      if (again)
        continue;
      const char *value;
      TRY(spell_value(g, buf, t, a, first, same ? 1 : count, r, &value));
      if (!*value)
        continue;
      if (!open) {
        kg_xml_start(x, "attvalues");
        open = true;
      }
      attvalue(x, attr.name, value, same ? NULL : kg_graph_edge_start(g, r),
               same ? NULL : kg_graph_edge_end(g, r));
    }
  }
out:
  if (open)
    kg_xml_end(x);
  return st;
}

/* Every spell of an edge's rows, each once; an open row (no bounds) among
 * bounded ones is an unbounded <spell/>, so that it is not lost. */
static void edge_spells(kg_xml *x, const kg_graph *g, size_t first,
                        size_t count)
{
  if (count == 1) {
    spell(x, kg_graph_edge_start(g, first), kg_graph_edge_end(g, first));
    return;
  }
  bool bounded = false;
  for (size_t r = first; r < first + count; ++r)
    bounded |= *kg_graph_edge_start(g, r) || *kg_graph_edge_end(g, r);
  if (!bounded)
    return;
  kg_xml_start(x, "spells");
  for (size_t r = first; r < first + count; ++r) {
    const char *start = kg_graph_edge_start(g, r),
               *end = kg_graph_edge_end(g, r);
    bool again = false;
    for (size_t k = first; k < r && !again; ++k)
      again = !strcmp(start, kg_graph_edge_start(g, k)) &&
              !strcmp(end, kg_graph_edge_end(g, k));
    if (again)
      continue;
    kg_xml_start(x, "spell");
    if (*start)
      kg_xml_attribute(x, "start", start);
    if (*end)
      kg_xml_attribute(x, "end", end);
    kg_xml_end(x);
  }
  kg_xml_end(x);
}

static void nodes(kg_xml *x, const kg_graph *g, kg_graph_buffer *buf)
{
  kg_xml_start(x, "nodes");
  for (size_t v = 0; v < kg_graph_vertex_count(g); ++v) {
    kg_xml_start(x, "node");
    kg_xml_attribute(x, "id", kg_graph_vertex_id(g, v));
    kg_xml_attribute(x, "label", kg_graph_vertex_label(g, v));
    values(x, g, buf, true, v);
    spell(x, kg_graph_vertex_start(g, v), kg_graph_vertex_end(g, v));
    kg_xml_end(x);
  }
  kg_xml_end(x);
}

/* One edge per relation (graph.h), carrying the spell of each of its
 * statements (their `start` and `end` qualifiers, else the stating
 * entity's, so that an appointment's `holder` and `post` edges carry the
 * appointment's spell): Gephi's timeline reads several spells. */
static kg_status edges(kg_xml *x, const kg_graph *g, kg_graph_buffer *buf,
                       kg_graph_buffer *first_buf)
{
  kg_status st = KG_OK;
  text_buf t = {0};
  kg_xml_start(x, "edges");
  for (size_t e = 0; e < kg_graph_edge_count(g); ++e) {
    size_t from, to, first, count;
    char id[32];
    kg_graph_edge_ends(g, e, &from, &to);
    kg_graph_edge_rows(g, e, &first, &count);
    kg_xml_decimal(id, "e", e);
    const char *key = kg_graph_edge_key(g, e);
    kg_xml_start(x, "edge");
    kg_xml_attribute(x, "id", id);
    kg_xml_attribute(x, "source", kg_graph_vertex_id(g, from));
    kg_xml_attribute(x, "target", kg_graph_vertex_id(g, to));
    kg_xml_attribute(x, "label", key);
    kg_xml_attribute(x, "kind", key);
    kg_xml_attribute(x, "weight", "1.0");
    TRY(edge_values(x, g, buf, first_buf, &t, first, count));
    edge_spells(x, g, first, count);
    kg_xml_end(x);
  }
  kg_xml_end(x);
out:
  kg_free(t.text);
  return st;
}

/* A date only when SOURCE_DATE_EPOCH asks for one: the same facts must
 * give the same bytes. */
static void last_modified(kg_xml *x)
{
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  if (!epoch || !*epoch)
    return;
  char *end;
  long long secs = strtoll(epoch, &end, 10);
  time_t t = (time_t)secs;
  struct tm tm;
  char day[16];
  if (!*end && secs >= 0 && gmtime_r(&t, &tm) &&
      strftime(day, sizeof day, "%Y-%m-%d", &tm))
    kg_xml_attribute(x, "lastmodifieddate", day);
}

/* GEXF's attributes have no description of their own: the graph's says
 * how each measure was computed (--measures: one not computed has no
 * attribute at all, rather than zeros). */
static kg_status describe(kg_xml *x, const kg_graph *g)
{
  static const char intro[] =
      "Entities and relations compiled from curated facts";
  size_t n = sizeof intro;
  for (size_t a = 0; a < kg_graph_attribute_count(g, true); ++a) {
    const char *d = kg_graph_attribute_describe(g, true, a);
    n += d ? strlen(d) + 4 : 0;
  }
  char *text = kg_malloc(n + 16);
  if (!text)
    return KG_ERR_NOMEM;
  size_t len = (size_t)snprintf(text, n + 16, "%s", intro);
  const char *sep = ". Measures: ";
  for (size_t a = 0; a < kg_graph_attribute_count(g, true); ++a) {
    const char *d = kg_graph_attribute_describe(g, true, a);
    if (!d)
      continue;
    len += (size_t)snprintf(text + len, n + 16 - len, "%s%s", sep, d);
    sep = "; ";
  }
  kg_xml_element(x, "description", text);
  kg_free(text);
  return KG_OK;
}

kg_status kg_gexf_write(const kg_graph *g, FILE *out)
{
  kg_status st = KG_OK;
  kg_graph_buffer *buf = kg_graph_buffer_new(g);
  kg_graph_buffer *first_buf = kg_graph_buffer_new(g);
  kg_xml *x = NULL;
  if (!buf || !first_buf || !(x = kg_xml_new(out))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  kg_xml_start_ns(x, "gexf", "http://gexf.net/1.3");
  kg_xml_attribute(x, "version", "1.3");
  kg_xml_start(x, "meta");
  last_modified(x);
  kg_xml_element(x, "creator", "kgbuild");
  TRY(describe(x, g));
  kg_xml_end(x);
  kg_xml_start(x, "graph");
  kg_xml_attribute(x, "defaultedgetype", "directed");
  kg_xml_attribute(x, "mode", "dynamic");
  kg_xml_attribute(x, "timeformat", "date");
  declare(x, g, true, false);
  declare(x, g, false, rows_differ(g, buf, first_buf));
  nodes(x, g, buf);
  TRY(edges(x, g, buf, first_buf));
  st = kg_xml_finish(x);
out:
  kg_xml_free(x);
  kg_graph_buffer_free(buf);
  kg_graph_buffer_free(first_buf);
  return st;
}
