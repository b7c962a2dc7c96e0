//===- kiln_emu.h - Run CUDA C++ kernels on the CPU -----------------------===//
//
// The emulation header of Kiln's `cpu` device. The same CUDA C++ source that
// NVRTC compiles for the GPU is compiled by the host compiler with
//
//   g++ -std=c++17 -O1 -fPIC -shared -DKILN_EMU -include kiln_emu.h
//       -I<device lib dir> -I<runtime/include/kiln/Runtime> module.cu.cpp
//       -o module.so
//
// and this header supplies what CUDA would: qualifiers, built-in variables,
// barriers, warp shuffles and votes, atomics, `__half` / `__nv_bfloat16`, math
// intrinsics, vector types, the warp-collective emulations behind the device
// library's `mma.sync` / `ldmatrix` / `cp.async` wrappers, and the launcher
// `kiln_emu::launch`, which runs every CUDA thread of a block as a fiber so
// that barriers work. It is slow and exact; README.md beside it describes the
// execution model, the limits and how to add an intrinsic.
//
// This header is an umbrella over its parts (kiln_emu_*.h, in the order
// below) and Float16Bits.h, the runtime's 16-bit float conversions; they are
// shipped together, as one unit, with the device library into every kernel
// build (the runtime embeds them) and need nothing else from the project.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_H
#define KILN_EMU_H

// Standard headers first: the CUDA qualifier macros below must not reach them.
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <math.h>
#include <pthread.h>
#include <sys/mman.h>
#include <type_traits>
#include <ucontext.h>
#include <unistd.h>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

// Everything this header defines is private to the module that includes it
// (each module .so has its own emulator); only kiln_emu_launch and the
// KILN_EMU_EXPORT_KERNEL entries are exported.
#pragma GCC visibility push(hidden)

// The runtime's 16-bit float conversions, so device results and host
// tensors round alike.
#include "Float16Bits.h"
// The tensor maps' rules and cpu form, shared with the runtime, which
// builds the maps a kernel's parameters take.
#include "TensorMapBits.h"

#include "kiln_emu_types.h"
#include "kiln_emu_fibers.h"
#include "kiln_emu_warp.h"
#include "kiln_emu_hopper.h"
#include "kiln_emu_wgmma.h"
#include "kiln_emu_tma.h"
#include "kiln_emu_intrinsics.h"
#include "kiln_emu_half.h"
#include "kiln_emu_tensor.h"
#include "kiln_emu_launch.h"

#pragma GCC visibility pop

/// The module's exported launcher, for the runtime's `cpu` device, which
/// dlopen()s a kernel .so and calls it with the entry that
/// KILN_EMU_EXPORT_KERNEL defines. Weak, so several translation units of one
/// module may include this header.
extern "C" __attribute__((weak, visibility("default"))) int
kiln_emu_launch(const unsigned grid[3], const unsigned block[3],
                size_t dynamicSharedBytes, void (*body)(void **params),
                void **params, char *error, size_t errorSize) {
  return ::kiln_emu::launch(dim3(grid[0], grid[1], grid[2]),
                            dim3(block[0], block[1], block[2]),
                            dynamicSharedBytes, body, params, error, errorSize);
}

/// Defines `extern "C" void kiln_emu_entry_<name>(void **params)`, the launch
/// body of kernel `name`, exported from the module.
#define KILN_EMU_EXPORT_KERNEL(name)                                           \
  extern "C" __attribute__((                                                   \
      visibility("default"))) void kiln_emu_entry_##name(void **params) {      \
    ::kiln_emu::trampoline<&name>(params);                                     \
  }

#endif // KILN_EMU_H
