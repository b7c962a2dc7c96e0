// The scan family (ScanEmitter.cpp, kiln_scan.cuh): one block per (batch,
// channel), chunks of 4 steps per thread scanned as affine maps, the
// prologue (softplus(Δ + bias)) evaluated where Δ is read, operands read
// straight from memory four steps per vector load, the D skip and SiLU(z)
// gate where y is stored (a vector of four steps), and the last state as
// the second output.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (scan)
// CHECK: chunked selective scan (2 x 8 blocks of 64 threads, 4 steps each per chunk, f32 state; kiln.add, kiln.softplus, kiln.selective_scan, kiln.mul, kiln.add, kiln.silu, kiln.mul)
// CHECK: #include "kiln_scan.cuh"
// CHECK: extern "C" __global__ void __launch_bounds__(64)
// The block's batch, channel and group, as the reads need them.
// CHECK: const int64_t b = (int64_t)blockIdx.x / 8;
// CHECK-NEXT: const int64_t c = (int64_t)blockIdx.x % 8;
// CHECK-NEXT: const int64_t grp = c / 4;
// CHECK: __shared__ float carry[4], a_log2e[4];
// CHECK: __shared__ kiln::Affine scratch[8];
// CHECK: a_log2e[s] = as * 1.44269504088896341f;
// CHECK: for (int64_t chunk = 0; chunk < 200; chunk += 256) {
// CHECK: const int64_t t0 = chunk + threadIdx.x * 4;
// delta through its prologue, step by step; u straight from memory, four
// steps in one vector (8 bytes of bf16), as B and C.
// CHECK: // delta
// CHECK: const int64_t t = t0 + item;
// CHECK: // kiln.add
// CHECK: // kiln.softplus
// CHECK: dt[item] = v{{[0-9]+}};
// CHECK: // u
// CHECK-NEXT: if (t0 < 200) {
// CHECK-NEXT: const kiln::Vec<__nv_bfloat16, 4> w = kiln::load_vec<4>(&in2[(int64_t)blockIdx.x * 200 + t0]);
// The four states scan together: one pair of barriers for the group.
// CHECK: for (int64_t s0 = 0; s0 < 4; s0 += 4) {
// CHECK: const int64_t s = s0 + j;
// CHECK-NEXT: const float as2 = a_log2e[s];
// CHECK: const kiln::Vec<__nv_bfloat16, 4> w = kiln::load_vec<4>(&in4[((b * 2 + grp) * 4 + s) * 200 + t0]);
// CHECK: da[j][item] = exp2f(dt[item] * as2);
// CHECK: kiln::block_exclusive_affine_scans<4, 2>(mine, before, scratch);
// CHECK: float h = before[j].a * carry[s] + before[j].b;
// CHECK: if (threadIdx.x == 63) {
// CHECK: for (int j = 0; j < 4; ++j) carry[s0 + j] = last[j];
// CHECK: // epilogue
// CHECK: const float root0 = kiln::round_bf16(y[item]);
// CHECK: // kiln.silu
// CHECK: o.v[item] = __float2bfloat16_rn(v{{[0-9]+}});
// CHECK: kiln::store_vec<4>(&out0[(int64_t)blockIdx.x * 200 + t0], o);
// CHECK: out1[(int64_t)blockIdx.x * 4 + s] = carry[s];
// CHECK-NOT: ---- kernel
func.func @main(%u: tensor<2x8x200xbf16>, %dt: tensor<2x8x200xbf16>, %bias: tensor<1x8x1xbf16>,
                %a: tensor<8x4xf32>, %B: tensor<2x2x4x200xbf16>, %C: tensor<2x2x4x200xbf16>,
                %h0: tensor<2x8x4xf32>, %d: tensor<1x8x1xbf16>, %z: tensor<2x8x200xbf16>)
    -> (tensor<2x8x200xbf16>, tensor<2x8x4xf32>) {
  %0 = kiln.add %dt, %bias : tensor<2x8x200xbf16>, tensor<1x8x1xbf16>
  %delta = kiln.softplus %0 : tensor<2x8x200xbf16>
  %y, %hl = kiln.selective_scan %u, %delta, %a, %B, %C, %h0 : tensor<2x8x200xbf16>, tensor<2x8x200xbf16>, tensor<8x4xf32>, tensor<2x2x4x200xbf16>, tensor<2x2x4x200xbf16>, tensor<2x8x4xf32>
  %du = kiln.mul %u, %d : tensor<2x8x200xbf16>, tensor<1x8x1xbf16>
  %1 = kiln.add %y, %du : tensor<2x8x200xbf16>, tensor<2x8x200xbf16>
  %gz = kiln.silu %z : tensor<2x8x200xbf16>
  %2 = kiln.mul %1, %gz : tensor<2x8x200xbf16>, tensor<2x8x200xbf16>
  return %2, %hl : tensor<2x8x200xbf16>, tensor<2x8x4xf32>
}
