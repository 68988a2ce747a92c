/* compress.c - the zlib and libzstd adapter: compressing FILE * streams
 * (glibc's fopencookie), so that every writer writes through them
 * unchanged. */
#define _GNU_SOURCE /* fopencookie */
#include "compress.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* gzip level 1 and zstd level 3 (zstd's default): on the 10k bench kg.nt,
 * gzip's default level 6 took 1.7 times level 1's time for a file 23%
 * smaller, and the exports are written for bulk loaders
 * (docs/performance.md). */
enum { GZIP_LEVEL = 1, ZSTD_LEVEL = 3, OUT_SIZE = 1 << 17, IN_SIZE = 1 << 18 };

typedef struct {
  FILE *sink;
  kg_compression method;
  z_stream z;
  bool z_ready;
  ZSTD_CCtx *zc;
  unsigned char out[OUT_SIZE];
} packer;

kg_status kg_compression_parse(const char *name, kg_compression *out)
{
  if (!strcmp(name, "gzip"))
    *out = KG_COMPRESS_GZIP;
  else if (!strcmp(name, "zstd"))
    *out = KG_COMPRESS_ZSTD;
  else if (!strcmp(name, "none"))
    *out = KG_COMPRESS_NONE;
  else
    return KG_ERR_USAGE;
  return KG_OK;
}

const char *kg_compression_suffix(kg_compression c)
{
  return c == KG_COMPRESS_GZIP ? ".gz" : c == KG_COMPRESS_ZSTD ? ".zst" : "";
}

kg_compression kg_compression_of(const char *file_name)
{
  size_t n = strlen(file_name);
  if (n > 3 && !strcmp(file_name + n - 3, ".gz"))
    return KG_COMPRESS_GZIP;
  if (n > 4 && !strcmp(file_name + n - 4, ".zst"))
    return KG_COMPRESS_ZSTD;
  return KG_COMPRESS_NONE;
}

/* Hands n compressed bytes to the sink; its errno (ENOSPC) is kept. */
static bool drain(packer *p, size_t n)
{
  if (n && fwrite(p->out, 1, n, p->sink) != n) {
    if (!errno)
      errno = EIO;
    return false;
  }
  return true;
}

/* Feeds size bytes to the codec, or with `end`, ends the compressed data;
 * false, with errno set, on any codec or sink error. */
static bool gzip_feed(packer *p, const char *buf, size_t size, bool end)
{
  p->z.next_in = (Bytef *)(uintptr_t)buf;
  p->z.avail_in = (uInt)size;
  int rc;
  do {
    p->z.next_out = p->out;
    p->z.avail_out = OUT_SIZE;
    rc = deflate(&p->z, end ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) {
      errno = EIO;
      return false;
    }
    if (!drain(p, OUT_SIZE - p->z.avail_out))
      return false;
  } while (end ? rc != Z_STREAM_END : p->z.avail_out == 0);
  return true;
}

static bool zstd_feed(packer *p, const char *buf, size_t size, bool end)
{
  ZSTD_inBuffer in = {buf, size, 0};
  size_t left;
  do {
    ZSTD_outBuffer out = {p->out, OUT_SIZE, 0};
    left = ZSTD_compressStream2(p->zc, &out, &in,
                                end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left)) {
      errno = EIO;
      return false;
    }
    if (!drain(p, out.pos))
      return false;
  } while (end ? left != 0 : in.pos < in.size);
  return true;
}

static bool feed(packer *p, const char *buf, size_t size, bool end)
{
  errno = 0;
  return p->method == KG_COMPRESS_GZIP ? gzip_feed(p, buf, size, end)
                                       : zstd_feed(p, buf, size, end);
}

/* glibc retries a short cookie write; a failure is -1, which sets the
 * stream's error flag. */
static ssize_t packer_write(void *cookie, const char *buf, size_t size)
{
  return feed(cookie, buf, size, false) ? (ssize_t)size : -1;
}

static void packer_free(packer *p)
{
  if (!p)
    return;
  if (p->z_ready)
    deflateEnd(&p->z);
  ZSTD_freeCCtx(p->zc);
  kg_free(p);
}

/* Ends the compressed data: fclose calls this after its last write, and
 * returns EOF when this fails. */
static int packer_close(void *cookie)
{
  packer *p = cookie;
  bool ok = feed(p, "", 0, true);
  int saved = errno;
  packer_free(p);
  errno = saved;
  return ok ? 0 : -1;
}

/* zstd's parameters: the bytes depend on the data alone.  No content size
 * in the frame header (a stream's size is not known in advance, and the
 * header must not depend on how the writes were cut); a checksum, like
 * the zstd tool's; workers >= 1 always, since zstd's multithreaded bytes
 * are the same for any number of workers but differ from its
 * single-threaded ones. */
static bool zstd_setup(packer *p, unsigned workers)
{
  if (!(p->zc = ZSTD_createCCtx()))
    return false;
  ZSTD_CCtx_setParameter(p->zc, ZSTD_c_nbWorkers, workers ? (int)workers : 1);
  return !ZSTD_isError(ZSTD_CCtx_setParameter(p->zc, ZSTD_c_compressionLevel,
                                              ZSTD_LEVEL)) &&
         !ZSTD_isError(ZSTD_CCtx_setParameter(p->zc, ZSTD_c_checksumFlag, 1)) &&
         !ZSTD_isError(
             ZSTD_CCtx_setParameter(p->zc, ZSTD_c_contentSizeFlag, 0));
}

/* gzip through zlib: windowBits 15 + 16 asks for the gzip wrapper, whose
 * header zlib writes with no file name and a zero mtime. */
static bool gzip_setup(packer *p)
{
  p->z_ready = deflateInit2(&p->z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
                            Z_DEFAULT_STRATEGY) == Z_OK;
  return p->z_ready;
}

kg_status kg_compress_open(kg_compression c, unsigned workers, FILE *sink,
                           FILE **out)
{
  kg_status st = KG_OK;
  packer *p = kg_calloc(1, sizeof *p);
  *out = NULL;
  if (!p)
    return KG_ERR_NOMEM;
  p->sink = sink;
  p->method = c;
  if (c == KG_COMPRESS_NONE ||
      !(c == KG_COMPRESS_GZIP ? gzip_setup(p) : zstd_setup(p, workers))) {
    st = c == KG_COMPRESS_NONE ? KG_ERR_USAGE : KG_ERR_NOMEM;
    goto out;
  }
  *out = fopencookie(
      p, "w",
      (cookie_io_functions_t){.write = packer_write, .close = packer_close});
  if (!*out) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  p = NULL; /* the stream owns it now */
  /* Larger writes into the codec: fewer calls, the same bytes. */
  setvbuf(*out, NULL, _IOFBF, IN_SIZE);
out:
  packer_free(p);
  return st;
}
