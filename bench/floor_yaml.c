/* floor_yaml.c - the floor for reading a fact base: a bare libyaml event
 * scan of the given fact files (or of the *.yaml files in given
 * directories), the way kgbuild reads them (whole file in memory, then
 * yaml_parser_set_input_string and the event API), doing nothing with the
 * events but counting them.  Whatever kgbuild spends beyond this is its own.
 *
 *   bench/floor_yaml FILE-OR-DIR...
 *
 * Prints one line: files, bytes, events and the wall time in seconds.
 * Exit status 1 on a YAML error or an unreadable file. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

typedef struct {
  unsigned long long files, bytes, events, scalar_bytes;
} totals;

static int scan_file(const char *path, totals *t)
{
  FILE *in = fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
    return 1;
  }
  struct stat sb;
  if (fstat(fileno(in), &sb) != 0) {
    fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
    fclose(in);
    return 1;
  }
  size_t cap = (size_t)sb.st_size;
  unsigned char *text = malloc(cap + 1);
  size_t len = text ? fread(text, 1, cap, in) : 0;
  fclose(in);
  if (!text || len != cap) {
    fprintf(stderr, "floor_yaml: %s: cannot read\n", path);
    free(text);
    return 1;
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    free(text);
    return 1;
  }
  yaml_parser_set_input_string(&parser, text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  int rc = 0;
  for (int done = 0; !done;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      fprintf(stderr, "floor_yaml: %s:%zu:%zu: %s\n", path,
              parser.problem_mark.line + 1, parser.problem_mark.column + 1,
              parser.problem ? parser.problem : "YAML error");
      rc = 1;
      break;
    }
    t->events++;
    if (ev.type == YAML_SCALAR_EVENT)
      t->scalar_bytes += ev.data.scalar.length;
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  free(text);
  t->files++;
  t->bytes += len;
  return rc;
}

static int compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int scan_path(const char *path, totals *t)
{
  struct stat sb;
  if (stat(path, &sb) != 0) {
    fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
    return 1;
  }
  if (!S_ISDIR(sb.st_mode))
    return scan_file(path, t);
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
    return 1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.' || !(ends_with(e->d_name, ".yaml") || ends_with(e->d_name, ".yml")))
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      names = realloc(names, cap * sizeof *names);
      if (!names)
        return 1;
    }
    size_t size = strlen(path) + strlen(e->d_name) + 2;
    names[n] = malloc(size);
    if (!names[n])
      return 1;
    snprintf(names[n++], size, "%s/%s", path, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, compare_names);
  int rc = 0;
  for (size_t i = 0; i < n; ++i) {
    rc |= scan_file(names[i], t);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fputs("usage: floor_yaml FILE-OR-DIR...\n", stderr);
    return 2;
  }
  totals t = {0};
  double start = now();
  int rc = 0;
  for (int i = 1; i < argc; ++i)
    rc |= scan_path(argv[i], &t);
  double wall = now() - start;
  printf("floor_yaml: %llu files, %llu bytes, %llu events (%llu scalar bytes); "
         "wall %.3f s\n",
         t.files, t.bytes, t.events, t.scalar_bytes, wall);
  return rc;
}
