#!/usr/bin/env python3
"""Differential fuzzer: random well-typed kiln programs, each run on the
reference interpreter and on the cpu device (the compiled CUDA kernels under
emulation) — in process (`kilnc run`) and through an artifact (`kilnc
compile` + `kiln-run`) — results compared within a tolerance.

A program is a chain of 3 to 10 ops drawn from every op group of the
contract (one generator per kind, GENERATORS below; README.md lists them)
over f32 tensors whose dimensions cross the kernels' tiles (1 to 130).
Inputs and weights come from kiln-random-inputs (standard normal).

Each output tensor is compared by its RMS error against the reference,
relative to the larger of the reference's RMS and 1 (the inputs' scale):
a tensor that cancels to ~0 (the sum of a normalized row) is held to the
scale of the values it came from, not to its own rounding noise, while a
wrong tensor fails. Without --precision the tolerance is 1e-4 (f32
throughout; 16-bit casts round identically on both sides). With
--precision bf16|f16 the cpu device runs the program through kiln-precision
and the reference runs the same kiln-precision'd program (kiln-opt), so
both round alike; the tolerance is 2e-2.

A failing program is shrunk (the shortest prefix whose last value still
fails, returned alone, then without the ops that value does not depend on)
and written to REPRO_DIR with its inputs, weights and the commands that show
the failure.

usage: differential.py BIN_DIR SCRATCH_DIR --seed S --count N [--first I]
                       [--precision bf16|f16] [--repro-dir DIR] [--keep-going]
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys

DIMS = [1, 2, 3, 5, 8, 16, 17, 33, 64, 65, 130]
MAX_ELEMENTS = 40000


def type_of(shape, element="f32"):
    return ("tensor<" + "x".join(str(d) for d in shape) + "x" + element + ">" if shape
            else "tensor<" + element + ">")


def count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


class Program:
    """SSA lines over f32 values; values[i] = (name, shape)."""

    def __init__(self, rng):
        self.rng = rng
        self.args, self.params, self.lines, self.values = [], [], [], []
        self.names = 0

    def fresh(self, shape, line):
        name = f"%v{self.names}"
        self.names += 1
        self.lines.append(f"  {name} = {line}")
        self.values.append((name, shape))
        return name, shape

    def arg(self, shape, element="f32"):
        """A new function argument; f32 ones join the value pool."""
        name = f"%a{len(self.args)}"
        self.args.append((name, shape, element))
        if element == "f32":
            self.values.append((name, shape))
        return name, shape

    def param(self, shape):
        name = f"%w{len(self.params)}"
        self.params.append((name, shape))
        self.lines.append(f'  {name} = kiln.param "w{len(self.params) - 1}" : {type_of(shape)}')
        return name

    def text(self, results):
        args = ", ".join(f'{n}: {type_of(s, e)} {{kiln.name = "x{i}"}}'
                         for i, (n, s, e) in enumerate(self.args))
        outs = ", ".join(f'{type_of(s)} {{kiln.name = "y{i}"}}' for i, (_, s) in enumerate(results))
        body = "\n".join(self.lines)
        ret = ", ".join(n for n, _ in results)
        rtypes = ", ".join(type_of(s) for _, s in results)
        return (f"func.func @main({args}) -> ({outs}) {{\n{body}\n"
                f"  return {ret} : {rtypes}\n}}\n")


def random_shape(rng, rank=None):
    rank = rank or rng.choice([1, 2, 2, 3, 4])
    while True:
        shape = [rng.choice(DIMS) for _ in range(rank)]
        if count(shape) <= MAX_ELEMENTS:
            return shape


def pick(p, rng, min_rank):
    """A pool value of rank min_rank or more, or None."""
    cands = [v for v in p.values if len(v[1]) >= min_rank]
    return rng.choice(cands) if cands else None


# Each generator takes (program, rng) and appends one op, or returns False
# when no value suits it.

def gen_unary(p, rng):
    x, s = rng.choice(p.values)
    op = rng.choice(["tanh", "sigmoid", "relu", "silu", "gelu", "abs", "neg", "sin", "cos", "erf"])
    p.fresh(s, f"kiln.{op} {x} : {type_of(s)}")
    return True


def gen_binary(p, rng):
    x, s = rng.choice(p.values)
    op = rng.choice(["add", "sub", "mul", "max", "min"])
    same = [v for v in p.values if v[1] == s and v[0] != x]
    if same and rng.random() < 0.6:
        y, t = rng.choice(same)
    else:  # a broadcast operand: some dimensions of x set to 1
        t = [d if rng.random() < 0.5 else 1 for d in s]
        y, _ = p.arg(t)
    p.fresh(s, f"kiln.{op} {x}, {y} : {type_of(s)}, {type_of(t)}")
    return True


def gen_reduce(p, rng):
    picked = pick(p, rng, 1)
    if not picked:
        return False
    x, s = picked
    axis = rng.randrange(len(s))
    keep = rng.random() < 0.5
    out = [1 if i == axis else d for i, d in enumerate(s)] if keep else \
        [d for i, d in enumerate(s) if i != axis]
    op = rng.choice(["reduce_sum", "reduce_max", "reduce_mean", "reduce_min"])
    p.fresh(out, f"kiln.{op} {x} {{axes = array<i64: {axis}>, keepdim = {str(keep).lower()}}} "
                 f": {type_of(s)}")
    return True


def gen_rowwise(p, rng):
    picked = pick(p, rng, 1)
    if not picked:
        return False
    x, s = picked
    kind = rng.choice(["softmax", "log_softmax", "layer_norm", "rms_norm"])
    if kind in ("softmax", "log_softmax"):
        axis = rng.randrange(len(s))
        p.fresh(s, f"kiln.{kind} {x} {{axis = {axis} : i64}} : {type_of(s)}")
    elif kind == "layer_norm":
        p.fresh(s, f"kiln.layer_norm {x} {{axes = array<i64: -1>}} : {type_of(s)}")
    else:
        p.fresh(s, f"kiln.rms_norm {x} : {type_of(s)}")
    return True


def gen_transpose(p, rng):
    picked = pick(p, rng, 2)
    if not picked:
        return False
    x, s = picked
    perm = list(range(len(s)))
    while perm == sorted(perm):
        rng.shuffle(perm)
    p.fresh([s[i] for i in perm],
            f"kiln.transpose {x} {{perm = array<i64: {', '.join(map(str, perm))}>}} : {type_of(s)}")
    return True


def gen_reshape(p, rng):
    picked = pick(p, rng, 2)
    if not picked:
        return False
    x, s = picked
    out = s[:-2] + [s[-2] * s[-1]]
    p.fresh(out, f"kiln.reshape {x} : {type_of(s)} -> {type_of(out)}")
    return True


def gen_slice(p, rng):
    cands = [v for v in p.values if len(v[1]) >= 1 and max(v[1]) >= 2]
    if not cands:
        return False
    x, s = rng.choice(cands)
    start, limit, stride, out = [], [], [], []
    for d in s:
        a = rng.randrange(d)
        b = rng.randrange(a + 1, d + 1)
        st = rng.choice([1, 1, 2])
        start.append(a)
        limit.append(b)
        stride.append(st)
        out.append((b - a + st - 1) // st)
    fmt = lambda v: ", ".join(map(str, v))
    p.fresh(out, f"kiln.slice {x} {{start = array<i64: {fmt(start)}>, limit = array<i64: {fmt(limit)}>, "
                 f"stride = array<i64: {fmt(stride)}>}} : {type_of(s)}")
    return True


def gen_concat(p, rng):
    x, s = rng.choice(p.values)
    if not s:
        return False
    axis = rng.randrange(len(s))
    t = list(s)
    t[axis] = rng.choice(DIMS[:6])
    if count(s) + count(t) > MAX_ELEMENTS:
        return False
    y, _ = p.arg(t)
    out = list(s)
    out[axis] += t[axis]
    p.fresh(out, f"kiln.concat {x}, {y} {{axis = {axis} : i64}} : {type_of(s)}, {type_of(t)}")
    return True


def gen_matmul(p, rng):
    cands = [v for v in p.values if len(v[1]) == 2]
    if not cands:
        x, s = p.arg(random_shape(rng, 2))
    else:
        x, s = rng.choice(cands)
    m, k = s
    n = rng.choice(DIMS[2:])
    if m * n > MAX_ELEMENTS or k * n > MAX_ELEMENTS:
        return False
    if rng.random() < 0.5:
        w = p.param([n, k])
        p.fresh([m, n], f"kiln.matmul {x}, {w} {{transpose_b = true}} : {type_of(s)}, {type_of([n, k])}")
    else:
        w = p.param([k, n])
        p.fresh([m, n], f"kiln.matmul {x}, {w} : {type_of(s)}, {type_of([k, n])}")
    return True


def gen_conv(p, rng):
    cands = [v for v in p.values if len(v[1]) == 4 and v[1][2] >= 3 and v[1][3] >= 3]
    if not cands:
        return False
    x, s = rng.choice(cands)
    n, c, h, w = s
    groups = rng.choice([g for g in (1, 2, 4, c) if c % g == 0])
    o = groups * rng.choice([1, 2, 4, 8, 16])
    kh, kw = rng.choice([1, 3]), rng.choice([1, 3])
    stride, pad = rng.choice([1, 2]), rng.choice([0, 1])
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    if oh < 1 or ow < 1 or n * o * oh * ow > MAX_ELEMENTS or o * (c // groups) * kh * kw > MAX_ELEMENTS:
        return False
    wt = p.param([o, c // groups, kh, kw])
    p.fresh([n, o, oh, ow],
            f"kiln.conv2d {x}, {wt} {{stride = array<i64: {stride}, {stride}>, "
            f"padding = array<i64: {pad}, {pad}, {pad}, {pad}>, groups = {groups} : i64}} "
            f": {type_of(s)}, {type_of([o, c // groups, kh, kw])}")
    return True


def gen_conv_transpose(p, rng):
    """conv_transpose2d against a param: stride, padding, output padding."""
    cands = [v for v in p.values if len(v[1]) == 4]
    if not cands:
        return False
    x, s = rng.choice(cands)
    n, c, h, w = s
    o, k, stride = rng.choice([1, 2, 8, 16]), rng.choice([1, 2, 3, 4]), rng.choice([1, 2])
    pad = rng.randint(0, (k - 1) // 2)
    outpad = rng.randint(0, stride - 1)
    oh, ow = (h - 1) * stride - 2 * pad + k + outpad, (w - 1) * stride - 2 * pad + k + outpad
    if oh < 1 or ow < 1 or n * o * oh * ow > MAX_ELEMENTS or c * o * k * k > MAX_ELEMENTS:
        return False
    wt = p.param([c, o, k, k])
    p.fresh([n, o, oh, ow],
            f"kiln.conv_transpose2d {x}, {wt} {{stride = array<i64: {stride}, {stride}>, "
            f"padding = array<i64: {pad}, {pad}>, output_padding = array<i64: {outpad}, {outpad}>}}"
            f" : {type_of(s)}, {type_of([c, o, k, k])}")
    return True


def gen_rope(p, rng):
    """Rotary positions on [B, H, L, D] (D even), positions 0 … L − 1 from
    an iota, half-split or interleaved pairs."""
    cands = [v for v in p.values if len(v[1]) == 4 and v[1][3] % 2 == 0]
    x, s = rng.choice(cands) if cands and rng.random() < 0.7 else \
        p.arg([rng.choice([1, 2]), rng.choice([1, 3]), rng.choice([1, 5, 17, 64]),
               rng.choice([2, 8, 16, 64])])
    positions, _ = p.fresh(None, f"kiln.iota {{dim = 0 : i64}} : {type_of([s[2]], 'i32')}")
    p.values.pop()
    theta = rng.choice(["10000.0", "500000.0"])
    inter = ", interleaved = true" if rng.random() < 0.5 else ""
    p.fresh(s, f"kiln.rope {x}, {positions} {{theta = {theta} : f32{inter}}} : {type_of(s)}, "
               f"{type_of([s[2]], 'i32')}")
    return True


def gen_pad(p, rng):
    x, s = rng.choice(p.values)
    if not s:
        return False
    mode = rng.choice(["constant", "replicate", "reflect"])
    low = [rng.randint(0, 2) for _ in s]
    high = [rng.randint(0, 2) for _ in s]
    if mode == "reflect":
        low = [min(l, d - 1) for l, d in zip(low, s)]
        high = [min(h, d - 1) for h, d in zip(high, s)]
    out = [d + l + h for d, l, h in zip(s, low, high)]
    if count(out) > MAX_ELEMENTS:
        return False
    lo, hi = ", ".join(map(str, low)), ", ".join(map(str, high))
    value = ", value = -1.5 : f32" if mode == "constant" else ""
    p.fresh(out, f'kiln.pad {x} {{low = array<i64: {lo}>, high = array<i64: {hi}>, '
                 f'mode = "{mode}"{value}}} : {type_of(s)}')
    return True


def gen_resize(p, rng):
    """nearest / bilinear / bicubic (align_corners or not) to a new size."""
    cands = [v for v in p.values if len(v[1]) == 4]
    if not cands:
        return False
    x, s = rng.choice(cands)
    out = s[:2] + [rng.choice([1, 2, 3, 7, 16, 33]), rng.choice([1, 2, 5, 16, 40])]
    if count(out) > MAX_ELEMENTS:
        return False
    mode = rng.choice(["nearest", "bilinear", "bicubic"])
    corners = ", align_corners = true" if mode != "nearest" and rng.random() < 0.5 else ""
    p.fresh(out, f'kiln.resize {x} {{mode = "{mode}"{corners}}} : {type_of(s)} -> {type_of(out)}')
    return True


def gen_cumsum(p, rng):
    x, s = rng.choice(p.values)
    if not s:
        return False
    p.fresh(s, f"kiln.cumsum {x} {{axis = {rng.randrange(len(s))} : i64}} : {type_of(s)}")
    return True


def gen_gather(p, rng):
    """take along an axis with constant i64 indices, negative ones included."""
    v = pick(p, rng, 1)
    if v is None:
        return False
    x, s = v
    axis = rng.randrange(len(s))
    n = rng.choice([1, 3, 8])
    ids = [rng.randrange(-s[axis], s[axis]) for _ in range(n)]
    out = s[:axis] + [n] + s[axis + 1:]
    if count(out) > MAX_ELEMENTS:
        return False
    table, _ = p.fresh(None, f"kiln.constant dense<[{', '.join(map(str, ids))}]> : "
                             f"{type_of([n], 'i64')}")
    p.values.pop()
    p.fresh(out, f"kiln.gather {x}, {table} {{axis = {axis} : i64}} : {type_of(s)}, "
                 f"{type_of([n], 'i64')}")
    return True


def gen_pixel_shuffle(p, rng):
    cands = [v for v in p.values if len(v[1]) == 4]
    if not cands:
        return False
    x, (n, c, h, w) = rng.choice(cands)
    r = rng.choice([2, 3])
    if c % (r * r) == 0 and rng.random() < 0.5:
        p.fresh([n, c // (r * r), h * r, w * r],
                f"kiln.pixel_shuffle {x} {{factor = {r} : i64}} : {type_of([n, c, h, w])}")
    elif h % r == 0 and w % r == 0:
        p.fresh([n, c * r * r, h // r, w // r],
                f"kiln.pixel_unshuffle {x} {{factor = {r} : i64}} : {type_of([n, c, h, w])}")
    else:
        return False
    return True


def gen_profiling(p, rng):
    """FastGen's profiling ops: attention_colsum (Σᵢ A_ij per key) or
    attention_mass of P keep policies, causal or not, GQA."""
    b, hk = rng.choice([1, 2]), rng.choice([1, 2])
    hq = hk * rng.choice([1, 2, 4])
    length, d = rng.choice([1, 5, 16, 33, 70]), rng.choice([16, 32, 64])
    if b * hq * length * d > MAX_ELEMENTS:
        return False
    q, _ = p.arg([b, hq, length, d])
    k, _ = p.arg([b, hk, length, d])
    attrs = f"scale = {1.0 / d ** 0.5:.6e} : f32" + (", causal = false" if rng.random() < 0.4 else "")
    types = f"{type_of([b, hq, length, d])}, {type_of([b, hk, length, d])}"
    if rng.random() < 0.5:
        p.fresh([b, hq, length], f"kiln.attention_colsum {q}, {k} {{{attrs}}} : {types}")
    else:
        policies = rng.choice([1, 2, 3])
        keep, _ = p.arg([policies, b, hk, length], "i1")
        p.fresh([policies, b, hq], f"kiln.attention_mass {q}, {k}, {keep} {{{attrs}}} : {types}, "
                                   f"{type_of([policies, b, hk, length], 'i1')}")
    return True


def gen_random_normal(p, rng):
    """A counter-based normal sample (every device reproduces it bit for
    bit), scaled and shifted."""
    shape = random_shape(rng)
    mean, std = rng.choice([0.0, 1.5]), rng.choice([1.0, 0.25])
    p.fresh(shape, f"kiln.random_normal {{seed = {rng.randrange(-2**40, 2**40)} : i64, "
                   f"mean = {mean} : f32, std = {std} : f32}} : {type_of(shape)}")
    return True


def gen_cast(p, rng):
    """A round trip through one or two 16-bit float types (f32 → bf16 → f16
    → f32 and the like): every float-to-float cast."""
    x, s = rng.choice(p.values)
    chain = rng.choice([["bf16"], ["f16"], ["bf16", "f16"], ["f16", "bf16"]])
    src, cur = x, "f32"
    for t in chain + ["f32"]:
        to = type_of(s, t)
        name, _ = p.fresh(s, f"kiln.cast {src} : {type_of(s, cur)} to {to}")
        if t != "f32":
            p.values.pop()  # 16-bit values are not reused as f32 ones
        src, cur = name, t
    return True


def gen_select(p, rng):
    """compare + select: an i1 mask from two values picks between them."""
    x, s = rng.choice(p.values)
    y = rng.choice([v for v in p.values if v[1] == s] + [(None, None)])
    if y[0] is None:
        y, _ = p.fresh(s, f"kiln.tanh {x} : {type_of(s)}")
    else:
        y = y[0]
    pred = rng.choice(["lt", "le", "gt", "ge", "eq", "ne"])
    mask, _ = p.fresh(s, f'kiln.compare {x}, {y} {{predicate = "{pred}"}} : {type_of(s)}, '
                         f'{type_of(s)}')
    p.values.pop()  # the i1 mask is not an f32 value
    p.fresh(s, f"kiln.select {mask}, {x}, {y} : {type_of(s, 'i1')}, {type_of(s)}, {type_of(s)}")
    return True


def gen_index(p, rng):
    """argmax or topk along an axis of a fresh input; the i64 indices come
    back as f32. On an input both devices see the same values (rounded
    alike under kiln-precision), so ties break the same way; on a computed
    value, rounding differences between the devices would flip near-ties
    and the indices with them."""
    x, s = p.arg(random_shape(rng))
    axis = rng.randrange(len(s))
    if rng.random() < 0.5:
        out = s[:axis] + s[axis + 1:]
        idx, _ = p.fresh(out, f"kiln.argmax {x} {{axis = {axis} : i64}} : {type_of(s)}")
        p.values.pop()  # i64 indices are not an f32 value
    else:
        k = rng.randint(1, min(s[axis], 8))
        out = s[:axis] + [k] + s[axis + 1:]
        name = f"%t{p.names}"
        p.names += 1
        p.lines.append(f"  {name}, {name}_i = kiln.topk {x} {{k = {k} : i64, axis = {axis} : i64}}"
                       f" : {type_of(s)}")
        p.values.append((name, out))
        idx = name + "_i"
    p.fresh(out, f"kiln.cast {idx} : {type_of(out, 'i64')} to {type_of(out)}")
    return True


def gen_kv_cache(p, rng):
    """A decode step: new K/V rows written into caches at a position, then
    attention of the T new queries over the filled rows (GQA), and now and
    then a cache compacted by a keep mask."""
    b, hk = rng.choice([1, 2]), rng.choice([1, 2])
    hq = hk * rng.choice([1, 2, 4])
    S, t = rng.choice([16, 33, 64, 130]), rng.choice([1, 2, 5])
    d, dv = rng.choice([16, 32, 64]), rng.choice([16, 32])
    if b * hq * S * max(d, dv) > MAX_ELEMENTS:
        return False
    pos = rng.randint(0, S - t)
    kc, _ = p.arg([b, hk, S, d])
    vc, _ = p.arg([b, hk, S, dv])
    kn, _ = p.arg([b, hk, t, d])
    vn, _ = p.arg([b, hk, t, dv])
    q, _ = p.arg([b, hq, t, d])
    rows = type_of([b, hk], "i32")
    at, _ = p.fresh(None, f"kiln.constant dense<{pos}> : {rows}")
    p.values.pop()
    k2, _ = p.fresh([b, hk, S, d], f"kiln.kv_cache_write {kc}, {kn}, {at} : "
                                   f"{type_of([b, hk, S, d])}, {type_of([b, hk, t, d])}, {rows}")
    v2, _ = p.fresh([b, hk, S, dv], f"kiln.kv_cache_write {vc}, {vn}, {at} : "
                                    f"{type_of([b, hk, S, dv])}, {type_of([b, hk, t, dv])}, {rows}")
    lens, _ = p.fresh(None, f"kiln.constant dense<{pos + t}> : {rows}")
    p.values.pop()
    p.fresh([b, hq, t, dv], f"kiln.decode_attention {q}, {k2}, {v2}, {lens} "
                            f"{{scale = {1.0 / d ** 0.5:.6e} : f32}} : {type_of([b, hq, t, d])}, "
                            f"{type_of([b, hk, S, d])}, {type_of([b, hk, S, dv])}, {rows}")
    if rng.random() < 0.4:
        keep, _ = p.arg([b, hk, S], "i1")
        name = f"%c{p.names}"
        p.names += 1
        p.lines.append(f"  {name}, {name}_n = kiln.kv_cache_compact {k2}, {keep} : "
                       f"{type_of([b, hk, S, d])}, {type_of([b, hk, S], 'i1')}")
        p.values.append((name, [b, hk, S, d]))
    return True


def gen_attention(p, rng):
    """Attention on fresh q, k, v: GQA, causal (square), a boolean mask or
    an additive bias; a fully masked row gives 0 on both devices."""
    b, hkv = rng.choice([1, 2]), rng.choice([1, 2])
    h = hkv * rng.choice([1, 2, 4])
    lq, d, dv = rng.choice([1, 5, 16, 33, 70]), rng.choice([16, 32, 64]), rng.choice([16, 32])
    lk = lq if rng.random() < 0.5 else rng.choice([7, 16, 65, 130])
    if b * h * max(lq, lk) * max(d, dv) > MAX_ELEMENTS:
        return False
    q, _ = p.arg([b, h, lq, d])
    k, _ = p.arg([b, hkv, lk, d])
    v, _ = p.arg([b, hkv, lk, dv])
    attrs = [f"scale = {1.0 / d ** 0.5:.6e} : f32"]
    operands, types = [q, k, v], [type_of([b, h, lq, d]), type_of([b, hkv, lk, d]),
                                  type_of([b, hkv, lk, dv])]
    extra = rng.choice(["none", "causal", "mask", "bias"])
    if extra == "causal" and lq == lk:
        attrs.append("causal = true")
    elif extra == "mask":
        m, _ = p.arg([1, 1, lq, lk], "i1")
        operands.append(m)
        types.append(type_of([1, 1, lq, lk], "i1"))
    elif extra == "bias":
        bias, _ = p.arg([b, h, 1, lk])
        operands.append(bias)
        types.append(type_of([b, h, 1, lk]))
    p.fresh([b, h, lq, dv], f"kiln.attention {', '.join(operands)} {{{', '.join(attrs)}}} "
                            f": {', '.join(types)}")
    return True


def gen_scan(p, rng):
    """Mamba's selective scan with a decaying state: Δ = softplus(·) > 0,
    A = −exp(·) < 0."""
    b, e, n, length = rng.choice([1, 2]), rng.choice([1, 3, 16, 33]), rng.choice([1, 4, 16]), \
        rng.choice([1, 7, 64, 300])
    g = rng.choice([g for g in (1, 2, 4) if e % g == 0] or [1])
    if b * e * length > MAX_ELEMENTS or b * g * n * length > MAX_ELEMENTS:
        return False
    u, _ = p.arg([b, e, length])
    draw, _ = p.arg([b, e, length])
    dt, _ = p.fresh([b, e, length], f"kiln.softplus {draw} : {type_of([b, e, length])}")
    araw, _ = p.arg([e, n])
    ae, _ = p.fresh([e, n], f"kiln.exp {araw} : {type_of([e, n])}")
    a, _ = p.fresh([e, n], f"kiln.neg {ae} : {type_of([e, n])}")
    bb, _ = p.arg([b, g, n, length])
    cc, _ = p.arg([b, g, n, length])
    h0, _ = p.arg([b, e, n])
    name = f"%s{p.names}"
    p.names += 1
    p.lines.append(f"  {name}, {name}_h = kiln.selective_scan {u}, {dt}, {a}, {bb}, {cc}, {h0} : "
                   + ", ".join(type_of(s) for s in ([b, e, length], [b, e, length], [e, n],
                                                      [b, g, n, length], [b, g, n, length],
                                                      [b, e, n])))
    p.values.append((name, [b, e, length]))
    p.values.append((name + "_h", [b, e, n]))
    return True


def gen_qmatmul(p, rng):
    """x · dequantize(quantize(w)) with block-quantized int8 / int4 codes
    of a param; the cpu device folds the quantize at compile time."""
    cands = [v for v in p.values if len(v[1]) == 2 and v[1][1] % 32 == 0]
    if cands and rng.random() < 0.7:
        x, s = rng.choice(cands)
    else:
        x, s = p.arg([rng.choice([1, 2, 8, 16, 40]), rng.choice([32, 64, 128])])
    m, k = s
    n = rng.choice([8, 16, 33, 64, 80])
    bits, block = rng.choice([4, 8]), rng.choice([bs for bs in (32, 64, 128) if k % bs == 0])
    scheme = rng.choice(["absmax", "deepspeed"])
    w = p.param([n, k])
    qn = f"%q{p.names}"
    p.names += 1
    p.lines.append(f"  {qn}, {qn}_s = kiln.quantize {w} {{axis = 1 : i64, bits = {bits} : i64, "
                   f"block_size = {block} : i64, scheme = \"{scheme}\"}} : {type_of([n, k])}")
    p.fresh([m, n], f"kiln.qmatmul {x}, {qn}, {qn}_s {{bits = {bits} : i64, block_size = {block} : i64}} "
                    f": {type_of(s)}, {type_of([n, k], 'i8')}, {type_of([n, k // block])}")
    return True


GENERATORS = [gen_unary, gen_binary, gen_reduce, gen_rowwise, gen_transpose, gen_reshape,
              gen_slice, gen_concat, gen_matmul, gen_conv, gen_cast, gen_attention, gen_scan,
              gen_qmatmul, gen_select, gen_index, gen_kv_cache, gen_conv_transpose, gen_rope,
              gen_pad, gen_resize, gen_cumsum, gen_gather, gen_pixel_shuffle, gen_profiling,
              gen_random_normal]


def generate(seed):
    rng = random.Random(seed)
    p = Program(rng)
    p.arg(random_shape(rng, rng.choice([2, 2, 3, 4, 4])))
    ops = rng.randint(3, 10)
    while len(p.lines) - len(p.params) < ops:
        rng.choice(GENERATORS)(p, rng)
    # The last value and up to three other values nothing reads, so that
    # most ops stay live through canonicalization.
    computed = [v for v in p.values if not v[0].startswith("%a")]
    uses = "\n".join(line.split(" = ", 1)[1] for line in p.lines)
    sinks = [v for v in computed[:-1] if not re.search(re.escape(v[0]) + r"\b", uses)]
    results = [computed[-1]] + rng.sample(sinks, min(3, len(sinks)))
    return p, results


def run(cmd, env):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def read_f32(path):
    """{name: list of floats} of a safetensors file of F32 tensors."""
    data = open(path, "rb").read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", f"{path}: {name} is {info['dtype']}"
        begin, end = info["data_offsets"]
        raw = data[8 + size + begin:8 + size + end]
        out[name] = struct.unpack(f"<{len(raw) // 4}f", raw)
    return out


def compare(actual_path, expected_path, tol):
    """'' when every tensor's RMS error is within tol · max(RMS, 1)."""
    actual, expected = read_f32(actual_path), read_f32(expected_path)
    problems = []
    for name, want in expected.items():
        got = actual.get(name)
        if got is None or len(got) != len(want):
            problems.append(f"{name}: missing or of another size")
            continue
        if not want:
            continue
        if any(math.isnan(a) != math.isnan(e) for a, e in zip(got, want)):
            problems.append(f"{name}: NaN on one side only")
            continue
        pairs = [(a, e) for a, e in zip(got, want) if not (math.isnan(a) and math.isnan(e))]
        if any(math.isinf(a) or math.isinf(e) for a, e in pairs):
            if any(a != e for a, e in pairs if math.isinf(a) or math.isinf(e)):
                problems.append(f"{name}: infinities differ")
            pairs = [(a, e) for a, e in pairs if not (math.isinf(a) or math.isinf(e))]
        if not pairs:
            continue
        err = math.sqrt(sum((a - e) ** 2 for a, e in pairs) / len(pairs))
        rms = math.sqrt(sum(e * e for _, e in pairs) / len(pairs))
        if err > tol * max(rms, 1.0):
            problems.append(f"{name}: RMS error {err:.3g} against RMS {rms:.3g} (tolerance "
                            f"{tol} x max(RMS, 1))")
    return "\n".join(problems)


