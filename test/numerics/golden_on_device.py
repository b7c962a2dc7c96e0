#!/usr/bin/env python3
"""Runs the golden op cases (test/golden/ops) on a compiled device and checks
them against the same PyTorch / numpy expected values as the reference
interpreter, with code generation's tolerances: relative L2 error ≤ 1e-4 for
f32, ≤ 2e-2 for bf16/f16, exact for integers and booleans.

Cases whose programs use an op outside the kernel families code generation
supports so far are listed as skipped (the count is printed), so the suite
grows by itself as families land.

usage: golden_on_device.py BIN_DIR GOLDEN_DIR DEVICE SCRATCH_DIR
"""
import os
import re
import subprocess
import sys

# Ops of the kernel families with a code generator: pointwise and row
# reduction (see passes/lib/FormFusions.cpp and codegen/lib/).
SUPPORTED = set("""
neg abs exp log log1p sqrt rsqrt reciprocal tanh sigmoid silu relu erf sin cos
floor gelu softplus clamp add sub mul div max min pow compare select cast
reshape transpose broadcast_to slice pad concat pixel_shuffle pixel_unshuffle
constant param
reduce_sum reduce_mean reduce_max reduce_min softmax log_softmax layer_norm
rms_norm group_norm argmax cumsum topk
matmul qmatmul conv2d conv1d conv_transpose2d selective_scan gather iota
random_normal fusion yield
attention decode_attention attention_mass attention_colsum rope resize
kv_cache_write kv_cache_compact quantize dequantize
""".split())


def ops_of(text):
    return set(re.findall(r"\bkiln\.([a-z_0-9]+)\b", text)) - {"name", "tied"}


def main():
    bin_dir, golden, device, scratch = sys.argv[1:5]
    os.makedirs(scratch, exist_ok=True)
    env = dict(os.environ, KILN_CACHE_DIR=os.path.join(scratch, "cache"))
    passed, failed, skipped = [], [], []
    for name in sorted(f[:-5] for f in os.listdir(golden) if f.endswith(".mlir")):
        text = open(os.path.join(golden, name + ".mlir")).read()
        expected = os.path.join(golden, name + ".out.safetensors")
        if not os.path.exists(expected) or not ops_of(text) <= SUPPORTED:
            skipped.append(name)
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
        l2 = "1e-4" if re.search(r"xf32>|xf32 ", text) and not re.search(r"bf16|f16", text) else "2e-2"
        cmp = subprocess.run([os.path.join(bin_dir, "kiln-compare"), out, expected,
                              "--rel-l2", l2, "--rtol", "0", "--atol", "0"],
                             capture_output=True, text=True)
        if cmp.returncode != 0:
            failed.append(name)
            print(f"FAIL {name}: {cmp.stderr.strip()}")
        else:
            passed.append(name)
    print(f"device {device}: {len(passed)} cases pass, {len(skipped)} skipped "
          f"(ops without a code generator yet, or error cases)")
    print(f"{len(passed)} passed, {len(failed)} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
