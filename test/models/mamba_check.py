#!/usr/bin/env python3
"""Kiln's Mamba frontend against Hugging Face goldens
(test/golden/models/mamba, made by test/golden/models/gen_mamba.py):

1. prefill of every L the golden directory holds (prefill_L{L}.*): logits,
   conv and ssm states
   match MambaForCausalLM (f32, relative L2 ≤ 1e-4) on DEVICE;
2. prefill of the first P tokens then one decode step per further token
   (the states fed back) gives the logits of the full 64-token forward at
   every position (relative L2 ≤ 1e-4).

Pure Python (no numpy): safetensors files go through python/kiln_safetensors.py.

usage: mamba_check.py BIN_DIR GOLDEN_DIR DEVICE SCRATCH_DIR
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read as read_st, write as write_st  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import floats, rel_l2, tool_env  # noqa: E402



def main():
    bin_dir, golden, device, scratch = sys.argv[1:5]
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    config = os.path.join(golden, "config.json")
    weights = os.path.join(golden, "model.safetensors")
    layers = json.load(open(config))["num_hidden_layers"]
    failures = 0

    def kilnc(entry, seq_len, inputs, output):
        r = subprocess.run([os.path.join(bin_dir, "kilnc"), "run", "--model", "mamba",
                            "--config", config, "--weights", weights, "--batch", "2",
                            "--seq-len", str(seq_len), "--entry", entry, "--device", device,
                            "--inputs", inputs, "--output", output],
                           capture_output=True, text=True, env=env)
        if r.returncode:
            raise SystemExit(f"FAIL kilnc {entry} L={seq_len}:\n{r.stderr}")

    # 1. Prefill goldens.
    lengths = sorted(int(f[len("prefill_L"):-len(".in.safetensors")]) for f in os.listdir(golden)
                     if f.startswith("prefill_L") and f.endswith(".in.safetensors"))
    for L in lengths:
        out = os.path.join(scratch, f"prefill_L{L}.st")
        kilnc("prefill", L, os.path.join(golden, f"prefill_L{L}.in.safetensors"), out)
        r = subprocess.run([os.path.join(bin_dir, "kiln-compare"), out,
                            os.path.join(golden, f"prefill_L{L}.out.safetensors"),
                            "--rel-l2", "1e-4", "--rtol", "0", "--atol", "0"],
                           capture_output=True, text=True)
        ok = r.returncode == 0
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'} prefill L={L} on {device} matches Hugging Face"
              + ("" if ok else f":\n{r.stdout}{r.stderr}"))

    # 2. Prefill P tokens, then decode the rest one at a time.
    ids = read_st(os.path.join(golden, "prefill_L64.in.safetensors"))["input_ids"]
    full = read_st(os.path.join(golden, "prefill_L64.out.safetensors"))["logits"]
    batch, length = ids[1]
    vocab = full[1][2]
    row = lambda raw, b, t: raw[(b * length + t) * 8:(b * length + t + 1) * 8]
    full_logits = floats(full)
    P, steps = 5, 6
    prompt = b"".join(row(ids[2], b, t) for b in range(batch) for t in range(P))
    write_st(os.path.join(scratch, "prompt.st"), {"input_ids": ("I64", [batch, P], prompt)})
    kilnc("prefill", P, os.path.join(scratch, "prompt.st"), os.path.join(scratch, "state.st"))
    state = read_st(os.path.join(scratch, "state.st"))
    worst = 0.0
    for t in range(P, P + steps):
        step = {"input_ids": ("I64", [batch, 1], b"".join(row(ids[2], b, t) for b in range(batch)))}
        for i in range(layers):
            for kind in ("conv_state", "ssm_state"):
                step[f"{kind}.{i}"] = state[f"{kind}.{i}"]
        write_st(os.path.join(scratch, "step.st"), step)
        kilnc("decode", P, os.path.join(scratch, "step.st"), os.path.join(scratch, "state.st"))
        state = read_st(os.path.join(scratch, "state.st"))
        got = floats(state["logits"])
        want = [full_logits[(b * length + t) * vocab + v] for b in range(batch) for v in range(vocab)]
        worst = max(worst, rel_l2(got, want))
    ok = worst <= 1e-4
    failures += not ok
    print(f"{'ok' if ok else 'FAIL'} prefill {P} + {steps} decode steps on {device} equal "
          f"the full forward (worst relative L2 {worst:.2e})")
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
