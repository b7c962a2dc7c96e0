// cast_i1_f32: kiln.cast i1 -> f32 and i1 -> i32 give 0/1
// Expected values: PyTorch .to(float64).
// RUN: kilnc run %s --device reference --inputs %S/cast_i1_f32.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_i1_f32.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<3x4xi1> {kiln.name = "x"}) -> (tensor<3x4xf32> {kiln.name = "y"}, tensor<3x4xi32> {kiln.name = "n"}) {
  %y = kiln.cast %x : tensor<3x4xi1> to tensor<3x4xf32>
  %n = kiln.cast %x : tensor<3x4xi1> to tensor<3x4xi32>
  return %y, %n : tensor<3x4xf32>, tensor<3x4xi32>
}
