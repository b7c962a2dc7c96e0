func.func @transpose_perm_repeats(%x: tensor<4x8x2xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must be a permutation of 0..2, got [0, 2, 0]}}
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 0>} : tensor<4x8x2xf32>
  return
}
