//===- kiln_convolution.cuh - device code of the convolution family -------===//
//
// The tap arithmetic every convolution kernel shares
// (codegen/lib/ConvolutionEmitter.cpp): which input coordinate an output
// coordinate reads through a kernel tap, for the direct kernels and for the
// im2col functions the implicit-GEMM kernels hand to kiln_gemm.cuh's gather
// tiles. One definition, so both forms agree on padding, stride and
// dilation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVOLUTION_CUH
#define KILN_CONVOLUTION_CUH

#include "kiln_prelude.cuh"

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

} // namespace kiln

#endif // KILN_CONVOLUTION_CUH
