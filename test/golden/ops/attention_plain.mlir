// attention_plain: kiln.attention without mask, scale 1/sqrt(8)
// Expected values: PyTorch float64 F.scaled_dot_product_attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_plain.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_plain.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<2x2x4x8xf32> {kiln.name = "q"}, %k: tensor<2x2x5x8xf32> {kiln.name = "k"}, %v: tensor<2x2x5x3xf32> {kiln.name = "v"}) -> (tensor<2x2x4x3xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.3535533845424652 : f32} : tensor<2x2x4x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x3xf32>
  return %o : tensor<2x2x4x3xf32>
}
