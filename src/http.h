/* http.h - the libcurl adapter: HTTP requests to one SPARQL 1.1 Graph
 * Store endpoint, for kgbuild push.  Only http.c calls libcurl.
 *
 * A connection is made for the endpoint and kept for every request
 * (keep-alive, and digest authentication's nonce is reused rather than
 * paid for again each time).  Credentials never come from the command
 * line, where ps(1) shows them: KGBUILD_PUSH_USER and KGBUILD_PUSH_PASSWORD
 * if set, else the machine's entry in ~/.netrc; basic or digest, as the
 * server asks.  HTTPS is verified against the system's certificates, or
 * those of the file KGBUILD_PUSH_CA names.  A request that fails in transport
 * (the connection dropped, nothing received, a stall) or that the server
 * answers 5xx is retried a bounded number of times, waiting twice as long each
 * time; every other answer is the caller's to judge. */
#ifndef KG_HTTP_H
#define KG_HTTP_H

#include "diag.h"

#include <signal.h>

typedef struct {
  long connect_timeout; /* seconds to connect */
  long stall_timeout;   /* seconds without a byte in either direction */
  unsigned retries;     /* attempts after the first */
  unsigned backoff_ms;  /* the first wait; doubled each retry */
} kg_http_limits;

typedef struct kg_http kg_http;

/* Checks the endpoint (http or https, a host, no user name or password in
 * it: those belong in ~/.netrc) and makes a session for it.  A malformed
 * endpoint is reported to diag and gives KG_ERR_IO (the caller's exit 3,
 * as for an unreachable one). */
kg_status kg_http_new(const char *endpoint, const kg_http_limits *limits,
                      kg_diag *diag, const volatile sig_atomic_t *interrupted,
                      kg_http **out) KG_NODISCARD;
void kg_http_free(kg_http *h);

/* The endpoint as given, for messages. */
const char *kg_http_endpoint(const kg_http *h);

typedef struct {
  long code;  /* the HTTP status of the last attempt */
  char *body; /* what it answered, NUL-terminated; the caller frees it */
  size_t len;
  unsigned attempts;
} kg_http_reply;

/* One request to the endpoint about one graph (`?graph=IRI`, percent-
 * encoded; NULL: the endpoint alone), with a body when `content_type` is
 * not NULL.  KG_OK once the server answered anything but 5xx, or 5xx
 * after the last retry (reply->code says which); KG_ERR_IO when it could
 * not be reached or the transfer failed after the retries, reported to
 * diag as one line; KG_ERR_INTERRUPTED on a signal. */
kg_status kg_http_request(kg_http *h, const char *method, const char *graph,
                          const char *accept, const char *content_type,
                          const char *body, size_t len,
                          kg_http_reply *reply) KG_NODISCARD;

#endif
