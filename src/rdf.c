/* rdf.c - raptor2 behind kgbuild's own triple type. */
#include "rdf.h"

#include <errno.h>
#include <raptor2.h>
#include <string.h>

struct kg_rdf {
  raptor_world *world;
  /* Messages raptor logs while parsing go to the current parse's diag. */
  kg_diag *diag;
  const char *path;
  size_t errors;
};

static void on_log(void *user_data, raptor_log_message *message)
{
  kg_rdf *rdf = user_data;
  if (message->level < RAPTOR_LOG_LEVEL_WARN)
    return;
  bool error = message->level >= RAPTOR_LOG_LEVEL_ERROR;
  kg_pos pos = {rdf->path, 0, 0};
  if (message->locator && message->locator->line > 0) {
    pos.line = (uint32_t)message->locator->line;
    pos.col = message->locator->column > 0 ? (uint32_t)message->locator->column : 1;
  }
  if (!rdf->diag)
    return;
  kg_diag_emit(rdf->diag, &(kg_diagnostic){
                              .severity = error ? KG_SEV_ERROR : KG_SEV_WARNING,
                              .pos = pos,
                              .code = "turtle-syntax",
                              .message = message->text ? message->text : "error",
                          });
  rdf->errors += error;
}

kg_rdf *kg_rdf_new(void)
{
  kg_rdf *rdf = kg_calloc(1, sizeof *rdf);
  if (!rdf)
    return NULL;
  rdf->world = raptor_new_world();
  if (!rdf->world || raptor_world_open(rdf->world) != 0) {
    kg_rdf_free(rdf);
    return NULL;
  }
  raptor_world_set_log_handler(rdf->world, rdf, on_log);
  return rdf;
}

void kg_rdf_free(kg_rdf *rdf)
{
  if (!rdf)
    return;
  if (rdf->world)
    raptor_free_world(rdf->world);
  kg_free(rdf);
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct {
  kg_rdf *rdf;
  raptor_parser *parser;
  const kg_rdf_handler *handler;
  kg_status status;
} parse_ctx;

static kg_term term_from_raptor(const raptor_term *t)
{
  kg_term out = {0};
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI: {
    size_t len = 0;
    out.kind = KG_TERM_IRI;
    out.value = (const char *)raptor_uri_as_counted_string(t->value.uri, &len);
    out.len = len;
    break;
  }
  case RAPTOR_TERM_TYPE_LITERAL:
    out.kind = KG_TERM_LITERAL;
    out.value = (const char *)t->value.literal.string;
    out.len = t->value.literal.string_len;
    out.datatype = t->value.literal.datatype
                       ? (const char *)raptor_uri_as_string(t->value.literal.datatype)
                       : NULL;
    out.lang = (const char *)t->value.literal.language;
    break;
  default:
    out.kind = KG_TERM_BLANK;
    out.value = (const char *)t->value.blank.string;
    out.len = t->value.blank.string_len;
    break;
  }
  return out;
}

static void on_statement(void *user_data, raptor_statement *st)
{
  parse_ctx *ctx = user_data;
  if (ctx->status != KG_OK)
    return;
  raptor_locator *loc = raptor_parser_get_locator(ctx->parser);
  kg_pos pos = {ctx->rdf->path, loc && loc->line > 0 ? (uint32_t)loc->line : 0,
                1};
  kg_triple t = {term_from_raptor(st->subject), term_from_raptor(st->predicate),
                 term_from_raptor(st->object), NULL};
  ctx->status = ctx->handler->triple(ctx->handler->ctx, &t, pos);
}

static void on_namespace(void *user_data, raptor_namespace *ns)
{
  parse_ctx *ctx = user_data;
  if (ctx->status != KG_OK || !ctx->handler->prefix)
    return;
  const unsigned char *prefix = raptor_namespace_get_prefix(ns);
  raptor_uri *uri = raptor_namespace_get_uri(ns);
  if (!uri)
    return;
  ctx->status = ctx->handler->prefix(ctx->handler->ctx,
                                     prefix ? (const char *)prefix : "",
                                     (const char *)raptor_uri_as_string(uri));
}

