// sparql-results.mjs - one deterministic text form for the answers of any
// SPARQL store, so that tests/t/80-stores.t can compare Oxigraph's and
// Virtuoso's answers with the expected ones.
//
// As a module: toText(resultsJson, {format, compact}) and ntriplesToText().
// As a program: reads a SPARQL 1.1 Query Results JSON document on standard
// input (what a /sparql endpoint returns for application/sparql-results+json)
// and writes it in the same form:
//   node tests/stores/sparql-results.mjs [--compact] [--format=tsv|json] <results.json
//
// The form (format=tsv, the default) follows the W3C SPARQL 1.1 TSV results
// format: a header line of ?variables, then one line per solution, fields
// separated by a tab, terms written as in Turtle/N-Triples:
//   <https://...>    "text"    "text"@en    "2013-06"^^<http://...#gYearMonth>
// An unbound variable is an empty field.  Solutions are sorted (by their text,
// code unit by code unit), so the order a store returns them in never matters.
// An ASK answer is the single line `true` or `false`.
// Literals of datatype xsd:string are written without ^^xsd:string (RDF 1.1:
// "x" and "x"^^xsd:string are the same term), and booleans in their
// canonical form: Virtuoso answers "true"^^xsd:boolean as "1"^^xsd:boolean,
// the same value (no other lexical form is rewritten).  Virtuoso's old JSON term type
// "typed-literal" is read as "literal"; its blank nodes "nodeID://b1" as _:b1.
// With compact=true, IRIs in the usual namespaces are written as prefixed
// names (id:wang-lei, kg:Office, xsd:gYearMonth, ...).  format=json writes
// {"vars":[...],"rows":[[term,...],...]} (or {"boolean":b}) with the same
// term strings and the same order.

import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export const PREFIXES = [
  ['id', 'https://w3id.org/kgbuild/id/'],
  ['kg', 'https://w3id.org/kgbuild/ns#'],
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
  ['org', 'http://www.w3.org/ns/org#'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['prov', 'http://www.w3.org/ns/prov#'],
  ['time', 'http://www.w3.org/2006/time#'],
  ['schema', 'https://schema.org/'],
  ['dcterms', 'http://purl.org/dc/terms/'],
];
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
// A local part that needs no escaping in a Turtle prefixed name.
const LOCAL = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

function escapeLiteral(s) {
  return s.replace(/[\\"\n\r\t]/g, (c) =>
    ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]);
}

export function iri(value, compact) {
  if (compact) {
    for (const [p, ns] of PREFIXES) {
      if (value.startsWith(ns) && LOCAL.test(value.slice(ns.length)))
        return `${p}:${value.slice(ns.length)}`;
    }
  }
  return `<${value}>`;
}

// One SPARQL JSON term -> its text form.
export function term(t, compact = false) {
  if (t === undefined || t === null) return '';
  switch (t.type) {
    case 'uri':
      return iri(t.value, compact);
    case 'bnode':
      return '_:' + String(t.value).replace(/^nodeID:\/\//, '');
    case 'literal':
    case 'typed-literal': {
      const lex = `"${escapeLiteral(t.value)}"`;
      if (t['xml:lang']) return `${lex}@${t['xml:lang']}`;
      if (t.datatype === XSD_BOOLEAN && (t.value === '1' || t.value === '0'))
        return `"${t.value === '1'}"^^${iri(t.datatype, compact)}`;
      if (t.datatype && t.datatype !== XSD_STRING) return `${lex}^^${iri(t.datatype, compact)}`;
      return lex;
    }
    default:
      throw new Error(`unknown SPARQL JSON term type '${t.type}'`);
  }
}

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// SPARQL 1.1 Query Results JSON (object or string) -> text.
export function toText(results, { format = 'tsv', compact = false } = {}) {
  const r = typeof results === 'string' ? JSON.parse(results) : results;
  if (typeof r.boolean === 'boolean') {
    return format === 'json' ? JSON.stringify({ boolean: r.boolean }) + '\n' : `${r.boolean}\n`;
  }
  if (!r.head || !Array.isArray(r.head.vars) || !r.results || !Array.isArray(r.results.bindings))
    throw new Error('not a SPARQL JSON result (no head.vars / results.bindings, no boolean)');
  const vars = r.head.vars;
  const rows = r.results.bindings.map((b) => vars.map((v) => term(b[v], compact)));
  rows.sort((a, b) => byText(a.join('\t'), b.join('\t')));
  if (format === 'json') return JSON.stringify({ vars, rows }) + '\n';
  return [vars.map((v) => '?' + v).join('\t'), ...rows.map((r2) => r2.join('\t'))].join('\n') + '\n';
}

// A CONSTRUCT/DESCRIBE answer as N-Triples -> its lines sorted.
export function ntriplesToText(nt) {
  const lines = nt.split('\n').filter((l) => l.trim() !== '');
  lines.sort(byText);
  return lines.map((l) => l + '\n').join('');
}

// --- command line --------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // A closed pipe (| head) ends the output quietly.
  process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  let format = 'tsv';
  let compact = false;
  for (const a of process.argv.slice(2)) {
    if (a === '--compact') compact = true;
    else if (a === '--format=tsv' || a === '--format=json') format = a.slice(9);
    else {
      process.stderr.write('usage: sparql-results.mjs [--compact] [--format=tsv|json] <results.json\n');
      process.exit(2);
    }
  }
  try {
    process.stdout.write(toText(readFileSync(0, 'utf8'), { format, compact }));
  } catch (e) {
    process.stderr.write(`sparql-results.mjs: ${e.message}\n`);
    process.exit(1);
  }
}
