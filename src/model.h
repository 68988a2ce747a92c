/* model.h - stage 2: the fact model.  YAML trees become entities and
 * statements, typed by the ontology.  Everything lives in one arena;
 * strings that are compared (ids, keys, IRIs, language tags) are interned,
 * so equality is pointer equality. */
#ifndef KG_MODEL_H
#define KG_MODEL_H

#include "load.h"
#include "ontology.h"
#include "text.h"

typedef struct kg_entity kg_entity;
typedef struct kg_passage kg_passage; /* sources.h */
typedef struct kg_copy kg_copy;       /* sources.h */

/* Where a statement comes from: the sources it cites and the passage. */
typedef struct {
  size_t count;
  const char **ids;    /* interned source ids */
  kg_pos *positions;   /* where each is cited */
  kg_entity **sources; /* resolved by check */
  bool resolved;       /* check has looked the ids up (once: a record is
                          shared by all the statements of an entry) */
  const char *quote;   /* or NULL */
  size_t quote_len;
  kg_pos quote_pos; /* the quote's value in the fact file */
  /* Where the quote is in each cited source's archived copy (count
   * entries, NULL where that copy was not checked); NULL when none was.
   * Set by kg_sources_check, which owns them as check owns `sources`. */
  const kg_passage **passages;
} kg_provenance;

struct kg_entity {
  const char *id; /* interned */
  const kg_class *cls;
  kg_pos pos;                /* the id's value in the fact file */
  const kg_provenance *prov; /* the entry's source and quote */
  const char *label;         /* for GraphML: English, untagged or any name */
  size_t first_statement, statement_count; /* set by check, in sorted order */
  size_t first_outranked, outranked_count; /* in kg_model.outranked */
  uint32_t index; /* position in id order, set by check */
};

/* A statement's rank among the values of its key on its entry, as
 * Wikidata's: the direct triple is written for the best-ranked values. */
typedef enum {
  KG_RANK_NORMAL = 0,
  KG_RANK_PREFERRED,
  KG_RANK_DEPRECATED,
} kg_rank;

typedef struct kg_statement kg_statement;

/* What a long form says about its statement besides the value: rarely
 * present, so one pointer on the statement. */
typedef struct {
  kg_statement **qualifiers; /* values of kg:Qualifier properties: subject
                                is the entry, prop the qualifier */
  size_t qualifier_count;
  /* Set by check, which sorts the qualifiers: the first said_count are
   * part of what the statement says (its identity, with its subject, key
   * and value); the rest are notes, the curator's remarks, which do not
   * split a statement (docs/facts.md). */
  size_t said_count;
  const kg_provenance **also; /* more provenance: the same value given by
                                 other sources (merged by check) */
  size_t also_count;
  const char *reason; /* `reason:` of the rank, or NULL */
  size_t reason_len;
  kg_pos rank_pos; /* where `rank:` is written */
  bool checked;    /* check has looked at the qualifiers (once: shared by
                      the statements of one long form and their reverses) */
} kg_statement_extra;

struct kg_statement {
  kg_entity *subject;
  const kg_property *prop;
  kg_pos pos; /* the value in the fact file */
  /* object: an entity reference ... */
  const char *ref;   /* interned id, or NULL for literals */
  kg_entity *object; /* resolved by check */
  /* ... or a literal, in canonical lexical form */
  const char *lexical;
  size_t len;
  const char *datatype; /* IRI; NULL for language-tagged and entities */
  const char *lang;     /* interned lower-case tag, or NULL */
  kg_date date;         /* for dates: the parsed value */
  const kg_provenance *prov;
  bool derived;   /* written by kgbuild: inverse or symmetric */
  bool entailed;  /* written by kgbuild: a super-property's triple
                     (derived too; it gets no statement node) */
  bool invalid;   /* written, but wrong (reported): the key counts
                     as given, so that "needs 'post'" does not
                     follow "unknown post"; check drops it */
  uint8_t rank;   /* kg_rank */
  bool outranked; /* set by check: not a best-ranked value of its key */
  const kg_statement_extra *extra; /* or NULL */
  /* Of a derived or entailed statement: the one it holds for (check ranks
   * an entailed one alike, and checks a reverse link for cycles as that). */
  const kg_statement *origin;
};

typedef struct {
  kg_arena *arena;
  kg_map *strings;
  const kg_ontology *onto;
  kg_vec entities;   /* kg_entity*: in file order, then id order after check */
  kg_vec statements; /* kg_statement*: in file order, then sorted by check */
  kg_vec outranked;  /* kg_statement*: after check, the values that are not
                        best-ranked (deprecated, or normal beside a preferred
                        one, or a coarser date a finer one refines), sorted:
                        exported as statement nodes only */
  kg_map *by_id;     /* id -> kg_entity*: every id the facts mention is a key
                        (NULL until defined), and ids are its stored keys */
  kg_arena *ids;     /* by_id's keys, packed apart from the rest of the model:
                        looking up a reference then touches a few MB, not
                        the whole model (modelling 100k people: 0.53 s ->
                        0.47 s) */
  const kg_copy **copies; /* by entity index: where kg_sources_check found
                             each source's copy (NULL: none) */
  size_t files;
  size_t unreadable; /* files that could not be loaded: a reference to an id
                        they may define is not reported as unknown */
} kg_model;

kg_status kg_model_init(kg_model *model, kg_arena *arena, kg_map *strings,
                        const kg_ontology *onto) KG_NODISCARD;
void kg_model_free(kg_model *model);

/* Adds one file's facts.  Problems are reported to diag; KG_ERR_FACTS when
 * there were any (the file's other facts are still added, so that checking
 * can go on and report everything). */
kg_status kg_model_add_file(kg_model *model, kg_diag *diag, const char *path,
                            const kg_ynode *root) KG_NODISCARD;

/* A statement's references: every provenance record that states it (the
 * first is `prov`; more when several sources state the same statement).
 * The one way every stage and export reads them. */
size_t kg_statement_ref_count(const kg_statement *s);
const kg_provenance *kg_statement_ref(const kg_statement *s, size_t i);

/* The best-ranked value of s's key on its subject that refines s, an
 * outranked date of the same rank (check keeps the finest of dates that
 * agree: 2013-06-15 beside 2013); NULL when s is outranked by its rank
 * instead.  What `show` and the site say of an outranked date. */
const kg_statement *kg_statement_refiner(const kg_model *m,
                                         const kg_statement *s);

/* A source id and its place in a list of ids gathered from several
 * references (kg_first_ids' work space). */
typedef struct {
  const char *id;
  size_t index;
} kg_id_at;

/* Sets first[i] when ids[i].id (ids[i].index == i on entry) occurs at no
 * index below i, in O(n log n): the writers name each source of a
 * statement's references once, in the order first cited.  ids is left
 * sorted. */
void kg_first_ids(kg_id_at *ids, size_t n, bool *first);

/* Compare two statements' objects (for sorting and deduplication). */
int kg_statement_compare(const kg_statement *a, const kg_statement *b);

#endif
