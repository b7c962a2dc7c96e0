// A two-layer MLP (the encoder half of the MLP VAE: 784 → 400 → ReLU → 20)
// written against the kiln dialect. The weights are named params, read from
// safetensors at load time; the bias adds broadcast over the batch. The
// pipeline folds the identities the frontend left in (a reshape round trip,
// a multiply by one) and drops the unused reshape.
func.func @main(%x: tensor<16x784xf32> {kiln.name = "x"})
    -> (tensor<16x20xf32> {kiln.name = "mu"}) {
  %w1 = kiln.param "fc1.weight" : tensor<400x784xf32>
  %b1 = kiln.param "fc1.bias" : tensor<400xf32>
  %w2 = kiln.param "fc21.weight" : tensor<20x400xf32>
  %b2 = kiln.param "fc21.bias" : tensor<20xf32>

  %flat = kiln.reshape %x : tensor<16x784xf32> -> tensor<16x28x28xf32>
  %x2 = kiln.reshape %flat : tensor<16x28x28xf32> -> tensor<16x784xf32>
  %h = kiln.matmul %x2, %w1 {transpose_b = true}
      : tensor<16x784xf32>, tensor<400x784xf32>
  %bias1 = kiln.reshape %b1 : tensor<400xf32> -> tensor<1x400xf32>
  %h1 = kiln.add %h, %bias1 : tensor<16x400xf32>, tensor<1x400xf32>
  %one = kiln.constant dense<1.0> : tensor<1x400xf32>
  %h2 = kiln.mul %h1, %one : tensor<16x400xf32>, tensor<1x400xf32>
  %a = kiln.relu %h2 : tensor<16x400xf32>

  %mu = kiln.matmul %a, %w2 {transpose_b = true}
      : tensor<16x400xf32>, tensor<20x400xf32>
  %bias2 = kiln.reshape %b2 : tensor<20xf32> -> tensor<1x20xf32>
  %bias2b = kiln.reshape %b2 : tensor<20xf32> -> tensor<1x20xf32>
  %out = kiln.add %mu, %bias2b : tensor<16x20xf32>, tensor<1x20xf32>
  return %out : tensor<16x20xf32>
}
