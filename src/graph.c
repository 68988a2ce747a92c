/* graph.c - the igraph adapter. */
#define _GNU_SOURCE /* fopencookie */
#include "graph.h"

#include "arena.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct kg_graph {
  igraph_t g;
  double modularity;      /* of the community partition, once analysed */
  const char **edge_keys; /* per edge, its YAML key: the GraphML edge type */
};

/* igraph's default error handler aborts; kgbuild checks every return code
 * itself and turns failures into statuses. */
static void setup_igraph(void)
{
  igraph_set_error_handler(igraph_error_handler_ignore);
  igraph_set_warning_handler(igraph_warning_handler_ignore);
  igraph_set_attribute_table(&igraph_cattribute_table);
}

static kg_status from_igraph(igraph_error_t rc)
{
  return rc == IGRAPH_SUCCESS ? KG_OK
         : rc == IGRAPH_ENOMEM ? KG_ERR_NOMEM
                               : KG_ERR_IO;
}

#define ITRY(expr) TRY(from_igraph(expr))

/* A vertex attribute column: one literal key (and language). */
typedef struct {
  char name[96];
  size_t first;    /* the first statement of the column */
  bool numeric;
  char **values;   /* per vertex, "; "-joined; NULL when absent */
  double *numbers; /* numeric columns */
} column;

/* Attribute names kgbuild itself gives vertices; a key with one of these
 * names gets "_value" appended. */
static const char *const reserved[] = {
    "label",       "type",     "iri",       "kg_id",     "start",
    "end",         "degree_in", "degree_out", "betweenness", "pagerank",
    "community",   "component", NULL};

/* GraphML attribute names: [A-Za-z_][A-Za-z0-9_]*, so that igraph's key ids
 * are clean and Gephi's column ids are unique. */
