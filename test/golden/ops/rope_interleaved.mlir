// rope_interleaved: kiln.rope interleaved pairs (2i, 2i + 1), theta 500000
// Expected values: numpy float64 transcription of ops.md kiln.rope.
// RUN: kilnc run %s --device reference --inputs %S/rope_interleaved.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_interleaved.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x8xf32> {kiln.name = "x"}, %pos: tensor<3xi32> {kiln.name = "pos"}) -> (tensor<1x2x3x8xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos {theta = 500000.0 : f32, interleaved = true} : tensor<1x2x3x8xf32>, tensor<3xi32>
  return %y : tensor<1x2x3x8xf32>
}
