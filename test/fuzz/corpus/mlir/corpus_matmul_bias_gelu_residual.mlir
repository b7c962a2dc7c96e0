// TOLERANCE: 1e-4
// A transformer MLP half: y = x + gelu(x·W1ᵀ + b1)·W2ᵀ.
func.func @main(%x: tensor<8x64xf32> {kiln.name = "x"}) -> (tensor<8x64xf32> {kiln.name = "y"}) {
  %w1 = kiln.param "w1" : tensor<128x64xf32>
  %b1 = kiln.param "b1" : tensor<1x128xf32>
  %w2 = kiln.param "w2" : tensor<64x128xf32>
  %h = kiln.matmul %x, %w1 {transpose_b = true} : tensor<8x64xf32>, tensor<128x64xf32>
  %hb = kiln.add %h, %b1 : tensor<8x128xf32>, tensor<1x128xf32>
  %g = kiln.gelu %hb : tensor<8x128xf32>
  %o = kiln.matmul %g, %w2 {transpose_b = true} : tensor<8x128xf32>, tensor<64x128xf32>
  %y = kiln.add %x, %o : tensor<8x64xf32>, tensor<8x64xf32>
  return %y : tensor<8x64xf32>
}
