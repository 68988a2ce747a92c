/* review.c - show and diff. */
#include "review.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- values as a reviewer reads them ---------------------------------- */

/* Text as a terminal cannot misread it, for show and diff alike: a CR
 * would print one name over another, U+202E would reverse what follows,
 * an escape sequence would drive the terminal.  Line breaks, tabs and
 * backslashes (and, inside quotes, quote marks) are written as C escapes,
 * other controls and invisible format characters as \uXXXX, bytes that
 * are not UTF-8 (never in a checked model) as \xNN. */
static void print_text(FILE *out, const char *s, size_t len, bool quoted)
{
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : kg_utf8_decode(s + i, len - i, &cp);
    if (n == 0) {
      fprintf(out, "\\x%02X", c);
      ++i;
      continue;
    }
    if (c == '\n')
      fputs("\\n", out);
    else if (c == '\r')
      fputs("\\r", out);
    else if (c == '\t')
      fputs("\\t", out);
    else if (c == '\\' || (quoted && c == '"'))
      fprintf(out, "\\%c", c);
    else if (kg_char_unprintable(cp))
      fprintf(out, "\\u%04X", (unsigned)cp);
    else
      fwrite(s + i, 1, n, out);
    i += n;
  }
}

static void print_label_text(FILE *out, const char *label)
{
  print_text(out, label, strlen(label), false);
}

/* A statement's value in one line: an id (with its label), or the text
 * with its language or datatype. */
static void print_value(FILE *out, const kg_statement *s)
{
  if (s->object) {
    fprintf(out, "%s", s->object->id);
    if (s->object->label && strcmp(s->object->label, s->object->id)) {
      fputs(" (", out);
      print_label_text(out, s->object->label);
      fputc(')', out);
    }
    return;
  }
  fputc('"', out);
  print_text(out, s->lexical, s->len, true);
  fputc('"', out);
  if (s->lang)
    fprintf(out, "@%s", s->lang);
  else if (s->datatype) {
    const char *hash = strrchr(s->datatype, '#');
    fprintf(out, " (%s)", hash ? hash + 1 : s->datatype);
  }
  /* An external identifier: the authority's IRI for it, to open. */
  char iri[1024];
  size_t n = kg_identifier_iri(s->prop, s->lexical, s->len, iri, sizeof iri);
  if (n && n < sizeof iri)
    fprintf(out, " = %s", iri);
}

static const char *key_of(const kg_statement *s)
{
  return s->prop->key ? s->prop->key : s->prop->iri;
}

/* What a long form adds to a value, in one line: its rank (when not
 * normal), the rank's reason and its qualifiers, e.g.
 *   {rank: deprecated, reason: "...", start: "2019" (gYear)} */
static bool print_statement_notes(FILE *out, const kg_statement *s)
{
  static const char *const ranks[] = {"normal", "preferred", "deprecated"};
  const kg_statement_extra *x = s->extra;
  const char *sep = " {";
  if (s->rank != KG_RANK_NORMAL) {
    fprintf(out, "%srank: %s", sep, ranks[s->rank]);
    sep = ", ";
  }
  if (x && x->reason) {
    fprintf(out, "%sreason: \"", sep);
    print_text(out, x->reason, x->reason_len, true);
    fputc('"', out);
    sep = ", ";
  }
  for (size_t i = 0; x && i < x->qualifier_count; ++i) {
    const kg_statement *q = x->qualifiers[i];
    if (q->invalid)
      continue;
    fprintf(out, "%s%s: ", sep, kg_property_name(q->prop));
    print_value(out, q);
    sep = ", ";
  }
  if (*sep == ',')
    fputc('}', out);
  return *sep == ',';
}

