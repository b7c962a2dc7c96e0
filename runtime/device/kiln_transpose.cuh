//===- kiln_transpose.cuh - batched 2-D transposes through shared memory --===//
//
// The tiled transpose the pointwise family uses for a lone kiln.transpose
// that swaps two blocks of dimensions (codegen/lib/TransposeEmitter.cpp):
// in [B, R, S] → out [B, S, R], such as NCHW → NHWC ([N, C, H·W] →
// [N, H·W, C]) before a channels-last convolution. A block moves one 64 x 64
// tile: it reads rows of the input 16 bytes at a time, parks them in shared
// memory, and writes rows of the output 16 bytes at a time, so both sides
// of HBM traffic are whole coalesced vectors; only the shared-memory column
// reads are element-wise.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TRANSPOSE_CUH
#define KILN_TRANSPOSE_CUH

#include "kiln_pointwise.cuh"

namespace kiln {

constexpr int kTransposeTile = 64;
constexpr int kTransposeThreads = 256;

/// out[b][s][r] = in[b][r][s] for the 64 x 64 tile at (r0, s0) =
/// (64 blockIdx.y, 64 blockIdx.x) of batch b = blockIdx.z. T is the
/// unsigned integer of the elements' size (1, 2 or 4 bytes: the elements
/// move as bits, and vectors of integers compile to 16-byte accesses); R and S are multiples of the 16-byte vector's V = 16 / sizeof(T)
/// elements and both buffers are 16-byte aligned, so a vector lies wholly
/// inside or outside the matrix. All 256 threads call it.
template <typename T, int64_t R, int64_t S>
KILN_DEVICE_INLINE void transpose_tile(const T *__restrict__ in,
                                       T *__restrict__ out) {
  constexpr int V = 16 / sizeof(T);
  constexpr int Chunks = kTransposeTile / V; // vectors per tile row
  // Rows padded by one vector: stores stay 16-byte aligned, and the column
  // reads of a warp spread over banks.
  __shared__ __align__(16) T tile[kTransposeTile][kTransposeTile + V];
  const int64_t b = blockIdx.z;
  const int64_t r0 = (int64_t)blockIdx.y * kTransposeTile,
                s0 = (int64_t)blockIdx.x * kTransposeTile;
  in += b * R * S;
  out += b * R * S;
#pragma unroll
  for (int i = threadIdx.x; i < kTransposeTile * Chunks;
       i += kTransposeThreads) {
    const int r = i / Chunks, c = (i % Chunks) * V;
    if (r0 + r < R && s0 + c < S) {
      const Vec<T, V> v = load_vec<V>(&in[(r0 + r) * S + s0 + c]);
      store_vec<V>(&tile[r][c], v);
    }
  }
  __syncthreads();
#pragma unroll
  for (int i = threadIdx.x; i < kTransposeTile * Chunks;
       i += kTransposeThreads) {
    const int s = i / Chunks, c = (i % Chunks) * V;
    if (s0 + s < S && r0 + c < R) {
      T *dst = &out[(s0 + s) * R + r0 + c];
#if defined(KILN_EMU)
      for (int l = 0; l < V; ++l)
        dst[l] = tile[c + l][s];
#else
      // Packed into four words and stored by one st.global.v4: written as
      // a vector of small integers (or a uint4), NVRTC emits element or
      // word stores.
      uint32_t word[4] = {0, 0, 0, 0};
#pragma unroll
      for (int l = 0; l < V; ++l)
        word[l * sizeof(T) / 4] |= (uint32_t)tile[c + l][s]
                                   << (8 * ((l * sizeof(T)) % 4));
      asm volatile("st.global.v4.u32 [%0], {%1, %2, %3, %4};\n" ::"l"(dst),
                   "r"(word[0]), "r"(word[1]), "r"(word[2]), "r"(word[3])
                   : "memory");
#endif
    }
  }
}

} // namespace kiln

#endif // KILN_TRANSPOSE_CUH
