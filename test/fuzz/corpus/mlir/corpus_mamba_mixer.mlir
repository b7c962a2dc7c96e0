// TOLERANCE: 1e-4
// Mamba's mixer core: causal depthwise conv1d + bias + SiLU, Δ =
// softplus(dt + bias), the selective scan, D skip and the SiLU(z) gate.
func.func @main(%x: tensor<1x8x6xf32> {kiln.name = "x"}, %z: tensor<1x8x6xf32> {kiln.name = "z"},
                %dt: tensor<1x8x6xf32> {kiln.name = "dt"}, %B: tensor<1x1x4x6xf32> {kiln.name = "B"},
                %C: tensor<1x1x4x6xf32> {kiln.name = "C"}) -> (tensor<1x8x6xf32> {kiln.name = "y"}, tensor<1x8x4xf32> {kiln.name = "h"}) {
  %cw = kiln.param "conv.weight" : tensor<8x1x4xf32>
  %cb = kiln.param "conv.bias" : tensor<1x8x1xf32>
  %dtb = kiln.param "dt.bias" : tensor<1x8x1xf32>
  %alog = kiln.param "A_log" : tensor<8x4xf32>
  %d = kiln.param "D" : tensor<1x8x1xf32>
  %h0 = kiln.constant dense<0.0> : tensor<1x8x4xf32>
  %c = kiln.conv1d %x, %cw {groups = 8 : i64, padding = array<i64: 3, 0>} : tensor<1x8x6xf32>, tensor<8x1x4xf32>
  %c1 = kiln.add %c, %cb : tensor<1x8x6xf32>, tensor<1x8x1xf32>
  %u = kiln.silu %c1 : tensor<1x8x6xf32>
  %dt1 = kiln.add %dt, %dtb : tensor<1x8x6xf32>, tensor<1x8x1xf32>
  %delta = kiln.softplus %dt1 : tensor<1x8x6xf32>
  %ea = kiln.exp %alog : tensor<8x4xf32>
  %a = kiln.neg %ea : tensor<8x4xf32>
  %y, %hl = kiln.selective_scan %u, %delta, %a, %B, %C, %h0 : tensor<1x8x6xf32>, tensor<1x8x6xf32>, tensor<8x4xf32>, tensor<1x1x4x6xf32>, tensor<1x1x4x6xf32>, tensor<1x8x4xf32>
  %du = kiln.mul %u, %d : tensor<1x8x6xf32>, tensor<1x8x1xf32>
  %y1 = kiln.add %y, %du : tensor<1x8x6xf32>, tensor<1x8x6xf32>
  %gz = kiln.silu %z : tensor<1x8x6xf32>
  %out = kiln.mul %y1, %gz : tensor<1x8x6xf32>, tensor<1x8x6xf32>
  return %out, %hl : tensor<1x8x6xf32>, tensor<1x8x4xf32>
}
