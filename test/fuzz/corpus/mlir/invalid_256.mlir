func.func @scan_groups_do_not_divide(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x3x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op groups G = 3 must divide the channels E = 64}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x3x8x16xf32>, tensor<1x3x8x16xf32>, tensor<1x64x8xf32>
  return
}
