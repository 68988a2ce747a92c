/* nfc.h - Unicode Normalization Form C, so that a quote matches its source
 * whichever way each wrote a composed character (e + U+0301 or U+00E9).
 * nfc.c is the one file that calls utf8proc. */
#ifndef KG_NFC_H
#define KG_NFC_H

#include "kg.h"

/* The NFC form of len bytes of UTF-8, in a new kg_malloc'd buffer (NUL-
 * terminated; *out_len excludes the NUL): KG_ERR_FACTS when s is not
 * UTF-8, KG_ERR_NOMEM when memory runs out.  Free with kg_free. */
kg_status kg_nfc_new(const char *s, size_t len, char **out,
                     size_t *out_len) KG_NODISCARD;

/* For readable ids (kgbuild import): len bytes of UTF-8 decomposed for
 * compatibility (NFKD), with combining marks stripped and case folded, so
 * that "Émile Ørsted" becomes "emile ørsted"; in a new kg_malloc'd
 * buffer, as kg_nfc_new.  Letters that do not decompose stay as they are:
 * the caller keeps what it can write. */
kg_status kg_fold_new(const char *s, size_t len, char **out,
                      size_t *out_len) KG_NODISCARD;

/* Is there a grapheme-cluster boundary (UAX #29) between the code points
 * before and after?  Call it for every pair of a text in order, with
 * *state 0 at its start: the rules look back (emoji, regional
 * indicators).  The site puts nothing between a letter and its marks. */
bool kg_grapheme_break(uint32_t before, uint32_t after, int32_t *state);

#endif
