#!/usr/bin/env python3
"""bench/gpu/transformer_peers.py against the Hugging Face goldens: the Llama
peer's full forward, a decode step and a three-token step on its static
cache; DINOv2 at an interpolated size; CLIP at two lengths, both poolings.
Relative L2 ≤ 1e-5 each (the goldens are float64 HF; the peers run in f32).

usage: transformer_peers_check.py KILN_SRC
"""
import json
import os
import sys

import torch

src = sys.argv[1]
sys.path.insert(0, os.path.join(src, "bench", "gpu"))
sys.path.insert(0, os.path.join(src, "python"))
import transformer_peers as P  # noqa: E402
from kiln_safetensors import read_torch  # noqa: E402

G = os.path.join(src, "test", "golden", "models")
failures = 0


def load(name, file):
    return read_torch(os.path.join(G, name, file), "cpu")


def report(what, got, want):
    global failures
    err = (torch.linalg.norm(got.float() - want.float()) / torch.linalg.norm(want.float())).item()
    ok = err <= 1e-5
    failures += not ok
    print(f"{'ok' if ok else 'FAIL'} {what} (relative L2 {err:.1e})")


for name in ("llama_default_gqa4", "llama_linear_mha", "llama_yarn2", "llama_yarn8"):
    c = json.load(open(os.path.join(G, name, "config.json")))
    W = load(name, "model.safetensors")
    ids = load(name, "forward_L64.in.safetensors")["input_ids"]
    want = load(name, "forward_L64.out.safetensors")["logits"]
    b, L = ids.shape
    hk, d = c["num_key_value_heads"], c["head_dim"]
    cache = lambda: [(torch.zeros(b, hk, 80, d), torch.zeros(b, hk, 80, d))
                     for _ in range(c["num_hidden_layers"])]
    pos = torch.arange(L).repeat(b, 1)
    report(f"{name} forward", P.llama_step(W, c, ids, pos, cache(), 0), want)
    kv = cache()
    P.llama_step(W, c, ids[:, :5], pos[:, :5], kv, 0)
    report(f"{name} decode step", P.llama_step(W, c, ids[:, 5:6], pos[:, 5:6], kv, 5), want[:, 5:6])
    report(f"{name} three-token step", P.llama_step(W, c, ids[:, 6:9], pos[:, 6:9], kv, 6), want[:, 6:9])
for name, size in (("dinov2_registers", "35x42"), ("dinov2_swiglu", "35x42"), ("dinov2_plain", "28x28")):
    c = json.load(open(os.path.join(G, name, "config.json")))
    out = load(name, f"forward_{size}.out.safetensors")
    h, pooled = P.dinov2_forward(load(name, "model.safetensors"), c,
                                 load(name, f"forward_{size}.in.safetensors")["pixel_values"])
    report(f"{name} {size} last_hidden_state", h, out["last_hidden_state"])
    report(f"{name} {size} pooler_output", pooled, out["pooler_output"])
for name in ("clip_text", "clip_text_legacy"):
    c = json.load(open(os.path.join(G, name, "config.json")))
    for L in (5, 16):
        ins = load(name, f"forward_L{L}.in.safetensors")
        report(f"{name} L={L} text_embeds",
               P.clip_text_forward(load(name, "model.safetensors"), c, ins["input_ids"], ins["attention_mask"]),
               load(name, f"forward_L{L}.out.safetensors")["text_embeds"])
print(f"{failures} failed")
sys.exit(1 if failures else 0)
