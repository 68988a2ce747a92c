/* ontology.c - read the vocabulary out of the ontology's own triples. */
#include "ontology.h"

#include "files.h"
#include "text.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  kg_ontology *onto;
  kg_arena *arena;
  kg_vec subproperty_links; /* kg_property* pairs: sub, super */
  kg_map *strings;
  kg_diag *diag;
  kg_vec positions; /* kg_pos*, parallel to onto->triples */
  kg_map *class_by_iri, *prop_by_iri;
  bool failed;
} builder;

static const char *intern(builder *b, const char *s, size_t len)
{
  return s ? kg_intern(b->strings, s, len) : NULL;
}

static kg_status copy_term(builder *b, kg_term *dst, const kg_term *src)
{
  *dst = *src;
  dst->value = intern(b, src->value, src->len);
  if (!dst->value)
    return KG_ERR_NOMEM;
  if (src->datatype &&
      !(dst->datatype = intern(b, src->datatype, strlen(src->datatype))))
    return KG_ERR_NOMEM;
  if (src->lang) {
    char lower[64];
    size_t n = strlen(src->lang);
    if (n >= sizeof lower || !kg_langtag_valid(src->lang, n))
      return KG_ERR_FACTS; /* reported by the caller */
    kg_langtag_lower(src->lang, n, lower);
    if (!(dst->lang = intern(b, lower, n)))
      return KG_ERR_NOMEM;
  }
  return KG_OK;
}

static kg_status on_triple(void *ctx, const kg_triple *t, kg_pos pos)
{
  builder *b = ctx;
  kg_status st = KG_OK;
  /* The ontology is exported with the data, and kgbuild writes no blank
   * nodes; an ontology that needs them (OWL lists, restrictions) must name
   * its nodes. */
  if (t->s.kind == KG_TERM_BLANK || t->o.kind == KG_TERM_BLANK) {
    kg_error(b->diag, pos, "blank-node",
             "the ontology may not use blank nodes ('[ ]' or '( )'); give the "
             "node an IRI");
    b->failed = true;
    return KG_OK;
  }
  const kg_term *terms[] = {&t->s, &t->p, &t->o};
  for (int i = 0; i < 3; ++i)
    if (terms[i]->kind == KG_TERM_IRI &&
        !kg_iri_valid(terms[i]->value, terms[i]->len)) {
      char quoted[128];
      kg_error(
          b->diag, pos, "bad-iri",
          "invalid IRI <%s>: kgbuild needs absolute IRIs",
          kg_diag_quote(terms[i]->value, terms[i]->len, quoted, sizeof quoted));
      b->failed = true;
      return KG_OK;
    }
  if (t->o.kind == KG_TERM_LITERAL && t->o.datatype &&
      !kg_iri_valid(t->o.datatype, strlen(t->o.datatype))) {
    kg_error(b->diag, pos, "bad-iri", "invalid datatype IRI");
    b->failed = true;
    return KG_OK;
  }
  if (t->o.kind == KG_TERM_LITERAL &&
      kg_text_check(t->o.value, t->o.len, &(size_t){0}) != KG_TEXT_OK) {
    kg_error(b->diag, pos, "bad-text", "literal is not clean UTF-8 text");
    b->failed = true;
    return KG_OK;
  }
  kg_triple *copy = kg_arena_alloc(b->arena, sizeof *copy);
  kg_pos *where = kg_arena_alloc(b->arena, sizeof *where);
  if (!copy || !where)
    return KG_ERR_NOMEM;
  *where = pos;
  TRY(copy_term(b, &copy->s, &t->s));
  TRY(copy_term(b, &copy->p, &t->p));
  st = copy_term(b, &copy->o, &t->o);
  if (st == KG_ERR_FACTS) {
    kg_error(b->diag, pos, "bad-language-tag", "invalid language tag '%s'",
             t->o.lang);
    b->failed = true;
    return KG_OK;
  }
  TRY(st);
  TRY(kg_vec_push(&b->onto->triples, copy));
  TRY(kg_vec_push(&b->positions, where));
out:
  return st;
}

static kg_status on_prefix(void *ctx, const char *prefix, const char *iri)
{
  builder *b = ctx;
  for (size_t i = 0; i < b->onto->prefixes.count; ++i) {
    const kg_prefix *p = b->onto->prefixes.items[i];
    if (!strcmp(p->prefix, prefix))
      return KG_OK; /* the first file to declare a prefix wins */
  }
  kg_prefix *p = kg_arena_alloc(b->arena, sizeof *p);
  if (!p)
    return KG_ERR_NOMEM;
  p->prefix = intern(b, prefix, strlen(prefix));
  p->iri = intern(b, iri, strlen(iri));
  if (!p->prefix || !p->iri)
    return KG_ERR_NOMEM;
  return kg_vec_push(&b->onto->prefixes, p);
}

