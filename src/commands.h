/* commands.h - the commands of the command line (build, check, stats,
 * schema, show, diff, init, lsp, push): their table, and running one over the
 * pipeline.  main.c parses the command line into kg_options, finds the
 * command in kg_commands[] and hands it to kg_command_run; what each
 * command does is in commands.c (docs/design-notes.md, "Adding a
 * command"). */
#ifndef KG_COMMANDS_H
#define KG_COMMANDS_H

#include "backends.h"
#include "diag.h"
#include "factbase.h"

#include <signal.h>

/* A --format that names several exports written together as files: it has
 * no row in the backend table, only members there. */
typedef struct {
  const char *name, *describe;
  const char *members[4]; /* backend names, NULL-terminated */
} kg_format_group;

/* What the command line asks for: a command to run, or only something to
 * print (help, the version, the lists the bash completion reads). */
typedef enum {
  ACT_RUN,
  ACT_HELP,
  ACT_VERSION,
  ACT_LIST_FORMATS,
  ACT_LIST_COMMANDS
} kg_action;

typedef struct kg_command kg_command;
typedef struct kg_pipeline kg_pipeline;

typedef struct {
  const kg_command *cmd;
  kg_action act;
  const kg_backend *format;     /* --format of one export */
  const kg_format_group *group; /* --format of several (csv) */
  bool progress;                /* stderr is a terminal: show progress */
  bool json;                    /* stats --json */
  bool quiet;
  bool stat;       /* diff --stat */
  bool in_context; /* check FILE...: against their whole fact base */
  bool dry_run;    /* push --dry-run */
  long timeout;    /* push --timeout; 0: the default */
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
} kg_options;

/* What a command does with -o and --format. */
typedef enum {
  OUT_NONE,    /* writes no export: both are usage errors */
  OUT_EXPORTS, /* --format picks one export; -o needs it */
  OUT_FILE,    /* writes one file of its own: -o alone names it */
} kg_output_use;

/* What else a command takes or does, for main.c's option checks. */
enum {
  KG_CMD_JSON = 1 << 0,       /* takes --json */
  KG_CMD_STAT = 1 << 1,       /* takes --stat */
  KG_CMD_IN_CONTEXT = 1 << 2, /* FILE... are checked in their fact base */
  KG_CMD_MAKES_BASE = 1 << 3, /* reads no ontology nor kgbuild.yaml */
  KG_CMD_PUSH = 1 << 4,       /* takes --dry-run and --timeout */
};

/* A command: the word that names it, what --help and COMMAND --help say of
 * it, what it accepts, and the function that runs it.  Adding a command
 * is adding a row (docs/design-notes.md, "Adding a command"). */
struct kg_command {
  const char *name;  /* the first operand that is not an option */
  const char *args;  /* its synopsis after the name */
  const char *entry; /* how --help's list of commands shows it */
  const char *brief; /* what --help says of it ('\n': a new line) */
  const char *help;  /* what COMMAND --help says of it */
  kg_status (*run)(kg_pipeline *p);
  kg_output_use output;
  unsigned flags;              /* KG_CMD_* */
  int min_operands;            /* fewer is a usage error ... */
  int max_operands;            /* ... and more (-1: any number) */
  const char *operands_needed; /* ... saying what it needs */
};

/* The commands; the first is the one run when none is named. */
extern const kg_command kg_commands[];
extern const size_t kg_command_count;

/* Runs opt->cmd: loads the ontology (unless the command makes a fact
 * base) and runs the command's stages, reporting into diag; polls
 * *interrupted (set by a signal handler; NULL: none) and stops with
 * KG_ERR_INTERRUPTED, exports left as they were. */
kg_status kg_command_run(const kg_options *opt, kg_diag *diag,
                         volatile sig_atomic_t *interrupted) KG_NODISCARD;

#endif
