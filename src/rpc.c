/* rpc.c - JSON-RPC framing and JSON reading with jansson (see rpc.h). */
#include "rpc.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A header line longer than this is not a header an LSP client sends. */
enum { MAX_HEADER_LINE = 1024 };

struct kg_rpc_value {
  json_t *json;
};

/* The header that frames every message.  It is looked for anywhere in a
 * line, case-insensitively: met in the middle of a line, it is where the
 * next frame starts after the stream lost a frame boundary (a wrong
 * Content-Length leaves the rest of a body, or reads into the next
 * header), and reading resumes there, as clangd does. */
static const char length_name[] = "content-length:";
enum { LENGTH_NAME = sizeof length_name - 1 };

/* What a line of the header part is. */
typedef enum {
  LINE_EOF,    /* the stream ended (inside the line or before it) */
  LINE_BLANK,  /* the end of a header block */
  LINE_HEADER, /* name: value */
  LINE_RESYNC, /* a Content-Length header found in the middle of a line:
                  the buffer holds it and the rest of the line */
  LINE_JUNK,   /* anything else: a body the framing lost */
} line_kind;

/* RFC 7230's tchar: what a header name is made of. */
static bool is_token_char(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static line_kind classify(const char *buf, size_t n, bool overlong)
{
  if (!n && !overlong)
    return LINE_BLANK;
  size_t i = 0;
  while (i < n && is_token_char((unsigned char)buf[i]))
    ++i;
  return i > 0 && i < n && buf[i] == ':' ? LINE_HEADER : LINE_JUNK;
}

/* Reads one line (without its CR LF) into buf.  A line longer than buf is
 * consumed whole and comes back truncated, *overlong set. */
static line_kind read_line(FILE *in, char *buf, size_t size, bool *overlong)
{
  size_t n = 0, at = 0, matched = 0; /* at: bytes of the line read */
  bool resync = false;
  int c;
  *overlong = false;
  while ((c = getc(in)) != EOF && c != '\n') {
    if (n + 1 < size)
      buf[n++] = (char)c;
    else
      *overlong = true;
    ++at;
    /* No proper prefix of the name recurs in it, so a mismatch restarts
     * the match at this byte. */
    if (tolower(c) != length_name[matched])
      matched = tolower(c) == length_name[0];
    else if (++matched == LENGTH_NAME) {
      if (at > LENGTH_NAME) { /* mid-line: a new frame starts here */
        memcpy(buf, "Content-Length:", LENGTH_NAME);
        n = LENGTH_NAME;
        *overlong = false;
        resync = true;
      }
      matched = 0;
    }
  }
  if (c == EOF)
    return LINE_EOF;
  if (n && buf[n - 1] == '\r' && !*overlong)
    --n;
  buf[n] = '\0';
  return resync ? LINE_RESYNC : classify(buf, n, *overlong);
}

/* "Content-Length: 123" (case-insensitive name): the length, or -1 for
 * another header, -2 for a Content-Length that is not a number. */
static long long content_length(const char *line)
{
  if (strncasecmp(line, length_name, LENGTH_NAME))
    return -1;
  const char *p = line + LENGTH_NAME;
  while (*p == ' ' || *p == '\t')
    ++p;
  if (*p < '0' || *p > '9')
    return -2;
  long long n = 0;
  for (; *p >= '0' && *p <= '9'; ++p) {
    if (n > (1LL << 50))
      return -2;
    n = n * 10 + (*p - '0');
  }
  while (*p == ' ' || *p == '\t')
    ++p;
  return *p ? -2 : n;
}

/* Drops n bytes; false when the stream ends first. */
static bool skip(FILE *in, long long n)
{
  char buf[4096];
  while (n > 0) {
    size_t want = n < (long long)sizeof buf ? (size_t)n : sizeof buf;
    size_t got = fread(buf, 1, want, in);
    if (got == 0)
      return false;
    n -= (long long)got;
  }
  return true;
}

/* Takes one header line into a frame's *length: -1 until a Content-Length
 * is read, -2 once the frame cannot be trusted (a Content-Length that is
 * negative, not a number, too long, or given twice with two values: which
 * one frames the body is anybody's guess, as RFC 7230 3.3.2 says). */
static void take_header(const char *line, bool overlong, long long *length)
{
  long long n = content_length(line);
  if (n == -1 && !overlong)
    return; /* another header (Content-Type): not ours to judge */
  if (overlong || n < 0 || (*length >= 0 && *length != n))
    *length = -2;
  else if (*length == -1)
    *length = n;
}

/* Reads a header block: *length is its Content-Length, or negative when
 * there is none that can be trusted.  Lines before the block that are not
 * headers are the rest of a message the framing lost, and are skipped; a
 * line that is not a header inside the block ends it as untrusted.  False
 * at EOF. */
static bool read_headers(FILE *in, long long *length)
{
  char line[MAX_HEADER_LINE];
  bool overlong, any = false;
  *length = -1;
  for (;;) {
    switch (read_line(in, line, sizeof line, &overlong)) {
    case LINE_EOF: return false;
    case LINE_BLANK: /* blank lines between messages are tolerated */
      if (any)
        return true;
      break;
    case LINE_JUNK:
      if (!any)
        break;
      *length = -2;
      return true;
    case LINE_RESYNC: /* a new frame: what came before is lost */
      *length = -1;
      /* fall through */
    case LINE_HEADER:
      any = true;
      take_header(line, overlong, length);
      break;
    }
  }
}

kg_status kg_rpc_read(FILE *in, size_t cap, kg_rpc_read_result *result,
                      char **body, size_t *len)
{
  long long length;
  *body = NULL;
  *len = 0;
  *result = KG_RPC_EOF;
  if (!read_headers(in, &length))
    return KG_OK;
  if (length < 0) {
    *result = KG_RPC_BAD_HEADER;
    return KG_OK;
  }
  if ((unsigned long long)length > cap) {
    *result = skip(in, length) ? KG_RPC_TOO_LARGE : KG_RPC_EOF;
    *len = (size_t)length;
    return KG_OK;
  }
  char *text = kg_malloc((size_t)length + 1);
  if (!text)
    return KG_ERR_NOMEM;
  if (fread(text, 1, (size_t)length, in) != (size_t)length) {
    kg_free(text);
    return KG_OK; /* the peer left in the middle of a message */
  }
  text[length] = '\0';
  *body = text;
  *len = (size_t)length;
  *result = KG_RPC_MESSAGE;
  return KG_OK;
}

kg_status kg_rpc_write(FILE *out, const char *body, size_t len)
{
  if (fprintf(out, "Content-Length: %zu\r\n\r\n", len) < 0 ||
      fwrite(body, 1, len, out) != len || fflush(out) != 0)
    return KG_ERR_IO;
  return KG_OK;
}

/* The value of 4 hex digits at p, or -1. */
static long hex4(const char *p, const char *end)
{
  long v = 0;
  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; ++i) {
    int c = tolower((unsigned char)p[i]);
    if (!isxdigit(c))
      return -1;
    v = v * 16 + (isdigit(c) ? c - '0' : c - 'a' + 10);
  }
  return v;
}

