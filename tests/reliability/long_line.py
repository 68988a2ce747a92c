#!/usr/bin/python3
"""long_line.py KGBUILD ONTOLOGY WORKDIR [N...]

Diagnostics must cost time and bytes linear in the input, however often
one mistake repeats on one line.  For each N (default 2000, 8000 and
1000000) writes a fact file whose one line is `alt-name: [x,x,x,...]`
with N repeats (N - 1 'repeated-value' warnings, each on a column further
right), runs `kgbuild check` on it under a 60 s timeout, and checks that
it exits 0 within 10 s with at most 64 KB of standard error, a note
folding the warnings not shown, and every warning counted in the summary.
Prints one line per N with the figures; exit status 1 on any problem.
"""
import os
import subprocess
import sys
import time

kg, ontology, work = sys.argv[1:4]
sizes = [int(n) for n in sys.argv[4:]] or [2000, 8000, 1000000]
MAX_BYTES, MAX_SECONDS = 64 * 1024, 10.0
problems = 0

for n in sizes:
    d = os.path.join(work, f"n{n}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f.yaml"), "w") as f:
        f.write("sources:\n  - id: s\n    title: S\npeople:\n  - id: p\n"
                "    name: {en: P}\n    source: s\n    alt-name: [")
        f.write(",".join(["x"] * n))
        f.write("]\n")
    start = time.monotonic()
    # stderr is counted as it comes, and only its head kept: the quadratic
    # behaviour wrote gigabytes.
    proc = subprocess.Popen([kg, "--color=never", f"--ontology={ontology}",
                             "check", d], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    head, total, timed_out = b"", 0, False
    try:
        while True:
            if time.monotonic() - start > 60:
                timed_out = True
                proc.kill()
                break
            chunk = proc.stderr.read1(1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if len(head) < MAX_BYTES:
                head += chunk[:MAX_BYTES - len(head)]
    finally:
        rc = proc.wait()
    seconds = time.monotonic() - start
    text = head.decode("utf-8", "replace")
    folded = n - 1 - 10
    why = []
    if timed_out:
        why.append("still running after 60 s")
    elif rc != 0:
        why.append(f"exit {rc}")
    if total > MAX_BYTES:
        why.append(f"{total} bytes of stderr (at most {MAX_BYTES})")
    if seconds > MAX_SECONDS:
        why.append(f"{seconds:.1f} s (at most {MAX_SECONDS:.0f})")
    if folded > 0 and f"{folded} more warnings of [repeated-value] not shown" not in text:
        why.append("no note folding the warnings not shown")
    if not timed_out and f"{n - 1} warnings generated." not in text:
        why.append(f"the summary does not count {n - 1} warnings")
    print(f"N={n}: {total} bytes of stderr in {seconds:.2f} s, exit {rc}"
          + (": " + "; ".join(why) if why else ""))
    problems += bool(why)

sys.exit(1 if problems else 0)
