func.func @root_outside_a_fusion(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.exp' op kiln.root marks the root of a kiln.fusion}}
  %e = kiln.exp %x {kiln.root} : tensor<4xf32>
  return %e : tensor<4xf32>
}
