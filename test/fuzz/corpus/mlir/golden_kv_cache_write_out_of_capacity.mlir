// kv_cache_write_out_of_capacity: kiln.kv_cache_write past the capacity (pos 5, T = 2, S = 6) is an error on the reference device
// Expected values: none: the run must fail.
// RUN: not kilnc run %s --device reference --inputs %S/kv_cache_write_out_of_capacity.in.safetensors --output %t.safetensors 2>&1 | FileCheck %s
// CHECK: kilnc: error: {{.*}}'kiln.kv_cache_write' op {{.*}}outside the cache capacity of

func.func @main(%cache: tensor<1x2x6x3xf32> {kiln.name = "cache"}, %new: tensor<1x2x2x3xf32> {kiln.name = "new"}, %pos: tensor<1x2xi32> {kiln.name = "pos"}) -> (tensor<1x2x6x3xf32> {kiln.name = "out"}) {
  %out = kiln.kv_cache_write %cache, %new, %pos : tensor<1x2x6x3xf32>, tensor<1x2x2x3xf32>, tensor<1x2xi32>
  return %out : tensor<1x2x6x3xf32>
}
