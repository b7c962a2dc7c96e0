#!/usr/bin/env bash
# Builds, then runs Kiln's main job on a sample program: an MLP written
# against the kiln dialect goes through kiln-opt's pipeline and is printed.
# Later issues make this compile and run the example models.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/build.sh >/dev/null
sample=examples/mlp/mlp.mlir
echo "== input: $sample"
cat "$sample"
echo
echo "== after kiln-opt --kiln-pipeline (verified after every pass)"
./build/bin/kiln-opt "$sample" --kiln-pipeline
