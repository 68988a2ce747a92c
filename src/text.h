/* text.h - lexical checks on the strings kgbuild writes: UTF-8, ids, IRIs,
 * language tags, XSD literals, partial dates; and "did you mean".
 * Nothing here allocates except where noted; nothing reads past `len`. */
#ifndef KG_TEXT_H
#define KG_TEXT_H

#include "kg.h"

/* Problems a text value can have, in the order they are searched for.  The
 * offset of the first offending byte is returned alongside. */
typedef enum {
  KG_TEXT_OK = 0,
  KG_TEXT_BAD_UTF8, /* not well-formed UTF-8 (incl. overlong, surrogates) */
  KG_TEXT_NUL,      /* U+0000 */
  KG_TEXT_CONTROL,  /* C0 control other than TAB, LF, CR; or DEL; or C1 */
  KG_TEXT_BOM,      /* U+FEFF inside a value */
  KG_TEXT_NONCHAR,  /* U+FDD0..U+FDEF, U+nFFFE, U+nFFFF (all 66) */
} kg_text_problem;

/* Check a literal value: valid UTF-8 holding only XML 1.0 Chars, none of the
 * above.  TAB, LF and CR are allowed.  On a problem, *offset is the byte
 * offset of the offending character. */
kg_text_problem kg_text_check(const char *s, size_t len, size_t *offset);

/* The offset of the first U+0085 (NEL), U+2028 (LS) or U+2029 (PS) at or
 * after `from`, with *cp set to it; len when there is none.  YAML 1.1 reads
 * these three as line breaks wherever they stand. */
size_t kg_text_find_unicode_break(const char *s, size_t len, size_t from,
                                  uint32_t *cp);

/* The well-formed UTF-8 sequence at s: its length, with *cp set; 0 when the
 * bytes at s do not start one (the rules kg_text_check applies). */
size_t kg_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* The same, without the code point: the length of the well-formed UTF-8
 * sequence at s, or 0.  The one place that knows UTF-8's byte rules (the
 * diagnostics' excerpts step through text with it). */
size_t kg_utf8_length(const char *s, size_t len);
/* Whether c is a continuation byte (10xxxxxx), not a character's first:
 * how every count of characters, and every cut between two, steps. */
static inline bool kg_utf8_continuation(char c)
{
  return ((unsigned char)c & 0xC0) == 0x80;
}
/* The characters in len bytes: the bytes that are not continuation bytes
 * (10xxxxxx), so that an invalid byte counts as one character, as a column
 * of a diagnostic counts it. */
size_t kg_utf8_chars(const char *s, size_t len);
/* The bytes of the first `chars` characters of s (len bytes), counted as
 * kg_utf8_chars counts them: a cut that never splits a character. */
size_t kg_utf8_prefix(const char *s, size_t len, size_t chars);

/* Would a terminal act on cp, or show nothing for it?  Controls (C0, DEL,
 * C1), U+2028 and U+2029, and invisible format characters: bidi marks,
 * embeddings, overrides and isolates, zero-width characters, U+FEFF.
 * Text shown to a person writes these as escapes. */
bool kg_char_unprintable(uint32_t cp);

/* A human phrase for a problem: "invalid UTF-8", "NUL character", ... */
const char *kg_text_problem_str(kg_text_problem p);

/* Ids name entities and become the last segment of their IRI.  Grammar:
 *   id = [a-z0-9] ( [a-z0-9._-]* [a-z0-9] )?   , at most KG_ID_MAX bytes,
 * and no two consecutive '.' characters.
 * Returns NULL if valid, else buf holding what is wrong, e.g.
 * "ids must be lower case ('O' at offset 0)". */
#define KG_ID_MAX 128
const char *kg_id_check(const char *s, size_t len, char *buf, size_t bufsize);

/* An absolute IRI as N-Triples' IRIREF wants it: scheme ":" then valid UTF-8
 * with none of #x00-#x20 < > " { } | ^ ` \ .  Returns true if valid. */
bool kg_iri_valid(const char *s, size_t len);

