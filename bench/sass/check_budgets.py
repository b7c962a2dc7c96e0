#!/usr/bin/env python3
"""Checks the benchmark programs' kernels against bench/sass/budgets.json:
each kernel's spills (local memory plus LDL / STL), the narrower-than-16-byte
global loads and stores of its main loop, and its instructions per MMA may
not exceed the ceiling recorded for it; a kernel without a ceiling must meet
the target. Prints every kernel with its distance to the target. Then the
models of budgets.json's "models": none of their kernels may spill, and the
worst instructions per MMA among a model's kernels may not exceed the
model's ceiling.

usage: check_budgets.py BIN_DIR SCRATCH [PROGRAM.mlir...]
       (default: every bench/programs/*.mlir and every model, for sm_90)
"""
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, HERE)
import report  # noqa: E402


def measures(row):
    loop = collections.Counter(row["loop"])
    out = {"spills": (row["local"] or 0) + row["kernel_mix"].get("LDL", 0) + row["kernel_mix"].get("STL", 0),
           "narrow_loads": sum(v for k, v in loop.items() if k.startswith("LDG.") and k != "LDG.128"),
           "narrow_stores": sum(v for k, v in loop.items() if k.startswith("STG.") and k != "STG.128")}
    if row.get("instructions_per_mma"):
        out["instructions_per_mma"] = round(row["instructions_per_mma"], 1)
    return out


def compile_program(bin_dir, mlir, scratch):
    name = os.path.basename(mlir)[:-len(".mlir")]
    text = open(mlir).read()
    flags = next((line.split("KILNC:", 1)[1].split() for line in text.splitlines()
                  if line.startswith("// KILNC:")), [])
    weights = []
    if "kiln.param" in text:  # random weights, as bench/gpu/prepare.sh makes them
        subprocess.run([os.path.join(bin_dir, "kiln-random-inputs"), mlir, "-o",
                        os.path.join(scratch, name + ".in.st"), "--weights-out",
                        os.path.join(scratch, name + ".w.st")], check=True, capture_output=True)
        weights = ["--weights", os.path.join(scratch, name + ".w.st")]
    artifact = os.path.join(scratch, name + ".kiln")
    # A program may name its architecture (the Hopper kernels: sm_90a).
    arch = flags[flags.index("--target") + 1] if "--target" in flags else "sm_90"
    if "--target" not in flags:
        flags = flags + ["--target", arch]
    subprocess.run([os.path.join(bin_dir, "kilnc"), "compile", mlir, *weights,
                    *flags, "-o", artifact], check=True)
    return name, artifact, arch


def check_model(bin_dir, name, budget, scratch):
    """The model's failures (0 or 1), printing its kernels over the target."""
    golden = os.path.join(ROOT, "test", "golden", "models")
    artifact = os.path.join(scratch, name + ".kiln")
    subprocess.run([os.path.join(bin_dir, "kilnc"), "compile",
                    *[a.replace("{golden}", golden) for a in budget["args"]],
                    "--external-weights", name + ".weights.safetensors", "--target", "sm_90",
                    "-o", artifact], check=True)
    spilling, worst, kernels = [], ("-", 0.0), 0
    for row in report.report(artifact, "sm_90", bin_dir):
        kernels += 1
        got = measures(row)
        if got["spills"]:
            spilling.append(f"{row['kernel']} ({got['spills']})")
        worst = max(worst, (row["kernel"], got.get("instructions_per_mma", 0.0)), key=lambda w: w[1])
    over = worst[1] > budget["instructions_per_mma"]
    failed = bool(spilling) or over
    mma = (f"most instructions per MMA {worst[1]} ({worst[0]}, ceiling {budget['instructions_per_mma']})"
           if worst[1] else "no MMA main loop")
    print(f"{'FAIL' if failed else 'ok'} model {name}: {kernels} kernels, spilling "
          f"{', '.join(spilling) or 'none'}; {mma}")
    return int(failed)


def main():
    bin_dir, scratch, *programs = sys.argv[1:]
    os.makedirs(scratch, exist_ok=True)
    check_models = not programs
    programs = programs or sorted(glob.glob(os.path.join(ROOT, "bench", "programs", "*.mlir")))
    budgets = json.load(open(os.path.join(HERE, "budgets.json")))
    target, ceilings = budgets["target"], budgets["ceiling"]
    failures = 0
    for mlir in programs:
        name, artifact, arch = compile_program(bin_dir, mlir, scratch)
        for row in report.report(artifact, arch, bin_dir):
            key = f"{name}/{row['kernel']}"
            got = measures(row)
            limit = ceilings.get(key, target)
            over = {k: (v, limit[k]) for k, v in got.items() if k in limit and v > limit[k]}
            failures += bool(over)
            gap = {k: v for k, v in got.items() if v > target.get(k, v)}
            print(f"{'FAIL' if over else 'ok'} {key}: {got}"
                  + (f" over its ceiling {over}" if over else "")
                  + (f"; above the target in {sorted(gap)}" if gap else "; meets the target"))
    if check_models:
        for name, budget in budgets["models"].items():
            failures += check_model(bin_dir, name, budget, scratch)
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
