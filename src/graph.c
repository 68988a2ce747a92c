/* graph.c - the igraph adapter. */
#include "graph.h"

#include "arena.h"

#include <assert.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The measures kg_graph_analyse adds (graph.h), by shorter names. */
enum {
  M_DEGREE_IN = KG_MEASURE_DEGREE_IN,
  M_DEGREE_OUT = KG_MEASURE_DEGREE_OUT,
  M_BETWEENNESS = KG_MEASURE_BETWEENNESS,
  M_PAGERANK = KG_MEASURE_PAGERANK,
  M_COMPONENT = KG_MEASURE_COMPONENT,
  M_COMMUNITY = KG_MEASURE_COMMUNITY,
  MEASURE_COUNT = KG_MEASURE_COUNT
};

static const kg_graph_attr measures[MEASURE_COUNT] = {
    {"degree_in", KG_ATTR_INTEGER}, {"degree_out", KG_ATTR_INTEGER},
    {"betweenness", KG_ATTR_REAL},  {"pagerank", KG_ATTR_REAL},
    {"component", KG_ATTR_INTEGER}, {"community", KG_ATTR_INTEGER},
};

/* A bound on the Leiden passes: each pass starts from the last partition,
 * and the search stops when a pass changes nothing, or raises modularity by
 * less than LEIDEN_MIN_GAIN: on the 100k bench base the partition still
 * changes after 32 passes (0.4 s each), for 0.00001 a pass. */
#define LEIDEN_MAX_PASSES 32
#define LEIDEN_MIN_GAIN 1e-4

#define LEIDEN_SEED 20130601
#define KG_STR_(x) #x
#define KG_STR(x) KG_STR_(x)

/* What each measure is (graph.h: kg_graph_measure_describe), so that a
 * reader of an export knows which algorithm made a value, and that a
 * missing measure was not computed rather than zero. */
static const char *const measure_describe[MEASURE_COUNT] = {
    "in-degree: incoming edges, loops and parallel edges counted "
    "(igraph_degree)",
    "out-degree: outgoing edges, loops and parallel edges counted "
    "(igraph_degree)",
    "betweenness: exact Brandes betweenness centrality on the directed "
    "network, unweighted, not normalised (igraph_betweenness, O(V*E))",
    "pagerank: PageRank on the directed network, unweighted, damping 0.85, "
    "PRPACK (igraph_pagerank)",
    "component: weakly connected component, numbered by first vertex in id "
    "order (igraph_connected_components)",
    "community: Leiden maximising modularity (resolution 1) on the "
    "undirected network with parallel edges merged into weights, beta 0.01, "
    "seed " KG_STR(
        LEIDEN_SEED) ", passes repeated until the partition stops "
                     "changing or a pass raises modularity by less than 0.0001 "
                     "(at most " KG_STR(
                         LEIDEN_MAX_PASSES) "), numbered by first vertex "
                                            "in id order "
                                            "(igraph_community_leiden)",
};

/* The --measures words, and the bits each stands for. */
static const struct {
  const char *name;
  unsigned bits;
} measure_words[] = {
    {"degree", KG_MEASURES_DEGREE},
    {"betweenness", KG_MEASURES_BETWEENNESS},
    {"pagerank", KG_MEASURES_PAGERANK},
    {"communities", KG_MEASURES_COMMUNITIES},
    {"components", KG_MEASURES_COMPONENTS},
    {"all", KG_MEASURES_ALL},
    {"none", KG_MEASURES_NONE},
};

/* The choice (KG_MEASURES_* bit) that computes measure m. */
static unsigned measure_bit(int m)
{
  switch (m) {
  case M_DEGREE_IN:
  case M_DEGREE_OUT: return KG_MEASURES_DEGREE;
  case M_BETWEENNESS: return KG_MEASURES_BETWEENNESS;
  case M_PAGERANK: return KG_MEASURES_PAGERANK;
  case M_COMPONENT: return KG_MEASURES_COMPONENTS;
  default: return KG_MEASURES_COMMUNITIES;
  }
}

/* Where a vertex attribute's values come from. */
typedef enum {
  FROM_ID,
  FROM_LABEL,
  FROM_TYPE,
  FROM_IRI,
  FROM_START,
  FROM_END,
  FROM_COLUMN, /* the entity's literal statements of one key and language */
  FROM_MEASURE,
} vertex_source;

/* A vertex attribute column: one literal key (and language). */
typedef struct {
  char name[96];
  size_t first; /* the first statement of the column */
  bool numeric;
  bool list; /* a key of many values: a JSON array (docs/modelling.md) */
} column;

typedef struct {
  kg_graph_attr attr;
  vertex_source from;
  size_t index; /* FROM_COLUMN: the column; FROM_MEASURE: the measure */
} vertex_attr;

enum { E_LABEL, E_PREDICATE, E_RELATION, E_SOURCES, E_WEIGHT, EDGE_ATTR_COUNT };

/* An edge attribute column: the values of one qualifier (kg:Qualifier
 * property) on the edges' statements, named by its kg:qualifierKey. */
typedef struct {
  char name[96];
  const kg_property *prop;
} qualifier_column;

/* The qualifier keys whose dates bound an edge's spell.  Named here, not
 * in the ontology: kg:StartProperty and kg:EndProperty say when an entry
 * begins and ends, and a statement is not an entry. */
static const char spell_start_key[] = "start", spell_end_key[] = "end";

static const kg_graph_attr edge_attrs[EDGE_ATTR_COUNT] = {
    {"label", KG_ATTR_TEXT}, /* the YAML key */
    {"predicate", KG_ATTR_TEXT},
    {"relation", KG_ATTR_TEXT}, /* the edge (relation) the row belongs to */
    {"sources", KG_ATTR_TEXT},  /* the ids of the sources, space-separated */
    {"weight", KG_ATTR_REAL},
};

/* A caller's room for the text values made on demand (graph.h). */
struct kg_graph_buffer {
  char *text;
  size_t cap;
  kg_id_at *ids; /* sources_text's work space, for the row citing most */
  bool *first;
};

/* igraph holds the topology and computes the measures; the attribute values
 * are read from the model when an export asks for them, so that the
 * network costs little beside the model (igraph's string attributes copied
 * every value into a malloc block of its own: 11.4x the facts' size in
 * memory for GraphML at 100k people, against 6.1x for N-Triples). */
