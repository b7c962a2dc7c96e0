// A normalization with its epilogue: GroupNorm, the per-channel affine and
// SiLU in one row-reduction kernel (the VAE's norm + affine + silu). The
// element's index in x's shape drives the broadcasts of the side inputs; a
// side input computed before the norm (the scale's exp) is fused too.
// RUN: kiln-translate --kiln-to-cuda %s | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (row_reduction)
// CHECK: row-reduction kernel for kiln.group_norm over 4 rows of 18 elements, epilogue fused: kiln.exp kiln.mul kiln.add kiln.silu.
// CHECK: main_fusion_0(const float *__restrict__ in0, const float *__restrict__ in1, const float *__restrict__ in2, float *__restrict__ out0) {
// CHECK: const float inv = rsqrtf(q / 18.0f + 0.000010f);
// CHECK: const float v = in1[x_offset(row, k)];
// CHECK-NEXT: const int64_t linear = x_offset(row, k);
// CHECK: const int64_t i1 = (linear / 9) % 4;
// CHECK: const float root0 = (v - mean) * inv;
// CHECK: // kiln.exp
// CHECK: // kiln.mul
// CHECK: // kiln.add
// CHECK: // kiln.silu
// CHECK: out0[linear] = v{{[0-9]+}};
// CHECK-NOT: ---- kernel
func.func @main(%scale: tensor<1x4x1x1xf32>, %x: tensor<2x4x3x3xf32>, %b: tensor<1x4x1x1xf32>) -> tensor<2x4x3x3xf32> {
  %s = kiln.exp %scale : tensor<1x4x1x1xf32>
  %n = kiln.group_norm %x {num_groups = 2 : i64} : tensor<2x4x3x3xf32>
  %m = kiln.mul %n, %s : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %a = kiln.add %m, %b : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %y = kiln.silu %a : tensor<2x4x3x3xf32>
  return %y : tensor<2x4x3x3xf32>
}
