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
  llama_yarn2          rope yarn, factor 2, original_max_position_embeddings 16;
                       and fastgen_T{0p15,0p3,0p7,0p95}: prefill_fastgen of a
                       20-token prompt into 24-row caches, the policy per head,
                       the kept rows and their counts (transcribed below)
  llama_yarn8          rope yarn, factor 8, original_max_position_embeddings 16;
                       and pause_L12: <pause> added as token 64, three pauses
                       after nine tokens, its logit masked

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
from transformers.models.llama.modeling_llama import eager_attention_forward

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


CAPTURED = []


def capturing_attention(module, query, key, value, attention_mask, scaling, dropout=0.0, **kwargs):
    """Eager attention that also records each layer's rotated q, k and v."""
    CAPTURED.append((query.clone(), key.clone(), value.clone()))
    # transformers builds no mask for an attention function it does not
    # know, so the causal one is made here (the prompts are not padded).
    length = query.shape[2]
    causal = torch.full((length, length), float("-inf"), dtype=query.dtype).triu(1)[None, None]
    return eager_attention_forward(module, query, key, value, causal, scaling, dropout)


AttentionInterface.register("capturing", capturing_attention)

SPECIAL, PUNCTUATION = (0, 1), (2, 3, 4, 5)


def fastgen_policy(q, k, v, ids, threshold, capacity):
    """FastGen's profile of one layer, transcribed from the paper's policy
    search (Ge et al. 2024, §3.2): per KV head, the first of {special,
    +punctuation, +frequent, +local, full} under which every query head of
    its group keeps ≥ threshold of its attention mass (the mean over query
    rows of the attention on kept keys); r_frequent = r_local = 0.3 of the
    prompt, at least one token; heavy hitters by column sums of the
    attention summed over the group, ties to the lower index. Returns the
    policy [B, Hk], the kept rows compacted to the front of caches of
    `capacity` rows, their counts, and the smallest margin |mass − T| of any
    comparison that decided a policy."""
    batch, hq, length, _ = q.shape
    hk = k.shape[1]
    group = hq // hk
    scale = q.shape[-1] ** -0.5
    kk = k.repeat_interleave(group, dim=1)
    scores = (q @ kk.transpose(-1, -2)) * scale
    causal = torch.ones(length, length, dtype=torch.bool).tril()
    attn = torch.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)  # [B, Hq, L, L]
    budget = max(1, int(0.3 * length))
    colsum = attn.sum(dim=2).reshape(batch, hk, group, length).sum(dim=2)  # [B, Hk, L]
    special = torch.isin(ids, torch.tensor(SPECIAL))[:, None, :].expand(batch, hk, length)
    punct = torch.isin(ids, torch.tensor(PUNCTUATION))[:, None, :].expand(batch, hk, length)
    frequent = torch.zeros(batch, hk, length, dtype=torch.bool)
    for b in range(batch):
        for h in range(hk):
            order = sorted(range(length), key=lambda j: (-colsum[b, h, j].item(), j))
            frequent[b, h, order[:budget]] = True
    local = (torch.arange(length) >= length - budget).expand(batch, hk, length)
    p0 = special
    p1 = p0 | punct
    p2 = p1 | frequent
    p3 = p2 | local
    p4 = torch.ones_like(p0)
    masks = [p0, p1, p2, p3, p4]
    policy = torch.full((batch, hk), 4, dtype=torch.int64)
    margin = float("inf")
    for b in range(batch):
        for h in range(hk):
            for p, m in enumerate(masks):
                rows = attn[b, h * group:(h + 1) * group]  # [G, L, L]
                mass = (rows * m[b, h].to(rows.dtype)).sum(-1).mean(-1).min().item()
                if p < 4:
                    margin = min(margin, abs(mass - threshold))
                if mass >= threshold or p == 4:
                    policy[b, h] = p
                    break
    kept_k = torch.zeros(batch, hk, capacity, k.shape[-1], dtype=k.dtype)
    kept_v = torch.zeros(batch, hk, capacity, v.shape[-1], dtype=v.dtype)
    lens = torch.zeros(batch, hk, dtype=torch.int32)
    for b in range(batch):
        for h in range(hk):
            rows = masks[policy[b, h]][b, h].nonzero().flatten()
            lens[b, h] = len(rows)
            kept_k[b, h, :len(rows)] = k[b, h, rows]
            kept_v[b, h, :len(rows)] = v[b, h, rows]
    return policy, kept_k, kept_v, lens, margin


