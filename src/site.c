/* site.c - the static site of the fact base (site.h, docs/site.md). */
#define _GNU_SOURCE /* fopencookie, for the write fault hook (KG_TESTING) */
#include "site.h"

#include "html.h"
#include "jsonw.h"
#include "site_assets.h"
#include "sources.h"
#include "text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

/* A class page lists this many entities, then links to the next page; the
 * index lists this many of each class, then links to the class pages: a
 * base of 100k people gives pages a browser opens at once. */
enum { PAGE_SIZE = 500, INDEX_LIMIT = 50 };
/* The neighbourhood picture shows at most this many neighbours. */
enum { MAX_NEIGHBOURS = 30 };
/* A page lists at most this many statements of others about its entity
 * (a rank held by thousands), the rest on pages ID~in-2.html... ('~' is in
 * no id, so no entity's page has such a name); its timeline shows at most
 * TIMELINE_MAX spells, the first by date. */
enum { INCOMING_PAGE = 500, TIMELINE_MAX = 500 };

/* A statement that cites a source at a passage (or at none): the source
 * page lists them, sorted by source, passage and statement. */
typedef struct {
  const kg_entity *source;
  const kg_passage *passage; /* or NULL */
  const kg_statement *stmt;  /* or NULL: the entry itself (entity) */
  const kg_entity *entity;
} support;

typedef struct {
  const kg_network *net;
  const kg_model *m;
  const char *dir;
  size_t files;
  /* statements about each entity written on others, by entity index */
  size_t *in_first;
  const kg_statement **in_items;
  /* class slugs, by the class's index in onto->classes */
  char **class_slug;
  /* what each source supports, sorted; per source index, the first */
  support *supports;
  size_t support_count;
  size_t *support_first; /* by entity index, count+1 */
  long long fail_left;   /* KG_FAIL_WRITE_AT's bytes left, or -1 */
} site;

/* ---- files ----------------------------------------------------------------
 */

/* publish.c's test hook reaches the site's files too (KG_TESTING only):
 * with KG_FAIL_WRITE_AT=N, once N bytes of the whole site have been
 * written every write fails with ENOSPC, so a test sees that a site
 * failing anywhere leaves exports/ as it was. */
#ifdef KG_TESTING
typedef struct {
  FILE *real;
  long long *left;
} faulty;

static ssize_t faulty_write(void *cookie, const char *buf, size_t size)
{
  faulty *f = cookie;
  size_t room = *f->left > 0 ? (size_t)*f->left : 0;
  size_t n = size < room ? size : room;
  if (n && fwrite(buf, 1, n, f->real) != n)
    return -1;
  *f->left -= (long long)n;
  if (n < size) {
    errno = ENOSPC;
    return n ? (ssize_t)n : -1;
  }
  return (ssize_t)size;
}

static int faulty_close(void *cookie)
{
  faulty *f = cookie;
  int rc = fclose(f->real);
  kg_free(f);
  return rc;
}
#endif

static kg_status fault_hook(site *s, FILE **out)
{
#ifdef KG_TESTING
  faulty *f = s->fail_left < 0 ? NULL : kg_malloc(sizeof *f);
  FILE *layer = NULL;
  if (s->fail_left < 0)
    return KG_OK;
  if (f) {
    *f = (faulty){*out, &s->fail_left};
    layer = fopencookie(
        f, "w",
        (cookie_io_functions_t){.write = faulty_write, .close = faulty_close});
  }
  if (!layer) {
    kg_free(f);
    fclose(*out);
    *out = NULL;
    return KG_ERR_NOMEM;
  }
  *out = layer;
#else
  (void)s;
  (void)out;
#endif
  return KG_OK;
}

static kg_status open_file(site *s, const char *rel, FILE **out)
{
  size_t n = strlen(s->dir) + strlen(rel) + 2;
  char *path = kg_malloc(n);
  if (!path)
    return KG_ERR_NOMEM;
  snprintf(path, n, "%s/%s", s->dir, rel);
  *out = fopen(path, "wbx");
  kg_free(path);
  if (!*out)
    return errno == ENOMEM ? KG_ERR_NOMEM : KG_ERR_IO;
  s->files++;
  return fault_hook(s, out);
}

/* The truth of a write is in the error flag and fclose (publish.c syncs
 * the whole directory once it is written). */
static kg_status close_file(FILE *out, kg_status st)
{
  if (!out)
    return st;
  bool bad = ferror(out) != 0;
  if (fclose(out) != 0 || bad)
    return st == KG_OK ? KG_ERR_IO : st;
  return st;
}

static kg_status make_dir(const site *s, const char *rel)
{
  size_t n = strlen(s->dir) + strlen(rel) + 2;
  char *path = kg_malloc(n);
  if (!path)
    return KG_ERR_NOMEM;
  snprintf(path, n, "%s/%s", s->dir, rel);
  int rc = mkdir(path, 0777);
  kg_free(path);
  return rc == 0 ? KG_OK : KG_ERR_IO;
}

/* ---- names ----------------------------------------------------------------
 */

static const char *label_of(const kg_entity *e)
{
  return e->label ? e->label : e->id;
}

static const char *key_name(const kg_property *p)
{
  return kg_property_name(p);
}

/* An id for an anchor or a file name: [a-z0-9-] only, never empty. */
static void slugify(const char *in, char *out, size_t size)
{
  size_t o = 0;
  for (; *in && o + 1 < size; ++in) {
    char c = *in;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out[o++] = c;
    else if (o && out[o - 1] != '-')
      out[o++] = '-';
  }
  while (o && out[o - 1] == '-')
    --o;
  if (!o)
    out[o++] = 'x';
  out[o] = '\0';
}

/* Class page names: the class's short name, made unique in IRI order (the
 * classes' order), so that a page keeps its name across rebuilds. */
static kg_status class_slugs(site *s)
{
  const kg_vec *classes = &s->net->onto->classes;
  s->class_slug = kg_calloc(classes->count + 1, sizeof *s->class_slug);
  if (!s->class_slug)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < classes->count; ++i) {
    const kg_class *c = classes->items[i];
    char base[96], slug[112];
    slugify(c->type_name ? c->type_name : c->name, base, sizeof base);
    snprintf(slug, sizeof slug, "%s", base);
    for (unsigned k = 2;; ++k) {
      bool taken = false;
      for (size_t j = 0; j < i && !taken; ++j)
        taken = !strcmp(s->class_slug[j], slug);
      if (!taken)
        break;
      snprintf(slug, sizeof slug, "%s-%u", base, k);
    }
    if (!(s->class_slug[i] = kg_malloc(strlen(slug) + 1)))
      return KG_ERR_NOMEM;
    strcpy(s->class_slug[i], slug);
  }
  return KG_OK;
}

static const char *slug_of(const site *s, const kg_class *c)
{
  const kg_vec *classes = &s->net->onto->classes;
  for (size_t i = 0; i < classes->count; ++i)
    if (classes->items[i] == c)
      return s->class_slug[i];
  return "x";
}

/* ---- the page frame -------------------------------------------------------
 */

/* `root` is the way from the page to the site's root ("" or "../"). */
static void page_begin(FILE *out, const char *root, const char *title,
                       const char *kind)
{
  fputs(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n",
      out);
  fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'\">\n",
        out);
  fputs("<meta name=\"referrer\" content=\"no-referrer\">\n<title>", out);
  kg_html_attr_cstr(out, title); /* a title holds text only, no element */
  fputs(" · ", out);
  kg_html_attr_cstr(out, kind);
  fprintf(out, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n",
          root);
  fprintf(out,
          "</head>\n<body>\n<header class=\"site\"><nav aria-label=\"Site\">"
          "<a href=\"%sindex.html\">Index</a> <a href=\"%sontology.html\">"
          "Ontology</a></nav></header>\n<main>\n",
          root, root);
}

static void page_end(FILE *out)
{
  fputs("</main>\n<footer class=\"site\"><p>Compiled by kgbuild from the fact "
        "base: every fact cites its source.</p></footer>\n</body>\n</html>\n",
        out);
}

/* ---- values ---------------------------------------------------------------
 */

static void entity_link(FILE *out, const char *root, const kg_entity *e)
{
  fprintf(out, "<a href=\"%se/", root);
  kg_html_attr_cstr(out, e->id);
  fputs(".html\"><bdi>", out);
  kg_html_cstr(out, label_of(e));
  fputs("</bdi></a>", out);
}

static bool is_date(const kg_statement *st)
{
  return st->date.precision != KG_DATE_NONE;
}

