/* kg.h - what every kgbuild module shares: the status enum, TRY, and the
 * allocation hooks that make out-of-memory paths testable. */
#ifndef KG_H
#define KG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One status for every fallible call.  The driver maps them to exit codes:
 * OK 0, FACTS 1, USAGE 2, IO and NOMEM 3. */
typedef enum {
  KG_OK = 0,
  KG_ERR_FACTS,       /* the input is wrong; diagnostics were reported */
  KG_ERR_USAGE,       /* the command line is wrong */
  KG_ERR_IO,          /* a file could not be read or written */
  KG_ERR_NOMEM,       /* an allocation failed */
  KG_ERR_INTERRUPTED, /* SIGINT or SIGTERM arrived */
} kg_status;

#define KG_NODISCARD __attribute__((warn_unused_result))

/* A helper that only assert() calls: the release build (NDEBUG) drops
 * them, and must not warn that it is unused. */
#define KG_UNUSED_IN_NDEBUG __attribute__((unused))

/* Evaluate a fallible call; on failure jump to the function's one `out`
 * label with `st` holding the status. */
#define TRY(expr)                                                              \
  do {                                                                         \
    st = (expr);                                                               \
    if (st != KG_OK)                                                           \
      goto out;                                                                \
  } while (0)

/* A byte string that is not NUL-terminated; YAML scalars may hold NUL. */
typedef struct {
  const char *ptr;
  size_t len;
} kg_slice;

/* Every allocation in kgbuild goes through these, so that the test build can
 * fail the Nth one (KG_FAIL_ALLOC_AT, see alloc.c). */
void *kg_malloc(size_t size) KG_NODISCARD;
void *kg_calloc(size_t count, size_t size) KG_NODISCARD;
void *kg_realloc(void *ptr, size_t size) KG_NODISCARD;
void kg_free(void *ptr);
/* Whole pages mapped from the system (size a multiple of the page size),
 * and unmapped: memory that goes back to the system when freed. */
void *kg_pages_new(size_t size) KG_NODISCARD;
void kg_pages_free(void *pages, size_t size);

#endif
