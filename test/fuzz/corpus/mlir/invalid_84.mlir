func.func @resize_result_rank(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op result must have rank 4, got rank 3 [4, 16, 16]}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<1x4x8x8xf32> -> tensor<4x16x16xf32>
  return
}
