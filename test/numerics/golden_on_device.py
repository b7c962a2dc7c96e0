#!/usr/bin/env python3
"""Runs every golden op case (test/golden/ops) on a compiled device and checks
it against the same PyTorch / numpy expected values as the reference
interpreter, with code generation's tolerances: relative L2 error ≤ 1e-4 for
f32, ≤ 2e-2 for bf16/f16, exact for integers and booleans.

Nothing is skipped: a case the device cannot compile or run fails. The
cases without expected values are the reference device's error cases (an
out-of-range index, a division by zero, ...); devices define those
(out-of-range reads give 0, writes are dropped), so they must run cleanly.

usage: golden_on_device.py BIN_DIR GOLDEN_DIR DEVICE SCRATCH_DIR
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import tool_env  # noqa: E402


def main():
    bin_dir, golden, device, scratch = sys.argv[1:5]
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    passed, failed, error_cases = [], [], []
    for name in sorted(f[:-5] for f in os.listdir(golden) if f.endswith(".mlir")):
        text = open(os.path.join(golden, name + ".mlir")).read()
        expected = os.path.join(golden, name + ".out.safetensors")
        reference_error = not os.path.exists(expected)
        if reference_error and not re.search(r"RUN: not kilnc run .*--device reference", text):
            failed.append(name)
            print(f"FAIL {name}: no expected values and not a reference error case")
            continue
        out = os.path.join(scratch, name + ".safetensors")
        cmd = [os.path.join(bin_dir, "kilnc"), "run", os.path.join(golden, name + ".mlir"),
               "--device", device, "--inputs", os.path.join(golden, name + ".in.safetensors"),
               "--output", out]
        weights = os.path.join(golden, name + ".weights.safetensors")
        if os.path.exists(weights):
            cmd += ["--weights", weights]
        run = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            failed.append(name)
            print(f"FAIL {name}: kilnc run --device {device}:\n{run.stderr}")
            continue
        if reference_error:
            error_cases.append(name)
            continue
        l2 = "1e-4" if re.search(r"xf32>|xf32 ", text) and not re.search(r"bf16|f16", text) else "2e-2"
        cmp = subprocess.run([os.path.join(bin_dir, "kiln-compare"), out, expected,
                              "--rel-l2", l2, "--rtol", "0", "--atol", "0"],
                             capture_output=True, text=True)
        if cmp.returncode != 0:
            failed.append(name)
            print(f"FAIL {name}: {cmp.stderr.strip()}")
        else:
            passed.append(name)
    print(f"device {device}: {len(passed)} cases match their expected values, "
          f"{len(error_cases)} reference error cases run with device semantics")
    print(f"{len(passed) + len(error_cases)} passed, {len(failed)} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
