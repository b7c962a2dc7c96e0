//===- kiln_data.cuh - device code of the data family ---------------------===//
//
// The data family (codegen/lib/DataEmitter.cpp): counter-based normal
// samples for kiln.random_normal. Philox4x32-10 exactly as the op contract
// (docs/ops.md) defines it — the reference interpreter uses the same
// constants: counter (lo32(i), hi32(i), 0, 0), key (lo32(seed), hi32(seed)),
// then a Box-Muller transform of the first two words.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DATA_CUH
#define KILN_DATA_CUH

#include "kiln_prelude.cuh"

namespace kiln {

KILN_DEVICE_INLINE void philox4x32_10(uint32_t c[4], uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    const uint64_t p0 = (uint64_t)0xD2511F53u * c[0];
    const uint64_t p1 = (uint64_t)0xCD9E8D57u * c[2];
    const uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0;
    const uint32_t n2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1;
    c[1] = (uint32_t)p1;
    c[3] = (uint32_t)p0;
    c[0] = n0;
    c[2] = n2;
  }
}

/// mean + std·N(0, 1) for element `index` of a kiln.random_normal(seed).
KILN_DEVICE_INLINE float random_normal(uint64_t index, uint64_t seed,
                                       float mean, float std) {
  uint32_t c[4] = {(uint32_t)index, (uint32_t)(index >> 32), 0u, 0u};
  philox4x32_10(c, (uint32_t)seed, (uint32_t)(seed >> 32));
  const float u1 = ((float)(c[0] >> 8) + 1.0f) * 5.9604644775390625e-8f;
  const float u2 = (float)(c[1] >> 8) * 5.9604644775390625e-8f;
  return mean + std * sqrtf(-2.0f * logf(u1)) * cosf(6.283185307179586f * u2);
}

} // namespace kiln

#endif // KILN_DATA_CUH
