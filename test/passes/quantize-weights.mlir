// kiln-quantize-weights: matmuls against params become qmatmuls of
// kiln.quantize'd params (blocks along K), one quantize per param even when
// several matmuls read it; skipped names, transposed A, weights with other
// users and K not divisible by the block keep their matmul.
// RUN: kiln-opt %s --kiln-quantize-weights="bits=4 block-size=32 scheme=deepspeed skip=head" | FileCheck %s
// RUN: not kiln-opt %s --kiln-quantize-weights="bits=3" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not kiln-opt %s --kiln-quantize-weights="block-size=48" 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not kiln-opt %s --kiln-quantize-weights="scheme=minmax" 2>&1 | FileCheck %s --check-prefix=SCHEME

// CHECK-LABEL: func.func @main
// CHECK: %[[W:.*]] = kiln.param "fc.weight" : tensor<16x64xf32>
// CHECK-NEXT: %[[Q:.*]], %[[S:.*]] = kiln.quantize %[[W]] {axis = 1 : i64, bits = 4 : i64, block_size = 32 : i64, scheme = "deepspeed"} : tensor<16x64xf32>
// CHECK: %[[Q2:.*]], %[[S2:.*]] = kiln.quantize %{{.*}} {axis = 0 : i64, bits = 4 : i64, block_size = 32 : i64, scheme = "deepspeed"} : tensor<64x16xf32>
// CHECK-NOT: kiln.quantize %{{.*}} : tensor<16x64xf32>
// CHECK: kiln.param "head.weight"
// CHECK: %[[Q3:.*]], %[[S3:.*]] = kiln.quantize
// CHECK-NOT: kiln.quantize
// CHECK: kiln.qmatmul %arg0, %[[Q]], %[[S]] {bits = 4 : i64, block_size = 32 : i64} : tensor<2x64xf32>, tensor<16x64xi8>, tensor<16x2xf32>
// CHECK-NEXT: kiln.qmatmul %arg0, %[[Q2]], %[[S2]] {bits = 4 : i64, block_size = 32 : i64, transpose_b = false} : tensor<2x64xf32>, tensor<64x16xi8>, tensor<2x16xf32>
// CHECK-NEXT: kiln.matmul %arg0, %{{.*}} {transpose_b = true}
// CHECK-NEXT: kiln.matmul %arg1, %{{.*}} {transpose_a = true}
// CHECK-NEXT: kiln.matmul %arg0, %{{.*}} {transpose_b = true}
// CHECK-NEXT: kiln.exp
// CHECK-NEXT: kiln.qmatmul %arg0, %[[Q3]], %[[S3]]
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.qmatmul %arg0, %[[Q3]], %[[S3]]
// BITS: kiln-quantize-weights: bits must be 4 or 8, got 3
// BLOCK: kiln-quantize-weights: block-size must be 32, 64 or 128, got 48
// SCHEME: kiln-quantize-weights: scheme must be absmax or deepspeed, got 'minmax'
func.func @main(%x: tensor<2x64xf32>, %xt: tensor<64x2xf32>, %y: tensor<2x48xf32>)
    -> (tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>) {
  %w = kiln.param "fc.weight" : tensor<16x64xf32>
  %kn = kiln.param "proj.weight" : tensor<64x16xf32>
  %head = kiln.param "head.weight" : tensor<16x64xf32>
  %shared = kiln.param "shared.weight" : tensor<16x64xf32>
  %odd = kiln.param "odd.weight" : tensor<16x64xf32>
  %tin = kiln.param "tin.weight" : tensor<64x16xf32>
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<2x64xf32>, tensor<16x64xf32>
  %1 = kiln.matmul %x, %kn : tensor<2x64xf32>, tensor<64x16xf32>
  %2 = kiln.matmul %x, %head {transpose_b = true} : tensor<2x64xf32>, tensor<16x64xf32>
  %3 = kiln.matmul %xt, %tin {transpose_a = true} : tensor<64x2xf32>, tensor<64x16xf32>
  %5 = kiln.matmul %x, %odd {transpose_b = true} : tensor<2x64xf32>, tensor<16x64xf32>
  %other = kiln.exp %odd : tensor<16x64xf32>
  %4 = kiln.matmul %x, %shared {transpose_b = true} : tensor<2x64xf32>, tensor<16x64xf32>
  %6 = kiln.add %4, %4 : tensor<2x16xf32>, tensor<2x16xf32>
  %7 = kiln.matmul %x, %shared {transpose_b = true} : tensor<2x64xf32>, tensor<16x64xf32>
  return %0, %1, %2, %3, %6, %5 : tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>
}
