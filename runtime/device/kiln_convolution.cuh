//===- kiln_convolution.cuh - device code of the convolution family -------===//
//
// The tap arithmetic every convolution kernel shares
// (codegen/lib/ConvolutionEmitter.cpp): which input coordinate an output
// coordinate reads through a kernel tap, for the direct kernels and for the
// im2col functions the implicit-GEMM kernels hand to kiln_gemm.cuh's gather
// tiles. One definition, so both forms agree on padding, stride and
// dilation. Also the K-slab copies of the channels-last implicit GEMM
// (conv2d_channels_last), which runs kiln_gemm.cuh's cp.async pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVOLUTION_CUH
#define KILN_CONVOLUTION_CUH

#include "kiln_gemm.cuh"

namespace kiln {

/// The input coordinate that output coordinate `o` reads through tap `t` of
/// a convolution with `stride`, leading zero padding `pad` and `dilation`.
/// Outside [0, size) it lies in the padding (the caller reads 0). `I` is
/// the coordinates' type: int where the kernel knows its offsets fit 32
/// bits (the gather tiles' im2col functions), else int64_t.
template <typename I>
KILN_DEVICE_INLINE I conv_source(I o, int stride, int pad, I t, int dilation) {
  return o * stride - pad + t * dilation;
}

/// A transposed convolution in gather form: output coordinate `o` reads
/// input coordinate offset / stride through tap `t`, offset = o + pad −
/// t·dilation, when conv_transpose_hits(offset, ...) says it lands on one.
template <typename I>
KILN_DEVICE_INLINE I conv_transpose_offset(I o, int pad, I t, int dilation) {
  return o + pad - t * dilation;
}

/// Whether a conv_transpose_offset lands on one of the `size` input samples
/// (not between two, not outside).
template <typename I>
KILN_DEVICE_INLINE bool conv_transpose_hits(I offset, int stride,
                                            int64_t size) {
  return offset >= 0 && offset % stride == 0 && offset / stride < size;
}

/// The K-slab copies of a channels-last implicit GEMM, for
/// gemm_block_tile_slabs<_, true, MFrags, WarpsN> (16-bit `T`) or
/// gemm_block_tile_slabs_tf32<MFrags> (float `T`, WarpsN = 2). A is group
/// g's im2col matrix: row m the output pixel (b, oy, ox), column k = (ky ·
/// kW + kx) · Cg + ci the input channel g · Cg + ci under tap (ky, kx), read
/// from x [N, H, W, C]. With Cg a multiple of a 16-byte chunk's elements (8 of 16
/// bits, 4 floats), a chunk is that many channels of one tap: one cp.async,
/// zero-filled in the padding. B is the group's weights [og][kH · kW · Cg]
/// (row n contiguous in k, the "N x K" layout). `S` holds the shape as
/// constants: h, w, c, cg, og, kw, oh, ow, sh, sw, pt, pl, dh, dw,
/// reduction (kH · kW · Cg) and pixels (N · oh · ow).
///
/// Slabs follow SlabGeometry (64-byte rows: 32 16-bit or 16 float
/// columns). A thread copies the same BM / (threads / 4) rows of A, two
/// rows of B and the same chunk of every slab (kiln_gemm.cuh's chunk order:
/// rows t / 4 + (threads / 4) j), and slabs
/// come in order: the constructor works out its pixels' window corners
/// once, and each slab moves a cursor (channel, tap, in-image offset of the
/// tap) one slab on, with no division. Offsets are 32-bit (H · W · C and a
/// group's weights under 2³¹ elements, checked by the emitter). Slabs past
/// the reduction are all zero fill, so the pipeline may ask for them.
template <typename S, int MFrags = 2, typename T = unsigned short,
          int WarpsN = 2>
struct ConvChannelsLastSlabs : SlabGeometry<T> {
  using SlabGeometry<T>::kChunk;
  using SlabGeometry<T>::kSlab;
  using SlabGeometry<T>::kPitch;
  using Tile = TileGeometry<MFrags, WarpsN>;
  static constexpr int kStep = Tile::kRowsPerPass;     // rows between passes
  static constexpr int kRowsA = Tile::kM / kStep;      // A rows per thread
  static_assert(S::cg % kChunk == 0, "whole chunks of channels per tap");

