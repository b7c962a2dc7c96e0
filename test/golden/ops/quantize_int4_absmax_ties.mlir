// quantize_int4_absmax_ties: kiln.quantize 4-bit absmax with exact ties: amax 7 gives s = 1, 2.5 -> 2, 3.5 -> 4, -0.5 -> 0 (round half to even)
// Expected values: numpy float64 transcription of ops.md kiln.quantize (scale rounded to f32, numpy rint).
// RUN: kilnc run %s --device reference --inputs %S/quantize_int4_absmax_ties.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/quantize_int4_absmax_ties.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%w: tensor<3x4xf32> {kiln.name = "w"}) -> (tensor<3x4xi8> {kiln.name = "q"}, tensor<3x1xf32> {kiln.name = "s"}) {
  %q, %s = kiln.quantize %w {bits = 4 : i64, block_size = 4 : i64, axis = 1 : i64} : tensor<3x4xf32>
  return %q, %s : tensor<3x4xi8>, tensor<3x1xf32>
}
