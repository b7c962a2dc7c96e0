#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds examples/consumer against
# the installed KilnRuntime package alone, and runs it on the sample
# artifact: its outputs must equal the closed-form answers exactly.
# usage: consumer-test.sh SOURCE_DIR BUILD_DIR SCRATCH_DIR CXX_COMPILER
set -euo pipefail
src=$1 build=$2 scratch=$3 cxx=$4
rm -rf "$scratch" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
test -f "$scratch/prefix/lib/cmake/KilnRuntime/KilnRuntimeConfig.cmake"
cmake -S "$src/examples/consumer" -B "$scratch/consumer" -G Ninja \
      -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
"$build/bin/make-sample-artifact" "$scratch"
KILN_CACHE_DIR="$scratch/cache" "$scratch/consumer/kiln-consumer" \
    "$scratch/sample.kiln" "$scratch/in.safetensors" "$scratch/out.safetensors"
"$build/bin/kiln-compare" "$scratch/out.safetensors" "$scratch/expected.safetensors" \
    --rtol 0 --atol 0
