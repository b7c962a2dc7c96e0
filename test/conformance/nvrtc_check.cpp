//===- nvrtc_check.cpp - Compile every conformance kernel with NVRTC ------===//
//
// Proves that the conformance kernels and the device library they include are
// valid CUDA for the GPU targets, without a GPU: each test/conformance/*.cu is
// compiled by NVRTC to a cubin for sm_80, sm_90 and sm_90a (so ptxas checks the
// inline PTX too), with -std=c++17 and the device library on the include
// path. Any error, and any warning (a non-empty program log), fails the check
// and prints the log.
//
//   g++ -std=c++17 test/conformance/nvrtc_check.cpp -I/usr/local/cuda/include \
//     -L/usr/local/cuda/lib64 -lnvrtc -o /tmp/nvrtc_check
//   LD_LIBRARY_PATH=/usr/local/cuda/lib64 /tmp/nvrtc_check [repo-root] [x.cu..]
//
// The repository root defaults to the working directory; naming .cu files
// checks those instead of the whole directory.
//
//===----------------------------------------------------------------------===//

#include <nvrtc.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// Compiles one source for one architecture; true when NVRTC succeeded with
/// an empty log and produced a cubin.
bool compile(const fs::path &file, const std::string &arch,
             const std::string &deviceDir, const std::string &cudaInclude) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();

  nvrtcProgram prog;
  nvrtcResult rc = nvrtcCreateProgram(
      &prog, source.c_str(), file.filename().c_str(), 0, nullptr, nullptr);
  if (rc != NVRTC_SUCCESS) {
    std::printf("FAIL %s [%s]: nvrtcCreateProgram: %s\n", file.c_str(),
                arch.c_str(), nvrtcGetErrorString(rc));
    return false;
  }
  const std::string archOpt = "--gpu-architecture=" + arch;
  const std::string incDevice = "--include-path=" + deviceDir;
  const std::string incCuda = "--include-path=" + cudaInclude;
  const char *opts[] = {archOpt.c_str(), "-std=c++17", incDevice.c_str(),
                        incCuda.c_str()};
  rc = nvrtcCompileProgram(prog, sizeof opts / sizeof opts[0], opts);

  size_t logSize = 0;
  nvrtcGetProgramLogSize(prog, &logSize);
  std::string log(logSize, '\0');
  if (logSize)
    nvrtcGetProgramLog(prog, log.data());
  log.erase(std::find(log.begin(), log.end(), '\0'), log.end());
  const bool quiet = log.find_first_not_of(" \t\r\n") == std::string::npos;

  size_t cubinSize = 0;
  if (rc == NVRTC_SUCCESS)
    nvrtcGetCUBINSize(prog, &cubinSize);
  nvrtcDestroyProgram(&prog);

  const bool ok = rc == NVRTC_SUCCESS && quiet && cubinSize > 0;
  std::printf("%s %s [%s]%s", ok ? "PASS" : "FAIL", file.filename().c_str(),
              arch.c_str(),
              ok ? "" : (rc != NVRTC_SUCCESS ? ": error" : ": warnings"));
  if (ok)
    std::printf(" (cubin %zu bytes)\n", cubinSize);
  else
    std::printf("\n---- NVRTC log ----\n%s\n-------------------\n",
                log.c_str());
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  fs::path root = argc > 1 ? fs::path(argv[1]) : fs::current_path();
  const fs::path deviceDir = root / "runtime" / "device";
  const fs::path confDir = root / "test" / "conformance";
  const std::string cudaInclude = "/usr/local/cuda/include";

  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i)
    files.emplace_back(argv[i]);
  if (files.empty()) {
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(confDir, ec))
      if (entry.path().extension() == ".cu")
        files.push_back(entry.path());
    if (ec || files.empty()) {
      std::printf("FAIL no .cu files under %s (pass the repository root)\n",
                  confDir.c_str());
      return 1;
    }
  }
  std::sort(files.begin(), files.end());

  int major = 0, minor = 0;
  nvrtcVersion(&major, &minor);
  std::printf("NVRTC %d.%d\n", major, minor);

  int failures = 0;
  for (const auto &file : files)
    for (const char *arch : {"sm_80", "sm_90", "sm_90a"})
      failures += !compile(file, arch, deviceDir.string(), cudaInclude);
  std::printf("%s: %d of %zu compilations failed\n", failures ? "FAIL" : "PASS",
              failures, files.size() * 2);
  return failures ? 1 : 0;
}
