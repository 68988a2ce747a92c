/* lsp.c - the language server's message loop: JSON-RPC lifecycle
 * (initialize, shutdown, exit), the document notifications that re-check
 * the fact base, publishing diagnostics, and dispatch of the requests to
 * lsp_features.c.  Protocol errors get an error response, never a crash:
 * -32700 for what is not JSON, -32600 for what is not a request, -32601
 * for an unknown method, -32002 before `initialize`. */
#include "lsp.h"

#include "json.h"
#include "lsp_base.h"
#include "lsp_diags.h"
#include "lsp_features.h"
#include "lsp_incr.h"
#include "rpc.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef KG_VERSION
#define KG_VERSION "0.1.0"
#endif

enum {
  PARSE_ERROR = -32700,
  INVALID_REQUEST = -32600,
  METHOD_NOT_FOUND = -32601,
  INVALID_PARAMS = -32602,
  INTERNAL_ERROR = -32603,
  NOT_INITIALIZED = -32002,
};

typedef struct {
  FILE *in, *out, *log;
  const kg_diag *signals; /* whose flag SIGINT and SIGTERM set, or NULL */
  const kg_ontology *onto;
  kg_map *strings;
  char *root_hint; /* from initialize: rootUri, a workspace folder */
  bool initialized, shut_down, exited;
  bool base_open;
  unsigned jobs;        /* threads that read the base when it is opened */
  bool dirty;           /* a text changed since the last check */
  double parse_seconds; /* parsing the texts that changed since */
  kg_lsp_base base;
} server;

/* The lone surrogates reported per message; more are mended all the same. */
enum { MENDED_MAX = 32 };

/* One message being answered: its parsed body and its id as JSON. */
typedef struct {
  const kg_rpc_value *msg;
  const char *id;              /* NULL for a notification */
  const kg_rpc_mended *mended; /* lone surrogates the text held */
  size_t mended_count;         /* how many (mended[] holds MENDED_MAX) */
} request;

/* A response or notification is built in memory, then framed. */
typedef struct {
  FILE *f;
  char *text;
  size_t len;
} message;

static kg_status message_open(message *m)
{
  *m = (message){0};
  m->f = open_memstream(&m->text, &m->len);
  return m->f ? KG_OK : KG_ERR_NOMEM;
}

/* Sends what was built; KG_ERR_IO when the client is gone. */
static kg_status message_send(server *s, message *m)
{
  kg_status st = KG_OK;
  if (fclose(m->f) != 0)
    st = KG_ERR_NOMEM;
  m->f = NULL;
  if (st == KG_OK)
    st = kg_rpc_write(s->out, m->text, m->len);
  free(m->text);
  m->text = NULL;
  return st;
}

static void message_drop(message *m)
{
  if (m->f)
    fclose(m->f);
  free(m->text);
  *m = (message){0};
}

static kg_status send_error(server *s, const char *id, int code,
                            const char *text)
{
  message m;
  if (message_open(&m) != KG_OK)
    return KG_ERR_NOMEM;
  fprintf(m.f, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,",
          id ? id : "null", code);
  fputs("\"message\":", m.f);
  kg_json_string(m.f, text);
  fputs("}}", m.f);
  return message_send(s, &m);
}

