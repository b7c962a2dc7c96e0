func.func @softmax_dynamic_shape(%x: tensor<?x8xf32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<?x8xf32>}}
  %0 = kiln.softmax %x : tensor<?x8xf32>
  return
}
