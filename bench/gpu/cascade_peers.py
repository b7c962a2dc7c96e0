"""Self-contained PyTorch peer of Kiln's Stable Cascade frontend, for the GPU
benchmarks (bench/gpu/models.py; the GPU machine has torch but not
diffusers): diffusers' StableCascadeUNet forward (stages C and B) written
from the same formulas on the weight names Kiln reads, with SDPA attention,
in the weights' dtype. test/models/bench-peers.test checks it against the
diffusers goldens (test/golden/models/stable_cascade/).

The config is diffusers' config.json as a dict (its defaults below).
"""
import math

import torch
import torch.nn.functional as F

DEFAULTS = dict(in_channels=16, out_channels=16, timestep_ratio_embedding_dim=64, patch_size=1,
                conditioning_dim=2048, block_out_channels=[2048, 2048],
                num_attention_heads=[32, 32], down_num_layers_per_block=[8, 24],
                up_num_layers_per_block=[24, 8], down_blocks_repeat_mappers=[1, 1],
                up_blocks_repeat_mappers=[1, 1],
                block_types_per_layer=[["SDCascadeResBlock", "SDCascadeTimestepBlock",
                                        "SDCascadeAttnBlock"]] * 2,
                clip_text_in_channels=None, clip_text_pooled_in_channels=1280,
                clip_image_in_channels=None, clip_seq=4, effnet_in_channels=None,
                pixel_mapper_in_channels=None, kernel_size=3, self_attn=True,
                timestep_conditioning_type=["sca", "crp"], switch_level=None)


def config(c):
    out = dict(DEFAULTS)
    out.update({k: v for k, v in c.items() if not k.startswith("_")})
    if isinstance(out["self_attn"], bool):
        out["self_attn"] = [out["self_attn"]] * len(out["block_out_channels"])
    return out


def _norm2d(x):
    return F.layer_norm(x.permute(0, 2, 3, 1), x.shape[1:2], eps=1e-6).permute(0, 3, 1, 2)


def _conv(W, p, x, **kw):
    return F.conv2d(x, W[p + ".weight"], W[p + ".bias"], **kw)


def _linear(W, p, x):
    return F.linear(x, W[p + ".weight"], W[p + ".bias"])


def _resize(x, size):
    if tuple(x.shape[-2:]) == tuple(size):
        return x
    return F.interpolate(x.float(), size=size, mode="bilinear", align_corners=True).to(x.dtype)


