// cast_bf16_f32: kiln.cast bf16 -> f32 (exact)
// Expected values: exact conversion.
// RUN: kilnc run %s --device reference --inputs %S/cast_bf16_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_bf16_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x4xbf16> {kiln.name = "x"}) -> (tensor<3x4xf32> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<3x4xbf16> to tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
