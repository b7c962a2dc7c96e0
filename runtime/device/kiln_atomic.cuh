//===- kiln_atomic.cuh - Float atomics CUDA lacks -------------------------===//
//
// atomicMax / atomicMin on f32, which CUDA does not provide: a compare-and-
// swap loop on the GPU, a plain update in emulation (emulated threads never
// run at the same time). Both store fmaxf / fminf of the old and new value,
// so a NaN argument leaves the stored value alone, and both return the old
// value.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_ATOMIC_CUH
#define KILN_ATOMIC_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// *addr = fmaxf(*addr, v) atomically; returns the old value.
KILN_DEVICE_INLINE float atomic_max_f32(float *addr, float v) {
#if defined(KILN_EMU)
  float old = *addr;
  *addr = fmaxf(old, v);
  return old;
#else
  unsigned *bits = reinterpret_cast<unsigned *>(addr);
  unsigned old = *reinterpret_cast<volatile unsigned *>(bits), assumed;
  do {
    assumed = old;
    unsigned next = __float_as_uint(fmaxf(__uint_as_float(assumed), v));
    if (next == assumed)
      break;
    old = atomicCAS(bits, assumed, next);
  } while (old != assumed);
  return __uint_as_float(old);
#endif
}

/// *addr = fminf(*addr, v) atomically; returns the old value.
KILN_DEVICE_INLINE float atomic_min_f32(float *addr, float v) {
#if defined(KILN_EMU)
  float old = *addr;
  *addr = fminf(old, v);
  return old;
#else
  unsigned *bits = reinterpret_cast<unsigned *>(addr);
  unsigned old = *reinterpret_cast<volatile unsigned *>(bits), assumed;
  do {
    assumed = old;
    unsigned next = __float_as_uint(fminf(__uint_as_float(assumed), v));
    if (next == assumed)
      break;
    old = atomicCAS(bits, assumed, next);
  } while (old != assumed);
  return __uint_as_float(old);
#endif
}

} // namespace kiln

#endif // KILN_ATOMIC_CUH
