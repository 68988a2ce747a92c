#!/usr/bin/python3
"""write_fail.py KGBUILD ONTOLOGY FACTS WORKDIR MODE [OPTIONS]

serd's technique, applied to kgbuild: make an export's stream fail with
ENOSPC at byte offset N (KG_FAIL_WRITE_AT=N, kgbuild's test hook) for every
N below the export's size, and check each run:

  * exit status 3;
  * standard error names the export and says "No space left on device";
  * the export set that was there before is byte-identical afterwards;
  * no .kgbuild-tmp-* file and no .<exports>.kgbuild-new-* staging
    directory is left, and nothing else appeared.

MODE is
  sizes       build once, print FORMAT=FILE:SIZE for each export (set order)
  set         runs kgbuild --exports=exports (the whole set, staged and
              swapped); offset N fails the first export whose size is > N
  single FMT  runs kgbuild --format=FMT -o FILE (FMT's export name; one
              file, replaced atomically); offsets 0..size-1 of that export

Options: --offsets=LIST (comma-separated; default every offset below the
relevant size), --stride=K (every K-th offset, plus the first and last three
of each export), --jobs=J (parallel runs), --asan=DIR (sanitizer report
directory: each run gets DIR/<mode>-<N>/ and must leave it empty).

Prints one summary line "tried N offsets, M bad" and up to 10 problems.
Exit status 0 when nothing was wrong.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys

kg, onto, facts, work, mode = sys.argv[1:6]
rest = sys.argv[6:]
fmt = None
if mode == "single":
    fmt, rest = rest[0], rest[1:]
opts = dict(a[2:].split("=", 1) for a in rest if a.startswith("--"))
jobs = int(opts.get("jobs", "2"))
asan = opts.get("asan")
SENTINEL = b"sentinel %s: an old export that must survive\n"


def formats():
    """The export formats in kgbuild's own order (its backend table, which
    --list-formats prints)."""
    out = subprocess.run([kg, "--list-formats"], capture_output=True, text=True,
                         check=True).stdout
    return out.split()


def run(args, cwd, env_extra):
    env = dict(os.environ)
    env.update(env_extra)
    return subprocess.run([kg, "--color=never", "-q", f"--ontology={onto}"] + args,
                          cwd=cwd, env=env, capture_output=True, timeout=60)


def measure():
    """[(format, export file name, size)] in the order kgbuild writes the set
    (its backend table, which --list-formats prints).  A format's file is the export
    whose bytes equal what --format writes to standard output; formats that
    write no standard output (csv: a directory of tables) are left out."""
    d = os.path.join(work, "measure")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    r = run(["--exports=exports", facts], d, {})
    if r.returncode != 0:
        sys.exit(f"the successful build failed: {r.stderr.decode()}")
    files = {}
    for f in sorted(os.listdir(os.path.join(d, "exports"))):
        with open(os.path.join(d, "exports", f), "rb") as fh:
            files[fh.read()] = f
    found = []
    for f in formats():
        r = run([f"--format={f}", "--exports=probe", facts], d, {})
        if r.returncode == 0 and r.stdout in files:
            found.append((f, files.pop(r.stdout), len(r.stdout)))
    if files:
        sys.exit(f"exports no format writes: {sorted(files.values())}")
    return found


def snapshot(top):
    """Every path under top, with the bytes of regular files."""
    seen = {}
    for root, dirs, files in os.walk(top):
        for name in dirs:
            seen[os.path.relpath(os.path.join(root, name), top)] = "dir"
        for name in files:
            p = os.path.join(root, name)
            with open(p, "rb") as fh:
                seen[os.path.relpath(p, top)] = fh.read()
    return seen


found = measure()
sizes = [(name, size) for _, name, size in found]
if mode == "sizes":
    for f, name, size in found:
        print(f"{f}={name}:{size}")
    sys.exit(0)

if mode == "set":
    names = [n for n, _ in sizes]
    top = max(s for _, s in sizes)

    def failing(n):  # the export that fails first at offset n
        return next(name for name, size in sizes if size > n)
    groups = [(lo, s) for lo, s in
              ((max([0] + [sz for _, sz in sizes[:i]]), sizes[i][1])
               for i in range(len(sizes)))]
else:
    name = next(n for f, n, _ in found if f == fmt)
    size = dict(sizes)[name]
    top = size

    def failing(n):
        return name
    groups = [(0, size)]

if "offsets" in opts:
    offsets = sorted({int(x) for x in opts["offsets"].split(",") if x})
    offsets = [n for n in offsets if n < top]
elif "stride" in opts:
    k = int(opts["stride"])
    want = set(range(0, top, k))
    for lo, hi in groups:  # each export's first and last offsets
        if hi > lo:
            want.update(range(lo, min(lo + 3, hi)))
            want.update(range(max(lo, hi - 3), hi))
    offsets = sorted(want)
else:
    offsets = list(range(top))


def prepare(slot):
    """A per-worker directory holding the old exports."""
    d = os.path.join(work, f"{mode}-{fmt or 'all'}-{slot}")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "exports"))
    if mode == "set":
        for n in names:
            with open(os.path.join(d, "exports", n), "wb") as fh:
                fh.write(SENTINEL % n.encode())
    else:
        with open(os.path.join(d, name), "wb") as fh:
            fh.write(SENTINEL % name.encode())
    return d, snapshot(d)


def check(n, slot_dir, before):
    extra = {"KG_FAIL_WRITE_AT": str(n)}
    if asan:
        san = os.path.join(asan, f"{mode}-{fmt or 'all'}-{n}")
        os.makedirs(san, exist_ok=True)
        extra["ASAN_OPTIONS"] = ("detect_leaks=1:abort_on_error=0:exitcode=99:"
                                 f"log_path={san}/asan")
        extra["UBSAN_OPTIONS"] = ("print_stacktrace=1:halt_on_error=1:"
                                  f"exitcode=98:log_path={san}/ubsan")
    if mode == "set":
        args = ["--exports=exports", facts]
        shown = "exports/" + failing(n)
    else:
        args = [f"--format={fmt}", "-o", name, facts]  # a sentinel is there
        shown = name
    r = run(args, slot_dir, extra)
    err = r.stderr.decode(errors="replace")
    problems = []
    if r.returncode != 3:
        problems.append(f"exit {r.returncode}, not 3")
    if f"{shown}: error: cannot write: No space left on device" not in err:
        problems.append(f"stderr lacks '{shown}: error: cannot write: No space "
                        f"left on device': {err.strip()[:300]!r}")
    if r.stdout:
        problems.append("stdout not empty")
    after = snapshot(slot_dir)
    if after != before:
        extra_paths = sorted(set(after) - set(before))
        changed = sorted(p for p in before if after.get(p) != before[p])
        problems.append(f"files changed: new {extra_paths[:5]}, changed or "
                        f"gone {changed[:5]}")
    if asan and os.listdir(san):
        for f in sorted(os.listdir(san)):
            with open(os.path.join(san, f), errors="replace") as fh:
                lines = [l.strip() for l in fh if "ERROR" in l or "SUMMARY" in l
                         or "runtime error" in l]
            problems.append(f"sanitizer report {f}: {lines[:3]}")
    return n, problems


def worker(slot, mine):
    d, before = prepare(slot)
    bad = []
    for n in mine:
        got = check(n, d, before)
        if got[1]:
            bad.append(got)
            d, before = prepare(slot)  # start the next run clean
    return bad


chunks = [offsets[i::jobs] for i in range(jobs)]
with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    results = list(pool.map(worker, range(jobs), chunks))
bad = sorted(b for r in results for b in r)
what = "set of " + ",".join(names) if mode == "set" else name
print(f"{what}: tried {len(offsets)} offsets of 0..{top - 1}, {len(bad)} bad")
for n, problems in bad[:10]:
    print(f"KG_FAIL_WRITE_AT={n}: " + "; ".join(problems))
sys.exit(1 if bad else 0)
