/* rpc.c - JSON-RPC framing and JSON reading with jansson (see rpc.h). */
#include "rpc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A header line longer than this is not a header an LSP client sends. */
enum { MAX_HEADER_LINE = 1024 };

struct kg_rpc_value {
  json_t *json;
};

/* Reads one header line (without its CR LF) into buf; false at EOF.  An
 * overlong line is consumed and comes back truncated. */
static bool read_line(FILE *in, char *buf, size_t size, bool *overlong)
{
  size_t n = 0;
  int c;
  *overlong = false;
  while ((c = getc(in)) != EOF && c != '\n') {
    if (n + 1 < size)
      buf[n++] = (char)c;
    else
      *overlong = true;
  }
  if (c == EOF)
    return false;
  if (n && buf[n - 1] == '\r')
    --n;
  buf[n] = '\0';
  return true;
}

/* "Content-Length: 123" (case-insensitive name): the length, or -1 for
 * another header, -2 for a Content-Length that is not a number. */
static long long content_length(const char *line)
{
  static const char name[] = "content-length:";
  if (strncasecmp(line, name, sizeof name - 1))
    return -1;
  const char *p = line + sizeof name - 1;
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

/* Reads the headers up to the empty line: *length is the Content-Length
 * (-1 if none or malformed).  False at EOF. */
static bool read_headers(FILE *in, long long *length)
{
  char line[MAX_HEADER_LINE];
  bool overlong, any = false;
  *length = -1;
  for (;;) {
    if (!read_line(in, line, sizeof line, &overlong))
      return false;
    if (!*line && !overlong) {
      if (any)
        return true;
      continue; /* blank lines between messages are tolerated */
    }
    any = true;
    long long n = overlong ? -2 : content_length(line);
    if (n != -1)
      *length = n < 0 ? -1 : n;
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
