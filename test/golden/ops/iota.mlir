// iota: kiln.iota along dim 0 / -1 / 1 for i32, f32, i64
// Expected values: torch.arange.
// RUN: kilnc run %s --device reference --inputs %S/iota.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/iota.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main() -> (tensor<5xi32> {kiln.name = "a"}, tensor<3x4xf32> {kiln.name = "b"}, tensor<2x3x4xi64> {kiln.name = "d"}) {
  %a = kiln.iota {dim = 0 : i64} : tensor<5xi32>
  %b = kiln.iota {dim = -1 : i64} : tensor<3x4xf32>
  %d = kiln.iota {dim = 1 : i64} : tensor<2x3x4xi64>
  return %a, %b, %d : tensor<5xi32>, tensor<3x4xf32>, tensor<2x3x4xi64>
}
