/* json.c - JSON-LD and JSON Schema with jansson. */
#include "json.h"

#include "arena.h"

#include <jansson.h>
#include <string.h>

/* ---- JSON-LD ---------------------------------------------------------- */

struct kg_jsonld {
  json_t *context;
  FILE *out;         /* set by kg_jsonld_begin: node objects stream out */
  json_t *node;      /* the node object being filled */
  char *node_id;     /* its subject, compacted */
  size_t nodes;      /* written so far */
  bool failed;
  const kg_prefix *prefixes;
  size_t prefix_count;
  char *scratch;
  size_t scratch_cap;
};

kg_jsonld *kg_jsonld_new(const kg_prefix *prefixes, size_t count)
{
  kg_jsonld *doc = kg_calloc(1, sizeof *doc);
  if (!doc)
    return NULL;
  doc->context = json_object();
  doc->prefixes = prefixes;
  doc->prefix_count = count;
  if (!doc->context || json_object_set_new(doc->context, "@version", json_real(1.1))) {
    kg_jsonld_free(doc);
    return NULL;
  }
  for (size_t i = 0; i < count; ++i)
    if (prefixes[i].prefix[0] &&
        json_object_set_new(doc->context, prefixes[i].prefix,
                            json_string(prefixes[i].iri))) {
      kg_jsonld_free(doc);
      return NULL;
    }
  return doc;
}

void kg_jsonld_free(kg_jsonld *doc)
{
  if (!doc)
    return;
  json_decref(doc->context);
  json_decref(doc->node);
  kg_free(doc->node_id);
  kg_free(doc->scratch);
  kg_free(doc);
}

/* "prefix:local" for the longest matching namespace, else the full IRI. A
 * local part that could be read as an IRI of its own ("//…") is left full. */
static const char *compact(kg_jsonld *doc, const char *iri, size_t len)
{
  const kg_prefix *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < doc->prefix_count; ++i) {
    const kg_prefix *p = &doc->prefixes[i];
    size_t n = strlen(p->iri);
    if (p->prefix[0] && n > best_len && n < len && !strncmp(iri, p->iri, n) &&
        strncmp(iri + n, "//", 2))
      best = p, best_len = n;
  }
  size_t need = (best ? strlen(best->prefix) + 1 + len - best_len : len) + 1;
  if (need > doc->scratch_cap) {
    char *grown = kg_realloc(doc->scratch, need * 2);
    if (!grown)
      return NULL;
    doc->scratch = grown;
    doc->scratch_cap = need * 2;
  }
  if (best)
    snprintf(doc->scratch, need, "%s:%.*s", best->prefix, (int)(len - best_len),
             iri + best_len);
  else
    snprintf(doc->scratch, need, "%.*s", (int)len, iri);
  return doc->scratch;
}

static json_t *value_of(kg_jsonld *doc, const kg_term *o)
{
  if (o->kind == KG_TERM_IRI) {
    const char *id = compact(doc, o->value, o->len);
    return id ? json_pack("{ss}", "@id", id) : NULL;
  }
  json_t *v = json_object();
  if (!v || json_object_set_new(v, "@value", json_stringn(o->value, o->len))) {
    json_decref(v);
    return NULL;
  }
  if (o->lang && json_object_set_new(v, "@language", json_string(o->lang)))
    goto fail;
  if (o->datatype) {
    const char *dt = compact(doc, o->datatype, strlen(o->datatype));
    if (!dt || json_object_set_new(v, "@type", json_string(dt)))
      goto fail;
  }
  return v;
fail:
  json_decref(v);
  return NULL;
}

static int dump_to(const char *buffer, size_t size, void *data)
{
  return fwrite(buffer, 1, size, data) == size ? 0 : -1;
}

/* Keys in insertion order and 1-space indentation: diffable, and the same
 * bytes for the same facts. */
static const size_t dump_flags =
    JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6);

