/* text.c - lexical checks on the strings kgbuild writes.
 *
 * Every function here reads at most `len` bytes of its input (inputs come
 * from YAML scalars, which may hold NUL and are not NUL-terminated) and
 * nothing here allocates: messages go into caller buffers or are static.
 * Character classes are tested by hand, not with <ctype.h>, so that results
 * do not depend on the locale and bytes >= 0x80 are never misclassified. */
#include "text.h"

#include <stdio.h>
#include <string.h>

/* ---- character classes ------------------------------------------------ */

static bool is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}
static bool is_lower(unsigned char c)
{
  return c >= 'a' && c <= 'z';
}
static bool is_upper(unsigned char c)
{
  return c >= 'A' && c <= 'Z';
}
static bool is_alpha(unsigned char c)
{
  return is_lower(c) || is_upper(c);
}
static bool is_alnum(unsigned char c)
{
  return is_alpha(c) || is_digit(c);
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decode one well-formed UTF-8 sequence at s (Unicode Table 3-7).  Returns
 * its length, or 0 when the bytes at s are not the start of one: that covers
 * stray continuation bytes, overlongs (C0, C1, E0 80-9F, F0 80-8F),
 * surrogates (ED A0-BF), code points above U+10FFFF (F4 90+, F5-FF) and
 * sequences cut short by the end of the input.  Narrowing the range of the
 * second byte is what rejects all of those without decoding first. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
  unsigned c = s[0];
  unsigned lo = 0x80, hi = 0xBF;
  size_t n;
  uint32_t v;

  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xC2) {
    return 0;
  } else if (c < 0xE0) {
    n = 2;
    v = c & 0x1F;
  } else if (c < 0xF0) {
    n = 3;
    v = c & 0x0F;
    if (c == 0xE0)
      lo = 0xA0;
    if (c == 0xED)
      hi = 0x9F;
  } else if (c < 0xF5) {
    n = 4;
    v = c & 0x07;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if (i >= len || s[i] < lo || s[i] > hi)
      return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
    lo = 0x80;
    hi = 0xBF;
  }
  *cp = v;
  return n;
}

size_t kg_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
  return len ? utf8_decode((const unsigned char *)s, len, cp) : 0;
}

size_t kg_utf8_length(const char *s, size_t len)
{
  uint32_t cp;
  return kg_utf8_decode(s, len, &cp);
}

size_t kg_utf8_chars(const char *s, size_t len)
{
  size_t chars = 0;
  for (size_t i = 0; i < len; ++i)
    chars += !kg_utf8_continuation(s[i]);
  return chars;
}

size_t kg_utf8_prefix(const char *s, size_t len, size_t chars)
{
  size_t i = 0, seen = 0;
  for (; i < len; ++i)
    if (!kg_utf8_continuation(s[i]) && seen++ == chars)
      break;
  return i;
}

/* The problem a single well-formed code point has, if any. */
static kg_text_problem classify(uint32_t cp)
{
  if (cp == 0)
    return KG_TEXT_NUL;
  if (cp == '\t' || cp == '\n' || cp == '\r')
    return KG_TEXT_OK;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
    return KG_TEXT_CONTROL;
  if (cp == 0xFEFF)
    return KG_TEXT_BOM;
  /* Unicode's 66 noncharacters: U+FDD0..U+FDEF and the last two code
   * points of every plane.  XML refuses only U+FFFE and U+FFFF, but none
   * of them is meant for interchange, so none belongs in a fact. */
  if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
    return KG_TEXT_NONCHAR;
  return KG_TEXT_OK;
}

/* Per byte of w (no byte with its high bit set): the high bit set where
 * the byte is zero, exactly, with no carry from one byte into the next
 * (each byte's sum is at most 0xFE).  The usual (x - 1) & ~x trick may
 * flag a byte above a zero one as zero too, which is harmless when only
 * "any" is asked but not when flags are cleared one by one. */
static uint64_t zero_bytes(uint64_t x)
{
  const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
  return ~(((x & low7) + low7) | x) & ~low7;
}

/* Are the eight bytes at s all printable ASCII (0x20..0x7E), TAB or LF?
 * LF and TAB are in every line of a fact file: a test that stopped at
 * them would step byte by byte over the eight windows that hold each
 * newline (a check of 100k people: 0.15 s of scanning, most of it that).
 * Each byte's flag is exact: a byte below 0x20 plus 0x60 stays below
 * 0x80, a printable one reaches it, and no sum carries. */
