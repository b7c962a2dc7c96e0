func.func @gelu_bad_approximate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.gelu' op approximate must be one of {none, tanh}, got "erf"}}
  %0 = kiln.gelu %x {approximate = "erf"} : tensor<4xf32>
  return
}
