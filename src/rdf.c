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
    pos.col =
        message->locator->column > 0 ? (uint32_t)message->locator->column : 1;
  }
  if (!rdf->diag)
    return;
  kg_diag_emit(rdf->diag,
               &(kg_diagnostic){
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
    out.datatype =
        t->value.literal.datatype
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

kg_status kg_rdf_parse_turtle_text(kg_rdf *rdf, kg_diag *diag, const char *name,
                                   const char *text, size_t len,
                                   const kg_rdf_handler *handler)
{
  kg_status st = KG_OK;
  parse_ctx ctx = {.rdf = rdf, .handler = handler};
  raptor_uri *base = NULL;
  rdf->diag = diag;
  rdf->path = name;
  rdf->errors = 0;
  ctx.parser = raptor_new_parser(rdf->world, "turtle");
  /* A base only for raptor's sake: what kgbuild reads this way (a store's
   * answer) names every IRI absolutely. */
  base = raptor_new_uri(rdf->world, (const unsigned char *)"urn:kgbuild:text");
  if (!ctx.parser || !base) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  raptor_parser_set_statement_handler(ctx.parser, &ctx, on_statement);
  raptor_parser_set_namespace_handler(ctx.parser, &ctx, on_namespace);
  if ((raptor_parser_parse_start(ctx.parser, base) != 0 ||
       raptor_parser_parse_chunk(ctx.parser, (const unsigned char *)text, len,
                                 1) != 0) &&
      rdf->errors == 0) {
    kg_error(diag, (kg_pos){name, 0, 0}, "turtle-syntax", "cannot parse");
    rdf->errors++;
  }
  st = ctx.status;
  if (st == KG_OK && rdf->errors)
    st = KG_ERR_FACTS;
out:
  if (base)
    raptor_free_uri(base);
  if (ctx.parser)
    raptor_free_parser(ctx.parser);
  rdf->diag = NULL;
  return st;
}
