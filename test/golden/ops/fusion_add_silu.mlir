// fusion_add_silu: kiln.fusion whose body (kiln.add with broadcasting, kiln.silu) executes; each body op rounds to f32
// Expected values: PyTorch float64 F.silu(a + b), the sum rounded to f32 first.
// RUN: kilnc run %s --device reference --inputs %S/fusion_add_silu.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/fusion_add_silu.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}, %b: tensor<1x8xf32> {kiln.name = "b"}) -> (tensor<4x8xf32> {kiln.name = "y"}) {
  %y = kiln.fusion(%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
    %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
    %t = kiln.silu %s : tensor<4x8xf32>
    kiln.yield %t : tensor<4x8xf32>
  }
  return %y : tensor<4x8xf32>
}
