// Validation results as lines "SEVERITY FOCUS SHAPE", sorted, from either of
// two SHACL engines, so that tests/t/81-shacl.t compares them:
//
//   node shacl-results.mjs validate SHAPES.ttl DATA.ttl
//     runs rdf-validate-shacl (SHACL Core).  It does not implement
//     SHACL-SPARQL (its README says so), which kgbuild's shapes use for
//     acyclic keys only; those constraints are run here through Oxigraph's
//     SPARQL, as SHACL-SPARQL defines them: each solution's $this that is a
//     target of the shape is a result.  (It throws on sh:sparql, so it
//     reads the shapes without them.)  kgbuild's SELECTs use no other
//     pre-bound variable, so an unbound $this gives the same solutions.
//   node shacl-results.mjs report REPORT.ttl
//     reads a validation report written by another engine (Jena's
//     shacl validate).
import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import * as oxigraph from 'oxigraph';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

function load(path) {
  const store = new Store();
  store.addQuads(new Parser({ baseIRI: 'file:///' }).parse(readFileSync(path, 'utf8')));
  return store;
}

const name = (t) => (t.termType === 'NamedNode' ? t.value : `_:${t.value}`);

function line(severity, focus, shape) {
  return `${severity.replace(SH, '')} ${name(focus)} ${name(shape)}`;
}

function fromReport(report) {
  const out = [];
  for (const r of report.getSubjects(RDF + 'type', SH + 'ValidationResult', null)) {
    const one = (p) => report.getObjects(r, SH + p, null)[0];
    out.push(line(one('resultSeverity').value, one('focusNode'), one('sourceShape')));
  }
  return out;
}

async function sparqlResults(shapes, dataPath) {
  const out = [];
  const constraints = shapes.getObjects(null, SH + 'sparql', null);
  if (!constraints.length) return out;
  const store = new oxigraph.Store();
  store.load(readFileSync(dataPath, 'utf8'), { format: 'text/turtle', base_iri: 'file:///' });
  for (const shape of shapes.getSubjects(SH + 'sparql', null, null)) {
    const targets = new Set();
    for (const p of shapes.getObjects(shape, SH + 'targetSubjectsOf', null))
      for (const q of store.match(null, oxigraph.namedNode(p.value), null)) targets.add(q.subject.value);
    for (const c of shapes.getObjects(shape, SH + 'sparql', null)) {
      const select = shapes.getObjects(c, SH + 'select', null)[0].value;
      for (const b of store.query(select))
        if (targets.has(b.get('this').value))
          out.push(line(SH + 'Violation', b.get('this'), shape));
    }
  }
  return out;
}

const [mode, a, b] = process.argv.slice(2);
let lines;
if (mode === 'report') {
  lines = fromReport(load(a));
} else if (mode === 'validate') {
  const shapes = load(a);
  // rdf-validate-shacl stops at a constraint component it does not know:
  // it reads the shapes without their SPARQL constraints.
  const core = new Store(shapes.getQuads(null, null, null, null).filter((q) => q.predicate.value !== SH + 'sparql'));
  const report = await new SHACLValidator(core).validate(load(b));
  lines = report.results.map((r) => line(r.severity.value, r.focusNode, r.sourceShape));
  lines.push(...(await sparqlResults(shapes, b)));
} else {
  console.error('usage: shacl-results.mjs validate SHAPES DATA | report REPORT');
  process.exit(2);
}
lines = [...new Set(lines)].sort();
process.stdout.write(lines.map((l) => l + '\n').join(''));
