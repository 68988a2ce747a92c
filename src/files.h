/* files.h - finding input files: a file is taken as given; a directory is
 * searched recursively for files with the wanted extensions.  The result is
 * sorted bytewise, so that the order of files never depends on the file
 * system (the exports must not either). */
#ifndef KG_FILES_H
#define KG_FILES_H

#include "arena.h"
#include "diag.h"

/* Appends the paths (allocated in arena) to out.  Unreadable directories are
 * reported and give KG_ERR_IO; what is not a regular file (a FIFO would
 * block its reader) too.  Nothing is taken whose real path leaves the
 * directory that holds `path` as written (the fact base, for its facts/):
 * such a link is reported (KG_ERR_FACTS) and not read, as fact bases come
 * from pull requests (docs/reliability.md, "Untrusted input"). */
kg_status kg_files_collect(kg_arena *arena, kg_diag *diag, const char *path,
                           const char *const *extensions,
                           kg_vec *out) KG_NODISCARD;

/* The same, bounded by directory `dir` itself, links followed (an
 * ontology/ that is a link to a shared ontology; nothing may link out of
 * it). */
kg_status kg_files_collect_in(kg_arena *arena, kg_diag *diag, const char *dir,
                              const char *const *extensions,
                              kg_vec *out) KG_NODISCARD;

/* Would walking directory dir have met path (a file with one of the
 * extensions, in dir or below it)?  Then the walk kept it, or reported
 * why not. */
bool kg_files_walked(const char *dir, const char *path,
                     const char *const *extensions);

/* Sorts a vector of C strings bytewise and removes repeated paths. */
void kg_files_sort(kg_vec *paths);

#endif
