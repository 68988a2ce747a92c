/* main.c - the driver: parse the command line into options, find the
 * command in a const table (like the backend table of exports), and run
 * it.  Each command is a short function over the pipeline helpers below,
 * which run the stages in order (ontology, facts, check, graph, analyse,
 * emit); each stage reads the previous stage's data only. */
#include "backends.h"
#include "build.h"
#include "check.h"
#include "factbase.h"
#include "files.h"
#include "graph.h"
#include "json.h"
#include "load.h"
#include "lsp.h"
#include "model.h"
#include "ontology.h"
#include "pool.h"
#include "publish.h"
#include "rdf.h"
#include "review.h"
#include "stats.h"
#include "triples.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef KG_VERSION
#define KG_VERSION "0.1.0"
#endif

#define DEFAULT_BASE "https://w3id.org/kgbuild/id/"

enum { EXIT_FACTS = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* --help fits a terminal of this width. */
enum { HELP_WIDTH = 80, HELP_COLUMN = 20 };

/* A --format that names several exports written together as files: it has
 * no row in the backend table, only members there. */
typedef struct {
  const char *name, *describe;
  const char *members[4]; /* backend names, NULL-terminated */
} format_group;

static const format_group format_groups[] = {
    {"csv",
     "both CSV tables, into -o DIR or the exports directory",
     {"csv-nodes", "csv-edges", NULL}},
};

enum { GROUP_COUNT = sizeof format_groups / sizeof *format_groups };

/* What the command line asks for: a command to run, or only something to
 * print (help, the version, the lists the bash completion reads). */
typedef enum {
  ACT_RUN,
  ACT_HELP,
  ACT_VERSION,
  ACT_LIST_FORMATS,
  ACT_LIST_COMMANDS
} action;

typedef struct command command;
typedef struct pipeline pipeline;

typedef struct {
  const command *cmd;
  action act;
  const kg_backend *format;  /* --format of one export */
  const format_group *group; /* --format of several (csv) */
  bool progress;             /* stderr is a terminal: show progress */
  bool json;                 /* stats --json */
  bool quiet;
  bool stat;       /* diff --stat */
  bool in_context; /* check FILE...: against their whole fact base */
  const kg_factbase *fact_base; /* where FACTS are when none is given */
  unsigned jobs;                /* -j; 0: one per processor */
  const char *output;           /* -o */
  const char *ontology_dir;
  bool ontology_layered; /* the fact base's own over the installed one */
  const char *exports_dir;
  const char *base;
  const char *sources[KG_MAX_ARCHIVES]; /* --sources, in the order given */
  size_t source_dirs;
  /* Where archived copies are looked for (kg_build_archives). */
  const char *archives[KG_MAX_ARCHIVES];
  size_t archive_count;
  bool measures_given, compress_given; /* on the command line */
  char usage[400]; /* the usage error, reported through the sink */
  kg_diag_format diagnostics;
  int color;               /* -1 auto, 0 never, 1 always */
  unsigned measures;       /* --measures: KG_MEASURES_* bits */
  kg_compression compress; /* --compress: of the RDF exports */
  char **inputs;
  int input_count;
} options;

/* What a command does with -o and --format. */
typedef enum {
  OUT_NONE,    /* writes no export: both are usage errors */
  OUT_EXPORTS, /* --format picks one export; -o needs it */
  OUT_FILE,    /* writes one file of its own: -o alone names it */
} output_use;

/* A command: the word that names it, what --help and COMMAND --help say of
 * it, what it accepts, and the function that runs it.  Adding a command
 * is adding a row (docs/design-notes.md, "Adding a command"). */
struct command {
  const char *name;  /* the first operand that is not an option */
  const char *args;  /* its synopsis after the name */
  const char *entry; /* how --help's list of commands shows it */
  const char *brief; /* what --help says of it ('\n': a new line) */
  const char *help;  /* what COMMAND --help says of it */
  kg_status (*run)(pipeline *p);
  output_use output;
  bool json;                   /* takes --json */
  int min_operands;            /* fewer is a usage error ... */
  int max_operands;            /* ... and more (-1: any number) */
  const char *operands_needed; /* ... saying what it needs */
};

/* The stages' data for one run; each command fills what it needs. */
struct pipeline {
  const options *opt;
  kg_diag *diag;
  kg_arena *arena;
  kg_map *strings;
  kg_rdf *rdf;
  kg_ontology onto;
  kg_model model;
  kg_graph *graph;
};

/* Set by the signal handler, polled by the driver and the emitter, so that
 * an interrupted run removes its temporary files.  A handler can only
 * reach a global; the others in kgbuild are alloc.c's fault-injection
 * counters and the emitter's saved umask. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
  interrupted = sig;
}

static kg_status cmd_build(pipeline *p) KG_NODISCARD;
static kg_status cmd_check(pipeline *p) KG_NODISCARD;
static kg_status cmd_stats(pipeline *p) KG_NODISCARD;
static kg_status cmd_schema(pipeline *p) KG_NODISCARD;
static kg_status cmd_show(pipeline *p) KG_NODISCARD;
static kg_status cmd_diff(pipeline *p) KG_NODISCARD;
static kg_status cmd_init(pipeline *p) KG_NODISCARD;
static kg_status cmd_lsp(pipeline *p) KG_NODISCARD;

/* The first row is the command run when none is named. */
static const command commands[] = {
    {"build", "[OPTIONS] [FACTS...]", "(none)",
     "compile and write every export to exports/",
     "Compile the facts (files or directories; default 'facts')\n"
     "against the ontology and write every export to exports/, or\n"
     "one export with --format.",
     cmd_build, OUT_EXPORTS, false, 0, -1, NULL},
    {"check", "[OPTIONS] [FACTS...]", "check [FILE...]",
     "load and check the facts only; write nothing",
     "Load and check the facts; write nothing.  Reports every\n"
     "problem as file:line:column and exits 1 if there was any.\n"
     "Fact files (not directories) of a fact base are checked\n"
     "against the whole fact base, and only their problems reported.",
     cmd_check, OUT_NONE, false, 0, -1, NULL},
    {"stats", "[--json] [OPTIONS] [FACTS...]", "stats [--json]",
     "print graph analytics: degrees, betweenness,\n"
     "PageRank, communities, components",
     "Print the network's analytics, highest PageRank first:\n"
     "in and out degree, betweenness, PageRank, community\n"
     "(Leiden, modularity, fixed seed) and weakly connected component.",
     cmd_stats, OUT_NONE, true, 0, -1, NULL},
    {"schema", "[-o FILE] [--ontology=DIR]", "schema [-o FILE]",
     "write the JSON Schema of the fact format (for\n"
     "editors with the YAML language server)",
     "Write the JSON Schema of the fact format, derived from the\n"
     "ontology, for editors with the YAML language server.",
     cmd_schema, OUT_FILE, false, 0, -1, NULL},
    {"show", "ID [OPTIONS] [FACTS...]", "show ID",
     "print one entity, its relationships both ways,\n"
     "and its sources with their quotes",
     "Print one entity as a reviewer wants it: its facts grouped\n"
     "by key, its relationships in both directions, and every\n"
     "source with its quoted passage.",
     cmd_show, OUT_NONE, false, 1, -1, "the id of an entity"},
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
     cmd_diff, OUT_NONE, false, 0, 2,
     "REV, REV1 REV2, REV1..REV2, or two fact trees OLD and NEW"},
    {"init", "[DIR]", "init [DIR]",
     "create a new fact base in DIR (default: here)",
     "Create a new fact base in DIR (default: the current\n"
     "directory): facts/ with one commented example, sources/,\n"
     ".gitignore and a README.  Refuses if DIR has facts/ already.",
     cmd_init, OUT_NONE, false, 0, 1, "at most one directory"},
    {"lsp", "[--ontology=DIR]", "lsp",
     "serve the Language Server Protocol on standard\n"
     "input and output, for editors (docs/editors.md)",
     "Serve the Language Server Protocol on standard input and\n"
     "output: check's diagnostics as you type, completion of ids\n"
     "and keys, definition, hover, references, rename, symbols.",
     cmd_lsp, OUT_NONE, false, 0, 0, NULL},
};