static void column_name(const kg_statement *s, char *out, size_t size)
{
  size_t o = 0;
  for (const char *k = s->prop->key; *k && o + 1 < size; ++k)
    out[o++] = (*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
                       (*k >= '0' && *k <= '9')
                   ? *k
                   : '_';
  out[o] = '\0';
  for (const char *const *r = reserved; *r; ++r)
    if (!strcmp(out, *r))
      snprintf(out + o, size - o, "_value");
  o = strlen(out);
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

static int compare_columns(const void *a, const void *b)
{
  return strcmp(((const column *)a)->name, ((const column *)b)->name);
}

static kg_status append_value(char **slot, const char *text, size_t len)
{
  size_t old = *slot ? strlen(*slot) : 0;
  char *grown = kg_realloc(*slot, old + (old ? 2 : 0) + len + 1);
  if (!grown)
    return KG_ERR_NOMEM;
  if (old)
    memcpy(grown + old, "; ", 2), old += 2;
  memcpy(grown + old, text, len);
  grown[old + len] = '\0';
  *slot = grown;
  return KG_OK;
}

/* The literal columns, sorted by name, and each statement's column
 * (SIZE_MAX: none).  Values are filled one column at a time (fill_column),
 * so that only one column's copy exists beside igraph's at any moment. */
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

static void free_column_values(column *col, size_t vertices)
{
  if (col->values)
    for (size_t v = 0; v < vertices; ++v)
      kg_free(col->values[v]);
  kg_free(col->values);
  kg_free(col->numbers);
  col->values = NULL;
  col->numbers = NULL;
}

static kg_status fill_column(const kg_model *m, const size_t *column_of,
                             size_t c, column *col)
{
  kg_status st = KG_OK;
  size_t vertices = m->entities.count;
  if (col->numeric) {
    if (!(col->numbers = kg_malloc(vertices * sizeof(double) + 1)))
      return KG_ERR_NOMEM;
    for (size_t v = 0; v < vertices; ++v)
      col->numbers[v] = NAN; /* igraph omits NaN: "no value" */
  } else if (!(col->values = kg_calloc(vertices + 1, sizeof(char *)))) {
    return KG_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->statements.count; ++i) {
    if (column_of[i] != c)
      continue;
    const kg_statement *s = m->statements.items[i];
    if (col->numeric)
      col->numbers[s->subject->index] = strtod(s->lexical, NULL);
    else
      TRY(append_value(&col->values[s->subject->index], s->lexical, s->len));
  }
out:
  return st;
}

static kg_status set_string_attribute(igraph_t *g, bool vertex,
                                      const char *name, size_t count,
                                      const char *(*get)(const void *, size_t),
                                      const void *ctx)
{
  kg_status st = KG_OK;
  igraph_strvector_t sv;
  ITRY(igraph_strvector_init(&sv, (igraph_integer_t)count));
  for (size_t i = 0; i < count; ++i) {
    const char *v = get(ctx, i);
    if (v && *v)
      ITRY(igraph_strvector_set(&sv, (igraph_integer_t)i, v));
  }
  ITRY(vertex ? igraph_cattribute_VAS_setv(g, name, &sv)
              : igraph_cattribute_EAS_setv(g, name, &sv));
out:
  igraph_strvector_destroy(&sv);
  return st;
}

static const char *get_label(const void *ctx, size_t i)
{
  return ((const kg_entity *)((const kg_model *)ctx)->entities.items[i])->label;
}

static const char *get_type(const void *ctx, size_t i)
{
  return ((const kg_entity *)((const kg_model *)ctx)->entities.items[i])->cls->name;
}

static const char *get_id(const void *ctx, size_t i)
{
  return ((const kg_entity *)((const kg_model *)ctx)->entities.items[i])->id;
}

static const char *get_string(const void *ctx, size_t i)
{
  return ((char *const *)ctx)[i];
}

static const char *get_column_value(const void *ctx, size_t i)
{
  return ((const column *)ctx)->values[i];
}

typedef struct {
  const kg_statement **edges;
  char **sources;
} edge_ctx;

static const char *get_edge_key(const void *ctx, size_t i)
{
  return ((const edge_ctx *)ctx)->edges[i]->prop->key;
}

static const char *get_edge_iri(const void *ctx, size_t i)
{
  return ((const edge_ctx *)ctx)->edges[i]->prop->iri;
}

static const char *get_edge_sources(const void *ctx, size_t i)
{
  return ((const edge_ctx *)ctx)->sources[i];
}

static kg_status set_edges(kg_graph *graph, const kg_model *m)
{
  igraph_t *g = &graph->g;
  kg_status st = KG_OK;
  edge_ctx ctx = {0};
  size_t n = 0;
  igraph_vector_int_t ends;
  igraph_vector_t weights;
  bool ends_ready = false, weights_ready = false;
  ctx.edges = kg_malloc(m->statements.count * sizeof *ctx.edges + 1);
  if (!ctx.edges)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->object && !s->derived)
      ctx.edges[n++] = s;
  }
  ctx.sources = kg_calloc(n + 1, sizeof(char *));
  if (!ctx.sources) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  ITRY(igraph_vector_int_init(&ends, (igraph_integer_t)(2 * n)));
  ends_ready = true;
  for (size_t i = 0; i < n; ++i) {
    VECTOR(ends)[2 * i] = ctx.edges[i]->subject->index;
    VECTOR(ends)[2 * i + 1] = ctx.edges[i]->object->index;
    const kg_provenance *p = ctx.edges[i]->prov;
    for (size_t k = 0; p && k < p->count; ++k)
      TRY(append_value(&ctx.sources[i], p->ids[k], strlen(p->ids[k])));
  }
  ITRY(igraph_add_edges(g, &ends, NULL));
  graph->edge_keys = kg_malloc((n + 1) * sizeof(char *));
  if (!graph->edge_keys) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; ++i)
    graph->edge_keys[i] = ctx.edges[i]->prop->key;
  TRY(set_string_attribute(g, false, "label", n, get_edge_key, &ctx));
  TRY(set_string_attribute(g, false, "predicate", n, get_edge_iri, &ctx));
  TRY(set_string_attribute(g, false, "sources", n, get_edge_sources, &ctx));
  ITRY(igraph_vector_init(&weights, (igraph_integer_t)n));
  weights_ready = true;
  igraph_vector_fill(&weights, 1.0);
  ITRY(igraph_cattribute_EAN_setv(g, "weight", &weights));