/* Opens a response to r: what follows is its result. */
static kg_status result_open(const request *r, message *m)
{
  kg_status st = message_open(m);
  if (st == KG_OK)
    fprintf(m->f, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", r->id);
  return st;
}

static kg_status result_send(server *s, message *m)
{
  fputc('}', m->f);
  return message_send(s, m);
}

/* Publishes f's diagnostics: those of its loading and those of the check
 * that name it.  Files with none are told so once (clearing old ones). */
static kg_status publish_file(server *s, kg_lsp_file *f,
                              const kg_lsp_diags *check)
{
  kg_status st = KG_OK;
  message m = {0};
  size_t mine = kg_lsp_diags_count(&f->load_diags, check, f);
  if (!mine && !f->published && !f->open)
    goto out;
  TRY(message_open(&m));
  fputs("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
        "\"params\":",
        m.f);
  kg_lsp_diags_write(m.f, &s->base, f, &f->load_diags, check);
  fputc('}', m.f);
  f->published = mine > 0;
  st = message_send(s, &m);
out:
  message_drop(&m);
  return st;
}

/* Re-checks the base from the kept trees (the changed entry alone when
 * that is exact: lsp_incr.h) and publishes. */
static kg_status check_and_publish(server *s, bool whole)
{
  kg_status st = KG_OK;
  TRY(whole ? kg_lsp_base_check(&s->base) : kg_lsp_incr_check(&s->base));
  for (size_t i = 0; i < s->base.count; ++i)
    TRY(publish_file(s, s->base.files[i], &s->base.check_diags));
  if (s->log)
    fprintf(s->log,
            "kgbuild lsp: %zu files: parsed the changed in %.3f s, "
            "modelled in %.3f s, checked in %.3f s (%.3f s of CPU; %s%s%s; "
            "%zu entry checks, %zu whole, %zu differed)\n",
            s->base.count, s->parse_seconds, s->base.model_seconds,
            s->base.check_seconds - s->base.model_seconds,
            s->base.check_cpu_seconds,
            s->base.incremental ? "the changed entry" : "the whole base",
            s->base.why && !s->base.incremental ? ": " : "",
            s->base.why && !s->base.incremental ? s->base.why : "",
            s->base.entry_checks, s->base.whole_checks, s->base.differed);
  s->base.why = NULL;
  s->dirty = false;
  s->parse_seconds = 0;
out:
  return st;
}

static kg_status recheck(server *s)
{
  return check_and_publish(s, false);
}

/* The model whole again after an entry's check (the same diagnostics). */
static kg_status whole_check(server *s)
{
  if (!s->base.why)
    s->base.why = "a request that reads the model";
  return check_and_publish(s, true);
}

/* ---- the fact base --------------------------------------------------------
 */

/* The root for a file the editor opened: the fact base that holds the
 * workspace the client named; else the one that holds the file, found as
 * the command line finds it (kg_factbase_locate, as git finds its
 * repository); else the file's own directory. */
static char *find_root(const server *s, const char *path)
{
  char at[PATH_MAX];
  if (s->root_hint && kg_factbase_locate(s->root_hint, at))
    return kg_lsp_normal_path(at);
  size_t n = strlen(path);
  char *dir = kg_malloc(n + 1);
  if (!dir)
    return NULL;
  memcpy(dir, path, n + 1);
  char *slash = strrchr(dir, '/');
  if (slash)
    *(slash == dir ? slash + 1 : slash) = '\0';
  if (kg_factbase_locate(dir, at)) {
    kg_free(dir);
    return kg_lsp_normal_path(at);
  }
  return dir; /* none: the file's directory alone */
}

/* The file of a document the editor opened: the base is opened with the
 * first document; a file outside its facts/ is added to it.  `text`
 * (NULL: none) is the document's buffer, parsed with the base's files
 * when it opens the base (then *given is set), rather than read. */
static kg_status document(server *s, const char *uri, const char *text,
                          size_t len, kg_lsp_file **out, bool *given)
{
  kg_status st = KG_OK;
  char *path = kg_lsp_uri_to_path(uri), *root = NULL;
  *out = NULL;
  *given = false;
  if (!path)
    return KG_ERR_USAGE;
  if (!s->base_open) {
    if (!(root = find_root(s, path)))
      TRY(KG_ERR_NOMEM);
    st = kg_lsp_base_open(&s->base, s->onto, s->strings, root,
                          text ? path : NULL, text, len, s->jobs);
    s->base_open = true; /* even half-open: freed at the end */
    TRY(st);
    if (s->log)
      fprintf(s->log, "kgbuild lsp: %s: %zu files parsed in %.3f s\n", root,
              s->base.count, s->base.parse_seconds);
  }
  *out = kg_lsp_base_find(&s->base, uri);
  if (!*out)
    TRY(kg_lsp_base_add(&s->base, uri, out));
  *given = *out && *out == s->base.preset;
  s->base.preset = NULL;
out:
  kg_free(path);
  kg_free(root);
  return st;
}

/* ---- lifecycle and documents ----------------------------------------------
 */

static kg_status on_initialize(server *s, const request *r)
{
  static const char capabilities[] =
      "{\"capabilities\":{"
      "\"textDocumentSync\":{\"openClose\":true,\"change\":2},"
      "\"completionProvider\":{\"triggerCharacters\":[\" \",\"-\"]},"
      "\"definitionProvider\":true,\"hoverProvider\":true,"
      "\"referencesProvider\":true,\"renameProvider\":true,"
      "\"documentSymbolProvider\":true},"
      "\"serverInfo\":{\"name\":\"kgbuild\",\"version\":\"" KG_VERSION "\"}}";
  if (s->initialized)
    return send_error(s, r->id, INVALID_REQUEST, "already initialized");
  const char *uri = kg_rpc_str(r->msg, "params.rootUri");
  if (!uri)
    uri = kg_rpc_str(r->msg, "params.workspaceFolders.0.uri");
  const char *path = kg_rpc_str(r->msg, "params.rootPath");
  if (uri)
    s->root_hint = kg_lsp_uri_to_path(uri);
  else if (path) {
    size_t n = strlen(path);
    if ((s->root_hint = kg_malloc(n + 1)))
      memcpy(s->root_hint, path, n + 1);
  }
  s->initialized = true;
  message m;
  kg_status st = result_open(r, &m);
  if (st != KG_OK)
    return st;
  fputs(capabilities, m.f);
  return result_send(s, &m);
}

static kg_status on_shutdown(server *s, const request *r)
{
  message m;
  s->shut_down = true;
  kg_status st = result_open(r, &m);
  if (st != KG_OK)
    return st;
  fputs("null", m.f);
  return result_send(s, &m);
}

static kg_status on_exit_notice(server *s, const request *r)
{
  (void)r;
  s->exited = true;
  return KG_OK;
}

static kg_status on_ignored(server *s, const request *r)
{
  (void)s, (void)r;
  return KG_OK;
}

/* One lone surrogate as a diagnostic of f's loading: its line and column
 * in characters, as check says. */
static kg_status add_surrogate(kg_lsp_file *f, const kg_rpc_mended *m)
{
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < m->offset; ++i) {
    unsigned char c = (unsigned char)f->text[i];
    if (c == '\n')
      line++, column = 1;
    else if (!kg_utf8_continuation((char)c)) /* a character's first byte */
      column++;
  }
  char said[160];
  snprintf(said, sizeof said,
           "lone UTF-16 surrogate U+%04X in the editor's text, kept as "
           "U+FFFD; fact files must be UTF-8 text",
           m->unit);
  kg_lsp_diag d = {
      .file = f->name,
      .code = "encoding",
      .message = said,
      .hint = "half of a character pair reached the server: retype the "
              "character",
      .line = line,
      .column = column,
      .severity = KG_SEV_ERROR,
  };
  return kg_lsp_diags_add(&f->load_diags, &d);
}

