//===- CpuModuleBuilder.h - kernels compiled for the cpu device -----------===//
//
// Turns kernels' CUDA C++ into one shared object for the cpu device: the
// emulation header and the device library are written once into the kernel
// cache and precompiled once per content and compiler (a GCC precompiled
// header), and the kernels a session needs are compiled together, each in
// a namespace of its own with a trampoline exported as
// kiln_emu_launch_<name>, and linked with the emulator's launcher, compiled
// once per content and compiler too; so the header work is paid once per
// module rather than once per kernel, and the launcher once per cache.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_LIB_CPUMODULEBUILDER_H
#define KILN_RUNTIME_LIB_CPUMODULEBUILDER_H

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/KernelCache.h"

#include <mutex>
#include <string>
#include <vector>

namespace kiln::rt {

/// A kernel's name and CUDA source.
struct KernelSource {
  const KernelInfo *info;
  std::string source;
};

class CpuModuleBuilder {
public:
  /// `compiler`: the host C++ compiler ($KILN_HOST_CXX, default c++).
  CpuModuleBuilder(const KernelCache &cache, std::string compiler);

  /// What every cache key of a module depends on besides the sources: the
  /// compiler's identity, its flags and the embedded headers.
  const std::string &buildIdentity();

  /// One shared object defining every kernel, each launched through the
  /// exported `kiln_emu_launch_<name>`. A kernel that does not compile is
  /// named in the error, with the compiler's messages.
  Expected<std::vector<uint8_t>> build(const std::vector<KernelSource> &kernels);

  const std::string &compiler() const { return compiler_; }

  /// Removes what builds killed midway left in the cache's work
  /// directories (tmp/, the header and precompiled-header directories,
  /// the compiler probes): the one sweep, made when a device opens, before
  /// it builds anything, so also in a run that finds every module cached.
  void sweepStaleTemporaries() const;

private:
  /// The embedded headers, written once into a content-addressed directory,
  /// and `kiln_all.h`, which includes them all.
  Expected<std::string> headerDirectory();
  /// The header the compiler force-includes: kiln_all.h beside its
  /// precompiled form when the compiler made one, else kiln_all.h itself.
  Expected<std::string> forcedInclude();
  /// `#include "kiln_all.h"` compiled with `args` into
  /// `<dir>/<kind>-<key>/<outputName>` once per content and compiler (the
  /// key); returns that directory, whose source file is `sourceName`.
  Expected<std::string> prebuild(const std::string &dir,
                                 const std::string &kind,
                                 const std::string &sourceName,
                                 const std::string &outputName,
                                 const std::vector<std::string> &args);
  /// The emulator's launcher (kiln_emu::launch and the fibers behind it),
  /// compiled once per content and compiler into an object every module
  /// links: about half of what a module cost to compile besides its kernels.
  Expected<std::string> launcherObject();
  Expected<std::vector<uint8_t>>
  compileModule(const std::vector<KernelSource> &kernels);

  const KernelCache &cache_;
  std::string compiler_;
  std::vector<std::string> flags_;
  std::once_flag identityOnce_, pchOnce_, launcherOnce_;
  std::string identity_;
  /// forcedInclude()'s answer, decided once per builder (the first build
  /// call makes the precompiled header if it can); an error is kept too, so
  /// every later build reports the same one.
  Expected<std::string> forced_ = std::string();
  /// launcherObject()'s answer, decided once per builder likewise.
  Expected<std::string> launcher_ = std::string();
};

/// Runs argv; its exit status and what it printed (stdout and stderr, via
/// `logPath`, removed afterwards).
Expected<std::pair<int, std::string>>
runProcess(const std::vector<std::string> &argv, const std::string &logPath);

/// "a, b, c": the kernels' names, for messages.
std::string kernelNames(const std::vector<KernelSource> &kernels);

/// "<pid>.<random>", for temporary file names no other process picks.
std::string uniqueSuffix();

} // namespace kiln::rt

#endif // KILN_RUNTIME_LIB_CPUMODULEBUILDER_H
