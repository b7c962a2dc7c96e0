"""Self-contained PyTorch peers of Kiln's transformer frontends, for the GPU
benchmarks (bench/gpu/models.py; the GPU machine has torch but not
transformers): Hugging Face's LlamaForCausalLM (RoPE default / linear / yarn,
GQA, SDPA attention, a static KV cache), Dinov2WithRegistersModel and
CLIPTextModelWithProjection, written from the same formulas, on the weight
names Kiln reads. In the weights' dtype, statistics in f32 as HF computes
them. test/models/bench-peers.test checks them against the HF goldens.
"""
import math

import torch
import torch.nn.functional as F


def _rms_norm(x, w, eps):
    h = x.float()
    h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + eps)
    return w * h.to(x.dtype)


def _layer_norm(W, p, x, eps):
    return F.layer_norm(x, x.shape[-1:], W[p + ".weight"], W[p + ".bias"], eps)


def _act(name, x):
    if name in ("silu", "swish"):
        return F.silu(x)
    if name in ("gelu", "gelu_python"):
        return F.gelu(x)
    if name in ("gelu_new", "gelu_fast", "gelu_pytorch_tanh", "gelu_accurate"):
        return F.gelu(x, approximate="tanh")
    if name == "quick_gelu":
        return x * torch.sigmoid(1.702 * x)
    raise ValueError(f"activation {name} has no peer")


# ---- Llama ----

