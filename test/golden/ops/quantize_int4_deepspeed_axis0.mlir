// quantize_int4_deepspeed_axis0: kiln.quantize 4-bit deepspeed (s = amax/8), blocks of 2 along axis 0: +amax saturates to 7, an all-zero block
// Expected values: numpy float64 transcription of ops.md kiln.quantize (scale rounded to f32, numpy rint).
// RUN: kilnc run %s --device reference --inputs %S/quantize_int4_deepspeed_axis0.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/quantize_int4_deepspeed_axis0.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%w: tensor<4x6xf32> {kiln.name = "w"}) -> (tensor<4x6xi8> {kiln.name = "q"}, tensor<2x6xf32> {kiln.name = "s"}) {
  %q, %s = kiln.quantize %w {bits = 4 : i64, block_size = 2 : i64, axis = 0 : i64, scheme = "deepspeed"} : tensor<4x6xf32>
  return %q, %s : tensor<4x6xi8>, tensor<2x6xf32>
}