static bool printable_ascii8(const unsigned char *s)
{
  const uint64_t high = UINT64_C(0x8080808080808080);
  const uint64_t ones = UINT64_C(0x0101010101010101);
  uint64_t w;
  memcpy(&w, s, sizeof w);
  if (w & high)
    return false;
  uint64_t below_space = ~(w + 0x60 * ones) & high;
  uint64_t allowed =
      zero_bytes(w ^ ('\n' * ones)) | zero_bytes(w ^ ('\t' * ones));
  uint64_t is_del = zero_bytes(w ^ (0x7F * ones));
  return ((below_space & ~allowed) | is_del) == 0;
}

/* Bad UTF-8 anywhere in the value wins over a bad character earlier in it
 * (the enum's order): when the encoding is wrong the whole value is suspect,
 * and "this file is not UTF-8" is the one thing worth telling the user. */
kg_text_problem kg_text_check(const char *s, size_t len, size_t *offset)
{
  const unsigned char *u = (const unsigned char *)s;
  kg_text_problem first = KG_TEXT_OK;
  size_t first_at = 0;

  for (size_t i = 0; i < len;) {
    /* Printable ASCII, TAB and LF are most of any fact file: skip them
     * without decoding, eight bytes at a time where all are such
     * (this runs over every byte kgbuild reads). */
    if (len - i >= 8 && printable_ascii8(u + i)) {
      i += 8;
      continue;
    }
    if ((u[i] >= 0x20 && u[i] < 0x7F) || u[i] == '\n' || u[i] == '\t') {
      ++i;
      continue;
    }
    uint32_t cp;
    size_t n = utf8_decode(u + i, len - i, &cp);
    if (n == 0) {
      if (offset)
        *offset = i;
      return KG_TEXT_BAD_UTF8;
    }
    kg_text_problem p = classify(cp);
    if (p != KG_TEXT_OK && first == KG_TEXT_OK) {
      first = p;
      first_at = i;
    }
    i += n;
  }
  if (offset)
    *offset = first_at;
  return first;
}

/* Only two lead bytes can start one of the three (C2 85, E2 80 A8/A9), and
 * this runs over every byte kgbuild reads: ASCII, most of any fact file,
 * is skipped eight bytes at a time. */
size_t kg_text_find_unicode_break(const char *s, size_t len, size_t from,
                                  uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = from; i < len; ++i) {
    uint64_t w;
    while (len - i >= 8 && (memcpy(&w, u + i, sizeof w),
                            (w & UINT64_C(0x8080808080808080)) == 0))
      i += 8;
    if (i >= len)
      break;
    if (u[i] != 0xC2 && u[i] != 0xE2)
      continue;
    if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0x85) {
      *cp = 0x85;
      return i;
    }
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
        (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
      *cp = u[i + 2] == 0xA8 ? 0x2028 : 0x2029;
      return i;
    }
  }
  return len;
}

const char *kg_text_problem_str(kg_text_problem p)
{
  switch (p) {
  case KG_TEXT_OK: return "no problem";
  case KG_TEXT_BAD_UTF8: return "invalid UTF-8";
  case KG_TEXT_NUL: return "NUL character";
  case KG_TEXT_CONTROL: return "control character";
  case KG_TEXT_BOM: return "byte order mark";
  case KG_TEXT_NONCHAR: return "noncharacter";
  }
  return "unknown text problem";
}

/* ---- ids -------------------------------------------------------------- */

static bool is_id_char(unsigned char c)
{
  return is_lower(c) || is_digit(c) || c == '.' || c == '_' || c == '-';
}

/* Describe the character at s[i] for a message, so that the message itself
 * stays valid UTF-8 and free of controls: printable ASCII and well-formed
 * printable non-ASCII are quoted as they are, controls are given as U+XXXX,
 * and bytes that are not UTF-8 as 0xXX. */
/* Format characters a reader cannot see (zero-width spaces and joiners,
 * direction marks, embeddings, overrides and isolates, word joiners):
 * quoting them would show nothing, or reorder what follows. */
