#!/usr/bin/env bash
# Builds, then shows Kiln end to end on the cpu device (or `cuda` with
# KILN_DEMO_DEVICE=cuda):
#   1. an MLP written against the kiln dialect through kiln-opt's pipeline;
#   2. a tiny Mamba language model (the test config, random weights from
#      test/golden/models/mamba) compiled ahead of time by `kilnc compile
#      --model mamba` and run by the runtime-only generation example:
#      prefill on a prompt, then a decode loop, greedy and top-k.
set -euo pipefail
cd "$(dirname "$0")/.."
device=${KILN_DEMO_DEVICE:-cpu}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

./scripts/build.sh >/dev/null
sample=examples/mlp/mlp.mlir
echo "== input: $sample"
cat "$sample"
echo
echo "== after kiln-opt --kiln-pipeline (verified after every pass)"
./build/bin/kiln-opt "$sample" --kiln-pipeline

mamba=test/golden/models/mamba
echo
echo "== Mamba: kilnc compile --model mamba (prompt of 6 tokens)"
./build/bin/kilnc compile --model mamba --config "$mamba/config.json" \
    --weights "$mamba/model.safetensors" --seq-len 6 -o "$out/mamba.kiln" --stats
echo "== greedy generation on $device"
./build/bin/kiln-mamba-generate "$out/mamba.kiln" --prompt 3,14,15,9,26,5 \
    --tokens 12 --device "$device"
echo "== top-k (k = 8) sampling on $device"
./build/bin/kiln-mamba-generate "$out/mamba.kiln" --prompt 3,14,15,9,26,5 \
    --tokens 12 --top-k 8 --seed 7 --device "$device"
