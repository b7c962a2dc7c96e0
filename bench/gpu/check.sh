#!/usr/bin/env bash
# Runs on the GPU machine (H100/H200, CUDA 13, PyTorch, cmake, ninja; no MLIR,
# no network), from the repository root, with bench/gpu/bundle.tar.gz (or
# the bench/gpu/bundle it unpacks to) copied into the checkout:
#
#   bench/gpu/check.sh            full run (under 8 minutes)
#   bench/gpu/check.sh --dry-run  here: runtime-only build, the bundle checks
#                                 on the cpu device, no CUDA, no torch
#
# 1. builds the runtime alone (-DKILN_BUILD_COMPILER=OFF);
# 2. runs every numerics bundle and compares with the reference outputs;
# 3. measures the ceilings (copy bandwidth, cuBLAS bf16) through torch;
# 4. benchmarks each bench bundle (kiln-run --bench: CUDA events, medians)
#    against its PyTorch peer, then the models (Mamba-130M prefill of 2048
#    tokens and one decode step, the SD VAE decoder at 512², a 1B Llama in
#    bf16 — prefill of 4096 tokens, decode at contexts 4096 and 32768 with
#    YaRN — DINOv2-L/14 with registers at 518², the CLIP ViT-bigG text
#    encoder at 77 tokens, a guided step of Stable Cascade's 1B prior and a
#    step of its lite decoder) with weights
#    generated here, against self-contained PyTorch peers (bench/gpu/models.py),
#    eager and torch.compile;
# 5. runs compute-sanitizer memcheck on a small bundle where available;
# 6. writes results.json and logs under $OUT and prints a table last.
set -uo pipefail
cd "$(dirname "$0")/../.."
dry=0
[ "${1:-}" = "--dry-run" ] && dry=1
bundle=bench/gpu/bundle
if [ ! -d "$bundle/cases" ] && [ -f "$bundle.tar.gz" ]; then
  tar -C bench/gpu -xzf "$bundle.tar.gz" || { echo "check.sh: cannot unpack $bundle.tar.gz" >&2; exit 1; }
fi
[ -d "$bundle/cases" ] || { echo "check.sh: $bundle is missing: run bench/gpu/prepare.sh and copy bench/gpu/bundle.tar.gz into the checkout" >&2; exit 1; }
OUT=${OUT:-$PWD/gpu-out}
mkdir -p "$OUT"
log=$OUT/check.log
: > "$log"
device=cuda
build=build-gpu
if [ $dry = 1 ]; then device=cpu; build=build-gpu-dry; fi

echo "== building the runtime ($build)" | tee -a "$log"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKILN_BUILD_COMPILER=OFF \
      -DKILN_BUILD_TESTS=OFF -DKILN_NLOHMANN_JSON_INCLUDE_DIR="$PWD/$bundle/include" \
      -DKILN_XXHASH_INCLUDE_DIR="$PWD/$bundle/include" >>"$log" 2>&1 &&
  cmake --build "$build" --target kiln-run kiln-compare >>"$log" 2>&1 ||
  { echo "check.sh: the runtime build failed (see $log)" >&2; tail -20 "$log" >&2; exit 1; }
bin=$build/bin
export KILN_CACHE_DIR=$PWD/$build/kernel-cache

