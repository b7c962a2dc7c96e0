// A fusion the generators cannot implement (a reduction with a fused
// prologue, written by hand: only the scan family takes prologues) gets one
// located error.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: unsupported.mlir:{{[0-9]+}}:8: error: 'kiln.fusion' op the reduction kernel reads its root's operands from memory, but operand #0 of kiln.softmax is computed inside the fusion (a prologue, which only the scan family takes)
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.fusion (%x : tensor<4x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>} {
  ^bb0(%a: tensor<4x8xf32>):
    %e = kiln.exp %a : tensor<4x8xf32>
    %s = kiln.softmax %e : tensor<4x8xf32>
    kiln.yield %s : tensor<4x8xf32>
  }
  return %0 : tensor<4x8xf32>
}
