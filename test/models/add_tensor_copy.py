#!/usr/bin/env python3
"""Writes OUT: the tensors of IN plus a copy of tensor SRC under the name DST
(a checkpoint that stores a tied weight twice).

usage: add_tensor_copy.py IN SRC DST OUT
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read, write  # noqa: E402

src_path, src, dst, out = sys.argv[1:5]
tensors = read(src_path)
tensors[dst] = tensors[src]
write(out, tensors)
