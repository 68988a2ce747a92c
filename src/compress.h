/* compress.h - gzip and zstd streams for the exports (--compress).  Only
 * compress.c calls zlib and libzstd.  A compressing stream is a FILE * that
 * the writers write through unchanged; its bytes depend on the data alone
 * (no time, no file name, no thread count), so that the same facts give the
 * same compressed exports. */
#ifndef KG_COMPRESS_H
#define KG_COMPRESS_H

#include "kg.h"

#include <stdio.h>

typedef enum {
  KG_COMPRESS_NONE,
  KG_COMPRESS_GZIP,
  KG_COMPRESS_ZSTD
} kg_compression;

/* "gzip", "zstd" or "none"; KG_ERR_USAGE on any other name. */
kg_status kg_compression_parse(const char *name,
                               kg_compression *out) KG_NODISCARD;

/* The file name suffix of a method: ".gz", ".zst", "" for none; and the
 * method a file name's suffix says. */
const char *kg_compression_suffix(kg_compression c);
kg_compression kg_compression_of(const char *file_name);

/* A write-only stream whose bytes go compressed to sink; zstd compresses on
 * `workers` threads (at least one: the bytes are the same for any number).
 * fclose(*out) ends the compressed data and returns EOF (errno set) when
 * any write, to the codec or to sink, failed; sink stays open, and the
 * caller checks and closes it as before. */
kg_status kg_compress_open(kg_compression c, unsigned workers, FILE *sink,
                           FILE **out) KG_NODISCARD;

#endif
