/* sources.c - quotes checked against the sources' archived copies (see
 * sources.h).  A copy is read whole, hashed, normalised to NFC, and
 * "flattened" (every run of white space one space, with a map back to the
 * NFC bytes); a quote, normalised the same way, must be a substring of the
 * flat text.  One copy is in memory at a time: the quotes are grouped by
 * source first. */
#define _GNU_SOURCE /* memmem */
#include "sources.h"

#include "factbase.h"
#include "nfc.h"
#include "pool.h"
#include "sha256.h"
#include "text.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A copy larger than this is refused: the map from flat to NFC bytes is
 * 32-bit, and an archived article is a few hundred kilobytes. */
enum { MAX_COPY = 256 << 20 };
/* Code points are counted from checkpoints this many bytes apart. */
enum { CHECKPOINT = 4096 };

/* A copy ready for matching. */
typedef struct {
  char *path;
  char *bytes; /* as read */
  size_t len;
  char *nfc; /* NFC */
  size_t nfc_len;
  char *flat; /* NFC with white-space runs as one ' ', ends trimmed */
  size_t flat_len;
  uint32_t *at;        /* flat byte -> NFC byte */
  uint64_t *cp_before; /* code points before NFC byte k * CHECKPOINT */
  const char *refused; /* why the copy was not read (static), or NULL */
} copy_text;

/* One quote to check: a provenance record and which of its sources; or,
 * with `text`, a claim's verbatim text, against that source's copy.  The
 * sort keys (the source's number, where the needle is written) are copied
 * in: sorting a million of them then reads the array alone, where
 * following prov -> sources -> entity cost a cache miss per comparison
 * (100k people: the sort 1.0 s -> see docs/performance.md). */
typedef struct {
  kg_provenance *prov;
  const kg_statement *text; /* NULL: the record's quote */
  uint32_t index;
  uint32_t source; /* the cited entity's index */
  kg_pos at;       /* where the needle is written in the fact files */
} pending;

/* What a pending item looks for in the copy. */
static const char *needle(const pending *p, size_t *len)
{
  *len = p->text ? p->text->len : p->prov->quote_len;
  return p->text ? p->text->lexical : p->prov->quote;
}

typedef struct {
  kg_model *model;
  kg_diag *diag;
  const char *root; /* the fact base, or NULL */
  const char *const *dirs;
  size_t dir_count;
  pending *todo;
  size_t todo_count, todo_cap, cursor;
  size_t unchecked, missing; /* quotes and sources of copies not found */
  kg_pos first_missing_pos;
  const char *first_missing, *first_missing_source;
  const kg_provenance *last; /* the record add_pending took last */
  bool failed;
} checker;

static void copy_free(copy_text *c)
{
  kg_free(c->path);
  kg_free(c->bytes);
  kg_free(c->nfc);
  kg_free(c->flat);
  kg_free(c->at);
  kg_free(c->cp_before);
  *c = (copy_text){0};
}

/* ---- text ---------------------------------------------------------------- */

/* Unicode's White_Space property (PropList.txt): the characters that a
 * quote may write as any other run of white space. */
