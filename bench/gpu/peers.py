#!/usr/bin/env python3
"""The PyTorch side of bench/gpu/check.sh (runs on the GPU machine; needs
only torch).

  peers.py inputs NAME OUT.safetensors   random inputs of benchmark NAME
  peers.py ceilings                      copy bandwidth and cuBLAS bf16 TFLOP/s
  peers.py peer NAME                     the PyTorch peer of NAME, median ms

Timings: CUDA events, warm-up first, median of many runs; inputs are random
(never zeros) and larger than L2.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import write_torch as save_safetensors  # noqa: E402


def inputs(name):
    g = torch.Generator(device="cuda").manual_seed(0)
    r = lambda *s, dtype=torch.float32: torch.randn(*s, generator=g, device="cuda").to(dtype)
    if name == "pointwise_bandwidth":
        return {"x": r(64 << 20)}
    if name == "softmax_rows":
        return {"x": r(8192, 8192)}
    if name == "group_norm_vae":
        return {"x": r(1, 128, 512, 512, dtype=torch.bfloat16),
                "gamma": r(1, 128, 1, 1, dtype=torch.bfloat16),
                "beta": r(1, 128, 1, 1, dtype=torch.bfloat16)}
    if name in ("matmul_bf16", "matmul_bf16_sm90a"):
        return {"a": r(4096, 4096, dtype=torch.bfloat16), "b": r(4096, 4096, dtype=torch.bfloat16)}
    if name == "matmul_tf32":
        return {"a": r(4096, 4096), "b": r(4096, 4096)}
    if name == "attention_bf16":
        return {n: r(4, 16, 4096, 128, dtype=torch.bfloat16) for n in ("q", "k", "v")}
    if name == "selective_scan":
        return {"u": r(8, 2048, 4096), "delta": r(8, 2048, 4096).abs() * 0.1,
                "A": -r(2048, 16).abs(), "B": r(8, 1, 16, 4096), "C": r(8, 1, 16, 4096),
                "h0": r(8, 2048, 16)}
    if name == "conv_bf16":
        # Activations only: the weight is a param inside the artifact.
        return {"x": r(1, 512, 64, 64, dtype=torch.bfloat16)}
    if name == "conv_f32":
        return {"x": r(1, 512, 64, 64)}
    if name == "gemv_bf16":
        return {"x": r(1, 4096, dtype=torch.bfloat16), "w": r(4096, 4096, dtype=torch.bfloat16)}
    if name in ("qmatmul_w8a16", "qmatmul_w4a16"):
        # Activations only: the quantized weight is inside the artifact.
        return {"x1": r(1, 4096, dtype=torch.bfloat16), "x16": r(16, 4096, dtype=torch.bfloat16)}
    raise SystemExit(f"unknown benchmark {name}")


def median_ms(fn, runs=20, warmup=5):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(runs):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        times.append(a.elapsed_time(b))
    times.sort()
    return times[len(times) // 2]


def ceilings():
    x = torch.randn(64 << 20, device="cuda")
    y = torch.empty_like(x)
    copy = median_ms(lambda: y.copy_(x))
    a = torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16)
    mm = median_ms(lambda: a @ b)
    return {"copy_gbps": 2 * x.numel() * 4 / copy / 1e6,
            "cublas_bf16_tflops": 2 * 4096 ** 3 / mm / 1e9,
            "cublas_bf16_4096_ms": mm, "device": torch.cuda.get_device_name()}


def peer(name):
    t = inputs(name)
    if name == "pointwise_bandwidth":
        return median_ms(lambda: F.silu(t["x"] * 2 + 1)), "PyTorch eager"
    if name == "softmax_rows":
        return median_ms(lambda: torch.softmax(t["x"], -1)), "PyTorch eager"
    if name == "group_norm_vae":
        return median_ms(lambda: F.silu(F.group_norm(
            t["x"], 32, t["gamma"].flatten(), t["beta"].flatten(), eps=1e-6))), "PyTorch eager"
    if name == "matmul_bf16":
        return median_ms(lambda: t["a"] @ t["b"]), "cuBLAS (torch.matmul)"
    if name == "matmul_bf16_sm90a":
        return median_ms(lambda: t["a"] @ t["b"].t()), "cuBLAS (torch.matmul, b transposed)"
    if name == "matmul_tf32":
        torch.backends.cuda.matmul.allow_tf32 = True
        return median_ms(lambda: t["a"] @ t["b"].t()), \
            "cuBLAS TF32 (torch.matmul, allow_tf32)"
    if name == "attention_bf16":
        return median_ms(lambda: F.scaled_dot_product_attention(
            t["q"], t["k"], t["v"], is_causal=True)), "SDPA"
    if name == "conv_bf16":
        w = torch.randn(512, 512, 3, 3, device="cuda", dtype=torch.bfloat16) * 0.02
        return median_ms(lambda: F.conv2d(t["x"], w, padding=1)), "cuDNN (F.conv2d)"
    if name == "conv_f32":
        # PyTorch's default: cuDNN may use TF32 for f32 convolutions.
        torch.backends.cudnn.allow_tf32 = True
        w = torch.randn(512, 512, 3, 3, device="cuda") * 0.02
        return median_ms(lambda: F.conv2d(t["x"], w, padding=1)), \
            "cuDNN TF32 (F.conv2d, allow_tf32)"
    if name == "gemv_bf16":
        return median_ms(lambda: F.linear(t["x"], t["w"])), "cuBLAS (F.linear)"
    if name in ("qmatmul_w8a16", "qmatmul_w4a16"):
        # The bf16 matmuls of the same shapes (the baseline).
        w = torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16)
        return median_ms(lambda: (F.linear(t["x1"], w), F.linear(t["x16"], w))), \
            "bf16 F.linear, M = 1 and 16"
    if name == "selective_scan":
        # No PyTorch op: the peer is the memory-traffic floor at copy speed.
        bytes_moved = sum(v.numel() * v.element_size() for v in t.values()) + \
            t["u"].numel() * 4 + t["h0"].numel() * 4
        return bytes_moved / (ceilings()["copy_gbps"] * 1e6), "memory-traffic floor"
    raise SystemExit(f"unknown benchmark {name}")


def main():
    cmd = sys.argv[1]
    if cmd == "inputs":
        save_safetensors(sys.argv[3], inputs(sys.argv[2]))
    elif cmd == "ceilings":
        print(json.dumps(ceilings()))
    elif cmd == "peer":
        ms, what = peer(sys.argv[2])
        print(json.dumps({"ms": ms, "peer": what}))


if __name__ == "__main__":
    main()
