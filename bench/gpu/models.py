#!/usr/bin/env python3
"""The model benchmarks' PyTorch side (bench/gpu/check.sh; the GPU machine
has torch but no transformers or diffusers, so the peers are self-contained
re-implementations of Hugging Face's Mamba slow path, diffusers'
AutoencoderKL decoder, (transformer_peers.py) HF's Llama with SDPA and a
static KV cache, DINOv2 with registers and the CLIP text encoder, and
(cascade_peers.py) diffusers' StableCascadeUNet, on the same weights as
Kiln).

  models.py weights NAME MANIFEST.txt CONSTANTS.safetensors OUT.safetensors
      random weights for every weight `kiln-run --manifest` lists (names,
      dtypes, shapes as listed), initialized the way the models initialize
      themselves (norm weights 1, biases 0, A_log = log(1..N), D = 1, dt
      bias = softplus⁻¹ of dt in [1e-3, 0.1]) so activations stay finite,
      plus the program's constants (CONSTANTS, from kilnc)
  models.py inputs NAME ENTRY OUT.safetensors
      random inputs of entry ENTRY (mamba_130m: prefill 2048 tokens or one
      decode step; sd_vae: decode 4 x 64 x 64 latents; llama_1b: prefill of
      4096 tokens, or decode@N, one token against N cached rows of 32768;
      dinov2_l: forward of a 518² image; clip_bigg: forward of 77 tokens;
      cascade_prior: a guided stage-C step, batch 2 at 24²; cascade_decoder:
      a stage-B step at 256² on 24² effnet)
  models.py peer NAME ENTRY WEIGHTS.safetensors [--device cuda|cpu]
      median ms of the PyTorch implementation, eager and torch.compile
      (JSON); the Mamba prefill compares eager only: its per-token scan loop
      does not compile in useful time, as in transformers
  models.py check NAME ENTRY WEIGHTS.safetensors INPUTS OUTPUTS
      the peer's outputs against Kiln's (relative L2, JSON): both run the
      same model

Tiny configs (`--config FILE`) let the whole flow run on the CPU (the
dry-run in test/models/bench-peers.test compares the peers with Hugging
Face goldens).
"""
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read_torch as read_safetensors  # noqa: E402
from kiln_safetensors import write_torch as write_safetensors  # noqa: E402

DTYPES = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16,
          "I64": torch.int64, "I32": torch.int32, "I8": torch.int8, "BOOL": torch.bool}

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cascade_peers as cp  # noqa: E402
import transformer_peers as tp  # noqa: E402

# The benchmark configs Kiln's artifacts were compiled from (bench/models/).
LLAMA_1B = json.load(open(os.path.join(HERE, "..", "models", "llama-1b.json")))
DINOV2_L = json.load(open(os.path.join(HERE, "..", "models", "dinov2-l.json")))
CLIP_BIGG = json.load(open(os.path.join(HERE, "..", "models", "clip-bigg-text.json")))
CASCADE_PRIOR = json.load(open(os.path.join(HERE, "..", "models", "stable-cascade-prior-1b.json")))
CASCADE_DECODER = json.load(open(os.path.join(HERE, "..", "models",
                                              "stable-cascade-decoder-lite.json")))

MAMBA_130M = dict(hidden_size=768, state_size=16, num_hidden_layers=24, expand=2,
                  conv_kernel=4, vocab_size=50280, layer_norm_epsilon=1e-5)
SD_VAE = dict(latent_channels=4, out_channels=3, block_out_channels=[128, 256, 512, 512],
              layers_per_block=2, norm_num_groups=32)


def manifest_weights(path):
    """(name, dtype, shape) of `kiln-run --manifest` lines '    name F32[2, 3]'."""
    out, listing = [], False
    for line in open(path):
        if "weights: external file" in line:
            listing = True
            continue
        if listing and line.startswith("    "):
            name, spec = line.split()[0], "".join(line.split()[1:])
            dtype, shape = spec.split("[", 1)
            dims = shape.rstrip("]")
            out.append((name, dtype, [int(d) for d in dims.split(",")] if dims else []))
    return out


