//===- kiln_copy.cuh - device code of the copy family ---------------------===//
//
// A byte copy spread over a grid (codegen/lib/CopyEmitter.cpp): the compiler
// writes a tied result back into its argument's buffer with it. Buffers are
// 256-byte aligned in the runtime, so the copy moves 16-byte words and only
// a tail of under 16 bytes one byte at a time.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COPY_CUH
#define KILN_COPY_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// Thread `thread` of `threads` copies its share of `bytes` bytes from
/// `src` to `dst` (not overlapping). Both 16-byte aligned: word w goes to
/// thread w % threads; otherwise byte by byte.
KILN_DEVICE_INLINE void copy_bytes(const uint8_t *__restrict__ src,
                                   uint8_t *__restrict__ dst, int64_t bytes,
                                   int64_t thread, int64_t threads) {
  int64_t words = 0;
  if ((reinterpret_cast<uintptr_t>(src) | reinterpret_cast<uintptr_t>(dst)) %
          16 == 0) {
    words = bytes / 16;
    for (int64_t w = thread; w < words; w += threads) {
#if defined(KILN_EMU)
      for (int i = 0; i < 16; ++i) // host compilers' aliasing rules intact
        dst[w * 16 + i] = src[w * 16 + i];
#else
      reinterpret_cast<uint4 *>(dst)[w] =
          reinterpret_cast<const uint4 *>(src)[w];
#endif
    }
  }
  for (int64_t b = words * 16 + thread; b < bytes; b += threads)
    dst[b] = src[b];
}

} // namespace kiln

#endif // KILN_COPY_CUH