kg_status kg_rdf_parse_turtle(kg_rdf *rdf, kg_diag *diag, const char *path,
                              const kg_rdf_handler *handler)
{
  kg_status st = KG_OK;
  parse_ctx ctx = {.rdf = rdf, .handler = handler};
  raptor_uri *file_uri = NULL;
  unsigned char *uri_string = NULL;
  FILE *in = NULL;
  rdf->diag = diag;
  rdf->path = path;
  rdf->errors = 0;
  ctx.parser = raptor_new_parser(rdf->world, "turtle");
  if (!ctx.parser) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  raptor_parser_set_statement_handler(ctx.parser, &ctx, on_statement);
  raptor_parser_set_namespace_handler(ctx.parser, &ctx, on_namespace);
  in = fopen(path, "rb");
  if (!in) {
    kg_error(diag, (kg_pos){path, 0, 0}, "io", "cannot open: %s",
             strerror(errno));
    st = KG_ERR_IO;
    goto out;
  }
  /* The file's own URI is only the base for relative IRIs, which the
   * ontology must not use; kgbuild checks every IRI it reads. */
  uri_string = raptor_uri_filename_to_uri_string(path);
  file_uri = uri_string ? raptor_new_uri(rdf->world, uri_string) : NULL;
  if (!file_uri) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (raptor_parser_parse_file_stream(ctx.parser, in, path, file_uri) != 0 &&
      rdf->errors == 0) {
    kg_error(diag, (kg_pos){path, 0, 0}, "turtle-syntax", "cannot parse");
    rdf->errors++;
  }
  st = ctx.status;
  if (st == KG_OK && rdf->errors)
    st = KG_ERR_FACTS;
out:
  if (in)
    fclose(in);
  if (file_uri)
    raptor_free_uri(file_uri);
  if (uri_string)
    raptor_free_memory(uri_string);
  if (ctx.parser)
    raptor_free_parser(ctx.parser);
  rdf->diag = NULL;
  return st;
}

/* ---- writing ---------------------------------------------------------- */

struct kg_rdf_writer {
  kg_rdf *rdf;
  raptor_serializer *serializer;
  raptor_iostream *stream;
  FILE *out;
  bool escape_cr; /* Turtle: see put */
  bool failed;
  size_t used;
  char buffer[64 * 1024]; /* raptor writes a byte at a time: batch them */
};

static bool flush_buffer(kg_rdf_writer *w)
{
  if (w->used && !w->failed && fwrite(w->buffer, 1, w->used, w->out) != w->used)
    w->failed = true;
  w->used = 0;
  return !w->failed;
}

/* raptor 2.0.15's Turtle writer puts a carriage return raw into a "short"
 * string, which no Turtle parser accepts (fixed upstream in raptor PR #82).
 * Raw CR can occur in its output only inside a string literal, where the
 * escape \r is valid in both short and long strings, so the bytes are
 * filtered on their way out. */
static inline void put(kg_rdf_writer *w, char c)
{
  if (w->used + 2 > sizeof w->buffer)
    flush_buffer(w);
  if (c == '\r' && w->escape_cr) {
    w->buffer[w->used++] = '\\';
    w->buffer[w->used++] = 'r';
  } else {
    w->buffer[w->used++] = c;
  }
}

static int write_bytes(void *context, const void *ptr, size_t size,
                       size_t nmemb)
{
  kg_rdf_writer *w = context;
  const char *p = ptr;
  for (size_t i = 0, n = size * nmemb; i < n; ++i)
    put(w, p[i]);
  return w->failed ? 0 : (int)nmemb;
}

