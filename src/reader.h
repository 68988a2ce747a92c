/* reader.h - fact files loaded ahead of the driver, in order.
 *
 * Parsing the YAML is most of a check's time, and modelling must take the
 * files one at a time, in order (ids are interned and entities numbered as
 * they come).  So while the driver models one file, worker threads read
 * and parse the next ones.  Each file's diagnostics are held back and
 * printed when the driver takes that file: the output, like the model, is
 * the same whatever the number of threads.  With no threads, each file is
 * loaded on the caller's thread when it is taken. */
#ifndef KG_READER_H
#define KG_READER_H

#include "arena.h"
#include "diag.h"
#include "load.h"

typedef struct kg_reader kg_reader;

/* At most this many workers, whatever is asked: parsing a file costs
 * about 2.5 times modelling it, so more could not keep up with a driver
 * that models one file at a time; they would only hold more trees. */
enum { KG_READER_MAX_THREADS = 4 };

/* A reader of paths[0..count) ("-" is standard input) with up to `threads`
 * worker threads (at most KG_READER_MAX_THREADS, and no more than there are
 * files), threads + 1 files ahead of the driver, or more while the files
 * ahead are small (48 MB of text in all, reader.c).  The texts of
 * the files go into `texts`, which must outlive diag (diagnostics quote
 * them).  paths must outlive the reader. */
kg_status kg_reader_new(kg_arena *texts, kg_diag *diag, char *const *paths,
                        size_t count, unsigned threads,
                        kg_reader **out) KG_NODISCARD;

/* Takes the next file: *name is its name as positions give it, *root its
 * YAML tree (NULL for a file with no document, or one that failed to load),
 * and the result is how loading it went: KG_OK, KG_ERR_FACTS or KG_ERR_IO
 * (its problems have been reported to diag), KG_ERR_NOMEM, or
 * KG_ERR_INTERRUPTED once the flag diag watches is set (kg_diag_watch:
 * workers then start no new file, and the caller should stop).  The tree
 * lives until the next call or kg_reader_free.  Call it at most `count`
 * times. */
kg_status kg_reader_next(kg_reader *reader, const char **name,
                         kg_ynode **root) KG_NODISCARD;

/* Stops the workers (files not yet taken are dropped, their diagnostics
 * unprinted) and frees everything but the texts of files taken.  NULL is
 * allowed. */
void kg_reader_free(kg_reader *reader);

#endif
