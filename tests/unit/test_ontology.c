/* test_ontology.c - kg_ontology_load (ontology.h) at its public header: a
 * tiny Turtle ontology written to a temporary directory, and what is read
 * from it (classes by section and type, keys with their ranges and rules,
 * inverses, required keys, the class hierarchy); and an ontology that
 * breaks the rules, reported at the place of the mistake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "pipeline.h"

#define PREFIXES                                                               \
  "@prefix kg: <https://w3id.org/kgbuild/ns#> .\n"                             \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"             \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"                  \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"                          \
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"                       \
  "@prefix t: <https://example.org/t#> .\n"

/* Sources; things (and, by `type: gadget`, gadgets) with a name, a
 * required functional date, and parts (inverse: part of), acyclic; things
 * may be twinned with each other (symmetric). */
static const char tiny[] = PREFIXES
    "<https://example.org/t> a owl:Ontology .\n"
    "kg:Source a owl:Class ; kg:yamlSection \"sources\" ;\n"
    "  rdfs:label \"source\"@en .\n"
    "t:title a owl:DatatypeProperty , kg:LabelProperty ;\n"
    "  kg:yamlKey \"title\" ; rdfs:domain kg:Source ; rdfs:range xsd:string .\n"
    "t:Thing a owl:Class ; kg:yamlSection \"things\" ; rdfs:label \"thing\"@en "
    ".\n"
    "t:Gadget a owl:Class ; rdfs:subClassOf t:Thing ; kg:yamlType \"gadget\" "
    ".\n"
    "t:name a owl:DatatypeProperty , kg:LabelProperty ; kg:yamlKey \"name\" ;\n"
    "  rdfs:domain t:Thing ; rdfs:range rdf:langString .\n"
    "t:made a owl:DatatypeProperty , owl:FunctionalProperty ;\n"
    "  kg:yamlKey \"made\" ; rdfs:domain t:Thing ; rdfs:range xsd:date ;\n"
    "  kg:requiredOn t:Gadget .\n"
    "t:hasPart a owl:ObjectProperty , kg:AcyclicProperty ;\n"
    "  kg:yamlKey \"parts\" ; rdfs:domain t:Thing ; rdfs:range t:Thing ;\n"
    "  owl:inverseOf t:partOf .\n"
    "t:partOf a owl:ObjectProperty ; kg:yamlKey \"part-of\" ;\n"
    "  rdfs:domain t:Thing ; rdfs:range t:Thing .\n"
    "t:twin a owl:ObjectProperty , owl:SymmetricProperty ; kg:yamlKey \"twin\" "
    ";\n"
    "  rdfs:domain t:Thing ; rdfs:range t:Thing .\n";

typedef struct {
  char dir[64];
  char file[96];
  pipeline p;
} fixture;

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  *state = f;
  if (!f)
    return -1;
  snprintf(f->dir, sizeof f->dir, "%s", "/tmp/kg-test-ontology.XXXXXX");
  if (!mkdtemp(f->dir))
    return -1;
  snprintf(f->file, sizeof f->file, "%s/t.ttl", f->dir);
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  if (f) {
    pipeline_close(&f->p);
    unlink(f->file);
    rmdir(f->dir);
    free(f);
  }
  return 0;
}

static kg_status load(fixture *f, const char *turtle)
{
  FILE *out = fopen(f->file, "w");
  assert_non_null(out);
  assert_int_equal(fputs(turtle, out) >= 0, 1);
  assert_int_equal(fclose(out), 0);
  return pipeline_open(&f->p, f->dir);
}

static const kg_class *section(const kg_ontology *o, const char *name)
{
  const kg_class *c = kg_map_get(o->by_section, name, strlen(name));
  assert_non_null(c);
  return c;
}

static const kg_property *key(const kg_ontology *o, const char *name)
{
  const kg_property *p = kg_map_get(o->by_key, name, strlen(name));
  assert_non_null(p);
  return p;
}

