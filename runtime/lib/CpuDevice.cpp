//===- CpuDevice.cpp - runs CUDA kernels on the host through emulation ----===//
//
// Each kernel's CUDA C++ source is compiled by the host compiler against the
// emulation header (runtime/emu/kiln_emu.h, embedded in this library) and the
// device library, into a shared object cached by content hash; the kernels a
// session needs that are not cached yet are compiled together into one
// module (CpuModuleBuilder.cpp). Each kernel is called through its exported
// trampoline, which turns the CUDA kernelParams array into a typed call, and
// kiln_emu::launch runs the grid with one fiber per CUDA thread. Slow and
// exact: its job is to prove the generated kernels right on any machine.
//
// Cache entries: "cpu/<module key>" holds a module's shared object,
// "cpu-kernel/<kernel key>" the key of the module that defines the kernel,
// so a kernel compiled once is found again whatever else its module held.
//
//===----------------------------------------------------------------------===//

#include "CpuDevice.h"

#include "CpuModuleBuilder.h"

#include "kiln/Runtime/DeviceLibrary.h"
#include "kiln/Runtime/Files.h"
#include "kiln/Runtime/KernelCache.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>

#include <dlfcn.h>

namespace kiln::rt {

namespace {

using LaunchFn = int (*)(unsigned, unsigned, unsigned, unsigned, unsigned,
                         unsigned, size_t, void **, char *, size_t);

/// A dlopen()ed module; its kernels keep it loaded.
class CpuModule {
public:
  explicit CpuModule(void *handle) : handle_(handle) {}
  ~CpuModule() { dlclose(handle_); }
  CpuModule(const CpuModule &) = delete;
  CpuModule &operator=(const CpuModule &) = delete;
  LaunchFn launcher(const std::string &kernel) const {
    std::string symbol = "kiln_emu_launch_" + kernel;
    return reinterpret_cast<LaunchFn>(dlsym(handle_, symbol.c_str()));
  }

private:
  void *handle_;
};

class CpuKernel final : public LoadedKernel {
public:
  CpuKernel(std::string name, std::shared_ptr<CpuModule> module, LaunchFn fn)
      : name_(std::move(name)), module_(std::move(module)), fn_(fn) {}
  const std::string &name() const override { return name_; }
  LaunchFn fn() const { return fn_; }

private:
  std::string name_;
  std::shared_ptr<CpuModule> module_;
  LaunchFn fn_;
};

class CpuDevice final : public Device {
public:
  explicit CpuDevice(const DeviceOptions &options)
      : cache_(options.cacheDir), builder_(cache_, hostCompiler()) {
    // What killed builds left, whether or not this run compiles anything.
    builder_.sweepStaleTemporaries();
  }

  std::string describe() const override { return "cpu (CUDA emulation)"; }

  Expected<DevicePtr> allocate(size_t bytes) override {
    if (bytes > std::numeric_limits<size_t>::max() - 255)
      return Error("cpu: cannot allocate " + std::to_string(bytes) + " bytes");
    size_t size = (std::max<size_t>(bytes, 1) + 255) / 256 * 256;
    void *p = std::aligned_alloc(256, size);
    if (!p)
      return Error("cpu: cannot allocate " + std::to_string(bytes) + " bytes");
    std::memset(p, 0, size);
    return reinterpret_cast<DevicePtr>(p);
  }
  void release(DevicePtr ptr) override {
    std::free(reinterpret_cast<void *>(ptr));
  }
  // Empty tensors copy nothing (and their host pointer may be null, which
  // memcpy must not see even for 0 bytes).
  Status copyToDevice(DevicePtr dst, const void *src, size_t bytes) override {
    if (bytes)
      std::memcpy(reinterpret_cast<void *>(dst), src, bytes);
    return Status::ok();
  }
  Status copyToHost(void *dst, DevicePtr src, size_t bytes) override {
    if (bytes)
      std::memcpy(dst, reinterpret_cast<const void *>(src), bytes);
    return Status::ok();
  }

  Expected<std::shared_ptr<LoadedKernel>>
  loadKernel(const KernelInfo &info, const Artifact &artifact) override {
    Expected<std::vector<std::shared_ptr<LoadedKernel>>> k =
        loadKernels({&info}, artifact);
    if (!k)
      return k.error();
    return k->front();
  }

