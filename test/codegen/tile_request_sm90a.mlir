// The Hopper kernel takes x · Wᵀ only (B stored N x K, so both operands
// arrive by K-contiguous TMA boxes); another layout asked for it is an
// error that names what it takes and what the matmul is.
// RUN: not kiln-translate --kiln-to-cuda %s 2>&1 | FileCheck %s
// CHECK: tile_request_sm90a.mlir:{{[0-9]+}}:8: error: 'kiln.matmul' op kiln.tile = "128x128_sm90a" takes a bf16 or f16 x · Wᵀ (transpose_b, A not transposed, one W for every batch, K a multiple of 8); this matmul is 256x256x64 with 1 batch(es), B not transposed
func.func @main(%x: tensor<256x64xbf16>, %w: tensor<64x256xbf16>) -> tensor<256x256xbf16> {
  %0 = kiln.matmul %x, %w {kiln.tile = "128x128_sm90a"} : tensor<256x64xbf16>, tensor<64x256xbf16>
  return %0 : tensor<256x256xbf16>
}
