/* shacl.c - SHACL shapes from the ontology, written through serd.
 *
 * What the shapes say is what the RDF exports contain (docs/modelling.md):
 *
 * - Entries: a node shape per class (sh:targetClass, which reads the
 *   exported rdfs:subClassOf, so subclasses inherit it), with a property
 *   shape per key whose rdfs:domain is the class; keys of any entry
 *   (domain owl:Thing) get a node shape of their own targeting the
 *   subjects of their property.  Entities of a section's class are IRIs
 *   of the base and an id (sh:pattern).
 * - Direct triples carry only the best-ranked values, so `sh:maxCount 1` on
 *   a one-valued key (and sh:uniqueLang on names) holds the best-ranked
 *   values to one.  It is a separate property shape of severity
 *   sh:Warning: two best-ranked values from different sources are a
 *   disagreement kgbuild itself reports as a warning and exports both of,
 *   until a curator ranks them; a violation there would fail every build
 *   kgbuild accepts.  SHACL still reports it (sh:conforms false).
 * - Statement nodes (rdf:Statement) have one subject, predicate, object and
 *   rank, and at least one source; their qualifiers have the qualifier's
 *   range, and a one-valued qualifier one value (a warning again: kgbuild
 *   writes two spells of one relation as one statement node today).
 * - Acyclic keys: SHACL Core cannot compare a value with its focus node
 *   along a path, so each is a SHACL-SPARQL constraint ($this p+ $this)
 *   on the direct triples, i.e. on the best-ranked links, as kgbuild checks.
 *
 * Property shapes are IRIs (`kgsh:org-Organization-founded`), so that a
 * validation report's sh:sourceShape names the rule; only RDF lists are
 * blank nodes, as SHACL requires. */
#include "shacl.h"
#include "serialize.h"

#include <stdarg.h>
#include <string.h>

#define SH "http://www.w3.org/ns/shacl#"

/* serd groups a subject's triples only when they are consecutive, so a node
 * shape's keys are walked twice: its sh:property links, then the property
 * shapes themselves. */
typedef enum { PASS_ALL, PASS_LINKS, PASS_BODIES } pass;

typedef struct {
  const kg_ontology *onto;
  pass pass;
  kg_serializer *ser;
  kg_arena *arena; /* the IRIs and texts built for the shapes */
  size_t blanks;   /* list cells written, for their labels */
  size_t triples;
} writer;

static kg_term iri(const char *s)
{
  return (kg_term){KG_TERM_IRI, s, strlen(s), NULL, NULL};
}

static kg_term literal(const char *s, const char *datatype)
{
  return (kg_term){KG_TERM_LITERAL, s, strlen(s), datatype, NULL};
}

static kg_status emit(writer *w, const char *s, const char *p, kg_term o)
{
  bool link = !strcmp(p, SH "property");
  if ((w->pass == PASS_LINKS && !link) || (w->pass == PASS_BODIES && link))
    return KG_OK;
  kg_triple t = {{0}, iri(p), o, NULL};
  t.s = s[0] == '_' && s[1] == ':'
            ? (kg_term){KG_TERM_BLANK, s + 2, strlen(s + 2), NULL, NULL}
            : iri(s);
  w->triples++;
  return kg_serializer_write(w->ser, &t);
}

static kg_status emit_iri(writer *w, const char *s, const char *p,
                          const char *o)
{
  kg_term t = o[0] == '_' && o[1] == ':'
                  ? (kg_term){KG_TERM_BLANK, o + 2, strlen(o + 2), NULL, NULL}
                  : iri(o);
  return emit(w, s, p, t);
}

