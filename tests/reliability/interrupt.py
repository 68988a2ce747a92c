#!/usr/bin/python3
"""interrupt.py KGBUILD ONTOLOGY WORKDIR [PEOPLE]

SIGINT and SIGTERM must stop a run within a second at any stage, loading
and checking included, not only while exports are written.  Writes a fact
base of PEOPLE people (default 200000) in 8 files, with `reports-to`
links (so checking has cycles to look for), times one uninterrupted
`kgbuild check` (T), then for each signal sends it at 5%, 25%, 50%, 75%
and 90% of T (with -j1 and with reading threads) and checks that the run
exits 130 (SIGINT) or 143 (SIGTERM), saying it was interrupted, within
1 s of the signal (or 0 if it had finished first).  Prints one line per
run; exit status 1 on any problem.
"""
import os
import random
import signal
import subprocess
import sys
import time

kg, ontology, work = sys.argv[1:4]
people = int(sys.argv[4]) if len(sys.argv) > 4 else 200000
LATENCY = 1.0
facts = os.path.join(work, "facts")
os.makedirs(facts, exist_ok=True)
r = random.Random(1)
files = 8
with open(os.path.join(facts, "sources.yaml"), "w") as f:
    f.write("sources:\n  - id: src\n    title: Generated\n")
for k in range(files):
    with open(os.path.join(facts, f"people-{k}.yaml"), "w") as f:
        f.write("people:\n")
        for i in range(k, people, files):
            f.write(f"  - id: p{i}\n    name: {{en: Person {i}}}\n")
            if i:
                f.write(f"    reports-to: p{r.randrange(i)}\n")
            f.write("    source: src\n")


def command(jobs):
    return [kg, "--color=never", f"--ontology={ontology}", "check", jobs, facts]


start = time.monotonic()
full = subprocess.run(command("-j1"), capture_output=True)
total = time.monotonic() - start
if full.returncode != 0:
    print(f"the uninterrupted run failed (exit {full.returncode}): "
          f"{full.stderr[:500]!r}")
    sys.exit(1)
print(f"uninterrupted check of {people} people: {total:.2f} s")

problems, interrupted, worst = 0, 0, 0.0
for sig in (signal.SIGINT, signal.SIGTERM):
    for jobs in ("-j1", "-j4"):
        for fraction in (0.05, 0.25, 0.5, 0.75, 0.9):
            proc = subprocess.Popen(command(jobs), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            time.sleep(total * fraction)
            sent = time.monotonic()
            proc.send_signal(sig)
            try:
                _, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            latency = time.monotonic() - sent
            rc = proc.returncode
            want = 128 + sig
            why = []
            if rc == want:
                interrupted += 1
                worst = max(worst, latency)
                if latency > LATENCY:
                    why.append(f"exited {latency:.2f} s after the signal")
                if b"interrupted" not in err:
                    why.append("did not say it was interrupted")
            elif rc != 0:
                why.append(f"exit {rc}, expected {want} or 0")
            print(f"{sig.name} {jobs} at {fraction:.0%} of the run: exit {rc} "
                  f"{latency:.2f} s after the signal"
                  + (": " + "; ".join(why) if why else ""))
            problems += bool(why)
if interrupted < 10:
    print(f"only {interrupted} runs were interrupted: the fact base is too "
          "small for this machine")
    problems += 1
print(f"{interrupted} runs interrupted, the slowest stopped {worst:.2f} s "
      "after its signal")
sys.exit(1 if problems else 0)