enum { COMMAND_COUNT = sizeof commands / sizeof *commands };

/* ---- help ---------------------------------------------------------------- */

/* Writes text from column `column` (the cursor is there), breaking lines at
 * its '\n's and between words where a line would pass HELP_WIDTH; the
 * lines after the first start at `column` too. */
static void help_text(FILE *out, size_t column, const char *text)
{
  size_t at = column;
  while (*text) {
    size_t word = strcspn(text, " \n");
    if (at > column && at + 1 + word > HELP_WIDTH) {
      fprintf(out, "\n%*s", (int)column, "");
      at = column;
    } else if (at > column) {
      fputc(' ', out);
      ++at;
    }
    fwrite(text, 1, word, out);
    at += word;
    text += word;
    if (*text == '\n') {
      fprintf(out, "\n%*s", (int)column, "");
      at = column;
    }
    if (*text)
      ++text;
  }
  fputc('\n', out);
}

/* One entry of a list in --help: its label at `indent`, its text from
 * `column` (on the next line when the label reaches it). */
static void help_entry(FILE *out, size_t indent, const char *label,
                       size_t column, const char *text)
{
  size_t at = indent + strlen(label);
  fprintf(out, "%*s%s", (int)indent, "", label);
  if (at >= column) {
    fputc('\n', out);
    at = 0;
  }
  fprintf(out, "%*s", (int)(column - at), "");
  help_text(out, column, text);
}

