#!/usr/bin/env python3
"""Goldens for Kiln's PaellaVQModel frontend (Stable Cascade's stage A) from
diffusers' PaellaVQModel (f32, CPU), tiny random-init configs:

- three_levels: levels 3, two bottleneck blocks, up_down_scale_factor 2;
- one_level: a single level (no stride-2 convolutions), scale factor 4,
  one bottleneck block, other in/out channel counts.

Every parameter and the BatchNorm's running statistics are perturbed. Each
case writes test/golden/models/paella_vq/CASE/: config.json,
model.safetensors, decode.in/out.safetensors (latents → image =
clamp(decode(scale_factor·latents), 0, 1), as StableCascadeDecoderPipeline
calls it) and encode.in/out.safetensors (image → encode(image).latents /
scale_factor).

usage: python3 test/golden/models/gen_paella_vq.py
(needs torch, diffusers, safetensors)
"""
import json
import os

import torch
from diffusers.pipelines.deprecated.wuerstchen import PaellaVQModel
from safetensors.torch import save_file

from gen_stable_cascade import perturb

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paella_vq")

CASES = {
    "three_levels": dict(config=dict(in_channels=3, out_channels=3, up_down_scale_factor=2,
                                     levels=3, bottleneck_blocks=2, embed_dim=32,
                                     latent_channels=4, num_vq_embeddings=64,
                                     scale_factor=0.3764),
                         image=(2, 3, 24, 32)),
    "one_level": dict(config=dict(in_channels=4, out_channels=2, up_down_scale_factor=4,
                                  levels=1, bottleneck_blocks=1, embed_dim=16,
                                  latent_channels=3, num_vq_embeddings=16, scale_factor=0.43),
                      image=(1, 4, 8, 12)),
}


def make(name, case, generator):
    torch.manual_seed(len(name))  # the class's own initialization draws from it
    config = case["config"]
    model = perturb(PaellaVQModel(**config), generator)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.copy_(0.2 * torch.randn(m.running_mean.shape, generator=generator))
                m.running_var.copy_(0.5 + torch.rand(m.running_var.shape, generator=generator))
    out = os.path.join(OUT, name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"_class_name": "PaellaVQModel", **config}, f, indent=1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(out, "model.safetensors"))
    s = config["scale_factor"]
    image = torch.rand(case["image"], generator=generator)
    b, _, h, w = case["image"]
    f = config["up_down_scale_factor"] * 2 ** (config["levels"] - 1)
    # Latents of a decoder's typical range, so the clamp cuts some pixels.
    latents = torch.randn(b, config["latent_channels"], h // f, w // f, generator=generator) * 0.5
    with torch.no_grad():
        encoded = model.encode(image).latents / s
        decoded = model.decode(s * latents).sample.clamp(0, 1)
    save_file({"image": image}, os.path.join(out, "encode.in.safetensors"))
    save_file({"latents": encoded.contiguous()}, os.path.join(out, "encode.out.safetensors"))
    save_file({"latents": latents}, os.path.join(out, "decode.in.safetensors"))
    save_file({"image": decoded.contiguous()}, os.path.join(out, "decode.out.safetensors"))
    clamped = ((decoded == 0) | (decoded == 1)).float().mean().item()
    print(name, tuple(encoded.shape), tuple(decoded.shape), f"{clamped:.0%} clamped")


def main():
    generator = torch.Generator().manual_seed(0)
    for name, case in CASES.items():
        make(name, case, generator)


if __name__ == "__main__":
    main()
