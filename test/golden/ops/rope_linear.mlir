// rope_linear: kiln.rope linear scaling factor 4 (θ' = θ/4)
// Expected values: numpy float64 transcription of ops.md kiln.rope.
// RUN: kilnc run %s --device reference --inputs %S/rope_linear.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_linear.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x8xf32> {kiln.name = "x"}, %pos: tensor<3xi64> {kiln.name = "pos"}) -> (tensor<1x2x3x8xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos {scaling = "linear", factor = 4.0 : f32} : tensor<1x2x3x8xf32>, tensor<3xi64>
  return %y : tensor<1x2x3x8xf32>
}
