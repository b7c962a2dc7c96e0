func.func @scan_a_rank(%u: tensor<1x64x16xf32>, %a: tensor<64xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op A must have rank 2, got rank 1 [64]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}
