func.func @fusion_dynamic_input(%x: tensor<?xf32>) {
  // expected-error @+1 {{'kiln.fusion' op operand #0 must be variadic of statically shaped tensor (at most 2^48 elements) of}}
  kiln.fusion (%x : tensor<?xf32>) {
  ^bb0(%a: tensor<?xf32>):
    kiln.yield
  }
  return
}
