/* import_wikidata.c - Wikidata entity JSON, the form of
 * Special:EntityData/Q42.json ({"entities": {"Q42": {...}}}; a bare entity
 * object, or an array of them, is read too): an item that is an instance
 * of human (P31 Q5) becomes a person, with its labels in every language
 * (`name`), aliases (`alt-name`), descriptions, birth and death dates
 * (P569, P570), identifiers (P213 ISNI, P214 VIAF, P496 ORCID, P856
 * official website; its own Q-id as `wikidata`) and its positions held
 * (P39) as `holds`, each with its start and end (P580, P582) and its rank
 * (preferred, normal, deprecated, as kgbuild's).  A position held is a post:
 * the item of the position when the file has it, with its labels, else a
 * post named by its Q-id (reported).  What else the items say is reported
 * as not mapped, one line per property. */
#include "import.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Properties whose value is an identifier of an authority (issue 24). */
static const struct {
  const char *prop, *key;
} identifiers[] = {
    {"P213", "isni"},
    {"P214", "viaf"},
    {"P496", "orcid"},
    {"P856", "official-website"},
};

static const char gregorian[] = "http://www.wikidata.org/entity/Q1985727";

typedef struct {
  const kg_import_input *in;
  kg_import *im;
} reader;

static kg_status unmapped(reader *r, const char *what)
{
  return kg_import_unmapped(r->im, what);
}

/* The value of a snak when it has one of the type wanted. */
static const kg_json *snak_value(const kg_json *snak, const char *type)
{
  const char *kind = kg_json_str(kg_json_get(snak, "snaktype"), NULL);
  const kg_json *dv = kg_json_get(snak, "datavalue");
  const char *t = kg_json_str(kg_json_get(dv, "type"), NULL);
  if (!kind || strcmp(kind, "value") != 0 || !t || strcmp(t, type) != 0)
    return NULL;
  return kg_json_get(dv, "value");
}

static const char *snak_item(const kg_json *snak)
{
  return kg_json_str(kg_json_get(snak_value(snak, "wikibase-entityid"), "id"),
                     NULL);
}

/* A time value as a kgbuild date into buf: "+2013-06-00T00:00:00Z" with
 * precision 9 (year), 10 (month) or 11 (day), in the Gregorian calendar
 * and a year 1-9999; NULL otherwise. */