static kg_status dump(json_t *root, FILE *out)
{
  if (json_dump_callback(root, dump_to, out, dump_flags) != 0)
    return KG_ERR_IO;
  return fputc('\n', out) == EOF ? KG_ERR_IO : KG_OK;
}

kg_status kg_jsonld_write_context(kg_jsonld *doc, FILE *out)
{
  json_t *root = json_pack("{sO}", "@context", doc->context);
  if (!root)
    return KG_ERR_NOMEM;
  kg_status st = dump(root, out);
  json_decref(root);
  return st;
}

/* The document streams: the context, then one node object per run of
 * triples about one subject, written as soon as the subject changes, so
 * memory does not grow with the graph.  A subject met again later gets a
 * second node object with the same @id, which JSON-LD merges. */
kg_status kg_jsonld_begin(kg_jsonld *doc, FILE *out)
{
  doc->out = out;
  fputs("{\n \"@context\": ", out);
  if (json_dump_callback(doc->context, dump_to, out, dump_flags) != 0)
    return KG_ERR_IO;
  fputs(",\n \"@graph\": [", out);
  return ferror(out) ? KG_ERR_IO : KG_OK;
}

static kg_status flush_node(kg_jsonld *doc)
{
  if (!doc->node)
    return KG_OK;
  fputs(doc->nodes++ ? ",\n" : "\n", doc->out);
  int rc = json_dump_callback(doc->node, dump_to, doc->out, dump_flags);
  json_decref(doc->node);
  doc->node = NULL;
  return rc != 0 || ferror(doc->out) ? KG_ERR_IO : KG_OK;
}

