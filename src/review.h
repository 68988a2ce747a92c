/* review.h - for reviewers of a fact base: `kgbuild show ID` prints one
 * entity as a reviewer wants it, and `kgbuild diff OLD NEW` lists what a
 * change to the facts adds, removes and changes.  Both read checked models. */
#ifndef KG_REVIEW_H
#define KG_REVIEW_H

#include "model.h"

#include <stdio.h>

/* Prints the entity: its facts grouped by key, its relationships in both
 * directions, the posts a person held through appointments, and every
 * source with its quoted passage.  An unknown id is
 * reported to diag (with the nearest id) and gives KG_ERR_FACTS. */
kg_status kg_show(const kg_model *model, const char *base, const char *id,
                  FILE *out, kg_diag *diag) KG_NODISCARD;

/* Prints the differences between two models of the same ontology (with
 * `stat`, only how many entities of each class were added, removed and
 * changed); *changes counts the entities added, removed or changed. */
kg_status kg_diff(const kg_model *old_model, const kg_model *new_model,
                  FILE *out, bool stat, size_t *changes) KG_NODISCARD;

#endif