def init_weight(name, shape, g):
    if name.endswith("A_log"):
        n = shape[-1]
        return torch.log(torch.arange(1, n + 1, dtype=torch.float32)).expand(shape).clone()
    if name.endswith(".D") or name.endswith("norm.weight") or name.endswith("norm_f.weight") \
            or name.endswith("norm1.weight") or name.endswith("norm2.weight") \
            or name.endswith("group_norm.weight") or name.endswith("conv_norm_out.weight"):
        return torch.ones(shape)
    if name.endswith("dt_proj.bias"):
        dt = torch.exp(torch.rand(shape, generator=g) * (math.log(0.1) - math.log(1e-3))
                       + math.log(1e-3))
        return dt + torch.log(-torch.expm1(-dt))  # softplus⁻¹
    if name.endswith(".bias"):
        return torch.zeros(shape)
    if ".mapper" in name:  # Stable Cascade's x·(1 + a) + b: keep a small
        return 0.1 * torch.randn(shape, generator=g) / math.sqrt(shape[-1])
    fan_in = max(1, math.prod(shape[1:])) if len(shape) > 1 else shape[0]
    return torch.randn(shape, generator=g) / math.sqrt(fan_in)


def make_weights(manifest, constants, out):
    g = torch.Generator().manual_seed(0)
    consts = read_safetensors(constants) if constants != "-" else {}
    tensors = {}
    for name, dtype, shape in manifest_weights(manifest):
        t = consts[name] if name in consts else init_weight(name, shape, g)
        tensors[name] = t.to(DTYPES[dtype])
    write_safetensors(out, tensors)


# ---- Mamba (Hugging Face MambaMixer.slow_forward, f32) ----

def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def mamba_layer(W, p, c, x, conv_state=None, ssm_state=None):
    E, N, K = c["expand"] * c["hidden_size"], c["state_size"], c["conv_kernel"]
    R = math.ceil(c["hidden_size"] / 16)
    L = x.shape[1]
    h = rms_norm(x, W[p + "norm.weight"], c["layer_norm_epsilon"])
    xz = (h @ W[p + "mixer.in_proj.weight"].T).transpose(1, 2)
    xs, z = xz.chunk(2, dim=1)
    w = W[p + "mixer.conv1d.weight"]
    if conv_state is None:
        new_conv = F.pad(xs, (K - L, 0))
        u = F.silu(F.conv1d(xs, w, W[p + "mixer.conv1d.bias"], padding=K - 1, groups=E)[..., :L])
    else:
        new_conv = torch.cat([conv_state[..., 1:], xs], dim=-1)
        u = F.silu((new_conv * w[:, 0, :]).sum(-1, keepdim=True) + W[p + "mixer.conv1d.bias"][:, None])
    xdbl = u.transpose(1, 2) @ W[p + "mixer.x_proj.weight"].T
    dt, B, C = torch.split(xdbl, [R, N, N], dim=-1)
    dt = F.softplus(dt @ W[p + "mixer.dt_proj.weight"].T + W[p + "mixer.dt_proj.bias"]).transpose(1, 2)
    A = -torch.exp(W[p + "mixer.A_log"])
    dA = torch.exp(A[None, :, None, :] * dt[..., None])          # [B, E, L, N]
    dBu = dt[..., None] * B[:, None, :, :] * u[..., None]         # [B, E, L, N]
    state = torch.zeros(x.shape[0], E, N, device=x.device) if ssm_state is None else ssm_state
    ys = []
    for t in range(L):                                            # HF's per-token loop
        state = dA[:, :, t] * state + dBu[:, :, t]
        ys.append((state * C[:, t, None, :]).sum(-1))
    y = torch.stack(ys, dim=-1) + u * W[p + "mixer.D"][:, None]
    y = y * F.silu(z)
    out = y.transpose(1, 2) @ W[p + "mixer.out_proj.weight"].T
    return x + out, new_conv, state


