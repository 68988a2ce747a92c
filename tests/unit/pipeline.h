/* pipeline.h - the stages up to check, for the unit tests, through the
 * pipeline module every front end drives (build.h): an ontology directory,
 * fact files given as strings (build.h's text trees), and every diagnostic
 * kept as a JSON line (--diagnostics=json) so that a test can look for a
 * code at a place.  Included by one test file each, so its functions are
 * static inline. */
#ifndef KG_TEST_PIPELINE_H
#define KG_TEST_PIPELINE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "check.h"
#include "load.h"
#include "model.h"
#include "ontology.h"
#include "rdf.h"

/* Run from the repository root, as tests/t/10-unit.t and `make unit` do. */
#define KG_ONTOLOGY_DIR "ontology"

typedef struct {
  kg_arena *arena;
  kg_map *strings;
  kg_rdf *rdf;
  kg_diag *diag;
  FILE *out; /* the diagnostics, one JSON object a line, into text */
  char *text;
  size_t size;
  kg_ontology onto;
  kg_model model;
  bool model_ready;
} pipeline;

/* The sink and the ontology in dir; KG_OK or the status of the load. */
static inline kg_status pipeline_open(pipeline *p, const char *dir)
{
  memset(p, 0, sizeof *p);
  p->out = open_memstream(&p->text, &p->size);
  p->arena = kg_arena_new();
  p->strings = p->arena ? kg_map_new(p->arena) : NULL;
  p->rdf = kg_rdf_new();
  p->diag = p->out ? kg_diag_new(p->out, KG_DIAG_JSON, false) : NULL;
  if (!p->out || !p->strings || !p->rdf || !p->diag)
    return KG_ERR_NOMEM;
  kg_status st =
      kg_ontology_load(&p->onto, p->arena, p->strings, p->rdf, p->diag, dir);
  if (st != KG_OK)
    return st;
  st = kg_model_init(&p->model, p->arena, p->strings, &p->onto);
  p->model_ready = st == KG_OK;
  return st;
}

/* Loads and models one fact file (yaml must outlive the pipeline). */
static inline kg_status pipeline_add(pipeline *p, const char *name,
                                     const char *yaml)
{
  const char *names[] = {name}, *texts[] = {yaml};
  kg_text_trees t;
  kg_trees trees;
  kg_text_trees_init(&t, p->arena, p->diag, names, texts, 1, &trees);
  return kg_build_model(&p->model, &trees, p->diag, NULL, NULL);
}

/* The checks, as `kgbuild check` runs them: the model's, then the quotes
 * against the archived copies in dirs. */
static inline kg_status pipeline_check(pipeline *p, const char *const *dirs,
                                       size_t count)
{
  return kg_build_check(&p->model, NULL, dirs, count, p->diag);
}

/* The diagnostics so far. */
static inline const char *pipeline_diagnostics(pipeline *p)
{
  fflush(p->out);
  return p->text ? p->text : "";
}

/* How many diagnostics there are, and how many say `code` with `severity`
 * at file:line:col (line 0: anywhere). */
static inline size_t pipeline_count(pipeline *p, const char *file,
                                    unsigned line, unsigned col,
                                    const char *severity, const char *code)
{
  char want[256];
  if (line)
    snprintf(want, sizeof want,
             "{\"file\":\"%s\",\"line\":%u,\"column\":%u,\"severity\":\"%s\","
             "\"code\":\"%s\"",
             file, line, col, severity, code);
  else
    snprintf(want, sizeof want, "\"severity\":\"%s\",\"code\":\"%s\"", severity,
             code);
  size_t n = 0;
  for (const char *s = pipeline_diagnostics(p); (s = strstr(s, want)); ++s)
    ++n;
  return n;
}

static inline size_t pipeline_lines(pipeline *p)
{
  size_t n = 0;
  for (const char *s = pipeline_diagnostics(p); *s; ++s)
    n += *s == '\n';
  return n;
}

static inline void pipeline_close(pipeline *p)
{
  if (p->model_ready)
    kg_model_free(&p->model);
  kg_ontology_free(&p->onto);
  kg_diag_free(p->diag);
  kg_rdf_free(p->rdf);
  kg_map_free(p->strings);
  kg_arena_free(p->arena);
  if (p->out)
    fclose(p->out);
  free(p->text);
}

#endif
