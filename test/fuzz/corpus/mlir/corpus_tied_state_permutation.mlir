// TOLERANCE: 1e-6
// Tied results that read each other's old state: a swap (a' = b, b' = a), an
// untied output returning the old `a`, and an accumulator c' = c + a. The
// write-backs run one after another, so the old values must be snapshotted.
func.func @main(%a: tensor<4x3xf32> {kiln.name = "a"}, %b: tensor<4x3xf32> {kiln.name = "b"},
                %c: tensor<4x3xf32> {kiln.name = "c"})
    -> (tensor<4x3xf32> {kiln.name = "new_a", kiln.tied = 0 : i64},
        tensor<4x3xf32> {kiln.name = "new_b", kiln.tied = 1 : i64},
        tensor<4x3xf32> {kiln.name = "new_c", kiln.tied = 2 : i64},
        tensor<4x3xf32> {kiln.name = "old_a"}) {
  %sum = kiln.add %c, %a : tensor<4x3xf32>, tensor<4x3xf32>
  return %b, %a, %sum, %a : tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}
