#!/usr/bin/env python3
"""Goldens for Kiln's Llama frontend from Hugging Face LlamaForCausalLM
(eager attention, float64 weights and math, stored as f32), tiny random-init
configs, one directory per case under test/golden/models/:

  llama_default_gqa4   rope default, 4 query heads per KV head, L ∈ {1, 7, 64, 300};
                       and forward_s2_L{32,64}: LongLoRA's S2-Attn (a transcription
                       of its flash variant, below) in place of causal attention
  llama_linear_mha     rope linear (factor 2), 1:1 heads, q/k/v/o and MLP biases,
                       tied embeddings; the legacy `rope_scaling` + `rope_theta` keys
  llama_dynamic        rope dynamic (NTK), factor 2, max_position_embeddings 16
  llama_yarn2          rope yarn, factor 2, original_max_position_embeddings 16
  llama_yarn8          rope yarn, factor 8, original_max_position_embeddings 16

Each holds config.json (the keys Kiln reads), model.safetensors (HF's names)
and forward_L{L}.in/out.safetensors (input_ids; logits). Prefill and decode
need no goldens of their own: test/models/llama_check.py checks that prefill
+ decode steps reproduce these full-sequence logits (except for dynamic NTK,
whose theta depends on each call's longest position, in HF as in Kiln).

usage: python3 test/golden/models/gen_llama.py   (needs torch, transformers,
safetensors; pip install torch transformers safetensors)
"""
import json
import os

import torch
from safetensors.torch import save_file
from transformers import AttentionInterface, LlamaConfig, LlamaForCausalLM

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = dict(vocab_size=64, hidden_size=32, intermediate_size=48, num_hidden_layers=2,
            num_attention_heads=4, head_dim=8, rms_norm_eps=1e-6, max_position_embeddings=512,
            hidden_act="silu", attention_bias=False, mlp_bias=False, tie_word_embeddings=False)


def s2_attention(module, query, key, value, attention_mask, scaling, dropout=0.0, **kwargs):
    """LongLoRA's shifted sparse attention, flash variant, transcribed: the
    sequence is cut into groups of G = L/4 tokens and each group attends
    causally within itself; the second half of the heads is cut at G/2,
    3G/2, …, so its groups straddle the first half's — and, as the varlen
    flash kernel's cu_seqlens make them, the first [0, G/2) and last
    [L − G/2, L) pieces stay separate (no wrap-around)."""
    batch, heads, length, _ = query.shape
    group = length // 4
    groups = heads // key.shape[1]
    key = key.repeat_interleave(groups, dim=1)
    value = value.repeat_interleave(groups, dim=1)
    out = torch.zeros_like(query[..., :value.shape[-1]])
    for h in range(heads):
        first = group // 2 if h >= heads // 2 else group
        bounds = [0] + list(range(first, length, group)) + [length]
        for start, end in zip(bounds[:-1], bounds[1:]):
            q, k, v = (t[:, h, start:end] for t in (query, key, value))
            scores = q @ k.transpose(-1, -2) * scaling
            causal = torch.ones(end - start, end - start, dtype=torch.bool).tril()
            scores = scores.masked_fill(~causal, float("-inf"))
            out[:, h, start:end] = torch.softmax(scores, dim=-1) @ v
    return out.transpose(1, 2).contiguous(), None


AttentionInterface.register("longlora_s2", s2_attention)


def make(name, lengths, rope, legacy_keys=False, s2_lengths=(), **overrides):
    torch.manual_seed(0)
    kwargs = dict(BASE, **overrides)
    config = LlamaConfig(**kwargs, rope_parameters=dict(rope))
    config._attn_implementation = "eager"
    model = LlamaForCausalLM(config).to(torch.float64).eval()
    with torch.no_grad():  # RMSNorm weights start at 1: perturb everything
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    out = os.path.join(HERE, name)
    os.makedirs(out, exist_ok=True)
    saved = dict(kwargs)
    rope = dict(rope)
    if legacy_keys:  # transformers 4's spelling: rope_theta beside rope_scaling
        saved["rope_theta"] = rope.pop("rope_theta")
        saved["rope_scaling"] = rope
    else:
        saved["rope_parameters"] = rope
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(saved, f, indent=1)
    weights = {k: v.float().contiguous() for k, v in model.state_dict().items()
               if k != "lm_head.weight" or not config.tie_word_embeddings}
    save_file(weights, os.path.join(out, "model.safetensors"))
    g = torch.Generator().manual_seed(1)
    for L in lengths:
        ids = torch.randint(0, config.vocab_size, (2, L), generator=g)
        with torch.no_grad():
            logits = model(input_ids=ids).logits
        save_file({"input_ids": ids.contiguous()}, os.path.join(out, f"forward_L{L}.in.safetensors"))
        save_file({"logits": logits.float().contiguous()},
                  os.path.join(out, f"forward_L{L}.out.safetensors"))
        print(f"{name} L={L}: logits {tuple(logits.shape)}")
    for L in s2_lengths:  # LongLoRA's training-time attention pattern
        ids = torch.randint(0, config.vocab_size, (2, L), generator=g)
        model.set_attn_implementation("longlora_s2")
        with torch.no_grad():
            logits = model(input_ids=ids).logits
        model.set_attn_implementation("eager")
        save_file({"input_ids": ids.contiguous()}, os.path.join(out, f"forward_s2_L{L}.in.safetensors"))
        save_file({"logits": logits.float().contiguous()},
                  os.path.join(out, f"forward_s2_L{L}.out.safetensors"))
        print(f"{name} S2-Attn L={L}: logits {tuple(logits.shape)}")


def main():
    make("llama_default_gqa4", (1, 7, 64, 300),
         {"rope_type": "default", "rope_theta": 10000.0}, s2_lengths=(32, 64),
         num_key_value_heads=1)
    make("llama_linear_mha", (7, 64), {"rope_type": "linear", "factor": 2.0, "rope_theta": 500.0},
         legacy_keys=True, num_key_value_heads=4, attention_bias=True, mlp_bias=True,
         tie_word_embeddings=True)
    # Dynamic NTK past a 16-token context: L = 7 keeps theta, L = 64 grows it.
    make("llama_dynamic", (7, 64), {"rope_type": "dynamic", "factor": 2.0, "rope_theta": 10000.0},
         num_key_value_heads=2, max_position_embeddings=16)
    for factor in (2, 8):
        make(f"llama_yarn{factor}", (7, 64),
             {"rope_type": "yarn", "factor": float(factor), "original_max_position_embeddings": 16,
              "rope_theta": 10000.0}, num_key_value_heads=2)


if __name__ == "__main__":
    main()
