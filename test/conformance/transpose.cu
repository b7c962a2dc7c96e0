//===- transpose.cu - Conformance: tiled transpose through shared memory --===//
//
// The classic 32 x 32 tiled transpose with a padded [32][33] shared tile and
// 32 x 8 blocks, on a matrix whose sides are not multiples of 32, so the edge
// guards and the barrier between the two phases are exercised.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// out (cols x rows) = transpose of in (rows x cols), both row-major.
extern "C" __global__ void __launch_bounds__(256)
    conf_transpose(const float *in, float *out, int rows, int cols) {
  __shared__ float tile[32][33]; // +1 column: no bank conflicts
  int col = blockIdx.x * 32 + threadIdx.x;
  int row = blockIdx.y * 32 + threadIdx.y;
  for (int j = 0; j < 32; j += 8)
    if (col < cols && row + j < rows)
      tile[threadIdx.y + j][threadIdx.x] = in[(row + j) * cols + col];
  __syncthreads();
  col = blockIdx.y * 32 + threadIdx.x; // now indexes in's rows
  row = blockIdx.x * 32 + threadIdx.y; // and in's columns
  for (int j = 0; j < 32; j += 8)
    if (col < rows && row + j < cols)
      out[(row + j) * rows + col] = tile[threadIdx.x][threadIdx.y + j];
}
KILN_EXPORT_KERNEL(conf_transpose)