/* The formats, from the backend table and the groups, their descriptions
 * aligned by the longest name. */
static void help_formats(FILE *out)
{
  size_t longest = 0;
  for (size_t i = 0; i < kg_backend_count; ++i)
    if (strlen(kg_backends[i].name) > longest)
      longest = strlen(kg_backends[i].name);
  for (size_t i = 0; i < GROUP_COUNT; ++i)
    if (strlen(format_groups[i].name) > longest)
      longest = strlen(format_groups[i].name);
  size_t column = 4 + longest + 2 > HELP_COLUMN ? 4 + longest + 2 : HELP_COLUMN;
  for (size_t i = 0; i < kg_backend_count; ++i)
    help_entry(out, 4, kg_backends[i].name, column, kg_backends[i].describe);
  for (size_t i = 0; i < GROUP_COUNT; ++i)
    help_entry(out, 4, format_groups[i].name, column,
               format_groups[i].describe);
}

static void usage(FILE *out)
{
  fputs("Usage: kgbuild [COMMAND] [OPTIONS] [FACTS...]\n"
        "Compile curated YAML facts (FACTS: files or directories, default\n"
        "'facts') against the ontology into RDF and network exports.\n"
        "\n"
        "Commands:\n",
        out);
  for (size_t i = 0; i < COMMAND_COUNT; ++i)
    help_entry(out, 2, commands[i].entry, HELP_COLUMN, commands[i].brief);
  fputs("  (kgbuild COMMAND --help describes one command.)\n"
        "\n"
        "Options:\n"
        "  -f, --format=FMT  write one export to standard output (or to -o "
        "FILE):\n",
        out);
  help_formats(out);
  fputs(
      "  -o, --output=FILE with --format, write to FILE (atomically); '-' is\n"
      "                    standard output\n"
      "      --exports=DIR where exports go (default: the fact base's "
      "exports)\n"
      "      --ontology=DIR the ontology's Turtle files, in place of the\n"
      "                    installed ontology (default: the installed one,\n"
      "                    extended by the fact base's ontology/ files)\n"
      "      --sources=DIR where sources' archived copies (local-copy) are\n"
      "                    looked for after the fact base's sources/, instead\n"
      "                    of kgbuild.yaml's archives (repeatable)\n"
      "      --base=IRI    base IRI of entity IRIs (default:\n"
      "                    " DEFAULT_BASE ")\n"
      "      --diagnostics=text|json  how problems are reported on stderr\n"
      "      --color=auto|always|never  colour diagnostics (auto: on a\n"
      "                    terminal, unless NO_COLOR is set)\n"
      "  -j, --jobs=N      use up to N threads: read the next fact files "
      "while\n"
      "                    one is modelled (on at most 4), write up to N\n"
      "                    exports at once (default: one per processor; the\n"
      "                    output is the same bytes whatever N)\n"
      "      --measures=LIST  the network measures to compute (exports and\n"
      "                    stats): all (default), none, or a list of\n"
      "                    "
      "degree,betweenness,pagerank,communities,components;\n"
      "                    one not computed is absent, not zero\n"
      "      --compress=gzip|zstd  compress the RDF exports (kg.nt.gz,\n"
      "                    kg.nq.zst, ...; zstd on -j threads); the same\n"
      "                    bytes every run.  They REPLACE the plain files:\n"
      "                    exports/ then has kg.ttl.zst and no kg.ttl\n"
      "  -q, --quiet       print only problems\n"
      "      --stat        diff: print the counts only\n"
      "  -h, --help        print this help\n"
      "  -V, --version     print the version\n"
      "\n"
      "Exit status: 0 success; 1 errors in the facts or ontology; 2 usage\n"
      "error; 3 I/O or system error (exports are left as they were).\n"
      "The fact base is the nearest directory, here or above, that holds\n"
      "facts/ (kgbuild init makes one); FACTS default to its facts/, and\n"
      "its kgbuild.yaml gives default options (archives, base, measures,\n"
      "compress, jobs), which the command line overrides.\n"
      "The fact format is described in docs/facts.md.\n",
      out);
}

