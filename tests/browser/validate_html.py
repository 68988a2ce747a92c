"""validate_html.py SITE_DIR: every page of a kgbuild site is HTML5 as a
parser reads it.  html5lib's strict parser (the WHATWG parsing algorithm)
must meet no parse error, and tidy, when it is installed, must report no
error and no warning but those it gives for SVG attributes (tidy 5.6 does
not know SVG inside HTML: "proprietary attribute" on <svg>, <circle>...).
Each page must also have one <main>, one <h1>, a <title> and lang="en".
Prints one line per problem; exit 1 when there was one."""
import os
import shutil
import subprocess
import sys

import html5lib

SVG = ("<svg>", "<title>", "<line>", "<circle>", "<text>", "<a>", "<span>")


def pages(root):
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".html"):
                yield os.path.join(d, f)


def check(path, tidy):
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        return [f"parse error: {e}"]
    for tag, n in (("main", 1), ("h1", 1), ("head/title", 1)):
        found = len(doc.findall(".//" + tag))
        if found != n:
            problems.append(f"{found} <{tag}> (want {n})")
    if doc.get("lang") != "en":
        problems.append("no lang=\"en\" on <html>")
    if tidy:
        r = subprocess.run([tidy, "-q", "-e", path], capture_output=True, text=True)
        for line in r.stderr.splitlines():
            if "proprietary attribute" in line and any(t in line for t in SVG):
                continue
            if line.strip():
                problems.append("tidy: " + line)
    return problems


def main():
    root = sys.argv[1]
    tidy = shutil.which("tidy")
    bad = 0
    n = 0
    for path in pages(root):
        n += 1
        for p in check(path, tidy):
            print(f"{os.path.relpath(path, root)}: {p}")
            bad += 1
    print(f"{n} pages, {bad} problems" + ("" if tidy else " (no tidy)"))
    return 1 if bad or not n else 0


if __name__ == "__main__":
    sys.exit(main())
