//===- kiln_shared.cuh - Dynamic shared memory ----------------------------===//
//
// CUDA's `extern __shared__ T name[];` (the launch's dynamic shared memory)
// has no spelling the emulator can give a meaning to, so kernels write
// KILN_DYNAMIC_SHARED(T, name); instead. Both sides yield a `T *name` to the
// start of the dynamic shared memory, aligned to at least 16 bytes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_SHARED_CUH
#define KILN_SHARED_CUH

#include "kiln_prelude.cuh"

#if defined(KILN_EMU)
#define KILN_DYNAMIC_SHARED(T, name)                                           \
  T *name = reinterpret_cast<T *>(::kiln_emu::dynamic_shared())
#else
// One unsigned char array for every kernel: extern __shared__ declarations
// of one name must agree on their type across a translation unit.
#define KILN_DYNAMIC_SHARED(T, name)                                           \
  extern __shared__ __align__(16) unsigned char kiln_dynamic_shared_[];        \
  T *name = reinterpret_cast<T *>(kiln_dynamic_shared_)
#endif

#endif // KILN_SHARED_CUH
