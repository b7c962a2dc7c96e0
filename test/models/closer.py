#!/usr/bin/env python3
"""Says which of two result files is closer (relative L2) to a reference on
tensor NAME: "first is closer" or "second is closer", with both errors.

usage: closer.py FIRST SECOND REFERENCE NAME
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from kiln_safetensors import read  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from kiln_test import floats, rel_l2  # noqa: E402

first, second, reference, name = sys.argv[1:5]
want = floats(read(reference)[name])
e1, e2 = rel_l2(floats(read(first)[name]), want), rel_l2(floats(read(second)[name]), want)
print(f"{'first' if e1 < e2 else 'second'} is closer ({e1:.3e} against {e2:.3e})")