struct kg_graph {
  igraph_t g;
  const kg_model *model;
  const char *base;
  size_t base_len;
  column *columns;
  size_t column_count;
  size_t *column_of; /* per statement: its column, or SIZE_MAX */
  /* A relation (subject, key, object) is one igraph edge, so that the
   * measures do not change with the number of its spells; each statement
   * of it is a row (GraphML edge, CSV row, GEXF spell), whole. */
  const kg_statement **rows; /* the statements between entities, sorted */
  size_t row_count;
  size_t *first_row; /* per edge, its first row; [edges]: row_count */
  char (*starts)[11], (*ends)[11]; /* per vertex: its spell, "" when open */
  char (*edge_starts)[11], (*edge_ends)[11]; /* per row: its spell */
  qualifier_column *qcolumns;                /* sorted by name */
  size_t qcolumn_count;
  kg_graph_attr *eattrs; /* edge_attrs, then one per qualifier column */
  vertex_attr *vattrs;
  size_t vattr_count, vattr_capacity;
  double *measure[MEASURE_COUNT]; /* per vertex, once analysed */
  double modularity;              /* of the community partition */
  unsigned leiden_passes;         /* that found it */
  bool analysed;
  size_t longest_text; /* of the values made on demand */
  size_t most_ids;     /* the most source ids a row's references cite */
  bool ready;          /* g was made */
};

/* igraph's default error handler aborts; kgbuild checks every return code
 * itself and turns failures into statuses. */
static void setup_igraph(void)
{
  igraph_set_error_handler(igraph_error_handler_ignore);
  igraph_set_warning_handler(igraph_warning_handler_ignore);
}

static kg_status from_igraph(igraph_error_t rc)
{
  return rc == IGRAPH_SUCCESS  ? KG_OK
         : rc == IGRAPH_ENOMEM ? KG_ERR_NOMEM
                               : KG_ERR_IO;
}

#define ITRY(expr) TRY(from_igraph(expr))

/* Attribute names kgbuild itself gives vertices; a key with one of these
 * names gets "_value" appended. */
static const char *const reserved[] = {
    "label",     "type",      "iri",        "kg_id",       "start",
    "end",       "degree_in", "degree_out", "betweenness", "pagerank",
    "community", "component", NULL};

/* Attribute names kgbuild itself gives edges; a qualifier key with one of
 * these names gets "_value" appended. */
static const char *const edge_reserved[] = {"label",   "predicate", "relation",
                                            "sources", "weight",    NULL};

/* GraphML attribute names: [A-Za-z_][A-Za-z0-9_]*, so that igraph's key ids
 * are clean and Gephi's column ids are unique. */
static void attribute_name(const char *key, const char *const *taken, char *out,
                           size_t size)
{
  size_t o = 0;
  for (const char *k = key; *k && o + 1 < size; ++k)
    out[o++] = (*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
                       (*k >= '0' && *k <= '9')
                   ? *k
                   : '_';
  out[o] = '\0';
  for (const char *const *r = taken; *r; ++r)
    if (!strcmp(out, *r))
      snprintf(out + o, size - o, "_value");
}

static void column_name(const kg_statement *s, char *out, size_t size)
{
  attribute_name(s->prop->key, reserved, out, size);
  size_t o = strlen(out);
  if (s->lang) {
    snprintf(out + o, size - o, "_%s", s->lang);
    for (char *p = out + o; *p; ++p)
      if (*p == '-')
        *p = '_';
  }
}

static bool is_numeric(const kg_property *p)
{
  return p->functional &&
         (p->range == KG_RANGE_INTEGER || p->range == KG_RANGE_DECIMAL);
}

/* Is a column of this key a JSON array?  A label key has one value per
 * language (check), so one per column; a one-valued key of dates, numbers,
 * booleans or IRIs has one value, or two joined with "; " while sources
 * disagree unranked (a warning), which no such value can contain; every
 * other key's values may be several texts, which any separator could be
 * part of (docs/modelling.md). */
static bool is_list(const kg_property *p)
{
  bool text = p->range == KG_RANGE_STRING || p->range == KG_RANGE_LANGSTRING;
  return !p->is_label && (!p->functional || text);
}

static int compare_columns(const void *a, const void *b)
{
  return strcmp(((const column *)a)->name, ((const column *)b)->name);
}

/* The literal columns, sorted by name, and each statement's column
 * (SIZE_MAX: none). */
static kg_status collect_columns(const kg_model *m, column **out, size_t *count,
                                 size_t **column_of)
{
  kg_status st = KG_OK;
  column *cols = NULL;
  size_t n = 0, cap = 0, *which = NULL, *rank = NULL;
  kg_arena *arena = kg_arena_new();
  kg_map *index = arena ? kg_map_new(arena) : NULL; /* name -> column + 1 */
  which = kg_malloc((m->statements.count + 1) * sizeof *which);
  if (!index || !which) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    which[i] = SIZE_MAX;
    if (s->ref || s->derived)
      continue;
    char name[96];
    column_name(s, name, sizeof name);
    void **slot = kg_map_slot(index, name, strlen(name), NULL);
    if (!slot) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    if (!*slot) {
      *slot = (void *)(uintptr_t)(n + 1);
      if (n == cap) {
        cap = cap ? cap * 2 : 16;
        column *grown = kg_realloc(cols, cap * sizeof *cols);
        if (!grown) {
          st = KG_ERR_NOMEM;
          goto out;
        }
        cols = grown;
      }
      cols[n] = (column){0};
      snprintf(cols[n].name, sizeof cols[n].name, "%s", name);
      cols[n].numeric = is_numeric(s->prop);
      cols[n].list = is_list(s->prop);
      cols[n].first = i; /* remembers its place before sorting */
      n++;
    }
    which[i] = (uintptr_t)*slot - 1;
  }
  if (n > 1)
    qsort(cols, n, sizeof *cols, compare_columns);
  /* Statement -> column, renumbered to the sorted order. */
  if (!(rank = kg_malloc((n + 1) * sizeof *rank))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t c = 0; c < n; ++c)
    rank[which[cols[c].first]] = c;
  for (size_t i = 0; i < m->statements.count; ++i)
    if (which[i] != SIZE_MAX)
      which[i] = rank[which[i]];
out:
  kg_free(rank);
  kg_map_free(index);
  kg_arena_free(arena);
  *out = cols;
  *count = n;
  *column_of = which;
  return st;
}

