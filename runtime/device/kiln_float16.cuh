//===- kiln_float16.cuh - __half and __nv_bfloat16 on both sides ----------===//
//
// On the GPU the 16-bit float types come from the toolkit's cuda_fp16.h and
// cuda_bf16.h (NVRTC needs --include-path=<cuda>/include); under KILN_EMU
// kiln_emu.h defines the same types with the same interface. Kernels include
// this instead of the toolkit headers so that one source serves both.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FLOAT16_CUH
#define KILN_FLOAT16_CUH

#include "kiln_prelude.cuh"

#if !defined(KILN_EMU)
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#endif

#endif // KILN_FLOAT16_CUH
