/* floor_nt.c - the floor for writing N-Triples: raptor2 serializing N
 * triples held in memory to a file, building each term the way kgbuild's
 * src/rdf.c does (a fresh raptor_term per position per triple; entity IRIs
 * built as base + id in a buffer; a raptor_uri made and freed per typed
 * literal) and with kgbuild's mix of triples: an entity's statement followed
 * by its reification (rdf:Statement, subject, predicate, object,
 * prov:wasDerivedFrom, often kg:quote), about 79% IRI objects, 9%
 * language-tagged, 8% plain and 4% typed (date) literals.  Nothing else:
 * no fact model, no ontology, no checking.
 *
 *   bench/floor_nt N OUTPUT [BASE-IRI]
 *
 * N is the number of triples to write: give the "-> N triples" that kgbuild
 * prints for the same fact base, so that the floor writes as much as the
 * export.  Prints one line with the bytes written and the wall time of the
 * write: serializer start to fsync and close, as kgbuild's -o does, and of
 * that the fsync alone (the disk, not the CPU). */
#define _POSIX_C_SOURCE 200809L
#include <raptor2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define XSD "http://www.w3.org/2001/XMLSchema#"
#define KG "https://w3id.org/kgbuild/ns#"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) /* xorshift64*: deterministic */
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Du;
}

static const char *const predicates[] = {
    KG "reportsTo", "http://schema.org/birthDate", "http://www.w3.org/ns/org#postIn",
    KG "holder", KG "post", KG "start", KG "end", "http://www.w3.org/ns/org#memberOf",
    KG "speaker", KG "madeAt", KG "about", "http://www.w3.org/ns/org#heldBy",
    "http://purl.org/dc/terms/subject", KG "rank",
};
static const char *const words[] = {
    "the", "minister", "said", "both", "sides", "had", "agreed", "to",
    "strengthen", "cooperation", "on", "cybersecurity", "and", "resume",
    "dialogue", "critical", "infrastructure", "China’s", "office", "rules",
};

/* A literal of about `len` bytes of words. */
static char *make_text(size_t len)
{
  char *s = malloc(len + 32);
  size_t n = 0;
  while (n < len) {
    const char *w = words[rnd() % (sizeof words / sizeof *words)];
    size_t k = strlen(w);
    if (n)
      s[n++] = ' ';
    memcpy(s + n, w, k);
    n += k;
  }
  s[n] = '\0';
  return s;
}

typedef struct {
  const char *value;
  size_t len;
  const char *datatype, *lang;
  int is_iri;
} term;

static raptor_term *make_term(raptor_world *world, const term *t)
{
  if (t->is_iri)
    return raptor_new_term_from_counted_uri_string(
        world, (const unsigned char *)t->value, t->len);
  raptor_uri *dt = t->datatype ? raptor_new_uri(world, (const unsigned char *)t->datatype) : NULL;
  raptor_term *r = raptor_new_term_from_counted_literal(
      world, (const unsigned char *)t->value, t->len, dt,
      (const unsigned char *)t->lang, t->lang ? (unsigned char)strlen(t->lang) : 0);
  if (dt)
    raptor_free_uri(dt);
  return r;
}

static term iri(const char *s) { return (term){s, strlen(s), NULL, NULL, 1}; }

static int write_triple(raptor_world *world, raptor_serializer *ser, const term *s,
                        const term *p, const term *o)
{
  raptor_statement st;
  raptor_statement_init(&st, world);
  st.subject = make_term(world, s);
  st.predicate = make_term(world, p);
  st.object = make_term(world, o);
  int rc = !st.subject || !st.predicate || !st.object ||
           raptor_serializer_serialize_statement(ser, &st) != 0;
  raptor_statement_clear(&st);
  return rc;
}