static const kg_entity *entity_at(const kg_graph *graph, size_t v)
{
  return graph->model->entities.items[v];
}

/* An entity's time span: from the earliest day of its start dates (founded,
 * born, start) to the latest day of its end dates, as xsd:date text; empty
 * when open.  GEXF turns them into spells for Gephi's timeline. */
static kg_status make_spells(kg_graph *graph)
{
  const kg_model *m = graph->model;
  size_t n = m->entities.count;
  graph->starts = kg_calloc(n + 1, sizeof *graph->starts);
  graph->ends = kg_calloc(n + 1, sizeof *graph->ends);
  if (!graph->starts || !graph->ends)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->derived || !s->date.precision ||
        !(s->prop->is_start || s->prop->is_end))
      continue;
    size_t v = s->subject->index;
    char day[11];
    if (s->prop->is_start) {
      kg_date_first_day(&s->date, day);
      if (!graph->starts[v][0] || strcmp(day, graph->starts[v]) < 0)
        memcpy(graph->starts[v], day, 11);
    }
    if (s->prop->is_end) {
      kg_date_last_day(&s->date, day);
      if (strcmp(day, graph->ends[v]) > 0)
        memcpy(graph->ends[v], day, 11);
    }
  }
  return KG_OK;
}

/* The vertex attributes: the entity's own, then its literal columns by
 * name; room is left for the measures. */
static kg_status make_vertex_attrs(kg_graph *graph)
{
  static const kg_graph_attr own[] = {
      {"kg_id", KG_ATTR_TEXT}, {"label", KG_ATTR_TEXT}, {"type", KG_ATTR_TEXT},
      {"iri", KG_ATTR_TEXT},   {"start", KG_ATTR_TEXT}, {"end", KG_ATTR_TEXT},
  };
  size_t n_own = sizeof own / sizeof *own;
  size_t total = n_own + graph->column_count + MEASURE_COUNT;
  graph->vattrs = kg_calloc(total, sizeof *graph->vattrs);
  if (!graph->vattrs)
    return KG_ERR_NOMEM;
  graph->vattr_capacity = total;
  for (size_t i = 0; i < n_own; ++i)
    graph->vattrs[i] = (vertex_attr){own[i], (vertex_source)i, 0};
  for (size_t c = 0; c < graph->column_count; ++c) {
    const column *col = &graph->columns[c];
    graph->vattrs[n_own + c] =
        (vertex_attr){{col->name, col->numeric ? KG_ATTR_REAL : KG_ATTR_TEXT},
                      FROM_COLUMN,
                      c};
  }
  graph->vattr_count = n_own + graph->column_count;
  return KG_OK;
}

/* Edges: one per relation between entities (its asserted statements,
 * adjacent in statement order, are its rows). */
static kg_status add_edges(kg_graph *graph)
{
  kg_status st = KG_OK;
  const kg_model *m = graph->model;
  size_t n = 0, e = 0;
  igraph_vector_int_t ends;
  bool ends_ready = false;
  graph->rows = kg_malloc(m->statements.count * sizeof *graph->rows + 1);
  graph->first_row =
      kg_malloc((m->statements.count + 1) * sizeof *graph->first_row);
  if (!graph->rows || !graph->first_row)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (!s->object || s->derived)
      continue;
    const kg_statement *prev = n ? graph->rows[n - 1] : NULL;
    if (!prev || prev->subject != s->subject || prev->prop != s->prop ||
        prev->object != s->object)
      graph->first_row[e++] = n;
    graph->rows[n++] = s;
  }
  graph->row_count = n;
  graph->first_row[e] = n;
  ITRY(igraph_vector_int_init(&ends, (igraph_integer_t)(2 * e)));
  ends_ready = true;
  for (size_t i = 0; i < e; ++i) {
    const kg_statement *s = graph->rows[graph->first_row[i]];
    VECTOR(ends)[2 * i] = s->subject->index;
    VECTOR(ends)[2 * i + 1] = s->object->index;
  }
  ITRY(igraph_add_edges(&graph->g, &ends, NULL));
out:
  if (ends_ready)
    igraph_vector_int_destroy(&ends);
  return st;
}

static size_t qualifier_count(const kg_statement *s)
{
  return s->extra ? s->extra->qualifier_count : 0;
}

static int compare_qualifier_columns(const void *a, const void *b)
{
  return strcmp(((const qualifier_column *)a)->name,
                ((const qualifier_column *)b)->name);
}

/* One column per qualifier the edges' statements carry, found by its
 * property: qualifiers are few kinds on few statements, so a linear
 * search over the columns beats a map. */
static kg_status collect_qualifier_columns(kg_graph *graph)
{
  size_t cap = 0;
  for (size_t r = 0; r < graph->row_count; ++r) {
    const kg_statement *s = graph->rows[r];
    for (size_t q = 0; q < qualifier_count(s); ++q) {
      const kg_property *p = s->extra->qualifiers[q]->prop;
      size_t c = 0;
      while (c < graph->qcolumn_count && graph->qcolumns[c].prop != p)
        ++c;
      if (c < graph->qcolumn_count)
        continue;
      if (c == cap) {
        cap = cap ? cap * 2 : 8;
        qualifier_column *grown =
            kg_realloc(graph->qcolumns, cap * sizeof *grown);
        if (!grown)
          return KG_ERR_NOMEM;
        graph->qcolumns = grown;
      }
      qualifier_column *col = &graph->qcolumns[graph->qcolumn_count++];
      col->prop = p;
      attribute_name(p->qualifier_key, edge_reserved, col->name,
                     sizeof col->name);
    }
  }
  if (graph->qcolumn_count > 1)
    qsort(graph->qcolumns, graph->qcolumn_count, sizeof *graph->qcolumns,
          compare_qualifier_columns);
  return KG_OK;
}

/* The edge attributes: kgbuild's own, then the qualifier columns (text:
 * dates keep the precision the source gives). */
static kg_status make_edge_attrs(kg_graph *graph)
{
  graph->eattrs = kg_malloc((EDGE_ATTR_COUNT + graph->qcolumn_count) *
                            sizeof *graph->eattrs);
  if (!graph->eattrs)
    return KG_ERR_NOMEM;
  memcpy(graph->eattrs, edge_attrs, sizeof edge_attrs);
  for (size_t c = 0; c < graph->qcolumn_count; ++c)
    graph->eattrs[EDGE_ATTR_COUNT + c] =
        (kg_graph_attr){graph->qcolumns[c].name, KG_ATTR_TEXT};
  return KG_OK;
}

