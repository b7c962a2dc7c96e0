// Ops whose kernel family has no generator yet get one located error.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: unsupported.mlir:{{[0-9]+}}:8: error: 'kiln.fusion' op the attention kernel family (root kiln.attention) has no code generator in this version of Kiln
func.func @main(%q: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %0 = kiln.attention %q, %q, %q {scale = 0.5 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}
