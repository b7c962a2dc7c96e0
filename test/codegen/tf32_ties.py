#!/usr/bin/env python3
"""Inputs and the check for tf32-ties.mlir: every operand element is
1 + 2^-11, halfway between two TF32 values. Rounded to nearest with ties
away from zero it is 1 + 2^-10, so each output, a sum of K equal products,
is K · (1 + 2^-10)²; truncated it would be K, unrounded K · (1 + 2^-11)².
The check allows f32 accumulation error (2e-5 relative), a thirtieth of
the nearest wrong answer's distance.

usage: tf32_ties.py inputs OUT.safetensors
       tf32_ties.py check RESULT.safetensors
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import kiln_safetensors  # noqa: E402

TIE = 1 + 2 ** -11
SHAPES = {"x": [1, 8, 5, 5], "w": [16, 8, 3, 3], "x3": [1, 3, 6, 6], "w3": [16, 3, 3, 3],
          "a": [70, 40], "b": [72, 40], "c": [40, 72]}
# Reduction length of each output.
K = {"y": 8 * 9, "y3": 3 * 9, "ab": 40, "ac": 40}


def count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def main():
    cmd, path = sys.argv[1:3]
    if cmd == "inputs":
        kiln_safetensors.write(path, {name: ("F32", shape, struct.pack(f"<{count(shape)}f",
                                                                         *[TIE] * count(shape)))
                                      for name, shape in SHAPES.items()})
        return 0
    failed = 0
    for name, (dtype, shape, raw) in sorted(kiln_safetensors.read(path).items()):
        values = struct.unpack(f"<{count(shape)}f", raw)
        want = K[name] * (1 + 2 ** -10) ** 2
        worst = max(abs(v - want) / want for v in values)
        ok = worst <= 2e-5
        failed += not ok
        print(f"{'ok' if ok else 'FAIL'} {name}: {len(values)} values, worst relative error "
              f"{worst:.2e} against K (1 + 2^-10)^2 = {want:.6f}")
    print(f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
