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
#      prefill on a prompt, then a decode loop, greedy and top-k;
#   4. a tiny Llama (the YaRN test config, random weights from
#      test/golden/models/llama_yarn8) compiled with FastGen and a <pause>
#      token, generating from token ids, then from text through a
#      SentencePiece tokenizer trained here on a few lines (spm_train): greedy,
#      then sampled with FastGen (T = 0.6) and two pauses;
#   5. tiny DINOv2 models with and without registers (random weights from
#      test/golden/models/dinov2_*) embedding a generated PNG and writing the
#      last layer's CLS attention as heat maps (into KILN_DEMO_OUT);
#   6. Stable Cascade on tiny random models (test/golden/models/
#      stable_cascade_pipeline): text encoder, prior, decoder and VQ decoder
#      compiled beside their weights, a prompt turned into a (noise) PNG.
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

llama=test/golden/models/llama_yarn8
echo
echo "== Llama: kilnc compile --model llama (prefill of 8, cache of 48 rows, --fastgen, <pause> = 64)"
./build/bin/kilnc compile --model llama --config "$llama/config.json" \
    --weights "$llama/model.safetensors" --seq-len 8 --cache-len 48 --fastgen \
    --pause-token-id 64 -o "$out/llama.kiln" --stats
echo "== greedy generation on $device"
./build/bin/kiln-llm-generate "$out/llama.kiln" --prompt 0,3,14,15,9,26,5,35,8,9 \
    --tokens 12 --device "$device"
if command -v spm_train >/dev/null; then
  for i in $(seq 40); do
    echo "kiln compiles models into kernels, and runs them fast; a long context needs a cache."
    echo "the quick brown fox jumps over the lazy dog! heads keep what matters."
  done > "$out/corpus.txt"
  spm_train --input="$out/corpus.txt" --model_prefix="$out/tokenizer" --vocab_size=64 \
      --model_type=bpe --character_coverage=1.0 --minloglevel=2 >/dev/null 2>&1
  echo "== text through a SentencePiece tokenizer; FastGen T = 0.6, two pauses, top-p sampling"
  ./build/bin/kiln-llm-generate "$out/llama.kiln" --tokenizer "$out/tokenizer.model" \
      --text "the quick brown fox, a long context" --tokens 12 --fastgen 0.6 \
      --pause 2 --pause-id 64 --temperature 0.8 --top-p 0.9 --seed 7 --device "$device"
fi

echo
echo "== DINOv2 with and without registers: an image in, its embedding and CLS attention out"
/usr/bin/env python3 - "$out/image.png" <<'PY'
import struct, sys, zlib
w = h = 56  # a bright disc on a gradient
rows = b"".join(b"\0" + bytes(v for x in range(w) for v in (
    (255, 220, 80) if (x - 36) ** 2 + (y - 20) ** 2 < 120 else (x * 3, y * 3, 120)))
    for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
for variant in registers plain; do
  dino=test/golden/models/dinov2_$variant
  ./build/bin/kilnc compile --model dinov2 --config "$dino/config.json" \
      --weights "$dino/model.safetensors" --height 56 --width 56 -o "$out/dinov2_$variant.kiln"
  mkdir -p "$pngs/$variant"
  echo "-- $variant ($(grep -o '"num_register_tokens": [0-9]*' "$dino/config.json"))"
  ./build/bin/kiln-vit-embed "$out/dinov2_$variant.kiln" "$out/image.png" --out "$pngs/$variant" \
      --device "$device"
done

echo
echo "== Stable Cascade: text to a 128 x 128 image through stages C, B and A (tiny random models)"
# The pipeline directory in diffusers' layout (test/golden/models/
# stable_cascade_pipeline), each network compiled beside its weights file.
pipe="$out/stable_cascade"
cp -r test/golden/models/stable_cascade_pipeline "$pipe"
./build/bin/kilnc compile --model clip-text --config "$pipe/text_encoder/config.json" --batch 1 \
    --external-weights model.safetensors -o "$pipe/text_encoder/model.kiln"
./build/bin/kilnc compile --model stable-cascade-prior --config "$pipe/prior/config.json" \
    --batch 2 --height 3 --width 3 --external-weights diffusion_pytorch_model.safetensors \
    -o "$pipe/prior/model.kiln"
./build/bin/kilnc compile --model stable-cascade-decoder --config "$pipe/decoder/config.json" \
    --batch 1 --height 32 --width 32 --cond-height 3 --cond-width 3 \
    --external-weights diffusion_pytorch_model.safetensors -o "$pipe/decoder/model.kiln"
./build/bin/kilnc compile --model paella-vq --config "$pipe/vqgan/config.json" --batch 1 \
    --height 128 --width 128 --external-weights diffusion_pytorch_model.safetensors \
    -o "$pipe/vqgan/model.kiln"
./build/bin/kiln-stable-cascade "$pipe" --prompt "a kiln glowing at dusk" --steps 4 \
    --decoder-steps 2 --guidance 4 --seed 1 --device "$device" -o "$pngs/stable_cascade.png"