static bool is_invisible(uint32_t cp)
{
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2069) || cp == 0x00AD || cp == 0x034F ||
         cp == 0x061C || cp == 0xFEFF;
}

bool kg_char_unprintable(uint32_t cp)
{
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
         cp == 0x2029 || is_invisible(cp);
}

static void describe_char(const char *s, size_t len, size_t i, char *out,
                          size_t outsize)
{
  const unsigned char *u = (const unsigned char *)s;
  uint32_t cp;
  size_t n = utf8_decode(u + i, len - i, &cp);

  if (n == 0) {
    snprintf(out, outsize, "byte 0x%02X", (unsigned)u[i]);
  } else if (classify(cp) != KG_TEXT_OK || cp < 0x20 || is_invisible(cp)) {
    snprintf(out, outsize, "U+%04X", (unsigned)cp);
  } else if (cp == '\'') {
    snprintf(out, outsize, "\"'\"");
  } else {
    snprintf(out, outsize, "'%.*s'", (int)n, s + i);
  }
}

/* Report the first byte the grammar does not allow, or return NULL. */
static const char *id_bad_char(const char *s, size_t len, char *buf,
                               size_t bufsize)
{
  char what[16];

  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (is_id_char(c))
      continue;
    if (is_upper(c)) {
      snprintf(buf, bufsize, "ids must be lower case ('%c' at offset %zu)",
               (char)c, i);
    } else {
      describe_char(s, len, i, what, sizeof what);
      snprintf(buf, bufsize, "ids may not contain %s (offset %zu)", what, i);
    }
    return buf;
  }
  return NULL;
}

/* Checks run from the most to the least basic, so the user fixes the
 * length and the alphabet before the finer points of punctuation. */
const char *kg_id_check(const char *s, size_t len, char *buf, size_t bufsize)
{
  /* Without a buffer there is nowhere to say more than this. */
  static const char generic[] = "invalid id";
  char scratch[1];
  const char *why;

  if (buf == NULL || bufsize == 0) {
    buf = scratch;
    bufsize = sizeof scratch;
  }
  why = buf == scratch ? generic : buf;

  if (len == 0) {
    snprintf(buf, bufsize, "an id may not be empty");
    return why;
  }
  if (len > KG_ID_MAX) {
    snprintf(buf, bufsize, "ids are at most %d bytes (this one has %zu)",
             KG_ID_MAX, len);
    return why;
  }
  if (id_bad_char(s, len, buf, bufsize))
    return why;
  if (!is_alnum((unsigned char)s[0]) || !is_alnum((unsigned char)s[len - 1])) {
    snprintf(buf, bufsize, "ids must start and end with a letter or digit");
    return why;
  }
  for (size_t i = 0; i + 1 < len; i++) {
    if (s[i] == '.' && s[i + 1] == '.') {
      snprintf(buf, bufsize, "ids may not contain '..' (offset %zu)", i);
      return why;
    }
  }
  return NULL;
}

/* ---- IRIs and language tags ------------------------------------------- */

/* RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), and it is
 * what makes an IRI absolute.  Returns the length up to and including the
 * ':', or 0 if there is no scheme. */
static size_t iri_scheme_len(const char *s, size_t len)
{
  if (len == 0 || !is_alpha((unsigned char)s[0]))
    return 0;
  for (size_t i = 1; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ':')
      return i + 1;
    if (!is_alnum(c) && c != '+' && c != '-' && c != '.')
      return 0;
  }
  return 0;
}

/* N-Triples IRIREF excludes these (and #x00-#x20); a '\' would start a
 * UCHAR escape, which kgbuild never writes.  The range test comes first
 * because strchr would "find" NUL as the string's terminator. */
static bool iri_excluded(unsigned char c)
{
  return c <= 0x20 || strchr("<>\"{}|^`\\", c) != NULL;
}

/* RFC 3987 ucschar: the non-ASCII characters an IRI may hold, which leave
 * out controls, noncharacters (U+FDD0..FDEF, U+xFFFE, U+xFFFF: XML
 * refuses some of them), U+E0000..E0FFF and the private use areas. */
