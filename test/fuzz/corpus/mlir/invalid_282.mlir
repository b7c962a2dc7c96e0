func.func @fusion_argument_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op body has 0 arguments but the op captures 1 inputs}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
    %c = kiln.constant dense<0.0> : tensor<4xf32>
    kiln.yield %c : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
