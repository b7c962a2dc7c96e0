func.func @transpose_perm_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'perm' failed to satisfy constraint: i64 dense array attribute}}
  %0 = kiln.transpose %x {perm = array<i32: 1, 0>} : tensor<4x8xf32>
  return
}
