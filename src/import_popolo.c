/* import_popolo.c - Popolo JSON (https://www.popoloproject.com/specs/):
 * one object whose arrays `persons`, `organizations`, `posts` and
 * `memberships` become people, organisations, posts, and appointments (a
 * membership with a post) or `member-of` with its dates (one without).
 * Each member of each object is mapped by the tables below or reported as
 * not mapped. */
#include "import.h"

#include "text.h"

#include <stdio.h>
#include <string.h>

typedef enum {
  R_SKIP,        /* read elsewhere (ids, the membership's links) */
  R_NAME,        /* a string: the name */
  R_OTHER_NAMES, /* [{name}]: alt-name */
  R_LABELS,      /* [string]: alt-name */
  R_TEXT,        /* a string: text of key */
  R_DATE,        /* a string: a date of key */
  R_REF,         /* a string: the id of an entity of `target` */
  R_IDENTIFIERS, /* [{scheme, identifier}] */
  R_LINKS,       /* [{url}]: url */
} rule_kind;

typedef struct {
  const char *member;
  rule_kind kind;
  const char *key;
  kg_imp_section target;
} rule;

static const rule person_rules[] = {
    {"id", R_SKIP, NULL, 0},
    {"name", R_NAME, NULL, 0},
    {"other_names", R_OTHER_NAMES, NULL, 0},
    {"birth_date", R_DATE, "born", 0},
    {"death_date", R_DATE, "died", 0},
    {"summary", R_TEXT, "description", 0},
    {"identifiers", R_IDENTIFIERS, NULL, 0},
    {"links", R_LINKS, NULL, 0},
};

static const rule org_rules[] = {
    {"id", R_SKIP, NULL, 0},
    {"name", R_NAME, NULL, 0},
    {"other_names", R_OTHER_NAMES, NULL, 0},
    {"parent_id", R_REF, "part-of", KG_IMP_ORGS},
    {"founding_date", R_DATE, "founded", 0},
    {"dissolution_date", R_DATE, "dissolved", 0},
    {"identifiers", R_IDENTIFIERS, NULL, 0},
    {"links", R_LINKS, NULL, 0},
};

static const rule post_rules[] = {
    {"id", R_SKIP, NULL, 0},
    {"label", R_NAME, NULL, 0},
    {"other_label", R_LABELS, NULL, 0},
    {"organization_id", R_REF, "post-in", KG_IMP_ORGS},
    {"links", R_LINKS, NULL, 0},
};

/* The identifier schemes Popolo files use, and the fact format's key for
 * each (issue 24's keys: written when the ontology has them). */
static const struct {
  const char *scheme, *key;
} schemes[] = {
    {"wikidata", "wikidata"},
    {"isni", "isni"},
    {"orcid", "orcid"},
    {"viaf", "viaf"},
    {"opensanctions", "opensanctions"},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

typedef struct {
  const kg_import_input *in;
  kg_import *im;
} reader;

static kg_status unmapped(reader *r, const char *parent, const char *member)
{
  const char *f = kg_import_field(r->in, parent, member);
  return f ? kg_import_unmapped(r->im, f) : KG_ERR_NOMEM;
}

static kg_status wrong_type(reader *r, kg_imp_entity *e, const char *field,
                            const char *expected)
{
  kg_import_warn(r->im, e->pos, "%s of '%s' not mapped: expected %s", field,
                 e->orig, expected);
  return KG_OK;
}

static kg_status identifier(reader *r, kg_imp_entity *e, const kg_json *j,
                            const char *field)
{
  const char *scheme = kg_json_str(kg_json_get(j, "scheme"), NULL);
  size_t len = 0;
  const char *id = kg_json_str(kg_json_get(j, "identifier"), &len);
  char f[300];
  snprintf(f, sizeof f, "%.200s[scheme=%.60s]", field, scheme ? scheme : "?");
  for (size_t i = 0; scheme && id && i < COUNT(schemes); ++i)
    if (strcmp(scheme, schemes[i].scheme) == 0)
      return kg_import_identifier(r->im, e, schemes[i].key, id, len, f);
  return kg_import_unmapped(r->im, f);
}

/* Members of an item of an array other than `keep`: reported. */
static kg_status others(reader *r, const kg_json *j, const char *field,
                        const char *keep)
{
  kg_status st = KG_OK;
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(j, &it, &v));)
    if (strcmp(k, keep) != 0 && strcmp(k, "scheme") != 0)
      TRY(unmapped(r, field, k));
