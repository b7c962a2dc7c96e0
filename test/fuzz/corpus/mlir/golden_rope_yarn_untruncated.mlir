// rope_yarn_untruncated: kiln.rope YaRN interleaved, rotary_dim 32 of 64, theta 5e5, factor 8, L0 = 8192, beta_fast 16, beta_slow 2, attention_factor 1.5, truncate = false
// Expected values: numpy float64 transcription of ops.md kiln.rope.
// RUN: kilnc run %s --device reference --inputs %S/rope_yarn_untruncated.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_yarn_untruncated.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x2x64xf32> {kiln.name = "x"}, %pos: tensor<1x2xi32> {kiln.name = "pos"}) -> (tensor<1x2x2x64xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos {theta = 500000.0 : f32, rotary_dim = 32 : i64, interleaved = true, scaling = "yarn", factor = 8.0 : f32, original_max_positions = 8192 : i64, beta_fast = 16.0 : f32, beta_slow = 2.0 : f32, attention_factor = 1.5 : f32, truncate = false} : tensor<1x2x2x64xf32>, tensor<1x2xi32>
  return %y : tensor<1x2x2x64xf32>
}
