#!/usr/bin/env python3
"""Goldens for Kiln's Mamba frontend from Hugging Face MambaForCausalLM (the
slow, pure-PyTorch path; f32), tiny random-init config.

Writes into test/golden/models/mamba/ (and mamba_gelu_untied/, a model with
hidden_act gelu, an untied head, biases and residual_in_fp32 false):
  config.json                  the HF config (Kiln reads the same keys)
  model.safetensors            the weights under HF's names
  prefill_L{L}.in/out.safetensors   input_ids and logits for L in {1,3,4,5,64},
                               plus conv_state.i / ssm_state.i after the prompt
                               (HF's cache after a forward with use_cache)
The decode check (prefill then steps equals the full forward) needs no
golden: it compares Kiln with itself, see test/models/mamba.test.

usage: python3 test/golden/models/gen_mamba.py   (needs torch, transformers,
safetensors; pip install transformers safetensors)
"""
import json
import os

import torch
from safetensors.torch import save_file
from transformers import MambaConfig, MambaForCausalLM

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mamba")


def make(out, lengths, **overrides):
    """A tiny model of MambaConfig(**overrides) and its goldens in `out`."""
    torch.manual_seed(0)
    kwargs = dict(vocab_size=64, hidden_size=32, state_size=8, num_hidden_layers=2,
                  expand=2, conv_kernel=4, time_step_rank="auto", use_bias=False,
                  use_conv_bias=True, layer_norm_epsilon=1e-5, tie_word_embeddings=True)
    kwargs.update(overrides)
    config = MambaConfig(**kwargs)
    model = MambaForCausalLM(config).eval()
    # Random-init A_log, D and dt biases are structured (log(1..N), ones);
    # perturb everything so no term is trivially exact.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    os.makedirs(out, exist_ok=True)
    keys = ["vocab_size", "hidden_size", "state_size", "num_hidden_layers", "expand",
            "conv_kernel", "time_step_rank", "use_bias", "use_conv_bias",
            "layer_norm_epsilon"] + sorted(overrides.keys() - kwargs.keys() | set(overrides))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({k: getattr(config, k) for k in dict.fromkeys(keys)}, f, indent=1)
    # A tied head is saved once, as HF saves it (under the embedding's name).
    weights = {k: v.contiguous() for k, v in model.state_dict().items()
               if k != "lm_head.weight" or not config.tie_word_embeddings}
    save_file(weights, os.path.join(out, "model.safetensors"))
    g = torch.Generator().manual_seed(1)
    for L in lengths:
        ids = torch.randint(0, config.vocab_size, (2, L), generator=g)
        with torch.no_grad():
            result_out = model(input_ids=ids, use_cache=True)
        result = {"logits": result_out.logits.float().contiguous()}
        # transformers 5 returns a DynamicCache of linear-attention layers.
        cache = getattr(result_out, "cache", None) or result_out.cache_params
        for i in range(config.num_hidden_layers):
            result[f"conv_state.{i}"] = cache.get_conv_state(i).float().contiguous()
            result[f"ssm_state.{i}"] = cache.get_recurrent_state(i).float().contiguous()
        save_file({"input_ids": ids.to(torch.int64).contiguous()},
                  os.path.join(out, f"prefill_L{L}.in.safetensors"))
        save_file(result, os.path.join(out, f"prefill_L{L}.out.safetensors"))
        print(f"{os.path.basename(out)} L={L}: logits {tuple(result_out.logits.shape)}")


def main():
    make(OUT, (1, 3, 4, 5, 64))
    # The config keys the default model leaves at their defaults: another
    # activation, an untied head, biases, the residual in the model's type.
    make(OUT + "_gelu_untied", (3, 64), hidden_act="gelu", tie_word_embeddings=False,
         use_bias=True, residual_in_fp32=False)


if __name__ == "__main__":
    main()
