// TOLERANCE: 1e-5
// Roots whose operand is a splat constant keep it as a kernel input when they
// take an epilogue (softmax · x, matmul + b); reductions over empty tensors
// (no rows, or rows of no elements) write what the reference does.
func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}, %b: tensor<4x8xf32> {kiln.name = "b"},
                %e: tensor<0x8xf32> {kiln.name = "e"}, %y: tensor<3x0xf32> {kiln.name = "y"},
                %g: tensor<0x4x2x2xf32> {kiln.name = "g"})
    -> (tensor<4x8xf32> {kiln.name = "p"}, tensor<4x8xf32> {kiln.name = "q"},
        tensor<0x8xf32> {kiln.name = "s"}, tensor<3xf32> {kiln.name = "r"},
        tensor<0x4x2x2xf32> {kiln.name = "n"}) {
  %c = kiln.constant dense<1.5> : tensor<4x8xf32>
  %sm = kiln.softmax %c : tensor<4x8xf32>
  %p = kiln.mul %sm, %x : tensor<4x8xf32>, tensor<4x8xf32>
  %h = kiln.constant dense<0.5> : tensor<8x8xf32>
  %mm = kiln.matmul %x, %h : tensor<4x8xf32>, tensor<8x8xf32>
  %q = kiln.add %mm, %b : tensor<4x8xf32>, tensor<4x8xf32>
  %s = kiln.softmax %e : tensor<0x8xf32>
  %r = kiln.reduce_sum %y {axes = array<i64: 1>} : tensor<3x0xf32>
  %n = kiln.group_norm %g {num_groups = 2 : i64} : tensor<0x4x2x2xf32>
  return %p, %q, %s, %r, %n : tensor<4x8xf32>, tensor<4x8xf32>, tensor<0x8xf32>, tensor<3xf32>, tensor<0x4x2x2xf32>
}
