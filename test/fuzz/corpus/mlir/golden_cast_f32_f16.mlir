// cast_f32_f16: kiln.cast f32 -> f16: nearest even, subnormals, overflow to inf above 65520
// Expected values: round to nearest even of the stored f32 value.
// RUN: kilnc run %s --device reference --inputs %S/cast_f32_f16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_f32_f16.out.safetensors --rtol 1e-3 --atol 1e-5

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) -> (tensor<4x8xf16> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xf16>
  return %y : tensor<4x8xf16>
}
