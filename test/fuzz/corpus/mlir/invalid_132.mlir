func.func @matmul_contracting_differs(%a: tensor<16x64xf32>, %b: tensor<32x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op contracting dimensions differ: a has K = 64, b has K = 32}}
  %0 = kiln.matmul %a, %b : tensor<16x64xf32>, tensor<32x8xf32>
  return
}
