func.func @clamp_min_above_max(%x: tensor<4xf32>) {
  // min > max is allowed, as in PyTorch (every element becomes max).
  %0 = kiln.clamp %x {min = 2.0 : f32, max = 1.0 : f32} : tensor<4xf32>
  return
}
