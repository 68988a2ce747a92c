/* test_text.c - table-driven unit tests for src/text.c.
 *
 * Inputs carry explicit lengths (sizeof - 1) because text.c is bounded by
 * len and must cope with embedded NUL.  Each table row that fails names
 * itself, so one failing row is enough to find the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define LIT(s) s, sizeof(s) - 1

static void check_str(const char *what, size_t row, const char *got,
                      const char *want)
{
  if (got == NULL && want == NULL)
    return;
  if (got == NULL || want == NULL || strcmp(got, want) != 0)
    fail_msg("%s row %zu: got \"%s\", want \"%s\"", what, row,
             got ? got : "(null)", want ? want : "(null)");
}

/* ---- kg_text_check ---------------------------------------------------- */

static const struct {
  const char *s;
  size_t len;
  kg_text_problem want;
  size_t offset;
} text_cases[] = {
    {LIT(""), KG_TEXT_OK, 0},
    {LIT("plain ascii"), KG_TEXT_OK, 0},
    {LIT("tab\tlf\ncr\r"), KG_TEXT_OK, 0},
    /* "café 王磊" */
    {LIT("caf\xC3\xA9 \xE7\x8E\x8B\xE7\xA3\x8A"), KG_TEXT_OK, 0},
    {LIT("\xF0\x9F\x98\x80"), KG_TEXT_OK, 0},       /* U+1F600 */
    {LIT("\xF4\x8F\xBF\xBD"), KG_TEXT_OK, 0},       /* U+10FFFD */
    {LIT("\xEF\xBF\xBD"), KG_TEXT_OK, 0},           /* U+FFFD */
    {LIT("\xED\x9F\xBF"), KG_TEXT_OK, 0},           /* U+D7FF */
    {LIT("\xEE\x80\x80"), KG_TEXT_OK, 0},           /* U+E000 */
    {LIT("\xC2\xA0"), KG_TEXT_OK, 0},               /* U+00A0 */
    {LIT("a\xC0\x80"), KG_TEXT_BAD_UTF8, 1},        /* overlong NUL */
    {LIT("\xC1\xBF"), KG_TEXT_BAD_UTF8, 0},         /* overlong '\x7F' */
    {LIT("\xE0\x9F\xBF"), KG_TEXT_BAD_UTF8, 0},     /* overlong 3-byte */
    {LIT("\xF0\x8F\xBF\xBF"), KG_TEXT_BAD_UTF8, 0}, /* overlong 4-byte */
    {LIT("ab\xED\xA0\x80"), KG_TEXT_BAD_UTF8, 2},   /* surrogate U+D800 */
    {LIT("\xED\xBF\xBF"), KG_TEXT_BAD_UTF8, 0},     /* surrogate U+DFFF */
    {LIT("\xF4\x90\x80\x80"), KG_TEXT_BAD_UTF8, 0}, /* U+110000 */
    {LIT("\xF5\x80\x80\x80"), KG_TEXT_BAD_UTF8, 0},
    {LIT("\xFF"), KG_TEXT_BAD_UTF8, 0},
    {LIT("x\x80"), KG_TEXT_BAD_UTF8, 1},           /* stray continuation */
    {LIT("abc\xC3"), KG_TEXT_BAD_UTF8, 3},         /* truncated 2-byte */
    {LIT("abc\xE7\x8E"), KG_TEXT_BAD_UTF8, 3},     /* truncated 3-byte */
    {LIT("abc\xF0\x9F\x98"), KG_TEXT_BAD_UTF8, 3}, /* truncated 4-byte */
    {LIT("\xC3"
         "a"),
     KG_TEXT_BAD_UTF8, 0}, /* bad continuation */
    {LIT("ab\0c"), KG_TEXT_NUL, 2},
    {LIT("\x01"), KG_TEXT_CONTROL, 0},
    {LIT("a\x1B[0m"), KG_TEXT_CONTROL, 1},
    {LIT("del\x7F"), KG_TEXT_CONTROL, 3},
    {LIT("c1 \xC2\x85"), KG_TEXT_CONTROL, 3}, /* U+0085 NEL */
    {LIT("\xC2\x9F"), KG_TEXT_CONTROL, 0},    /* U+009F */
    {LIT("\xEF\xBB\xBFhi"), KG_TEXT_BOM, 0},
    {LIT("hi\xEF\xBB\xBF"), KG_TEXT_BOM, 2},
    {LIT("x\xEF\xBF\xBE"), KG_TEXT_NONCHAR, 1}, /* U+FFFE */
    {LIT("\xEF\xBF\xBF"), KG_TEXT_NONCHAR, 0},  /* U+FFFF */
    /* the first bad character is reported ... */
    {LIT("a\x01\xEF\xBB\xBF"), KG_TEXT_CONTROL, 1},
    /* ... but bad UTF-8 anywhere outranks it */
    {LIT("a\x01z\xC0\x80"), KG_TEXT_BAD_UTF8, 3},
};

static void test_text_check(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(text_cases); i++) {
    size_t off = 12345;
    kg_text_problem p = kg_text_check(text_cases[i].s, text_cases[i].len, &off);
    if (p != text_cases[i].want)
      fail_msg("text row %zu: got %s, want %s", i, kg_text_problem_str(p),
               kg_text_problem_str(text_cases[i].want));
    if (p != KG_TEXT_OK && off != text_cases[i].offset)
      fail_msg("text row %zu: offset %zu, want %zu", i, off,
               text_cases[i].offset);
  }
}

