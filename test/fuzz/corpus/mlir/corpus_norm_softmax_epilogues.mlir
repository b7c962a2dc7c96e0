// TOLERANCE: 1e-4
// Row reductions with fused epilogues: GroupNorm whose per-channel scale is
// computed before it (exp), then the affine and SiLU; RMSNorm over the middle
// axis times a weight; a softmax multiplied by its own input (the input is
// read again as a side input of the epilogue).
func.func @main(%scale: tensor<1x4x1x1xf32> {kiln.name = "scale"}, %x: tensor<2x4x3x3xf32> {kiln.name = "x"},
                %b: tensor<1x4x1x1xf32> {kiln.name = "b"}, %r: tensor<3x6x5xf32> {kiln.name = "r"})
    -> (tensor<2x4x3x3xf32> {kiln.name = "y"}, tensor<3x6x5xf32> {kiln.name = "z"},
        tensor<3x6x5xf32> {kiln.name = "p"}) {
  %w = kiln.param "w" : tensor<1x6x1xf32>
  %s = kiln.exp %scale : tensor<1x4x1x1xf32>
  %n = kiln.group_norm %x {num_groups = 2 : i64} : tensor<2x4x3x3xf32>
  %m = kiln.mul %n, %s : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %a = kiln.add %m, %b : tensor<2x4x3x3xf32>, tensor<1x4x1x1xf32>
  %y = kiln.silu %a : tensor<2x4x3x3xf32>
  %rn = kiln.rms_norm %r {axes = array<i64: 1>} : tensor<3x6x5xf32>
  %z = kiln.mul %rn, %w : tensor<3x6x5xf32>, tensor<1x6x1xf32>
  %sm = kiln.softmax %r {axis = 2 : i64} : tensor<3x6x5xf32>
  %p = kiln.mul %sm, %r : tensor<3x6x5xf32>, tensor<3x6x5xf32>
  return %y, %z, %p : tensor<2x4x3x3xf32>, tensor<3x6x5xf32>, tensor<3x6x5xf32>
}
