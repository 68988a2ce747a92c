/* fuzz_common.h - what the libFuzzer harnesses share: the ontology, loaded
 * once per process (it is the fixed half of every run), and a diagnostics
 * stream to /dev/null.  Header-only, so that each harness is one file. */
#ifndef KG_FUZZ_COMMON_H
#define KG_FUZZ_COMMON_H

#include "arena.h"
#include "diag.h"
#include "ontology.h"
#include "rdf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KG_FUZZ_ONTOLOGY
#define KG_FUZZ_ONTOLOGY "ontology"
#endif

/* Process-wide state, built in LLVMFuzzerInitialize and never freed (the
 * process ends with the fuzzer; LeakSanitizer does not count what is still
 * reachable). */
typedef struct {
  kg_arena *arena;   /* the ontology's */
  kg_map *strings;   /* the ontology's interned strings */
  kg_rdf *rdf;       /* the raptor world: opened once, it is expensive */
  kg_ontology onto;
  FILE *devnull;     /* where diagnostics go, opened once */
  const char *dir;   /* the ontology directory used */
} kg_fuzz_env;

static kg_fuzz_env kg_fuzz;

static int kg_fuzz_is_dir(const char *path)
{
  char probe[PATH_MAX];
  snprintf(probe, sizeof probe, "%s/kgbuild.ttl", path);
  return access(probe, R_OK) == 0;
}

/* The ontology directory: $KG_ONTOLOGY; else ontology/ of the repository the
 * harness was built in, found from the binary (OUT is build/fuzz by default,
 * so ../../ontology) or as the absolute path compiled in; else ./ontology. */
static const char *kg_fuzz_ontology_dir(void)
{
  static char found[PATH_MAX];
  const char *env = getenv("KG_ONTOLOGY");
  if (env && *env)
    return env;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      static const char *const up[] = {"/../../ontology", "/../../../ontology",
                                       "/../ontology"};
      for (size_t i = 0; i < sizeof up / sizeof *up; ++i) {
        snprintf(found, sizeof found, "%s%s", exe, up[i]);
        if (kg_fuzz_is_dir(found))
          return found;
      }
    }
  }
  if (kg_fuzz_is_dir(KG_FUZZ_ONTOLOGY))
    return KG_FUZZ_ONTOLOGY;
  return "ontology";
}

/* Loads the ontology once; exits (not aborts: this is set-up, not a finding)
 * when it cannot. */
static void kg_fuzz_init(void)
{
  kg_fuzz.dir = kg_fuzz_ontology_dir();
  kg_fuzz.devnull = fopen("/dev/null", "w");
  kg_diag *diag = kg_diag_new(stderr, KG_DIAG_TEXT, false);
  kg_fuzz.arena = kg_arena_new();
  kg_fuzz.strings = kg_fuzz.arena ? kg_map_new(kg_fuzz.arena) : NULL;
  kg_fuzz.rdf = kg_rdf_new();
  if (!kg_fuzz.devnull || !diag || !kg_fuzz.strings || !kg_fuzz.rdf) {
    fprintf(stderr, "fuzz: cannot initialise\n");
    exit(2);
  }
  if (kg_ontology_load(&kg_fuzz.onto, kg_fuzz.arena, kg_fuzz.strings,
                       kg_fuzz.rdf, diag, kg_fuzz.dir) != KG_OK) {
    fprintf(stderr, "fuzz: cannot load the ontology from '%s' "
                    "(set KG_ONTOLOGY=DIR)\n", kg_fuzz.dir);
    exit(2);
  }
  kg_diag_free(diag);
}

#endif
