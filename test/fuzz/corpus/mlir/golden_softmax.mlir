// softmax: kiln.softmax along the last axis, and along axis 0 with large logits
// Expected values: PyTorch float64 F.softmax.
// RUN: kilnc run %s --device reference --inputs %S/softmax.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/softmax.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x7xf32> {kiln.name = "x"}, %z: tensor<4x3xf32> {kiln.name = "z"}) -> (tensor<3x7xf32> {kiln.name = "y"}, tensor<4x3xf32> {kiln.name = "w"}) {
  %y = kiln.softmax %x : tensor<3x7xf32>
  %w = kiln.softmax %z {axis = 0 : i64} : tensor<4x3xf32>
  return %y, %w : tensor<3x7xf32>, tensor<4x3xf32>
}
