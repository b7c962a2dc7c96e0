// The qmatmul family (QmatmulEmitter.cpp, kiln_qmatmul.cuh): the weight is
// dequantized where it is read (code · scale of its block), so the float
// weight never exists in memory. Up to 8 rows against N x K codes run a
// GEMV; 16 rows or more of bf16 / f16 against N x K codes the tensor-core
// pipeline of kiln_gemm.cuh with kiln::QuantizedSlabs (codes by 16-byte
// loads, dequantized in registers); other shapes from 16 rows the gather
// tiles with a dequantizing weight function; the rest one thread per
// output element.
// (int4 codes the compiler packs two per byte, with --quantize int4, are
// unpacked in registers from 16-byte loads in the GEMV and read through
// kiln::int4_at elsewhere; test/numerics/quantized-cpu.test runs them.)
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (qmatmul)
// CHECK: block-dequantizing GEMV (int8, block 32; a warp per output column, codes dequantized in the loop), epilogue fused: kiln.add.
// CHECK: #include "kiln_qmatmul.cuh"
// Sixteen int8 codes per lane and iteration: one 16-byte load of codes,
// x in 8-element vectors.
// CHECK: for (int64_t p = lane * 16; p < 64; p += 512)
// CHECK: const float scale = in2[col * 2 + p / 32];
// CHECK: const kiln::Vec<int8_t, 16> codes = kiln::load_vec<16>(&in1[(col * 64 + p)]);
// CHECK: w[j] = (float)codes.v[j] * scale;
// CHECK: const kiln::Vec<__nv_bfloat16, 8> xv = kiln::load_vec<8>(&in0[row * 64 + p + h]);
// CHECK: acc[row] += __bfloat162float(xv.v[j]) * w[h + j];
// CHECK: const float root0 = kiln::round_bf16(value);
// CHECK: // kiln.add
// CHECK-LABEL: // ---- kernel main_fusion_1 (qmatmul)
// CHECK: block-dequantizing GEMM (int4, block 32; 64x64 tiles, bf16 mma.sync, x by 16-byte cp.async, codes by 16-byte loads dequantized in registers, 3 stages).
// CHECK: struct QmatmulShape {
// CHECK-NEXT: static constexpr int64_t rows = 32;
// CHECK-NEXT: static constexpr int n = 32, k = 64, bs = 32;
// CHECK: kiln::QuantizedSlabs<QmatmulShape, true, false, 2> slabs(
// CHECK-NEXT: reinterpret_cast<const unsigned short *>(&in0[0]), &in1[0], &in2[0], m0, n0);
// CHECK: kiln::gemm_block_tile_slabs<true, true, 2>(slabs, 64, acc);
// CHECK-LABEL: // ---- kernel main_fusion_2 (qmatmul)
// CHECK: block-dequantizing matmul (int8, block 32, direct).
// CHECK: acc += in0[row * 64 + p] * (float)in1[(p) * 32 + (col)] * in2[((p) / 32) * 32 + (col)];
// K x N codes have one scale per code along a 16-byte row: the gather tile.
// CHECK-LABEL: // ---- kernel main_fusion_3 (qmatmul)
// CHECK: block-dequantizing GEMM (int8, block 32; 64x64 tiles, bf16 mma.sync, the weight dequantized on its way into shared memory).
// CHECK: #include "kiln_gemm.cuh"
// CHECK: struct QmatmulW {
// CHECK: return __bfloat16_as_ushort(__float2bfloat16_rn((float)q[(k) * 32 + (n)] * s[((k) / 32) * 32 + (n)]));
// CHECK: kiln::gemm_block_tile_gather<true>(a, b, 32, 32, 64, m0, n0, acc);
func.func @main(%x: tensor<2x64xbf16>, %q: tensor<32x64xi8>, %s: tensor<32x2xf32>, %xt: tensor<32x64xbf16>,
                %xf: tensor<3x64xf32>, %qk: tensor<64x32xi8>, %sk: tensor<2x32xf32>, %b: tensor<1x32xbf16>)
    -> (tensor<2x32xbf16>, tensor<32x32xbf16>, tensor<3x32xf32>, tensor<32x32xbf16>) {
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 32 : i64} : tensor<2x64xbf16>, tensor<32x64xi8>, tensor<32x2xf32>
  %1 = kiln.add %0, %b : tensor<2x32xbf16>, tensor<1x32xbf16>
  %2 = kiln.qmatmul %xt, %q, %s {bits = 4 : i64, block_size = 32 : i64} : tensor<32x64xbf16>, tensor<32x64xi8>, tensor<32x2xf32>
  %3 = kiln.qmatmul %xf, %qk, %sk {bits = 8 : i64, block_size = 32 : i64, transpose_b = false} : tensor<3x64xf32>, tensor<64x32xi8>, tensor<2x32xf32>
  %4 = kiln.qmatmul %xt, %qk, %sk {bits = 8 : i64, block_size = 32 : i64, transpose_b = false} : tensor<32x64xbf16>, tensor<64x32xi8>, tensor<2x32xf32>
  return %1, %2, %3, %4 : tensor<2x32xbf16>, tensor<32x32xbf16>, tensor<3x32xf32>, tensor<32x32xbf16>
}

