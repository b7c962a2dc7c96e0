#!/usr/bin/env bash
# Builds, then runs the whole suite (lit + FileCheck, GoogleTest, doc checks)
# through ctest. Exits non-zero on any failure; ctest's summary is the last
# thing printed. Usage: scripts/test.sh [PRESET]
set -euo pipefail
cd "$(dirname "$0")/.."

preset="${1:-${KILN_PRESET:-default}}"
./scripts/build.sh "$preset"
case "$preset" in
  default) dir=build ;;
  asan) dir=build-asan ;;
  runtime-only) dir=build-runtime ;;
esac
cd "$dir"
exec ctest --output-on-failure -j"${KILN_JOBS:-$(nproc)}"
