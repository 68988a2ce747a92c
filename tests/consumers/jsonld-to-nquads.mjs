// The JSON-LD processor's reading of kg.jsonld, as N-Quads on stdout.
// usage: node jsonld-to-nquads.mjs kg.jsonld
// jsonld.js (the reference JSON-LD 1.1 implementation from npm) expands the
// document with its inline @context and converts it to RDF; nothing is
// fetched from the network (a document loader that refuses every URL).
import { readFileSync } from "node:fs";
import jsonld from "jsonld";

const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
const refuse = async (url) => {
  throw new Error(`kg.jsonld must not need a remote document: ${url}`);
};
const nquads = await jsonld.toRDF(doc, {
  format: "application/n-quads",
  documentLoader: refuse,
  safe: true,
});
process.stdout.write(nquads);
