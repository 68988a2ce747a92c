/* sha256.c - the adapter to nettle's SHA-256 (Debian's nettle-dev): a
 * well-kept implementation rather than one of our own, behind one call. */
#include "sha256.h"

#include <nettle/sha2.h>

struct kg_sha256 {
  struct sha256_ctx ctx;
};

static void to_hex(struct sha256_ctx *ctx, char out[KG_SHA256_HEX])
{
  static const char digits[] = "0123456789abcdef";
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(ctx, sizeof digest, digest);
  for (size_t i = 0; i < sizeof digest; ++i) {
    out[2 * i] = digits[digest[i] >> 4];
    out[2 * i + 1] = digits[digest[i] & 15];
  }
  out[2 * sizeof digest] = '\0';
}

void kg_sha256_hex(const void *data, size_t len, char out[KG_SHA256_HEX])
{
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  to_hex(&ctx, out);
}

kg_sha256 *kg_sha256_new(void)
{
  kg_sha256 *h = kg_malloc(sizeof *h);
  if (h)
    sha256_init(&h->ctx);
  return h;
}

void kg_sha256_update(kg_sha256 *h, const void *data, size_t len)
{
  sha256_update(&h->ctx, len, data);
}

void kg_sha256_final(kg_sha256 *h, char out[KG_SHA256_HEX])
{
  to_hex(&h->ctx, out);
}

void kg_sha256_free(kg_sha256 *h)
{
  kg_free(h);
}
