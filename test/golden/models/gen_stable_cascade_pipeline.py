#!/usr/bin/env python3
"""A whole Stable Cascade text-to-image run in diffusers, at tiny random-init
sizes, for Kiln's runtime-only pipeline (examples/stable-cascade): 2 prior
steps with guidance 4 and 2 decoder steps with guidance 2, through
StableCascadePriorPipeline and StableCascadeDecoderPipeline, on a 128 x 128
image (prior latents 3 x 3, decoder latents 32 x 32).

Writes test/golden/models/stable_cascade_pipeline/ in diffusers' layout —
tokenizer/ (the CLIP tokenizer golden's vocab.json and merges.txt),
text_encoder/, prior/, decoder/, vqgan/ (config.json and weights by their
diffusers file names) — plus inject.safetensors (the initial latents of
both stages and every scheduler step's noise, recorded where diffusers
draws them) and expected.safetensors (image_embeddings, decoder_latents —
the decoder's final latents — and image, in [0, 1]).

usage: python3 test/golden/models/gen_stable_cascade_pipeline.py
(needs torch, diffusers, transformers, safetensors)
"""
import json
import os
import shutil

import torch
from diffusers import (DDPMWuerstchenScheduler, StableCascadeDecoderPipeline,
                       StableCascadePriorPipeline, StableCascadeUNet)
from diffusers.pipelines.deprecated.wuerstchen import PaellaVQModel
from safetensors.torch import save_file
from transformers import CLIPTextConfig, CLIPTextModelWithProjection, CLIPTokenizer

from gen_stable_cascade import perturb, recorded_scheduler_noise

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stable_cascade_pipeline")
PROMPT = "a kiln glowing at dusk"
RES, TS, ATTN = "SDCascadeResBlock", "SDCascadeTimestepBlock", "SDCascadeAttnBlock"


def save(model, folder, weights, config):
    os.makedirs(os.path.join(OUT, folder), exist_ok=True)
    with open(os.path.join(OUT, folder, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(OUT, folder, weights))


def main():
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "tokenizer"))
    for f in ("vocab.json", "merges.txt"):
        shutil.copy(os.path.join(HERE, "clip_tokenizer", f), os.path.join(OUT, "tokenizer", f))
    tokenizer = CLIPTokenizer(os.path.join(OUT, "tokenizer", "vocab.json"),
                              os.path.join(OUT, "tokenizer", "merges.txt"), model_max_length=77)
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    text_config = dict(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64,
                       projection_dim=24, num_hidden_layers=2, num_attention_heads=2,
                       max_position_embeddings=77, hidden_act="gelu", layer_norm_eps=1e-5,
                       bos_token_id=tokenizer.convert_tokens_to_ids("<|startoftext|>"),
                       eos_token_id=eos, pad_token_id=eos)
    text_encoder = perturb(CLIPTextModelWithProjection(CLIPTextConfig(**text_config)), generator)
    save(text_encoder, "text_encoder", "model.safetensors",
         {"architectures": ["CLIPTextModelWithProjection"], **text_config})

    prior_config = dict(in_channels=4, out_channels=4, timestep_ratio_embedding_dim=64,
                        patch_size=1, conditioning_dim=24, block_out_channels=[16, 32],
                        num_attention_heads=[2, 4], down_num_layers_per_block=[1, 1],
                        up_num_layers_per_block=[1, 1], down_blocks_repeat_mappers=[1, 1],
                        up_blocks_repeat_mappers=[1, 1],
                        block_types_per_layer=[[RES, TS, ATTN], [RES, TS, ATTN]],
                        clip_text_in_channels=32, clip_text_pooled_in_channels=24,
                        clip_image_in_channels=12, clip_seq=4, kernel_size=3,
                        dropout=[0.1, 0.1], self_attn=True,
                        timestep_conditioning_type=["sca", "crp"], switch_level=[False])
    prior = perturb(StableCascadeUNet(**prior_config), generator)
    save(prior, "prior", "diffusion_pytorch_model.safetensors",
         {"_class_name": "StableCascadeUNet", **prior_config})

    decoder_config = dict(in_channels=4, out_channels=4, timestep_ratio_embedding_dim=64,
                          patch_size=2, conditioning_dim=24, block_out_channels=[8, 16, 24],
                          num_attention_heads=[0, 2, 2], down_num_layers_per_block=[1, 1, 1],
                          up_num_layers_per_block=[1, 1, 1],
                          down_blocks_repeat_mappers=[1, 1, 1],
                          up_blocks_repeat_mappers=[2, 2, 2],
                          block_types_per_layer=[[RES, TS], [RES, TS, ATTN], [RES, TS, ATTN]],
                          clip_text_pooled_in_channels=24, clip_seq=4, effnet_in_channels=4,
                          pixel_mapper_in_channels=3, kernel_size=3, dropout=[0, 0, 0],
                          self_attn=True, timestep_conditioning_type=["sca"])
    decoder = perturb(StableCascadeUNet(**decoder_config), generator)
    save(decoder, "decoder", "diffusion_pytorch_model.safetensors",
         {"_class_name": "StableCascadeUNet", **decoder_config})

    vq_config = dict(in_channels=3, out_channels=3, up_down_scale_factor=2, levels=2,
                     bottleneck_blocks=2, embed_dim=16, latent_channels=4, num_vq_embeddings=32,
                     scale_factor=0.3764)
    vqgan = perturb(PaellaVQModel(**vq_config), generator)
    save(vqgan, "vqgan", "diffusion_pytorch_model.safetensors",
         {"_class_name": "PaellaVQModel", **vq_config})

    scheduler = DDPMWuerstchenScheduler()
    prior_pipe = StableCascadePriorPipeline(tokenizer=tokenizer, text_encoder=text_encoder,
                                            prior=prior, scheduler=scheduler)
    decoder_pipe = StableCascadeDecoderPipeline(decoder=decoder, tokenizer=tokenizer,
                                                text_encoder=text_encoder, scheduler=scheduler,
                                                vqgan=vqgan)
    inject = {"prior_latents": torch.randn(1, 4, 3, 3, generator=generator),
              "decoder_latents": torch.randn(1, 4, 32, 32, generator=generator)}
    with recorded_scheduler_noise() as drawn, torch.no_grad():
        embeddings = prior_pipe(PROMPT, height=128, width=128, num_inference_steps=2,
                                guidance_scale=4.0, latents=inject["prior_latents"].clone(),
                                generator=generator).image_embeddings
        for i, n in enumerate(drawn):
            inject[f"prior_noise.{i}"] = n
        drawn.clear()
        latents = decoder_pipe(image_embeddings=embeddings, prompt=PROMPT,
                               num_inference_steps=2, guidance_scale=2.0,
                               latents=inject["decoder_latents"].clone(), generator=generator,
                               output_type="latent").images
        for i, n in enumerate(drawn):
            inject[f"decoder_noise.{i}"] = n
        image = vqgan.decode(vqgan.config.scale_factor * latents).sample.clamp(0, 1)
    save_file({k: v.contiguous() for k, v in inject.items()},
              os.path.join(OUT, "inject.safetensors"))
    save_file({"image_embeddings": embeddings.contiguous(), "decoder_latents": latents.contiguous(),
               "image": image.contiguous()}, os.path.join(OUT, "expected.safetensors"))
    print("image", tuple(image.shape), "mean", image.mean().item(), "noise draws",
          sorted(k for k in inject if "noise" in k))


if __name__ == "__main__":
    main()
