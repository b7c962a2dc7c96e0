// quantize_int8_absmax: kiln.quantize 8-bit absmax, blocks of 4 along axis 1, one all-zero block (s = 1)
// Expected values: numpy float64 transcription of ops.md kiln.quantize (scale rounded to f32, numpy rint).
// RUN: kilnc run %s --device reference --inputs %S/quantize_int8_absmax.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/quantize_int8_absmax.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%w: tensor<3x8xf32> {kiln.name = "w"}) -> (tensor<3x8xi8> {kiln.name = "q"}, tensor<3x2xf32> {kiln.name = "s"}) {
  %q, %s = kiln.quantize %w {bits = 8 : i64, block_size = 4 : i64, axis = 1 : i64} : tensor<3x8xf32>
  return %q, %s : tensor<3x8xi8>, tensor<3x2xf32>
}