static void value(FILE *out, const char *root, const kg_statement *st)
{
  if (st->object) {
    entity_link(out, root, st->object);
    return;
  }
  if (st->ref) { /* unresolved: never in a checked model */
    fputs("<code>", out);
    kg_html_cstr(out, st->ref);
    fputs("</code>", out);
    return;
  }
  if (is_date(st)) {
    fputs("<time datetime=\"", out);
    kg_html_attr(out, st->lexical, st->len);
    fputs("\">", out);
    kg_html_text(out, st->lexical, st->len);
    fputs("</time>", out);
    return;
  }
  if (st->prop->range == KG_RANGE_ANYURI &&
      kg_html_safe_url(st->lexical, st->len)) {
    fputs("<a rel=\"nofollow noopener noreferrer\" href=\"", out);
    kg_html_attr(out, st->lexical, st->len);
    fputs("\">", out);
    kg_html_text(out, st->lexical, st->len);
    fputs("</a>", out);
    return;
  }
  if (st->lang) {
    fputs("<bdi lang=\"", out);
    kg_html_attr_cstr(out, st->lang);
    fputs("\">", out);
    kg_html_text(out, st->lexical, st->len);
    fputs("</bdi> <span class=\"lang\">", out);
    kg_html_cstr(out, st->lang);
    fputs("</span>", out);
    return;
  }
  fputs("<bdi>", out);
  kg_html_text(out, st->lexical, st->len);
  fputs("</bdi>", out);
}

static void key_link(FILE *out, const char *root, const kg_property *p,
                     bool qualifier)
{
  char slug[160];
  slugify(key_name(p), slug, sizeof slug);
  fprintf(out, "<a href=\"%sontology.html#%s-%s\">", root,
          qualifier ? "q" : "k", slug);
  kg_html_cstr(out, key_name(p));
  fputs("</a>", out);
}

/* ---- footnotes: the sources of a page, numbered in order of first use --- */

typedef struct {
  const kg_provenance **items;
  size_t count, capacity;
  const kg_provenance **slots; /* open addressing by pointer */
  size_t slot_count;
} notes;

static size_t slot_of(const notes *n, const kg_provenance *p)
{
  size_t h = (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ULL);
  size_t i = h & (n->slot_count - 1);
  while (n->slots[i] && n->slots[i] != p)
    i = (i + 1) & (n->slot_count - 1);
  return i;
}

static kg_status notes_grow(notes *n)
{
  size_t cap = n->capacity ? 2 * n->capacity : 16;
  const kg_provenance **items = kg_realloc(n->items, cap * sizeof *items);
  if (!items)
    return KG_ERR_NOMEM;
  n->items = items;
  n->capacity = cap;
  kg_free(n->slots);
  n->slot_count = 2 * cap;
  if (!(n->slots = kg_calloc(n->slot_count, sizeof *n->slots)))
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < n->count; ++i)
    n->slots[slot_of(n, n->items[i])] = n->items[i];
  return KG_OK;
}

/* The footnote number of p (1, 2...), 0 when it cites nothing. */
static kg_status note_for(notes *n, const kg_provenance *p, size_t *k)
{
  *k = 0;
  if (!p || !p->count)
    return KG_OK;
  if (n->slot_count) {
    size_t i = slot_of(n, p);
    if (n->slots[i]) {
      for (size_t j = 0; j < n->count; ++j)
        if (n->items[j] == p)
          *k = j + 1;
      return KG_OK;
    }
  }
  if (n->count == n->capacity) {
    kg_status st = notes_grow(n);
    if (st != KG_OK)
      return st;
  }
  n->items[n->count++] = p;
  n->slots[slot_of(n, p)] = p;
  *k = n->count;
  return KG_OK;
}

static void notes_free(notes *n)
{
  kg_free(n->items);
  kg_free(n->slots);
}

static kg_status note_refs(FILE *out, notes *n, const kg_statement *st)
{
  for (size_t i = 0; i < kg_statement_ref_count(st); ++i) {
    size_t k;
    kg_status status = note_for(n, kg_statement_ref(st, i), &k);
    if (status != KG_OK)
      return status;
    if (k)
      fprintf(out, "<a class=\"fn\" href=\"#n%zu\">[%zu]</a>", k, k);
  }
  return KG_OK;
}

static void passage_anchor(FILE *out, const kg_passage *p)
{
  fprintf(out, "p-%llu-%llu", (unsigned long long)p->start,
          (unsigned long long)p->end);
}

static void write_notes(FILE *out, const char *root, const notes *n)
{
  if (!n->count)
    return;
  fputs("<section aria-labelledby=\"h-sources\">\n<h2 id=\"h-sources\">"
        "Sources</h2>\n<ol class=\"notes\">\n",
        out);
  for (size_t i = 0; i < n->count; ++i) {
    const kg_provenance *p = n->items[i];
    fprintf(out, "<li id=\"n%zu\">", i + 1);
    for (size_t j = 0; j < p->count; ++j) {
      fputs(j ? "; " : "", out);
      if (p->sources && p->sources[j])
        entity_link(out, root, p->sources[j]);
      else
        kg_html_cstr(out, p->ids[j]);
      const kg_passage *at = p->passages ? p->passages[j] : NULL;
      if (at && p->sources && p->sources[j]) {
        fprintf(out, " <a class=\"at\" href=\"%se/", root);
        kg_html_attr_cstr(out, p->sources[j]->id);
        fputs(".html#", out);
        passage_anchor(out, at);
        fprintf(out, "\">characters %llu–%llu of the archived copy</a>",
                (unsigned long long)at->start, (unsigned long long)at->end);
      }
    }
    if (p->quote) {
      fputs("<blockquote><p>", out);
      kg_html_text(out, p->quote, p->quote_len);
      fputs("</p></blockquote>", out);
    }
    fputs("</li>\n", out);
  }
  fputs("</ol>\n</section>\n", out);
}

/* ---- statements -----------------------------------------------------------
 */

static const char *const rank_names[] = {"normal", "preferred", "deprecated"};

static void rank_cell(FILE *out, const kg_model *m, const kg_statement *st)
{
  fprintf(out, "<td class=\"rank\">%s", rank_names[st->rank % 3]);
  if (st->outranked) {
    const kg_statement *by = kg_statement_refiner(m, st);
    if (by) {
      fputs("; refined by <time>", out);
      kg_html_text(out, by->lexical, by->len);
      fputs("</time>", out);
    } else {
      fputs(st->rank == KG_RANK_DEPRECATED ? "; not used" : "; outranked", out);
    }
  }
  if (st->extra && st->extra->reason) {
    fputs("<br><span class=\"reason\">reason: ", out);
    kg_html_text(out, st->extra->reason, st->extra->reason_len);
    fputs("</span>", out);
  }
  fputs("</td>", out);
}

static void qualifier_cell(FILE *out, const char *root, const kg_statement *st)
{
  const kg_statement_extra *x = st->extra;
  fputs("<td class=\"qual\">", out);
  bool any = false;
  for (size_t i = 0; x && i < x->qualifier_count; ++i) {
    const kg_statement *q = x->qualifiers[i];
    if (q->invalid)
      continue;
    fputs(any ? "<br>" : "", out);
    key_link(out, root, q->prop, true);
    fputs(i >= x->said_count ? " (note): " : ": ", out);
    value(out, root, q);
    any = true;
  }
  fputs("</td>", out);
}

/* A row of a statement table: its key, the entity at the other end (for a
 * relationship: `other`, with the direction), its value, rank, qualifiers
 * and notes. */
static kg_status statement_row(FILE *out, const site *s, notes *n,
                               const kg_statement *st, const char *dir)
{
  const char *root = "../";
  fprintf(out, "<tr%s>", st->outranked ? " class=\"outranked\"" : "");
  if (dir)
    fprintf(out, "<td class=\"dir\">%s</td>", dir);
  fputs("<th scope=\"row\">", out);
  key_link(out, root, st->prop, false);
  fputs("</th><td>", out);
  if (dir && !strcmp(dir, "from"))
    entity_link(out, root, st->subject);
  else
    value(out, root, st);
  fputs("</td>", out);
  rank_cell(out, s->m, st);
  qualifier_cell(out, root, st);
  fputs("<td class=\"src\">", out);
  kg_status status = note_refs(out, n, st);
  fputs("</td></tr>\n", out);
  return status;
}

static void table_head(FILE *out, const char *id, const char *title,
                       bool relationships)
{
  fprintf(out,
          "<section aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">%s</h2>\n"
          "<div class=\"scroll\"><table>\n<thead><tr>%s<th scope=\"col\">Key"
          "</th><th scope=\"col\">%s</th><th scope=\"col\">Rank</th>"
          "<th scope=\"col\">Qualifiers</th><th scope=\"col\">Sources</th>"
          "</tr></thead>\n<tbody>\n",
          id, id, title,
          relationships ? "<th scope=\"col\">Direction</th>" : "",
          relationships ? "Entity" : "Value");
}

static void table_foot(FILE *out)
{
  fputs("</tbody>\n</table></div>\n</section>\n", out);
}

/* Each statement of e, best-ranked then outranked, that passes `want`. */
static const kg_statement *own_at(const kg_model *m, const kg_entity *e,
                                  size_t i)
{
  return i < e->statement_count
             ? m->statements.items[e->first_statement + i]
             : m->outranked.items[e->first_outranked + i - e->statement_count];
}

