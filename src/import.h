/* import.h - `kgbuild import FORMAT FILE`: fact files from the data people
 * already have (Popolo JSON, FollowTheMoney entities, Wikidata entity JSON,
 * CSV with a mapping).  Each format's reader (import_popolo.c, import_ftm.c,
 * import_wikidata.c, import_csv.c) fills one small model of entities and
 * values through the calls below; import.c gives the entities readable,
 * unique ids, resolves references, reports every field that was not mapped,
 * and import_yaml.c writes the model as one fact file (libyaml's emitter)
 * whose every entry cites a source entry for the imported file.
 * docs/facts.md, "Importing". */
#ifndef KG_IMPORT_H
#define KG_IMPORT_H

#include "arena.h"
#include "diag.h"
#include "ontology.h"
#include "rpc.h"

#include <stdio.h>

/* The entry point, from main.c: argv[0] is "import".  Returns the status
 * the driver maps to an exit code. */
kg_status kg_import_main(int argc, char **argv) KG_NODISCARD;

/* Reads len bytes of text (NUL-terminated) as format fmt ("popolo", "ftm",
 * "wikidata", "csv" with the mapping file `mapping`) and writes the fact file
 * into *yaml (malloc'd; free it), touching no file but the mapping: for the
 * fuzzer and the tests.  Problems go to diag; KG_ERR_FACTS when the input
 * has errors, KG_ERR_USAGE for an unknown format. */
kg_status kg_import_buffer(const char *fmt, const char *name, const char *text,
                           size_t len, const char *mapping,
                           const kg_ontology *onto, kg_diag *diag, char **yaml,
                           size_t *yaml_len) KG_NODISCARD;

/* ---- the model the readers fill ---------------------------------------- */

/* The sections an import writes, in the order it writes them. */
typedef enum {
  KG_IMP_PEOPLE,
  KG_IMP_ORGS,
  KG_IMP_POSTS,
  KG_IMP_APPOINTMENTS,
  KG_IMP_SECTIONS
} kg_imp_section;

/* How a value is written. */
typedef enum {
  KG_IMP_TEXT, /* text, in double quotes; with a language or none */
  KG_IMP_DATE, /* a date as kgbuild reads it (checked) */
  KG_IMP_REF,  /* the input's id of another entity, resolved to its id */
} kg_imp_kind;

typedef struct {
  const char *key; /* the fact format's key */
  kg_imp_kind kind;
  const char *lang;      /* KG_IMP_TEXT: a language tag (lower case), or NULL */
  const char *value;     /* text, date, or the target's input id */
  kg_imp_section target; /* KG_IMP_REF: where the target is */
  const char *start, *end; /* qualifiers: dates, or NULL */
  int rank;                /* -1 deprecated, 0 normal, 1 preferred */
  const char *reason;      /* why deprecated */
  const char *resolved;    /* KG_IMP_REF: the target's id, once known */
} kg_imp_value;

typedef struct {
  kg_imp_section section;
  const char *orig;  /* the input's id, unique in its section */
  const char *label; /* what its id is made from: a name, or NULL */
  kg_pos pos;        /* where the input gives it (a line, or the file) */
  const char *id;    /* the id written */
  kg_vec values;     /* kg_imp_value* */
} kg_imp_entity;

typedef struct kg_import kg_import;

/* A new entity of section s with the input's id orig; *out is NULL, and an
 * error reported at pos, when the section has one of that id already. */
kg_status kg_import_entity(kg_import *im, kg_imp_section s, const char *orig,
                           size_t len, kg_pos pos,
                           kg_imp_entity **out) KG_NODISCARD;
/* The entity of section s with input id orig, or NULL. */
kg_imp_entity *kg_import_find(kg_import *im, kg_imp_section s,
                              const char *orig);

/* The i-th entity of section s, in the order they were made; NULL past
 * the last. */
kg_imp_entity *kg_import_nth(kg_import *im, kg_imp_section s, size_t i);