/* Do two statements of the same value differ in rank or qualifiers? */
static bool same_notes(const kg_statement *a, const kg_statement *b)
{
  char *ta = NULL, *tb = NULL;
  size_t la = 0, lb = 0;
  FILE *fa = open_memstream(&ta, &la), *fb = open_memstream(&tb, &lb);
  if (fa)
    print_statement_notes(fa, a);
  if (fb)
    print_statement_notes(fb, b);
  if (fa)
    fclose(fa);
  if (fb)
    fclose(fb);
  bool same = la == lb && (!la || !memcmp(ta, tb, la));
  free(ta);
  free(tb);
  return same;
}

/* ---- show ------------------------------------------------------------- */

/* Sources are numbered in order of first use, [1], [2]..., and listed with
 * their quotes at the end, so a long quote is printed once. */
typedef struct {
  const kg_provenance *items[256];
  size_t count;
} notes;

static bool same_provenance(const kg_provenance *a, const kg_provenance *b)
{
  if (a == b)
    return true;
  if (a->count != b->count || !a->quote != !b->quote ||
      memcmp(a->ids, b->ids, a->count * sizeof *a->ids)) /* interned ids */
    return false;
  return !a->quote || (a->quote_len == b->quote_len &&
                       !memcmp(a->quote, b->quote, a->quote_len));
}

static size_t note_for(notes *n, const kg_provenance *p)
{
  if (!p || !p->count)
    return 0;
  for (size_t i = 0; i < n->count; ++i)
    if (same_provenance(n->items[i], p))
      return i + 1;
  if (n->count == sizeof n->items / sizeof *n->items)
    return 0;
  n->items[n->count++] = p;
  return n->count;
}

/* A label in a listing: a claim's label is its whole text, so cut it. */
static void print_label(FILE *out, const char *label)
{
  size_t i = kg_utf8_prefix(label, strlen(label), 60);
  fputs(" (", out);
  print_text(out, label, i, false);
  fprintf(out, "%s)", label[i] ? "…" : "");
}

/* A statement's line; `refined_by`, when not NULL, is the finer date that
 * refines it. */
static void print_line(FILE *out, const kg_statement *s, const char *arrow,
                       const kg_entity *other, notes *n,
                       const kg_statement *refined_by)
{
  fprintf(out, "  %-20s %s", key_of(s), arrow);
  if (other) {
    fprintf(out, "%s", other->id);
    if (other->label && strcmp(other->label, other->id))
      print_label(out, other->label);
  } else {
    print_value(out, s);
  }
  print_statement_notes(out, s);
  if (s->derived)
    fputs("  (implied)", out);
  /* the same value from several sources: one note each */
  for (size_t i = 0; i < kg_statement_ref_count(s); ++i) {
    size_t k = note_for(n, kg_statement_ref(s, i));
    if (k)
      fprintf(out, "%s[%zu]", i ? "" : "  ", k);
  }
  if (refined_by) {
    fputs("  refined by \"", out);
    print_text(out, refined_by->lexical, refined_by->len, true);
    fputc('"', out);
  }
  fputc('\n', out);
}

static void print_group(FILE *out, const kg_statement *s, const char *arrow,
                        const kg_entity *other, notes *n)
{
  print_line(out, s, arrow, other, n, NULL);
}

/* Values kept as statements but not best-ranked (no direct triple, no
 * attribute), in two lists: those a finer date of the same rank refines
 * (2013 beside 2013-06-15: nothing ranks them lower), and those outranked
 * (deprecated, or beside a preferred one). */
static void print_outranked(FILE *out, const kg_model *m, const kg_entity *e,
                            notes *n)
{
  for (int refined = 1; refined >= 0; --refined) {
    bool any = false;
    for (size_t i = 0; i < e->outranked_count; ++i) {
      const kg_statement *s = m->outranked.items[e->first_outranked + i];
      const kg_statement *by = kg_statement_refiner(m, s);
      if (s->entailed || !by != !refined)
        continue;
      if (!any)
        fputs(refined ? "\nrefined values (statements only: a finer date "
                        "agrees)\n"
                      : "\noutranked values (statements only)\n",
              out);
      any = true;
      print_line(out, s, s->object ? "-> " : "", s->object, n, by);
    }
  }
}

