//===----------------------------------------------------------------------===//
// Robustness: terminators, zero-size kernels, shape arithmetic overflow,
// attribute values that are never meaningful.
//===----------------------------------------------------------------------===//

func.func @fusion_wrong_terminator(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op body must end with kiln.yield}}
  %0 = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    func.return %a : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}
