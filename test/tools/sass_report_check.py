#!/usr/bin/env python3
"""bench/sass/report.py's counts against independent ones: for every kernel
of REPORT.json, its whole-kernel MMA, LDGSTS, LDG.E.128 and MUFU counts
against `grep -c` over `cuobjdump -sass` of the same cubin (dumped by
kiln-inspect into DUMP), and its registers against `cuobjdump -res-usage`;
and each launch's time estimates against the formulas written out again
here with the datasheet numbers (H100 SXM: 3350 GB/s, dense tensor
TFLOP/s 989.4 for 16-bit and 494.7 for TF32, 66.9 FP32, 132 SMs at
1.98 GHz; A100 SXM: 2039 GB/s, 312 / 156 / 19.5, 108 SMs at 1.41 GHz), the
unit read from the cubin's MMA instructions here too (HMMA .TF32: TF32,
m16n8k8; other HMMA: 16-bit, m16n8k16; none: FP32).

usage: sass_report_check.py REPORT.json DUMP
"""
import json
import os
import re
import subprocess
import sys

report, dump = sys.argv[1:3]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "sass"))
from report import find_tool  # noqa: E402

rows = json.load(open(report))
index = {k["name"]: k for k in json.load(open(os.path.join(dump, "kernels.json")))["kernels"]}
cuobjdump = find_tool("cuobjdump")
failures = 0
for row in rows["kernels"]:
    cubin = os.path.join(dump, index[row["kernel"]]["cubins"][rows["arch"]])
    sass = subprocess.run([cuobjdump, "-sass", cubin], capture_output=True, text=True, check=True).stdout
    ops = re.findall(r"/\*[0-9a-f]{4,}\*/\s+(?:@!?U?P\w+\s+)?([A-Z0-9_]+)(\.[A-Z0-9_.]+)?", sass)
    want = {"mma": sum(op in ("HMMA", "HGMMA", "IMMA") for op, _ in ops),
            "LDGSTS": sum(op == "LDGSTS" for op, _ in ops),
            "LDG.128": sum(op == "LDG" and ".128" in mods for op, mods in ops),
            "MUFU": sum(op == "MUFU" for op, _ in ops)}
    got = {k: row["kernel_mix"].get(k, 0) for k in want}
    usage = subprocess.run([cuobjdump, "-res-usage", cubin], capture_output=True, text=True).stdout
    regs = int(re.search(r"REG:(\d+)", usage).group(1))
    ok = got == want and row["registers"] == regs
    gbps, peaks, sms, ghz = {"sm_90": (3350, (989.4, 494.7, 66.9), 132, 1.98),
                             "sm_80": (2039, (312.0, 156.0, 19.5), 108, 1.41)}[rows["arch"]]
    tf32 = any(op == "HMMA" and ".TF32" in mods for op, mods in ops)
    tflops = peaks[1] if tf32 else peaks[0] if want["mma"] else peaks[2]
    mma_flops = 2 * 16 * 8 * (8 if tf32 else 16)
    for launch in row["launches"]:
        close = lambda a, b: b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a))
        ok &= close(launch["arg_bytes"] / (gbps * 1e3), launch.get("memory_bound_us"))
        if row["flops"]:
            ok &= close(row["flops"] / (tflops * 1e6), launch.get("flop_bound_us"))
        if row["flops"] and row["loop"].get("mma"):
            grid = launch["grid"][0] * launch["grid"][1] * launch["grid"][2]
            warps = -(-launch["threads"] // 32)
            busy = min(sms, grid)
            schedulers = min(4, min(launch["blocks_per_sm"], -(-grid // busy)) * warps)
            mmas = row["flops"] / mma_flops
            issued = mmas * row["loop"]["instructions"] / row["loop"]["mma"]
            ok &= close(issued / (busy * schedulers * ghz * 1e3), launch.get("issue_bound_us"))
    failures += not ok
    print(f"{'ok' if ok else 'FAIL'} {row['kernel']} {rows['arch']}: {got}, {regs} registers"
          + ("" if ok else f" (cuobjdump: {want}, {row['registers']} registers in the report)"))
print(f"{failures} failed")
sys.exit(1 if failures else 0)
