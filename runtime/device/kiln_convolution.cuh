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
/// Outside [0, size) it lies in the padding (the caller reads 0).
KILN_DEVICE_INLINE int64_t conv_source(int64_t o, int64_t stride, int64_t pad,
                                       int64_t t, int64_t dilation) {
  return o * stride - pad + t * dilation;
}

/// A transposed convolution in gather form: output coordinate `o` reads
/// input coordinate offset / stride through tap `t`, offset = o + pad −
/// t·dilation, when conv_transpose_hits(offset, ...) says it lands on one.
KILN_DEVICE_INLINE int64_t conv_transpose_offset(int64_t o, int64_t pad,
                                                 int64_t t, int64_t dilation) {
  return o + pad - t * dilation;
}

/// Whether a conv_transpose_offset lands on one of the `size` input samples
/// (not between two, not outside).
KILN_DEVICE_INLINE bool conv_transpose_hits(int64_t offset, int64_t stride,
                                            int64_t size) {
  return offset >= 0 && offset % stride == 0 && offset / stride < size;
}

/// The K-slab copies of a channels-last implicit GEMM, for
/// gemm_block_tile_slabs<_, true>. A is group g's im2col matrix: row m the
/// output pixel (b, oy, ox), column k = (ky · kW + kx) · Cg + ci the input
/// channel g · Cg + ci under tap (ky, kx), read from x [N, H, W, C]. With Cg
/// a multiple of 8, the 8 columns of a 16-byte chunk are 8 channels of one
/// tap: one cp.async, zero-filled in the padding. B is the group's weights
/// [og][kH · kW · Cg] (row n contiguous in k, the "N x K" layout). `S` holds
/// the shape as constants: h, w, c, cg, og, kw, oh, ow, sh, sw, pt, pl, dh,
/// dw, reduction (kH · kW · Cg) and pixels (N · oh · ow).
///
/// A thread copies the same two rows and the same 8-column chunk of every
/// slab (kiln_gemm.cuh's chunk order), so the constructor works out its
/// pixels' coordinates once; a slab then costs a division of k by
/// constants and two bounds checks per row. In-image offsets are 32-bit
/// (H · W · C < 2³¹, checked by the emitter).
template <typename S> struct ConvChannelsLastSlabs {
  const unsigned short *weights; // group g's rows
  const unsigned short *image[2]; // row j's image, at group g's channel 0
  int iy0[2], ix0[2];             // row j's window corner (iy0 far out of
                                  // range past the last pixel)
  int64_t n0;

  KILN_DEVICE_INLINE ConvChannelsLastSlabs(const unsigned short *x,
                                           const unsigned short *w, int g,
                                           int64_t m0, int64_t n0)
      : weights(w + (int64_t)g * S::og * S::reduction), n0(n0) {
    for (int j = 0; j < 2; ++j) {
      const int64_t m = m0 + threadIdx.x / 4 + 32 * j;
      const int64_t b = m / (S::oh * S::ow);
      const int p = (int)(m % (S::oh * S::ow));
      image[j] = x + b * ((int64_t)S::h * S::w * S::c) + g * S::cg;
      iy0[j] = m < S::pixels ? (p / S::ow) * S::sh - S::pt : -(1 << 30);
      ix0[j] = (p % S::ow) * S::sw - S::pl;
    }
  }

  KILN_DEVICE_INLINE void operator()(unsigned short *As, unsigned short *Bs,
                                     int64_t kt) const {
    const int kc = (threadIdx.x % 4) * 8;
    const int k = (int)kt * kGemmTileK + kc;
    const int tap = k / S::cg, ci = k % S::cg;
    const int ky = tap / S::kw, kx = tap % S::kw;
    const bool inK = k < S::reduction;
#pragma unroll
    for (int j = 0; j < 2; ++j) {
      const int row = threadIdx.x / 4 + 32 * j;
      const int iy = iy0[j] + ky * S::dh, ix = ix0[j] + kx * S::dw;
      const bool ok = inK && (unsigned)iy < (unsigned)S::h &&
                      (unsigned)ix < (unsigned)S::w;
      cp_async_16_zfill(&As[row * kGemmPadK + kc],
                        ok ? image[j] + (iy * S::w + ix) * S::c + ci : weights,
                        ok ? 16 : 0);
      const bool okB = inK && n0 + row < S::og;
      cp_async_16_zfill(&Bs[row * kGemmPadK + kc],
                        okB ? weights + (n0 + row) * S::reduction + k : weights,
                        okB ? 16 : 0);
    }
  }
};

} // namespace kiln

#endif // KILN_CONVOLUTION_CUH