static kg_status facts_table(FILE *out, const site *s, notes *n,
                             const kg_entity *e)
{
  kg_status st = KG_OK;
  size_t total = e->statement_count + e->outranked_count, shown = 0;
  table_head(out, "facts", "Facts", false);
  for (size_t i = 0; i < total; ++i) {
    const kg_statement *x = own_at(s->m, e, i);
    if (x->entailed || x->derived || x->object || x->ref)
      continue;
    TRY(statement_row(out, s, n, x, NULL));
    shown++;
  }
  if (!shown)
    fputs("<tr><td colspan=\"5\">none</td></tr>\n", out);
out:
  table_foot(out);
  return st;
}

static kg_status relations_table(FILE *out, const site *s, notes *n,
                                 const kg_entity *e)
{
  kg_status st = KG_OK;
  size_t total = e->statement_count + e->outranked_count, shown = 0;
  table_head(out, "relationships", "Relationships", true);
  for (size_t i = 0; i < total; ++i) {
    const kg_statement *x = own_at(s->m, e, i);
    if (x->entailed || x->derived || !x->object)
      continue;
    TRY(statement_row(out, s, n, x, "to"));
    shown++;
  }
  size_t first = s->in_first[e->index], last = s->in_first[e->index + 1];
  if (last - first > INCOMING_PAGE)
    last = first + INCOMING_PAGE;
  for (size_t i = first; i < last; ++i) {
    TRY(statement_row(out, s, n, s->in_items[i], "from"));
    shown++;
  }
  if (!shown)
    fputs("<tr><td colspan=\"6\">none</td></tr>\n", out);
out:
  table_foot(out);
  return st;
}

static size_t incoming_pages(const site *s, const kg_entity *e)
{
  size_t n = s->in_first[e->index + 1] - s->in_first[e->index];
  return n <= INCOMING_PAGE ? 1 : (n + INCOMING_PAGE - 1) / INCOMING_PAGE;
}

/* Links to the pages of statements of others about e; `here` is the page
 * shown (0: the entity's own page). */
static void incoming_nav(FILE *out, const kg_entity *e, size_t pages,
                         size_t here)
{
  fputs("<nav aria-label=\"Relationships from others\" class=\"pages\">"
        "<p>Statements of others about this entity, 500 a page:</p><ul>",
        out);
  for (size_t p = 0; p < pages; ++p) {
    if (p == here) {
      fprintf(out, "<li><span aria-current=\"page\">%zu</span></li>", p + 1);
      continue;
    }
    fputs("<li><a href=\"", out);
    kg_html_attr_cstr(out, e->id);
    if (p)
      fprintf(out, "~in-%zu", p + 1);
    fprintf(out, ".html\">%zu</a></li>", p + 1);
  }
  fputs("</ul></nav>\n", out);
}

/* Page k (from 1) of the statements of others about a hub. */
static kg_status incoming_page(site *s, const kg_entity *e, size_t k,
                               size_t pages)
{
  kg_status st = KG_OK;
  notes n = {0};
  FILE *out = NULL;
  char rel[KG_ID_MAX + 32];
  snprintf(rel, sizeof rel, "e/%s~in-%zu.html", e->id, k + 1);
  TRY(open_file(s, rel, &out));
  page_begin(out, "../", label_of(e), e->cls->name);
  fputs("<h1><bdi>", out);
  kg_html_cstr(out, label_of(e));
  fprintf(out, "</bdi>: statements of others, page %zu of %zu</h1>\n", k + 1,
          pages);
  incoming_nav(out, e, pages, k);
  table_head(out, "relationships", "Relationships from others", true);
  size_t first = s->in_first[e->index] + k * INCOMING_PAGE;
  size_t last = s->in_first[e->index + 1];
  if (last - first > INCOMING_PAGE)
    last = first + INCOMING_PAGE;
  for (size_t i = first; i < last && st == KG_OK; ++i)
    st = statement_row(out, s, &n, s->in_items[i], "from");
  table_foot(out);
  TRY(st);
  write_notes(out, "../", &n);
  page_end(out);
out:
  notes_free(&n);
  return close_file(out, st);
}

/* ---- timeline -------------------------------------------------------------
 */

typedef struct {
  const kg_statement *stmt; /* the relationship, or the dated fact */
  const kg_statement *start, *end;
} spell;

static bool is_start_key(const kg_property *p)
{
  return p->is_start && !p->is_end;
}

static bool is_end_key(const kg_property *p)
{
  return p->is_end && !p->is_start;
}

/* A statement's spell: its own start and end qualifiers, else those of the
 * entity stating it (an appointment's start and end), as graph.c's rows. */
static void spell_of(const kg_model *m, const kg_statement *st, spell *out)
{
  const kg_statement_extra *x = st->extra;
  out->stmt = st;
  out->start = out->end = NULL;
  for (size_t i = 0; x && i < x->said_count; ++i) {
    const kg_statement *q = x->qualifiers[i];
    if (!q->invalid && is_start_key(q->prop))
      out->start = q;
    if (!q->invalid && is_end_key(q->prop))
      out->end = q;
  }
  if (out->start || out->end)
    return;
  const kg_entity *e = st->subject;
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *t = m->statements.items[e->first_statement + i];
    if (t->derived || !is_date(t))
      continue;
    if (is_start_key(t->prop) && !out->start)
      out->start = t;
    if (is_end_key(t->prop) && !out->end)
      out->end = t;
  }
}

static int compare_spells(const void *a, const void *b)
{
  const spell *x = a, *y = b;
  const kg_statement *xs = x->start ? x->start : x->end;
  const kg_statement *ys = y->start ? y->start : y->end;
  int c = kg_date_compare_earliest(&xs->date, &ys->date);
  if (c)
    return c;
  c = strcmp(key_name(x->stmt->prop), key_name(y->stmt->prop));
  if (c)
    return c;
  c = strcmp(x->stmt->subject->id, y->stmt->subject->id);
  return c ? c : kg_statement_compare(x->stmt, y->stmt);
}

static void spell_dates(FILE *out, const spell *sp)
{
  fputs("<span class=\"when\">", out);
  if (sp->start) {
    fputs("<time datetime=\"", out);
    kg_html_attr(out, sp->start->lexical, sp->start->len);
    fputs("\">", out);
    kg_html_text(out, sp->start->lexical, sp->start->len);
    fputs("</time>", out);
  }
  fputs(" – ", out);
  if (sp->end) {
    fputs("<time datetime=\"", out);
    kg_html_attr(out, sp->end->lexical, sp->end->len);
    fputs("\">", out);
    kg_html_text(out, sp->end->lexical, sp->end->len);
    fputs("</time>", out);
  }
  fputs("</span> ", out);
}

/* What an entity stating a relationship links besides `e` (an appointment:
 * its post), so that a career reads "post, via appointment". */
static void spell_via(FILE *out, const kg_model *m, const kg_statement *st,
                      const kg_entity *e)
{
  const kg_entity *x = st->subject;
  for (size_t i = 0; x != e && i < x->statement_count; ++i) {
    const kg_statement *t = m->statements.items[x->first_statement + i];
    if (t->derived || t->entailed || !t->object || t->object == e)
      continue;
    fputs(" · ", out);
    key_link(out, "../", t->prop, false);
    fputs(" ", out);
    entity_link(out, "../", t->object);
  }
}

static kg_status timeline(FILE *out, const site *s, const kg_entity *e)
{
  size_t own = e->statement_count + e->outranked_count;
  size_t in = s->in_first[e->index + 1] - s->in_first[e->index];
  spell *items = kg_malloc((own + in + 1) * sizeof *items);
  size_t n = 0;
  if (!items)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < own + in; ++i) {
    const kg_statement *st = i < own
                                 ? own_at(s->m, e, i)
                                 : s->in_items[s->in_first[e->index] + i - own];
    if (st->derived || st->entailed || st->outranked)
      continue;
    if (!st->object &&
        !(is_date(st) && (st->prop->is_start || st->prop->is_end)))
      continue;
    if (is_date(st) && !st->object) {
      items[n] = (spell){st, st->prop->is_start ? st : NULL,
                         st->prop->is_end ? st : NULL};
      n++;
      continue;
    }
    spell_of(s->m, st, &items[n]);
    if (items[n].start || items[n].end)
      n++;
  }
  if (n)
    qsort(items, n, sizeof *items, compare_spells);
  if (n)
    fputs("<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">"
          "Timeline</h2>\n",
          out);
  if (n > TIMELINE_MAX) {
    fprintf(out, "<p>The first %d of %zu spells, by date.</p>\n", TIMELINE_MAX,
            n);
    n = TIMELINE_MAX;
  }
  if (n)
    fputs("<ol class=\"timeline\">\n", out);
  for (size_t i = 0; i < n; ++i) {
    const kg_statement *st = items[i].stmt;
    fputs("<li>", out);
    spell_dates(out, &items[i]);
    key_link(out, "../", st->prop, false);
    if (st->object) {
      fputs(" ", out);
      if (st->subject == e)
        entity_link(out, "../", st->object);
      else {
        fputs("of ", out);
        entity_link(out, "../", st->subject);
        spell_via(out, s->m, st, e);
      }
    }
    fputs("</li>\n", out);
  }
  if (n)
    fputs("</ol>\n</section>\n", out);
  kg_free(items);
  return KG_OK;
}