static bool is_iri(const kg_term *t, const char *ns, const char *local)
{
  size_t n = strlen(ns);
  return t->kind == KG_TERM_IRI && t->len == n + strlen(local) &&
         !strncmp(t->value, ns, n) && !strcmp(t->value + n, local);
}

static kg_class *class_for(builder *b, const char *iri)
{
  void **slot = kg_map_slot(b->class_by_iri, iri, strlen(iri), NULL);
  if (!slot)
    return NULL;
  if (!*slot) {
    kg_class *c = kg_arena_alloc(b->arena, sizeof *c);
    if (!c)
      return NULL;
    *c = (kg_class){.iri = iri};
    if (kg_vec_push(&b->onto->classes, c) != KG_OK)
      return NULL;
    *slot = c;
  }
  return *slot;
}

static kg_property *property_for(builder *b, const char *iri)
{
  void **slot = kg_map_slot(b->prop_by_iri, iri, strlen(iri), NULL);
  if (!slot)
    return NULL;
  if (!*slot) {
    kg_property *p = kg_arena_alloc(b->arena, sizeof *p);
    if (!p)
      return NULL;
    *p = (kg_property){.iri = iri, .range = KG_RANGE_STRING};
    if (kg_vec_push(&b->onto->properties, p) != KG_OK)
      return NULL;
    *slot = p;
  }
  return *slot;
}

static const struct {
  const char *local;
  kg_range_kind kind;
} datatypes[] = {
    {"string", KG_RANGE_STRING},   {"integer", KG_RANGE_INTEGER},
    {"decimal", KG_RANGE_DECIMAL}, {"boolean", KG_RANGE_BOOLEAN},
    {"anyURI", KG_RANGE_ANYURI},   {"date", KG_RANGE_DATE},
    {"gYear", KG_RANGE_GYEAR},     {"gYearMonth", KG_RANGE_GYEARMONTH},
};

static bool datatype_kind(const kg_term *t, kg_range_kind *kind)
{
  for (size_t i = 0; i < sizeof datatypes / sizeof *datatypes; ++i)
    if (is_iri(t, KG_XSD, datatypes[i].local)) {
      *kind = datatypes[i].kind;
      return true;
    }
  if (is_iri(t, KG_RDF, "langString") || is_iri(t, KG_RDF, "PlainLiteral")) {
    *kind = KG_RANGE_LANGSTRING;
    return true;
  }
  if (is_iri(t, KG_RDFS, "Literal")) {
    *kind = KG_RANGE_STRING;
    return true;
  }
  if (is_iri(t, KG_NS, "PartialDate")) {
    *kind = KG_RANGE_PARTIALDATE;
    return true;
  }
  return false;
}

const char *kg_range_datatype(kg_range_kind range)
{
  switch (range) {
  case KG_RANGE_STRING: return KG_XSD "string";
  case KG_RANGE_INTEGER: return KG_XSD "integer";
  case KG_RANGE_DECIMAL: return KG_XSD "decimal";
  case KG_RANGE_BOOLEAN: return KG_XSD "boolean";
  case KG_RANGE_ANYURI: return KG_XSD "anyURI";
  case KG_RANGE_DATE: return KG_XSD "date";
  case KG_RANGE_GYEAR: return KG_XSD "gYear";
  case KG_RANGE_GYEARMONTH: return KG_XSD "gYearMonth";
  default: return NULL;
  }
}

const char *kg_range_name(kg_range_kind range)
{
  switch (range) {
  case KG_RANGE_ENTITY: return "a reference";
  case KG_RANGE_STRING: return "text";
  case KG_RANGE_LANGSTRING: return "text, or a map of language tag to text";
  case KG_RANGE_INTEGER: return "an integer";
  case KG_RANGE_DECIMAL: return "a decimal number";
  case KG_RANGE_BOOLEAN: return "true or false";
  case KG_RANGE_ANYURI: return "an absolute IRI";
  case KG_RANGE_DATE: return "a date (YYYY-MM-DD)";
  case KG_RANGE_GYEAR: return "a year (YYYY)";
  case KG_RANGE_GYEARMONTH: return "a month (YYYY-MM)";
  case KG_RANGE_PARTIALDATE: return "a date (YYYY, YYYY-MM or YYYY-MM-DD)";
  }
  return "a value";
}

const char *kg_property_name(const kg_property *p)
{
  return p->key ? p->key : p->qualifier_key ? p->qualifier_key : p->iri;
}

bool kg_class_is_a(const kg_class *c, const kg_class *of)
{
  /* Iterative, bounded: subclass cycles are legal OWL (equivalence). */
  const kg_class *stack[64];
  size_t n = 0, visited = 0;
  stack[n++] = c;
  while (n > 0 && visited++ < 1024) {
    const kg_class *x = stack[--n];
    if (x == of)
      return true;
    for (size_t i = 0; i < x->supers.count && n < 64; ++i)
      stack[n++] = x->supers.items[i];
  }
  return false;
}

