# lit configuration for Kiln's FileCheck suites.
#
# Features: `nvrtc` when libnvrtc can be loaded (NVRTC needs no GPU) and
# `cuda-device` when the driver reports at least one GPU.
import ctypes
import glob
import os

import lit.formats

config.name = "Kiln"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")
config.excludes = ["CMakeLists.txt", "unit", "docs", "fuzz", "install", "conformance", "Inputs", "golden_on_device.py", "corpus_on_device.py", "nvrtc_corpus.py", "corpus", "quantized", "mamba_check.py", "safetensors_io.py", "quantized_on_device.py", "lit.cfg.py", "lit.site.cfg.py.in"]

# Kiln's tools first, then LLVM's FileCheck / not / count / split-file.
config.environment["PATH"] = os.pathsep.join(
    [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
# Sanitized builds (the asan preset): see test/lsan.supp for why TLS is not
# scanned. Other builds ignore the variable.
config.environment["LSAN_OPTIONS"] = "use_tls=0:print_suppressions=0:suppressions=" + os.path.join(
    os.path.dirname(__file__), "lsan.supp")
for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
config.substitutions.append(("%kiln_src", config.kiln_src_root))
config.substitutions.append(("%kiln_bin", config.kiln_tools_dir))
config.substitutions.append(("%python", config.python_executable or "python3"))


def _loads(candidates):
    for path in candidates:
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


nvrtc = _loads(sorted(glob.glob(os.path.join(config.cuda_home, "lib64", "libnvrtc.so*")))
               + ["libnvrtc.so"])
if nvrtc is not None:
    config.available_features.add("nvrtc")

cuda = _loads(["libcuda.so.1"])
if cuda is not None:
    count = ctypes.c_int(0)
    if cuda.cuInit(0) == 0 and cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 and count.value > 0:
        config.available_features.add("cuda-device")

# PyTorch, for the tests of the benchmark peers (never needed to build or run
# Kiln itself).
try:
    import importlib.util
    if importlib.util.find_spec("torch") is not None:
        config.available_features.add("torch")
except Exception:
    pass