/* ---- neighbourhood --------------------------------------------------------
 */

static int compare_entities(const void *a, const void *b)
{
  const kg_entity *x = *(const kg_entity *const *)a,
                  *y = *(const kg_entity *const *)b;
  return x->index < y->index ? -1 : x->index > y->index;
}

static long find_entity(const kg_entity **v, size_t n, const kg_entity *e)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid]->index < e->index)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && v[lo] == e ? (long)lo : -1;
}

/* A label cut to `chars` characters, on a character boundary. */
static size_t cut(const char *s, size_t chars, bool *cut_off)
{
  size_t i = 0, c = 0;
  for (; s[i]; ++i)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == chars)
      break;
  *cut_off = s[i] != '\0';
  return i;
}

/* The entity and its neighbours (every entity a statement links it to, in
 * id order, at most MAX_NEIGHBOURS), as one vector: the entity first. */
static kg_status neighbours(const site *s, const kg_entity *e, kg_vec *v,
                            size_t *all)
{
  kg_status st = KG_OK;
  size_t own = e->statement_count;
  TRY(kg_vec_push(v, (void *)e));
  for (size_t i = 0; i < own; ++i) {
    const kg_statement *x = s->m->statements.items[e->first_statement + i];
    if (!x->entailed && x->object && x->object != e)
      TRY(kg_vec_push(v, x->object));
  }
  for (size_t i = s->in_first[e->index]; i < s->in_first[e->index + 1]; ++i)
    TRY(kg_vec_push(v, s->in_items[i]->subject));
  qsort(v->items + 1, v->count - 1, sizeof *v->items, compare_entities);
  size_t k = 1;
  for (size_t i = 1; i < v->count; ++i)
    if (k == 1 || v->items[i] != v->items[k - 1])
      v->items[k++] = v->items[i];
  v->count = k;
  *all = k - 1;
  if (v->count > MAX_NEIGHBOURS + 1)
    v->count = MAX_NEIGHBOURS + 1;
out:
  return st;
}

/* The edges among the shown vertices, as pairs of their positions. */
static kg_status edges_among(const site *s, const kg_vec *v, size_t **ends,
                             size_t *count)
{
  const kg_entity **sorted = kg_malloc((v->count + 1) * sizeof *sorted);
  size_t *pos = kg_malloc((v->count + 1) * sizeof *pos), cap = 0;
  kg_status st = KG_OK;
  *ends = NULL;
  *count = 0;
  if (!sorted || !pos) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* v[1..] is in index order; v[0] goes in its place */
  for (size_t i = 0; i < v->count; ++i)
    sorted[i] = v->items[i];
  qsort(sorted, v->count, sizeof *sorted, compare_entities);
  for (size_t i = 0; i < v->count; ++i)
    for (size_t j = 0; j < v->count; ++j)
      if (v->items[j] == sorted[i])
        pos[i] = j;
  for (size_t i = 0; i < v->count; ++i) {
    const kg_entity *a = v->items[i];
    for (size_t k = 0; k < a->statement_count; ++k) {
      const kg_statement *x = s->m->statements.items[a->first_statement + k];
      long j;
      if (x->entailed || x->derived || !x->object ||
          (j = find_entity(sorted, v->count, x->object)) < 0 || pos[j] == i)
        continue;
      if (*count == cap) {
        cap = cap ? 2 * cap : 32;
        size_t *grown = kg_realloc(*ends, 2 * cap * sizeof *grown);
        if (!grown) {
          st = KG_ERR_NOMEM;
          goto out;
        }
        *ends = grown;
      }
      (*ends)[2 * *count] = i;
      (*ends)[2 * *count + 1] = pos[j];
      ++*count;
    }
  }
out:
  kg_free(sorted);
  kg_free(pos);
  return st;
}

enum { SVG_W = 640, SVG_H = 400, SVG_PAD = 60 };

static void svg_scale(double *xy, size_t n)
{
  double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    minx = fmin(minx, xy[2 * i]);
    maxx = fmax(maxx, xy[2 * i]);
    miny = fmin(miny, xy[2 * i + 1]);
    maxy = fmax(maxy, xy[2 * i + 1]);
  }
  double w = maxx - minx, h = maxy - miny;
  for (size_t i = 0; i < n; ++i) {
    double x = w > 1e-9 ? (xy[2 * i] - minx) / w : 0.5;
    double y = h > 1e-9 ? (xy[2 * i + 1] - miny) / h : 0.5;
    xy[2 * i] = SVG_PAD + x * (SVG_W - 2 * SVG_PAD);
    xy[2 * i + 1] = SVG_PAD / 2 + y * (SVG_H - SVG_PAD);
  }
}

static void svg_node(FILE *out, const kg_entity *e, double x, double y,
                     bool centre)
{
  bool more;
  const char *label = label_of(e);
  size_t len = cut(label, 24, &more);
  fputs("<a href=\"", out);
  kg_html_attr_cstr(out, e->id);
  fprintf(out, ".html\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"%s/>", x, y,
          centre ? 9 : 6, centre ? " class=\"me\"" : "");
  fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x, y - 12);
  kg_html_attr(out, label, len); /* SVG text: no HTML element inside */
  fputs(more ? "…</text></a>\n" : "</text></a>\n", out);
}

static kg_status neighbourhood(FILE *out, const site *s, const kg_entity *e)
{
  kg_status st = KG_OK;
  kg_vec v = {0};
  size_t *ends = NULL, edges = 0, all = 0;
  double *xy = NULL;
  TRY(neighbours(s, e, &v, &all));
  if (v.count < 2)
    goto out;
  TRY(edges_among(s, &v, &ends, &edges));
  if (!(xy = kg_malloc(2 * v.count * sizeof *xy))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(kg_layout_small(v.count, ends, edges, xy));
  svg_scale(xy, v.count);
  fputs("<section aria-labelledby=\"h-network\">\n<h2 id=\"h-network\">"
        "Neighbourhood</h2>\n",
        out);
  if (all > v.count - 1)
    fprintf(out, "<p>%zu of %zu neighbours shown (the first by id).</p>\n",
            v.count - 1, all);
  fprintf(out,
          "<svg class=\"net\" viewBox=\"0 0 %d %d\" "
          "aria-labelledby=\"net-title\">\n<title id=\"net-title\">The "
          "entities linked to this one; each links to its page</title>\n",
          SVG_W, SVG_H);
  for (size_t i = 0; i < edges; ++i)
    fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
            xy[2 * ends[2 * i]], xy[2 * ends[2 * i] + 1],
            xy[2 * ends[2 * i + 1]], xy[2 * ends[2 * i + 1] + 1]);
  for (size_t i = 0; i < v.count; ++i)
    svg_node(out, v.items[i], xy[2 * i], xy[2 * i + 1], i == 0);
  fputs("</svg>\n</section>\n", out);
out:
  kg_free(xy);
  kg_free(ends);
  kg_vec_free(&v);
  return st;
}

/* ---- source pages: the passages a source's quotes were found at -----------
 */

static void support_text(FILE *out, const support *sp)
{
  if (!sp->stmt) {
    fputs("the entry ", out);
    entity_link(out, "../", sp->entity);
    return;
  }
  entity_link(out, "../", sp->stmt->subject);
  fputs(" ", out);
  key_link(out, "../", sp->stmt->prop, false);
  fputs(" ", out);
  value(out, "../", sp->stmt);
}

/* Each passage the source's quotes were found at, in the copy's order, with
 * the statements it supports.  Where the copy itself is shown above, its
 * marks hold the passages' anchors (#p-START-END: the footnotes link
 * there) and this list is #s-START-END, which the marks link to. */
static void passages(FILE *out, const site *s, const kg_entity *e, bool shown)
{
  size_t first = s->support_first[e->index],
         last = s->support_first[e->index + 1];
  if (first == last)
    return;
  fputs("<section aria-labelledby=\"h-supports\">\n<h2 id=\"h-supports\">"
        "What this source supports</h2>\n<p>Each passage is shown with a "
        "little of the text around it, as the RDF exports give it "
        "(Web Annotation selectors); offsets count the Unicode code points "
        "of the archived copy in NFC.</p>\n<ol class=\"passages\">\n",
        out);
  for (size_t i = first; i < last;) {
    const kg_passage *p = s->supports[i].passage;
    if (p) {
      fputs(shown ? "<li id=\"s-" : "<li id=\"", out);
      passage_anchor(out, p);
      fputs("\"><p class=\"ctx\">", out);
      if (shown) {
        fputs("<a href=\"#", out);
        passage_anchor(out, p);
        fputs("\">", out);
      }
      fprintf(out, "characters %llu–%llu", (unsigned long long)p->start,
              (unsigned long long)p->end);
      fputs(shown ? "</a>: …" : ": …", out);
      kg_html_text(out, p->prefix, p->prefix_len);
      fputs("<mark>", out);
      kg_html_text(out, p->exact, p->exact_len);
      fputs("</mark>", out);
      kg_html_text(out, p->suffix, p->suffix_len);
      fputs("…</p>\n<ul>\n", out);
    } else {
      fputs("<li><p>No passage located (no quote, or no archived copy "
            "checked):</p>\n<ul>\n",
            out);
    }
    size_t j = i;
    for (; j < last && s->supports[j].passage == p; ++j) {
      fputs("<li>", out);
      support_text(out, &s->supports[j]);
      fputs("</li>\n", out);
    }
    fputs("</ul></li>\n", out);
    i = j;
  }
  fputs("</ol>\n</section>\n", out);
}