static void command_usage(FILE *out, const command *cmd)
{
  fprintf(out, "Usage: kgbuild %s %s\n%s\n\n", cmd->name, cmd->args, cmd->help);
  fputs("Options: see kgbuild --help.  Exit status: 0 success; 1 errors in\n"
        "the facts or ontology; 2 usage error; 3 I/O or system error.\n",
        out);
}

/* What the command line asked to print instead of running a command.  The
 * lists (--list-formats, --list-commands: one name a line) are for the
 * bash completion and the tests that hold the docs to the tables. */
static void print_info(const options *opt)
{
  switch (opt->act) {
  case ACT_HELP:
    if (opt->cmd == &commands[0])
      usage(stdout);
    else
      command_usage(stdout, opt->cmd);
    break;
  case ACT_VERSION: printf("kgbuild %s\n", KG_VERSION); break;
  case ACT_LIST_FORMATS:
    for (size_t i = 0; i < kg_backend_count; ++i)
      puts(kg_backends[i].name);
    for (size_t i = 0; i < GROUP_COUNT; ++i)
      puts(format_groups[i].name);
    break;
  case ACT_LIST_COMMANDS:
    for (size_t i = 0; i < COMMAND_COUNT; ++i)
      puts(commands[i].name);
    break;
  case ACT_RUN: break;
  }
}

/* ---- the command line ---------------------------------------------------- */

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

/* A usage error is kept, to be reported through the sink once it exists
 * (so that --diagnostics=json prints only JSON); the first one counts. */
static kg_status usage_error(options *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static kg_status usage_error(options *opt, const char *fmt, ...)
{
  if (!opt->usage[0]) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(opt->usage, sizeof opt->usage, fmt, ap);
    va_end(ap);
  }
  return KG_ERR_USAGE;
}

static kg_status parse_format(const char *name, options *opt)
{
  for (size_t i = 0; i < GROUP_COUNT; ++i)
    if (!strcmp(name, format_groups[i].name)) {
      opt->group = &format_groups[i];
      return KG_OK;
    }
  if (!(opt->format = kg_backend_find(name))) {
    return usage_error(opt, "unknown format '%s' (try --help)", name);
  }
  return KG_OK;
}

static kg_status parse_jobs(const char *arg, options *opt)
{
  char *end;
  long n = strtol(arg, &end, 10);
  if (end == arg || *end || n < 1 || n > KG_MAX_JOBS) {
    return usage_error(opt, "--jobs is a number from 1 to %d, not '%s'",
                       KG_MAX_JOBS, arg);
  }
  opt->jobs = (unsigned)n;
  return KG_OK;
}

static kg_status parse_diagnostics(const char *arg, options *opt)
{
  if (!strcmp(arg, "text"))
    opt->diagnostics = KG_DIAG_TEXT;
  else if (!strcmp(arg, "json"))
    opt->diagnostics = KG_DIAG_JSON;
  else {
    return usage_error(opt, "--diagnostics is text or json, not '%s'", arg);
  }
  return KG_OK;
}

static kg_status parse_color(const char *arg, options *opt)
{
  static const char *const names[] = {"never", "always", "auto"};
  for (int i = 0; i < 3; ++i)
    if (!strcmp(arg, names[i])) {
      opt->color = i < 2 ? i : -1;
      return KG_OK;
    }
  return usage_error(opt, "--color is auto, always or never, not '%s'", arg);
}

static kg_status parse_sources(const char *arg, options *opt)
{
  enum { MAX = sizeof opt->sources / sizeof *opt->sources };
  if (opt->source_dirs == MAX) {
    return usage_error(opt, "at most %d --sources directories", (int)MAX);
  }
  opt->sources[opt->source_dirs++] = arg;
  return KG_OK;
}

enum { OPT_LIST_FORMATS = 256, OPT_LIST_COMMANDS, OPT_STAT };

static kg_status parse_measures(const char *arg, options *opt)
{
  opt->measures_given = true;
  if (kg_measures_parse(arg, &opt->measures) == KG_OK)
    return KG_OK;
  return usage_error(opt,
                     "--measures is all, none or a list of degree, "
                     "betweenness, pagerank, communities, components, not '%s'",
                     arg);
}

