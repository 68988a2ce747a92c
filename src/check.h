/* check.h - stage 3: the facts as a whole.  Resolves references and
 * sources, adds the statements the ontology implies (inverse, symmetric),
 * and checks functional keys, required keys, end-not-before-start and
 * acyclic relations.  Afterwards entities are in id order and statements
 * sorted by subject, property and object: the order every export uses, so
 * that the order of files and entries never shows in the output. */
#ifndef KG_CHECK_H
#define KG_CHECK_H

#include "model.h"

kg_status kg_check(kg_model *model, kg_diag *diag) KG_NODISCARD;

#endif
