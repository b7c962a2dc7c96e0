func.func @fusion_two_roots(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op marks two roots, kiln.exp and kiln.neg (one kernel has one kiln.root)}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %e = kiln.exp %a {kiln.root} : tensor<4xf32>
    %n = kiln.neg %e {kiln.root} : tensor<4xf32>
    kiln.yield %n : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