out:
  return st;
}

static kg_status item(reader *r, kg_imp_entity *e, const rule *ru,
                      const kg_json *j, const char *field)
{
  kg_status st = KG_OK;
  size_t len = 0;
  const char *s = NULL;
  switch (ru->kind) {
  case R_IDENTIFIERS: return identifier(r, e, j, field);
  case R_OTHER_NAMES:
    if ((s = kg_json_str(kg_json_get(j, "name"), &len)))
      TRY(others(r, j, field, "name"));
    break;
  case R_LABELS: s = kg_json_str(j, &len); break;
  case R_LINKS:
    s = kg_json_str(kg_json_get(j, "url"), &len);
    if (s && kg_web_address_check(s, len))
      s = NULL;
    if (s)
      TRY(others(r, j, field, "url"));
    break;
  default: return KG_OK;
  }
  if (!s)
    return wrong_type(r, e, field,
                      ru->kind == R_LABELS  ? "a string"
                      : ru->kind == R_LINKS ? "an object with an http(s) url"
                                            : "an object with a name");
  TRY(kg_import_text(r->im, e, ru->kind == R_LINKS ? "url" : "alt-name", NULL,
                     s, len, field, NULL));
out:
  return st;
}

static kg_status member(reader *r, kg_imp_entity *e, const rule *ru,
                        const kg_json *v, const char *field)
{
  kg_status st = KG_OK;
  size_t len = 0;
  const char *s = kg_json_str(v, &len);
  if (kg_json_kind_of(v) == KG_JSON_NULL)
    return KG_OK; /* Popolo writes null for "not known" */
  switch (ru->kind) {
  case R_SKIP: return KG_OK;
  case R_NAME:
    return s ? kg_import_name(r->im, e, NULL, s, len, field)
             : wrong_type(r, e, field, "a string");
  case R_TEXT:
    return s ? kg_import_text(r->im, e, ru->key, NULL, s, len, field, NULL)
             : wrong_type(r, e, field, "a string");
  case R_DATE:
    return s ? kg_import_date(r->im, e, ru->key, s, len, field, NULL)
             : wrong_type(r, e, field, "a date");
  case R_REF:
    return s ? kg_import_ref(r->im, e, ru->key, ru->target, s, len, NULL)
             : wrong_type(r, e, field, "an id");
  default: break;
  }
  if (kg_json_kind_of(v) != KG_JSON_ARRAY)
    return wrong_type(r, e, field, "an array");
  const char *sub = kg_import_field(r->in, NULL, field);
  char buf[300];
  snprintf(buf, sizeof buf, "%s[]", sub ? sub : field);
  for (size_t i = 0; i < kg_json_len(v); ++i)
    TRY(item(r, e, ru, kg_json_at(v, i), buf));
out:
  return st;
}

