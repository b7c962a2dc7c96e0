// decode_attention_lens_below_t: kiln.decode_attention with lens < T (1 < 2) is an error on the reference device
// Expected values: none: the run must fail.
// RUN: not kilnc run %s --device reference --inputs %S/decode_attention_lens_below_t.in.safetensors --output %t.safetensors 2>&1 | FileCheck %s
// CHECK: kilnc: error: {{.*}}'kiln.decode_attention' op {{.*}}must lie in

func.func @main(%q: tensor<1x2x2x4xf32> {kiln.name = "q"}, %k_cache: tensor<1x2x4x4xf32> {kiln.name = "k_cache"}, %v_cache: tensor<1x2x4x4xf32> {kiln.name = "v_cache"}, %lens: tensor<1x2xi32> {kiln.name = "lens"}) -> (tensor<1x2x2x4xf32> {kiln.name = "o"}) {
  %o = kiln.decode_attention %q, %k_cache, %v_cache, %lens {scale = 0.5 : f32} : tensor<1x2x2x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2xi32>
  return %o : tensor<1x2x2x4xf32>
}