static void test_tiny(void **state)
{
  fixture *f = *state;
  kg_status st = load(f, tiny);
  if (st != KG_OK)
    print_error("%s", pipeline_diagnostics(&f->p));
  assert_int_equal(st, KG_OK);
  assert_string_equal(pipeline_diagnostics(&f->p), "");
  const kg_ontology *o = &f->p.onto;
  assert_string_equal(o->iri, "https://example.org/t");
  /* Classes, in IRI order: t:Gadget, t:Thing, then kg:Source. */
  assert_int_equal(o->classes.count, 3);
  assert_string_equal(((const kg_class *)o->classes.items[0])->iri,
                      "https://example.org/t#Gadget");
  assert_string_equal(((const kg_class *)o->classes.items[2])->iri,
                      KG_NS "Source");
  assert_ptr_equal(o->source_class, section(o, "sources"));
  const kg_class *thing = section(o, "things");
  const kg_class *gadget = kg_map_get(o->by_type, "gadget", 6);
  assert_non_null(gadget);
  assert_string_equal(thing->name, "thing");
  assert_true(kg_class_is_a(gadget, thing));
  assert_false(kg_class_is_a(thing, gadget));
  assert_false(kg_class_is_a(thing, o->source_class));
  /* Keys, their ranges and rules. */
  assert_int_equal(o->properties.count, 6);
  const kg_property *name = key(o, "name"), *made = key(o, "made");
  assert_int_equal(name->range, KG_RANGE_LANGSTRING);
  assert_true(name->is_label);
  assert_ptr_equal(name->domain, thing);
  assert_int_equal(made->range, KG_RANGE_DATE);
  assert_true(made->functional);
  assert_int_equal(made->required_on.count, 1);
  assert_ptr_equal(made->required_on.items[0], gadget);
  const kg_property *parts = key(o, "parts"), *part_of = key(o, "part-of");
  assert_int_equal(parts->range, KG_RANGE_ENTITY);
  assert_ptr_equal(parts->range_class, thing);
  assert_true(parts->acyclic);
  assert_ptr_equal(parts->inverse, part_of);
  assert_ptr_equal(part_of->inverse, parts);
  assert_true(key(o, "twin")->symmetric);
  assert_false(parts->symmetric);
  /* Where a key is declared, for messages about it: raptor tells the line
   * it has reached within the statement (lines 19-21). */
  assert_string_equal(parts->pos.file, f->file);
  assert_in_range(parts->pos.line, 19, 21);
  /* Properties in IRI order, numbered so. */
  for (size_t i = 0; i < o->properties.count; ++i)
    assert_int_equal(((const kg_property *)o->properties.items[i])->index, i);
  /* The ontology's own triples are kept, for the exports. */
  assert_true(o->triples.count > 30);
  assert_string_equal(kg_range_datatype(KG_RANGE_DATE), KG_XSD "date");
  assert_null(kg_range_datatype(KG_RANGE_ENTITY));
}

/* A reserved key, a symmetric key over text, no owl:Ontology and no
 * kg:Source: each an error of code "ontology"; the load fails. */
static void test_broken(void **state)
{
  fixture *f = *state;
  kg_status st = load(
      f, PREFIXES "t:Thing a owl:Class ; kg:yamlSection \"things\" .\n"
                  "t:id a owl:DatatypeProperty ; kg:yamlKey \"id\" ;\n"
                  "  rdfs:domain t:Thing ; rdfs:range xsd:string .\n"
                  "t:like a owl:DatatypeProperty , owl:SymmetricProperty ;\n"
                  "  kg:yamlKey \"like\" ; rdfs:domain t:Thing ; rdfs:range "
                  "xsd:string .\n");
  assert_int_equal(st, KG_ERR_FACTS);
  assert_int_equal(pipeline_count(&f->p, f->file, 9, 1, "error", "ontology"),
                   1);
  assert_int_equal(pipeline_count(&f->p, f->file, 11, 1, "error", "ontology"),
                   1);
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "reserved"));
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "symmetric"));
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "owl:Ontology"));
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "kg:Source"));
  assert_int_equal(pipeline_count(&f->p, "", 0, 0, "error", "ontology"), 4);
  assert_int_equal(pipeline_lines(&f->p), 4);
}

/* kgbuild's own terms for what OWL would misread (issue 19, item 6):
 * kg:OneValuedProperty makes a key one-valued as owl:FunctionalProperty
 * does, kg:valueDatatype kg:PartialDate gives dates of any precision as
 * rdfs:range did; kg:valueDatatype of a class is an ontology error. */
static void test_own_terms(void **state)
{
  fixture *f = *state;
  kg_status st =
      load(f, PREFIXES
           "<https://example.org/t> a owl:Ontology .\n"
           "kg:Source a owl:Class ; kg:yamlSection \"sources\" .\n"
           "t:Thing a owl:Class ; kg:yamlSection \"things\" .\n"
           "t:born a owl:DatatypeProperty , kg:OneValuedProperty ;\n"
           "  kg:yamlKey \"born\" ; rdfs:domain t:Thing ;\n"
           "  kg:valueDatatype kg:PartialDate .\n"
           "t:seen a owl:DatatypeProperty ; kg:yamlKey \"seen\" ;\n"
           "  rdfs:domain t:Thing ; kg:valueDatatype kg:PartialDate .\n");
  if (st != KG_OK)
    print_error("%s", pipeline_diagnostics(&f->p));
  assert_int_equal(st, KG_OK);
  const kg_ontology *o = &f->p.onto;
  assert_true(key(o, "born")->functional);
  assert_int_equal(key(o, "born")->range, KG_RANGE_PARTIALDATE);
  assert_false(key(o, "seen")->functional);
  assert_int_equal(key(o, "seen")->range, KG_RANGE_PARTIALDATE);
  pipeline_close(&f->p);
  st =
      load(f, PREFIXES "<https://example.org/t> a owl:Ontology .\n"
                       "kg:Source a owl:Class ; kg:yamlSection \"sources\" .\n"
                       "t:Thing a owl:Class ; kg:yamlSection \"things\" .\n"
                       "t:seen a owl:DatatypeProperty ; kg:yamlKey \"seen\" ;\n"
                       "  rdfs:domain t:Thing ; kg:valueDatatype t:Thing .\n");
  assert_int_equal(st, KG_ERR_FACTS);
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "kg:valueDatatype"));
  assert_int_equal(pipeline_count(&f->p, "", 0, 0, "error", "ontology"), 1);
}

