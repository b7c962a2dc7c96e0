#!/usr/bin/env python3
"""A kilnc killed while the cpu device compiles kernels takes the host
compiler's whole process tree with it, the driver's own children included
(with a real g++ those are cc1plus, as and ld, which otherwise go on writing
into the kernel cache after kilnc is gone).

The host compiler is a stand-in (KILN_HOST_CXX) that starts a child of its
own and waits for it; the check is that this grandchild of kilnc dies with
kilnc.

usage: compiler_dies_with_kiln.py BIN_DIR PROGRAM WEIGHTS INPUTS SCRATCH_DIR
"""
import os
import signal
import subprocess
import sys
import time

FAKE_COMPILER = """#!/bin/sh
if [ "$1" = --version ]; then echo stand-in compiler 1.0; exit 0; fi
sleep 300 &
echo $! > "$GRANDCHILD_PID_FILE.tmp" && mv "$GRANDCHILD_PID_FILE.tmp" "$GRANDCHILD_PID_FILE"
wait
"""


def alive(pid):
    """True while pid runs (a zombie nobody reaped yet counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def main():
    bin_dir, program, weights, inputs, scratch = sys.argv[1:6]
    os.makedirs(scratch, exist_ok=True)
    compiler = os.path.join(scratch, "stand-in-cxx")
    with open(compiler, "w") as f:
        f.write(FAKE_COMPILER)
    os.chmod(compiler, 0o755)
    pid_file = os.path.join(scratch, "grandchild.pid")
    env = dict(os.environ, KILN_HOST_CXX=compiler, GRANDCHILD_PID_FILE=pid_file,
               KILN_CACHE_DIR=os.path.join(scratch, "cache"))
    kilnc = subprocess.Popen(
        [os.path.join(bin_dir, "kilnc"), "run", program, "--device", "cpu", "--inputs", inputs,
         "--weights", weights, "--output", os.path.join(scratch, "out.st")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        if not wait_for(lambda: os.path.exists(pid_file), 60):
            print("FAIL the stand-in compiler never started")
            return 1
        grandchild = int(open(pid_file).read())
        if kilnc.poll() is not None or not alive(grandchild):
            print("FAIL kilnc or the compiler's child ended before the kill")
            return 1
        kilnc.send_signal(signal.SIGKILL)
        kilnc.wait()
        if not wait_for(lambda: not alive(grandchild), 5):
            os.kill(grandchild, signal.SIGKILL)
            print("FAIL the compiler's child outlived kilnc")
            return 1
        print("the compiler's child died with kilnc")
        return 0
    finally:
        if kilnc.poll() is None:
            kilnc.kill()


if __name__ == "__main__":
    sys.exit(main())