/* An edge's spell: the statement's own `start` and `end` qualifiers where
 * it has them (a relation that holds for a time), else the spell of the
 * entity that states it (an appointment's `holder` and `post` edges live
 * as long as the appointment). */
static kg_status make_edge_spells(kg_graph *graph)
{
  size_t n = graph->row_count;
  graph->edge_starts = kg_calloc(n + 1, sizeof *graph->edge_starts);
  graph->edge_ends = kg_calloc(n + 1, sizeof *graph->edge_ends);
  if (!graph->edge_starts || !graph->edge_ends)
    return KG_ERR_NOMEM;
  for (size_t e = 0; e < n; ++e) {
    const kg_statement *s = graph->rows[e];
    size_t v = s->subject->index;
    memcpy(graph->edge_starts[e], graph->starts[v], 11);
    memcpy(graph->edge_ends[e], graph->ends[v], 11);
    for (size_t k = 0; k < qualifier_count(s); ++k) {
      const kg_statement *q = s->extra->qualifiers[k];
      const char *key = q->prop->qualifier_key;
      if (!q->date.precision || !key)
        continue;
      if (!strcmp(key, spell_start_key))
        kg_date_first_day(&q->date, graph->edge_starts[e]);
      else if (!strcmp(key, spell_end_key))
        kg_date_last_day(&q->date, graph->edge_ends[e]);
    }
  }
  return KG_OK;
}

static size_t max_size(size_t a, size_t b)
{
  return a > b ? a : b;
}

/* The longest text value made on demand (an IRI, a column's joined values,
 * an edge's sources), so that a kg_graph_buffer sized for it makes every
 * value without allocating and so without failing. */
static kg_status find_longest_text(kg_graph *graph)
{
  kg_status st = KG_OK;
  const kg_model *m = graph->model;
  size_t *sum = kg_calloc(graph->column_count + 1, sizeof *sum);
  size_t *longest = kg_calloc(graph->column_count + 1, sizeof *longest);
  size_t longest_id = 0, longest_sources = 0;
  if (!sum || !longest) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t v = 0; v < m->entities.count; ++v) {
    const kg_entity *e = entity_at(graph, v);
    size_t first = e->first_statement, end = first + e->statement_count;
    size_t idlen = strlen(e->id);
    longest_id = idlen > longest_id ? idlen : longest_id;
    /* as a JSON array: a character escaped is at most six bytes */
    for (size_t i = first; i < end; ++i)
      if (graph->column_of[i] != SIZE_MAX)
        sum[graph->column_of[i]] +=
            6 * ((const kg_statement *)m->statements.items[i])->len + 5;
    for (size_t i = first; i < end; ++i) {
      size_t c = graph->column_of[i];
      if (c != SIZE_MAX) {
        longest[c] = sum[c] > longest[c] ? sum[c] : longest[c];
        sum[c] = 0;
      }
    }
  }
  for (size_t e = 0; e < graph->row_count; ++e) {
    const kg_statement *s = graph->rows[e];
    size_t total = 0, ids = 0;
    for (size_t r = 0; r < kg_statement_ref_count(s); ++r) {
      const kg_provenance *p = kg_statement_ref(s, r);
      for (size_t k = 0; p && k < p->count; ++k)
        total += strlen(p->ids[k]) + 1;
      ids += p ? p->count : 0;
    }
    graph->most_ids = max_size(graph->most_ids, ids);
    longest_sources = total > longest_sources ? total : longest_sources;
    /* A qualifier column's values are no longer than all of the row's
     * qualifier values as a JSON array: escaped, a character is at most
     * six bytes ("\u001f"). */
    total = 2;
    for (size_t k = 0; k < qualifier_count(s); ++k) {
      const kg_statement *q = s->extra->qualifiers[k];
      total += 6 * (q->ref ? strlen(q->ref) : q->len) + 3;
    }
    longest_sources = total > longest_sources ? total : longest_sources;
  }
  graph->longest_text = max_size(longest_sources, graph->base_len + longest_id);
  graph->longest_text = max_size(graph->longest_text, 32); /* "e" EDGE */
  for (size_t c = 0; c < graph->column_count; ++c)
    graph->longest_text = max_size(graph->longest_text, longest[c]);
out:
  kg_free(sum);
  kg_free(longest);
  return st;
}

kg_status kg_graph_build(const kg_model *m, const char *base, kg_graph **out)
{
  kg_status st = KG_OK;
  kg_graph *graph = kg_calloc(1, sizeof *graph);
  *out = NULL;
  if (!graph)
    return KG_ERR_NOMEM;
  graph->model = m;
  graph->base = base;
  graph->base_len = strlen(base);
  setup_igraph();
  ITRY(igraph_empty(&graph->g, (igraph_integer_t)m->entities.count,
                    IGRAPH_DIRECTED));
  graph->ready = true;
  TRY(make_spells(graph));
  TRY(collect_columns(m, &graph->columns, &graph->column_count,
                      &graph->column_of));
  TRY(make_vertex_attrs(graph));
  TRY(add_edges(graph));
  TRY(collect_qualifier_columns(graph));
  TRY(make_edge_attrs(graph));
  TRY(make_edge_spells(graph));
  TRY(find_longest_text(graph));
  *out = graph;
  graph = NULL;
out:
  kg_graph_free(graph);
  return st;
}

void kg_graph_free(kg_graph *graph)
{
  if (!graph)
    return;
  if (graph->ready)
    igraph_destroy(&graph->g);
  kg_free(graph->columns);
  kg_free(graph->column_of);
  kg_free(graph->rows);
  kg_free(graph->first_row);
  kg_free(graph->starts);
  kg_free(graph->ends);
  kg_free(graph->edge_starts);
  kg_free(graph->edge_ends);
  kg_free(graph->qcolumns);
  kg_free(graph->eattrs);
  kg_free(graph->vattrs);
  for (int k = 0; k < MEASURE_COUNT; ++k)
    kg_free(graph->measure[k]);
  kg_free(graph);
}

size_t kg_graph_vertex_count(const kg_graph *graph)
{
  return (size_t)igraph_vcount(&graph->g);
}

