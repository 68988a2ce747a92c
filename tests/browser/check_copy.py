"""check_copy.py SITE KG_TTL SOURCE COPY: a source page that reproduces
its archived copy (docs/site.md, "Archived copies"), read by html5lib and
held to kg.ttl as rdflib reads it:
- the page has one <pre class="copy">, whose text is the copy's NFC text,
  every code point (a control or invisible character is shown as a
  <span class="cc">U+XXXX</span>, which is read back as that character;
  the links after the passages, <a class="pl">, are not part of the text);
- every passage kg.ttl places in this source (oa:start, oa:end, oa:exact)
  is marked: the marks with data-p="p-START-END", joined in document
  order, hold exactly oa:exact, one of them has id="p-START-END", no mark
  is nested in a mark of its own passage, and a link after it leads to
  the passage's entry in the list of what the source supports;
- no mark stands for a passage kg.ttl does not have;
- every link of the site to a passage of this source lands on a mark;
- the page holds no <script> but the site's, no element in the copy but
  mark, span and a.
Prints one line per problem; exit 1 when there was one."""
import os
import sys
import unicodedata

import html5lib
import rdflib

OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


def passages(ttl, source):
    g = rdflib.Graph()
    g.parse(ttl, format="turtle")
    q = """SELECT DISTINCT ?start ?end ?exact WHERE {
        ?p oa:hasSource ?src ; oa:hasSelector ?qs , ?ps .
        ?qs oa:exact ?exact . ?ps oa:start ?start ; oa:end ?end .
        FILTER(STRENDS(STR(?src), ?id)) }"""
    rows = g.query(q, initNs={"oa": OA},
                   initBindings={"id": rdflib.Literal("/" + source)})
    return {(int(s), int(e)): str(x) for s, e, x in rows}


def shown(el, skip_links=True):
    """The text el shows, control pictures read back as characters."""
    out = [el.text or ""]
    for child in el:
        cls = child.get("class", "")
        if child.tag == "span" and cls == "cc":
            out.append(chr(int("".join(child.itertext())[2:], 16)))
        elif child.tag == "a" and cls == "pl" and skip_links:
            pass
        else:
            out.append(shown(child, skip_links))
        out.append(child.tail or "")
    return "".join(out)


def parse(path):
    with open(path, "rb") as f:
        return html5lib.parse(f.read(), namespaceHTMLElements=False)


def main():
    site, ttl, source, copy = sys.argv[1:5]
    problems = []
    want = passages(ttl, source)
    if not want:
        problems.append(f"kg.ttl places no passage in {source}")
    with open(copy, "rb") as f:
        text = unicodedata.normalize("NFC", f.read().decode("utf-8"))
    doc = parse(os.path.join(site, "e", source + ".html"))
    pres = [p for p in doc.iter("pre") if p.get("class") == "copy"]
    if len(pres) != 1:
        print(f"e/{source}.html: {len(pres)} <pre class=\"copy\"> (want 1)")
        return 1
    pre = pres[0]
    got = shown(pre)
    if got != text:
        at = next((i for i, (a, b) in enumerate(zip(got, text)) if a != b),
                  min(len(got), len(text)))
        problems.append(f"the copy's text differs from code point {at}: "
                        f"{got[at:at + 40]!r} shown, {text[at:at + 40]!r} "
                        "in the copy")
    ids = {e.get("id") for e in doc.iter() if e.get("id")}
    parent = {c: p for p in pre.iter() for c in p}
    for e in pre.iter():
        if e is not pre and e.tag not in ("mark", "span", "a"):
            problems.append(f"a <{e.tag}> in the copy")
    marked = {}
    for m in pre.iter("mark"):
        marked.setdefault(m.get("data-p"), []).append(m)
        up = parent.get(m)
        while up is not None and up is not pre:
            if up.tag == "mark" and up.get("data-p") == m.get("data-p"):
                problems.append(f"a mark of {m.get('data-p')} inside another")
            up = parent.get(up)
    links = {a.get("href") for a in pre.iter("a") if a.get("class") == "pl"}
    for (start, end), exact in sorted(want.items()):
        key = f"p-{start}-{end}"
        if text[start:end] != exact:
            problems.append(f"{key}: the copy's [{start}:{end}] is not "
                            f"kg.ttl's exact {exact!r}")
        pieces = marked.pop(key, [])
        joined = "".join(shown(m) for m in pieces)
        if joined != exact:
            problems.append(f"{key}: marked {joined!r}, kg.ttl's exact is "
                            f"{exact!r}")
        if sum(m.get("id") == key for m in pieces) != 1:
            problems.append(f"{key}: no mark (or several) with id {key}")
        if f"#s-{key}" not in links or f"s-{key}" not in ids:
            problems.append(f"{key}: no link to what it supports (#s-{key})")
    for key in marked:
        problems.append(f"a mark of {key}, which kg.ttl does not place")
    mark_ids = {m.get("id") for m in pre.iter("mark") if m.get("id")}
    for d, _, files in os.walk(site):
        for f in files:
            if not f.endswith(".html"):
                continue
            for a in parse(os.path.join(d, f)).iter("a"):
                href = a.get("href") or ""
                page, _, frag = href.partition("#")
                if page.endswith(f"e/{source}.html") and frag.startswith("p-") \
                        and frag not in mark_ids:
                    problems.append(f"{f}: a link to #{frag}, which no mark has")
    for s in doc.iter("script"):
        if s.get("src") not in ("../search.js", "../search/buckets.js"):
            problems.append("a script element the site did not write")
    for p in problems:
        print(f"e/{source}.html: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
