//===- float16.cu - Conformance: __half and __nv_bfloat16 rounding --------===//
//
// Conversions f32 -> f16 / bf16 -> f32 on values that probe round-to-nearest-
// even (ties both ways), overflow, subnormals and underflow, plus a few
// correctly rounded 16-bit operations. run_emulated.cpp holds the expected bit
// patterns as constants from the IEEE formats, not from either
// implementation, so the GPU's cuda_fp16.h / cuda_bf16.h and the emulator's
// types are held to the same answers.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// Results of conf_float16's 16-bit arithmetic, in `arith`.
enum ConfFloat16Arith {
  kHalfAdd,      // __float2half(0.1f) + __float2half(0.2f), bits
  kHalfDiv,      // 1 / 3 in f16, bits
  kBfloatAdd,    // the same sum in bf16, bits
  kBfloatDiv,    // 1 / 3 in bf16, bits
  kCompareFlags, // 1: h(0.1) < h(0.2), 2: bf(0.2) > bf(0.1), 4: h(1) == h(1)
  kArithSlots
};

/// Thread i converts in[i] (i < n); thread 0 also fills `arith`.
extern "C" __global__ void __launch_bounds__(32)
    conf_float16(const float *in, int n, unsigned short *f16,
                 unsigned short *bf16, float *f16Back, float *bf16Back,
                 unsigned *arith) {
  const int i = threadIdx.x;
  if (i < n) {
    const __half h = __float2half_rn(in[i]);
    const __nv_bfloat16 b = __float2bfloat16_rn(in[i]);
    f16[i] = __half_as_ushort(h);
    bf16[i] = __bfloat16_as_ushort(b);
    f16Back[i] = __half2float(h);
    bf16Back[i] = __bfloat162float(b);
  }
  if (i == 0) {
    const __half h1 = __float2half(0.1f), h2 = __float2half(0.2f);
    const __nv_bfloat16 b1 = __float2bfloat16(0.1f),
                        b2 = __float2bfloat16(0.2f);
    arith[kHalfAdd] = __half_as_ushort(h1 + h2);
    arith[kHalfDiv] = __half_as_ushort(__float2half(1.0f) / __float2half(3.0f));
    arith[kBfloatAdd] = __bfloat16_as_ushort(b1 + b2);
    arith[kBfloatDiv] =
        __bfloat16_as_ushort(__float2bfloat16(1.0f) / __float2bfloat16(3.0f));
    arith[kCompareFlags] = (h1 < h2 ? 1u : 0u) | (b2 > b1 ? 2u : 0u) |
                           (__float2half(1.0f) == __float2half(1.0f) ? 4u : 0u);
  }
}
KILN_EXPORT_KERNEL(conf_float16)
