// param_linear: kiln.param f32 weight and bias (weights file) in x·wᵀ + b
// Expected values: PyTorch float64 F.linear.
// RUN: kilnc run %s --device reference --inputs %S/param_linear.in.safetensors --output %t.safetensors --weights %S/param_linear.weights.safetensors
// RUN: kiln-compare %t.safetensors %S/param_linear.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x8xf32> {kiln.name = "x"}) -> (tensor<3x5xf32> {kiln.name = "y"}) {
  %w = kiln.param "fc.weight" : tensor<5x8xf32>
  %b = kiln.param "fc.bias" : tensor<1x5xf32>
  %h = kiln.matmul %x, %w {transpose_b = true} : tensor<3x8xf32>, tensor<5x8xf32>
  %y = kiln.add %h, %b : tensor<3x5xf32>, tensor<1x5xf32>
  return %y : tensor<3x5xf32>
}
