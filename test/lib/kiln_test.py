"""What Kiln's Python test scripts share: the kernel cache they run with,
the seeds of randomized tests, and how they compare float tensors.

KILN_TEST_SEED: the base seed of every randomized test. Unset, each run
draws a fresh one (so repeated runs explore more inputs); every failure
prints it, and setting it reproduces the run exactly.
"""
import os
import random
import struct
import zlib


def base_seed():
    """KILN_TEST_SEED, or a fresh random seed when it is unset."""
    text = os.environ.get("KILN_TEST_SEED", "").strip()
    if text:
        return int(text, 10)
    return random.randrange(1 << 31)


def seed_for(base, name):
    """The seed of test case `name` under base seed `base`: stable across
    runs and platforms, different between cases."""
    return (base ^ zlib.crc32(name.encode())) & 0x7FFFFFFF


def reproduce(base):
    """The line a failure prints so that a rerun sees the same inputs."""
    return f"rerun with KILN_TEST_SEED={base} to reproduce"


def tool_env(scratch):
    """The environment for Kiln's tools: the kernel cache lit shares across
    the suite ($KILN_CACHE_DIR), else one under `scratch`."""
    env = dict(os.environ)
    env.setdefault("KILN_CACHE_DIR", os.path.join(scratch, "cache"))
    return env


def floats(tensor):
    """The values of an F32 tensor (dtype, shape, raw bytes) as a tuple."""
    dtype, _, raw = tensor
    assert dtype == "F32", f"expected an F32 tensor, got {dtype}"
    return struct.unpack(f"<{len(raw) // 4}f", raw)


def rel_l2(a, b):
    """‖a − b‖ / ‖b‖ (‖a − b‖ when b is zero)."""
    num = sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5
    den = sum(y * y for y in b) ** 0.5
    return num / den if den else num
