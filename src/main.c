/* main.c - the driver: parse the command line, then run the stages in order
 * (ontology, load, model, check, graph, emit), stopping after `check` for
 * the check command.  Each stage reads the previous stage's data only. */
#include "check.h"
#include "emit.h"
#include "files.h"
#include "graph.h"
#include "json.h"
#include "load.h"
#include "model.h"
#include "ontology.h"
#include "rdf.h"
#include "reader.h"
#include "review.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef KG_VERSION
#define KG_VERSION "0.1.0"
#endif

#define DEFAULT_BASE "https://w3id.org/kgbuild/id/"

enum { EXIT_FACTS = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

typedef enum { CMD_BUILD, CMD_CHECK, CMD_STATS, CMD_SCHEMA, CMD_SHOW, CMD_DIFF } command;

/* Each command: its name, its arguments, and what --help says of it. */
static const struct {
  const char *name, *args, *help;
} commands[] = {
    [CMD_BUILD] = {"build", "[OPTIONS] [FACTS...]",
                   "Compile the facts (files or directories; default 'facts')\n"
                   "against the ontology and write every export to exports/, or\n"
                   "one export with --format."},
    [CMD_CHECK] = {"check", "[OPTIONS] [FACTS...]",
                   "Load and check the facts; write nothing.  Reports every\n"
                   "problem as file:line:column and exits 1 if there was any."},
    [CMD_STATS] = {"stats", "[--json] [OPTIONS] [FACTS...]",
                   "Print the network's analytics, highest PageRank first:\n"
                   "in and out degree, betweenness, PageRank, community\n"
                   "(Leiden, modularity, fixed seed) and weakly connected component."},
    [CMD_SCHEMA] = {"schema", "[-o FILE] [--ontology=DIR]",
                    "Write the JSON Schema of the fact format, derived from the\n"
                    "ontology, for editors with the YAML language server."},
    [CMD_SHOW] = {"show", "ID [OPTIONS] [FACTS...]",
                  "Print one entity as a reviewer wants it: its facts grouped\n"
                  "by key, its relationships in both directions, and every\n"
                  "source with its quoted passage."},
    [CMD_DIFF] = {"diff", "OLD NEW [OPTIONS]",
                  "Compare two fact trees (files or directories) checked\n"
                  "against the same ontology: entities and statements added (+),\n"
                  "removed (-) and changed (~)."},
};

typedef struct {
  command cmd;
  bool check_only;          /* check, show and diff stop after check */
  bool stats;               /* the stats command */
  bool schema;              /* the schema command */
  bool csv;                 /* --format=csv: the nodes and edges tables */
  bool progress;            /* stderr is a terminal: show progress */
  bool json;                /* stats --json */
  bool quiet;
  unsigned jobs;            /* -j; 0: one per processor */
  const kg_backend *format; /* --format; NULL: every export to exports/ */
  const char *output;       /* -o */
  const char *ontology_dir;
  const char *exports_dir;
  const char *base;
  kg_diag_format diagnostics;
  int color; /* -1 auto, 0 never, 1 always */
  char **inputs;
  int input_count;
} options;

/* The one piece of global state: set by the signal handler, polled by the
 * emitter, so that an interrupted run removes its temporary files. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
  interrupted = sig;
}

static void command_usage(FILE *out, command cmd)
{
  fprintf(out, "Usage: kgbuild %s %s\n%s\n\n", commands[cmd].name,
          commands[cmd].args, commands[cmd].help);
  fputs("Options: see kgbuild --help.  Exit status: 0 success; 1 errors in\n"
        "the facts or ontology; 2 usage error; 3 I/O or system error.\n",
        out);
}

static void usage(FILE *out)
{
  fputs(
      "Usage: kgbuild [COMMAND] [OPTIONS] [FACTS...]\n"
      "Compile curated YAML facts (FACTS: files or directories, default\n"
      "'facts') against the ontology into RDF and network exports.\n"
      "\n"
      "Commands:\n"
      "  (none)            compile and write every export to exports/\n"
      "  check             load and check the facts only; write nothing\n"
      "  stats [--json]    print graph analytics: degrees, betweenness,\n"
      "                    PageRank, communities, components\n"
      "  schema [-o FILE]  write the JSON Schema of the fact format (for\n"
      "                    editors with the YAML language server)\n"
      "  show ID           print one entity, its relationships both ways,\n"
      "                    and its sources with their quotes\n"
      "  diff OLD NEW      entities and statements added, removed, changed\n"
      "                    between two fact trees\n"
      "  (kgbuild COMMAND --help describes one command.)\n"
      "\n"
      "Options:\n"
      "  -f, --format=FMT  write one export to standard output (or to -o FILE):\n",
      out);
  for (size_t i = 0; i < kg_backend_count; ++i)
    fprintf(out, "                      %-9s %s\n", kg_backends[i].name,
            kg_backends[i].describe);
  fputs("                      csv       both CSV tables, into -o DIR or the\n"
        "                                exports directory\n",
        out);
  fputs(
      "  -o, --output=FILE with --format, write to FILE (atomically); '-' is\n"
      "                    standard output\n"
      "      --exports=DIR where exports go (default: exports)\n"
      "      --ontology=DIR the ontology's Turtle files (default: ontology)\n"
      "      --base=IRI    base IRI of entity IRIs (default: " DEFAULT_BASE ")\n"
      "      --diagnostics=text|json  how problems are reported on stderr\n"
      "      --color=auto|always|never  colour diagnostics (auto: on a\n"
      "                    terminal, unless NO_COLOR is set)\n"
      "  -j, --jobs=N      use up to N threads: read the next fact files while\n"
      "                    one is modelled (on at most 4), write up to N\n"
      "                    exports at once (default: one per processor; the\n"
      "                    output is the same bytes whatever N)\n"
      "  -q, --quiet       print only problems\n"
      "  -h, --help        print this help\n"
      "  -V, --version     print the version\n"
      "\n"
      "Exit status: 0 success; 1 errors in the facts or ontology; 2 usage\n"
      "error; 3 I/O or system error (exports are left as they were).\n"
      "The fact format is described in docs/facts.md.\n",
      out);
}

/* -j, or one thread per processor this process may run on. */
static unsigned jobs(const options *opt)
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
static unsigned readers(const options *opt)
{
  unsigned n = jobs(opt);
  return n > 1 ? n : 0;
}

static int parse_options(int argc, char **argv, options *opt)
{
  command cmd = CMD_BUILD;
  bool help = false;
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"exports", required_argument, NULL, 'E'},
      {"ontology", required_argument, NULL, 'O'},
      {"base", required_argument, NULL, 'B'},
      {"diagnostics", required_argument, NULL, 'D'},
      {"color", required_argument, NULL, 'C'},
      {"colour", required_argument, NULL, 'C'},
      {"quiet", no_argument, NULL, 'q'},
      {"jobs", required_argument, NULL, 'j'},
      {"json", no_argument, NULL, 'J'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0},
  };
  *opt = (options){.cmd = cmd, .ontology_dir = "ontology",
                   .exports_dir = "exports", .base = DEFAULT_BASE, .color = -1};
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, ":f:o:j:qhV", longopts, NULL)) != -1;) {
    switch (c) {
    case 'f':
      if (!strcmp(optarg, "csv")) {
        /* two tables: both files, into -o DIR or the exports directory */
        opt->csv = true;
        opt->format = kg_backend_find("csv-nodes");
      } else if (!(opt->format = kg_backend_find(optarg))) {
        fprintf(stderr, "kgbuild: unknown format '%s' (try --help)\n", optarg);
        return EXIT_USAGE;
      }
      break;
    case 'o': opt->output = optarg; break;
    case 'E': opt->exports_dir = optarg; break;
    case 'O': opt->ontology_dir = optarg; break;
    case 'B': opt->base = optarg; break;
    case 'q': opt->quiet = true; break;
    case 'j': {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (end == optarg || *end || n < 1 || n > KG_MAX_JOBS) {
        fprintf(stderr, "kgbuild: --jobs is a number from 1 to %d, not '%s'\n",
                KG_MAX_JOBS, optarg);
        return EXIT_USAGE;
      }
      opt->jobs = (unsigned)n;
      break;
    }
    case 'J': opt->json = true; break;
    case 'D':
      if (!strcmp(optarg, "text"))
        opt->diagnostics = KG_DIAG_TEXT;
      else if (!strcmp(optarg, "json"))
        opt->diagnostics = KG_DIAG_JSON;
      else {
        fprintf(stderr, "kgbuild: --diagnostics is text or json, not '%s'\n", optarg);
        return EXIT_USAGE;
      }
      break;
    case 'C':
      if (!strcmp(optarg, "auto"))
        opt->color = -1;
      else if (!strcmp(optarg, "always"))
        opt->color = 1;
      else if (!strcmp(optarg, "never"))
        opt->color = 0;
      else {
        fprintf(stderr, "kgbuild: --color is auto, always or never, not '%s'\n", optarg);
        return EXIT_USAGE;
      }
      break;
    case 'h': help = true; break;
    case 'V': printf("kgbuild %s\n", KG_VERSION); return -1;
    case ':':
      fprintf(stderr, "kgbuild: option '%s' needs a value (try --help)\n",
              argv[optind - 1]);
      return EXIT_USAGE;
    default:
      fprintf(stderr, "kgbuild: unknown option '%s' (try --help)\n",
              argv[optind - 1]);
      return EXIT_USAGE;
    }
  }
  /* The command is the first word that is not an option, wherever the
   * options are: `kgbuild -q check`, `kgbuild check --help`. */
  for (size_t c = 0; optind < argc && c < sizeof commands / sizeof *commands; ++c)
    if (!strcmp(argv[optind], commands[c].name)) {
      cmd = (command)c;
      ++optind;
      break;
    }
  opt->cmd = cmd;
  if (help) {
    if (cmd == CMD_BUILD)
      usage(stdout);
    else
      command_usage(stdout, cmd);
    return -1;
  }
  opt->check_only = cmd == CMD_CHECK || cmd == CMD_SHOW || cmd == CMD_DIFF;
  opt->stats = cmd == CMD_STATS;
  opt->schema = cmd == CMD_SCHEMA;
  opt->inputs = argv + optind;
  opt->input_count = argc - optind;
  if (opt->output && !opt->format && !opt->schema) {
    fputs("kgbuild: -o needs --format to say which export to write\n", stderr);
    return EXIT_USAGE;
  }
  if (cmd != CMD_BUILD && cmd != CMD_SCHEMA && (opt->format || opt->output)) {
    fprintf(stderr, "kgbuild: %s writes no export; drop --format and -o\n",
            commands[cmd].name);
    return EXIT_USAGE;
  }
  if (cmd == CMD_SHOW && opt->input_count < 1) {
    fputs("kgbuild: show needs the id of an entity (try kgbuild show --help)\n", stderr);
    return EXIT_USAGE;
  }
  if (cmd == CMD_DIFF && opt->input_count != 2) {
    fputs("kgbuild: diff needs two fact trees, OLD and NEW (try kgbuild diff --help)\n",
          stderr);
    return EXIT_USAGE;
  }
  if (opt->json && !opt->stats) {
    fputs("kgbuild: --json is an option of stats\n", stderr);
    return EXIT_USAGE;
  }
  if (!kg_base_valid(opt->base)) {
    fprintf(stderr, "kgbuild: --base '%s' is not an absolute IRI ending in "
                    "'/', '#' or ':'\n", opt->base);
    return EXIT_USAGE;
  }
  return 0;
}

