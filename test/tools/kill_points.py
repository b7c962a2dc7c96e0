#!/usr/bin/env python3
"""Fault injection: kilnc compile / kilnc run / kiln-run killed with SIGKILL
at many points leave no partial file under the final output name (an output
present is whole: it reads back), and the next complete run in the same
place leaves no temporary files behind, with a kernel cache that still gives
the right answer; and two runs racing on one fresh kernel cache, one of them
killed midway, leave the other (and the next) answering right.

usage: kill_points.py BIN_DIR PROGRAM WEIGHTS INPUTS SCRATCH_DIR
"""
import glob
import os
import signal
import subprocess
import sys
import time

DELAYS = [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5]
RACE_DELAYS = [0.3, 1.0, 2.0]


def killed(cmd, delay, env):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()


def main():
    bin_dir, program, weights, inputs, scratch = sys.argv[1:6]
    tool = lambda name: os.path.join(bin_dir, name)
    os.makedirs(scratch, exist_ok=True)
    env = dict(os.environ, KILN_CACHE_DIR=os.path.join(scratch, "cache"))
    artifact, out = os.path.join(scratch, "m.kiln"), os.path.join(scratch, "out.st")
    failures = []
    jobs = [
        ("kilnc compile", [tool("kilnc"), "compile", program, "--weights", weights,
                           "--target", "none", "-o", artifact], artifact,
         [tool("kiln-run"), artifact, "--manifest"]),
        ("kilnc run", [tool("kilnc"), "run", program, "--device", "cpu", "--inputs", inputs,
                       "--weights", weights, "--output", out], out,
         [tool("kiln-compare"), out, out]),
    ]
    for name, cmd, target, reader in jobs:
        for delay in DELAYS:
            killed(cmd, delay, env)
            if os.path.exists(target) and subprocess.run(reader, capture_output=True).returncode:
                failures.append(f"{name} killed after {delay} s left a partial {target}")
    # kiln-run too, once the artifact is whole.
    subprocess.run(jobs[0][1], check=True, capture_output=True, env=env)
    for delay in DELAYS:
        killed([tool("kiln-run"), artifact, "--device", "cpu", "--inputs", inputs,
                "--output", out], delay, env)
        if os.path.exists(out) and subprocess.run([tool("kiln-compare"), out, out],
                                                  capture_output=True).returncode:
            failures.append(f"kiln-run killed after {delay} s left a partial {out}")
    # The next complete runs sweep what the killed ones left, and the cache
    # still answers right. (A compiler step a killed run had started may
    # still be finishing a file at the first of them: the second sweeps it.)
    for _ in range(2):
        for _, cmd, _, _ in jobs:
            subprocess.run(cmd, check=True, capture_output=True, env=env)
        time.sleep(0.5)
    ref = os.path.join(scratch, "ref.st")
    subprocess.run([tool("kilnc"), "run", program, "--device", "reference", "--inputs", inputs,
                    "--weights", weights, "--output", ref], check=True, capture_output=True)
    r = subprocess.run([tool("kiln-compare"), out, ref, "--rel-l2", "1e-3", "--rtol", "0",
                        "--atol", "0"], capture_output=True, text=True)
    if r.returncode:
        failures.append("after the kills the cpu device disagrees with the reference:\n" + r.stdout
                        + r.stderr)
    # Two processes racing on one fresh cache, one killed mid-build: the
    # survivor still answers right, and so does the next run.
    for i, delay in enumerate(RACE_DELAYS):
        race_env = dict(os.environ, KILN_CACHE_DIR=os.path.join(scratch, f"race-cache-{i}"))
        race_out = [os.path.join(scratch, f"race-{i}-{k}.st") for k in range(3)]
        cmd = lambda o: [tool("kilnc"), "run", program, "--device", "cpu", "--inputs", inputs,
                         "--weights", weights, "--output", o]
        victim = subprocess.Popen(cmd(race_out[0]), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=race_env)
        survivor = subprocess.Popen(cmd(race_out[1]), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, env=race_env)
        time.sleep(delay)
        if victim.poll() is None:
            os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        _, err = survivor.communicate()
        if survivor.returncode:
            failures.append(f"the run racing one killed after {delay} s failed: {err.decode()}")
            continue
        subprocess.run(cmd(race_out[2]), check=True, capture_output=True, env=race_env)
        for o in race_out[1:]:
            r = subprocess.run([tool("kiln-compare"), o, ref, "--rel-l2", "1e-3", "--rtol", "0",
                                "--atol", "0"], capture_output=True, text=True)
            if r.returncode:
                failures.append(f"after a race with a kill at {delay} s, {o} disagrees with the "
                                "reference:\n" + r.stdout + r.stderr)
    left = [f for f in glob.glob(os.path.join(scratch, "*.tmp.*"))
            + glob.glob(os.path.join(scratch, "cache", "**", "*.tmp.*"), recursive=True)
            + glob.glob(os.path.join(scratch, "race-cache-*", "**", "*.tmp.*"), recursive=True)]
    if left:
        failures.append("temporary files left after complete runs: " + ", ".join(sorted(left)))
    for f in failures:
        print("FAIL " + f)
    print(f"{3 * len(DELAYS) + len(RACE_DELAYS)} kills, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
