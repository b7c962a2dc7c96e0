// TOLERANCE: 1e-5
// A block-quantized linear layer (int8 codes, block 8 along K) with its bias
// and ReLU fused into the dequantizing kernel.
func.func @main(%x: tensor<3x16xf32> {kiln.name = "x"}) -> (tensor<3x4xf32> {kiln.name = "y"}) {
  %q = kiln.param "q" : tensor<4x16xi8>
  %scale = kiln.param "scale" : tensor<4x2xf32>
  %bias = kiln.param "bias" : tensor<1x4xf32>
  %m = kiln.qmatmul %x, %q, %scale {bits = 8 : i64, block_size = 8 : i64, transpose_b = true} : tensor<3x16xf32>, tensor<4x16xi8>, tensor<4x2xf32>
  %b = kiln.add %m, %bias : tensor<3x4xf32>, tensor<1x4xf32>
  %y = kiln.relu %b : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