static int compare_incoming(const void *a, const void *b)
{
  const kg_statement *x = *(kg_statement *const *)a,
                     *y = *(kg_statement *const *)b;
  int c = strcmp(key_of(x), key_of(y));
  return c ? c : strcmp(x->subject->id, y->subject->id);
}

/* The statement of `key` on entity e, or NULL. */
static const kg_statement *statement_of(const kg_model *m, const kg_entity *e,
                                        const char *key)
{
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *s = m->statements.items[e->first_statement + i];
    if (!s->derived && s->prop->key && !strcmp(s->prop->key, key))
      return s;
  }
  return NULL;
}

/* The posts a person held through appointments (the `holder:` of an
 * appointment names the person, its `post:` the post), with their dates:
 * a reviewer reads a career here, not as appointment ids among the
 * incoming relationships.  The keys are the fact format's. */
static void print_posts(const kg_model *m, const kg_entity *e, FILE *out)
{
  bool any = false;
  for (size_t i = 0; i < m->statements.count; ++i) {
    const kg_statement *s = m->statements.items[i];
    if (s->object != e || s->derived || !s->prop->key ||
        strcmp(s->prop->key, "holder"))
      continue;
    const kg_statement *post = statement_of(m, s->subject, "post");
    const kg_statement *start = statement_of(m, s->subject, "start");
    const kg_statement *end = statement_of(m, s->subject, "end");
    if (!post || !post->object)
      continue;
    if (!any)
      fputs("\nposts (through appointments)\n", out);
    any = true;
    fprintf(out, "  %s", post->object->id);
    if (post->object->label && strcmp(post->object->label, post->object->id))
      print_label(out, post->object->label);
    fputs(start ? "  " : "", out);
    if (start)
      print_text(out, start->lexical, start->len, false);
    fputs(end ? (start ? " to " : "  until ") : (start ? " on" : ""), out);
    if (end)
      print_text(out, end->lexical, end->len, false);
    fprintf(out, "  [%s]\n", s->subject->id);
  }
}

/* show on an id no entity has: the nearest id as a hint. */
static kg_status show_unknown(const kg_model *m, const char *id, kg_diag *diag)
{
  const char **ids = kg_malloc((m->entities.count + 1) * sizeof *ids);
  if (!ids)
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < m->entities.count; ++i)
    ids[i] = ((const kg_entity *)m->entities.items[i])->id;
  const char *near = kg_nearest(id, strlen(id), ids, m->entities.count);
  char hint[160], message[256];
  if (near)
    snprintf(hint, sizeof hint, "did you mean '%s'?", near);
  snprintf(message, sizeof message, "no entity has the id '%s'", id);
  kg_diag_emit(diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                      .code = "unknown-reference",
                                      .message = message,
                                      .hint = near ? hint : NULL});
  kg_free(ids);
  return KG_ERR_FACTS;
}

/* The entity's own statements: its facts (literal values), or its
 * relationships (references).  True when there was any. */
static bool show_own(FILE *out, const kg_model *m, const kg_entity *e,
                     bool relationships, notes *n)
{
  bool any = false;
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *s = m->statements.items[e->first_statement + i];
    if (s->entailed || !s->object != !relationships)
      continue;
    print_group(out, s, relationships ? "-> " : "", s->object, n);
    any = true;
  }
  return any;
}

/* Incoming: statements of others about this entity, written on them. */
static kg_status show_incoming(FILE *out, const kg_model *m, const kg_entity *e,
                               notes *n, bool *any)
{
  kg_vec incoming = {0};
  for (size_t i = 0; i < m->statements.count; ++i) {
    kg_statement *s = m->statements.items[i];
    if (s->object == e && !s->derived && s->subject != e &&
        kg_vec_push(&incoming, s) != KG_OK) {
      kg_vec_free(&incoming);
      return KG_ERR_NOMEM;
    }
  }
  if (incoming.count > 1)
    qsort(incoming.items, incoming.count, sizeof(void *), compare_incoming);
  for (size_t i = 0; i < incoming.count; ++i) {
    const kg_statement *s = incoming.items[i];
    print_group(out, s, "<- ", s->subject, n);
    *any = true;
  }
  kg_vec_free(&incoming);
  return KG_OK;
}

