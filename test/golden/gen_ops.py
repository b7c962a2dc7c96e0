#!/usr/bin/env python3
"""Generates the per-op golden tests of the reference interpreter.

    python3 test/golden/gen_ops.py

deletes test/golden/ops/ and writes, for every case NAME of the registry
below:

  NAME.mlir                 lit test: `kilnc run --device reference`, then
                            `kiln-compare` against NAME.out.safetensors
  NAME.in.safetensors       inputs, keyed by the arguments' kiln.name
  NAME.out.safetensors      expected results, keyed by the results' kiln.name
  NAME.weights.safetensors  only for programs with kiln.param ops

Error cases (the reference device must reject the input) get a `not kilnc run
... | FileCheck` test and no .out file.

How expected values are made: inputs are drawn from a generator seeded by the
case name and rounded to the argument's dtype first; the stored inputs are
converted to float64 (integers to exact Python/int64 arithmetic) and the op is
computed in float64 with PyTorch where PyTorch has the op, else with a float64
numpy transcription of docs/ops.md and
docs/reference-semantics.md; the float64 result is rounded once to the result
dtype (round to nearest even; f16/bf16 through a round-to-odd f32 so that there
is no double rounding, like kiln::rt::doubleToBf16). Integer results wrap to
their width (two's complement).

Each case is one small function registered with @case. It declares inputs
(c.input), weights (c.weight), writes the body in kiln's custom syntax
(c.op) and declares the expected results (c.output). The function signature
and the `return` are built from those declarations.
"""

import math
import os
import shutil
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "ops")

f32, f16, bf16 = torch.float32, torch.float16, torch.bfloat16
i1, i8, i32, i64 = torch.bool, torch.int8, torch.int32, torch.int64
f64 = torch.float64

MLIR_DT = {f32: "f32", f16: "f16", bf16: "bf16", i1: "i1", i8: "i8", i32: "i32", i64: "i64"}
FLOATS = (f32, f16, bf16)
INT_BITS = {i8: 8, i32: 32, i64: 64}

# Tolerance policy (kiln-compare --rtol --atol), by result dtype. The float
# results of one case share one dtype (asserted), so no result is checked more
# loosely than its dtype asks; integer results next to float ones are small
# (indices, counts, quantized values), so |a - e| <= atol + rtol·|e| still
# forces them to match exactly.
TOL = {f32: ("2e-6", "1e-6"), f16: ("1e-3", "1e-5"), bf16: ("8e-3", "1e-4"),
       i1: ("0", "0"), i8: ("0", "0"), i32: ("0", "0"), i64: ("0", "0")}

TORCH = "PyTorch float64"
NUMPY = "numpy float64 transcription of ops.md / reference-semantics.md"


# ----------------------------------------------------------------------------
# Numbers


def round_to(x, dtype):
    """Rounds a float64 (or exact integer) tensor once to `dtype`."""
    x = torch.as_tensor(x)
    if dtype == i1:
        return x != 0
    if dtype in INT_BITS:
        if x.dtype.is_floating_point:
            assert torch.equal(x, torch.round(x)), "integer result is not integral"
        bits = INT_BITS[dtype]
        v = x.to(i64)
        if bits < 64:
            half = 1 << (bits - 1)
            v = torch.remainder(v + half, 1 << bits) - half
        return v.to(dtype)
    a = x.to(f64).numpy()
    if dtype == f32:
        return torch.from_numpy(a.astype(np.float32))
    # f16/bf16: double -> f32 rounded to odd, then f32 -> 16 bits to nearest
    # even: one correct rounding of the double (torch's f64 -> bf16 rounds
    # twice, through a round-to-nearest f32).
    with np.errstate(over="ignore", invalid="ignore"):
        f = a.astype(np.float32)
        fd = f.astype(np.float64)
        inexact = (fd != a) & ~np.isnan(a) & np.isfinite(fd)
        away = inexact & (np.abs(fd) > np.abs(a))
        f = np.where(away, np.nextafter(f, np.float32(0)), f).astype(np.float32)
        bits = f.view(np.uint32) | inexact.astype(np.uint32)
    return torch.from_numpy(bits.view(np.float32).copy()).to(dtype)


def D(t):
    """Stored tensor -> float64 tensor for computing expected values."""
    return torch.as_tensor(t).to(f64)


def f32v(v):
    """An f32 attribute's value, as the interpreter sees it (a double)."""
    return float(np.float32(v))


def fattr(v):
    """An f32 attribute literal that parses to exactly f32v(v)."""
    s = repr(f32v(v))
    if s in ("inf", "-inf", "nan"):
        raise ValueError(s)
    if "e" in s and "." not in s.split("e")[0]:
        m, e = s.split("e")
        s = m + ".0e" + e
    elif "e" not in s and "." not in s:
        s += ".0"
    return s + " : f32"


def ty(t, dtype=None):
    """MLIR type of a tensor, or of (shape, dtype)."""
    if isinstance(t, torch.Tensor):
        shape, dtype = tuple(t.shape), t.dtype
    else:
        shape = tuple(t)
    return "tensor<" + "".join(f"{d}x" for d in shape) + MLIR_DT[dtype] + ">"


def arr(vals):
    return "array<i64: " + ", ".join(str(int(v)) for v in vals) + ">"


def dense(t):
    """dense<...> literal of a small tensor."""
    def fmt(v):
        if t.dtype == i1:
            return "true" if v else "false"
        if t.dtype in INT_BITS:
            return str(int(v))
        s = repr(float(v))
        return s if ("." in s or "e" in s) else s + ".0"

    def rec(x):
        if x.dim() == 0:
            return fmt(x.item())
        return "[" + ", ".join(rec(e) for e in x) + "]"
    return f"dense<{rec(t)}> : {ty(t)}"


# ----------------------------------------------------------------------------
# The case registry


class Case:
    def __init__(self, name, checks, source):
        self.name, self.checks, self.source = name, checks, source
        self.rng = np.random.default_rng(zlib.crc32(name.encode()))
        self.inputs = {}   # kiln.name -> stored tensor
        self.weights = {}  # param name -> stored tensor
        self.body = []
        self.outputs = []  # (kiln.name, tensor, tied)
        self.error = None  # op name whose error the test expects

    # Random data (float64 numpy; rounded by input()).
    def uniform(self, shape, lo=-2.0, hi=2.0):
        return self.rng.uniform(lo, hi, size=shape)

    def normal(self, shape, std=1.0):
        return self.rng.normal(0.0, std, size=shape)

    def integers(self, shape, lo, hi):
        return self.rng.integers(lo, hi, size=shape, endpoint=True)

    def input(self, name, value, dtype=f32):
        """Declares argument `name`; returns the stored (rounded) tensor."""
        assert name not in self.inputs
        v = value if isinstance(value, torch.Tensor) else torch.as_tensor(np.asarray(value))
        t = round_to(v, dtype).contiguous()
        if t.numel() > 1 and dtype != i1:
            assert t.to(f64).abs().nansum() > 0, f"{self.name}: input {name} is all zeros"
        self.inputs[name] = t
        return t

    def weight(self, name, value, stored, as_type=None):
        """A kiln.param tensor: stored as `stored`; returns the tensor the
        program sees (converted to `as_type`, default `stored`)."""
        v = value if isinstance(value, torch.Tensor) else torch.as_tensor(np.asarray(value))
        t = round_to(v, stored).contiguous()
        self.weights[name] = t
        return round_to(D(t), as_type or stored)

    def op(self, line):
        self.body.append(line)

    def output(self, name, value, dtype, tied=None):
        """Declares result `name` (the SSA value %name) with the expected
        float64/exact value, rounded here to `dtype`."""
        self.outputs.append((name, round_to(value, dtype).contiguous(), tied))

    def expect_error(self, opname, message):
        """The run must fail with kilnc's one-line error naming `opname` and
        containing `message` (a fixed substring of the diagnostic)."""
        self.error = (opname, message)

    # Emission.
    def tolerance(self):
        floats = {t.dtype for _, t, _ in self.outputs if t.dtype in FLOATS}
        assert len(floats) <= 1, f"{self.name}: float results of several dtypes {floats}"
        if floats:
            rtol, atol = TOL[floats.pop()]
            for _, t, _ in self.outputs:
                if t.dtype not in FLOATS:
                    assert t.to(f64).abs().max() * float(rtol) + float(atol) < 1, self.name
            return rtol, atol
        return TOL[i64]

    def mlir(self):
        n = self.name
        lines = [f"// {n}: {self.checks}", f"// Expected values: {self.source}."]
        run = (f"kilnc run %s --device reference --inputs %S/{n}.in.safetensors "
               f"--output %t.safetensors")
        if self.weights:
            run += f" --weights %S/{n}.weights.safetensors"
        if self.error:
            lines.append(f"// RUN: not {run} 2>&1 | FileCheck %s")
            opname, message = self.error
            lines.append(f"// CHECK: kilnc: error: {{{{.*}}}}'{opname}' op {{{{.*}}}}{message}")
        else:
            rtol, atol = self.tolerance()
            lines.append(f"// RUN: {run}")
            lines.append(f"// RUN: kiln-compare %t.safetensors %S/{n}.out.safetensors "
                         f"--rtol {rtol} --atol {atol}")
        lines.append("")
        args = ", ".join(f'%{k}: {ty(t)} {{kiln.name = "{k}"}}' for k, t in self.inputs.items())
        res = []
        for k, t, tied in self.outputs:
            attr = f'kiln.name = "{k}"'
            if tied is not None:
                attr += f", kiln.tied = {tied} : i64"
            res.append(f"{ty(t)} {{{attr}}}")
        lines.append(f"func.func @main({args}) -> ({', '.join(res)}) {{")
        lines += ["  " + b for b in self.body]
        names = ", ".join("%" + k for k, _, _ in self.outputs)
        types = ", ".join(ty(t) for _, t, _ in self.outputs)
        lines.append(f"  return {names} : {types}")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def write(self, out_dir):
        base = os.path.join(out_dir, self.name)
        with open(base + ".mlir", "w") as f:
            f.write(self.mlir())
        save_file(dict(self.inputs), base + ".in.safetensors")
        if self.weights:
            save_file(dict(self.weights), base + ".weights.safetensors")
        if not self.error:
            save_file({k: t for k, t, _ in self.outputs}, base + ".out.safetensors")


REGISTRY = []


def case(name, checks, source=TORCH):
    def register(fn):
        REGISTRY.append((name, checks, source, fn))
        return fn
    return register


# ----------------------------------------------------------------------------
# Float64 transcriptions of ops.md / reference-semantics.md (numpy / torch)


def philox4x32_10(ctr, key):
    M0, M1, W0, W1 = 0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85
    mask = 0xFFFFFFFF
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for r in range(10):
        if r:
            k0, k1 = (k0 + W0) & mask, (k1 + W1) & mask
        p0, p1 = M0 * c0, M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & mask, p1 & mask, ((p0 >> 32) ^ c3 ^ k1) & mask, p0 & mask
    return c0, c1, c2, c3