// Split K: 16 rows against a 96 x 1408 weight make 2 tiles, too few to fill
// the GPU, so 5 slices of K (288 deep, the last 256) each store an f32
// partial tile, and a second kernel sums a result element's partials in
// slice order, 8 elements per thread by 16-byte loads, and runs the
// epilogue.
// CHECK-LABEL: // ---- kernel split_fusion_0_partials (qmatmul)
// CHECK: partial tiles of a block-dequantizing GEMM (int8, block 64; 64x64 tiles, bf16 mma.sync, x by 16-byte cp.async, codes by 16-byte loads dequantized in registers, 3 stages) over 5 slices of K.
// CHECK-NEXT: a block per 64 x 64 output tile and slice of 288 k; the partial tiles go to the workspace for split_fusion_0.
// CHECK: split_fusion_0_partials(const __nv_bfloat16 *__restrict__ in0, {{.*}}, float *__restrict__ workspace)
// CHECK: const int k0 = (int)blockIdx.z * 288;
// CHECK: &in2[0], m0, n0, k0);
// CHECK: kiln::gemm_block_tile_slabs<true, true, 2>(slabs, 288, acc);
// CHECK: float *part = workspace + (int64_t)blockIdx.z * 1536;
// CHECK: if (row < 16 && col < 96) part[row * 96 + col] = acc[mi][nj][e];
// CHECK-LABEL: // ---- kernel split_fusion_0 (qmatmul)
// CHECK: block-dequantizing GEMM (int8, block 64) finished: the 5 partial tiles of split_fusion_0_partials summed, epilogue fused: kiln.add.
// CHECK: split_fusion_0(const __nv_bfloat16 *__restrict__ in0, {{.*}}, float *__restrict__ workspace, int64_t n)
// CHECK: const int64_t first = vec * 8;
// CHECK: for (int z = 0; z < 5; ++z) {
// CHECK: const kiln::Vec<float, 4> p = kiln::load_vec<4>(&workspace[z * 1536ll + first + h]);
// CHECK: const float root0 = kiln::round_bf16(acc[lane]);
// CHECK: // kiln.add
// CHECK: kiln::store_vec<8>(&out0[first], o);
func.func @split(%x: tensor<16x1408xbf16>, %q: tensor<96x1408xi8>, %s: tensor<96x22xf32>, %b: tensor<1x96xbf16>)
    -> tensor<16x96xbf16> {
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x1408xbf16>, tensor<96x1408xi8>, tensor<96x22xf32>
  %1 = kiln.add %0, %b : tensor<16x96xbf16>, tensor<1x96xbf16>
  return %1 : tensor<16x96xbf16>
}
