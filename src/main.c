/* main.c - the command line: parse it into options, find the command in
 * the const table of commands.c (like the backend table of exports), and
 * run it there, with the signal handlers and the diagnostics sink set up
 * here. */
#include "backends.h"
#include "build.h"
#include "commands.h"
#include "factbase.h"
#include "graph.h"
#include "import.h"
#include "pool.h"
#include "triples.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef KG_VERSION
#define KG_VERSION "0.1.0"
#endif

#define DEFAULT_BASE "https://w3id.org/kgbuild/id/"

enum { EXIT_FACTS = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* --help fits a terminal of this width. */
enum { HELP_WIDTH = 80, HELP_COLUMN = 20 };

static const kg_format_group format_groups[] = {
    {"csv",
     "both CSV tables, into -o DIR or the exports directory",
     {"csv-nodes", "csv-edges", NULL}},
};

enum { GROUP_COUNT = sizeof format_groups / sizeof *format_groups };

/* Set by the signal handler, polled by the driver and the emitter, so that
 * an interrupted run removes its temporary files.  A handler can only
 * reach a global; the others in kgbuild are alloc.c's fault-injection
 * counters and the emitter's saved umask. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
  interrupted = sig;
}

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
  for (size_t i = 0; i < kg_command_count; ++i)
    help_entry(out, 2, kg_commands[i].entry, HELP_COLUMN, kg_commands[i].brief);
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
      "                    one is modelled (on at most 4), check a large\n"
      "                    base in up to N parts, write up to N exports at\n"
      "                    once (default: one per processor; the output is\n"
      "                    the same bytes whatever N)\n"
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
      "      --dry-run     push: list the graphs that would be sent or\n"
      "                    dropped; send nothing\n"
      "      --timeout=S   push: seconds to connect, and of a stall, before\n"
      "                    a request is retried (default 30)\n"
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

static void command_usage(FILE *out, const kg_command *cmd)
{
  fprintf(out, "Usage: kgbuild %s %s\n%s\n\n", cmd->name, cmd->args, cmd->help);
  fputs("Options: see kgbuild --help.  Exit status: 0 success; 1 errors in\n"
        "the facts or ontology; 2 usage error; 3 I/O or system error.\n",
        out);
}

/* What the command line asked to print instead of running a command.  The
 * lists (--list-formats, --list-commands: one name a line) are for the
 * bash completion and the tests that hold the docs to the tables. */
static void print_info(const kg_options *opt)
{
  switch (opt->act) {
  case ACT_HELP:
    if (opt->cmd == &kg_commands[0])
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
    for (size_t i = 0; i < kg_command_count; ++i)
      puts(kg_commands[i].name);
    break;
  case ACT_RUN: break;
  }
}

/* ---- the command line ---------------------------------------------------- */

/* A usage error is kept, to be reported through the sink once it exists
 * (so that --diagnostics=json prints only JSON); the first one counts. */
static kg_status usage_error(kg_options *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static kg_status usage_error(kg_options *opt, const char *fmt, ...)
{
  if (!opt->usage[0]) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(opt->usage, sizeof opt->usage, fmt, ap);
    va_end(ap);
  }
  return KG_ERR_USAGE;
}

static kg_status parse_format(const char *name, kg_options *opt)
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

static kg_status parse_jobs(const char *arg, kg_options *opt)
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

static kg_status parse_diagnostics(const char *arg, kg_options *opt)
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

static kg_status parse_color(const char *arg, kg_options *opt)
{
  static const char *const names[] = {"never", "always", "auto"};
  for (int i = 0; i < 3; ++i)
    if (!strcmp(arg, names[i])) {
      opt->color = i < 2 ? i : -1;
      return KG_OK;
    }
  return usage_error(opt, "--color is auto, always or never, not '%s'", arg);
}

static kg_status parse_sources(const char *arg, kg_options *opt)
{
  enum { MAX = sizeof opt->sources / sizeof *opt->sources };
  if (opt->source_dirs == MAX) {
    return usage_error(opt, "at most %d --sources directories", (int)MAX);
  }
  opt->sources[opt->source_dirs++] = arg;
  return KG_OK;
}

enum {
  OPT_LIST_FORMATS = 256,
  OPT_LIST_COMMANDS,
  OPT_STAT,
  OPT_DRY_RUN,
  OPT_TIMEOUT
};

static kg_status parse_timeout(const char *arg, kg_options *opt)
{
  char *end = NULL;
  errno = 0;
  long n = strtol(arg, &end, 10);
  if (errno || end == arg || *end || n < 1 || n > 3600)
    return usage_error(opt, "--timeout takes seconds, 1 to 3600, not '%s'",
                       arg);
  opt->timeout = n;
  return KG_OK;
}

static kg_status parse_measures(const char *arg, kg_options *opt)
{
  opt->measures_given = true;
  if (kg_measures_parse(arg, &opt->measures) == KG_OK)
    return KG_OK;
  return usage_error(opt,
                     "--measures is all, none or a list of degree, "
                     "betweenness, pagerank, communities, components, not '%s'",
                     arg);
}

static kg_status parse_compress(const char *arg, kg_options *opt)
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
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
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
static kg_status parse_option(int c, char **argv, kg_options *opt, bool *done)
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
  case OPT_DRY_RUN: opt->dry_run = true; return KG_OK;
  case OPT_TIMEOUT: return parse_timeout(optarg, opt);
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
static kg_status check_options(kg_options *opt)
{
  const kg_command *cmd = opt->cmd;
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
  if (opt->json && !(cmd->flags & KG_CMD_JSON)) {
    return usage_error(opt, "--json is an option of stats");
  }
  if (opt->stat && !(cmd->flags & KG_CMD_STAT)) {
    return usage_error(opt, "--stat is an option of diff");
  }
  if ((opt->dry_run || opt->timeout) && !(cmd->flags & KG_CMD_PUSH)) {
    return usage_error(opt, "--dry-run and --timeout are options of push");
  }
  if (opt->base && !kg_base_valid(opt->base))
    return usage_error(opt,
                       "--base '%s' is not an absolute IRI ending in "
                       "'/', '#' or ':'",
                       opt->base);
  return KG_OK;
}

static kg_status parse_options(int argc, char **argv, kg_options *opt)
{
  kg_status st = KG_OK;
  bool done = false;
  /* The ontology and exports directories, unless given, are the fact
   * base's (find_factbase). */
  *opt = (kg_options){
      .cmd = &kg_commands[0], .measures = KG_MEASURES_ALL, .color = -1};
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
  for (size_t c = 0; optind < argc && c < kg_command_count; ++c)
    if (!strcmp(argv[optind], kg_commands[c].name)) {
      opt->cmd = &kg_commands[c];
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

/* ---- main ---------------------------------------------------------------- */

/* The diagnostic sink, as the options say: usage errors are reported
 * through it too, so that --diagnostics=json prints only JSON. */
static kg_diag *open_sink(kg_options *opt)
{
  const char *no_color = getenv("NO_COLOR");
  bool color = opt->color == 1 || (opt->color == -1 && isatty(STDERR_FILENO) &&
                                   !(no_color && *no_color));
  opt->progress =
      !opt->quiet && opt->diagnostics == KG_DIAG_TEXT && isatty(STDERR_FILENO);
  return kg_diag_new(stderr, opt->diagnostics, color);
}

/* Runs the command. */
static kg_status run_command(kg_options *opt, kg_diag *diag)
{
  install_signals();
  /* Diagnostics are printed sorted by position, at the end of each stage;
   * every stage polls the interruption flag through the sink. */
  kg_diag_collect(diag);
  kg_diag_watch(diag, &interrupted);
  kg_status st = kg_command_run(opt, diag, &interrupted);
  kg_diag_summary(diag);
  if (kg_diag_lost(diag) && (st == KG_OK || st == KG_ERR_FACTS))
    st = KG_ERR_NOMEM; /* what was said is incomplete: not the facts' fault */
  return st;
}

/* Whether every operand is a fact file (not a directory, not '-'): then
 * check FILE... checks them in the context of their fact base. */
static bool fact_files_only(const kg_options *opt)
{
  struct stat sb;
  for (int i = 0; i < opt->input_count; ++i)
    if (stat(opt->inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode))
      return false;
  return opt->input_count > 0;
}

/* A bad value from kgbuild.yaml is said to be its, not an option's. */
static kg_status from_config(kg_options *opt, const char *key, kg_status st)
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
static kg_status apply_config(kg_options *opt, const kg_factbase *fb)
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
static kg_status find_factbase(kg_options *opt, kg_factbase *fb, kg_diag *diag)
{
  kg_status st = KG_OK;
  char start[PATH_MAX] = ".";
  opt->in_context =
      (opt->cmd->flags & KG_CMD_IN_CONTEXT) && fact_files_only(opt);
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
  if (!(opt->cmd->flags & KG_CMD_MAKES_BASE))
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
  kg_options opt;
  kg_factbase fb = {0};
  /* import has options of its own (src/import.c). */
  if (argc > 1 && strcmp(argv[1], "import") == 0)
    return exit_code(kg_import_main(argc - 1, argv + 1));
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
  /* Standard output may be a full disk or a closed pipe, whatever was
   * written there: help, the version, a table, an export.  Said through
   * the sink, so that --diagnostics=json prints only JSON. */
  if (st == KG_OK && (fflush(stdout) != 0 || ferror(stdout))) {
    kg_error(diag, (kg_pos){"<stdout>", 0, 0}, "io", "cannot write: %s",
             errno ? strerror(errno) : "error");
    st = KG_ERR_IO;
  }
  kg_diag_free(diag);
  kg_factbase_free(&fb);
  return exit_code(st);
}
