// TOLERANCE: 1e-4
// The chunked scan across chunk and warp boundaries: L = 600 runs two chunks
// of 512 steps on four warps, with two groups of B/C and a given h0; B and C
// come from one x_proj-like tensor through slice and transpose prologues.
// L = 1 is a decode step (one warp, one valid step).
func.func @main(%u: tensor<2x4x600xf32> {kiln.name = "u"}, %dt: tensor<2x4x600xf32> {kiln.name = "dt"},
                %bc: tensor<2x600x2x32xf32> {kiln.name = "bc"}, %h0: tensor<2x4x16xf32> {kiln.name = "h0"},
                %u1: tensor<3x4x1xf32> {kiln.name = "u1"}, %dt1: tensor<3x4x1xf32> {kiln.name = "dt1"},
                %b1: tensor<3x1x16x1xf32> {kiln.name = "b1"}, %c1: tensor<3x1x16x1xf32> {kiln.name = "c1"},
                %s1: tensor<3x4x16xf32> {kiln.name = "s1"})
    -> (tensor<2x4x600xf32> {kiln.name = "y"}, tensor<2x4x16xf32> {kiln.name = "h"},
        tensor<3x4x1xf32> {kiln.name = "y1"}, tensor<3x4x16xf32> {kiln.name = "h1"}) {
  %alog = kiln.param "A_log" : tensor<4x16xf32>
  %ea = kiln.exp %alog : tensor<4x16xf32>
  %a = kiln.neg %ea : tensor<4x16xf32>
  %delta = kiln.softplus %dt : tensor<2x4x600xf32>
  %bs = kiln.slice %bc {start = array<i64: 0, 0, 0, 0>, limit = array<i64: 2, 600, 2, 16>, stride = array<i64: 1, 1, 1, 1>} : tensor<2x600x2x32xf32>
  %bt = kiln.transpose %bs {perm = array<i64: 0, 2, 3, 1>} : tensor<2x600x2x16xf32>
  %cs = kiln.slice %bc {start = array<i64: 0, 0, 0, 16>, limit = array<i64: 2, 600, 2, 32>, stride = array<i64: 1, 1, 1, 1>} : tensor<2x600x2x32xf32>
  %ct = kiln.transpose %cs {perm = array<i64: 0, 2, 3, 1>} : tensor<2x600x2x16xf32>
  %y, %h = kiln.selective_scan %u, %delta, %a, %bt, %ct, %h0 : tensor<2x4x600xf32>, tensor<2x4x600xf32>, tensor<4x16xf32>, tensor<2x2x16x600xf32>, tensor<2x2x16x600xf32>, tensor<2x4x16xf32>
  %delta1 = kiln.softplus %dt1 : tensor<3x4x1xf32>
  %y1, %h1 = kiln.selective_scan %u1, %delta1, %a, %b1, %c1, %s1 : tensor<3x4x1xf32>, tensor<3x4x1xf32>, tensor<4x16xf32>, tensor<3x1x16x1xf32>, tensor<3x1x16x1xf32>, tensor<3x4x16xf32>
  return %y, %h, %y1, %h1 : tensor<2x4x600xf32>, tensor<2x4x16xf32>, tensor<3x4x1xf32>, tensor<3x4x16xf32>
}
