// attention_causal_square: kiln.attention causal with Lq = Lk = 5
// Expected values: PyTorch float64 F.scaled_dot_product_attention(is_causal=True).
// RUN: kilnc run %s --device reference --inputs %S/attention_causal_square.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_causal_square.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<1x2x5x4xf32> {kiln.name = "q"}, %k: tensor<1x2x5x4xf32> {kiln.name = "k"}, %v: tensor<1x2x5x4xf32> {kiln.name = "v"}) -> (tensor<1x2x5x4xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v {scale = 0.5 : f32, causal = true} : tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32>
  return %o : tensor<1x2x5x4xf32>
}
