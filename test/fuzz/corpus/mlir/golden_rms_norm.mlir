// rms_norm: kiln.rms_norm over the last axis (eps 1e-6) and over axes [1, 2] (eps 1e-5)
// Expected values: PyTorch float64 F.rms_norm without weight.
// RUN: kilnc run %s --device reference --inputs %S/rms_norm.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/rms_norm.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x16xf32> {kiln.name = "x"}, %z: tensor<2x3x4xf32> {kiln.name = "z"}) -> (tensor<3x16xf32> {kiln.name = "y"}, tensor<2x3x4xf32> {kiln.name = "w"}) {
  %y = kiln.rms_norm %x : tensor<3x16xf32>
  %w = kiln.rms_norm %z {axes = array<i64: 1, 2>, eps = 9.999999747378752e-06 : f32} : tensor<2x3x4xf32>
  return %y, %w : tensor<3x16xf32>, tensor<2x3x4xf32>
}
