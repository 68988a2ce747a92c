/* nfc.c - the adapter to utf8proc (Debian's libutf8proc-dev): NFC with the
 * Unicode tables of a maintained library, not tables of our own. */
#include "nfc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static kg_status mapped_new(const char *s, size_t len, int options, char **out,
                            size_t *out_len)
{
  utf8proc_uint8_t *mapped = NULL;
  *out = NULL;
  *out_len = 0;
  if (len > (size_t)PTRDIFF_MAX / 4)
    return KG_ERR_NOMEM;
  utf8proc_ssize_t n = 0;
  if (len > 0) {
    n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                     &mapped, (utf8proc_option_t)options);
    if (n < 0)
      return n == UTF8PROC_ERROR_NOMEM ? KG_ERR_NOMEM : KG_ERR_FACTS;
  }
  /* Copied into kgbuild's allocator, so that the caller frees it like
   * everything else and the fault-injection build reaches this path. */
  char *copy = kg_malloc((size_t)n + 1);
  if (copy) {
    if (n > 0)
      memcpy(copy, mapped, (size_t)n);
    copy[n] = '\0';
  }
  free(mapped);
  if (!copy)
    return KG_ERR_NOMEM;
  *out = copy;
  *out_len = (size_t)n;
  return KG_OK;
}

kg_status kg_nfc_new(const char *s, size_t len, char **out, size_t *out_len)
{
  return mapped_new(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out, out_len);
}

kg_status kg_fold_new(const char *s, size_t len, char **out, size_t *out_len)
{
  return mapped_new(s, len,
                    UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
                    out, out_len);
}

bool kg_grapheme_break(uint32_t before, uint32_t after, int32_t *state)
{
  return utf8proc_grapheme_break_stateful((utf8proc_int32_t)before,
                                          (utf8proc_int32_t)after, state);
}
