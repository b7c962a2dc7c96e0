func.func @fusion_family_disagrees_with_root(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'kiln.fusion' op family pointwise disagrees with its root kiln.matmul of the gemm family}}
  %r = kiln.fusion (%x, %w : tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>):
    %m = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x8xf32>
    %e = kiln.exp %m : tensor<4x8xf32>
    kiln.yield %e : tensor<4x8xf32>
  }
  return %r : tensor<4x8xf32>
}
