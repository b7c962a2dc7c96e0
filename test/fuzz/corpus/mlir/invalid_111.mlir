func.func @softmax_axis_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.softmax %x {axis = 1.0 : f32} : tensor<4x8xf32>
  return
}