/* Unicode's 66 noncharacters (U+FDD0..U+FDEF, and the last two code points
 * of each of the 17 planes) are refused, and their neighbours are not. */
static size_t put_utf8(uint32_t cp, char *out)
{
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | cp >> 18);
  out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
  out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static void expect_char(uint32_t cp, kg_text_problem want)
{
  char buf[8] = "ab";
  size_t n = 2 + put_utf8(cp, buf + 2), off = 12345;
  kg_text_problem p = kg_text_check(buf, n, &off);
  if (p != want)
    fail_msg("U+%04X: got %s, want %s", (unsigned)cp, kg_text_problem_str(p),
             kg_text_problem_str(want));
  if (p != KG_TEXT_OK && off != 2)
    fail_msg("U+%04X: offset %zu, want 2", (unsigned)cp, off);
}

static void test_text_noncharacters(void **state)
{
  (void)state;
  size_t count = 0;
  for (uint32_t cp = 0xFDD0; cp <= 0xFDEF; ++cp, ++count)
    expect_char(cp, KG_TEXT_NONCHAR);
  expect_char(0xFDCF, KG_TEXT_OK);
  expect_char(0xFDF0, KG_TEXT_OK);
  for (uint32_t plane = 0; plane <= 0x10; ++plane) {
    uint32_t base = plane << 16;
    expect_char(base | 0xFFFE, KG_TEXT_NONCHAR);
    expect_char(base | 0xFFFF, KG_TEXT_NONCHAR);
    count += 2;
    expect_char(base | 0xFFFD, KG_TEXT_OK);
    if (plane < 0x10)
      expect_char((base | 0xFFFF) + 1, KG_TEXT_OK); /* next plane's first */
  }
  assert_int_equal(count, 66);
  /* The escaped forms reach kg_text_check decoded, so the same table
   * covers them; the BOM keeps its own name. */
  expect_char(0xFEFF, KG_TEXT_BOM);
}

static void test_text_find_unicode_break(void **state)
{
  (void)state;
  uint32_t cp = 0;
  const char s[] = "a\xC2\x85"
                   "b\xE2\x80\xA8"
                   "c\xE2\x80\xA9"
                   "\xE2\x80\xA6\xC2\xA0";
  size_t len = sizeof s - 1;
  assert_int_equal(kg_text_find_unicode_break(s, len, 0, &cp), 1);
  assert_int_equal(cp, 0x85);
  assert_int_equal(kg_text_find_unicode_break(s, len, 2, &cp), 4);
  assert_int_equal(cp, 0x2028);
  assert_int_equal(kg_text_find_unicode_break(s, len, 5, &cp), 8);
  assert_int_equal(cp, 0x2029);
  /* U+2026 and U+00A0 share the lead bytes but are not breaks. */
  assert_int_equal(kg_text_find_unicode_break(s, len, 9, &cp), len);
  /* A break cut short by len is not one. */
  assert_int_equal(kg_text_find_unicode_break(s, 1 + 1, 0, &cp), 2);
  assert_int_equal(kg_text_find_unicode_break(s, 4 + 2, 4, &cp), 6);
  /* ASCII is skipped a word at a time: a break at every offset, and
   * from every starting point, in a buffer of ASCII and other UTF-8. */
  for (size_t at = 0; at < 24; at++)
    for (size_t from = 0; from <= at; from++) {
      char buf[40];
      memset(buf, 'a', sizeof buf);
      memcpy(buf + 30, "\xC3\xA9", 2);
      memcpy(buf + at, "\xE2\x80\xA9", 3);
      cp = 0;
      if (kg_text_find_unicode_break(buf, sizeof buf, from, &cp) != at ||
          cp != 0x2029)
        fail_msg("break at %zu from %zu not found", at, from);
      buf[at] = 'a';
      if (kg_text_find_unicode_break(buf, sizeof buf, from, &cp) != sizeof buf)
        fail_msg("no break, from %zu: found one", from);
    }
}

static void test_text_bounded_and_null_offset(void **state)
{
  (void)state;
  /* Only len bytes are read: the bad byte just past len is not seen. */
  assert_int_equal(kg_text_check("ok\xC0", 2, NULL), KG_TEXT_OK);
  assert_int_equal(kg_text_check("\x01", 1, NULL), KG_TEXT_CONTROL);
  assert_int_equal(kg_text_check(NULL, 0, NULL), KG_TEXT_OK);
}

static void test_text_problem_str(void **state)
{
  (void)state;
  assert_string_equal(kg_text_problem_str(KG_TEXT_BAD_UTF8), "invalid UTF-8");
  assert_string_equal(kg_text_problem_str(KG_TEXT_NUL), "NUL character");
  assert_string_equal(kg_text_problem_str(KG_TEXT_CONTROL),
                      "control character");
  assert_string_equal(kg_text_problem_str(KG_TEXT_BOM), "byte order mark");
  assert_string_equal(kg_text_problem_str(KG_TEXT_NONCHAR), "noncharacter");
  assert_non_null(kg_text_problem_str(KG_TEXT_OK));
  assert_non_null(kg_text_problem_str((kg_text_problem)99));
}

/* ---- kg_id_check ------------------------------------------------------ */