def _res_block(W, p, c, x, skip):
    k = c["kernel_size"]
    h = _norm2d(_conv(W, p + ".depthwise", x, padding=k // 2, groups=x.shape[1]))
    if skip is not None:
        h = torch.cat([h, skip], dim=1)
    t = F.gelu(_linear(W, p + ".channelwise.0", h.permute(0, 2, 3, 1)))
    g = torch.norm(t.float(), p=2, dim=(1, 2), keepdim=True)
    n = (g / (g.mean(dim=-1, keepdim=True) + 1e-6)).to(t.dtype)
    t = W[p + ".channelwise.2.gamma"] * (t * n) + W[p + ".channelwise.2.beta"] + t
    return _linear(W, p + ".channelwise.4", t).permute(0, 3, 1, 2) + x


def _timestep_block(W, p, c, x, r):
    chunks = r.chunk(len(c["timestep_conditioning_type"]) + 1, dim=1)
    ab = _linear(W, p + ".mapper", chunks[0])
    for i, cond in enumerate(c["timestep_conditioning_type"]):
        ab = ab + _linear(W, f"{p}.mapper_{cond}", chunks[i + 1])
    a, b = ab[:, :, None, None].chunk(2, dim=1)
    return x * (1 + a) + b


def _attn_block(W, p, c, x, clip, heads, self_attn):
    B, C, H, Wd = x.shape
    kv = _linear(W, p + ".kv_mapper.1", F.silu(clip))
    q = _norm2d(x).view(B, C, -1).transpose(1, 2)
    if self_attn:
        kv = torch.cat([q, kv], dim=1)
    split = lambda t: t.view(B, t.shape[1], heads, C // heads).transpose(1, 2)  # noqa: E731
    a = p + ".attention"
    o = F.scaled_dot_product_attention(split(_linear(W, a + ".to_q", q)),
                                       split(_linear(W, a + ".to_k", kv)),
                                       split(_linear(W, a + ".to_v", kv)))
    o = _linear(W, a + ".to_out.0", o.transpose(1, 2).reshape(B, H * Wd, C))
    return x + o.transpose(1, 2).reshape(B, C, H, Wd)


def _ratio_embedding(c, r):
    half = c["timestep_ratio_embedding_dim"] // 2
    f = torch.arange(half, device=r.device).float().mul(-math.log(10000) / (half - 1)).exp()
    e = (r.float() * 10000)[:, None] * f[None, :]
    e = torch.cat([e.sin(), e.cos()], dim=1)
    if c["timestep_ratio_embedding_dim"] % 2 == 1:
        e = F.pad(e, (0, 1))
    return e


def _level(W, prefix, mappers, c, x, lvl, layers, repeats, r, clip, skip):
    types = c["block_types_per_layer"][lvl]
    for rep in range(repeats):
        index = 0
        for _ in range(layers):
            for t in types:
                p = f"{prefix}.{index}"
                if t == "SDCascadeResBlock":
                    s = skip if index == 0 else None
                    if s is not None:
                        x = _resize(x, s.shape[-2:])
                    x = _res_block(W, p, c, x, s)
                elif t == "SDCascadeTimestepBlock":
                    x = _timestep_block(W, p, c, x, r)
                else:
                    x = _attn_block(W, p, c, x, clip, c["num_attention_heads"][lvl],
                                    c["self_attn"][lvl])
                index += 1
        if rep + 1 < repeats:
            x = _conv(W, f"{mappers}.{rep}", x)
    return x


def cascade_unet(W, c, sample, timestep_ratio, clip_text_pooled, clip_text=None, clip_img=None,
                 effnet=None):
    """StableCascadeUNet.forward as the pipelines call it (zero pixels, zero
    extra timestep conditions) → the predicted noise, in W's dtype."""
    c = config(c)
    dtype = W["embedding.1.weight"].dtype
    B = sample.shape[0]
    r = torch.cat([_ratio_embedding(c, timestep_ratio)] +
                  [_ratio_embedding(c, torch.zeros_like(timestep_ratio))
                   for _ in c["timestep_conditioning_type"]], dim=1).to(dtype)
    cond = c["conditioning_dim"]
    clip = _linear(W, "clip_txt_pooled_mapper", clip_text_pooled.to(dtype)).view(
        B, clip_text_pooled.shape[1] * c["clip_seq"], cond)
    if clip_text is not None and clip_img is not None:
        img = _linear(W, "clip_img_mapper", clip_img.to(dtype)).view(
            B, clip_img.shape[1] * c["clip_seq"], cond)
        clip = torch.cat([_linear(W, "clip_txt_mapper", clip_text.to(dtype)), clip, img], dim=1)
    clip = F.layer_norm(clip, (cond,), eps=1e-6)
    x = sample.to(dtype)
    if c["patch_size"] > 1:
        x = F.pixel_unshuffle(x, c["patch_size"])
    x = _norm2d(_conv(W, "embedding.1", x))
    mapper = lambda p, t: _norm2d(_conv(W, p + ".2", F.gelu(_conv(W, p + ".0", t))))  # noqa: E731
    if effnet is not None and "effnet_mapper.0.weight" in W:
        x = x + mapper("effnet_mapper", _resize(effnet.to(dtype), x.shape[-2:]))
    if "pixels_mapper.2.weight" in W:
        pixels = torch.zeros(B, 3, 8, 8, dtype=dtype, device=x.device)
        # Kiln's weights file lacks the first conv's weight, which only ever
        # multiplies these zeros: any value gives the same mapper output.
        first = "pixels_mapper.0.weight"
        if first not in W:
            W = dict(W)
            W[first] = torch.zeros(W["pixels_mapper.0.bias"].shape[0], 3, 1, 1, dtype=dtype,
                                   device=x.device)
        x = x + _resize(mapper("pixels_mapper", pixels), x.shape[-2:])
    ch, L = c["block_out_channels"], len(c["block_out_channels"])
    outputs = []
    for i in range(L):
        if i > 0:
            x = _norm2d(x)
            p = f"down_downscalers.{i}.1"
            if c["switch_level"] is None:
                x = _conv(W, p, x, stride=2)
            else:
                x = _conv(W, p + ".blocks.0", x)
                if c["switch_level"][i - 1]:
                    x = _resize(x, (x.shape[2] // 2, x.shape[3] // 2))
        x = _level(W, f"down_blocks.{i}", f"down_repeat_mappers.{i}", c, x, i,
                   c["down_num_layers_per_block"][i], c["down_blocks_repeat_mappers"][i], r, clip,
                   None)
        outputs.insert(0, x)
    x = outputs[0]
    for u in range(L):
        i = L - 1 - u
        x = _level(W, f"up_blocks.{u}", f"up_repeat_mappers.{u}", c, x, i,
                   c["up_num_layers_per_block"][u], c["up_blocks_repeat_mappers"][u], r, clip,
                   outputs[u] if u > 0 else None)
        if i > 0:
            x = _norm2d(x)
            p = f"up_upscalers.{u}.1"
            if c["switch_level"] is None:
                x = F.conv_transpose2d(x, W[p + ".weight"], W[p + ".bias"], stride=2)
            else:
                if c["switch_level"][i - 1]:
                    x = _resize(x, (x.shape[2] * 2, x.shape[3] * 2))
                x = _conv(W, p + ".blocks.1", x)
    x = _conv(W, "clf.1", _norm2d(x))
    if c["patch_size"] > 1:
        x = F.pixel_shuffle(x, c["patch_size"])
    return x
