// TOLERANCE: 1e-4
// The scan's states go through the block scan in groups of four, two or
// one, as N allows: N = 6 (groups of two) and N = 5 (one at a time), each
// over L = 300 steps on three warps (the warp totals of every state of a
// group side by side in shared memory), with given initial states.
func.func @main(%u: tensor<2x3x300xf32> {kiln.name = "u"}, %dt: tensor<2x3x300xf32> {kiln.name = "dt"},
                %a6: tensor<3x6xf32> {kiln.name = "a6"}, %b6: tensor<2x1x6x300xf32> {kiln.name = "b6"},
                %c6: tensor<2x1x6x300xf32> {kiln.name = "c6"}, %h6: tensor<2x3x6xf32> {kiln.name = "h6"},
                %a5: tensor<3x5xf32> {kiln.name = "a5"}, %b5: tensor<2x3x5x300xf32> {kiln.name = "b5"},
                %c5: tensor<2x3x5x300xf32> {kiln.name = "c5"}, %h5: tensor<2x3x5xf32> {kiln.name = "h5"})
    -> (tensor<2x3x300xf32> {kiln.name = "y6"}, tensor<2x3x6xf32> {kiln.name = "s6"},
        tensor<2x3x300xf32> {kiln.name = "y5"}, tensor<2x3x5xf32> {kiln.name = "s5"}) {
  // Small positive steps and decaying A keep the states bounded.
  %tenth = kiln.constant dense<0.1> : tensor<1x1x1xf32>
  %dts = kiln.mul %dt, %tenth : tensor<2x3x300xf32>, tensor<1x1x1xf32>
  %delta = kiln.abs %dts : tensor<2x3x300xf32>
  %ea6 = kiln.abs %a6 : tensor<3x6xf32>
  %na6 = kiln.neg %ea6 : tensor<3x6xf32>
  %ea5 = kiln.abs %a5 : tensor<3x5xf32>
  %na5 = kiln.neg %ea5 : tensor<3x5xf32>
  %y6, %s6 = kiln.selective_scan %u, %delta, %na6, %b6, %c6, %h6 : tensor<2x3x300xf32>, tensor<2x3x300xf32>, tensor<3x6xf32>, tensor<2x1x6x300xf32>, tensor<2x1x6x300xf32>, tensor<2x3x6xf32>
  %y5, %s5 = kiln.selective_scan %u, %delta, %na5, %b5, %c5, %h5 : tensor<2x3x300xf32>, tensor<2x3x300xf32>, tensor<3x5xf32>, tensor<2x3x5x300xf32>, tensor<2x3x5x300xf32>, tensor<2x3x5xf32>
  return %y6, %s6, %y5, %s5 : tensor<2x3x300xf32>, tensor<2x3x6xf32>, tensor<2x3x300xf32>, tensor<2x3x5xf32>
}
