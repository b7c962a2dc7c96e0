// reduce_max: kiln.reduce_max over axis 0 (f32) and over axes [1, 2] of i32
// Expected values: PyTorch torch.amax.
// RUN: kilnc run %s --device reference --inputs %S/reduce_max.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/reduce_max.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x6xf32> {kiln.name = "x"}, %n: tensor<2x3x4xi32> {kiln.name = "n"}) -> (tensor<6xf32> {kiln.name = "y"}, tensor<2xi32> {kiln.name = "m"}) {
  %y = kiln.reduce_max %x {axes = array<i64: 0>} : tensor<4x6xf32>
  %m = kiln.reduce_max %n {axes = array<i64: 1, 2>} : tensor<2x3x4xi32>
  return %y, %m : tensor<6xf32>, tensor<2xi32>
}
