#!/usr/bin/env python3
"""The SASS report: what each kernel of a .kiln artifact is made of, read
from its cubins without a GPU.

For every kernel and architecture: registers, stack and local memory
(spills), static and dynamic shared memory, threads per block, the
theoretical occupancy and the waves its launches make on the card, the
instruction mix of its main loop (tensor-core instructions, LDGSTS / LDSM /
UTMALDG / UTMASTG, SYNCS, global load and store widths, LDL / STL, MUFU,
barriers) with the instructions per MMA of matrix loops (an MMA being an
mma.sync m16n8k16, m16n8k8 for TF32: a warp's wgmma, HGMMA.64xNx16, counts
as the N / 8 of them whose work it does), and three estimated times per
launch:
memory-bound (the bytes of the buffers it is passed over the card's HBM
bandwidth), FLOP-bound (the kernel's matrix FLOPs, which the compiler
records in the artifact, over the datasheet peak of the unit its main loop
uses: 16-bit or TF32 tensor cores, else FP32) and issue-bound (for matrix
kernels: the MMAs those FLOPs take times the main loop's instructions per
MMA, issued at one warp instruction per clock by each of the SM's four
schedulers that has a resident warp, on the SMs the grid occupies). The
estimate is the largest of the three. mma.sync reaches about half of an
H100's dense tensor peak (the peak is wgmma's), so the FLOP bound is
optimistic there.

usage: report.py MODEL.kiln [--arch sm_90|sm_90a|sm_80] [--json OUT.json] [--bin BUILD/bin]

Needs kiln-inspect (the runtime's tools) and cuobjdump / nvdisasm: on PATH,
in $CUDA_HOME/bin, or from PyPI's nvidia-cuda-cuobjdump and
nvidia-cuda-nvdisasm (scripts/install-deps.sh puts them in
/opt/kiln-nvidia-tools).
"""
import collections
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Per-SM limits and peaks the estimates use (NVIDIA's CUDA occupancy
# tables; H100 SXM and A100 SXM datasheet bandwidths).
CARDS = {
    "sm_90": dict(card="H100 SXM", sms=132, regs=65536, threads=2048, blocks=32,
                  smem=233472, hbm_gbps=3350, clock_ghz=1.98,
                  tflops={"16-bit": 989.4, "tf32": 494.7, "fp32": 66.9}),
    "sm_80": dict(card="A100 SXM", sms=108, regs=65536, threads=2048, blocks=32,
                  smem=167936, hbm_gbps=2039, clock_ghz=1.41,
                  tflops={"16-bit": 312.0, "tf32": 156.0, "fp32": 19.5}),
}
# sm_90a code (wgmma, setmaxnreg) runs on the same card.
CARDS["sm_90a"] = CARDS["sm_90"]
# FLOPs of one warp-wide MMA instruction, by the unit's kind: mma.sync
# m16n8k16 (16-bit) and m16n8k8 (TF32). A wgmma (HGMMA.MxNxK) is a
# warpgroup's: each of its four warps issues it, for a quarter of
# 2 · M · N · K (mma_flops).
MMA_FLOPS = {"16-bit": 2 * 16 * 8 * 16, "tf32": 2 * 16 * 8 * 8}


def mma_flops(op, mods):
    """FLOPs one warp's MMA instruction contributes."""
    shape = re.search(r"(\d+)x(\d+)x(\d+)", mods) if op == "HGMMA" else None
    if shape:
        m, n, k = (int(g) for g in shape.groups())
        return 2 * m * n * k // 4
    return MMA_FLOPS["tf32" if ".TF32" in mods else "16-bit"]
MMA = ("HMMA", "HGMMA", "IMMA", "DMMA", "QGMMA", "IGMMA")


def find_tool(name):
    for d in (os.environ.get("CUDA_HOME", "/usr/local/cuda") + "/bin",
              "/opt/kiln-nvidia-tools/nvidia/cu13/bin"):
        if os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"report.py: {name} not found (scripts/install-deps.sh installs it "
                         "into /opt/kiln-nvidia-tools)")
    return found


