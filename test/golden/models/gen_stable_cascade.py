#!/usr/bin/env python3
"""Goldens for Kiln's StableCascadeUNet frontend (stages C and B) from
diffusers' StableCascadeUNet (f32, CPU), tiny random-init configs:

- prior_attn: stage C's shape — CLIP text, pooled text and image
  conditioning, self-attention, switch_level [False] (1x1 mapping convs),
  conditions sca and crp;
- prior_cross: cross-attention only (self_attn false), switch_level [True]
  (bilinear halving and doubling), patch_size 2, kernel_size 5, an odd
  timestep embedding width (zero-padded), one extra condition;
- decoder_repeat: stage B's shape — pooled text only, effnet and pixel
  mappers, three levels changed by strided (transposed) convolutions,
  attention only on the deeper levels, block_repeat 2 with repeat mappers;
- decoder_odd: stage B at a size whose levels do not halve evenly (the up
  path resizes to the skip), no self-attention, repeats on the way down.

and the DDPMWuerstchen scheduler (scheduler.safetensors): timesteps and ᾱ
tables for 20, 10 and 3 steps (and scaler 2 and 0.5), a 4-step chain of
steps with injected predictions and noise, and torch.lerp guidance.

Every parameter is perturbed (diffusers starts GRN's gamma/beta and other
weights at zero). Each case writes test/golden/models/stable_cascade/CASE/
config.json, model.safetensors, in.safetensors and out.safetensors.

usage: python3 test/golden/models/gen_stable_cascade.py
(needs torch, diffusers, safetensors)
"""
import contextlib
import json
import os

import torch
import diffusers.schedulers.scheduling_ddpm_wuerstchen as wuerstchen
from diffusers import DDPMWuerstchenScheduler, StableCascadeUNet
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stable_cascade")
RES, TS, ATTN = "SDCascadeResBlock", "SDCascadeTimestepBlock", "SDCascadeAttnBlock"

CASES = {
    "prior_attn": dict(
        config=dict(in_channels=4, out_channels=4, timestep_ratio_embedding_dim=64,
                    patch_size=1, conditioning_dim=24, block_out_channels=[16, 32],
                    num_attention_heads=[2, 4], down_num_layers_per_block=[1, 2],
                    up_num_layers_per_block=[2, 1], down_blocks_repeat_mappers=[1, 1],
                    up_blocks_repeat_mappers=[1, 1],
                    block_types_per_layer=[[RES, TS, ATTN], [RES, TS, ATTN]],
                    clip_text_in_channels=20, clip_text_pooled_in_channels=20,
                    clip_image_in_channels=12, clip_seq=4, effnet_in_channels=None,
                    pixel_mapper_in_channels=None, kernel_size=3, dropout=[0.1, 0.1],
                    self_attn=True, timestep_conditioning_type=["sca", "crp"],
                    switch_level=[False]),
        sample=(2, 4, 6, 6), text_tokens=5),
    "prior_cross": dict(
        config=dict(in_channels=3, out_channels=5, timestep_ratio_embedding_dim=15,
                    patch_size=2, conditioning_dim=16, block_out_channels=[16, 24],
                    num_attention_heads=[1, 3], down_num_layers_per_block=[1, 1],
                    up_num_layers_per_block=[1, 1], down_blocks_repeat_mappers=[1, 1],
                    up_blocks_repeat_mappers=[1, 1],
                    block_types_per_layer=[[RES, TS, ATTN], [ATTN, RES, TS]],
                    clip_text_in_channels=20, clip_text_pooled_in_channels=20,
                    clip_image_in_channels=12, clip_seq=2, kernel_size=5, dropout=0.0,
                    self_attn=False, timestep_conditioning_type=["sca", "crp", "extra"],
                    switch_level=[True]),
        sample=(2, 3, 8, 8), text_tokens=3),
    "decoder_repeat": dict(
        config=dict(in_channels=4, out_channels=4, timestep_ratio_embedding_dim=64,
                    patch_size=2, conditioning_dim=24, block_out_channels=[8, 16, 24],
                    num_attention_heads=[0, 2, 2], down_num_layers_per_block=[1, 1, 1],
                    up_num_layers_per_block=[1, 1, 1], down_blocks_repeat_mappers=[1, 1, 1],
                    up_blocks_repeat_mappers=[2, 2, 2],
                    block_types_per_layer=[[RES, TS], [RES, TS, ATTN], [RES, TS, ATTN]],
                    clip_text_pooled_in_channels=20, clip_seq=4, effnet_in_channels=6,
                    pixel_mapper_in_channels=3, kernel_size=3, dropout=[0, 0, 0],
                    self_attn=True, timestep_conditioning_type=["sca"], switch_level=None),
        sample=(2, 4, 16, 16), effnet=(2, 6, 3, 3)),
    "decoder_odd": dict(
        config=dict(in_channels=4, out_channels=4, timestep_ratio_embedding_dim=32,
                    patch_size=2, conditioning_dim=16, block_out_channels=[8, 16, 16],
                    num_attention_heads=[-1, -1, 2], down_num_layers_per_block=[1, 1, 1],
                    up_num_layers_per_block=[1, 1, 1], down_blocks_repeat_mappers=[2, 1, 2],
                    up_blocks_repeat_mappers=[1, 2, 1],
                    block_types_per_layer=[[RES, TS], [RES, TS], [RES, TS, ATTN]],
                    clip_text_pooled_in_channels=20, clip_seq=2, effnet_in_channels=6,
                    pixel_mapper_in_channels=3, kernel_size=3, dropout=[0, 0, 0],
                    self_attn=False, timestep_conditioning_type=["sca"]),
        sample=(2, 4, 12, 12), effnet=(2, 6, 2, 2)),
}