/* ---- source pages: the archived copy, its passages highlighted -----------
 */

/* A copy larger than this is not reproduced (offsets only): a page a
 * phone still opens, and ten times an archived article. */
enum { COPY_MAX = 2 << 20 };

static const kg_statement *stated(const kg_model *m, const kg_entity *e,
                                  const char *key)
{
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *x = m->statements.items[e->first_statement + i];
    if (!x->derived && x->prop->key && x->lexical && !strcmp(x->prop->key, key))
      return x;
  }
  return NULL;
}

/* Why e's copy is not shown (NULL: it is): the rule of docs/site.md,
 * "Archived copies". */
static const char *copy_withheld(const site *s, const kg_entity *e)
{
  const kg_copy *c = s->m->copies ? s->m->copies[e->index] : NULL;
  if (!stated(s->m, e, "copy-licence"))
    return "the source states no <code>copy-licence</code>, so the project "
           "has no permission to republish it";
  if (!c)
    return "it was not found in this build";
  if (!c->checked)
    return "it did not pass the check (its SHA-256 is not the one recorded, "
           "or it is not text)";
  if (!c->inside)
    return "it lies outside the fact base (an archive directory such as "
           "<code>--sources</code>), and only copies kept in the fact base "
           "are published";
  if (c->text_len > COPY_MAX)
    return "it is larger than the site reproduces (2 MiB)";
  return NULL;
}

/* One passage in the copy: its number in the list below, its place. */
typedef struct {
  const kg_passage *p;
  size_t number;
} placed;

static int compare_placed(const void *a, const void *b)
{
  const placed *x = a, *y = b;
  if (x->p->start != y->p->start) /* outer (longer) first at one start */
    return x->p->start < y->p->start ? -1 : 1;
  if (x->p->end != y->p->end)
    return x->p->end > y->p->end ? -1 : 1;
  return 0; /* never: one pointer per place (merge_passages) */
}

/* The distinct passages of e's supports, outer first at each start. */
static kg_status copy_passages(const site *s, const kg_entity *e, placed **out,
                               size_t *count)
{
  size_t first = s->support_first[e->index],
         last = s->support_first[e->index + 1], n = 0;
  *out = kg_malloc((last - first + 1) * sizeof **out);
  if (!*out)
    return KG_ERR_NOMEM;
  for (size_t i = first; i < last; ++i) {
    const kg_passage *p = s->supports[i].passage;
    if (p && (!n || (*out)[n - 1].p != p) && p->start < p->end) {
      (*out)[n] = (placed){p, n + 1};
      ++n;
    }
  }
  if (n)
    qsort(*out, n, sizeof **out, compare_placed);
  *count = n;
  return KG_OK;
}

/* The marks open between two places of the copy: the passages started and
 * not ended, in `v` order (outer first), written anew at every place where
 * one starts or ends, so that overlapping passages nest well. */
typedef struct {
  const placed *v;
  size_t n, next; /* v[next] is the next to start */
  size_t *open;   /* indices into v */
  size_t open_count;
  bool *begun; /* by index into v: its first mark is written */
} marks;

static void marks_close(FILE *out, marks *mk, uint64_t at)
{
  for (size_t i = 0; i < mk->open_count; ++i)
    fputs("</mark>", out);
  size_t kept = 0; /* links after the passages ending here, outside marks */
  for (size_t i = mk->open_count; i-- > 0;) {
    const placed *x = &mk->v[mk->open[i]];
    if (x->p->end > at)
      continue;
    fputs("<a class=\"pl\" href=\"#s-", out);
    passage_anchor(out, x->p);
    fprintf(out, "\">[§%zu]</a>", x->number);
  }
  for (size_t i = 0; i < mk->open_count; ++i)
    if (mk->v[mk->open[i]].p->end > at)
      mk->open[kept++] = mk->open[i];
  mk->open_count = kept;
}

static void marks_open(FILE *out, marks *mk, uint64_t at)
{
  while (mk->next < mk->n && mk->v[mk->next].p->start <= at)
    mk->open[mk->open_count++] = mk->next++;
  for (size_t i = 0; i < mk->open_count; ++i) {
    size_t k = mk->open[i];
    fputs("<mark", out);
    if (!mk->begun[k]) {
      fputs(" id=\"", out);
      passage_anchor(out, mk->v[k].p);
      fputs("\"", out);
      mk->begun[k] = true;
    }
    fputs(" data-p=\"", out);
    passage_anchor(out, mk->v[k].p);
    fputs("\">", out);
  }
}

/* Is `at` a place where a passage starts or ends? */
static bool marks_event(const marks *mk, uint64_t at)
{
  if (mk->next < mk->n && mk->v[mk->next].p->start == at)
    return true;
  for (size_t i = 0; i < mk->open_count; ++i)
    if (mk->v[mk->open[i]].p->end == at)
      return true;
  return false;
}

/* The copy's NFC text, every code point counted as the offsets count it. */
static void copy_text(FILE *out, const kg_copy *c, marks *mk)
{
  size_t run = 0;
  uint64_t cp = 0;
  fputs("<pre class=\"copy\">\n", out); /* the parser drops that line feed */
  for (size_t i = 0; i <= c->text_len; ++i) {
    if (i < c->text_len && ((unsigned char)c->text[i] & 0xC0) == 0x80)
      continue; /* inside a code point */
    if (marks_event(mk, cp) || i == c->text_len) {
      kg_html_pre(out, c->text + run, i - run);
      run = i;
      marks_close(out, mk, i == c->text_len ? UINT64_MAX : cp);
      if (i < c->text_len)
        marks_open(out, mk, cp);
    }
    ++cp;
  }
  fputs("</pre>\n", out);
}

/* The archived copy of a source with `local-copy:`: its text, where the
 * project may publish it, else why not. */
static kg_status copy_section(FILE *out, const site *s, const kg_entity *e,
                              bool *shown)
{
  kg_status st = KG_OK;
  placed *v = NULL;
  marks mk = {0};
  const kg_statement *name = stated(s->m, e, "local-copy");
  const char *why = name ? copy_withheld(s, e) : NULL;
  *shown = name && !why;
  if (!name)
    return KG_OK;
  fputs("<section aria-labelledby=\"h-copy\">\n<h2 id=\"h-copy\">"
        "Archived copy</h2>\n<p>",
        out);
  if (why) {
    fputs("The archived copy <code>", out);
    kg_html_cstr(out, name->lexical);
    fprintf(out,
            "</code> is not reproduced here: %s. Its checked passages "
            "are located below by their offsets.</p>\n</section>\n",
            why);
    return KG_OK;
  }
  const kg_statement *licence = stated(s->m, e, "copy-licence");
  fputs("The archived copy <code>", out);
  kg_html_cstr(out, name->lexical);
  fputs("</code>, republished under <bdi>", out);
  kg_html_cstr(out, licence->lexical);
  fputs("</bdi>, as kgbuild checked it (Unicode NFC, as the offsets count "
        "it; control and invisible characters shown as U+XXXX). Each "
        "quoted passage is highlighted, followed by a link [§N] to what it "
        "supports.</p>\n",
        out);
  TRY(copy_passages(s, e, &v, &mk.n));
  mk.v = v;
  mk.open = kg_malloc((mk.n + 1) * sizeof *mk.open);
  mk.begun = kg_calloc(mk.n + 1, sizeof *mk.begun);
  if (!mk.open || !mk.begun) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  copy_text(out, s->m->copies[e->index], &mk);
  fputs("</section>\n", out);
out:
  kg_free(mk.open);
  kg_free(mk.begun);
  kg_free(v);
  return st;
}

static int compare_supports(const void *a, const void *b)
{
  const support *x = a, *y = b;
  if (x->source->index != y->source->index)
    return x->source->index < y->source->index ? -1 : 1;
  if (!x->passage != !y->passage)
    return x->passage ? -1 : 1;
  if (x->passage && x->passage != y->passage) {
    if (x->passage->start != y->passage->start)
      return x->passage->start < y->passage->start ? -1 : 1;
    if (x->passage->end != y->passage->end)
      return x->passage->end < y->passage->end ? -1 : 1;
    return x->passage < y->passage ? -1 : 1; /* never: one per place */
  }
  if (x->entity->index != y->entity->index)
    return x->entity->index < y->entity->index ? -1 : 1;
  if (!x->stmt != !y->stmt)
    return x->stmt ? 1 : -1;
  if (!x->stmt)
    return 0;
  int c = strcmp(key_name(x->stmt->prop), key_name(y->stmt->prop));
  return c ? c : kg_statement_compare(x->stmt, y->stmt);
}

