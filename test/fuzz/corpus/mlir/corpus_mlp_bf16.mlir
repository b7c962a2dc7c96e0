// TOLERANCE: 3e-2
// The MLP VAE encoder in bf16 with a softmax head. The softmax amplifies the
// logits' 16-bit rounding (its relative error grows with the logits'
// magnitude): run under --precision f16 against the bf16 reference, random
// inputs reached 2.01e-2 (KILN_TEST_SEED=33), so 3e-2 here.
func.func @main(%x: tensor<4x96xbf16> {kiln.name = "x"}) -> (tensor<4x10xbf16> {kiln.name = "p"}) {
  %w1 = kiln.param "fc1.weight" : tensor<48x96xbf16>
  %b1 = kiln.param "fc1.bias" : tensor<48xbf16>
  %w2 = kiln.param "fc2.weight" : tensor<10x48xbf16>
  %h = kiln.matmul %x, %w1 {transpose_b = true} : tensor<4x96xbf16>, tensor<48x96xbf16>
  %b = kiln.reshape %b1 : tensor<48xbf16> -> tensor<1x48xbf16>
  %hb = kiln.add %h, %b : tensor<4x48xbf16>, tensor<1x48xbf16>
  %r = kiln.relu %hb : tensor<4x48xbf16>
  %o = kiln.matmul %r, %w2 {transpose_b = true} : tensor<4x48xbf16>, tensor<10x48xbf16>
  %p = kiln.softmax %o : tensor<4x10xbf16>
  return %p : tensor<4x10xbf16>
}
