// Ops whose kernel family has no generator yet get one located error.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: unsupported.mlir:{{[0-9]+}}:8: error: 'kiln.fusion' op the row_reduction kernel family (root kiln.softmax) has no code generator in this version of Kiln
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.softmax %x : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