static bool is_space(uint32_t cp)
{
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static bool continuation(char c)
{
  return kg_utf8_continuation(c);
}

/* Writes s with each run of white space as one ' ' and none at either end
 * into out (room for len bytes), and for each byte written the offset of
 * the byte of s it comes from into map (when not NULL).  Returns the
 * length written. */
static size_t flatten(const char *s, size_t len, char *out, uint32_t *map)
{
  size_t o = 0, space_at = 0;
  bool space = false;
  for (size_t i = 0; i < len;) {
    uint32_t cp = 0;
    size_t n = kg_utf8_decode(s + i, len - i, &cp);
    if (n == 0) { /* NFC output is UTF-8; a stray byte stands for itself */
      n = 1;
      cp = (unsigned char)s[i];
    }
    if (is_space(cp)) {
      if (o > 0 && !space)
        space_at = i;
      space = o > 0;
      i += n;
      continue;
    }
    if (space) {
      if (map)
        map[o] = (uint32_t)space_at;
      out[o++] = ' ';
      space = false;
    }
    for (size_t k = 0; k < n; ++k) {
      if (map)
        map[o] = (uint32_t)(i + k);
      out[o++] = s[i + k];
    }
    i += n;
  }
  return o;
}

/* The NFC, flat form of a quote, in a new buffer. */
static kg_status quote_flat_new(const char *q, size_t len, char **out,
                                size_t *out_len)
{
  char *nfc = NULL;
  size_t nfc_len = 0;
  kg_status st = kg_nfc_new(q, len, &nfc, &nfc_len);
  if (st == KG_OK)
    *out_len = flatten(nfc, nfc_len, nfc, NULL); /* it only shrinks */
  *out = nfc;
  return st;
}

/* Code points before NFC byte b. */
static uint64_t code_points_before(const copy_text *c, size_t b)
{
  uint64_t n = c->cp_before[b / CHECKPOINT];
  for (size_t i = b / CHECKPOINT * CHECKPOINT; i < b; ++i)
    n += !continuation(c->nfc[i]);
  return n;
}

/* The first occurrence of needle in hay, or SIZE_MAX.  memmem: glibc's
 * two-way search, linear; in every libc kgbuild is built with, though not
 * in POSIX.  For quotes shorter than locate_all's seeds. */
static size_t find(const char *hay, size_t n, const char *needle, size_t m)
{
  if (m == 0 || m > n)
    return SIZE_MAX;
  const char *p = memmem(hay, n, needle, m);
  return p ? (size_t)(p - hay) : SIZE_MAX;
}

/* ---- the nearest passage ------------------------------------------------ */

/* Quotes longer than this are matched on their first NEAR_MAX bytes for
 * the hint, which keeps the alignment below O(NEAR_MAX^2). */
enum { NEAR_MAX = 4096, GRAM = 4 };

static uint32_t gram_at(const char *s)
{
  uint32_t g;
  memcpy(&g, s, sizeof g);
  return g;
}

/* Semi-global alignment (Sellers): the substring of t at the least edit
 * distance from q, ties to the earliest.  O(n * m) time, O(m) space. */
static kg_status align(const char *t, size_t n, const char *q, size_t m,
                       size_t *at, size_t *len)
{
  size_t *cost = kg_malloc((m + 1) * sizeof *cost);
  size_t *from = kg_malloc((m + 1) * sizeof *from);
  if (!cost || !from) {
    kg_free(cost);
    kg_free(from);
    return KG_ERR_NOMEM;
  }
  for (size_t i = 0; i <= m; ++i) {
    cost[i] = i;
    from[i] = 0;
  }
  size_t best = cost[m], best_from = 0, best_to = 0;
  for (size_t j = 1; j <= n; ++j) {
    size_t diag = cost[0], diag_from = from[0];
    cost[0] = 0;
    from[0] = j;
    for (size_t i = 1; i <= m; ++i) {
      size_t c = diag + (q[i - 1] != t[j - 1]), f = diag_from;
      diag = cost[i];
      diag_from = from[i];
      if (cost[i - 1] + 1 < c) { /* a quote byte the text lacks */
        c = cost[i - 1] + 1;
        f = from[i - 1];
      }
      if (diag + 1 < c) { /* a text byte the quote lacks */
        c = diag + 1;
        f = diag_from;
      }
      cost[i] = c;
      from[i] = f;
    }
    if (cost[m] < best) {
      best = cost[m];
      best_from = from[m];
      best_to = j;
    }
  }
  *at = best_from;
  *len = best_to - best_from;
  kg_free(cost);
  kg_free(from);
  return KG_OK;
}

/* Where in text the quote's 4-byte grams line up best: each gram of the
 * text that is also one of the quote votes for the diagonal (text offset
 * minus quote offset) it puts the quote on, in buckets of `width`.  O(n).
 * *found is false when no gram is shared. */
static kg_status best_diagonal(const char *t, size_t n, const char *q, size_t m,
                               size_t width, size_t *start, bool *found)
{
  size_t slots = 16;
  while (slots < 2 * m)
    slots *= 2;
  size_t buckets = (n + m) / width + 2;
  uint32_t *key = kg_calloc(slots, sizeof *key);
  uint32_t *pos = kg_calloc(slots, sizeof *pos); /* quote offset + 1 */
  uint32_t *votes = kg_calloc(buckets, sizeof *votes);
  kg_status st = key && pos && votes ? KG_OK : KG_ERR_NOMEM;
  for (size_t j = 0; st == KG_OK && j + GRAM <= m; ++j) {
    uint32_t g = gram_at(q + j), h = (g * 2654435761u) & (uint32_t)(slots - 1);
    while (pos[h] && key[h] != g)
      h = (h + 1) & (uint32_t)(slots - 1);
    if (!pos[h]) {
      key[h] = g;
      pos[h] = (uint32_t)j + 1;
    }
  }
  size_t best = 0, best_b = 0;
  for (size_t p = 0; st == KG_OK && p + GRAM <= n; ++p) {
    uint32_t g = gram_at(t + p), h = (g * 2654435761u) & (uint32_t)(slots - 1);
    while (pos[h] && key[h] != g)
      h = (h + 1) & (uint32_t)(slots - 1);
    if (!pos[h])
      continue;
    size_t b = (p + m - (pos[h] - 1)) / width;
    uint32_t v = ++votes[b];
    if (v > best || (v == best && b < best_b)) {
      best = v;
      best_b = b;
    }
  }
  *found = best > 0;
  *start = best_b * width > m ? best_b * width - m : 0;
  kg_free(key);
  kg_free(pos);
  kg_free(votes);
  return st;
}

/* The nearest passage of text to the quote: the best-voted region, then
 * an alignment within it; cut to whole characters. */
static kg_status nearest_passage(const char *t, size_t n, const char *q,
                                 size_t m, size_t *at, size_t *len, bool *found)
{
  kg_status st = KG_OK;
  size_t start = 0;
  m = m > NEAR_MAX ? NEAR_MAX : m;
  size_t width = m / 8 + 1;
  *found = false;
  if (m < GRAM || n < GRAM)
    return KG_OK;
  TRY(best_diagonal(t, n, q, m, width, &start, found));
  if (!*found)
    goto out;
  size_t slack = m / 4 + width;
  size_t lo = start > slack ? start - slack : 0;
  size_t hi = start + m + 2 * slack < n ? start + m + 2 * slack : n;
  TRY(align(t + lo, hi - lo, q, m, at, len));
  *at += lo;
  /* Whole words, as a reader would quote them: the alignment may start or
   * end inside one ("resident Xi" for "Chairman Xi").  Bounded, so that a
   * text without spaces does not make the hint the whole text. */
  for (int k = 0; k < 64 && *at > 0 && t[*at - 1] != ' '; ++k) {
    --*at;
    ++*len;
  }
  for (int k = 0; k < 64 && *at + *len < n && t[*at + *len] != ' '; ++k)
    ++*len;
  while (*at > 0 && continuation(t[*at])) {
    --*at;
    ++*len;
  }
  while (*at + *len < n && continuation(t[*at + *len]))
    ++*len;
out:
  return st;
}

/* ---- copies -------------------------------------------------------------- */

/* Reads path whole: KG_ERR_IO with errno set when it cannot;
 * KG_ERR_FACTS with *refused set when it is not a regular file.  Opened
 * without blocking (a FIFO would wait for a writer forever), then
 * checked. */
static kg_status read_all(const char *path, char **out, size_t *out_len,
                          const char **refused)
{
  kg_status st = KG_OK;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  struct stat sb;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return KG_ERR_IO;
  if (fstat(fd, &sb) != 0) {
    st = KG_ERR_IO;
    goto out;
  }
  if (!S_ISREG(sb.st_mode)) {
    *refused = "is not a regular file (a directory, a FIFO or a device)";
    st = KG_ERR_FACTS;
    goto out;
  }
  for (;;) {
    if (len == cap) {
      if (cap >= MAX_COPY) {
        errno = EFBIG;
        st = KG_ERR_IO;
        goto out;
      }
      char *grown = kg_realloc(buf, cap = cap ? cap * 2 : 65536);
      if (!grown) {
        st = KG_ERR_NOMEM;
        goto out;
      }
      buf = grown;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      st = KG_ERR_IO;
      goto out;
    }
    if (n == 0)
      break;
    len += (size_t)n;
  }
out:
  if (st != KG_OK) {
    int saved = errno;
    kg_free(buf);
    buf = NULL;
    len = 0;
    errno = saved;
  }
  close(fd);
  *out = buf;
  *out_len = len;
  return st;
}

/* NFC, the flat text and its maps, from c->bytes. */
static kg_status copy_prepare(copy_text *c)
{
  kg_status st = KG_OK;
  TRY(kg_nfc_new(c->bytes, c->len, &c->nfc, &c->nfc_len));
  if (c->nfc_len >= UINT32_MAX) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  size_t checkpoints = c->nfc_len / CHECKPOINT + 1;
  c->flat = kg_malloc(c->nfc_len + 1);
  c->at = kg_malloc((c->nfc_len + 1) * sizeof *c->at);
  c->cp_before = kg_malloc(checkpoints * sizeof *c->cp_before);
  if (!c->flat || !c->at || !c->cp_before) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  c->flat_len = flatten(c->nfc, c->nfc_len, c->flat, c->at);
  uint64_t n = 0;
  for (size_t i = 0; i < c->nfc_len; ++i) {
    if (i % CHECKPOINT == 0)
      c->cp_before[i / CHECKPOINT] = n;
    n += !continuation(c->nfc[i]);
  }
  if (c->nfc_len % CHECKPOINT == 0)
    c->cp_before[c->nfc_len / CHECKPOINT] = n;
out:
  return st;
}

static char *path_join(const char *dir, size_t dir_len, const char *name)
{
  size_t n = strlen(name);
  char *p = kg_malloc(dir_len + 1 + n + 1);
  if (p) {
    memcpy(p, dir, dir_len);
    p[dir_len] = '/';
    memcpy(p + dir_len + 1, name, n + 1);
  }
  return p;
}

/* Does path, links followed, stay inside directory `dir`?  *resolved
 * says whether both resolved; a path that does not (not there, or longer
 * than PATH_MAX through links) is not known to be inside, so *inside is
 * false: whoever may act on an unresolved path decides so itself. */
static kg_status stays_inside(const char *dir, const char *path, bool *inside,
                              bool *resolved)
{
  char *d = realpath(dir, NULL), *p = d ? realpath(path, NULL) : NULL;
  size_t n = d ? strlen(d) : 0;
  kg_status st = KG_OK;
  *inside = false;
  *resolved = d && p;
  if (!*resolved && errno == ENOMEM)
    st = KG_ERR_NOMEM;
  else if (*resolved)
    *inside = !strncmp(p, d, n) && (p[n] == '/' || (n == 1 && *d == '/'));
  free(d); /* realpath's malloc */
  free(p);
  return st;
}

/* Tries dir/name, which must stay inside `bound` (a directory): KG_OK with
 * the copy read; KG_ERR_IO with errno when it is not there (ENOENT) or
 * cannot be read; KG_ERR_FACTS with c->refused when it is refused unread
 * (a link out of `bound`, not a regular file). */
static kg_status try_copy(const char *bound, const char *dir, size_t dir_len,
                          const char *name, copy_text *c)
{
  kg_status st = KG_OK;
  bool inside = true, resolved = true;
  if (!(c->path = path_join(dir, dir_len, name)))
    return KG_ERR_NOMEM;
  TRY(stays_inside(bound, c->path, &inside, &resolved));
  if (resolved && !inside) { /* unresolved: open() reports or reads it */
    c->refused = "leads, through a symbolic link, out of the directory it is "
                 "looked for in";
    return KG_ERR_FACTS; /* c->path kept for the message */
  }
  TRY(read_all(c->path, &c->bytes, &c->len, &c->refused));
out:
  if (st != KG_OK && st != KG_ERR_FACTS) {
    int saved = errno;
    kg_free(c->path);
    c->path = NULL;
    errno = saved;
  }
  return st;
}

/* Is errno "there is no such file here" (rather than "it is there but
 * cannot be read")? */
static bool absent(int e)
{
  return e == ENOENT || e == ENOTDIR;
}

/* Keeps searching after a place that refused its copy (a facts/sources
 * link to the base's sources/ leaves facts/): the first refusal is kept
 * in *refused and reported only if no later place has the copy. */
static kg_status try_next(const char *bound, const char *dir, size_t dir_len,
                          const char *name, copy_text *c, copy_text *refused)
{
  kg_status st = try_copy(bound, dir, dir_len, name, c);
  if (st != KG_ERR_FACTS)
    return st;
  if (!refused->path) {
    refused->path = c->path;
    refused->refused = c->refused;
  } else {
    kg_free(c->path);
  }
  c->path = NULL;
  c->refused = NULL;
  errno = ENOENT;
  return KG_ERR_IO;
}

/* The copy of a source declared in `file`: in the `sources` directory
 * beside it, then the fact base's, then each --sources directory.
 * KG_ERR_IO with errno ENOENT when it is in none of them; KG_ERR_FACTS
 * with c->refused when the only one found was refused. */
static kg_status find_copy(const checker *k, const char *file, const char *name,
                           copy_text *c)
{
  const char *slash = file ? strrchr(file, '/') : NULL;
  char *home = NULL, *local = NULL; /* the fact file's directory; sources/ */
  copy_text refused = {0};
  kg_status st = KG_ERR_IO;
  errno = ENOENT;
  if (file) {
    home = !slash          ? path_join(".", 1, "")
           : slash == file ? path_join("", 0, "")
                           : path_join(file, (size_t)(slash - file), "");
    local = home ? path_join(home, strlen(home) - 1, KG_BASE_SOURCES) : NULL;
    if (!home || !local) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    st = try_next(home, local, strlen(local), name, c, &refused);
  }
  /* the fact base's own sources/, which `kgbuild init` makes */
  if (k->root && st == KG_ERR_IO && absent(errno)) {
    kg_free(local);
    if (!(local = path_join(k->root, strlen(k->root), KG_BASE_SOURCES))) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    st = try_next(k->root, local, strlen(local), name, c, &refused);
  }
  for (size_t i = 0; i < k->dir_count && st == KG_ERR_IO && absent(errno); ++i)
    st =
        try_next(k->dirs[i], k->dirs[i], strlen(k->dirs[i]), name, c, &refused);
  if (refused.path && st == KG_ERR_IO && absent(errno)) {
    c->path = refused.path;
    c->refused = refused.refused;
    refused.path = NULL;
    st = KG_ERR_FACTS;
  }
out:;
  int saved = errno;
  kg_free(refused.path);
  kg_free(home);
  kg_free(local);
  errno = saved;
  return st;
}

/* ---- quotes -------------------------------------------------------------- */

/* Gives a provenance record its passage in cited source `index`. */
static kg_status passage_attach(checker *k, kg_provenance *prov, size_t index,
                                const kg_passage *p)
{
  if (!prov->passages) {
    prov->passages =
        kg_arena_alloc(k->model->arena, prov->count * sizeof(void *));
    if (!prov->passages)
      return KG_ERR_NOMEM;
    memset((void *)prov->passages, 0, prov->count * sizeof(void *));
  }
  prov->passages[index] = p;
  return KG_OK;
}

/* Where a quote is: the flat match [at, at + len) taken back to the NFC
 * text, with its context either side. */
static kg_status passage_new(checker *k, const copy_text *c,
                             const kg_entity *source, size_t at, size_t len,
                             kg_passage **out)
{
  kg_arena *arena = k->model->arena;
  kg_passage *p = kg_arena_alloc(arena, sizeof *p);
  if (!p)
    return KG_ERR_NOMEM;
  size_t b = c->at[at], e = c->at[at + len - 1] + 1, pb = b, se = e;
  while (e < c->nfc_len && continuation(c->nfc[e]))
    ++e;
  for (int i = 0; i < KG_PASSAGE_CONTEXT && pb > 0; ++i)
    while (--pb > 0 && continuation(c->nfc[pb]))
      ;
  se = e;
  for (int i = 0; i < KG_PASSAGE_CONTEXT && se < c->nfc_len; ++i)
    while (++se < c->nfc_len && continuation(c->nfc[se]))
      ;
  *p = (kg_passage){.source = source,
                    .start = code_points_before(c, b),
                    .end = code_points_before(c, e),
                    .exact = kg_arena_strndup(arena, c->nfc + b, e - b),
                    .exact_len = e - b,
                    .prefix = kg_arena_strndup(arena, c->nfc + pb, b - pb),
                    .prefix_len = b - pb,
                    .suffix = kg_arena_strndup(arena, c->nfc + e, se - e),
                    .suffix_len = se - e};
  if (!p->exact || !p->prefix || !p->suffix)
    return KG_ERR_NOMEM;
  *out = p;
  return KG_OK;
}

/* A quote (or a claim's verbatim text) that is not in the copy: an error
 * where it is written, with the nearest passage of the copy as the hint. */
static kg_status report_quote(checker *k, const copy_text *c,
                              const kg_entity *source, const pending *p,
                              const char *q, size_t qlen)
{
  kg_status st = KG_OK;
  size_t at = 0, len = 0;
  bool found = false;
  char message[512], hint[320], shown[240];
  TRY(nearest_passage(c->flat, c->flat_len, q, qlen, &at, &len, &found));
  snprintf(message, sizeof message,
           "%s not in the archived copy of source '%s' (%s), even up to "
           "Unicode NFC and white space%s",
           p->text ? "claim text" : "quote", source->id, c->path,
           p->text ? "; without 'paraphrase: true' a claim's text is the "
                     "speaker's words as the source prints them"
                   : "");
  if (found)
    snprintf(hint, sizeof hint, "nearest passage of the copy: \"%s\"",
             kg_diag_quote(c->flat + at, len, shown, sizeof shown));
  kg_diag_emit(k->diag, &(kg_diagnostic){
                            .severity = KG_SEV_ERROR,
                            .pos = p->text ? p->text->pos : p->prov->quote_pos,
                            .code = p->text ? "text-not-in-source"
                                            : "quote-not-in-source",
                            .message = message,
                            .hint = found ? hint : NULL});
  k->failed = true;
out:
  return st;
}

/* ---- all the quotes of a copy at once ------------------------------------ */

/* A distinct flat quote and its first offset in the flat copy (SIZE_MAX:
 * not there). */
typedef struct {
  const char *q; /* the map's copy of the key */
  size_t len, at;
} wanted;

enum { SEED_BYTES = 8 };

static uint64_t seed_at(const char *s)
{
  uint64_t g;
  memcpy(&g, s, sizeof g);
  return g;
}

static size_t seed_slot(uint64_t g, size_t mask)
{
  return (size_t)((g * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
}

/* Finds every wanted quote in one pass over the flat copy (Rabin-Karp
 * with many patterns: each position's first 8 bytes are looked up among
 * the quotes'), so that the time is the copy's length plus the matches,
 * not the copy's length times the quotes (a 10 MB copy and 2000 quotes:
 * 2.7 s with a search per quote, 0.7 s so, beside 0.7 s to read, hash and
 * normalise the copy).  Quotes shorter than 8 bytes are searched
 * one by one. */
static kg_status locate_all(const copy_text *c, const kg_vec *all)
{
  size_t slots = 16;
  while (slots < 2 * all->count)
    slots *= 2;
  size_t *head = kg_calloc(slots, sizeof *head);
  size_t *next = kg_calloc(all->count + 1, sizeof *next);
  if (!head || !next) {
    kg_free(head);
    kg_free(next);
    return KG_ERR_NOMEM;
  }
  for (size_t i = 0; i < all->count; ++i) {
    wanted *w = all->items[i];
    if (w->len < SEED_BYTES) {
      w->at = find(c->flat, c->flat_len, w->q, w->len);
      continue;
    }
    size_t h = seed_slot(seed_at(w->q), slots - 1);
    next[i + 1] = head[h];
    head[h] = i + 1;
  }
  for (size_t p = 0; p + SEED_BYTES <= c->flat_len; ++p) {
    uint64_t g = seed_at(c->flat + p);
    for (size_t i = head[seed_slot(g, slots - 1)]; i; i = next[i]) {
      wanted *w = all->items[i - 1];
      if (w->at == SIZE_MAX && w->len <= c->flat_len - p &&
          seed_at(w->q) == g && !memcmp(c->flat + p, w->q, w->len))
        w->at = p;
    }
  }
  kg_free(head);
  kg_free(next);
  return KG_OK;
}

/* The distinct flat quotes of todo[first, first + count) into `where`
 * (flat quote -> wanted) and `all`, then located. */
static kg_status locate_quotes(checker *k, const copy_text *c, size_t first,
                               size_t count, kg_arena *scratch, kg_map *where,
                               kg_vec *all)
{
  kg_status st = KG_OK;
  char *q = NULL;
  for (size_t i = first; i < first + count; ++i) {
    size_t qlen = 0, raw_len = 0;
    const char *raw = needle(&k->todo[i], &raw_len);
    kg_free(q);
    q = NULL;
    st = quote_flat_new(raw, raw_len, &q, &qlen);
    if (st == KG_ERR_FACTS) /* not UTF-8: check_quote skips it */
      st = KG_OK;
    TRY(st);
    if (qlen == 0)
      continue;
    const char *key = NULL;
    void **slot = kg_map_slot(where, q, qlen, &key);
    if (!slot) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    if (*slot)
      continue;
    wanted *w = kg_arena_alloc(scratch, sizeof *w);
    if (!w) {
      st = KG_ERR_NOMEM;
      goto out;
    }
    *w = (wanted){key, qlen, SIZE_MAX};
    *slot = w;
    TRY(kg_vec_push(all, w));
  }
  TRY(locate_all(c, all));
out:
  kg_free(q);
  return st;
}

/* Checks one quote; `found` maps the flat quotes already placed in this
 * copy to their passage, so that every statement quoting the same words
 * shares one passage (one node in the exports). */
static kg_status check_quote(checker *k, const copy_text *c,
                             const kg_entity *source, const pending *p,
                             const kg_map *where, kg_map *found)
{
  char *q = NULL;
  size_t qlen = 0, raw_len = 0;
  const char *raw = needle(p, &raw_len);
  kg_status st = quote_flat_new(raw, raw_len, &q, &qlen);
  if (st == KG_ERR_FACTS) /* not UTF-8: modelling said so already */
    st = KG_OK;
  if (st != KG_OK || qlen == 0) /* empty: reported by empty_quotes */
    goto out;
  void **slot = p->text ? NULL : kg_map_slot(found, q, qlen, NULL);
  if (!p->text && !slot) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (p->text || !*slot) {
    const wanted *w = kg_map_get(where, q, qlen);
    size_t at = w ? w->at : find(c->flat, c->flat_len, q, qlen);
    if (at == SIZE_MAX) {
      st = report_quote(k, c, source, p, q, qlen);
      goto out;
    }
    if (p->text) /* a text is checked, not exported as a passage */
      goto out;
    kg_passage *made = NULL;
    TRY(passage_new(k, c, source, at, qlen, &made));
    *slot = made;
  }
  st = passage_attach(k, p->prov, p->index, *slot);
out:
  kg_free(q);
  return st;
}

/* ---- sources ------------------------------------------------------------- */

static const kg_statement *stated(const kg_model *m, const kg_entity *e,
                                  const char *key)
{
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *s = m->statements.items[e->first_statement + i];
    if (!s->derived && !s->invalid && s->prop->key && s->lexical &&
        !strcmp(s->prop->key, key))
      return s;
  }
  return NULL;
}

/* `local-copy` is a file name: a path could climb out of the fact base
 * (../shared/...), so that the facts would depend on where they stand. */
static bool copy_name_ok(checker *k, const kg_statement *s)
{
  const char *why = NULL;
  if (s->len == 0 || memchr(s->lexical, '\0', s->len))
    why = "it is empty or holds NUL";
  else if (memchr(s->lexical, '/', s->len) || memchr(s->lexical, '\\', s->len))
    why = strstr(s->lexical, "..") ? "'..' climbs out of the fact base"
                                   : "it has a '/' or a '\\'";
  else if (!strcmp(s->lexical, ".") || !strcmp(s->lexical, ".."))
    why = "it names a directory";
  if (!why)
    return true;
  kg_diag_emit(
      k->diag,
      &(kg_diagnostic){.severity = KG_SEV_ERROR,
                       .pos = s->pos,
                       .code = "bad-local-copy",
                       .message = "'local-copy' names a file, not a path",
                       .hint = why,
                       .note_pos = s->pos,
                       .note = "write the copy's file name alone, and put the "
                               "copy in the fact base's sources/ directory or "
                               "in an archive directory (kgbuild.yaml's "
                               "archives, or --sources)"});
  k->failed = true;
  return false;
}

static bool sha256_ok(checker *k, const kg_statement *s)
{
  bool ok = s->len == KG_SHA256_HEX - 1;
  for (size_t i = 0; ok && i < s->len; ++i)
    ok = (s->lexical[i] >= '0' && s->lexical[i] <= '9') ||
         (s->lexical[i] >= 'a' && s->lexical[i] <= 'f');
  if (!ok) {
    kg_error(k->diag, s->pos, "bad-sha256",
             "'sha256' is 64 lower-case hexadecimal digits");
    k->failed = true;
  }
  return ok;
}

/* The copy's hash against the one recorded: false when the quotes cannot
 * be checked against this copy (it is another text). */
static bool hash_matches(checker *k, const kg_entity *e, const copy_text *c,
                         const kg_statement *copy, const kg_statement *sha)
{
  char hex[KG_SHA256_HEX];
  kg_sha256_hex(c->bytes, c->len, hex);
  if (!sha) {
    char hint[128];
    snprintf(hint, sizeof hint, "add to the source: sha256: %s", hex);
    kg_diag_emit(k->diag,
                 &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                  .pos = copy->pos,
                                  .code = "missing-sha256",
                                  .message = "the source records no SHA-256 of "
                                             "its archived copy",
                                  .hint = hint});
    k->failed = true;
    return true; /* the quotes can still be checked */
  }
  if (!strcmp(sha->lexical, hex))
    return true;
  kg_error(k->diag, sha->pos, "copy-changed",
           "the archived copy of source '%s' (%s) has SHA-256 %s, not the "
           "one recorded: restore the copy, or record the new hash if the "
           "new copy is right; its quotes were not checked",
           e->id, c->path, hex);
  k->failed = true;
  return false;
}

/* A copy is text, by the rule fact files follow (text.h): valid UTF-8
 * without NUL, controls other than TAB, LF and CR, byte order marks past
 * the first character, or noncharacters.  Otherwise its passages would
 * carry them into the exports (an `oa:prefix` holding U+0000, which no
 * xsd:string may hold), so the copy is refused, naming where. */
static bool copy_is_text(checker *k, const copy_text *c,
                         const kg_statement *copy)
{
  size_t bom = c->len >= 3 && !memcmp(c->bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
  size_t at = 0, line = 1;
  uint32_t cp = 0;
  kg_text_problem p = kg_text_check(c->bytes + bom, c->len - bom, &at);
  if (p == KG_TEXT_OK)
    return true;
  at += bom;
  for (size_t i = 0; i < at; ++i)
    line += c->bytes[i] == '\n';
  char what[64];
  if (p == KG_TEXT_BAD_UTF8)
    snprintf(what, sizeof what, "a byte that is not UTF-8 (0x%02X)",
             (unsigned char)c->bytes[at]);
  else {
    kg_utf8_decode(c->bytes + at, c->len - at, &cp);
    snprintf(what, sizeof what, "a %s (U+%04" PRIX32 ")",
             kg_text_problem_str(p), cp);
  }
  kg_error(k->diag, copy->pos,
           p == KG_TEXT_BAD_UTF8 ? "copy-not-utf8" : "copy-not-text",
           "the archived copy '%s' (%s) holds %s at byte %zu (line %zu): a "
           "copy is UTF-8 text, as a fact file is; re-save or clean it (a form "
           "feed is a line break) and record its new sha256; its quotes were "
           "not checked",
           copy->lexical, c->path, what, at, line);
  k->failed = true;
  return false;
}

/* A copy that was not found: counted for the one warning of the run. */
static void note_missing(checker *k, const kg_entity *e,
                         const kg_statement *copy, size_t quotes)
{
  if (!k->missing++) {
    k->first_missing_pos = copy->pos;
    k->first_missing = copy->lexical;
    k->first_missing_source = e->id;
  }
  k->unchecked += quotes;
}

/* Records where e's copy was found (model->copies), for the site, which
 * reads it again: its text is not kept (a 35 MB copy would stay in memory
 * for check, plain builds and the language server, none of which show it). */
static kg_status record_copy(checker *k, const kg_entity *e, const copy_text *c,
                             bool checked)
{
  kg_status st = KG_OK;
  kg_model *m = k->model;
  size_t n = m->entities.count * sizeof *m->copies;
  kg_copy *r = kg_arena_alloc(m->arena, sizeof *r);
  if (r && !m->copies && (m->copies = kg_arena_alloc(m->arena, n ? n : 1)))
    memset((void *)m->copies, 0, n);
  if (!r || !m->copies) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  *r = (kg_copy){.path = kg_arena_strndup(m->arena, c->path, strlen(c->path)),
                 .checked = checked};
  bool resolved = false; /* unresolved: outside (the site fails closed) */
  if (k->root)
    TRY(stays_inside(k->root, c->path, &r->inside, &resolved));
  if (!r->path) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  m->copies[e->index] = r;
out:
  return st;
}

static kg_status check_copy(checker *k, const kg_entity *e,
                            const kg_statement *copy, const kg_statement *sha,
                            size_t first, size_t count)
{
  kg_status st = KG_OK;
  copy_text c = {0};
  kg_arena *scratch = NULL;            /* the quotes placed, for check_quote */
  kg_map *found = NULL, *where = NULL; /* placed; located */
  kg_vec all = {0};                    /* the wanted quotes */
  bool read = false, checked = false;  /* for record_copy */
  st = find_copy(k, e->pos.file, copy->lexical, &c);
  if (st == KG_ERR_FACTS) {
    kg_error(k->diag, copy->pos, "copy-refused",
             "the archived copy '%s' (%s) %s: it was not read, and the "
             "quotes citing source '%s' were not checked",
             copy->lexical, c.path, c.refused, e->id);
    k->failed = true;
    st = KG_OK;
    goto out;
  }
  if (st == KG_ERR_IO && absent(errno)) {
    size_t quotes = 0; /* claims' texts are not quotes */
    for (size_t i = first; i < first + count; ++i)
      quotes += !k->todo[i].text;
    note_missing(k, e, copy, quotes);
    st = KG_OK;
    goto out;
  }
  if (st == KG_ERR_IO) {
    kg_error(k->diag, copy->pos, "copy-unreadable",
             "cannot read the archived copy '%s': %s", copy->lexical,
             strerror(errno));
    k->failed = true;
    st = KG_OK;
    goto out;
  }
  TRY(st);
  read = true;
  if (!hash_matches(k, e, &c, copy, sha) || !copy_is_text(k, &c, copy))
    goto out;
  st = copy_prepare(&c);
  if (st == KG_ERR_FACTS) {
    kg_error(k->diag, copy->pos, "copy-not-utf8",
             "the archived copy '%s' is not UTF-8 text", c.path);
    k->failed = true;
    st = KG_OK;
    goto out;
  }
  TRY(st);
  checked = sha != NULL;
  if (!(scratch = kg_arena_new()) || !(found = kg_map_new(scratch)) ||
      !(where = kg_map_new(scratch))) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(locate_quotes(k, &c, first, count, scratch, where, &all));
  for (size_t i = first; i < first + count; ++i)
    TRY(check_quote(k, &c, e, &k->todo[i], where, found));
out:
  if (st == KG_OK && read)
    st = record_copy(k, e, &c, checked);
  kg_vec_free(&all);
  kg_map_free(where);
  kg_map_free(found);
  kg_arena_free(scratch);
  copy_free(&c);
  return st;
}

/* A copy-licence is the permission to republish the copy (the site does,
 * "under" it): an empty or blank one grants nothing, so it is an error, not
 * a licence to publish. */
static void licence_ok(checker *k, const kg_entity *e)
{
  const kg_statement *s = stated(k->model, e, "copy-licence");
  uint32_t cp = 0;
  for (size_t i = 0, n = 1; s && i < s->len && n; i += n)
    if (!(n = kg_utf8_decode(s->lexical + i, s->len - i, &cp)) || !is_space(cp))
      return; /* not UTF-8: modelling reports it */
  if (!s)
    return;
  kg_diag_emit(k->diag, &(kg_diagnostic){
                            .severity = KG_SEV_ERROR,
                            .pos = s->pos,
                            .code = "blank-copy-licence",
                            .message = "the copy-licence is blank: it "
                                       "grants no permission to "
                                       "republish the copy",
                            .hint = "write the licence the copy may be "
                                    "republished under (such as CC-BY-4.0), or "
                                    "remove 'copy-licence:' to link "
                                    "passages by offsets only"});
  k->failed = true;
}

/* The quotes citing e are todo[first, first + count). */
static kg_status check_source(checker *k, const kg_entity *e)
{
  while (k->cursor < k->todo_count && k->todo[k->cursor].source < e->index)
    k->cursor++;
  size_t first = k->cursor;
  while (k->cursor < k->todo_count && k->todo[k->cursor].source == e->index)
    k->cursor++;
  const kg_statement *copy = stated(k->model, e, "local-copy");
  const kg_statement *sha = stated(k->model, e, "sha256");
  if (sha && !sha256_ok(k, sha))
    sha = NULL;
  licence_ok(k, e);
  if (!copy || !copy_name_ok(k, copy))
    return KG_OK;
  return check_copy(k, e, copy, sha, first, k->cursor - first);
}

/* ---- the quotes to check ------------------------------------------------- */

static kg_status push_pending(checker *k, const kg_provenance *prov, size_t i,
                              const kg_statement *text)
{
  pending *grown =
      kg_grow(k->todo, &k->todo_cap, k->todo_count, sizeof *k->todo, 64);
  if (!grown)
    return KG_ERR_NOMEM;
  k->todo = grown;
  /* kg_sources_check owns `passages`, as check owns the resolution. */
  k->todo[k->todo_count++] =
      (pending){(kg_provenance *)prov, text, (uint32_t)i,
                prov->sources[i]->index, text ? text->pos : prov->quote_pos};
  return KG_OK;
}

static kg_status add_pending(checker *k, const kg_provenance *prov)
{
  kg_status st = KG_OK;
  /* The statements of an entry share its record and are adjacent: the
   * record they repeat is pushed once here, not once per statement to be
   * removed by the sort (which still removes the rarer repeats). */
  if (!prov || prov == k->last)
    return KG_OK;
  k->last = prov; /* before reading it: a miss saved on each repeat */
  if (!prov->quote)
    return KG_OK;
  for (size_t i = 0; i < prov->count; ++i)
    if (prov->sources[i])
      TRY(push_pending(k, prov, i, NULL));
out:
  return st;
}

/* Does language tag `tag` (lower case) name the language of source e, or
 * does e not say?  Primary subtags compared: `zh-hans` is `zh`. */
static bool in_language_of(const kg_model *m, const kg_entity *e,
                           const char *tag)
{
  bool said = false;
  size_t n = strcspn(tag, "-");
  for (size_t i = 0; i < e->statement_count; ++i) {
    const kg_statement *s = m->statements.items[e->first_statement + i];
    if (s->derived || !s->prop->key || !s->lexical ||
        strcmp(s->prop->key, "language"))
      continue;
    said = true;
    if (strcspn(s->lexical, "-") == n && !strncasecmp(s->lexical, tag, n))
      return true;
  }
  return !said;
}

/* A claim's `text` is the speaker's words as the source prints them unless
 * the claim says `paraphrase: true`: then it is checked like a quote, in
 * each cited source whose language it is in (a text in another language
 * is a translation, not the source's words). */
static kg_status add_text(checker *k, const kg_statement *s)
{
  kg_status st = KG_OK;
  if (s->derived || !s->lexical || !s->prop->key ||
      strcmp(s->prop->key, "text"))
    return KG_OK;
  const kg_statement *para = stated(k->model, s->subject, "paraphrase");
  if (para && !strcmp(para->lexical, "true"))
    return KG_OK;
  for (size_t r = 0; r < kg_statement_ref_count(s); ++r) {
    const kg_provenance *p = kg_statement_ref(s, r);
    for (size_t i = 0; p && i < p->count; ++i)
      if (p->sources[i] &&
          (!s->lang || in_language_of(k->model, p->sources[i], s->lang)))
        TRY(push_pending(k, p, i, s));
  }
out:
  return st;
}

/* Every reference of a statement: the second source of a shared value and
 * an outranked value are checked as the first source of the best one. */
static kg_status add_statement(checker *k, const kg_statement *s)
{
  kg_status st = KG_OK;
  for (size_t r = 0; r < kg_statement_ref_count(s); ++r)
    TRY(add_pending(k, kg_statement_ref(s, r)));
  for (size_t q = 0; s->extra && q < s->extra->qualifier_count; ++q)
    TRY(add_pending(k, s->extra->qualifiers[q]->prov));
  TRY(add_text(k, s));
out:
  return st;
}

/* By source, then by where the needle is written: the order of the
 * diagnostics kept (diag.c keeps the first few of a code) must not depend
 * on heap addresses.  Only identical needles at one place (the same
 * record, reached twice) fall back to the pointers, for the dedupe. */
static int compare_pending(const void *pa, const void *pb)
{
  const pending *a = pa, *b = pb;
  if (a->source != b->source)
    return a->source < b->source ? -1 : 1;
  kg_pos s = a->at, t = b->at;
  /* a file's positions share its name: compared once per pair of files */
  int c =
      s.file == t.file ? 0 : strcmp(s.file ? s.file : "", t.file ? t.file : "");
  if (c)
    return c;
  if (s.line != t.line)
    return s.line < t.line ? -1 : 1;
  if (s.col != t.col)
    return s.col < t.col ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  uintptr_t u = (uintptr_t)a->prov, v = (uintptr_t)b->prov;
  if (u != v)
    return u < v ? -1 : 1;
  u = (uintptr_t)a->text, v = (uintptr_t)b->text;
  return u < v ? -1 : u > v;
}

/* A quote with a printable ASCII character other than a space is not
 * blank: NFC keeps the character (or composes it with the marks after it,
 * into a letter), and flattening removes white space only.  Most quotes
 * need no NFC copy to show it (100k people: 0.8 s of utf8proc saved). */
static bool has_graphic_ascii(const kg_provenance *prov)
{
  for (size_t i = 0; i < prov->quote_len; ++i)
    if (prov->quote[i] > ' ' && prov->quote[i] < 0x7F)
      return true;
  return false;
}

/* An empty or blank quote cites nothing: an error, once per record (at
 * its first cited source), whether or not the source has a copy. */
static kg_status empty_quotes(checker *k)
{
  kg_status st = KG_OK;
  for (size_t i = 0; i < k->todo_count; ++i) {
    const pending *p = &k->todo[i];
    size_t first = 0, qlen = 0;
    while (!p->prov->sources[first])
      ++first;
    if (p->text || p->index != first || has_graphic_ascii(p->prov))
      continue;
    char *q = NULL;
    st = quote_flat_new(p->prov->quote, p->prov->quote_len, &q, &qlen);
    kg_free(q);
    if (st == KG_ERR_FACTS) { /* not UTF-8: modelling said so */
      st = KG_OK;
      continue;
    }
    TRY(st);
    if (qlen) /* blank: nothing but Unicode white space */
      continue;
    kg_diag_emit(k->diag,
                 &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                  .pos = p->prov->quote_pos,
                                  .code = "empty-quote",
                                  .message = "the quote is empty",
                                  .hint = "quote the source's words that "
                                          "state the fact, or remove "
                                          "'quote:'"});
    k->failed = true;
  }
out:
  return st;
}

/* Item i of what collect reads: the statements, the outranked ones, the
 * entities' own records. */
static kg_status collect_item(checker *k, size_t i)
{
  const kg_model *m = k->model;
  if (i < m->statements.count)
    return add_statement(k, m->statements.items[i]);
  i -= m->statements.count;
  if (i < m->outranked.count)
    return add_statement(k, m->outranked.items[i]);
  i -= m->outranked.count;
  return add_pending(k, ((const kg_entity *)m->entities.items[i])->prov);
}

/* A part of the collection: items [bound[i], bound[i + 1]) into parts[i]'s
 * todo, sorted. */
typedef struct {
  checker *parts;
  size_t bound[KG_MAX_PARTS + 1];
} collection;

static kg_status collect_part(void *ctx, size_t i, kg_diag *unused)
{
  (void)unused; /* nothing is reported here */
  kg_status st = KG_OK;
  collection *cl = ctx;
  checker *k = &cl->parts[i];
  for (size_t at = cl->bound[i]; at < cl->bound[i + 1]; ++at)
    TRY(collect_item(k, at));
  if (k->todo_count)
    qsort(k->todo, k->todo_count, sizeof *k->todo, compare_pending);
out:
  return st;
}

/* k->todo and a sorted part's items, merged into k->todo. */
static kg_status merge_part(checker *k, const checker *part)
{
  size_t n = k->todo_count, m = part->todo_count, i = 0, j = 0, o = 0;
  pending *out = kg_malloc((n + m + 1) * sizeof *out);
  if (!out)
    return KG_ERR_NOMEM;
  while (i < n && j < m)
    out[o++] = compare_pending(&part->todo[j], &k->todo[i]) < 0
                   ? part->todo[j++]
                   : k->todo[i++];
  while (i < n)
    out[o++] = k->todo[i++];
  while (j < m)
    out[o++] = part->todo[j++];
  kg_free(k->todo);
  k->todo = out;
  k->todo_count = k->todo_cap = n + m;
  return KG_OK;
}

/* The items read in parts (kg_pool_parts), each part's sorted on its
 * thread, then merged: the order is compare_pending's, a total order, so
 * it does not depend on the parts. */
static kg_status collect_sorted(checker *k)
{
  kg_status st = KG_OK;
  const kg_model *m = k->model;
  size_t n = m->statements.count + m->outranked.count + m->entities.count;
  size_t parts = kg_pool_parts(n);
  checker part[KG_MAX_PARTS];
  unsigned cost[KG_MAX_PARTS] = {0};
  collection cl = {.parts = part};
  for (size_t i = 0; i < parts; ++i) {
    part[i] = (checker){.model = k->model};
    cost[i] = 1; /* equal parts: taken in order */
    cl.bound[i] = n / parts * i;
  }
  cl.bound[parts] = n;
  st = kg_pool_run(parts, cost, (unsigned)parts, collect_part, &cl, k->diag,
                   NULL);
  for (size_t i = 0; i < parts; ++i) {
    if (st == KG_OK)
      st = merge_part(k, &part[i]);
    kg_free(part[i].todo);
  }
  return st;
}

/* Every (provenance, cited source) with a quote, and every verbatim claim
 * text, once, grouped by source: provenance records are shared by the
 * statements of an entry.  The outranked values and every reference of a
 * statement are read, so that no quote escapes the check. */
static kg_status collect(checker *k)
{
  kg_status st = KG_OK;
  TRY(collect_sorted(k));
  size_t kept = 0;
  for (size_t i = 0; i < k->todo_count; ++i)
    if (!kept || compare_pending(&k->todo[kept - 1], &k->todo[i]))
      k->todo[kept++] = k->todo[i];
  k->todo_count = kept;
  TRY(empty_quotes(k));
out:
  return st;
}

/* Appends one place looked in to the list of warn_missing's message. */
static void add_place(char *buf, size_t size, const char *dir, size_t len,
                      const char *tail)
{
  size_t used = strlen(buf);
  if (used + 1 < size)
    snprintf(buf + used, size - used, "%s%.*s%s", used ? ", " : "", (int)len,
             dir, tail);
}

/* Names every directory looked in, as the curator wrote it or kgbuild.yaml
 * gave it: "not found" alone sends them searching for the rule. */
static void warn_missing(checker *k)
{
  if (!k->missing)
    return;
  char places[1024] = "";
  const char *file = k->first_missing_pos.file;
  const char *slash = file ? strrchr(file, '/') : NULL;
  if (file)
    add_place(places, sizeof places, file,
              slash ? (size_t)(slash - file + 1) : 0, KG_BASE_SOURCES "/");
  if (k->root)
    add_place(places, sizeof places, k->root, strlen(k->root),
              "/" KG_BASE_SOURCES "/");
  for (size_t i = 0; i < k->dir_count; ++i)
    add_place(places, sizeof places, k->dirs[i], strlen(k->dirs[i]), "");
  kg_warning(k->diag, k->first_missing_pos, "copy-not-found",
             "%zu quote%s went unchecked: the archived cop%s of %zu source%s "
             "%s not found (first '%s' of source '%s'; looked in %s)",
             k->unchecked, k->unchecked == 1 ? "" : "s",
             k->missing == 1 ? "y" : "ies", k->missing,
             k->missing == 1 ? "" : "s", k->missing == 1 ? "was" : "were",
             k->first_missing, k->first_missing_source, places);
}

kg_status kg_sources_check(kg_model *model, const char *root,
                           const char *const *dirs, size_t dir_count,
                           kg_diag *diag)
{
  kg_status st = KG_OK;
  checker k = {.model = model,
               .diag = diag,
               .root = root,
               .dirs = dirs,
               .dir_count = dir_count};
  const kg_class *source = model->onto->source_class;
  TRY(collect(&k));
  for (size_t i = 0; i < model->entities.count; ++i) {
    const kg_entity *e = model->entities.items[i];
    if (!source || !e->cls || !kg_class_is_a(e->cls, source))
      continue;
    if (kg_diag_interrupted(diag)) {
      st = KG_ERR_INTERRUPTED;
      goto out;
    }
    TRY(check_source(&k, e));
  }
  warn_missing(&k);
  if (k.failed)
    st = KG_ERR_FACTS;
out:
  kg_free(k.todo);
  return st; /* the driver prints once every check has run (diag.h) */
}
