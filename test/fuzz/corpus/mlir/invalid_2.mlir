func.func @constant_bad_element_type() {
  // expected-error @+1 {{'kiln.constant' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %c = kiln.constant dense<1.0> : tensor<4xf64>
  return
}
