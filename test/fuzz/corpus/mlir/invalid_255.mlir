func.func @scan_cm_shape(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %c: tensor<1x1x8x8xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op Cm must be [B, G, N, L] = [1, 1, 8, 16], got [1, 1, 8, 8]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %c, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x8xf32>, tensor<1x64x8xf32>
  return
}
