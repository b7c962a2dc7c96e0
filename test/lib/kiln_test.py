"""What Kiln's Python test scripts share: the kernel cache they run with and
the seeds of randomized tests.

KILN_TEST_SEED: the base seed of every randomized test. Unset, each run
draws a fresh one (so repeated runs explore more inputs); every failure
prints it, and setting it reproduces the run exactly.
"""
import os
import random
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
