func.func @reduce_keepdim_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'keepdim' failed to satisfy constraint: bool attribute}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 0>, keepdim = 1 : i64} : tensor<4x8xf32>
  return
}
