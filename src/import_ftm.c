/* import_ftm.c - FollowTheMoney entities as JSON lines, the form of
 * OpenSanctions' exports (https://followthemoney.tech/explorer/): one
 * object per line, {"id", "schema", "properties": {name: [values]}}.
 * Person becomes people; Organization, PublicBody, Company and LegalEntity
 * organisations; Position posts; Occupancy appointments; Membership,
 * Employment and Directorship `member-of` with their dates.  Every other
 * schema and property is reported as not mapped. */
#include "import.h"

#include <stdio.h>
#include <string.h>

typedef enum {
  P_NAME,  /* names: the first the name, the others alt-name */
  P_ALIAS, /* alt-name */
  P_TEXT,  /* text of key */
  P_DATE,  /* a date of key */
  P_REF,   /* an entity of section target */
  P_IDENT, /* an identifier of key */
  P_START, /* the qualifiers of a link (Membership...) */
  P_END,
  P_FROM, /* the link's two ends */
  P_TO,
} prop_kind;

typedef struct {
  const char *prop;
  prop_kind kind;
  const char *key;
  kg_imp_section target;
} prop_rule;

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define NAMES                                                                  \
  {"name", P_NAME, NULL, 0}, {"alias", P_ALIAS, NULL, 0},                      \
      {"previousName", P_ALIAS, NULL, 0},                                      \
      {"description", P_TEXT, "description", 0},                               \
      {"summary", P_TEXT, "description", 0},                                   \
      {"wikidataId", P_IDENT, "wikidata", 0},                                  \
  {                                                                            \
    "website", P_IDENT, "official-website", 0                                  \
  }

static const prop_rule person_props[] = {
    NAMES,
    {"birthDate", P_DATE, "born", 0},
    {"deathDate", P_DATE, "died", 0},
    {"orcidId", P_IDENT, "orcid", 0},
};

static const prop_rule org_props[] = {
    NAMES,
    {"incorporationDate", P_DATE, "founded", 0},
    {"dissolutionDate", P_DATE, "dissolved", 0},
};

static const prop_rule position_props[] = {
    {"name", P_NAME, NULL, 0},
    {"description", P_TEXT, "description", 0},
    {"summary", P_TEXT, "description", 0},
    {"wikidataId", P_IDENT, "wikidata", 0},
    {"organization", P_REF, "post-in", KG_IMP_ORGS},
};

static const prop_rule occupancy_props[] = {
    {"holder", P_REF, "holder", KG_IMP_PEOPLE},
    {"post", P_REF, "post", KG_IMP_POSTS},
    {"startDate", P_DATE, "start", 0},
    {"endDate", P_DATE, "end", 0},
};

/* Links that are `member-of` of their first end, with dates. */
static const prop_rule membership_props[] = {
    {"member", P_FROM, NULL, 0},
    {"organization", P_TO, NULL, 0},
    {"startDate", P_START, NULL, 0},
    {"endDate", P_END, NULL, 0},
};
static const prop_rule employment_props[] = {
    {"employee", P_FROM, NULL, 0},
    {"employer", P_TO, NULL, 0},
    {"startDate", P_START, NULL, 0},
    {"endDate", P_END, NULL, 0},
};
static const prop_rule directorship_props[] = {
    {"director", P_FROM, NULL, 0},
    {"organization", P_TO, NULL, 0},
    {"startDate", P_START, NULL, 0},
    {"endDate", P_END, NULL, 0},
};

typedef struct {
  const char *schema;
  kg_imp_section section; /* KG_IMP_SECTIONS: a link */
  const prop_rule *props;
  size_t n;
} schema_rule;

static const schema_rule schemas[] = {
    {"Person", KG_IMP_PEOPLE, person_props, COUNT(person_props)},
    {"Organization", KG_IMP_ORGS, org_props, COUNT(org_props)},
    {"PublicBody", KG_IMP_ORGS, org_props, COUNT(org_props)},
    {"Company", KG_IMP_ORGS, org_props, COUNT(org_props)},
    {"LegalEntity", KG_IMP_ORGS, org_props, COUNT(org_props)},
    {"Position", KG_IMP_POSTS, position_props, COUNT(position_props)},
    {"Occupancy", KG_IMP_APPOINTMENTS, occupancy_props, COUNT(occupancy_props)},
    {"Membership", KG_IMP_SECTIONS, membership_props, COUNT(membership_props)},
    {"Employment", KG_IMP_SECTIONS, employment_props, COUNT(employment_props)},
    {"Directorship", KG_IMP_SECTIONS, directorship_props,
     COUNT(directorship_props)},
};

