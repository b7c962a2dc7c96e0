// GroupNorm + affine + SiLU as AutoencoderKL's decoder runs it in its last
// up block at 512²: 32 groups of 4 channels × 512² bf16 (a million elements
// each; 64 MiB in and out). Few long rows: split across blocks.
func.func @main(%x: tensor<1x128x512x512xbf16> {kiln.name = "x"}, %gamma: tensor<1x128x1x1xbf16> {kiln.name = "gamma"},
                %beta: tensor<1x128x1x1xbf16> {kiln.name = "beta"}) -> (tensor<1x128x512x512xbf16> {kiln.name = "y"}) {
  %n = kiln.group_norm %x {num_groups = 32 : i64, eps = 1.0e-06 : f32} : tensor<1x128x512x512xbf16>
  %s = kiln.mul %n, %gamma : tensor<1x128x512x512xbf16>, tensor<1x128x1x1xbf16>
  %b = kiln.add %s, %beta : tensor<1x128x512x512xbf16>, tensor<1x128x1x1xbf16>
  %y = kiln.silu %b : tensor<1x128x512x512xbf16>
  return %y : tensor<1x128x512x512xbf16>
}