static void ontology_error(builder *b, kg_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ontology_error(builder *b, kg_pos pos, const char *fmt, ...)
{
  char message[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  kg_error(b->diag, pos, "ontology", "%s", message);
  b->failed = true;
}

/* Is the object a plain text literal we can take as a YAML name? */
static const char *name_literal(builder *b, const kg_triple *t, kg_pos pos)
{
  if (t->o.kind != KG_TERM_LITERAL || t->o.len == 0) {
    ontology_error(b, pos, "<%s> %s needs a text literal", t->s.value,
                   t->p.value);
    return NULL;
  }
  return t->o.value;
}

static kg_status register_name(builder *b, kg_map *map, const char *name,
                               void *what, kg_pos pos, const char *kind)
{
  void **slot = kg_map_slot(map, name, strlen(name), NULL);
  if (!slot)
    return KG_ERR_NOMEM;
  if (*slot && *slot != what)
    ontology_error(b, pos, "%s '%s' is declared twice", kind, name);
  *slot = what;
  return KG_OK;
}

/* A qualifier's key lives in its own name space (inside long forms): a
 * statement's `start` is not an appointment's `start`. */
static kg_status declare_qualifier(builder *b, const kg_triple *t, kg_pos pos)
{
  static const char *const reserved[] = {"value", "source", "quote", "rank",
                                         "reason"};
  kg_property *p = property_for(b, t->s.value);
  const char *name = name_literal(b, t, pos);
  if (!p)
    return KG_ERR_NOMEM;
  if (!name)
    return KG_OK;
  for (size_t i = 0; i < sizeof reserved / sizeof *reserved; ++i)
    if (!strcmp(name, reserved[i]))
      ontology_error(b, pos, "qualifier key '%s' is reserved by kgbuild", name);
  p->qualifier_key = name;
  p->pos = pos;
  return register_name(b, b->onto->by_qualifier, name, p, pos, "qualifier");
}

/* First pass: which subjects are classes and which are keyed properties. */
static kg_status declare(builder *b, const kg_triple *t, kg_pos pos)
{
  kg_status st = KG_OK;
  if (is_iri(&t->p, KG_NS, "yamlSection") || is_iri(&t->p, KG_NS, "yamlType")) {
    kg_class *c = class_for(b, t->s.value);
    const char *name = name_literal(b, t, pos);
    if (!c)
      return KG_ERR_NOMEM;
    if (!name)
      return KG_OK;
    bool section = is_iri(&t->p, KG_NS, "yamlSection");
    if (section)
      c->section = name;
    else
      c->type_name = name;
    TRY(register_name(b, section ? b->onto->by_section : b->onto->by_type, name,
                      c, pos, section ? "section" : "type"));
  } else if (is_iri(&t->p, KG_NS, "yamlKey")) {
    kg_property *p = property_for(b, t->s.value);
    const char *name = name_literal(b, t, pos);
    if (!p)
      return KG_ERR_NOMEM;
    if (!name)
      return KG_OK;
    static const char *const reserved[] = {"id", "type", "source", "quote",
                                           "value"};
    for (size_t i = 0; i < 5; ++i)
      if (!strcmp(name, reserved[i]))
        ontology_error(b, pos, "key '%s' is reserved by kgbuild", name);
    p->key = name;
    p->pos = pos;
    TRY(register_name(b, b->onto->by_key, name, p, pos, "key"));
  } else if (is_iri(&t->p, KG_NS, "qualifierKey")) {
    TRY(declare_qualifier(b, t, pos));
  } else if (is_iri(&t->p, KG_OWL, "inverseOf") ||
             is_iri(&t->p, KG_RDFS, "subPropertyOf")) {
    if (!property_for(b, t->s.value) || !property_for(b, t->o.value))
      return KG_ERR_NOMEM;
  }
out:
  return st;
}

/* What the ontology says of a key's values as text (docs/facts.md,
 * "External identifiers"): their pattern, check digit and example, and
 * whether they identify an entity and which IRI they stand for.  Checked
 * once every triple is read (check_identifier_keys). */
static void describe_identifier(builder *b, kg_property *p, const kg_triple *t,
                                kg_pos pos)
{
  bool text = t->o.kind == KG_TERM_LITERAL && t->o.len > 0;
  if (is_iri(&t->p, KG_RDF, "type") &&
      is_iri(&t->o, KG_NS, "IdentifierProperty"))
    p->identifier = true;
  else if (is_iri(&t->p, KG_NS, "pattern") && text)
    p->pattern = t->o.value;
  else if (is_iri(&t->p, KG_NS, "iriTemplate") && text)
    p->iri_template = t->o.value;
  else if (is_iri(&t->p, KG_SKOS, "example") && text)
    p->example = t->o.value;
  else if (is_iri(&t->p, KG_NS, "checkDigit") &&
           is_iri(&t->o, KG_NS, "ISO7064Mod11-2"))
    p->check_digit = KG_CHECK_DIGIT_MOD11_2;
  else if (is_iri(&t->p, KG_NS, "checkDigit"))
    ontology_error(b, pos,
                   "kgbuild computes no check digit <%s>: it knows "
                   "kg:ISO7064Mod11-2",
                   t->o.value);
  else if (is_iri(&t->p, KG_NS, "pattern") ||
           is_iri(&t->p, KG_NS, "iriTemplate"))
    ontology_error(b, pos, "<%s> %s needs a text literal", t->s.value,
                   t->p.value);
}

/* Second pass: what the ontology says about the classes and properties.
 * One flat dispatch on the predicate, a few lines per ontology convention
 * (docs/design-notes.md's table): longer than most functions here, but
 * split up it would only scatter that table over several places. */
static kg_status describe(builder *b, const kg_triple *t, kg_pos pos)
{
  kg_class *c = kg_map_get(b->class_by_iri, t->s.value, t->s.len);
  kg_property *p = kg_map_get(b->prop_by_iri, t->s.value, t->s.len);
  if (is_iri(&t->p, KG_RDF, "type") && is_iri(&t->o, KG_OWL, "Ontology") &&
      !b->onto->iri)
    b->onto->iri = t->s.value;
  if (c && is_iri(&t->p, KG_NS, "duringProperty") && t->o.kind == KG_TERM_IRI)
    c->during = t->o.value;
  if (is_iri(&t->p, KG_RDFS, "subClassOf") && t->o.kind == KG_TERM_IRI) {
    kg_class *sub = class_for(b, t->s.value), *super = class_for(b, t->o.value);
    if (!sub || !super)
      return KG_ERR_NOMEM;
    return kg_vec_push(&sub->supers, super);
  }
  bool english =
      t->o.kind == KG_TERM_LITERAL && (!t->o.lang || !strcmp(t->o.lang, "en"));
  if (c && english && is_iri(&t->p, KG_RDFS, "label") &&
      (!c->label || t->o.lang))
    c->label = t->o.value;
  if (c && english && is_iri(&t->p, KG_RDFS, "comment") &&
      (!c->comment || t->o.lang))
    c->comment = t->o.value;
  if (p && english && is_iri(&t->p, KG_RDFS, "comment") &&
      (!p->comment || t->o.lang))
    p->comment = t->o.value;
  if (p && is_iri(&t->p, KG_RDFS, "subPropertyOf") &&
      t->o.kind == KG_TERM_IRI) {
    kg_property *super = property_for(b, t->o.value);
    if (!super)
      return KG_ERR_NOMEM;
    kg_status st = kg_vec_push(&b->subproperty_links, p);
    return st == KG_OK ? kg_vec_push(&b->subproperty_links, super) : st;
  }
  if (!p)
    return KG_OK;
  describe_identifier(b, p, t, pos);
  if (is_iri(&t->p, KG_RDF, "type")) {
    /* kgbuild's own ontology says kg:OneValuedProperty (see its comment
     * there: owl:FunctionalProperty makes a reasoner merge the values of
     * an unranked disagreement); an ontology of the user's may say either. */
    p->functional |= is_iri(&t->o, KG_NS, "OneValuedProperty") ||
                     is_iri(&t->o, KG_OWL, "FunctionalProperty");
    p->symmetric |= is_iri(&t->o, KG_OWL, "SymmetricProperty");
    p->acyclic |= is_iri(&t->o, KG_NS, "AcyclicProperty");
    p->is_label |= is_iri(&t->o, KG_NS, "LabelProperty");
    p->is_start |= is_iri(&t->o, KG_NS, "StartProperty");
    p->is_end |= is_iri(&t->o, KG_NS, "EndProperty");
  } else if (is_iri(&t->p, KG_OWL, "inverseOf")) {
    kg_property *q = property_for(b, t->o.value);
    if (!q)
      return KG_ERR_NOMEM;
    p->inverse = q;
    q->inverse = p;
  } else if (is_iri(&t->p, KG_NS, "notBefore")) {
    kg_property *q = kg_map_get(b->prop_by_iri, t->o.value, t->o.len);
    if (!q)
      ontology_error(b, pos, "kg:notBefore names <%s>, which has no YAML key",
                     t->o.value);
    p->not_before = q;
  } else if (is_iri(&t->p, KG_NS, "requiredOn")) {
    kg_class *rc = class_for(b, t->o.value);
    if (!rc)
      return KG_ERR_NOMEM;
    return kg_vec_push(&p->required_on, rc);
  } else if (is_iri(&t->p, KG_RDFS, "domain")) {
    if (p->domain && p->domain->iri != t->o.value)
      ontology_error(b, pos, "<%s> has more than one rdfs:domain", p->iri);
    else if (!is_iri(&t->o, KG_OWL, "Thing") &&
             !(p->domain = class_for(b, t->o.value)))
      return KG_ERR_NOMEM;
  } else if (is_iri(&t->p, KG_RDFS, "range") ||
             is_iri(&t->p, KG_NS, "valueDatatype")) {
    /* kg:valueDatatype is an rdfs:range OWL does not read: for
     * kg:PartialDate, which OWL would take for a datatype of its own. */
    kg_range_kind kind;
    bool seen = p->range_seen;
    p->range_seen = true;
    if (seen)
      ontology_error(b, pos, "<%s> has more than one rdfs:range", p->iri);
    else if (is_iri(&t->p, KG_NS, "valueDatatype") &&
             !datatype_kind(&t->o, &kind))
      ontology_error(b, pos, "kg:valueDatatype of <%s> is not a datatype",
                     p->iri);
    else if (datatype_kind(&t->o, &kind))
      p->range = kind;
    else if (is_iri(&t->o, KG_OWL, "Thing"))
      p->range = KG_RANGE_ENTITY; /* any entry: no class to check */
    else if (!(p->range_class = class_for(b, t->o.value)))
      return KG_ERR_NOMEM;
    else
      p->range = KG_RANGE_ENTITY;
  }
  return KG_OK;
}

static int compare_classes(const void *a, const void *b)
{
  return strcmp((*(kg_class *const *)a)->iri, (*(kg_class *const *)b)->iri);
}

static int compare_properties(const void *a, const void *b)
{
  return strcmp((*(kg_property *const *)a)->iri,
                (*(kg_property *const *)b)->iri);
}

static const char *local_name(const char *iri)
{
  const char *cut = strrchr(iri, '#');
  if (!cut)
    cut = strrchr(iri, '/');
  return cut && cut[1] ? cut + 1 : iri;
}

static bool contains(const kg_vec *v, const void *x)
{
  for (size_t i = 0; i < v->count; ++i)
    if (v->items[i] == x)
      return true;
  return false;
}

static int compare_classes(const void *a, const void *b);
static int compare_properties(const void *a, const void *b);

/* The transitive closure of subclass and subproperty links, computed once:
 * a store without a reasoner still finds an office as an org:Organization
 * and a `part-of` link as org:subOrganizationOf. */
static kg_status close_hierarchies(builder *b)
{
  kg_status st = KG_OK;
  kg_ontology *o = b->onto;
  kg_vec todo = {0};
  for (size_t i = 0; i < o->classes.count; ++i) {
    kg_class *c = o->classes.items[i];
    todo.count = 0;
    TRY(kg_vec_push(&todo, c));
    for (size_t k = 0; k < todo.count; ++k) {
      const kg_class *x = todo.items[k];
      for (size_t j = 0; j < x->supers.count; ++j) {
        kg_class *sup = x->supers.items[j];
        if (sup == c || contains(&c->ancestors, sup))
          continue;
        if (strcmp(sup->iri, KG_OWL "Thing") &&
            strcmp(sup->iri, KG_RDFS "Resource"))
          TRY(kg_vec_push(&c->ancestors, sup));
        TRY(kg_vec_push(&todo, sup));
      }
    }
    if (c->ancestors.count > 1)
      qsort(c->ancestors.items, c->ancestors.count, sizeof(void *),
            compare_classes);
  }
  /* Properties: follow the sub -> super pairs until nothing is added. */
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i + 1 < b->subproperty_links.count; i += 2) {
      kg_property *sub = b->subproperty_links.items[i];
      kg_property *sup = b->subproperty_links.items[i + 1];
      if (sup != sub && !contains(&sub->ancestors, sup)) {
        TRY(kg_vec_push(&sub->ancestors, sup));
        grew = true;
      }
      for (size_t k = 0; k < sup->ancestors.count; ++k) {
        kg_property *up = sup->ancestors.items[k];
        if (up != sub && !contains(&sub->ancestors, up)) {
          TRY(kg_vec_push(&sub->ancestors, up));
          grew = true;
        }
      }
    }
  }
  for (size_t i = 0; i < o->properties.count; ++i) {
    kg_property *p = o->properties.items[i];
    if (p->ancestors.count > 1)
      qsort(p->ancestors.items, p->ancestors.count, sizeof(void *),
            compare_properties);
  }
out:
  kg_vec_free(&todo);
  return st;
}

