func.func @matmul_transpose_b_contracting(%a: tensor<16x64xf32>, %b: tensor<64x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op contracting dimensions differ: a has K = 64, b has K = 8}}
  %0 = kiln.matmul %a, %b {transpose_b = true} : tensor<16x64xf32>, tensor<64x8xf32>
  return
}
