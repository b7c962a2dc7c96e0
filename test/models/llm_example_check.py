#!/usr/bin/env python3
"""examples/llm against the golden-tested forward entry: greedy generation
(prefill, then decode steps through the runtime-only example) must pick, at
every step, the argmax of the full forward over the prompt and the tokens
generated so far (teacher forcing). The forward runs on the reference
interpreter.

usage: llm_example_check.py BIN_DIR CONFIG WEIGHTS ARTIFACT SCRATCH PROMPT [EXTRA FLAGS...]
"""
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read as read_st, write as write_st  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import tool_env  # noqa: E402


def main():
    bin_dir, config, weights, artifact, scratch, prompt, *extra = sys.argv[1:]
    os.makedirs(scratch, exist_ok=True)
    env = tool_env(scratch)
    r = subprocess.run([os.path.join(bin_dir, "kiln-llm-generate"), artifact, "--prompt", prompt,
                        "--tokens", "6", *extra], capture_output=True, text=True, env=env)
    if r.returncode:
        raise SystemExit(f"FAIL kiln-llm-generate:\n{r.stderr}")
    print(r.stdout, end="")
    lines = dict(line.split(":", 1) for line in r.stdout.splitlines() if ":" in line)
    full_prompt = [int(t) for t in lines["prompt"].split()]
    generated = [int(t) for t in lines["generated"].split()]
    sequence = full_prompt + generated[:-1]
    n = len(sequence)
    write_st(os.path.join(scratch, "seq.st"),
             {"input_ids": ("I64", [1, n], struct.pack(f"<{n}q", *sequence))})
    flags = [f for f in extra if f.startswith("--pause-token-id")]
    r = subprocess.run([os.path.join(bin_dir, "kilnc"), "run", "--model", "llama", "--config", config,
                        "--weights", weights, "--entry", "forward", "--device", "reference",
                        "--inputs", os.path.join(scratch, "seq.st"),
                        "--output", os.path.join(scratch, "logits.st"), *flags],
                       capture_output=True, text=True, env=env)
    if r.returncode:
        raise SystemExit(f"FAIL kilnc forward:\n{r.stderr}")
    _, shape, raw = read_st(os.path.join(scratch, "logits.st"))["logits"]
    vocab = shape[-1]
    logits = struct.unpack(f"<{len(raw) // 4}f", raw)
    want = []
    for t in range(len(full_prompt) - 1, n):
        row = logits[t * vocab:(t + 1) * vocab]
        want.append(max(range(vocab), key=lambda v: (row[v], -v)))
    ok = want == generated
    print(f"{'ok' if ok else 'FAIL'} greedy generation equals the forward's argmax"
          + ("" if ok else f": generated {generated}, forward argmax {want}"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
