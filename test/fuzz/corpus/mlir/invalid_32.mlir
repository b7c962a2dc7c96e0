func.func @compare_bad_predicate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.compare' op predicate must be one of {eq, ne, lt, le, gt, ge}, got "neq"}}
  %0 = kiln.compare %x, %x {predicate = "neq"} : tensor<4xf32>, tensor<4xf32>
  return
}
