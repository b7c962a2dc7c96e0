#!/usr/bin/env python3
"""Goldens for Kiln's AutoencoderKL frontend from diffusers' AutoencoderKL
(f32, CPU), tiny random-init config: two blocks (32, 64 channels), one
resnet per block, GroupNorm(8), 4 latent channels, mid-block attention;
16 x 16 images → 8 x 8 latents.

Writes into test/golden/models/autoencoder_kl/: config.json,
model.safetensors, encode.in/out.safetensors (x, eps → mean, logvar,
latents = mean + std·eps) and decode.in/out.safetensors (z → sample).

usage: python3 test/golden/models/gen_autoencoder_kl.py
(needs torch, diffusers, safetensors)
"""
import json
import os

import torch
from diffusers import AutoencoderKL
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "autoencoder_kl")


def main():
    torch.manual_seed(0)
    config = dict(in_channels=3, out_channels=3, latent_channels=4,
                  down_block_types=["DownEncoderBlock2D"] * 2,
                  up_block_types=["UpDecoderBlock2D"] * 2,
                  block_out_channels=[32, 64], layers_per_block=1, norm_num_groups=8,
                  act_fn="silu", sample_size=16)
    model = AutoencoderKL(**config).eval()
    # GroupNorm affines start at (1, 0): perturb every weight.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump({**config, "scaling_factor": model.config.scaling_factor,
                   "use_quant_conv": model.config.use_quant_conv,
                   "use_post_quant_conv": model.config.use_post_quant_conv,
                   "mid_block_add_attention": model.config.mid_block_add_attention},
                  f, indent=1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(OUT, "model.safetensors"))
    x = torch.rand(2, 3, 16, 16) * 2 - 1
    eps = torch.randn(2, 4, 8, 8)
    z = torch.randn(2, 4, 8, 8)
    with torch.no_grad():
        posterior = model.encode(x).latent_dist
        latents = posterior.mean + posterior.std * eps
        sample = model.decode(z).sample
    save_file({"x": x, "eps": eps}, os.path.join(OUT, "encode.in.safetensors"))
    save_file({"mean": posterior.mean.contiguous(), "logvar": posterior.logvar.contiguous(),
               "latents": latents.contiguous()}, os.path.join(OUT, "encode.out.safetensors"))
    save_file({"z": z}, os.path.join(OUT, "decode.in.safetensors"))
    save_file({"sample": sample.contiguous()}, os.path.join(OUT, "decode.out.safetensors"))
    print("latents", tuple(latents.shape), "sample", tuple(sample.shape))


if __name__ == "__main__":
    main()