/* A key's pattern compiled, and its identifier declarations checked: an
 * identifier or a pattern is text, a template names its value once and
 * makes an IRI of the example. */
static kg_status check_identifier_key(builder *b, kg_property *p)
{
  const char *name = kg_property_name(p);
  bool text = p->range == KG_RANGE_STRING || p->range == KG_RANGE_ANYURI;
  if ((p->pattern || p->check_digit || p->identifier || p->iri_template) &&
      !text)
    ontology_error(b, p->pos,
                   "key '%s' has a pattern, a check digit or an IRI template, "
                   "but its values are not text (xsd:string or xsd:anyURI)",
                   name);
  if (p->iri_template) {
    const char *at = strstr(p->iri_template, "{id}");
    char iri[512];
    size_t n = kg_identifier_iri(p, "x", 1, iri, sizeof iri);
    if (!at || strstr(at + 1, "{id}") || n >= sizeof iri ||
        !kg_iri_valid(iri, n))
      ontology_error(b, p->pos,
                     "the kg:iriTemplate of '%s' must be an absolute IRI "
                     "holding {id} once, e.g. "
                     "\"http://www.wikidata.org/entity/{id}\"",
                     name);
    p->identifier = true;
  }
  if (!p->pattern)
    return KG_OK;
  if (!(p->regex = kg_malloc(sizeof *p->regex)))
    return KG_ERR_NOMEM;
  int rc = regcomp(p->regex, p->pattern, REG_EXTENDED | REG_NOSUB);
  if (rc != 0) {
    char why[128];
    regerror(rc, p->regex, why, sizeof why);
    kg_free(p->regex);
    p->regex = NULL;
    ontology_error(b, p->pos,
                   "the kg:pattern of '%s' is not a regular "
                   "expression: %s",
                   name, why);
    return rc == REG_ESPACE ? KG_ERR_NOMEM : KG_OK;
  }
  if (p->example && !kg_property_value_ok(p, p->example, strlen(p->example),
                                          NULL, 0, NULL, 0))
    ontology_error(b, p->pos,
                   "the skos:example of '%s' is not a value it "
                   "accepts",
                   name);
  return KG_OK;
}

