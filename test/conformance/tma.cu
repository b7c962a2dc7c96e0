//===- tma.cu - Conformance: TMA tile loads and stores ----------------------===//
//
// One thread loads a 64 × 32 box of a 70 × 80 bf16 tensor with
// cp.async.bulk.tensor at coordinates that run past its last columns and
// rows (zeros there), the bytes completing on an mbarrier every thread
// waits on; each thread then reads the tile back through this file's own
// description of the swizzled layout (the 16-byte chunk of row r XORed with
// r % 8 for 128-byte rows). run_tma.cpp checks it against the tensor, and
// checks that a thread reading before the wait sees the old contents. A
// second kernel writes a 64 × 32 box into shared memory (by the same
// description) and stores it with cp.async.bulk.tensor at coordinates past
// the tensor's edges: the elements inside land, the rest are dropped.
//
//===----------------------------------------------------------------------===//

#include "kiln_device.cuh"
#include "kiln_hopper_sync.cuh"
#include "kiln_tma.cuh"
#include "kiln_wgmma.cuh" // fence_proxy_async

/// 128 threads; out holds the 32 × 64 box row-major. `swizzled`: the map
/// swizzles 128 bytes; `early`: read before waiting (then wait).
extern "C" __global__ void __launch_bounds__(128)
conf_tma_load(const kiln::TensorMap *map, unsigned short *out, int c0, int c1,
              int swizzled, int early) {
  KILN_DYNAMIC_SHARED(unsigned char, tile);
  __shared__ uint64_t full;
  if (threadIdx.x == 0)
    kiln::mbarrier_init(&full, 1);
  __syncthreads();
  if (threadIdx.x == 0) {
    kiln::mbarrier_arrive_expect_tx(&full, 64 * 32 * 2);
    kiln::tma_load_2d(tile, map, c0, c1, &full);
  }
  if (!early)
    kiln::mbarrier_wait_parity(&full, 0);
  for (int i = threadIdx.x; i < 32 * 64; i += 128) {
    const int r = i / 64, x = i % 64, chunk = (2 * x) / 16;
    const int at = r * 128 + (swizzled ? chunk ^ (r % 8) : chunk) * 16 + (2 * x) % 16;
    unsigned short v;
    memcpy(&v, tile + at, 2);
    out[i] = v;
  }
  if (early)
    kiln::mbarrier_wait_parity(&full, 0);
}
KILN_EXPORT_KERNEL(conf_tma_load)

/// 128 threads write box element (r, x) = 1 + r · 64 + x (as 16 bits) into
/// shared memory in the map's layout; thread 0 stores the box at (c0, c1).
/// `mode` 1: thread 0 then adds 1000 to element (0, 0) before waiting, a
/// race the store's read of shared memory may or may not see; 2: it exits
/// without waiting (an error).
extern "C" __global__ void __launch_bounds__(128)
conf_tma_store(const kiln::TensorMap *map, int c0, int c1, int swizzled,
               int mode) {
  KILN_DYNAMIC_SHARED(unsigned char, tile);
  for (int i = threadIdx.x; i < 32 * 64; i += 128) {
    const int r = i / 64, x = i % 64, chunk = (2 * x) / 16;
    const int at = r * 128 + (swizzled ? chunk ^ (r % 8) : chunk) * 16 + (2 * x) % 16;
    const unsigned short v = static_cast<unsigned short>(1 + i);
    memcpy(tile + at, &v, 2);
  }
  kiln::fence_proxy_async(); // the threads' writes, to the TMA unit
  __syncthreads();
  if (threadIdx.x == 0) {
    kiln::tma_store_2d(map, c0, c1, tile);
    kiln::bulk_commit_group();
    if (mode == 1) {
      unsigned short v;
      memcpy(&v, tile, 2);
      v = static_cast<unsigned short>(v + 1000);
      memcpy(tile, &v, 2);
    }
    if (mode != 2) {
      kiln::bulk_wait_group_read<0>();
      kiln::bulk_wait_group<0>();
    }
  }
}
KILN_EXPORT_KERNEL(conf_tma_store)
