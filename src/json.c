/* json.c - the jansson adapter: JSON-LD and JSON Schema (JSON strings are
 * jsonw.c's). */
#include "json.h"

#include "arena.h"

#include <jansson.h>
#include <string.h>

/* ---- JSON-LD ---------------------------------------------------------- */

/* jansson's one piece of process-wide state is its hash seed, made on the
 * first json_object() unless set before.  Set here, before threads start
 * (as jansson's notes on thread safety recommend), it leaves the JSON-LD
 * exports nothing to share; it does not change their bytes
 * (JSON_PRESERVE_ORDER). */
void kg_json_setup(void)
{
  json_object_seed(0);
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

/* One value of the node object being gathered; strings are offsets into
 * the node's text, which grows. */
typedef enum { VALUE_TYPE, VALUE_ID, VALUE_LITERAL } value_kind;

typedef struct {
  size_t key; /* index into keys */
  value_kind kind;
  size_t value, value_len;
  size_t lang, datatype; /* offsets, or SIZE_MAX */
} node_value;

typedef struct {
  size_t offset, len;
} node_key;

struct kg_jsonld {
  json_t *context;
  FILE *out;    /* set by kg_jsonld_begin: node objects stream out */
  size_t nodes; /* written so far */
  const kg_prefix *prefixes;
  size_t prefix_count;
  size_t *iri_lens; /* of each prefix's namespace */
  char *scratch;    /* the last compacted IRI */
  size_t scratch_cap;
  /* The node object being gathered: its @id, keys and values. */
  char *text;
  size_t text_len, text_cap;
  size_t id, id_len;
  bool open;
  node_key *keys;
  size_t key_count, key_cap;
  node_value *values;
  size_t value_count, value_cap;
};

kg_jsonld *kg_jsonld_new(const kg_prefix *prefixes, size_t count)
{
  kg_jsonld *doc = kg_calloc(1, sizeof *doc);
  if (!doc)
    return NULL;
  doc->context = json_object();
  doc->prefixes = prefixes;
  doc->prefix_count = count;
  doc->iri_lens = kg_malloc((count + 1) * sizeof *doc->iri_lens);
  for (size_t i = 0; doc->iri_lens && i < count; ++i)
    doc->iri_lens[i] = strlen(prefixes[i].iri);
  if (!doc->context || !doc->iri_lens ||
      json_object_set_new(doc->context, "@version", json_real(1.1))) {
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
  kg_free(doc->scratch);
  kg_free(doc->iri_lens);
  kg_free(doc->text);
  kg_free(doc->keys);
  kg_free(doc->values);
  kg_free(doc);
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

/* "prefix:local" for the longest matching namespace, else the full IRI. A
 * local part that could be read as an IRI of its own ("//…") is left full. */
static const char *compact(kg_jsonld *doc, const char *iri, size_t len,
                           size_t *out_len)
{
  const kg_prefix *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < doc->prefix_count; ++i) {
    const kg_prefix *p = &doc->prefixes[i];
    size_t n = doc->iri_lens[i];
    if (p->prefix[0] && n > best_len && n < len && !memcmp(iri, p->iri, n) &&
        !(len - n >= 2 && iri[n] == '/' && iri[n + 1] == '/'))
      best = p, best_len = n;
  }
  size_t plen = best ? strlen(best->prefix) : 0;
  size_t need = (best ? plen + 1 + len - best_len : len) + 1;
  if (need > doc->scratch_cap) {
    char *grown = kg_realloc(doc->scratch, need * 2);
    if (!grown)
      return NULL;
    doc->scratch = grown;
    doc->scratch_cap = need * 2;
  }
  if (best) {
    memcpy(doc->scratch, best->prefix, plen);
    doc->scratch[plen] = ':';
    memcpy(doc->scratch + plen + 1, iri + best_len, len - best_len);
  } else {
    memcpy(doc->scratch, iri, len);
  }
  *out_len = need - 1;
  doc->scratch[*out_len] = '\0';
  return doc->scratch;
}

/* Copies bytes into the node's text; returns their offset, or SIZE_MAX. */
static size_t keep(kg_jsonld *doc, const char *s, size_t len)
{
  if (doc->text_len + len + 1 > doc->text_cap) {
    size_t cap = (doc->text_len + len + 1) * 2;
    char *grown = kg_realloc(doc->text, cap);
    if (!grown)
      return SIZE_MAX;
    doc->text = grown;
    doc->text_cap = cap;
  }
  size_t at = doc->text_len;
  memcpy(doc->text + at, s, len);
  doc->text[at + len] = '\0';
  doc->text_len += len + 1;
  return at;
}

static size_t keep_compact(kg_jsonld *doc, const char *iri, size_t len,
                           size_t *out_len)
{
  const char *c = compact(doc, iri, len, out_len);
  return c ? keep(doc, c, *out_len) : SIZE_MAX;
}

static void put_text(kg_jsonld *doc, size_t offset)
{
  kg_json_write_string(doc->out, doc->text + offset,
                       strlen(doc->text + offset));
}

static void put_value(kg_jsonld *doc, const node_value *v)
{
  FILE *out = doc->out;
  if (v->kind == VALUE_TYPE) {
    kg_json_write_string(out, doc->text + v->value, v->value_len);
    return;
  }
  fputs(v->kind == VALUE_ID ? "{\n   \"@id\": " : "{\n   \"@value\": ", out);
  kg_json_write_string(out, doc->text + v->value, v->value_len);
  if (v->lang != SIZE_MAX) {
    fputs(",\n   \"@language\": ", out);
    put_text(doc, v->lang);
  }
  if (v->datatype != SIZE_MAX) {
    fputs(",\n   \"@type\": ", out);
    put_text(doc, v->datatype);
  }
  fputs("\n  }", out);
}

/* Writes the node object gathered so far: @id, then each key in the order
 * it first came, with all of its values (a key never repeats, whatever the
 * order of the triples). */
static kg_status flush_node(kg_jsonld *doc)
{
  FILE *out = doc->out;
  if (!doc->open)
    return KG_OK;
  fputs(doc->nodes++ ? ",\n{\n \"@id\": " : "\n{\n \"@id\": ", out);
  kg_json_write_string(out, doc->text + doc->id, doc->id_len);
  for (size_t k = 0; k < doc->key_count; ++k) {
    fputs(",\n ", out);
    kg_json_write_string(out, doc->text + doc->keys[k].offset,
                         doc->keys[k].len);
    fputs(": [", out);
    bool first = true;
    for (size_t i = 0; i < doc->value_count; ++i) {
      if (doc->values[i].key != k)
        continue;
      fputs(first ? "\n  " : ",\n  ", out);
      first = false;
      put_value(doc, &doc->values[i]);
    }
    fputs("\n ]", out);
  }
  fputs("\n}", out);
  doc->open = false;
  doc->text_len = doc->key_count = doc->value_count = 0;
  return ferror(out) ? KG_ERR_IO : KG_OK;
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

static kg_status key_index(kg_jsonld *doc, const char *key, size_t len,
                           size_t *index)
{
  for (size_t k = doc->key_count; k-- > 0;)
    if (doc->keys[k].len == len &&
        !memcmp(doc->text + doc->keys[k].offset, key, len)) {
      *index = k;
      return KG_OK;
    }
  node_key *keys =
      kg_grow(doc->keys, &doc->key_cap, doc->key_count, sizeof *doc->keys, 16);
  if (!keys)
    return KG_ERR_NOMEM;
  doc->keys = keys;
  size_t at = keep(doc, key, len);
  if (at == SIZE_MAX)
    return KG_ERR_NOMEM;
  doc->keys[doc->key_count] = (node_key){at, len};
  *index = doc->key_count++;
  return KG_OK;
}

kg_status kg_jsonld_add(kg_jsonld *doc, const kg_triple *t)
{
  kg_status st = KG_OK;
  size_t len;
  const char *id = compact(doc, t->s.value, t->s.len, &len);
  if (!id)
    return KG_ERR_NOMEM;
  if (!doc->open || len != doc->id_len ||
      memcmp(id, doc->text + doc->id, len)) {
    TRY(flush_node(doc));
    /* compact() wrote into scratch, which flush_node left alone. */
    if ((doc->id = keep(doc, doc->scratch, len)) == SIZE_MAX)
      return KG_ERR_NOMEM;
    doc->id_len = len;
    doc->open = true;
  }
  bool type =
      t->o.kind == KG_TERM_IRI &&
      !strcmp(t->p.value, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  size_t key;
  if (type) {
    TRY(key_index(doc, "@type", 5, &key));
  } else {
    const char *p = compact(doc, t->p.value, t->p.len, &len);
    if (!p)
      return KG_ERR_NOMEM;
    TRY(key_index(doc, p, len, &key));
  }
  node_value *values = kg_grow(doc->values, &doc->value_cap, doc->value_count,
                               sizeof *doc->values, 32);
  if (!values)
    return KG_ERR_NOMEM;
  doc->values = values;
  node_value v = {key, VALUE_LITERAL, 0, 0, SIZE_MAX, SIZE_MAX};
  if (t->o.kind == KG_TERM_IRI) {
    v.kind = type ? VALUE_TYPE : VALUE_ID;
    v.value = keep_compact(doc, t->o.value, t->o.len, &v.value_len);
  } else {
    v.value = keep(doc, t->o.value, t->o.len);
    v.value_len = t->o.len;
    if (v.value != SIZE_MAX && t->o.lang &&
        (v.lang = keep(doc, t->o.lang, strlen(t->o.lang))) == SIZE_MAX)
      v.value = SIZE_MAX;
    if (v.value != SIZE_MAX && t->o.datatype &&
        (v.datatype = keep_compact(doc, t->o.datatype, strlen(t->o.datatype),
                                   &len)) == SIZE_MAX)
      v.value = SIZE_MAX;
  }
  if (v.value == SIZE_MAX)
    return KG_ERR_NOMEM;
  doc->values[doc->value_count++] = v;
out:
  return st;
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

/* A key with a kg:pattern (written in the syntax ECMAScript reads too).
 * Identifiers of digits only (VIAF's) are read as numbers by plain YAML
 * readers, as years are: allowed, as kgbuild reads them as text. */
static json_t *pattern_schema(const kg_property *p)
{
  const char *e = p->example;
  bool digits = e && *e && strspn(e, "0123456789") == strlen(e) && *e != '0';
  if (digits)
    return json_pack("{s:[{s:s,s:i},{s:s,s:s}]}", "anyOf", "type", "integer",
                     "minimum", 1, "type", "string", "pattern", p->pattern);
  return json_pack("{s:s, s:s}", "type", "string", "pattern", p->pattern);
}

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
    return json_pack("{s:[{s:s},{s:s,s:s}]}", "anyOf", "type", "integer",
                     "type", "string", "pattern", "^[+-]?[0-9]+$");
  case KG_RANGE_DECIMAL:
    return json_pack("{s:[{s:s},{s:s,s:s}]}", "anyOf", "type", "number", "type",
                     "string", "pattern",
                     "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$");
  case KG_RANGE_BOOLEAN: return json_pack("{s:s}", "type", "boolean");
  case KG_RANGE_ANYURI:
    return json_pack("{s:s, s:s}", "type", "string", "format", "uri");
  case KG_RANGE_DATE:
  case KG_RANGE_GYEAR:
  case KG_RANGE_GYEARMONTH:
  case KG_RANGE_PARTIALDATE:
    return json_pack("{s:s}", "$ref", "#/definitions/partial-date");
  default:
    if (p->pattern)
      return pattern_schema(p);
    return json_pack("{s:s, s:i}", "type", "string", "minLength", 1);
  }
}

/* What a long form holds besides value, source and quote: its rank, the
 * rank's reason, and every qualifier of the ontology (kg:qualifierKey).
 * Each is defined once in defs ("long-form-KEY"); the result maps the
 * keys to references, for every long form. */
static json_t *statement_keys(const kg_ontology *onto, json_t *defs)
{
  json_t *keys = json_object();
  json_t *own = json_pack(
      "{s:{s:[s,s,s], s:s}, s:{s:s, s:i, s:s}}", "rank", "enum", "preferred",
      "normal", "deprecated", "description",
      "How this value ranks against the other values of the key: the direct "
      "triple carries the preferred values if any, else the normal ones.",
      "reason", "type", "string", "minLength", 1, "description",
      "Why the value is ranked so; required with rank: deprecated.");
  for (size_t i = 0; keys && own && i < onto->properties.count; ++i) {
    const kg_property *p = onto->properties.items[i];
    if (!p->qualifier_key)
      continue;
    json_t *one = value_schema(p);
    json_t *q = p->functional
                    ? json_incref(one)
                    : json_pack("{s:[O,{s:s,s:i,s:O}]}", "anyOf", one, "type",
                                "array", "minItems", 1, "items", one);
    json_decref(one);
    if (q && p->comment)
      json_object_set_new(q, "description", json_string(p->comment));
    if (!q || json_object_set_new(own, p->qualifier_key, q)) {
      json_decref(keys);
      keys = NULL;
    }
  }
  const char *key;
  json_t *value;
  json_object_foreach(own, key, value)
  {
    char name[160];
    snprintf(name, sizeof name, "long-form-%s", key);
    json_t *ref = json_pack("{s:s+}", "$ref", "#/definitions/", name);
    if (!keys || !ref || json_object_set(defs, name, value) ||
        json_object_set_new(keys, key, ref)) {
      json_decref(keys);
      keys = NULL;
      break;
    }
  }
  if (!own) {
    json_decref(keys);
    keys = NULL;
  }
  json_decref(own);
  return keys;
}

/* A key's values: one value or a long form; for a key of many values, a
 * list of them; for a one-valued key, a list of long forms (values from
 * different sources, which may disagree). */
static json_t *key_schema(const kg_property *p, json_t *statement)
{
  json_t *one = value_schema(p);
  json_t *long_form =
      json_pack("{s:s, s:[s], s:b, s:{s:O, s:{s:s}, s:{s:s}}}", "type",
                "object", "required", "value", "additionalProperties", 0,
                "properties", "value", one, "source", "$ref",
                "#/definitions/source", "quote", "$ref", "#/definitions/quote");
  /* rank: deprecated needs a reason (draft-07 if/then) */
  if (long_form &&
      (json_object_update(json_object_get(long_form, "properties"),
                          statement) ||
       json_object_set_new(long_form, "if",
                           json_pack("{s:{s:{s:s}}, s:[s]}", "properties",
                                     "rank", "const", "deprecated", "required",
                                     "rank")) ||
       json_object_set_new(long_form, "then",
                           json_pack("{s:[s]}", "required", "reason")))) {
    json_decref(long_form);
    long_form = NULL;
  }
  json_t *single = json_pack("{s:[O,O]}", "anyOf", one, long_form);
  json_decref(one);
  if (!single) {
    json_decref(long_form);
    return NULL;
  }
  json_t *schema =
      p->functional
          ? json_pack("{s:[O,{s:s,s:i,s:O}]}", "anyOf", single, "type", "array",
                      "minItems", 2, "items", long_form)
          : json_pack("{s:[O,{s:s,s:i,s:O}]}", "anyOf", single, "type", "array",
                      "minItems", 1, "items", single);
  json_decref(single);
  json_decref(long_form);
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
  json_t *props = json_object(), *required = json_array(),
         *types = json_array();
  bool is_source =
      onto->source_class && kg_class_is_a(section, onto->source_class);
  json_t *entry = json_pack("{s:s, s:b, s:o, s:o}", "type", "object",
                            "additionalProperties", 0, "properties", props,
                            "required", required);
  if (!entry)
    return NULL;
  if (section->comment)
    json_object_set_new(entry, "description", json_string(section->comment));
  json_object_set_new(props, "id",
                      json_pack("{s:s}", "$ref", "#/definitions/id"));
  json_array_append_new(required, json_string("id"));
  for (size_t i = 0; i < onto->classes.count; ++i) {
    const kg_class *c = onto->classes.items[i];
    if (c->type_name && kg_class_is_a(c, section))
      json_array_append_new(types, json_string(c->type_name));
  }
  if (json_array_size(types))
    json_object_set_new(props, "type",
                        json_pack("{s:o, s:s}", "enum", types, "description",
                                  "A more specific kind of entry."));
  else
    json_decref(types);
  json_object_set_new(props, "source",
                      json_pack("{s:s}", "$ref", "#/definitions/source"));
  json_object_set_new(props, "quote",
                      json_pack("{s:s}", "$ref", "#/definitions/quote"));
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
      "object", "propertyNames", "pattern",
      "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", "additionalProperties", "type",
      "string", "minLength", 1, "description",
      "Text, or a map of language tag to text: {en: Wang Lei, zh: 王磊}.",
      "partial-date", "anyOf", "type", "string", "pattern",
      "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$", "type",
      "integer", "minimum", 1, "maximum", 9999, "description",
      "A date of the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.");
  json_t *root = json_pack(
      "{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "$schema",
      "http://json-schema.org/draft-07/schema#", "$id",
      "https://w3id.org/kgbuild/schema/facts.json", "title",
      "kgbuild fact file", "description",
      "A map of sections to lists of entries. Generated by `kgbuild schema` "
      "from the ontology.",
      "type", "object", "additionalProperties", 0, "properties", sections,
      "definitions", defs);
  json_t *statement = root ? statement_keys(onto, defs) : NULL;
  if (!statement)
    goto out;
  /* Each key once, referred to from every section that takes it. */
  for (size_t i = 0; i < onto->properties.count; ++i) {
    const kg_property *p = onto->properties.items[i];
    char name[160];
    if (!p->key)
      continue;
    snprintf(name, sizeof name, "key-%s", p->key);
    json_t *k = key_schema(p, statement);
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
  json_decref(statement);
  json_decref(root);
  return st;
}