/* The sources the notes [1], [2]... refer to, with their quotes. */
static void show_sources(FILE *out, const notes *n)
{
  if (n->count)
    fputs("\nsources\n", out);
  for (size_t i = 0; i < n->count; ++i) {
    const kg_provenance *p = n->items[i];
    fprintf(out, "  [%zu] ", i + 1);
    for (size_t j = 0; j < p->count; ++j) {
      const kg_entity *src = p->sources[j];
      fprintf(out, "%s%s", j ? ", " : "", p->ids[j]);
      if (src && src->label && strcmp(src->label, src->id)) {
        fputs(" (", out);
        print_label_text(out, src->label);
        fputc(')', out);
      }
    }
    fputc('\n', out);
    if (p->quote) {
      fputs("      \"", out);
      print_text(out, p->quote, p->quote_len, true);
      fputs("\"\n", out);
    }
  }
}

kg_status kg_show(const kg_model *m, const char *base, const char *id,
                  FILE *out, kg_diag *diag)
{
  const kg_entity *e = kg_map_get(m->by_id, id, strlen(id));
  if (!e)
    return show_unknown(m, id, diag);
  notes n = {.count = 0};
  fprintf(out, "%s: ", e->id);
  print_label_text(out, e->label ? e->label : e->id);
  fprintf(out, " (%s)\n", e->cls->name);
  fprintf(out, "  %-20s %s%s\n", "iri", base, e->id);
  fprintf(out, "  %-20s %s:%u:%u\n", "defined at", e->pos.file,
          (unsigned)e->pos.line, (unsigned)e->pos.col);
  size_t k = note_for(&n, e->prov);
  if (k)
    fprintf(out, "  %-20s [%zu]\n", "entry source", k);

  fputs("\nfacts\n", out);
  if (!show_own(out, m, e, false, &n))
    fputs("  (none)\n", out);

  fputs("\nrelationships\n", out);
  bool any = show_own(out, m, e, true, &n);
  kg_status st = show_incoming(out, m, e, &n, &any);
  if (st != KG_OK)
    return st;
  if (!any)
    fputs("  (none)\n", out);
  print_posts(m, e, out);
  print_outranked(out, m, e, &n);
  show_sources(out, &n);
  return ferror(out) ? KG_ERR_IO : KG_OK;
}

/* ---- diff ------------------------------------------------------------- */

/* Statements are compared by key and value, not by pointer: the two
 * models were built from different files. */
static int compare_values(const kg_statement *a, const kg_statement *b)
{
  int c = strcmp(key_of(a), key_of(b));
  if (c)
    return c;
  if (a->ref || b->ref) {
    if (!a->ref || !b->ref)
      return a->ref ? -1 : 1;
    return strcmp(a->ref, b->ref);
  }
  size_t n = a->len < b->len ? a->len : b->len;
  c = memcmp(a->lexical, b->lexical, n);
  if (c || a->len != b->len)
    return c ? c : (a->len < b->len ? -1 : 1);
  c = strcmp(a->datatype ? a->datatype : "", b->datatype ? b->datatype : "");
  return c ? c : strcmp(a->lang ? a->lang : "", b->lang ? b->lang : "");
}

/* Provenance compared by content: the models are different trees. */
static bool same_sources(const kg_provenance *a, const kg_provenance *b)
{
  if (a->count != b->count || !a->quote != !b->quote)
    return false;
  for (size_t i = 0; i < a->count; ++i)
    if (strcmp(a->ids[i], b->ids[i]))
      return false;
  return !a->quote || (a->quote_len == b->quote_len &&
                       !memcmp(a->quote, b->quote, a->quote_len));
}

/* Every reference compared, not only the first: a source added or removed
 * by the same value stated again is a change of source too.  References
 * are in a canonical order (check.c), so they are compared pairwise. */
