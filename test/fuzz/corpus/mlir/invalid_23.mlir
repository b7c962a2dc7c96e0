func.func @clamp_bool_operand(%x: tensor<4xi1>) {
  // expected-error @+1 {{'kiln.clamp' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.clamp %x {min = 0.0 : f32} : tensor<4xi1>
  return
}