static bool iri_ucschar(uint32_t cp)
{
  if (cp >= 0xA0 && cp <= 0xD7FF)
    return true;
  if (cp >= 0xF900 && cp <= 0xFDCF)
    return true;
  if (cp >= 0xFDF0 && cp <= 0xFFEF)
    return true;
  if (cp >= 0xE0000 && cp <= 0xE0FFF)
    return false; /* tags, selectors */
  return cp >= 0x10000 && cp <= 0xEFFFD && (cp & 0xFFFF) <= 0xFFFD;
}

/* RFC 3987 iprivate: allowed in the query only. */
static bool iri_private(uint32_t cp)
{
  return (cp >= 0xE000 && cp <= 0xF8FF) ||
         (cp >= 0xF0000 && cp <= 0x10FFFD && (cp & 0xFFFF) <= 0xFFFD);
}

bool kg_iri_valid(const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t i = iri_scheme_len(s, len);
  bool query = false;

  if (i == 0)
    return false;
  while (i < len) {
    uint32_t cp;
    size_t n = utf8_decode(u + i, len - i, &cp);
    if (n == 0 || (n == 1 && iri_excluded(u[i])))
      return false;
    if (n > 1 && !iri_ucschar(cp) && !(query && iri_private(cp)))
      return false;
    query |= u[i] == '?';
    query &= u[i] != '#';
    i += n;
  }
  return true;
}

/* Case-insensitive: "HTTPS" is as much a scheme as "https". */
static bool ascii_prefix_ci(const char *s, size_t len, const char *lower)
{
  size_t n = strlen(lower);
  if (len < n)
    return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((is_upper(c) ? c - 'A' + 'a' : c) != (unsigned char)lower[i])
      return false;
  }
  return true;
}

/* The host and port of an authority (userinfo already dropped). */
static const char *web_host_check(const char *h, size_t len)
{
  size_t host_end = len;
  if (len > 0 && h[0] == '[') {
    const char *close = memchr(h, ']', len);
    if (!close)
      return "an IPv6 host needs its closing ']'";
    if (close == h + 1)
      return "the address has no host";
    host_end = (size_t)(close - h) + 1;
    if (host_end < len && h[host_end] != ':')
      return "expected ':' and a port, or '/', after the ']' of the host";
  } else {
    const char *colon = memchr(h, ':', len);
    if (colon)
      host_end = (size_t)(colon - h);
  }
  if (host_end == 0)
    return "the address has no host";
  for (size_t i = host_end + 1; i < len; i++)
    if (!is_digit((unsigned char)h[i]))
      return "the port must be digits";
  return NULL;
}

/* Checked by hand rather than with a URL library: the rule is small, and
 * what matters is what a curator should be told.  javascript:, file: and
 * mailto: are absolute IRIs, but not pages a reader can open. */
const char *kg_web_address_check(const char *s, size_t len)
{
  size_t i;
  if (!kg_iri_valid(s, len))
    return "expected an absolute web address such as https://example.org/page, "
           "with no spaces or <>\"{}|^`\\";
  if (ascii_prefix_ci(s, len, "https:"))
    i = 6;
  else if (ascii_prefix_ci(s, len, "http:"))
    i = 5;
  else
    return "a web address starts with https:// or http://";
  if (len - i < 2 || s[i] != '/' || s[i + 1] != '/')
    return "expected '//' and a host after the scheme";
  i += 2;
  size_t end = i;
  while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#')
    end++;
  /* The last '@' ends the userinfo (RFC 3986: '@' is not allowed in it). */
  for (size_t j = end; j > i; j--)
    if (s[j - 1] == '@') {
      i = j;
      break;
    }
  return web_host_check(s + i, end - i);
}

bool kg_langtag_valid(const char *s, size_t len)
{
  size_t run = 0;    /* length of the subtag being read */
  bool first = true; /* the primary subtag is letters only */

  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '-') {
      if (run == 0)
        return false;
      run = 0;
      first = false;
    } else if (first ? is_alpha(c) : is_alnum(c)) {
      if (++run > 8)
        return false;
    } else {
      return false;
    }
  }
  return run > 0;
}

void kg_langtag_lower(const char *s, size_t len, char *out)
{
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    out[i] = (char)(is_upper(c) ? c - 'A' + 'a' : c);
  }
  out[len] = '\0';
}

/* ---- dates ------------------------------------------------------------ */

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

