func.func @reduce_missing_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_min' op requires attribute 'axes'}}
  %0 = kiln.reduce_min %x : tensor<4x8xf32>
  return
}