/* Adds the lone surrogates that were mended in f's new text (of `len`
 * bytes) to its loading's diagnostics.  A record is the text's when its
 * string had the text's length and U+FFFD is where it says: the message's
 * other strings (the URI) are short and hold none in practice. */
static kg_status report_surrogates(const request *r, kg_lsp_file *f, size_t len)
{
  kg_status st = KG_OK;
  size_t n = r->mended_count < MENDED_MAX ? r->mended_count : MENDED_MAX;
  for (size_t i = 0; i < n; ++i) {
    const kg_rpc_mended *x = &r->mended[i];
    if (x->string_len == len && x->offset + 3 <= f->len &&
        !memcmp(f->text + x->offset, "\xEF\xBF\xBD", 3))
      TRY(add_surrogate(f, x));
  }
out:
  return st;
}

/* Sets a document's text from the message (didOpen's text, or didChange's
 * last full text) and re-checks. */
static kg_status take_text(server *s, const request *r, const char *path)
{
  kg_status st = KG_OK;
  kg_lsp_file *f = NULL;
  const char *uri = kg_rpc_str(r->msg, "params.textDocument.uri");
  const char *text = kg_rpc_str(r->msg, path);
  if (!uri || !text)
    return KG_OK; /* a notification has no answer, even to nonsense */
  size_t len = kg_rpc_strlen(r->msg, path);
  bool given = false;
  st = document(s, uri, text, len, &f, &given);
  if (st == KG_ERR_USAGE)
    return KG_OK; /* not a file: nothing to check */
  TRY(st);
  f->open = true;
  double start = kg_lsp_seconds(false);
  if (!given)
    TRY(kg_lsp_file_set_text(f, text, len));
  TRY(report_surrogates(r, f, kg_rpc_strlen(r->msg, path)));
  s->parse_seconds += kg_lsp_seconds(false) - start;
  s->dirty = true; /* checked once no more changes are waiting */
out:
  return st;
}

