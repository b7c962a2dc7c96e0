// rope_yarn: kiln.rope YaRN d = 128, theta 1e4, factor 16, L0 = 4096 (low = 20, high = 46, m = 0.1·ln 16 + 1 = 1.2773)
// Expected values: numpy float64 transcription of ops.md kiln.rope (HF _compute_yarn_parameters).
// RUN: kilnc run %s --device reference --inputs %S/rope_yarn.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_yarn.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x1x3x128xf32> {kiln.name = "x"}, %pos: tensor<3xi64> {kiln.name = "pos"}) -> (tensor<1x1x3x128xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos {scaling = "yarn", factor = 16.0 : f32, original_max_positions = 4096 : i64} : tensor<1x1x3x128xf32>, tensor<3xi64>
  return %y : tensor<1x1x3x128xf32>
}
