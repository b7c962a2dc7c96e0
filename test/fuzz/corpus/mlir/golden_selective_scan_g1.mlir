// selective_scan_g1: kiln.selective_scan G = 1, L = 5, B = 2, E = 4, N = 3
// Expected values: numpy float64 transcription of ops.md kiln.selective_scan (mamba-ssm selective_scan_ref core).
// RUN: kilnc run %s --device reference --inputs %S/selective_scan_g1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/selective_scan_g1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%u: tensor<2x4x5xf32> {kiln.name = "u"}, %delta: tensor<2x4x5xf32> {kiln.name = "delta"}, %A: tensor<4x3xf32> {kiln.name = "A"}, %Bm: tensor<2x1x3x5xf32> {kiln.name = "Bm"}, %Cm: tensor<2x1x3x5xf32> {kiln.name = "Cm"}, %h0: tensor<2x4x3xf32> {kiln.name = "h0"}) -> (tensor<2x4x5xf32> {kiln.name = "y"}, tensor<2x4x3xf32> {kiln.name = "h"}) {
  %y, %h = kiln.selective_scan %u, %delta, %A, %Bm, %Cm, %h0 : tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<4x3xf32>, tensor<2x1x3x5xf32>, tensor<2x1x3x5xf32>, tensor<2x4x3xf32>
  return %y, %h : tensor<2x4x5xf32>, tensor<2x4x3xf32>
}
