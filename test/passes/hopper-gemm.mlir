// kiln-hopper-gemm: x · Wᵀ matmuls in bf16 / f16 whose one W serves every
// batch (the batches' rows then one tall A) and whose 128 x 128 tiles
// number at least min-tiles take kiln.tile = "128x128_sm90a"; a matmul that
// names a tile keeps it; f32, B not transposed, a batched W, K not a
// multiple of 8 and grids under min-tiles keep theirs.
// RUN: kiln-opt %s --kiln-hopper-gemm="min-tiles=4" | FileCheck %s

// CHECK-LABEL: func.func @main
func.func @main(%x: tensor<2x256x64xbf16>, %w: tensor<256x64xbf16>, %h: tensor<256x64xf16>, %wh: tensor<256x64xf16>,
                %f: tensor<256x64xf32>, %wf: tensor<256x64xf32>, %wb: tensor<2x256x64xbf16>,
                %k: tensor<256x60xbf16>, %wk: tensor<256x60xbf16>, %s: tensor<128x64xbf16>,
                %wkn: tensor<64x256xbf16>) {
  // CHECK: kiln.matmul %arg0, %arg1 {kiln.tile = "128x128_sm90a", transpose_b = true}
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<2x256x64xbf16>, tensor<256x64xbf16>
  // CHECK: kiln.matmul %arg2, %arg3 {kiln.tile = "128x128_sm90a", transpose_b = true}
  %1 = kiln.matmul %h, %wh {transpose_b = true} : tensor<256x64xf16>, tensor<256x64xf16>
  // CHECK: kiln.matmul %arg4, %arg5 {transpose_b = true}
  %2 = kiln.matmul %f, %wf {transpose_b = true} : tensor<256x64xf32>, tensor<256x64xf32>
  // CHECK: kiln.matmul %arg0, %arg6 {transpose_b = true}
  %3 = kiln.matmul %x, %wb {transpose_b = true} : tensor<2x256x64xbf16>, tensor<2x256x64xbf16>
  // CHECK: kiln.matmul %arg7, %arg8 {transpose_b = true}
  %4 = kiln.matmul %k, %wk {transpose_b = true} : tensor<256x60xbf16>, tensor<256x60xbf16>
  // CHECK: kiln.matmul %arg9, %arg1 {transpose_b = true}
  %5 = kiln.matmul %s, %w {transpose_b = true} : tensor<128x64xbf16>, tensor<256x64xbf16>
  // CHECK: kiln.matmul %arg0, %arg10 :
  %6 = kiln.matmul %x, %wkn : tensor<2x256x64xbf16>, tensor<64x256xbf16>
  // CHECK: kiln.matmul %arg0, %arg1 {kiln.tile = "128x64", transpose_b = true}
  %7 = kiln.matmul %x, %w {transpose_b = true, kiln.tile = "128x64"} : tensor<2x256x64xbf16>, tensor<256x64xbf16>
  return
}
