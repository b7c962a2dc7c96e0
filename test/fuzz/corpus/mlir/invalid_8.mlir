func.func @iota_dim_out_of_range() {
  // expected-error @+1 {{'kiln.iota' op dim = 2 is out of range for rank 2 (expected -2 <= dim < 2)}}
  %i = kiln.iota {dim = 2 : i64} : tensor<4x8xi32>
  return
}