static kg_status on_did_open(server *s, const request *r)
{
  return take_text(s, r, "params.textDocument.text");
}

/* A change of a range (incremental sync) edits the kept text, and often
 * re-parses only the entry it is in (lsp_incr.h); one without a range is
 * the whole text.  Changes apply in order. */
static kg_status take_change(server *s, const request *r, size_t i)
{
  kg_status st = KG_OK;
  char path[96], at[128];
  long long v[4];
  static const char *const parts[] = {"start.line", "start.character",
                                      "end.line", "end.character"};
  kg_lsp_file *f = NULL;
  const char *uri = kg_rpc_str(r->msg, "params.textDocument.uri");
  snprintf(path, sizeof path, "params.contentChanges.%zu", i);
  snprintf(at, sizeof at, "%s.range", path);
  if (!kg_rpc_has(r->msg, at)) {
    snprintf(at, sizeof at, "%s.text", path);
    return take_text(s, r, at);
  }
  for (size_t k = 0; k < 4; ++k) {
    snprintf(at, sizeof at, "%s.range.%s", path, parts[k]);
    if (!kg_rpc_int(r->msg, at, &v[k]) || v[k] < 0 || v[k] > UINT32_MAX)
      return KG_OK; /* a notification has no answer, even to nonsense */
  }
  snprintf(at, sizeof at, "%s.text", path);
  const char *text = kg_rpc_str(r->msg, at);
  if (!uri || !text)
    return KG_OK;
  bool given = false;
  st = document(s, uri, NULL, 0, &f, &given);
  if (st == KG_ERR_USAGE)
    return KG_OK;
  TRY(st);
  f->open = true;
  double start = kg_lsp_seconds(false);
  TRY(kg_lsp_incr_edit(&s->base, f, (uint32_t)v[0], (uint32_t)v[1],
                       (uint32_t)v[2], (uint32_t)v[3], text,
                       kg_rpc_strlen(r->msg, at)));
  s->parse_seconds += kg_lsp_seconds(false) - start;
  s->dirty = true;
out:
  return st;
}

static kg_status on_did_change(server *s, const request *r)
{
  kg_status st = KG_OK;
  char path[64];
  for (size_t i = 0;; ++i) {
    snprintf(path, sizeof path, "params.contentChanges.%zu", i);
    if (!kg_rpc_is_object(r->msg, path))
      break;
    TRY(take_change(s, r, i));
  }
out:
  return st;
}

