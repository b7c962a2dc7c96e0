func.func @transpose_perm_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must be a permutation of 0..1, got [-1, 0]}}
  %0 = kiln.transpose %x {perm = array<i64: -1, 0>} : tensor<4x8xf32>
  return
}
