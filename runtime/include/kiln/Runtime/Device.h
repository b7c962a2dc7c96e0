//===- Device.h - where kernels run: cuda (driver API) or cpu (emulation) -===//
//
// A Device allocates memory, copies tensors, loads an artifact's kernels and
// launches them. `cuda` drives the GPU through libcuda loaded with dlopen (so
// everything links and runs without a driver); `cpu` compiles the same CUDA
// C++ source with the host compiler against runtime/emu/kiln_emu.h and runs
// one fiber per CUDA thread. Errors are values naming the kernel and call.
//
// Threads: a Device has one stream, and it and the Sessions on it must be
// used by one thread at a time (any thread; the cuda device makes its context
// current on every call). Concurrent work wants one Device per thread.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_DEVICE_H
#define KILN_RUNTIME_DEVICE_H

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace kiln::rt {

/// A device address (a host pointer on the cpu device, a CUdeviceptr on cuda).
using DevicePtr = uint64_t;

/// A kernel loaded on a device.
class LoadedKernel {
public:
  virtual ~LoadedKernel() = default;
  virtual const std::string &name() const = 0;
};

/// A tensor map kernel parameter as the device takes it: the driver's
/// CUtensorMap on the GPU, tensormap::Emulated on the cpu device.
struct alignas(64) TensorMapImage {
  uint8_t bytes[128] = {};
};

/// A recorded sequence of launches that can be replayed (CUDA graphs).
class LaunchGraph {
public:
  virtual ~LaunchGraph() = default;
};

struct DeviceOptions {
  /// Kernel cache directory; empty: $KILN_CACHE_DIR, else ~/.cache/kiln.
  std::string cacheDir;
};

class Device {
public:
  /// "cpu", "cuda" (= "cuda:0") or "cuda:N".
  static Expected<std::shared_ptr<Device>> open(const std::string &spec,
                                                const DeviceOptions &options = {});
  virtual ~Device() = default;

  /// "cpu (CUDA emulation)", "cuda:0 NVIDIA H100 80GB HBM3 (sm_90)".
  virtual std::string describe() const = 0;

  /// Zero-filled device memory of `bytes` (at least 1), 256-byte aligned.
  virtual Expected<DevicePtr> allocate(size_t bytes) = 0;
  virtual void release(DevicePtr ptr) = 0;
  virtual Status copyToDevice(DevicePtr dst, const void *src, size_t bytes) = 0;
  virtual Status copyToHost(void *dst, DevicePtr src, size_t bytes) = 0;

  /// Loads kernel `info` of `artifact` (cpu: compiles its source, cached;
  /// cuda: the cubin for this GPU's architecture, else its PTX).
  virtual Expected<std::shared_ptr<LoadedKernel>>
  loadKernel(const KernelInfo &info, const Artifact &artifact) = 0;

  /// Loads several kernels of `artifact` at once, in order. The cpu device
  /// compiles the ones it has not cached together; the default loads them
  /// one by one.
  virtual Expected<std::vector<std::shared_ptr<LoadedKernel>>>
  loadKernels(const std::vector<const KernelInfo *> &infos,
              const Artifact &artifact);

  /// The tensor map `layout` describes, of a tensor at `base`, for a
  /// TensorMap kernel parameter; an error naming the rule it breaks.
  virtual Expected<TensorMapImage>
  encodeTensorMap(const tensormap::Layout2d &layout, DevicePtr base) = 0;

  /// Launches with `params[i]` pointing at argument i's value (the CUDA
  /// kernelParams convention; a TensorMap's value is its TensorMapImage).
  /// Asynchronous on cuda.
  virtual Status launch(LoadedKernel &kernel, const LaunchInfo &launch,
                        void **params) = 0;
  virtual Status synchronize() = 0;

  /// Runs `body` (which launches) and returns its duration in milliseconds:
  /// CUDA events on the GPU, a steady clock on the CPU.
  virtual Expected<double> timeMs(const std::function<Status()> &body) = 0;

  /// Records the launches `body` makes into a replayable graph. Devices
  /// without graphs return nullptr (callers then simply rerun `body`).
  virtual Expected<std::shared_ptr<LaunchGraph>>
  capture(const std::function<Status()> &body) {
    (void)body;
    return std::shared_ptr<LaunchGraph>();
  }
  virtual Status replay(LaunchGraph &graph) {
    (void)graph;
    return Error("this device does not replay launch graphs");
  }
};

} // namespace kiln::rt

#endif // KILN_RUNTIME_DEVICE_H
