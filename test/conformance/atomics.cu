//===- atomics.cu - Conformance: atomics with order-independent answers ---===//
//
// A histogram with atomicAdd on int, sums of exactly representable float and
// double values (so the order of the additions cannot change the answer),
// atomicMax / atomicMin on int and unsigned, the device library's f32
// max / min, atomicExch chaining, a compare-and-swap counter (32- and 64-bit)
// and a spin lock taken by one lane per warp.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// Everything conf_atomics updates; the host initializes it.
struct ConfAtomics {
  int hist[37];
  float fsum;
  double dsum;
  unsigned usum;
  int imax, imin;
  unsigned umax, umin;
  float fmax, fmin;
  unsigned casCount;
  unsigned long long casCount64;
  int lock;
  int lockedCount;
  unsigned exchSlot;
};

/// Grid-stride over x[0..n); exchOld[i] receives atomicExch's old value.
extern "C" __global__ void __launch_bounds__(256)
    conf_atomics(const int *x, int n, ConfAtomics *o, unsigned *exchOld) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
       i += gridDim.x * blockDim.x) {
    const int v = x[i];
    atomicAdd(&o->hist[((v % 37) + 37) % 37], 1);
    atomicAdd(&o->fsum, static_cast<float>(v & 7) * 0.5f);
    atomicAdd(&o->dsum, static_cast<double>(v) * 0.125);
    atomicAdd(&o->usum, static_cast<unsigned>(v & 0xff));
    atomicMax(&o->imax, v);
    atomicMin(&o->imin, v);
    const unsigned hashed = static_cast<unsigned>(v) * 2654435761u;
    atomicMax(&o->umax, hashed);
    atomicMin(&o->umin, hashed);
    kiln::atomic_max_f32(&o->fmax, static_cast<float>(v) * 0.25f);
    kiln::atomic_min_f32(&o->fmin, static_cast<float>(v) * 0.25f);
    exchOld[i] = atomicExch(&o->exchSlot, static_cast<unsigned>(i));

    unsigned old = *static_cast<volatile unsigned *>(&o->casCount), seen;
    do {
      seen = old;
      old = atomicCAS(&o->casCount, seen, seen + 1);
    } while (old != seen);
    unsigned long long old64 = *static_cast<volatile unsigned long long *>(
                           &o->casCount64),
                       seen64;
    do {
      seen64 = old64;
      old64 = atomicCAS(&o->casCount64, seen64, seen64 + 1);
    } while (old64 != seen64);
  }

  if (threadIdx.x % 32 == 0) { // one lane per warp takes the lock
    while (atomicCAS(&o->lock, 0, 1) != 0) {
    }
    __threadfence();
    volatile int *count = &o->lockedCount;
    *count = *count + 1;
    __threadfence();
    atomicExch(&o->lock, 0);
  }
}
KILN_EXPORT_KERNEL(conf_atomics)
