#!/usr/bin/python3
"""tests/layers.py - hold src/'s #includes to the layer map (docs/layers.txt).

Usage: layers.py [--map FILE] [--doc FILE] [--readme FILE] [SRC_DIR]
(defaults: docs/layers.txt, docs/design-notes.md, README.md, src), run from
the repository root (tests/t/15-layers.t); an empty FILE skips that check.

Fails (exit 1, one line per problem, compiler style) on:
  - a file of SRC_DIR whose module is not in the map, or a module of the map
    with no file (the map must name every module, and only those);
  - an `#include "x.h"` of a header that is not in SRC_DIR;
  - an include that goes up the map (a module including one of a later layer);
  - a circle of modules including each other (in one layer or across several);
  - design notes whose line `Layers: a -> b -> ...` does not name the map's
    layers in the map's order, or whose table lists other modules;
  - a src/NAME.c that the README's layout table does not name as `NAME.c`.
Exit 2 on a map it cannot read.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def bad_map(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def read_map(path):
    """[(layer, [module...])] in order; exits 2 on a malformed map."""
    layers, seen = [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, colon, rest = line.partition(":")
            if not colon or not re.fullmatch(r"[a-z][a-z0-9_-]*", name.strip()):
                bad_map(f"{path}:{n}: error: expected 'LAYER: MODULE...'")
            modules = rest.split()
            for m in modules:
                if m in seen:
                    bad_map(f"{path}:{n}: error: module '{m}' is already in "
                             f"layer '{seen[m]}'")
                seen[m] = name.strip()
            layers.append((name.strip(), modules))
    if not layers:
        bad_map(f"{path}: error: no layers")
    return layers


def module_of(file_name):
    return os.path.splitext(file_name)[0]


def read_includes(src):
    """{file: [(line, header)]} for every .c and .h of src."""
    files = {}
    for name in sorted(os.listdir(src)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            files[name] = [(n, m.group(1)) for n, line in enumerate(f, 1)
                           for m in [INCLUDE.match(line)] if m]
    return files


def find_cycles(edges):
    """The strongly connected components of more than one module (Tarjan),
    each as a path round it, sorted for stable output."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def circle_path(comp, edges):
    """The shortest walk round a component from its first module back to
    it (breadth first: every module of a component reaches every other)."""
    start, members = comp[0], set(comp)
    came, queue = {}, [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & members):
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(came[path[-1]])
                return path[::-1] + [start]
            if w not in came:
                came[w] = v
                queue.append(w)
    return comp


def check_doc(doc, layers, problems):
    """The design notes' `Layers:` line names the map's layers in order, and
    their table (`| layer | modules | what |`) lists each layer's modules."""
    names = [n for n, _ in layers]
    modules = dict(layers)
    said_line = False
    with open(doc, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = re.match(r"\s*Layers:\s*(.*)$", line)
            if m and not said_line:
                said_line = True
                said = [w.strip(" `.") for w in m.group(1).split("->")]
                if said != names:
                    problems.append(
                        f"{doc}:{n}: error: the layers named here "
                        f"({' -> '.join(said)}) are not the map's "
                        f"({' -> '.join(names)}); hint: write the line as "
                        f"the map has them")
                continue
            row = re.match(r"\|\s*([a-z][a-z0-9_-]*)\s*\|([^|]*)\|", line)
            if said_line and row and row.group(1) in modules:
                listed = [re.sub(r"\.h$", "", w.strip(" `"))
                          for w in row.group(2).split(",")]
                listed = [w for w in listed if w and not w.startswith("(")]
                want = modules[row.group(1)]
                if sorted(listed) != sorted(want):
                    problems.append(
                        f"{doc}:{n}: error: layer '{row.group(1)}' lists "
                        f"{', '.join(listed) or 'no module'}, the map "
                        f"{', '.join(want) or 'none'}; hint: list the map's")
    if not said_line:
        problems.append(
            f"{doc}: error: no line 'Layers: {' -> '.join(names)}'")


def check_readme(readme, files, problems):
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    for name in sorted(files):
        if name.endswith(".c") and f"`{name}`" not in text:
            problems.append(
                f"{readme}: error: src/{name} is not in the layout table; "
                f"hint: add `{name}` to the `src/` row, with what it does")


def main(argv):
    args, map_path, doc = [], "docs/layers.txt", "docs/design-notes.md"
    readme = "README.md"
    it = iter(argv)
    for a in it:
        if a == "--map":
            map_path = next(it)
        elif a == "--doc":
            doc = next(it)
        elif a == "--readme":
            readme = next(it)
        else:
            args.append(a)
    src = args[0] if args else "src"
    layers = read_map(map_path)
    rank = {m: i for i, (_, ms) in enumerate(layers) for m in ms}
    layer = {m: name for name, ms in layers for m in ms}
    files = read_includes(src)
    problems = []

    present = {module_of(f) for f in files}
    for f in sorted(files):
        if module_of(f) not in rank:
            problems.append(
                f"{src}/{f}:1: error: module '{module_of(f)}' is not in the "
                f"layer map; hint: add it to {map_path}, on the line of the "
                f"lowest layer whose modules it includes")
    for m in sorted(set(rank) - present):
        problems.append(
            f"{map_path}: error: module '{m}' has no {src}/{m}.c or .h; "
            f"hint: remove it from the map, or rename it there")

    edges = {}
    for f, includes in sorted(files.items()):
        me = module_of(f)
        for line, header in includes:
            if header not in files:
                problems.append(
                    f"{src}/{f}:{line}: error: includes \"{header}\", which is "
                    f"not a header of {src}/; hint: include it with <...>, or "
                    f"add it to {src}/")
                continue
            them = module_of(header)
            if them == me:
                continue
            edges.setdefault(me, set()).add(them)
            if me in rank and them in rank and rank[them] > rank[me]:
                problems.append(
                    f"{src}/{f}:{line}: error: '{me}' (layer {layer[me]}) "
                    f"includes \"{header}\" of layer {layer[them]}, later in "
                    f"the map: includes go only to a module's own layer or "
                    f"an earlier one; hint: move what it needs down, or the "
                    f"module up ({map_path})")
    for comp in find_cycles(edges):
        problems.append(
            f"{src}: error: modules include each other round a circle: "
            f"{' -> '.join(circle_path(comp, edges))}; hint: split the part "
            f"the lower one needs into a module of its own")
    if doc:
        check_doc(doc, layers, problems)
    if readme:
        check_readme(readme, files, problems)

    for p in problems:
        print(p)
    if not problems:
        n = sum(len(v) for v in files.values())
        print(f"{len(files)} files, {n} includes, {len(layers)} layers: "
              f"every include goes down the map, no circle")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
