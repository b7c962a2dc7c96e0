// dequantize_axis1: kiln.dequantize 8-bit values, blocks of 4 along axis 1, f32 result
// Expected values: numpy float64 q·s.
// RUN: kilnc run %s --device reference --inputs %S/dequantize_axis1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/dequantize_axis1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%q: tensor<3x8xi8> {kiln.name = "q"}, %s: tensor<3x2xf32> {kiln.name = "s"}) -> (tensor<3x8xf32> {kiln.name = "w"}) {
  %w = kiln.dequantize %q, %s {block_size = 4 : i64, axis = 1 : i64} : tensor<3x8xi8>, tensor<3x2xf32> -> tensor<3x8xf32>
  return %w : tensor<3x8xf32>
}
