/* rpc.h - JSON-RPC 2.0 as the Language Server Protocol frames it: messages
 * read from a stream (Content-Length headers, a size cap), and JSON read
 * into a value that callers query by path.  The second jansson adapter
 * (json.c writes JSON; this file reads it): see docs/design-notes.md,
 * "The language server".  Responses are written by hand with json.c's
 * string writer, as every JSON kgbuild writes. */
#ifndef KG_RPC_H
#define KG_RPC_H

#include "kg.h"

#include <stdio.h>

/* The largest message body read; a larger one is skipped and answered
 * with an error.  64 MiB: the largest fact file (KG_MAX_FILE_BYTES) with
 * room for its JSON escaping would not fit in less, and no editor sends
 * more. */
#define KG_RPC_MAX_BODY (64u << 20)

/* How reading a message went. */
typedef enum {
  KG_RPC_MESSAGE,   /* *body holds the message */
  KG_RPC_EOF,       /* the stream ended between messages */
  KG_RPC_TOO_LARGE, /* a body over the cap, skipped */
  KG_RPC_BAD_HEADER /* no usable Content-Length; headers skipped */
} kg_rpc_read_result;

/* Reads one framed message.  On KG_RPC_MESSAGE *body (kg_malloc'd,
 * NUL-terminated, the caller frees) holds *len bytes.  Returns KG_ERR_NOMEM
 * or KG_OK; *result says what was read.  A stream that ends inside a
 * message is KG_RPC_EOF too: the peer is gone either way. */
kg_status kg_rpc_read(FILE *in, size_t cap, kg_rpc_read_result *result,
                      char **body, size_t *len) KG_NODISCARD;

/* Writes body with its Content-Length header and flushes: KG_ERR_IO when
 * the peer is gone. */
kg_status kg_rpc_write(FILE *out, const char *body, size_t len) KG_NODISCARD;

/* A lone UTF-16 surrogate that kg_rpc_mend_surrogates replaced. */
typedef struct {
  size_t string_len; /* the decoded length, in bytes, of the string that
                        held it (which string, for the caller to tell) */
  size_t offset;     /* its byte offset in that string, decoded */
  unsigned unit;     /* the code unit, 0xD800 to 0xDFFF */
} kg_rpc_mended;

/* JSON's \u escapes can carry what UTF-8 cannot: half of a surrogate pair
 * (\ud800 alone), which a JSON reader refuses, and with it the whole
 * message.  Replaces each lone surrogate escape in the strings of text by
 * \ufffd, in place (the same length), so that the message is taken with
 * U+FFFD (the replacement character) there; records the first `max` in
 * mended[] and returns how many there were. */
size_t kg_rpc_mend_surrogates(char *text, size_t len, kg_rpc_mended *mended,
                              size_t max);

/* A parsed JSON value (an object, for messages). */
typedef struct kg_rpc_value kg_rpc_value;

/* Parses len bytes of JSON; NULL when they are not JSON (or out of
 * memory: *nomem says which). */
kg_rpc_value *kg_rpc_parse(const char *text, size_t len,
                           bool *nomem) KG_NODISCARD;
void kg_rpc_value_free(kg_rpc_value *v);

/* Queries by a dotted path from the value: "params.textDocument.uri";
 * a numeric component indexes an array, "-1" is its last item.  NULL /
 * false when the path leads nowhere or to a value of another type. */
const char *kg_rpc_str(const kg_rpc_value *v, const char *path);
bool kg_rpc_int(const kg_rpc_value *v, const char *path, long long *out);
bool kg_rpc_bool(const kg_rpc_value *v, const char *path, bool *out);
bool kg_rpc_has(const kg_rpc_value *v, const char *path);
bool kg_rpc_is_object(const kg_rpc_value *v, const char *path);
/* Whether the value at path may be a request id: a string, a number or
 * null (JSON-RPC 2.0, section 4); false when absent. */
bool kg_rpc_is_id(const kg_rpc_value *v, const char *path);
/* The length of a string at path (strings may hold NUL). */
size_t kg_rpc_strlen(const kg_rpc_value *v, const char *path);

/* The value at path written back as compact JSON (for echoing a request's
 * id), kg_malloc'd; NULL when absent or out of memory. */
char *kg_rpc_dump(const kg_rpc_value *v, const char *path) KG_NODISCARD;

/* ---- JSON documents, walked (kgbuild import) ------------------------------
 * A whole document read strictly, for the importers (src/import*.c): no
 * duplicate member names, no "\u0000", valid UTF-8, numbers that fit,
 * nesting at most jansson's 2048 levels; what is wrong is said with its
 * line and column.  Its values are walked as borrowed kg_json pointers,
 * valid while the document lives. */
typedef struct kg_json kg_json;

typedef enum {
  KG_JSON_NULL,
  KG_JSON_BOOL,
  KG_JSON_NUMBER,
  KG_JSON_STRING,
  KG_JSON_ARRAY,
  KG_JSON_OBJECT
} kg_json_kind;

/* Why a document was refused: 1-based line and column (0 when jansson
 * gives none), the byte offset, and jansson's phrase. */
typedef struct {
  int line, column;
  size_t offset;
  bool nomem;
  char text[160];
} kg_json_error;

/* Parses len bytes (one JSON value, any kind); NULL with *err filled when
 * they are not strict JSON or memory ran out (err->nomem). */
kg_rpc_value *kg_json_parse(const char *text, size_t len,
                            kg_json_error *err) KG_NODISCARD;
const kg_json *kg_json_root(const kg_rpc_value *v);

kg_json_kind kg_json_kind_of(const kg_json *j);
/* An object's member, or NULL (also when j is not an object). */
const kg_json *kg_json_get(const kg_json *j, const char *key);
/* A string's bytes (NUL-terminated, *len set when len is not NULL), or
 * NULL when j is not a string. */
const char *kg_json_str(const kg_json *j, size_t *len);
/* An array's length (0 for anything else) and item. */
size_t kg_json_len(const kg_json *j);
const kg_json *kg_json_at(const kg_json *j, size_t i);
/* An integer's value: false when j is not an integer. */
bool kg_json_int(const kg_json *j, long long *out);
/* An object's members in the document's order: start with it = NULL;
 * returns the next member's key (and *value), NULL after the last. */
const char *kg_json_next(const kg_json *j, void **it, const kg_json **value);

#endif
