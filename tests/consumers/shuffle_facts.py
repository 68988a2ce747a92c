#!/usr/bin/python3
"""shuffle_facts.py SRC_DIR DST_DIR SEED

Rewrites the fact files of SRC_DIR into DST_DIR with random file names, in
reverse-shuffled order: every entry goes to its own file (or, without PyYAML,
the files are only renamed), sections and entries come in a shuffled order,
every list inside an entry (values, long forms, sources, qualifier values)
is shuffled and the keys of every mapping come in a shuffled order.  The
compiled exports must not change: kgbuild promises that the order of files,
entries and list items never matters.
"""
import glob
import os
import random
import shutil
import sys

src, dst, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
os.makedirs(dst, exist_ok=True)
paths = sorted(glob.glob(os.path.join(src, "**", "*.yaml"), recursive=True))
names = rng.sample(range(10**6), 10**3)


def name():
    return os.path.join(dst, f"f{names.pop():06d}.yaml")


try:
    import yaml
except ImportError:
    yaml = None
    print("no PyYAML: only renaming the files")

if yaml is None:
    for p in paths:
        shutil.copy(p, name())
    sys.exit(0)

entries = []
for p in paths:
    with open(p, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    for section, items in doc.items():
        for entry in items or []:
            entries.append((section, entry))
def shuffled(node):
    """node with every list and every mapping's keys in a random order."""
    if isinstance(node, list):
        items = [shuffled(x) for x in node]
        rng.shuffle(items)
        return items
    if isinstance(node, dict):
        items = [(k, shuffled(v)) for k, v in node.items()]
        rng.shuffle(items)
        return dict(items)
    return node


rng.shuffle(entries)
for section, entry in entries:
    reordered = shuffled(entry)
    with open(name(), "w", encoding="utf-8") as f:
        yaml.safe_dump({section: [reordered]}, f, allow_unicode=True,
                       sort_keys=False, width=10**9)
print(f"{len(entries)} entries from {len(paths)} files into {len(entries)} files")
