#!/usr/bin/env bash
# Installs the Debian packages Kiln builds and tests with, skipping those already present.
# Idempotent: a second run installs nothing. The CUDA toolkit is not a Debian package here; it is
# expected at /usr/local/cuda (or $CUDA_HOME) and its absence only turns the CUDA parts off.
set -euo pipefail

packages=(
  cmake ninja-build g++ python3
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  libfmt-dev nlohmann-json3-dev libxxhash-dev libgtest-dev
  pkg-config libsentencepiece-dev sentencepiece   # examples/llm's text prompts; spm_train for its test
  libpng-dev                                      # examples/vit's images
  clang libclang-rt-dev   # the asan preset and its libFuzzer targets
)

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cuda_home="${CUDA_HOME:-/usr/local/cuda}"
if [ -x "$cuda_home/bin/nvcc" ] || [ -f "$cuda_home/include/nvrtc.h" ]; then
  echo "install-deps: CUDA toolkit found at $cuda_home"
else
  echo "install-deps: no CUDA toolkit at $cuda_home; NVRTC-dependent parts will be skipped"
fi

# cuobjdump and nvdisasm for the SASS report (bench/sass/report.py): not in
# this CUDA toolkit, so from PyPI's nvidia-cuda-cuobjdump / -nvdisasm wheels,
# unpacked into a fixed folder (binaries only; no Python package is used).
tools=/opt/kiln-nvidia-tools
if [ ! -x "$tools/nvidia/cu13/bin/nvdisasm" ] && [ ! -x "$cuda_home/bin/nvdisasm" ]; then
  if python3 -m pip --version >/dev/null 2>&1 &&
     $sudo_cmd python3 -m pip install -q --target "$tools" nvidia-cuda-cuobjdump nvidia-cuda-nvdisasm \
       >/dev/null 2>&1; then
    echo "install-deps: cuobjdump and nvdisasm installed in $tools"
  else
    echo "install-deps: could not install cuobjdump / nvdisasm from PyPI; the SASS report is skipped"
  fi
fi
