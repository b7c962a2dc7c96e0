// concat: kiln.concat of three tensors along axis 1, and of i32 along axis -1
// Expected values: torch.cat.
// RUN: kilnc run %s --device reference --inputs %S/concat.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/concat.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%a: tensor<2x1x3xf32> {kiln.name = "a"}, %b: tensor<2x2x3xf32> {kiln.name = "b"}, %d: tensor<2x3x3xf32> {kiln.name = "d"}, %p: tensor<2x2xi32> {kiln.name = "p"}, %q: tensor<2x3xi32> {kiln.name = "q"}) -> (tensor<2x6x3xf32> {kiln.name = "y"}, tensor<2x5xi32> {kiln.name = "z"}) {
  %y = kiln.concat %a, %b, %d {axis = 1 : i64} : tensor<2x1x3xf32>, tensor<2x2x3xf32>, tensor<2x3x3xf32>
  %z = kiln.concat %p, %q {axis = -1 : i64} : tensor<2x2xi32>, tensor<2x3xi32>
  return %y, %z : tensor<2x6x3xf32>, tensor<2x5xi32>
}