# Random123's known-answer vectors for philox4x32_10.
assert philox4x32_10((0, 0, 0, 0), (0, 0)) == (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)
assert philox4x32_10((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2) == (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)
assert philox4x32_10((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0)) == \
    (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)


def random_normal_ref(shape, seed, mean=0.0, std=1.0):
    n = int(np.prod(shape))
    s = seed & 0xFFFFFFFFFFFFFFFF
    key = (s & 0xFFFFFFFF, s >> 32)
    out = np.empty(n)
    for i in range(n):
        r0, r1, _, _ = philox4x32_10((i & 0xFFFFFFFF, i >> 32, 0, 0), key)
        u1 = ((r0 >> 8) + 1) * 2.0 ** -24
        u2 = (r1 >> 8) * 2.0 ** -24
        out[i] = f32v(mean) + f32v(std) * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    return torch.from_numpy(out.reshape(shape))


def attention_ref(q, k, v, scale, causal=False, window=0, s2_group=0, mask=None, allowed=None):
    """ops.md kiln.attention in float64; disallowed keys get no weight and a
    row with no allowed key is 0. `allowed` is an extra [B, Hq, Lq, Lk] mask."""
    q, k, v = D(q), D(k), D(v)
    B, Hq, Lq, _ = q.shape
    Hk, Lk = k.shape[1], k.shape[2]
    k = k.repeat_interleave(Hq // Hk, dim=1)
    v = v.repeat_interleave(Hq // Hk, dim=1)
    logits = f32v(scale) * (q @ k.transpose(-1, -2))
    ok = torch.ones(B, Hq, Lq, Lk, dtype=torch.bool)
    i = torch.arange(Lq)[:, None]
    j = torch.arange(Lk)[None, :]
    o = Lk - Lq
    if causal:
        ok &= j <= i + o
    if window > 0:
        ok &= j > i + o - window
    if s2_group > 0:
        G = s2_group
        plain = (i // G) == (j // G)
        shifted = ((i + G // 2) // G) == ((j + G // 2) // G)
        for h in range(Hq):
            ok[:, h] &= plain if h < Hq // 2 else shifted
    if mask is not None:
        if mask.dtype == i1:
            ok &= mask
        else:
            m = D(mask)
            ok &= ~torch.isneginf(m).expand_as(ok)
            logits = logits + torch.where(torch.isneginf(m), torch.zeros_like(m), m)
    if allowed is not None:
        ok &= allowed
    logits = torch.where(ok, logits, torch.tensor(-math.inf, dtype=f64))
    mx = logits.amax(-1, keepdim=True)
    mx = torch.where(torch.isneginf(mx), torch.zeros_like(mx), mx)
    p = torch.where(ok, torch.exp(logits - mx), torch.zeros_like(logits))
    s = p.sum(-1, keepdim=True)
    a = torch.where(s > 0, p / torch.where(s > 0, s, torch.ones_like(s)), torch.zeros_like(p))
    return a @ v, a


def rope_inv_freq(d, theta, scaling="none", factor=1.0, L0=0, beta_fast=32.0, beta_slow=1.0,
                  attention_factor=0.0, truncate=True):
    """θ'_i (i < d/2) and the magnitude m of ops.md kiln.rope, in float64."""
    theta, factor = f32v(theta), f32v(factor)
    i = np.arange(d // 2, dtype=np.float64)
    if scaling == "ntk":
        theta = theta * factor ** (d / (d - 2))
    inv = theta ** (-2.0 * i / d)
    m = 1.0
    if scaling == "linear":
        inv = inv / factor
    elif scaling == "yarn":
        s = factor

        def dim_of(r):
            return d * math.log(L0 / (2 * math.pi * r)) / (2 * math.log(theta))
        low, high = dim_of(f32v(beta_fast)), dim_of(f32v(beta_slow))
        if truncate:
            low, high = math.floor(low), math.ceil(high)
        low, high = max(low, 0), min(high, d - 1)
        if low == high:
            high += 0.001
        gamma = np.clip((i - low) / (high - low), 0.0, 1.0)
        inv = (inv / s) * gamma + inv * (1 - gamma)
        if f32v(attention_factor) > 0:
            m = f32v(attention_factor)
        else:
            m = 0.1 * math.log(s) + 1.0 if s > 1 else 1.0
    return inv, m


def yarn_low_high(d, theta, L0, beta_fast=32.0, beta_slow=1.0):
    def dim_of(r):
        return d * math.log(L0 / (2 * math.pi * r)) / (2 * math.log(theta))
    return math.floor(dim_of(beta_fast)), math.ceil(dim_of(beta_slow))


# The check asked of the YaRN transcription: d = 128, theta = 1e4, L0 = 4096.
assert yarn_low_high(128, 1e4, 4096) == (20, 46)
assert abs(rope_inv_freq(128, 1e4, "yarn", 16.0, 4096)[1] - 1.2773) < 1e-4


def rope_ref(x, pos, rotary_dim=0, interleaved=False, theta=10000.0, **scaling):
    x = D(x).numpy()
    B, H, L, Dm = x.shape
    d = rotary_dim or Dm
    inv, m = rope_inv_freq(d, theta, **scaling)
    p = torch.as_tensor(pos).to(f64).numpy()
    ang = p[..., None] * inv                   # [L, d/2] or [B, L, d/2]
    if ang.ndim == 2:
        ang = ang[None, None]
    else:
        ang = ang[:, None]
    cos, sin = np.cos(ang) * m, np.sin(ang) * m
    out = x.copy()
    half = d // 2
    ia = np.arange(half) * 2 if interleaved else np.arange(half)
    ib = ia + 1 if interleaved else ia + half
    xa, xb = x[..., ia], x[..., ib]
    out[..., ia] = xa * cos - xb * sin
    out[..., ib] = xb * cos + xa * sin
    return torch.from_numpy(out)


def selective_scan_ref(u, delta, A, Bm, Cm, h0):
    u, delta, A, Bm, Cm, h = (D(t).numpy() for t in (u, delta, A, Bm, Cm, h0))
    Bsz, E, L = u.shape
    G = Bm.shape[1]
    grp = np.arange(E) // (E // G)
    h = h.copy()
    y = np.zeros((Bsz, E, L))
    for t in range(L):
        dA = np.exp(delta[:, :, t, None] * A[None])                  # [B, E, N]
        dBu = delta[:, :, t, None] * Bm[..., t][:, grp] * u[:, :, t, None]
        h = dA * h + dBu
        y[:, :, t] = (h * Cm[..., t][:, grp]).sum(-1)
    return torch.from_numpy(y), torch.from_numpy(h)


def quantize_ref(w, bits, block_size, axis, scheme="absmax"):
    w = D(w).numpy()
    axis = axis % w.ndim
    wm = np.moveaxis(w, axis, -1)
    blocks = wm.reshape(wm.shape[:-1] + (wm.shape[-1] // block_size, block_size))
    amax = np.abs(blocks).max(-1)
    div = 2 ** (bits - 1) - 1 if scheme == "absmax" else 2 ** (bits - 1)
    s = (amax / div).astype(np.float32).astype(np.float64)       # stored as f32
    s = np.where(amax == 0, 1.0, s)
    q = np.clip(np.rint(blocks / s[..., None]), -2 ** (bits - 1), 2 ** (bits - 1) - 1)
    q = np.moveaxis(q.reshape(wm.shape), -1, axis)
    s = np.moveaxis(s, -1, axis)
    return torch.from_numpy(q), torch.from_numpy(s)


def dequantize_ref(q, s, block_size, axis):
    q, s = D(q), D(s)
    return q * torch.repeat_interleave(s, block_size, dim=axis)


def resize_src(dst, n_in, n_out, align_corners, cubic):
    """reference-semantics.md source coordinate (bilinear / bicubic)."""
    if align_corners:
        return dst * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0 * dst
    src = (dst + 0.5) * n_in / n_out - 0.5
    return src if cubic else np.maximum(src, 0.0)


def cubic_weights(t, a):
    def near(x):  # |x| <= 1
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x):   # 1 < |x| < 2
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def resize_matrix(n_in, n_out, mode, align_corners=False, antialias=False):
    """[n_out, n_in] matrix of one separable resize axis (numpy float64)."""
    Wm = np.zeros((n_out, n_in))
    dst = np.arange(n_out, dtype=np.float64)
    if mode == "nearest":
        # PyTorch's legacy nearest: scale and product in float32.
        scale = np.float32(n_in) / np.float32(n_out)
        o = np.arange(n_out)
        if n_out == n_in:
            src = o
        elif n_out == 2 * n_in:
            src = o >> 1
        else:
            src = np.floor(o.astype(np.float32) * scale).astype(np.int64)
        src = np.minimum(src, n_in - 1)
        Wm[np.arange(n_out), src] = 1
        return Wm
    if antialias:
        scale = n_in / n_out
        size = 2 if mode == "bilinear" else 4
        support = size / 2 * max(scale, 1.0)
        inv = 1.0 / max(scale, 1.0)

        def filt(x):
            x = abs(x)
            if mode == "bilinear":
                return max(0.0, 1 - x)
            a = -0.5
            if x < 1:
                return ((a + 2) * x - (a + 3)) * x * x + 1
            if x < 2:
                return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
            return 0.0
        for o in range(n_out):
            center = scale * (o + 0.5)
            lo = max(int(math.floor(center - support + 0.5)), 0)
            hi = min(int(math.floor(center + support + 0.5)), n_in)
            w = np.array([filt((j - center + 0.5) * inv) for j in range(lo, hi)])
            Wm[o, lo:hi] = w / w.sum()
        return Wm
    src = resize_src(dst, n_in, n_out, align_corners, mode == "bicubic")
    for o in range(n_out):
        x0 = math.floor(src[o])
        t = src[o] - x0
        if mode == "bilinear":
            taps, ws = [x0, x0 + 1], [1 - t, t]
        else:
            taps, ws = [x0 - 1, x0, x0 + 1, x0 + 2], cubic_weights(t, -0.75)
        for tp, w in zip(taps, ws):
            Wm[o, min(max(tp, 0), n_in - 1)] += w
    return Wm


def resize_ref(x, size, mode, align_corners=False, antialias=False):
    Wh = resize_matrix(x.shape[2], size[0], mode, align_corners, antialias)
    Ww = resize_matrix(x.shape[3], size[1], mode, align_corners, antialias)
    return torch.from_numpy(np.einsum("ph,nchw,qw->ncpq", Wh, D(x).numpy(), Ww))


def resize_torch(x, size, mode, align_corners=False, antialias=False):
    """F.interpolate in float64, cross-checked against the transcription."""
    kw = {} if mode == "nearest" else {"align_corners": align_corners, "antialias": antialias}
    got = F.interpolate(D(x), size=size, mode=mode, **kw)
    want = resize_ref(x, size, mode, align_corners, antialias)
    assert torch.allclose(got, want, rtol=0, atol=1e-12), (mode, size, (got - want).abs().max())
    return got


def layer_norm_ref(x, axes, eps):
    x = D(x)
    mean = x.mean(dim=axes, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=axes, keepdim=True)
    return (x - mean) / torch.sqrt(var + f32v(eps))


def rms_norm_ref(x, axes, eps, group_size=0):
    x = D(x)
    if group_size:
        g = x.reshape(*x.shape[:-1], x.shape[-1] // group_size, group_size)
        return (g * torch.rsqrt((g * g).mean(-1, keepdim=True) + f32v(eps))).reshape(x.shape)
    return x * torch.rsqrt((x * x).mean(dim=axes, keepdim=True) + f32v(eps))


def stable_topk(x, k, axis):
    """Descending, ties to the lower index."""
    a = D(x).numpy()
    idx = np.argsort(-a, axis=axis, kind="stable")
    idx = np.take(idx, np.arange(k), axis=axis)
    return torch.from_numpy(np.take_along_axis(a, idx, axis=axis)), torch.from_numpy(idx)


def int_wrap(py_values, dtype):
    """Exact Python integers (nested lists / object array) wrapped to dtype."""
    bits = INT_BITS[dtype]
    half = 1 << (bits - 1)
    a = np.vectorize(lambda v: ((int(v) + half) % (1 << bits)) - half, otypes=[np.int64])(
        np.asarray(py_values, dtype=object))
    return torch.from_numpy(a).to(dtype)


def as_pyint(t):
    return np.asarray(t.to(i64).numpy(), dtype=object)


# ----------------------------------------------------------------------------
# Sources

@case("constant", "kiln.constant of f32, i32 (splat) and i1; an f32 constant added to an input",
      "the literals; PyTorch float64 for the sum")
def _(c):
    x = c.input("x", c.uniform((2, 3)))
    cf = torch.tensor([[1.5, -2.0, 0.25], [3.0, 0.0, -0.125]], dtype=f64)
    c.op(f"%cf = kiln.constant {dense(cf.to(f32))}")
    c.op(f"%ci = kiln.constant dense<7> : {ty((2, 3), i32)}")
    c.op(f"%cm = kiln.constant dense<[true, false, true]> : {ty((3,), i1)}")
    c.op(f"%y = kiln.add %x, %cf : {ty(x)}, {ty(x)}")
    c.output("cf", cf, f32)
    c.output("ci", torch.full((2, 3), 7), i32)
    c.output("cm", torch.tensor([True, False, True]), i1)
    c.output("y", D(x) + cf, f32)


@case("constant_bf16", "kiln.constant of bf16: decimal literals round to nearest bf16 "
      "(0.1 -> 0.10009765625); a bf16 splat", "the literals rounded once from float64 to bf16")
def _(c):
    c.op(f"%cb = kiln.constant dense<[0.1, 3.14159, -1.0e+03, 257.0]> : {ty((4,), bf16)}")
    c.op(f"%cs = kiln.constant dense<-2.5> : {ty((2, 2), bf16)}")
    c.output("cb", torch.tensor([0.1, 3.14159, -1000.0, 257.0], dtype=f64), bf16)
    c.output("cs", torch.full((2, 2), -2.5, dtype=f64), bf16)


@case("param_linear", "kiln.param f32 weight and bias (weights file) in x·wᵀ + b",
      "PyTorch float64 F.linear")
def _(c):
    x = c.input("x", c.uniform((3, 8)))
    w = c.weight("fc.weight", c.uniform((5, 8), -1, 1), f32)
    b = c.weight("fc.bias", c.uniform((1, 5), -1, 1), f32)
    c.op(f'%w = kiln.param "fc.weight" : {ty(w)}')
    c.op(f'%b = kiln.param "fc.bias" : {ty(b)}')
    c.op(f"%h = kiln.matmul %x, %w {{transpose_b = true}} : {ty(x)}, {ty(w)}")
    c.op(f"%y = kiln.add %h, %b : {ty((3, 5), f32)}, {ty(b)}")
    c.output("y", F.linear(D(x), D(w), D(b)[0]), f32)


@case("param_bf16_from_f32", "a bf16 kiln.param stored as F32 in the weights file is converted "
      "(round to nearest even) on load; an i32 param read as is")
def _(c):
    x = c.input("x", c.uniform((4, 6)), bf16)
    w = c.weight("w", c.uniform((4, 6)), f32, as_type=bf16)
    n = c.weight("n", c.integers((2, 3), -50, 50), i32)
    c.op(f'%w = kiln.param "w" : {ty(w)}')
    c.op(f'%n = kiln.param "n" : {ty(n)}')
    c.op(f"%s = kiln.add %x, %w : {ty(x)}, {ty(w)}")
    c.op(f"%wv = kiln.reshape %w : {ty(w)} -> {ty(w)}")
    c.op(f"%nv = kiln.reshape %n : {ty(n)} -> {ty((6,), i32)}")
    c.output("s", D(x) + D(w), bf16)
    c.output("wv", D(w), bf16)
    c.output("nv", n.reshape(6).to(i64), i32)


@case("iota", "kiln.iota along dim 0 / -1 / 1 for i32, f32, i64", "torch.arange")
def _(c):
    c.op(f"%a = kiln.iota {{dim = 0 : i64}} : {ty((5,), i32)}")
    c.op(f"%b = kiln.iota {{dim = -1 : i64}} : {ty((3, 4), f32)}")
    c.op(f"%d = kiln.iota {{dim = 1 : i64}} : {ty((2, 3, 4), i64)}")
    c.output("a", torch.arange(5), i32)
    c.output("b", torch.arange(4, dtype=f64).expand(3, 4), f32)
    c.output("d", torch.arange(3)[None, :, None].expand(2, 3, 4), i64)


@case("iota_bf16", "kiln.iota on bf16: indices above 256 round to nearest even (257 -> 256, "
      "259 -> 260)", "torch.arange rounded once to bf16")
def _(c):
    c.op(f"%e = kiln.iota {{dim = 1 : i64}} : {ty((1, 300), bf16)}")
    c.output("e", torch.arange(300, dtype=f64)[None], bf16)


PHILOX = ("Python transcription of ops.md's Philox4x32-10 (checked against Random123's "
          "known-answer vectors) and Box-Muller in float64")


@case("random_normal", "kiln.random_normal: Philox4x32-10 + Box-Muller, f32 seed 42; a seed above "
      "2^32 (key hi32 = 1) with mean and std", PHILOX)
def _(c):
    c.op(f"%a = kiln.random_normal {{seed = 42 : i64}} : {ty((4, 8), f32)}")
    c.op(f"%d = kiln.random_normal {{seed = 4294967301 : i64, mean = {fattr(-0.25)}, "
         f"std = {fattr(2.0)}}} : {ty((3, 5), f32)}")
    c.output("a", random_normal_ref((4, 8), 42), f32)
    c.output("d", random_normal_ref((3, 5), 4294967301, -0.25, 2.0), f32)


@case("random_normal_bf16", "kiln.random_normal on bf16, seed 7, mean 1, std 0.5 (rounded once)",
      PHILOX)
def _(c):
    c.op(f"%b = kiln.random_normal {{seed = 7 : i64, mean = {fattr(1.0)}, std = {fattr(0.5)}}} : "
         f"{ty((2, 4, 3), bf16)}")
    c.output("b", random_normal_ref((2, 4, 3), 7, 1.0, 0.5), bf16)


# ----------------------------------------------------------------------------
# Elementwise unary


def _unary_input(c, kind, shape=(4, 8), dtype=f32):
    if kind == "pos":        # log, sqrt, rsqrt
        v = c.uniform(shape, 0.05, 4.0)
    elif kind == "gt-1":     # log1p
        v = c.uniform(shape, -0.9, 3.0)
    elif kind == "nonzero":  # reciprocal
        v = c.uniform(shape, 0.2, 3.0) * np.where(c.uniform(shape) < 0, -1, 1)
    elif kind == "frac":     # floor: kept away from integers
        v = c.integers(shape, -4, 4) + c.uniform(shape, 0.05, 0.95)
    else:
        v = c.uniform(shape, -4.0, 4.0)
    return c.input("x", v, dtype)


UNARY = [
    ("neg", torch.neg, "any"), ("abs", torch.abs, "any"), ("exp", torch.exp, "any"),
    ("log", torch.log, "pos"), ("log1p", torch.log1p, "gt-1"), ("sqrt", torch.sqrt, "pos"),
    ("rsqrt", torch.rsqrt, "pos"), ("reciprocal", torch.reciprocal, "nonzero"),
    ("tanh", torch.tanh, "any"), ("sigmoid", torch.sigmoid, "any"), ("silu", F.silu, "any"),
    ("relu", torch.relu, "any"), ("erf", torch.erf, "any"), ("sin", torch.sin, "any"),
    ("cos", torch.cos, "any"), ("floor", torch.floor, "frac"),
]


def _register_unary(opname, fn, kind, dtype=f32, suffix="f32"):
    @case(f"{opname}_{suffix}", f"kiln.{opname} on {MLIR_DT[dtype]}",
          f"PyTorch float64 {'F' if fn is F.silu else 'torch'}.{fn.__name__}")
    def _(c):
        x = _unary_input(c, kind, dtype=dtype)
        c.op(f"%y = kiln.{opname} %x : {ty(x)}")
        c.output("y", fn(D(x)), dtype)


for _op, _fn, _kind in UNARY:
    _register_unary(_op, _fn, _kind)
_register_unary("exp", torch.exp, "any", f16, "f16")
_register_unary("silu", F.silu, "any", bf16, "bf16")


@case("gelu_none", "kiln.gelu default (erf form)", "PyTorch float64 F.gelu(approximate='none')")
def _(c):
    x = c.input("x", c.uniform((4, 8), -4, 4))
    c.op(f"%y = kiln.gelu %x : {ty(x)}")
    c.output("y", F.gelu(D(x)), f32)


@case("gelu_tanh", "kiln.gelu approximate = tanh", "PyTorch float64 F.gelu(approximate='tanh')")
def _(c):
    x = c.input("x", c.uniform((4, 8), -4, 4))
    c.op(f'%y = kiln.gelu %x {{approximate = "tanh"}} : {ty(x)}')
    c.output("y", F.gelu(D(x), approximate="tanh"), f32)


@case("softplus_default", "kiln.softplus beta 1, threshold 20: log1p(exp(x)) below, x where "
      "x > 20 (inputs 19.5 ... 30)", "PyTorch float64 F.softplus")
def _(c):
    v = np.concatenate([c.uniform(24, -6, 6), [19.5, 20.0, 20.5, 21.0, 25.0, 30.0, -30.0, 0.0]])
    x = c.input("x", v.reshape(4, 8))
    c.op(f"%y = kiln.softplus %x : {ty(x)}")
    c.output("y", F.softplus(D(x)), f32)


@case("softplus_beta2", "kiln.softplus beta 2, threshold 10 (β·x > 10 returns x; β·x = 10 does not)",
      "PyTorch float64 F.softplus(beta=2, threshold=10)")
def _(c):
    v = np.concatenate([c.uniform(26, -4, 4), [4.5, 5.0, 5.25, 6.0, 8.0, -8.0]])
    x = c.input("x", v.reshape(4, 8))
    c.op(f"%y = kiln.softplus %x {{beta = {fattr(2.0)}, threshold = {fattr(10.0)}}} : {ty(x)}")
    c.output("y", F.softplus(D(x), beta=2.0, threshold=10.0), f32)


@case("clamp", "kiln.clamp with min and max, min only, max only", "PyTorch float64 torch.clamp")
def _(c):
    x = c.input("x", c.uniform((4, 8), -5, 8))
    c.op(f"%both = kiln.clamp %x {{min = {fattr(-1.5)}, max = {fattr(2.25)}}} : {ty(x)}")
    c.op(f"%lo = kiln.clamp %x {{min = {fattr(0.0)}}} : {ty(x)}")
    c.op(f"%hi = kiln.clamp %x {{max = {fattr(6.0)}}} : {ty(x)}")
    c.output("both", torch.clamp(D(x), -1.5, 2.25), f32)
    c.output("lo", torch.clamp(D(x), min=0.0), f32)
    c.output("hi", torch.clamp(D(x), max=6.0), f32)


@case("clamp_i32", "kiln.clamp on i32 with integral bounds (results stay integers)",
      "PyTorch torch.clamp on int64")
def _(c):
    x = c.input("x", c.integers((3, 8), -9, 9), i32)
    c.op(f"%y = kiln.clamp %x {{min = {fattr(-3.0)}, max = {fattr(4.0)}}} : {ty(x)}")
    c.output("y", torch.clamp(x.to(i64), -3, 4), i32)


# ----------------------------------------------------------------------------
# Elementwise binary


@case("add_f32_broadcast", "kiln.add with broadcasting [4,1] + [1,8]")
def _(c):
    a = c.input("a", c.uniform((4, 1)))
    b = c.input("b", c.uniform((1, 8)))
    c.op(f"%y = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) + D(b), f32)


@case("add_bf16", "kiln.add on bf16 (double sum rounded once to bf16), broadcasting [4,8] + [1,8]")
def _(c):
    a = c.input("a", c.uniform((4, 8), -3, 3), bf16)
    b = c.input("b", c.uniform((1, 8), -3, 3), bf16)
    c.op(f"%y = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) + D(b), bf16)


@case("add_f16", "kiln.add on f16, broadcasting [2,1,4] + [2,3,4]")
def _(c):
    a = c.input("a", c.uniform((2, 1, 4), -3, 3), f16)
    b = c.input("b", c.uniform((2, 3, 4), -3, 3), f16)
    c.op(f"%y = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) + D(b), f16)


@case("sub_f32_broadcast", "kiln.sub with broadcasting [4,1] - [1,8]")
def _(c):
    a = c.input("a", c.uniform((4, 1)))
    b = c.input("b", c.uniform((1, 8)))
    c.op(f"%y = kiln.sub %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) - D(b), f32)


@case("mul_f32_broadcast", "kiln.mul with broadcasting [2,3,4] * [2,1,4]")
def _(c):
    a = c.input("a", c.uniform((2, 3, 4)))
    b = c.input("b", c.uniform((2, 1, 4)))
    c.op(f"%y = kiln.mul %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) * D(b), f32)


@case("div_f32_broadcast", "kiln.div with broadcasting [4,8] / [4,1]")
def _(c):
    a = c.input("a", c.uniform((4, 8)))
    b = c.input("b", np.array([[0.7], [-1.3], [2.9], [-0.45]]))
    c.op(f"%y = kiln.div %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) / D(b), f32)


@case("max_min_f32", "kiln.max and kiln.min with broadcasting, equal values and NaN propagation",
      "PyTorch float64 torch.maximum / torch.minimum")
def _(c):
    av = c.integers((4, 8), -3, 3).astype(np.float64) * 0.5
    av[1, 2] = np.nan
    a = c.input("a", av)
    b = c.input("b", c.integers((1, 8), -3, 3) * 0.5 + np.array([0, 0.25] * 4))
    c.op(f"%mx = kiln.max %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%mn = kiln.min %a, %b : {ty(a)}, {ty(b)}")
    c.output("mx", torch.maximum(D(a), D(b)), f32)
    c.output("mn", torch.minimum(D(a), D(b)), f32)


@case("pow_f32", "kiln.pow, positive bases [4,8] to exponents [1,8] in [-2, 3]")
def _(c):
    a = c.input("a", c.uniform((4, 8), 0.1, 2.5))
    b = c.input("b", c.uniform((1, 8), -2, 3))
    c.op(f"%y = kiln.pow %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", torch.pow(D(a), D(b)), f32)


@case("pow_f32_negative_base", "kiln.pow with negative bases and integral exponents")
def _(c):
    a = c.input("a", c.uniform((3, 4), -2.5, -0.2))
    b = c.input("b", np.array([[-2.0, 0.0, 1.0, 3.0]]))
    c.op(f"%y = kiln.pow %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", torch.pow(D(a), D(b)), f32)


@case("add_sub_mul_i32", "kiln.add / sub / mul on i32 with broadcasting and two's-complement wrap",
      "exact Python integer arithmetic wrapped to i32 (as PyTorch int32 tensors)")
def _(c):
    av = c.integers((3, 4), -1000, 1000)
    av[0, 0], av[1, 1], av[2, 2] = 2147483647, -2147483648, 123456789
    a = c.input("a", av, i32)
    b = c.input("b", np.array([[1, -1, 1000, -7]]), i32)
    A, B = as_pyint(a), as_pyint(b)
    c.op(f"%s = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%d = kiln.sub %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%p = kiln.mul %a, %b : {ty(a)}, {ty(b)}")
    c.output("s", int_wrap(A + B, i32), i32)
    c.output("d", int_wrap(A - B, i32), i32)
    c.output("p", int_wrap(A * B, i32), i32)


@case("add_mul_i8_wrap", "kiln.add / mul / sub on i8 wrap around (100 + 100 = -56)",
      "exact Python integer arithmetic wrapped to i8")
def _(c):
    a = c.input("a", np.array([[100, -100, 127, -128, 5, 64, -3, 0]]), i8)
    b = c.input("b", np.array([[100, -100, 1, -1, 7, 2, 90, 1]]), i8)
    A, B = as_pyint(a), as_pyint(b)
    c.op(f"%s = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%p = kiln.mul %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%d = kiln.sub %a, %b : {ty(a)}, {ty(b)}")
    c.output("s", int_wrap(A + B, i8), i8)
    c.output("p", int_wrap(A * B, i8), i8)
    c.output("d", int_wrap(A - B, i8), i8)


@case("add_i64", "kiln.add on i64 with broadcasting beyond the i32 range",
      "exact Python integer arithmetic")
def _(c):
    a = c.input("a", np.array([[4000000000], [-5], [1 << 40]]), i64)
    b = c.input("b", np.array([[1, -3000000000, 7]]), i64)
    c.op(f"%y = kiln.add %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", int_wrap(as_pyint(a) + as_pyint(b), i64), i64)


@case("div_i32_floor", "integer kiln.div is floor division (-7 / 2 = -4), with broadcasting",
      "PyTorch torch.div(rounding_mode='floor') on int64 (Python //)")
def _(c):
    a = c.input("a", np.array([[-7], [7], [-8], [0], [2147483647], [-2147483648]]), i32)
    b = c.input("b", np.array([[2, -2, 3, -3, 1, 7]]), i32)
    c.op(f"%y = kiln.div %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", int_wrap(as_pyint(a) // as_pyint(b), i32), i32)


@case("div_i8_floor", "integer kiln.div on i8: floor division, -128 / -1 wraps to -128",
      "exact Python floor division (//) wrapped to i8")
def _(c):
    a = c.input("a", np.array([[-128, -128, 127, -7, 7, -1, 100, -100]]), i8)
    b = c.input("b", np.array([[-1, 3, -2, 2, -3, 5, 7, 9]]), i8)
    c.op(f"%y = kiln.div %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", int_wrap(as_pyint(a) // as_pyint(b), i8), i8)


@case("div_i32_by_zero", "integer kiln.div by zero is an error on the reference device",
      "none: the run must fail")
def _(c):
    a = c.input("a", np.array([[7, -3, 5]]), i32)
    b = c.input("b", np.array([[2, 0, 1]]), i32)
    c.op(f"%y = kiln.div %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", torch.zeros(1, 3), i32)
    c.expect_error("kiln.div", "integer division by zero")


@case("max_min_i32", "kiln.max / kiln.min on i32 with broadcasting", "PyTorch torch.maximum / minimum")
def _(c):
    a = c.input("a", c.integers((3, 5), -9, 9), i32)
    b = c.input("b", c.integers((3, 1), -9, 9), i32)
    c.op(f"%mx = kiln.max %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%mn = kiln.min %a, %b : {ty(a)}, {ty(b)}")
    c.output("mx", torch.maximum(a.to(i64), b.to(i64)), i32)
    c.output("mn", torch.minimum(a.to(i64), b.to(i64)), i32)


@case("pow_i32", "integer kiln.pow: exact with wrap-around (3^25 overflows i32), 0^0 = 1",
      "exact Python integer ** wrapped to i32")
def _(c):
    a = c.input("a", np.array([[3, -3, 2, 0, 1, -1, 7, 10]]), i32)
    b = c.input("b", np.array([[25], [0], [3], [31]]), i32)
    c.op(f"%y = kiln.pow %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", int_wrap(as_pyint(a) ** as_pyint(b), i32), i32)


@case("pow_i8_wrap", "integer kiln.pow on i8 wraps (2^7 = -128, 3^5 = -13)",
      "exact Python integer ** wrapped to i8")
def _(c):
    a = c.input("a", np.array([[2, 3, -2, 5, 1, -1]]), i8)
    b = c.input("b", np.array([[7, 5, 7, 3, 100, 3]]), i8)
    c.op(f"%y = kiln.pow %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", int_wrap(as_pyint(a) ** as_pyint(b), i8), i8)


@case("pow_i32_negative_exponent", "integer kiln.pow with a negative exponent is an error on the "
      "reference device (PyTorch raises too)", "none: the run must fail")
def _(c):
    a = c.input("a", np.array([[2, 3, 4]]), i32)
    b = c.input("b", np.array([[1, -1, 2]]), i32)
    c.op(f"%y = kiln.pow %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", torch.zeros(1, 3), i32)
    c.expect_error("kiln.pow", "integer pow with a negative exponent")


@case("compare_f32", "kiln.compare, every predicate, with broadcasting, equal values and NaN "
      "(unordered: only ne is true)", "PyTorch torch.eq/ne/lt/le/gt/ge on float64")
def _(c):
    av = c.integers((4, 6), -2, 2).astype(np.float64)
    av[0, 1] = np.nan
    a = c.input("a", av)
    bv = np.array([[-1.0, 0.0, 1.0, np.nan, 2.0, -2.0]])
    b = c.input("b", bv)
    for p, fn in (("eq", torch.eq), ("ne", torch.ne), ("lt", torch.lt), ("le", torch.le),
                  ("gt", torch.gt), ("ge", torch.ge)):
        c.op(f'%{p} = kiln.compare %a, %b {{predicate = "{p}"}} : {ty(a)}, {ty(b)}')
        c.output(p, fn(D(a), D(b)), i1)


@case("compare_i32", "kiln.compare on i32, every predicate, with broadcasting",
      "PyTorch comparisons on int64")
def _(c):
    a = c.input("a", c.integers((4, 1), -2, 2), i32)
    b = c.input("b", np.array([[-2, -1, 0, 1, 2]]), i32)
    for p, fn in (("eq", torch.eq), ("ne", torch.ne), ("lt", torch.lt), ("le", torch.le),
                  ("gt", torch.gt), ("ge", torch.ge)):
        c.op(f'%{p} = kiln.compare %a, %b {{predicate = "{p}"}} : {ty(a)}, {ty(b)}')
        c.output(p, fn(a.to(i64), b.to(i64)), i1)


@case("select", "kiln.select (cond i1, a, b) with all three broadcasting: [4,1], [1,8], [4,8]",
      "PyTorch torch.where")
def _(c):
    cond = c.input("cond", np.array([[True], [False], [True], [True]]), i1)
    a = c.input("a", c.uniform((1, 8)))
    b = c.input("b", c.uniform((4, 8)))
    cf = c.input("cf", c.uniform((4, 8)) > 0, i1)
    ia = c.input("ia", c.integers((4, 8), -50, 50), i32)
    ib = c.input("ib", c.integers((4, 8), -50, 50), i32)
    c.op(f"%y = kiln.select %cond, %a, %b : {ty(cond)}, {ty(a)}, {ty(b)}")
    c.op(f"%yi = kiln.select %cf, %ia, %ib : {ty(cf)}, {ty(ia)}, {ty(ib)}")
    c.output("y", torch.where(cond, D(a), D(b)), f32)
    c.output("yi", torch.where(cf, ia.to(i64), ib.to(i64)), i32)


# ----------------------------------------------------------------------------
# cast


@case("cast_f32_bf16", "kiln.cast f32 -> bf16 rounds to nearest even (exact ties included)",
      "round to nearest even of the stored f32 value")
def _(c):
    ties = [1 + 2 ** -8, 1 + 3 * 2 ** -8, -(1 + 2 ** -8), 1 + 2 ** -8 + 2 ** -20, 3.0e38, 1.0e-39]
    x = c.input("x", np.concatenate([c.normal(26, 3.0), ties]).reshape(4, 8))
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, bf16)}")
    c.output("y", D(x), bf16)


@case("cast_f32_f16", "kiln.cast f32 -> f16: nearest even, subnormals, overflow to inf above 65520",
      "round to nearest even of the stored f32 value")
def _(c):
    special = [1 + 2 ** -11, 1 + 3 * 2 ** -11, 65504.0, 65519.0, 65520.0, -70000.0, 1e-6, 3e-8]
    x = c.input("x", np.concatenate([c.normal(24, 3.0), special]).reshape(4, 8))
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, f16)}")
    c.output("y", D(x), f16)


@case("cast_f32_i8", "kiln.cast f32 -> i8 rounds half to even and saturates; NaN -> 0",
      "reference-semantics.md: round half to even (numpy rint), clamp to [-128, 127], NaN -> 0")
def _(c):
    v = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.7, -3.7,
         126.5, 127.4, 127.5, 200.0, -128.4, -128.5, -300.0, np.nan]
    x = c.input("x", np.array(v).reshape(2, 8))
    a = D(x).numpy()
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, i8)}")
    c.output("y", torch.from_numpy(np.nan_to_num(np.clip(np.rint(a), -128, 127), nan=0.0)), i8)


@case("cast_f32_i32", "kiln.cast f32 -> i32: half to even, saturation at ±2^31, NaN -> 0",
      "reference-semantics.md: round half to even, clamp to the i32 range, NaN -> 0")
def _(c):
    v = [2.5, -2.5, 3.5, 1e10, -1e10, 2147483520.0, np.nan, 0.49999997]
    x = c.input("x", np.array(v).reshape(1, 8))
    a = D(x).numpy()
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, i32)}")
    c.output("y", torch.from_numpy(np.nan_to_num(np.clip(np.rint(a), -2 ** 31, 2 ** 31 - 1), nan=0.0)), i32)


@case("cast_i32_f32", "kiln.cast i32 -> f32 rounds to nearest even above 2^24",
      "round to nearest even of the exact integer")
def _(c):
    v = [16777216, 16777217, 16777219, -16777217, 2147483647, -2147483648, 123, 0]
    x = c.input("x", np.array(v).reshape(2, 4), i32)
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, f32)}")
    c.output("y", x.to(f64), f32)


@case("cast_f32_i1", "kiln.cast f32 -> i1 is 'non-zero' (-0.0 -> false, NaN -> true)",
      "PyTorch .to(torch.bool)")
def _(c):
    x = c.input("x", np.array([[0.0, -0.0, 1e-30, -2.0, np.nan, 0.5, 0.0, 3.0]]))
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, i1)}")
    c.output("y", D(x).to(torch.bool), i1)


@case("cast_i1_f32", "kiln.cast i1 -> f32 and i1 -> i32 give 0/1", "PyTorch .to(float64)")
def _(c):
    x = c.input("x", c.uniform((3, 4)) > 0, i1)
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, f32)}")
    c.op(f"%n = kiln.cast %x : {ty(x)} to {ty(x.shape, i32)}")
    c.output("y", x.to(f64), f32)
    c.output("n", x.to(i64), i32)


@case("cast_bf16_f32", "kiln.cast bf16 -> f32 (exact)", "exact conversion")
def _(c):
    x = c.input("x", c.normal((3, 4), 4.0), bf16)
    c.op(f"%y = kiln.cast %x : {ty(x)} to {ty(x.shape, f32)}")
    c.output("y", D(x), f32)


# ----------------------------------------------------------------------------
# Shape and data movement


@case("reshape", "kiln.reshape keeps row-major order (rank 3 -> 2, 3 -> 1, i1)", "torch.reshape")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4)))
    m = c.input("m", c.uniform((2, 3)) > 0, i1)
    c.op(f"%y = kiln.reshape %x : {ty(x)} -> {ty((4, 6), f32)}")
    c.op(f"%z = kiln.reshape %x : {ty(x)} -> {ty((24,), f32)}")
    c.op(f"%mm = kiln.reshape %m : {ty(m)} -> {ty((3, 1, 2), i1)}")
    c.output("y", D(x).reshape(4, 6), f32)
    c.output("z", D(x).reshape(24), f32)
    c.output("mm", m.reshape(3, 1, 2), i1)


@case("transpose", "kiln.transpose perm [2, 0, 1] (f32) and [0, 2, 1, 3] (i32)", "torch.permute")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4)))
    n = c.input("n", c.integers((1, 2, 3, 4), -99, 99), i32)
    c.op(f"%y = kiln.transpose %x {{perm = {arr([2, 0, 1])}}} : {ty(x)}")
    c.op(f"%m = kiln.transpose %n {{perm = {arr([0, 2, 1, 3])}}} : {ty(n)}")
    c.output("y", D(x).permute(2, 0, 1), f32)
    c.output("m", n.permute(0, 2, 1, 3).to(i64), i32)


