// Generic syntax written by hand with default-valued attributes left out:
// the defaults of ops.md are filled in (printed back in generic form), and
// the ops print in custom form.

// GENERIC: "kiln.softmax"(%{{.*}}) <{axis = -1 : i64}>
// GENERIC: "kiln.layer_norm"(%{{.*}}) <{axes = array<i64: -1>, eps = 9.99999974E-6 : f32}>
// GENERIC: "kiln.attention"(%{{.*}}, %{{.*}}, %{{.*}}) <{causal = false, s2_group = 0 : i64, scale = 2.500000e-01 : f32, window = 0 : i64}>
// GENERIC: "kiln.rope"(%{{.*}}, %{{.*}}) <{attention_factor = 0.000000e+00 : f32, beta_fast = 3.200000e+01 : f32, beta_slow = 1.000000e+00 : f32, factor = 1.000000e+00 : f32, interleaved = false, original_max_positions = 0 : i64, rotary_dim = 0 : i64, scaling = "none", theta = 1.000000e+04 : f32, truncate = true}>
// GENERIC: "kiln.conv2d"(%{{.*}}, %{{.*}}) <{dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}>
// GENERIC: "kiln.quantize"(%{{.*}}) <{axis = 1 : i64, bits = 8 : i64, block_size = 37 : i64, scheme = "absmax"}>

func.func @main(%x: tensor<4x37xf32> {kiln.name = "x"}, %q: tensor<1x2x8x16xf32> {kiln.name = "q"},
                %p: tensor<8xi32> {kiln.name = "positions"}, %w: tensor<3x2x3x3xf32> {kiln.name = "w"})
    -> (tensor<4x37xf32> {kiln.name = "y"}) {
  %0 = "kiln.softmax"(%x) : (tensor<4x37xf32>) -> tensor<4x37xf32>
  %1 = "kiln.layer_norm"(%0) : (tensor<4x37xf32>) -> tensor<4x37xf32>
  %2 = "kiln.attention"(%q, %q, %q) <{scale = 0.25 : f32}> : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  %3 = "kiln.rope"(%2, %p) : (tensor<1x2x8x16xf32>, tensor<8xi32>) -> tensor<1x2x8x16xf32>
  %4 = "kiln.conv2d"(%3, %w) : (tensor<1x2x8x16xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x14xf32>
  %5:2 = "kiln.quantize"(%x) <{bits = 8 : i64, block_size = 37 : i64, axis = 1 : i64}> : (tensor<4x37xf32>) -> (tensor<4x37xi8>, tensor<4x1xf32>)
  return %1 : tensor<4x37xf32>
}
