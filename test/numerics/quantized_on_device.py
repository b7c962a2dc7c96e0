#!/usr/bin/env python3
"""Quantized programs on a compiled device against the reference interpreter
running the same quantization: each program in DIR runs on fresh random
inputs and weights, for int8 and int4 (packed), several block sizes and both
schemes. The reference runs the program after `kiln-opt
--kiln-quantize-weights` (quantize + qmatmul evaluated in double, i.e. the
dequantized weights); the device runs `kilnc run --quantize ...` (codes and
scales computed at compile time, dequantized inside the GEMM kernels).
Results must agree within the program's `// TOLERANCE:`. Inputs are seeded
from KILN_TEST_SEED (fresh when unset, printed on failure). The error of each
quantized run against the unquantized program is printed too
(docs/quantization.md records it).

usage: quantized_on_device.py BIN_DIR DIR DEVICE SCRATCH_DIR
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import base_seed, reproduce, seed_for, tool_env  # noqa: E402

CONFIGS = [("int8", 64, "absmax"), ("int8", 32, "deepspeed"),
           ("int4", 32, "deepspeed"), ("int4", 64, "absmax"), ("int4", 128, "absmax")]


def run(cmd, env):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def rel_l2(compare_output):
    return max(float(x) for x in re.findall(r"relative L2 error ([0-9.e+-]+)", compare_output))


def main():
    bin_dir, folder, device, scratch = sys.argv[1:5]
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    base = base_seed()
    tool = lambda name: os.path.join(bin_dir, name)
    passed = failed = 0
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".mlir")):
        path = os.path.join(folder, name)
        text = open(path).read()
        tol = re.search(r"// TOLERANCE: (\S+)", text).group(1)
        seed = seed_for(base, name)
        stem = os.path.join(scratch, name[:-5])
        prep = [[tool("kiln-random-inputs"), path, "-o", stem + ".in.st", "--seed", str(seed),
                 "--weights-out", stem + ".w.st"],
                [tool("kilnc"), "run", path, "--device", "reference", "--inputs", stem + ".in.st",
                 "--weights", stem + ".w.st", "--output", stem + ".f.st"]]
        if any(run(c, env).returncode for c in prep):
            print(f"FAIL {name}: could not prepare inputs (seed {seed}; {reproduce(base)})")
            failed += 1
            continue
        for q, block, scheme in CONFIGS:
            bits = 8 if q == "int8" else 4
            tag = f"{name} {q} block {block} {scheme}"
            qmlir = f"{stem}.{q}.{block}.{scheme}.mlir"
            opt = run([tool("kiln-opt"), path, "-o", qmlir,
                       f"--kiln-quantize-weights=bits={bits} block-size={block} "
                       f"scheme={scheme} skip=head"], env)
            steps = [
                [tool("kilnc"), "run", qmlir, "--device", "reference", "--inputs",
                 stem + ".in.st", "--weights", stem + ".w.st", "--output", stem + ".ref.st"],
                [tool("kilnc"), "run", path, "--device", device, "--inputs", stem + ".in.st",
                 "--weights", stem + ".w.st", "--output", stem + ".dev.st", "--quantize", q,
                 "--block-size", str(block), "--quant-scheme", scheme, "--quantize-skip", "head"],
                [tool("kiln-compare"), stem + ".dev.st", stem + ".ref.st", "--rel-l2", tol,
                 "--rtol", "0", "--atol", "0"],
            ]
            bad = opt if opt.returncode else None
            for step in steps if not bad else []:
                r = run(step, env)
                if r.returncode:
                    bad = r
                    break
            if bad:
                failed += 1
                print(f"FAIL {tag} (seed {seed}; {reproduce(base)}):\n{bad.stdout}{bad.stderr}")
                continue
            vs_float = run([tool("kiln-compare"), stem + ".dev.st", stem + ".f.st",
                            "--rel-l2", "1", "--rtol", "0", "--atol", "0"], env)
            passed += 1
            print(f"ok {tag}: matches the dequantized reference within {tol} "
                  f"(relative L2 vs unquantized {rel_l2(vs_float.stdout):.2e}, seed {seed})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
