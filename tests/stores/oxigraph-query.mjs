// oxigraph-query.mjs - load RDF files into an in-memory Oxigraph store and
// run SPARQL queries and updates against it.  Part of tests/t/80-stores.t;
// also handy by hand (docs/stores.md):
//
//   node tests/stores/oxigraph-query.mjs [OPTIONS] FILE...
//
// The FILE operands are handled in command-line order:
//   *.ttl *.nt            Turtle / N-Triples, loaded into the default graph
//                         (or into the named graph of --graph=IRI)
//   *.nq *.trig           N-Quads / TriG, each quad into its own graph
//   *.rq                  a SPARQL query: its answer is printed
//   *.ru                  a SPARQL Update, run on the store
// Options (also in order, between the files):
//   --query=TEXT          run this query (named "query" in --out)
//   --update=TEXT         run this SPARQL Update, e.g. --update='DROP GRAPH <g>'
//   --graph=IRI           load the following *.ttl / *.nt files into graph IRI
//   --union               from here on, a query's default graph is the union of
//                         all graphs (for data loaded from N-Quads)
//   --size                print the number of quads in the store
//   --compact             write IRIs as prefixed names (id:, kg:, xsd:, ...)
//   --format=tsv|json     the answer's form (sparql-results.mjs; default tsv)
//   --out=DIR             write each answer to DIR/NAME.tsv (or .json), NAME
//                         being the query file's name without .rq, instead
//                         of to standard output
// Parsing is strict (no lenient mode): a syntax error in a file fails.
// Exit status: 0 success, 1 a file failed to load or a query failed, 2 usage.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as oxigraph from 'oxigraph';
import { toText, ntriplesToText } from './sparql-results.mjs';

const FORMATS = {
  '.ttl': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.trig': 'application/trig',
};

function usage(msg) {
  process.stderr.write(`oxigraph-query.mjs: ${msg}\n` +
    'usage: node oxigraph-query.mjs [--graph=IRI] [--union] [--compact] [--format=tsv|json]\n' +
    '         [--out=DIR] [--size] [--query=TEXT] [--update=TEXT] FILE.{ttl,nt,nq,trig,rq,ru}...\n');
  process.exit(2);
}

// A closed pipe (| head) ends the output quietly.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
const args = process.argv.slice(2);
if (args.length === 0) usage('nothing to do');

const store = new oxigraph.Store();
let graph = null; // null: the default graph
let union = false;
let compact = false;
let format = 'tsv';
let outDir = null;
const queries = [];
let emitted = 0;

function answer(name, text) {
  const options = { use_default_graph_as_union: union };
  // SELECT/ASK answers are written as SPARQL JSON; Oxigraph refuses that
  // format for CONSTRUCT/DESCRIBE, whose triples are written as N-Triples.
  let out;
  try {
    out = toText(store.query(text, { ...options, results_format: 'application/sparql-results+json' }),
      { format, compact });
  } catch (e) {
    if (!/RDF format/.test(String(e && e.message))) throw e;
    out = ntriplesToText(store.query(text, { ...options, results_format: 'application/n-triples' }));
  }
  if (outDir) {
    writeFileSync(resolve(outDir, `${name}.${format}`), out);
  } else {
    if (queries.length > 1) process.stdout.write(`${emitted ? '\n' : ''}==> ${name} <==\n`);
    process.stdout.write(out);
  }
  emitted++;
}

// First pass: options that shape the output apply to every query.
for (const a of args) {
  if (a === '--compact') compact = true;
  else if (a.startsWith('--format=')) {
    format = a.slice(9);
    if (format !== 'tsv' && format !== 'json') usage(`unknown format '${format}'`);
  } else if (a.startsWith('--out=')) outDir = a.slice(6);
  else if (a.endsWith('.rq') || a.startsWith('--query=')) queries.push(a);
}

let step = '';
try {
  for (const a of args) {
    step = a;
    if (a === '--compact' || a.startsWith('--format=') || a.startsWith('--out=')) continue;
    if (a === '--union') { union = true; continue; }
    if (a === '--size') { process.stdout.write(`${store.size}\n`); continue; }
    if (a.startsWith('--graph=')) { graph = oxigraph.namedNode(a.slice(8)); continue; }
    if (a.startsWith('--query=')) { answer('query', a.slice(8)); continue; }
    if (a.startsWith('--update=')) { store.update(a.slice(9)); continue; }
    if (a.startsWith('-')) usage(`unknown option '${a}'`);
    const ext = a.slice(a.lastIndexOf('.'));
    if (ext === '.rq') { answer(basename(a, '.rq'), readFileSync(a, 'utf8')); continue; }
    if (ext === '.ru') { store.update(readFileSync(a, 'utf8'), { base_iri: pathToFileURL(resolve(a)).href }); continue; }
    const mime = FORMATS[ext];
    if (!mime) usage(`${a}: unknown file type (want .ttl, .nt, .nq, .trig, .rq or .ru)`);
    const options = { format: mime, base_iri: pathToFileURL(resolve(a)).href };
    if (graph && (ext === '.ttl' || ext === '.nt')) options.to_graph_name = graph;
    store.load(readFileSync(a, 'utf8'), options);
  }
} catch (e) {
  process.stderr.write(`oxigraph-query.mjs: ${step}: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}
