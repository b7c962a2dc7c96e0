// cast_f32_i32: kiln.cast f32 -> i32: half to even, saturation at ±2^31, NaN -> 0
// Expected values: reference-semantics.md: round half to even, clamp to the i32 range, NaN -> 0.
// RUN: kilnc run %s --device reference --inputs %S/cast_f32_i32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_f32_i32.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<1x8xf32> {kiln.name = "x"}) -> (tensor<1x8xi32> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<1x8xf32> to tensor<1x8xi32>
  return %y : tensor<1x8xi32>
}