def llama_rope_params(c):
    """inv_freq [d/2] (f32) and the magnitude, as HF's rope init functions."""
    d = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
    rope = dict(c.get("rope_parameters") or c.get("rope_scaling") or {})
    theta = rope.get("rope_theta", c.get("rope_theta", 10000.0))
    kind = rope.get("rope_type", rope.get("type", "default"))
    inv = 1.0 / (theta ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d))
    if kind == "default":
        return inv, 1.0
    s = rope["factor"]
    if kind == "linear":
        return inv / s, 1.0
    if kind != "yarn":
        raise ValueError(f"rope_type {kind} has no peer")
    l0 = rope["original_max_position_embeddings"]
    fast, slow = rope.get("beta_fast") or 32, rope.get("beta_slow") or 1
    dim = lambda r: d * math.log(l0 / (r * 2 * math.pi)) / (2 * math.log(theta))
    low, high = dim(fast), dim(slow)
    if rope.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, d - 1)
    if low == high:
        high += 0.001
    ramp = ((torch.arange(d // 2, dtype=torch.float32) - low) / (high - low)).clamp(0, 1)
    inv = (inv / s) * ramp + inv * (1 - ramp)
    m = rope.get("attention_factor") or (1.0 if s <= 1 else 0.1 * math.log(s) + 1.0)
    return inv, m


def _rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin


def _rope_tables(c, positions, dtype):
    inv, m = llama_rope_params(c)
    angle = positions.float()[..., None] * inv.to(positions.device)  # [B, L, d/2]
    angle = torch.cat([angle, angle], dim=-1)[:, None]               # [B, 1, L, d]
    return (angle.cos() * m).to(dtype), (angle.sin() * m).to(dtype)


def llama_step(W, c, ids, positions, caches, start):
    """HF's forward over `ids` at `positions`, appending to the static
    caches [(k, v)] (each [B, Hk, S, hd]) at row `start`; attention to rows
    [0, start + L), causal. Returns logits [B, L, V]."""
    hq, hk = c["num_attention_heads"], c.get("num_key_value_heads") or c["num_attention_heads"]
    d = c.get("head_dim") or c["hidden_size"] // hq
    eps = c.get("rms_norm_eps", 1e-6)
    x = W["model.embed_tokens.weight"][ids]
    b, L = ids.shape
    cos, sin = _rope_tables(c, positions, x.dtype)
    bias = lambda p: W.get(p + ".bias")
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = _rms_norm(x, W[p + "input_layernorm.weight"], eps)
        q = F.linear(h, W[p + "self_attn.q_proj.weight"], bias(p + "self_attn.q_proj"))
        k = F.linear(h, W[p + "self_attn.k_proj.weight"], bias(p + "self_attn.k_proj"))
        v = F.linear(h, W[p + "self_attn.v_proj.weight"], bias(p + "self_attn.v_proj"))
        q = _rotate(q.view(b, L, hq, d).transpose(1, 2), cos, sin)
        k = _rotate(k.view(b, L, hk, d).transpose(1, 2), cos, sin)
        v = v.view(b, L, hk, d).transpose(1, 2)
        kc, vc = caches[i]
        kc[:, :, start:start + L] = k.to(kc.dtype)
        vc[:, :, start:start + L] = v.to(vc.dtype)
        keys, values = kc[:, :, :start + L].to(q.dtype), vc[:, :, :start + L].to(q.dtype)
        if start == 0:
            o = F.scaled_dot_product_attention(q, keys, values, is_causal=True, enable_gqa=True)
        elif L == 1:
            o = F.scaled_dot_product_attention(q, keys, values, enable_gqa=True)
        else:  # the last L rows causal among themselves
            allowed = torch.ones(L, start + L, dtype=torch.bool, device=q.device).tril(start)
            o = F.scaled_dot_product_attention(q, keys, values, attn_mask=allowed, enable_gqa=True)
        o = o.transpose(1, 2).reshape(b, L, hq * d)
        x = x + F.linear(o, W[p + "self_attn.o_proj.weight"], bias(p + "self_attn.o_proj"))
        h = _rms_norm(x, W[p + "post_attention_layernorm.weight"], eps)
        act = _act(c.get("hidden_act", "silu"),
                   F.linear(h, W[p + "mlp.gate_proj.weight"], bias(p + "mlp.gate_proj")))
        up = F.linear(h, W[p + "mlp.up_proj.weight"], bias(p + "mlp.up_proj"))
        x = x + F.linear(act * up, W[p + "mlp.down_proj.weight"], bias(p + "mlp.down_proj"))
    h = _rms_norm(x, W["model.norm.weight"], eps)
    head = W.get("lm_head.weight", W["model.embed_tokens.weight"])
    return h @ head.T


# ---- DINOv2 with registers ----

def dinov2_forward(W, c, pixels):
    """last_hidden_state, pooler_output (HF's Dinov2WithRegistersModel)."""
    d, heads, ps = c["hidden_size"], c["num_attention_heads"], c["patch_size"]
    r, eps = c.get("num_register_tokens", 4), c.get("layer_norm_eps", 1e-6)
    b, _, H, Wd = pixels.shape
    x = F.conv2d(pixels, W["embeddings.patch_embeddings.projection.weight"],
                 W["embeddings.patch_embeddings.projection.bias"], stride=ps)
    gh, gw = x.shape[-2:]
    x = x.flatten(2).transpose(1, 2)
    pos = W["embeddings.position_embeddings"]
    s = c["image_size"] // ps
    if (gh, gw) != (s, s):
        grid = pos[:, 1:].reshape(1, s, s, d).permute(0, 3, 1, 2).float()
        grid = F.interpolate(grid, size=(gh, gw), mode="bicubic", align_corners=False,
                             antialias=True).to(pos.dtype)
        pos = torch.cat([pos[:, :1], grid.permute(0, 2, 3, 1).reshape(1, gh * gw, d)], dim=1)
    x = torch.cat([W["embeddings.cls_token"].expand(b, -1, -1), x], dim=1) + pos
    if r:
        x = torch.cat([x[:, :1], W["embeddings.register_tokens"].expand(b, -1, -1), x[:, 1:]], 1)
    hd = d // heads
    for i in range(c["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        h = _layer_norm(W, p + "norm1", x, eps)
        qkv = [F.linear(h, W[f"{p}attention.attention.{n}.weight"],
                        W.get(f"{p}attention.attention.{n}.bias"))
               .view(b, -1, heads, hd).transpose(1, 2) for n in ("query", "key", "value")]
        o = F.scaled_dot_product_attention(*qkv).transpose(1, 2).reshape(b, -1, d)
        o = F.linear(o, W[p + "attention.output.dense.weight"], W[p + "attention.output.dense.bias"])
        x = x + o * W[p + "layer_scale1.lambda1"]
        h = _layer_norm(W, p + "norm2", x, eps)
        if c.get("use_swiglu_ffn"):
            g, u = F.linear(h, W[p + "mlp.weights_in.weight"], W[p + "mlp.weights_in.bias"]).chunk(2, -1)
            h = F.linear(F.silu(g) * u, W[p + "mlp.weights_out.weight"], W[p + "mlp.weights_out.bias"])
        else:
            h = F.linear(_act(c.get("hidden_act", "gelu"),
                              F.linear(h, W[p + "mlp.fc1.weight"], W[p + "mlp.fc1.bias"])),
                         W[p + "mlp.fc2.weight"], W[p + "mlp.fc2.bias"])
        x = x + h * W[p + "layer_scale2.lambda1"]
    x = _layer_norm(W, "layernorm", x, eps)
    return x, x[:, 0]


# ---- CLIP text encoder ----

def clip_text_forward(W, c, ids, mask):
    """text_embeds (HF's CLIPTextModelWithProjection)."""
    d, heads = c["hidden_size"], c["num_attention_heads"]
    eps = c.get("layer_norm_eps", 1e-5)
    b, L = ids.shape
    x = W["text_model.embeddings.token_embedding.weight"][ids] + \
        W["text_model.embeddings.position_embedding.weight"][:L]
    allowed = torch.ones(L, L, dtype=torch.bool, device=ids.device).tril()[None, None] & \
        (mask != 0)[:, None, None, :]
    hd = d // heads
    for i in range(c["num_hidden_layers"]):
        p = f"text_model.encoder.layers.{i}."
        h = _layer_norm(W, p + "layer_norm1", x, eps)
        q, k, v = (F.linear(h, W[f"{p}self_attn.{n}_proj.weight"], W[f"{p}self_attn.{n}_proj.bias"])
                   .view(b, L, heads, hd).transpose(1, 2) for n in ("q", "k", "v"))
        o = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        x = x + F.linear(o.transpose(1, 2).reshape(b, L, d), W[p + "self_attn.out_proj.weight"],
                         W[p + "self_attn.out_proj.bias"])
        h = _layer_norm(W, p + "layer_norm2", x, eps)
        h = _act(c.get("hidden_act", "quick_gelu"),
                 F.linear(h, W[p + "mlp.fc1.weight"], W[p + "mlp.fc1.bias"]))
        x = x + F.linear(h, W[p + "mlp.fc2.weight"], W[p + "mlp.fc2.bias"])
    x = _layer_norm(W, "text_model.final_layer_norm", x, eps)
    eos = c.get("eos_token_id", 49407)
    at = ids.argmax(-1) if eos == 2 else (ids == eos).int().argmax(-1)
    pooled = x[torch.arange(b, device=ids.device), at]
    return pooled @ W["text_projection.weight"].T
