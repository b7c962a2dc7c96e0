//===- kiln_reduction.cuh - block-wide reductions for row kernels ---------===//
//
// The reduction family's device code (codegen/lib/ReductionEmitter.cpp):
// one block reduces one row: each thread folds a strided slice, then the
// warps fold their lanes with shuffles and the block combines the warp
// partials through shared memory. Every thread of the block must call.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_REDUCTION_CUH
#define KILN_REDUCTION_CUH

#include "kiln_pointwise.cuh"

namespace kiln {

struct SumOp {
  template <typename T> KILN_DEVICE_INLINE T operator()(T a, T b) const {
    return a + b;
  }
};
struct MaxOp {
  KILN_DEVICE_INLINE float operator()(float a, float b) const {
    return max_nan(a, b);
  }
  KILN_DEVICE_INLINE int64_t operator()(int64_t a, int64_t b) const {
    return a > b ? a : b;
  }
};
struct MinOp {
  KILN_DEVICE_INLINE float operator()(float a, float b) const {
    return min_nan(a, b);
  }
  KILN_DEVICE_INLINE int64_t operator()(int64_t a, int64_t b) const {
    return a < b ? a : b;
  }
};

/// Combines every thread's `v` with `op`; all threads get the result.
/// blockDim.x is a multiple of 32 (at most 1024); `scratch` holds one value
/// per warp. Each warp folds its lanes with xor shuffles, then every thread
/// folds the warp partials in warp order, so all threads agree bit for bit.
template <typename T, typename Op>
KILN_DEVICE_INLINE T block_reduce(T v, T *scratch, Op op) {
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32,
                 warps = blockDim.x / 32;
  for (int offset = 16; offset > 0; offset /= 2)
    v = op(v, __shfl_xor_sync(0xffffffffu, v, offset));
  if (lane == 0)
    scratch[warp] = v;
  __syncthreads();
  T result = scratch[0];
  for (unsigned w = 1; w < warps; ++w)
    result = op(result, scratch[w]);
  __syncthreads(); // scratch may be reused right after
  return result;
}

/// Argmax partials: the larger value wins (NaN largest), ties the lower index.
KILN_DEVICE_INLINE bool argmax_better(float a, int64_t ia, float b, int64_t ib) {
  bool an = a != a, bn = b != b;
  if (an != bn)
    return an;
  if (!an && a != b)
    return a > b;
  return ia < ib;
}

} // namespace kiln

#endif // KILN_REDUCTION_CUH
