// relu keeps NaN; f32 → i64 saturates at INT64_MAX; integers above 2^53
// compare exactly.
func.func @fold_edge_values() -> (tensor<2xf32>, tensor<2xi64>, tensor<1xi1>) {
  %n = kiln.constant dense<[0x7FC00000, -1.0]> : tensor<2xf32>
  %0 = kiln.relu %n : tensor<2xf32>
  %big = kiln.constant dense<[1.0e19, -1.0e19]> : tensor<2xf32>
  %1 = kiln.cast %big : tensor<2xf32> to tensor<2xi64>
  %a = kiln.constant dense<9007199254740993> : tensor<1xi64>
  %b = kiln.constant dense<9007199254740992> : tensor<1xi64>
  %2 = kiln.compare %a, %b {predicate = "eq"} : tensor<1xi64>, tensor<1xi64>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xi64>, tensor<1xi1>
}
