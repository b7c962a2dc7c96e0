// dequantize_axis0_bf16: kiln.dequantize 4-bit values, blocks of 2 along axis 0, bf16 result (rounded once)
// Expected values: numpy float64 q·s.
// RUN: kilnc run %s --device reference --inputs %S/dequantize_axis0_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/dequantize_axis0_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%q: tensor<4x3xi8> {kiln.name = "q"}, %s: tensor<2x3xf32> {kiln.name = "s"}) -> (tensor<4x3xbf16> {kiln.name = "w"}) {
  %w = kiln.dequantize %q, %s {block_size = 2 : i64, axis = 0 : i64} : tensor<4x3xi8>, tensor<2x3xf32> -> tensor<4x3xbf16>
  return %w : tensor<4x3xbf16>
}
