// TOLERANCE: 1e-4
// The scan's vector reads and writes: u, Δ, B and C straight from memory
// with L = 1028, a multiple of four (a thread's four steps are one 16-byte
// load; three chunks, the last holding one thread's steps), two groups of
// B/C, y through a D-skip epilogue stored as vectors; and L = 1030, whose
// steps are read one by one.
func.func @main(%u: tensor<2x4x1028xf32> {kiln.name = "u"}, %dt: tensor<2x4x1028xf32> {kiln.name = "dt"},
                %a: tensor<4x8xf32> {kiln.name = "a"}, %bm: tensor<2x2x8x1028xf32> {kiln.name = "bm"},
                %cm: tensor<2x2x8x1028xf32> {kiln.name = "cm"}, %h0: tensor<2x4x8xf32> {kiln.name = "h0"},
                %d: tensor<1x4x1xf32> {kiln.name = "d"},
                %u2: tensor<1x2x1030xf32> {kiln.name = "u2"}, %dt2: tensor<1x2x1030xf32> {kiln.name = "dt2"},
                %b2: tensor<1x1x8x1030xf32> {kiln.name = "b2"}, %c2: tensor<1x1x8x1030xf32> {kiln.name = "c2"},
                %s2: tensor<1x2x8xf32> {kiln.name = "s2"})
    -> (tensor<2x4x1028xf32> {kiln.name = "y"}, tensor<2x4x8xf32> {kiln.name = "h"},
        tensor<1x2x1030xf32> {kiln.name = "y2"}, tensor<1x2x8xf32> {kiln.name = "h2"}) {
  // Small positive steps and decaying A keep the states bounded.
  %tenth = kiln.constant dense<0.1> : tensor<1x1x1xf32>
  %dts = kiln.mul %dt, %tenth : tensor<2x4x1028xf32>, tensor<1x1x1xf32>
  %delta = kiln.abs %dts : tensor<2x4x1028xf32>
  %ea = kiln.abs %a : tensor<4x8xf32>
  %na = kiln.neg %ea : tensor<4x8xf32>
  %y, %h = kiln.selective_scan %u, %delta, %na, %bm, %cm, %h0 : tensor<2x4x1028xf32>, tensor<2x4x1028xf32>, tensor<4x8xf32>, tensor<2x2x8x1028xf32>, tensor<2x2x8x1028xf32>, tensor<2x4x8xf32>
  %du = kiln.mul %u, %d : tensor<2x4x1028xf32>, tensor<1x4x1xf32>
  %ys = kiln.add %y, %du : tensor<2x4x1028xf32>, tensor<2x4x1028xf32>
  %dts2 = kiln.mul %dt2, %tenth : tensor<1x2x1030xf32>, tensor<1x1x1xf32>
  %delta2 = kiln.abs %dts2 : tensor<1x2x1030xf32>
  %na2 = kiln.slice %na {start = array<i64: 0, 0>, limit = array<i64: 2, 8>, stride = array<i64: 1, 1>} : tensor<4x8xf32>
  %y2, %h2 = kiln.selective_scan %u2, %delta2, %na2, %b2, %c2, %s2 : tensor<1x2x1030xf32>, tensor<1x2x1030xf32>, tensor<2x8xf32>, tensor<1x1x8x1030xf32>, tensor<1x1x8x1030xf32>, tensor<1x2x8xf32>
  return %ys, %h, %y2, %h2 : tensor<2x4x1028xf32>, tensor<2x4x8xf32>, tensor<1x2x1030xf32>, tensor<1x2x8xf32>
}
