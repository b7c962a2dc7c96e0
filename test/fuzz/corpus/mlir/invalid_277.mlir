func.func @qmatmul_contracting(%x: tensor<16x512xf32>, %q: tensor<512x256xi8>, %s: tensor<512x4xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op contracting dimensions differ: x has K = 512, q has K = 256}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<512x256xi8>, tensor<512x4xf32>
  return
}