/* How many bytes a \u escape at p (after the "\u") decodes to in UTF-8,
 * and how many bytes of text it spans (*span: 4, or 10 for a pair); *lone
 * when it is half of a pair alone. */
static size_t escape_bytes(const char *p, const char *end, size_t *span,
                           bool *lone)
{
  long u = hex4(p, end);
  *span = 4;
  *lone = false;
  if (u < 0) {
    *span = 0; /* not JSON (the reader will say so): step over "\u" */
    return 0;
  }
  if (u < 0xD800 || u > 0xDFFF)
    return u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
  long low = u <= 0xDBFF && end - p >= 10 && p[4] == '\\' && p[5] == 'u'
                 ? hex4(p + 6, end)
                 : -1;
  if (low >= 0xDC00 && low <= 0xDFFF) {
    *span = 10;
    return 4;
  }
  *lone = true;
  return 3; /* as U+FFFD */
}

size_t kg_rpc_mend_surrogates(char *text, size_t len, kg_rpc_mended *mended,
                              size_t max)
{
  const char *end = text + len;
  size_t count = 0, first = 0; /* first: of this string's records */
  size_t decoded = 0;
  bool in_string = false;
  for (char *p = text; p < end; ++p) {
    if (!in_string) {
      in_string = *p == '"';
      decoded = 0;
      first = count < max ? count : max;
      continue;
    }
    if (*p == '"') { /* the string's length is known at its end */
      for (size_t i = first; i < count && i < max; ++i)
        mended[i].string_len = decoded;
      in_string = false;
    } else if (*p != '\\' || p + 1 >= end) {
      ++decoded;
    } else if (p[1] != 'u') {
      ++p, ++decoded; /* \n, \", \\ ...: one byte each */
    } else {
      size_t span;
      bool lone;
      decoded += escape_bytes(p + 2, end, &span, &lone);
      if (lone) {
        if (count < max)
          mended[count] =
              (kg_rpc_mended){0, decoded - 3, (unsigned)hex4(p + 2, end)};
        ++count;
        memcpy(p + 2, "fffd", 4);
      }
      p += 1 + span;
    }
  }
  /* A string the text cuts short (JSON the reader will refuse) still
   * gives its records a length that holds them. */
  for (size_t i = first; in_string && i < count && i < max; ++i)
    mended[i].string_len = decoded;
  return count;
}

