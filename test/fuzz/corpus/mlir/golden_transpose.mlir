// transpose: kiln.transpose perm [2, 0, 1] (f32) and [0, 2, 1, 3] (i32)
// Expected values: torch.permute.
// RUN: kilnc run %s --device reference --inputs %S/transpose.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/transpose.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4xf32> {kiln.name = "x"}, %n: tensor<1x2x3x4xi32> {kiln.name = "n"}) -> (tensor<4x2x3xf32> {kiln.name = "y"}, tensor<1x3x2x4xi32> {kiln.name = "m"}) {
  %y = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32>
  %m = kiln.transpose %n {perm = array<i64: 0, 2, 1, 3>} : tensor<1x2x3x4xi32>
  return %y, %m : tensor<4x2x3xf32>, tensor<1x3x2x4xi32>
}