def resources(cuobjdump, cubin):
    """{function: {REG, STACK, SHARED, LOCAL}} from cuobjdump -res-usage."""
    out, name = {}, None
    text = subprocess.run([cuobjdump, "-res-usage", cubin], capture_output=True, text=True,
                          check=True).stdout
    for line in text.splitlines():
        m = re.match(r"\s*Function (\S+):", line)
        if m:
            name = m.group(1)
        elif name and "REG:" in line:
            out[name] = {k: int(v) for k, v in re.findall(r"(REG|STACK|SHARED|LOCAL):(\d+)", line)}
    return out


INSTRUCTION = re.compile(r"/\*([0-9a-f]+)\*/\s+(@!?U?P[T0-9]+\s+)?([A-Z0-9_]+)((?:\.[A-Z0-9_]+)*)([^;]*);")
LABEL = re.compile(r"^\s*(\.L_x_\d+):")


def disassemble(nvdisasm, cubin):
    """{function: [(address, opcode, modifiers, operands)]} and each
    function's labels {label: index of the next instruction}."""
    text = subprocess.run([nvdisasm, "-c", cubin], capture_output=True, text=True, check=True).stdout
    functions, labels, name = {}, {}, None
    for line in text.splitlines():
        m = re.match(r"//-+ \.text\.(\S+)", line)
        if m:
            name = m.group(1)
            functions[name], labels[name] = [], {}
            continue
        if name is None:
            continue
        m = LABEL.match(line)
        if m:
            labels[name][m.group(1)] = len(functions[name])
            continue
        m = INSTRUCTION.search(line)
        if m:
            functions[name].append((int(m.group(1), 16), m.group(3), m.group(4), m.group(5)))
    return functions, labels


def main_loop(code, labels):
    """(start, end) of the loop the kernel spends its time in: of the loops
    that touch global memory or run MMAs, the one with the most MMAs, else
    the most global loads, else the shortest (an inner loop before the loop
    around it); the whole kernel when no loop does (the branch to itself
    that ends every kernel after its EXIT is not a loop, nor is a block
    reduction's fold of its warps in shared memory: such a kernel's work is
    its straight-line code)."""
    loops = []
    for i, (_, op, _, operands) in enumerate(code):
        if op == "BRA":
            m = re.search(r"\(\s*(\.L_x_\d+)\s*\)", operands)
            if m and m.group(1) in labels and labels[m.group(1)] < i:
                span = (labels[m.group(1)], i + 1)
                if any(op in MMA or op in ("LDG", "STG", "LDGSTS")
                       for _, op, _, _ in code[span[0]:span[1]]):
                    loops.append(span)
    if not loops:
        return 0, len(code), False

    def weight(span):
        body = code[span[0]:span[1]]
        return (sum(op in MMA for _, op, _, _ in body), sum(op == "LDG" for _, op, _, _ in body),
                -(span[1] - span[0]))
    best = max(loops, key=weight)
    return best[0], best[1], True


def width(modifiers):
    """Bits moved by a global load or store from its modifiers."""
    for bits in ("128", "64"):
        if f".{bits}" in modifiers:
            return int(bits)
    if ".U16" in modifiers or ".S16" in modifiers:
        return 16
    if ".U8" in modifiers or ".S8" in modifiers:
        return 8
    return 32


def mix(code):
    c = collections.Counter()
    for _, op, mods, rest in code:
        c["instructions"] += 1
        if op in MMA:
            c["mma"] += 1
            c["mma.tf32" if ".TF32" in mods else "mma.16-bit"] += 1
            c["mma.flops"] += mma_flops(op, mods + rest)  # the shape is lower-case
        elif op in ("LDGSTS", "LDSM", "UTMALDG", "UTMASTG", "UBLKCP", "SYNCS", "MUFU", "LDL", "STL", "BAR", "LDS", "STS"):
            c[op] += 1
        elif op == "LDG":
            c[f"LDG.{width(mods)}"] += 1
        elif op == "STG":
            c[f"STG.{width(mods)}"] += 1
    return c