/* printf into the writer's arena; NULL when out of memory. */
static char *fmt(writer *w, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static char *fmt(writer *w, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  int n = vsnprintf(NULL, 0, format, ap);
  va_end(ap);
  char *s = n < 0 ? NULL : kg_arena_alloc(w->arena, (size_t)n + 1);
  if (!s)
    return NULL;
  va_start(ap, format);
  vsnprintf(s, (size_t)n + 1, format, ap);
  va_end(ap);
  return s;
}

/* A readable, unique local name for an ontology term: "org-Organization"
 * when a declared prefix covers it, else its IRI's last segment. */
static const char *short_name(writer *w, const char *term)
{
  const kg_prefix *best = NULL;
  for (size_t i = 0; i < w->onto->prefixes.count; ++i) {
    const kg_prefix *p = w->onto->prefixes.items[i];
    size_t n = strlen(p->iri);
    if (p->prefix[0] && !strncmp(term, p->iri, n) && term[n] &&
        (!best || n > strlen(best->iri)))
      best = p;
  }
  if (best)
    return fmt(w, "%s-%s", best->prefix, term + strlen(best->iri));
  const char *slash = strrchr(term, '/'), *hash = strrchr(term, '#');
  const char *last = hash > slash ? hash : slash;
  return fmt(w, "%s", last ? last + 1 : term);
}

/* An RDF list of IRIs, as blank nodes _:lN; *head is its first cell. */
static kg_status emit_list(writer *w, const char *const *items, size_t n,
                           const char **head)
{
  kg_status st = KG_OK;
  const char *cell = fmt(w, "_:l%zu", ++w->blanks);
  if (!cell)
    return KG_ERR_NOMEM;
  *head = cell;
  for (size_t i = 0; i < n; ++i) {
    const char *next = i + 1 < n ? fmt(w, "_:l%zu", ++w->blanks) : KG_RDF "nil";
    if (!next)
      return KG_ERR_NOMEM;
    TRY(emit_iri(w, cell, KG_RDF "first", items[i]));
    TRY(emit_iri(w, cell, KG_RDF "rest", next));
    cell = next;
  }
out:
  return st;
}

static bool is_web_address(const kg_property *p)
{
  for (size_t i = 0; i <= p->ancestors.count; ++i) {
    const kg_property *q = i ? p->ancestors.items[i - 1] : p;
    if (!strcmp(q->iri, "https://schema.org/url") ||
        !strcmp(q->iri, "http://schema.org/url"))
      return true;
  }
  return false;
}

/* What a value of p must be: a node of its range class, a literal of its
 * datatype, a partial date (kgsh:PartialDate, an sh:or of three). */
static kg_status emit_values(writer *w, const char *shape, const kg_property *p)
{
  kg_status st = KG_OK;
  switch (p->range) {
  case KG_RANGE_ENTITY:
    TRY(emit_iri(w, shape, SH "nodeKind", SH "IRI"));
    if (p->range_class && strcmp(p->range_class->iri, KG_OWL "Thing"))
      TRY(emit_iri(w, shape, SH "class", p->range_class->iri));
    break;
  case KG_RANGE_LANGSTRING:
    TRY(emit_iri(w, shape, SH "node", KG_SHAPES "Text"));
    break;
  case KG_RANGE_PARTIALDATE:
    TRY(emit_iri(w, shape, SH "node", KG_SHAPES "PartialDate"));
    break;
  default:
    TRY(emit_iri(w, shape, SH "datatype", kg_range_datatype(p->range)));
    if (p->range == KG_RANGE_ANYURI && is_web_address(p))
      TRY(emit(w, shape, SH "pattern",
               literal("^[hH][tT][tT][pP][sS]?://", NULL)));
    if (p->pattern) /* kg:pattern: written in the syntax XPath reads too */
      TRY(emit(w, shape, SH "pattern", literal(p->pattern, NULL)));
    break;
  }
out:
  return st;
}

static bool required_on(const kg_property *p, const kg_class *c)
{
  for (size_t i = 0; i < p->required_on.count; ++i)
    if (p->required_on.items[i] == c)
      return true;
  return false;
}

/* The shape of p's best-ranked values on `owner`'s focus nodes: at most
 * one, or one per language for names.  A warning, see the top. */
static kg_status emit_best(writer *w, const char *owner, const char *name,
                           const kg_property *p)
{
  kg_status st = KG_OK;
  bool unique_lang = p->is_label && p->range == KG_RANGE_LANGSTRING;
  if (!p->functional && !unique_lang)
    return KG_OK;
  char *shape = name ? fmt(w, KG_SHAPES "%s-best", name) : NULL;
  char *message = fmt(w,
                      "'%s' has more than one best-ranked value%s: sources "
                      "disagree; rank one of them preferred",
                      kg_property_name(p), unique_lang ? " in a language" : "");
  if (!shape || !message)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, owner, SH "property", shape));
  TRY(emit_iri(w, shape, KG_RDF "type", SH "PropertyShape"));
  TRY(emit_iri(w, shape, SH "path", p->iri));
  if (p->functional)
    TRY(emit(w, shape, SH "maxCount", literal("1", KG_XSD "integer")));
  if (unique_lang)
    TRY(emit(w, shape, SH "uniqueLang", literal("true", KG_XSD "boolean")));
  TRY(emit_iri(w, shape, SH "severity", SH "Warning"));
  TRY(emit(w, shape, SH "message", literal(message, NULL)));