static const struct {
  const char *s;
  size_t len;
  const char *want; /* NULL: valid */
} id_cases[] = {
    {LIT("a"), NULL},
    {LIT("7"), NULL},
    {LIT("office-1"), NULL},
    {LIT("mofa.dept_3"), NULL},
    {LIT("v1.2"), NULL},
    {LIT("a-b_c.d"), NULL},
    {LIT("Office 1"), "ids must be lower case ('O' at offset 0)"},
    {LIT("office 1"), "ids may not contain ' ' (offset 6)"},
    {LIT("a/b"), "ids may not contain '/' (offset 1)"},
    {LIT("../x"), "ids may not contain '/' (offset 2)"},
    {LIT("a#b"), "ids may not contain '#' (offset 1)"},
    {LIT("a'b"), "ids may not contain \"'\" (offset 1)"},
    {LIT("caf\xC3\xA9"), "ids may not contain '\xC3\xA9' (offset 3)"},
    {LIT("a\tb"), "ids may not contain U+0009 (offset 1)"},
    {LIT("a\0b"), "ids may not contain U+0000 (offset 1)"},
    {LIT("a\xFF"), "ids may not contain byte 0xFF (offset 1)"},
    {LIT("v1."), "ids must start and end with a letter or digit"},
    {LIT("-"), "ids must start and end with a letter or digit"},
    {LIT("_a"), "ids must start and end with a letter or digit"},
    {LIT("..x"), "ids must start and end with a letter or digit"},
    {LIT("a..b"), "ids may not contain '..' (offset 1)"},
    {LIT(""), "an id may not be empty"},
};

static void test_id_check(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(id_cases); i++) {
    char buf[128];
    const char *why =
        kg_id_check(id_cases[i].s, id_cases[i].len, buf, sizeof buf);
    check_str("id", i, why, id_cases[i].want);
    if (why != NULL && why != buf)
      fail_msg("id row %zu: not buf", i);
  }
}

static void test_id_length(void **state)
{
  char id[KG_ID_MAX + 1];
  char buf[128];
  (void)state;
  memset(id, 'a', sizeof id);
  assert_null(kg_id_check(id, KG_ID_MAX, buf, sizeof buf));
  assert_string_equal(kg_id_check(id, KG_ID_MAX + 1, buf, sizeof buf),
                      "ids are at most 128 bytes (this one has 129)");
}

static void test_id_small_or_no_buffer(void **state)
{
  char tiny[8];
  (void)state;
  /* A short buffer truncates but stays terminated; no buffer still says no. */
  assert_string_equal(kg_id_check(LIT("A"), tiny, sizeof tiny), "ids mus");
  assert_string_equal(kg_id_check(LIT("A"), NULL, 0), "invalid id");
  assert_null(kg_id_check(LIT("ok"), NULL, 0));
}

/* ---- kg_iri_valid ----------------------------------------------------- */

static const struct {
  const char *s;
  size_t len;
  bool want;
} iri_cases[] = {
    {LIT("https://w3id.org/kgbuild/ns#Person"), true},
    {LIT("http://example.org/caf\xC3\xA9"), true},
    {LIT("urn:isbn:0451450523"), true},
    {LIT("mailto:a@b.example"), true},
    {LIT("git+ssh://host/x"), true},
    {LIT("http://example.org/a b"), false},
    {LIT("http://example.org/a>b"), false},
    {LIT("http://example.org/<a"), false},
    {LIT("http://example.org/a\\b"), false},
    {LIT("http://example.org/\"q\""), false},
    {LIT("http://example.org/{x}"), false},
    {LIT("http://example.org/a|b"), false},
    {LIT("http://example.org/a^b"), false},
    {LIT("http://example.org/a`b"), false},
    {LIT("http://example.org/a\nb"), false},
    {LIT("http://example.org/a\0b"), false},
    {LIT("http://example.org/\xC3"), false},         /* truncated UTF-8 */
    {LIT("http://example.org/\xED\xA0\x80"), false}, /* surrogate */
    /* RFC 3987 ucschar (fuzz finding: U+FFFE reached GraphML, which XML
     * refuses) */
    {LIT("https:///w3d./\xEF\xBF\xBEi/"), false},        /* U+FFFE */
    {LIT("http://example.org/\xEF\xBF\xBF"), false},     /* U+FFFF */
    {LIT("http://example.org/\xEF\xB7\x90"), false},     /* U+FDD0 */
    {LIT("http://example.org/\xC2\x85"), false},         /* U+0085 NEL */
    {LIT("http://example.org/\xF0\x9F\x98\x80"), true},  /* U+1F600 */
    {LIT("http://example.org/\xF0\x9F\xBF\xBE"), false}, /* U+1FFFE */
    {LIT("http://example.org/\xEE\x80\x80"), false},     /* U+E000 private */
    {LIT("http://example.org/\xF3\xA0\x80\x81"), false}, /* U+E0001 tag */
    {LIT("http://example.org/\xF3\xA1\x80\x80"), true},  /* U+E1000 */
    {LIT("http://example.org/?q=\xEE\x80\x80"), true},   /* ... in a query */
    {LIT("http://example.org/?q#\xEE\x80\x80"), false},  /* not a fragment */
    {LIT("relative/path"), false},
    {LIT("/absolute/path"), false},
    {LIT("#frag"), false},
    {LIT("1http://x"), false},
    {LIT(":nothing"), false},
    {LIT("ht tp://x"), false},
    {LIT(""), false},
};

static void test_iri_valid(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(iri_cases); i++)
    if (kg_iri_valid(iri_cases[i].s, iri_cases[i].len) != iri_cases[i].want)
      fail_msg("iri row %zu (%s): want %d", i, iri_cases[i].s,
               iri_cases[i].want);
}

/* ---- web addresses ---------------------------------------------------- */

