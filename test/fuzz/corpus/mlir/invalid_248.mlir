//===----------------------------------------------------------------------===//
// Sequence state spaces: selective_scan
//===----------------------------------------------------------------------===//

func.func @scan_ok(%u: tensor<1x64x16xf32>, %dt: tensor<1x64x16xf32>, %a: tensor<64x8xf32>,
                   %b: tensor<1x2x8x16xf32>, %c: tensor<1x2x8x16xf32>, %h0: tensor<1x64x8xf32>,
                   %ub: tensor<1x64x16xbf16>) {
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %c, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>,
        tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x64x8xf32>
  %y2, %h2 = kiln.selective_scan %ub, %dt, %a, %b, %c, %h0
      : tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<64x8xf32>,
        tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x64x8xf32>
  return
}