/* A directory without *.ttl is an I/O error, not an empty ontology. */
static void test_no_ontology(void **state)
{
  fixture *f = *state;
  assert_int_equal(pipeline_open(&f->p, f->dir), KG_ERR_IO);
  assert_int_equal(pipeline_count(&f->p, f->dir, 0, 0, "error", "io"), 1);
}

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
  char path[160];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *out = fopen(path, "w");
  assert_non_null(out);
  assert_int_equal(fputs(text, out) >= 0, 1);
  assert_int_equal(fclose(out), 0);
}

static void remove_file(const char *dir, const char *name)
{
  char path[160];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  unlink(path);
}

/* kg_ontology_load_layers: a fact base's file of a new name adds to the
 * installed ontology, one of an installed file's name replaces it, and no
 * file anywhere is an error naming the places looked. */
static void test_layers(void **state)
{
  fixture *f = *state;
  char own[64] = "/tmp/kg-test-own.XXXXXX";
  assert_non_null(mkdtemp(own));
  assert_int_equal(load(f, tiny), KG_OK); /* f->dir: the installed one */
  write_file(own, "extra.ttl",
             PREFIXES "t:colour a owl:DatatypeProperty ; kg:yamlKey "
                      "\"colour\" ;\n"
                      "  rdfs:domain t:Thing ; rdfs:range xsd:string .\n");
  kg_ontology_layers layers = {f->dir, own, "A, then B"};
  kg_ontology_free(&f->p.onto);
  assert_int_equal(kg_ontology_load_layers(&f->p.onto, f->p.arena, f->p.strings,
                                           f->p.rdf, f->p.diag, &layers),
                   KG_OK);
  key(&f->p.onto, "colour"); /* the base's */
  key(&f->p.onto, "made");   /* the installed one's */
  /* t.ttl in the base: the installed t.ttl is not read at all */
  static const char renamed[] = "\"built\"";
  char *mine = malloc(sizeof tiny + sizeof renamed);
  assert_non_null(mine);
  const char *at = strstr(tiny, "\"made\"");
  snprintf(mine, sizeof tiny + sizeof renamed, "%.*s%s%s", (int)(at - tiny),
           tiny, renamed, at + strlen("\"made\""));
  write_file(own, "t.ttl", mine);
  free(mine);
  kg_ontology_free(&f->p.onto);
  assert_int_equal(kg_ontology_load_layers(&f->p.onto, f->p.arena, f->p.strings,
                                           f->p.rdf, f->p.diag, &layers),
                   KG_OK);
  key(&f->p.onto, "built");
  assert_null(kg_map_get(f->p.onto.by_key, "made", 4));
  key(&f->p.onto, "colour");
  /* nowhere */
  kg_ontology_free(&f->p.onto);
  kg_ontology_layers none = {"/nonexistent/kg-a", "/nonexistent/kg-b",
                             "A, then B"};
  assert_int_equal(kg_ontology_load_layers(&f->p.onto, f->p.arena, f->p.strings,
                                           f->p.rdf, f->p.diag, &none),
                   KG_ERR_IO);
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "A, then B"));
  assert_non_null(strstr(pipeline_diagnostics(&f->p), "/nonexistent/kg-b"));
  remove_file(own, "extra.ttl");
  remove_file(own, "t.ttl");
  rmdir(own);
}

/* An identifier key (issue 24): its pattern compiled, its check digit and
 * IRI template read; values checked by both, the IRI made from the value
 * (docs/facts.md, "External identifiers"). */