out:
  if (ends_ready)
    igraph_vector_int_destroy(&ends);
  if (weights_ready)
    igraph_vector_destroy(&weights);
  for (size_t i = 0; ctx.sources && i < n; ++i)
    kg_free(ctx.sources[i]);
  kg_free(ctx.sources);
  kg_free(ctx.edges);
  return st;
}

/* An entity's time span: from the earliest day of its start dates (founded,
 * born, start) to the latest day of its end dates, as xsd:date text; empty
 * when open.  GEXF turns them into spells for Gephi's timeline. */
static kg_status make_spells(const kg_model *m, char ***starts, char ***ends)
{
  size_t n = m->entities.count;
  *starts = kg_calloc(n + 1, sizeof(char *));
  *ends = kg_calloc(n + 1, sizeof(char *));
  if (!*starts || !*ends)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->derived || !s->date.precision || !(s->prop->is_start || s->prop->is_end))
      continue;
    size_t v = s->subject->index;
    char day[11];
    if (s->prop->is_start) {
      kg_date_first_day(&s->date, day);
      if (!(*starts)[v] && !((*starts)[v] = kg_calloc(11, 1)))
        return KG_ERR_NOMEM;
      if (!(*starts)[v][0] || strcmp(day, (*starts)[v]) < 0)
        memcpy((*starts)[v], day, 11);
    }
    if (s->prop->is_end) {
      kg_date_last_day(&s->date, day);
      if (!(*ends)[v] && !((*ends)[v] = kg_calloc(11, 1)))
        return KG_ERR_NOMEM;
      if (strcmp(day, (*ends)[v]) > 0)
        memcpy((*ends)[v], day, 11);
    }
  }
  return KG_OK;
}

static void free_strings(char **strings, size_t n)
{
  for (size_t i = 0; strings && i < n; ++i)
    kg_free(strings[i]);
  kg_free(strings);
}

/* The entity's IRI, so that a node in Gephi can be looked up in a store. */
static kg_status make_iris(const kg_model *m, const char *base, char ***out)
{
  size_t n = m->entities.count, blen = strlen(base);
  char **iris = kg_calloc(n + 1, sizeof(char *));
  *out = iris;
  if (!iris)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < n; ++i) {
    const char *id = ((const kg_entity *)m->entities.items[i])->id;
    size_t len = strlen(id);
    if (!(iris[i] = kg_malloc(blen + len + 1)))
      return KG_ERR_NOMEM;
    memcpy(iris[i], base, blen);
    memcpy(iris[i] + blen, id, len + 1);
  }
  return KG_OK;
}

kg_status kg_graph_build(const kg_model *m, const char *base, kg_graph **out)
{
  kg_status st = KG_OK;
  char **iris = NULL, **starts = NULL, **ends = NULL;
  column *cols = NULL;
  size_t *column_of = NULL;
  size_t ncols = 0, n = m->entities.count;
  kg_graph *graph = kg_calloc(1, sizeof *graph);
  bool ready = false;
  *out = NULL;
  if (!graph)
    return KG_ERR_NOMEM;
  setup_igraph();
  ITRY(igraph_empty(&graph->g, (igraph_integer_t)n, IGRAPH_DIRECTED));
  ready = true;
  TRY(set_string_attribute(&graph->g, true, "kg_id", n, get_id, m));
  TRY(set_string_attribute(&graph->g, true, "label", n, get_label, m));
  TRY(set_string_attribute(&graph->g, true, "type", n, get_type, m));
  TRY(make_iris(m, base, &iris));
  TRY(set_string_attribute(&graph->g, true, "iri", n, get_string, iris));
  TRY(make_spells(m, &starts, &ends));
  TRY(set_string_attribute(&graph->g, true, "start", n, get_string, starts));
  TRY(set_string_attribute(&graph->g, true, "end", n, get_string, ends));
  TRY(collect_columns(m, &cols, &ncols, &column_of));
  for (size_t c = 0; c < ncols; ++c) {
    TRY(fill_column(m, column_of, c, &cols[c]));
    if (cols[c].numeric) {
      igraph_vector_t v;
      igraph_vector_view(&v, cols[c].numbers, (igraph_integer_t)n);
      ITRY(igraph_cattribute_VAN_setv(&graph->g, cols[c].name, &v));
    } else {
      TRY(set_string_attribute(&graph->g, true, cols[c].name, n,
                               get_column_value, &cols[c]));
    }
    free_column_values(&cols[c], n);
  }
  TRY(set_edges(graph, m));
  *out = graph;
  graph = NULL;
out:
  for (size_t c = 0; cols && c < ncols; ++c)
    free_column_values(&cols[c], n);
  kg_free(cols);
  kg_free(column_of);
  free_strings(iris, n);
  free_strings(starts, n);
  free_strings(ends, n);
  if (graph) {
    if (ready)
      igraph_destroy(&graph->g);
    kg_free(graph->edge_keys);
    kg_free(graph);
  }
  return st;
}

