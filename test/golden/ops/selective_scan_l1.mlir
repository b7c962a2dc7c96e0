// selective_scan_l1: kiln.selective_scan a single step (L = 1, decode), G = 2
// Expected values: numpy float64 transcription of ops.md kiln.selective_scan (mamba-ssm selective_scan_ref core).
// RUN: kilnc run %s --device reference --inputs %S/selective_scan_l1.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/selective_scan_l1.out.safetensors --rtol 2e-6 --atol 1e-6

func.func @main(%u: tensor<1x4x1xf32> {kiln.name = "u"}, %delta: tensor<1x4x1xf32> {kiln.name = "delta"}, %A: tensor<4x3xf32> {kiln.name = "A"}, %Bm: tensor<1x2x3x1xf32> {kiln.name = "Bm"}, %Cm: tensor<1x2x3x1xf32> {kiln.name = "Cm"}, %h0: tensor<1x4x3xf32> {kiln.name = "h0"}) -> (tensor<1x4x1xf32> {kiln.name = "y"}, tensor<1x4x3xf32> {kiln.name = "h"}) {
  %y, %h = kiln.selective_scan %u, %delta, %A, %Bm, %Cm, %h0 : tensor<1x4x1xf32>, tensor<1x4x1xf32>, tensor<4x3xf32>, tensor<1x2x3x1xf32>, tensor<1x2x3x1xf32>, tensor<1x4x3xf32>
  return %y, %h : tensor<1x4x1xf32>, tensor<1x4x3xf32>
}
