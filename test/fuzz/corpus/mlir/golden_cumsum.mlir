// cumsum: kiln.cumsum inclusive along axis 1 (f32) and axis 0 (i32)
// Expected values: PyTorch float64 torch.cumsum.
// RUN: kilnc run %s --device reference --inputs %S/cumsum.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cumsum.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x5xf32> {kiln.name = "x"}, %n: tensor<4x3xi32> {kiln.name = "n"}) -> (tensor<3x5xf32> {kiln.name = "y"}, tensor<4x3xi32> {kiln.name = "m"}) {
  %y = kiln.cumsum %x {axis = 1 : i64} : tensor<3x5xf32>
  %m = kiln.cumsum %n {axis = 0 : i64} : tensor<4x3xi32>
  return %y, %m : tensor<3x5xf32>, tensor<4x3xi32>
}