/* A link read, attached to its first end once every entity is read. */
typedef struct {
  const char *from, *to, *start, *end, *schema;
  kg_pos pos;
} link;

typedef struct {
  const kg_import_input *in;
  kg_import *im;
  kg_vec links;
  kg_pos pos;
} reader;

static kg_status unmapped(reader *r, const char *schema, const char *what)
{
  const char *f = kg_import_field(r->in, schema, what);
  return f ? kg_import_unmapped(r->im, f) : KG_ERR_NOMEM;
}

static const char *dup(reader *r, const char *s, size_t len)
{
  return kg_arena_strndup(r->in->arena, s, len);
}

/* One value of an entity's property. */
static kg_status entity_value(reader *r, kg_imp_entity *e, const prop_rule *p,
                              const char *s, size_t len, const char *field)
{
  switch (p->kind) {
  case P_NAME: return kg_import_name(r->im, e, NULL, s, len, field);
  case P_ALIAS:
    return kg_import_text(r->im, e, "alt-name", NULL, s, len, field, NULL);
  case P_TEXT:
    return kg_import_text(r->im, e, p->key, NULL, s, len, field, NULL);
  case P_DATE: return kg_import_date(r->im, e, p->key, s, len, field, NULL);
  case P_REF: return kg_import_ref(r->im, e, p->key, p->target, s, len, NULL);
  case P_IDENT: return kg_import_identifier(r->im, e, p->key, s, len, field);
  default: return KG_OK;
  }
}

/* One value of a link's property. */
static kg_status link_value(reader *r, link *l, const prop_rule *p,
                            const char *s, size_t len)
{
  const char **to = p->kind == P_FROM    ? &l->from
                    : p->kind == P_TO    ? &l->to
                    : p->kind == P_START ? &l->start
                                         : &l->end;
  if (*to)
    return unmapped(r, l->schema, "second value");
  *to = dup(r, s, len);
  return *to ? KG_OK : KG_ERR_NOMEM;
}

static kg_status property(reader *r, const schema_rule *sr, kg_imp_entity *e,
                          link *l, const char *name, const kg_json *values)
{
  kg_status st = KG_OK;
  const prop_rule *p = NULL;
  for (size_t i = 0; i < sr->n && !p; ++i)
    if (strcmp(name, sr->props[i].prop) == 0)
      p = &sr->props[i];
  const char *field = kg_import_field(r->in, sr->schema, name);
  if (!field)
    return KG_ERR_NOMEM;
  size_t n = kg_json_len(values);
  if (kg_json_kind_of(values) != KG_JSON_ARRAY) {
    kg_import_warn(r->im, r->pos, "%s not mapped: expected an array", field);
    return KG_OK;
  }
  for (size_t i = 0; i < n; ++i) {
    size_t len;
    const char *s = kg_json_str(kg_json_at(values, i), &len);
    if (!p || !s)
      TRY(kg_import_unmapped(r->im, field));
    else if (e &&
             (p->kind != P_REF || i == 0 || e->section != KG_IMP_APPOINTMENTS))
      TRY(entity_value(r, e, p, s, len, field));
    else if (e)
      TRY(kg_import_unmapped(r->im, field)); /* a second holder or post */
    else
      TRY(link_value(r, l, p, s, len));
  }
out:
  return st;
}

/* Members of the line's object other than id, schema and properties. */
static kg_status others(reader *r, const char *schema, const kg_json *j)
{
  kg_status st = KG_OK;
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(j, &it, &v));)
    if (strcmp(k, "id") != 0 && strcmp(k, "schema") != 0 &&
        strcmp(k, "properties") != 0 && strcmp(k, "caption") != 0)
      TRY(unmapped(r, schema, k));
out:
  return st;
}