void kg_graph_free(kg_graph *graph)
{
  if (!graph)
    return;
  igraph_destroy(&graph->g);
  kg_free(graph->edge_keys);
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

/* igraph's GraphML, mended on its way out, line by line (igraph writes one
 * element per line and ends lines with LF alone):
 *  - a carriage return in a value is written raw, and every XML parser
 *    turns it into a line feed ("a\rb" comes back "a\nb"); a raw CR can
 *    only be inside a value, where &#13; keeps it;
 *  - an absent string value is written as an empty <data> element, which
 *    readers take for an empty string; it is dropped, so absent stays absent.
 * (Gephi would read <edge label="..."> as an edge type and so keep parallel
 * edges of different relations apart, but the GraphML schema forbids that
 * attribute; the GEXF export carries it as `kind` instead.) */
typedef struct {
  FILE *out;
  char *line;
  size_t len, cap;
  bool failed;
  bool nomem; /* the failure was ours, not the stream's */
} graphml_filter;

static bool put(graphml_filter *f, const char *s, size_t n)
{
  if (!f->failed && n && fwrite(s, 1, n, f->out) != n)
    f->failed = true;
  return !f->failed;
}

static bool put_escaped(graphml_filter *f, const char *s, size_t n)
{
  size_t start = 0;
  for (size_t i = 0; i < n; ++i)
    if (s[i] == '\r') {
      put(f, s + start, i - start);
      put(f, "&#13;", 5);
      start = i + 1;
    }
  return put(f, s + start, n - start);
}

static bool is_empty_data(const char *line, size_t n)
{
  size_t i = 0;
  while (i < n && line[i] == ' ')
    ++i;
  static const char open[] = "<data key=\"", close[] = "\"></data>\n";
  if (n - i < sizeof open - 1 + sizeof close - 1 ||
      memcmp(line + i, open, sizeof open - 1) ||
      memcmp(line + n - (sizeof close - 1), close, sizeof close - 1))
    return false;
  return memchr(line + i + sizeof open - 1, '"',
                n - i - (sizeof open - 1) - (sizeof close - 1)) == NULL;
}

static void flush_line(graphml_filter *f)
{
  if (!is_empty_data(f->line, f->len))
    put_escaped(f, f->line, f->len);
  f->len = 0;
}

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
  graphml_filter *f = cookie;
  for (size_t i = 0; i < size; ++i) {
    if (f->len == f->cap) {
      size_t cap = f->cap ? f->cap * 2 : 4096;
      char *grown = kg_realloc(f->line, cap);
      if (!grown) {
        f->failed = f->nomem = true;
        return -1;
      }
      f->line = grown;
      f->cap = cap;
    }
    f->line[f->len++] = buf[i];
    if (buf[i] == '\n')
      flush_line(f);
  }
  return f->failed ? -1 : (ssize_t)size;
}

kg_status kg_graph_write_graphml(const kg_graph *graph, FILE *out)
{
  graphml_filter f = {.out = out};
  FILE *filtered =
      fopencookie(&f, "w", (cookie_io_functions_t){.write = filter_write});
  kg_status st = KG_OK;
  if (!filtered)
    return KG_ERR_NOMEM;
  /* prefixattr: vertex and edge attributes of one name get distinct keys. */
  st = from_igraph(igraph_write_graph_graphml(&graph->g, filtered, true));
  if (fclose(filtered) != 0 && st == KG_OK)
    st = KG_ERR_IO;
  if (f.len && st == KG_OK)
    flush_line(&f); /* a last line without LF */
  if (f.nomem)
    st = KG_ERR_NOMEM;
  else if (f.failed && st == KG_OK)
    st = KG_ERR_IO;
  kg_free(f.line);
  return st;
}

