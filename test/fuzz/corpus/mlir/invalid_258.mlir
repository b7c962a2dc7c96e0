func.func @scan_int_operand(%u: tensor<1x64x16xi32>, %dt: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x64x16xi32>'}}
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %b, %h0
      : tensor<1x64x16xi32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}
