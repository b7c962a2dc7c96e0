//===- CudaDevice.cpp - the GPU through the CUDA driver API (dlopen) ------===//
//
// libcuda.so.1 is opened at run time and every entry point is looked up by
// name, so the runtime links and runs on machines without a driver (where
// Device::open("cuda") returns an error). Kernels load from the cubin built
// for this GPU's compute capability, else from PTX (driver JIT). Launches go
// to one stream; a session's launches can be captured into a CUDA graph and
// replayed. Every driver error names the call and, for launches, the kernel.
//
//===----------------------------------------------------------------------===//

#include "CpuDevice.h"

#if KILN_HAVE_CUDA_HEADERS
#include <cuda.h>
#endif

#include <dlfcn.h>

#include <string>

namespace kiln::rt {

#if !KILN_HAVE_CUDA_HEADERS

Expected<std::shared_ptr<Device>> createCudaDevice(int, const DeviceOptions &) {
  return Error("cuda: this runtime was built without the CUDA headers "
               "(configure with the CUDA toolkit present)");
}

#else

namespace {

/// The driver entry points Kiln uses, resolved with dlsym.
struct Driver {
  void *lib = nullptr;
#define KILN_CU_FN(name, ...) CUresult (*name)(__VA_ARGS__) = nullptr;
  KILN_CU_FN(cuInit, unsigned)
  KILN_CU_FN(cuDeviceGetCount, int *)
  KILN_CU_FN(cuDeviceGet, CUdevice *, int)
  KILN_CU_FN(cuDeviceGetName, char *, int, CUdevice)
  KILN_CU_FN(cuDeviceGetAttribute, int *, CUdevice_attribute, CUdevice)
  KILN_CU_FN(cuDevicePrimaryCtxRetain, CUcontext *, CUdevice)
  KILN_CU_FN(cuDevicePrimaryCtxRelease, CUdevice)
  KILN_CU_FN(cuCtxSetCurrent, CUcontext)
  KILN_CU_FN(cuMemAlloc, CUdeviceptr *, size_t)
  KILN_CU_FN(cuMemFree, CUdeviceptr)
  KILN_CU_FN(cuMemsetD8Async, CUdeviceptr, unsigned char, size_t, CUstream)
  KILN_CU_FN(cuMemcpyHtoDAsync, CUdeviceptr, const void *, size_t, CUstream)
  KILN_CU_FN(cuMemcpyDtoHAsync, void *, CUdeviceptr, size_t, CUstream)
  KILN_CU_FN(cuModuleLoadData, CUmodule *, const void *)
  KILN_CU_FN(cuModuleUnload, CUmodule)
  KILN_CU_FN(cuModuleGetFunction, CUfunction *, CUmodule, const char *)
  KILN_CU_FN(cuFuncSetAttribute, CUfunction, CUfunction_attribute, int)
  KILN_CU_FN(cuLaunchKernel, CUfunction, unsigned, unsigned, unsigned,
             unsigned, unsigned, unsigned, unsigned, CUstream, void **, void **)
  KILN_CU_FN(cuStreamCreate, CUstream *, unsigned)
  KILN_CU_FN(cuStreamDestroy, CUstream)
  KILN_CU_FN(cuStreamSynchronize, CUstream)
  KILN_CU_FN(cuEventCreate, CUevent *, unsigned)
  KILN_CU_FN(cuEventDestroy, CUevent)
  KILN_CU_FN(cuEventRecord, CUevent, CUstream)
  KILN_CU_FN(cuEventSynchronize, CUevent)
  KILN_CU_FN(cuEventElapsedTime, float *, CUevent, CUevent)
  KILN_CU_FN(cuStreamBeginCapture, CUstream, CUstreamCaptureMode)
  KILN_CU_FN(cuStreamEndCapture, CUstream, CUgraph *)
  KILN_CU_FN(cuGraphInstantiateWithFlags, CUgraphExec *, CUgraph,
             unsigned long long)
  KILN_CU_FN(cuGraphLaunch, CUgraphExec, CUstream)
  KILN_CU_FN(cuGraphExecDestroy, CUgraphExec)
  KILN_CU_FN(cuGraphDestroy, CUgraph)
  KILN_CU_FN(cuGetErrorString, CUresult, const char **)
  KILN_CU_FN(cuTensorMapEncodeTiled, CUtensorMap *, CUtensorMapDataType,
             cuuint32_t, void *, const cuuint64_t *, const cuuint64_t *,
             const cuuint32_t *, const cuuint32_t *, CUtensorMapInterleave,
             CUtensorMapSwizzle, CUtensorMapL2promotion,
             CUtensorMapFloatOOBfill)
#undef KILN_CU_FN

