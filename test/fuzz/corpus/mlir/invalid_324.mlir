func.func @kiln_attribute_on_op(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.exp' op unknown kiln attribute 'kiln.name' on an operation}}
  %0 = kiln.exp %x {kiln.name = ""} : tensor<4xf32>
  return
}