int kg_days_in_month(int year, int month)
{
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  if (month < 1 || month > 12)
    return 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

/* Read n ASCII digits at s; returns -1 if any is not a digit. */
static int read_digits(const char *s, size_t n)
{
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (!is_digit((unsigned char)s[i]))
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* Split s into year, month and day by its shape alone: exactly YYYY,
 * YYYY-MM or YYYY-MM-DD.  Anything else (2013-6-1, a trailing 'x', a time,
 * a time zone, surrounding blanks) is refused here as a whole. */
static bool date_shape(const char *s, size_t len, kg_date *d)
{
  d->month = d->day = 0;
  if (len != 4 && len != 7 && len != 10)
    return false;
  if ((d->year = read_digits(s, 4)) < 0)
    return false;
  d->precision = KG_DATE_YEAR;
  if (len == 4)
    return true;
  if (s[4] != '-' || (d->month = read_digits(s + 5, 2)) < 0)
    return false;
  d->precision = KG_DATE_YEAR_MONTH;
  if (len == 7)
    return true;
  if (s[7] != '-' || (d->day = read_digits(s + 8, 2)) < 0)
    return false;
  d->precision = KG_DATE_DAY;
  return true;
}

/* The ranges of the fields, in order; messages quote the digits as written. */
static bool date_range_error(const char *s, const kg_date *d, char *buf,
                             size_t bufsize)
{
  if (d->year < 1) {
    snprintf(buf, bufsize, "year %.4s is out of range (0001-9999)", s);
    return true;
  }
  if (d->precision >= KG_DATE_YEAR_MONTH && (d->month < 1 || d->month > 12)) {
    snprintf(buf, bufsize, "month %.2s is out of range (01-12)", s + 5);
    return true;
  }
  if (d->precision == KG_DATE_DAY) {
    int dim = kg_days_in_month(d->year, d->month);
    if (d->day < 1 || d->day > dim) {
      snprintf(buf, bufsize, "day %.2s is out of range: %s %.4s has %d days",
               s + 8, month_names[d->month - 1], s, dim);
      return true;
    }
  }
  return false;
}

const char *kg_date_parse(const char *s, size_t len, kg_date *out, char *buf,
                          size_t bufsize)
{
  static const char generic[] = "invalid date";
  kg_date d = {0, 0, 0, KG_DATE_NONE};
  char scratch[1];
  const char *why;

  if (out)
    *out = d;
  if (buf == NULL || bufsize == 0) {
    buf = scratch;
    bufsize = sizeof scratch;
  }
  why = buf == scratch ? generic : buf;

  if (!date_shape(s, len, &d)) {
    snprintf(buf, bufsize, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    return why;
  }
  if (date_range_error(s, &d, buf, bufsize))
    return why;
  if (out)
    *out = d;
  return NULL;
}

/* The first and last day a date covers; a date without a precision covers
 * nothing and yields all zeros. */
static void first_day(const kg_date *d, int *y, int *m, int *dd)
{
  *y = d->precision == KG_DATE_NONE ? 0 : d->year;
  *m = d->precision >= KG_DATE_YEAR_MONTH ? d->month : 1;
  *dd = d->precision == KG_DATE_DAY ? d->day : 1;
  if (d->precision == KG_DATE_NONE)
    *m = *dd = 0;
}

static void last_day(const kg_date *d, int *y, int *m, int *dd)
{
  *y = d->precision == KG_DATE_NONE ? 0 : d->year;
  *m = d->precision >= KG_DATE_YEAR_MONTH ? d->month : 12;
  *dd = d->precision == KG_DATE_DAY ? d->day : kg_days_in_month(*y, *m);
  if (d->precision == KG_DATE_NONE)
    *m = *dd = 0;
}

static int compare_ymd(int y1, int m1, int d1, int y2, int m2, int d2)
{
  if (y1 != y2)
    return y1 < y2 ? -1 : 1;
  if (m1 != m2)
    return m1 < m2 ? -1 : 1;
  if (d1 != d2)
    return d1 < d2 ? -1 : 1;
  return 0;
}

int kg_date_compare_earliest(const kg_date *a, const kg_date *b)
{
  int ay, am, ad, by, bm, bd;
  first_day(a, &ay, &am, &ad);
  first_day(b, &by, &bm, &bd);
  return compare_ymd(ay, am, ad, by, bm, bd);
}

/* "ended 2013, started 2013-06" is fine: the end may be any day of 2013.
 * Only when even the latest reading of the end precedes the earliest reading
 * of the start is the pair certainly wrong.  A missing date proves nothing. */
bool kg_date_ends_before_start(const kg_date *end, const kg_date *start)
{
  int ey, em, ed, sy, sm, sd;

  if (end->precision == KG_DATE_NONE || start->precision == KG_DATE_NONE)
    return false;
  last_day(end, &ey, &em, &ed);
  first_day(start, &sy, &sm, &sd);
  return compare_ymd(ey, em, ed, sy, sm, sd) < 0;
}

/* Write v as exactly `width` digits, clamped so a corrupt kg_date can never
 * write past the 11 bytes the caller provides. */
static void put_digits(char *out, int v, int width)
{
  int max = width == 4 ? 9999 : 99;
  if (v < 0)
    v = 0;
  if (v > max)
    v = max;
  for (int i = width - 1; i >= 0; i--) {
    out[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

static void put_ymd(char out[11], int y, int m, int d)
{
  put_digits(out, y, 4);
  out[4] = '-';
  put_digits(out + 5, m, 2);
  out[7] = '-';
  put_digits(out + 8, d, 2);
  out[10] = '\0';
}

void kg_date_first_day(const kg_date *d, char out[11])
{
  int y, m, dd;
  first_day(d, &y, &m, &dd);
  put_ymd(out, y, m, dd);
}

void kg_date_last_day(const kg_date *d, char out[11])
{
  int y, m, dd;
  last_day(d, &y, &m, &dd);
  put_ymd(out, y, m, dd);
}

/* ---- XSD numerals ----------------------------------------------------- */

static const char integer_msg[] =
    "expected an integer: digits with an optional sign";
static const char decimal_msg[] =
    "expected a decimal: digits with an optional sign and point, no exponent";
static const char boolean_msg[] = "expected true or false";

/* Consume an optional sign; returns whether it was '-'. */
static bool read_sign(const char *s, size_t len, size_t *i)
{
  if (*i < len && (s[*i] == '+' || s[*i] == '-'))
    return s[(*i)++] == '-';
  return false;
}

static size_t skip_digits(const char *s, size_t len, size_t i)
{
  while (i < len && is_digit((unsigned char)s[i]))
    i++;
  return i;
}

/* Copy [from, to) after dropping leading zeros, keeping one digit. */
static size_t put_int_part(char *out, const char *s, size_t from, size_t to)
{
  while (to - from > 1 && s[from] == '0')
    from++;
  if (from == to) {
    out[0] = '0';
    return 1;
  }
  memcpy(out, s + from, to - from);
  return to - from;
}

static bool all_zeros(const char *s, size_t from, size_t to)
{
  for (size_t i = from; i < to; i++)
    if (s[i] != '0')
      return false;
  return true;
}

const char *kg_integer_canon(const char *s, size_t len, char *out)
{
  size_t i = 0, o = 0;
  bool neg = read_sign(s, len, &i);
  size_t start = i;

  out[0] = '\0';
  i = skip_digits(s, len, i);
  if (i == start || i != len)
    return integer_msg;
  /* Zero has no sign in the value space, so "-0" is plain "0". */
  if (neg && !all_zeros(s, start, len))
    out[o++] = '-';
  o += put_int_part(out + o, s, start, len);
  out[o] = '\0';
  return NULL;
}

/* Negative zero ("-0.0", "-.0") is written "0.0": xsd:decimal has one zero,
 * and its canonical form carries no sign. */
const char *kg_decimal_canon(const char *s, size_t len, char *out)
{
  size_t i = 0, o = 0;
  bool neg = read_sign(s, len, &i);
  size_t int_from = i, int_to, frac_from, frac_to;

  out[0] = '\0';
  int_to = skip_digits(s, len, int_from);
  frac_from = frac_to = int_to;
  if (int_to < len && s[int_to] == '.') {
    frac_from = int_to + 1;
    frac_to = skip_digits(s, len, frac_from);
  }
  if (frac_to != len || (int_to == int_from && frac_to == frac_from))
    return decimal_msg;

  while (frac_to > frac_from && s[frac_to - 1] == '0')
    frac_to--;
  if (neg && !(all_zeros(s, int_from, int_to) && frac_to == frac_from))
    out[o++] = '-';
  o += put_int_part(out + o, s, int_from, int_to);
  out[o++] = '.';
  if (frac_to == frac_from) {
    out[o++] = '0';
  } else {
    memcpy(out + o, s + frac_from, frac_to - frac_from);
    o += frac_to - frac_from;
  }
  out[o] = '\0';
  return NULL;
}

/* Only the XSD spellings: YAML 1.1 would read yes/no/on/off/y/n (in any
 * case) as booleans, and a fact file that means "Norway" by "no" must not
 * silently turn into false, so we accept exactly what XSD calls canonical. */
const char *kg_boolean_canon(const char *s, size_t len, char *out)
{
  out[0] = '\0';
  if ((len == 4 && memcmp(s, "true", 4) == 0) ||
      (len == 5 && memcmp(s, "false", 5) == 0)) {
    memcpy(out, s, len);
    out[len] = '\0';
    return NULL;
  }
  return boolean_msg;
}

/* ---- "did you mean" --------------------------------------------------- */

/* The longest remainder (after common prefix and suffix are stripped) whose
 * row fits on the stack.  Ids are at most 128 bytes, so this is ample. */
#define KG_EDIT_MAX 256

static size_t give_up(size_t limit)
{
  return limit == SIZE_MAX ? SIZE_MAX : limit + 1;
}

/* The optimal-string-alignment distance (Levenshtein plus the swap of two
 * adjacent characters, the commonest typo: "nmae" for "name").  Three rows
 * of the table at a time, over the shorter string, so memory is bounded.
 * Once every cell of two consecutive rows exceeds the limit no later cell
 * can come back under it (a swap reaches back two rows), so we stop. */
size_t kg_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        size_t limit)
{
  size_t rows[3][KG_EDIT_MAX + 1];

  while (alen > 0 && blen > 0 && a[0] == b[0]) {
    a++, b++, alen--, blen--;
  }
  while (alen > 0 && blen > 0 && a[alen - 1] == b[blen - 1]) {
    alen--, blen--;
  }
  if (alen < blen) {
    const char *t = a;
    size_t tl = alen;
    a = b, alen = blen, b = t, blen = tl;
  }
  if (alen - blen > limit)
    return give_up(limit);
  if (blen == 0)
    return alen;
  if (blen > KG_EDIT_MAX)
    return give_up(limit);

  size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
  size_t prev_min = 0;
  for (size_t j = 0; j <= blen; j++)
    prev[j] = j;
  for (size_t i = 1; i <= alen; i++) {
    size_t row_min;
    cur[0] = row_min = i;
    for (size_t j = 1; j <= blen; j++) {
      size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < best)
        best = prev[j] + 1;
      if (cur[j - 1] + 1 < best)
        best = cur[j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          before[j - 2] + 1 < best)
        best = before[j - 2] + 1;
      cur[j] = best;
      if (best < row_min)
        row_min = best;
    }
    if (row_min > limit && prev_min > limit)
      return give_up(limit);
    prev_min = row_min;
    size_t *t = before;
    before = prev, prev = cur, cur = t;
  }
  return prev[blen] <= limit ? prev[blen] : give_up(limit);
}

const char *kg_nearest(const char *word, size_t len,
                       const char *const *candidates, size_t count)
{
  size_t limit = len / 3 > 1 ? len / 3 : 1;
  const char *best = NULL;
  size_t best_d = 0;

  for (size_t k = 0; k < count; k++) {
    const char *c = candidates[k];
    if (c == NULL)
      continue;
    size_t d = kg_edit_distance(word, len, c, strlen(c), limit);
    if (d > limit)
      continue;
    if (best == NULL || d < best_d || (d == best_d && strcmp(c, best) < 0)) {
      best = c;
      best_d = d;
    }
  }
  return best;
}

bool kg_date_within(const kg_date *fine, const kg_date *coarse)
{
  char a[11], b[11], c[11], d[11];
  if (!fine->precision || !coarse->precision ||
      fine->precision <= coarse->precision)
    return false;
  kg_date_first_day(fine, a);
  kg_date_last_day(fine, b);
  kg_date_first_day(coarse, c);
  kg_date_last_day(coarse, d);
  return strcmp(a, c) >= 0 && strcmp(b, d) <= 0;
}
