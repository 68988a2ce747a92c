/* jsonw.h - the JSON text writer: strings escaped for every JSON kgbuild
 * writes by hand (diagnostics, the language server's responses, stats,
 * the JSON-LD export).  Plain C over stdio, no library and no ontology, so
 * that the diagnostics sink at the bottom of the layer map
 * (docs/design-notes.md) can use it without reaching up to json.c. */
#ifndef KG_JSONW_H
#define KG_JSONW_H

#include "kg.h"

#include <stdio.h>

/* Writes len bytes of UTF-8 as a JSON string, escaped as jansson escapes:
 * \" \\ \b \f \n \r \t, and \u00XX for the other controls (NUL included).
 * The one JSON string writer of kgbuild. */
void kg_json_write_string(FILE *out, const char *s, size_t len);
/* The same for a C string; NULL writes "". */
void kg_json_string(FILE *out, const char *s);

#endif