@case("broadcast_to", "kiln.broadcast_to [2,1,4] -> [2,3,4] and i1 [1,1] -> [3,5]", "torch.expand")
def _(c):
    x = c.input("x", c.uniform((2, 1, 4)))
    m = c.input("m", np.array([[True]]), i1)
    c.op(f"%y = kiln.broadcast_to %x : {ty(x)} -> {ty((2, 3, 4), f32)}")
    c.op(f"%mm = kiln.broadcast_to %m : {ty(m)} -> {ty((3, 5), i1)}")
    c.output("y", D(x).expand(2, 3, 4), f32)
    c.output("mm", m.expand(3, 5), i1)


@case("concat", "kiln.concat of three tensors along axis 1, and of i32 along axis -1", "torch.cat")
def _(c):
    a = c.input("a", c.uniform((2, 1, 3)))
    b = c.input("b", c.uniform((2, 2, 3)))
    d = c.input("d", c.uniform((2, 3, 3)))
    p = c.input("p", c.integers((2, 2), -9, 9), i32)
    q = c.input("q", c.integers((2, 3), -9, 9), i32)
    c.op(f"%y = kiln.concat %a, %b, %d {{axis = 1 : i64}} : {ty(a)}, {ty(b)}, {ty(d)}")
    c.op(f"%z = kiln.concat %p, %q {{axis = -1 : i64}} : {ty(p)}, {ty(q)}")
    c.output("y", torch.cat([D(a), D(b), D(d)], 1), f32)
    c.output("z", torch.cat([p, q], -1).to(i64), i32)


