//===- Device.cpp - opening devices, and what every device does alike -----===//

#include "CpuDevice.h"

namespace kiln::rt {

Expected<std::shared_ptr<Device>> Device::open(const std::string &spec,
                                               const DeviceOptions &options) {
  if (spec == "cpu")
    return createCpuDevice(options);
  if (spec == "cuda")
    return createCudaDevice(0, options);
  if (spec.rfind("cuda:", 0) == 0) {
    std::string n = spec.substr(5);
    if (!n.empty() && n.size() < 4 &&
        n.find_first_not_of("0123456789") == std::string::npos)
      return createCudaDevice(std::stoi(n), options);
  }
  return Error("unknown device '" + spec + "' (expected cpu, cuda or cuda:N)");
}

Expected<std::vector<std::shared_ptr<LoadedKernel>>>
Device::loadKernels(const std::vector<const KernelInfo *> &infos,
                    const Artifact &artifact) {
  std::vector<std::shared_ptr<LoadedKernel>> loaded;
  for (const KernelInfo *info : infos) {
    Expected<std::shared_ptr<LoadedKernel>> k = loadKernel(*info, artifact);
    if (!k)
      return k.error();
    loaded.push_back(*k);
  }
  return loaded;
}

} // namespace kiln::rt
