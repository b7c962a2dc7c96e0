func.func @random_normal_int_result() {
  // expected-error @+1 {{'kiln.random_normal' op result #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4xi32>'}}
  %n = kiln.random_normal {seed = 1 : i64} : tensor<4xi32>
  return
}
