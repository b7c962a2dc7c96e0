// attention_mask_i1: kiln.attention with an i1 mask [1,1,Lq,Lk] (true = may attend) broadcast over B and heads; a fully masked row yields 0
// Expected values: numpy/torch float64 transcription of ops.md kiln.attention.
// RUN: kilnc run %s --device reference --inputs %S/attention_mask_i1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/attention_mask_i1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<2x2x4x4xf32> {kiln.name = "q"}, %k: tensor<2x2x5x4xf32> {kiln.name = "k"}, %v: tensor<2x2x5x3xf32> {kiln.name = "v"}, %mask: tensor<1x1x4x5xi1> {kiln.name = "mask"}) -> (tensor<2x2x4x3xf32> {kiln.name = "o"}) {
  %o = kiln.attention %q, %k, %v, %mask {scale = 0.5 : f32} : tensor<2x2x4x4xf32>, tensor<2x2x5x4xf32>, tensor<2x2x5x3xf32>, tensor<1x1x4x5xi1>
  return %o : tensor<2x2x4x3xf32>
}
