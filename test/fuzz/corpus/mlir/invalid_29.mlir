func.func @binary_dynamic_shape(%x: tensor<?x4xf32>, %y: tensor<1x4xf32>) {
  // expected-error @+1 {{'kiln.div' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<?x4xf32>}}
  %0 = kiln.div %x, %y : tensor<?x4xf32>, tensor<1x4xf32>
  return
}
