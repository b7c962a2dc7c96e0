#!/usr/bin/env bash
# Builds, then shows Kiln end to end on the cpu device (or `cuda` with
# KILN_DEMO_DEVICE=cuda):
#   1. an MLP written against the kiln dialect through kiln-opt's pipeline;
#   2. the MLP VAE (the test sizes: 8x8 images, random weights from
#      test/golden/models/vae) compiled by `kilnc compile --model vae`: the
#      runtime-only example encodes, decodes and samples, prints the
#      reconstruction loss and KL, and writes PNGs (KILN_DEMO_OUT, default a
#      temporary directory);
#   3. a tiny Mamba language model (the test config, random weights from
#      test/golden/models/mamba) compiled ahead of time by `kilnc compile
#      --model mamba` and run by the runtime-only generation example:
#      prefill on a prompt, then a decode loop, greedy and top-k.
set -euo pipefail
cd "$(dirname "$0")/.."
device=${KILN_DEMO_DEVICE:-cpu}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pngs=${KILN_DEMO_OUT:-$out}
mkdir -p "$pngs"

./scripts/build.sh >/dev/null
sample=examples/mlp/mlp.mlir
echo "== input: $sample"
cat "$sample"
echo
echo "== after kiln-opt --kiln-pipeline (verified after every pass)"
./build/bin/kiln-opt "$sample" --kiln-pipeline

vae=test/golden/models/vae
echo
echo "== MLP VAE: kilnc compile --model vae (batch 6)"
./build/bin/kilnc compile --model vae --config "$vae/config.json" \
    --weights "$vae/model.safetensors" --batch 6 -o "$out/vae.kiln"
./build/bin/kiln-vae-example "$out/vae.kiln" --out "$pngs" --seed 1 --device "$device"
[ -n "${KILN_DEMO_OUT:-}" ] || echo "(a temporary directory: set KILN_DEMO_OUT=DIR to keep the PNGs)"

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