static const char *snak_date(const kg_json *snak, char buf[32])
{
  const kg_json *v = snak_value(snak, "time");
  const char *time = kg_json_str(kg_json_get(v, "time"), NULL);
  const char *cal = kg_json_str(kg_json_get(v, "calendarmodel"), NULL);
  long long precision;
  if (!time || !kg_json_int(kg_json_get(v, "precision"), &precision) ||
      precision < 9 || precision > 11 || (cal && strcmp(cal, gregorian) != 0))
    return NULL;
  int y, m, d;
  char tail;
  if (sscanf(time, "+%4d-%2d-%2d%c", &y, &m, &d, &tail) != 4 || tail != 'T' ||
      strlen(time) < 11 || time[5] != '-' || y < 1 || m < 0 || m > 12 ||
      d < 0 || d > 31 || (precision >= 10 && m == 0) ||
      (precision == 11 && d == 0))
    return NULL;
  if (precision == 9)
    snprintf(buf, 32, "%04d", y);
  else if (precision == 10)
    snprintf(buf, 32, "%04d-%02d", y % 10000, m % 100);
  else
    snprintf(buf, 32, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
  return buf;
}

static const char *snak_string(const kg_json *snak, size_t *len)
{
  return kg_json_str(snak_value(snak, "string"), len);
}

static bool is_human(const kg_json *item)
{
  const kg_json *p31 = kg_json_get(kg_json_get(item, "claims"), "P31");
  for (size_t i = 0; i < kg_json_len(p31); ++i) {
    const char *q = snak_item(kg_json_get(kg_json_at(p31, i), "mainsnak"));
    if (q && strcmp(q, "Q5") == 0)
      return true;
  }
  return false;
}

static int rank_of(const kg_json *statement)
{
  const char *rank = kg_json_str(kg_json_get(statement, "rank"), NULL);
  return !rank                             ? 0
         : strcmp(rank, "preferred") == 0  ? 1
         : strcmp(rank, "deprecated") == 0 ? -1
                                           : 0;
}

/* Labels, aliases and descriptions, in every language. */
static kg_status terms(reader *r, kg_imp_entity *e, const kg_json *item)
{
  kg_status st = KG_OK;
  void *it = NULL;
  const kg_json *v;
  size_t len;
  const char *s;
  for (const char *lang;
       (lang = kg_json_next(kg_json_get(item, "labels"), &it, &v));)
    if ((s = kg_json_str(kg_json_get(v, "value"), &len)))
      TRY(kg_import_name(r->im, e, lang, s, len, "labels"));
  it = NULL;
  for (const char *lang;
       (lang = kg_json_next(kg_json_get(item, "aliases"), &it, &v));)
    for (size_t i = 0; i < kg_json_len(v); ++i)
      if ((s = kg_json_str(kg_json_get(kg_json_at(v, i), "value"), &len)))
        TRY(kg_import_text(r->im, e, "alt-name", lang, s, len, "aliases",
                           NULL));
  it = NULL;
  for (const char *lang;
       (lang = kg_json_next(kg_json_get(item, "descriptions"), &it, &v));)
    if ((s = kg_json_str(kg_json_get(v, "value"), &len)))
      TRY(kg_import_text(r->im, e, "description", lang, s, len, "descriptions",
                         NULL));
out:
  return st;
}

/* A position held (P39): `holds`, with its dates and rank.  Qualifiers
 * other than P580, P582 and the reason for a deprecated rank (P2241) are
 * reported. */
static kg_status position_held(reader *r, kg_imp_entity *e,
                               const kg_json *statement)
{
  kg_status st = KG_OK;
  const char *post = snak_item(kg_json_get(statement, "mainsnak"));
  if (!post)
    return unmapped(r, "claims.P39 (no item: unknown or no value)");
  kg_imp_value *v;
  TRY(kg_import_ref(r->im, e, "holds", KG_IMP_POSTS, post, strlen(post), &v));
  v->rank = rank_of(statement);
  void *it = NULL;
  const kg_json *qs;
  for (const char *p;
       (p = kg_json_next(kg_json_get(statement, "qualifiers"), &it, &qs));) {
    bool start = strcmp(p, "P580") == 0, end = strcmp(p, "P582") == 0;
    for (size_t i = 0; i < kg_json_len(qs); ++i) {
      char buf[32], field[80];
      const kg_json *q = kg_json_at(qs, i);
      snprintf(field, sizeof field, "claims.P39.qualifiers.%.40s", p);
      if ((start || end) && i == 0 && snak_date(q, buf))
        kg_import_qualifier(r->im, v, end, buf, strlen(buf), field);
      else if (strcmp(p, "P2241") == 0 && snak_item(q) && v->rank < 0) {
        char reason[120];
        snprintf(reason, sizeof reason,
                 "deprecated in Wikidata; reason for deprecated rank: %.40s",
                 snak_item(q));
        v->reason = kg_arena_strndup(r->in->arena, reason, strlen(reason));
      } else
        TRY(unmapped(r, field));
    }
  }
out:
  return st;
}

static kg_status claim(reader *r, kg_imp_entity *e, const char *prop,
                       const kg_json *statement)
{
  const kg_json *snak = kg_json_get(statement, "mainsnak");
  char buf[32], field[64];
  size_t len;
  const char *s;
  snprintf(field, sizeof field, "claims.%.40s", prop);
  if (strcmp(prop, "P31") == 0)
    return KG_OK; /* read: what the item is */
  if (strcmp(prop, "P39") == 0 && e->section == KG_IMP_PEOPLE)
    return position_held(r, e, statement);
  bool born = strcmp(prop, "P569") == 0, died = strcmp(prop, "P570") == 0;
  if ((born || died) && e->section == KG_IMP_PEOPLE &&
      rank_of(statement) >= 0 && snak_date(snak, buf)) {
    /* A preferred date keeps its rank: it is the one a one-valued key
     * keeps (import.c, keep_value). */
    kg_imp_value *v;
    kg_status st = kg_import_date(r->im, e, born ? "born" : "died", buf,
                                  strlen(buf), field, &v);
    if (v)
      v->rank = rank_of(statement);
    return st;
  }
  for (size_t i = 0; i < COUNT(identifiers); ++i)
    if (strcmp(prop, identifiers[i].prop) == 0 && rank_of(statement) >= 0 &&
        (s = snak_string(snak, &len)))
      return kg_import_identifier(r->im, e, identifiers[i].key, s, len, field);
  return unmapped(r, field);
}

static kg_status item_members(reader *r, const kg_json *item)
{
  kg_status st = KG_OK;
  static const char *const read[] = {"id",      "type",         "labels",
                                     "aliases", "descriptions", "claims"};
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(item, &it, &v));) {
    bool done = false;
    for (size_t i = 0; i < COUNT(read) && !done; ++i)
      done = strcmp(k, read[i]) == 0;
    if (!done)
      TRY(unmapped(r, k));
  }
out:
  return st;
}

