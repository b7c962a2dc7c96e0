#!/usr/bin/env python3
"""Kiln's Llama frontend against Hugging Face goldens (test/golden/models/llama_*,
made by test/golden/models/gen_llama.py):

1. forward for every L the golden directory holds: logits match
   LlamaForCausalLM (relative L2 ≤ 1e-4) on DEVICE;
2. except for dynamic NTK RoPE: prefill of the first P tokens into a cache
   of S rows, then decode steps
   of one token, then one step of three tokens (the cache fed back, per-head
   lengths as the caller keeps them), give the full forward's logits at
   every position (relative L2 ≤ 1e-4).

Pure Python (no numpy): safetensors go through python/kiln_safetensors.py.

With extra kilnc flags after SCRATCH_DIR (--precision bf16), the caches
are declared in that type and the tolerance is 2e-2.

usage: llama_check.py BIN_DIR GOLDEN_DIR DEVICE SCRATCH_DIR [KILNC FLAGS...]
"""
import json
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read as read_st, write as write_st  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import floats, rel_l2, tool_env  # noqa: E402



def i64(values, shape):
    return ("I64", shape, struct.pack(f"<{len(values)}q", *values))


def main():
    bin_dir, golden, device, scratch = sys.argv[1:5]
    extra = sys.argv[5:]
    sixteen = "bf16" in extra or "f16" in extra
    cache_dtype = "BF16" if "bf16" in extra else "F16" if "f16" in extra else "F32"
    tol = 2e-2 if sixteen else 1e-4
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    config_path = os.path.join(golden, "config.json")
    config = json.load(open(config_path))
    weights = os.path.join(golden, "model.safetensors")
    layers = config["num_hidden_layers"]
    kv_heads = config.get("num_key_value_heads") or config["num_attention_heads"]
    head_dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    failures = 0

    def kilnc(entry, inputs, output, *flags):
        r = subprocess.run([os.path.join(bin_dir, "kilnc"), "run", "--model", "llama",
                            "--config", config_path, "--weights", weights, "--entry", entry,
                            "--device", device, "--inputs", inputs, "--output", output, *flags,
                            *extra],
                           capture_output=True, text=True, env=env)
        if r.returncode:
            raise SystemExit(f"FAIL kilnc {entry}:\n{r.stderr}")

    # 1. Forward goldens.
    lengths = sorted(int(f[len("forward_L"):-len(".in.safetensors")]) for f in os.listdir(golden)
                     if f.startswith("forward_L") and f.endswith(".in.safetensors"))
    for L in lengths:
        out = os.path.join(scratch, f"forward_L{L}.st")
        kilnc("forward", os.path.join(golden, f"forward_L{L}.in.safetensors"), out)
        r = subprocess.run([os.path.join(bin_dir, "kiln-compare"), out,
                            os.path.join(golden, f"forward_L{L}.out.safetensors"),
                            "--rel-l2", str(tol), "--rtol", "0", "--atol", "0"],
                           capture_output=True, text=True)
        ok = r.returncode == 0
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'} forward L={L} on {device} matches Hugging Face"
              + ("" if ok else f":\n{r.stdout}{r.stderr}"))

    # 2. Prefill P tokens, decode one at a time, then three at once. Dynamic
    # NTK picks theta per call from its longest position, so a cache made by
    # short calls is not what one long forward makes (in HF as in Kiln).
    rope = config.get("rope_parameters") or config.get("rope_scaling") or {}
    if rope.get("rope_type", rope.get("type")) == "dynamic":
        print(f"{failures} failed")
        return 1 if failures else 0
    L = 64 if 64 in lengths else max(lengths)
    ids_t = read_st(os.path.join(golden, f"forward_L{L}.in.safetensors"))["input_ids"]
    full = floats(read_st(os.path.join(golden, f"forward_L{L}.out.safetensors"))["logits"])
    batch, length = ids_t[1]
    ids = struct.unpack(f"<{batch * length}q", ids_t[2])
    vocab = config["vocab_size"]
    S, P = 24, 5
    steps = [1, 1, 1, 3]
    token = lambda b, t: ids[b * length + t]

    def tokens(start, count):
        return ([token(b, t) for b in range(batch) for t in range(start, start + count)],
                [t for b in range(batch) for t in range(start, start + count)])

    tok, pos = tokens(0, P)
    width = 4 if cache_dtype == "F32" else 2
    zeros = (cache_dtype, [batch, kv_heads, S, head_dim], bytes(width * batch * kv_heads * S * head_dim))
    inputs = {"input_ids": i64(tok, [batch, P]), "positions": i64(pos, [batch, P])}
    for i in range(layers):
        inputs[f"k_cache.{i}"] = zeros
        inputs[f"v_cache.{i}"] = zeros
    write_st(os.path.join(scratch, "prefill.st"), inputs)
    kilnc("prefill", os.path.join(scratch, "prefill.st"), os.path.join(scratch, "state.st"),
          "--seq-len", str(P))
    state = read_st(os.path.join(scratch, "state.st"))
    want = [full[(b * length + P - 1) * vocab + v] for b in range(batch) for v in range(vocab)]
    worst = rel_l2(floats(state["logits"]), want)
    filled = P
    for T in steps:
        tok, pos = tokens(filled, T)
        step = {"input_ids": i64(tok, [batch, T]), "positions": i64(pos, [batch, T]),
                "cache_lens": ("I32", [layers, batch, kv_heads],
                               struct.pack(f"<{layers * batch * kv_heads}i",
                                           *[filled] * (layers * batch * kv_heads)))}
        for i in range(layers):
            step[f"k_cache.{i}"] = state[f"k_cache.{i}"]
            step[f"v_cache.{i}"] = state[f"v_cache.{i}"]
        write_st(os.path.join(scratch, "step.st"), step)
        kilnc("decode", os.path.join(scratch, "step.st"), os.path.join(scratch, "state.st"),
              "--seq-len", str(P))
        state = read_st(os.path.join(scratch, "state.st"))
        want = [full[(b * length + t) * vocab + v] for b in range(batch)
                for t in range(filled, filled + T) for v in range(vocab)]
        worst = max(worst, rel_l2(floats(state["logits"]), want))
        filled += T
    ok = worst <= tol
    failures += not ok
    print(f"{'ok' if ok else 'FAIL'} prefill {P} + decode steps {steps} on {device} equal "
          f"the full forward (worst relative L2 {worst:.2e})")
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