static kg_status finish(builder *b)
{
  kg_ontology *o = b->onto;
  if (o->classes.count > 1)
    qsort(o->classes.items, o->classes.count, sizeof(void *), compare_classes);
  if (o->properties.count > 1)
    qsort(o->properties.items, o->properties.count, sizeof(void *),
          compare_properties);
  for (size_t i = 0; i < o->properties.count; ++i)
    ((kg_property *)o->properties.items[i])->index = (uint32_t)i;
  for (size_t i = 0; i < o->classes.count; ++i) {
    kg_class *c = o->classes.items[i];
    c->name = c->label       ? c->label
              : c->type_name ? c->type_name
                             : local_name(c->iri);
  }
  kg_status st = close_hierarchies(b);
  if (st != KG_OK)
    return st;
  if (!o->iri)
    ontology_error(b, (kg_pos){0},
                   "the ontology must declare its IRI "
                   "(<IRI> a owl:Ontology)");
  o->source_class =
      kg_map_get(b->class_by_iri, KG_NS "Source", strlen(KG_NS "Source"));
  if (!o->source_class || !o->source_class->section)
    ontology_error(b, (kg_pos){0},
                   "the ontology must declare kg:Source with a "
                   "kg:yamlSection, the registry of sources%s",
                   "");
  for (size_t i = 0; i < o->properties.count; ++i) {
    kg_property *p = o->properties.items[i];
    if (p->key && p->qualifier_key)
      ontology_error(b, p->pos,
                     "<%s> has both a key and a qualifier key: a qualifier "
                     "qualifies statements, not entries",
                     p->iri);
    if (p->qualifier_key && p->inverse)
      ontology_error(b, p->pos, "qualifier '%s' cannot have an inverse",
                     p->qualifier_key);
    if (!p->key)
      continue;
    kg_status st_ = check_identifier_key(b, p);
    if (st_ != KG_OK)
      return st_;
    if (p->acyclic && p->range != KG_RANGE_ENTITY)
      ontology_error(b, p->pos,
                     "key '%s' is acyclic but does not refer to "
                     "entities",
                     p->key);
    if (p->symmetric && p->range != KG_RANGE_ENTITY)
      ontology_error(b, p->pos,
                     "key '%s' is symmetric but does not refer to "
                     "entities",
                     p->key);
    if ((p->is_start || p->is_end) && p->range < KG_RANGE_DATE)
      ontology_error(b, p->pos,
                     "key '%s' is a start or end property but "
                     "its values are not dates",
                     p->key);
    if (p->inverse && p->range != KG_RANGE_ENTITY)
      ontology_error(b, p->pos,
                     "key '%s' has an inverse but does not refer "
                     "to entities",
                     p->key);
  }
  return KG_OK;
}

