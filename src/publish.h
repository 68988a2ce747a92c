/* publish.h - stage 5c: the exports onto disk, so that a failed or killed
 * run changes nothing.  Every write is checked (error flag, fflush, fsync);
 * a file is written to a temporary name beside its target and renamed into
 * place; the set of exports is written into a staging directory beside
 * exports/ and swapped in whole (renameat2 RENAME_EXCHANGE), under a lock,
 * where the file system allows, else renamed file by file with the old
 * ones kept until all are in.  KG_FAIL_WRITE_AT=N makes every export's
 * stream fail once N bytes are written (the fault injection of the test
 * builds, KG_TESTING: see publish.c). */
#ifndef KG_PUBLISH_H
#define KG_PUBLISH_H

#include "backends.h"

#include <signal.h>
#include <stdio.h>

/* Writes one export to an open stream (standard output), checking every
 * step of the write.  `name` labels errors. */
kg_status kg_emit_stream(const kg_network *net, const kg_backend *backend,
                         FILE *out, const char *name,
                         kg_diag *diag) KG_NODISCARD;

/* Writes the given backends as files, atomically.  With dir != NULL each goes
 * to dir/file_name, written by up to `jobs` threads (pool.h; the bytes do not
 * depend on it); with one backend, `path` may name the file instead.
 * `interrupted` is polled between steps (SIGINT, SIGTERM). */
kg_status kg_emit_files(const kg_network *net,
                        const kg_backend *const *backends, size_t count,
                        const char *dir, const char *path, unsigned jobs,
                        kg_diag *diag,
                        volatile sig_atomic_t *interrupted) KG_NODISCARD;

/* Writes a file other than an export (the JSON Schema) the same careful
 * way: temporary file, checked writes, fsync, rename. */
kg_status kg_write_file_atomically(const char *path, kg_diag *diag,
                                   kg_status (*write)(void *ctx, FILE *out),
                                   void *ctx) KG_NODISCARD;

/* Removes temporary files left in dir by a run that was killed. */
void kg_emit_clean_stale(const char *dir);

#endif
