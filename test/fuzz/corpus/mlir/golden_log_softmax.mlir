// log_softmax: kiln.log_softmax along the last axis and along axis 0
// Expected values: PyTorch float64 F.log_softmax.
// RUN: kilnc run %s --device reference --inputs %S/log_softmax.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/log_softmax.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x7xf32> {kiln.name = "x"}) -> (tensor<3x7xf32> {kiln.name = "y"}, tensor<3x7xf32> {kiln.name = "w"}) {
  %y = kiln.log_softmax %x : tensor<3x7xf32>
  %w = kiln.log_softmax %x {axis = 0 : i64} : tensor<3x7xf32>
  return %y, %w : tensor<3x7xf32>, tensor<3x7xf32>
}
