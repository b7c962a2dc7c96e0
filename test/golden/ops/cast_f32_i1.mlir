// cast_f32_i1: kiln.cast f32 -> i1 is 'non-zero' (-0.0 -> false, NaN -> true)
// Expected values: PyTorch .to(torch.bool).
// RUN: kilnc run %s --device reference --inputs %S/cast_f32_i1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/cast_f32_i1.out.safetensors --rtol 0 --atol 0

func.func @main(%x: tensor<1x8xf32> {kiln.name = "x"}) -> (tensor<1x8xi1> {kiln.name = "y"}) {
  %y = kiln.cast %x : tensor<1x8xf32> to tensor<1x8xi1>
  return %y : tensor<1x8xi1>
}
