//===- CpuModuleBuilder.cpp - kernels compiled for the cpu device ---------===//

#include "CpuModuleBuilder.h"

#include "kiln/Runtime/DeviceLibrary.h"
#include "kiln/Runtime/Files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/wait.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace kiln::rt {

namespace {

/// In the guard process: the whole process group, guard included, dies.
void killProcessGroup(int) { ::kill(0, SIGKILL); }

/// The body of the guard process (see runProcess); never returns.
/// Between fork and exec only async-signal-safe calls: the arguments are
/// prepared by the parent, which may have other threads.
[[noreturn]] void guardCompiler(pid_t parent, char *const *args,
                                const char *logPath) {
  // SIGTERM stays blocked until the handler is in place and the compiler
  // has forked, so it cannot be lost or reach the compiler before exec.
  sigset_t term, old;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &term, &old);
  struct sigaction sa = {};
  sa.sa_handler = killProcessGroup;
  ::sigaction(SIGTERM, &sa, nullptr);
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent)
    _exit(127);
  int fd = ::open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2)
      ::close(fd);
  }
  pid_t compiler = fork();
  if (compiler < 0)
    _exit(127);
  if (compiler == 0) {
    ::signal(SIGTERM, SIG_DFL);
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    execvp(args[0], args);
    const char *why = std::strerror(errno);
    for (const char *part :
         std::initializer_list<const char *>{"cannot run ", args[0], ": ", why, "\n"})
      (void)!::write(2, part, std::strlen(part));
    _exit(127);
  }
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
  int status = 0;
  while (waitpid(compiler, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    _exit(WEXITSTATUS(status));
  ::signal(WTERMSIG(status), SIG_DFL);
  ::raise(WTERMSIG(status));
  _exit(127);
}

} // namespace

Expected<std::pair<int, std::string>>
runProcess(const std::vector<std::string> &argv, const std::string &logPath) {
  // The compiler dies with us: a killed kilnc must not leave a compiler
  // writing into the kernel cache after it (and so after the sweep of
  // stale temporaries that the next run makes). PR_SET_PDEATHSIG reaches
  // only a direct child, and a compiler driver's own children (cc1plus,
  // as, ld) would outlive it; so the child is a guard that leads a process
  // group of its own, runs the compiler in it, and kills the whole group
  // when we die.
  std::vector<char *> args;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  pid_t pid = fork();
  if (pid < 0)
    return Error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0)
    guardCompiler(parent, args.data(), logPath.c_str());
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Expected<std::vector<uint8_t>> log = readFile(logPath);
  std::remove(logPath.c_str());
  std::string text = log ? std::string(log->begin(), log->end()) : "";
  return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, text);
}

std::string kernelNames(const std::vector<KernelSource> &kernels) {
  std::string names;
  for (const KernelSource &k : kernels)
    names += (names.empty() ? "" : ", ") + k.info->name;
  return names;
}

std::string uniqueSuffix() {
  std::random_device rd;
  return std::to_string(::getpid()) + "." + std::to_string(rd());
}

