// A fusion the generators cannot implement yet (a reduction with a fused
// prologue, written by hand) gets one located error.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: unsupported.mlir:{{[0-9]+}}:8: error: 'kiln.fusion' op row-reduction fusions take a reduction of a fusion input, followed only by an elementwise epilogue of a softmax or normalization; prologues are not generated yet
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.fusion (%x : tensor<4x8xf32>) -> tensor<4x8xf32> attributes {family = "row_reduction"} {
  ^bb0(%a: tensor<4x8xf32>):
    %e = kiln.exp %a : tensor<4x8xf32>
    %s = kiln.softmax %e : tensor<4x8xf32>
    kiln.yield %s : tensor<4x8xf32>
  }
  return %0 : tensor<4x8xf32>
}
