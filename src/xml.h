/* xml.h - the libxml2 adapter: an XML document written element by element
 * to a stream, with libxml2's escaping.  Only xml.c calls libxml2; the
 * GraphML and GEXF writers sit on it. */
#ifndef KG_XML_H
#define KG_XML_H

#include "kg.h"

#include <stdio.h>

typedef struct kg_xml kg_xml;

/* Sets up libxml2 for use on several threads: call before they start. */
void kg_xml_setup(void);

/* Starts a document (XML declaration, UTF-8, two-space indentation) on a
 * stream the caller owns, flushes and checks. */
kg_xml *kg_xml_new(FILE *out) KG_NODISCARD;

/* Each call records the first failure; kg_xml_finish reports it.  Text and
 * attribute values are escaped, a carriage return as &#13; so that it
 * survives XML's line-end normalisation. */
void kg_xml_start(kg_xml *x, const char *element);
void kg_xml_start_ns(kg_xml *x, const char *element, const char *ns);
void kg_xml_attribute(kg_xml *x, const char *name, const char *value);
void kg_xml_text(kg_xml *x, const char *text);
void kg_xml_element(kg_xml *x, const char *element, const char *text);
void kg_xml_end(kg_xml *x);

/* Numbers as the writers put them in attributes and text, without
 * snprintf's cost (millions of ids and counts in a large network):
 * prefix and the decimal digits of v, into buf (room for 21 more bytes
 * than the prefix); and a double as "%.0f" writes it. */
void kg_xml_decimal(char *buf, const char *prefix, uint64_t v);
void kg_xml_integer(double v, char *buf, size_t size);

/* Closes every open element and flushes to the stream. */
kg_status kg_xml_finish(kg_xml *x) KG_NODISCARD;
void kg_xml_free(kg_xml *x);

#endif