@case("slice", "kiln.slice with negative start and stride 2; negative limit with stride 3; "
      "limit beyond the dimension is clamped", "numpy x[start:limit:stride]")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4)))
    v = c.input("v", c.uniform((3, 10)))
    c.op(f"%y = kiln.slice %x {{start = {arr([0, 1, -4])}, limit = {arr([2, 3, 4])}, "
         f"stride = {arr([1, 1, 2])}}} : {ty(x)}")
    c.op(f"%z = kiln.slice %v {{start = {arr([1, -9])}, limit = {arr([100, -1])}, "
         f"stride = {arr([1, 3])}}} : {ty(v)}")
    c.output("y", D(x).numpy()[0:2, 1:3, -4:4:2].copy(), f32)
    c.output("z", D(v).numpy()[1:100, -9:-1:3].copy(), f32)


@case("pad_constant", "kiln.pad constant with value -1.5, low/high per dim on all three dims",
      "PyTorch float64 F.pad(mode='constant')")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4)))
    c.op(f"%y = kiln.pad %x {{low = {arr([0, 1, 2])}, high = {arr([1, 0, 1])}, "
         f"value = {fattr(-1.5)}}} : {ty(x)}")
    c.output("y", F.pad(D(x), (2, 1, 1, 0, 0, 1), mode="constant", value=-1.5), f32)


@case("pad_replicate", "kiln.pad replicate on H and W of NCHW, asymmetric",
      "PyTorch float64 F.pad(mode='replicate')")
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 4)))
    c.op(f'%y = kiln.pad %x {{low = {arr([0, 0, 1, 2])}, high = {arr([0, 0, 2, 1])}, '
         f'mode = "replicate"}} : {ty(x)}')
    c.output("y", F.pad(D(x), (2, 1, 1, 2), mode="replicate"), f32)


@case("pad_reflect", "kiln.pad reflect on H and W of NCHW, asymmetric (pad < dim)",
      "PyTorch float64 F.pad(mode='reflect')")
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 4)))
    c.op(f'%y = kiln.pad %x {{low = {arr([0, 0, 1, 2])}, high = {arr([0, 0, 2, 3])}, '
         f'mode = "reflect"}} : {ty(x)}')
    c.output("y", F.pad(D(x), (2, 3, 1, 2), mode="reflect"), f32)


@case("gather_axis0_i64", "kiln.gather axis 0 with [2,3] i64 indices incl. negative (-1, -5)",
      "numpy take")
def _(c):
    t = c.input("table", c.uniform((5, 4)))
    idx = c.input("ids", np.array([[0, 4, -1], [2, -5, 2]]), i64)
    c.op(f"%y = kiln.gather %table, %ids : {ty(t)}, {ty(idx)}")
    c.output("y", np.take(D(t).numpy(), idx.numpy(), axis=0), f32)


@case("gather_axis1_i32", "kiln.gather axis 1 with [2,2] i32 indices (result [3,2,2,2]); bf16 table",
      "numpy take")
def _(c):
    t = c.input("table", c.uniform((3, 6, 2)), bf16)
    idx = c.input("ids", np.array([[5, 0], [-2, 3]]), i32)
    c.op(f"%y = kiln.gather %table, %ids {{axis = 1 : i64}} : {ty(t)}, {ty(idx)}")
    c.output("y", np.take(D(t).numpy(), idx.numpy(), axis=1), bf16)


@case("gather_out_of_range", "kiln.gather with index 5 on a dimension of 5 is an error on the "
      "reference device", "none: the run must fail")
def _(c):
    t = c.input("table", c.uniform((5, 4)))
    idx = c.input("ids", np.array([1, 5]), i64)
    c.op(f"%y = kiln.gather %table, %ids : {ty(t)}, {ty(idx)}")
    c.output("y", torch.zeros(2, 4), f32)
    c.expect_error("kiln.gather", "is out of range for axis")


@case("pixel_shuffle", "kiln.pixel_shuffle factor 2: [1,8,2,3] -> [1,2,4,6]", "PyTorch F.pixel_shuffle")
def _(c):
    x = c.input("x", c.uniform((1, 8, 2, 3)))
    c.op(f"%y = kiln.pixel_shuffle %x {{factor = 2 : i64}} : {ty(x)}")
    c.output("y", F.pixel_shuffle(D(x), 2), f32)


@case("pixel_unshuffle", "kiln.pixel_unshuffle factor 2: [2,2,4,6] -> [2,8,2,3]",
      "PyTorch F.pixel_unshuffle")
def _(c):
    x = c.input("x", c.uniform((2, 2, 4, 6)))
    c.op(f"%y = kiln.pixel_unshuffle %x {{factor = 2 : i64}} : {ty(x)}")
    c.output("y", F.pixel_unshuffle(D(x), 2), f32)


def _resize_case(name, checks, in_shape, size, mode, align_corners=False, antialias=False):
    src = (f"PyTorch float64 F.interpolate(size={size}, mode='{mode}'"
           + ("" if mode == "nearest" else f", align_corners={align_corners}, antialias={antialias}")
           + "), cross-checked against a numpy transcription of reference-semantics.md")

    @case(name, checks, src)
    def _(c):
        x = c.input("x", c.uniform(in_shape))
        attrs = [f'mode = "{mode}"']
        if align_corners:
            attrs.append("align_corners = true")
        if antialias:
            attrs.append("antialias = true")
        out = (in_shape[0], in_shape[1]) + tuple(size)
        c.op(f"%y = kiln.resize %x {{{', '.join(attrs)}}} : {ty(x)} -> {ty(out, f32)}")
        c.output("y", resize_torch(x, size, mode, align_corners, antialias), f32)