out:
  return st;
}

/* The property shape of key p on a node shape `owner` (whose focus nodes
 * are entities of class c, or NULL: any subject of p). */
static kg_status emit_key(writer *w, const char *owner, const char *owner_name,
                          const kg_property *p, const kg_class *c)
{
  kg_status st = KG_OK;
  const char *local = short_name(w, p->iri);
  const char *name = local ? fmt(w, "%s-%s", owner_name, local) : NULL;
  char *shape = name ? fmt(w, KG_SHAPES "%s", name) : NULL;
  if (!shape)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, owner, SH "property", shape));
  TRY(emit_iri(w, shape, KG_RDF "type", SH "PropertyShape"));
  TRY(emit_iri(w, shape, SH "path", p->iri));
  TRY(emit(w, shape, SH "name", literal(kg_property_name(p), NULL)));
  if (c && required_on(p, c))
    TRY(emit(w, shape, SH "minCount", literal("1", KG_XSD "integer")));
  TRY(emit_values(w, shape, p));
  TRY(emit_best(w, owner, name, p));
out:
  return st;
}

/* "^" base id "$" as a regular expression: the base's metacharacters
 * escaped, the id grammar of kg_id_check (text.c) but its length and "..".
 */
static const char *id_pattern(writer *w, const char *base)
{
  size_t n = strlen(base);
  char *escaped = kg_arena_alloc(w->arena, 2 * n + 1), *e = escaped;
  if (!escaped)
    return NULL;
  for (const char *s = base; *s; ++s) {
    if (strchr("\\^$.|?*+()[]{}", *s))
      *e++ = '\\';
    *e++ = *s;
  }
  *e = '\0';
  return fmt(w, "^%s[a-z0-9]([a-z0-9._-]*[a-z0-9])?$", escaped);
}

/* A key required on c whose values another node shape checks (its domain
 * is wider): only that there is one. */
static kg_status emit_required(writer *w, const char *owner,
                               const char *owner_name, const kg_property *p)
{
  kg_status st = KG_OK;
  const char *local = short_name(w, p->iri);
  char *shape =
      local ? fmt(w, KG_SHAPES "%s-%s-required", owner_name, local) : NULL;
  if (!shape)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, owner, SH "property", shape));
  TRY(emit_iri(w, shape, KG_RDF "type", SH "PropertyShape"));
  TRY(emit_iri(w, shape, SH "path", p->iri));
  TRY(emit(w, shape, SH "name", literal(kg_property_name(p), NULL)));
  TRY(emit(w, shape, SH "minCount", literal("1", KG_XSD "integer")));
out:
  return st;
}

static bool has_keys(const kg_ontology *onto, const kg_class *c)
{
  if (c->section || c->type_name)
    return true;
  for (size_t i = 0; i < onto->properties.count; ++i) {
    const kg_property *p = onto->properties.items[i];
    if (p->key && (p->domain == c || required_on(p, c)))
      return true;
  }
  return false;
}

static kg_status emit_class(writer *w, const kg_class *c, const char *base)
{
  kg_status st = KG_OK;
  const char *name = short_name(w, c->iri);
  char *shape = name ? fmt(w, KG_SHAPES "%s", name) : NULL;
  if (!shape)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "targetClass", c->iri));
  if (c->section) {
    const char *pattern = id_pattern(w, base);
    if (!pattern)
      return KG_ERR_NOMEM;
    TRY(emit_iri(w, shape, SH "nodeKind", SH "IRI"));
    TRY(emit(w, shape, SH "pattern", literal(pattern, NULL)));
  }
  for (w->pass = PASS_LINKS; w->pass <= PASS_BODIES; ++w->pass)
    for (size_t i = 0; i < w->onto->properties.count; ++i) {
      const kg_property *p = w->onto->properties.items[i];
      if (p->key && p->domain == c)
        TRY(emit_key(w, shape, name, p, c));
      else if (p->key && required_on(p, c))
        TRY(emit_required(w, shape, name, p));
    }
out:
  w->pass = PASS_ALL;
  return st;
}

/* A key of any entry (rdfs:domain owl:Thing): its values wherever it is
 * used. */
static kg_status emit_any_subject_key(writer *w, const kg_property *p)
{
  kg_status st = KG_OK;
  const char *name = short_name(w, p->iri);
  char *shape = name ? fmt(w, KG_SHAPES "%s", name) : NULL;
  if (!shape)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "targetSubjectsOf", p->iri));
  for (w->pass = PASS_LINKS; w->pass <= PASS_BODIES; ++w->pass)
    TRY(emit_key(w, shape, name, p, NULL));