typedef struct {
  support *items;
  size_t count, capacity;
} support_vec;

static kg_status add_supports(support_vec *v, const kg_provenance *p,
                              const kg_statement *stmt, const kg_entity *e)
{
  for (size_t j = 0; p && p->sources && j < p->count; ++j) {
    if (!p->sources[j])
      continue;
    if (v->count == v->capacity) {
      size_t cap = v->capacity ? 2 * v->capacity : 64;
      support *grown = kg_realloc(v->items, cap * sizeof *grown);
      if (!grown)
        return KG_ERR_NOMEM;
      v->items = grown;
      v->capacity = cap;
    }
    v->items[v->count++] =
        (support){p->sources[j], p->passages ? p->passages[j] : NULL, stmt, e};
  }
  return KG_OK;
}

/* Passages shared by several statements are one place in the copy: give
 * them one pointer, so that a page groups them (sources.c may keep one
 * passage per quote). */
static void merge_passages(support *v, size_t n)
{
  for (size_t i = 1; i < n; ++i)
    if (v[i].passage && v[i - 1].passage && v[i].source == v[i - 1].source &&
        v[i].passage->start == v[i - 1].passage->start &&
        v[i].passage->end == v[i - 1].passage->end)
      v[i].passage = v[i - 1].passage;
}

static kg_status index_supports(site *s)
{
  kg_status st = KG_OK;
  const kg_model *m = s->m;
  support_vec v = {0};
  size_t ne = m->entities.count;
  for (size_t i = 0; i < ne; ++i) {
    const kg_entity *e = m->entities.items[i];
    TRY(add_supports(&v, e->prov, NULL, e));
    size_t total = e->statement_count + e->outranked_count;
    for (size_t k = 0; k < total; ++k) {
      const kg_statement *x = own_at(m, e, k);
      if (x->derived || x->entailed)
        continue;
      for (size_t r = 0; r < kg_statement_ref_count(x); ++r) {
        const kg_provenance *p = kg_statement_ref(x, r);
        if (p != e->prov)
          TRY(add_supports(&v, p, x, e));
      }
    }
  }
  if (v.count)
    qsort(v.items, v.count, sizeof *v.items, compare_supports);
  merge_passages(v.items, v.count);
  if (!(s->support_first = kg_calloc(ne + 2, sizeof *s->support_first))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < v.count; ++i)
    s->support_first[v.items[i].source->index + 1]++;
  for (size_t i = 0; i < ne; ++i)
    s->support_first[i + 1] += s->support_first[i];
  s->supports = v.items;
  s->support_count = v.count;
  v.items = NULL;
out:
  kg_free(v.items);
  return st;
}

/* ---- statements about each entity, written on others ----------------------
 */

static int compare_incoming(const void *a, const void *b)
{
  const kg_statement *x = *(const kg_statement *const *)a,
                     *y = *(const kg_statement *const *)b;
  if (x->object->index != y->object->index)
    return x->object->index < y->object->index ? -1 : 1;
  int c = strcmp(key_name(x->prop), key_name(y->prop));
  if (c)
    return c;
  if (x->subject->index != y->subject->index)
    return x->subject->index < y->subject->index ? -1 : 1;
  return kg_statement_compare(x, y);
}

static bool incoming(const kg_statement *x)
{
  return x->object && !x->derived && !x->entailed && x->subject != x->object;
}

static kg_status index_incoming(site *s)
{
  const kg_model *m = s->m;
  size_t ne = m->entities.count, n = 0;
  const kg_vec *lists[2] = {&m->statements, &m->outranked};
  for (int l = 0; l < 2; ++l)
    for (size_t i = 0; i < lists[l]->count; ++i)
      n += incoming(lists[l]->items[i]);
  s->in_first = kg_calloc(ne + 2, sizeof *s->in_first);
  s->in_items = kg_malloc((n + 1) * sizeof *s->in_items);
  if (!s->in_first || !s->in_items)
    return KG_ERR_NOMEM;
  n = 0;
  for (int l = 0; l < 2; ++l)
    for (size_t i = 0; i < lists[l]->count; ++i)
      if (incoming(lists[l]->items[i]))
        s->in_items[n++] = lists[l]->items[i];
  if (n)
    qsort(s->in_items, n, sizeof *s->in_items, compare_incoming);
  for (size_t i = 0; i < n; ++i)
    s->in_first[s->in_items[i]->object->index + 1]++;
  for (size_t i = 0; i < ne; ++i)
    s->in_first[i + 1] += s->in_first[i];
  return KG_OK;
}

/* ---- entity pages ---------------------------------------------------------
 */

static void names(FILE *out, const site *s, const kg_entity *e)
{
  bool any = false;
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *x = s->m->statements.items[e->first_statement + i];
    if (!x->prop->is_label || x->object || x->derived)
      continue;
    fputs(any ? "" : "<ul class=\"names\" aria-label=\"Names\">\n", out);
    any = true;
    fputs("<li>", out);
    value(out, "../", x);
    fputs("</li>\n", out);
  }
  if (any)
    fputs("</ul>\n", out);
}

static kg_status entity_page(site *s, const kg_entity *e)
{
  kg_status st = KG_OK;
  notes n = {0};
  FILE *out = NULL;
  char rel[KG_ID_MAX + 16];
  size_t k;
  bool shown = false;
  snprintf(rel, sizeof rel, "e/%s.html", e->id);
  TRY(open_file(s, rel, &out));
  page_begin(out, "../", label_of(e), e->cls->name);
  fputs("<h1><bdi>", out);
  kg_html_cstr(out, label_of(e));
  fputs("</bdi></h1>\n", out);
  names(out, s, e);
  fprintf(out, "<dl class=\"meta\"><dt>Class</dt><dd><a href=\"../c/%s.html\">",
          slug_of(s, e->cls));
  kg_html_cstr(out, e->cls->name);
  fputs("</a></dd><dt>Id</dt><dd><code>", out);
  kg_html_cstr(out, e->id);
  fputs("</code></dd><dt>IRI</dt><dd><code>", out);
  kg_html_cstr(out, s->net->base);
  kg_html_cstr(out, e->id);
  fputs("</code></dd>", out);
  TRY(note_for(&n, e->prov, &k));
  if (k)
    fprintf(out,
            "<dt>Entry source</dt><dd><a class=\"fn\" href=\"#n%zu\">"
            "[%zu]</a></dd>",
            k, k);
  fputs("</dl>\n", out);
  TRY(facts_table(out, s, &n, e));
  TRY(relations_table(out, s, &n, e));
  if (incoming_pages(s, e) > 1)
    incoming_nav(out, e, incoming_pages(s, e), 0);
  TRY(timeline(out, s, e));
  TRY(neighbourhood(out, s, e));
  TRY(copy_section(out, s, e, &shown));
  passages(out, s, e, shown);
  write_notes(out, "../", &n);
  page_end(out);
out:
  notes_free(&n);
  return close_file(out, st);
}

/* ---- class pages, the index -----------------------------------------------
 */

static size_t count_of_class(const kg_model *m, const kg_class *c)
{
  size_t n = 0;
  for (size_t i = 0; i < m->entities.count; ++i)
    n += ((const kg_entity *)m->entities.items[i])->cls == c;
  return n;
}

static void entity_item(FILE *out, const char *root, const kg_entity *e)
{
  fputs("<li>", out);
  entity_link(out, root, e);
  fputs(" <code>", out);
  kg_html_cstr(out, e->id);
  fputs("</code></li>\n", out);
}

static void class_about(FILE *out, const site *s, const kg_class *c)
{
  const kg_vec *classes = &s->net->onto->classes;
  if (c->comment) {
    fputs("<p>", out);
    kg_html_cstr(out, c->comment);
    fputs("</p>\n", out);
  }
  fputs("<dl class=\"meta\"><dt>IRI</dt><dd><code>", out);
  kg_html_cstr(out, c->iri);
  fputs("</code></dd>", out);
  for (size_t i = 0; i < c->supers.count; ++i) {
    const kg_class *sup = c->supers.items[i];
    fprintf(out, "<dt>Subclass of</dt><dd><a href=\"%s.html\">",
            slug_of(s, sup));
    kg_html_cstr(out, sup->name);
    fputs("</a></dd>", out);
  }
  for (size_t i = 0; i < classes->count; ++i) {
    const kg_class *sub = classes->items[i];
    for (size_t j = 0; j < sub->supers.count; ++j)
      if (sub->supers.items[j] == c) {
        fprintf(out, "<dt>Superclass of</dt><dd><a href=\"%s.html\">",
                slug_of(s, sub));
        kg_html_cstr(out, sub->name);
        fputs("</a></dd>", out);
      }
  }
  fputs("</dl>\n", out);
}