_resize_case("resize_nearest_up", "kiln.resize nearest (legacy) upsampling 3x5 -> 7x8",
             (1, 2, 3, 5), (7, 8), "nearest")
_resize_case("resize_nearest_down", "kiln.resize nearest (legacy) downsampling 8x6 -> 3x4",
             (1, 1, 8, 6), (3, 4), "nearest")
_resize_case("resize_nearest_float32_scale", "kiln.resize nearest (legacy) 26x14 -> 22x46, sizes where "
             "PyTorch's float32 scale picks other pixels than exact arithmetic",
             (1, 1, 26, 14), (22, 46), "nearest")
_resize_case("resize_bilinear_up", "kiln.resize bilinear, align_corners false, 3x4 -> 5x7",
             (1, 2, 3, 4), (5, 7), "bilinear")
_resize_case("resize_bilinear_down", "kiln.resize bilinear without antialias, 8x8 -> 3x5",
             (1, 1, 8, 8), (3, 5), "bilinear")
_resize_case("resize_bilinear_align_corners", "kiln.resize bilinear, align_corners true, 3x4 -> 5x7",
             (1, 2, 3, 4), (5, 7), "bilinear", align_corners=True)
_resize_case("resize_bilinear_align_corners_to1", "kiln.resize bilinear, align_corners true, "
             "an output size of 1 samples index 0 (4x5 -> 1x3)", (1, 1, 4, 5), (1, 3), "bilinear",
             align_corners=True)
_resize_case("resize_bicubic_up", "kiln.resize bicubic (a = -0.75), align_corners false, 4x4 -> 7x6",
             (1, 1, 4, 4), (7, 6), "bicubic")
_resize_case("resize_bicubic_down", "kiln.resize bicubic without antialias, 7x7 -> 3x4 (taps "
             "clamped at the edges)", (1, 2, 7, 7), (3, 4), "bicubic")
_resize_case("resize_bicubic_align_corners", "kiln.resize bicubic, align_corners true, 4x4 -> 6x7",
             (1, 1, 4, 4), (6, 7), "bicubic", align_corners=True)
_resize_case("resize_bilinear_antialias_down", "kiln.resize bilinear antialias downsampling "
             "8x8 -> 3x5 (PyTorch's separable AA filter)", (1, 2, 8, 8), (3, 5), "bilinear",
             antialias=True)
_resize_case("resize_bicubic_antialias_down", "kiln.resize bicubic antialias downsampling "
             "9x9 -> 4x3 (AA bicubic filter uses a = -0.5)", (1, 2, 9, 9), (4, 3), "bicubic",
             antialias=True)


# ----------------------------------------------------------------------------
# Reductions and softmax


@case("reduce_sum", "kiln.reduce_sum over the last axis, and over axes [0, 2] with keepdim",
      "PyTorch float64 torch.sum")
def _(c):
    x = c.input("x", c.uniform((4, 6)))
    z = c.input("z", c.uniform((2, 3, 4)))
    c.op(f"%y = kiln.reduce_sum %x {{axes = {arr([-1])}}} : {ty(x)}")
    c.op(f"%w = kiln.reduce_sum %z {{axes = {arr([0, 2])}, keepdim = true}} : {ty(z)}")
    c.output("y", D(x).sum(-1), f32)
    c.output("w", D(z).sum((0, 2), keepdim=True), f32)


@case("reduce_sum_i32", "kiln.reduce_sum on i32 over axis 1", "exact integer sum")
def _(c):
    x = c.input("x", c.integers((3, 5), -1000, 1000), i32)
    c.op(f"%y = kiln.reduce_sum %x {{axes = {arr([1])}}} : {ty(x)}")
    c.output("y", x.to(i64).sum(1), i32)


@case("reduce_mean", "kiln.reduce_mean over axis 1 keepdim, and over axes [-1, 0] without",
      "PyTorch float64 torch.mean")
def _(c):
    x = c.input("x", c.uniform((4, 6)))
    z = c.input("z", c.uniform((2, 3, 4)))
    c.op(f"%y = kiln.reduce_mean %x {{axes = {arr([1])}, keepdim = true}} : {ty(x)}")
    c.op(f"%w = kiln.reduce_mean %z {{axes = {arr([-1, 0])}}} : {ty(z)}")
    c.output("y", D(x).mean(1, keepdim=True), f32)
    c.output("w", D(z).mean((2, 0)), f32)


@case("reduce_mean_i32", "kiln.reduce_mean on i32: the double mean rounded half to even "
      "(1.5 -> 2, 2.5 -> 2, -2.5 -> -2)", "reference-semantics.md: numpy rint of the float64 mean")
def _(c):
    x = c.input("x", np.array([[1, 2], [2, 3], [-2, -3], [7, 8], [-7, -8], [5, 6]]), i32)
    c.op(f"%y = kiln.reduce_mean %x {{axes = {arr([1])}}} : {ty(x)}")
    c.output("y", torch.from_numpy(np.rint(D(x).numpy().mean(1))), i32)


@case("reduce_max", "kiln.reduce_max over axis 0 (f32) and over axes [1, 2] of i32",
      "PyTorch torch.amax")
def _(c):
    x = c.input("x", c.uniform((4, 6)))
    n = c.input("n", c.integers((2, 3, 4), -99, 99), i32)
    c.op(f"%y = kiln.reduce_max %x {{axes = {arr([0])}}} : {ty(x)}")
    c.op(f"%m = kiln.reduce_max %n {{axes = {arr([1, 2])}}} : {ty(n)}")
    c.output("y", D(x).amax(0), f32)
    c.output("m", n.to(i64).amax((1, 2)), i32)


@case("reduce_min", "kiln.reduce_min over axes [0, 2] keepdim (f32) and over axis -1 of i8",
      "PyTorch torch.amin")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4)))
    n = c.input("n", c.integers((3, 5), -128, 127), i8)
    c.op(f"%y = kiln.reduce_min %x {{axes = {arr([0, 2])}, keepdim = true}} : {ty(x)}")
    c.op(f"%m = kiln.reduce_min %n {{axes = {arr([-1])}}} : {ty(n)}")
    c.output("y", D(x).amin((0, 2), keepdim=True), f32)
    c.output("m", n.to(i64).amin(-1), i8)


@case("argmax_ties", "kiln.argmax along the last axis with ties (first maximal index wins), "
      "along axis 0 with keepdim, and on i32", "numpy argmax (first maximal index)")
def _(c):
    v = c.integers((3, 6), 0, 3).astype(np.float64)
    v[0] = [1, 3, 0, 3, 2, 3]
    x = c.input("x", v)
    n = c.input("n", np.array([[4, 9, 9, 1], [9, 2, 9, 9]]), i32)
    c.op(f"%a = kiln.argmax %x {{axis = -1 : i64}} : {ty(x)}")
    c.op(f"%b = kiln.argmax %x {{axis = 0 : i64, keepdim = true}} : {ty(x)}")
    c.op(f"%d = kiln.argmax %n {{axis = 1 : i64}} : {ty(n)}")
    c.output("a", torch.from_numpy(np.argmax(D(x).numpy(), -1)), i64)
    c.output("b", torch.from_numpy(np.argmax(D(x).numpy(), 0)[None]), i64)
    c.output("d", torch.from_numpy(np.argmax(n.numpy(), 1)), i64)


@case("cumsum", "kiln.cumsum inclusive along axis 1 (f32) and axis 0 (i32)", "PyTorch float64 torch.cumsum")
def _(c):
    x = c.input("x", c.uniform((3, 5)))
    n = c.input("n", c.integers((4, 3), -50, 50), i32)
    c.op(f"%y = kiln.cumsum %x {{axis = 1 : i64}} : {ty(x)}")
    c.op(f"%m = kiln.cumsum %n {{axis = 0 : i64}} : {ty(n)}")
    c.output("y", torch.cumsum(D(x), 1), f32)
    c.output("m", torch.cumsum(n.to(i64), 0), i32)


@case("topk_ties", "kiln.topk k = 3 along the last axis with ties (lower index first), and k = 2 "
      "along axis 0", "numpy stable argsort of -x (descending, ties to the lower index)")
def _(c):
    v = c.integers((3, 8), 0, 4).astype(np.float64) * 0.5
    v[0] = [1, 2, 2, 0, 2, 1, 0, 2]
    v[1] = [3, 1, 3, 1, 1, 0, 0, 0]
    x = c.input("x", v)
    w = c.input("w", c.integers((5, 3), 0, 2).astype(np.float64))
    c.op(f"%v, %i = kiln.topk %x {{k = 3 : i64}} : {ty(x)}")
    c.op(f"%v0, %i0 = kiln.topk %w {{k = 2 : i64, axis = 0 : i64}} : {ty(w)}")
    vals, idx = stable_topk(x, 3, -1)
    vals0, idx0 = stable_topk(w, 2, 0)
    c.output("v", vals, f32)
    c.output("i", idx, i64)
    c.output("v0", vals0, f32)
    c.output("i0", idx0, i64)


@case("softmax", "kiln.softmax along the last axis, and along axis 0 with large logits",
      "PyTorch float64 F.softmax")
def _(c):
    x = c.input("x", c.uniform((3, 7), -4, 4))
    z = c.input("z", c.uniform((4, 3), -90, 90))
    c.op(f"%y = kiln.softmax %x : {ty(x)}")
    c.op(f"%w = kiln.softmax %z {{axis = 0 : i64}} : {ty(z)}")
    c.output("y", F.softmax(D(x), -1), f32)
    c.output("w", F.softmax(D(z), 0), f32)


@case("softmax_bf16", "kiln.softmax on bf16 (rounded once)", "PyTorch float64 F.softmax")
def _(c):
    x = c.input("x", c.uniform((4, 16), -4, 4), bf16)
    c.op(f"%y = kiln.softmax %x : {ty(x)}")
    c.output("y", F.softmax(D(x), -1), bf16)


@case("log_softmax", "kiln.log_softmax along the last axis and along axis 0",
      "PyTorch float64 F.log_softmax")
def _(c):
    x = c.input("x", c.uniform((3, 7), -4, 4))
    c.op(f"%y = kiln.log_softmax %x : {ty(x)}")
    c.op(f"%w = kiln.log_softmax %x {{axis = 0 : i64}} : {ty(x)}")
    c.output("y", F.log_softmax(D(x), -1), f32)
    c.output("w", F.log_softmax(D(x), 0), f32)


# ----------------------------------------------------------------------------
# Normalization


@case("layer_norm_last", "kiln.layer_norm over the last axis (eps 1e-5), biased variance",
      "PyTorch float64 F.layer_norm without affine")
def _(c):
    x = c.input("x", c.uniform((3, 16), -2, 3))
    c.op(f"%y = kiln.layer_norm %x : {ty(x)}")
    ref = F.layer_norm(D(x), (16,), eps=f32v(1e-5))
    assert torch.allclose(ref, layer_norm_ref(x, [-1], 1e-5), atol=1e-12)
    c.output("y", ref, f32)


@case("layer_norm_nchw_channels", "kiln.layer_norm axes = [1] on NCHW (channel LayerNorm), eps 1e-6",
      "PyTorch float64 (x - mean) / sqrt(var + eps) over dim 1 (biased var)")
def _(c):
    x = c.input("x", c.uniform((2, 4, 3, 3), -2, 3))
    c.op(f"%y = kiln.layer_norm %x {{axes = {arr([1])}, eps = {fattr(1e-6)}}} : {ty(x)}")
    ref = layer_norm_ref(x, [1], 1e-6)
    perm = F.layer_norm(D(x).permute(0, 2, 3, 1), (4,), eps=f32v(1e-6)).permute(0, 3, 1, 2)
    assert torch.allclose(ref, perm, atol=1e-12)
    c.output("y", ref, f32)


@case("layer_norm_two_axes", "kiln.layer_norm over axes [-2, -1]", "PyTorch float64 F.layer_norm")
def _(c):
    x = c.input("x", c.uniform((2, 3, 8), -2, 3))
    c.op(f"%y = kiln.layer_norm %x {{axes = {arr([-2, -1])}}} : {ty(x)}")
    c.output("y", F.layer_norm(D(x), (3, 8), eps=f32v(1e-5)), f32)


@case("layer_norm_bf16", "kiln.layer_norm on bf16 (statistics in double, rounded once)",
      "PyTorch float64 F.layer_norm")
def _(c):
    x = c.input("x", c.uniform((4, 16), -2, 3), bf16)
    c.op(f"%y = kiln.layer_norm %x : {ty(x)}")
    c.output("y", F.layer_norm(D(x), (16,), eps=f32v(1e-5)), bf16)


@case("group_norm", "kiln.group_norm 4 groups of 2 channels over NCHW (eps 1e-5), and 3 groups on "
      "[N, C, L] (eps 1e-6)", "PyTorch float64 F.group_norm without affine")
def _(c):
    x = c.input("x", c.uniform((2, 8, 3, 3), -2, 3))
    s = c.input("s", c.uniform((2, 6, 5), -2, 3))
    c.op(f"%y = kiln.group_norm %x {{num_groups = 4 : i64}} : {ty(x)}")
    c.op(f"%z = kiln.group_norm %s {{num_groups = 3 : i64, eps = {fattr(1e-6)}}} : {ty(s)}")
    c.output("y", F.group_norm(D(x), 4, eps=f32v(1e-5)), f32)
    c.output("z", F.group_norm(D(s), 3, eps=f32v(1e-6)), f32)


@case("rms_norm", "kiln.rms_norm over the last axis (eps 1e-6) and over axes [1, 2] (eps 1e-5)",
      "PyTorch float64 F.rms_norm without weight")
def _(c):
    x = c.input("x", c.uniform((3, 16), -2, 3))
    z = c.input("z", c.uniform((2, 3, 4), -2, 3))
    c.op(f"%y = kiln.rms_norm %x : {ty(x)}")
    c.op(f"%w = kiln.rms_norm %z {{axes = {arr([1, 2])}, eps = {fattr(1e-5)}}} : {ty(z)}")
    y = F.rms_norm(D(x), (16,), eps=f32v(1e-6))
    assert torch.allclose(y, rms_norm_ref(x, [-1], 1e-6), atol=1e-12)
    c.output("y", y, f32)
    c.output("w", F.rms_norm(D(z), (3, 4), eps=f32v(1e-5)), f32)