/* ---- analytics ---------------------------------------------------------- */

/* Per-vertex measures, written as numeric vertex attributes so that Gephi
 * and the GraphML readers see them, and printed by `kgbuild stats`. */
static kg_status set_int_attribute(igraph_t *g, const char *name,
                                   const igraph_vector_int_t *values)
{
  kg_status st = KG_OK;
  igraph_vector_t v;
  ITRY(igraph_vector_init(&v, igraph_vector_int_size(values)));
  for (igraph_integer_t i = 0; i < igraph_vector_int_size(values); ++i)
    VECTOR(v)[i] = (igraph_real_t)VECTOR(*values)[i];
  st = from_igraph(igraph_cattribute_VAN_setv(g, name, &v));
  igraph_vector_destroy(&v);
out:
  return st;
}

static kg_status degrees(igraph_t *g)
{
  kg_status st = KG_OK;
  igraph_vector_int_t d;
  ITRY(igraph_vector_int_init(&d, 0));
  ITRY(igraph_degree(g, &d, igraph_vss_all(), IGRAPH_IN, IGRAPH_LOOPS));
  TRY(set_int_attribute(g, "degree_in", &d));
  ITRY(igraph_degree(g, &d, igraph_vss_all(), IGRAPH_OUT, IGRAPH_LOOPS));
  TRY(set_int_attribute(g, "degree_out", &d));
out:
  igraph_vector_int_destroy(&d);
  return st;
}

static kg_status centralities(igraph_t *g)
{
  kg_status st = KG_OK;
  igraph_vector_t v;
  igraph_real_t value;
  ITRY(igraph_vector_init(&v, 0));
  ITRY(igraph_betweenness(g, &v, igraph_vss_all(), true, NULL));
  ITRY(igraph_cattribute_VAN_setv(g, "betweenness", &v));
  ITRY(igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, &v, &value,
                       igraph_vss_all(), true, 0.85, NULL, NULL));
  ITRY(igraph_cattribute_VAN_setv(g, "pagerank", &v));
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

/* Weakly connected components, numbered by their first vertex in id order,
 * and communities that maximise modularity on the undirected network, found
 * by the Leiden method with a fixed seed, so that the same facts give the
 * same partition.  Leiden rather than multilevel (Louvain): on the 100k
 * bench base igraph 0.10's multilevel took 8.5 s and grew 56-fold per
 * tenfold data; Leiden takes about 0.5 s for the same modularity (0.712
 * against 0.711), and its communities are guaranteed connected. */
static kg_status partitions(igraph_t *g, double *modularity)
{
  kg_status st = KG_OK;
  igraph_vector_int_t membership;
  igraph_vector_t weights, strength;
  igraph_t undirected;
  bool m_ready = false, w_ready = false, u_ready = false, s_ready = false;
  igraph_integer_t count;
  ITRY(igraph_vector_int_init(&membership, 0));
  m_ready = true;
  ITRY(igraph_connected_components(g, &membership, NULL, &count, IGRAPH_WEAK));
  TRY(set_int_attribute(g, "component", &membership));
  ITRY(igraph_vector_init(&weights, 0));
  w_ready = true;
  TRY(collapse_parallel_edges(g, &undirected, &weights, &u_ready));
  ITRY(igraph_vector_init(&strength, 0));
  s_ready = true;
  igraph_rng_seed(igraph_rng_default(), 20130601);
  *modularity = 0;
  if (igraph_ecount(&undirected) > 0) {
    /* Leiden optimises modularity when each vertex weighs its strength and
     * the resolution is 1 / 2m (igraph's documentation). */
    igraph_real_t total = igraph_vector_sum(&weights);
    ITRY(igraph_strength(&undirected, &strength, igraph_vss_all(), IGRAPH_ALL,
                         IGRAPH_LOOPS, &weights));
    ITRY(igraph_community_leiden(&undirected, &weights, &strength,
                                 1.0 / (2.0 * total), 0.01, false, -1,
                                 &membership, NULL, NULL));
    ITRY(igraph_modularity(&undirected, &membership, &weights, 1.0, false,
                           modularity));
  } else {
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&membership); ++i)
      VECTOR(membership)[i] = i;
  }
  /* Renumber communities by first appearance, so labels are stable. */
  igraph_integer_t n = igraph_vector_int_size(&membership), next = 0;
  igraph_vector_int_t map;
  ITRY(igraph_vector_int_init(&map, n));
  igraph_vector_int_fill(&map, -1);
  for (igraph_integer_t i = 0; i < n; ++i) {
    igraph_integer_t c = VECTOR(membership)[i];
    if (VECTOR(map)[c] < 0)
      VECTOR(map)[c] = next++;
    VECTOR(membership)[i] = VECTOR(map)[c];
  }
  igraph_vector_int_destroy(&map);
  TRY(set_int_attribute(g, "community", &membership));
