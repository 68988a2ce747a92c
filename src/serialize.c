/* serialize.c - serd behind kgbuild's own triple type. */
#include "serialize.h"
#include "ontology.h" /* KG_RDF */

#include <serd/serd.h>
#include <stdlib.h>
#include <string.h>

/* One scratch buffer per position that may need a prefixed name. */
enum { SLOT_SUBJECT, SLOT_PREDICATE, SLOT_OBJECT, SLOT_DATATYPE, SLOT_COUNT };

typedef struct {
  char *text;
  size_t cap;
} scratch;

struct kg_serializer {
  kg_syntax syntax;
  FILE *out;
  SerdEnv *env;
  SerdWriter *writer;
  kg_prefix *prefixes; /* longest namespace first */
  size_t *iri_lens;
  size_t prefix_count;
  bool write_failed; /* the stream refused bytes */
  bool serd_failed;  /* serd refused a term */
  scratch slots[SLOT_COUNT];
};

static size_t sink(const void *buf, size_t len, void *stream)
{
  kg_serializer *s = stream;
  if (s->write_failed)
    return 0;
  if (fwrite(buf, 1, len, s->out) != len) {
    s->write_failed = true;
    return 0;
  }
  return len;
}

/* serd would print its complaints on stderr; kgbuild reports a failed write
 * itself, with the file's name. */
static SerdStatus on_serd_error(void *handle, const SerdError *error)
{
  kg_serializer *s = handle;
  s->serd_failed = true;
  return error->status;
}

static int by_namespace_length(const void *a, const void *b)
{
  size_t x = strlen(((const kg_prefix *)a)->iri);
  size_t y = strlen(((const kg_prefix *)b)->iri);
  if (x != y)
    return x > y ? -1 : 1;
  return strcmp(((const kg_prefix *)a)->prefix, ((const kg_prefix *)b)->prefix);
}

kg_serializer *kg_serializer_new(kg_syntax syntax, FILE *out,
                                 const kg_prefix *prefixes, size_t prefix_count)
{
  static const SerdSyntax serd_syntax[] = {
      [KG_SYNTAX_TURTLE] = SERD_TURTLE,
      [KG_SYNTAX_NTRIPLES] = SERD_NTRIPLES,
      [KG_SYNTAX_NQUADS] = SERD_NQUADS,
  };
  kg_serializer *s = kg_calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->syntax = syntax;
  s->out = out;
  s->env = serd_env_new(NULL);
  if (!s->env)
    goto fail;
  /* BULK: serd fills a page before calling the sink.  ABBREVIATED (Turtle
   * only): ';' between triples of one subject, 'a', bare numbers. */
  SerdStyle style = SERD_STYLE_BULK;
  if (syntax == KG_SYNTAX_TURTLE)
    style |= SERD_STYLE_ABBREVIATED;
  s->writer =
      serd_writer_new(serd_syntax[syntax], style, s->env, NULL, sink, s);
  if (!s->writer)
    goto fail;
  serd_writer_set_error_sink(s->writer, on_serd_error, s);
  if (syntax != KG_SYNTAX_TURTLE)
    return s;

  s->prefixes =
      kg_malloc((prefix_count ? prefix_count : 1) * sizeof *s->prefixes);
  s->iri_lens =
      kg_malloc((prefix_count ? prefix_count : 1) * sizeof *s->iri_lens);
  if (!s->prefixes || !s->iri_lens)
    goto fail;
  for (size_t i = 0; i < prefix_count; ++i) {
    /* Declared in the order given, so the header reads like the ontology. */
    SerdNode name = serd_node_from_string(SERD_LITERAL,
                                          (const uint8_t *)prefixes[i].prefix);
    SerdNode uri =
        serd_node_from_string(SERD_URI, (const uint8_t *)prefixes[i].iri);
    if (serd_writer_set_prefix(s->writer, &name, &uri) != SERD_SUCCESS)
      goto fail;
    s->prefixes[i] = prefixes[i];
  }
  s->prefix_count = prefix_count;
  qsort(s->prefixes, prefix_count, sizeof *s->prefixes, by_namespace_length);
  for (size_t i = 0; i < prefix_count; ++i)
    s->iri_lens[i] = strlen(s->prefixes[i].iri);
  return s;
fail:
  kg_serializer_free(s);
  return NULL;
}

/* Can `local` follow "prefix:" as it is?  Turtle's PN_LOCAL allows more
 * (escapes, non-ASCII, a leading digit), but this subset reads the same in
 * every Turtle parser: a letter or '_', then letters, digits, '_', '-' and
 * '.', not ending with '.'. */
static bool plain_local_name(const char *local, size_t len)
{
  for (size_t i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)local[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!(letter || (i > 0 && (digit || c == '-' || c == '.'))))
      return false;
  }
  return len == 0 || local[len - 1] != '.';
}

static bool scratch_set(scratch *b, const char *prefix, size_t plen,
                        const char *local, size_t llen)
{
  size_t need = plen + 1 + llen + 1;
  if (need > b->cap) {
    char *grown = kg_realloc(b->text, need * 2);
    if (!grown)
      return false;
    b->text = grown;
    b->cap = need * 2;
  }
  memcpy(b->text, prefix, plen);
  b->text[plen] = ':';
  memcpy(b->text + plen + 1, local, llen);
  b->text[plen + 1 + llen] = '\0';
  return true;
}

