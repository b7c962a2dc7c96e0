func.func @clamp_bound_wrong_kind(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'min' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.clamp %x {min = 0 : i64} : tensor<4xf32>
  return
}
