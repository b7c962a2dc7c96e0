func.func @fusion_family_wrong_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{attribute 'family' failed to satisfy constraint: a kernel family}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> attributes {family = "pointwise"} {
  ^bb0(%a: tensor<4xf32>):
    kiln.yield %a : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