kg_rpc_value *kg_rpc_parse(const char *text, size_t len, bool *nomem)
{
  json_error_t error;
  *nomem = false;
  kg_rpc_value *v = kg_malloc(sizeof *v);
  if (!v) {
    *nomem = true;
    return NULL;
  }
  /* JSON_ALLOW_NUL: a fact file's text may hold "\u0000", which the
   * loader then reports, as it would on disk. */
  v->json = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &error);
  if (!v->json) {
    *nomem = json_error_code(&error) == json_error_out_of_memory;
    kg_free(v);
    return NULL;
  }
  return v;
}

void kg_rpc_value_free(kg_rpc_value *v)
{
  if (!v)
    return;
  json_decref(v->json);
  kg_free(v);
}

/* One step of a path: a member of an object, or an item of an array. */
static json_t *step(json_t *at, const char *name, size_t len)
{
  char key[128];
  if (len >= sizeof key)
    return NULL;
  memcpy(key, name, len);
  key[len] = '\0';
  if (json_is_object(at))
    return json_object_get(at, key);
  if (!json_is_array(at))
    return NULL;
  size_t count = json_array_size(at);
  if (!strcmp(key, "-1"))
    return count ? json_array_get(at, count - 1) : NULL;
  char *end;
  unsigned long i = strtoul(key, &end, 10);
  return *key && !*end ? json_array_get(at, i) : NULL;
}

static json_t *find(const kg_rpc_value *v, const char *path)
{
  if (!v)
    return NULL;
  json_t *at = v->json;
  while (at && *path) {
    size_t len = strcspn(path, ".");
    at = step(at, path, len);
    path += len;
    if (*path == '.')
      ++path;
  }
  return at;
}

const char *kg_rpc_str(const kg_rpc_value *v, const char *path)
{
  json_t *j = find(v, path);
  return json_is_string(j) ? json_string_value(j) : NULL;
}

size_t kg_rpc_strlen(const kg_rpc_value *v, const char *path)
{
  json_t *j = find(v, path);
  return json_is_string(j) ? json_string_length(j) : 0;
}

bool kg_rpc_int(const kg_rpc_value *v, const char *path, long long *out)
{
  json_t *j = find(v, path);
  if (!json_is_integer(j))
    return false;
  *out = json_integer_value(j);
  return true;
}

bool kg_rpc_bool(const kg_rpc_value *v, const char *path, bool *out)
{
  json_t *j = find(v, path);
  if (!json_is_boolean(j))
    return false;
  *out = json_is_true(j);
  return true;
}