namespace {

/// The C++ type check of kernel parameter i, generated into the trampoline
/// so a signature that disagrees with the manifest is a compile error naming
/// the parameter.
const char *paramCheck(ParamKind kind) {
  switch (kind) {
  case ParamKind::Pointer:
    return "std::is_pointer_v<T>";
  case ParamKind::I32:
    return "std::is_integral_v<T> && sizeof(T) == 4";
  case ParamKind::I64:
    return "std::is_integral_v<T> && sizeof(T) == 8";
  case ParamKind::F32:
    return "std::is_same_v<T, float>";
  case ParamKind::TensorMap:
    return "std::is_same_v<T, ::kiln::tensormap::Emulated>";
  }
  return "false";
}

/// The exported `kiln_emu_launch_<name>` of a kernel defined in namespace
/// `space`: unpacks the CUDA kernelParams array into a typed call and runs
/// the grid under the emulator.
std::string trampoline(const KernelInfo &info, const std::string &space) {
  std::string kernel = "::" + space + "::" + info.name;
  std::string s =
      "namespace kiln_cpu_" + info.name + " {\n"
      "template <typename F> struct Params;\n"
      "template <typename... A> struct Params<void (*)(A...)> {\n"
      "  using Tuple = std::tuple<std::decay_t<A>...>;\n"
      "  static constexpr std::size_t count = sizeof...(A);\n"
      "};\n"
      "using P = Params<decltype(&" + kernel + ")>;\n"
      "static_assert(P::count == " + std::to_string(info.params.size()) +
      ", \"kernel " + info.name + " takes a different number of parameters "
      "than the artifact declares\");\n";
  for (size_t i = 0; i < info.params.size(); ++i)
    s += "static_assert([] { using T = std::tuple_element_t<" +
         std::to_string(i) + ", P::Tuple>; return " +
         paramCheck(info.params[i]) + "; }(), \"parameter " +
         std::to_string(i) + " of " + info.name + " is not " +
         paramKindName(info.params[i]) + "\");\n";
  s += "template <std::size_t... I>\n"
       "void call(void **p, std::index_sequence<I...>) {\n"
       "  " + kernel +
       "(*static_cast<std::tuple_element_t<I, P::Tuple> *>(p[I])...);\n"
       "}\n"
       "void body(void **p) { call(p, std::make_index_sequence<P::count>{}); }\n"
       "} // namespace kiln_cpu_" + info.name + "\n"
       "extern \"C\" __attribute__((visibility(\"default\"))) int "
       "kiln_emu_launch_" + info.name +
       "(unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, "
       "unsigned bz, std::size_t shared, void **params, char *error, "
       "std::size_t errorSize) {\n"
       "  return kiln_emu::launch(dim3(gx, gy, gz), dim3(bx, by, bz), shared, "
       "kiln_cpu_" + info.name + "::body, params, error, errorSize);\n}\n";
  return s;
}

/// Lines in `text`.
int lineCount(const std::string &text) {
  int n = 0;
  for (char c : text)
    n += c == '\n';
  return n;
}

/// The source of one module: every kernel in a namespace of its own (their
/// helper structs and tables may share names; the kernels are extern "C"
/// and named uniquely), then the trampolines. The headers are already in
/// (force-included), so the kernels' own #include lines are no-ops.
std::string moduleSource(const std::vector<KernelSource> &kernels) {
  std::string s = "// A cpu-device module of " +
                  std::to_string(kernels.size()) +
                  " kernels, generated by the Kiln cpu device.\n";
  for (size_t i = 0; i < kernels.size(); ++i) {
    s += "namespace kiln_kernel_" + std::to_string(i) + " {\n#line 1 \"" +
         kernels[i].info->name + ".cu\"\n" + kernels[i].source;
    if (s.back() != '\n')
      s += '\n';
    s += "} // namespace kiln_kernel_" + std::to_string(i) + "\n";
  }
  s += "#line " + std::to_string(lineCount(s) + 2) + " \"trampolines.cpp\"\n";
  for (size_t i = 0; i < kernels.size(); ++i)
    s += trampoline(*kernels[i].info, "kiln_kernel_" + std::to_string(i));
  return s;
}

} // namespace

CpuModuleBuilder::CpuModuleBuilder(const KernelCache &cache,
                                   std::string compiler)
    : cache_(cache), compiler_(std::move(compiler)),
      flags_({"-std=c++17", "-O1", "-fPIC", "-fvisibility=hidden",
              "-DKILN_EMU"}) {}

namespace {
/// Kernels are compiled with the emulator's launcher only declared; it is
/// compiled once, with KILN_EMU_LAUNCH_OBJECT, and linked into each module.
constexpr const char *kModuleDefine = "-DKILN_EMU_LAUNCH_ELSEWHERE";
constexpr const char *kLauncherDefine = "-DKILN_EMU_LAUNCH_OBJECT";
} // namespace