/* One object of persons, organizations or posts. */
static kg_status entity(reader *r, const kg_json *j, kg_imp_section s,
                        const char *array, size_t index, const rule *rules,
                        size_t nrules)
{
  kg_status st = KG_OK;
  char orig[64], field[128];
  size_t len = 0;
  const char *id = kg_json_str(kg_json_get(j, "id"), &len);
  snprintf(field, sizeof field, "%s[]", array);
  if (kg_json_kind_of(j) != KG_JSON_OBJECT) {
    kg_import_error(r->im, (kg_pos){0}, "%s[%zu] is not an object", array,
                    index);
    return KG_OK;
  }
  if (!id) { /* no id: nothing refers to it, but it is still imported */
    snprintf(orig, sizeof orig, "%s[%zu]", array, index);
    id = orig;
    len = strlen(orig);
  }
  kg_imp_entity *e;
  TRY(kg_import_entity(r->im, s, id, len, (kg_pos){0}, &e));
  if (!e)
    return KG_OK;
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(j, &it, &v));) {
    const rule *ru = NULL;
    for (size_t i = 0; i < nrules && !ru; ++i)
      if (strcmp(k, rules[i].member) == 0)
        ru = &rules[i];
    const char *f = kg_import_field(r->in, field, k);
    if (!f)
      TRY(KG_ERR_NOMEM);
    TRY(ru ? member(r, e, ru, v, f) : kg_import_unmapped(r->im, f));
  }
out:
  return st;
}

static kg_status dates(reader *r, const kg_json *j, kg_imp_value *v)
{
  size_t len;
  const char *s = kg_json_str(kg_json_get(j, "start_date"), &len);
  if (s)
    kg_import_qualifier(r->im, v, false, s, len, "memberships[].start_date");
  if ((s = kg_json_str(kg_json_get(j, "end_date"), &len)))
    kg_import_qualifier(r->im, v, true, s, len, "memberships[].end_date");
  return KG_OK;
}

/* A membership with a post: an appointment. */
static kg_status appointment(reader *r, const kg_json *j, size_t index,
                             const char *who, kg_imp_section whose,
                             const char *post)
{
  kg_status st = KG_OK;
  char orig[64];
  size_t len = 0;
  const char *id = kg_json_str(kg_json_get(j, "id"), &len);
  if (!id) {
    snprintf(orig, sizeof orig, "memberships[%zu]", index);
    id = orig;
    len = strlen(orig);
  }
  kg_imp_entity *e;
  TRY(kg_import_entity(r->im, KG_IMP_APPOINTMENTS, id, len, (kg_pos){0}, &e));
  if (!e)
    return KG_OK;
  TRY(kg_import_ref(r->im, e, "holder", whose, who, strlen(who), NULL));
  TRY(kg_import_ref(r->im, e, "post", KG_IMP_POSTS, post, strlen(post), NULL));
  const char *s = kg_json_str(kg_json_get(j, "start_date"), &len);
  if (s)
    TRY(kg_import_date(r->im, e, "start", s, len, "memberships[].start_date",
                       NULL));
  if ((s = kg_json_str(kg_json_get(j, "end_date"), &len)))
    TRY(kg_import_date(r->im, e, "end", s, len, "memberships[].end_date",
                       NULL));
  /* The membership's organisation is the post's. */
  const char *org = kg_json_str(kg_json_get(j, "organization_id"), &len);
  kg_imp_entity *p = kg_import_find(r->im, KG_IMP_POSTS, post);
  if (org && p)
    TRY(kg_import_ref(r->im, p, "post-in", KG_IMP_ORGS, org, len, NULL));
out:
  return st;
}

/* A membership without a post: member-of, with its dates. */
static kg_status member_of(reader *r, const kg_json *j, const char *who,
                           kg_imp_section whose, const char *org)
{
  kg_imp_entity *e = kg_import_find(r->im, whose, who);
  kg_imp_value *v;
  if (!e) {
    kg_import_warn(r->im, (kg_pos){0},
                   "membership of '%s' in '%s' not mapped: no %s '%s' in "
                   "the input",
                   who, org, whose == KG_IMP_PEOPLE ? "person" : "organisation",
                   who);
    return KG_OK;
  }
  kg_status st =
      kg_import_ref(r->im, e, "member-of", KG_IMP_ORGS, org, strlen(org), &v);
  return st == KG_OK ? dates(r, j, v) : st;
}

static const char *const membership_read[] = {
    "id",      "person_id",  "member",   "organization_id",
    "post_id", "start_date", "end_date",
};