/* A name in language lang (NULL: none): the first of a language is the
 * entry's `name`, the others `alt-name`. */
kg_status kg_import_name(kg_import *im, kg_imp_entity *e, const char *lang,
                         const char *text, size_t len,
                         const char *field) KG_NODISCARD;
/* A text value of key.  Text that is not text (control characters, bad
 * UTF-8) and a language tag that is not BCP 47 are reported as not
 * mapped, under field; *out (may be NULL) is then NULL. */
kg_status kg_import_text(kg_import *im, kg_imp_entity *e, const char *key,
                         const char *lang, const char *text, size_t len,
                         const char *field, kg_imp_value **out) KG_NODISCARD;
/* A date (YYYY, YYYY-MM or YYYY-MM-DD; an ISO 8601 date-time is cut to
 * its day); anything else is reported as not mapped, under field. */
kg_status kg_import_date(kg_import *im, kg_imp_entity *e, const char *key,
                         const char *text, size_t len, const char *field,
                         kg_imp_value **out) KG_NODISCARD;
/* A reference to the entity of section target whose input id is orig. */
kg_status kg_import_ref(kg_import *im, kg_imp_entity *e, const char *key,
                        kg_imp_section target, const char *orig, size_t len,
                        kg_imp_value **out) KG_NODISCARD;
/* A date as a value's qualifier (`start`, `end`): false, and reported as
 * not mapped under field, when it is not a date. */
bool kg_import_qualifier(kg_import *im, kg_imp_value *v, bool end,
                         const char *text, size_t len, const char *field);
/* An identifier of an authority (the keys of issue 24: wikidata, isni,
 * orcid, viaf, opensanctions, official-website): written when the
 * ontology has the key, else reported as not mapped. */
kg_status kg_import_identifier(kg_import *im, kg_imp_entity *e, const char *key,
                               const char *text, size_t len,
                               const char *field) KG_NODISCARD;

/* A field of the input with no place in the facts: counted, and reported
 * once with its count. */
kg_status kg_import_unmapped(kg_import *im, const char *field) KG_NODISCARD;
/* A value that could not be mapped, reported where it is. */
void kg_import_warn(kg_import *im, kg_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void kg_import_error(kg_import *im, kg_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* What a reader is given. */
typedef struct {
  kg_import *im;
  kg_diag *diag;
  kg_arena *arena;
  const kg_ontology *onto;
  const char *name; /* the input as positions name it */
  const char *text; /* its bytes (a BOM included), NUL-terminated */
  size_t len;
  const char *mapping; /* csv: the mapping file's path */
} kg_import_input;

kg_status kg_import_popolo(const kg_import_input *in) KG_NODISCARD;
kg_status kg_import_ftm(const kg_import_input *in) KG_NODISCARD;
kg_status kg_import_wikidata(const kg_import_input *in) KG_NODISCARD;
kg_status kg_import_csv(const kg_import_input *in) KG_NODISCARD;

/* Parses the JSON of text[0, len) (strict: rpc.h, kg_json_parse); a
 * refusal is reported as an error at its line and column of the input,
 * counting from line `first_line` (JSON lines: each line is a document),
 * and gives NULL.  *nomem says when memory ran out instead. */
kg_rpc_value *kg_import_json(const kg_import_input *in, const char *text,
                             size_t len, uint32_t first_line,
                             bool *nomem) KG_NODISCARD;
/* A field name for messages: "persons[].gender" (in the arena). */
const char *kg_import_field(const kg_import_input *in, const char *parent,
                            const char *member);

/* ---- writing ------------------------------------------------------------ */

/* The source entry every imported entry cites. */
typedef struct {
  const char *id, *title, *accessed, *local_copy, *sha256;
} kg_imp_source;

/* Writes the fact file: the source, then each section's entities in id
 * order, each value in key order.  KG_ERR_IO when out fails. */
kg_status kg_import_write_yaml(FILE *out, const kg_imp_source *src,
                               kg_vec sections[KG_IMP_SECTIONS]) KG_NODISCARD;

#endif
