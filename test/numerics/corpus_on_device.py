#!/usr/bin/env python3
"""Fusion-pattern corpus: each program in corpus/ runs on random inputs and
weights (kiln-random-inputs, seeded from KILN_TEST_SEED, fresh when unset,
printed on failure) through the reference interpreter and through a
compiled device; results must agree within the program's `// TOLERANCE:`
(relative L2 error).

usage: corpus_on_device.py BIN_DIR CORPUS_DIR DEVICE SCRATCH_DIR
                          [--precision P --tolerance T]

With --precision the device runs the program through kiln-precision (params
and activations in P) against the reference running it as written, within
T (or the program's own tolerance when larger).
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import base_seed, reproduce, seed_for, tool_env  # noqa: E402


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def main():
    bin_dir, corpus, device, scratch = sys.argv[1:5]
    extra, min_tol = [], 0.0
    rest = sys.argv[5:]
    if rest:
        assert rest[0] == "--precision" and rest[2] == "--tolerance", __doc__
        extra, min_tol = ["--precision", rest[1]], float(rest[3])
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    base = base_seed()
    tool = lambda name: os.path.join(bin_dir, name)
    passed, failed = 0, 0
    for name in sorted(f for f in os.listdir(corpus) if f.endswith(".mlir")):
        path = os.path.join(corpus, name)
        tol = re.search(r"// TOLERANCE: (\S+)", open(path).read()).group(1)
        tol = str(max(float(tol), min_tol))
        seed = seed_for(base, name)
        stem = os.path.join(scratch, name[:-5])
        steps = [
            [tool("kiln-random-inputs"), path, "-o", stem + ".in.st", "--seed", str(seed),
             "--weights-out", stem + ".w.st"],
            [tool("kilnc"), "run", path, "--device", "reference", "--inputs", stem + ".in.st",
             "--weights", stem + ".w.st", "--output", stem + ".ref.st"],
            [tool("kilnc"), "run", path, "--device", device, "--inputs", stem + ".in.st",
             "--weights", stem + ".w.st", "--output", stem + ".dev.st"] + extra,
            [tool("kiln-compare"), stem + ".dev.st", stem + ".ref.st", "--rel-l2", tol,
             "--rtol", "0", "--atol", "0"],
        ]
        for step in steps:
            r = run(step, env)
            if r.returncode != 0:
                failed += 1
                print(f"FAIL {name} (seed {seed}; {reproduce(base)}): {' '.join(step)}\n"
                      f"{r.stdout}{r.stderr}")
                break
        else:
            passed += 1
            print(f"ok {name} (seed {seed}, relative L2 tolerance {tol})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