static const struct {
  const char *s;
  size_t len;
  bool ok;
} web_cases[] = {
    {LIT("https://example.org"), true},
    {LIT("http://example.org/a?b=c#d"), true},
    {LIT("HTTPS://Example.ORG:8443/"), true},
    {LIT("hTtP://x.y"), true},
    {LIT("https://user:pw@example.org/"), true},
    {LIT("http://[2001:db8::1]:80/p"), true},
    {LIT("https://example.org:/"), true},    /* empty port: RFC 3986 */
    {LIT("https://\xE7\x8E\x8B.cn/"), true}, /* IRI host */
    {LIT("https://example.org?q"), true},
    {LIT("javascript:alert(1)"), false},
    {LIT("file:///etc/passwd"), false},
    {LIT("mailto:someone@example.org"), false},
    {LIT("ftp://example.org/"), false},
    {LIT("httpx://example.org/"), false},
    {LIT("https:x"), false},
    {LIT("https:/x"), false},
    {LIT("http://"), false},
    {LIT("http:///path"), false},
    {LIT("http://?q"), false},
    {LIT("http://#f"), false},
    {LIT("https://user@/"), false},
    {LIT("https://user@:80/"), false},
    {LIT("https://:80/"), false},
    {LIT("https://example.org:80x/"), false},
    {LIT("https://[2001:db8::1/"), false},
    {LIT("https://[]/"), false},
    {LIT("https://[::1]x/"), false},
    {LIT("https://exa mple.org/"), false},
    {LIT("https://example.org/\x01"), false},
    {LIT("https"), false},
    {LIT(""), false},
};

static void test_web_address(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(web_cases); i++) {
    const char *why = kg_web_address_check(web_cases[i].s, web_cases[i].len);
    if ((why == NULL) != web_cases[i].ok)
      fail_msg("web row %zu (%s): %s", i, web_cases[i].s,
               why ? why : "accepted");
  }
}

/* ---- language tags ---------------------------------------------------- */

static const struct {
  const char *s;
  size_t len;
  bool want;
  const char *lower;
} lang_cases[] = {
    {LIT("en"), true, "en"},
    {LIT("zh-Hans-CN"), true, "zh-hans-cn"},
    {LIT("EN-gb"), true, "en-gb"},
    {LIT("de-CH-1901"), true, "de-ch-1901"},
    {LIT("x-private1"), true, "x-private1"},
    {LIT("abcdefgh"), true, "abcdefgh"},
    {LIT("en US"), false, NULL},
    {LIT(""), false, NULL},
    {LIT("toolongtag9"), false, NULL},
    {LIT("abcdefghi"), false, NULL},
    {LIT("en-abcdefghi"), false, NULL},
    {LIT("en-"), false, NULL},
    {LIT("-en"), false, NULL},
    {LIT("en--us"), false, NULL},
    {LIT("e1"), false, NULL},
    {LIT("en_US"), false, NULL},
    {LIT("en\0"), false, NULL},
};

static void test_langtag(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(lang_cases); i++) {
    bool ok = kg_langtag_valid(lang_cases[i].s, lang_cases[i].len);
    if (ok != lang_cases[i].want)
      fail_msg("lang row %zu (%s): want %d", i, lang_cases[i].s,
               lang_cases[i].want);
    if (ok) {
      char out[32];
      kg_langtag_lower(lang_cases[i].s, lang_cases[i].len, out);
      check_str("lang lower", i, out, lang_cases[i].lower);
    }
  }
}

/* ---- dates ------------------------------------------------------------ */

static const struct {
  const char *s;
  size_t len;
  const char *err; /* NULL: valid */
  int y, m, d;
  kg_date_precision p;
} date_cases[] = {
#define BAD(s, msg)                                                            \
  {                                                                            \
    LIT(s), msg, 0, 0, 0, KG_DATE_NONE                                         \
  }
#define SHAPE "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
    {LIT("2013"), NULL, 2013, 0, 0, KG_DATE_YEAR},
    {LIT("2013-06"), NULL, 2013, 6, 0, KG_DATE_YEAR_MONTH},
    {LIT("2013-06-01"), NULL, 2013, 6, 1, KG_DATE_DAY},
    {LIT("0001-01-01"), NULL, 1, 1, 1, KG_DATE_DAY},
    {LIT("9999-12-31"), NULL, 9999, 12, 31, KG_DATE_DAY},
    {LIT("2012-02-29"), NULL, 2012, 2, 29, KG_DATE_DAY},
    {LIT("2000-02-29"), NULL, 2000, 2, 29, KG_DATE_DAY},
    {LIT("2013-04-30"), NULL, 2013, 4, 30, KG_DATE_DAY},
    BAD("2013-13", "month 13 is out of range (01-12)"),
    BAD("2013-00-05", "month 00 is out of range (01-12)"),
    BAD("2013-02-30", "day 30 is out of range: February 2013 has 28 days"),
    BAD("2013-02-29", "day 29 is out of range: February 2013 has 28 days"),
    BAD("1900-02-29", "day 29 is out of range: February 1900 has 28 days"),
    BAD("2013-04-31", "day 31 is out of range: April 2013 has 30 days"),
    BAD("2013-01-00", "day 00 is out of range: January 2013 has 31 days"),
    BAD("2013-12-32", "day 32 is out of range: December 2013 has 31 days"),
    BAD("0000", "year 0000 is out of range (0001-9999)"),
    BAD("0000-13-45", "year 0000 is out of range (0001-9999)"),
    BAD("2013-6-1", SHAPE),
    BAD("2013-06-01x", SHAPE),
    BAD("2013-06-01T00:00", SHAPE),
    BAD("2013-06-01Z", SHAPE),
    BAD(" 2013", SHAPE),
    BAD("13", SHAPE),
    BAD("12013", SHAPE),
    BAD("-2013", SHAPE),
    BAD("2013/06/01", SHAPE),
    BAD("2013-0a", SHAPE),
    BAD("2013-06-\0001", SHAPE),
    BAD("\xD9\xA2\xD9\xA0", SHAPE),
    BAD("", SHAPE),
#undef BAD
#undef SHAPE
};

