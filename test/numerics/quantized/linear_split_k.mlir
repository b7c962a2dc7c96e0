// TOLERANCE: 2e-2
// Split K (QmatmulEmitter.cpp): weights too narrow for their tiles to fill
// the GPU split K across blocks, partial tiles summed in a second kernel
// that runs the epilogue. bf16: 16 rows against a 200 x 1408 weight with
// its bias, 5 slices of 288 (the last 256); f16: 20 rows against a
// 72 x 768 weight, 3 slices of 256.
func.func @main(%x: tensor<16x1408xbf16> {kiln.name = "x"}, %xh: tensor<20x768xf16> {kiln.name = "xh"})
    -> (tensor<16x200xbf16> {kiln.name = "y"}, tensor<20x72xf16> {kiln.name = "yh"}) {
  %w = kiln.param "fc.weight" : tensor<200x1408xbf16>
  %b = kiln.param "fc.bias" : tensor<1x200xbf16>
  %wh = kiln.param "proj.weight" : tensor<72x768xf16>
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<16x1408xbf16>, tensor<200x1408xbf16>
  %y = kiln.add %0, %b : tensor<16x200xbf16>, tensor<1x200xbf16>
  %yh = kiln.matmul %xh, %wh {transpose_b = true} : tensor<20x768xf16>, tensor<72x768xf16>
  return %y, %yh : tensor<16x200xbf16>, tensor<20x72xf16>
}