  Expected<std::vector<std::shared_ptr<LoadedKernel>>>
  loadKernels(const std::vector<const KernelInfo *> &infos,
              const Artifact &artifact) override {
    std::vector<std::shared_ptr<LoadedKernel>> loaded(infos.size());
    std::vector<KernelSource> missing;
    std::vector<size_t> missingAt;
    std::vector<std::string> kernelKeys;
    for (size_t i = 0; i < infos.size(); ++i) {
      KernelSource k{infos[i], artifact.blobString(infos[i]->source)};
      CacheKey key;
      key.add("cpu-kernel").add(builder_.buildIdentity());
      addKernel(key, k);
      kernelKeys.push_back(key.hex());
      if (std::optional<std::vector<uint8_t>> moduleKey =
              cache_.get("cpu-kernel", kernelKeys.back()))
        loaded[i] = fromModule(std::string(moduleKey->begin(), moduleKey->end()),
                               k.info->name);
      if (!loaded[i]) {
        missing.push_back(std::move(k));
        missingAt.push_back(i);
      }
    }
    if (missing.empty())
      return loaded;
    CacheKey key;
    key.add("cpu-module").add(builder_.buildIdentity());
    for (const KernelSource &k : missing)
      addKernel(key, k);
    std::string moduleKey = key.hex();
    Expected<std::vector<uint8_t>> so = builder_.build(missing);
    if (!so)
      return so.error();
    if (Status s = cache_.put("cpu", moduleKey, *so); !s)
      return s.error().withContext("cpu: kernel cache");
    for (size_t j = 0; j < missing.size(); ++j)
      if (Status s = cache_.put("cpu-kernel", kernelKeys[missingAt[j]],
                                std::vector<uint8_t>(moduleKey.begin(),
                                                     moduleKey.end()));
          !s)
        return s.error().withContext("cpu: kernel cache");
    Expected<std::shared_ptr<CpuModule>> module = openModule(moduleKey, *so);
    if (!module)
      return module.error().withContext("cpu: the module of kernels " +
                                        kernelNames(missing));
    for (size_t j = 0; j < missing.size(); ++j) {
      const std::string &name = missing[j].info->name;
      LaunchFn fn = (*module)->launcher(name);
      if (!fn)
        return Error("cpu: kernel " + name + " lacks kiln_emu_launch_" + name);
      loaded[missingAt[j]] = std::make_shared<CpuKernel>(name, *module, fn);
    }
    return loaded;
  }

  Expected<TensorMapImage> encodeTensorMap(const tensormap::Layout2d &l,
                                           DevicePtr base) override {
    if (const char *bad = tensormap::check(l, base))
      return Error(std::string("cpu: tensor map: ") + bad);
    const tensormap::Emulated map{base, l};
    TensorMapImage image;
    std::memcpy(image.bytes, &map, sizeof map);
    return image;
  }

  Status launch(LoadedKernel &kernel, const LaunchInfo &l,
                void **params) override {
    auto &k = static_cast<CpuKernel &>(kernel);
    char error[1024] = {0};
    int rc = k.fn()(l.grid[0], l.grid[1], l.grid[2], l.block[0], l.block[1],
                    l.block[2], l.sharedBytes, params, error, sizeof error);
    if (rc != 0)
      return Error("cpu: kernel " + k.name() + " failed: " + error);
    return Status::ok();
  }
  Status synchronize() override { return Status::ok(); }

  Expected<double> timeMs(const std::function<Status()> &body) override {
    auto start = std::chrono::steady_clock::now();
    if (Status s = body(); !s)
      return s.error();
    std::chrono::duration<double, std::milli> d =
        std::chrono::steady_clock::now() - start;
    return d.count();
  }

private:
  /// What a kernel contributes to a cache key: its name, its source and the
  /// kinds of its parameters (the module's launch trampoline unpacks them).
  static void addKernel(CacheKey &key, const KernelSource &k) {
    key.add(k.info->name).add(k.source);
    for (ParamKind p : k.info->params)
      key.add(paramKindName(p));
  }

  static std::string hostCompiler() {
    const char *cxx = std::getenv("KILN_HOST_CXX");
    return cxx && *cxx ? cxx : "c++";
  }

  /// Kernel `name` of the cached module `moduleKey` (loaded once per
  /// device), or null when the module is gone, damaged or lacks it: the
  /// kernel is then compiled again.
  std::shared_ptr<LoadedKernel> fromModule(const std::string &moduleKey,
                                           const std::string &name) {
    std::shared_ptr<CpuModule> module;
    if (auto it = modules_.find(moduleKey); it != modules_.end())
      module = it->second.lock();
    if (!module) {
      std::optional<std::vector<uint8_t>> so = cache_.get("cpu", moduleKey);
      if (!so)
        return nullptr;
      Expected<std::shared_ptr<CpuModule>> opened = openModule(moduleKey, *so);
      if (!opened)
        return nullptr;
      module = *opened;
    }
    LaunchFn fn = module->launcher(name);
    if (!fn)
      return nullptr;
    return std::make_shared<CpuKernel>(name, module, fn);
  }

  Expected<std::shared_ptr<CpuModule>>
  openModule(const std::string &moduleKey, const std::vector<uint8_t> &so) {
    // dlopen needs a file: a private copy, unlinked once mapped.
    std::string path = cache_.directory() + "/tmp/module." + uniqueSuffix() +
                       ".so";
    if (Status s = makeDirectories(cache_.directory() + "/tmp"); !s)
      return s.error();
    if (Status s = writeFileAtomically(path, so.data(), so.size()); !s)
      return s.error();
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    std::remove(path.c_str());
    if (!handle)
      return Error(std::string("cpu: loading a kernel module: ") + dlerror());
    auto module = std::make_shared<CpuModule>(handle);
    modules_[moduleKey] = module;
    return module;
  }

  KernelCache cache_;
  CpuModuleBuilder builder_;
  std::map<std::string, std::weak_ptr<CpuModule>> modules_;
};

} // namespace

std::shared_ptr<Device> createCpuDevice(const DeviceOptions &options) {
  return std::make_shared<CpuDevice>(options);
}

} // namespace kiln::rt
