/* commands.c - the commands of the command line: their table, and each
 * command a short function over the pipeline helpers below, which run the
 * stages in order (ontology, facts, check, graph, analyse, emit); each
 * stage reads the previous stage's data only.  main.c parses the command
 * line and dispatches here (commands.h). */
#include "commands.h"

#include "build.h"
#include "check.h"
#include "files.h"
#include "graph.h"
#include "json.h"
#include "load.h"
#include "lsp.h"
#include "model.h"
#include "ontology.h"
#include "pool.h"
#include "publish.h"
#include "push.h"
#include "rdf.h"
#include "review.h"
#include "stats.h"
#include "triples.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The stages' data for one run; each command fills what it needs. */
struct kg_pipeline {
  const kg_options *opt;
  kg_diag *diag;
  volatile sig_atomic_t *interrupted; /* set by main.c's signal handler */
  kg_arena *arena;
  kg_map *strings;
  kg_rdf *rdf;
  kg_ontology onto;
  kg_model model;
  kg_graph *graph;
};

static kg_status cmd_build(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_check(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_stats(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_schema(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_show(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_diff(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_init(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_import(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_lsp(kg_pipeline *p) KG_NODISCARD;
static kg_status cmd_push(kg_pipeline *p) KG_NODISCARD;

/* The first row is the command run when none is named. */
const kg_command kg_commands[] = {
    {"build", "[OPTIONS] [FACTS...]", "(none)",
     "compile and write every export to exports/",
     "Compile the facts (files or directories; default 'facts')\n"
     "against the ontology and write every export to exports/, or\n"
     "one export with --format.",
     cmd_build, OUT_EXPORTS, 0, 0, -1, NULL},
    {"check", "[OPTIONS] [FACTS...]", "check [FILE...]",
     "load and check the facts only; write nothing",
     "Load and check the facts; write nothing.  Reports every\n"
     "problem as file:line:column and exits 1 if there was any.\n"
     "Fact files (not directories) of a fact base are checked\n"
     "against the whole fact base, and only their problems reported.",
     cmd_check, OUT_NONE, KG_CMD_IN_CONTEXT, 0, -1, NULL},
    {"stats", "[--json] [OPTIONS] [FACTS...]", "stats [--json]",
     "print graph analytics: degrees, betweenness,\n"
     "PageRank, communities, components",
     "Print the network's analytics, highest PageRank first:\n"
     "in and out degree, betweenness, PageRank, community\n"
     "(Leiden, modularity, fixed seed) and weakly connected component.",
     cmd_stats, OUT_NONE, KG_CMD_JSON, 0, -1, NULL},
    {"schema", "[-o FILE] [--ontology=DIR]", "schema [-o FILE]",
     "write the JSON Schema of the fact format (for\n"
     "editors with the YAML language server)",
     "Write the JSON Schema of the fact format, derived from the\n"
     "ontology, for editors with the YAML language server.",
     cmd_schema, OUT_FILE, 0, 0, -1, NULL},
    {"show", "ID [OPTIONS] [FACTS...]", "show ID",
     "print one entity, its relationships both ways,\n"
     "and its sources with their quotes",
     "Print one entity as a reviewer wants it: its facts grouped\n"
     "by key, its relationships in both directions, and every\n"
     "source with its quoted passage.",
     cmd_show, OUT_NONE, 0, 1, -1, "the id of an entity"},
    {"diff", "[--stat] [REV | REV1 REV2 | REV1..REV2 | OLD NEW] [OPTIONS]",
     "diff [REV|OLD NEW]",
     "entities and statements added, removed, changed\n"
     "between two fact trees or git revisions",
     "Compare two fact trees (files or directories) checked\n"
     "against the same ontology: entities and statements added (+),\n"
     "removed (-) and changed (~), each value with its rank,\n"
     "qualifiers and sources.  With REV (default HEAD), compare the\n"
     "facts/ of git revision REV of this fact base with the working\n"
     "one; with REV1 REV2 or REV1..REV2, two revisions.  --stat: the\n"
     "counts only.  Exit status: 0 the same; 1 they differ; 2 either\n"
     "tree has errors, a usage error, an unknown REV or no git\n"
     "repository; 3 I/O or system error.",
     cmd_diff, OUT_NONE, KG_CMD_STAT, 0, 2,
     "REV, REV1 REV2, REV1..REV2, or two fact trees OLD and NEW"},
    {"init", "[DIR]", "init [DIR]",
     "create a new fact base in DIR (default: here)",
     "Create a new fact base in DIR (default: the current\n"
     "directory): facts/ with one commented example, sources/,\n"
     ".gitignore and a README.  Refuses if DIR has facts/ already.",
     cmd_init, OUT_NONE, KG_CMD_MAKES_BASE, 0, 1, "at most one directory"},
    {"import", "FORMAT FILE [--out=DIR] [--mapping=MAP] [--accessed=DATE]",
     "import FORMAT FILE",
     "a new fact file from Popolo, FollowTheMoney,\n"
     "Wikidata or CSV data (docs/facts.md, Importing)",
     "Write FILE's people, organisations, posts and appointments\n"
     "as a new fact file; FORMAT is popolo, ftm, wikidata or csv.\n"
     "Its options are its own: kgbuild import --help.",
     cmd_import, OUT_NONE, KG_CMD_MAKES_BASE, 2, 2,
     "a FORMAT (popolo, ftm, wikidata, csv) and a FILE"},
    {"lsp", "[--ontology=DIR]", "lsp",
     "serve the Language Server Protocol on standard\n"
     "input and output, for editors (docs/editors.md)",
     "Serve the Language Server Protocol on standard input and\n"
     "output: check's diagnostics as you type, completion of ids\n"
     "and keys, definition, hover, references, rename, symbols.",
     cmd_lsp, OUT_NONE, 0, 0, 0, NULL},
    {"push", "URL [--dry-run] [--timeout=S] [OPTIONS] [FACTS...]", "push URL",
     "send the graphs that changed into a SPARQL store's\n"
     "Graph Store endpoint (docs/stores.md)",
     "Compile the facts and publish them into a running SPARQL store\n"
     "through its Graph Store HTTP Protocol endpoint URL (Virtuoso:\n"
     "http://HOST:PORT/sparql-graph-crud-auth): one named graph per\n"
     "source and one for the ontology, as kg.nq.  Only graphs whose\n"
     "content changed since the last push are sent, graphs of removed\n"
     "sources are dropped, and the manifest graph BASE_push is written\n"
     "last.  Credentials come from ~/.netrc or KGBUILD_PUSH_USER and\n"
     "KGBUILD_PUSH_PASSWORD, never the command line.  --dry-run lists\n"
     "what would change; --timeout=S limits connecting and stalls\n"
     "(default 30).  Exit 3 when the store cannot be reached or\n"
     "refuses; the next push repairs a failed one.",
     cmd_push, OUT_NONE, KG_CMD_PUSH, 1, -1,
     "the URL of a Graph Store endpoint"},
};

const size_t kg_command_count = sizeof kg_commands / sizeof *kg_commands;

/* -j, or one thread per processor this process may run on. */
static unsigned jobs(const kg_options *opt)
{
  if (opt->jobs)
    return opt->jobs;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

/* Threads that read fact files ahead of the one being modelled.  The
 * driver mostly waits for them (parsing costs 2.5 times what modelling
 * does), so there are as many as -j, up to the reader's own bound; with
 * -j 1, none: each file is read on the driver's thread when it is
 * modelled. */
static unsigned readers(const kg_options *opt)
{
  unsigned n = jobs(opt);
  return n > 1 ? n : 0;
}

static kg_status worse(kg_status a, kg_status b)
{
  return kg_build_worse(a, b);
}

/* ---- the pipeline -------------------------------------------------------- */

/* Progress on a terminal, for long builds: files and facts read so far,
 * redrawn at most ten times a second, and only once a build has taken half
 * a second; nothing at all on a pipe or with -q. */
typedef struct {
  bool enabled, shown;
  double start, last;
} progress;

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_update(void *ctx, size_t done, size_t total, size_t facts)
{
  progress *p = ctx;
  if (!p->enabled)
    return;
  double t = now();
  if (t - p->start < 0.5 || t - p->last < 0.1)
    return;
  p->last = t;
  p->shown = true;
  fprintf(stderr, "\rkgbuild: reading facts: %zu/%zu files, %zu facts\033[K",
          done, total, facts);
  fflush(stderr);
}

static void progress_clear(progress *p)
{
  if (p->shown)
    fputs("\r\033[K", stderr);
}

static const char *const fact_extensions[] = {".yaml", ".yml", NULL};

/* Would the walk of facts/ name path exactly so (facts/sub/x.yaml)? */
static bool named_as_walked(const char *facts, const char *path)
{
  size_t n = strlen(facts);
  return !strncmp(path, facts, n) && path[n] == '/' &&
         !strstr(path + n, "//") && !strstr(path + n, "/./") &&
         !strstr(path + n, "/../");
}

/* A given file the walk of facts/ did not keep: the walk reported why (a
 * link out of the fact base, not a regular file), shown if it named the
 * file as given (kg_diag_only); otherwise, and for any other file, the
 * file is taken as given, its links checked as the walk's (files.h). */
static kg_status add_other(kg_pipeline *p, char *input, kg_vec *paths)
{
  const char *facts = p->opt->fact_base->facts;
  if (kg_is_dir(input)) /* load.c says it is not a fact file */
    return kg_vec_push(paths, input);
  if (kg_files_walked(facts, input, fact_extensions) &&
      named_as_walked(facts, input))
    return KG_OK;
  return kg_files_collect(p->arena, p->diag, input, fact_extensions, paths);
}

/* check FILE... in context: the given files among the fact base's, named
 * as given (so that diagnostics name them so, and kg_diag_only matches
 * them); one outside facts/ is added.  Paths are compared resolved. */
static kg_status add_given(kg_pipeline *p, kg_vec *paths)
{
  const kg_options *opt = p->opt;
  kg_status st = KG_OK;
  int n = opt->input_count;
  char(*want)[PATH_MAX] = kg_calloc((size_t)n, sizeof *want);
  bool *found = kg_calloc((size_t)n, sizeof *found);
  char have[PATH_MAX];
  if (!want || !found) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (int i = 0; i < n; ++i)
    if (!realpath(opt->inputs[i], want[i]))
      want[i][0] = '\0';
  for (size_t j = 0; j < paths->count; ++j)
    for (int i = 0; i < n && (i || realpath(paths->items[j], have)); ++i)
      if (!strcmp(want[i], have)) {
        paths->items[j] = opt->inputs[i];
        found[i] = true;
      }
  for (int i = 0; i < n && st != KG_ERR_NOMEM; ++i)
    if (!found[i])
      st = worse(st, add_other(p, opt->inputs[i], paths));
  kg_files_sort(paths);
out:
  kg_free(want);
  kg_free(found);
  return st;
}

/* The fact files named by FACTS (default: the fact base's facts/), sorted;
 * with check FILE... in context, the whole fact base's. */
static kg_status collect_paths(kg_pipeline *p, char **given, int given_count,
                               kg_vec *paths)
{
  char *default_inputs[] = {p->opt->fact_base->facts};
  kg_status st =
      kg_build_paths(p->arena, p->diag, given_count ? given : default_inputs,
                     given_count ? (size_t)given_count : 1, paths);
  if (p->opt->in_context && !given_count && st != KG_ERR_NOMEM)
    st = worse(st, add_given(p, paths));
  if (paths->count == 0 && st == KG_OK) {
    kg_error(p->diag, (kg_pos){0}, "no-facts", "no fact files (*.yaml) found");
    st = KG_ERR_FACTS;
  }
  return st;
}

/* Loads and models every fact file into `model`, reporting problems in all
 * of them.  Files are read and parsed ahead on threads while the one
 * before is modelled (build.h's files on disk).  Each text stays
 * (diagnostics quote it); each YAML tree is freed once its file is
 * modelled, so memory grows with the facts, not with the YAML. */
static kg_status load_facts(kg_pipeline *p, kg_model *model, char **given,
                            int given_count)
{
  progress bar = {.enabled = p->opt->progress, .start = now()};
  kg_trees trees = {0};
  kg_vec paths = {0};
  kg_status st = collect_paths(p, given, given_count, &paths);
  if (st == KG_ERR_NOMEM)
    goto out;
  if (kg_disk_trees_new(p->arena, p->diag, (char *const *)paths.items,
                        paths.count, readers(p->opt), &trees) != KG_OK) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  kg_status modelled =
      kg_build_model(model, &trees, p->diag, progress_update, &bar);
  st = modelled == KG_ERR_NOMEM || modelled == KG_ERR_INTERRUPTED
           ? modelled
           : worse(st, modelled);
  progress_clear(&bar);
out:
  kg_disk_trees_free(&trees);
  kg_vec_free(&paths);
  return st;
}

/* Loads FACTS into `model` and checks them, with `quotes` the quotes too
 * (build.h; show and diff read the facts, not the copies).  Errors in the
 * facts do not stop the check, which runs on what could be modelled, so
 * that one run reports the problems of every stage; running out of memory
 * and being interrupted do stop. */
static kg_status load_and_check(kg_pipeline *p, kg_model *model, char **inputs,
                                int count, bool quotes)
{
  kg_status loaded = load_facts(p, model, inputs, count);
  /* An unreadable file (KG_ERR_IO) is one problem among others: the files
   * that could be read are checked too. */
  if (loaded != KG_OK && loaded != KG_ERR_FACTS && loaded != KG_ERR_IO)
    return loaded;
  if (*p->interrupted)
    return KG_ERR_INTERRUPTED;
  kg_status checked =
      quotes ? kg_build_check(model, p->opt->fact_base->root, p->opt->archives,
                              p->opt->archive_count, p->diag)
             : kg_check(model, p->diag);
  if (checked == KG_OK && *p->interrupted)
    checked = KG_ERR_INTERRUPTED;
  return worse(loaded, checked);
}

/* The run's own model of FACTS, loaded and checked. */
static kg_status model_facts(kg_pipeline *p, char **inputs, int count)
{
  kg_status st = KG_OK;
  TRY(kg_model_init(&p->model, p->arena, p->strings, &p->onto));
  TRY(load_and_check(p, &p->model, inputs, count, true));
out:
  /* Every stage's findings at once, sorted by place: the model's, the
   * check's and the quotes' of one file interleave by line. */
  kg_diag_flush(p->diag);
  return st;
}

/* The network, and its analytics, only as far as something reads them. */
static kg_status build_graph(kg_pipeline *p, kg_needs needs)
{
  kg_status st = KG_OK;
  if (needs >= KG_NEEDS_GRAPH)
    TRY(kg_graph_build(&p->model, p->opt->base, &p->graph));
  if (needs >= KG_NEEDS_ANALYTICS)
    TRY(kg_graph_analyse_some(p->graph, p->opt->measures));
out:
  return st;
}

/* The status of a command's writing to standard output: when it failed
 * (a full disk, a closed pipe), say so, with the reason. */
static kg_status to_stdout(kg_pipeline *p, kg_status st)
{
  if (st == KG_ERR_IO)
    kg_error(p->diag, (kg_pos){"<stdout>", 0, 0}, "io", "cannot write: %s",
             errno ? strerror(errno) : "error");
  return st;
}

static void print_summary(const kg_options *opt, const kg_model *model,
                          const kg_network *net, size_t triples)
{
  if (opt->diagnostics == KG_DIAG_JSON)
    return; /* stderr carries JSON objects only */
  size_t asserted = 0, derived = 0, edges = 0;
  const kg_statement *prev = NULL; /* the last edge counted */
  for (size_t i = 0; i < model->statements.count; ++i) {
    const kg_statement *s = model->statements.items[i];
    if (s->derived)
      ++derived;
    else
      ++asserted;
    /* what the network draws: one edge per relation, however many
     * asserted statements (spells) give it; they are adjacent but for
     * derived twins between them, which are not edges */
    if (!s->object || s->derived ||
        (prev && prev->subject == s->subject && prev->prop == s->prop &&
         prev->object == s->object))
      continue;
    ++edges;
    prev = s;
  }
  fprintf(stderr,
          "kgbuild: %zu file%s, %zu entities, %zu statements (%zu implied)",
          model->files, model->files == 1 ? "" : "s", model->entities.count,
          asserted, derived);
  if (net && triples)
    fprintf(stderr, " -> %zu triples, %zu nodes, %zu edges", triples,
            model->entities.count, edges);
  else if (net)
    fprintf(stderr, " -> %zu nodes, %zu edges", model->entities.count, edges);
  if (!net)
    fputs("; facts are valid", stderr);
  fputc('\n', stderr); /* the files written: print_written */
}

/* ---- emitting ------------------------------------------------------------ */

/* The backends --format chose (every one without it), in table order. */
static kg_status chosen_backends(const kg_options *opt, const kg_backend ***out,
                                 size_t *count)
{
  size_t n = 0;
  const kg_backend **chosen =
      kg_malloc((kg_backend_count + 1) * sizeof *chosen);
  if (!chosen)
    return KG_ERR_NOMEM;
  if (opt->format)
    chosen[n++] = opt->format;
  else if (opt->group)
    for (const char *const *m = opt->group->members; *m; ++m)
      chosen[n++] = kg_backend_find(*m);
  else /* a directory export (the site) only when asked for */
    for (size_t i = 0; i < kg_backend_count; ++i)
      if (!kg_backends[i].write_dir)
        chosen[n++] = &kg_backends[i];
  *out = chosen;
  *count = n;
  return KG_OK;
}

/* What the chosen backends read, and whether one writes triples. */
static kg_needs needs_of(const kg_backend *const *chosen, size_t count,
                         bool *rdf)
{
  kg_needs needs = KG_NEEDS_MODEL;
  *rdf = false;
  for (size_t i = 0; i < count; ++i) {
    needs = chosen[i]->needs > needs ? chosen[i]->needs : needs;
    *rdf = *rdf || chosen[i]->rdf;
  }
  return needs;
}

/* Writes the chosen exports: one to standard output or to -o FILE, a group
 * into -o DIR or the exports directory, or all into the exports
 * directory. */
static kg_status emit_chosen(kg_pipeline *p, const kg_network *net,
                             const kg_backend *const *chosen, size_t count)
{
  const kg_options *opt = p->opt;
  if (opt->group || (opt->format && opt->format->write_dir))
    return kg_emit_files(net, chosen, count,
                         opt->output ? opt->output : opt->exports_dir, NULL,
                         jobs(opt), p->diag, p->interrupted);
  if (opt->format && (!opt->output || !strcmp(opt->output, "-")))
    return kg_emit_stream(net, chosen[0], stdout, "<stdout>", p->diag);
  if (opt->format)
    return kg_emit_files(net, chosen, 1, NULL, opt->output, 1, p->diag,
                         p->interrupted);
  return kg_emit_files(net, chosen, count, opt->exports_dir, NULL, jobs(opt),
                       p->diag, p->interrupted);
}

/* Names the files a build wrote into the exports directory, unless -q:
 * --compress writes kg.ttl.zst in place of kg.ttl (the plain one is gone
 * from the new set), which a script reading kg.ttl must hear of. */
static void print_written(const kg_options *opt, const kg_backend **chosen,
                          size_t count)
{
  if (opt->quiet || opt->format || opt->group ||
      opt->diagnostics == KG_DIAG_JSON)
    return;
  fprintf(stderr, "kgbuild: wrote %s/:", opt->exports_dir);
  for (size_t i = 0; i < count; ++i)
    fprintf(stderr, " %s", chosen[i]->file_name);
  const char *sep = " (compressed only, --compress: no plain ";
  size_t suffix = strlen(kg_compression_suffix(opt->compress));
  for (size_t i = 0; i < count; ++i)
    if (kg_backend_compression(chosen[i]) != KG_COMPRESS_NONE) {
      fprintf(stderr, "%s%.*s", sep,
              (int)(strlen(chosen[i]->file_name) - suffix),
              chosen[i]->file_name);
      sep = ", ";
    }
  fputs(suffix ? ")\n" : "\n", stderr);
}

/* --compress: the RDF exports written compressed (backends.h). */
static kg_status emit(kg_pipeline *p, const kg_network *net,
                      const kg_backend **chosen, size_t count)
{
  kg_backend *copies = NULL;
  kg_status st = kg_backends_compress(chosen, count, p->opt->compress, &copies);
  if (st == KG_OK)
    st = emit_chosen(p, net, chosen, count);
  if (st == KG_OK)
    print_written(p->opt, chosen, count);
  kg_free(copies);
  return st;
}

/* ---- the commands -------------------------------------------------------- */

static kg_status cmd_build(kg_pipeline *p)
{
  kg_status st = KG_OK;
  const kg_options *opt = p->opt;
  const kg_backend **chosen = NULL;
  size_t count = 0, triples = 0;
  bool rdf = false;
  TRY(model_facts(p, opt->inputs, opt->input_count));
  TRY(chosen_backends(opt, &chosen, &count));
  TRY(build_graph(p, needs_of(chosen, count, &rdf)));
  kg_network net = {&p->onto, &p->model, p->graph, opt->base};
  /* The triples are counted, and their statement IRIs checked, only when
   * an RDF export is written (a full extra walk over the network). */
  if (rdf)
    TRY(kg_network_verify(&net, p->diag, &triples));
  TRY(emit(p, &net, chosen, count));
  if (!opt->quiet)
    print_summary(opt, &p->model, &net, triples);
out:
  kg_free(chosen);
  return st;
}

/* check FILE... in context reports only those files' problems, so the
 * status of the rest does not count: a file is checked and clean though
 * another is not. */
static kg_status cmd_check(kg_pipeline *p)
{
  kg_status st = KG_OK;
  const kg_options *opt = p->opt;
  if (opt->in_context)
    kg_diag_only(p->diag, (const char *const *)opt->inputs,
                 (size_t)opt->input_count);
  st = model_facts(p, opt->in_context ? NULL : opt->inputs,
                   opt->in_context ? 0 : opt->input_count);
  if (opt->in_context && (st == KG_ERR_FACTS || st == KG_ERR_IO) &&
      !kg_diag_errors(p->diag))
    st = KG_OK;
  TRY(st);
  if (opt->in_context && !opt->quiet && opt->diagnostics == KG_DIAG_TEXT)
    fprintf(stderr,
            "kgbuild: %d file%s checked against the fact base's %zu files; "
            "no errors\n",
            opt->input_count, opt->input_count == 1 ? "" : "s", p->model.files);
  else if (!p->opt->quiet)
    print_summary(p->opt, &p->model, NULL, 0);
out:
  return st;
}

static kg_status cmd_stats(kg_pipeline *p)
{
  kg_status st = KG_OK;
  TRY(model_facts(p, p->opt->inputs, p->opt->input_count));
  TRY(build_graph(p, KG_NEEDS_ANALYTICS));
  TRY(to_stdout(p, kg_stats_print(p->graph, stdout, p->opt->json)));
out:
  return st;
}

/* `kgbuild schema`: the JSON Schema of the fact format, from the ontology
 * alone, to standard output or (atomically) to -o FILE. */
static kg_status write_schema_cb(void *ctx, FILE *out)
{
  return kg_schema_write(ctx, out);
}

static kg_status cmd_schema(kg_pipeline *p)
{
  if (p->opt->output)
    return kg_write_file_atomically(p->opt->output, p->diag, write_schema_cb,
                                    &p->onto);
  return to_stdout(p, kg_schema_write(&p->onto, stdout));
}

/* show ID [FACTS...]: the id is not a fact file. */
static kg_status cmd_show(kg_pipeline *p)
{
  kg_status st = KG_OK;
  const kg_options *opt = p->opt;
  TRY(kg_model_init(&p->model, p->arena, p->strings, &p->onto));
  TRY(load_and_check(p, &p->model, opt->inputs + 1, opt->input_count - 1,
                     false));
  st = to_stdout(
      p, kg_show(&p->model, opt->base, opt->inputs[0], stdout, p->diag));
out:
  return st;
}

/* Two models of the same ontology, each checked, compared; the problems
 * of both trees are reported before the run stops.  Trees that differ are
 * KG_ERR_FACTS (exit 1, as diff(1)); a tree with errors is KG_ERR_USAGE
 * (exit 2, as diff(1) says "trouble"), so that CI tells "this changes
 * facts" from "this is invalid". */
static kg_status diff_trees(kg_pipeline *p, char *old_tree, char *new_tree)
{
  kg_status st = KG_OK;
  kg_model new_model = {0};
  size_t changes = 0;
  TRY(kg_model_init(&p->model, p->arena, p->strings, &p->onto));
  TRY(kg_model_init(&new_model, p->arena, p->strings, &p->onto));
  kg_status old_st = load_and_check(p, &p->model, &old_tree, 1, false);
  if (old_st != KG_OK && old_st != KG_ERR_FACTS)
    TRY(old_st);
  st = worse(old_st, load_and_check(p, &new_model, &new_tree, 1, false));
  TRY(st == KG_ERR_FACTS ? KG_ERR_USAGE : st);
  TRY(to_stdout(
      p, kg_diff(&p->model, &new_model, stdout, p->opt->stat, &changes)));
  if (changes)
    st = KG_ERR_FACTS;
out:
  kg_model_free(&new_model);
  return st;
}

/* The facts/ of git revision rev of the fact base, read out by git into
 * the temporary directory *tmp: *tree is its facts/. */
static kg_status checkout(kg_pipeline *p, const char *rev, char **tmp,
                          char **tree)
{
  kg_status st = KG_OK;
  TRY(kg_factbase_checkout(p->opt->fact_base->root, rev, tmp, p->diag));
  if (!(*tree = kg_path_join(NULL, *tmp, KG_BASE_FACTS)))
    TRY(KG_ERR_NOMEM);
out:
  return st;
}

/* Whether both operands are trees on disk (diff OLD NEW), rather than
 * revisions (diff REV1 REV2). */
static bool trees_on_disk(const kg_options *opt)
{
  struct stat sb;
  return opt->input_count == 2 && stat(opt->inputs[0], &sb) == 0 &&
         stat(opt->inputs[1], &sb) == 0;
}

/* The revisions diff compares: REV1..REV2, REV1 REV2, or REV (default
 * HEAD) against the working facts/ (revs[1] NULL).  `split` holds the
 * copy REV1..REV2 is cut in. */
static kg_status diff_revisions(const kg_options *opt, char *split,
                                const char *revs[2])
{
  const char *one = opt->input_count ? opt->inputs[0] : "HEAD";
  const char *dots = strstr(one, "..");
  revs[0] = one;
  revs[1] = opt->input_count == 2 ? opt->inputs[1] : NULL;
  if (opt->input_count != 1 || !dots)
    return KG_OK;
  if (dots == one || !dots[2] || dots[2] == '.' || strlen(one) >= PATH_MAX)
    return KG_ERR_USAGE;
  strcpy(split, one);
  split[dots - one] = '\0';
  revs[0] = split;
  revs[1] = split + (dots - one) + 2;
  return KG_OK;
}

/* diff OLD NEW; diff [REV] (default HEAD) against the working facts/;
 * diff REV1 REV2 and REV1..REV2, as git diff. */
static kg_status cmd_diff(kg_pipeline *p)
{
  kg_status st = KG_OK;
  const kg_options *opt = p->opt;
  char split[PATH_MAX], *tmp[2] = {NULL, NULL}, *tree[2] = {NULL, NULL};
  const char *revs[2];
  if (trees_on_disk(opt))
    return diff_trees(p, opt->inputs[0], opt->inputs[1]);
  if (diff_revisions(opt, split, revs) != KG_OK) {
    kg_error(p->diag, (kg_pos){0}, "usage",
             "diff %s: REV1..REV2 names two revisions", opt->inputs[0]);
    return KG_ERR_USAGE;
  }
  if (!opt->fact_base->root) {
    kg_error(p->diag, (kg_pos){0}, "usage",
             "diff %s: no fact base here (no facts/ here or above); "
             "diff OLD NEW compares two trees",
             revs[0]);
    return KG_ERR_USAGE;
  }
  for (int i = 0; i < 2; ++i)
    if (revs[i])
      TRY(checkout(p, revs[i], &tmp[i], &tree[i]));
  st = diff_trees(p, tree[0], tree[1] ? tree[1] : opt->fact_base->facts);
out:
  for (int i = 0; i < 2; ++i) {
    kg_remove_tree(tmp[i]);
    kg_free(tmp[i]);
    kg_free(tree[i]);
  }
  return st;
}

/* init [DIR]: it reads no ontology (needs_ontology): a fact base can be
 * made before kgbuild's data is installed, or with an ontology of its
 * own to come. */
/* main.c hands `kgbuild import ...` to src/import.c, which has options of
 * its own, before parsing the command line; the row is here for --help,
 * --list-commands and COMMAND --help.  Reached only when options come
 * before the word import. */
static kg_status cmd_import(kg_pipeline *p)
{
  kg_error(p->diag, (kg_pos){0}, "usage",
           "write the word import first: kgbuild import FORMAT FILE "
           "[OPTIONS] (kgbuild import --help)");
  return KG_ERR_USAGE;
}

static kg_status cmd_init(kg_pipeline *p)
{
  const char *dir = p->opt->input_count ? p->opt->inputs[0] : ".";
  kg_status st = kg_factbase_init(dir, p->diag);
  if (st == KG_OK && !p->opt->quiet && p->opt->diagnostics == KG_DIAG_TEXT)
    fprintf(stderr,
            "kgbuild: a new fact base in %s; `kgbuild check` checks it, "
            "`kgbuild` builds it\n",
            dir);
  return st;
}

/* push: the network's graphs into a store (push.c); the facts must be
 * clean, as for a build. */
static kg_status cmd_push(kg_pipeline *p)
{
  kg_status st = KG_OK;
  const kg_options *opt = p->opt;
  TRY(model_facts(p, opt->inputs + 1, opt->input_count - 1));
  kg_network net = {&p->onto, &p->model, p->graph, opt->base};
  kg_push_options po = {.endpoint = opt->inputs[0],
                        .dry_run = opt->dry_run,
                        /* JSON diagnostics: stderr carries JSON only */
                        .progress =
                            opt->progress && opt->diagnostics != KG_DIAG_JSON,
                        .quiet = opt->quiet || opt->diagnostics == KG_DIAG_JSON,
                        .timeout = opt->timeout ? opt->timeout : 30,
                        .listing = stdout};
  TRY(kg_push(&net, p->rdf, &po, p->diag, p->interrupted));
  if (!opt->quiet)
    print_summary(opt, &p->model, &net, 0);
out:
  return st;
}

/* lsp: the server reads the fact base itself, from the editor's
 * workspace (docs/editors.md); its log goes to standard error. */
static kg_status cmd_lsp(kg_pipeline *p)
{
  return kg_lsp_serve(&p->onto, p->strings, stdin, stdout, stderr, p->diag,
                      jobs(p->opt));
}

static void pipeline_free(kg_pipeline *p)
{
  /* The texts the sink quotes are in the arena; the sink outlives it. */
  kg_diag_forget_sources(p->diag);
  kg_graph_free(p->graph);
  kg_model_free(&p->model);
  kg_ontology_free(&p->onto);
  kg_rdf_free(p->rdf);
  kg_map_free(p->strings);
  kg_arena_free(p->arena);
}

/* An entity IRI that JSON-LD would read as a compact IRI ("xsd:src") is
 * refused before anything is read: the exports would say something else. */
static kg_status base_check(const kg_options *opt, const kg_ontology *onto,
                            kg_diag *diag)
{
  const char *prefix = kg_base_shadowed_by(opt->base, onto);
  if (!prefix)
    return KG_OK;
  kg_error(diag, (kg_pos){0}, "usage",
           "--base '%s' begins with '%s:', a prefix of the ontology, so "
           "JSON-LD would read entity IRIs as '%s:' names; choose another "
           "base IRI",
           opt->base, prefix, prefix);
  return KG_ERR_USAGE;
}

static bool needs_ontology(const kg_command *cmd)
{
  return !(cmd->flags & KG_CMD_MAKES_BASE);
}

/* Every command starts from the ontology; then the command runs its
 * stages. */
kg_status kg_command_run(const kg_options *opt, kg_diag *diag,
                         volatile sig_atomic_t *interrupted)
{
  kg_status st = KG_OK;
  static volatile sig_atomic_t never; /* interrupted NULL: no signals */
  kg_pipeline p = {.opt = opt,
                   .diag = diag,
                   .interrupted = interrupted ? interrupted : &never};
  p.arena = kg_arena_new();
  p.strings = p.arena ? kg_map_new(p.arena) : NULL;
  /* raptor first: it allocates heavily at start-up, before any input. */
  if (!p.strings || !(p.rdf = kg_rdf_new())) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  if (needs_ontology(opt->cmd)) {
    /* --ontology=DIR replaces the installed ontology; a fact base's own
     * ontology/ extends it (docs/facts.md, "The ontology"). */
    kg_ontology_layers layers = {kg_datadir_ontology(), opt->ontology_dir,
                                 kg_datadir_looked()};
    TRY(opt->ontology_layered
            ? kg_ontology_load_layers(&p.onto, p.arena, p.strings, p.rdf, diag,
                                      &layers)
            : kg_ontology_load(&p.onto, p.arena, p.strings, p.rdf, diag,
                               opt->ontology_dir));
    TRY(base_check(opt, &p.onto, diag));
  }
  /* -j bounds every thread the command starts, the check's parts too,
   * whichever front end runs the check (the language server's as well). */
  kg_pool_limit_parts(jobs(opt));
  TRY(opt->cmd->run(&p));
out:
  if (st == KG_ERR_NOMEM)
    kg_error(diag, (kg_pos){0}, "nomem", "out of memory");
  if (st == KG_ERR_INTERRUPTED)
    kg_error(diag, (kg_pos){0}, "interrupted",
             "interrupted; exports were left as they were");
  pipeline_free(&p);
  return st;
}
