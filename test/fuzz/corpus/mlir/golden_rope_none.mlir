// rope_none: kiln.rope default (theta 1e4, rotate_half pairs (i, i + D/2)), i64 positions [L]
// Expected values: numpy float64 transcription of ops.md kiln.rope (HF apply_rotary_pos_emb).
// RUN: kilnc run %s --device reference --inputs %S/rope_none.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rope_none.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x4x8xf32> {kiln.name = "x"}, %pos: tensor<4xi64> {kiln.name = "pos"}) -> (tensor<1x2x4x8xf32> {kiln.name = "y"}) {
  %y = kiln.rope %x, %pos : tensor<1x2x4x8xf32>, tensor<4xi64>
  return %y : tensor<1x2x4x8xf32>
}
