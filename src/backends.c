/* backends.c - the table of exports, and the adapters from the network to
 * each format's writer. */
#include "backends.h"

#include "csv.h"
#include "dot.h"
#include "gexf.h"
#include "graphml.h"
#include "json.h"
#include "serialize.h"
#include "shacl.h"
#include "site.h"
#include "xml.h"

#include <string.h>

/* The ontology's prefixes, and `id:` for the entities: what the Turtle and
 * JSON-LD exports declare.  The caller frees the array; NULL when out of
 * memory. */
static kg_prefix *network_prefixes(const kg_network *net, size_t *count)
{
  size_t n = net->onto->prefixes.count;
  kg_prefix *prefixes = kg_malloc((n + 1) * sizeof *prefixes);
  if (!prefixes)
    return NULL;
  for (size_t i = 0; i < n; ++i)
    prefixes[i] = *(kg_prefix *)net->onto->prefixes.items[i];
  prefixes[n] = (kg_prefix){"id", net->base};
  *count = n + 1;
  return prefixes;
}

typedef struct {
  kg_serializer *serializer;
  size_t count;
} rdf_ctx;

static kg_status write_triple(void *ctx, const kg_triple *t)
{
  rdf_ctx *c = ctx;
  c->count++;
  return kg_serializer_write(c->serializer, t);
}

static kg_status write_rdf(const kg_network *net, FILE *out, kg_syntax syntax,
                           size_t *items)
{
  kg_status st = KG_OK;
  size_t n;
  kg_prefix *prefixes = network_prefixes(net, &n);
  rdf_ctx ctx = {0};
  if (!prefixes)
    return KG_ERR_NOMEM;
  ctx.serializer = kg_serializer_new(syntax, out, prefixes, n);
  if (!ctx.serializer) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(kg_network_triples(net, syntax == KG_SYNTAX_NQUADS, write_triple, &ctx));
  TRY(kg_serializer_finish(ctx.serializer));
  *items = ctx.count;
out:
  kg_serializer_free(ctx.serializer);
  kg_free(prefixes);
  return st;
}

static kg_status write_turtle(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_TURTLE, items);
}

static kg_status write_ntriples(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_NTRIPLES, items);
}

static kg_status write_nquads(const kg_network *net, FILE *out, size_t *items)
{
  return write_rdf(net, out, KG_SYNTAX_NQUADS, items);
}

static kg_status write_graphml(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_graphml_write(net->graph, out);
}

static kg_status write_gexf(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_gexf_write(net->graph, out);
}

static kg_status add_jsonld(void *ctx, const kg_triple *t)
{
  return kg_jsonld_add(ctx, t);
}

/* JSON-LD 1.1: the same triples as kg.nt, one node object per subject; or,
 * with `context_only`, the @context to publish. */