static kg_status parse_compress(const char *arg, options *opt)
{
  opt->compress_given = true;
  if (kg_compression_parse(arg, &opt->compress) == KG_OK)
    return KG_OK;
  return usage_error(opt, "--compress is gzip, zstd or none, not '%s'", arg);
}

static const struct option longopts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"exports", required_argument, NULL, 'E'},
    {"ontology", required_argument, NULL, 'O'},
    {"base", required_argument, NULL, 'B'},
    {"sources", required_argument, NULL, 'S'},
    {"diagnostics", required_argument, NULL, 'D'},
    {"color", required_argument, NULL, 'C'},
    {"colour", required_argument, NULL, 'C'},
    {"quiet", no_argument, NULL, 'q'},
    {"jobs", required_argument, NULL, 'j'},
    {"json", no_argument, NULL, 'J'},
    {"stat", no_argument, NULL, OPT_STAT},
    {"measures", required_argument, NULL, 'M'},
    {"compress", required_argument, NULL, 'Z'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    /* not in --help: for the bash completion and the tests */
    {"list-formats", no_argument, NULL, OPT_LIST_FORMATS},
    {"list-commands", no_argument, NULL, OPT_LIST_COMMANDS},
    {NULL, 0, NULL, 0},
};

/* One option from getopt_long.  The version and the lists end the parse
 * (*done), whatever follows them. */
static kg_status parse_option(int c, char **argv, options *opt, bool *done)
{
  switch (c) {
  case 'f': return parse_format(optarg, opt);
  case 'o': opt->output = optarg; return KG_OK;
  case 'E': opt->exports_dir = optarg; return KG_OK;
  case 'O': opt->ontology_dir = optarg; return KG_OK;
  case 'B': opt->base = optarg; return KG_OK;
  case 'S': return parse_sources(optarg, opt);
  case 'q': opt->quiet = true; return KG_OK;
  case 'j': return parse_jobs(optarg, opt);
  case 'J': opt->json = true; return KG_OK;
  case OPT_STAT: opt->stat = true; return KG_OK;
  case 'D': return parse_diagnostics(optarg, opt);
  case 'C': return parse_color(optarg, opt);
  case 'M': return parse_measures(optarg, opt);
  case 'Z': return parse_compress(optarg, opt);
  case 'h': opt->act = ACT_HELP; return KG_OK;
  case 'V':
    opt->act = ACT_VERSION;
    *done = true;
    return KG_OK;
  case OPT_LIST_FORMATS:
    opt->act = ACT_LIST_FORMATS;
    *done = true;
    return KG_OK;
  case OPT_LIST_COMMANDS:
    opt->act = ACT_LIST_COMMANDS;
    *done = true;
    return KG_OK;
  case ':':
    return usage_error(opt, "option '%s' needs a value (try --help)",
                       argv[optind - 1]);
  default:
    return usage_error(opt, "unknown option '%s' (try --help)",
                       argv[optind - 1]);
  }
}

/* The options that make sense only together, or only with some commands. */
static kg_status check_options(options *opt)
{
  const command *cmd = opt->cmd;
  bool format = opt->format || opt->group;
  if (opt->output && !format && cmd->output != OUT_FILE) {
    return usage_error(opt, "-o needs --format to say which export to write");
  }
  if (cmd->output == OUT_NONE && (format || opt->output)) {
    return usage_error(opt, "%s writes no export; drop --format and -o",
                       cmd->name);
  }
  if (opt->input_count < cmd->min_operands ||
      (cmd->max_operands >= 0 && opt->input_count > cmd->max_operands)) {
    return usage_error(opt, "%s needs %s (try kgbuild %s --help)", cmd->name,
                       cmd->operands_needed, cmd->name);
  }
  if (opt->json && !cmd->json) {
    return usage_error(opt, "--json is an option of stats");
  }
  if (opt->stat && cmd->run != cmd_diff) {
    return usage_error(opt, "--stat is an option of diff");
  }
  if (opt->base && !kg_base_valid(opt->base))
    return usage_error(opt,
                       "--base '%s' is not an absolute IRI ending in "
                       "'/', '#' or ':'",
                       opt->base);
  return KG_OK;
}