static kg_status object(reader *r, const kg_json *j)
{
  kg_status st = KG_OK;
  size_t len = 0;
  const char *id = kg_json_str(kg_json_get(j, "id"), &len);
  const char *schema = kg_json_str(kg_json_get(j, "schema"), NULL);
  const kg_json *props = kg_json_get(j, "properties");
  if (!id || !schema || kg_json_kind_of(props) != KG_JSON_OBJECT) {
    kg_import_error(r->im, r->pos,
                    "not a FollowTheMoney entity: it needs \"id\", \"schema\" "
                    "and \"properties\"");
    return KG_OK;
  }
  const schema_rule *sr = NULL;
  for (size_t i = 0; i < COUNT(schemas) && !sr; ++i)
    if (strcmp(schema, schemas[i].schema) == 0)
      sr = &schemas[i];
  if (!sr)
    return unmapped(r, "schema", schema);
  kg_imp_entity *e = NULL;
  link *l = NULL;
  if (sr->section == KG_IMP_SECTIONS) {
    if (!(l = kg_arena_alloc(r->in->arena, sizeof *l)))
      return KG_ERR_NOMEM;
    *l = (link){.schema = sr->schema, .pos = r->pos};
    TRY(kg_vec_push(&r->links, l));
  } else {
    TRY(kg_import_entity(r->im, sr->section, id, len, r->pos, &e));
    if (!e)
      return KG_OK;
    /* OpenSanctions' entity ids are its identifiers; the line says it
     * comes from there by naming its datasets. */
    if (kg_json_get(j, "datasets") && sr->section != KG_IMP_APPOINTMENTS)
      TRY(kg_import_identifier(r->im, e, "opensanctions", id, len,
                               "id (OpenSanctions)"));
  }
  void *it = NULL;
  const kg_json *v;
  for (const char *k; (k = kg_json_next(props, &it, &v));)
    TRY(property(r, sr, e, l, k, v));
  TRY(others(r, sr->schema, j));
out:
  return st;
}

/* Links, once every entity is read: member-of on the member, a person or
 * an organisation, with the link's dates. */
static kg_status attach(reader *r, const link *l)
{
  kg_imp_entity *e = NULL;
  if (l->from && !(e = kg_import_find(r->im, KG_IMP_PEOPLE, l->from)))
    e = kg_import_find(r->im, KG_IMP_ORGS, l->from);
  if (!e || !l->to) {
    kg_import_warn(r->im, l->pos, "%s not mapped: %s", l->schema,
                   !l->from || !l->to ? "one of its ends is missing"
                                      : "its member is not in the input");
    return KG_OK;
  }
  kg_imp_value *v;
  kg_status st = kg_import_ref(r->im, e, "member-of", KG_IMP_ORGS, l->to,
                               strlen(l->to), &v);
  if (st == KG_OK && l->start)
    kg_import_qualifier(r->im, v, false, l->start, strlen(l->start),
                        "startDate");
  if (st == KG_OK && l->end)
    kg_import_qualifier(r->im, v, true, l->end, strlen(l->end), "endDate");
  return st;
}

static kg_status line(reader *r, const char *text, size_t len, uint32_t no)
{
  bool nomem;
  r->pos = (kg_pos){r->in->name, no, 1};
  kg_rpc_value *doc = kg_import_json(r->in, text, len, no, &nomem);
  if (!doc)
    return nomem ? KG_ERR_NOMEM : KG_OK;
  kg_status st = kg_json_kind_of(kg_json_root(doc)) == KG_JSON_OBJECT
                     ? object(r, kg_json_root(doc))
                     : KG_OK;
  if (kg_json_kind_of(kg_json_root(doc)) != KG_JSON_OBJECT)
    kg_import_error(r->im, r->pos, "a line of JSON lines holds one object");
  kg_rpc_value_free(doc);
  return st;
}

kg_status kg_import_ftm(const kg_import_input *in)
{
  kg_status st = KG_OK;
  reader r = {in, in->im, {0}, {0}};
  size_t at = in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (uint32_t no = 1; at < in->len; ++no) {
    const char *nl = memchr(in->text + at, '\n', in->len - at);
    size_t end = nl ? (size_t)(nl - in->text) : in->len;
    if (strspn(in->text + at, " \t\r") < end - at)
      TRY(line(&r, in->text + at, end - at, no));
    at = end + 1;
  }
  for (size_t i = 0; i < r.links.count; ++i)
    TRY(attach(&r, r.links.items[i]));
out:
  kg_vec_free(&r.links);
  return st;
}
