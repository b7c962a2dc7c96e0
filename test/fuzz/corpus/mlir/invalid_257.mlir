func.func @scan_h0_shape(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x16xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op h0 must be [B, E, N] = [1, 64, 8], got [1, 64, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x16xf32>
  return
}
