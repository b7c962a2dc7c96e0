//===----------------------------------------------------------------------===//
// Reductions and softmax: reduce_*, argmax, cumsum, topk, softmax, log_softmax
//===----------------------------------------------------------------------===//

func.func @reductions_ok(%x: tensor<4x37xf32>, %i: tensor<2x16xi32>) {
  %0 = kiln.reduce_sum %x {axes = array<i64: -1>, keepdim = true} : tensor<4x37xf32>
  %1 = kiln.reduce_mean %x {axes = array<i64: 0, 1>} : tensor<4x37xf32>
  %2 = kiln.reduce_max %i {axes = array<i64: 0>} : tensor<2x16xi32>
  %3 = kiln.reduce_min %x {axes = array<i64: 1>} : tensor<4x37xf32>
  %4 = kiln.argmax %x {axis = -1 : i64} : tensor<4x37xf32>
  %5 = kiln.cumsum %i {axis = 1 : i64} : tensor<2x16xi32>
  %6:2 = kiln.topk %x {k = 37 : i64} : tensor<4x37xf32>
  %7 = kiln.softmax %x : tensor<4x37xf32>
  %8 = kiln.log_softmax %x {axis = 0 : i64} : tensor<4x37xf32>
  %9 = "kiln.argmax"(%x) <{axis = 0 : i64, keepdim = true}> : (tensor<4x37xf32>) -> tensor<1x37xi64>
  return
}