size_t kg_graph_edge_count(const kg_graph *graph)
{
  return (size_t)igraph_ecount(&graph->g);
}

/* ---- analytics ---------------------------------------------------------- */

/* A measure's values, as numbers per vertex; igraph hands integers or reals. */
static kg_status store_measure(kg_graph *graph, int k,
                               const igraph_vector_t *real,
                               const igraph_vector_int_t *integer)
{
  size_t n = kg_graph_vertex_count(graph);
  double *values = kg_malloc(n * sizeof *values + 1);
  if (!values)
    return KG_ERR_NOMEM;
  for (size_t v = 0; v < n; ++v)
    values[v] = real ? VECTOR(*real)[v] : (double)VECTOR(*integer)[v];
  kg_free(graph->measure[k]);
  graph->measure[k] = values;
  return KG_OK;
}

static kg_status degrees(kg_graph *graph)
{
  kg_status st = KG_OK;
  igraph_vector_int_t d;
  if ((st = from_igraph(igraph_vector_int_init(&d, 0))) != KG_OK)
    return st; /* nothing to destroy yet */
  ITRY(igraph_degree(&graph->g, &d, igraph_vss_all(), IGRAPH_IN, IGRAPH_LOOPS));
  TRY(store_measure(graph, M_DEGREE_IN, NULL, &d));
  ITRY(
      igraph_degree(&graph->g, &d, igraph_vss_all(), IGRAPH_OUT, IGRAPH_LOOPS));
  TRY(store_measure(graph, M_DEGREE_OUT, NULL, &d));
out:
  igraph_vector_int_destroy(&d);
  return st;
}

static kg_status betweenness(kg_graph *graph)
{
  kg_status st = KG_OK;
  igraph_vector_t v;
  if ((st = from_igraph(igraph_vector_init(&v, 0))) != KG_OK)
    return st; /* nothing to destroy yet */
  ITRY(igraph_betweenness(&graph->g, &v, igraph_vss_all(), true, NULL));
  TRY(store_measure(graph, M_BETWEENNESS, &v, NULL));
out:
  igraph_vector_destroy(&v);
  return st;
}

static kg_status pagerank(kg_graph *graph)
{
  kg_status st = KG_OK;
  igraph_vector_t v;
  igraph_real_t value;
  if ((st = from_igraph(igraph_vector_init(&v, 0))) != KG_OK)
    return st; /* nothing to destroy yet */
  ITRY(igraph_pagerank(&graph->g, IGRAPH_PAGERANK_ALGO_PRPACK, &v, &value,
                       igraph_vss_all(), true, 0.85, NULL, NULL));
  TRY(store_measure(graph, M_PAGERANK, &v, NULL));
out:
  igraph_vector_destroy(&v);
  return st;
}

typedef struct {
  igraph_integer_t a, b;
} vertex_pair;

static int compare_pairs(const void *x, const void *y)
{
  const vertex_pair *p = x, *q = y;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

/* The network as an undirected graph with one edge per linked pair, weighted
 * by the number of links.  Its modularity is the multigraph's, but the
 * community search no longer walks thousands of parallel edges at each
 * hub (a country, a rank, a ministry) on every pass. */
static kg_status collapse_parallel_edges(const igraph_t *g, igraph_t *out,
                                         igraph_vector_t *weights, bool *made)
{
  kg_status st = KG_OK;
  igraph_integer_t m = igraph_ecount(g), unique = 0;
  igraph_vector_int_t edges;
  bool e_ready = false;
  vertex_pair *pairs = kg_malloc((size_t)(m ? m : 1) * sizeof *pairs);
  if (!pairs)
    return KG_ERR_NOMEM;
  for (igraph_integer_t e = 0; e < m; ++e) {
    igraph_integer_t from = IGRAPH_FROM(g, e), to = IGRAPH_TO(g, e);
    pairs[e] = from < to ? (vertex_pair){from, to} : (vertex_pair){to, from};
  }
  qsort(pairs, (size_t)m, sizeof *pairs, compare_pairs);
  ITRY(igraph_vector_int_init(&edges, 0));
  e_ready = true;
  ITRY(igraph_vector_int_reserve(&edges, 2 * m));
  ITRY(igraph_vector_resize(weights, 0));
  for (igraph_integer_t e = 0; e < m; ++e) {
    if (unique && !compare_pairs(&pairs[e], &pairs[e - 1])) {
      VECTOR(*weights)[unique - 1] += 1;
      continue;
    }
    ITRY(igraph_vector_int_push_back(&edges, pairs[e].a));
    ITRY(igraph_vector_int_push_back(&edges, pairs[e].b));
    ITRY(igraph_vector_push_back(weights, 1));
    unique++;
  }
  ITRY(igraph_create(out, &edges, igraph_vcount(g), IGRAPH_UNDIRECTED));
  *made = true;
out:
  if (e_ready)
    igraph_vector_int_destroy(&edges);
  kg_free(pairs);
  return st;
}

/* Renumbers a membership by first appearance in id order, so that the
 * same partition always has the same numbers. */
static kg_status renumber(igraph_vector_int_t *membership)
{
  kg_status st = KG_OK;
  igraph_integer_t n = igraph_vector_int_size(membership), next = 0;
  igraph_vector_int_t map;
  if ((st = from_igraph(igraph_vector_int_init(&map, n))) != KG_OK)
    return st; /* nothing to destroy yet */
  igraph_vector_int_fill(&map, -1);
  for (igraph_integer_t i = 0; i < n; ++i) {
    igraph_integer_t c = VECTOR(*membership)[i];
    if (VECTOR(map)[c] < 0)
      VECTOR(map)[c] = next++;
    VECTOR(*membership)[i] = VECTOR(map)[c];
  }
  igraph_vector_int_destroy(&map);
  return st;
}

/* Weakly connected components, numbered by their first vertex in id
 * order. */
static kg_status components(kg_graph *graph)
{
  kg_status st = KG_OK;
  igraph_vector_int_t membership;
  igraph_integer_t count;
  if ((st = from_igraph(igraph_vector_int_init(&membership, 0))) != KG_OK)
    return st; /* nothing to destroy yet */
  ITRY(igraph_connected_components(&graph->g, &membership, NULL, &count,
                                   IGRAPH_WEAK));
  TRY(store_measure(graph, M_COMPONENT, NULL, &membership));
out:
  igraph_vector_int_destroy(&membership);
  return st;
}

/* Leiden passes, each from the last partition, until one changes nothing.
 * igraph 0.10.2's own "until stable" (n_iterations = -1) stops after the
 * first pass on the bench bases (the same partition as one pass), where a
 * second raises modularity from 0.712 to 0.724 at 100k people, and the
 * passes up to the stop below to 0.726 (docs/performance.md).  Leiden optimises
 * modularity when each vertex weighs its strength and the resolution is
 * 1 / 2m (igraph's documentation).  The seed is fixed, so the same facts
 * give the same partition. */
static kg_status leiden_until_stable(kg_graph *graph, const igraph_t *u,
                                     const igraph_vector_t *weights,
                                     igraph_vector_int_t *membership)
{
  kg_status st = KG_OK;
  igraph_vector_t strength;
  igraph_vector_int_t previous;
  bool s_ready = false, p_ready = false;
  igraph_real_t total = igraph_vector_sum(weights);
  ITRY(igraph_vector_init(&strength, 0));
  s_ready = true;
  ITRY(igraph_vector_int_init(&previous, 0));
  p_ready = true;
  ITRY(igraph_strength(u, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS,
                       weights));
  igraph_rng_seed(igraph_rng_default(), LEIDEN_SEED);
  graph->leiden_passes = 0;
  while (graph->leiden_passes < LEIDEN_MAX_PASSES) {
    bool start = graph->leiden_passes > 0;
    igraph_real_t before = graph->modularity;
    ITRY(igraph_community_leiden(u, weights, &strength, 1.0 / (2.0 * total),
                                 0.01, start, 1, membership, NULL, NULL));
    TRY(renumber(membership));
    ITRY(igraph_modularity(u, membership, weights, 1.0, false,
                           &graph->modularity));
    graph->leiden_passes++;
    if (start && (igraph_vector_int_all_e(membership, &previous) ||
                  graph->modularity - before < LEIDEN_MIN_GAIN))
      break;
    ITRY(igraph_vector_int_update(&previous, membership));
  }
out:
  if (p_ready)
    igraph_vector_int_destroy(&previous);
  if (s_ready)
    igraph_vector_destroy(&strength);
  return st;
}

/* Communities that maximise modularity on the undirected network, found by
 * the Leiden method.  Leiden rather than multilevel (Louvain): on the 100k
 * bench base igraph 0.10's multilevel took 8.5 s and grew 56-fold per
 * tenfold data; Leiden takes about 0.5 s a pass for a higher modularity,
 * and its communities are guaranteed connected. */
static kg_status communities(kg_graph *graph)
{
  kg_status st = KG_OK;
  igraph_vector_int_t membership;
  igraph_vector_t weights;
  igraph_t undirected;
  bool m_ready = false, w_ready = false, u_ready = false;
  ITRY(igraph_vector_int_init(&membership, 0));
  m_ready = true;
  ITRY(igraph_vector_init(&weights, 0));
  w_ready = true;
  TRY(collapse_parallel_edges(&graph->g, &undirected, &weights, &u_ready));
  graph->modularity = 0;
  if (igraph_ecount(&undirected) > 0) {
    TRY(leiden_until_stable(graph, &undirected, &weights, &membership));
  } else {
    ITRY(igraph_vector_int_resize(&membership, igraph_vcount(&graph->g)));
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&membership); ++i)
      VECTOR(membership)[i] = i;
  }
  TRY(store_measure(graph, M_COMMUNITY, NULL, &membership));
