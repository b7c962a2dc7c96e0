func.func @scan_bm_rank(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op Bm must have rank 4, got rank 3 [1, 8, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x8x16xf32>, tensor<1x8x16xf32>, tensor<1x64x8xf32>
  return
}
