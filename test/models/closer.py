#!/usr/bin/env python3
"""Says which of two result files is closer (relative L2) to a reference on
tensor NAME: "first is closer" or "second is closer", with both errors.

usage: closer.py FIRST SECOND REFERENCE NAME
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read  # noqa: E402


def floats(path, name):
    dtype, _, raw = read(path)[name]
    assert dtype == "F32", f"{path}: {name} is {dtype}, not F32"
    return struct.unpack(f"<{len(raw) // 4}f", raw)


def rel_l2(a, b):
    return (sum((x - y) ** 2 for x, y in zip(a, b)) / sum(y * y for y in b)) ** 0.5


first, second, reference, name = sys.argv[1:5]
want = floats(reference, name)
e1, e2 = rel_l2(floats(first, name), want), rel_l2(floats(second, name), want)
print(f"{'first' if e1 < e2 else 'second'} is closer ({e1:.3e} against {e2:.3e})")
