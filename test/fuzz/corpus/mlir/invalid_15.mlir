//===----------------------------------------------------------------------===//
// Elementwise: unary, gelu, softplus, clamp, binary, compare, select, cast
//===----------------------------------------------------------------------===//

func.func @elementwise_ok(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>,
                          %h: tensor<4x8xbf16>, %c: tensor<4x1xi1>,
                          %i: tensor<4x8xi32>) {
  %0 = kiln.exp %x : tensor<4x8xf32>
  %1 = kiln.silu %h : tensor<4x8xbf16>
  %2 = kiln.gelu %x {approximate = "tanh"} : tensor<4x8xf32>
  %3 = kiln.softplus %x {beta = 2.0 : f32, threshold = 10.0 : f32} : tensor<4x8xf32>
  %4 = kiln.clamp %x {min = -1.0 : f32, max = 1.0 : f32} : tensor<4x8xf32>
  %5 = kiln.clamp %i {max = 3.0 : f32} : tensor<4x8xi32>
  %6 = kiln.add %x, %y : tensor<4x8xf32>, tensor<1x8xf32>
  %7 = kiln.pow %y, %x : tensor<1x8xf32>, tensor<4x8xf32>
  %8 = kiln.compare %x, %y {predicate = "le"} : tensor<4x8xf32>, tensor<1x8xf32>
  %9 = kiln.select %c, %x, %y : tensor<4x1xi1>, tensor<4x8xf32>, tensor<1x8xf32>
  %10 = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xbf16>
  %11 = kiln.cast %c : tensor<4x1xi1> to tensor<4x1xi32>
  %12 = "kiln.mul"(%x, %y) : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return
}