echo "== numerics bundles on $device" | tee -a "$log"
pass=0 fail=0 failed=()
for kiln in "$bundle"/cases/*.kiln; do
  name=$(basename "$kiln" .kiln)
  stem=$bundle/cases/$name
  if "$bin/kiln-run" "$kiln" --device "$device" --inputs "$stem.in.safetensors" \
       --output "$OUT/case.safetensors" >>"$log" 2>&1 &&
     "$bin/kiln-compare" "$OUT/case.safetensors" "$stem.ref.safetensors" \
       --rel-l2 "$(cat "$stem.tol")" --rtol 0 --atol 0 >>"$log" 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); failed+=("$name")
    echo "FAIL $name" | tee -a "$log"
  fi
done
rm -f "$OUT/case.safetensors"

rows=()
mrows=()
ceil='{}'
sanitizer="skipped"
if [ $dry = 0 ]; then
  echo "== ceilings" | tee -a "$log"
  ceil=$(python3 bench/gpu/peers.py ceilings 2>>"$log") || ceil='{}'
  echo "$ceil" | tee -a "$log"
  echo "== benchmarks" | tee -a "$log"
  for kiln in "$bundle"/bench/*.kiln; do
    name=$(basename "$kiln" .kiln)
    python3 bench/gpu/peers.py inputs "$name" "$OUT/bench-in.safetensors" 2>>"$log" || continue
    line=$("$bin/kiln-run" "$kiln" --device cuda --inputs "$OUT/bench-in.safetensors" \
             --output "$OUT/bench-out.safetensors" --bench 10 --warmup 2 2>>"$log" | tail -1)
    echo "$line" >>"$log"
    kms=$(echo "$line" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
    peer=$(python3 bench/gpu/peers.py peer "$name" 2>>"$log") || peer='{}'
    echo "$name kiln=${kms:-?} ms peer=$peer" | tee -a "$log"
    rows+=("$name|${kms:-?}|$peer")
  done
  rm -f "$OUT/bench-in.safetensors" "$OUT/bench-out.safetensors"
  # Models: weights generated here into the external file each artifact
  # names (hundreds of MB, never copied over), Kiln timed per entry, its output
  # checked against the PyTorch peer on the same weights, the peer timed
  # eager and under torch.compile. Skipped once the run nears its budget.
  echo "== model benchmarks" | tee -a "$log"
  for kiln in "$bundle"/models/*.kiln; do
    if [ "$SECONDS" -gt 300 ]; then
      echo "model benchmarks skipped after ${SECONDS}s (time budget)" | tee -a "$log"; break
    fi
    name=$(basename "$kiln" .kiln)
    "$bin/kiln-run" "$kiln" --manifest >"$OUT/$name.manifest.txt" 2>>"$log" || continue
    wfile=$(sed -n "s/.*weights: external file '\(.*\)' with/\1/p" "$OUT/$name.manifest.txt")
    consts="$kiln.constants.safetensors"
    [ -f "$consts" ] || consts=-
    python3 bench/gpu/models.py weights "$name" "$OUT/$name.manifest.txt" "$consts" \
        "$bundle/models/$wfile" 2>>"$log" || continue
    # decode@N: one decode step against N cached rows.
    case $name in
      mamba_130m) entries="prefill decode" ;;
      llama_1b) entries="prefill decode@4096 decode@32768" ;;
      dinov2_l | clip_bigg | cascade_prior | cascade_decoder) entries=forward ;;
      *) entries=decode ;;
    esac
    for entry in $entries; do
      python3 bench/gpu/models.py inputs "$name" "$entry" "$OUT/model-in.safetensors" 2>>"$log" || continue
      line=$("$bin/kiln-run" "$kiln" --entry "${entry%%@*}" --device cuda --inputs "$OUT/model-in.safetensors" \
               --output "$OUT/model-out.safetensors" --bench 10 --warmup 2 2>>"$log" | tail -1)
      echo "$line" >>"$log"
      kms=$(echo "$line" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
      check=$(python3 bench/gpu/models.py check "$name" "$entry" "$bundle/models/$wfile" \
                "$OUT/model-in.safetensors" "$OUT/model-out.safetensors" 2>>"$log") || check='{}'
      peer=$(timeout 240 python3 bench/gpu/models.py peer "$name" "$entry" "$bundle/models/$wfile" \
               2>>"$log") || peer='{}'
      echo "$name.$entry kiln=${kms:-?} ms peer=$peer check=$check" | tee -a "$log"
      mrows+=("$name.$entry|${kms:-?}|$peer|$check")
    done
    rm -f "$bundle/models/$wfile" "$OUT/model-in.safetensors" "$OUT/model-out.safetensors"
  done
  small=$(ls "$bundle"/cases/add_f32_broadcast.kiln 2>/dev/null | head -1)
  if command -v compute-sanitizer >/dev/null && [ -n "$small" ]; then
    stem=${small%.kiln}
    if compute-sanitizer --tool memcheck --error-exitcode 3 "$bin/kiln-run" "$small" \
         --device cuda --inputs "$stem.in.safetensors" --output "$OUT/san.safetensors" \
         >"$OUT/sanitizer.log" 2>&1; then sanitizer="clean"; else sanitizer="ERRORS (sanitizer.log)"; fi
    rm -f "$OUT/san.safetensors"
  fi
fi

python3 - "$OUT/results.json" "$device" "$pass" "$fail" "$ceil" "$sanitizer" "${#rows[@]}" \
    "${rows[@]+"${rows[@]}"}" "${mrows[@]+"${mrows[@]}"}" <<'PY'
import json, sys
out, device, npass, nfail, ceil, san, nrows, *rest = sys.argv[1:]
rows, mrows = rest[:int(nrows)], rest[int(nrows):]
ceil = json.loads(ceil or "{}")
bench = []
for r in rows:
    name, kms, peer = r.split("|", 2)
    p = json.loads(peer or "{}")
    bench.append({"name": name, "kiln_ms": float(kms) if kms not in ("", "?") else None,
                  "peer": p.get("peer"), "peer_ms": p.get("ms")})
models = []
for r in mrows:
    name, kms, peer, check = r.split("|", 3)
    p, c = json.loads(peer or "{}"), json.loads(check or "{}")
    kiln_ms = float(kms) if kms not in ("", "?") else None
    m = {"name": name, "kiln_ms": kiln_ms, "eager_ms": p.get("eager_ms"),
         "compiled_ms": p.get("compiled_ms"), "relative_l2_vs_peer": c.get("relative_l2")}
    if p.get("bytes_per_call") and kiln_ms:  # decode: the bandwidth roofline
        m["achieved_gbps"] = p["bytes_per_call"] / kiln_ms / 1e6
        if ceil.get("copy_gbps"):
            m["roofline_fraction"] = m["achieved_gbps"] / ceil["copy_gbps"]
    models.append(m)
json.dump({"device": device, "numerics_pass": int(npass), "numerics_fail": int(nfail),
           "ceilings": ceil, "benchmarks": bench, "models": models,
           "compute_sanitizer": san},
          open(out, "w"), indent=1)
print()
print(f"{'check':28} {'result':>40}")
print(f"{'numerics on ' + device:28} {npass + ' pass, ' + nfail + ' fail':>40}")
if ceil:
    print(f"{'copy bandwidth':28} {ceil.get('copy_gbps', 0):>34.0f} GB/s")
    print(f"{'cuBLAS bf16 4096^3':28} {ceil.get('cublas_bf16_tflops', 0):>31.0f} TFLOP/s")
for b in bench:
    ratio = (b["peer_ms"] / b["kiln_ms"]) if b["kiln_ms"] and b["peer_ms"] else None
    text = f"{b['kiln_ms']} ms vs {b['peer']} {b['peer_ms'] and round(b['peer_ms'], 3)} ms"
    text += f" ({ratio:.2f}x of peer)" if ratio else ""
    print(f"{b['name']:28} {text:>40}")
for m in models:
    text = f"{m['kiln_ms']} ms vs eager {m['eager_ms'] and round(m['eager_ms'], 2)} ms"
    if m["compiled_ms"]:
        text += f", compiled {round(m['compiled_ms'], 2)} ms"
    if m["relative_l2_vs_peer"] is not None:
        text += f" (rel. L2 {m['relative_l2_vs_peer']:.1e})"
    if m.get("achieved_gbps"):
        text += f", {m['achieved_gbps']:.0f} GB/s"
        if m.get("roofline_fraction"):
            text += f" = {100 * m['roofline_fraction']:.0f} % of copy"
    print(f"{m['name']:28} {text:>40}")
print(f"{'compute-sanitizer memcheck':28} {san:>40}")
PY
[ "$fail" = 0 ]
