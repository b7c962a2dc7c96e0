#!/usr/bin/env python3
"""Writes the small safetensors files the kilnc error tests read.

Run once by hand (needs numpy and safetensors); the outputs are committed so
the tests need no Python packages.
"""
import os

import numpy as np
from safetensors.numpy import save_file

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)


def save(name, tensors):
    save_file(tensors, os.path.join(here, name))


x = rng.standard_normal((2, 3)).astype(np.float32)
save("x.safetensors", {"x": x})
save("x_wrong_shape.safetensors", {"x": rng.standard_normal((3, 2)).astype(np.float32)})
save("x_wrong_dtype.safetensors", {"x": x.astype(np.float16)})
save("x_and_extra.safetensors", {"x": x, "bonus": x})
save("y_only.safetensors", {"y": x})
save("w.safetensors", {"w": rng.standard_normal((3, 4)).astype(np.float32)})
save("w_and_extra.safetensors", {"w": rng.standard_normal((3, 4)).astype(np.float32),
                                 "unused": x})
save("w_wrong_shape.safetensors", {"w": rng.standard_normal((4, 3)).astype(np.float32)})

# A truncated file: the header promises more data than there is.
full = open(os.path.join(here, "x.safetensors"), "rb").read()
with open(os.path.join(here, "truncated.safetensors"), "wb") as f:
    f.write(full[:-5])
# Not a safetensors file at all.
with open(os.path.join(here, "garbage.safetensors"), "wb") as f:
    f.write(b"this is not a tensor file at all, just text\n")
