func.func @fusion_bad_family(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::mlir::kiln::KernelFamily to be one of: pointwise, reduction, gemm, qmatmul, convolution, attention, scan, data, copy}}
  // expected-error @+1 {{failed to parse Kiln_KernelFamilyAttr parameter 'value'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> attributes {family = #kiln.family<matmul>} {
  ^bb0(%a: tensor<4xf32>):
    kiln.yield %a : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
