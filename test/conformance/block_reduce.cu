//===- block_reduce.cu - Conformance: block reductions with __syncthreads -===//
//
// Two shared-memory tree reductions whose answers are known in closed form
// (the sum of 1..n): one over dynamic shared memory with 256 x 1 blocks and a
// grid-stride loop, one over a static 2-D tile with 32 x 8 blocks that also
// counts with __syncthreads_count. Several blocks each; run_emulated.cpp
// checks the results, nvrtc_check.cpp compiles them for the GPU.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// Each block adds its grid-stride share of x[0..n) in a tree over dynamic
/// shared memory (blockDim.x * 8 bytes, blockDim.x a power of two), stores
/// the block's sum in partial[blockIdx.x] and adds it to *total.
extern "C" __global__ void __launch_bounds__(256)
    conf_block_reduce_sum(const int *x, int n, unsigned long long *partial,
                          unsigned long long *total) {
  KILN_DYNAMIC_SHARED(unsigned long long, sums);
  unsigned long long acc = 0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += gridDim.x * blockDim.x)
    acc += static_cast<unsigned long long>(x[i]);
  sums[threadIdx.x] = acc;
  __syncthreads();
  for (unsigned stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride)
      sums[threadIdx.x] += sums[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    partial[blockIdx.x] = sums[0];
    atomicAdd(total, sums[0]);
  }
}
KILN_EXPORT_KERNEL(conf_block_reduce_sum)

/// Blocks of 32 x 8 threads: block b sums x[256 b .. 256 b + 255] (zero past
/// n) through a static [8][32] tile, rows first, and counts the elements
/// above `threshold` with __syncthreads_count.
extern "C" __global__ void __launch_bounds__(256)
    conf_block_reduce_2d(const float *x, int n, float threshold, float *partial,
                         int *above) {
  __shared__ float tile[8][32];
  const unsigned tx = threadIdx.x, ty = threadIdx.y;
  const int i = blockIdx.x * 256 + ty * 32 + tx;
  const float v = i < n ? x[i] : 0.0f;
  tile[ty][tx] = v;
  const int count = __syncthreads_count(i < n && v > threshold);
  for (unsigned stride = 16; stride > 0; stride /= 2) {
    if (tx < stride)
      tile[ty][tx] += tile[ty][tx + stride];
    __syncthreads();
  }
  if (tx == 0 && ty == 0) {
    float sum = 0.0f;
    for (int row = 0; row < 8; ++row)
      sum += tile[row][0];
    partial[blockIdx.x] = sum;
    above[blockIdx.x] = count;
  }
}
KILN_EXPORT_KERNEL(conf_block_reduce_2d)
