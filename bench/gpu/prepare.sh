#!/usr/bin/env bash
# Runs here (no GPU needed): builds Kiln, compiles the numerics corpus (every
# golden op case and the fusion corpus) and the benchmark programs to .kiln
# bundles with sm_90 cubins, stores the reference interpreter's outputs
# beside them, and gathers what the GPU machine needs into bench/gpu/bundle/
# and its gzipped tar bench/gpu/bundle.tar.gz (both ignored by git; carry
# the tar, which check.sh unpacks). The tar stays under 60 MiB.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
./scripts/build.sh >/dev/null
bin=$root/build/bin
out=$root/bench/gpu/bundle
rm -rf "$out"
mkdir -p "$out/cases" "$out/bench" "$out/include"
export KILN_CACHE_DIR=$root/build/kernel-cache

tolerance() { # f32-only programs: 1e-4 relative L2; anything 16-bit: 2e-2
  if grep -qE 'bf16|f16' "$1"; then echo 2e-2; else echo 1e-4; fi
}

n=0
for mlir in test/golden/ops/*.mlir; do
  name=$(basename "$mlir" .mlir)
  golden=test/golden/ops/$name
  [ -f "$golden.out.safetensors" ] || continue # error cases run on the reference only
  weights=()
  [ -f "$golden.weights.safetensors" ] && weights=(--weights "$golden.weights.safetensors")
  "$bin/kilnc" compile "$mlir" "${weights[@]}" --target sm_90 -o "$out/cases/$name.kiln"
  cp "$golden.in.safetensors" "$out/cases/$name.in.safetensors"
  "$bin/kilnc" run "$mlir" --device reference --inputs "$golden.in.safetensors" \
      "${weights[@]}" --output "$out/cases/$name.ref.safetensors"
  tolerance "$mlir" > "$out/cases/$name.tol"
  n=$((n + 1))
done
for mlir in test/numerics/corpus/*.mlir; do
  name=corpus_$(basename "$mlir" .mlir)
  "$bin/kiln-random-inputs" "$mlir" -o "$out/cases/$name.in.safetensors" --seed 1234 \
      --weights-out "$out/cases/$name.w.safetensors"
  "$bin/kilnc" compile "$mlir" --weights "$out/cases/$name.w.safetensors" --target sm_90 \
      -o "$out/cases/$name.kiln"
  "$bin/kilnc" run "$mlir" --device reference --inputs "$out/cases/$name.in.safetensors" \
      --weights "$out/cases/$name.w.safetensors" --output "$out/cases/$name.ref.safetensors"
  rm "$out/cases/$name.w.safetensors" # embedded in the bundle
  grep -oE 'TOLERANCE: \S+' "$mlir" | cut -d' ' -f2 > "$out/cases/$name.tol"
  n=$((n + 1))
done
for mlir in bench/programs/*.mlir; do
  name=$(basename "$mlir" .mlir)
  # `// KILNC: flags` adds compile flags; programs with kiln.param get random
  # weights (the quantized benchmarks embed their codes and scales).
  flags=$(sed -n 's|^// KILNC: ||p' "$mlir")
  weights=()
  if grep -q 'kiln.param' "$mlir"; then
    "$bin/kiln-random-inputs" "$mlir" -o "$out/bench/$name.unused.st" \
        --weights-out "$out/bench/$name.w.st"
    weights=(--weights "$out/bench/$name.w.st")
  fi
  # shellcheck disable=SC2086 # flags are words
  "$bin/kilnc" compile "$mlir" --target sm_90 "${weights[@]+"${weights[@]}"}" $flags \
      -o "$out/bench/$name.kiln"
  rm -f "$out/bench/$name.unused.st" "$out/bench/$name.w.st"
done
# Model benchmarks: the artifacts only; their weights (hundreds of MB) are
# generated on the GPU machine (bench/gpu/models.py) into the external file
# each artifact names. KILN_BENCH_MODELS picks them (default: all seven;
# check.sh times them in this order and skips the rest past its budget).
mkdir -p "$out/models"
compile_model() { # NAME, then kilnc flags
  local name=$1
  shift
  "$bin/kilnc" compile "$@" --external-weights "$name.weights.safetensors" --target sm_90 \
      -o "$out/models/$name.kiln"
}
for model in ${KILN_BENCH_MODELS:-mamba_130m sd_vae llama_1b dinov2_l clip_bigg cascade_prior cascade_decoder}; do
  case $model in
    mamba_130m)
      compile_model mamba_130m --model mamba --config bench/models/mamba-130m.json --batch 1 \
          --seq-len 2048 ;;
    sd_vae)
      compile_model sd_vae --model autoencoder-kl --config bench/models/sd-vae.json --batch 1 \
          --height 512 --width 512 ;;
    # The transformer frontends in bf16 (docs/models.md): a 1B Llama (prefill
    # of 4096 tokens into 32768-row bf16 caches, YaRN factor 8), DINOv2-L/14
    # with registers at 518², the CLIP ViT-bigG text encoder.
    llama_1b)
      compile_model llama_1b --model llama --config bench/models/llama-1b.json --batch 1 \
          --seq-len 4096 --cache-len 32768 --precision bf16 ;;
    dinov2_l)
      compile_model dinov2_l --model dinov2 --config bench/models/dinov2-l.json --batch 1 \
          --height 518 --width 518 --precision bf16 ;;
    clip_bigg)
      compile_model clip_bigg --model clip-text --config bench/models/clip-bigg-text.json \
          --batch 1 --seq-len 77 --precision bf16 ;;
    # Stable Cascade in bf16: a guided stage-C step of the 1B prior (batch 2
    # at 24², a 1024² image) and a stage-B step of the lite decoder (256²
    # latents on 24² effnet).
    cascade_prior)
      compile_model cascade_prior --model stable-cascade-prior \
          --config bench/models/stable-cascade-prior-1b.json --batch 2 --height 24 --width 24 \
          --precision bf16 ;;
    cascade_decoder)
      compile_model cascade_decoder --model stable-cascade-decoder \
          --config bench/models/stable-cascade-decoder-lite.json --batch 1 --height 256 \
          --width 256 --cond-height 24 --cond-width 24 --precision bf16 ;;
    *)
      echo "prepare.sh: error: unknown model '$model' in KILN_BENCH_MODELS" >&2
      exit 1 ;;
  esac
done
# Header-only dependencies of the runtime (the GPU machine has no Debian dev
# packages).
cp -r /usr/include/nlohmann "$out/include/"
cp /usr/include/xxhash.h "$out/include/"
# Kernels compress well (PTX is text): what travels is the gzipped tar.
tar -C bench/gpu -czf bench/gpu/bundle.tar.gz bundle
size=$(du -sm "$out" | cut -f1)
packed=$(du -sm bench/gpu/bundle.tar.gz | cut -f1)
echo "prepare.sh: $n numerics bundles, $(ls "$out/bench" | wc -l) benchmark bundles, $(ls "$out"/models/*.kiln | wc -l) models, ${size} MiB in bench/gpu/bundle, ${packed} MiB in bench/gpu/bundle.tar.gz"
if [ "$packed" -ge 60 ]; then
  echo "prepare.sh: error: bench/gpu/bundle.tar.gz is ${packed} MiB, over the 60 MiB budget" >&2
  exit 1
fi
