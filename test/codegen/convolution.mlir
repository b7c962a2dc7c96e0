// The convolution family (ConvolutionEmitter.cpp, kiln_convolution.cuh).
// A bf16 conv2d with groups of a multiple of 8 input channels (an f32 one
// allowed TF32, of 4: tf32.test) reaches code generation as
// conv2d_channels_last (kiln-channels-last): its operands'
// transposes to NHWC / OHWI are kernels of their own (a lone NCHW -> NHWC
// transpose with whole 16-byte rows is a tiled transpose; kilnc folds a
// weight's at compile time, kiln-translate does not), and the implicit GEMM
// copies both operands by 16-byte cp.async. Other convolutions with at
// least 16 output channels per group and a 16-deep reduction run as
// implicit GEMMs whose im2col matrix and weights are functions the gather
// tiles of kiln_gemm.cuh read, bf16 on tensor cores, f32 on TF32 tensor
// cores (kiln-tf32's default; CUDA cores with --tf32 none, tf32.test), the
// epilogue per accumulator; their index arithmetic is 32-bit where the
// tensors' offsets fit. Depthwise convs stay direct. All forms take the
// tap arithmetic from kiln_convolution.cuh.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (pointwise)
// CHECK: transpose [2, 8, 64] -> [2, 64, 8] (perm [0, 2, 3, 1])
// CHECK: kiln::transpose_tile<uint16_t, 8, 64>(
// CHECK-LABEL: // ---- kernel main_fusion_1 (pointwise)
// CHECK: pointwise fusion of kiln.transpose.
// CHECK-LABEL: // ---- kernel main_fusion_2 (convolution)
// CHECK: conv2d_channels_last as an implicit GEMM (32 pixels x 32 channels x 72 taps, bf16 mma.sync, 64x64 tiles, both operands by 16-byte cp.async, 3 stages, 16-byte stores staged in shared memory), epilogue fused: kiln.add, kiln.silu
// CHECK: struct ConvShape {
// CHECK-NEXT: static constexpr int h = 8, w = 8, c = 8, cg = 8, og = 32;
// CHECK-NEXT: static constexpr int kw = 3, oh = 4, ow = 4, sh = 2, sw = 2;
// CHECK-NEXT: static constexpr int pt = 0, pl = 0, dh = 1, dw = 1, reduction = 72;
// CHECK-NEXT: static constexpr int64_t pixels = 32;
// CHECK: kiln::ConvChannelsLastSlabs<ConvShape, 2> slabs(
// CHECK: kiln::gemm_block_tile_slabs<true, true, 2>(slabs, 72, acc);
// CHECK: const int64_t linear = ((bn * 32 + g * 32 + col) * 4 + oy) * 4 + ox;
// CHECK: // kiln.silu
// CHECK: staged[(col - n0) * 72 + (row - m0)] = __float2bfloat16_rn(
// CHECK: const int64_t row = m0 + at, col = n0 + line;
// CHECK: kiln::store_vec<8>(&out0[linear]
// CHECK-LABEL: // ---- kernel main_fusion_3 (convolution)
// CHECK: conv2d as an implicit GEMM (128 pixels x 16 channels x 36 taps, 2 groups, bf16 mma.sync, 64x64 tiles)
// CHECK: struct ConvIm2col {
// CHECK: const int iy = kiln::conv_source(oy, 1, 1, ky, 1), ix = kiln::conv_source(ox, 1, 1, kx, 1);
// CHECK-NEXT: if (iy < 0 || iy >= 8 || ix < 0 || ix >= 8) return (unsigned short)0;
// CHECK-NEXT: return __bfloat16_as_ushort(x[((b * 8 + g * 4 + ci) * 8 + iy) * 8 + ix]);
// CHECK: struct ConvWeights {
// CHECK: return __bfloat16_as_ushort(w[(g * 16 + n) * 36 + k]);
// CHECK: kiln::gemm_block_tile_gather<true>(a, b, 128, 16, 36, m0, n0, acc);
// CHECK-LABEL: // ---- kernel main_fusion_4 (convolution)
// CHECK: conv_transpose2d as an implicit GEMM (64 pixels x 16 channels x 32 taps, tf32 mma.sync, f32 accumulation, 64x64 tiles)
// CHECK: const int ty = kiln::conv_transpose_offset(oy, 0, ky, 1), tx = kiln::conv_transpose_offset(ox, 0, kx, 1);
// CHECK-NEXT: if (!kiln::conv_transpose_hits(ty, 2, 4) || !kiln::conv_transpose_hits(tx, 2, 4)) return 0.0f;
// CHECK-NEXT: return x[((b * 8 + g * 8 + ci) * 4 + ty / 2) * 4 + tx / 2];
// CHECK: kiln::gemm_block_tile_tf32_gather<true, false>(a, b, 64, 16, 32, m0, n0, acc);
// CHECK-LABEL: // ---- kernel main_fusion_5 (convolution)
// CHECK: conv2d (direct, f32 accumulation).
// CHECK: #include "kiln_convolution.cuh"
// CHECK: const int64_t oy = i2, ox = i3;
// CHECK: const int64_t iy = kiln::conv_source(oy, 1, 1, ky, 1);
// CHECK-NEXT: if (iy < 0 || iy >= 4) continue;
// CHECK: acc += in0[((i0 * 8 + g * 1 + ci) * 4 + iy) * 4 + ix] * in1[((i1 * 1 + ci) * 3 + ky) * 3 + kx];
// CHECK: out0[linear] = acc;
func.func @main(%x: tensor<2x8x8x8xbf16>, %b: tensor<1x32x1x1xbf16>, %t: tensor<1x8x4x4xf32>, %d: tensor<1x8x4x4xf32>)
    -> (tensor<2x32x4x4xbf16>, tensor<2x32x8x8xbf16>, tensor<1x16x8x8xf32>, tensor<1x8x4x4xf32>) {
  %w = kiln.param "w" : tensor<32x8x3x3xbf16>
  %wg = kiln.param "wg" : tensor<32x4x3x3xbf16>
  %wt = kiln.param "wt" : tensor<8x16x2x2xf32>
  %wd = kiln.param "wd" : tensor<8x1x3x3xf32>
  %c = kiln.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : tensor<2x8x8x8xbf16>, tensor<32x8x3x3xbf16>
  %a = kiln.add %c, %b : tensor<2x32x4x4xbf16>, tensor<1x32x1x1xbf16>
  %y = kiln.silu %a : tensor<2x32x4x4xbf16>
  %g = kiln.conv2d %x, %wg {groups = 2 : i64, padding = array<i64: 1, 1, 1, 1>} : tensor<2x8x8x8xbf16>, tensor<32x4x3x3xbf16>
  %u = kiln.conv_transpose2d %t, %wt {stride = array<i64: 2, 2>} : tensor<1x8x4x4xf32>, tensor<8x16x2x2xf32>
  %e = kiln.conv2d %d, %wd {groups = 8 : i64, padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x4x4xf32>, tensor<8x1x3x3xf32>
  return %y, %g, %u, %e : tensor<2x32x4x4xbf16>, tensor<2x32x8x8xbf16>, tensor<1x16x8x8xf32>, tensor<1x8x4x4xf32>
}

// A transposed convolution too narrow for the tiles, and a conv1d (Mamba's
// causal depthwise form), in the direct gather form.
// CHECK-LABEL: // ---- kernel direct_fusion_0 (convolution)
// CHECK: conv_transpose2d (direct, f32 accumulation).
// CHECK: const int64_t g = i1 / 2, oc = i1 % 2;
// CHECK: const int64_t ty = kiln::conv_transpose_offset(oy, 1, ky, 1);
// CHECK-NEXT: if (!kiln::conv_transpose_hits(ty, 2, 3)) continue;
// CHECK: acc += in0[((i0 * 4 + g * 2 + ci) * 3 + ty / 2) * 3 + tx / 2] * in1[(((g * 2 + ci) * 2 + oc) * 3 + ky) * 3 + kx];
// CHECK-LABEL: // ---- kernel direct_fusion_1 (convolution)
// CHECK: conv1d (direct, f32 accumulation), epilogue fused: kiln.silu.
// CHECK: const int64_t oy = 0, ox = i2;
// CHECK: const int64_t ix = kiln::conv_source(ox, 1, 3, kx, 1);
// CHECK: const float root0 = acc;
// CHECK: // kiln.silu
func.func @direct(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %s: tensor<2x8x6xf32>, %k: tensor<8x1x4xf32>)
    -> (tensor<1x4x5x5xf32>, tensor<2x8x6xf32>) {
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, groups = 2 : i64} : tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>
  %1 = kiln.conv1d %s, %k {groups = 8 : i64, padding = array<i64: 3, 0>} : tensor<2x8x6xf32>, tensor<8x1x4xf32>
  %2 = kiln.silu %1 : tensor<2x8x6xf32>
  return %0, %2 : tensor<1x4x5x5xf32>, tensor<2x8x6xf32>
}