static int write_byte(void *context, const int byte)
{
  kg_rdf_writer *w = context;
  put(w, (char)byte);
  return w->failed ? 1 : 0;
}

static const raptor_iostream_handler output_handler = {
    .version = 2,
    .write_byte = write_byte,
    .write_bytes = write_bytes,
};

kg_rdf_writer *kg_rdf_writer_new(kg_rdf *rdf, const char *syntax, FILE *out,
                                 const kg_prefix *prefixes, size_t prefix_count)
{
  kg_rdf_writer *w = kg_calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->rdf = rdf;
  w->serializer = raptor_new_serializer(rdf->world, syntax);
  if (!w->serializer)
    goto fail;
  for (size_t i = 0; i < prefix_count; ++i) {
    raptor_uri *uri =
        raptor_new_uri(rdf->world, (const unsigned char *)prefixes[i].iri);
    if (!uri)
      goto fail;
    int rc = raptor_serializer_set_namespace(
        w->serializer, uri,
        prefixes[i].prefix[0] ? (const unsigned char *)prefixes[i].prefix : NULL);
    raptor_free_uri(uri);
    (void)rc; /* fails only for a prefix raptor declares itself (rdf:) */
  }
  w->out = out;
  w->escape_cr = !strcmp(syntax, "turtle");
  w->stream = raptor_new_iostream_from_handler(rdf->world, w, &output_handler);
  if (!w->stream)
    goto fail;
  /* No base IRI: every IRI is written absolute, never relative. */
  if (raptor_serializer_start_to_iostream(w->serializer, NULL, w->stream) != 0)
    goto fail;
  return w;
fail:
  kg_rdf_writer_free(w);
  return NULL;
}

static raptor_term *make_term(raptor_world *world, const kg_term *t)
{
  if (t->kind == KG_TERM_IRI)
    return raptor_new_term_from_counted_uri_string(
        world, (const unsigned char *)t->value, t->len);
  if (t->kind == KG_TERM_BLANK)
    return raptor_new_term_from_counted_blank(
        world, (const unsigned char *)t->value, t->len);
  raptor_uri *datatype = NULL;
  if (t->datatype) {
    datatype = raptor_new_uri(world, (const unsigned char *)t->datatype);
    if (!datatype)
      return NULL;
  }
  raptor_term *term = raptor_new_term_from_counted_literal(
      world, (const unsigned char *)t->value, t->len, datatype,
      (const unsigned char *)t->lang, t->lang ? (unsigned char)strlen(t->lang) : 0);
  if (datatype)
    raptor_free_uri(datatype);
  return term;
}

kg_status kg_rdf_writer_write(kg_rdf_writer *w, const kg_triple *t)
{
  raptor_world *world = w->rdf->world;
  raptor_statement st;
  raptor_statement_init(&st, world);
  st.subject = make_term(world, &t->s);
  st.predicate = make_term(world, &t->p);
  st.object = make_term(world, &t->o);
  if (t->graph)
    st.graph = raptor_new_term_from_counted_uri_string(
        world, (const unsigned char *)t->graph, strlen(t->graph));
  kg_status status = KG_OK;
  if (!st.subject || !st.predicate || !st.object || (t->graph && !st.graph))
    status = KG_ERR_NOMEM;
  else if (raptor_serializer_serialize_statement(w->serializer, &st) != 0)
    status = KG_ERR_IO;
  raptor_statement_clear(&st);
  return status;
}

kg_status kg_rdf_writer_finish(kg_rdf_writer *w)
{
  if (raptor_serializer_serialize_end(w->serializer) != 0)
    return KG_ERR_IO;
  return flush_buffer(w) ? KG_OK : KG_ERR_IO;
}

void kg_rdf_writer_free(kg_rdf_writer *w)
{
  if (!w)
    return;
  if (w->serializer)
    raptor_free_serializer(w->serializer);
  if (w->stream)
    raptor_free_iostream(w->stream);
  kg_free(w);
}