static void test_date_parse(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(date_cases); i++) {
    char buf[96];
    kg_date d = {-1, -1, -1, KG_DATE_DAY};
    const char *err =
        kg_date_parse(date_cases[i].s, date_cases[i].len, &d, buf, sizeof buf);
    check_str("date", i, err, date_cases[i].err);
    if (err) {
      if (err != buf)
        fail_msg("date row %zu: message not in buf", i);
      if (d.precision != KG_DATE_NONE)
        fail_msg("date row %zu: out set", i);
      continue;
    }
    if (d.year != date_cases[i].y || d.month != date_cases[i].m ||
        d.day != date_cases[i].d || d.precision != date_cases[i].p)
      fail_msg("date row %zu: got %d-%d-%d/%d", i, d.year, d.month, d.day,
               (int)d.precision);
  }
}

static void test_date_parse_no_buffer(void **state)
{
  kg_date d;
  (void)state;
  assert_string_equal(kg_date_parse(LIT("2013-13"), &d, NULL, 0),
                      "invalid date");
  assert_null(kg_date_parse(LIT("2013-12"), NULL, NULL, 0));
  /* Bounded by len: the stray 'x' past the end is not part of the value. */
  assert_null(kg_date_parse("2013-12x", 7, &d, NULL, 0));
}

static kg_date date_of(const char *s)
{
  kg_date d;
  char buf[96];
  const char *err = kg_date_parse(s, strlen(s), &d, buf, sizeof buf);
  if (err)
    fail_msg("bad fixture date %s: %s", s, err);
  return d;
}

static const struct {
  const char *date, *first, *last;
} span_cases[] = {
    {"2013", "2013-01-01", "2013-12-31"},
    {"2012-02", "2012-02-01", "2012-02-29"},
    {"2013-02", "2013-02-01", "2013-02-28"},
    {"1900-02", "1900-02-01", "1900-02-28"},
    {"2000-02", "2000-02-01", "2000-02-29"},
    {"2013-04", "2013-04-01", "2013-04-30"},
    {"2013-06-15", "2013-06-15", "2013-06-15"},
    {"0001", "0001-01-01", "0001-12-31"},
};

static void test_date_span(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(span_cases); i++) {
    kg_date d = date_of(span_cases[i].date);
    char out[11];
    kg_date_first_day(&d, out);
    check_str("first day", i, out, span_cases[i].first);
    kg_date_last_day(&d, out);
    check_str("last day", i, out, span_cases[i].last);
  }
}

static void test_date_span_corrupt(void **state)
{
  /* A hand-made kg_date out of range must not overflow the 11 bytes. */
  kg_date d = {123456, 77, 99, KG_DATE_DAY};
  kg_date none = {0, 0, 0, KG_DATE_NONE};
  char out[11];
  (void)state;
  kg_date_first_day(&d, out);
  assert_string_equal(out, "9999-77-99");
  kg_date_last_day(&none, out);
  assert_string_equal(out, "0000-00-00");
}

static const struct {
  const char *a, *b;
  int cmp; /* kg_date_compare_earliest(a, b) */
  bool a_ends_before_b;
} order_cases[] = {
    {"2013", "2014", -1, true},
    {"2014", "2013", 1, false},
    {"2013", "2013", 0, false},
    {"2013", "2013-01-01", 0, false},
    {"2013", "2013-06", -1, false}, /* end may be any day of 2013 */
    {"2013-06", "2013", 1, false},
    {"2013-05", "2013-06", -1, true},
    {"2013-05-31", "2013-06", -1, true},
    {"2013-06-01", "2013-06", 0, false},
    {"2013-06", "2013-06-30", -1, false},
    {"2013-06-30", "2013-07-01", -1, true},
    {"2013-07-01", "2013-06-30", 1, false},
    {"2012-12-31", "2013", -1, true},
    {"2013-12-31", "2013", 1, false},
};

static void test_date_order(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(order_cases); i++) {
    kg_date a = date_of(order_cases[i].a), b = date_of(order_cases[i].b);
    int cmp = kg_date_compare_earliest(&a, &b);
    if (cmp != order_cases[i].cmp)
      fail_msg("order row %zu: compare %d, want %d", i, cmp,
               order_cases[i].cmp);
    if (kg_date_compare_earliest(&b, &a) != -cmp)
      fail_msg("order row %zu: compare not antisymmetric", i);
    if (kg_date_ends_before_start(&a, &b) != order_cases[i].a_ends_before_b)
      fail_msg("order row %zu: ends_before_start want %d", i,
               order_cases[i].a_ends_before_b);
  }
}

static void test_date_order_none(void **state)
{
  kg_date none = {0, 0, 0, KG_DATE_NONE};
  kg_date d = date_of("2013");
  (void)state;
  assert_false(kg_date_ends_before_start(&none, &d));
  assert_false(kg_date_ends_before_start(&d, &none));
}

