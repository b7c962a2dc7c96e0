// cast_i32_f32: kiln.cast i32 -> f32 rounds to nearest even above 2^24
// Expected values: round to nearest even of the exact integer.
// RUN: kilnc run %s --device reference --inputs %S/cast_i32_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_i32_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x4xi32> {kiln.name = "x"}) -> (tensor<2x4xf32> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<2x4xi32> to tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