static kg_status jsonld(const kg_network *net, FILE *out, bool context_only)
{
  kg_status st = KG_OK;
  size_t n;
  kg_prefix *prefixes = network_prefixes(net, &n);
  kg_jsonld *doc = NULL;
  if (!prefixes)
    return KG_ERR_NOMEM;
  if (!(doc = kg_jsonld_new(prefixes, n))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (context_only) {
    TRY(kg_jsonld_write_context(doc, out));
  } else {
    TRY(kg_jsonld_begin(doc, out));
    TRY(kg_network_triples(net, false, add_jsonld, doc));
    TRY(kg_jsonld_end(doc));
  }
out:
  kg_jsonld_free(doc);
  kg_free(prefixes);
  return st;
}

static kg_status write_jsonld(const kg_network *net, FILE *out, size_t *items)
{
  *items = 0;
  return jsonld(net, out, false);
}

static kg_status write_jsonld_context(const kg_network *net, FILE *out,
                                      size_t *items)
{
  *items = 0;
  return jsonld(net, out, true);
}

static kg_status write_csv_nodes(const kg_network *net, FILE *out,
                                 size_t *items)
{
  *items = kg_graph_vertex_count(net->graph);
  return kg_csv_write_nodes(net->graph, out);
}

static kg_status write_csv_edges(const kg_network *net, FILE *out,
                                 size_t *items)
{
  *items = kg_graph_edge_count(net->graph);
  return kg_csv_write_edges(net->graph, out);
}

static kg_status write_dot(const kg_network *net, FILE *out, size_t *items)
{
  *items = kg_graph_vertex_count(net->graph) + kg_graph_edge_count(net->graph);
  return kg_dot_write(net->graph, out);
}

static kg_status write_shacl(const kg_network *net, FILE *out, size_t *items)
{
  return kg_shacl_write(net->onto, net->base, out, items);
}

const kg_backend kg_backends[] = {
    {"ttl", "kg.ttl", "Turtle: data and ontology, for SPARQL stores",
     write_turtle, KG_NEEDS_MODEL, true, 4, NULL, NULL},
    {"nt", "kg.nt", "N-Triples: one triple per line, for bulk loads and diffs",
     write_ntriples, KG_NEEDS_MODEL, true, 6, NULL, NULL},
    {"nq", "kg.nq",
     "N-Quads: one named graph per source, for retracting a source",
     write_nquads, KG_NEEDS_MODEL, true, 10, NULL, NULL},
    {"graphml", "kg.graphml",
     "GraphML: the entity network, for Gephi and igraph", write_graphml,
     KG_NEEDS_ANALYTICS, false, 5, kg_xml_setup, NULL},
    {"gexf", "kg.gexf",
     "GEXF 1.3: the network with time spells, for Gephi's timeline", write_gexf,
     KG_NEEDS_ANALYTICS, false, 5, kg_xml_setup, NULL},
    {"dot", "kg.dot", "DOT: the network for Graphviz pictures", write_dot,
     KG_NEEDS_GRAPH, false, 2, NULL, NULL},
    {"jsonld", "kg.jsonld", "JSON-LD 1.1: the triples as JSON, for web tools",
     write_jsonld, KG_NEEDS_MODEL, true, 6, kg_json_setup, NULL},
    {"jsonld-context", "kg.context.jsonld",
     "the JSON-LD @context alone, to publish for documents of one's own",
     write_jsonld_context, KG_NEEDS_MODEL, false, 0, kg_json_setup, NULL},
    {"csv-nodes", "kg.nodes.csv",
     "CSV: the nodes table (Gephi's spreadsheet import, pandas)",
     write_csv_nodes, KG_NEEDS_ANALYTICS, false, 3, NULL, NULL},
    {"csv-edges", "kg.edges.csv", "CSV: the edges table", write_csv_edges,
     KG_NEEDS_GRAPH, false, 2, NULL, NULL},
    {"shacl", "kg.shapes.ttl",
     "SHACL shapes from the ontology, to validate a store's copy", write_shacl,
     KG_NEEDS_MODEL, false, 0, NULL, NULL},
    {.name = "site",
     .file_name = "site",
     .describe = "a static web site: a page per entity, source and class, "
                 "with search (a directory; docs/site.md)",
     .needs = KG_NEEDS_GRAPH,
     .cost = 12,
     .write_dir = kg_site_write},
};
const size_t kg_backend_count = sizeof kg_backends / sizeof *kg_backends;

const kg_backend *kg_backend_find(const char *name)
{
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (!strcmp(kg_backends[i].name, name))
      return &kg_backends[i];
  return NULL;
}

/* Each copy keeps its compressed file name in the room after the rows. */
enum { NAME_ROOM = 64 };

kg_status kg_backends_compress(const kg_backend **chosen, size_t count,
                               kg_compression c, kg_backend **copies)
{
  *copies = NULL;
  if (c == KG_COMPRESS_NONE)
    return KG_OK;
  kg_backend *rows = kg_malloc(count * (sizeof *rows + NAME_ROOM) + 1);
  if (!rows)
    return KG_ERR_NOMEM;
  char *names = (char *)(rows + count);
  for (size_t i = 0; i < count; ++i) {
    if (!chosen[i]->rdf)
      continue;
    char *name = names + i * NAME_ROOM;
    snprintf(name, NAME_ROOM, "%s%s", chosen[i]->file_name,
             kg_compression_suffix(c));
    rows[i] = *chosen[i];
    rows[i].file_name = name;
    chosen[i] = &rows[i];
  }
  *copies = rows;
  return KG_OK;
}

kg_compression kg_backend_compression(const kg_backend *backend)
{
  return kg_compression_of(backend->file_name);
}