def perturb(model, generator):
    """Every parameter plus 0.1·N(0, 1) (diffusers starts some at zero);
    the model in eval mode."""
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1 * torch.randn(p.shape, generator=generator))
    return model.eval()


def make(name, case, generator):
    torch.manual_seed(len(name))
    config = case["config"]
    model = perturb(StableCascadeUNet(**config), generator)
    out = os.path.join(OUT, name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"_class_name": "StableCascadeUNet", **config}, f, indent=1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(out, "model.safetensors"))
    b = case["sample"][0]
    inputs = {
        "sample": torch.randn(case["sample"], generator=generator),
        "timestep_ratio": torch.rand(b, generator=generator),
        "clip_text_pooled": torch.randn(b, 1, config["clip_text_pooled_in_channels"],
                                        generator=generator),
    }
    kwargs = {}
    if config.get("clip_text_in_channels"):
        inputs["clip_text"] = torch.randn(b, case["text_tokens"],
                                          config["clip_text_in_channels"], generator=generator)
        inputs["clip_img"] = torch.randn(b, 1, config["clip_image_in_channels"],
                                         generator=generator)
    if config.get("effnet_in_channels"):
        inputs["effnet"] = torch.randn(case["effnet"], generator=generator)
    with torch.no_grad():
        sample = model(**inputs, return_dict=False)[0]
    save_file(inputs, os.path.join(out, "in.safetensors"))
    save_file({"sample": sample.contiguous()}, os.path.join(out, "out.safetensors"))
    print(name, tuple(sample.shape), "rms", sample.pow(2).mean().sqrt().item())


@contextlib.contextmanager
def recorded_scheduler_noise():
    """Every N(0, 1) tensor DDPMWuerstchenScheduler.step draws, in order."""
    drawn = []
    original = wuerstchen.randn_tensor

    def recording(*args, **kwargs):
        noise = original(*args, **kwargs)
        drawn.append(noise)
        return noise

    wuerstchen.randn_tensor = recording
    try:
        yield drawn
    finally:
        wuerstchen.randn_tensor = original


def scheduler(generator):
    out = {}
    for steps in (20, 10, 3):
        sched = DDPMWuerstchenScheduler()
        sched.set_timesteps(steps)
        out[f"timesteps.{steps}"] = sched.timesteps.clone()
        out[f"alpha_cumprod.{steps}"] = sched._alpha_cumprod(sched.timesteps, "cpu")
    for scaler in (2.0, 0.5):
        sched = DDPMWuerstchenScheduler(scaler=scaler)
        sched.set_timesteps(10)
        out[f"alpha_cumprod.10.scaler{scaler:g}"] = sched._alpha_cumprod(sched.timesteps, "cpu")
    # A chain of 4 steps; the step's noise is recorded where diffusers draws it.
    sched = DDPMWuerstchenScheduler()
    sched.set_timesteps(4)
    with recorded_scheduler_noise() as drawn:
        x = torch.randn(2, 3, 4, 4, generator=generator)
        out["chain.sample"] = x.clone()
        for i, t in enumerate(sched.timesteps[:-1]):
            eps = torch.randn(2, 3, 4, 4, generator=generator)
            out[f"chain.eps.{i}"] = eps
            x = sched.step(eps, t.expand(2), x, generator=generator).prev_sample
            out[f"chain.noise.{i}"] = drawn[-1]
    out["chain.result"] = x
    both = torch.randn(4, 3, 5, generator=generator)
    out["guidance.batch"] = both
    for w in (4.0, 0.25):
        cond, uncond = both.chunk(2)
        out[f"guidance.{w:g}"] = torch.lerp(uncond, cond, w)
    save_file({k: v.contiguous() for k, v in out.items()},
              os.path.join(OUT, "scheduler.safetensors"))
    print("scheduler", len(out), "tensors")


def main():
    generator = torch.Generator().manual_seed(0)
    for name, case in CASES.items():
        make(name, case, generator)
    scheduler(generator)


if __name__ == "__main__":
    main()
