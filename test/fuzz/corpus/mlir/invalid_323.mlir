func.func @rope_negative_attention_factor(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op attention_factor must be finite and >= 0 (0 means the yarn default), got -1}}
  %0 = kiln.rope %x, %p {attention_factor = -1.0 : f32} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}
