// graphology-check.mjs EXPORTS_DIR: the third GraphML reader.
//
// Reads EXPORTS_DIR/kg.graphml with graphology + graphology-graphml (the
// JavaScript graph library behind sigma.js) and checks what it got:
//
//  1. against the same file read independently, as XML, with @xmldom/xmldom:
//     the node and edge counts, and every node and every edge with every
//     attribute, value and type (attr.type string -> JS string, double ->
//     JS number);
//  2. against kg.nt, the RDF export of the same build, parsed here: one node
//     per entity (kg_id, iri, label, type), one edge per statement a curator
//     wrote between two entities (label, predicate, sources, weight), every
//     other such statement the implied reverse of an edge; degree_in and
//     degree_out, the weakly connected components, betweenness and PageRank
//     recomputed from those edges, and the communities a partition of the
//     components.
//
// Prints what it checked; exits 1 with one line per difference.
import fs from 'node:fs';
import path from 'node:path';
import Graph from 'graphology';
import graphml from 'graphology-graphml';
import {DOMParser} from '@xmldom/xmldom';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node graphology-check.mjs EXPORTS_DIR');
  process.exit(2);
}
const problems = [];
const problem = (msg) => {
  if (problems.length < 200) problems.push(msg);
};
const fail = () => {
  for (const p of problems) console.error(`graphology-check: ${p}`);
  console.error(`graphology-check: ${problems.length} difference(s) in ${dir}`);
  process.exit(1);
};

const text = fs.readFileSync(path.join(dir, 'kg.graphml'), 'utf8');

// --- graphology's reading -------------------------------------------------
let G;
try {
  G = graphml.parse(Graph, text);
} catch (e) {
  problem(`graphology-graphml cannot parse kg.graphml: ${e.message}`);
  fail();
}

// --- the reference reading: the XML itself ---------------------------------
const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const doc = new DOMParser({
  onError: (level, msg) => {
    if (level !== 'warning') throw new Error(`kg.graphml is not well-formed XML: ${msg}`);
  },
}).parseFromString(text, 'application/xml');
const elements = (parent, name) =>
  Array.from(parent.childNodes).filter(
    (n) => n.nodeType === 1 && n.localName === name && n.namespaceURI === GRAPHML_NS,
  );
const root = doc.documentElement;
if (root.localName !== 'graphml' || root.namespaceURI !== GRAPHML_NS) {
  problem('the root element is not GraphML\'s <graphml>');
  fail();
}
const keys = new Map(); // key id -> {for, name, type}
for (const k of elements(root, 'key')) {
  keys.set(k.getAttribute('id'), {
    for: k.getAttribute('for'),
    name: k.getAttribute('attr.name'),
    type: k.getAttribute('attr.type') || 'string',
  });
}
const graphs = elements(root, 'graph');
if (graphs.length !== 1) problem(`${graphs.length} <graph> elements, not 1`);
const graphEl = graphs[0];
if (graphEl.getAttribute('edgedefault') !== 'directed') problem('the graph is not directed');

const NUMERIC = new Set(['double', 'float', 'int', 'long']);
function readData(el, kind, where) {
  const attrs = {};
  for (const d of elements(el, 'data')) {
    const key = keys.get(d.getAttribute('key'));
    if (!key) {
      problem(`${where}: <data key="${d.getAttribute('key')}"> has no <key>`);
      continue;
    }
    if (key.for !== kind) problem(`${where}: key ${key.name} is declared for ${key.for}`);
    const raw = d.textContent;
    let value = raw;
    if (NUMERIC.has(key.type)) {
      if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw.trim()))
        problem(`${where}: ${key.name} is ${key.type} but reads '${raw}'`);
      value = Number(raw);
    } else if (key.type === 'boolean') {
      value = raw.toLowerCase() === 'true';
    } else if (key.type !== 'string') {
      problem(`${where}: key ${key.name} has unknown type ${key.type}`);
    }
    if (key.name in attrs) problem(`${where}: ${key.name} is given twice`);
    attrs[key.name] = value;
  }
  return attrs;
}
const refNodes = elements(graphEl, 'node').map((n) => ({
  id: n.getAttribute('id'),
  attrs: readData(n, 'node', `node ${n.getAttribute('id')}`),
}));
const refEdges = elements(graphEl, 'edge').map((e, i) => ({
  source: e.getAttribute('source'),
  target: e.getAttribute('target'),
  attrs: readData(e, 'edge', `edge #${i} ${e.getAttribute('source')}->${e.getAttribute('target')}`),
}));