/* The name of path in dir, which holds it: "kgbuild.ttl", "sub/x.ttl". */
static const char *name_in(const char *path, const char *dir)
{
  size_t n = strlen(dir);
  if (!strncmp(path, dir, n))
    for (path += n; *path == '/';)
      ++path;
  return path;
}

/* Whether two paths name one directory (an installed ontology that a fact
 * base found as its own, say). */
static bool same_dir(const char *a, const char *b)
{
  char x[PATH_MAX], y[PATH_MAX];
  return realpath(a, x) && realpath(b, y) && !strcmp(x, y);
}

static bool is_dir(const char *path)
{
  struct stat sb;
  return path && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The *.ttl files of the layers, installed first: a file of the fact
 * base's that has the name of an installed one replaces it (as a file in
 * /etc replaces one in /usr/lib), the others are added. */
static kg_status layer_files(kg_arena *arena, kg_diag *diag,
                             const kg_ontology_layers *l, kg_vec *files)
{
  kg_status st = KG_OK;
  static const char *const extensions[] = {".ttl", NULL};
  kg_vec own = {0};
  bool installed = is_dir(l->installed);
  bool mine = is_dir(l->own) && !(installed && same_dir(l->own, l->installed));
  if (installed)
    TRY(kg_files_collect_in(arena, diag, l->installed, extensions, files));
  if (mine)
    TRY(kg_files_collect_in(arena, diag, l->own, extensions, &own));
  kg_files_sort(files);
  kg_files_sort(&own);
  size_t k = 0;
  for (size_t i = 0; i < files->count; ++i) {
    bool replaced = false;
    for (size_t j = 0; j < own.count && !replaced; ++j)
      replaced = !strcmp(name_in(files->items[i], l->installed),
                         name_in(own.items[j], l->own));
    if (!replaced)
      files->items[k++] = files->items[i];
  }
  files->count = k;
  for (size_t j = 0; j < own.count; ++j)
    TRY(kg_vec_push(files, own.items[j]));
out:
  kg_vec_free(&own);
  return st;
}

