// pad_reflect: kiln.pad reflect on H and W of NCHW, asymmetric (pad < dim)
// Expected values: PyTorch float64 F.pad(mode='reflect').
// RUN: kilnc run %s --device reference --inputs %S/pad_reflect.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/pad_reflect.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%x: tensor<1x2x3x4xf32> {kiln.name = "x"}) -> (tensor<1x2x6x9xf32> {kiln.name = "y"}) {
  %y = kiln.pad %x {low = array<i64: 0, 0, 1, 2>, high = array<i64: 0, 0, 2, 3>, mode = "reflect"} : tensor<1x2x3x4xf32>
  return %y : tensor<1x2x6x9xf32>
}
