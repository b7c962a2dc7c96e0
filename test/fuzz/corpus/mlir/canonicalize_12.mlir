// bf16 results round once to nearest even: 1 + 2^-8 is a tie and goes to 1.0;
// 1 + 3·2^-8 goes up to 1 + 2^-6 (= 1.015625).
func.func @fold_bf16_rounding() -> tensor<2xbf16> {
  %a = kiln.constant dense<[1.0, 1.0]> : tensor<2xbf16>
  %b = kiln.constant dense<[0.00390625, 0.01171875]> : tensor<2xf32>
  %bb = kiln.cast %b : tensor<2xf32> to tensor<2xbf16>
  %0 = kiln.add %a, %bb : tensor<2xbf16>, tensor<2xbf16>
  return %0 : tensor<2xbf16>
}
