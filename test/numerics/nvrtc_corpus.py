#!/usr/bin/env python3
"""Compiles every kernel of the test corpus (the golden op cases and the
fusion corpus) with NVRTC for sm_80 and sm_90 and fails on any error or
warning. Prints registers and spill bytes per kernel (from ptxas -v) and a
summary; writes the table to SCRATCH/nvrtc-report.txt.

usage: nvrtc_corpus.py BIN_DIR SCRATCH_DIR PROGRAM_DIR...
"""
import concurrent.futures
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import tool_env  # noqa: E402


def compile_program(bin_dir, scratch, env, path):
    """kilnc compile of one program for sm_80 and sm_90; its CompletedProcess."""
    name = os.path.basename(path)
    weights = path[:-5] + ".weights.safetensors"
    cmd = [os.path.join(bin_dir, "kilnc"), "compile", path, "--target", "sm_80,sm_90",
           "-o", os.path.join(scratch, name[:-5] + ".kiln"), "--nvrtc-log"]
    if os.path.exists(weights):
        cmd += ["--weights", weights]
    elif re.search(r"kiln\.param", open(path).read()):
        # Corpus programs get random weights of the right shapes.
        wpath = os.path.join(scratch, name[:-5] + ".w.st")
        subprocess.run([os.path.join(bin_dir, "kiln-random-inputs"), path, "-o",
                        os.path.join(scratch, name[:-5] + ".unused.st"),
                        "--weights-out", wpath], check=True)
        cmd += ["--weights", wpath]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def main():
    bin_dir, scratch, *dirs = sys.argv[1:]
    os.makedirs(scratch, exist_ok=True)
    # Cached images keep NVRTC's log, so a warm cache reports too.
    env = tool_env(scratch)
    paths = [os.path.join(d, f) for d in dirs for f in sorted(os.listdir(d))
             if f.endswith(".mlir")]
    # One kilnc per program, as many at once as there are cores (a program's
    # one or two kernels leave kilnc's own threads idle).
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda p: compile_program(bin_dir, scratch, env, p),
                                paths))
    rows, failed, programs = [], 0, 0
    for path, r in zip(paths, results):
        name = os.path.basename(path)
        programs += 1
        if r.returncode != 0 or re.search(r"warning", r.stderr, re.I):
            failed += 1
            print(f"FAIL {name}:\n{r.stderr}")
            continue
        kernel = None
        for line in r.stderr.splitlines():
            m = re.search(r"Compiling entry function '(\w+)' for '(sm_\d+)'", line)
            if m:
                kernel = f"{m.group(1)} {m.group(2)}"
            m = re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads", line)
            if m and kernel:
                spill = int(m.group(1)) + int(m.group(2))
            m = re.search(r"Used (\d+) registers", line)
            if m and kernel:
                rows.append((name[:-5], kernel, int(m.group(1)), spill))
                kernel = None
    with open(os.path.join(scratch, "nvrtc-report.txt"), "w") as f:
        for program, kernel, regs, spill in rows:
            f.write(f"{program:40} {kernel:40} {regs:4} registers {spill:6} spill bytes\n")
    worst = max(rows, key=lambda r: r[2]) if rows else None
    print(f"{programs} programs, {len(rows)} kernel images (sm_80 + sm_90), "
          f"max {worst[2] if worst else 0} registers ({worst[1] if worst else '-'}), "
          f"{sum(1 for r in rows if r[3])} with spills")
    print(f"{programs - failed} passed, {failed} failed")
    return 1 if failed or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