out:
  w->pass = PASS_ALL;
  return st;
}

/* A node shape over the subjects of p with one SHACL-SPARQL constraint:
 * what SHACL Core cannot say (cycles, values shared across entities).
 * NULL arguments are fmt's failures. */
static kg_status emit_sparql_shape(writer *w, const kg_property *p,
                                   const char *shape, const char *sparql,
                                   const char *select, const char *message)
{
  kg_status st = KG_OK;
  if (!shape || !sparql || !select || !message)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "targetSubjectsOf", p->iri));
  TRY(emit_iri(w, shape, SH "sparql", sparql));
  TRY(emit_iri(w, sparql, KG_RDF "type", SH "SPARQLConstraint"));
  TRY(emit(w, sparql, SH "message", literal(message, NULL)));
  TRY(emit(w, sparql, SH "select", literal(select, NULL)));
out:
  return st;
}

/* No entity reaches itself along p's direct (best-ranked) links. */
static kg_status emit_acyclic(writer *w, const kg_property *p)
{
  const char *name = short_name(w, p->iri);
  char *shape = name ? fmt(w, KG_SHAPES "%s-acyclic", name) : NULL;
  char *sparql = shape ? fmt(w, "%s-cycle", shape) : NULL;
  char *select = fmt(w, "SELECT $this WHERE { $this <%s>+ $this . }", p->iri);
  char *message =
      fmt(w, "'%s' leads back to this entity: a cycle", kg_property_name(p));
  return emit_sparql_shape(w, p, shape, sparql, select, message);
}

/* A property shape on the statement shape; count: sh:minCount and
 * sh:maxCount 1, else neither. */
static kg_status emit_statement_part(writer *w, const char *local,
                                     const char *path, bool count,
                                     const char **shape)
{
  kg_status st = KG_OK;
  if (!(*shape = fmt(w, KG_SHAPES "Statement-%s", local)))
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, KG_SHAPES "Statement", SH "property", *shape));
  TRY(emit_iri(w, *shape, KG_RDF "type", SH "PropertyShape"));
  TRY(emit_iri(w, *shape, SH "path", path));
  if (count) {
    TRY(emit(w, *shape, SH "minCount", literal("1", KG_XSD "integer")));
    TRY(emit(w, *shape, SH "maxCount", literal("1", KG_XSD "integer")));
  }
out:
  return st;
}

static kg_status emit_qualifier(writer *w, const kg_property *p)
{
  kg_status st = KG_OK;
  const char *shape, *name = short_name(w, p->iri);
  if (!name)
    return KG_ERR_NOMEM;
  TRY(emit_statement_part(w, name, p->iri, false, &shape));
  TRY(emit(w, shape, SH "name", literal(kg_property_name(p), NULL)));
  TRY(emit_values(w, shape, p));
  TRY(emit_best(w, KG_SHAPES "Statement", fmt(w, "Statement-%s", name), p));
out:
  return st;
}

static kg_status emit_statement_parts(writer *w)
{
  kg_status st = KG_OK;
  static const char *const ranks[] = {KG_NS "PreferredRank", KG_NS "NormalRank",
                                      KG_NS "DeprecatedRank"};
  const char *shape, *list;
  TRY(emit_statement_part(w, "subject", KG_RDF "subject", true, &shape));
  TRY(emit_statement_part(w, "predicate", KG_RDF "predicate", true, &shape));
  TRY(emit_iri(w, shape, SH "nodeKind", SH "IRI"));
  TRY(emit_statement_part(w, "object", KG_RDF "object", true, &shape));
  TRY(emit_statement_part(w, "rank", KG_NS "statementRank", false, &shape));
  TRY(emit(w, shape, SH "maxCount", literal("1", KG_XSD "integer")));
  TRY(emit_list(w, ranks, sizeof ranks / sizeof *ranks, &list));
  TRY(emit_iri(w, shape, SH "in", list));
  TRY(emit_statement_part(w, "source", KG_PROV "wasDerivedFrom", false,
                          &shape));
  if (w->onto->source_class)
    TRY(emit_iri(w, shape, SH "class", w->onto->source_class->iri));
  for (size_t i = 0; i < w->onto->properties.count; ++i) {
    const kg_property *p = w->onto->properties.items[i];
    if (p->qualifier_key)
      TRY(emit_qualifier(w, p));
  }
out:
  return st;
}

