// bf16 / f16 attention with head sizes multiples of 16 (≤ 128) runs the
// tensor-core flash kernel: a block per 64 query rows, grid (⌈Lq/64⌉, Hq, B),
// the op's masking as one logit function, the key range narrowed for causal
// and windowed attention, double-buffered K / V tiles in dynamic shared
// memory. f32 attention and D > 128 keep the row kernel.
// RUN: kiln-opt --kiln-form-fusions %s | kiln-translate --kiln-to-cuda | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (attention)
// CHECK: flash attention on tensor cores (bf16 mma.sync, 64 query rows per block, 64-key tiles, online softmax in f32)
// CHECK: #include "kiln_attention.cuh"
// CHECK: struct AttentionMask {
// CHECK-NEXT: const uint8_t *mask;
// CHECK: if (!(true && j <= i + 20 && j > i - 12 && (mask[{{.*}} * 100 + j] != 0))) return -INFINITY;
// CHECK-NEXT: return (1.250000000e-01f) * s + (0.0f);
// CHECK: __launch_bounds__(128)
// CHECK: const int64_t kvh = h / 4;
// CHECK: const AttentionMask mask{&in3[0], bb, h};
// CHECK: keyEnd = q0 + 84 < keyEnd ? q0 + 84 : keyEnd;
// CHECK: keyBegin = q0 - 11 > 0 ? q0 - 11 : 0;
// CHECK: kiln::flash_attention_rows<true, 64, 32>(
// CHECK-NEXT: &in0[(bb * 8 + h) * 5120]
// CHECK-NEXT: &in1[(bb * 2 + kvh) * 6400]
// CHECK-NEXT: &in2[(bb * 2 + kvh) * 3200]
// CHECK: out0[((bb * 8 + h) * 80 + row) * 32 + nj * 8 + kiln::attention_acc_col(e)] = __float2bfloat16_rn(total > 0.0f ? o[nj][e] / total : 0.0f);
// CHECK-LABEL: // ---- kernel main_fusion_1 (attention)
// CHECK: attention, a block per query row (warps split the keys, online softmax, merged through shared memory)
// CHECK-LABEL: // ---- kernel main_fusion_2 (attention)
// CHECK: attention, a block per query row (warps split the keys, online softmax, merged through shared memory)
func.func @main(%q: tensor<2x8x80x64xbf16>, %k: tensor<2x2x100x64xbf16>, %v: tensor<2x2x100x32xbf16>,
                %mask: tensor<1x1x1x100xi1>, %qf: tensor<1x2x8x16xf32>, %qb: tensor<1x1x8x256xbf16>)
    -> (tensor<2x8x80x32xbf16>, tensor<1x2x8x16xf32>, tensor<1x1x8x256xbf16>) {
  %a = kiln.attention %q, %k, %v, %mask {scale = 0.125 : f32, causal = true, window = 32 : i64} : tensor<2x8x80x64xbf16>, tensor<2x2x100x64xbf16>, tensor<2x2x100x32xbf16>, tensor<1x1x1x100xi1>
  %b = kiln.attention %qf, %qf, %qf {scale = 0.25 : f32} : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  %c = kiln.attention %qb, %qb, %qb {scale = 0.0625 : f32} : tensor<1x1x8x256xbf16>, tensor<1x1x8x256xbf16>, tensor<1x1x8x256xbf16>
  return %a, %b, %c : tensor<2x8x80x32xbf16>, tensor<1x2x8x16xf32>, tensor<1x1x8x256xbf16>
}