def mamba_forward(W, c, ids, states=None):
    x = W["backbone.embeddings.weight"][ids]
    new_states = []
    for i in range(c["num_hidden_layers"]):
        cs, ss = states[i] if states else (None, None)
        x, cs, ss = mamba_layer(W, f"backbone.layers.{i}.", c, x, cs, ss)
        new_states.append((cs, ss))
    h = rms_norm(x, W["backbone.norm_f.weight"], c["layer_norm_epsilon"])
    return h @ W["backbone.embeddings.weight"].T, new_states


# ---- AutoencoderKL decoder (diffusers, f32) ----

def group_norm_silu(W, p, c, x, silu=True):
    x = F.group_norm(x, c["norm_num_groups"], W[p + ".weight"], W[p + ".bias"], eps=1e-6)
    return F.silu(x) if silu else x


def conv(W, p, x, stride=1, padding=None):
    w = W[p + ".weight"]
    return F.conv2d(x, w, W[p + ".bias"], stride=stride,
                    padding=w.shape[-1] // 2 if padding is None else padding)


def resnet(W, p, c, x):
    h = conv(W, p + ".conv1", group_norm_silu(W, p + ".norm1", c, x))
    h = conv(W, p + ".conv2", group_norm_silu(W, p + ".norm2", c, h))
    sc = conv(W, p + ".conv_shortcut", x) if (p + ".conv_shortcut.weight") in W else x
    return sc + h


def attention(W, p, c, x):
    b, ch, hh, ww = x.shape
    t = group_norm_silu(W, p + ".group_norm", c, x, silu=False).view(b, ch, -1).transpose(1, 2)
    q, k, v = (F.linear(t, W[f"{p}.{n}.weight"], W[f"{p}.{n}.bias"])[:, None]
               for n in ("to_q", "to_k", "to_v"))
    o = F.scaled_dot_product_attention(q, k, v)[:, 0]
    o = F.linear(o, W[p + ".to_out.0.weight"], W[p + ".to_out.0.bias"])
    return o.transpose(1, 2).reshape(b, ch, hh, ww) + x


def vae_decode(W, c, z):
    if "post_quant_conv.weight" in W:
        z = conv(W, "post_quant_conv", z)
    h = conv(W, "decoder.conv_in", z)
    h = resnet(W, "decoder.mid_block.resnets.0", c, h)
    h = attention(W, "decoder.mid_block.attentions.0", c, h)
    h = resnet(W, "decoder.mid_block.resnets.1", c, h)
    blocks = len(c["block_out_channels"])
    for i in range(blocks):
        for j in range(c["layers_per_block"] + 1):
            h = resnet(W, f"decoder.up_blocks.{i}.resnets.{j}", c, h)
        if i + 1 < blocks:
            h = conv(W, f"decoder.up_blocks.{i}.upsamplers.0.conv",
                     F.interpolate(h, scale_factor=2.0, mode="nearest"))
    return conv(W, "decoder.conv_out", group_norm_silu(W, "decoder.conv_norm_out", c, h))


# ---- entries ----

def config_for(name, argv):
    if "--config" in argv:
        return json.load(open(argv[argv.index("--config") + 1]))
    return {"mamba_130m": MAMBA_130M, "llama_1b": LLAMA_1B, "dinov2_l": DINOV2_L,
            "clip_bigg": CLIP_BIGG, "cascade_prior": CASCADE_PRIOR,
            "cascade_decoder": CASCADE_DECODER}.get(name, SD_VAE)


def split_entry(entry):
    """'decode@4096' → ('decode', 4096): an entry and the context it runs at."""
    name, _, context = entry.partition("@")
    return name, int(context) if context else 0


# The transformer benchmarks' shapes: Llama prefills 4096 tokens into caches
# of 32768 rows (YaRN factor 8); DINOv2 sees 518² images; CLIP 77 tokens
# (--seq-len, --cache-len, --image-size change them for tiny runs).
LLAMA_PROMPT, LLAMA_CACHE = 4096, 32768


def make_inputs(name, entry, c, seq_len=None, cache_len=LLAMA_CACHE, image=None,
                cache_dtype=torch.bfloat16, cond=None):
    g = torch.Generator().manual_seed(1)
    entry, context = split_entry(entry)
    if name.startswith("cascade"):
        # Stage C: a guided step (batch 2) on the 24² latents of a 1024²
        # image; stage B: one unguided step on 256² latents conditioned on
        # stage C's 24² output (--image-size, --cond-size for tiny runs).
        c = cp.config(c)
        prior = name.startswith("cascade_prior")
        B, size = (2, image or 24) if prior else (1, image or 256)
        t = {"sample": torch.randn(B, c["in_channels"], size, size, generator=g),
             "timestep_ratio": torch.full((B,), 0.6),
             "clip_text_pooled": torch.randn(B, 1, c["clip_text_pooled_in_channels"], generator=g)}
        if c["clip_text_in_channels"] and c["clip_image_in_channels"]:
            t["clip_text"] = torch.randn(B, seq_len or 77, c["clip_text_in_channels"], generator=g)
            t["clip_img"] = torch.randn(B, 1, c["clip_image_in_channels"], generator=g)
        if c["effnet_in_channels"]:
            e = cond or math.ceil(size / 10.67)
            t["effnet"] = torch.randn(B, c["effnet_in_channels"], e, e, generator=g)
        return t
    if name.startswith("llama"):
        hk = c.get("num_key_value_heads") or c["num_attention_heads"]
        d = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
        layers, S = c["num_hidden_layers"], cache_len
        L = 1 if entry == "decode" else seq_len or LLAMA_PROMPT
        start = context - 1 if entry == "decode" else 0
        t = {"input_ids": torch.randint(0, c["vocab_size"], (1, L), generator=g),
             "positions": torch.arange(start, start + L)[None]}
        if entry == "decode":
            t["cache_lens"] = torch.full((layers, 1, hk), start, dtype=torch.int32)
        for i in range(layers):  # a filled cache: its rows are read every step
            t[f"k_cache.{i}"] = (torch.randn(1, hk, S, d, generator=g) * 0.5).to(cache_dtype)
            t[f"v_cache.{i}"] = (torch.randn(1, hk, S, d, generator=g) * 0.5).to(cache_dtype)
        return t
    if name.startswith("dinov2"):
        size = image or 518
        return {"pixel_values": torch.randn(1, c.get("num_channels", 3), size, size, generator=g)}
    if name.startswith("clip"):
        L = c.get("max_position_embeddings", 77)
        ids = torch.randint(0, c["vocab_size"] - 2, (1, L), generator=g)
        ids[0, 0], ids[0, L - 1] = c["vocab_size"] - 2, c["vocab_size"] - 1  # BOS … EOS
        return {"input_ids": ids, "attention_mask": torch.ones(1, L, dtype=torch.int64)}
    if name.startswith("mamba"):
        E, N, K = c["expand"] * c["hidden_size"], c["state_size"], c["conv_kernel"]
        if entry == "prefill":
            return {"input_ids": torch.randint(0, c["vocab_size"], (1, seq_len or 2048), generator=g)}
        t = {"input_ids": torch.randint(0, c["vocab_size"], (1, 1), generator=g)}
        for i in range(c["num_hidden_layers"]):
            t[f"conv_state.{i}"] = torch.randn(1, E, K, generator=g)
            t[f"ssm_state.{i}"] = torch.randn(1, E, N, generator=g) * 0.1
        return t
    f = 2 ** (len(c["block_out_channels"]) - 1)
    size = image or 512
    return {"z": torch.randn(1, c["latent_channels"], size // f, size // f, generator=g)}


def run_peer(name, entry, c, W, inputs):
    entry, context = split_entry(entry)
    if name.startswith("llama"):
        caches = [(inputs[f"k_cache.{i}"], inputs[f"v_cache.{i}"])
                  for i in range(c["num_hidden_layers"])]
        start = context - 1 if entry == "decode" else 0
        if entry == "decode":
            return lambda: tp.llama_step(W, c, inputs["input_ids"], inputs["positions"], caches, start)
        return lambda: tp.llama_step(W, c, inputs["input_ids"], inputs["positions"], caches, 0)[:, -1:]
    if name.startswith("cascade"):
        return lambda: cp.cascade_unet(W, c, **inputs)
    if name.startswith("dinov2"):
        return lambda: tp.dinov2_forward(W, c, inputs["pixel_values"].to(W["layernorm.weight"].dtype))[1]
    if name.startswith("clip"):
        return lambda: tp.clip_text_forward(W, c, inputs["input_ids"], inputs["attention_mask"])
    if name.startswith("mamba"):
        if entry == "prefill":
            return lambda: mamba_forward(W, c, inputs["input_ids"])[0]
        states = [(inputs[f"conv_state.{i}"], inputs[f"ssm_state.{i}"])
                  for i in range(c["num_hidden_layers"])]
        return lambda: mamba_forward(W, c, inputs["input_ids"], states)[0]
    return lambda: vae_decode(W, c, inputs["z"])


def llama_bytes(c, entry, W):
    """Bytes a decode step must read (every weight, the KV rows it attends
    to): the bandwidth roofline's numerator."""
    entry, context = split_entry(entry)
    if entry != "decode":
        return None
    hk = c.get("num_key_value_heads") or c["num_attention_heads"]
    d = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
    weights = sum(t.numel() * t.element_size() for t in W.values())
    return weights + 2 * c["num_hidden_layers"] * hk * context * d * 2  # bf16 K and V


def median_ms(fn, device, runs=10, warmup=3):
    with torch.no_grad():
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(runs):
            if device == "cuda":
                a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                a.record()
                fn()
                b.record()
                b.synchronize()
                times.append(a.elapsed_time(b))
            else:
                s = time.perf_counter()
                fn()
                times.append((time.perf_counter() - s) * 1e3)
    times.sort()
    return times[len(times) // 2]


def shape_flags(argv):
    """--seq-len, --cache-len, --image-size and --cache-dtype for tiny runs of
    the flow."""
    out = {}
    for flag, key in (("--seq-len", "seq_len"), ("--cache-len", "cache_len"), ("--image-size", "image"),
                      ("--cond-size", "cond")):
        if flag in argv:
            out[key] = int(argv[argv.index(flag) + 1])
    if "--cache-dtype" in argv:  # the artifact's: bf16 under --precision bf16
        out["cache_dtype"] = DTYPES[argv[argv.index("--cache-dtype") + 1].upper()]
    return out


def main():
    argv = sys.argv
    cmd = argv[1]
    device = argv[argv.index("--device") + 1] if "--device" in argv else "cuda"
    if cmd == "weights":
        make_weights(argv[3], argv[4], argv[5])
    elif cmd == "inputs":
        name, entry, out = argv[2], argv[3], argv[4]
        write_safetensors(out, make_inputs(name, entry, config_for(name, argv), **shape_flags(argv)))
    elif cmd in ("peer", "check"):
        name, entry, weights = argv[2], argv[3], argv[4]
        c = config_for(name, argv)
        W = read_safetensors(weights, device)
        if cmd == "check":
            inputs = {k: v.to(device) for k, v in read_safetensors(argv[5]).items()}
            kiln = read_safetensors(argv[6])
            with torch.no_grad():
                ours = run_peer(name, entry, c, W, inputs)().float().cpu()
            key = ("logits" if name.startswith(("mamba", "llama")) else
                   "pooler_output" if name.startswith("dinov2") else
                   "text_embeds" if name.startswith("clip") else "sample")
            err = (torch.linalg.norm(ours - kiln[key].float()) /
                   torch.linalg.norm(kiln[key].float())).item()
            print(json.dumps({"output": key, "relative_l2": err}))
            return
        inputs = {k: v.to(device) for k, v in make_inputs(name, entry, c, **shape_flags(argv)).items()}
        result = {"bytes_per_call": llama_bytes(c, entry, W)} if name.startswith("llama") else {}
        fn = run_peer(name, entry, c, W, inputs)
        result["eager_ms"] = median_ms(fn, device, runs=3 if entry == "prefill" else 10)
        if not (name.startswith("mamba") and entry == "prefill"):
            compiled = torch.compile(fn)
            result["compiled_ms"] = median_ms(compiled, device)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
