// A chain of unary and binary ops on constants folds to one literal:
// relu(neg([1, -2])) * 3 = [0, 6]; exp(0) = 1 stays a splat.
func.func @fold_chain() -> (tensor<2xf32>, tensor<64x64xf32>) {
  %c = kiln.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %three = kiln.constant dense<3.0> : tensor<2xf32>
  %0 = kiln.neg %c : tensor<2xf32>
  %1 = kiln.relu %0 : tensor<2xf32>
  %2 = kiln.mul %1, %three : tensor<2xf32>, tensor<2xf32>
  %z = kiln.constant dense<0.0> : tensor<64x64xf32>
  %3 = kiln.exp %z : tensor<64x64xf32>
  return %2, %3 : tensor<2xf32>, tensor<64x64xf32>
}
