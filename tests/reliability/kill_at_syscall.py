#!/usr/bin/python3
"""kill_at_syscall.py KGBUILD ONTOLOGY OLD_FACTS NEW_FACTS WORKDIR [--exports-link]
                      [--failing=TEST_KGBUILD]

SIGKILL delivered at every file-system call of a build, one run per call:
strace's fault injection (`-e inject=SYSCALL:signal=KILL:when=N`) kills
kgbuild as it enters the Nth rename, link, unlink, fsync, mkdir... of the
run, for every N the run makes.  exports/ holds the old export set beside
foreign things kgbuild must not touch: a README, a subdirectory with a file,
a .git directory, a symbolic link and a FIFO.  After each kill:

  - the export files in exports/ are exactly the old set or exactly the new
    one (every file hashed), never a mixture, never a truncated file;
  - the foreign things are all there, unchanged, or are restored by the next
    run (they never vanish for good);
  - a run whose writing fails (KG_FAIL_WRITE_AT=0, exit 3) leaves exactly the
    old set or the new one, and the foreign things, and no leftovers: a run
    killed half-way is put back by the next one;
  - the next normal run succeeds and leaves the new set, the foreign things
    and no temporary file or staging directory.

With --exports-link, exports/ is a symbolic link to a directory: the case
where the directories cannot be swapped and the files are renamed one by
one; then "old or new" is only promised after the next run (which must put
back the old set when it fails, and write the new one when it succeeds).

The failing runs need a test build of kgbuild (KG_FAIL_WRITE_AT is compiled
into those only): --failing names it (default: KGBUILD itself).  The killed
runs stay on KGBUILD, since LeakSanitizer cannot run under strace.

Prints a summary line; exit status 1 on any problem.
"""
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
linked = "--exports-link" in sys.argv
failing = next((a.split("=", 1)[1] for a in sys.argv[1:]
                if a.startswith("--failing=")), None)
kg, onto, old_facts, new_facts, work = args[:5]
SYSCALLS = ["rename", "renameat", "renameat2", "link", "linkat", "unlink",
            "unlinkat", "fsync", "fdatasync", "mkdir", "mkdirat", "rmdir",
            "symlink", "symlinkat", "mknodat"]
problems = []


def build(facts, exports, env=None, strace=None, binary=None):
    cmd = [binary or kg, "-q", "-j1", "--color=never", f"--ontology={onto}",
           f"--exports={exports}", facts]
    if strace:
        cmd = ["strace", "-f", "-o", "/dev/null", "-e", strace] + cmd
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, timeout=120, env=e)


def exports_of(d):
    """{name: sha256} of kgbuild's export files in d."""
    out = {}
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        if n.startswith("kg.") and os.path.isfile(p) and not os.path.islink(p):
            with open(p, "rb") as fh:
                out[n] = hashlib.sha256(fh.read()).hexdigest()
    return out


def foreign_state(d):
    """What the foreign things look like (None where one is missing)."""
    def read(p):
        try:
            with open(p, "rb") as fh:
                return fh.read()
        except OSError:
            return None
    def kind(p):
        try:
            return stat.S_IFMT(os.lstat(p).st_mode)
        except OSError:
            return None
    return {
        "README": read(os.path.join(d, "README")),
        "notes/a.txt": read(os.path.join(d, "notes", "a.txt")),
        ".git/HEAD": read(os.path.join(d, ".git", "HEAD")),
        "link": os.readlink(os.path.join(d, "link"))
        if kind(os.path.join(d, "link")) == stat.S_IFLNK else None,
        "fifo": kind(os.path.join(d, "fifo")),
    }


def leftovers(parent):
    found = []
    for root, dirs, files in os.walk(parent):
        for n in dirs + files:
            if n.startswith(".kgbuild-") or ".kgbuild-new-" in n:
                found.append(os.path.relpath(os.path.join(root, n), parent))
    return found


def fresh(parent):
    """parent/exports with the old set and the foreign things."""
    shutil.rmtree(parent, ignore_errors=True)
    os.makedirs(parent)
    target = os.path.join(parent, "real-exports" if linked else "exports")
    shutil.copytree(golden["old-dir"], target, symlinks=True,
                    ignore=lambda d, names: ["fifo"] if "fifo" in names else [])
    os.mkfifo(os.path.join(target, "fifo"))
    if linked:
        os.symlink("real-exports", os.path.join(parent, "exports"))
    return os.path.join(parent, "exports")


