func.func @rope_bad_scaling(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op scaling must be one of {none, linear, ntk, yarn}, got "dynamic"}}
  %0 = kiln.rope %x, %p {scaling = "dynamic"} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
