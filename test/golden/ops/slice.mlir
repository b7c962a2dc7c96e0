// slice: kiln.slice with negative start and stride 2; negative limit with stride 3; limit beyond the dimension is clamped
// Expected values: numpy x[start:limit:stride].
// RUN: kilnc run %s --device reference --inputs %S/slice.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/slice.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<2x3x4xf32> {kiln.name = "x"}, %v: tensor<3x10xf32> {kiln.name = "v"}) -> (tensor<2x2x2xf32> {kiln.name = "y"}, tensor<2x3xf32> {kiln.name = "z"}) {
  %y = kiln.slice %x {start = array<i64: 0, 1, -4>, limit = array<i64: 2, 3, 4>, stride = array<i64: 1, 1, 2>} : tensor<2x3x4xf32>
  %z = kiln.slice %v {start = array<i64: 1, -9>, limit = array<i64: 100, -1>, stride = array<i64: 1, 3>} : tensor<3x10xf32>
  return %y, %z : tensor<2x2x2xf32>, tensor<2x3xf32>
}
