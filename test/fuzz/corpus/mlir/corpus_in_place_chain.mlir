// TOLERANCE: 1e-5
// Elementwise kernels writing over their dying input (kiln-plan-memory's
// in-place reuse), vectorized (last dimension 12) and scalar (last
// dimension 7), next to a transpose that must not run in place.
func.func @main(%x: tensor<5x12xf32> {kiln.name = "x"}, %y: tensor<6x7xf32> {kiln.name = "y"})
    -> (tensor<5x12xf32> {kiln.name = "d"}, tensor<6x7xf32> {kiln.name = "g"}) {
  %a = kiln.softmax %x : tensor<5x12xf32>
  %e = kiln.exp %a : tensor<5x12xf32>
  %b = kiln.add %e, %a : tensor<5x12xf32>, tensor<5x12xf32>
  %c = kiln.transpose %b {perm = array<i64: 1, 0>} : tensor<5x12xf32>
  %s = kiln.softmax %c : tensor<12x5xf32>
  %t = kiln.transpose %s {perm = array<i64: 1, 0>} : tensor<12x5xf32>
  %m = kiln.mul %t, %t : tensor<5x12xf32>, tensor<5x12xf32>
  %d = kiln.add %m, %b : tensor<5x12xf32>, tensor<5x12xf32>
  %p = kiln.softmax %y : tensor<6x7xf32>
  %q = kiln.tanh %p : tensor<6x7xf32>
  %g = kiln.mul %q, %p : tensor<6x7xf32>, tensor<6x7xf32>
  return %d, %g : tensor<5x12xf32>, tensor<6x7xf32>
}
