# lit configuration for Kiln's FileCheck suites.
#
# Features, each detected with what the RUN lines themselves use:
#   nvrtc        kilnc --version reports NVRTC (the tools can build cubins)
#   cuda-device  the driver the runtime opens (libcuda.so.1) reports a GPU
#   torch        the Python of the RUN lines (%python) imports torch
#   sass-tools   cuobjdump and nvdisasm are installed (the SASS report)
#
# One kernel cache serves the whole suite ($KILN_CACHE_DIR, under the build
# directory; content-addressed, so tests share compiled kernels safely);
# tests that count cache hits set their own. KILN_TEST_SEED seeds every
# randomized test; when unset, lit draws one per run and prints it.
import ctypes
import os
import random
import subprocess

import lit.formats

config.name = "Kiln"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")
config.excludes = ["CMakeLists.txt", "unit", "docs", "fuzz", "install", "conformance",
                   "Inputs", "lib", "corpus", "quantized", "golden_on_device.py",
                   "corpus_on_device.py", "nvrtc_corpus.py", "mamba_check.py",
                   "quantized_on_device.py", "lit.cfg.py", "lit.site.cfg.py.in"]

# Kiln's tools first, then LLVM's FileCheck / not / count / split-file.
config.environment["PATH"] = os.pathsep.join(
    [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
# Sanitized builds (the asan preset): see test/lsan.supp for why TLS is not
# scanned. Other builds ignore the variable.
config.environment["LSAN_OPTIONS"] = "use_tls=0:print_suppressions=0:suppressions=" + os.path.join(
    os.path.dirname(__file__), "lsan.supp")
for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "KILN_HOST_CXX"):
    if name in os.environ:
        config.environment[name] = os.environ[name]

config.environment["KILN_CACHE_DIR"] = os.environ.get(
    "KILN_TEST_CACHE_DIR", os.path.join(config.kiln_obj_root, "test", "kernel-cache"))
seed = os.environ.get("KILN_TEST_SEED") or str(random.randrange(1 << 31))
config.environment["KILN_TEST_SEED"] = seed
lit_config.note(f"KILN_TEST_SEED={seed} (set it to rerun the randomized tests on the same inputs)")

config.substitutions.append(("%kiln_src", config.kiln_src_root))
config.substitutions.append(("%kiln_bin", config.kiln_tools_dir))
config.substitutions.append(("%python", config.python_executable or "python3"))


def run(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None


version = run([os.path.join(config.kiln_tools_dir, "kilnc"), "--version"])
if version is not None and version.returncode == 0 and "NVRTC" in version.stdout:
    config.available_features.add("nvrtc")

# cuobjdump and nvdisasm, where bench/sass/report.py finds them.
sass_dirs = [os.environ.get("CUDA_HOME", "/usr/local/cuda") + "/bin",
             "/opt/kiln-nvidia-tools/nvidia/cu13/bin"] + os.environ.get("PATH", "").split(":")
if all(any(os.access(os.path.join(d, t), os.X_OK) for d in sass_dirs)
       for t in ("cuobjdump", "nvdisasm")):
    config.available_features.add("sass-tools")

try:
    cuda = ctypes.CDLL("libcuda.so.1")
    count = ctypes.c_int(0)
    if cuda.cuInit(0) == 0 and cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 and count.value > 0:
        config.available_features.add("cuda-device")
except OSError:
    pass

# PyTorch, for the tests of the benchmark peers (never needed to build or run
# Kiln itself), in the interpreter the RUN lines start.
torch = run([config.python_executable or "python3", "-c", "import torch"])
if torch is not None and torch.returncode == 0:
    config.available_features.add("torch")
