// quantize_int8_deepspeed: kiln.quantize 8-bit deepspeed (s = amax/128): +amax clamps to 127, -amax gives -128; bf16 input
// Expected values: numpy float64 transcription of ops.md kiln.quantize (scale rounded to f32, numpy rint).
// RUN: kilnc run %s --device reference --inputs %S/quantize_int8_deepspeed.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/quantize_int8_deepspeed.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%w: tensor<2x8xbf16> {kiln.name = "w"}) -> (tensor<2x8xi8> {kiln.name = "q"}, tensor<2x1xf32> {kiln.name = "s"}) {
  %q, %s = kiln.quantize %w {bits = 8 : i64, block_size = 8 : i64, axis = -1 : i64, scheme = "deepspeed"} : tensor<2x8xbf16>
  return %q, %s : tensor<2x8xi8>, tensor<2x1xf32>
}
