#!/usr/bin/env python3
"""bench/sass/report.py's counts against independent ones: for every kernel
of REPORT.json, its whole-kernel MMA, LDGSTS, LDG.E.128 and MUFU counts
against `grep -c` over `cuobjdump -sass` of the same cubin (dumped by
kiln-inspect into DUMP), and its registers against `cuobjdump -res-usage`.

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
    failures += not ok
    print(f"{'ok' if ok else 'FAIL'} {row['kernel']} {rows['arch']}: {got}, {regs} registers"
          + ("" if ok else f" (cuobjdump: {want}, {row['registers']} registers in the report)"))
print(f"{failures} failed")
sys.exit(1 if failures else 0)