kg_status kg_jsonld_add(kg_jsonld *doc, const kg_triple *t)
{
  kg_status st = KG_OK;
  const char *id = compact(doc, t->s.value, t->s.len);
  if (!id)
    return KG_ERR_NOMEM;
  if (!doc->node || strcmp(id, doc->node_id)) {
    size_t n = strlen(id);
    char *copy = kg_malloc(n + 1);
    if (!copy)
      return KG_ERR_NOMEM;
    memcpy(copy, id, n + 1);
    if ((st = flush_node(doc)) != KG_OK) {
      kg_free(copy);
      return st;
    }
    kg_free(doc->node_id);
    doc->node_id = copy;
    doc->node = json_pack("{ss}", "@id", copy);
    if (!doc->node)
      return KG_ERR_NOMEM;
  }
  bool type = t->o.kind == KG_TERM_IRI &&
              !strcmp(t->p.value, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  const char *key = type ? "@type" : compact(doc, t->p.value, t->p.len);
  if (!key)
    return KG_ERR_NOMEM;
  json_t *values = json_object_get(doc->node, key);
  if (!values) {
    values = json_array();
    if (!values || json_object_set_new(doc->node, key, values))
      return KG_ERR_NOMEM;
  }
  json_t *v = type ? json_string(compact(doc, t->o.value, t->o.len))
                   : value_of(doc, &t->o);
  if (!v || json_array_append_new(values, v))
    return KG_ERR_NOMEM;
  return KG_OK;
}

kg_status kg_jsonld_end(kg_jsonld *doc)
{
  kg_status st = flush_node(doc);
  if (st != KG_OK)
    return st;
  fputs("\n ]\n}\n", doc->out);
  return ferror(doc->out) ? KG_ERR_IO : KG_OK;
}

/* ---- JSON Schema ------------------------------------------------------- */

/* Plain YAML readers (the YAML language server, PyYAML) read `2013` as a
 * number and `true` as a boolean, so those forms are allowed where kgbuild
 * accepts them; kgbuild itself checks the exact lexical form. */
static json_t *value_schema(const kg_property *p)
{
  switch (p->range) {
  case KG_RANGE_ENTITY:
    return json_pack("{s:s, s:s}", "$ref", "#/definitions/id", "description",
                     p->range_class ? p->range_class->name : "an entry");
  case KG_RANGE_LANGSTRING:
    return json_pack("{s:s}", "$ref", "#/definitions/text-by-language");
  case KG_RANGE_INTEGER:
    return json_pack("{s:[{s:s},{s:s,s:s}]}", "anyOf", "type", "integer", "type",
                     "string", "pattern", "^[+-]?[0-9]+$");
  case KG_RANGE_DECIMAL:
    return json_pack("{s:[{s:s},{s:s,s:s}]}", "anyOf", "type", "number", "type",
                     "string", "pattern", "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$");
  case KG_RANGE_BOOLEAN:
    return json_pack("{s:s}", "type", "boolean");
  case KG_RANGE_ANYURI:
    return json_pack("{s:s, s:s}", "type", "string", "format", "uri");
  case KG_RANGE_DATE:
  case KG_RANGE_GYEAR:
  case KG_RANGE_GYEARMONTH:
  case KG_RANGE_PARTIALDATE:
    return json_pack("{s:s}", "$ref", "#/definitions/partial-date");
  default:
    return json_pack("{s:s, s:i}", "type", "string", "minLength", 1);
  }
}

static json_t *key_schema(const kg_property *p)
{
  json_t *one = value_schema(p);
  json_t *long_form = json_pack(
      "{s:s, s:[s], s:b, s:{s:O, s:{s:s}, s:{s:s}}}", "type", "object",
      "required", "value", "additionalProperties", 0, "properties", "value",
      one, "source", "$ref", "#/definitions/source", "quote", "$ref",
      "#/definitions/quote");
  json_t *single = json_pack("{s:[O,o]}", "anyOf", one, long_form);
  json_decref(one);
  if (!single)
    return NULL;
  json_t *schema = p->functional
                       ? single
                       : json_pack("{s:[O,{s:s,s:i,s:O}]}", "anyOf", single, "type",
                                   "array", "minItems", 1, "items", single);
  if (!p->functional)
    json_decref(single);
  if (schema && p->comment)
    json_object_set_new(schema, "description", json_string(p->comment));
  return schema;
}

/* May `p` be written on an entry of `section`?  Also when only some types
 * of the section take it (e.g. `state-affiliated` on a media outlet). */
static bool applies(const kg_ontology *onto, const kg_property *p,
                    const kg_class *section)
{
  if (!p->domain || kg_class_is_a(section, p->domain))
    return true;
  for (size_t i = 0; i < onto->classes.count; ++i) {
    const kg_class *c = onto->classes.items[i];
    if (kg_class_is_a(c, section) && kg_class_is_a(c, p->domain))
      return true;
  }
  return false;
}

static json_t *entry_schema(const kg_ontology *onto, const kg_class *section)
{
  json_t *props = json_object(), *required = json_array(), *types = json_array();
  bool is_source = onto->source_class && kg_class_is_a(section, onto->source_class);
  json_t *entry = json_pack("{s:s, s:b, s:o, s:o}", "type", "object",
                            "additionalProperties", 0, "properties", props,
                            "required", required);
  if (!entry)
    return NULL;
  if (section->comment)
    json_object_set_new(entry, "description", json_string(section->comment));
  json_object_set_new(props, "id", json_pack("{s:s}", "$ref", "#/definitions/id"));
  json_array_append_new(required, json_string("id"));
  for (size_t i = 0; i < onto->classes.count; ++i) {
    const kg_class *c = onto->classes.items[i];
    if (c->type_name && kg_class_is_a(c, section))
      json_array_append_new(types, json_string(c->type_name));
  }
  if (json_array_size(types))
    json_object_set_new(props, "type", json_pack("{s:o, s:s}", "enum", types,
                                                 "description",
                                                 "A more specific kind of entry."));
  else
    json_decref(types);
  json_object_set_new(props, "source", json_pack("{s:s}", "$ref", "#/definitions/source"));
  json_object_set_new(props, "quote", json_pack("{s:s}", "$ref", "#/definitions/quote"));
  if (!is_source)
    json_array_append_new(required, json_string("source"));
  for (size_t i = 0; i < onto->properties.count; ++i) {
    const kg_property *p = onto->properties.items[i];
    if (!p->key || !applies(onto, p, section))
      continue;
    char ref[160];
    snprintf(ref, sizeof ref, "#/definitions/key-%s", p->key);
    if (json_object_set_new(props, p->key, json_pack("{s:s}", "$ref", ref))) {
      json_decref(entry);
      return NULL;
    }
    for (size_t r = 0; r < p->required_on.count; ++r)
      if (kg_class_is_a(section, p->required_on.items[r])) {
        json_array_append_new(required, json_string(p->key));
        break;
      }
  }
  return entry;
}

kg_status kg_schema_write(const kg_ontology *onto, FILE *out)
{
  kg_status st = KG_ERR_NOMEM;
  json_t *sections = json_object();
  json_t *defs = json_pack(
      "{s:{s:s, s:s, s:i, s:s},"
      " s:{s:[{s:s},{s:s, s:{s:s}, s:i}], s:s},"
      " s:{s:s, s:i, s:s},"
      " s:{s:[{s:s, s:i},{s:s, s:{s:s}, s:{s:s, s:i}}], s:s},"
      " s:{s:[{s:s, s:s},{s:s, s:i, s:i}], s:s}}",
      "id", "type", "string", "pattern", "^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$",
      "maxLength", 128, "description",
      "An entry's identifier: lower-case letters, digits, '-', '_' and '.'.",
      "source", "anyOf", "$ref", "#/definitions/id", "type", "array", "items",
      "$ref", "#/definitions/id", "minItems", 1, "description",
      "The id of the source (an entry of `sources`) that states these facts, "
      "or a list of them.",
      "quote", "type", "string", "minLength", 1, "description",
      "The passage of the source that states these facts, word for word.",
      "text-by-language", "anyOf", "type", "string", "minLength", 1, "type",
      "object", "propertyNames", "pattern", "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$",
      "additionalProperties", "type", "string", "minLength", 1, "description",
      "Text, or a map of language tag to text: {en: Wang Lei, zh: 王磊}.",
      "partial-date", "anyOf", "type", "string", "pattern",
      "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$", "type",
      "integer", "minimum", 1, "maximum", 9999, "description",
      "A date of the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.");
  json_t *root = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "$schema",
      "http://json-schema.org/draft-07/schema#", "$id",
      "https://w3id.org/kgbuild/schema/facts.json", "title", "kgbuild fact file",
      "description",
      "A map of sections to lists of entries. Generated by `kgbuild schema` "
      "from the ontology.",
      "type", "object", "additionalProperties", 0, "properties", sections,
      "definitions", defs);
  if (!root)
    return KG_ERR_NOMEM;
  /* Each key once, referred to from every section that takes it. */
  for (size_t i = 0; i < onto->properties.count; ++i) {
    const kg_property *p = onto->properties.items[i];
    char name[160];
    if (!p->key)
      continue;
    snprintf(name, sizeof name, "key-%s", p->key);
    json_t *k = key_schema(p);
    if (!k || json_object_set_new(defs, name, k))
      goto out;
  }
  for (size_t i = 0; i < onto->classes.count; ++i) {
    const kg_class *c = onto->classes.items[i];
    if (!c->section)
      continue;
    json_t *entry = entry_schema(onto, c);
    if (!entry || json_object_set_new(defs, c->section, entry))
      goto out;
    char ref[160];
    snprintf(ref, sizeof ref, "#/definitions/%s", c->section);
    json_t *section = json_pack("{s:[s,s], s:{s:s}}", "type", "array", "null",
                                "items", "$ref", ref);
    if (!section)
      goto out;
    if (c->comment)
      json_object_set_new(section, "description", json_string(c->comment));
    if (json_object_set_new(sections, c->section, section))
      goto out;
  }
  st = dump(root, out);
out:
  json_decref(root);
  return st;
}
