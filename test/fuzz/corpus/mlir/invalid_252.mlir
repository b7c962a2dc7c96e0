func.func @scan_delta_shape(%u: tensor<1x64x16xf32>, %dt: tensor<1x64x8xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op delta must have u's shape [B, E, L] = [1, 64, 16], got [1, 64, 8]}}
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x8xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}