static bool same_refs(const kg_statement *x, const kg_statement *y)
{
  size_t n = kg_statement_ref_count(x);
  if (n != kg_statement_ref_count(y))
    return false;
  for (size_t i = 0; i < n; ++i) {
    const kg_provenance *a = kg_statement_ref(x, i);
    const kg_provenance *b = kg_statement_ref(y, i);
    bool cited = a && a->count;
    if (cited != (b && b->count) || (cited && !same_sources(a, b)))
      return false;
  }
  return true;
}

/* The asserted statements of an entity, sorted by key and value. */
static kg_status stated(const kg_model *m, const kg_entity *e, kg_vec *out)
{
  out->count = 0;
  size_t n = e ? e->statement_count + e->outranked_count : 0;
  for (size_t i = 0; i < n; ++i) {
    kg_statement *s =
        i < e->statement_count
            ? m->statements.items[e->first_statement + i]
            : m->outranked.items[e->first_outranked + i - e->statement_count];
    if (!s->derived) {
      kg_status st = kg_vec_push(out, s);
      if (st != KG_OK)
        return st;
    }
  }
  return KG_OK;
}

static int compare_vec_values(const void *a, const void *b)
{
  return compare_values(*(kg_statement *const *)a, *(kg_statement *const *)b);
}

/* The sources a statement cites, as " [source: a, b]"; nothing when it
 * cites none. */
/* Every source of every reference of s, in reference order, the first
 * after `lead` and the others after ", ": how many. */
static size_t print_ids(FILE *out, const kg_statement *s, const char *lead)
{
  size_t n = 0;
  for (size_t r = 0; r < kg_statement_ref_count(s); ++r) {
    const kg_provenance *p = kg_statement_ref(s, r);
    for (size_t i = 0; p && i < p->count; ++i, ++n)
      fprintf(out, "%s%s", n ? ", " : lead, p->ids[i]);
  }
  return n;
}

static void print_sources(FILE *out, const kg_statement *s)
{
  if (print_ids(out, s, " [source: "))
    fputc(']', out);
}

/* Do x and y cite the same source ids, reference by reference? */
static bool same_ref_ids(const kg_statement *x, const kg_statement *y)
{
  size_t n = kg_statement_ref_count(x);
  if (n != kg_statement_ref_count(y))
    return false;
  for (size_t r = 0; r < n; ++r) {
    const kg_provenance *a = kg_statement_ref(x, r),
                        *b = kg_statement_ref(y, r);
    size_t na = a ? a->count : 0, nb = b ? b->count : 0;
    if (na != nb)
      return false;
    for (size_t i = 0; i < na; ++i)
      if (strcmp(a->ids[i], b->ids[i]))
        return false;
  }
  return true;
}

/* A value as a diff line shows it: with its rank, reason and qualifiers
 * (a deprecated value beside the best one must not read as a change of
 * the value) and its sources. */
static void print_stated(FILE *out, const kg_statement *s)
{
  print_value(out, s);
  print_statement_notes(out, s);
  print_sources(out, s);
}

/* What changed of the sources of the same value, reading every reference:
 * the source ids, or the quote from one source (named: the first reference
 * whose quote differs). */
static void print_moved(FILE *out, const kg_statement *x, const kg_statement *y)
{
  if (same_ref_ids(x, y)) {
    const char *named = NULL;
    for (size_t r = 0; r < kg_statement_ref_count(y) && !named; ++r) {
      const kg_provenance *a = kg_statement_ref(x, r),
                          *b = kg_statement_ref(y, r);
      if (b && b->count && !same_sources(a, b))
        named = b->ids[0];
    }
    if (!named) {
      const kg_provenance *b = kg_statement_ref(y, 0);
      named = b && b->count ? b->ids[0] : NULL;
    }
    if (named) {
      fprintf(out, " (quote from source '%s' changed)\n", named);
      return;
    }
  }
  fputs(" (source:", out);
  fputs(print_ids(out, x, " ") ? " ->" : " none ->", out);
  fputs(print_ids(out, y, " ") ? ")\n" : " none)\n", out);
}

