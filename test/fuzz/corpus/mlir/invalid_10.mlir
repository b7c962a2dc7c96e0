func.func @iota_bool_result() {
  // expected-error @+1 {{'kiln.iota' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %i = kiln.iota {dim = 0 : i64} : tensor<4xi1>
  return
}