/* One item: a person, or a position some person in the file holds. */
static kg_status item(reader *r, const kg_json *j, bool people)
{
  kg_status st = KG_OK;
  size_t len;
  const char *id = kg_json_str(kg_json_get(j, "id"), &len);
  if (!id || kg_json_kind_of(j) != KG_JSON_OBJECT) {
    kg_import_error(r->im, (kg_pos){0}, "an entity without an \"id\"");
    return KG_OK;
  }
  bool human = is_human(j);
  if (human != people)
    return KG_OK;
  if (!human && !kg_import_find(r->im, KG_IMP_POSTS, id))
    return unmapped(r, "entities neither human (P31 Q5) nor a position "
                       "someone in the file holds");
  kg_imp_entity *e = kg_import_find(r->im, KG_IMP_POSTS, id);
  if (human)
    TRY(kg_import_entity(r->im, KG_IMP_PEOPLE, id, len, (kg_pos){0}, &e));
  if (!e)
    return KG_OK;
  TRY(kg_import_identifier(r->im, e, "wikidata", id, len, "id"));
  TRY(terms(r, e, j));
  void *it = NULL;
  const kg_json *statements;
  for (const char *p;
       (p = kg_json_next(kg_json_get(j, "claims"), &it, &statements));)
    for (size_t i = 0; i < kg_json_len(statements); ++i)
      TRY(claim(r, e, p, kg_json_at(statements, i)));
  TRY(item_members(r, j));
out:
  return st;
}

/* The posts people hold, before their items are read: an item that is a
 * position held gets its labels; one the file lacks keeps its Q-id as its
 * name, reported. */
static kg_status posts_held(reader *r, kg_vec *items)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < items->count; ++i) {
    const kg_json *p39 =
        kg_json_get(kg_json_get(items->items[i], "claims"), "P39");
    if (!is_human(items->items[i]))
      continue;
    for (size_t k = 0; k < kg_json_len(p39); ++k) {
      const char *q = snak_item(kg_json_get(kg_json_at(p39, k), "mainsnak"));
      kg_imp_entity *e;
      if (!q || kg_import_find(r->im, KG_IMP_POSTS, q))
        continue;
      TRY(kg_import_entity(r->im, KG_IMP_POSTS, q, strlen(q), (kg_pos){0}, &e));
    }
  }
out:
  return st;
}

/* Posts whose item the file lacks are named by their Q-id. */
static kg_status unnamed_posts(reader *r, kg_vec *items)
{
  kg_status st = KG_OK;
  (void)items;
  for (size_t i = 0;; ++i) {
    kg_imp_entity *e = NULL;
    /* the posts are the import's; walk them by their input ids */
    if (!(e = kg_import_nth(r->im, KG_IMP_POSTS, i)))
      break;
    bool named = false;
    for (size_t k = 0; k < e->values.count && !named; ++k)
      named = strcmp(((kg_imp_value *)e->values.items[k])->key, "name") == 0;
    if (named)
      continue;
    kg_import_warn(r->im, (kg_pos){0},
                   "position %s: the file has no item for it, so its name "
                   "is its Q-id (add the item, Special:EntityData/%s.json, "
                   "for its labels)",
                   e->orig, e->orig);
    TRY(kg_import_name(r->im, e, "en", e->orig, strlen(e->orig), "id"));
    TRY(kg_import_identifier(r->im, e, "wikidata", e->orig, strlen(e->orig),
                             "id"));
  }
out:
  return st;
}

/* The items of the document: {"entities": {...}}, one item, or an array. */
static kg_status collect(reader *r, const kg_json *root, kg_vec *items)
{
  kg_status st = KG_OK;
  const kg_json *entities = kg_json_get(root, "entities");
  void *it = NULL;
  const kg_json *v;
  if (entities && kg_json_kind_of(entities) == KG_JSON_OBJECT) {
    for (const char *k; (k = kg_json_next(entities, &it, &v));)
      TRY(kg_vec_push(items, (void *)v));
  } else if (kg_json_kind_of(root) == KG_JSON_ARRAY) {
    for (size_t i = 0; i < kg_json_len(root); ++i)
      TRY(kg_vec_push(items, (void *)kg_json_at(root, i)));
  } else if (kg_json_get(root, "id")) {
    TRY(kg_vec_push(items, (void *)root));
  } else {
    kg_import_error(r->im, (kg_pos){r->in->name, 1, 1},
                    "not Wikidata entity JSON: expected {\"entities\": "
                    "{...}}, as Special:EntityData gives it");
  }
out:
  return st;
}

kg_status kg_import_wikidata(const kg_import_input *in)
{
  kg_status st = KG_OK;
  bool nomem;
  reader r = {in, in->im};
  kg_vec items = {0};
  size_t bom = in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  kg_rpc_value *doc =
      kg_import_json(in, in->text + bom, in->len - bom, 1, &nomem);
  if (!doc)
    return nomem ? KG_ERR_NOMEM : KG_ERR_FACTS;
  TRY(collect(&r, kg_json_root(doc), &items));
  TRY(posts_held(&r, &items));
  for (size_t i = 0; i < items.count; ++i)
    TRY(item(&r, items.items[i], true));
  for (size_t i = 0; i < items.count; ++i)
    TRY(item(&r, items.items[i], false));
  TRY(unnamed_posts(&r, &items));
out:
  kg_vec_free(&items);
  kg_rpc_value_free(doc);
  return st;
}
