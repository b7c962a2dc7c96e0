//===- Nvrtc.cpp - compile generated CUDA C++ with NVRTC ------------------===//

#include "kiln/Codegen/Nvrtc.h"

#include "kiln/Runtime/DeviceLibrary.h"
#include "kiln/Runtime/KernelCache.h"

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

/// One NVRTC compilation: a cubin for sm_XX or PTX for compute_XX.
rt::Expected<std::pair<std::string, std::string>>
compileOnce(const std::string &source, const std::string &name,
            const std::string &gpuArch, bool wantPtx) {
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
  std::string arch = "--gpu-architecture=" + gpuArch;
  std::string include = "--include-path=" KILN_CUDA_INCLUDE_DIR;
  std::vector<const char *> opts = {arch.c_str(), include.c_str(), "-std=c++17",
                                    "--ptxas-options=-v", "-lineinfo"};
  r = nvrtcCompileProgram(prog, static_cast<int>(opts.size()), opts.data());
  size_t logSize = 0;
  nvrtcGetProgramLogSize(prog, &logSize);
  std::string log(logSize, '\0');
  if (logSize)
    nvrtcGetProgramLog(prog, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n'))
    log.pop_back();
  if (r != NVRTC_SUCCESS) {
    nvrtcDestroyProgram(&prog);
    return rt::Error("nvrtc: compiling kernel " + name + " for " + gpuArch +
                     " failed:\n" + log);
  }
  std::string image;
  size_t size = 0;
  if (wantPtx) {
    nvrtcGetPTXSize(prog, &size);
    image.resize(size);
    nvrtcGetPTX(prog, image.data());
    if (!image.empty() && image.back() == '\0')
      image.pop_back();
  } else {
    nvrtcGetCUBINSize(prog, &size);
    image.resize(size);
    nvrtcGetCUBIN(prog, image.data());
  }
  nvrtcDestroyProgram(&prog);
  return std::make_pair(image, log);
}

} // namespace

rt::Expected<NvrtcImages> compileWithNvrtc(const std::string &source,
                                           const std::string &name,
                                           const std::vector<std::string> &archs,
                                           const std::string &cacheDir) {
  NvrtcImages out;
  rt::KernelCache cache(cacheDir);
  std::string lowest;
  for (const std::string &arch : archs)
    if (lowest.empty() || arch < lowest)
      lowest = arch;
  std::vector<std::pair<std::string, bool>> jobs;
  for (const std::string &arch : archs)
    jobs.emplace_back(arch, false);
  if (!lowest.empty())
    jobs.emplace_back("compute_" + lowest.substr(3), true);
  for (const auto &[arch, isPtx] : jobs) {
    rt::CacheKey key;
    key.add("nvrtc").add(source).add(arch).add(nvrtcVersion())
        .add(rt::deviceLibraryHash()).add("-std=c++17 -lineinfo");
    std::string hex = key.hex();
    std::string image;
    if (auto hit = cache.get("cubin", hex)) {
      image.assign(hit->begin(), hit->end());
      ++out.cacheHits;
    } else {
      rt::Expected<std::pair<std::string, std::string>> r =
          compileOnce(source, name, arch, isPtx);
      if (!r)
        return r.error();
      image = r->first;
      if (!r->second.empty())
        out.log += "[" + arch + "] " + r->second + "\n";
      (void)cache.put("cubin", hex,
                      std::vector<uint8_t>(image.begin(), image.end()));
    }
    if (isPtx)
      out.ptx = image;
    else
      out.cubins.emplace_back(arch, image);
  }
  return out;
}

#endif // KILN_HAVE_NVRTC

} // namespace mlir::kiln