  const T *weights;       // group g's rows
  const T *image[kRowsA]; // row j's image, at group g's channel 0
  int iy0[kRowsA], ix0[kRowsA]; // row j's window corner (iy0 far out of
                                // range past the last pixel)
  int corner[kRowsA];           // (iy0 · w + ix0) · c
  int wRow[2];                  // B row j's offset in weights
  bool wIn[2];                  // B row j is an output channel
  int k, ci, kx, dy, dx, tap;   // the cursor: this thread's column
                                // k = tap (ky, kx) · cg + ci,
                                // dy = ky · dh, dx = kx · dw,
                                // tap = (dy · w + dx) · c + ci

  KILN_DEVICE_INLINE ConvChannelsLastSlabs(const T *x, const T *w, int g,
                                           int64_t m0, int64_t n0)
      : weights(w + (int64_t)g * S::og * S::reduction) {
    const int kc = (threadIdx.x % 4) * kChunk;
    for (int j = 0; j < kRowsA; ++j) {
      const int64_t m = m0 + threadIdx.x / 4 + kStep * j;
      const int64_t b = m / (S::oh * S::ow);
      const int p = (int)(m % (S::oh * S::ow));
      image[j] = m < S::pixels ? x + b * ((int64_t)S::h * S::w * S::c) + g * S::cg
                               : x;
      iy0[j] = m < S::pixels ? (p / S::ow) * S::sh - S::pt : -(1 << 30);
      ix0[j] = (p % S::ow) * S::sw - S::pl;
      corner[j] = m < S::pixels ? (iy0[j] * S::w + ix0[j]) * S::c : 0;
    }
    for (int j = 0; j < 2; ++j) {
      const int64_t n = n0 + threadIdx.x / 4 + kStep * j;
      wIn[j] = n < S::og;
      wRow[j] = wIn[j] ? (int)n * S::reduction : 0;
    }
    // The cursor starts at this thread's column kc.
    k = 0, ci = 0, kx = 0, dy = 0, dx = 0, tap = 0;
    advance(kc);
  }

  /// Moves the cursor `columns` (a multiple of kChunk, ≤ kSlab) along k.
  KILN_DEVICE_INLINE void advance(int columns) {
    k += columns;
    ci += columns;
    tap += columns;
    if (S::cg >= kSlab) { // at most one tap boundary per slab
      if (ci >= S::cg)
        nextTap();
    } else {
      while (ci >= S::cg)
        nextTap();
    }
  }

  KILN_DEVICE_INLINE void nextTap() {
    ci -= S::cg;
    tap += S::dw * S::c - S::cg;
    dx += S::dw;
    if (++kx == S::kw) { // the next kernel row
      kx = 0;
      tap += S::dh * S::w * S::c - S::kw * S::dw * S::c;
      dx = 0;
      dy += S::dh;
    }
  }

  /// Issues the next slab's copies into a pipeline stage.
  KILN_DEVICE_INLINE void operator()(T *As, T *Bs) {
    const int kc = (threadIdx.x % 4) * kChunk;
    const bool inK = k < S::reduction;
#pragma unroll
    for (int j = 0; j < kRowsA; ++j) {
      const int row = threadIdx.x / 4 + kStep * j;
      const int iy = iy0[j] + dy, ix = ix0[j] + dx;
      const bool ok = inK && (unsigned)iy < (unsigned)S::h &&
                      (unsigned)ix < (unsigned)S::w;
      // Zero-filled chunks name their row's first element (never read).
      cp_async_16_zfill(&As[row * kPitch + kc],
                        image[j] + (ok ? corner[j] + tap : 0), ok ? 16 : 0);
    }
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      const int row = threadIdx.x / 4 + kStep * j;
      const bool okB = inK && wIn[j];
      cp_async_16_zfill(&Bs[row * kPitch + kc],
                        weights + (okB ? wRow[j] + k : 0), okB ? 16 : 0);
    }
    advance(kSlab);
  }
};

} // namespace kiln

#endif // KILN_CONVOLUTION_CUH