static void test_identifier_key(void **state)
{
  fixture *f = *state;
  kg_status st = load(
      f, PREFIXES
      "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
      "<https://example.org/t> a owl:Ontology .\n"
      "kg:Source a owl:Class ; kg:yamlSection \"sources\" .\n"
      "t:orcid a owl:DatatypeProperty ; kg:yamlKey \"orcid\" ;\n"
      "  kg:pattern \"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$\" ;\n"
      "  kg:checkDigit kg:ISO7064Mod11-2 ; skos:example "
      "\"0000-0002-1825-0097\" ;\n"
      "  kg:iriTemplate \"https://orcid.org/{id}\" ; rdfs:range xsd:string "
      ".\n");
  if (st != KG_OK)
    print_error("%s", pipeline_diagnostics(&f->p));
  assert_int_equal(st, KG_OK);
  const kg_property *p = key(&f->p.onto, "orcid");
  char why[256] = "", hint[256] = "", iri[64];
  assert_true(p->identifier);
  assert_int_equal(p->check_digit, KG_CHECK_DIGIT_MOD11_2);
  assert_true(kg_property_value_ok(p, "0000-0002-1825-0097", 19, why,
                                   sizeof why, hint, sizeof hint));
  /* ORCID's own examples: a check digit X (10), and 0. */
  assert_true(
      kg_property_value_ok(p, "0000-0002-9079-593X", 19, NULL, 0, NULL, 0));
  assert_true(
      kg_property_value_ok(p, "0000-0001-5109-3700", 19, NULL, 0, NULL, 0));
  assert_false(kg_property_value_ok(p, "0000-0002-1825-0098", 19, why,
                                    sizeof why, hint, sizeof hint));
  assert_non_null(strstr(why, "should be 7, not 8"));
  assert_false(kg_property_value_ok(p, "0000-0002-1825-009", 18, why,
                                    sizeof why, hint, sizeof hint));
  assert_non_null(strstr(why, "pattern"));
  assert_non_null(strstr(hint, "0000-0002-1825-0097"));
  /* A NUL inside the value is no match, whatever follows it. */
  assert_false(
      kg_property_value_ok(p, "0000-0002-1825-0097\0x", 21, NULL, 0, NULL, 0));
  assert_int_equal(
      kg_identifier_iri(p, "0000-0002-1825-0097", 19, iri, sizeof iri), 37);
  assert_string_equal(iri, "https://orcid.org/0000-0002-1825-0097");
  assert_int_equal(kg_identifier_iri(p, "x", 1, iri, 4), 19); /* too small */
  assert_int_equal(kg_identifier_iri(key(&f->p.onto, "orcid"), "", 0, NULL, 0),
                   18);
}

/* What kgbuild cannot use: a pattern that is no regular expression, a
 * template without {id}, a check digit it does not compute, a pattern on
 * a key of references, an example the pattern refuses. */
static void test_identifier_broken(void **state)
{
  fixture *f = *state;
  kg_status st = load(
      f, PREFIXES
      "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
      "<https://example.org/t> a owl:Ontology .\n"
      "kg:Source a owl:Class ; kg:yamlSection \"sources\" .\n"
      "t:a a owl:DatatypeProperty ; kg:yamlKey \"a\" ;\n"
      "  kg:pattern \"^(Q$\" ; rdfs:range xsd:string .\n"
      "t:b a owl:DatatypeProperty ; kg:yamlKey \"b\" ;\n"
      "  kg:iriTemplate \"https://example.org/\" ; rdfs:range xsd:string .\n"
      "t:c a owl:DatatypeProperty ; kg:yamlKey \"c\" ;\n"
      "  kg:checkDigit kg:Luhn ; rdfs:range xsd:string .\n"
      "t:d a owl:ObjectProperty ; kg:yamlKey \"d\" ;\n"
      "  kg:pattern \"^Q$\" ; rdfs:range kg:Source .\n"
      "t:e a owl:DatatypeProperty ; kg:yamlKey \"e\" ;\n"
      "  kg:pattern \"^Q[0-9]+$\" ; skos:example \"P31\" ; rdfs:range "
      "xsd:string .\n");
  assert_int_equal(st, KG_ERR_FACTS);
  const char *d = pipeline_diagnostics(&f->p);
  assert_non_null(strstr(d, "'a' is not a regular expression"));
  assert_non_null(strstr(d, "kg:iriTemplate of 'b'"));
  assert_non_null(
      strstr(d, "no check digit <https://w3id.org/kgbuild/ns#Luhn>"));
  assert_non_null(strstr(d, "key 'd' has a pattern"));
  assert_non_null(strstr(d, "skos:example of 'e'"));
  assert_int_equal(pipeline_count(&f->p, "", 0, 0, "error", "ontology"), 5);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_tiny, setup, teardown),
      cmocka_unit_test_setup_teardown(test_broken, setup, teardown),
      cmocka_unit_test_setup_teardown(test_own_terms, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_ontology, setup, teardown),
      cmocka_unit_test_setup_teardown(test_layers, setup, teardown),
      cmocka_unit_test_setup_teardown(test_identifier_key, setup, teardown),
      cmocka_unit_test_setup_teardown(test_identifier_broken, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