void CpuModuleBuilder::sweepStaleTemporaries() const {
  const std::string root = cache_.directory();
  removeStaleTemporariesIn(root); // .cxx-version probes
  removeStaleTemporariesIn(root + "/tmp");
  // include/<content>/ and its <kind>-<key>/ build directories.
  removeStaleTemporariesIn(root + "/include", 2);
}

const std::string &CpuModuleBuilder::buildIdentity() {
  std::call_once(identityOnce_, [this] {
    std::string log = cache_.directory() + "/.cxx-version." + uniqueSuffix();
    (void)makeDirectories(cache_.directory());
    Expected<std::pair<int, std::string>> r =
        runProcess({compiler_, "--version"}, log);
    identity_ = compiler_ + "\n" + (r ? r->second : "unknown") + "\n";
    for (const std::string &f : flags_)
      identity_ += f + " ";
    identity_ += std::string(kModuleDefine) + " " + kLauncherDefine;
    identity_ += "\n" + deviceLibraryHash();
  });
  return identity_;
}

Expected<std::string> CpuModuleBuilder::headerDirectory() {
  bool haveEmu = false;
  std::string all = "// Every header generated kernels may include.\n"
                    "#include \"kiln_emu.h\"\n";
  for (const EmbeddedHeader &h : deviceLibraryHeaders()) {
    haveEmu = haveEmu || h.name == "kiln_emu.h";
    if (h.name.size() > 4 && h.name.compare(h.name.size() - 4, 4, ".cuh") == 0)
      all += "#include \"" + h.name + "\"\n";
  }
  if (!haveEmu)
    return Error("cpu: this runtime was built without runtime/emu/kiln_emu.h");
  // What the trampolines use.
  all += "#include <tuple>\n#include <type_traits>\n#include <utility>\n";
  // Named by the content: the embedded headers and kiln_all.h.
  CacheKey content;
  content.add(deviceLibraryHash()).add(all);
  std::string dir = cache_.directory() + "/include/" + content.hex();
  std::string marker = dir + "/.complete";
  if (access(marker.c_str(), F_OK) == 0)
    return dir;
  if (Status s = makeDirectories(dir); !s)
    return s.error().withContext("cpu: kernel cache");
  for (const EmbeddedHeader &h : deviceLibraryHeaders())
    if (Status s = writeFileAtomically(dir + "/" + h.name, h.text,
                                       std::strlen(h.text));
        !s)
      return s.error();
  if (Status s = writeFileAtomically(dir + "/kiln_all.h", all.data(), all.size());
      !s)
    return s.error();
  if (Status s = writeFileAtomically(marker, "", 0); !s)
    return s.error();
  return dir;
}

Expected<std::string>
CpuModuleBuilder::prebuild(const std::string &dir, const std::string &kind,
                           const std::string &sourceName,
                           const std::string &outputName,
                           const std::vector<std::string> &args) {
  CacheKey key;
  key.add(kind).add(buildIdentity());
  std::string sub = dir + "/" + kind + "-" + key.hex();
  std::string source = sub + "/" + sourceName, output = sub + "/" + outputName;
  // Existence is enough: the output only ever appears whole (renamed into
  // place below), and reading it (a .gch is tens of MB) would cost more
  // than a module's compilation saves.
  if (access(output.c_str(), F_OK) == 0)
    return sub;
  const std::string text = "#include \"kiln_all.h\"\n";
  if (Status s = makeDirectories(sub); !s)
    return s.error().withContext("cpu: kernel cache");
  if (Status s = writeFileAtomically(source, text.data(), text.size()); !s)
    return s.error();
  // Built under a temporary name and renamed: concurrent builders each
  // make a whole one, and a reader never sees half of one.
  std::string tmp = output + ".tmp." + uniqueSuffix();
  std::vector<std::string> argv = {compiler_};
  argv.insert(argv.end(), flags_.begin(), flags_.end());
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"-I" + dir, source, "-o", tmp});
  Expected<std::pair<int, std::string>> r = runProcess(argv, tmp + ".log");
  Status status = Status::ok();
  if (!r)
    status = r.error();
  else if (r->first != 0)
    status = Error("cpu: compiling " + output + " with " + compiler_ +
                   " failed:\n" + r->second);
  else if (std::rename(tmp.c_str(), output.c_str()) != 0)
    status = Error("cpu: kernel cache: cannot write " + output + ": " +
                   std::strerror(errno));
  std::remove(tmp.c_str());
  if (!status)
    return status.error();
  return sub;
}

