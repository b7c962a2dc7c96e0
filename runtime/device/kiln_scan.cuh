//===- kiln_scan.cuh - block-wide scans of affine maps --------------------===//
//
// The selective scan's recurrence h_t = a_t·h_{t−1} + b_t is a composition of
// affine maps h ↦ a·h + b, which is associative: applying (a1, b1) and then
// (a2, b2) is (a2·a1, a2·b1 + b2). A block scans a chunk of time steps in
// parallel: each thread composes its own steps, the block computes every
// thread's exclusive prefix, and each thread then replays its steps from
// prefix(carry). Warp shuffles scan inside a warp; the (at most 32) warp
// totals go through shared memory, for several states per barrier.
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

/// Exclusive block scans of G independent sequences of maps at once (a
/// group of the selective scan's states): `before[j]` is the composition of
/// `mine[j]` of all threads before this one, in thread order (the identity
/// for thread 0). One pair of barriers serves the G scans. Every thread of
/// the block, `Warps` whole warps, must call; `scratch` holds G · Warps
/// maps. (The warp count is a constant so that composing the earlier
/// warps' totals unrolls into predicated code instead of a loop per state.)
template <int G, int Warps>
KILN_DEVICE_INLINE void block_exclusive_affine_scans(const Affine mine[G],
                                                     Affine before[G],
                                                     Affine *scratch) {
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  Affine inclusive[G];
#pragma unroll
  for (int j = 0; j < G; ++j)
    inclusive[j] = mine[j];
#pragma unroll
  for (unsigned offset = 1; offset < 32; offset *= 2)
#pragma unroll
    for (int j = 0; j < G; ++j) {
      Affine earlier{__shfl_up_sync(0xffffffffu, inclusive[j].a, offset),
                     __shfl_up_sync(0xffffffffu, inclusive[j].b, offset)};
      if (lane >= offset)
        inclusive[j] = affine_then(earlier, inclusive[j]);
    }
  Affine exclusive[G];
#pragma unroll
  for (int j = 0; j < G; ++j) {
    exclusive[j] = Affine{__shfl_up_sync(0xffffffffu, inclusive[j].a, 1),
                          __shfl_up_sync(0xffffffffu, inclusive[j].b, 1)};
    if (lane == 0)
      exclusive[j] = Affine{1.0f, 0.0f};
    if (lane == 31)
      scratch[warp * G + j] = inclusive[j];
  }
  __syncthreads();
#pragma unroll
  for (int j = 0; j < G; ++j) {
    Affine earlier{1.0f, 0.0f};
#pragma unroll
    for (unsigned w = 0; w + 1 < Warps; ++w)
      if (w < warp)
        earlier = affine_then(earlier, scratch[w * G + j]);
    before[j] = affine_then(earlier, exclusive[j]);
  }
  __syncthreads(); // scratch may be reused right after
}

} // namespace kiln

#endif // KILN_SCAN_CUH
