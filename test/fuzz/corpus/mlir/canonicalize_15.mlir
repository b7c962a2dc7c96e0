// A non-splat literal above the folding limit (1024 elements) is left alone.
func.func @no_fold_large() -> tensor<1025xf32> {
  %c = kiln.iota {dim = 0 : i64} : tensor<1025xf32>
  %0 = kiln.exp %c : tensor<1025xf32>
  return %0 : tensor<1025xf32>
}
