//===- kiln_qmatmul.cuh - device code of the qmatmul family ---------------===//
//
// Reading block-quantized weights (codegen/lib/QmatmulEmitter.cpp): int4
// codes are stored two per byte, low nibble first in linear order, and
// sign-extended from 4 bits. The tiled qmatmul kernels run kiln_gemm.cuh's
// gather tiles over a weight function that dequantizes as it reads.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_QMATMUL_CUH
#define KILN_QMATMUL_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// Element e of int4 codes packed two per byte (low nibble first), as a
/// float in [-8, 7].
KILN_DEVICE_INLINE float int4_at(const int8_t *packed, int64_t e) {
  const int byte = static_cast<unsigned char>(packed[e >> 1]);
  const int nibble = (e & 1) ? (byte >> 4) : (byte & 0xF);
  return static_cast<float>(nibble >= 8 ? nibble - 16 : nibble);
}

} // namespace kiln

#endif // KILN_QMATMUL_CUH
