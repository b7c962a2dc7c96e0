func.func @rms_norm_negative_eps(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op eps must be finite and >= 0, got -1.000000e+00}}
  %0 = kiln.rms_norm %x {eps = -1.0 : f32} : tensor<2x8xf32>
  return
}