static int exit_code(kg_status st)
{
  switch (st) {
  case KG_OK: return 0;
  case KG_ERR_FACTS: return EXIT_FACTS;
  case KG_ERR_USAGE: return EXIT_USAGE;
  case KG_ERR_INTERRUPTED: return 128 + (interrupted ? interrupted : SIGINT);
  default: return EXIT_SYSTEM;
  }
}

/* A failure of the system outranks a failure of the facts: the curator
 * cannot fix the first by editing facts. */
static kg_status worse(kg_status a, kg_status b)
{
  if (a == KG_OK || a == KG_ERR_FACTS)
    return b == KG_OK ? a : b;
  return a;
}

static void install_signals(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  /* A file-size limit should be an error we report (EFBIG), not a kill. */
  signal(SIGXFSZ, SIG_IGN);
}

/* Load and model every fact file, reporting problems in all of them. */
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

static void progress_update(progress *p, size_t done, size_t total,
                            size_t facts)
{
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

static kg_status load_facts(char **given, int given_count, kg_arena *arena,
                            kg_diag *diag, kg_model *model, bool show_progress,
                            unsigned threads)
{
  progress bar = {.enabled = show_progress, .start = now()};
  kg_status st = KG_OK;
  kg_reader *reader = NULL;
  kg_vec paths = {0};
  static const char *const extensions[] = {".yaml", ".yml", NULL};
  static char *default_inputs[] = {"facts"};
  char **inputs = given_count ? given : default_inputs;
  int count = given_count ? given_count : 1;
  for (int i = 0; i < count; ++i) {
    if (!strcmp(inputs[i], "-")) { /* standard input, read once */
      static char dash[] = "-";
      TRY(kg_vec_push(&paths, dash));
      continue;
    }
    kg_status found = kg_files_collect(arena, diag, inputs[i], extensions, &paths);
    if (found == KG_ERR_NOMEM) {
      st = found;
      goto out;
    }
    st = worse(st, found);
  }
  kg_files_sort(&paths);
  if (paths.count == 0 && st == KG_OK) {
    kg_error(diag, (kg_pos){0}, "no-facts", "no fact files (*.yaml) found");
    st = KG_ERR_FACTS;
  }
  /* Files are read and parsed ahead on threads while the one before is
   * modelled.  Each text stays (diagnostics quote it); each YAML tree is
   * freed once its file is modelled, so memory grows with the facts, not
   * with the YAML. */
  if (kg_reader_new(arena, diag, (char *const *)paths.items, paths.count,
                    threads, &reader) != KG_OK) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  for (size_t i = 0; i < paths.count; ++i) {
    const char *name = NULL;
    kg_ynode *root = NULL;
    kg_status loaded = kg_reader_next(reader, &name, &root);
    kg_status added = KG_OK;
    if (loaded == KG_OK)
      added = kg_model_add_file(model, diag, name, root);
    else
      model->unreadable++;
    if (worse(loaded, added) == KG_ERR_NOMEM ||
        worse(loaded, added) == KG_ERR_INTERRUPTED) {
      st = worse(loaded, added);
      goto out;
    }
    st = worse(worse(st, loaded), added);
    progress_update(&bar, i + 1, paths.count, model->statements.count);
  }
  progress_clear(&bar);
out:
  kg_reader_free(reader);
  kg_vec_free(&paths);
  return st;
}

static void print_summary(const options *opt, const kg_model *model,
                          const kg_network *net, size_t triples)
{
  if (opt->diagnostics == KG_DIAG_JSON)
    return; /* stderr carries JSON objects only */
  size_t asserted = 0, derived = 0, edges = 0;
  for (size_t i = 0; i < model->statements.count; ++i) {
    const kg_statement *s = model->statements.items[i];
    if (s->derived)
      ++derived;
    else
      ++asserted;
    edges += s->object && !s->derived; /* what the network draws */
  }
  fprintf(stderr, "kgbuild: %zu file%s, %zu entities, %zu statements (%zu implied)",
          model->files, model->files == 1 ? "" : "s", model->entities.count,
          asserted, derived);
  if (net && triples)
    fprintf(stderr, " -> %zu triples, %zu nodes, %zu edges", triples,
            model->entities.count, edges);
  else if (net)
    fprintf(stderr, " -> %zu nodes, %zu edges", model->entities.count, edges);
  if (opt->check_only)
    fputs("; facts are valid", stderr);
  else if (!opt->format)
    fprintf(stderr, "; wrote %s/", opt->exports_dir);
  fputc('\n', stderr);
}

/* `kgbuild schema`: the JSON Schema of the fact format, from the ontology
 * alone, to standard output or (atomically) to -o FILE. */
static kg_status write_schema_cb(void *ctx, FILE *out)
{
  return kg_schema_write(ctx, out);
}

static kg_status write_schema(const options *opt, const kg_ontology *onto,
                              kg_diag *diag)
{
  if (!opt->output) {
    kg_status st = kg_schema_write(onto, stdout);
    if (st == KG_ERR_IO)
      kg_error(diag, (kg_pos){"<stdout>", 0, 0}, "io", "cannot write");
    return st;
  }
  return kg_write_file_atomically(opt->output, diag, write_schema_cb,
                                  (void *)onto);
}

/* diff OLD NEW: two models of the same ontology, each checked, compared. */
static kg_status diff(const options *opt, kg_arena *arena, kg_map *strings,
                      const kg_ontology *onto, kg_model *old_model,
                      kg_diag *diag)
{
  kg_status st = KG_OK;
  kg_model new_model = {0};
  size_t changes = 0;
  TRY(kg_model_init(&new_model, arena, strings, onto));
  TRY(load_facts(opt->inputs, 1, arena, diag, old_model, opt->progress,
                 readers(opt)));
  TRY(kg_check(old_model, diag));
  TRY(load_facts(opt->inputs + 1, 1, arena, diag, &new_model, opt->progress,
                 readers(opt)));
  TRY(kg_check(&new_model, diag));
  TRY(kg_diff(old_model, &new_model, stdout, &changes));
out:
  kg_model_free(&new_model);
  return st;
}

static kg_status run(const options *opt, kg_diag *diag)
{
  kg_status st = KG_OK;
  kg_arena *arena = kg_arena_new();
  kg_map *strings = arena ? kg_map_new(arena) : NULL;
  kg_rdf *rdf = NULL;
  kg_ontology onto = {0};
  kg_model model = {0};
  kg_graph *graph = NULL;
  if (!strings) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  /* raptor first: it allocates heavily at start-up, before any input. */
  if (!(rdf = kg_rdf_new())) {
    st = KG_ERR_NOMEM;
    goto out;
  }
  TRY(kg_ontology_load(&onto, arena, strings, rdf, diag, opt->ontology_dir));
  if (opt->schema) {
    TRY(write_schema(opt, &onto, diag));
    goto out;
  }
  TRY(kg_model_init(&model, arena, strings, &onto));
  if (opt->cmd == CMD_DIFF) {
    TRY(diff(opt, arena, strings, &onto, &model, diag));
    goto out;
  }
  {
    /* show ID [FACTS...]: the id is not a fact file */
    int skip = opt->cmd == CMD_SHOW ? 1 : 0;
    st = load_facts(opt->inputs + skip, opt->input_count - skip, arena, diag,
                    &model, opt->progress, readers(opt));
  }
  /* Problems in the facts (or unreadable files) do not stop the check:
   * a run reports the problems of every stage. */
  if (st != KG_OK && st != KG_ERR_FACTS && st != KG_ERR_IO)
    goto out;
  st = worse(st, kg_check(&model, diag));
  if (st != KG_OK)
    goto out;
  if (opt->cmd == CMD_SHOW) {
    st = kg_show(&model, opt->base, opt->inputs[0], stdout, diag);
    goto out;
  }
  if (interrupted) {
    st = KG_ERR_INTERRUPTED;
    goto out;
  }
  if (opt->check_only) {
    if (!opt->quiet)
      print_summary(opt, &model, NULL, 0);
    goto out;
  }
  /* The network, and its analytics, only when something reads them. */
  kg_needs needs = opt->stats ? KG_NEEDS_ANALYTICS : KG_NEEDS_MODEL;
  if (opt->csv || (!opt->format && !opt->stats))
    needs = KG_NEEDS_ANALYTICS;
  else if (opt->format && opt->format->needs > needs)
    needs = opt->format->needs;
  if (needs >= KG_NEEDS_GRAPH)
    TRY(kg_graph_build(&model, opt->base, &graph));
  if (needs >= KG_NEEDS_ANALYTICS)
    TRY(kg_graph_analyse(graph));
  if (opt->stats) {
    TRY(kg_graph_print_stats(graph, stdout, opt->json));
    goto out;
  }
  kg_network net = {&onto, &model, graph, opt->base};
  /* The triples are counted, and their statement IRIs checked, only when
   * an RDF export is written (a full extra walk over the network). */
  size_t triples = 0;
  if (!opt->format || opt->format->rdf)
    TRY(kg_network_verify(&net, diag, &triples));
  if (opt->csv) {
    const kg_backend *tables[] = {kg_backend_find("csv-nodes"),
                                  kg_backend_find("csv-edges")};
    const char *dir = opt->output ? opt->output : opt->exports_dir;
    TRY(kg_emit_files(&net, tables, 2, dir, NULL, jobs(opt), diag,
                      &interrupted));
  } else if (opt->format && (!opt->output || !strcmp(opt->output, "-"))) {
    TRY(kg_emit_stream(&net, opt->format, stdout, "<stdout>", diag));
  } else if (opt->format) {
    const kg_backend *one[] = {opt->format};
    TRY(kg_emit_files(&net, one, 1, NULL, opt->output, 1, diag, &interrupted));
  } else {
    const kg_backend *all[16];
    for (size_t i = 0; i < kg_backend_count; ++i)
      all[i] = &kg_backends[i];
    TRY(kg_emit_files(&net, all, kg_backend_count, opt->exports_dir, NULL,
                      jobs(opt), diag,
                      &interrupted));
  }
  if (!opt->quiet)
    print_summary(opt, &model, &net, triples);
out:
  if (st == KG_ERR_NOMEM)
    kg_error(diag, (kg_pos){0}, "nomem", "out of memory");
  if (st == KG_ERR_INTERRUPTED)
    kg_error(diag, (kg_pos){0}, "interrupted",
             "interrupted; exports were left as they were");
  kg_graph_free(graph);
  kg_model_free(&model);
  kg_ontology_free(&onto);
  kg_rdf_free(rdf);
  kg_map_free(strings);
  kg_arena_free(arena);
  return st;
}

int main(int argc, char **argv)
{
  options opt;
  int parsed = parse_options(argc, argv, &opt);
  if (parsed)
    return parsed < 0 ? 0 : parsed;
  install_signals();
  const char *no_color = getenv("NO_COLOR");
  bool color = opt.color == 1 ||
               (opt.color == -1 && isatty(STDERR_FILENO) &&
                !(no_color && *no_color));
  opt.progress = !opt.quiet && opt.diagnostics == KG_DIAG_TEXT &&
                 isatty(STDERR_FILENO);
  kg_diag *diag = kg_diag_new(stderr, opt.diagnostics, color);
  if (!diag) {
    fputs("kgbuild: out of memory\n", stderr);
    return EXIT_SYSTEM;
  }
  kg_diag_collect(diag);
  kg_diag_watch(diag, &interrupted);
  kg_status st = run(&opt, diag);
  kg_diag_summary(diag);
  kg_diag_free(diag);
  /* Standard output may be a full disk or a closed pipe. */
  if (st == KG_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    perror("kgbuild: <stdout>");
    st = KG_ERR_IO;
  }
  return exit_code(st);
}
