/* sources.h - stage 3b: quotes checked against the sources' archived copies.
 *
 * A source names its copy by file name (`local-copy: NAME`, never a path);
 * the copy is looked for in the `sources/` directory beside the fact file
 * that declares the source, then in the fact base's `sources/`, then in
 * each --sources directory in order.  A copy whose real path leaves the
 * directory it is looked for under (the fact file's, the fact base, the
 * --sources directory), or that is not a regular file, is refused unread;
 * a copy must be text as fact files are.
 * When it is found, its SHA-256 must be the one the source records
 * (`sha256:`), and every quote citing the source must occur in it, verbatim
 * up to Unicode NFC and runs of white space; each quote's place in the copy
 * is kept (kg_passage) for the exports, as W3C Web Annotation selectors.
 * docs/facts.md ("Archived copies") gives the rules for curators. */
#ifndef KG_SOURCES_H
#define KG_SOURCES_H

#include "model.h"

/* Where a quote is in a source's archived copy.  Offsets count the Unicode
 * code points of the copy's text in NFC (every code point, CR, LF and a
 * leading U+FEFF included), from 0; `end` is exclusive: a reader finds the
 * passage as nfc(copy)[start:end].  `exact` is that slice, as the copy has
 * it (its own white space); prefix and suffix are up to KG_PASSAGE_CONTEXT
 * code points either side (Web Annotation's TextQuoteSelector). */
enum { KG_PASSAGE_CONTEXT = 32 };

struct kg_passage {
  const kg_entity *source;
  uint64_t start, end;
  const char *exact, *prefix, *suffix; /* NUL-terminated UTF-8, NFC */
  size_t exact_len, prefix_len, suffix_len;
};

/* Where a source's archived copy was found, for the site (kg_model.copies,
 * by the source's index; NULL where no copy was found).  The site
 * reproduces a copy only when the project may publish it: the source
 * states `copy-licence` and the copy lies inside the fact base, never in an
 * outside archive directory (docs/site.md, "Archived copies"). */
struct kg_copy {
  const char *path; /* the file read */
  bool inside;      /* its real path is inside the fact base */
  bool checked;     /* text, and its SHA-256 the one recorded */
  const char *text; /* NFC, as passages count it: only when checked, inside
                       and licensed (else NULL); text_len bytes */
  size_t text_len;
};

/* Checks every source's archived copy and the quotes citing it; sets each
 * quoted provenance's `passages` and model->copies.  root is the fact base
 * (NULL: none); dirs are the --sources directories. Problems are reported to
 * diag: KG_ERR_FACTS when there were errors (a missing copy is one warning for
 * the run, with the count of quotes it leaves unchecked). */
kg_status kg_sources_check(kg_model *model, const char *root,
                           const char *const *dirs, size_t dir_count,
                           kg_diag *diag) KG_NODISCARD;

#endif
