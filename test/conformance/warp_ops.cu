//===- warp_ops.cu - Conformance: warp shuffles, votes and matches --------===//
//
// Every lane of every warp records what the warp-level primitives return,
// and run_emulated.cpp compares with answers derived from the CUDA
// documentation: xor-butterfly and shuffle-down reductions, a shuffle-up
// scan, sub-warp widths (including reading an earlier segment), 64-bit and
// float shuffles, disjoint half-warp masks, ballot / any / all, __syncwarp,
// __match_any_sync and the sm_80 __reduce_*_sync.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"

/// Slots of `out` per thread (conf_warp_ops).
enum ConfWarpSlot {
  kWarpXorSum,       // xor-butterfly sum over the warp, every lane
  kWarpDownSum,      // shuffle-down sum (lane 0 holds the total)
  kWarpScan,         // inclusive shuffle-up scan
  kWarpIdxWidth8,    // __shfl_sync(v, 11, width 8): lane 3 of the segment
  kWarpDown3Width16, // __shfl_down_sync(v, 3, width 16)
  kWarpUp2Width16,   // __shfl_up_sync(v, 2, width 16)
  kWarpXor5Width8,   // __shfl_xor_sync(v, 5, width 8)
  kWarpXor20Width16, // __shfl_xor_sync(v, 20, width 16): earlier segment only
  kWarpBallot,       // __ballot_sync(v % 3 == 0)
  kWarpAnyZero,      // __any_sync(v == 0)
  kWarpAllBig,       // __all_sync(v > -100)
  kWarpAllPositive,  // __all_sync(v > 0)
  kWarpHalfSum,      // xor sum over the lane's half-warp, half-warp masks
  kWarpActive,       // __activemask()
  kWarpNeighbour,    // 2 * v of lane + 1 through shared memory and __syncwarp
  kWarpReduceAdd,    // __reduce_add_sync
  kWarpReduceMax,    // __reduce_max_sync (int)
  kWarpMatchMod4,    // __match_any_sync(v & 3)
  kWarpLongLongXor,  // xor-butterfly sum of v * (2^33 + 1), low 32 bits
  kWarpLongLongHigh, // ... and high 32 bits
  kWarpSlots
};

/// One thread per x[i] (blocks of 128); out has kWarpSlots ints per thread,
/// fsum one float and dsum one double per warp.
extern "C" __global__ void __launch_bounds__(128)
    conf_warp_ops(const int *x, int *out, float *fsum, double *dsum) {
  __shared__ int staged[4][32];
  const unsigned full = 0xffffffffu;
  const int g = blockIdx.x * blockDim.x + threadIdx.x;
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const int gw = g / 32;
  const int v = x[g];
  int *o = out + g * kWarpSlots;

  int s = v;
  for (int m = 16; m > 0; m /= 2)
    s += __shfl_xor_sync(full, s, m);
  o[kWarpXorSum] = s;

  s = v;
  for (unsigned d = 16; d > 0; d /= 2)
    s += __shfl_down_sync(full, s, d);
  o[kWarpDownSum] = s;

  s = v;
  for (unsigned d = 1; d < 32; d *= 2) {
    const int y = __shfl_up_sync(full, s, d);
    if (lane >= d)
      s += y;
  }
  o[kWarpScan] = s;

  o[kWarpIdxWidth8] = __shfl_sync(full, v, 11, 8);
  o[kWarpDown3Width16] = __shfl_down_sync(full, v, 3, 16);
  o[kWarpUp2Width16] = __shfl_up_sync(full, v, 2, 16);
  o[kWarpXor5Width8] = __shfl_xor_sync(full, v, 5, 8);
  o[kWarpXor20Width16] = __shfl_xor_sync(full, v, 20, 16);

  o[kWarpBallot] = static_cast<int>(__ballot_sync(full, v % 3 == 0));
  o[kWarpAnyZero] = __any_sync(full, v == 0);
  o[kWarpAllBig] = __all_sync(full, v > -100);
  o[kWarpAllPositive] = __all_sync(full, v > 0);

  const unsigned half = lane < 16 ? 0x0000ffffu : 0xffff0000u;
  s = v;
  for (int m = 8; m > 0; m /= 2)
    s += __shfl_xor_sync(half, s, m);
  o[kWarpHalfSum] = s;

  __syncwarp(); // converge the warp before asking which lanes are active
  o[kWarpActive] = static_cast<int>(__activemask());

  staged[warp][lane] = 2 * v;
  __syncwarp();
  o[kWarpNeighbour] = staged[warp][(lane + 1) % 32];
  __syncwarp();

  o[kWarpReduceAdd] = __reduce_add_sync(full, v);
  o[kWarpReduceMax] = __reduce_max_sync(full, v);
  o[kWarpMatchMod4] = static_cast<int>(__match_any_sync(full, v & 3));

  long long wide = static_cast<long long>(v) * 8589934593LL; // 2^33 + 1
  for (int m = 16; m > 0; m /= 2)
    wide += __shfl_xor_sync(full, wide, m);
  o[kWarpLongLongXor] = static_cast<int>(wide & 0xffffffff);
  o[kWarpLongLongHigh] = static_cast<int>(wide >> 32);

  float f = 0.5f * static_cast<float>(v);
  for (unsigned d = 16; d > 0; d /= 2)
    f += __shfl_down_sync(full, f, d);
  double dv = 0.25 * static_cast<double>(v);
  for (int m = 16; m > 0; m /= 2)
    dv += __shfl_xor_sync(full, dv, m);
  if (lane == 0) {
    fsum[gw] = f;
    dsum[gw] = dv;
  }
}
KILN_EXPORT_KERNEL(conf_warp_ops)
