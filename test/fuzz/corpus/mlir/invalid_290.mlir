func.func @fusion_root_not_a_kernel_root(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{'kiln.constant' op kiln.root marks the root of a kiln.fusion, as a unit attribute on an op of its body that roots a kernel}}
    %c = kiln.constant {kiln.root} dense<1.0> : tensor<4xf32>
    %s = kiln.add %a, %c : tensor<4xf32>, tensor<4xf32>
    kiln.yield %s : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