# The two sets, and the foreign things beside them.
golden = {}
os.makedirs(work, exist_ok=True)
for label, facts in (("old", old_facts), ("new", new_facts)):
    d = os.path.join(work, "golden-" + label)
    shutil.rmtree(d, ignore_errors=True)
    r = build(facts, d)
    if r.returncode != 0:
        sys.exit(f"the {label} build failed: {r.stderr.decode()[:500]}")
    golden[label] = exports_of(d)
    golden[label + "-dir"] = d
if golden["old"] == golden["new"]:
    sys.exit("the old and new fact bases give the same exports")
d = golden["old-dir"]
with open(os.path.join(d, "README"), "w") as fh:
    fh.write("our notes about these exports\n")
os.makedirs(os.path.join(d, "notes"))
with open(os.path.join(d, "notes", "a.txt"), "w") as fh:
    fh.write("a note\n")
os.makedirs(os.path.join(d, ".git"))
with open(os.path.join(d, ".git", "HEAD"), "w") as fh:
    fh.write("ref: refs/heads/main\n")
os.symlink("kg.ttl", os.path.join(d, "link"))
os.mkfifo(os.path.join(d, "fifo"))
foreign = foreign_state(d)


def which_set(exports):
    have = exports_of(exports)
    for label in ("old", "new"):
        if have == golden[label]:
            return label
    return None


def check(label, exports, parent, after_kill):
    where = which_set(exports)
    if where is None and not (after_kill and linked):
        problems.append(f"{label}: exports/ is neither the old nor the new set: "
                        f"{sorted(exports_of(exports))}")
    if not after_kill:
        if foreign_state(exports) != foreign:
            problems.append(f"{label}: foreign things changed: {foreign_state(exports)}")
        if leftovers(parent):
            problems.append(f"{label}: leftovers {leftovers(parent)}")
    return where


# How many of each call one uninterrupted run makes.
parent = os.path.join(work, "run")
exports = fresh(parent)
log = os.path.join(work, "strace.log")
subprocess.run(["strace", "-f", "-o", log, "-e", "trace=" + ",".join(SYSCALLS),
                kg, "-q", "-j1", "--color=never", f"--ontology={onto}",
                f"--exports={exports}", new_facts], check=True,
               capture_output=True)
counts = {}
with open(log) as fh:
    for line in fh:
        m = re.match(r"^(?:\d+\s+)?(\w+)\(", line)
        if m and m.group(1) in SYSCALLS:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
runs = 0
outcomes = {"old": 0, "new": 0}
for call, n in sorted(counts.items()):
    for when in range(1, n + 1):
        exports = fresh(parent)
        r = build(new_facts, exports,
                  strace=f"inject={call}:signal=KILL:when={when}")
        runs += 1
        label = f"{call}#{when}"
        where = check(label + " (killed)", exports, parent, after_kill=True)
        if where:
            outcomes[where] += 1
        if r.returncode == 0:
            continue  # the call came after the work was done
        # A run that fails while writing puts things back as they were.
        f = build(new_facts, exports, env={"KG_FAIL_WRITE_AT": "0"},
                  binary=failing)
        if f.returncode != 3:
            problems.append(f"{label}: the failing run exited {f.returncode}, "
                            f"not 3: {f.stderr.decode()[:300]}")
        check(label + " (then a failed run)", exports, parent, after_kill=False)
        # One by one, a set is committed when its journal is removed: a run
        # killed before that is rolled back to the old set, even when every
        # file had been renamed.
        if which_set(exports) != where and not (linked and which_set(exports) == "old"):
            problems.append(f"{label}: the failed run changed the set from "
                            f"{where} to {which_set(exports)}")
        g = build(new_facts, exports)
        if g.returncode != 0:
            problems.append(f"{label}: the next run failed: {g.stderr.decode()[:300]}")
        if check(label + " (then a good run)", exports, parent,
                 after_kill=False) != "new":
            problems.append(f"{label}: the next run did not write the new set")
        if len(problems) > 20:
            break
print(f"{runs} runs killed at {sum(counts.values())} calls "
      f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
      f"left the old set {outcomes['old']} times, the new set {outcomes['new']}")
for p in problems[:30]:
    print("PROBLEM", p)
sys.exit(1 if problems else 0)
