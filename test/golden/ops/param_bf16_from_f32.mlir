// param_bf16_from_f32: a bf16 kiln.param stored as F32 in the weights file is converted (round to nearest even) on load; an i32 param read as is
// Expected values: PyTorch float64.
// RUN: kilnc run %s --device reference --inputs %S/param_bf16_from_f32.in.safetensors --output %t.safetensors --weights %S/param_bf16_from_f32.weights.safetensors
// RUN: kiln-compare %t.safetensors %S/param_bf16_from_f32.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%x: tensor<4x6xbf16> {kiln.name = "x"}) -> (tensor<4x6xbf16> {kiln.name = "s"}, tensor<4x6xbf16> {kiln.name = "wv"}, tensor<6xi32> {kiln.name = "nv"}) {
  %w = kiln.param "w" : tensor<4x6xbf16>
  %n = kiln.param "n" : tensor<2x3xi32>
  %s = kiln.add %x, %w : tensor<4x6xbf16>, tensor<4x6xbf16>
  %wv = kiln.reshape %w : tensor<4x6xbf16> -> tensor<4x6xbf16>
  %nv = kiln.reshape %n : tensor<2x3xi32> -> tensor<6xi32>
  return %s, %wv, %nv : tensor<4x6xbf16>, tensor<4x6xbf16>, tensor<6xi32>
}