static const struct {
  int y, m, days;
} dim_cases[] = {
    {2013, 1, 31},  {2013, 2, 28},  {2012, 2, 29}, {1900, 2, 28}, {2000, 2, 29},
    {2100, 2, 28},  {2400, 2, 29},  {2013, 4, 30}, {2013, 6, 30}, {2013, 9, 30},
    {2013, 11, 30}, {2013, 12, 31}, {2013, 0, 0},  {2013, 13, 0}, {2013, -1, 0},
};

static void test_days_in_month(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(dim_cases); i++) {
    int got = kg_days_in_month(dim_cases[i].y, dim_cases[i].m);
    if (got != dim_cases[i].days)
      fail_msg("dim row %zu: %d-%d has %d, want %d", i, dim_cases[i].y,
               dim_cases[i].m, got, dim_cases[i].days);
  }
}

/* ---- numerals --------------------------------------------------------- */

typedef const char *(*canon_fn)(const char *, size_t, char *);

static const struct {
  canon_fn fn;
  const char *name;
  const char *s;
  size_t len;
  const char *canon; /* NULL: invalid */
} numeral_cases[] = {
    {kg_integer_canon, "integer", LIT("0"), "0"},
    {kg_integer_canon, "integer", LIT("42"), "42"},
    {kg_integer_canon, "integer", LIT("007"), "7"},
    {kg_integer_canon, "integer", LIT("-0"), "0"},
    {kg_integer_canon, "integer", LIT("+0"), "0"},
    {kg_integer_canon, "integer", LIT("-000"), "0"},
    {kg_integer_canon, "integer", LIT("+5"), "5"},
    {kg_integer_canon, "integer", LIT("-12"), "-12"},
    {kg_integer_canon, "integer", LIT("-0012"), "-12"},
    {kg_integer_canon, "integer", LIT("123456789012345678901234567890"),
     "123456789012345678901234567890"},
    {kg_integer_canon, "integer", LIT("1_000"), NULL},
    {kg_integer_canon, "integer", LIT("1,000"), NULL},
    {kg_integer_canon, "integer", LIT("1.0"), NULL},
    {kg_integer_canon, "integer", LIT("1e3"), NULL},
    {kg_integer_canon, "integer", LIT("0x10"), NULL},
    {kg_integer_canon, "integer", LIT(" 1"), NULL},
    {kg_integer_canon, "integer", LIT("1 "), NULL},
    {kg_integer_canon, "integer", LIT("+"), NULL},
    {kg_integer_canon, "integer", LIT("-"), NULL},
    {kg_integer_canon, "integer", LIT("--1"), NULL},
    {kg_integer_canon, "integer", LIT(""), NULL},
    {kg_integer_canon, "integer", LIT("1\0"), NULL},
    {kg_decimal_canon, "decimal", LIT("1"), "1.0"},
    {kg_decimal_canon, "decimal", LIT("01.50"), "1.5"},
    {kg_decimal_canon, "decimal", LIT("-0.0"), "0.0"},
    {kg_decimal_canon, "decimal", LIT("-.0"), "0.0"},
    {kg_decimal_canon, "decimal", LIT("-0"), "0.0"},
    {kg_decimal_canon, "decimal", LIT(".5"), "0.5"},
    {kg_decimal_canon, "decimal", LIT("-.5"), "-0.5"},
    {kg_decimal_canon, "decimal", LIT("+.5"), "0.5"},
    {kg_decimal_canon, "decimal", LIT("1."), "1.0"},
    {kg_decimal_canon, "decimal", LIT("0"), "0.0"},
    {kg_decimal_canon, "decimal", LIT("000.000"), "0.0"},
    {kg_decimal_canon, "decimal", LIT("-1"), "-1.0"},
    {kg_decimal_canon, "decimal", LIT("+12.340"), "12.34"},
    {kg_decimal_canon, "decimal", LIT("-0.001"), "-0.001"},
    {kg_decimal_canon, "decimal", LIT("100"), "100.0"},
    {kg_decimal_canon, "decimal", LIT("1e3"), NULL},
    {kg_decimal_canon, "decimal", LIT("1.5E2"), NULL},
    {kg_decimal_canon, "decimal", LIT("NaN"), NULL},
    {kg_decimal_canon, "decimal", LIT("INF"), NULL},
    {kg_decimal_canon, "decimal", LIT("."), NULL},
    {kg_decimal_canon, "decimal", LIT("-."), NULL},
    {kg_decimal_canon, "decimal", LIT("1.2.3"), NULL},
    {kg_decimal_canon, "decimal", LIT("1,5"), NULL},
    {kg_decimal_canon, "decimal", LIT(""), NULL},
    {kg_decimal_canon, "decimal", LIT("+"), NULL},
    {kg_decimal_canon, "decimal", LIT("1.5 "), NULL},
    {kg_boolean_canon, "boolean", LIT("true"), "true"},
    {kg_boolean_canon, "boolean", LIT("false"), "false"},
    {kg_boolean_canon, "boolean", LIT("True"), NULL},
    {kg_boolean_canon, "boolean", LIT("FALSE"), NULL},
    {kg_boolean_canon, "boolean", LIT("yes"), NULL},
    {kg_boolean_canon, "boolean", LIT("no"), NULL},
    {kg_boolean_canon, "boolean", LIT("on"), NULL},
    {kg_boolean_canon, "boolean", LIT("off"), NULL},
    {kg_boolean_canon, "boolean", LIT("y"), NULL},
    {kg_boolean_canon, "boolean", LIT("n"), NULL},
    {kg_boolean_canon, "boolean", LIT("1"), NULL},
    {kg_boolean_canon, "boolean", LIT("0"), NULL},
    {kg_boolean_canon, "boolean", LIT("tru"), NULL},
    {kg_boolean_canon, "boolean", LIT("true "), NULL},
    {kg_boolean_canon, "boolean", LIT(""), NULL},
};

