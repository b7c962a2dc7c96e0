#!/usr/bin/env python3
"""Goldens for Kiln's DINOv2-with-registers frontend from Hugging Face
Dinov2WithRegistersModel (eager attention, float64 math, stored as f32),
tiny random-init configs (hidden 32, 2 layers, 4 heads, 28-pixel images of
7-pixel patches, so a 4 x 4 grid), one directory each:

  dinov2_registers   2 registers, GELU MLP;
  dinov2_swiglu      4 registers, SwiGLU MLP, no q/k/v bias, quick_gelu unused;
  dinov2_plain       0 registers (plain DINOv2 arithmetic).

Each holds config.json, model.safetensors (the names HF saves) and, per
image size, forward_{H}x{W}.in/out.safetensors: pixel_values;
last_hidden_state, pooler_output and cls_attention (the last layer's CLS
row of attention weights over the patches, [B, heads, H/7, W/7]). 28 x 28 is
the config's grid; 35 x 42 (5 x 6) resizes the position embeddings
(bicubic, antialiased).

usage: python3 test/golden/models/gen_dinov2.py   (needs torch,
transformers, safetensors)
"""
import json
import os

import torch
from safetensors.torch import save_file
from transformers import Dinov2WithRegistersConfig, Dinov2WithRegistersModel

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, mlp_ratio=4,
            image_size=28, patch_size=7, num_channels=3, layer_norm_eps=1e-6,
            hidden_act="gelu", qkv_bias=True, use_swiglu_ffn=False, num_register_tokens=2)


def make(name, sizes, **overrides):
    torch.manual_seed(0)
    kwargs = dict(BASE, **overrides)
    config = Dinov2WithRegistersConfig(**kwargs)
    config._attn_implementation = "eager"
    model = Dinov2WithRegistersModel(config).to(torch.float64).eval()
    with torch.no_grad():  # LayerScale and LayerNorm start at 1, tokens at 0
        for p in model.parameters():
            p.add_(0.1 * torch.randn_like(p))
    out = os.path.join(HERE, name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(kwargs, f, indent=1)
    model.float().save_pretrained(out)  # HF's on-disk names
    os.remove(os.path.join(out, "config.json"))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(kwargs, f, indent=1)
    model.to(torch.float64)
    g = torch.Generator().manual_seed(1)
    registers = config.num_register_tokens
    for h, w in sizes:
        pixels = torch.randn(2, 3, h, w, generator=g, dtype=torch.float64)
        with torch.no_grad():
            o = model(pixel_values=pixels, output_attentions=True)
        cls = o.attentions[-1][:, :, 0, 1 + registers:].reshape(2, config.num_attention_heads, h // 7, w // 7)
        save_file({"pixel_values": pixels.float().contiguous()},
                  os.path.join(out, f"forward_{h}x{w}.in.safetensors"))
        save_file({"last_hidden_state": o.last_hidden_state.float().contiguous(),
                   "pooler_output": o.pooler_output.float().contiguous(),
                   "cls_attention": cls.float().contiguous()},
                  os.path.join(out, f"forward_{h}x{w}.out.safetensors"))
        print(f"{name} {h}x{w}: last_hidden_state {tuple(o.last_hidden_state.shape)}")


def main():
    make("dinov2_registers", [(28, 28), (35, 42)])
    make("dinov2_swiglu", [(28, 28), (35, 42)], use_swiglu_ffn=True, qkv_bias=False,
         num_register_tokens=4)
    make("dinov2_plain", [(28, 28)], num_register_tokens=0)


if __name__ == "__main__":
    main()
