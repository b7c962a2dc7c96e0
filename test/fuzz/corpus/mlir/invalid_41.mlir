func.func @cast_unsupported_element(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.cast' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.cast %x : tensor<4xf32> to tensor<4xf64>
  return
}