def occupancy(limits, regs, smem, threads):
    """Resident blocks per SM and the share of the SM's warps they fill."""
    warps = max(1, math.ceil(threads / 32))
    per_warp = math.ceil(max(regs, 1) * 32 / 256) * 256
    by_regs = (limits["regs"] // per_warp) // warps
    by_smem = limits["smem"] // (smem + 1024) if smem else limits["blocks"]
    by_threads = limits["threads"] // (warps * 32)
    blocks = max(0, min(by_regs, by_smem, by_threads, limits["blocks"]))
    return blocks, blocks * warps / (limits["threads"] // 32)


def unit(loop):
    """The arithmetic unit a main loop runs on."""
    if loop["mma"]:
        return "tf32" if loop["mma.tf32"] > loop["mma.16-bit"] else "16-bit"
    return "fp32"


def estimates(limits, loop, flops, launch, blocks_per_sm):
    """Memory-, FLOP- and issue-bound microseconds of one launch (issue only
    for matrix kernels), and the estimate, the largest."""
    out = {"memory_bound_us": launch["arg_bytes"] / (limits["hbm_gbps"] * 1e3)}
    kind = unit(loop)
    if flops:
        out["flop_bound_us"] = flops / (limits["tflops"][kind] * 1e6)
    if flops and loop["mma"] and blocks_per_sm:
        grid = math.prod(launch["grid"])
        warps = max(1, math.ceil(math.prod(launch["block"]) / 32))
        sms = min(limits["sms"], grid)
        resident = min(blocks_per_sm, math.ceil(grid / sms)) * warps
        per_mma = loop["mma.flops"] / loop["mma"] if loop["mma.flops"] else MMA_FLOPS[kind]
        instructions = flops / per_mma * loop["instructions"] / loop["mma"]
        per_clock = sms * min(4, resident)
        out["issue_bound_us"] = instructions / per_clock / (limits["clock_ghz"] * 1e3)
    out["estimate_us"] = max(out.values())
    out["unit"] = kind
    return out


def report(artifact, arch, bin_dir):
    cuobjdump, nvdisasm = find_tool("cuobjdump"), find_tool("nvdisasm")
    limits = CARDS[arch]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([os.path.join(bin_dir, "kiln-inspect"), artifact, "--dump", tmp], check=True,
                       stdout=subprocess.DEVNULL)
        index = json.load(open(os.path.join(tmp, "kernels.json")))
        for k in index["kernels"]:
            if arch not in k["cubins"]:
                rows.append({"kernel": k["name"], "arch": arch, "missing": True})
                continue
            cubin = os.path.join(tmp, k["cubins"][arch])
            res = resources(cuobjdump, cubin).get(k["name"], {})
            code, labels = disassemble(nvdisasm, cubin)
            body = code.get(k["name"], [])
            start, end, looped = main_loop(body, labels.get(k["name"], {}))
            loop = mix(body[start:end])
            whole = mix(body)
            row = {"kernel": k["name"], "arch": arch, "registers": res.get("REG"),
                   "stack": res.get("STACK"), "local": res.get("LOCAL"),
                   "static_shared": res.get("SHARED"), "loop": dict(loop), "kernel_mix": dict(whole),
                   "has_loop": looped, "flops": k.get("flops", 0), "launches": []}
            # A main loop's instructions per MMA (the budget's measure); a
            # kernel whose K is unrolled whole has none, its count would
            # include the set-up and the epilogue.
            if loop["mma"] and looped:
                # Per mma.sync-sized MMA: a wgmma counts as the m16n8k16s
                # (m16n8k8 for TF32) it does the work of, per warp.
                kind = unit(loop)
                sized = loop["mma.flops"] / MMA_FLOPS[kind] if loop["mma.flops"] else loop["mma"]
                row["instructions_per_mma"] = loop["instructions"] / sized
            for launch in k["launches"]:
                threads = math.prod(launch["block"])
                smem = (res.get("SHARED") or 0) + launch["shared_bytes"]
                blocks, occ = occupancy(limits, res.get("REG") or 0, smem, threads)
                grid = math.prod(launch["grid"])
                row["launches"].append({
                    **launch, "threads": threads, "blocks_per_sm": blocks, "occupancy": occ,
                    "waves": grid / (blocks * limits["sms"]) if blocks else None,
                    **estimates(limits, loop, row["flops"], launch, blocks)})
            rows.append(row)
    return rows


def table(rows, arch):
    limits = CARDS[arch]
    peaks = ", ".join(f"{k} {v} TFLOP/s" for k, v in limits["tflops"].items())
    print(f"SASS report ({arch}; occupancy, waves and times for a {limits['card']}: "
          f"{limits['sms']} SMs, {limits['hbm_gbps']} GB/s, {peaks}, {limits['clock_ghz']} GHz; "
          "estimates, not measurements; times for all of a kernel's launches of that geometry)")
    print(f"{'kernel':30} {'regs':>4} {'spill':>5} {'smem':>6} {'thr':>4} {'occ':>4} {'waves':>6} "
          f"{'loop':>4} {'mma':>4} {'i/mma':>5} {'ld128':>5} {'ld<128':>6} {'st128':>5} "
          f"{'st<128':>6} {'ldgsts':>6} {'mufu':>4} {'mem µs':>8} {'flop µs':>8} {'issue µs':>8} "
          f"{'est µs':>8}")
    for r in rows:
        if r.get("missing"):
            print(f"{r['kernel'][:30]:30} (no {arch} cubin)")
            continue
        loop = collections.Counter(r["loop"])
        narrow_ld = sum(v for key, v in loop.items() if key.startswith("LDG.") and key != "LDG.128")
        narrow_st = sum(v for key, v in loop.items() if key.startswith("STG.") and key != "STG.128")
        spill = (r["local"] or 0) + loop["LDL"] + loop["STL"]
        for i, l in enumerate(r["launches"] or [{}]):
            name = r["kernel"][:30] if i == 0 else ""
            ipm = f"{r['instructions_per_mma']:.1f}" if r.get("instructions_per_mma") else "-"
            waves = f"{l['waves']:.2f}" if l.get("waves") else "-"
            occ = f"{l['occupancy']:.2f}" if "occupancy" in l else "-"
            us = lambda key: f"{l[key] * l['count']:.1f}" if key in l else "-"
            print(f"{name:30} {r['registers']:>4} {spill:>5} {r['static_shared'] + l.get('shared_bytes', 0):>6} "
                  f"{l.get('threads', '-'):>4} {occ:>4} {waves:>6} {loop['instructions']:>4} "
                  f"{loop['mma']:>4} {ipm:>5} {loop['LDG.128']:>5} {narrow_ld:>6} {loop['STG.128']:>5} "
                  f"{narrow_st:>6} {loop['LDGSTS']:>6} {loop['MUFU']:>4} {us('memory_bound_us'):>8} "
                  f"{us('flop_bound_us'):>8} {us('issue_bound_us'):>8} {us('estimate_us'):>8}")


def main():
    argv = sys.argv[1:]
    if not argv or argv[0].startswith("-"):
        raise SystemExit(__doc__)
    opt = lambda flag, default: argv[argv.index(flag) + 1] if flag in argv else default
    arch = opt("--arch", "sm_90")
    if arch not in CARDS:
        raise SystemExit(f"report.py: --arch must be one of {', '.join(CARDS)}, got {arch}")
    here = os.path.dirname(os.path.abspath(__file__))
    bin_dir = opt("--bin", os.path.join(here, "..", "..", "build", "bin"))
    rows = report(argv[0], arch, bin_dir)
    if "--json" in argv:
        with open(opt("--json", None), "w") as f:
            json.dump({"artifact": argv[0], "arch": arch, "kernels": rows}, f, indent=1)
    table(rows, arch)


if __name__ == "__main__":
    main()
