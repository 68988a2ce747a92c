/* sha256.h - the SHA-256 digest of a byte string, as lower-case hex: what
 * a source entry records of its archived copy (`sha256:`).  sha256.c is the
 * one file that calls nettle. */
#ifndef KG_SHA256_H
#define KG_SHA256_H

#include "kg.h"

/* 64 hex digits and a NUL. */
enum { KG_SHA256_HEX = 65 };

void kg_sha256_hex(const void *data, size_t len, char out[KG_SHA256_HEX]);

/* The same digest over bytes that come in pieces (kgbuild push hashes each
 * named graph while the network is walked, never holding it whole). */
typedef struct kg_sha256 kg_sha256;
kg_sha256 *kg_sha256_new(void) KG_NODISCARD;
void kg_sha256_update(kg_sha256 *h, const void *data, size_t len);
/* The digest so far; h may be updated no more. */
void kg_sha256_final(kg_sha256 *h, char out[KG_SHA256_HEX]);
void kg_sha256_free(kg_sha256 *h);

#endif