def check(bin_dir, text, stem, seed, precision, env):
    """'' when the devices agree, else what failed."""
    with open(stem + ".mlir", "w") as f:
        f.write(text)
    tool = lambda name: os.path.join(bin_dir, name)
    reference = stem + ".mlir"
    steps = [[tool("kiln-random-inputs"), stem + ".mlir", "-o", stem + ".in.st", "--seed",
              str(seed), "--weights-out", stem + ".w.st"]]
    if precision:  # the reference runs the program at its own precision
        reference = stem + "." + precision + ".mlir"
        steps.append([tool("kiln-opt"), stem + ".mlir", f"--kiln-precision=precision={precision}",
                      "-o", reference])
    steps += [
        [tool("kilnc"), "run", reference, "--device", "reference", "--inputs", stem + ".in.st",
         "--weights", stem + ".w.st", "--output", stem + ".ref.st"],
        [tool("kilnc"), "run", stem + ".mlir", "--device", "cpu", "--inputs", stem + ".in.st",
         "--weights", stem + ".w.st", "--output", stem + ".cpu.st"]
        + (["--precision", precision] if precision else []),
        # Ahead of time too: an artifact, run by the thin runtime.
        [tool("kilnc"), "compile", stem + ".mlir", "--weights", stem + ".w.st", "--target",
         "none", "-o", stem + ".kiln"] + (["--precision", precision] if precision else []),
        [tool("kiln-run"), stem + ".kiln", "--device", "cpu", "--inputs", stem + ".in.st",
         "--output", stem + ".art.st"],
    ]
    for step in steps:
        r = run(step, env)
        if r.returncode != 0:
            return " ".join(step) + "\n" + r.stdout + r.stderr
    tol = 2e-2 if precision else 1e-4
    for got in (".cpu.st", ".art.st"):
        problems = compare(stem + got, stem + ".ref.st", tol)
        if problems:
            return f"{stem}{got} against {stem}.ref.st:\n{problems}"
    return ""