static kg_status parse_options(int argc, char **argv, options *opt)
{
  kg_status st = KG_OK;
  bool done = false;
  /* The ontology and exports directories, unless given, are the fact
   * base's (find_factbase). */
  *opt =
      (options){.cmd = &commands[0], .measures = KG_MEASURES_ALL, .color = -1};
  /* Usage errors are reported in the form asked for, wherever the
   * --diagnostics option is among the others. */
  for (int i = 1; i < argc; ++i)
    if (!strcmp(argv[i], "--diagnostics=json") ||
        (!strcmp(argv[i], "--diagnostics") && i + 1 < argc &&
         !strcmp(argv[i + 1], "json")))
      opt->diagnostics = KG_DIAG_JSON;
  opterr = 0;
  for (int c; !done && (c = getopt_long(argc, argv, ":f:o:j:qhV", longopts,
                                        NULL)) != -1;)
    TRY(parse_option(c, argv, opt, &done));
  if (done)
    goto out;
  /* The command is the first word that is not an option, wherever the
   * options are: `kgbuild -q check`, `kgbuild check --help`. */
  for (size_t c = 0; optind < argc && c < COMMAND_COUNT; ++c)
    if (!strcmp(argv[optind], commands[c].name)) {
      opt->cmd = &commands[c];
      ++optind;
      break;
    }
  if (opt->act == ACT_HELP)
    goto out;
  opt->inputs = argv + optind;
  opt->input_count = argc - optind;
  st = check_options(opt);
out:
  return st;
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

static kg_status worse(kg_status a, kg_status b)
{
  return kg_build_worse(a, b);
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
static kg_status add_other(pipeline *p, char *input, kg_vec *paths)
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
static kg_status add_given(pipeline *p, kg_vec *paths)
{
  const options *opt = p->opt;
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
static kg_status collect_paths(pipeline *p, char **given, int given_count,
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
static kg_status load_facts(pipeline *p, kg_model *model, char **given,
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
static kg_status load_and_check(pipeline *p, kg_model *model, char **inputs,
                                int count, bool quotes)
{
  kg_status loaded = load_facts(p, model, inputs, count);
  /* An unreadable file (KG_ERR_IO) is one problem among others: the files
   * that could be read are checked too. */
  if (loaded != KG_OK && loaded != KG_ERR_FACTS && loaded != KG_ERR_IO)
    return loaded;
  if (interrupted)
    return KG_ERR_INTERRUPTED;
  kg_status checked =
      quotes ? kg_build_check(model, p->opt->fact_base->root, p->opt->archives,
                              p->opt->archive_count, p->diag)
             : kg_check(model, p->diag);
  if (checked == KG_OK && interrupted)
    checked = KG_ERR_INTERRUPTED;
  return worse(loaded, checked);
}

/* The run's own model of FACTS, loaded and checked. */
static kg_status model_facts(pipeline *p, char **inputs, int count)
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
static kg_status build_graph(pipeline *p, kg_needs needs)
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
static kg_status to_stdout(pipeline *p, kg_status st)
{
  if (st == KG_ERR_IO)
    kg_error(p->diag, (kg_pos){"<stdout>", 0, 0}, "io", "cannot write: %s",
             errno ? strerror(errno) : "error");
  return st;
}

static void print_summary(const options *opt, const kg_model *model,
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
static kg_status chosen_backends(const options *opt, const kg_backend ***out,
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
static kg_status emit_chosen(pipeline *p, const kg_network *net,
                             const kg_backend *const *chosen, size_t count)
{
  const options *opt = p->opt;
  if (opt->group || (opt->format && opt->format->write_dir))
    return kg_emit_files(net, chosen, count,
                         opt->output ? opt->output : opt->exports_dir, NULL,
                         jobs(opt), p->diag, &interrupted);
  if (opt->format && (!opt->output || !strcmp(opt->output, "-")))
    return kg_emit_stream(net, chosen[0], stdout, "<stdout>", p->diag);
  if (opt->format)
    return kg_emit_files(net, chosen, 1, NULL, opt->output, 1, p->diag,
                         &interrupted);
  return kg_emit_files(net, chosen, count, opt->exports_dir, NULL, jobs(opt),
                       p->diag, &interrupted);
}

/* Names the files a build wrote into the exports directory, unless -q:
 * --compress writes kg.ttl.zst in place of kg.ttl (the plain one is gone
 * from the new set), which a script reading kg.ttl must hear of. */
static void print_written(const options *opt, const kg_backend **chosen,
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
static kg_status emit(pipeline *p, const kg_network *net,
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

static kg_status cmd_build(pipeline *p)
{
  kg_status st = KG_OK;
  const options *opt = p->opt;
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
static kg_status cmd_check(pipeline *p)
{
  kg_status st = KG_OK;
  const options *opt = p->opt;
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
            "no problems\n",
            opt->input_count, opt->input_count == 1 ? "" : "s", p->model.files);
  else if (!p->opt->quiet)
    print_summary(p->opt, &p->model, NULL, 0);
out:
  return st;
}

static kg_status cmd_stats(pipeline *p)
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

static kg_status cmd_schema(pipeline *p)
{
  if (p->opt->output)
    return kg_write_file_atomically(p->opt->output, p->diag, write_schema_cb,
                                    &p->onto);
  return to_stdout(p, kg_schema_write(&p->onto, stdout));
}

/* show ID [FACTS...]: the id is not a fact file. */
static kg_status cmd_show(pipeline *p)
{
  kg_status st = KG_OK;
  const options *opt = p->opt;
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
static kg_status diff_trees(pipeline *p, char *old_tree, char *new_tree)
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
static kg_status checkout(pipeline *p, const char *rev, char **tmp, char **tree)
{
  kg_status st = KG_OK;
  TRY(kg_factbase_checkout(p->opt->fact_base->root, rev, tmp, p->diag));
  if (!(*tree = kg_malloc(strlen(*tmp) + sizeof "/facts")))
    TRY(KG_ERR_NOMEM);
  sprintf(*tree, "%s/facts", *tmp);
out:
  return st;
}

/* Whether both operands are trees on disk (diff OLD NEW), rather than
 * revisions (diff REV1 REV2). */
static bool trees_on_disk(const options *opt)
{
  struct stat sb;
  return opt->input_count == 2 && stat(opt->inputs[0], &sb) == 0 &&
         stat(opt->inputs[1], &sb) == 0;
}

/* The revisions diff compares: REV1..REV2, REV1 REV2, or REV (default
 * HEAD) against the working facts/ (revs[1] NULL).  `split` holds the
 * copy REV1..REV2 is cut in. */
static kg_status diff_revisions(const options *opt, char *split,
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
static kg_status cmd_diff(pipeline *p)
{
  kg_status st = KG_OK;
  const options *opt = p->opt;
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
static kg_status cmd_init(pipeline *p)
{
  const char *dir = p->opt->input_count ? p->opt->inputs[0] : ".";
  kg_status st = kg_factbase_init(dir, p->diag);
  if (st == KG_OK && !p->opt->quiet)
    fprintf(stderr,
            "kgbuild: a new fact base in %s; `kgbuild check` checks it, "
            "`kgbuild` builds it\n",
            dir);
  return st;
}

/* lsp: the server reads the fact base itself, from the editor's
 * workspace (docs/editors.md); its log goes to standard error. */
static kg_status cmd_lsp(pipeline *p)
{
  return kg_lsp_serve(&p->onto, p->strings, stdin, stdout, stderr, p->diag);
}

/* ---- main ---------------------------------------------------------------- */

static void pipeline_free(pipeline *p)
{
  kg_graph_free(p->graph);
  kg_model_free(&p->model);
  kg_ontology_free(&p->onto);
  kg_rdf_free(p->rdf);
  kg_map_free(p->strings);
  kg_arena_free(p->arena);
}

/* Every command starts from the ontology; then the command runs its
 * stages. */
/* An entity IRI that JSON-LD would read as a compact IRI ("xsd:src") is
 * refused before anything is read: the exports would say something else. */
static kg_status base_check(const options *opt, const kg_ontology *onto,
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

static bool needs_ontology(const command *cmd)
{
  return cmd->run != cmd_init;
}

static kg_status run(const options *opt, kg_diag *diag)
{
  kg_status st = KG_OK;
  pipeline p = {.opt = opt, .diag = diag};
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

/* The diagnostic sink, as the options say: usage errors are reported
 * through it too, so that --diagnostics=json prints only JSON. */
static kg_diag *open_sink(options *opt)
{
  const char *no_color = getenv("NO_COLOR");
  bool color = opt->color == 1 || (opt->color == -1 && isatty(STDERR_FILENO) &&
                                   !(no_color && *no_color));
  opt->progress =
      !opt->quiet && opt->diagnostics == KG_DIAG_TEXT && isatty(STDERR_FILENO);
  return kg_diag_new(stderr, opt->diagnostics, color);
}

/* Runs the command. */
static kg_status run_command(options *opt, kg_diag *diag)
{
  install_signals();
  /* Diagnostics are printed sorted by position, at the end of each stage;
   * every stage polls the interruption flag through the sink. */
  kg_diag_collect(diag);
  kg_diag_watch(diag, &interrupted);
  kg_status st = run(opt, diag);
  kg_diag_summary(diag);
  return st;
}

/* Whether every operand is a fact file (not a directory, not '-'): then
 * check FILE... checks them in the context of their fact base. */
static bool fact_files_only(const options *opt)
{
  struct stat sb;
  for (int i = 0; i < opt->input_count; ++i)
    if (stat(opt->inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode))
      return false;
  return opt->input_count > 0;
}

/* A bad value from kgbuild.yaml is said to be its, not an option's. */
static kg_status from_config(options *opt, const char *key, kg_status st)
{
  char said[sizeof opt->usage];
  if (st == KG_ERR_USAGE) {
    snprintf(said, sizeof said, "%s", opt->usage);
    snprintf(opt->usage, sizeof opt->usage, "%s: %s: %.300s", KG_CONFIG_NAME,
             key, said);
  }
  return st;
}

/* kgbuild.yaml's default options, where the command line gave none: the
 * command line overrides the configuration. */
static kg_status apply_config(options *opt, const kg_factbase *fb)
{
  kg_status st = KG_OK;
  if (!opt->base)
    opt->base = fb->base ? fb->base : DEFAULT_BASE;
  if (fb->measures && !opt->measures_given)
    TRY(from_config(opt, "measures", parse_measures(fb->measures, opt)));
  if (fb->compress && !opt->compress_given)
    TRY(from_config(opt, "compress", parse_compress(fb->compress, opt)));
  if (fb->jobs && !opt->jobs)
    TRY(from_config(opt, "jobs", parse_jobs(fb->jobs, opt)));
  TRY(check_options(opt));
  opt->archive_count =
      kg_build_archives(fb, opt->sources, opt->source_dirs, opt->archives);
out:
  return st;
}

/* The fact base: the nearest directory at or above the current one (for
 * check FILE..., the first file's) that holds facts/, and its
 * kgbuild.yaml.  --ontology, --exports and FACTS, when given, win. */
static kg_status find_factbase(options *opt, kg_factbase *fb, kg_diag *diag)
{
  kg_status st = KG_OK;
  char start[PATH_MAX] = ".";
  opt->in_context = opt->cmd->run == cmd_check && fact_files_only(opt);
  if (opt->in_context) {
    snprintf(start, sizeof start, "%s", opt->inputs[0]);
    char *slash = strrchr(start, '/');
    if (slash)
      slash[slash == start] = '\0'; /* "/x.yaml" -> "/" */
    else
      strcpy(start, ".");
  }
  TRY(kg_factbase_find(start, fb));
  /* init makes a fact base; it reads none. */
  if (opt->cmd->run != cmd_init)
    TRY(kg_factbase_configure(fb, diag));
  opt->in_context = opt->in_context && fb->root;
  opt->fact_base = fb;
  opt->ontology_layered = !opt->ontology_dir;
  if (!opt->ontology_dir)
    opt->ontology_dir = fb->ontology;
  if (!opt->exports_dir)
    opt->exports_dir = fb->exports;
  TRY(apply_config(opt, fb));
out:
  return st;
}

int main(int argc, char **argv)
{
  options opt;
  kg_factbase fb = {0};
  kg_status st = parse_options(argc, argv, &opt);
  kg_diag *diag = open_sink(&opt);
  if (!diag) {
    fputs("kgbuild: out of memory\n", stderr);
    return exit_code(KG_ERR_NOMEM);
  }
  if (st == KG_OK && opt.act == ACT_RUN)
    st = find_factbase(&opt, &fb, diag);
  if (st == KG_ERR_NOMEM)
    kg_error(diag, (kg_pos){0}, "nomem", "out of memory");
  if (st == KG_ERR_USAGE && opt.usage[0])
    kg_error(diag, (kg_pos){0}, "usage", "%s", opt.usage);
  if (st == KG_OK && opt.act == ACT_RUN)
    st = run_command(&opt, diag);
  else if (st == KG_OK)
    print_info(&opt);
  kg_diag_free(diag);
  /* Standard output may be a full disk or a closed pipe, whatever was
   * written there: help, the version, a table, an export. */
  if (st == KG_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    perror("kgbuild: <stdout>");
    st = KG_ERR_IO;
  }
  kg_factbase_free(&fb);
  return exit_code(st);
}
