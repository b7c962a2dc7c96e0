func.func @clamp_no_bounds(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.clamp' op needs at least one of min and max}}
  %0 = kiln.clamp %x : tensor<4xf32>
  return
}
