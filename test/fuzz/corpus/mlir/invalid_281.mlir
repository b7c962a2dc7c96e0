//===----------------------------------------------------------------------===//
// Structure: fusion and yield
//===----------------------------------------------------------------------===//

func.func @fusion_ok(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %r = kiln.fusion (%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
      attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
    %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
    %t = kiln.silu %s {kiln.root} : tensor<4x8xf32>
    kiln.yield %t : tensor<4x8xf32>
  }
  %u = kiln.fusion (%r : tensor<4x8xf32>) -> tensor<4x8xf32> {
  ^bb0(%a0: tensor<4x8xf32>):
    %e = kiln.exp %a0 : tensor<4x8xf32>
    kiln.yield %e : tensor<4x8xf32>
  }
  return %u : tensor<4x8xf32>
}
