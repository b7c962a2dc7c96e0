func.func @group_norm_rank(%x: tensor<64xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op x must be [N, C, ...] with rank >= 2, got rank 1}}
  %0 = kiln.group_norm %x {num_groups = 8 : i64} : tensor<64xf32>
  return
}