@case("rms_norm_group_size", "kiln.rms_norm group_size = 4: each run of 4 elements of the last "
      "axis normalized on its own (Mamba-2 gated norm)",
      "PyTorch float64 F.rms_norm over the last axis of x.reshape(..., D/4, 4)")
def _(c):
    x = c.input("x", c.uniform((2, 3, 16), -2, 3))
    c.op(f"%y = kiln.rms_norm %x {{group_size = 4 : i64}} : {ty(x)}")
    y = F.rms_norm(D(x).reshape(2, 3, 4, 4), (4,), eps=f32v(1e-6)).reshape(2, 3, 16)
    assert torch.allclose(y, rms_norm_ref(x, [-1], 1e-6, 4), atol=1e-12)
    c.output("y", y, f32)


# ----------------------------------------------------------------------------
# Linear algebra and convolution


@case("matmul_2d", "kiln.matmul [4,8]·[8,5]", "PyTorch float64 torch.matmul")
def _(c):
    a = c.input("a", c.uniform((4, 8)))
    b = c.input("b", c.uniform((8, 5)))
    c.op(f"%y = kiln.matmul %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) @ D(b), f32)


@case("matmul_batch_broadcast", "kiln.matmul with numpy batch broadcasting [2,1,3,6]·[4,6,5] -> "
      "[2,4,3,5], and a rank-2 b serving every batch", "PyTorch float64 torch.matmul")
def _(c):
    a = c.input("a", c.uniform((2, 1, 3, 6)))
    b = c.input("b", c.uniform((4, 6, 5)))
    w = c.input("w", c.uniform((6, 2)))
    c.op(f"%y = kiln.matmul %a, %b : {ty(a)}, {ty(b)}")
    c.op(f"%z = kiln.matmul %a, %w : {ty(a)}, {ty(w)}")
    c.output("y", D(a) @ D(b), f32)
    c.output("z", D(a) @ D(w), f32)


@case("matmul_transpose", "kiln.matmul transpose_a, transpose_b, and both",
      "PyTorch float64 torch.matmul of transposed operands")
def _(c):
    a = c.input("a", c.uniform((2, 6, 3)))   # [B, K, M]
    b = c.input("b", c.uniform((2, 4, 6)))   # [B, N, K]
    m = c.input("m", c.uniform((2, 3, 6)))   # [B, M, K]
    k = c.input("k", c.uniform((2, 6, 4)))   # [B, K, N]
    c.op(f"%ta = kiln.matmul %a, %k {{transpose_a = true}} : {ty(a)}, {ty(k)}")
    c.op(f"%tb = kiln.matmul %m, %b {{transpose_b = true}} : {ty(m)}, {ty(b)}")
    c.op(f"%tab = kiln.matmul %a, %b {{transpose_a = true, transpose_b = true}} : {ty(a)}, {ty(b)}")
    c.output("ta", D(a).transpose(-1, -2) @ D(k), f32)
    c.output("tb", D(m) @ D(b).transpose(-1, -2), f32)
    c.output("tab", D(a).transpose(-1, -2) @ D(b).transpose(-1, -2), f32)


@case("matmul_bf16", "kiln.matmul on bf16, batched [2,3,16]·[2,16,4] (double accumulation, "
      "rounded once)", "PyTorch float64 torch.matmul")
def _(c):
    a = c.input("a", c.uniform((2, 3, 16)), bf16)
    b = c.input("b", c.uniform((2, 16, 4)), bf16)
    c.op(f"%y = kiln.matmul %a, %b : {ty(a)}, {ty(b)}")
    c.output("y", D(a) @ D(b), bf16)


@case("matmul_f16", "kiln.matmul on f16 with transpose_b", "PyTorch float64 torch.matmul")
def _(c):
    a = c.input("a", c.uniform((3, 16)), f16)
    b = c.input("b", c.uniform((5, 16)), f16)
    c.op(f"%y = kiln.matmul %a, %b {{transpose_b = true}} : {ty(a)}, {ty(b)}")
    c.output("y", D(a) @ D(b).T, f16)


def _conv2d(x, w, stride=(1, 1), padding=(0, 0, 0, 0), dilation=(1, 1), groups=1):
    t, b, l, r = padding
    return F.conv2d(F.pad(D(x), (l, r, t, b)), D(w), stride=stride, dilation=dilation, groups=groups)


@case("conv2d_pad1", "kiln.conv2d 3x3, padding [1,1,1,1]", "PyTorch float64 F.conv2d")
def _(c):
    x = c.input("x", c.uniform((1, 3, 5, 5)))
    w = c.input("w", c.uniform((4, 3, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv2d %x, %w {{padding = {arr([1, 1, 1, 1])}}} : {ty(x)}, {ty(w)}")
    c.output("y", _conv2d(x, w, padding=(1, 1, 1, 1)), f32)


@case("conv2d_stride2_asym_pad", "kiln.conv2d stride 2 with asymmetric padding [0,1,0,1] (VAE "
      "downsample)", "PyTorch float64 F.conv2d after F.pad (0,1,0,1)")
def _(c):
    x = c.input("x", c.uniform((1, 2, 6, 6)))
    w = c.input("w", c.uniform((3, 2, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv2d %x, %w {{stride = {arr([2, 2])}, padding = {arr([0, 1, 0, 1])}}} : "
         f"{ty(x)}, {ty(w)}")
    c.output("y", _conv2d(x, w, stride=(2, 2), padding=(0, 1, 0, 1)), f32)


@case("conv2d_dilation", "kiln.conv2d dilation [2,2], stride [2,1], padding [2,1,2,0]",
      "PyTorch float64 F.conv2d after F.pad")
def _(c):
    x = c.input("x", c.uniform((1, 2, 7, 7)))
    w = c.input("w", c.uniform((2, 2, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv2d %x, %w {{stride = {arr([2, 1])}, padding = {arr([2, 1, 2, 0])}, "
         f"dilation = {arr([2, 2])}}} : {ty(x)}, {ty(w)}")
    c.output("y", _conv2d(x, w, stride=(2, 1), padding=(2, 1, 2, 0), dilation=(2, 2)), f32)


@case("conv2d_groups", "kiln.conv2d groups = 2 (4 -> 6 channels)", "PyTorch float64 F.conv2d(groups=2)")
def _(c):
    x = c.input("x", c.uniform((1, 4, 5, 5)))
    w = c.input("w", c.uniform((6, 2, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv2d %x, %w {{groups = 2 : i64}} : {ty(x)}, {ty(w)}")
    c.output("y", _conv2d(x, w, groups=2), f32)


@case("conv2d_depthwise", "kiln.conv2d depthwise (groups = C = 3), padding 1, batch 2",
      "PyTorch float64 F.conv2d(groups=3)")
def _(c):
    x = c.input("x", c.uniform((2, 3, 4, 4)))
    w = c.input("w", c.uniform((3, 1, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv2d %x, %w {{padding = {arr([1, 1, 1, 1])}, groups = 3 : i64}} : "
         f"{ty(x)}, {ty(w)}")
    c.output("y", _conv2d(x, w, padding=(1, 1, 1, 1), groups=3), f32)


@case("conv_transpose2d_stride2", "kiln.conv_transpose2d stride 2, kernel 2 (2x upsampling)",
      "PyTorch float64 F.conv_transpose2d")
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 3)))
    w = c.input("w", c.uniform((2, 3, 2, 2), -0.5, 0.5))
    c.op(f"%y = kiln.conv_transpose2d %x, %w {{stride = {arr([2, 2])}}} : {ty(x)}, {ty(w)}")
    c.output("y", F.conv_transpose2d(D(x), D(w), stride=2), f32)


@case("conv_transpose2d_pad_outpad_groups", "kiln.conv_transpose2d stride 2, padding 1, "
      "output_padding 1, groups 2", "PyTorch float64 F.conv_transpose2d")
def _(c):
    x = c.input("x", c.uniform((1, 4, 3, 3)))
    w = c.input("w", c.uniform((4, 2, 3, 3), -0.5, 0.5))
    c.op(f"%y = kiln.conv_transpose2d %x, %w {{stride = {arr([2, 2])}, padding = {arr([1, 1])}, "
         f"output_padding = {arr([1, 1])}, groups = 2 : i64}} : {ty(x)}, {ty(w)}")
    c.output("y", F.conv_transpose2d(D(x), D(w), stride=2, padding=1, output_padding=1, groups=2), f32)


@case("conv_transpose2d_dilation", "kiln.conv_transpose2d stride [1,2], padding [0,1], dilation 2, "
      "output_padding [0,1]", "PyTorch float64 F.conv_transpose2d")
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 4)))
    w = c.input("w", c.uniform((2, 2, 3, 2), -0.5, 0.5))
    c.op(f"%y = kiln.conv_transpose2d %x, %w {{stride = {arr([1, 2])}, padding = {arr([0, 1])}, "
         f"output_padding = {arr([0, 1])}, dilation = {arr([2, 2])}}} : {ty(x)}, {ty(w)}")
    c.output("y", F.conv_transpose2d(D(x), D(w), stride=(1, 2), padding=(0, 1),
                                     output_padding=(0, 1), dilation=2), f32)


@case("conv1d_causal_depthwise", "kiln.conv1d as Mamba's causal depthwise conv: groups = C = 4, "
      "padding [K-1, 0] with K = 3", "PyTorch float64 F.conv1d after F.pad (2, 0)")
def _(c):
    x = c.input("x", c.uniform((1, 4, 6)))
    w = c.input("w", c.uniform((4, 1, 3), -1, 1))
    c.op(f"%y = kiln.conv1d %x, %w {{groups = 4 : i64, padding = {arr([2, 0])}}} : {ty(x)}, {ty(w)}")
    c.output("y", F.conv1d(F.pad(D(x), (2, 0)), D(w), groups=4), f32)


@case("conv1d_stride_dilation", "kiln.conv1d stride 2, dilation 2, padding [1, 2]",
      "PyTorch float64 F.conv1d after F.pad (1, 2)")
def _(c):
    x = c.input("x", c.uniform((2, 3, 9)))
    w = c.input("w", c.uniform((2, 3, 3), -1, 1))
    c.op(f"%y = kiln.conv1d %x, %w {{stride = 2 : i64, dilation = 2 : i64, padding = {arr([1, 2])}}} : "
         f"{ty(x)}, {ty(w)}")
    c.output("y", F.conv1d(F.pad(D(x), (1, 2)), D(w), stride=2, dilation=2), f32)


# ----------------------------------------------------------------------------
# Attention and positions

ATT = "numpy/torch float64 transcription of ops.md kiln.attention"


@case("attention_plain", "kiln.attention without mask, scale 1/sqrt(8)",
      "PyTorch float64 F.scaled_dot_product_attention")
def _(c):
    q = c.input("q", c.uniform((2, 2, 4, 8)))
    k = c.input("k", c.uniform((2, 2, 5, 8)))
    v = c.input("v", c.uniform((2, 2, 5, 3)))
    s = 1 / math.sqrt(8)
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(s)}}} : {ty(q)}, {ty(k)}, {ty(v)}")
    ref = F.scaled_dot_product_attention(D(q), D(k), D(v), scale=f32v(s))
    assert torch.allclose(ref, attention_ref(q, k, v, s)[0], atol=1e-12)
    c.output("o", ref, f32)


@case("attention_gqa", "kiln.attention grouped-query: Hq = 4 reads Hk = 2 (head h -> h / 2)",
      "PyTorch float64 F.scaled_dot_product_attention(enable_gqa=True)")
def _(c):
    q = c.input("q", c.uniform((1, 4, 3, 8)))
    k = c.input("k", c.uniform((1, 2, 5, 8)))
    v = c.input("v", c.uniform((1, 2, 5, 4)))
    s = 0.3
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(s)}}} : {ty(q)}, {ty(k)}, {ty(v)}")
    ref = F.scaled_dot_product_attention(D(q), D(k), D(v), scale=f32v(s), enable_gqa=True)
    assert torch.allclose(ref, attention_ref(q, k, v, s)[0], atol=1e-12)
    c.output("o", ref, f32)


@case("attention_causal_bottom_right", "kiln.attention causal with Lq = 3 < Lk = 6: bottom-right "
      "alignment (query i sees keys j <= i + 3)", ATT)
def _(c):
    q = c.input("q", c.uniform((1, 2, 3, 4)))
    k = c.input("k", c.uniform((1, 2, 6, 4)))
    v = c.input("v", c.uniform((1, 2, 6, 4)))
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, causal = true}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.output("o", attention_ref(q, k, v, 0.5, causal=True)[0], f32)


@case("attention_causal_square", "kiln.attention causal with Lq = Lk = 5",
      "PyTorch float64 F.scaled_dot_product_attention(is_causal=True)")
def _(c):
    q = c.input("q", c.uniform((1, 2, 5, 4)))
    k = c.input("k", c.uniform((1, 2, 5, 4)))
    v = c.input("v", c.uniform((1, 2, 5, 4)))
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, causal = true}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    ref = F.scaled_dot_product_attention(D(q), D(k), D(v), scale=0.5, is_causal=True)
    assert torch.allclose(ref, attention_ref(q, k, v, 0.5, causal=True)[0], atol=1e-12)
    c.output("o", ref, f32)


@case("attention_sliding_window", "kiln.attention causal sliding window W = 3 (j > i + o - 3) with "
      "Lq = 4, Lk = 6, and a window without causal", ATT)
def _(c):
    q = c.input("q", c.uniform((1, 2, 4, 4)))
    k = c.input("k", c.uniform((1, 2, 6, 4)))
    v = c.input("v", c.uniform((1, 2, 6, 4)))
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, causal = true, window = 3 : i64}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.op(f"%n = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, window = 2 : i64}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.output("o", attention_ref(q, k, v, 0.5, causal=True, window=3)[0], f32)
    c.output("n", attention_ref(q, k, v, 0.5, window=2)[0], f32)


@case("attention_s2", "kiln.attention S2 groups G = L/4 = 2 on L = 8, Hq = 4: heads 0-1 plain "
      "groups, heads 2-3 shifted by G/2 without wrap-around; with and without causal", ATT)
def _(c):
    q = c.input("q", c.uniform((1, 4, 8, 4)))
    k = c.input("k", c.uniform((1, 4, 8, 4)))
    v = c.input("v", c.uniform((1, 4, 8, 4)))
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, s2_group = 2 : i64}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.op(f"%oc = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, causal = true, s2_group = 2 : i64}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.output("o", attention_ref(q, k, v, 0.5, s2_group=2)[0], f32)
    c.output("oc", attention_ref(q, k, v, 0.5, causal=True, s2_group=2)[0], f32)


@case("attention_s2_gqa", "kiln.attention S2 groups G = 4 on L = 16, Hq = 4, Hk = 2, causal", ATT)
def _(c):
    q = c.input("q", c.uniform((1, 4, 16, 4)))
    k = c.input("k", c.uniform((1, 2, 16, 4)))
    v = c.input("v", c.uniform((1, 2, 16, 2)))
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.5)}, causal = true, s2_group = 4 : i64}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.output("o", attention_ref(q, k, v, 0.5, causal=True, s2_group=4)[0], f32)


