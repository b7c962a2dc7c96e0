//===- kiln_reduce.cuh - block-wide reductions for row kernels ------------===//
//
// One block reduces one row: each thread folds a strided slice, then the
// block combines the partials through shared memory (a tree with barriers).
// `scratch` holds blockDim.x values; every thread of the block must call.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_REDUCE_CUH
#define KILN_REDUCE_CUH

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
template <typename T, typename Op>
KILN_DEVICE_INLINE T block_reduce(T v, T *scratch, Op op) {
  const unsigned tid = threadIdx.x, n = blockDim.x;
  scratch[tid] = v;
  __syncthreads();
  // Pairwise tree: at width w, thread t (a multiple of 2w) folds in t + w.
  for (unsigned width = 1; width < n; width *= 2) {
    const bool active = tid % (2 * width) == 0 && tid + width < n;
    T mine = scratch[tid], other = mine;
    if (active)
      other = scratch[tid + width];
    __syncthreads();
    if (active)
      scratch[tid] = op(mine, other);
    __syncthreads();
  }
  T result = scratch[0];
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

#endif // KILN_REDUCE_CUH
