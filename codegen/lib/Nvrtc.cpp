//===- Nvrtc.cpp - compile generated CUDA C++ with NVRTC ------------------===//

#include "kiln/Codegen/Nvrtc.h"

#include "kiln/Runtime/DeviceLibrary.h"
#include "kiln/Runtime/KernelCache.h"

#include <cctype>
#include <iterator>
#include <optional>

#if KILN_HAVE_NVRTC
#include <nvrtc.h>
#endif

namespace mlir::kiln {

namespace rt = ::kiln::rt;

#if !KILN_HAVE_NVRTC

bool nvrtcAvailable() { return false; }
std::string nvrtcVersion() { return ""; }
rt::Expected<NvrtcImages> compileWithNvrtc(const std::string &,
                                           const std::string &name,
                                           const std::vector<std::string> &,
                                           const std::string &) {
  return rt::Error("nvrtc: this kilnc was built without the CUDA toolkit, so "
                   "kernel " + name + " cannot be compiled for GPUs (the cpu "
                   "device still runs it)");
}

#else

bool nvrtcAvailable() { return true; }

std::string nvrtcVersion() {
  int major = 0, minor = 0;
  ::nvrtcVersion(&major, &minor);
  return std::to_string(major) + "." + std::to_string(minor);
}

namespace {

/// NVRTC's options besides the architecture and the include path; cache
/// keys include them.
constexpr const char *kFlags[] = {"-std=c++17", "--ptxas-options=-v",
                                  "-lineinfo"};

/// What one NVRTC compilation for a real architecture gives: the cubin, the
/// PTX it went through (kept for the lowest target only) and the log.
struct NvrtcOutput {
  std::string cubin, ptx, log;
};

rt::Expected<NvrtcOutput> compileOnce(const std::string &source,
                                      const std::string &name,
                                      const std::string &arch, bool keepPtx) {
  std::vector<const char *> headerTexts, headerNames;
  for (const rt::EmbeddedHeader &h : rt::deviceLibraryHeaders()) {
    headerTexts.push_back(h.text);
    headerNames.push_back(h.name.c_str());
  }
  nvrtcProgram prog;
  nvrtcResult r = nvrtcCreateProgram(&prog, source.c_str(), (name + ".cu").c_str(),
                                     static_cast<int>(headerTexts.size()),
                                     headerTexts.data(), headerNames.data());
  if (r != NVRTC_SUCCESS)
    return rt::Error(std::string("nvrtc: ") + nvrtcGetErrorString(r));
  std::string gpu = "--gpu-architecture=" + arch;
  std::string include = "--include-path=" KILN_CUDA_INCLUDE_DIR;
  std::vector<const char *> opts = {gpu.c_str(), include.c_str()};
  opts.insert(opts.end(), std::begin(kFlags), std::end(kFlags));
  r = nvrtcCompileProgram(prog, static_cast<int>(opts.size()), opts.data());
  NvrtcOutput out;
  size_t size = 0;
  nvrtcGetProgramLogSize(prog, &size);
  out.log.assign(size, '\0');
  if (size)
    nvrtcGetProgramLog(prog, out.log.data());
  while (!out.log.empty() && (out.log.back() == '\0' || out.log.back() == '\n'))
    out.log.pop_back();
  if (r != NVRTC_SUCCESS) {
    nvrtcDestroyProgram(&prog);
    return rt::Error("nvrtc: compiling kernel " + name + " for " + arch +
                     " failed:\n" + out.log);
  }
  nvrtcGetCUBINSize(prog, &size);
  out.cubin.resize(size);
  nvrtcGetCUBIN(prog, out.cubin.data());
  if (keepPtx) {
    // A compilation for sm_XX goes through PTX for the same architecture:
    // the PTX fallback comes with it instead of a second compilation.
    size = 0;
    if (nvrtcGetPTXSize(prog, &size) == NVRTC_SUCCESS && size) {
      out.ptx.resize(size);
      if (nvrtcGetPTX(prog, out.ptx.data()) != NVRTC_SUCCESS)
        out.ptx.clear();
    }
    if (!out.ptx.empty() && out.ptx.back() == '\0')
      out.ptx.pop_back();
    if (out.ptx.empty()) {
      nvrtcDestroyProgram(&prog);
      return rt::Error("nvrtc: compiling kernel " + name + " for " + arch +
                       " gave no PTX (the artifact's fallback for newer "
                       "GPUs)");
    }
  }
  nvrtcDestroyProgram(&prog);
  return out;
}

/// A cache entry holds the three parts, each behind its 8-byte length.
std::vector<uint8_t> pack(const NvrtcOutput &o) {
  std::vector<uint8_t> bytes;
  for (const std::string *part : {&o.cubin, &o.ptx, &o.log}) {
    uint64_t n = part->size();
    for (int i = 0; i < 8; ++i)
      bytes.push_back(static_cast<uint8_t>(n >> (8 * i)));
    bytes.insert(bytes.end(), part->begin(), part->end());
  }
  return bytes;
}

std::optional<NvrtcOutput> unpack(const std::vector<uint8_t> &bytes) {
  NvrtcOutput o;
  size_t at = 0;
  for (std::string *part : {&o.cubin, &o.ptx, &o.log}) {
    if (bytes.size() - at < 8)
      return std::nullopt;
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
      n = (n << 8) | bytes[at + i];
    at += 8;
    if (n > bytes.size() - at)
      return std::nullopt;
    part->assign(bytes.begin() + at, bytes.begin() + at + n);
    at += n;
  }
  if (at != bytes.size())
    return std::nullopt;
  return o;
}

/// The number of an architecture name: 90 for "sm_90" and "sm_90a", 100 for
/// "sm_100".
int archNumber(const std::string &arch) {
  size_t at = arch.find('_');
  int number = 0;
  for (size_t i = at == std::string::npos ? 0 : at + 1;
       i < arch.size() && std::isdigit(static_cast<unsigned char>(arch[i])); ++i)
    number = number * 10 + (arch[i] - '0');
  return number;
}

} // namespace

rt::Expected<NvrtcImages> compileWithNvrtc(const std::string &source,
                                           const std::string &name,
                                           const std::vector<std::string> &archs,
                                           const std::string &cacheDir) {
  NvrtcImages out;
  rt::KernelCache cache(cacheDir);
  // The PTX comes from the oldest architecture (numerically: sm_80 before
  // sm_100), which every newer GPU can JIT it for.
  std::string lowest;
  for (const std::string &arch : archs)
    if (lowest.empty() || archNumber(arch) < archNumber(lowest))
      lowest = arch;
  for (const std::string &arch : archs) {
    bool keepPtx = arch == lowest;
    rt::CacheKey key;
    key.add("nvrtc")
        .add(source)
        .add(arch)
        .add(keepPtx ? "ptx" : "")
        .add(nvrtcVersion())
        .add(rt::deviceLibraryHash());
    for (const char *flag : kFlags)
      key.add(flag);
    std::string hex = key.hex();
    std::optional<NvrtcOutput> compiled;
    if (auto hit = cache.get("nvrtc", hex))
      compiled = unpack(*hit);
    if (compiled) {
      ++out.cacheHits;
    } else {
      rt::Expected<NvrtcOutput> r = compileOnce(source, name, arch, keepPtx);
      if (!r)
        return r.error();
      compiled = std::move(*r);
      (void)cache.put("nvrtc", hex, pack(*compiled));
    }
    // The log (registers, spills) comes with cached images too.
    if (!compiled->log.empty())
      out.log += "[" + arch + "] " + compiled->log + "\n";
    if (keepPtx)
      out.ptx = compiled->ptx;
    out.cubins.emplace_back(arch, std::move(compiled->cubin));
  }
  return out;
}

#endif // KILN_HAVE_NVRTC

} // namespace mlir::kiln
