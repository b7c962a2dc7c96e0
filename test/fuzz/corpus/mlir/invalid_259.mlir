//===----------------------------------------------------------------------===//
// Quantization: quantize, dequantize, qmatmul
//===----------------------------------------------------------------------===//

func.func @quantization_ok(%w: tensor<256x512xbf16>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>,
                           %x: tensor<1x16x512xbf16>, %qt: tensor<512x256xi8>, %st: tensor<4x256xf32>) {
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 64 : i64, axis = 1 : i64} : tensor<256x512xbf16>
  %1:2 = kiln.quantize %w {bits = 4 : i64, block_size = 32 : i64, axis = -2 : i64, scheme = "deepspeed"}
      : tensor<256x512xbf16>
  %2 = kiln.dequantize %q, %s {block_size = 64 : i64, axis = 1 : i64}
      : tensor<256x512xi8>, tensor<256x8xf32> -> tensor<256x512xbf16>
  %3 = kiln.qmatmul %x, %q, %s {bits = 4 : i64, block_size = 64 : i64}
      : tensor<1x16x512xbf16>, tensor<256x512xi8>, tensor<256x8xf32>
  %4 = kiln.qmatmul %x, %qt, %st {bits = 8 : i64, block_size = 128 : i64, transpose_b = false}
      : tensor<1x16x512xbf16>, tensor<512x256xi8>, tensor<4x256xf32>
  return
}
