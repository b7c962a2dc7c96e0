// expected-error @+1 {{'func.func' op result #0 is tied to argument #0 but their types differ: 'tensor<4xf16>' vs 'tensor<4xf32>'}}
func.func @tied_types_differ(%a: tensor<4xf32>) -> (tensor<4xf16> {kiln.tied = 0 : i64}) {
  %0 = kiln.cast %a : tensor<4xf32> to tensor<4xf16>
  return %0 : tensor<4xf16>
}