/* Reads the files, in order, into the builder's ontology. */
static kg_status read_files(builder *b, kg_rdf *rdf, const kg_vec *files)
{
  kg_status st = KG_OK;
  kg_ontology *onto = b->onto;
  kg_rdf_handler handler = {on_triple, on_prefix, b};
  for (size_t i = 0; i < files->count; ++i) {
    kg_status parsed =
        kg_rdf_parse_turtle(rdf, b->diag, files->items[i], &handler);
    if (parsed == KG_ERR_FACTS)
      b->failed = true;
    else
      TRY(parsed);
  }
  for (size_t i = 0; i < onto->triples.count; ++i)
    TRY(declare(b, onto->triples.items[i], *(kg_pos *)b->positions.items[i]));
  for (size_t i = 0; i < onto->triples.count; ++i)
    TRY(describe(b, onto->triples.items[i], *(kg_pos *)b->positions.items[i]));
  TRY(finish(b));
  if (b->failed)
    st = KG_ERR_FACTS;
out:
  return st;
}

/* Names every place looked: "ontology: error: no ontology: ...". */
static void no_ontology(kg_diag *diag, const kg_ontology_layers *l)
{
  char message[2 * PATH_MAX + 256],
      hint[] = "install kgbuild (make install), or give the ontology with "
               "--ontology=DIR";
  snprintf(message, sizeof message,
           "no ontology (*.ttl files) in %s nor installed: looked in %s",
           l->own ? l->own : "the fact base", l->looked);
  kg_diag_emit(diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                      .pos = {l->own ? l->own : "kgbuild"},
                                      .code = "io",
                                      .message = message,
                                      .hint = hint});
}

/* Loads the ontology from the layers given (own NULL: dir alone). */
static kg_status load(kg_ontology *onto, kg_arena *arena, kg_map *strings,
                      kg_rdf *rdf, kg_diag *diag, const char *dir,
                      const kg_ontology_layers *layers)
{
  kg_status st = KG_OK;
  builder b = {.onto = onto, .arena = arena, .strings = strings, .diag = diag};
  kg_vec files = {0};
  static const char *const extensions[] = {".ttl", NULL};
  *onto = (kg_ontology){0};
  onto->by_section = kg_map_new(arena);
  onto->by_type = kg_map_new(arena);
  onto->by_key = kg_map_new(arena);
  onto->by_qualifier = kg_map_new(arena);
  b.class_by_iri = kg_map_new(arena);
  b.prop_by_iri = kg_map_new(arena);
  if (!onto->by_section || !onto->by_type || !onto->by_key ||
      !onto->by_qualifier || !b.class_by_iri || !b.prop_by_iri) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (layers) {
    TRY(layer_files(arena, diag, layers, &files));
  } else {
    TRY(kg_files_collect_in(arena, diag, dir, extensions, &files));
    kg_files_sort(&files);
  }
  if (files.count == 0 && layers) {
    no_ontology(diag, layers);
    TRY(KG_ERR_IO);
  }
  if (files.count == 0) {
    kg_error(diag, (kg_pos){dir, 0, 0}, "io", "no ontology (*.ttl) found");
    TRY(KG_ERR_IO);
  }
  TRY(read_files(&b, rdf, &files));
out:
  kg_vec_free(&files);
  kg_vec_free(&b.positions);
  kg_vec_free(&b.subproperty_links);
  kg_map_free(b.class_by_iri);
  kg_map_free(b.prop_by_iri);
  return st;
}