/* A shape of statement nodes of one kind: its focus node's `path` has
 * `constraint` `value` (an IRI, or a count when `count`). */
typedef struct {
  const char *shape, *path, *constraint, *value;
} kind_shape;

static kg_status emit_kind(writer *w, const kind_shape *k)
{
  kg_status st = KG_OK;
  char *shape = fmt(w, KG_SHAPES "%s", k->shape);
  char *property = fmt(w, KG_SHAPES "%s-p", k->shape);
  if (!shape || !property)
    return KG_ERR_NOMEM;
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "property", property));
  TRY(emit_iri(w, property, SH "path", k->path));
  if (!strcmp(k->constraint, SH "minCount"))
    TRY(emit(w, property, k->constraint, literal(k->value, KG_XSD "integer")));
  else
    TRY(emit_iri(w, property, k->constraint, k->value));
out:
  return st;
}

/* kgsh:NAME, on every statement node: one of the kinds, with `message`. */
static kg_status emit_either(writer *w, const char *name, const char *message,
                             const kind_shape *kinds, size_t n)
{
  kg_status st = KG_OK;
  const char *members[3], *list;
  char *shape = fmt(w, KG_SHAPES "%s", name);
  if (!shape || n > 3)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < n; ++i)
    if (!(members[i] = fmt(w, KG_SHAPES "%s", kinds[i].shape)))
      return KG_ERR_NOMEM;
  TRY(emit_list(w, members, n, &list));
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "targetClass", KG_RDF "Statement"));
  TRY(emit_iri(w, shape, SH "or", list));
  TRY(emit(w, shape, SH "message", literal(message, NULL)));
out:
  return st;
}

/* Every statement node has a rank and a source, but three kinds that say
 * what no curator ranks or cites: an entry's rdf:type (an entry's class
 * is not a value to rank), a source's own facts (the source is their
 * evidence), and the statement node of a dated qualifier (its subject is
 * a statement node, which has both). */
static kg_status emit_rank_and_source(writer *w)
{
  kg_status st = KG_OK;
  const char *source =
      w->onto->source_class ? w->onto->source_class->iri : KG_NS "Source";
  const kind_shape of_type = {"Statement-of-type", KG_RDF "predicate",
                              SH "hasValue", KG_RDF "type"};
  const kind_shape of_source = {"Statement-of-source", KG_RDF "subject",
                                SH "class", source};
  const kind_shape of_statement = {"Statement-of-statement", KG_RDF "subject",
                                   SH "class", KG_RDF "Statement"};
  const kind_shape ranked = {"Statement-ranked", KG_NS "statementRank",
                             SH "minCount", "1"};
  const kind_shape sourced = {"Statement-sourced", KG_PROV "wasDerivedFrom",
                              SH "minCount", "1"};
  const kind_shape rank_kinds[] = {of_type, of_statement, ranked};
  const kind_shape source_kinds[] = {of_source, of_statement, sourced};
  TRY(emit_either(w, "Statement-has-rank",
                  "a statement node has a rank (kg:statementRank)", rank_kinds,
                  3));
  TRY(emit_either(w, "Statement-has-source",
                  "a statement node has a source (prov:wasDerivedFrom)",
                  source_kinds, 3));
  TRY(emit_kind(w, &of_type));
  TRY(emit_kind(w, &of_source));
  TRY(emit_kind(w, &of_statement));
  TRY(emit_kind(w, &ranked));
  TRY(emit_kind(w, &sourced));
out:
  return st;
}

/* Statement nodes: the triple they describe, a rank, a source, and their
 * qualifiers' values. */
static kg_status emit_statements(writer *w)
{
  kg_status st = KG_OK;
  TRY(emit_iri(w, KG_SHAPES "Statement", KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, KG_SHAPES "Statement", SH "targetClass", KG_RDF "Statement"));
  for (w->pass = PASS_LINKS; w->pass <= PASS_BODIES; ++w->pass)
    TRY(emit_statement_parts(w));
  w->pass = PASS_ALL;
  TRY(emit_rank_and_source(w));
out:
  w->pass = PASS_ALL;
  return st;
}