// --- 1. graphology against the XML -----------------------------------------
const same = (a, b) => typeof a === typeof b && (Object.is(a, b) || a === b);
const show = (v) => `${typeof v} ${JSON.stringify(v)}`;
function compareAttrs(where, got, want) {
  for (const [name, value] of Object.entries(want)) {
    if (!(name in got)) problem(`${where}: graphology lost attribute ${name}`);
    else if (!same(got[name], value))
      problem(`${where}: ${name} is ${show(got[name])} in graphology, ${show(value)} in the XML`);
  }
  for (const name of Object.keys(got))
    if (!(name in want)) problem(`${where}: graphology has an extra attribute ${name}`);
}
if (G.order !== refNodes.length) problem(`graphology reads ${G.order} nodes, the XML has ${refNodes.length}`);
if (G.size !== refEdges.length) problem(`graphology reads ${G.size} edges, the XML has ${refEdges.length}`);
if (G.type !== 'directed') problem(`graphology reads a ${G.type} graph, not a directed one`);
const ids = new Set();
for (const n of refNodes) {
  if (ids.has(n.id)) problem(`node id ${n.id} is used twice`);
  ids.add(n.id);
  if (!G.hasNode(n.id)) {
    problem(`graphology has no node ${n.id}`);
    continue;
  }
  compareAttrs(`node ${n.id} (${n.attrs.kg_id})`, G.getNodeAttributes(n.id), n.attrs);
}
const edgeKey = (s, t, attrs) =>
  JSON.stringify([s, t, Object.keys(attrs).sort().map((k) => [k, typeof attrs[k], attrs[k]])]);
const wanted = new Map();
for (const e of refEdges) {
  const k = edgeKey(e.source, e.target, e.attrs);
  wanted.set(k, (wanted.get(k) || 0) + 1);
}
G.forEachEdge((edge, attrs, s, t) => {
  const k = edgeKey(s, t, attrs);
  const n = wanted.get(k) || 0;
  if (n === 0) problem(`graphology has an edge the XML has not: ${k}`);
  else wanted.set(k, n - 1);
});
for (const [k, n] of wanted) if (n > 0) problem(`graphology lost ${n} edge(s): ${k}`);

// The attributes the exports promise, with their types.
const NODE_STRINGS = ['kg_id', 'label', 'type', 'iri'];
const NODE_NUMBERS = ['degree_in', 'degree_out', 'betweenness', 'pagerank', 'community', 'component'];
const INTEGERS = new Set(['degree_in', 'degree_out', 'community', 'component']);
G.forEachNode((id, a) => {
  for (const k of NODE_STRINGS)
    if (typeof a[k] !== 'string' || a[k] === '') problem(`node ${id}: ${k} is not a non-empty string (${show(a[k])})`);
  for (const k of NODE_NUMBERS) {
    if (typeof a[k] !== 'number' || !Number.isFinite(a[k]) || a[k] < 0)
      problem(`node ${id}: ${k} is not a finite number >= 0 (${show(a[k])})`);
    else if (INTEGERS.has(k) && !Number.isInteger(a[k])) problem(`node ${id}: ${k} is not an integer (${a[k]})`);
  }
});
G.forEachEdge((e, a, s, t) => {
  for (const k of ['label', 'predicate', 'relation', 'sources'])
    if (typeof a[k] !== 'string' || a[k] === '') problem(`edge ${s}->${t}: ${k} is not a non-empty string (${show(a[k])})`);
  if (typeof a.weight !== 'number' || !(a.weight > 0)) problem(`edge ${s}->${t}: weight is not a number > 0 (${show(a.weight)})`);
});
const xmlChecked = `graphology and the XML agree: ${G.order} nodes, ${G.size} edges, ` +
  `${refNodes.reduce((n, x) => n + Object.keys(x.attrs).length, 0) + refEdges.reduce((n, x) => n + Object.keys(x.attrs).length, 0)} attribute values`;

