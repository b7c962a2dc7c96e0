//===- CpuDevice.h - factories of the built-in devices --------------------===//

#ifndef KILN_RUNTIME_LIB_DEVICES_H
#define KILN_RUNTIME_LIB_DEVICES_H

#include "kiln/Runtime/Device.h"

namespace kiln::rt {

std::shared_ptr<Device> createCpuDevice(const DeviceOptions &options);
Expected<std::shared_ptr<Device>> createCudaDevice(int ordinal,
                                                   const DeviceOptions &options);

} // namespace kiln::rt

#endif // KILN_RUNTIME_LIB_DEVICES_H