  /// Loads the library and every symbol (versioned names where the driver
  /// exports several).
  Status load() {
    lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      return Error(std::string("cuda: cannot load libcuda.so.1 (no NVIDIA "
                               "driver on this machine?): ") +
                   dlerror());
    struct Sym {
      void **slot;
      const char *name;
    } syms[] = {
        {(void **)&cuInit, "cuInit"},
        {(void **)&cuDeviceGetCount, "cuDeviceGetCount"},
        {(void **)&cuDeviceGet, "cuDeviceGet"},
        {(void **)&cuDeviceGetName, "cuDeviceGetName"},
        {(void **)&cuDeviceGetAttribute, "cuDeviceGetAttribute"},
        {(void **)&cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain"},
        {(void **)&cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2"},
        {(void **)&cuCtxSetCurrent, "cuCtxSetCurrent"},
        {(void **)&cuMemAlloc, "cuMemAlloc_v2"},
        {(void **)&cuMemFree, "cuMemFree_v2"},
        {(void **)&cuMemsetD8Async, "cuMemsetD8Async"},
        {(void **)&cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2"},
        {(void **)&cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2"},
        {(void **)&cuModuleLoadData, "cuModuleLoadData"},
        {(void **)&cuModuleUnload, "cuModuleUnload"},
        {(void **)&cuModuleGetFunction, "cuModuleGetFunction"},
        {(void **)&cuFuncSetAttribute, "cuFuncSetAttribute"},
        {(void **)&cuLaunchKernel, "cuLaunchKernel"},
        {(void **)&cuStreamCreate, "cuStreamCreate"},
        {(void **)&cuStreamDestroy, "cuStreamDestroy_v2"},
        {(void **)&cuStreamSynchronize, "cuStreamSynchronize"},
        {(void **)&cuEventCreate, "cuEventCreate"},
        {(void **)&cuEventDestroy, "cuEventDestroy_v2"},
        {(void **)&cuEventRecord, "cuEventRecord"},
        {(void **)&cuEventSynchronize, "cuEventSynchronize"},
        {(void **)&cuEventElapsedTime, "cuEventElapsedTime"},
        {(void **)&cuStreamBeginCapture, "cuStreamBeginCapture_v2"},
        {(void **)&cuStreamEndCapture, "cuStreamEndCapture"},
        {(void **)&cuGraphInstantiateWithFlags, "cuGraphInstantiateWithFlags"},
        {(void **)&cuGraphLaunch, "cuGraphLaunch"},
        {(void **)&cuGraphExecDestroy, "cuGraphExecDestroy"},
        {(void **)&cuGraphDestroy, "cuGraphDestroy"},
        {(void **)&cuGetErrorString, "cuGetErrorString"},
    };
    for (const Sym &s : syms) {
      *s.slot = dlsym(lib, s.name);
      if (!*s.slot)
        return Error(std::string("cuda: libcuda.so.1 lacks ") + s.name +
                     " (driver too old?)");
    }
    // Only artifacts whose kernels take tensor maps (sm_90) need it; a
    // driver without it fails them when a session is prepared.
    cuTensorMapEncodeTiled = reinterpret_cast<decltype(cuTensorMapEncodeTiled)>(
        dlsym(lib, "cuTensorMapEncodeTiled"));
    return Status::ok();
  }

  /// "cuLaunchKernel(matmul_0): CUDA_ERROR_ILLEGAL_ADDRESS: an illegal …".
  Status check(CUresult r, const std::string &what) const {
    if (r == CUDA_SUCCESS)
      return Status::ok();
    const char *text = nullptr;
    if (cuGetErrorString)
      cuGetErrorString(r, &text);
    return Error("cuda: " + what + " failed: error " + std::to_string(r) +
                 (text ? std::string(" (") + text + ")" : std::string()));
  }
};

class CudaKernel final : public LoadedKernel {
public:
  CudaKernel(const Driver &driver, CUcontext context, std::string name,
             CUmodule module, CUfunction fn)
      : driver_(driver), context_(context), name_(std::move(name)),
        module_(module), fn_(fn) {}
  ~CudaKernel() override {
    // Modules unload from the current context; the last owner may be any
    // thread.
    driver_.cuCtxSetCurrent(context_);
    driver_.cuModuleUnload(module_);
  }
  const std::string &name() const override { return name_; }
  CUfunction fn() const { return fn_; }
  int configuredShared = 0;

private:
  const Driver &driver_;
  CUcontext context_;
  std::string name_;
  CUmodule module_;
  CUfunction fn_;
};

class CudaGraph final : public LaunchGraph {
public:
  CudaGraph(const Driver &d, CUgraph g, CUgraphExec e)
      : driver(d), graph(g), exec(e) {}
  ~CudaGraph() override {
    driver.cuGraphExecDestroy(exec);
    driver.cuGraphDestroy(graph);
  }
  const Driver &driver;
  CUgraph graph;
  CUgraphExec exec;
};

class CudaDevice final : public Device {
public:
  static Expected<std::shared_ptr<Device>> create(int ordinal) {
    auto dev = std::shared_ptr<CudaDevice>(new CudaDevice());
    Driver &d = dev->d_;
    if (Status s = d.load(); !s)
      return s.error();
    if (Status s = d.check(d.cuInit(0), "cuInit"); !s)
      return s.error();
    int count = 0;
    if (Status s = d.check(d.cuDeviceGetCount(&count), "cuDeviceGetCount"); !s)
      return s.error();
    if (ordinal < 0 || ordinal >= count)
      return Error("cuda: device " + std::to_string(ordinal) +
                   " does not exist (" + std::to_string(count) +
                   " GPU(s) visible)");
    if (Status s = d.check(d.cuDeviceGet(&dev->device_, ordinal), "cuDeviceGet");
        !s)
      return s.error();
    int major = 0, minor = 0;
    d.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                           dev->device_);
    d.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                           dev->device_);
    dev->arch_ = "sm_" + std::to_string(major * 10 + minor);
    char name[256] = {0};
    d.cuDeviceGetName(name, sizeof name, dev->device_);
    dev->description_ = "cuda:" + std::to_string(ordinal) + " " + name + " (" +
                        dev->arch_ + ")";
    if (Status s = d.check(d.cuDevicePrimaryCtxRetain(&dev->context_, dev->device_),
                           "cuDevicePrimaryCtxRetain");
        !s)
      return s.error();
    if (Status s = dev->makeCurrent(); !s)
      return s.error();
    if (Status s = d.check(d.cuStreamCreate(&dev->stream_, 0), "cuStreamCreate");
        !s)
      return s.error();
    return std::shared_ptr<Device>(dev);
  }

  ~CudaDevice() override {
    if (stream_)
      d_.cuStreamDestroy(stream_);
    if (context_)
      d_.cuDevicePrimaryCtxRelease(device_);
  }

  std::string describe() const override { return description_; }

  Expected<DevicePtr> allocate(size_t bytes) override {
    (void)makeCurrent();
    CUdeviceptr p = 0;
    size_t size = std::max<size_t>(bytes, 1);
    if (Status s = d_.check(d_.cuMemAlloc(&p, size),
                            "cuMemAlloc(" + std::to_string(bytes) + " bytes)");
        !s)
      return s.error();
    if (Status s = d_.check(d_.cuMemsetD8Async(p, 0, size, stream_), "cuMemsetD8");
        !s)
      return s.error();
    return static_cast<DevicePtr>(p);
  }
  void release(DevicePtr ptr) override {
    (void)makeCurrent();
    d_.cuStreamSynchronize(stream_);
    d_.cuMemFree(static_cast<CUdeviceptr>(ptr));
  }
  Status copyToDevice(DevicePtr dst, const void *src, size_t bytes) override {
    if (bytes == 0) // empty tensors: nothing to move, src may be null
      return Status::ok();
    if (Status s = makeCurrent(); !s)
      return s;
    if (Status s = d_.check(d_.cuMemcpyHtoDAsync(dst, src, bytes, stream_),
                            "cuMemcpyHtoD");
        !s)
      return s;
    return synchronize(); // the host buffer may go away after return
  }
  Status copyToHost(void *dst, DevicePtr src, size_t bytes) override {
    if (bytes == 0)
      return Status::ok();
    if (Status s = makeCurrent(); !s)
      return s;
    if (Status s = d_.check(d_.cuMemcpyDtoHAsync(dst, src, bytes, stream_),
                            "cuMemcpyDtoH");
        !s)
      return s;
    return synchronize();
  }

  Expected<std::shared_ptr<LoadedKernel>>
  loadKernel(const KernelInfo &info, const Artifact &artifact) override {
    (void)makeCurrent();
    // The architecture-specific cubin (sm_90a: wgmma, setmaxnreg) runs only
    // on its own compute capability and is preferred there; a kernel built
    // for it traps in its plain sm_90 form.
    std::string image;
    for (const std::string &arch : {arch_ + "a", arch_}) {
      for (const KernelImage &cubin : info.cubins)
        if (cubin.arch == arch)
          image = artifact.blobString(cubin.range);
      if (!image.empty())
        break;
    }
    if (image.empty() && info.ptx)
      image = artifact.blobString(*info.ptx) + '\0'; // PTX is NUL-terminated
    if (image.empty()) {
      std::string archs;
      for (const KernelImage &cubin : info.cubins)
        archs += (archs.empty() ? "" : ", ") + cubin.arch;
      return Error("cuda: kernel " + info.name + " has no cubin for " + arch_ +
                   " (has: " + (archs.empty() ? "none" : archs) +
                   ") and no PTX; recompile with --target " + arch_);
    }
    CUmodule module = nullptr;
    if (Status s = d_.check(d_.cuModuleLoadData(&module, image.data()),
                            "cuModuleLoadData(" + info.name + ")");
        !s)
      return s.error();
    CUfunction fn = nullptr;
    if (Status s = d_.check(d_.cuModuleGetFunction(&fn, module, info.name.c_str()),
                            "cuModuleGetFunction(" + info.name + ")");
        !s) {
      d_.cuModuleUnload(module);
      return s.error();
    }
    return std::shared_ptr<LoadedKernel>(
        std::make_shared<CudaKernel>(d_, context_, info.name, module, fn));
  }

  Expected<TensorMapImage> encodeTensorMap(const tensormap::Layout2d &l,
                                           DevicePtr base) override {
    if (const char *bad = tensormap::check(l, base))
      return Error(std::string("cuda: tensor map: ") + bad);
    static_assert(sizeof(CUtensorMap) == sizeof(TensorMapImage),
                  "CUtensorMap is 128 bytes");
    // The TMA unit copies bits: an unsigned type of the element's size
    // serves every float type, and zero fill is +0.0.
    CUtensorMapDataType type = l.elementBytes == 1
                                   ? CU_TENSOR_MAP_DATA_TYPE_UINT8
                               : l.elementBytes == 2
                                   ? CU_TENSOR_MAP_DATA_TYPE_UINT16
                                   : CU_TENSOR_MAP_DATA_TYPE_UINT32;
    const cuuint64_t dims[2] = {l.dims[0], l.dims[1]};
    const cuuint64_t strides[1] = {l.rowStrideBytes};
    const cuuint32_t box[2] = {l.box[0], l.box[1]}, unit[2] = {1, 1};
    const CUtensorMapSwizzle swizzles[4] = {
        CU_TENSOR_MAP_SWIZZLE_NONE, CU_TENSOR_MAP_SWIZZLE_32B,
        CU_TENSOR_MAP_SWIZZLE_64B, CU_TENSOR_MAP_SWIZZLE_128B};
    if (!d_.cuTensorMapEncodeTiled)
      return Error("cuda: tensor map: libcuda.so.1 lacks "
                   "cuTensorMapEncodeTiled (a driver for CUDA 12 or later "
                   "has it)");
    TensorMapImage image;
    if (Status s = d_.check(
            d_.cuTensorMapEncodeTiled(
                reinterpret_cast<CUtensorMap *>(image.bytes), type, 2,
                reinterpret_cast<void *>(static_cast<uintptr_t>(base)), dims,
                strides, box, unit, CU_TENSOR_MAP_INTERLEAVE_NONE,
                swizzles[l.swizzle], CU_TENSOR_MAP_L2_PROMOTION_L2_128B,
                CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE),
            "cuTensorMapEncodeTiled");
        !s)
      return s.error();
    return image;
  }

  Status launch(LoadedKernel &kernel, const LaunchInfo &l,
                void **params) override {
    auto &k = static_cast<CudaKernel &>(kernel);
    if (Status s = makeCurrent(); !s)
      return s;
    if (l.sharedBytes > 48 * 1024 &&
        k.configuredShared < static_cast<int>(l.sharedBytes)) {
      if (Status s = d_.check(
              d_.cuFuncSetAttribute(k.fn(),
                                    CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                                    static_cast<int>(l.sharedBytes)),
              "cuFuncSetAttribute(" + k.name() + ", max dynamic shared)");
          !s)
        return s;
      k.configuredShared = static_cast<int>(l.sharedBytes);
    }
    return d_.check(d_.cuLaunchKernel(k.fn(), l.grid[0], l.grid[1], l.grid[2],
                                      l.block[0], l.block[1], l.block[2],
                                      l.sharedBytes, stream_, params, nullptr),
                    "cuLaunchKernel(" + k.name() + ")");
  }

  Status synchronize() override {
    if (Status s = makeCurrent(); !s)
      return s;
    return d_.check(d_.cuStreamSynchronize(stream_), "cuStreamSynchronize");
  }

  Expected<double> timeMs(const std::function<Status()> &body) override {
    if (Status s = makeCurrent(); !s)
      return s.error();
    CUevent start = nullptr, stop = nullptr;
    d_.cuEventCreate(&start, CU_EVENT_DEFAULT);
    d_.cuEventCreate(&stop, CU_EVENT_DEFAULT);
    Status s = d_.check(d_.cuEventRecord(start, stream_), "cuEventRecord");
    if (s)
      s = body();
    if (s)
      s = d_.check(d_.cuEventRecord(stop, stream_), "cuEventRecord");
    if (s)
      s = d_.check(d_.cuEventSynchronize(stop), "cuEventSynchronize");
    float ms = 0;
    if (s)
      s = d_.check(d_.cuEventElapsedTime(&ms, start, stop), "cuEventElapsedTime");
    d_.cuEventDestroy(start);
    d_.cuEventDestroy(stop);
    if (!s)
      return s.error();
    return static_cast<double>(ms);
  }

  Expected<std::shared_ptr<LaunchGraph>>
  capture(const std::function<Status()> &body) override {
    if (Status s = makeCurrent(); !s)
      return s.error();
    if (Status s = d_.check(d_.cuStreamBeginCapture(
                                stream_, CU_STREAM_CAPTURE_MODE_THREAD_LOCAL),
                            "cuStreamBeginCapture");
        !s)
      return s.error();
    Status bodyStatus = body();
    CUgraph graph = nullptr;
    Status end = d_.check(d_.cuStreamEndCapture(stream_, &graph),
                          "cuStreamEndCapture");
    if (!bodyStatus || !end) {
      if (graph)
        d_.cuGraphDestroy(graph);
      return (!bodyStatus ? bodyStatus : end).error();
    }
    CUgraphExec exec = nullptr;
    if (Status s = d_.check(d_.cuGraphInstantiateWithFlags(&exec, graph, 0),
                            "cuGraphInstantiate");
        !s) {
      d_.cuGraphDestroy(graph);
      return s.error();
    }
    return std::shared_ptr<LaunchGraph>(
        std::make_shared<CudaGraph>(d_, graph, exec));
  }

  Status replay(LaunchGraph &graph) override {
    if (Status s = makeCurrent(); !s)
      return s;
    return d_.check(d_.cuGraphLaunch(static_cast<CudaGraph &>(graph).exec, stream_),
                    "cuGraphLaunch");
  }

private:
  CudaDevice() = default;
  Status makeCurrent() {
    return d_.check(d_.cuCtxSetCurrent(context_), "cuCtxSetCurrent");
  }

  Driver d_;
  CUdevice device_ = 0;
  CUcontext context_ = nullptr;
  CUstream stream_ = nullptr;
  std::string arch_, description_;
};

} // namespace

Expected<std::shared_ptr<Device>> createCudaDevice(int ordinal,
                                                   const DeviceOptions &) {
  return CudaDevice::create(ordinal);
}

#endif // KILN_HAVE_CUDA_HEADERS

} // namespace kiln::rt