/* With diff --stat, out is NULL: nothing of an entity is printed. */
static void line(FILE *out, char sign, const kg_statement *s)
{
  if (!out)
    return;
  fprintf(out, "    %c %s: ", sign, key_of(s));
  print_stated(out, s);
  fputc('\n', out);
}

static void entity_line(FILE *out, char sign, const kg_entity *e)
{
  if (out)
    fprintf(out, "%c %s %s\n", sign, e->cls->name, e->id);
}

/* "~ key: old -> new", each with its rank, qualifiers and sources. */
static void change_line(FILE *out, const kg_statement *x, const kg_statement *y)
{
  if (!out)
    return;
  /* The sources are shown when they changed too. */
  bool cited = !same_refs(x, y);
  fprintf(out, "    ~ %s: ", key_of(x));
  print_value(out, x);
  print_statement_notes(out, x);
  if (cited)
    print_sources(out, x);
  fputs(" -> ", out);
  print_value(out, y);
  print_statement_notes(out, y);
  if (cited)
    print_sources(out, y);
  fputc('\n', out);
}

/* The same value, with other sources, passages or qualifiers: the notes
 * before and after when they changed. */
static void same_value_line(FILE *out, const kg_statement *x,
                            const kg_statement *y, bool moved, bool renoted)
{
  if (!out)
    return;
  fprintf(out, "    ~ %s: ", key_of(x));
  print_value(out, x);
  if (renoted) {
    if (!print_statement_notes(out, x))
      fputs(" {}", out);
    fputs(" ->", out);
    if (!print_statement_notes(out, y))
      fputs(" {}", out);
  }
  if (moved)
    print_moved(out, x, y);
  else
    fputc('\n', out);
}

/* How many of the statements in v have s's key. */
static size_t key_count(const kg_vec *v, const kg_statement *s)
{
  size_t n = 0;
  for (size_t i = 0; i < v->count; ++i)
    n += !strcmp(key_of(v->items[i]), key_of(s));
  return n;
}

/* Prints the statement differences of one entity; returns how many. */
static size_t entity_changes(FILE *out, const kg_vec *a, const kg_vec *b,
                             const kg_entity *e, bool header)
{
  size_t i = 0, j = 0, count = 0;
  while (i < a->count || j < b->count) {
    const kg_statement *x = i < a->count ? a->items[i] : NULL;
    const kg_statement *y = j < b->count ? b->items[j] : NULL;
    int c = !x ? 1 : !y ? -1 : compare_values(x, y);
    if (c == 0) {
      /* The same fact, now from another source or quoting another passage:
       * a reviewer needs to see that as much as a new value. */
      bool moved = !same_refs(x, y);
      bool renoted = !same_notes(x, y);
      if (moved || renoted) {
        if (header && count == 0)
          entity_line(out, '~', e);
        ++count;
        same_value_line(out, x, y, moved, renoted);
      }
      ++i, ++j;
      continue;
    }
    if (header && count == 0)
      entity_line(out, '~', e);
    ++count;
    /* The one value of a one-value key replaced by another: a change.
     * Where either side has several (a deprecated one beside the best),
     * a value added or removed is just that. */
    if (x && y && x->prop->functional && !strcmp(key_of(x), key_of(y)) &&
        key_count(a, x) == 1 && key_count(b, y) == 1) {
      change_line(out, x, y);
      ++i, ++j;
    } else if (c < 0) {
      line(out, '-', x);
      ++i;
    } else {
      line(out, '+', y);
      ++j;
    }
  }
  return count;
}

/* diff --stat: entities added, removed and changed, per class. */
typedef struct {
  const kg_class *cls;
  size_t added, removed, changed;
} class_count;

typedef struct {
  class_count items[128];
  size_t count;
} tally;

