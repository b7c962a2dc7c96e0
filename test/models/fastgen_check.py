#!/usr/bin/env python3
"""FastGen on Kiln's Llama: with threshold T = 1 every head keeps every row,
so prefill_fastgen followed by a decode step gives exactly (bit for bit) the
logits and caches of prefill followed by the same step; and for each golden
threshold, the KV rows kept against the full cache are printed.

usage: fastgen_check.py BIN_DIR GOLDEN_DIR DEVICE SCRATCH_DIR
"""
import json
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read as read_st, write as write_st  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import tool_env  # noqa: E402


def main():
    bin_dir, golden, device, scratch = sys.argv[1:5]
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    config_path = os.path.join(golden, "config.json")
    layers = json.load(open(config_path))["num_hidden_layers"]
    weights = os.path.join(golden, "model.safetensors")
    path = lambda name: os.path.join(scratch, name)

    def kilnc(entry, inputs, output):
        r = subprocess.run([os.path.join(bin_dir, "kilnc"), "run", "--model", "llama",
                            "--config", config_path, "--weights", weights, "--entry", entry,
                            "--device", device, "--inputs", inputs, "--output", output],
                           capture_output=True, text=True, env=env)
        if r.returncode:
            raise SystemExit(f"FAIL kilnc {entry}:\n{r.stderr}")
        return read_st(output)

    failures = 0
    names = sorted(f for f in os.listdir(golden) if f.startswith("fastgen_T") and f.endswith(".out.safetensors"))
    for name in names:
        lens = read_st(os.path.join(golden, name))["cache_lens"]
        kept = sum(struct.unpack(f"<{len(lens[2]) // 4}i", lens[2]))
        prompt = read_st(os.path.join(golden, name.replace(".out.", ".in.")))["input_ids"][1][1]
        full = len(lens[2]) // 4 * prompt
        print(f"{name[len('fastgen_'):-len('.out.safetensors')]}: KV rows kept {kept}/{full} "
              f"({100 * kept / full:.0f} % of the full cache's bytes)")

    # T = 1: prefill_fastgen keeps everything; its decode equals plain decode.
    base = read_st(os.path.join(golden, names[0].replace(".out.", ".in.")))
    base["threshold"] = ("F32", [], struct.pack("<f", 1.0))
    write_st(path("t1.st"), base)
    compressed = kilnc("prefill_fastgen", path("t1.st"), path("t1.out.st"))
    plain_in = {k: v for k, v in base.items() if k not in ("token_class", "threshold")}
    write_st(path("plain.st"), plain_in)
    plain = kilnc("prefill", path("plain.st"), path("plain.out.st"))
    batch, length = base["input_ids"][1]
    kv_heads = base["k_cache.0"][1][1]
    next_ids = struct.pack(f"<{batch}q", *[7] * batch)
    outputs = []
    for state, lens in ((compressed, compressed["cache_lens"]),
                        (plain, ("I32", [layers, batch, kv_heads],
                                 struct.pack(f"<{layers * batch * kv_heads}i",
                                             *[length] * (layers * batch * kv_heads))))):
        step = {"input_ids": ("I64", [batch, 1], next_ids),
                "positions": ("I64", [batch, 1], struct.pack(f"<{batch}q", *[length] * batch)),
                "cache_lens": lens}
        for i in range(layers):
            step[f"k_cache.{i}"] = state[f"k_cache.{i}"]
            step[f"v_cache.{i}"] = state[f"v_cache.{i}"]
        write_st(path("step.st"), step)
        outputs.append(kilnc("decode", path("step.st"), path("step.out.st")))
    same = all(outputs[0][k][2] == outputs[1][k][2] for k in outputs[1])
    # Every row kept: the compacted lengths are the prompt's.
    lens = compressed["cache_lens"][2]
    same = same and set(struct.unpack(f"<{len(lens) // 4}i", lens)) == {length}
    failures += not same
    print(f"{'ok' if same else 'FAIL'} T=1 on {device}: prefill_fastgen + decode equals "
          f"prefill + decode bit for bit")
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
