func.func @fusion_yield_types(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op yields 'tensor<4xf16>' but the op's results are 'tensor<4xf32>'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %c = kiln.cast %a : tensor<4xf32> to tensor<4xf16>
    kiln.yield %c : tensor<4xf16>
  }
  return %r : tensor<4xf32>
}
