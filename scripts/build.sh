#!/usr/bin/env bash
# Installs what is missing, configures with a CMake preset and builds.
# Usage: scripts/build.sh [PRESET]   (default: $KILN_PRESET or "default";
# "asan" builds into build-asan/, "runtime-only" into build-runtime/).
# Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

preset="${1:-${KILN_PRESET:-default}}"
case "$preset" in
  default) dir=build ;;
  asan) dir=build-asan ;;
  runtime-only) dir=build-runtime ;;
  *) echo "build.sh: unknown preset '$preset' (default, asan, runtime-only)" >&2; exit 2 ;;
esac

./scripts/install-deps.sh

if [ ! -f "$dir/build.ninja" ]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build "$dir" -- -j"${KILN_JOBS:-$(nproc)}"
echo "build.sh: tools are in $dir/bin"
