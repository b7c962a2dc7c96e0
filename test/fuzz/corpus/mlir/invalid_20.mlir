func.func @softplus_zero_beta(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.softplus' op beta must not be 0}}
  %0 = kiln.softplus %x {beta = 0.0 : f32} : tensor<4xf32>
  return
}