static kg_status class_page(site *s, size_t ci, size_t page, size_t pages)
{
  kg_status st = KG_OK;
  const kg_class *c = s->net->onto->classes.items[ci];
  const char *slug = s->class_slug[ci];
  char rel[160];
  FILE *out = NULL;
  if (page)
    snprintf(rel, sizeof rel, "c/%s-%zu.html", slug, page + 1);
  else
    snprintf(rel, sizeof rel, "c/%s.html", slug);
  TRY(open_file(s, rel, &out));
  page_begin(out, "../", c->name, "class");
  fputs("<h1>", out);
  kg_html_cstr(out, c->name);
  fputs("</h1>\n", out);
  class_about(out, s, c);
  fputs("<h2>Entities</h2>\n<ul class=\"entities\">\n", out);
  size_t seen = 0;
  for (size_t i = 0; i < s->m->entities.count; ++i) {
    const kg_entity *e = s->m->entities.items[i];
    if (e->cls != c)
      continue;
    if (seen / PAGE_SIZE == page)
      entity_item(out, "../", e);
    seen++;
  }
  fputs("</ul>\n", out);
  if (pages > 1) {
    fputs("<nav aria-label=\"Pages\" class=\"pages\"><ul>", out);
    for (size_t p = 0; p < pages; ++p) {
      if (p == page)
        fprintf(out, "<li><span aria-current=\"page\">%zu</span></li>", p + 1);
      else if (p)
        fprintf(out, "<li><a href=\"%s-%zu.html\">%zu</a></li>", slug, p + 1,
                p + 1);
      else
        fprintf(out, "<li><a href=\"%s.html\">1</a></li>", slug);
    }
    fputs("</ul></nav>\n", out);
  }
  page_end(out);
out:
  return close_file(out, st);
}

static kg_status class_pages(site *s)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < s->net->onto->classes.count; ++i) {
    size_t n = count_of_class(s->m, s->net->onto->classes.items[i]);
    size_t pages = n ? (n + PAGE_SIZE - 1) / PAGE_SIZE : 1;
    for (size_t p = 0; p < pages; ++p)
      TRY(class_page(s, i, p, pages));
  }
out:
  return st;
}

static kg_status index_page(site *s)
{
  kg_status st = KG_OK;
  FILE *out = NULL;
  const kg_vec *classes = &s->net->onto->classes;
  TRY(open_file(s, "index.html", &out));
  page_begin(out, "", "Index", "kgbuild");
  fprintf(out,
          "<h1>The fact base</h1>\n<p>%zu entities. Every fact on these pages "
          "cites its source, with the passage quoted.</p>\n",
          s->m->entities.count);
  fputs("<div id=\"search\" role=\"search\" hidden>\n<form action=\"#\" "
        "id=\"search-form\">\n<label for=\"q\">Search names and ids</label>\n"
        "<input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\" "
        "spellcheck=\"false\">\n</form>\n<p id=\"search-status\" "
        "aria-live=\"polite\"></p>\n<ul id=\"results\"></ul>\n</div>\n",
        out);
  fputs("<nav aria-label=\"Classes\"><h2>By class</h2>\n", out);
  for (size_t i = 0; i < classes->count; ++i) {
    const kg_class *c = classes->items[i];
    size_t n = count_of_class(s->m, c), shown = 0;
    if (!n)
      continue;
    fprintf(out,
            "<section aria-labelledby=\"c-%s\">\n<h3 id=\"c-%s\">"
            "<a href=\"c/%s.html\">",
            s->class_slug[i], s->class_slug[i], s->class_slug[i]);
    kg_html_cstr(out, c->name);
    fprintf(out,
            "</a> <span class=\"count\">(%zu)</span></h3>\n<ul "
            "class=\"entities\">\n",
            n);
    for (size_t j = 0; j < s->m->entities.count && shown < INDEX_LIMIT; ++j) {
      const kg_entity *e = s->m->entities.items[j];
      if (e->cls == c) {
        entity_item(out, "", e);
        shown++;
      }
    }
    fputs("</ul>\n", out);
    if (n > shown)
      fprintf(out, "<p><a href=\"c/%s.html\">All %zu</a></p>\n",
              s->class_slug[i], n);
    fputs("</section>\n", out);
  }
  fputs("</nav>\n<script src=\"search/buckets.js\"></script>\n"
        "<script src=\"search.js\"></script>\n",
        out);
  page_end(out);
out:
  return close_file(out, st);
}

/* ---- the ontology page ----------------------------------------------------
 */

static void range_text(FILE *out, const site *s, const kg_property *p)
{
  if (p->range == KG_RANGE_ENTITY && p->range_class) {
    fprintf(out, "<a href=\"c/%s.html\">", slug_of(s, p->range_class));
    kg_html_cstr(out, p->range_class->name);
    fputs("</a>", out);
  } else {
    kg_html_cstr(out, kg_range_name(p->range));
  }
}

static void property_rows(FILE *out, const site *s, bool qualifiers)
{
  const kg_vec *props = &s->net->onto->properties;
  for (size_t i = 0; i < props->count; ++i) {
    const kg_property *p = props->items[i];
    const char *key = qualifiers ? p->qualifier_key : p->key;
    char slug[160];
    if (!key)
      continue;
    slugify(key, slug, sizeof slug);
    fprintf(out, "<tr id=\"%s-%s\"><th scope=\"row\"><code>",
            qualifiers ? "q" : "k", slug);
    kg_html_cstr(out, key);
    fputs("</code></th><td>", out);
    if (p->domain) {
      fprintf(out, "<a href=\"c/%s.html\">", slug_of(s, p->domain));
      kg_html_cstr(out, p->domain->name);
      fputs("</a>", out);
    } else {
      fputs("any", out);
    }
    fputs("</td><td>", out);
    range_text(out, s, p);
    fputs("</td><td>", out);
    fputs(p->functional ? "one value " : "", out);
    fputs(p->symmetric ? "symmetric " : "", out);
    if (p->inverse && p->inverse->key) {
      fputs("inverse of <code>", out);
      kg_html_cstr(out, p->inverse->key);
      fputs("</code>", out);
    }
    fputs("</td><td>", out);
    kg_html_cstr(out, p->comment);
    fputs("<br><code class=\"iri\">", out);
    kg_html_cstr(out, p->iri);
    fputs("</code></td></tr>\n", out);
  }
}

static kg_status ontology_page(site *s)
{
  kg_status st = KG_OK;
  FILE *out = NULL;
  const kg_vec *classes = &s->net->onto->classes;
  TRY(open_file(s, "ontology.html", &out));
  page_begin(out, "", "Ontology", "kgbuild");
  fputs("<h1>The ontology: classes, keys and qualifiers</h1>\n", out);
  fputs("<section aria-labelledby=\"h-classes\"><h2 id=\"h-classes\">Classes"
        "</h2>\n<ul>\n",
        out);
  for (size_t i = 0; i < classes->count; ++i) {
    const kg_class *c = classes->items[i];
    fprintf(out, "<li><a href=\"c/%s.html\">", s->class_slug[i]);
    kg_html_cstr(out, c->name);
    fputs("</a>", out);
    if (c->comment) {
      fputs(": ", out);
      kg_html_cstr(out, c->comment);
    }
    fputs("</li>\n", out);
  }
  fputs("</ul></section>\n", out);
  for (int q = 0; q < 2; ++q) {
    fprintf(out,
            "<section aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s</h2>\n"
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Key"
            "</th><th scope=\"col\">On</th><th scope=\"col\">Values</th>"
            "<th scope=\"col\">Rules</th><th scope=\"col\">Meaning</th></tr>"
            "</thead>\n<tbody>\n",
            q ? "qualifiers" : "keys", q ? "qualifiers" : "keys",
            q ? "Qualifiers (inside a long form)" : "Keys of entries");
    property_rows(out, s, q);
    fputs("</tbody></table></div></section>\n", out);
  }
  page_end(out);
out:
  return close_file(out, st);
}

/* ---- assets and the search index ----------------------------------------- */

static kg_status asset(site *s, const char *rel, const char *text)
{
  FILE *out = NULL;
  kg_status st = open_file(s, rel, &out);
  if (st == KG_OK)
    fputs(text, out);
  return close_file(out, st);
}

/* The search index: every entity under each word of its label and id, in
 * a file per key, the hex of the word's first bytes (search/7761.js holds
 * the words starting "wa"), so that a search loads a few small files
 * whatever the size of the base.  A key starts at two bytes and a file of
 * more than SEARCH_ROWS entities is split by one byte more (search/
 * 6f6666.js: "off"), up to KEY_MAX bytes; search.js loads every key that
 * is a prefix of the query word or that the word is a prefix of.  ASCII
 * letters are folded to lower case, as search.js folds the query. */
enum { SEARCH_ROWS = 1000, KEY_MAX = 8 };

