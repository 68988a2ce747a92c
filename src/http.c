/* http.c - the libcurl adapter (http.h): the one file that calls libcurl.
 * Debian 12 builds it against libcurl4-gnutls-dev, which libraptor2-dev
 * already depends on (libcurl4-openssl-dev conflicts with it); the API is
 * the same, and HTTPS verifies against the system's certificates. */
#define _GNU_SOURCE /* nanosleep under -std=c11 */
#include "http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A store's answer kgbuild reads (the manifest, an error page) is small;
 * past this it is cut, as a page of HTML need not be held whole. */
enum { MAX_REPLY = 64 << 20 };

struct kg_http {
  CURL *curl;
  char *endpoint;
  const kg_http_limits *limits;
  kg_diag *diag;
  const volatile sig_atomic_t *interrupted;
  char error[CURL_ERROR_SIZE];
  /* the reply being received */
  char *buf;
  size_t len, cap;
  bool global; /* curl_global_init succeeded: cleanup owed */
};

const char *kg_http_endpoint(const kg_http *h)
{
  return h->endpoint;
}

/* "what: detail", one line. */
static void report(kg_http *h, const char *what, const char *detail,
                   const char *hint)
{
  char message[CURL_ERROR_SIZE + 200];
  snprintf(message, sizeof message, "%s: %s", what, detail);
  kg_diag_emit(h->diag, &(kg_diagnostic){.severity = KG_SEV_ERROR,
                                         .pos = {h->endpoint, 0, 0},
                                         .code = "push",
                                         .message = message,
                                         .hint = hint});
}

/* The URL as messages show it: without "user:password@", which a user
 * who put it there (and is told not to) must not see echoed into logs. */
static void hide_userinfo(char *url)
{
  char *authority = strstr(url, "://");
  if (!authority)
    return;
  authority += 3;
  size_t end = strcspn(authority, "/?#");
  char *at = NULL;
  for (char *c = authority; c < authority + end; ++c)
    if (*c == '@')
      at = c;
  if (at)
    memmove(authority, at + 1, strlen(at + 1) + 1);
}

/* Whether a query string names a graph of its own: graph=IRI, or
 * Graph Store's `default` (the default graph). */
static bool has_graph_parameter(const char *query)
{
  for (const char *q = query; *q;) {
    size_t n = strcspn(q, "&");
    size_t name = strcspn(q, "=&");
    if ((name == 5 && !strncmp(q, "graph", 5)) ||
        (name == 7 && !strncmp(q, "default", 7)))
      return true;
    q += n + (q[n] == '&');
  }
  return false;
}

/* http or https, a host, no credentials in the URL itself, and nothing
 * that would make every graph's request name one graph. */
static kg_status check_endpoint(kg_http *h, const char *url)
{
  kg_status st = KG_OK;
  char *scheme = NULL, *host = NULL, *user = NULL, *fragment = NULL,
       *query = NULL;
  CURLU *u = curl_url();
  if (!u)
    return KG_ERR_NOMEM;
  const char *why = NULL;
  if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK)
    why = "not a URL";
  else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
           (strcmp(scheme, "http") && strcmp(scheme, "https")))
    why = "not an http or https URL";
  else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
    why = "no host";
  else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
    why = "a user name in the URL, where ps(1) shows it";
  else if (curl_url_get(u, CURLUPART_FRAGMENT, &fragment, 0) == CURLUE_OK)
    why = "a '#' fragment, which is never sent: every graph would go to "
          "the endpoint's default graph";
  else if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK &&
           has_graph_parameter(query))
    why = "a 'graph' parameter of its own, which would take the place of "
          "each graph's";
  if (why) {
    report(h, "malformed store URL", why,
           "give the Graph Store endpoint, e.g. "
           "http://HOST:8890/sparql-graph-crud-auth; credentials go in "
           "~/.netrc or KGBUILD_PUSH_USER and KGBUILD_PUSH_PASSWORD");
    st = KG_ERR_IO;
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(user);
  curl_free(fragment);
  curl_free(query);
  curl_url_cleanup(u);
  return st;
}