out:
  if (u_ready)
    igraph_destroy(&undirected);
  if (w_ready)
    igraph_vector_destroy(&weights);
  if (m_ready)
    igraph_vector_int_destroy(&membership);
  return st;
}

kg_status kg_measures_parse(const char *list, unsigned *out)
{
  unsigned bits = 0;
  size_t words = sizeof measure_words / sizeof *measure_words;
  for (const char *p = list;; ++p) {
    size_t n = strcspn(p, ","), w = 0;
    while (w < words && (strlen(measure_words[w].name) != n ||
                         strncmp(measure_words[w].name, p, n)))
      ++w;
    if (w == words)
      return KG_ERR_USAGE;
    bits |= measure_words[w].bits;
    p += n;
    if (!*p)
      break;
  }
  *out = bits;
  return KG_OK;
}

/* The measures are computed once, in the order exports show them. */
kg_status kg_graph_analyse_some(kg_graph *graph, unsigned which)
{
  kg_status st = KG_OK;
  if (graph->analysed)
    return KG_OK; /* once is enough */
  if (which & KG_MEASURES_DEGREE)
    TRY(degrees(graph));
  if (which & KG_MEASURES_BETWEENNESS)
    TRY(betweenness(graph));
  if (which & KG_MEASURES_PAGERANK)
    TRY(pagerank(graph));
  if (which & KG_MEASURES_COMPONENTS)
    TRY(components(graph));
  if (which & KG_MEASURES_COMMUNITIES)
    TRY(communities(graph));
  for (size_t k = 0; k < MEASURE_COUNT; ++k)
    if (which & measure_bit((int)k))
      graph->vattrs[graph->vattr_count++] =
          (vertex_attr){measures[k], FROM_MEASURE, k};
  graph->analysed = true;
out:
  return st;
}

kg_status kg_graph_analyse(kg_graph *graph)
{
  return kg_graph_analyse_some(graph, KG_MEASURES_ALL);
}

bool kg_graph_analysed(const kg_graph *graph)
{
  return graph->analysed;
}

bool kg_graph_has_measure(const kg_graph *graph, kg_measure m)
{
  return graph->measure[m] != NULL;
}

double kg_graph_measure(const kg_graph *graph, kg_measure m, size_t v)
{
  return graph->measure[m] ? graph->measure[m][v] : NAN;
}

double kg_graph_modularity(const kg_graph *graph)
{
  return graph->modularity;
}

unsigned kg_graph_leiden_passes(const kg_graph *graph)
{
  return graph->leiden_passes;
}

const char *kg_graph_measure_name(kg_measure m)
{
  return measures[m].name;
}

const char *kg_graph_measure_describe(kg_measure m)
{
  return measure_describe[m];
}

/* ---- reading the network ------------------------------------------------ */

size_t kg_graph_attribute_count(const kg_graph *graph, bool vertex)
{
  return vertex ? graph->vattr_count : EDGE_ATTR_COUNT + graph->qcolumn_count;
}