/* An IRI as a serd node: in Turtle a prefixed name where a prefix covers it
 * with a plain local name, else <IRI>.  rdf:type as a predicate stays an
 * IRI, which serd writes as 'a'. */
static kg_status iri_node(kg_serializer *s, int slot, const char *iri,
                          size_t len, SerdNode *node)
{
  static const char rdf_type[] = KG_RDF "type";
  *node = (SerdNode){(const uint8_t *)iri, len, len, 0, SERD_URI};
  if (s->syntax != KG_SYNTAX_TURTLE ||
      (slot == SLOT_PREDICATE && len == sizeof rdf_type - 1 &&
       !memcmp(iri, rdf_type, len)))
    return KG_OK;
  for (size_t i = 0; i < s->prefix_count; ++i) {
    size_t n = s->iri_lens[i];
    if (n > len || memcmp(iri, s->prefixes[i].iri, n))
      continue;
    if (!plain_local_name(iri + n, len - n))
      return KG_OK; /* a shorter namespace would leave a longer local name */
    const char *prefix = s->prefixes[i].prefix;
    size_t plen = strlen(prefix);
    if (!scratch_set(&s->slots[slot], prefix, plen, iri + n, len - n))
      return KG_ERR_NOMEM;
    *node = (SerdNode){(const uint8_t *)s->slots[slot].text, plen + 1 + len - n,
                       plen + 1 + len - n, 0, SERD_CURIE};
    return KG_OK;
  }
  return KG_OK;
}

static kg_status term_node(kg_serializer *s, int slot, const kg_term *t,
                           SerdNode *node, SerdNode *datatype, SerdNode *lang)
{
  switch (t->kind) {
  case KG_TERM_IRI: return iri_node(s, slot, t->value, t->len, node);
  case KG_TERM_BLANK:
    *node =
        (SerdNode){(const uint8_t *)t->value, t->len, t->len, 0, SERD_BLANK};
    return KG_OK;
  case KG_TERM_LITERAL:
    if (!datatype || !lang)
      return KG_ERR_IO; /* a literal subject or predicate: not RDF */
    break;
  }
  /* The flags choose Turtle's """long""" form, which reads better than
   * escapes, for text with line feeds, unless it also holds a carriage
   * return (written raw there: Turtle allows it, but line-ending
   * conversions in git and editors destroy it), a quote or a backslash
   * (serd 0.30's own reader misreads some of the escapes its writer then
   * uses next to the closing quotes, e.g. """a"\\""" and """a"\""""; found
   * by fuzz_emit).  Everything else is written short, escaped. */
  SerdNodeFlags flags = 0;
  if (memchr(t->value, '\n', t->len) && !memchr(t->value, '\r', t->len) &&
      !memchr(t->value, '"', t->len) && !memchr(t->value, '\\', t->len))
    flags = SERD_HAS_NEWLINE;
  *node = (SerdNode){(const uint8_t *)t->value, t->len, t->len, flags,
                     SERD_LITERAL};
  if (t->lang) {
    size_t n = strlen(t->lang);
    *lang = (SerdNode){(const uint8_t *)t->lang, n, n, 0, SERD_LITERAL};
  }
  if (t->datatype)
    return iri_node(s, SLOT_DATATYPE, t->datatype, strlen(t->datatype),
                    datatype);
  return KG_OK;
}

kg_status kg_serializer_write(kg_serializer *s, const kg_triple *t)
{
  kg_status st = KG_OK;
  SerdNode subject, predicate, object, graph = SERD_NODE_NULL;
  SerdNode datatype = SERD_NODE_NULL, lang = SERD_NODE_NULL;
  TRY(term_node(s, SLOT_SUBJECT, &t->s, &subject, NULL, NULL));
  TRY(term_node(s, SLOT_PREDICATE, &t->p, &predicate, NULL, NULL));
  TRY(term_node(s, SLOT_OBJECT, &t->o, &object, &datatype, &lang));
  if (t->graph && s->syntax == KG_SYNTAX_NQUADS)
    graph = (SerdNode){(const uint8_t *)t->graph, strlen(t->graph),
                       strlen(t->graph), 0, SERD_URI};
  SerdStatus rc = serd_writer_write_statement(
      s->writer, 0, graph.buf ? &graph : NULL, &subject, &predicate, &object,
      datatype.buf ? &datatype : NULL, lang.buf ? &lang : NULL);
  if (rc != SERD_SUCCESS || s->serd_failed || s->write_failed)
    st = KG_ERR_IO;
out:
  return st;
}

kg_status kg_serializer_finish(kg_serializer *s)
{
  SerdStatus rc = serd_writer_finish(s->writer);
  return rc == SERD_SUCCESS && !s->serd_failed && !s->write_failed ? KG_OK
                                                                   : KG_ERR_IO;
}

void kg_serializer_free(kg_serializer *s)
{
  if (!s)
    return;
  if (s->writer)
    serd_writer_free(s->writer);
  if (s->env)
    serd_env_free(s->env);
  for (int i = 0; i < SLOT_COUNT; ++i)
    kg_free(s->slots[i].text);
  kg_free(s->prefixes);
  kg_free(s->iri_lens);
  kg_free(s);
}
