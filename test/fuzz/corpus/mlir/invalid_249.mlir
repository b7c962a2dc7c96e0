func.func @scan_u_rank(%u: tensor<64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op u must have rank 3, got rank 2 [64, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<64x16xf32>, tensor<64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}