/* A closed document is the file on disk again. */
static kg_status on_did_close(server *s, const request *r)
{
  kg_status st = KG_OK;
  const char *uri = kg_rpc_str(r->msg, "params.textDocument.uri");
  kg_lsp_file *f = uri && s->base_open ? kg_lsp_base_find(&s->base, uri) : NULL;
  if (!f)
    return KG_OK;
  f->open = false;
  TRY(kg_lsp_file_reload(f));
  s->dirty = true;
out:
  return st;
}

/* ---- requests -------------------------------------------------------------
 */

/* The document and position a request is about: false (after answering
 * with an error) when it names none. */
static bool target(server *s, const request *r, kg_lsp_file **f, uint32_t *line,
                   uint32_t *character, kg_status *st)
{
  long long l = 0, c = 0;
  const char *uri = kg_rpc_str(r->msg, "params.textDocument.uri");
  /* Answer from the latest; what reads the model's positions or values
   * needs it whole (completion reads only ids, which an entry's check
   * leaves as they were). */
  const char *method = kg_rpc_str(r->msg, "method");
  bool fresh = !method || strcmp(method, "textDocument/completion");
  if ((s->dirty || (fresh && s->base.stale)) && (*st = recheck(s)) != KG_OK)
    return false;
  if (fresh && s->base.stale && (*st = whole_check(s)) != KG_OK)
    return false;
  *f = uri && s->base_open ? kg_lsp_base_find(&s->base, uri) : NULL;
  bool positioned = kg_rpc_has(r->msg, "params.position");
  if (positioned && (!kg_rpc_int(r->msg, "params.position.line", &l) ||
                     !kg_rpc_int(r->msg, "params.position.character", &c) ||
                     l < 0 || c < 0 || l > UINT32_MAX || c > UINT32_MAX))
    *f = NULL;
  if (!*f) {
    *st = send_error(s, r->id, INVALID_PARAMS,
                     uri ? "not an open fact file, or no position"
                         : "textDocument.uri is missing");
    return false;
  }
  *line = (uint32_t)l;
  *character = (uint32_t)c;
  return true;
}

typedef kg_status (*position_feature)(const kg_lsp_base *, const kg_lsp_file *,
                                      uint32_t, uint32_t, FILE *);

static kg_status answer(server *s, const request *r, position_feature feature)
{
  kg_status st = KG_OK;
  kg_lsp_file *f;
  uint32_t line, character;
  message m = {0};
  if (!target(s, r, &f, &line, &character, &st))
    return st;
  TRY(result_open(r, &m));
  TRY(feature(&s->base, f, line, character, m.f));
  st = result_send(s, &m);
out:
  message_drop(&m);
  return st;
}

static kg_status on_completion(server *s, const request *r)
{
  return answer(s, r, kg_lsp_completion);
}

static kg_status on_definition(server *s, const request *r)
{
  return answer(s, r, kg_lsp_definition);
}

static kg_status on_hover(server *s, const request *r)
{
  return answer(s, r, kg_lsp_hover);
}

static kg_status on_references(server *s, const request *r)
{
  kg_status st = KG_OK;
  kg_lsp_file *f;
  uint32_t line, character;
  bool declaration = true;
  message m = {0};
  if (!target(s, r, &f, &line, &character, &st))
    return st;
  (void)kg_rpc_bool(r->msg, "params.context.includeDeclaration", &declaration);
  TRY(result_open(r, &m));
  TRY(kg_lsp_references(&s->base, f, line, character, declaration, m.f));
  st = result_send(s, &m);
out:
  message_drop(&m);
  return st;
}

static kg_status on_rename(server *s, const request *r)
{
  kg_status st = KG_OK;
  kg_lsp_file *f;
  uint32_t line, character;
  char why[256] = "";
  message m = {0};
  if (!target(s, r, &f, &line, &character, &st))
    return st;
  const char *name = kg_rpc_str(r->msg, "params.newName");
  if (!name)
    return send_error(s, r->id, INVALID_PARAMS, "newName is missing");
  TRY(result_open(r, &m));
  st = kg_lsp_rename(&s->base, f, line, character, name,
                     kg_rpc_strlen(r->msg, "params.newName"), m.f, why,
                     sizeof why);
  if (st == KG_ERR_USAGE) {
    message_drop(&m);
    return send_error(s, r->id, INVALID_PARAMS, why);
  }
  TRY(st);
  st = result_send(s, &m);
out:
  message_drop(&m);
  return st;
}