typedef struct {
  const char *word; /* in the label or id, not NUL-terminated */
  uint32_t len, entity;
  uint8_t depth; /* the key's bytes: min(depth, len) */
  char key[2 * KEY_MAX + 1];
} posting;

static unsigned char fold(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static void make_key(posting *p)
{
  size_t n = p->len < p->depth ? p->len : p->depth;
  for (size_t i = 0; i < n; ++i)
    snprintf(p->key + 2 * i, 3, "%02x", fold((unsigned char)p->word[i]));
}

static int compare_postings(const void *a, const void *b)
{
  const posting *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : (x->entity > y->entity) - (x->entity < y->entity);
}

static bool word_byte(unsigned char c)
{
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* Words that never narrow a search, and that every third name holds
 * ("Ministry of ... and ..."): left out of the index; search.js looks a
 * query up by its longest other word and matches the rest on the rows it
 * loads, stop words included.  Kept in step with search.js. */
static bool stop_word(const char *w, size_t len)
{
  static const char *const stop[] = {"of", "and", "the", "for", "to",
                                     "in", "on",  "at",  "de"};
  for (size_t i = 0; i < sizeof stop / sizeof *stop; ++i)
    if (strlen(stop[i]) == len && !strncasecmp(stop[i], w, len))
      return true;
  return false;
}

static kg_status add_words(const char *text, uint32_t entity, posting **v,
                           size_t *n, size_t *cap)
{
  for (size_t i = 0; text[i];) {
    if (!word_byte((unsigned char)text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (text[i] && word_byte((unsigned char)text[i]))
      ++i;
    if (stop_word(text + start, i - start))
      continue;
    if (*n == *cap) {
      *cap = *cap ? 2 * *cap : 256;
      posting *grown = kg_realloc(*v, *cap * sizeof *grown);
      if (!grown)
        return KG_ERR_NOMEM;
      *v = grown;
    }
    posting *p = &(*v)[(*n)++];
    *p = (posting){text + start, (uint32_t)(i - start), entity, 2, {0}};
    make_key(p);
  }
  return KG_OK;
}

/* The entities of the key starting at v[i] (each once), and where the
 * next key starts. */
static size_t key_rows(const posting *v, size_t n, size_t i, size_t *next)
{
  size_t rows = 0, j = i;
  for (; j < n && !strcmp(v[j].key, v[i].key); ++j)
    rows += j == i || v[j].entity != v[j - 1].entity;
  *next = j;
  return rows;
}

/* Splits every key of more than SEARCH_ROWS entities by one byte more,
 * until none is (or the keys are KEY_MAX bytes); v ends sorted. */
static void split_keys(posting *v, size_t n)
{
  for (bool again = true; again;) {
    again = false;
    if (n)
      qsort(v, n, sizeof *v, compare_postings);
    for (size_t i = 0, next; i < n; i = next) {
      if (key_rows(v, n, i, &next) <= SEARCH_ROWS || v[i].depth >= KEY_MAX)
        continue;
      for (size_t j = i; j < next; ++j)
        if (v[j].len > v[j].depth) {
          v[j].depth++;
          make_key(&v[j]);
          again = true;
        }
    }
  }
}

static void search_row(FILE *out, const kg_entity *e)
{
  fputc('[', out);
  kg_json_string(out, label_of(e));
  fputc(',', out);
  kg_json_string(out, e->id);
  fputc(',', out);
  kg_json_string(out, e->cls->name);
  fputc(']', out);
}

/* A key's rows are shortest label first (then id): a word thousands of
 * names share ("office") keeps the entities named by it alone on its
 * first page.  The label's length is copied in, for qsort. */
typedef struct {
  size_t len;
  uint32_t entity;
} row;

static int compare_rows(const void *a, const void *b)
{
  const row *x = a, *y = b;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return (x->entity > y->entity) - (x->entity < y->entity);
}

/* One page of a key: search/KEY.js, then KEY~2.js... SEARCH_ROWS rows
 * each, so that no file the browser loads grows with the base. */
static kg_status write_page(site *s, const char *key, const row *rows, size_t n,
                            size_t page)
{
  FILE *out = NULL;
  char name[2 * KEY_MAX + 24], rel[2 * KEY_MAX + 40];
  if (page > 1)
    snprintf(name, sizeof name, "%s~%zu", key, page);
  else
    snprintf(name, sizeof name, "%s", key);
  snprintf(rel, sizeof rel, "search/%s.js", name);
  kg_status st = open_file(s, rel, &out);
  if (st != KG_OK)
    return st;
  fprintf(out, "kgSearch.add(\"%s\",[\n", name);
  for (size_t j = 0; j < n; ++j) {
    fputs(j ? ",\n" : "", out);
    search_row(out, s->m->entities.items[rows[j].entity]);
  }
  fputs("]);\n", out);
  return close_file(out, st);
}

/* The pages of the key of v[i, next); *rows is its count of entities. */
static kg_status write_key(site *s, const posting *v, size_t i, size_t next,
                           size_t *rows)
{
  kg_status st = KG_OK;
  row *e = kg_malloc((next - i) * sizeof *e);
  size_t n = 0;
  if (!e)
    return KG_ERR_NOMEM;
  for (size_t j = i; j < next; ++j)
    if (j == i || v[j].entity != v[j - 1].entity)
      e[n++] = (row){strlen(label_of(s->m->entities.items[v[j].entity])),
                     v[j].entity};
  qsort(e, n, sizeof *e, compare_rows);
  for (size_t at = 0, page = 1; at < n; at += SEARCH_ROWS, ++page)
    TRY(write_page(s, v[i].key, e + at,
                   n - at < SEARCH_ROWS ? n - at : SEARCH_ROWS, page));
  *rows = n;
out:
  kg_free(e);
  return st;
}

/* search/buckets.js: the keys, and the rows of each (parallel arrays):
 * search.js looks a query up by its rarest word, and knows how many pages
 * a key has. */
static kg_status write_buckets(site *s, const posting *v, size_t n)
{
  kg_status st = KG_OK;
  FILE *list = NULL;
  size_t keys = 0, *rows = NULL;
  for (size_t i = 0, next; i < n; i = next, ++keys)
    key_rows(v, n, i, &next);
  if (!(rows = kg_malloc((keys + 1) * sizeof *rows))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(open_file(s, "search/buckets.js", &list));
  fputs("var kgBuckets = [", list);
  for (size_t i = 0, next, k = 0; i < n; i = next, ++k) {
    key_rows(v, n, i, &next);
    fprintf(list, "%s\"%s\"", i ? "," : "", v[i].key);
    TRY(write_key(s, v, i, next, &rows[k]));
  }
  fputs("];\nvar kgRows = [", list);
  for (size_t k = 0; k < keys; ++k)
    fprintf(list, "%s%zu", k ? "," : "", rows[k]);
  fputs("];\n", list);
out:
  kg_free(rows);
  return close_file(list, st);
}

static kg_status search_index(site *s)
{
  kg_status st = KG_OK;
  posting *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < s->m->entities.count; ++i) {
    const kg_entity *e = s->m->entities.items[i];
    TRY(add_words(label_of(e), (uint32_t)i, &v, &n, &cap));
    TRY(add_words(e->id, (uint32_t)i, &v, &n, &cap));
  }
  split_keys(v, n);
  TRY(make_dir(s, "search"));
  TRY(write_buckets(s, v, n));
out:
  kg_free(v);
  return st;
}

/* ---- the site -------------------------------------------------------------
 */

static void site_free(site *s)
{
  for (size_t i = 0; s->class_slug && i < s->net->onto->classes.count; ++i)
    kg_free(s->class_slug[i]);
  kg_free(s->class_slug);
  kg_free(s->in_first);
  kg_free(s->in_items);
  kg_free(s->supports);
  kg_free(s->support_first);
}

kg_status kg_site_write(const kg_network *net, const char *dir, size_t *items)
{
  kg_status st = KG_OK;
  site s = {.net = net, .m = net->model, .dir = dir, .fail_left = -1};
#ifdef KG_TESTING
  const char *at = getenv("KG_FAIL_WRITE_AT");
  if (at && *at)
    s.fail_left = strtoll(at, NULL, 10);
#endif
  TRY(class_slugs(&s));
  TRY(index_incoming(&s));
  TRY(index_supports(&s));
  TRY(make_dir(&s, "e"));
  TRY(make_dir(&s, "c"));
  TRY(asset(&s, "style.css", kg_site_css));
  TRY(asset(&s, "search.js", kg_site_js));
  TRY(index_page(&s));
  TRY(ontology_page(&s));
  TRY(class_pages(&s));
  for (size_t i = 0; i < s.m->entities.count; ++i) {
    const kg_entity *e = s.m->entities.items[i];
    TRY(entity_page(&s, e));
    for (size_t k = 1; k < incoming_pages(&s, e); ++k)
      TRY(incoming_page(&s, e, k, incoming_pages(&s, e)));
  }
  TRY(search_index(&s));
  *items = s.files;
out:
  site_free(&s);
  return st;
}