kg_status kg_ontology_load(kg_ontology *onto, kg_arena *arena, kg_map *strings,
                           kg_rdf *rdf, kg_diag *diag, const char *dir)
{
  return load(onto, arena, strings, rdf, diag, dir, NULL);
}

kg_status kg_ontology_load_layers(kg_ontology *onto, kg_arena *arena,
                                  kg_map *strings, kg_rdf *rdf, kg_diag *diag,
                                  const kg_ontology_layers *layers)
{
  return load(onto, arena, strings, rdf, diag, NULL, layers);
}

void kg_ontology_free(kg_ontology *onto)
{
  if (!onto)
    return;
  for (size_t i = 0; i < onto->classes.count; ++i) {
    kg_vec_free(&((kg_class *)onto->classes.items[i])->supers);
    kg_vec_free(&((kg_class *)onto->classes.items[i])->ancestors);
  }
  for (size_t i = 0; i < onto->properties.count; ++i) {
    kg_property *p = onto->properties.items[i];
    if (p->regex)
      regfree(p->regex);
    kg_free(p->regex);
    kg_vec_free(&((kg_property *)onto->properties.items[i])->required_on);
    kg_vec_free(&((kg_property *)onto->properties.items[i])->ancestors);
  }
  kg_vec_free(&onto->classes);
  kg_vec_free(&onto->properties);
  kg_vec_free(&onto->triples);
  kg_vec_free(&onto->prefixes);
  kg_map_free(onto->by_section);
  kg_map_free(onto->by_type);
  kg_map_free(onto->by_key);
  kg_map_free(onto->by_qualifier);
  *onto = (kg_ontology){0};
}

/* ---- External identifiers ---------------------------------------------- */

/* ISO 7064 MOD 11-2 over the digits before the last character (separators
 * such as ORCID's hyphens skipped): the check character, '0'-'9' or 'X'. */
static char mod11_2(const char *text, size_t len)
{
  unsigned total = 0;
  for (size_t i = 0; i + 1 < len; ++i)
    if (text[i] >= '0' && text[i] <= '9')
      total = (total + (unsigned)(text[i] - '0')) * 2 % 11;
  unsigned check = (12 - total % 11) % 11;
  return check == 10 ? 'X' : (char)('0' + check);
}

static bool matches(const kg_property *p, const char *text, size_t len)
{
  char small[256], *copy = len < sizeof small ? small : kg_malloc(len + 1);
  if (!copy)
    return true; /* out of memory: not the value's fault; the arena's next
                    allocation reports it */
  memcpy(copy, text, len);
  copy[len] = '\0';
  bool ok = regexec(p->regex, copy, 0, NULL, 0) == 0;
  if (copy != small)
    kg_free(copy);
  return ok;
}

static void say(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *out, size_t size, const char *fmt, ...)
{
  va_list ap;
  if (!out || !size)
    return;
  va_start(ap, fmt);
  vsnprintf(out, size, fmt, ap);
  va_end(ap);
}

bool kg_property_value_ok(const kg_property *p, const char *text, size_t len,
                          char *why, size_t whysize, char *hint,
                          size_t hintsize)
{
  const char *name = kg_property_name(p);
  if (p->regex && (memchr(text, '\0', len) || !matches(p, text, len))) {
    say(why, whysize, "it does not match the pattern of '%s', %s", name,
        p->pattern);
    if (p->example)
      say(hint, hintsize, "write it as the authority does, e.g. %s",
          p->example);
    else
      say(hint, hintsize, "write it as the authority does");
    return false;
  }
  if (p->check_digit == KG_CHECK_DIGIT_MOD11_2 && len > 1) {
    char want = mod11_2(text, len);
    if (text[len - 1] != want) {
      say(why, whysize,
          "the check digit (ISO 7064 MOD 11-2) should be %c, not %c", want,
          text[len - 1]);
      say(hint, hintsize,
          "a digit is mistyped: copy the %s again from the authority", name);
      return false;
    }
  }
  return true;
}

size_t kg_identifier_iri(const kg_property *p, const char *value, size_t len,
                         char *out, size_t size)
{
  const char *t = p->iri_template, *at = t ? strstr(t, "{id}") : NULL;
  if (!at)
    return 0;
  size_t head = (size_t)(at - t), tail = strlen(at + 4);
  size_t n = head + len + tail;
  if (n < size) {
    memcpy(out, t, head);
    memcpy(out + head, value, len);
    memcpy(out + head + len, at + 4, tail + 1);
  }
  return n;
}
