// group_norm: kiln.group_norm 4 groups of 2 channels over NCHW (eps 1e-5), and 3 groups on [N, C, L] (eps 1e-6)
// Expected values: PyTorch float64 F.group_norm without affine.
// RUN: kilnc run %s --device reference --inputs %S/group_norm.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/group_norm.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x8x3x3xf32> {kiln.name = "x"}, %s: tensor<2x6x5xf32> {kiln.name = "s"}) -> (tensor<2x8x3x3xf32> {kiln.name = "y"}, tensor<2x6x5xf32> {kiln.name = "z"}) {
  %y = kiln.group_norm %x {num_groups = 4 : i64} : tensor<2x8x3x3xf32>
  %z = kiln.group_norm %s {num_groups = 3 : i64, eps = 9.999999974752427e-07 : f32} : tensor<2x6x5xf32>
  return %y, %z : tensor<2x8x3x3xf32>, tensor<2x6x5xf32>
}
