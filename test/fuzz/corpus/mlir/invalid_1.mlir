func.func @constant_not_tensor() {
  // expected-error @+1 {{'kiln.constant' op value must be a statically shaped tensor literal}}
  %c = kiln.constant dense<1.0> : vector<4xf32>
  return
}