@case("attention_mask_i1", "kiln.attention with an i1 mask [1,1,Lq,Lk] (true = may attend) "
      "broadcast over B and heads; a fully masked row yields 0", ATT)
def _(c):
    q = c.input("q", c.uniform((2, 2, 4, 4)))
    k = c.input("k", c.uniform((2, 2, 5, 4)))
    v = c.input("v", c.uniform((2, 2, 5, 3)))
    mv = c.uniform((1, 1, 4, 5)) > -0.5
    mv[0, 0, 2, :] = False
    mv[0, 0, 0, 0] = True
    m = c.input("mask", mv, i1)
    c.op(f"%o = kiln.attention %q, %k, %v, %mask {{scale = {fattr(0.5)}}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}, {ty(m)}")
    o = attention_ref(q, k, v, 0.5, mask=m)[0]
    assert torch.all(o[:, :, 2] == 0)
    c.output("o", o, f32)


@case("attention_mask_float", "kiln.attention with an additive f32 mask [B,1,1,Lk] with -inf "
      "entries (no weight) and causal; row of batch 1 at query 0 has every key at -inf -> 0", ATT)
def _(c):
    q = c.input("q", c.uniform((2, 2, 3, 4)))
    k = c.input("k", c.uniform((2, 2, 4, 4)))
    v = c.input("v", c.uniform((2, 2, 4, 3)))
    mv = c.uniform((2, 1, 1, 4), -1, 1)
    mv[0, 0, 0, 3] = -np.inf
    mv[1, 0, 0, :2] = -np.inf
    m = c.input("bias", mv)
    c.op(f"%o = kiln.attention %q, %k, %v, %bias {{scale = {fattr(0.5)}, causal = true}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}, {ty(m)}")
    o = attention_ref(q, k, v, 0.5, causal=True, mask=m)[0]
    assert torch.all(o[1, :, 0] == 0)
    c.output("o", o, f32)


@case("attention_f16", "kiln.attention on f16, GQA and causal (double math, rounded once)", ATT)
def _(c):
    q = c.input("q", c.uniform((1, 2, 4, 8)), f16)
    k = c.input("k", c.uniform((1, 1, 4, 8)), f16)
    v = c.input("v", c.uniform((1, 1, 4, 8)), f16)
    c.op(f"%o = kiln.attention %q, %k, %v {{scale = {fattr(0.35)}, causal = true}} : "
         f"{ty(q)}, {ty(k)}, {ty(v)}")
    c.output("o", attention_ref(q, k, v, 0.35, causal=True)[0], f16)


ROPE = "numpy float64 transcription of ops.md kiln.rope"


@case("rope_none", "kiln.rope default (theta 1e4, rotate_half pairs (i, i + D/2)), i64 positions [L]",
      ROPE + " (HF apply_rotary_pos_emb)")
def _(c):
    x = c.input("x", c.uniform((1, 2, 4, 8)))
    p = c.input("pos", np.array([0, 1, 7, 100]), i64)
    c.op(f"%y = kiln.rope %x, %pos : {ty(x)}, {ty(p)}")
    c.output("y", rope_ref(x, p), f32)


@case("rope_interleaved", "kiln.rope interleaved pairs (2i, 2i + 1), theta 500000", ROPE)
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 8)))
    p = c.input("pos", np.array([3, 50, 2048]), i32)
    c.op(f"%y = kiln.rope %x, %pos {{theta = {fattr(5e5)}, interleaved = true}} : {ty(x)}, {ty(p)}")
    c.output("y", rope_ref(x, p, theta=5e5, interleaved=True), f32)


@case("rope_partial", "kiln.rope rotary_dim = 4 of D = 8 (the last 4 pass through), [B, L] i32 "
      "positions differing per batch", ROPE)
def _(c):
    x = c.input("x", c.uniform((2, 2, 3, 8)))
    p = c.input("pos", np.array([[0, 1, 2], [10, 11, 300]]), i32)
    c.op(f"%y = kiln.rope %x, %pos {{rotary_dim = 4 : i64}} : {ty(x)}, {ty(p)}")
    c.output("y", rope_ref(x, p, rotary_dim=4), f32)


@case("rope_linear", "kiln.rope linear scaling factor 4 (θ' = θ/4)", ROPE)
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 8)))
    p = c.input("pos", np.array([1, 17, 999]), i64)
    c.op(f'%y = kiln.rope %x, %pos {{scaling = "linear", factor = {fattr(4.0)}}} : {ty(x)}, {ty(p)}')
    c.output("y", rope_ref(x, p, scaling="linear", factor=4.0), f32)


@case("rope_ntk", "kiln.rope NTK scaling factor 8 (theta' = theta·8^(d/(d-2))), rotary_dim 6 of 8",
      ROPE)
def _(c):
    x = c.input("x", c.uniform((1, 2, 3, 8)))
    p = c.input("pos", np.array([2, 40, 3000]), i64)
    c.op(f'%y = kiln.rope %x, %pos {{rotary_dim = 6 : i64, scaling = "ntk", factor = {fattr(8.0)}}} : '
         f'{ty(x)}, {ty(p)}')
    c.output("y", rope_ref(x, p, rotary_dim=6, scaling="ntk", factor=8.0), f32)


@case("rope_yarn", "kiln.rope YaRN d = 128, theta 1e4, factor 16, L0 = 4096 (low = 20, high = 46, "
      "m = 0.1·ln 16 + 1 = 1.2773)", ROPE + " (HF _compute_yarn_parameters)")
def _(c):
    x = c.input("x", c.uniform((1, 1, 3, 128)))
    p = c.input("pos", np.array([5, 4000, 60000]), i64)
    c.op(f'%y = kiln.rope %x, %pos {{scaling = "yarn", factor = {fattr(16.0)}, '
         f'original_max_positions = 4096 : i64}} : {ty(x)}, {ty(p)}')
    c.output("y", rope_ref(x, p, scaling="yarn", factor=16.0, L0=4096), f32)


@case("rope_yarn_untruncated", "kiln.rope YaRN interleaved, rotary_dim 32 of 64, theta 5e5, "
      "factor 8, L0 = 8192, beta_fast 16, beta_slow 2, attention_factor 1.5, truncate = false", ROPE)
def _(c):
    x = c.input("x", c.uniform((1, 2, 2, 64)))
    p = c.input("pos", np.array([[7, 20000]]), i32)
    c.op(f'%y = kiln.rope %x, %pos {{theta = {fattr(5e5)}, rotary_dim = 32 : i64, interleaved = true, '
         f'scaling = "yarn", factor = {fattr(8.0)}, original_max_positions = 8192 : i64, '
         f'beta_fast = {fattr(16.0)}, beta_slow = {fattr(2.0)}, attention_factor = {fattr(1.5)}, '
         f'truncate = false}} : {ty(x)}, {ty(p)}')
    c.output("y", rope_ref(x, p, rotary_dim=32, interleaved=True, theta=5e5, scaling="yarn",
                           factor=8.0, L0=8192, beta_fast=16.0, beta_slow=2.0,
                           attention_factor=1.5, truncate=False), f32)


# ----------------------------------------------------------------------------
# Selective scan

SCAN = "numpy float64 transcription of ops.md kiln.selective_scan (mamba-ssm selective_scan_ref core)"


def _scan_case(name, checks, Bsz, E, N, L, G, u_dtype=f32):
    @case(name, checks, SCAN)
    def _(c):
        u = c.input("u", c.uniform((Bsz, E, L)), u_dtype)
        dt = c.input("delta", c.uniform((Bsz, E, L), 0.05, 1.0))
        A = c.input("A", -c.uniform((E, N), 0.3, 2.0))
        Bm = c.input("Bm", c.uniform((Bsz, G, N, L)))
        Cm = c.input("Cm", c.uniform((Bsz, G, N, L)))
        h0 = c.input("h0", c.uniform((Bsz, E, N)), u_dtype)
        c.op(f"%y, %h = kiln.selective_scan %u, %delta, %A, %Bm, %Cm, %h0 : {ty(u)}, {ty(dt)}, "
             f"{ty(A)}, {ty(Bm)}, {ty(Cm)}, {ty(h0)}")
        y, h = selective_scan_ref(u, dt, A, Bm, Cm, h0)
        c.output("y", y, u_dtype)
        c.output("h", h, u_dtype)


_scan_case("selective_scan_g1", "kiln.selective_scan G = 1, L = 5, B = 2, E = 4, N = 3", 2, 4, 3, 5, 1)
_scan_case("selective_scan_g2", "kiln.selective_scan G = 2 (channel e reads group e / 2), L = 5",
           2, 4, 3, 5, 2)
_scan_case("selective_scan_l1", "kiln.selective_scan a single step (L = 1, decode), G = 2", 1, 4, 3, 1, 2)
_scan_case("selective_scan_bf16", "kiln.selective_scan with bf16 u and h0 (y and h_last bf16; delta, "
           "A, Bm, Cm f32), G = 1",
           1, 4, 4, 5, 1, u_dtype=bf16)


# ----------------------------------------------------------------------------
# Quantization

QUANT = "numpy float64 transcription of ops.md kiln.quantize (scale rounded to f32, numpy rint)"


@case("quantize_int8_absmax", "kiln.quantize 8-bit absmax, blocks of 4 along axis 1, one all-zero "
      "block (s = 1)", QUANT)
def _(c):
    wv = c.uniform((3, 8), -3, 3)
    wv[1, 0:4] = 0
    w = c.input("w", wv)
    c.op(f"%q, %s = kiln.quantize %w {{bits = 8 : i64, block_size = 4 : i64, axis = 1 : i64}} : {ty(w)}")
    q, s = quantize_ref(w, 8, 4, 1)
    c.output("q", q, i8)
    c.output("s", s, f32)


@case("quantize_int4_deepspeed_axis0", "kiln.quantize 4-bit deepspeed (s = amax/8), blocks of 2 "
      "along axis 0: +amax saturates to 7, an all-zero block", QUANT)
def _(c):
    wv = c.uniform((4, 6), -2, 2)
    wv[2:4, 1] = 0
    w = c.input("w", wv)
    c.op(f'%q, %s = kiln.quantize %w {{bits = 4 : i64, block_size = 2 : i64, axis = 0 : i64, '
         f'scheme = "deepspeed"}} : {ty(w)}')
    q, s = quantize_ref(w, 4, 2, 0, "deepspeed")
    assert ((q == 7) | (q == -8)).any()
    c.output("q", q, i8)
    c.output("s", s, f32)


@case("quantize_int4_absmax_ties", "kiln.quantize 4-bit absmax with exact ties: amax 7 gives s = 1, "
      "2.5 -> 2, 3.5 -> 4, -0.5 -> 0 (round half to even)", QUANT)
def _(c):
    w = c.input("w", np.array([[7.0, 2.5, 3.5, -0.5], [-7.0, 1.5, -2.5, 0.5], [0.7, 0.25, -0.35, 0.05]]))
    c.op(f"%q, %s = kiln.quantize %w {{bits = 4 : i64, block_size = 4 : i64, axis = 1 : i64}} : {ty(w)}")
    q, s = quantize_ref(w, 4, 4, 1)
    assert q[0].tolist() == [7, 2, 4, 0]
    c.output("q", q, i8)
    c.output("s", s, f32)


@case("quantize_int8_deepspeed", "kiln.quantize 8-bit deepspeed (s = amax/128): +amax clamps to "
      "127, -amax gives -128; bf16 input", QUANT)
def _(c):
    wv = c.uniform((2, 8), -1, 1)
    wv[0, 3], wv[1, 5] = 1.5, -1.5
    w = c.input("w", wv, bf16)
    c.op(f'%q, %s = kiln.quantize %w {{bits = 8 : i64, block_size = 8 : i64, axis = -1 : i64, '
         f'scheme = "deepspeed"}} : {ty(w)}')
    q, s = quantize_ref(w, 8, 8, -1, "deepspeed")
    assert q[0, 3] == 127 and q[1, 5] == -128
    c.output("q", q, i8)
    c.output("s", s, f32)


@case("dequantize_axis1", "kiln.dequantize 8-bit values, blocks of 4 along axis 1, f32 result",
      "numpy float64 q·s")
def _(c):
    q = c.input("q", c.integers((3, 8), -127, 127), i8)
    s = c.input("s", c.uniform((3, 2), 0.001, 0.05))
    c.op(f"%w = kiln.dequantize %q, %s {{block_size = 4 : i64, axis = 1 : i64}} : "
         f"{ty(q)}, {ty(s)} -> {ty(q.shape, f32)}")
    c.output("w", dequantize_ref(q, s, 4, 1), f32)


@case("dequantize_axis0_bf16", "kiln.dequantize 4-bit values, blocks of 2 along axis 0, bf16 result "
      "(rounded once)", "numpy float64 q·s")
def _(c):
    q = c.input("q", c.integers((4, 3), -8, 7), i8)
    s = c.input("s", c.uniform((2, 3), 0.01, 0.5))
    c.op(f"%w = kiln.dequantize %q, %s {{block_size = 2 : i64, axis = 0 : i64}} : "
         f"{ty(q)}, {ty(s)} -> {ty(q.shape, bf16)}")
    c.output("w", dequantize_ref(q, s, 2, 0), bf16)


@case("qmatmul_transpose_b", "kiln.qmatmul 8-bit, transpose_b (q [N, K], scales [N, K/4])",
      "PyTorch float64 x @ (q·s)ᵀ")
