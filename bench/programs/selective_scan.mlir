// Selective scan: B 8, E 2048, L 4096, N 16, f32.
func.func @main(%u: tensor<8x2048x4096xf32> {kiln.name = "u"}, %dt: tensor<8x2048x4096xf32> {kiln.name = "delta"},
                %A: tensor<2048x16xf32> {kiln.name = "A"}, %B: tensor<8x1x16x4096xf32> {kiln.name = "B"},
                %C: tensor<8x1x16x4096xf32> {kiln.name = "C"}, %h0: tensor<8x2048x16xf32> {kiln.name = "h0"})
    -> (tensor<8x2048x4096xf32> {kiln.name = "y"}, tensor<8x2048x16xf32> {kiln.name = "h"}) {
  %y, %h = kiln.selective_scan %u, %dt, %A, %B, %C, %h0 : tensor<8x2048x4096xf32>, tensor<8x2048x4096xf32>, tensor<2048x16xf32>, tensor<8x1x16x4096xf32>, tensor<8x1x16x4096xf32>, tensor<8x2048x16xf32>
  return %y, %h : tensor<8x2048x4096xf32>, tensor<8x2048x16xf32>
}