kg_graph_attr kg_graph_attribute(const kg_graph *graph, bool vertex, size_t a)
{
  return vertex ? graph->vattrs[a].attr : graph->eattrs[a];
}

const char *kg_graph_attribute_describe(const kg_graph *graph, bool vertex,
                                        size_t a)
{
  if (!vertex || graph->vattrs[a].from != FROM_MEASURE)
    return NULL;
  return measure_describe[graph->vattrs[a].index];
}

const char *kg_graph_vertex_id(const kg_graph *graph, size_t v)
{
  return entity_at(graph, v)->id;
}

const char *kg_graph_vertex_label(const kg_graph *graph, size_t v)
{
  const char *label = entity_at(graph, v)->label;
  return label ? label : "";
}

const char *kg_graph_vertex_type(const kg_graph *graph, size_t v)
{
  return entity_at(graph, v)->cls->name;
}

const char *kg_graph_vertex_start(const kg_graph *graph, size_t v)
{
  return graph->starts[v];
}

const char *kg_graph_vertex_end(const kg_graph *graph, size_t v)
{
  return graph->ends[v];
}

const char *kg_graph_edge_start(const kg_graph *graph, size_t e)
{
  return graph->edge_starts[e];
}

const char *kg_graph_edge_end(const kg_graph *graph, size_t e)
{
  return graph->edge_ends[e];
}

const char *kg_graph_edge_key(const kg_graph *graph, size_t e)
{
  return graph->rows[graph->first_row[e]]->prop->key;
}

size_t kg_graph_row_count(const kg_graph *graph)
{
  return graph->row_count;
}

void kg_graph_edge_rows(const kg_graph *graph, size_t e, size_t *first,
                        size_t *count)
{
  *first = graph->first_row[e];
  *count = graph->first_row[e + 1] - graph->first_row[e];
}

size_t kg_graph_row_edge(const kg_graph *graph, size_t r)
{
  /* the edge whose rows hold r: a binary search of first_row */
  size_t lo = 0, hi = kg_graph_edge_count(graph);
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (graph->first_row[mid] <= r)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

void kg_graph_edge_ends(const kg_graph *graph, size_t e, size_t *from,
                        size_t *to)
{
  *from = (size_t)IGRAPH_FROM(&graph->g, (igraph_integer_t)e);
  *to = (size_t)IGRAPH_TO(&graph->g, (igraph_integer_t)e);
}

kg_graph_buffer *kg_graph_buffer_new(const kg_graph *graph)
{
  kg_graph_buffer *b = kg_calloc(1, sizeof *b);
  if (!b || !(b->text = kg_malloc(graph->longest_text + 1)) ||
      !(b->ids = kg_calloc(graph->most_ids + 1, sizeof *b->ids)) ||
      !(b->first = kg_calloc(graph->most_ids + 1, sizeof *b->first))) {
    kg_graph_buffer_free(b);
    return NULL;
  }
  b->cap = graph->longest_text + 1;
  b->text[0] = '\0';
  return b;
}

void kg_graph_buffer_free(kg_graph_buffer *buf)
{
  if (!buf)
    return;
  kg_free(buf->text);
  kg_free(buf->ids);
  kg_free(buf->first);
  kg_free(buf);
}

/* Appends text to the caller's buffer, after "; " unless it is the first
 * value; the buffer was sized for the longest value (find_longest_text). */
static void buffer_add(kg_graph_buffer *b, size_t *len, const char *text,
                       size_t n, bool joined)
{
  size_t sep = joined && *len ? 2 : 0;
  assert(*len + sep + n < b->cap); /* no value is longer than the longest */
  memcpy(b->text + *len, "; ", sep);
  memcpy(b->text + *len + sep, text, n);
  *len += sep + n;
  b->text[*len] = '\0';
}

/* Appends text as a JSON string: '"' and '\' escaped, and the controls
 * (fact files refuse them, but a reader should never meet a raw one). */
static void buffer_add_json(kg_graph_buffer *b, size_t *len, const char *text,
                            size_t n)
{
  static const char hex[] = "0123456789abcdef";
  char *o = b->text + *len;
  assert(*len + 6 * n + 3 < b->cap);
  *o++ = '"';
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') {
      *o++ = '\\';
      *o++ = (char)c;
    } else if (c < 0x20) {
      memcpy(o, "\\u00", 4);
      o[4] = hex[c >> 4];
      o[5] = hex[c & 15];
      o += 6;
    } else
      *o++ = (char)c;
  }
  *o++ = '"';
  *o = '\0';
  *len = (size_t)(o - b->text);
}

/* The values of one qualifier column on one row (docs/modelling.md):
 * a one-valued qualifier's value as it is; ids (which hold no space)
 * space-separated; free text as a JSON array, since any separator could be
 * part of a value.  In check's order (sorted by value). */
static const char *qualifier_text(const kg_graph *graph, kg_graph_buffer *b,
                                  size_t c, size_t e)
{
  const kg_statement *s = graph->rows[e];
  const kg_property *prop = graph->qcolumns[c].prop;
  bool ids = prop->range == KG_RANGE_ENTITY, json = !ids && !prop->functional;
  size_t len = 0, values = 0;
  if (json)
    buffer_add(b, &len, "[", 1, false);
  for (size_t k = 0; k < qualifier_count(s); ++k) {
    const kg_statement *q = s->extra->qualifiers[k];
    if (q->prop != prop || q->invalid)
      continue;
    if (json) {
      if (values)
        buffer_add(b, &len, ",", 1, false);
      buffer_add_json(b, &len, q->lexical, q->len);
    } else {
      if (values)
        buffer_add(b, &len, " ", 1, false);
      if (q->ref)
        buffer_add(b, &len, q->ref, strlen(q->ref), false);
      else
        buffer_add(b, &len, q->lexical, q->len, false);
    }
    values++;
  }
  if (json)
    buffer_add(b, &len, "]", 1, false);
  return values ? b->text : "";
}

/* Every source of every reference of a row, space-separated (ids hold no
 * space), each once, in the order first cited.  Each reference's ids are
 * sorted and distinct (model.c), so one reference needs no search; several
 * are merged by kg_first_ids, O(n log n) however many ids they cite. */