def _(c):
    x = c.input("x", c.uniform((2, 8)))
    q = c.input("q", c.integers((3, 8), -127, 127), i8)
    s = c.input("s", c.uniform((3, 2), 0.001, 0.05))
    c.op(f"%y = kiln.qmatmul %x, %q, %s {{bits = 8 : i64, block_size = 4 : i64}} : "
         f"{ty(x)}, {ty(q)}, {ty(s)}")
    c.output("y", D(x) @ dequantize_ref(q, s, 4, 1).T, f32)


@case("qmatmul_kn", "kiln.qmatmul 4-bit, transpose_b = false (q [K, N], scales [K/4, N]), batched x",
      "PyTorch float64 x @ (q·s)")
def _(c):
    x = c.input("x", c.uniform((2, 3, 8)))
    q = c.input("q", c.integers((8, 4), -8, 7), i8)
    s = c.input("s", c.uniform((2, 4), 0.05, 0.3))
    c.op(f"%y = kiln.qmatmul %x, %q, %s {{bits = 4 : i64, block_size = 4 : i64, transpose_b = false}} : "
         f"{ty(x)}, {ty(q)}, {ty(s)}")
    c.output("y", D(x) @ dequantize_ref(q, s, 4, 0), f32)


@case("qmatmul_bf16", "kiln.qmatmul with bf16 x (result bf16), 8-bit, transpose_b",
      "PyTorch float64 x @ (q·s)ᵀ")
def _(c):
    x = c.input("x", c.uniform((3, 16)), bf16)
    q = c.input("q", c.integers((4, 16), -127, 127), i8)
    s = c.input("s", c.uniform((4, 2), 0.001, 0.05))
    c.op(f"%y = kiln.qmatmul %x, %q, %s {{bits = 8 : i64, block_size = 8 : i64}} : "
         f"{ty(x)}, {ty(q)}, {ty(s)}")
    c.output("y", D(x) @ dequantize_ref(q, s, 8, 1).T, bf16)


# ----------------------------------------------------------------------------
# Decode-time cache ops

CACHE = "numpy float64 transcription of ops.md / reference-semantics.md"


def kv_write_ref(cache, new, pos):
    out = cache.clone()
    T = new.shape[2]
    for b in range(cache.shape[0]):
        for h in range(cache.shape[1]):
            p = int(pos[b, h])
            out[b, h, p:p + T] = new[b, h]
    return out


@case("kv_cache_write", "kiln.kv_cache_write T = 2 rows at per-head positions (0, 3, 4 = S - T, 1)",
      CACHE)
def _(c):
    cache = c.input("cache", c.uniform((2, 2, 6, 3)))
    new = c.input("new", c.uniform((2, 2, 2, 3)))
    pos = c.input("pos", np.array([[0, 3], [4, 1]]), i32)
    c.op(f"%out = kiln.kv_cache_write %cache, %new, %pos : {ty(cache)}, {ty(new)}, {ty(pos)}")
    c.output("out", kv_write_ref(cache, new, pos), f32)


@case("kv_cache_write_tied", "kiln.kv_cache_write on bf16 with the result kiln.tied to the cache "
      "argument (in-place update), T = 1", CACHE)
def _(c):
    cache = c.input("cache", c.uniform((1, 2, 4, 4)), bf16)
    new = c.input("new", c.uniform((1, 2, 1, 4)), bf16)
    pos = c.input("pos", np.array([[3, 0]]), i32)
    c.op(f"%cache_out = kiln.kv_cache_write %cache, %new, %pos : {ty(cache)}, {ty(new)}, {ty(pos)}")
    c.output("cache_out", kv_write_ref(cache, new, pos).to(f64), bf16, tied=0)


@case("kv_cache_write_out_of_capacity", "kiln.kv_cache_write past the capacity (pos 5, T = 2, "
      "S = 6) is an error on the reference device", "none: the run must fail")
def _(c):
    cache = c.input("cache", c.uniform((1, 2, 6, 3)))
    new = c.input("new", c.uniform((1, 2, 2, 3)))
    pos = c.input("pos", np.array([[0, 5]]), i32)
    c.op(f"%out = kiln.kv_cache_write %cache, %new, %pos : {ty(cache)}, {ty(new)}, {ty(pos)}")
    c.output("out", cache, f32)
    c.expect_error("kiln.kv_cache_write", "outside the cache capacity of")


@case("kv_cache_write_negative_pos", "kiln.kv_cache_write at a negative position is an error on "
      "the reference device", "none: the run must fail")
def _(c):
    cache = c.input("cache", c.uniform((1, 2, 6, 3)))
    new = c.input("new", c.uniform((1, 2, 1, 3)))
    pos = c.input("pos", np.array([[-1, 2]]), i32)
    c.op(f"%out = kiln.kv_cache_write %cache, %new, %pos : {ty(cache)}, {ty(new)}, {ty(pos)}")
    c.output("out", cache, f32)
    c.expect_error("kiln.kv_cache_write", "outside the cache capacity of")


def decode_attention_ref(q, kc, vc, lens, scale):
    B, Hq, T, _ = q.shape
    Hk, S = kc.shape[1], kc.shape[2]
    allowed = torch.zeros(B, Hq, T, S, dtype=torch.bool)
    for b in range(B):
        for h in range(Hq):
            n = int(lens[b, h // (Hq // Hk)])
            for t in range(T):
                allowed[b, h, t, :n - T + t + 1] = True
    return attention_ref(q, kc, vc, scale, allowed=allowed)[0]


@case("decode_attention_t1", "kiln.decode_attention T = 1, GQA Hq = 4 / Hk = 2, B = 2, per-head "
      "lens (1, 6 = S, 3, 4)", CACHE)
def _(c):
    q = c.input("q", c.uniform((2, 4, 1, 4)))
    kc = c.input("k_cache", c.uniform((2, 2, 6, 4)))
    vc = c.input("v_cache", c.uniform((2, 2, 6, 3)))
    lens = c.input("lens", np.array([[1, 6], [3, 4]]), i32)
    c.op(f"%o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {{scale = {fattr(0.5)}}} : "
         f"{ty(q)}, {ty(kc)}, {ty(vc)}, {ty(lens)}")
    c.output("o", decode_attention_ref(q, kc, vc, lens, 0.5), f32)


@case("decode_attention_t2", "kiln.decode_attention T = 2 (queries at lens - 2 and lens - 1, causal "
      "among themselves), GQA, lens (2 = T, 5)", CACHE)
def _(c):
    q = c.input("q", c.uniform((1, 4, 2, 4)))
    kc = c.input("k_cache", c.uniform((1, 2, 6, 4)))
    vc = c.input("v_cache", c.uniform((1, 2, 6, 4)))
    lens = c.input("lens", np.array([[2, 5]]), i32)
    c.op(f"%o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {{scale = {fattr(0.4)}}} : "
         f"{ty(q)}, {ty(kc)}, {ty(vc)}, {ty(lens)}")
    c.output("o", decode_attention_ref(q, kc, vc, lens, 0.4), f32)


@case("decode_attention_lens_out_of_range", "kiln.decode_attention with lens > S is an error on the "
      "reference device", "none: the run must fail")
def _(c):
    q = c.input("q", c.uniform((1, 2, 1, 4)))
    kc = c.input("k_cache", c.uniform((1, 2, 4, 4)))
    vc = c.input("v_cache", c.uniform((1, 2, 4, 4)))
    lens = c.input("lens", np.array([[2, 5]]), i32)
    c.op(f"%o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {{scale = {fattr(0.5)}}} : "
         f"{ty(q)}, {ty(kc)}, {ty(vc)}, {ty(lens)}")
    c.output("o", torch.zeros(1, 2, 1, 4), f32)
    c.expect_error("kiln.decode_attention", "must lie in")


@case("decode_attention_lens_below_t", "kiln.decode_attention with lens < T (1 < 2) is an error on "
      "the reference device", "none: the run must fail")
def _(c):
    q = c.input("q", c.uniform((1, 2, 2, 4)))
    kc = c.input("k_cache", c.uniform((1, 2, 4, 4)))
    vc = c.input("v_cache", c.uniform((1, 2, 4, 4)))
    lens = c.input("lens", np.array([[4, 1]]), i32)
    c.op(f"%o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {{scale = {fattr(0.5)}}} : "
         f"{ty(q)}, {ty(kc)}, {ty(vc)}, {ty(lens)}")
    c.output("o", torch.zeros(1, 2, 2, 4), f32)
    c.expect_error("kiln.decode_attention", "must lie in")


def kv_compact_ref(cache, keep):
    out = torch.zeros_like(D(cache))
    B, H = keep.shape[:2]
    lens = torch.zeros(B, H, dtype=i64)
    for b in range(B):
        for h in range(H):
            rows = torch.nonzero(keep[b, h]).flatten()
            out[b, h, :len(rows)] = D(cache)[b, h, rows]
            lens[b, h] = len(rows)
    return out, lens


@case("kv_cache_compact", "kiln.kv_cache_compact: kept rows move to the front in order, the rest "
      "are zero; heads keeping some, all and none of the rows", CACHE)
def _(c):
    cache = c.input("cache", c.uniform((1, 3, 5, 3)))
    keep = c.input("keep", np.array([[[True, False, True, False, True],
                                      [True, True, True, True, True],
                                      [False, False, False, False, False]]]), i1)
    c.op(f"%out, %lens = kiln.kv_cache_compact %cache, %keep : {ty(cache)}, {ty(keep)}")
    out, lens = kv_compact_ref(cache, keep)
    c.output("out", out, f32)
    c.output("lens", lens, i32)


@case("kv_cache_compact_bf16", "kiln.kv_cache_compact on a bf16 cache, B = 2, random keep masks",
      CACHE)
def _(c):
    cache = c.input("cache", c.uniform((2, 2, 6, 2)), bf16)
    kv = c.uniform((2, 2, 6)) > 0
    kv[0, 0, 0] = True
    keep = c.input("keep", kv, i1)
    c.op(f"%out, %lens = kiln.kv_cache_compact %cache, %keep : {ty(cache)}, {ty(keep)}")
    out, lens = kv_compact_ref(cache, keep)
    c.output("out", out, bf16)
    c.output("lens", lens, i32)


def attention_probs(q, k, scale, causal):
    L = q.shape[2]
    v = torch.zeros(k.shape[0], k.shape[1], L, 1, dtype=f64)
    return attention_ref(q, k, v, scale, causal=causal)[1]   # [B, Hq, L, L]


def attention_mass_ref(q, k, keep, scale, causal):
    A = attention_probs(q, k, scale, causal)
    Hq, Hk = q.shape[1], k.shape[1]
    kp = keep.to(f64).repeat_interleave(Hq // Hk, dim=2)      # [P, B, Hq, L]
    return torch.einsum("bhij,pbhj->pbh", A, kp) / q.shape[2]


@case("attention_mass_causal", "kiln.attention_mass (FastGen profiling), P = 2 policies, GQA "
      "Hq = 4 / Hk = 2, causal (default)", CACHE)
def _(c):
    q = c.input("q", c.uniform((1, 4, 5, 4)))
    k = c.input("k", c.uniform((1, 2, 5, 4)))
    kv = c.uniform((2, 1, 2, 5)) > 0
    kv[0, 0, 0] = [True, False, False, True, True]
    keep = c.input("keep", kv, i1)
    c.op(f"%m = kiln.attention_mass %q, %k, %keep {{scale = {fattr(0.5)}}} : "
         f"{ty(q)}, {ty(k)}, {ty(keep)}")
    c.output("m", attention_mass_ref(q, k, keep, 0.5, True), f32)


@case("attention_mass_noncausal", "kiln.attention_mass causal = false, P = 2, B = 2", CACHE)
def _(c):
    q = c.input("q", c.uniform((2, 2, 4, 4)))
    k = c.input("k", c.uniform((2, 2, 4, 4)))
    keep = c.input("keep", c.uniform((2, 2, 2, 4)) > 0, i1)
    c.op(f"%m = kiln.attention_mass %q, %k, %keep {{scale = {fattr(0.5)}, causal = false}} : "
         f"{ty(q)}, {ty(k)}, {ty(keep)}")
    c.output("m", attention_mass_ref(q, k, keep, 0.5, False), f32)


@case("attention_colsum", "kiln.attention_colsum Σ_i A_ij per key, causal (default) and not, "
      "GQA Hq = 4 / Hk = 2", CACHE)
def _(c):
    q = c.input("q", c.uniform((1, 4, 5, 4)))
    k = c.input("k", c.uniform((1, 2, 5, 4)))
    c.op(f"%sc = kiln.attention_colsum %q, %k {{scale = {fattr(0.5)}}} : {ty(q)}, {ty(k)}")
    c.op(f"%sn = kiln.attention_colsum %q, %k {{scale = {fattr(0.5)}, causal = false}} : "
         f"{ty(q)}, {ty(k)}")
    c.output("sc", attention_probs(q, k, 0.5, True).sum(2), f32)
    c.output("sn", attention_probs(q, k, 0.5, False).sum(2), f32)


# ----------------------------------------------------------------------------
# Structure


@case("fusion_add_silu", "kiln.fusion whose body (kiln.add with broadcasting, kiln.silu) executes; "
      "each body op rounds to f32", "PyTorch float64 F.silu(a + b), the sum rounded to f32 first")
def _(c):
    x = c.input("x", c.uniform((4, 8), -4, 4))
    b = c.input("b", c.uniform((1, 8), -2, 2))
    c.op(f"%y = kiln.fusion(%x, %b : {ty(x)}, {ty(b)}) -> {ty(x)} attributes {{family = \"pointwise\"}} {{")
    c.op(f"^bb0(%a0: {ty(x)}, %a1: {ty(b)}):")
    c.op(f"  %s = kiln.add %a0, %a1 : {ty(x)}, {ty(b)}")
    c.op(f"  %t = kiln.silu %s : {ty(x)}")
    c.op(f"  kiln.yield %t : {ty(x)}")
    c.op("}")
    s = round_to(D(x) + D(b), f32)
    c.output("y", F.silu(D(s)), f32)


# ----------------------------------------------------------------------------


def main():
    if os.path.isdir(OUT_DIR):
        shutil.rmtree(OUT_DIR)
    os.makedirs(OUT_DIR)
    names = set()
    for name, checks, source, fn in REGISTRY:
        assert name not in names, name
        names.add(name)
        c = Case(name, checks, source)
        fn(c)
        c.write(OUT_DIR)
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    print(f"wrote {len(REGISTRY)} cases ({total} bytes) to {os.path.relpath(OUT_DIR)}")


if __name__ == "__main__":
    sys.exit(main())