def make_fastgen(model, out, length, capacity, thresholds):
    """prefill_fastgen goldens for a prompt of `length` tokens."""
    # A prompt that starts with a special token (BOS, id 0) and has a
    # punctuation token every five, so every policy has something to keep.
    g = torch.Generator().manual_seed(2)
    ids = torch.randint(6, model.config.vocab_size, (2, length), generator=g)
    ids[:, 0] = 0
    ids[:, 4::5] = torch.randint(2, 6, ids[:, 4::5].shape, generator=g)
    CAPTURED.clear()
    model.set_attn_implementation("capturing")
    with torch.no_grad():
        logits = model(input_ids=ids).logits[:, -1:]
    model.set_attn_implementation("eager")
    token_class = torch.zeros(model.config.vocab_size, dtype=torch.int32)
    token_class[list(SPECIAL)] = 1
    token_class[list(PUNCTUATION)] = 2
    for threshold in thresholds:
        result = {"logits": logits.float().contiguous()}
        policies, lens, margin = [], [], float("inf")
        for i, (q, k, v) in enumerate(CAPTURED):
            policy, kept_k, kept_v, n, m = fastgen_policy(q, k, v, ids, threshold, capacity)
            result[f"k_cache.{i}"] = kept_k.float().contiguous()
            result[f"v_cache.{i}"] = kept_v.float().contiguous()
            policies.append(policy)
            lens.append(n)
            margin = min(margin, m)
        assert margin > 1e-4, f"T={threshold}: a policy decision is {margin:.1e} from the threshold"
        result["policy"] = torch.stack(policies).contiguous()
        result["cache_lens"] = torch.stack(lens).contiguous()
        tag = f"{threshold:g}".replace(".", "p")
        inputs = {"input_ids": ids.contiguous(),
                  "positions": torch.arange(length).repeat(2, 1).contiguous(),
                  "token_class": token_class, "threshold": torch.tensor(threshold, dtype=torch.float32)}
        for i in range(len(CAPTURED)):
            zeros = torch.zeros(2, CAPTURED[i][1].shape[1], capacity, CAPTURED[i][1].shape[-1])
            inputs[f"k_cache.{i}"] = zeros
            inputs[f"v_cache.{i}"] = zeros.clone()
        save_file(inputs, os.path.join(out, f"fastgen_T{tag}.in.safetensors"))
        save_file(result, os.path.join(out, f"fastgen_T{tag}.out.safetensors"))
        kept = sum(n.sum().item() for n in lens)
        full = len(lens) * lens[0].numel() * length
        print(f"{os.path.basename(out)} FastGen T={threshold}: policies "
              f"{[p.flatten().tolist() for p in policies]}, KV kept {kept}/{full} rows, "
              f"margin {margin:.1e}")


def make_pause(model, out, length, pauses):
    """Pause tokens (Goyal et al. 2024): <pause> appended to the vocabulary
    (id V; its embedding and head rows the mean of the others, the
    deterministic part of transformers' mean resizing), M pauses after the
    prompt, the pause logit masked to −∞ wherever it is predicted."""
    vocab = model.config.vocab_size
    g = torch.Generator().manual_seed(3)
    ids = torch.randint(0, vocab, (2, length), generator=g)
    ids[:, length - pauses:] = vocab
    with torch.no_grad():
        embed = model.model.embed_tokens.weight
        head = model.lm_head.weight
        rows = [torch.cat([w, w.mean(dim=0, keepdim=True)]) for w in (embed, head)]
        resized = LlamaForCausalLM(model.config).to(torch.float64).eval()
        resized.load_state_dict(model.state_dict())
        resized.resize_token_embeddings(vocab + 1, mean_resizing=False)
        resized.model.embed_tokens.weight.copy_(rows[0])
        resized.lm_head.weight.copy_(rows[1])
        logits = resized(input_ids=ids).logits
    logits[..., vocab] = float("-inf")
    save_file({"input_ids": ids.contiguous()}, os.path.join(out, f"pause_L{length}.in.safetensors"))
    save_file({"logits": logits.float().contiguous()}, os.path.join(out, f"pause_L{length}.out.safetensors"))
    print(f"{os.path.basename(out)} pause: {pauses} pauses after {length - pauses} tokens")


def make(name, lengths, rope, legacy_keys=False, s2_lengths=(), fastgen=(), pause=(),
         **overrides):
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
    if fastgen:
        make_fastgen(model, out, *fastgen)
    if pause:
        make_pause(model, out, *pause)


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
              "rope_theta": 10000.0}, num_key_value_heads=2,
             fastgen=(20, 24, (0.15, 0.3, 0.7, 0.95)) if factor == 2 else (),
             pause=(12, 3) if factor == 8 else ())


if __name__ == "__main__":
    main()