// --- 2. graphology against kg.nt -------------------------------------------
const ntPath = path.join(dir, 'kg.nt');
if (!fs.existsSync(ntPath)) {
  problem('kg.nt is missing: cannot check the network against the RDF');
  fail();
}
function unescapeNt(s) {
  return s.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (m, u4, u8, c) => {
    if (u4 || u8) return String.fromCodePoint(parseInt(u4 || u8, 16));
    return {t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\'}[c] ?? c;
  });
}
const TERM = String.raw`<([^>]*)>|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?|(_:\S+)`;
const LINE = new RegExp(String.raw`^\s*(?:${TERM})\s+<([^>]*)>\s+(?:${TERM})\s*\.\s*$`);
const triples = [];
for (const [i, line] of fs.readFileSync(ntPath, 'utf8').split('\n').entries()) {
  if (/^\s*(#.*)?$/.test(line)) continue;
  const m = LINE.exec(line);
  if (!m) {
    problem(`kg.nt:${i + 1}: not an N-Triples line`);
    continue;
  }
  const s = m[1] ?? m[5];
  const p = m[6];
  const o = m[7] !== undefined ? {iri: m[7]} : m[11] !== undefined ? {blank: m[11]}
    : {lit: unescapeNt(m[8]), lang: m[9], dt: m[10]};
  triples.push({s, p, o});
}
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const KG = 'https://w3id.org/kgbuild/ns#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const PROV = 'http://www.w3.org/ns/prov#';
const bySubject = new Map();
for (const t of triples) {
  if (!bySubject.has(t.s)) bySubject.set(t.s, []);
  bySubject.get(t.s).push(t);
}
const objects = (s, p) => (bySubject.get(s) || []).filter((t) => t.p === p).map((t) => t.o);
const tripleSet = new Set(triples.filter((t) => t.o.iri).map((t) => `${t.s} ${t.p} ${t.o.iri}`));

// The base IRI: what the nodes' iri has before their kg_id.
const nodes = refNodes.map((n) => ({id: n.id, ...n.attrs}));
const base = nodes.length && nodes[0].iri.endsWith(nodes[0].kg_id)
  ? nodes[0].iri.slice(0, nodes[0].iri.length - nodes[0].kg_id.length) : null;
if (!base) problem(`cannot find the base IRI from node ${nodes[0]?.id}`);
// Nodes kgbuild mints beside the entities (statements, derivations,
// intervals) have local names starting with '_', which no id does.
const isEntity = (iri) => iri.startsWith(base) && !iri.slice(base.length).startsWith('_') &&
  objects(iri, RDF + 'type').length > 0;
const entities = new Set([...bySubject.keys()].filter(isEntity));
const nodeByIri = new Map();
for (const n of nodes) {
  if (n.iri !== base + n.kg_id) problem(`node ${n.id}: iri ${n.iri} is not base + kg_id (${n.kg_id})`);
  if (nodeByIri.has(n.iri)) problem(`node ${n.id}: iri ${n.iri} is used twice`);
  nodeByIri.set(n.iri, n);
  if (!entities.has(n.iri)) problem(`node ${n.id} (${n.kg_id}): no entity ${n.iri} in kg.nt`);
}
for (const iri of entities) if (!nodeByIri.has(iri)) problem(`entity ${iri} of kg.nt has no node`);

// label and type of every node.
const enLabel = (iri, p) => objects(iri, p).filter((o) => o.lit !== undefined && o.lang === 'en').map((o) => o.lit);
for (const n of nodes) {
  if (!entities.has(n.iri)) continue;
  const literals = new Set();
  for (const t of bySubject.get(n.iri)) if (t.o.lit !== undefined) literals.add(t.o.lit);
  const pref = enLabel(n.iri, SKOS + 'prefLabel');
  // No name: a literal value labels the node, or else its id.
  if (pref.length ? !pref.includes(n.label) : !literals.has(n.label) && n.label !== n.kg_id)
    problem(`node ${n.kg_id}: label '${n.label}' is ${pref.length ? `not its English name '${pref[0]}'` : 'none of its literal values'} in kg.nt`);
  const words = new Set();
  for (const c of objects(n.iri, RDF + 'type')) {
    if (!c.iri) continue;
    for (const l of enLabel(c.iri, RDFS + 'label')) words.add(l.toLowerCase());
    for (const p of [KG + 'yamlType', KG + 'yamlSection'])
      for (const o of objects(c.iri, p)) if (o.lit !== undefined) words.add(o.lit.toLowerCase());
  }
  if (!words.has(n.type.toLowerCase()))
    problem(`node ${n.kg_id}: type '${n.type}' names none of its classes in kg.nt (${[...words].join(', ')})`);
}

// The statements between two entities, with their sources.
const stated = new Map(); // "S P O" -> Set(source ids)
for (const [s, ts] of bySubject) {
  if (!ts.some((t) => t.p === RDF + 'type' && t.o.iri === RDF + 'Statement')) continue;
  const S = objects(s, RDF + 'subject')[0]?.iri;
  const P = objects(s, RDF + 'predicate')[0]?.iri;
  const O = objects(s, RDF + 'object')[0]?.iri;
  if (!S || !P || !O || P === RDF + 'type' || !entities.has(S) || !entities.has(O)) continue;
  const k = `${S} ${P} ${O}`;
  if (!stated.has(k)) stated.set(k, new Set());
  for (const src of objects(s, PROV + 'wasDerivedFrom'))
    if (src.iri) stated.get(k).add(src.iri.startsWith(base) ? src.iri.slice(base.length) : src.iri);
}
const inverses = new Map();
for (const t of triples)
  if (t.p === OWL + 'inverseOf' && t.o.iri) {
    for (const [a, b] of [[t.s, t.o.iri], [t.o.iri, t.s]]) {
      if (!inverses.has(a)) inverses.set(a, new Set());
      inverses.get(a).add(b);
    }
  }
const symmetric = new Set(triples.filter((t) => t.p === RDF + 'type' && t.o.iri === OWL + 'SymmetricProperty').map((t) => t.s));
const byNodeId = new Map(nodes.map((n) => [n.id, n]));
const drawn = new Set();
const rowSources = new Map(); // "S P O" -> the sources of its rows, together
const relationOf = new Map(); // "S P O" -> its rows' relation (one)
for (const e of refEdges) {
  const s = byNodeId.get(e.source);
  const t = byNodeId.get(e.target);
  if (!s || !t) {
    problem(`edge ${e.source}->${e.target}: an end is not a node`);
    continue;
  }
  const a = e.attrs;
  const k = `${s.iri} ${a.predicate} ${t.iri}`;
  const where = `edge ${s.kg_id} -${a.label}-> ${t.kg_id}`;
  drawn.add(k);
  if (!tripleSet.has(k)) problem(`${where}: kg.nt has no triple <${s.iri}> <${a.predicate}> <${t.iri}>`);
  if (!stated.has(k)) {
    problem(`${where}: kg.nt has no rdf:Statement for it`);
    continue;
  }
  // One row per statement (a relation in two spells is two rows, with one
  // `relation`): every source of the rows together is every source in kg.nt.
  if (!rowSources.has(k)) rowSources.set(k, new Set());
  for (const src of String(a.sources).split(' ').filter(Boolean)) rowSources.get(k).add(src);
  if (relationOf.has(k) && relationOf.get(k) !== a.relation)
    problem(`${where}: rows of one relation name two relations, ${relationOf.get(k)} and ${a.relation}`);
  relationOf.set(k, a.relation);
  const yamlKeys = objects(a.predicate, KG + 'yamlKey').map((o) => o.lit);
  if (!yamlKeys.includes(a.label)) problem(`${where}: label '${a.label}' is not the key of ${a.predicate} (${yamlKeys.join(', ')})`);
  if (a.weight !== 1) problem(`${where}: weight ${a.weight}, not 1`);
}
for (const [k, got] of rowSources) {
  const want = [...stated.get(k)].sort().join(' ');
  if ([...got].sort().join(' ') !== want)
    problem(`edge ${k.replaceAll(base, '')}: its rows' sources '${[...got].sort().join(' ')}', kg.nt says '${want}'`);
}
if (new Set(relationOf.values()).size !== relationOf.size)
  problem('two relations (subject, key, object) share one relation id');
for (const k of stated.keys()) {
  if (drawn.has(k)) continue;
  const [S, P, O] = k.split(' ');
  const reverse = [...(inverses.get(P) || []), ...(symmetric.has(P) ? [P] : [])].some((q) => drawn.has(`${O} ${q} ${S}`));
  if (!reverse) problem(`statement ${k.replaceAll(base, '')}: kg.nt states it, but no edge draws it or its reverse`);
}

// Degrees, components, betweenness and PageRank, recomputed.
const N = nodes.length;
const index = new Map(nodes.map((n, i) => [n.id, i]));
// The measures are over relations, one edge each however many rows (spells).
const seenRelation = new Set();
const E = refEdges.filter((e) => index.has(e.source) && index.has(e.target))
  .filter((e) => !seenRelation.has(e.attrs.relation) && seenRelation.add(e.attrs.relation))
  .map((e) => [index.get(e.source), index.get(e.target)]);
const out = Array.from({length: N}, () => []);
const inn = Array.from({length: N}, () => []);
for (const [s, t] of E) {
  out[s].push(t);
  inn[t].push(s);
}
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
nodes.forEach((n, i) => {
  if (n.degree_in !== inn[i].length) problem(`node ${n.kg_id}: degree_in ${n.degree_in}, its edges say ${inn[i].length}`);
  if (n.degree_out !== out[i].length) problem(`node ${n.kg_id}: degree_out ${n.degree_out}, its edges say ${out[i].length}`);
});
// Weak components, numbered in order of their first node (as igraph does).
const comp = new Array(N).fill(-1);
let ncomp = 0;
for (let i = 0; i < N; i++) {
  if (comp[i] !== -1) continue;
  const stack = [i];
  comp[i] = ncomp;
  while (stack.length) {
    const v = stack.pop();
    for (const w of [...out[v], ...inn[v]]) if (comp[w] === -1) {
      comp[w] = ncomp;
      stack.push(w);
    }
  }
  ++ncomp;
}
nodes.forEach((n, i) => {
  if (n.component !== comp[i]) problem(`node ${n.kg_id}: component ${n.component}, its edges say ${comp[i]}`);
});
// Communities: numbered 0..k-1, each inside one component.
const communityComp = new Map();
nodes.forEach((n, i) => {
  const c = communityComp.get(n.community);
  if (c === undefined) communityComp.set(n.community, comp[i]);
  else if (c !== comp[i]) problem(`community ${n.community} spans components ${c} and ${comp[i]} (node ${n.kg_id})`);
});
const communities = [...communityComp.keys()].sort((a, b) => a - b);
if (communities.some((c, i) => c !== i)) problem(`communities are not numbered 0..${communities.length - 1}: ${communities.join(',')}`);
// Betweenness (Brandes), directed, over the edge list (parallel edges count).
const bc = new Array(N).fill(0);
for (let s = 0; s < N; s++) {
  const S = [];
  const P = Array.from({length: N}, () => []);
  const sigma = new Array(N).fill(0);
  const d = new Array(N).fill(-1);
  sigma[s] = 1;
  d[s] = 0;
  const Q = [s];
  for (let qi = 0; qi < Q.length; qi++) {
    const v = Q[qi];
    S.push(v);
    for (const w of out[v]) {
      if (d[w] < 0) {
        Q.push(w);
        d[w] = d[v] + 1;
      }
      if (d[w] === d[v] + 1) {
        sigma[w] += sigma[v];
        P[w].push(v);
      }
    }
  }
  const delta = new Array(N).fill(0);
  while (S.length) {
    const w = S.pop();
    for (const v of P[w]) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
    if (w !== s) bc[w] += delta[w];
  }
}
nodes.forEach((n, i) => {
  if (!close(n.betweenness, bc[i])) problem(`node ${n.kg_id}: betweenness ${n.betweenness}, its edges give ${bc[i]}`);
});
// PageRank, damping 0.85, dangling nodes spread uniformly.
let pr = new Array(N).fill(1 / N);
for (let it = 0; it < 10000; it++) {
  let dangling = 0;
  for (let i = 0; i < N; i++) if (out[i].length === 0) dangling += pr[i];
  const next = new Array(N).fill((1 - 0.85) / N + (0.85 * dangling) / N);
  for (let i = 0; i < N; i++) for (const w of out[i]) next[w] += (0.85 * pr[i]) / out[i].length;
  const change = next.reduce((m, x, i) => Math.max(m, Math.abs(x - pr[i])), 0);
  pr = next;
  if (change < 1e-15) break;
}
nodes.forEach((n, i) => {
  if (Math.abs(n.pagerank - pr[i]) > 1e-9) problem(`node ${n.kg_id}: pagerank ${n.pagerank}, its edges give ${pr[i]}`);
});

if (problems.length) fail();
console.log(`${xmlChecked}; kg.nt agrees: ${entities.size} entities, ${E.length} edges ` +
  `(${stated.size - drawn.size} implied statements), ${ncomp} component(s), ${communities.length} communities, ` +
  'degrees, betweenness and PageRank recomputed');
