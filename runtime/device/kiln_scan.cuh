//===- kiln_scan.cuh - block-wide scans of affine maps --------------------===//
//
// The selective scan's recurrence h_t = a_t·h_{t−1} + b_t is a composition of
// affine maps h ↦ a·h + b, which is associative: applying (a1, b1) and then
// (a2, b2) is (a2·a1, a2·b1 + b2). A block scans a chunk of time steps in
// parallel: each thread composes its own steps, the block computes every
// thread's exclusive prefix, and each thread then replays its steps from
// prefix(carry). Warp shuffles scan inside a warp; the (at most 32) warp
// totals go through shared memory.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_SCAN_CUH
#define KILN_SCAN_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// The affine map h ↦ a·h + b.
struct Affine {
  float a, b;
};

/// `first` then `then`.
KILN_DEVICE_INLINE Affine affine_then(Affine first, Affine then) {
  return Affine{then.a * first.a, then.a * first.b + then.b};
}

/// The composition of the maps of all threads before this one, in thread
/// order (the identity for thread 0). Every thread of the block must call;
/// blockDim.x is a multiple of 32; `scratch` holds blockDim.x / 32 maps.
KILN_DEVICE_INLINE Affine block_exclusive_affine_scan(Affine mine,
                                                      Affine *scratch) {
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32,
                 warps = blockDim.x / 32;
  // Inclusive scan inside the warp: lane l ends with lanes 0 … l composed.
  Affine inclusive = mine;
  for (unsigned offset = 1; offset < 32; offset *= 2) {
    Affine earlier{__shfl_up_sync(0xffffffffu, inclusive.a, offset),
                   __shfl_up_sync(0xffffffffu, inclusive.b, offset)};
    if (lane >= offset)
      inclusive = affine_then(earlier, inclusive);
  }
  // Exclusive inside the warp: the previous lane's inclusive value.
  Affine exclusive{__shfl_up_sync(0xffffffffu, inclusive.a, 1),
                   __shfl_up_sync(0xffffffffu, inclusive.b, 1)};
  if (lane == 0)
    exclusive = Affine{1.0f, 0.0f};
  if (lane == 31)
    scratch[warp] = inclusive;
  __syncthreads();
  // The warps before this one, composed in order (at most 32 maps).
  Affine before{1.0f, 0.0f};
  for (unsigned w = 0; w < warp && w < warps; ++w)
    before = affine_then(before, scratch[w]);
  __syncthreads(); // scratch may be reused right after
  return affine_then(before, exclusive);
}

} // namespace kiln

#endif // KILN_SCAN_CUH
