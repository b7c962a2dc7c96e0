// cast_f32_bf16: kiln.cast f32 -> bf16 rounds to nearest even (exact ties included)
// Expected values: round to nearest even of the stored f32 value.
// RUN: kilnc run %s --device reference --inputs %S/cast_f32_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_f32_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xbf16> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xbf16>
  return %y : tensor<4x8xbf16>
}
