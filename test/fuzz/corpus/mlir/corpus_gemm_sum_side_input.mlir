// TOLERANCE: 1e-5
// LoRA-shaped sum of two gemms (one gemm root per kernel) with a scale
// computed before the gemms that joins the second one's epilogue.
func.func @main(%x: tensor<6x16xf32> {kiln.name = "x"}, %s: tensor<1x8xf32> {kiln.name = "s"})
    -> (tensor<6x8xf32> {kiln.name = "y"}) {
  %w = kiln.param "w" : tensor<8x16xf32>
  %down = kiln.param "down" : tensor<16x4xf32>
  %up = kiln.param "up" : tensor<4x8xf32>
  %scale = kiln.exp %s : tensor<1x8xf32>
  %base = kiln.matmul %x, %w {transpose_b = true} : tensor<6x16xf32>, tensor<8x16xf32>
  %h = kiln.matmul %x, %down : tensor<6x16xf32>, tensor<16x4xf32>
  %lora = kiln.matmul %h, %up : tensor<6x4xf32>, tensor<4x8xf32>
  %scaled = kiln.mul %lora, %scale : tensor<6x8xf32>, tensor<1x8xf32>
  %y = kiln.add %base, %scaled : tensor<6x8xf32>, tensor<6x8xf32>
  return %y : tensor<6x8xf32>
}
