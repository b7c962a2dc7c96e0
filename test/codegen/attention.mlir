// The attention family (AttentionEmitter.cpp, kiln_attention.cuh). bf16 /
// f16 attention with head sizes multiples of 16 (≤ 128) runs the
// tensor-core flash kernel: a block per 64 query rows, grid (⌈Lq/64⌉, Hq,
// B), the op's masking as one logit function, the key range narrowed for
// causal and windowed attention, double-buffered K / V tiles in dynamic
// shared memory. f32 attention and D > 128 keep the row kernel, as does
// decode_attention; the FastGen profiling ops and rope have kernels of
// their own. The fusions are formed first: kiln-decompose would turn the
// unmasked f32 attention into two GEMMs and a softmax, and leaves fused
// attention alone.
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
// No mask, no causality: the row index is not needed.
// CHECK-NOT: const int64_t i = linear
// CHECK: const int64_t kvh = h / 1;
// CHECK: if (!(true)) continue; // the same for the whole warp
// CHECK: dot += __shfl_xor_sync(0xffffffffu, dot, offset);
// CHECK: __shared__ float warpMax[4], warpSum[4], warpOut[4][16];
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

// decode_attention: the T new queries are the last T of each head's cache
// rows (lengths clamped on devices), causal among themselves.
// CHECK-LABEL: // ---- kernel other_fusion_0 (attention)
// CHECK: decode attention over per-head cache lengths, a block per query row
// CHECK: int64_t len = (int64_t)in3[bb * 2 + kvh];
// CHECK-NEXT: len = len < 2 ? 2 : (len > 16 ? 16 : len);
// CHECK-NEXT: const int64_t last = len - 2 + r;
// CHECK: for (int64_t j = warp; j < last + 1; j += 4) {
// rope with YaRN: frequencies and the attention factor from the reference
// interpreter's code, angles in double, in half turns (frequency / π: the
// first, 1, is 1 / π) for sincospi.
// CHECK-LABEL: // ---- kernel other_fusion_1 (attention)
// CHECK: rope (yarn scaling).
// CHECK: static __device__ const double kHalfTurns[16] = {3.18309886183790691e-01,
// CHECK: sincospi((double)(int64_t)in1[i2] * kHalfTurns[pi], &sin_angle, &cos_angle);
// CHECK-NEXT: const float c = (float)cos_angle * (1.138629436e+00f), s = (float)sin_angle * (1.138629436e+00f);
// CHECK-LABEL: // ---- kernel other_fusion_2 (attention)
// CHECK: attention_mass (FastGen profiling).
// CHECK: for (int64_t p = 0; p < 2; ++p) if (in2[((p * 1 + bb) * 2 + kvh) * 16 + j]) kept[p] += a;
// CHECK: for (int64_t p = 0; p < 2; ++p) out0[(p * 4) + linear] = kept[p] / 16.0f;
// CHECK-LABEL: // ---- kernel other_fusion_3 (attention)
// CHECK: attention_colsum (heavy-hitter scores).
// CHECK: out0[linear * 16 + j] += a;
func.func @other(%q: tensor<1x4x2x32xf32>, %kc: tensor<1x2x16x32xf32>, %vc: tensor<1x2x16x32xf32>, %lens: tensor<1x2xi32>,
                 %x: tensor<1x4x16x32xbf16>, %pos: tensor<16xi32>, %keep: tensor<2x1x2x16xi1>,
                 %qq: tensor<1x4x16x8xf32>, %kk: tensor<1x2x16x8xf32>)
    -> (tensor<1x4x2x32xf32>, tensor<1x4x16x32xbf16>, tensor<2x1x4xf32>, tensor<1x4x16xf32>) {
  %0 = kiln.decode_attention %q, %kc, %vc, %lens {scale = 0.17677669 : f32} : tensor<1x4x2x32xf32>, tensor<1x2x16x32xf32>, tensor<1x2x16x32xf32>, tensor<1x2xi32>
  %1 = kiln.rope %x, %pos {scaling = "yarn", factor = 4.0 : f32, original_max_positions = 8 : i64} : tensor<1x4x16x32xbf16>, tensor<16xi32>
  %2 = kiln.attention_mass %qq, %kk, %keep {scale = 0.35355339 : f32} : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<2x1x2x16xi1>
  %3 = kiln.attention_colsum %qq, %kk {scale = 0.35355339 : f32, causal = false} : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>
  return %0, %1, %2, %3 : tensor<1x4x2x32xf32>, tensor<1x4x16x32xbf16>, tensor<2x1x4xf32>, tensor<1x4x16xf32>
}
