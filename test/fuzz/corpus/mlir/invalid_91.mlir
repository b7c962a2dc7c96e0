func.func @resize_int_operand(%x: tensor<1x4x8x8xi32>) {
  // expected-error @+1 {{'kiln.resize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x4x8x8xi32>'}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<1x4x8x8xi32> -> tensor<1x4x16x16xi32>
  return
}
