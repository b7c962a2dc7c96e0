// kiln.tile asks for a tile the chosen kernel does not have: a decode
// matmul (4 rows against a Linear weight) runs as a GEMV, which is not
// tiled, and the compiler says so instead of ignoring the request.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: tile_request.mlir:{{[0-9]+}}:8: error: 'kiln.matmul' op kiln.tile = "128x128" asks for a tile the GEMV does not have (it is not tiled)
func.func @main(%x: tensor<4x64xbf16>, %w: tensor<256x64xbf16>) -> tensor<4x256xbf16> {
  %0 = kiln.matmul %x, %w {transpose_b = true, kiln.tile = "128x128"} : tensor<4x64xbf16>, tensor<256x64xbf16>
  return %0 : tensor<4x256xbf16>
}