int main(int argc, char **argv)
{
  if (argc < 3 || argc > 4) {
    fputs("usage: floor_nt N OUTPUT [BASE-IRI]\n", stderr);
    return 2;
  }
  unsigned long long n = strtoull(argv[1], NULL, 10);
  const char *path = argv[2];
  const char *base = argc > 3 ? argv[3] : "https://w3id.org/kgbuild/id/";
  size_t blen = strlen(base);

  /* In memory first: entity ids (about one entity per 36 triples, as in
   * kgbuild's output), source ids and a pool of literals. */
  size_t entities = n / 36 + 16, sources = 200, pool = 1024;
  char **ids = malloc(entities * sizeof *ids);
  char **src = malloc(sources * sizeof *src);
  char **names = malloc(pool * sizeof *names), **quotes = malloc(pool * sizeof *quotes);
  for (size_t i = 0; i < entities; ++i) {
    char b[64];
    snprintf(b, sizeof b, "%s-%s-%zu", words[rnd() % 20], words[rnd() % 20], i);
    ids[i] = strdup(b);
  }
  for (size_t i = 0; i < sources; ++i) {
    char b[32];
    snprintf(b, sizeof b, "src-%04zu", i);
    src[i] = strdup(b);
  }
  for (size_t i = 0; i < pool; ++i) {
    names[i] = make_text(i % 4 ? 12 + rnd() % 20 : 80 + rnd() % 200); /* names, texts */
    quotes[i] = make_text(60 + rnd() % 240);                          /* quotes */
  }
  static const char *const dates[] = {"2013", "2013-06", "2013-06-15"};
  static const char *const date_types[] = {XSD "gYear", XSD "gYearMonth", XSD "date"};
  static const char *const langs[] = {"en", "zh", "ru"};
  char *subject = malloc(blen + 200), *object = malloc(blen + 200),
       *statement = malloc(blen + 64);

  raptor_world *world = raptor_new_world();
  if (!world || raptor_world_open(world) != 0)
    return 3;
  FILE *out = fopen(path, "wb");
  if (!out) {
    perror(path);
    return 3;
  }
  double start = now();
  raptor_serializer *ser = raptor_new_serializer(world, "ntriples");
  raptor_iostream *stream = raptor_new_iostream_to_file_handle(world, out);
  if (!ser || !stream || raptor_serializer_start_to_iostream(ser, NULL, stream) != 0)
    return 3;

  term rdf_type = iri(RDF "type"), rdf_statement = iri(RDF "Statement"),
       rdf_subject = iri(RDF "subject"), rdf_predicate = iri(RDF "predicate"),
       rdf_object = iri(RDF "object"), derived = iri("http://www.w3.org/ns/prov#wasDerivedFrom"),
       quote = iri(KG "quote"), person = iri("http://xmlns.com/foaf/0.1/Person"),
       pref_label = iri("http://www.w3.org/2004/02/skos/core#prefLabel");
  unsigned long long written = 0;
  int rc = 0;
  for (size_t e = 0; written < n && !rc; e = (e + 1) % entities) {
    /* The entity: rdf:type, then statements, each reified. */
    size_t sl = blen + strlen(ids[e]);
    memcpy(subject, base, blen);
    memcpy(subject + blen, ids[e], sl - blen + 1);
    term s = {subject, sl, NULL, NULL, 1};
    rc |= write_triple(world, ser, &s, &rdf_type, &person);
    written++;
    for (int k = 0; k < 5 && written < n && !rc; ++k) {
      uint64_t r = rnd();
      term p, o;
      int kind = (int)(r % 100);
      if (kind < 58) { /* entity reference */
        const char *id = ids[(r >> 8) % entities];
        size_t ol = blen + strlen(id);
        memcpy(object, base, blen);
        memcpy(object + blen, id, ol - blen + 1);
        p = iri(predicates[(r >> 32) % (sizeof predicates / sizeof *predicates)]);
        o = (term){object, ol, NULL, NULL, 1};
      } else if (kind < 90) { /* names and texts, language-tagged */
        const char *t = names[(r >> 8) % pool];
        p = pref_label;
        o = (term){t, strlen(t), NULL, langs[(r >> 40) % 3], 0};
      } else { /* dates */
        int d = (int)((r >> 8) % 3);
        p = iri(predicates[1]);
        o = (term){dates[d], strlen(dates[d]), date_types[d], NULL, 0};
      }
      rc |= write_triple(world, ser, &s, &p, &o);
      written++;
      /* its reification */
      int m = snprintf(statement, blen + 64, "%s_stmt-%016llx", base,
                       (unsigned long long)rnd());
      term st = {statement, (size_t)m, NULL, NULL, 1};
      const term *reif[][2] = {{&rdf_type, &rdf_statement}, {&rdf_subject, &s},
                               {&rdf_predicate, &p}, {&rdf_object, &o}};
      for (int i = 0; i < 4 && written < n; ++i, ++written)
        rc |= write_triple(world, ser, &st, reif[i][0], reif[i][1]);
      if (written < n) {
        const char *sid = src[(r >> 16) % sources];
        size_t ol = blen + strlen(sid);
        memcpy(object, base, blen);
        memcpy(object + blen, sid, ol - blen + 1);
        term so = {object, ol, NULL, NULL, 1};
        rc |= write_triple(world, ser, &st, &derived, &so);
        written++;
      }
      if (written < n && (r >> 48) % 100 < 55) {
        const char *qt = quotes[(r >> 24) % pool];
        term qo = {qt, strlen(qt), NULL, NULL, 0};
        rc |= write_triple(world, ser, &st, &quote, &qo);
        written++;
      }
    }
  }
  if (raptor_serializer_serialize_end(ser) != 0)
    rc = 1;
  raptor_free_serializer(ser);
  raptor_free_iostream(stream);
  long bytes = ftell(out);
  if (fflush(out) != 0 || ferror(out))
    rc = 1;
  double written_at = now();
  if (fsync(fileno(out)) != 0)
    rc = 1;
  fclose(out);
  double end = now();
  raptor_free_world(world);
  printf("floor_nt: %llu triples, %ld bytes; wall %.3f s (writing %.3f s, fsync %.3f s)\n",
         written, bytes, end - start, written_at - start, end - written_at);
  if (rc)
    fputs("floor_nt: write failed\n", stderr);
  return rc ? 1 : 0;
}