static void test_numerals(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(numeral_cases); i++) {
    /* The header promises out has len + 3 bytes; the byte just after
     * them must be left alone. */
    char out[64];
    size_t room = numeral_cases[i].len + 3;
    memset(out, '#', sizeof out);
    const char *err =
        numeral_cases[i].fn(numeral_cases[i].s, numeral_cases[i].len, out);
    if (out[room] != '#')
      fail_msg("%s row %zu: overran out", "numeral", i);
    if (numeral_cases[i].canon == NULL) {
      if (err == NULL)
        fail_msg("%s row %zu (%s): accepted as %s", numeral_cases[i].name, i,
                 numeral_cases[i].s, out);
      continue;
    }
    if (err != NULL)
      fail_msg("%s row %zu (%s): %s", numeral_cases[i].name, i,
               numeral_cases[i].s, err);
    check_str(numeral_cases[i].name, i, out, numeral_cases[i].canon);
  }
}

static void test_numeral_messages(void **state)
{
  char out[16];
  (void)state;
  assert_string_equal(kg_boolean_canon(LIT("yes"), out),
                      "expected true or false");
  assert_string_equal(kg_boolean_canon(LIT("True"), out),
                      "expected true or false");
  assert_non_null(strstr(kg_integer_canon(LIT("1_000"), out), "integer"));
  assert_non_null(strstr(kg_decimal_canon(LIT("1e3"), out), "decimal"));
}

/* ---- edit distance and kg_nearest ------------------------------------- */

static const struct {
  const char *a, *b;
  size_t limit, want;
} edit_cases[] = {
    {"", "", 3, 0},
    {"abc", "abc", 0, 0},
    {"", "abc", 3, 3},
    {"abc", "", 2, 3}, /* gave up: limit + 1 */
    {"kitten", "sitting", 5, 3},
    {"kitten", "sitting", 2, 3}, /* gave up: limit + 1 */
    {"sitting", "kitten", 3, 3},
    {"flaw", "lawn", 5, 2},
    {"cyber-cordinator", "cyber-coordinator", 5, 1},
    {"cyber-cordinator", "mofa", 5, 6},
    {"zzz", "mofa", 1, 2},
    {"abc", "acb", 5, 1}, /* adjacent swap */
    {"ca", "abc", 5, 3},  /* OSA, not full Damerau */
    {"abcdef", "azcdef", 1, 1},
    {"a", "b", 0, 1},
    {"ab", "ba", (size_t)-1, 1}, /* no overflow with the largest limit */
    {"abc", "xyz", (size_t)-1, 3},
};

static void test_edit_distance(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(edit_cases); i++) {
    const char *a = edit_cases[i].a, *b = edit_cases[i].b;
    size_t d =
        kg_edit_distance(a, strlen(a), b, strlen(b), edit_cases[i].limit);
    if (d != edit_cases[i].want)
      fail_msg("edit row %zu (%s, %s): got %zu, want %zu", i, a, b, d,
               edit_cases[i].want);
  }
}

static void test_edit_distance_long(void **state)
{
  static char a[1000], b[1000];
  (void)state;
  memset(a, 'x', sizeof a);
  memset(b, 'x', sizeof b);
  /* Long but nearly equal: the common prefix and suffix are stripped. */
  b[500] = 'y';
  assert_int_equal(kg_edit_distance(a, sizeof a, b, sizeof b, 3), 1);
  assert_int_equal(kg_edit_distance(a, sizeof a, b, sizeof b, 0), 1);
  /* Long and different throughout: too big for the stack row, give up. */
  memset(b, 'y', sizeof b);
  assert_int_equal(kg_edit_distance(a, sizeof a, b, sizeof b, 3), 4);
  /* Lengths alone already exceed the limit. */
  assert_int_equal(kg_edit_distance(a, sizeof a, b, 10, 3), 4);
  /* Bounded by len: bytes past it are not compared. */
  assert_int_equal(kg_edit_distance("abX", 2, "abY", 2, 3), 0);
}

static const char *const keys[] = {
    "cyber-coordinator", "mofa", "name", "rank", "ranks", NULL, "source"};

static const struct {
  const char *word;
  const char *want; /* NULL: no suggestion */
} nearest_cases[] = {
    {"cyber-cordinator", "cyber-coordinator"},
    {"zzz", NULL},
    {"nmae", "name"}, /* a swap of two adjacent letters costs 1 */
    {"nme", "name"},
    {"sorce", "source"},
    {"mofa", "mofa"},
    {"rnk", "rank"},
    {"rankz", "rank"}, /* rank and ranks both at 1: rank sorts first */
    {"", NULL},
    {"completely-unrelated", NULL},
};

static void test_nearest(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ELEMS(nearest_cases); i++) {
    const char *w = nearest_cases[i].word;
    const char *got = kg_nearest(w, strlen(w), keys, N_ELEMS(keys));
    check_str("nearest", i, got, nearest_cases[i].want);
  }
  assert_null(kg_nearest("name", 4, keys, 0));
}