static kg_status on_symbols(server *s, const request *r)
{
  kg_status st = KG_OK;
  kg_lsp_file *f;
  uint32_t line, character;
  message m = {0};
  if (!target(s, r, &f, &line, &character, &st))
    return st;
  TRY(result_open(r, &m));
  TRY(kg_lsp_symbols(&s->base, f, m.f));
  st = result_send(s, &m);
out:
  message_drop(&m);
  return st;
}

/* ---- dispatch -------------------------------------------------------------
 */

typedef struct {
  const char *method;
  kg_status (*run)(server *s, const request *r);
  bool before_init; /* allowed before initialize */
} handler;

static const handler handlers[] = {
    {"initialize", on_initialize, true},
    {"initialized", on_ignored, false},
    {"shutdown", on_shutdown, false},
    {"exit", on_exit_notice, true},
    {"textDocument/didOpen", on_did_open, false},
    {"textDocument/didChange", on_did_change, false},
    {"textDocument/didClose", on_did_close, false},
    {"textDocument/didSave", on_ignored, false},
    {"textDocument/completion", on_completion, false},
    {"textDocument/definition", on_definition, false},
    {"textDocument/hover", on_hover, false},
    {"textDocument/references", on_references, false},
    {"textDocument/rename", on_rename, false},
    {"textDocument/documentSymbol", on_symbols, false},
};

static const handler *find_handler(const char *method)
{
  for (size_t i = 0; i < sizeof handlers / sizeof *handlers; ++i)
    if (!strcmp(handlers[i].method, method))
      return &handlers[i];
  return NULL;
}

/* Runs one parsed message.  Notifications never get an answer, even an
 * error one (JSON-RPC 2.0); responses from the client are ignored. */
static kg_status dispatch(server *s, const request *r)
{
  const char *method = kg_rpc_str(r->msg, "method");
  if (!kg_rpc_is_object(r->msg, "") || !method) {
    if (kg_rpc_is_object(r->msg, "") &&
        (kg_rpc_has(r->msg, "result") || kg_rpc_has(r->msg, "error")))
      return KG_OK; /* a response to nothing we asked */
    return send_error(s, r->id, INVALID_REQUEST, "not a JSON-RPC request");
  }
  if (kg_rpc_has(r->msg, "id") && !kg_rpc_is_id(r->msg, "id"))
    return send_error(s, NULL, INVALID_REQUEST,
                      "a request id is a string, a number or null");
  const handler *h = find_handler(method);
  if (!s->initialized && !(h && h->before_init))
    return r->id ? send_error(s, r->id, NOT_INITIALIZED,
                              "the server is not initialized yet")
                 : KG_OK;
  if (s->shut_down && !(h && h->run == on_exit_notice))
    return r->id ? send_error(s, r->id, INVALID_REQUEST,
                              "the server is shut down")
                 : KG_OK;
  if (!h)
    return r->id ? send_error(s, r->id, METHOD_NOT_FOUND, method) : KG_OK;
  return h->run(s, r);
}