static kg_status membership(reader *r, const kg_json *j, size_t index)
{
  kg_status st = KG_OK;
  const char *who = kg_json_str(kg_json_get(j, "person_id"), NULL);
  kg_imp_section whose = KG_IMP_PEOPLE;
  const kg_json *m = kg_json_get(j, "member");
  if (!who && m) {
    who = kg_json_str(kg_json_get(m, "id"), NULL);
    const char *type = kg_json_str(kg_json_get(m, "@type"), NULL);
    whose =
        type && strcmp(type, "Organization") == 0 ? KG_IMP_ORGS : KG_IMP_PEOPLE;
  }
  const char *post = kg_json_str(kg_json_get(j, "post_id"), NULL);
  const char *org = kg_json_str(kg_json_get(j, "organization_id"), NULL);
  if (!who || (!post && !org)) {
    kg_import_warn(r->im, (kg_pos){0},
                   "memberships[%zu] not mapped: it names no %s", index,
                   who ? "post or organization" : "member");
    return KG_OK;
  }
  TRY(post ? appointment(r, j, index, who, whose, post)
           : member_of(r, j, who, whose, org));
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(j, &it, &v));) {
    bool read = false;
    for (size_t i = 0; i < COUNT(membership_read) && !read; ++i)
      read = strcmp(k, membership_read[i]) == 0;
    if (!read)
      TRY(unmapped(r, "memberships[]", k));
  }
out:
  return st;
}

/* The arrays in the order their references need: organisations before
 * the posts in them, posts before the memberships of them. */
static kg_status arrays(reader *r, const kg_json *root)
{
  kg_status st = KG_OK;
  static const struct {
    const char *name;
    kg_imp_section s;
    const rule *rules;
    size_t n;
  } kinds[] = {
      {"organizations", KG_IMP_ORGS, org_rules, COUNT(org_rules)},
      {"persons", KG_IMP_PEOPLE, person_rules, COUNT(person_rules)},
      {"posts", KG_IMP_POSTS, post_rules, COUNT(post_rules)},
  };
  for (size_t k = 0; k < COUNT(kinds); ++k) {
    const kg_json *a = kg_json_get(root, kinds[k].name);
    for (size_t i = 0; i < kg_json_len(a); ++i)
      TRY(entity(r, kg_json_at(a, i), kinds[k].s, kinds[k].name, i,
                 kinds[k].rules, kinds[k].n));
  }
  const kg_json *a = kg_json_get(root, "memberships");
  for (size_t i = 0; i < kg_json_len(a); ++i)
    TRY(membership(r, kg_json_at(a, i), i));
  /* Other arrays (areas, events, motions...) and members: reported. */
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(root, &it, &v));) {
    bool read = strcmp(k, "memberships") == 0;
    for (size_t i = 0; i < COUNT(kinds) && !read; ++i)
      read = strcmp(k, kinds[i].name) == 0;
    if (read && kg_json_kind_of(v) != KG_JSON_ARRAY)
      kg_import_error(r->im, (kg_pos){0}, "'%s' is not an array", k);
    for (size_t i = 0; !read && i < (kg_json_len(v) ? kg_json_len(v) : 1); ++i)
      TRY(unmapped(r, NULL, k));
  }
out:
  return st;
}

kg_status kg_import_popolo(const kg_import_input *in)
{
  kg_status st = KG_OK;
  bool nomem;
  size_t bom = in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  kg_rpc_value *doc =
      kg_import_json(in, in->text + bom, in->len - bom, 1, &nomem);
  reader r = {in, in->im};
  if (!doc)
    return nomem ? KG_ERR_NOMEM : KG_ERR_FACTS;
  const kg_json *root = kg_json_root(doc);
  if (kg_json_kind_of(root) != KG_JSON_OBJECT) {
    kg_import_error(in->im, (kg_pos){in->name, 1, 1},
                    "a Popolo file is one JSON object with persons, "
                    "organizations, posts and memberships");
    TRY(KG_ERR_FACTS);
  }
  TRY(arrays(&r, root));
out:
  kg_rpc_value_free(doc);
  return st;
}