def backward_slice(lines, name):
    """The lines `name` depends on (itself included), in order: every op
    the value does not read is deleted."""
    defs = {}
    for i, line in enumerate(lines):
        for n in line.split(" = ", 1)[0].replace(",", " ").split():
            defs[n] = i
    needed, todo = set(), [name]
    while todo:
        n = todo.pop()
        i = defs.get(n)
        if i is None or i in needed:
            continue
        needed.add(i)
        todo += re.findall(r"%[\w]+", lines[i].split(" = ", 1)[1])
    return [line for i, line in enumerate(lines) if i in needed]


def shrink(bin_dir, p, seed, precision, scratch, env):
    """The shortest prefix whose last value still fails, returned alone, and
    then without the ops that value does not depend on (when it still
    fails without them)."""
    computed = [v for v in p.values if not v[0].startswith("%a")]
    defines = lambda line, name: name in line.split(" = ", 1)[0].replace(",", " ").split()
    for value in computed:
        keep = p.lines[:p.lines.index(next(l for l in p.lines if defines(l, value[0]))) + 1]
        q = Program(p.rng)
        q.args, q.params, q.lines, q.values = p.args, p.params, keep, p.values
        text = q.text([value])
        why = check(bin_dir, text, os.path.join(scratch, "shrink"), seed, precision, env)
        if not why:
            continue
        q.lines = backward_slice(keep, value[0])
        if len(q.lines) < len(keep):
            sliced = q.text([value])
            again = check(bin_dir, sliced, os.path.join(scratch, "shrink"), seed, precision, env)
            if again:
                return sliced, again
        return text, why
    return None, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bin_dir")
    ap.add_argument("scratch")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--first", type=int, default=0,
                    help="index of the first program (program i has seed S * 1000003 + i)")
    ap.add_argument("--precision", choices=["bf16", "f16"])
    ap.add_argument("--repro-dir")
    ap.add_argument("--keep-going", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.scratch, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("KILN_CACHE_DIR", os.path.join(args.scratch, "cache"))
    failed = 0
    for i in range(args.first, args.first + args.count):
        seed = args.seed * 1000003 + i
        p, results = generate(seed)
        stem = os.path.join(args.scratch, f"p{i}")
        why = check(args.bin_dir, p.text(results), stem, seed, args.precision, env)
        if not why:
            print(f"ok program {i} (seed {seed}, {len(p.lines) - len(p.params)} ops)")
            continue
        failed += 1
        text, small = shrink(args.bin_dir, p, seed, args.precision, args.scratch, env)
        print(f"FAIL program {i} (seed {seed}):\n{why}")
        if args.repro_dir:
            out = os.path.join(args.repro_dir, f"seed{seed}")
            os.makedirs(out, exist_ok=True)
            shutil.copy(stem + ".mlir", os.path.join(out, "program.mlir"))
            if text:
                with open(os.path.join(out, "minimized.mlir"), "w") as f:
                    f.write(text)
            with open(os.path.join(out, "README.txt"), "w") as f:
                f.write(f"seed {seed}; precision {args.precision or 'f32'}\n"
                        f"first failure:\n{why}\nminimized:\n{small or '(none smaller)'}\n")
            print(f"  reproducer in {out}")
        if not args.keep_going:
            break
    ran = args.count if args.keep_going or not failed else i + 1 - args.first
    print(f"{ran} programs, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