out:
  if (s_ready)
    igraph_vector_destroy(&strength);
  if (u_ready)
    igraph_destroy(&undirected);
  if (w_ready)
    igraph_vector_destroy(&weights);
  if (m_ready)
    igraph_vector_int_destroy(&membership);
  return st;
}

kg_status kg_graph_analyse(kg_graph *graph)
{
  kg_status st = KG_OK;
  TRY(degrees(&graph->g));
  TRY(centralities(&graph->g));
  TRY(partitions(&graph->g, &graph->modularity));
out:
  return st;
}

static double vertex_number(const kg_graph *graph, const char *name, size_t v)
{
  return igraph_cattribute_VAN(&graph->g, name, (igraph_integer_t)v);
}

static const char *vertex_string(const kg_graph *graph, const char *name,
                                 size_t v)
{
  return igraph_cattribute_VAS(&graph->g, name, (igraph_integer_t)v);
}

/* Vertices by PageRank, highest first; ties by id (the vertex order). */
static int by_pagerank(const void *a, const void *b, void *graph)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  double px = vertex_number(graph, "pagerank", x);
  double py = vertex_number(graph, "pagerank", y);
  if (px != py)
    return px > py ? -1 : 1;
  return x < y ? -1 : x > y;
}

kg_status kg_graph_print_stats(const kg_graph *graph, FILE *out, bool json)
{
  size_t n = kg_graph_vertex_count(graph);
  size_t *order = kg_malloc(n * sizeof *order + 1);
  if (!order)
    return KG_ERR_NOMEM;
  size_t components = 0, communities = 0;
  for (size_t v = 0; v < n; ++v) {
    order[v] = v;
    size_t c = (size_t)vertex_number(graph, "component", v);
    size_t k = (size_t)vertex_number(graph, "community", v);
    components = c + 1 > components ? c + 1 : components;
    communities = k + 1 > communities ? k + 1 : communities;
  }
  qsort_r(order, n, sizeof *order, by_pagerank, (void *)graph);
  if (json) {
    fprintf(out, "{\"nodes\":%zu,\"edges\":%zu,\"components\":%zu,"
                 "\"communities\":%zu,\"modularity\":%.6f,\"vertices\":[",
            n, kg_graph_edge_count(graph), components, communities,
            graph->modularity);
    for (size_t i = 0; i < n; ++i) {
      size_t v = order[i];
      fputs(i ? ",\n{\"id\":" : "\n{\"id\":", out);
      kg_json_string(out, vertex_string(graph, "kg_id", v));
      fputs(",\"label\":", out);
      kg_json_string(out, vertex_string(graph, "label", v));
      fputs(",\"type\":", out);
      kg_json_string(out, vertex_string(graph, "type", v));
      fprintf(out, ",\"degree_in\":%.0f,\"degree_out\":%.0f,"
                   "\"betweenness\":%.17g,\"pagerank\":%.17g,"
                   "\"community\":%.0f,\"component\":%.0f}",
              vertex_number(graph, "degree_in", v),
              vertex_number(graph, "degree_out", v),
              vertex_number(graph, "betweenness", v),
              vertex_number(graph, "pagerank", v),
              vertex_number(graph, "community", v),
              vertex_number(graph, "component", v));
    }
    fputs("]}\n", out);
  } else {
    fprintf(out, "%zu nodes, %zu edges, %zu weakly connected components, "
                 "%zu communities (modularity %.3f)\n\n",
            n, kg_graph_edge_count(graph), components, communities,
            graph->modularity);
    fprintf(out, "%-40s %-22s %4s %4s %11s %8s %5s %5s\n", "id", "type", "in",
            "out", "betweenness", "pagerank", "comm", "comp");
    for (size_t i = 0; i < n; ++i) {
      size_t v = order[i];
      fprintf(out, "%-40s %-22s %4.0f %4.0f %11.2f %8.4f %5.0f %5.0f\n",
              vertex_string(graph, "kg_id", v), vertex_string(graph, "type", v),
              vertex_number(graph, "degree_in", v),
              vertex_number(graph, "degree_out", v),
              vertex_number(graph, "betweenness", v),
              vertex_number(graph, "pagerank", v),
              vertex_number(graph, "community", v),
              vertex_number(graph, "component", v));
    }
  }
  kg_free(order);
  return KG_OK;
}

