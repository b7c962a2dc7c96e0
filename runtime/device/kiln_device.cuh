//===- kiln_device.cuh - Kiln's device library ----------------------------===//
//
// The one header a generated kernel includes. Every wrapper has a CUDA branch
// (inline PTX, compiled by NVRTC for sm_80 and later) and a KILN_EMU branch
// that the CPU emulator (runtime/emu/kiln_emu.h) runs; see
// runtime/emu/README.md.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DEVICE_CUH
#define KILN_DEVICE_CUH

#include "kiln_prelude.cuh"

#include "kiln_atomic.cuh"
#include "kiln_cp_async.cuh"
#include "kiln_float16.cuh"
#include "kiln_ldmatrix.cuh"
#include "kiln_mma.cuh"
#include "kiln_shared.cuh"

#endif // KILN_DEVICE_CUH