/* Reads, parses and runs one message; *done once the client left. */
static kg_status serve_one(server *s, bool *done)
{
  kg_status st = KG_OK;
  kg_rpc_read_result got;
  char *body = NULL, *id = NULL;
  size_t len = 0, mended_count = 0;
  bool nomem = false;
  kg_rpc_value *msg = NULL;
  kg_rpc_mended mended[MENDED_MAX];
  TRY(kg_rpc_read(s->in, KG_RPC_MAX_BODY, &got, &body, &len));
  if (got == KG_RPC_MESSAGE) /* a lone surrogate refuses no message */
    mended_count = kg_rpc_mend_surrogates(body, len, mended, MENDED_MAX);
  if (got == KG_RPC_EOF) {
    *done = true;
  } else if (got == KG_RPC_TOO_LARGE) {
    char text[128];
    snprintf(text, sizeof text,
             "a message of %zu bytes is over the limit of %u; skipped", len,
             KG_RPC_MAX_BODY);
    st = send_error(s, NULL, INVALID_REQUEST, text);
  } else if (got == KG_RPC_BAD_HEADER) {
    st = send_error(s, NULL, PARSE_ERROR,
                    "no Content-Length header that can be trusted (missing, "
                    "not a number, or two different ones); skipped to the "
                    "next Content-Length");
  } else if (!(msg = kg_rpc_parse(body, len, &nomem))) {
    st = nomem ? KG_ERR_NOMEM
               : send_error(s, NULL, PARSE_ERROR, "the message is not JSON");
  } else {
    id = kg_rpc_has(msg, "id") ? kg_rpc_dump(msg, "id") : NULL;
    if (kg_rpc_has(msg, "id") && !id)
      TRY(KG_ERR_NOMEM);
    st = dispatch(s, &(request){.msg = msg,
                                .id = id,
                                .mended = mended,
                                .mended_count = mended_count});
  }
out:
  kg_free(id);
  kg_rpc_value_free(msg);
  kg_free(body);
  return st;
}

/* Is a message waiting to be read?  Then a re-check can wait for it: a
 * burst of keystrokes costs one check, not one each.  (The input is
 * unbuffered, so that nothing waits unseen in stdio's buffer.) */
static bool input_pending(FILE *in)
{
  int fd = fileno(in);
  struct pollfd p = {.fd = fd, .events = POLLIN};
  return fd >= 0 && poll(&p, 1, 0) > 0;
}

/* Waits for the next message, waking twice a second to see whether a
 * signal (SIGINT, SIGTERM) asks the server to stop: one that came between
 * two reads would otherwise be seen only at the next message, which an
 * editor waiting for the server to go may never send. */
static kg_status wait_input(const server *s)
{
  int fd = fileno(s->in);
  while (fd >= 0 && !kg_diag_interrupted(s->signals)) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int n = poll(&p, 1, 500);
    if (n > 0 || (n < 0 && errno != EINTR))
      break; /* a message, the end, or an error: the read will say */
  }
  return kg_diag_interrupted(s->signals) ? KG_ERR_INTERRUPTED : KG_OK;
}

kg_status kg_lsp_serve(const kg_ontology *onto, kg_map *strings, FILE *in,
                       FILE *out, FILE *log, const kg_diag *signals,
                       unsigned jobs)
{
  kg_status st = KG_OK;
  server s = {.in = in,
              .out = out,
              .log = log,
              .signals = signals,
              .onto = onto,
              .strings = strings,
              .jobs = jobs};
  bool done = false;
  /* An editor that vanishes closes the pipe: writing then must fail with
   * EPIPE (and end the loop), not kill the server mid-write. */
  signal(SIGPIPE, SIG_IGN);
  setvbuf(in, NULL, _IONBF, 0);
  while (!done && !s.exited && st == KG_OK) {
    st = wait_input(&s);
    if (st == KG_OK)
      st = serve_one(&s, &done);
    if (st == KG_OK && done && kg_diag_interrupted(signals))
      st = KG_ERR_INTERRUPTED; /* the read was cut by the signal */
    if (st == KG_OK && s.dirty && !done && !s.exited && !input_pending(in))
      st = recheck(&s);
  }
  if (st == KG_ERR_IO) /* the client is gone: nobody to tell */
    st = KG_OK;
  if (st == KG_OK && s.exited && !s.shut_down)
    st = KG_ERR_FACTS; /* exit status 1, as the protocol asks */
  if (s.base_open)
    kg_lsp_base_free(&s.base);
  kg_free(s.root_hint);
  return st;
}