static void test_nearest_tie_order(void **state)
{
  /* The answer must not depend on the order of the candidates. */
  static const char *const fwd[] = {"ab", "ac"};
  static const char *const rev[] = {"ac", "ab"};
  (void)state;
  assert_string_equal(kg_nearest("aa", 2, fwd, 2), "ab");
  assert_string_equal(kg_nearest("aa", 2, rev, 2), "ab");
}

/* The scan skips printable ASCII eight bytes at a time: any one byte, at
 * any place in a run of printable text, must be found exactly as it is on
 * its own.  Bytes >= 0x80 alone are bad UTF-8 (a stray continuation or a
 * cut-short sequence), reported at their own offset. */
static void test_text_check_word_at_a_time(void **state)
{
  (void)state;
  for (unsigned byte = 0; byte < 256; ++byte) {
    char alone[1] = {(char)byte};
    size_t alone_at = 99;
    kg_text_problem want = kg_text_check(alone, 1, &alone_at);
    for (size_t at = 0; at < 20; ++at) {
      char run[20];
      memset(run, 'a' + (int)(at % 26), sizeof run);
      run[at] = (char)byte;
      size_t off = 99;
      kg_text_problem got = kg_text_check(run, sizeof run, &off);
      if (got != want || (want != KG_TEXT_OK && off != at))
        fail_msg("byte 0x%02X at %zu: got %s at %zu, want %s", byte, at,
                 kg_text_problem_str(got), off, kg_text_problem_str(want));
    }
  }
}

/* The eight-byte skip also passes LF and TAB, each byte judged alone:
 * every pair of bytes, at every place in a run of lines (indentation,
 * LF, TAB), must be found exactly as the pair is on its own (too short
 * for the skip).  A byte next to LF or TAB (VT 0x0B, BS 0x08, 0x0A's
 * neighbours) is where a borrowing bit trick would go wrong. */
static void test_text_check_lines_at_a_time(void **state)
{
  static const char line[] = "  - id: a\n\tb: c\n";
  (void)state;
  for (unsigned pair = 0; pair < 65536; ++pair) {
    char alone[2] = {(char)(pair >> 8), (char)(pair & 0xFF)};
    size_t alone_at = 99;
    kg_text_problem want = kg_text_check(alone, 2, &alone_at);
    for (size_t at = 0; at + 2 <= 24; at += 3) {
      char run[24];
      for (size_t i = 0; i < sizeof run; ++i)
        run[i] = line[i % (sizeof line - 1)];
      memcpy(run + at, alone, 2);
      size_t off = 99;
      kg_text_problem got = kg_text_check(run, sizeof run, &off);
      if (got != want || (want != KG_TEXT_OK && off != at + alone_at))
        fail_msg("bytes 0x%04X at %zu: got %s at %zu, want %s at %zu", pair, at,
                 kg_text_problem_str(got), off, kg_text_problem_str(want),
                 at + alone_at);
    }
  }
}

/* UTF-8 stepping, one helper for every module: a continuation byte is
 * never a character's first; counting and cutting agree (an invalid byte
 * is one character), and a cut never splits a character. */
static void test_utf8_stepping(void **state)
{
  (void)state;
  static const char s[] = "a\xc3\xa9\xf0\x9f\x99\x82\xff"
                          "b";
  size_t len = sizeof s - 1;
  assert_false(kg_utf8_continuation('a'));
  assert_false(kg_utf8_continuation('\xc3'));
  assert_true(kg_utf8_continuation('\xa9'));
  assert_false(kg_utf8_continuation('\xff'));
  assert_int_equal(kg_utf8_chars(s, len), 5);
  static const size_t cut[] = {0, 1, 3, 7, 8, 9, 9};
  for (size_t chars = 0; chars < sizeof cut / sizeof *cut; ++chars) {
    size_t n = kg_utf8_prefix(s, len, chars);
    assert_int_equal(n, cut[chars]);
    assert_int_equal(kg_utf8_chars(s, n), chars < 5 ? chars : 5);
    assert_true(n == len || !kg_utf8_continuation(s[n]));
  }
  assert_int_equal(kg_utf8_prefix("", 0, 3), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_stepping),
      cmocka_unit_test(test_text_check),
      cmocka_unit_test(test_text_check_word_at_a_time),
      cmocka_unit_test(test_text_check_lines_at_a_time),
      cmocka_unit_test(test_text_noncharacters),
      cmocka_unit_test(test_text_find_unicode_break),
      cmocka_unit_test(test_text_bounded_and_null_offset),
      cmocka_unit_test(test_text_problem_str),
      cmocka_unit_test(test_id_check),
      cmocka_unit_test(test_id_length),
      cmocka_unit_test(test_id_small_or_no_buffer),
      cmocka_unit_test(test_iri_valid),
      cmocka_unit_test(test_web_address),
      cmocka_unit_test(test_langtag),
      cmocka_unit_test(test_date_parse),
      cmocka_unit_test(test_date_parse_no_buffer),
      cmocka_unit_test(test_date_span),
      cmocka_unit_test(test_date_span_corrupt),
      cmocka_unit_test(test_date_order),
      cmocka_unit_test(test_date_order_none),
      cmocka_unit_test(test_days_in_month),
      cmocka_unit_test(test_numerals),
      cmocka_unit_test(test_numeral_messages),
      cmocka_unit_test(test_edit_distance),
      cmocka_unit_test(test_edit_distance_long),
      cmocka_unit_test(test_nearest),
      cmocka_unit_test(test_nearest_tie_order),
  };
  return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