bool kg_rpc_has(const kg_rpc_value *v, const char *path)
{
  return find(v, path) != NULL;
}

bool kg_rpc_is_id(const kg_rpc_value *v, const char *path)
{
  json_t *j = find(v, path);
  return json_is_string(j) || json_is_number(j) || json_is_null(j);
}

bool kg_rpc_is_object(const kg_rpc_value *v, const char *path)
{
  return json_is_object(find(v, path));
}

char *kg_rpc_dump(const kg_rpc_value *v, const char *path)
{
  json_t *j = find(v, path);
  if (!j)
    return NULL;
  char *text = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
  if (!text)
    return NULL;
  size_t n = strlen(text);
  char *copy = kg_malloc(n + 1);
  if (copy)
    memcpy(copy, text, n + 1);
  free(text);
  return copy;
}

/* ---- JSON documents, walked ---------------------------------------------- */

/* kg_json is never defined: a kg_json pointer is jansson's json_t. */
static const json_t *J(const kg_json *j)
{
  return (const json_t *)j;
}

kg_rpc_value *kg_json_parse(const char *text, size_t len, kg_json_error *err)
{
  json_error_t error;
  *err = (kg_json_error){0};
  kg_rpc_value *v = kg_malloc(sizeof *v);
  if (!v) {
    err->nomem = true;
    snprintf(err->text, sizeof err->text, "out of memory");
    return NULL;
  }
  /* Two members of one name would leave one of them unread: refuse. */
  v->json =
      json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &error);
  if (!v->json) {
    err->nomem = json_error_code(&error) == json_error_out_of_memory;
    err->line = error.line > 0 ? error.line : 0;
    err->column = error.column > 0 ? error.column : 0;
    err->offset = error.position > 0 ? (size_t)error.position : 0;
    snprintf(err->text, sizeof err->text, "%s", error.text);
    kg_free(v);
    return NULL;
  }
  return v;
}

const kg_json *kg_json_root(const kg_rpc_value *v)
{
  return v ? (const kg_json *)v->json : NULL;
}

kg_json_kind kg_json_kind_of(const kg_json *j)
{
  switch (j ? json_typeof(J(j)) : JSON_NULL) {
  case JSON_OBJECT: return KG_JSON_OBJECT;
  case JSON_ARRAY: return KG_JSON_ARRAY;
  case JSON_STRING: return KG_JSON_STRING;
  case JSON_INTEGER:
  case JSON_REAL: return KG_JSON_NUMBER;
  case JSON_TRUE:
  case JSON_FALSE: return KG_JSON_BOOL;
  default: return KG_JSON_NULL;
  }
}

const kg_json *kg_json_get(const kg_json *j, const char *key)
{
  if (!j || !json_is_object(J(j)))
    return NULL;
  return (const kg_json *)json_object_get(J(j), key);
}

const char *kg_json_str(const kg_json *j, size_t *len)
{
  if (!j || !json_is_string(J(j)))
    return NULL;
  if (len)
    *len = json_string_length(J(j));
  return json_string_value(J(j));
}

size_t kg_json_len(const kg_json *j)
{
  return j && json_is_array(J(j)) ? json_array_size(J(j)) : 0;
}

const kg_json *kg_json_at(const kg_json *j, size_t i)
{
  if (!j || !json_is_array(J(j)))
    return NULL;
  return (const kg_json *)json_array_get(J(j), i);
}

bool kg_json_int(const kg_json *j, long long *out)
{
  if (!j || !json_is_integer(J(j)))
    return false;
  *out = (long long)json_integer_value(J(j));
  return true;
}

const char *kg_json_next(const kg_json *j, void **it, const kg_json **value)
{
  if (!j || !json_is_object(J(j)))
    return NULL;
  /* jansson's iterators take a mutable object; walking does not change
   * it. */
  json_t *o = (json_t *)J(j);
  *it = *it ? json_object_iter_next(o, *it) : json_object_iter(o);
  if (!*it)
    return NULL;
  *value = (const kg_json *)json_object_iter_value(*it);
  return json_object_iter_key(*it);
}