Expected<std::string> CpuModuleBuilder::forcedInclude() {
  std::call_once(pchOnce_, [this] {
    Expected<std::string> dir = headerDirectory();
    if (!dir) {
      forced_ = dir.error();
      return;
    }
    forced_ = *dir + "/kiln_all.h";
    // Clang reads GCC's precompiled headers differently; it parses instead.
    if (buildIdentity().find("clang") != std::string::npos)
      return;
    // Without a precompiled header the modules still compile, only slower.
    if (Expected<std::string> pch =
            prebuild(*dir, "pch", "kiln_pch.h", "kiln_pch.h.gch",
                     {kModuleDefine, "-x", "c++-header"}))
      forced_ = *pch + "/kiln_pch.h";
  });
  return forced_;
}

Expected<std::string> CpuModuleBuilder::launcherObject() {
  std::call_once(launcherOnce_, [this] {
    Expected<std::string> dir = headerDirectory();
    if (!dir) {
      launcher_ = dir.error();
      return;
    }
    Expected<std::string> sub =
        prebuild(*dir, "launcher", "kiln_launcher.cpp", "kiln_launcher.o",
                 {kLauncherDefine, "-c"});
    if (sub)
      launcher_ = *sub + "/kiln_launcher.o";
    else
      launcher_ = sub.error();
  });
  return launcher_;
}

Expected<std::vector<uint8_t>>
CpuModuleBuilder::compileModule(const std::vector<KernelSource> &kernels) {
  Expected<std::string> dir = headerDirectory();
  if (!dir)
    return dir.error();
  Expected<std::string> forced = forcedInclude();
  if (!forced)
    return forced.error();
  Expected<std::string> launcher = launcherObject();
  if (!launcher)
    return launcher.error();
  std::string tmpDir = cache_.directory() + "/tmp";
  if (Status s = makeDirectories(tmpDir); !s)
    return s.error();
  std::string stem = tmpDir + "/" + kernels.front().info->name + "." +
                     uniqueSuffix();
  std::string src = stem + ".cu.cpp", out = stem + ".so";
  std::string source = moduleSource(kernels);
  if (Status s = writeFileAtomically(src, source.data(), source.size()); !s)
    return s.error();
  std::vector<std::string> argv = {compiler_};
  argv.insert(argv.end(), flags_.begin(), flags_.end());
  argv.insert(argv.end(), {kModuleDefine, "-shared", "-x", "c++", "-include",
                           *forced, "-I" + *dir, src, "-x", "none", *launcher,
                           "-o", out});
  Expected<std::pair<int, std::string>> r = runProcess(argv, stem + ".log");
  std::remove(src.c_str());
  if (!r)
    return r.error();
  if (r->first != 0) {
    std::remove(out.c_str());
    std::string log = r->second.size() > 4000
                          ? r->second.substr(0, 4000) + "\n…"
                          : r->second;
    return Error(
        "cpu: compiling kernel" + std::string(kernels.size() > 1 ? "s " : " ") +
        kernelNames(kernels) + " with " + compiler_ + " failed:\n" + log);
  }
  Expected<std::vector<uint8_t>> so = readFile(out);
  std::remove(out.c_str());
  return so;
}

Expected<std::vector<uint8_t>>
CpuModuleBuilder::build(const std::vector<KernelSource> &kernels) {
  Expected<std::vector<uint8_t>> so = compileModule(kernels);
  if (so || kernels.size() == 1)
    return so;
  // Name the kernel that does not compile: alone, its error is its own.
  for (const KernelSource &k : kernels)
    if (Expected<std::vector<uint8_t>> one = compileModule({k}); !one)
      return one.error();
  return so;
}

} // namespace kiln::rt
