func.func @rope_interleaved_wrong_kind(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{attribute 'interleaved' failed to satisfy constraint: bool attribute}}
  %0 = kiln.rope %x, %p {interleaved = 1 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}