static size_t on_data(char *data, size_t size, size_t count, void *ctx)
{
  kg_http *h = ctx;
  size_t n = size * count;
  size_t keep = h->len + n > MAX_REPLY ? MAX_REPLY - h->len : n;
  if (h->len + keep + 1 > h->cap) {
    size_t cap = h->cap ? h->cap : 4096;
    while (cap < h->len + keep + 1)
      cap *= 2;
    char *grown = kg_realloc(h->buf, cap);
    if (!grown)
      return 0; /* libcurl fails the transfer: CURLE_WRITE_ERROR */
    h->buf = grown;
    h->cap = cap;
  }
  memcpy(h->buf + h->len, data, keep);
  h->len += keep;
  h->buf[h->len] = '\0';
  return n;
}

static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
  (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
  const kg_http *h = ctx;
  return h->interrupted && *h->interrupted; /* non-zero aborts */
}

/* What stays the same for every request of the session. */
static kg_status configure(kg_http *h)
{
  CURL *c = h->curl;
  const char *user = getenv("KGBUILD_PUSH_USER");
  const char *password = getenv("KGBUILD_PUSH_PASSWORD");
  CURLcode rc = CURLE_OK;
#define SET(option, value)                                                     \
  if (rc == CURLE_OK)                                                          \
  rc = curl_easy_setopt(c, option, value)
  SET(CURLOPT_NOSIGNAL, 1L); /* timeouts without SIGALRM */
  SET(CURLOPT_ERRORBUFFER, h->error);
  SET(CURLOPT_PROTOCOLS_STR, "http,https");
  SET(CURLOPT_FOLLOWLOCATION, 0L); /* a moved endpoint is reported */
  SET(CURLOPT_USERAGENT, "kgbuild-push");
  SET(CURLOPT_CONNECTTIMEOUT, h->limits->connect_timeout);
  /* A stall, not a total time: a large graph takes as long as it takes. */
  SET(CURLOPT_LOW_SPEED_LIMIT, 1L);
  SET(CURLOPT_LOW_SPEED_TIME, h->limits->stall_timeout);
  SET(CURLOPT_WRITEFUNCTION, on_data);
  SET(CURLOPT_WRITEDATA, h);
  SET(CURLOPT_NOPROGRESS, 0L);
  SET(CURLOPT_XFERINFOFUNCTION, on_progress);
  SET(CURLOPT_XFERINFODATA, h);
  SET(CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
  /* A store behind a private certificate authority: its certificate, in
   * place of the system's (verification stays on). */
  const char *ca = getenv("KGBUILD_PUSH_CA");
  if (ca && *ca)
    SET(CURLOPT_CAINFO, ca);
  if (user && *user) {
    SET(CURLOPT_USERNAME, user);
    SET(CURLOPT_PASSWORD, password ? password : "");
  } else {
    SET(CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
  }
#undef SET
  return rc == CURLE_OK ? KG_OK : KG_ERR_NOMEM;
}

kg_status kg_http_new(const char *endpoint, const kg_http_limits *limits,
                      kg_diag *diag, const volatile sig_atomic_t *interrupted,
                      kg_http **out)
{
  kg_status st = KG_OK;
  kg_http *h = kg_calloc(1, sizeof *h);
  *out = NULL;
  if (!h)
    return KG_ERR_NOMEM;
  h->limits = limits;
  h->diag = diag;
  h->interrupted = interrupted;
  h->endpoint = kg_malloc(strlen(endpoint) + 1);
  if (!h->endpoint) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  strcpy(h->endpoint, endpoint);
  hide_userinfo(h->endpoint);
  h->global = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  h->curl = h->global ? curl_easy_init() : NULL;
  if (!h->curl) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(check_endpoint(h, endpoint));
  TRY(configure(h));
  *out = h;
  h = NULL;
out:
  kg_http_free(h);
  return st;
}

void kg_http_free(kg_http *h)
{
  if (!h)
    return;
  if (h->curl)
    curl_easy_cleanup(h->curl);
  if (h->global)
    curl_global_cleanup();
  kg_free(h->endpoint);
  kg_free(h->buf);
  kg_free(h);
}

/* endpoint?graph=IRI (or &graph= when the endpoint has a query already). */
static char *request_url(kg_http *h, const char *graph)
{
  char *escaped = graph ? curl_easy_escape(h->curl, graph, 0) : NULL;
  if (graph && !escaped)
    return NULL;
  const char *sep = strchr(h->endpoint, '?') ? "&" : "?";
  size_t n = strlen(h->endpoint) + (escaped ? strlen(escaped) + 8 : 0) + 1;
  char *url = kg_malloc(n);
  if (url)
    snprintf(url, n, "%s%s%s", h->endpoint, escaped ? sep : "",
             escaped ? "graph=" : "");
  if (url && escaped)
    strcat(url, escaped);
  curl_free(escaped);
  return url;
}

/* The transfer errors a second attempt may cure: the connection dropped,
 * nothing or too little came back, or it stalled. */
static bool transient(CURLcode rc)
{
  switch (rc) {
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_OPERATION_TIMEDOUT: return true;
  default: return false;
  }
}

static kg_status wait_ms(kg_http *h, unsigned ms)
{
  for (unsigned left = ms; left > 0;) {
    unsigned step = left < 100 ? left : 100;
    struct timespec ts = {0, (long)step * 1000000L};
    nanosleep(&ts, NULL);
    left -= step;
    if (h->interrupted && *h->interrupted)
      return KG_ERR_INTERRUPTED;
  }
  return KG_OK;
}

/* One attempt: the method, the body, the headers. */
static CURLcode attempt(kg_http *h, const char *url, const char *method,
                        struct curl_slist *headers, const char *body,
                        size_t len)
{
  CURL *c = h->curl;
  h->len = 0;
  h->error[0] = '\0';
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (body) {
    /* PUT and POST alike from memory: libcurl can send it again after a
     * digest challenge or a retry. */
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
                   strcmp(method, "GET") && strcmp(method, "POST") ? method
                                                                   : NULL);
  return curl_easy_perform(c);
}

static kg_status headers_for(const char *accept, const char *content_type,
                             struct curl_slist **out)
{
  char line[200];
  struct curl_slist *list = NULL, *next = NULL;
  /* No "Expect: 100-continue": a store that answers it slowly would cost
   * a second per request, and the body is in memory anyway. */
  list = curl_slist_append(NULL, "Expect:");
  if (list && accept) {
    snprintf(line, sizeof line, "Accept: %s", accept);
    next = curl_slist_append(list, line);
    list = next ? next : (curl_slist_free_all(list), NULL);
  }
  if (list && content_type) {
    snprintf(line, sizeof line, "Content-Type: %s", content_type);
    next = curl_slist_append(list, line);
    list = next ? next : (curl_slist_free_all(list), NULL);
  }
  *out = list;
  return list ? KG_OK : KG_ERR_NOMEM;
}

static kg_status transfer_error(kg_http *h, CURLcode rc)
{
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    return KG_ERR_INTERRUPTED;
  if (rc == CURLE_OUT_OF_MEMORY || rc == CURLE_WRITE_ERROR)
    return KG_ERR_NOMEM;
  const char *detail = h->error[0] ? h->error : curl_easy_strerror(rc);
  if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
      rc == CURLE_COULDNT_RESOLVE_PROXY)
    report(h, "cannot reach the store", detail,
           "is it running, and is this its Graph Store endpoint?");
  else if (transient(rc))
    report(h, "the transfer failed after every retry", detail,
           "the next push sends what this one could not");
  else
    report(h, "cannot talk to the store", detail, NULL);
  return KG_ERR_IO;
}

kg_status kg_http_request(kg_http *h, const char *method, const char *graph,
                          const char *accept, const char *content_type,
                          const char *body, size_t len, kg_http_reply *reply)
{
  kg_status st = KG_OK;
  struct curl_slist *headers = NULL;
  char *url = request_url(h, graph);
  *reply = (kg_http_reply){0};
  if (!url)
    return KG_ERR_NOMEM;
  TRY(headers_for(accept, content_type, &headers));
  unsigned wait = h->limits->backoff_ms;
  for (unsigned i = 0;; ++i) {
    CURLcode rc = attempt(h, url, method, headers,
                          content_type ? (body ? body : "") : NULL, len);
    reply->attempts = i + 1;
    reply->code = 0;
    if (rc == CURLE_OK)
      curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &reply->code);
    /* 501 and 505: the server cannot do this at all, however often asked */
    bool again = rc == CURLE_OK ? reply->code >= 500 && reply->code != 501 &&
                                      reply->code != 505
                                : transient(rc);
    if (!again || i >= h->limits->retries) {
      if (rc != CURLE_OK)
        TRY(transfer_error(h, rc));
      break;
    }
    TRY(wait_ms(h, wait));
    wait *= 2;
  }
  reply->body = h->buf; /* handed over */
  reply->len = h->len;
  h->buf = NULL;
  h->len = h->cap = 0;
out:
  curl_slist_free_all(headers);
  kg_free(url);
  return st;
}