static const char *sources_text(const kg_statement *s, kg_graph_buffer *b)
{
  size_t len = 0, n = 0, refs = kg_statement_ref_count(s);
  b->text[0] = '\0';
  for (size_t r = 0; r < refs; ++r) {
    const kg_provenance *p = kg_statement_ref(s, r);
    for (size_t k = 0; p && k < p->count; ++k, ++n) {
      b->ids[n] = (kg_id_at){p->ids[k], n};
      b->first[n] = true;
    }
  }
  if (refs > 1)
    kg_first_ids(b->ids, n, b->first);
  n = 0;
  for (size_t r = 0; r < refs; ++r) {
    const kg_provenance *p = kg_statement_ref(s, r);
    for (size_t k = 0; p && k < p->count; ++k, ++n) {
      if (!b->first[n])
        continue;
      if (len)
        buffer_add(b, &len, " ", 1, false);
      buffer_add(b, &len, p->ids[k], strlen(p->ids[k]), false);
    }
  }
  return b->text;
}

/* The edge (relation) a row belongs to, named as GEXF names its edge. */
static const char *relation_text(const kg_graph *graph, kg_graph_buffer *b,
                                 size_t r)
{
  size_t len = 0;
  char id[32];
  snprintf(id, sizeof id, "e%zu", kg_graph_row_edge(graph, r));
  buffer_add(b, &len, id, strlen(id), false);
  return b->text;
}

/* The values of one column for one entity, in statement order: the value
 * of a one-valued key (or a label's, one per language), else a JSON array,
 * since any separator could be part of a value (docs/modelling.md). */
static const char *column_text(const kg_graph *graph, kg_graph_buffer *b,
                               size_t c, size_t v)
{
  const kg_entity *e = entity_at(graph, v);
  const kg_model *m = graph->model;
  bool list = graph->columns[c].list;
  size_t len = 0, values = 0;
  for (size_t i = e->first_statement;
       i < e->first_statement + e->statement_count; ++i)
    if (graph->column_of[i] == c) {
      const kg_statement *s = m->statements.items[i];
      if (!list) {
        buffer_add(b, &len, s->lexical, s->len, true);
        continue;
      }
      buffer_add(b, &len, values++ ? "," : "[", 1, false);
      buffer_add_json(b, &len, s->lexical, s->len);
    }
  if (list && values)
    buffer_add(b, &len, "]", 1, false);
  return len ? b->text : "";
}

const char *kg_graph_text(const kg_graph *graph, kg_graph_buffer *buf,
                          bool vertex, size_t a, size_t i)
{
  if (!vertex) {
    const kg_statement *s = graph->rows[i];
    switch (a) {
    case E_LABEL: return s->prop->key;
    case E_PREDICATE: return s->prop->iri;
    case E_RELATION: return relation_text(graph, buf, i);
    case E_SOURCES: return sources_text(s, buf);
    case E_WEIGHT: return "";
    default: return qualifier_text(graph, buf, a - EDGE_ATTR_COUNT, i);
    }
  }
  const vertex_attr *va = &graph->vattrs[a];
  switch (va->from) {
  case FROM_ID: return kg_graph_vertex_id(graph, i);
  case FROM_LABEL: return kg_graph_vertex_label(graph, i);
  case FROM_TYPE: return kg_graph_vertex_type(graph, i);
  case FROM_IRI: {
    size_t len = 0;
    const char *id = kg_graph_vertex_id(graph, i);
    buffer_add(buf, &len, graph->base, graph->base_len, false);
    buffer_add(buf, &len, id, strlen(id), false);
    return buf->text;
  }
  case FROM_START: return graph->starts[i];
  case FROM_END: return graph->ends[i];
  case FROM_COLUMN:
    return graph->columns[va->index].numeric
               ? ""
               : column_text(graph, buf, va->index, i);
  case FROM_MEASURE: return "";
  }
  return "";
}

double kg_graph_number(const kg_graph *graph, bool vertex, size_t a, size_t i)
{
  if (!vertex)
    return a == E_WEIGHT ? 1.0 : NAN;
  const vertex_attr *va = &graph->vattrs[a];
  if (va->from == FROM_MEASURE)
    return graph->measure[va->index][i];
  if (va->from != FROM_COLUMN || !graph->columns[va->index].numeric)
    return NAN;
  const kg_entity *e = entity_at(graph, i);
  for (size_t k = e->first_statement;
       k < e->first_statement + e->statement_count; ++k)
    if (graph->column_of[k] == va->index) {
      const kg_statement *s = graph->model->statements.items[k];
      return strtod(s->lexical, NULL);
    }
  return NAN;
}

/* Kamada-Kawai from a circle: igraph's KK moves the vertices from the
 * positions it is given and draws no random number, so the same small
 * graph gets the same coordinates on every run (the site's SVGs are
 * compared byte for byte).  Fruchterman-Reingold would need the RNG. */
kg_status kg_layout_small(size_t n, const size_t *ends, size_t edges,
                          double *xy)
{
  kg_status st = KG_OK;
  igraph_t g;
  igraph_vector_int_t e;
  igraph_matrix_t res;
  bool made_g = false, made_e = false, made_res = false;
  setup_igraph();
  ITRY(igraph_vector_int_init(&e, (igraph_integer_t)(2 * edges)));
  made_e = true;
  for (size_t i = 0; i < 2 * edges; ++i)
    VECTOR(e)[i] = (igraph_integer_t)ends[i];
  ITRY(igraph_create(&g, &e, (igraph_integer_t)n, IGRAPH_UNDIRECTED));
  made_g = true;
  ITRY(igraph_matrix_init(&res, (igraph_integer_t)n, 2));
  made_res = true;
  ITRY(igraph_layout_circle(&g, &res, igraph_vss_all()));
  if (n > 2)
    ITRY(igraph_layout_kamada_kawai(&g, &res, true, (igraph_integer_t)(50 * n),
                                    0, (igraph_real_t)n, NULL, NULL, NULL, NULL,
                                    NULL));
  for (size_t i = 0; i < n; ++i) {
    xy[2 * i] = MATRIX(res, (igraph_integer_t)i, 0);
    xy[2 * i + 1] = MATRIX(res, (igraph_integer_t)i, 1);
  }
out:
  if (made_res)
    igraph_matrix_destroy(&res);
  if (made_g)
    igraph_destroy(&g);
  if (made_e)
    igraph_vector_int_destroy(&e);
  return st;
}
