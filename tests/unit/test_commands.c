/* test_commands.c - the commands of the command line (commands.h): the
 * table's invariants (the driver parses, checks and lists commands from
 * it), and kg_command_run over real fact bases of the repository, its
 * diagnostics read through a client of the sink (diag.h): check of a good
 * base is clean, of a bad one reports every file's errors sorted; an
 * interrupted run stops with KG_ERR_INTERRUPTED; init makes a fact base
 * and refuses to make one over another.  Run from the repository root. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "commands.h"
#include "graph.h"

/* Every row says what it is, and no two share a name; the first is the
 * command run when none is named; the operands' bounds are sane, and a
 * command that needs some says what. */
static void test_table(void **state)
{
  (void)state;
  assert_true(kg_command_count >= 8);
  assert_string_equal(kg_commands[0].name, "build");
  size_t json = 0, stat_ = 0, context = 0, makes = 0;
  for (size_t i = 0; i < kg_command_count; ++i) {
    const kg_command *c = &kg_commands[i];
    assert_non_null(c->name);
    assert_non_null(c->args);
    assert_non_null(c->entry);
    assert_non_null(c->brief);
    assert_non_null(c->help);
    assert_non_null(c->run);
    assert_true(c->max_operands < 0 || c->min_operands <= c->max_operands);
    if (c->min_operands > 0 || c->max_operands >= 0)
      assert_true(c->operands_needed || c->max_operands == 0);
    for (size_t j = 0; j < i; ++j)
      assert_string_not_equal(kg_commands[j].name, c->name);
    json += !!(c->flags & KG_CMD_JSON);
    stat_ += !!(c->flags & KG_CMD_STAT);
    context += !!(c->flags & KG_CMD_IN_CONTEXT);
    makes += !!(c->flags & KG_CMD_MAKES_BASE);
    /* A command that makes a fact base writes no export. */
    if (c->flags & KG_CMD_MAKES_BASE)
      assert_int_equal(c->output, OUT_NONE);
  }
  assert_true(json >= 1 && stat_ >= 1 && context >= 1 && makes >= 1);
}

static const kg_command *command(const char *name);

/* The flags main.c's option checks read, on the commands they are for. */
static void test_flags(void **state)
{
  (void)state;
  assert_true(command("stats")->flags & KG_CMD_JSON);
  assert_true(command("diff")->flags & KG_CMD_STAT);
  assert_true(command("check")->flags & KG_CMD_IN_CONTEXT);
  assert_true(command("init")->flags & KG_CMD_MAKES_BASE);
  assert_false(command("build")->flags &
               (KG_CMD_JSON | KG_CMD_STAT | KG_CMD_MAKES_BASE));
}

static const kg_command *command(const char *name)
{
  for (size_t i = 0; i < kg_command_count; ++i)
    if (!strcmp(kg_commands[i].name, name))
      return &kg_commands[i];
  fail_msg("no command %s", name);
  return NULL;
}

/* The client: what it was handed, in order. */
typedef struct {
  char files[8][64];
  char codes[8][32];
  size_t count, errors;
} heard;

static void hear(void *handle, const kg_diagnostic *d)
{
  heard *h = handle;
  if (d->severity == KG_SEV_ERROR)
    h->errors++;
  if (h->count < 8) {
    snprintf(h->files[h->count], sizeof h->files[0], "%s",
             d->pos.file ? d->pos.file : "");
    snprintf(h->codes[h->count], sizeof h->codes[0], "%s",
             d->code ? d->code : "");
  }
  h->count++;
}

/* Runs cmd over the fact base at dir, as the driver would (collecting,
 * the options the command line leaves by default, -q, JSON so that no
 * summary is printed). */
static kg_status run(const char *name, const char *dir, heard *h,
                     volatile sig_atomic_t *interrupted)
{
  kg_factbase fb = {0};
  memset(h, 0, sizeof *h);
  kg_diag *diag = kg_diag_new_client((kg_diag_client){hear, NULL, h, true});
  assert_non_null(diag);
  assert_int_equal(kg_factbase_find(dir, &fb), KG_OK);
  assert_non_null(fb.root);
  kg_options opt = {.cmd = command(name),
                    .fact_base = &fb,
                    .ontology_dir = "ontology",
                    .exports_dir = fb.exports,
                    .base = "https://w3id.org/kgbuild/id/",
                    .diagnostics = KG_DIAG_JSON,
                    .quiet = true,
                    .jobs = 1,
                    .measures = KG_MEASURES_ALL};
  kg_diag_collect(diag);
  kg_diag_watch(diag, interrupted);
  kg_status st = kg_command_run(&opt, diag, interrupted);
  kg_diag_free(diag);
  kg_factbase_free(&fb);
  return st;
}

static void test_check_good(void **state)
{
  (void)state;
  volatile sig_atomic_t stop = 0;
  heard h;
  assert_int_equal(run("check", "tests/good/minimal", &h, &stop), KG_OK);
  assert_int_equal(h.count, 0);
}

/* Both files' errors, sorted by file, handed to the client. */
static void test_check_bad(void **state)
{
  (void)state;
  volatile sig_atomic_t stop = 0;
  heard h;
  assert_int_equal(run("check", "tests/bad/errors-in-several-files", &h, &stop),
                   KG_ERR_FACTS);
  assert_int_equal(h.count, 2);
  assert_int_equal(h.errors, 2);
  assert_string_equal(h.codes[0], "unknown-key");
  assert_string_equal(h.codes[1], "bad-date");
  assert_true(strcmp(h.files[0], h.files[1]) < 0);
}

static void test_interrupted(void **state)
{
  (void)state;
  volatile sig_atomic_t stop = SIGINT;
  heard h;
  assert_int_equal(run("check", "tests/good/minimal", &h, &stop),
                   KG_ERR_INTERRUPTED);
  assert_int_equal(h.count, 1);
  assert_string_equal(h.codes[0], "interrupted");
}

/* init reads no ontology (it may run before one is installed): it makes
 * facts/ and sources/, and refuses a second time, saying why. */
static void test_init(void **state)
{
  (void)state;
  char dir[] = "/tmp/kg-test-commands.XXXXXX", facts[64];
  assert_non_null(mkdtemp(dir));
  char *inputs[] = {dir};
  heard h = {0};
  kg_diag *diag = kg_diag_new_client((kg_diag_client){hear, NULL, &h, false});
  assert_non_null(diag);
  kg_options opt = {.cmd = command("init"),
                    .ontology_dir = "/nonexistent",
                    .quiet = true,
                    .inputs = inputs,
                    .input_count = 1};
  assert_int_equal(kg_command_run(&opt, diag, NULL), KG_OK);
  struct stat sb;
  snprintf(facts, sizeof facts, "%s/facts", dir);
  assert_int_equal(stat(facts, &sb), 0);
  assert_true(S_ISDIR(sb.st_mode));
  assert_int_equal(h.count, 0);
  assert_int_equal(kg_command_run(&opt, diag, NULL), KG_ERR_USAGE);
  assert_int_equal(h.count, 1);
  kg_diag_free(diag);
  char rm[128];
  snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
  assert_int_equal(system(rm), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),       cmocka_unit_test(test_flags),
      cmocka_unit_test(test_check_good),  cmocka_unit_test(test_check_bad),
      cmocka_unit_test(test_interrupted), cmocka_unit_test(test_init),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
