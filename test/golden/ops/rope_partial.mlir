// rope_partial: kiln.rope rotary_dim = 4 of D = 8 (the last 4 pass through), [B, L] i32 positions differing per batch
// Expected values: numpy float64 transcription of ops.md kiln.rope.
// RUN: kilnc run %s --device reference --inputs %S/rope_partial.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_partial.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x2x3x8xf32> {kiln.name = "x"}, %pos: tensor<2x3xi32> {kiln.name = "pos"}) -> (tensor<2x2x3x8xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos {rotary_dim = 4 : i64} : tensor<2x2x3x8xf32>, tensor<2x3xi32>
  return %y : tensor<2x2x3x8xf32>
}
