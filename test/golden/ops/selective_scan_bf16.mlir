// selective_scan_bf16: kiln.selective_scan with bf16 u and h0 (y and h_last bf16; delta, A, Bm, Cm f32), G = 1
// Expected values: numpy float64 transcription of ops.md kiln.selective_scan (mamba-ssm selective_scan_ref core).
// RUN: kilnc run %s --device reference --inputs %S/selective_scan_bf16.in.safetensors --output %t.safetensors
// RUN: kiln-compare %t.safetensors %S/selective_scan_bf16.out.safetensors --rtol 8e-3 --atol 1e-4

func.func @main(%u: tensor<1x4x5xbf16> {kiln.name = "u"}, %delta: tensor<1x4x5xf32> {kiln.name = "delta"}, %A: tensor<4x4xf32> {kiln.name = "A"}, %Bm: tensor<1x1x4x5xf32> {kiln.name = "Bm"}, %Cm: tensor<1x1x4x5xf32> {kiln.name = "Cm"}, %h0: tensor<1x4x4xbf16> {kiln.name = "h0"}) -> (tensor<1x4x5xbf16> {kiln.name = "y"}, tensor<1x4x4xbf16> {kiln.name = "h"}) {
  %y, %h = kiln.selective_scan %u, %delta, %A, %Bm, %Cm, %h0 : tensor<1x4x5xbf16>, tensor<1x4x5xf32>, tensor<4x4xf32>, tensor<1x1x4x5xf32>, tensor<1x1x4x5xf32>, tensor<1x4x4xbf16>
  return %y, %h : tensor<1x4x5xbf16>, tensor<1x4x4xbf16>
}
