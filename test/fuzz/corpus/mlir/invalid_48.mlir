func.func @transpose_perm_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must have 2 entries, got 3: [0, 1, 2]}}
  %0 = kiln.transpose %x {perm = array<i64: 0, 1, 2>} : tensor<4x8xf32>
  return
}
