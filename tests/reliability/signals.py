#!/usr/bin/python3
"""signals.py KGBUILD OLD_FACTS NEW_FACTS WORKDIR [ITERATIONS] [SEED]

Interrupts a build at random moments and checks that exports/ is always
exactly the old export set or exactly the new one (every file hashed; never
a mixture, never a truncated file):

  SIGINT, SIGTERM  exit 130 / 143 (or 0 when the build finished first), no
                   .kgbuild-tmp-* file and no staging directory left; on 130
                   and 143 the message says the exports were left alone;
  SIGKILL          exports/ old or new; leftovers are allowed (nothing can
                   clean up after SIGKILL) but the next normal run must
                   remove them and succeed.

The delay is uniform in [0, 1.2 x the time of one uninterrupted build].
Prints one line per signal with the outcomes; exit status 1 on any problem.
"""
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time

kg, old_facts, new_facts, work = sys.argv[1:5]
iterations = int(sys.argv[5]) if len(sys.argv) > 5 else 20
seed = int(sys.argv[6]) if len(sys.argv) > 6 else int(time.time())
rng = random.Random(seed)
problems = []


def build(facts, exports):
    return subprocess.run([kg, "-q", "--color=never", f"--exports={exports}", facts],
                          capture_output=True, timeout=300)


def tree(d):
    """{relative path: sha256} of every file under d (None: d is absent)."""
    if not os.path.isdir(d):
        return None
    out = {}
    for root, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def leftovers(parent):
    found = []
    for root, dirs, files in os.walk(parent):
        for n in dirs + files:
            if n.startswith(".kgbuild-tmp-") or ".kgbuild-new-" in n:
                found.append(os.path.relpath(os.path.join(root, n), parent))
    return found


os.makedirs(work, exist_ok=True)
sets = {}
for label, facts in (("old", old_facts), ("new", new_facts)):
    d = os.path.join(work, "golden-" + label)
    shutil.rmtree(d, ignore_errors=True)
    t0 = time.monotonic()
    r = build(facts, d)
    took = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"the {label} build failed: {r.stderr.decode()[:500]}")
    sets[label] = tree(d)
if sets["old"] == sets["new"]:
    sys.exit("the old and new fact bases give the same exports")
print(f"seed {seed}; one build takes {took:.2f} s; "
      f"{len(sets['new'])} files per set")

parent = os.path.join(work, "run")
exports = os.path.join(parent, "exports")
summary = {}
for sig, wanted in ((signal.SIGINT, 130), (signal.SIGTERM, 143),
                    (signal.SIGKILL, -9)):
    counts = {}
    for i in range(iterations):
        shutil.rmtree(parent, ignore_errors=True)
        shutil.copytree(os.path.join(work, "golden-old"), exports)
        delay = rng.uniform(0, took * 1.2)
        p = subprocess.Popen([kg, "-q", "--color=never", f"--exports={exports}",
                              new_facts], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        time.sleep(delay)
        try:
            p.send_signal(sig)
        except ProcessLookupError:
            pass
        err = p.communicate(timeout=300)[1].decode(errors="replace")
        rc = p.returncode
        got = tree(exports)
        state = ("old" if got == sets["old"] else
                 "new" if got == sets["new"] else "MIXED")
        what = f"{sig.name} after {delay:.3f} s: exit {rc}, exports {state}"
        if state == "MIXED":
            diff = sorted(k for k in set(got or {}) | set(sets["new"])
                          if (got or {}).get(k) not in (sets["old"].get(k),
                                                        sets["new"].get(k)))
            problems.append(f"{what}: neither set; files differing: {diff[:6]}")
        if rc == 0:
            outcome = "finished"
            if state != "new":
                problems.append(f"{what}: exit 0 but exports are not the new set")
        elif rc == wanted:
            outcome = "interrupted"
        elif sig != signal.SIGKILL and rc == -sig:
            # killed by the default action: the handler was not installed
            # yet (start-up), so nothing can have been written.
            outcome = "killed-before-handler"
            if state != "old":
                problems.append(f"{what}: died of the signal, exports not old")
        else:
            outcome = f"exit{rc}"
            problems.append(f"{what}: unexpected exit status ({err.strip()[:200]!r})")
        if sig != signal.SIGKILL:
            left = leftovers(parent)
            if left:
                problems.append(f"{what}: left {left[:4]}")
            if rc == wanted and "interrupted; exports were left as they were" not in err:
                problems.append(f"{what}: no 'interrupted' message: {err.strip()[:200]!r}")
            if rc == wanted and state != "old":
                problems.append(f"{what}: interrupted, but exports are not the old set")
        else:
            if leftovers(parent):
                outcome += "+leftovers"
        counts[outcome] = counts.get(outcome, 0) + 1
        counts["exports " + state] = counts.get("exports " + state, 0) + 1
    summary[sig.name] = counts
    print(f"{sig.name}: {iterations} runs: " +
          ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

# After the last SIGKILL: a normal run cleans up and succeeds.
r = build(new_facts, exports)
left = leftovers(parent)
if r.returncode != 0:
    problems.append(f"the run after SIGKILL failed: exit {r.returncode}: "
                    f"{r.stderr.decode()[:300]!r}")
if left:
    problems.append(f"the run after SIGKILL left {left[:4]}")
if tree(exports) != sets["new"]:
    problems.append("the run after SIGKILL did not give the new set")
for p in problems[:20]:
    print("PROBLEM: " + p)
sys.exit(1 if problems else 0)
