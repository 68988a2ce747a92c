/* gexf.c - the GEXF writer. */
#include "gexf.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libxml2 writes through these callbacks to the caller's stream; a short
 * write makes every later xmlTextWriter call return -1. */
static int write_cb(void *context, const char *buffer, int len)
{
  return fwrite(buffer, 1, (size_t)len, context) == (size_t)len ? len : -1;
}

static int close_cb(void *context)
{
  (void)context; /* the caller owns, flushes and closes the stream */
  return 0;
}

/* Vertex attributes GEXF carries elsewhere: the id, label and spell. */
static bool is_structural(const char *name)
{
  static const char *const skip[] = {"kg_id", "label", "start", "end", NULL};
  for (const char *const *s = skip; *s; ++s)
    if (!strcmp(name, *s))
      return true;
  return false;
}

/* Counts and partitions are whole numbers: Gephi partitions integers. */
static const char *gexf_type(const kg_graph_attr *a)
{
  static const char *const integers[] = {"degree_in", "degree_out", "community",
                                         "component", NULL};
  if (!a->numeric)
    return "string";
  for (const char *const *s = integers; *s; ++s)
    if (!strcmp(a->name, *s))
      return "integer";
  return "double";
}

typedef struct {
  xmlTextWriterPtr w;
  int rc; /* the first negative result of a libxml2 call */
} writer;

#define X(call)                \
  do {                         \
    int rc_ = (call);          \
    if (rc_ < 0 && !wr->rc)    \
      wr->rc = rc_;            \
  } while (0)

static void attr(writer *wr, const char *name, const char *value)
{
  X(xmlTextWriterWriteAttribute(wr->w, BAD_CAST name, BAD_CAST value));
}

static void declare(writer *wr, const char *cls, const kg_graph_attr *attrs,
                    size_t count, bool vertex)
{
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "attributes"));
  attr(wr, "class", cls);
  for (size_t i = 0; i < count; ++i) {
    if ((vertex && is_structural(attrs[i].name)) ||
        (!vertex && (!strcmp(attrs[i].name, "weight") ||
                     !strcmp(attrs[i].name, "label"))))
      continue;
    X(xmlTextWriterStartElement(wr->w, BAD_CAST "attribute"));
    attr(wr, "id", attrs[i].name);
    attr(wr, "title", attrs[i].name);
    attr(wr, "type", gexf_type(&attrs[i]));
    X(xmlTextWriterEndElement(wr->w));
  }
  X(xmlTextWriterEndElement(wr->w));
}

static void number_text(double x, const char *type, char *buf, size_t size)
{
  if (!strcmp(type, "integer"))
    snprintf(buf, size, "%.0f", x);
  else
    snprintf(buf, size, "%.17g", x);
}

static void values(writer *wr, const kg_graph *g, const kg_graph_attr *attrs,
                   size_t count, bool vertex, size_t i)
{
  bool open = false;
  for (size_t a = 0; a < count; ++a) {
    const char *name = attrs[a].name;
    if ((vertex && is_structural(name)) ||
        (!vertex && (!strcmp(name, "weight") || !strcmp(name, "label"))))
      continue;
    char number[64];
    const char *value;
    if (attrs[a].numeric) {
      double x = vertex ? kg_graph_vertex_number(g, name, i)
                        : kg_graph_edge_number(g, name, i);
      if (!isfinite(x))
        continue; /* absent: GEXF has no NaN, and "no value" is the truth */
      number_text(x, gexf_type(&attrs[a]), number, sizeof number);
      value = number;
    } else {
      value = vertex ? kg_graph_vertex_text(g, name, i)
                     : kg_graph_edge_text(g, name, i);
      if (!value || !*value)
        continue;
    }
    if (!open) {
      X(xmlTextWriterStartElement(wr->w, BAD_CAST "attvalues"));
      open = true;
    }
    X(xmlTextWriterStartElement(wr->w, BAD_CAST "attvalue"));
    attr(wr, "for", name);
    attr(wr, "value", value);
    X(xmlTextWriterEndElement(wr->w));
  }
  if (open)
    X(xmlTextWriterEndElement(wr->w));
}

static void spell(writer *wr, const char *start, const char *end)
{
  if ((!start || !*start) && (!end || !*end))
    return;
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "spells"));
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "spell"));
  if (start && *start)
    attr(wr, "start", start);
  if (end && *end)
    attr(wr, "end", end);
  X(xmlTextWriterEndElement(wr->w));
  X(xmlTextWriterEndElement(wr->w));
}

