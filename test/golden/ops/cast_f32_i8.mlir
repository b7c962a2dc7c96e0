// cast_f32_i8: kiln.cast f32 -> i8 rounds half to even and saturates; NaN -> 0
// Expected values: reference-semantics.md: round half to even (numpy rint), clamp to [-128, 127], NaN -> 0.
// RUN: kilnc run %s --device reference --inputs %S/cast_f32_i8.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_f32_i8.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<2x8xf32> {kiln.name = "x"}) -> (tensor<2x8xi8> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<2x8xf32> to tensor<2x8xi8>
  return %y : tensor<2x8xi8>
}
