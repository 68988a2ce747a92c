"""mkcopy.py DIR ONTOLOGY TEXT QUOTE [LICENCE]: a fact base in DIR whose one
source, src-c, keeps its archived copy sources/c.txt (TEXT, UTF-8; @FILE:
FILE's bytes) with its
sha256 and the copy-licence LICENCE ("-": none; default CC0-1.0), and one
person quoting QUOTE from it.  For 86-site.t's archived-copy cases."""
import hashlib
import json
import os
import sys

d, ontology, text, quote = sys.argv[1:5]
licence = sys.argv[5] if len(sys.argv) > 5 else "CC0-1.0"
if text.startswith("@"):
    with open(text[1:], "rb") as f:
        copy = f.read()
else:
    copy = text.encode("utf-8")
os.makedirs(f"{d}/facts", exist_ok=True)
os.makedirs(f"{d}/sources", exist_ok=True)
if not os.path.lexists(f"{d}/ontology"):
    os.symlink(ontology, f"{d}/ontology")
with open(f"{d}/sources/c.txt", "wb") as f:
    f.write(copy)
y = ["sources:", "  - id: src-c", "    type: article", "    title: C",
     "    local-copy: c.txt", "    sha256: " + hashlib.sha256(copy).hexdigest()]
if licence != "-":
    y.append("    copy-licence: " + json.dumps(licence, ensure_ascii=False))
y += ["people:", "  - id: p-c", "    name: {en: Person C}", "    source: src-c",
      "    quote: " + json.dumps(quote, ensure_ascii=False)]
with open(f"{d}/facts/f.yaml", "w", encoding="utf-8") as f:
    f.write("\n".join(y) + "\n")