/* ---- reading the network back (for writers that are not igraph's) ---- */

kg_status kg_graph_attributes(const kg_graph *graph, bool vertex,
                              kg_graph_attr **out, size_t *count)
{
  kg_status st = KG_OK;
  igraph_strvector_t names;
  igraph_vector_int_t types;
  bool names_ready = false, types_ready = false;
  *out = NULL;
  *count = 0;
  ITRY(igraph_strvector_init(&names, 0));
  names_ready = true;
  ITRY(igraph_vector_int_init(&types, 0));
  types_ready = true;
  ITRY(igraph_cattribute_list(&graph->g, NULL, NULL, vertex ? &names : NULL,
                              vertex ? &types : NULL, vertex ? NULL : &names,
                              vertex ? NULL : &types));
  size_t n = (size_t)igraph_strvector_size(&names);
  kg_graph_attr *attrs = kg_calloc(n + 1, sizeof *attrs);
  if (!attrs) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; ++i) {
    const char *name = igraph_strvector_get(&names, (igraph_integer_t)i);
    size_t len = strlen(name);
    if (!(attrs[i].name = kg_malloc(len + 1))) {
      kg_graph_attributes_free(attrs, n);
      st = KG_ERR_NOMEM;
      goto out;
    }
    memcpy(attrs[i].name, name, len + 1);
    attrs[i].numeric = VECTOR(types)[i] == IGRAPH_ATTRIBUTE_NUMERIC;
  }
  *out = attrs;
  *count = n;
out:
  if (names_ready)
    igraph_strvector_destroy(&names);
  if (types_ready)
    igraph_vector_int_destroy(&types);
  return st;
}

void kg_graph_attributes_free(kg_graph_attr *attrs, size_t count)
{
  for (size_t i = 0; attrs && i < count; ++i)
    kg_free(attrs[i].name);
  kg_free(attrs);
}

const char *kg_graph_vertex_text(const kg_graph *graph, const char *name,
                                 size_t v)
{
  return vertex_string(graph, name, v);
}

double kg_graph_vertex_number(const kg_graph *graph, const char *name, size_t v)
{
  return vertex_number(graph, name, v);
}

const char *kg_graph_edge_text(const kg_graph *graph, const char *name, size_t e)
{
  return igraph_cattribute_EAS(&graph->g, name, (igraph_integer_t)e);
}

double kg_graph_edge_number(const kg_graph *graph, const char *name, size_t e)
{
  return igraph_cattribute_EAN(&graph->g, name, (igraph_integer_t)e);
}

void kg_graph_edge_ends(const kg_graph *graph, size_t e, size_t *from, size_t *to)
{
  *from = (size_t)IGRAPH_FROM(&graph->g, (igraph_integer_t)e);
  *to = (size_t)IGRAPH_TO(&graph->g, (igraph_integer_t)e);
}
