// attention_gqa: kiln.attention grouped-query: Hq = 4 reads Hk = 2 (head h -> h / 2)
// Expected values: PyTorch float64 F.scaled_dot_product_attention(enable_gqa=True).
// RUN: kilnc run %s --device reference --inputs %S/attention_gqa.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_gqa.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x4x3x8xf32> {kiln.name = "q"}, %k: tensor<1x2x5x8xf32> {kiln.name = "k"}, %v: tensor<1x2x5x4xf32> {kiln.name = "v"}) -> (tensor<1x4x3x4xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.30000001192092896 : f32} : tensor<1x4x3x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x4xf32>
  return %o : tensor<1x4x3x4xf32>
}
