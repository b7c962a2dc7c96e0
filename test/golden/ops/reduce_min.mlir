// reduce_min: kiln.reduce_min over axes [0, 2] keepdim (f32) and over axis -1 of i8
// Expected values: PyTorch torch.amin.
// RUN: kilnc run %s --device reference --inputs %S/reduce_min.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_min.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4xf32> {kiln.name = "x"}, %n: tensor<3x5xi8> {kiln.name = "n"}) -> (tensor<1x3x1xf32> {kiln.name = "y"}, tensor<3xi8> {kiln.name = "m"}) {
  %y = kiln.reduce_min %x {axes = array<i64: 0, 2>, keepdim = true} : tensor<2x3x4xf32>
  %m = kiln.reduce_min %n {axes = array<i64: -1>} : tensor<3x5xi8>
  return %y, %m : tensor<1x3x1xf32>, tensor<3xi8>
}