/* A web address, for keys exported as schema:url: a valid absolute IRI
 * (kg_iri_valid) whose scheme is http or https (any case), then "//" and
 * an RFC 3986 authority with a non-empty host ([userinfo@]host[:port],
 * the port digits, an IPv6 host in brackets).  Returns NULL when valid,
 * else a static phrase saying what is wrong. */
const char *kg_web_address_check(const char *s, size_t len);

/* BCP 47 syntax: [A-Za-z]{1,8} ( '-' [A-Za-z0-9]{1,8} )* .  Returns true if
 * valid.  kg_langtag_lower writes the lower-case form into out (len+1 bytes).
 */
bool kg_langtag_valid(const char *s, size_t len);
void kg_langtag_lower(const char *s, size_t len, char *out);

/* Dates of partial precision.  Accepted lexical forms (and nothing else):
 *   YYYY            -> KG_DATE_YEAR        (xsd:gYear)
 *   YYYY-MM         -> KG_DATE_YEAR_MONTH  (xsd:gYearMonth)
 *   YYYY-MM-DD      -> KG_DATE_DAY         (xsd:date)
 * with a four-digit year 0001..9999, a month 01..12 and a day valid for that
 * month in the proleptic Gregorian calendar.  No time zone. */
typedef enum {
  KG_DATE_NONE = 0,
  KG_DATE_YEAR,
  KG_DATE_YEAR_MONTH,
  KG_DATE_DAY,
} kg_date_precision;

typedef struct {
  int year, month, day; /* month, day are 0 when not given */
  kg_date_precision precision;
} kg_date;

/* Parse a date.  Returns NULL on success, else writes a message into buf and
 * returns buf: "month 13 is out of range (01-12)", "day 30 is out of range:
 * February 2013 has 28 days", "expected a date as YYYY, YYYY-MM or
 * YYYY-MM-DD". */
const char *kg_date_parse(const char *s, size_t len, kg_date *out, char *buf,
                          size_t bufsize);

/* -1, 0, 1 comparing the first days covered by a and b. */
int kg_date_compare_earliest(const kg_date *a, const kg_date *b);
/* An end is before its start only when the last day `end` covers is before
 * the first day `start` covers: "2013" does not end before "2013-06". */
bool kg_date_ends_before_start(const kg_date *end, const kg_date *start);

/* First and last day covered by a date, as "YYYY-MM-DD" (11 bytes incl NUL). */
void kg_date_first_day(const kg_date *d, char out[11]);
void kg_date_last_day(const kg_date *d, char out[11]);
/* Whether date `fine` lies within the coarser date `coarse` (2013-06-15
 * within 2013): the days they span say it, whatever their precisions. */
bool kg_date_within(const kg_date *fine, const kg_date *coarse);

/* Days in a month, with the Gregorian leap-year rule. */
int kg_days_in_month(int year, int month);

/* XSD numerals, validated and written in canonical form into out (which has
 * room for len + 3 bytes).  Return NULL when valid, else a static phrase.
 *  integer: [+-]?[0-9]+          canonical: no '+', no leading zeros, "-0"->"0"
 *  decimal: [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)  canonical: always a '.', at
 * least one digit either side, no leading zeros, no trailing zeros after the
 * first fractional digit ("1" -> "1.0", "01.50" -> "1.5") boolean: true | false
 * (YAML 1.1's yes/no/on/off are refused) */
const char *kg_integer_canon(const char *s, size_t len, char *out);
const char *kg_decimal_canon(const char *s, size_t len, char *out);
const char *kg_boolean_canon(const char *s, size_t len, char *out);

/* Optimal-string-alignment distance (Levenshtein, plus adjacent swaps) between
 * two byte strings, giving up (returning limit + 1) once it exceeds limit. */
size_t kg_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
                        size_t limit);

/* The candidate nearest to word, or NULL if none is close enough to be a
 * plausible typo (distance <= max(1, strlen(word) / 3)).  Ties go to the
 * candidate that sorts first, so the answer is deterministic. */
const char *kg_nearest(const char *word, size_t len,
                       const char *const *candidates, size_t count);

#endif
