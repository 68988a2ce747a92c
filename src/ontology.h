/* ontology.h - stage 0: the vocabulary, read from the *.ttl files in ontology/.
 * The ontology is the single source of what the fact format can say: which
 * sections and keys exist, what each key's values are, and which rules
 * apply (functional, symmetric, inverse, acyclic, required, end-not-before-
 * start).  See docs/design-notes.md for the triples read. */
#ifndef KG_ONTOLOGY_H
#define KG_ONTOLOGY_H

#include "arena.h"
#include "diag.h"
#include "rdf.h"

#include <regex.h>

#define KG_NS "https://w3id.org/kgbuild/ns#"
#define KG_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define KG_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define KG_OWL "http://www.w3.org/2002/07/owl#"
#define KG_XSD "http://www.w3.org/2001/XMLSchema#"
#define KG_PROV "http://www.w3.org/ns/prov#"
#define KG_SKOS "http://www.w3.org/2004/02/skos/core#"

typedef struct kg_class kg_class;
struct kg_class {
  const char *iri;
  const char *section;   /* YAML section of its entries, or NULL */
  const char *type_name; /* value of `type:` naming it, or NULL */
  const char *label;     /* rdfs:label, English or untagged */
  const char *comment;   /* rdfs:comment, English or untagged */
  const char *name;      /* short name for messages and GraphML: the
                            label, type name, or the IRI's local name */
  kg_vec supers;         /* kg_class*, direct superclasses */
  kg_vec ancestors;      /* kg_class*, every superclass, in IRI order
                            (without owl:Thing): written as rdf:type too */
  const char *during;    /* kg:duringProperty: the IRI linking an entry to
                            the time:Interval of its start and end, or NULL */
};

typedef enum {
  KG_RANGE_ENTITY, /* a reference to an entity of range_class */
  KG_RANGE_STRING,
  KG_RANGE_LANGSTRING, /* a string, or a map of language tag -> string */
  KG_RANGE_INTEGER,
  KG_RANGE_DECIMAL,
  KG_RANGE_BOOLEAN,
  KG_RANGE_ANYURI,
  KG_RANGE_DATE, /* xsd:date */
  KG_RANGE_GYEAR,
  KG_RANGE_GYEARMONTH,
  KG_RANGE_PARTIALDATE, /* one of the three, by the precision written */
} kg_range_kind;

/* The check digits kgbuild computes (kg:checkDigit names one). */
typedef enum {
  KG_CHECK_DIGIT_NONE = 0,
  KG_CHECK_DIGIT_MOD11_2, /* ISO 7064 MOD 11-2: ISNI, ORCID */
} kg_check_digit;

typedef struct kg_property kg_property;
struct kg_property {
  const char *iri;
  const char *key;           /* YAML key, or NULL (e.g. an inverse only) */
  const char *qualifier_key; /* kg:qualifierKey: a key inside long forms */
  const char *comment;       /* rdfs:comment, English or untagged */
  const kg_class *domain;    /* NULL: any entry */
  kg_range_kind range;
  const kg_class *range_class; /* KG_RANGE_ENTITY */
  bool functional, symmetric, acyclic, is_label;
  bool is_start, is_end; /* dates that open or close an entity's spell */
  const kg_property *inverse;
  const kg_property *not_before; /* values may not end before this one's */
  kg_vec required_on;            /* kg_class* */
  kg_vec ancestors;              /* kg_property*: rdfs:subPropertyOf*, in
                                    IRI order; their triples are implied */
  kg_pos pos;                    /* where the ontology declares its key */
  bool range_seen;
  uint32_t index; /* in kg_ontology.properties, so in IRI order */
  /* External identifiers and other patterned text (docs/facts.md,
   * "External identifiers"): the form a value must have (kg:pattern, an
   * anchored regular expression in the syntax POSIX, XPath and ECMAScript
   * read alike, compiled once), its check digit, an example for hints
   * (skos:example), and for an identifier the IRI of the thing it names
   * (kg:iriTemplate, "{id}" standing for the value). */
  const char *pattern;
  regex_t *regex;
  kg_check_digit check_digit;
  const char *example;
  const char *iri_template;
  bool identifier; /* kg:IdentifierProperty: one value names one entity */
};

typedef struct {
  const char *iri;   /* the owl:Ontology's IRI: the graph of its triples */
  kg_vec classes;    /* kg_class*, in IRI order */
  kg_vec properties; /* kg_property*, in IRI order */
  kg_map *by_section, *by_type, *by_key;
  kg_map *by_qualifier; /* qualifier key -> kg_property* (kg:Qualifier) */
  const kg_class *source_class; /* kg:Source */
  kg_vec triples;  /* kg_triple*: the ontology itself, exported with data */
  kg_vec prefixes; /* kg_prefix*: the prefixes the ontology declares */
} kg_ontology;

/* Reads every *.ttl file in dir (in name order).  Problems are reported to
 * diag.  Strings are interned in `strings`; everything lives in arena. */
kg_status kg_ontology_load(kg_ontology *onto, kg_arena *arena, kg_map *strings,
                           kg_rdf *rdf, kg_diag *diag,
                           const char *dir) KG_NODISCARD;

/* The ontology a fact base reads: the installed one, extended by the fact
 * base's own ontology/ (docs/facts.md, "The ontology"). */
typedef struct {
  const char *installed; /* the installed ontology's directory */
  const char *own;       /* the fact base's ontology/, or NULL */
  const char *looked;    /* where the installed one was looked for: for the
                            error when neither holds a file */
} kg_ontology_layers;

/* Reads the *.ttl files of layers->installed, then those of layers->own: a
 * file of own replaces the installed file of the same name (relative to
 * its directory), the others are added; a layer that is not a directory
 * is left out, one directory given twice is read once.  No file at all is
 * an error naming every place looked. */
kg_status
kg_ontology_load_layers(kg_ontology *onto, kg_arena *arena, kg_map *strings,
                        kg_rdf *rdf, kg_diag *diag,
                        const kg_ontology_layers *layers) KG_NODISCARD;
void kg_ontology_free(kg_ontology *onto);

/* The key a curator writes for p (an entry key or a qualifier key), else
 * its IRI: for messages. */
const char *kg_property_name(const kg_property *p);

/* Is c the class `of`, or a subclass of it (transitively)? */
bool kg_class_is_a(const kg_class *c, const kg_class *of);

/* The XSD datatype IRI a range kind writes (NULL for entities and
 * language-tagged strings); for PARTIALDATE, that of a given precision. */
const char *kg_range_datatype(kg_range_kind range);
const char *kg_range_name(kg_range_kind range);

/* Whether text[0..len) is a value p accepts by its kg:pattern and
 * kg:checkDigit: true when it is (or p has neither); else false, with
 * what is wrong in why ("the check digit should be 7") and what to write
 * in hint ("an ORCID iD is 0000-0002-1825-0097").  Allocates nothing. */
bool kg_property_value_ok(const kg_property *p, const char *text, size_t len,
                          char *why, size_t whysize, char *hint,
                          size_t hintsize);

/* The IRI identifier value[0..len) of p stands for (p->iri_template with
 * "{id}" replaced), as snprintf: its length, written into out when it fits
 * in size.  0 when p has no template. */
size_t kg_identifier_iri(const kg_property *p, const char *value, size_t len,
                         char *out, size_t size);

#endif