static void nodes(writer *wr, const kg_graph *g, const kg_graph_attr *attrs,
                  size_t count)
{
  size_t n = kg_graph_vertex_count(g);
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "nodes"));
  for (size_t v = 0; v < n; ++v) {
    X(xmlTextWriterStartElement(wr->w, BAD_CAST "node"));
    attr(wr, "id", kg_graph_vertex_text(g, "kg_id", v));
    attr(wr, "label", kg_graph_vertex_text(g, "label", v));
    values(wr, g, attrs, count, true, v);
    spell(wr, kg_graph_vertex_text(g, "start", v), kg_graph_vertex_text(g, "end", v));
    X(xmlTextWriterEndElement(wr->w));
  }
  X(xmlTextWriterEndElement(wr->w));
}

/* An edge lives as long as the entity that states it: an appointment's
 * `holder` and `post` edges carry the appointment's spell. */
static void edges(writer *wr, const kg_graph *g, const kg_graph_attr *attrs,
                  size_t count)
{
  size_t m = kg_graph_edge_count(g);
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "edges"));
  for (size_t e = 0; e < m; ++e) {
    size_t from, to;
    char id[32];
    kg_graph_edge_ends(g, e, &from, &to);
    snprintf(id, sizeof id, "e%zu", e);
    const char *key = kg_graph_edge_text(g, "label", e);
    X(xmlTextWriterStartElement(wr->w, BAD_CAST "edge"));
    attr(wr, "id", id);
    attr(wr, "source", kg_graph_vertex_text(g, "kg_id", from));
    attr(wr, "target", kg_graph_vertex_text(g, "kg_id", to));
    attr(wr, "label", key);
    attr(wr, "kind", key);
    attr(wr, "weight", "1.0");
    values(wr, g, attrs, count, false, e);
    spell(wr, kg_graph_vertex_text(g, "start", from),
          kg_graph_vertex_text(g, "end", from));
    X(xmlTextWriterEndElement(wr->w));
  }
  X(xmlTextWriterEndElement(wr->w));
}

kg_status kg_gexf_write(const kg_graph *g, FILE *out)
{
  kg_status st = KG_OK;
  kg_graph_attr *vattrs = NULL, *eattrs = NULL;
  size_t vcount = 0, ecount = 0;
  writer wrv = {0}, *wr = &wrv;
  TRY(kg_graph_attributes(g, true, &vattrs, &vcount));
  TRY(kg_graph_attributes(g, false, &eattrs, &ecount));
  xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_cb, close_cb, out, NULL);
  if (!buf) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  wr->w = xmlNewTextWriter(buf); /* owns buf from here on */
  if (!wr->w) {
    xmlOutputBufferClose(buf);
    st = KG_ERR_NOMEM;
    goto out;
  }
  X(xmlTextWriterSetIndent(wr->w, 1));
  X(xmlTextWriterSetIndentString(wr->w, BAD_CAST "  "));
  X(xmlTextWriterStartDocument(wr->w, "1.0", "UTF-8", NULL));
  X(xmlTextWriterStartElementNS(wr->w, NULL, BAD_CAST "gexf",
                                BAD_CAST "http://gexf.net/1.3"));
  attr(wr, "version", "1.3");
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "meta"));
  /* A date only when SOURCE_DATE_EPOCH asks for one: the same facts must
   * give the same bytes. */
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  if (epoch && *epoch) {
    char *end;
    long long secs = strtoll(epoch, &end, 10);
    time_t t = (time_t)secs;
    struct tm tm;
    char day[16];
    if (!*end && secs >= 0 && gmtime_r(&t, &tm) &&
        strftime(day, sizeof day, "%Y-%m-%d", &tm))
      attr(wr, "lastmodifieddate", day);
  }
  X(xmlTextWriterWriteElement(wr->w, BAD_CAST "creator", BAD_CAST "kgbuild"));
  X(xmlTextWriterWriteElement(
      wr->w, BAD_CAST "description",
      BAD_CAST "Entities and relations compiled from curated facts"));
  X(xmlTextWriterEndElement(wr->w));
  X(xmlTextWriterStartElement(wr->w, BAD_CAST "graph"));
  attr(wr, "defaultedgetype", "directed");
  attr(wr, "mode", "dynamic");
  attr(wr, "timeformat", "date");
  declare(wr, "node", vattrs, vcount, true);
  declare(wr, "edge", eattrs, ecount, false);
  nodes(wr, g, vattrs, vcount);
  edges(wr, g, eattrs, ecount);
  X(xmlTextWriterEndDocument(wr->w));
  X(xmlTextWriterFlush(wr->w));
  if (wr->rc < 0)
    st = KG_ERR_IO;
out:
  if (wr->w)
    xmlFreeTextWriter(wr->w);
  kg_graph_attributes_free(vattrs, vcount);
  kg_graph_attributes_free(eattrs, ecount);
  return st;
}