/* kgsh:NAME: a literal of one of n datatypes (kgsh:NAME-<datatype>). */
static kg_status emit_union(writer *w, const char *name,
                            const char *const *datatypes, size_t n)
{
  kg_status st = KG_OK;
  const char *members[3], *list;
  char *shape = fmt(w, KG_SHAPES "%s", name);
  if (!shape || n > 3)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < n; ++i) {
    const char *local = strrchr(datatypes[i], '#');
    char *m = fmt(w, "%s-%s", shape, local ? local + 1 : datatypes[i]);
    if (!m)
      return KG_ERR_NOMEM;
    members[i] = m;
    TRY(emit_iri(w, m, KG_RDF "type", SH "NodeShape"));
    TRY(emit_iri(w, m, SH "datatype", datatypes[i]));
  }
  TRY(emit_list(w, members, n, &list));
  TRY(emit_iri(w, shape, KG_RDF "type", SH "NodeShape"));
  TRY(emit_iri(w, shape, SH "or", list));
out:
  return st;
}

/* kgsh:PartialDate, a date to the year, the month or the day; kgsh:Text,
 * text with a language tag or without (a key of rdf:langString range takes
 * both: `name: X` and `name: {en: X}`). */
static kg_status emit_unions(writer *w)
{
  kg_status st = KG_OK;
  const char *const dates[] = {kg_date_datatype(KG_DATE_YEAR),
                               kg_date_datatype(KG_DATE_YEAR_MONTH),
                               kg_date_datatype(KG_DATE_DAY)};
  static const char *const texts[] = {KG_RDF "langString", KG_XSD "string"};
  TRY(emit_union(w, "PartialDate", dates, 3));
  TRY(emit_union(w, "Text", texts, 2));
out:
  return st;
}

/* An identifier names one entity (kg:IdentifierProperty): no two subjects
 * share a direct value.  SHACL Core compares no values across focus nodes,
 * so a SHACL-SPARQL constraint, as for cycles.  kgbuild's check also counts
 * the outranked values that are not deprecated, which a store holds as
 * statement nodes only. */
static kg_status emit_unique(writer *w, const kg_property *p)
{
  const char *name = short_name(w, p->iri);
  char *shape = name ? fmt(w, KG_SHAPES "%s-unique", name) : NULL;
  char *sparql = shape ? fmt(w, "%s-shared", shape) : NULL;
  char *select = fmt(w,
                     "SELECT $this ?value WHERE { $this <%s> ?value . "
                     "?other <%s> ?value . FILTER (?other != $this) }",
                     p->iri, p->iri);
  char *message = fmt(w,
                      "another entity has this '%s' too: an identifier "
                      "names one thing",
                      kg_property_name(p));
  return emit_sparql_shape(w, p, shape, sparql, select, message);
}

static kg_status emit_all(writer *w, const char *base)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < w->onto->classes.count; ++i) {
    const kg_class *c = w->onto->classes.items[i];
    if (has_keys(w->onto, c))
      TRY(emit_class(w, c, base));
  }
  for (size_t i = 0; i < w->onto->properties.count; ++i) {
    const kg_property *p = w->onto->properties.items[i];
    if (p->key && !p->domain)
      TRY(emit_any_subject_key(w, p));
  }
  for (size_t i = 0; i < w->onto->properties.count; ++i) {
    const kg_property *p = w->onto->properties.items[i];
    if (p->key && p->acyclic)
      TRY(emit_acyclic(w, p));
  }
  for (size_t i = 0; i < w->onto->properties.count; ++i) {
    const kg_property *p = w->onto->properties.items[i];
    if (p->key && p->identifier)
      TRY(emit_unique(w, p));
  }
  TRY(emit_statements(w));
  TRY(emit_unions(w));
out:
  return st;
}

kg_status kg_shacl_write(const kg_ontology *onto, const char *base, FILE *out,
                         size_t *triples)
{
  kg_status st = KG_OK;
  size_t n = onto->prefixes.count;
  writer w = {.onto = onto};
  kg_prefix *prefixes = kg_malloc((n + 2) * sizeof *prefixes);
  if (!prefixes || !(w.arena = kg_arena_new())) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; ++i)
    prefixes[i] = *(kg_prefix *)onto->prefixes.items[i];
  prefixes[n] = (kg_prefix){"sh", SH};
  prefixes[n + 1] = (kg_prefix){"kgsh", KG_SHAPES};
  if (!(w.ser = kg_serializer_new(KG_SYNTAX_TURTLE, out, prefixes, n + 2))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(emit_all(&w, base));
  TRY(kg_serializer_finish(w.ser));
  *triples = w.triples;
out:
  kg_serializer_free(w.ser);
  kg_arena_free(w.arena);
  kg_free(prefixes);
  return st;
}
