func.func @clamp_nan(%x: tensor<4xf32>) {
  // NaN bounds are allowed, as in PyTorch (they propagate).
  %0 = kiln.clamp %x {min = 0x7FC00000 : f32, max = 1.0 : f32} : tensor<4xf32>
  return
}
