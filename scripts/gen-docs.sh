#!/usr/bin/env bash
# Regenerates docs/dialect/kiln.md from the dialect's .td files (mlir-tblgen
# -gen-dialect-doc). ctest's docs-up-to-date test fails until this is run
# after an op definition changes.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target MLIRKilnOpsIncGen >/dev/null
cp build/dialects/kiln/include/kiln/Dialect/Kiln/KilnDialect.md docs/dialect/kiln.md
echo "gen-docs.sh: wrote docs/dialect/kiln.md"