static void count_class(tally *t, const kg_class *cls, int what)
{
  size_t i = 0;
  while (i < t->count && t->items[i].cls != cls)
    ++i;
  if (i == t->count) {
    if (t->count == sizeof t->items / sizeof *t->items)
      return; /* more classes than any ontology has: uncounted */
    t->items[t->count++] = (class_count){.cls = cls};
  }
  size_t *n[] = {&t->items[i].added, &t->items[i].removed,
                 &t->items[i].changed};
  ++*n[what];
}

static int compare_counts(const void *a, const void *b)
{
  return strcmp(((const class_count *)a)->cls->name,
                ((const class_count *)b)->cls->name);
}

static void print_tally(FILE *out, tally *t)
{
  qsort(t->items, t->count, sizeof *t->items, compare_counts);
  for (size_t i = 0; i < t->count; ++i)
    fprintf(out, "  %-20s %zu added, %zu removed, %zu changed\n",
            t->items[i].cls->name, t->items[i].added, t->items[i].removed,
            t->items[i].changed);
}

/* The statements of an entity present in both models, compared; whether
 * it changed. */
static kg_status compare_entity(FILE *out, const kg_model *om,
                                const kg_model *nm, const kg_entity *x,
                                const kg_entity *y, kg_vec *a, kg_vec *b,
                                size_t *statements, bool *changed)
{
  kg_status st = KG_OK;
  TRY(stated(om, x, a));
  TRY(stated(nm, y, b));
  if (a->count > 1)
    qsort(a->items, a->count, sizeof(void *), compare_vec_values);
  if (b->count > 1)
    qsort(b->items, b->count, sizeof(void *), compare_vec_values);
  bool retyped = strcmp(x->cls->iri, y->cls->iri) != 0;
  if (retyped && out)
    fprintf(out, "~ %s %s\n    ~ type: %s -> %s\n", y->cls->name, y->id,
            x->cls->name, y->cls->name);
  size_t n = entity_changes(out, a, b, y, !retyped);
  *statements += n;
  *changed = n || retyped;
out:
  return st;
}

kg_status kg_diff(const kg_model *old_model, const kg_model *new_model,
                  FILE *out, bool stat, size_t *changes)
{
  kg_status st = KG_OK;
  kg_vec a = {0}, b = {0};
  tally t = {.count = 0};
  FILE *detail = stat ? NULL : out;
  size_t i = 0, j = 0, added = 0, removed = 0, changed = 0, statements = 0;
  const kg_vec *olds = &old_model->entities, *news = &new_model->entities;
  /* Both entity lists are in id order after check: a merge walk. */
  while (i < olds->count || j < news->count) {
    const kg_entity *x = i < olds->count ? olds->items[i] : NULL;
    const kg_entity *y = j < news->count ? news->items[j] : NULL;
    int c = !x ? 1 : !y ? -1 : strcmp(x->id, y->id);
    if (c < 0) {
      entity_line(detail, '-', x);
      TRY(stated(old_model, x, &a));
      b.count = 0;
      statements += entity_changes(detail, &a, &b, x, false);
      count_class(&t, x->cls, 1);
      ++removed, ++i;
    } else if (c > 0) {
      entity_line(detail, '+', y);
      a.count = 0;
      TRY(stated(new_model, y, &b));
      statements += entity_changes(detail, &a, &b, y, false);
      count_class(&t, y->cls, 0);
      ++added, ++j;
    } else {
      bool differs = false;
      TRY(compare_entity(detail, old_model, new_model, x, y, &a, &b,
                         &statements, &differs));
      if (differs) {
        count_class(&t, y->cls, 2);
        ++changed;
      }
      ++i, ++j;
    }
  }
  if (stat)
    print_tally(out, &t);
  fprintf(out,
          "%zu entities added, %zu removed, %zu changed; %zu statements "
          "differ\n",
          added, removed, changed, statements);
  *changes = added + removed + changed;
out:
  kg_vec_free(&a);
  kg_vec_free(&b);
  return st;
}
