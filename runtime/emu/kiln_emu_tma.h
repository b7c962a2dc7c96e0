//===- kiln_emu_tma.h - sm_90 tensor memory accelerator: tile loads --------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// cp.async.bulk.tensor tile loads as the PTX ISA and the driver's tensor
// maps define them (docs/cuda-notes.md): a box of a 2-D global tensor,
// elements outside the tensor filled with zeros, lands in shared memory in
// the map's swizzle and completes its bytes (the whole box's) on an
// mbarrier.
//
// The copy happens at the latest moment the hardware allows: when a thread
// waits on the barrier for a phase the copy belongs to, or when nothing
// else can run. A kernel that reads the tile without waiting reads what
// was there before.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_TMA_H
#define KILN_EMU_TMA_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

namespace kiln_emu {

/// The emulated twin of a driver tensor map (CUtensorMap) for 2-D tiles:
/// the runtime's cpu form (TensorMapBits.h), which the cpu device builds
/// for a kernel's tensor-map parameters.
using TensorMap = ::kiln::tensormap::Emulated;

inline unsigned tma_swizzle_bytes(unsigned swizzle) {
  return ::kiln::tensormap::swizzleBytes(swizzle);
}

/// Host side: the map of a 2-D tensor, checked as cuTensorMapEncodeTiled
/// checks it (TensorMapBits.h); returns false with a message in `error`
/// otherwise.
inline bool encode_tensor_map_2d(TensorMap *map, const void *base,
                                 unsigned elementBytes, uint64_t dim0,
                                 uint64_t dim1, uint64_t rowStrideBytes,
                                 unsigned box0, unsigned box1,
                                 unsigned swizzle, char *error,
                                 size_t errorSize) {
  ::kiln::tensormap::Layout2d l;
  l.elementBytes = elementBytes;
  l.dims[0] = dim0;
  l.dims[1] = dim1;
  l.rowStrideBytes = rowStrideBytes;
  l.box[0] = box0;
  l.box[1] = box1;
  l.swizzle = swizzle;
  const uint64_t at = reinterpret_cast<uintptr_t>(base);
  if (const char *bad = ::kiln::tensormap::check(l, at)) {
    snprintf(error, errorSize, "tensor map: %s", bad);
    return false;
  }
  *map = TensorMap{at, l};
  return true;
}

/// Copies one pending load: the box at (c0, c1), zeros outside the tensor,
/// row r's byte b at shared offset r · rowBytes + b, swizzled by XORing
/// address bits [4, 4 + s) with [7, 7 + s) as wgmma reads it; then its
/// bytes complete on the barrier.
inline void complete_bulk_load(const BulkLoad &load) {
  const TensorMap &map = *static_cast<const TensorMap *>(load.map);
  const ::kiln::tensormap::Layout2d &m = map.layout;
  const unsigned rowBytes = m.box[0] * m.elementBytes;
  const unsigned bits = m.swizzle; // 32, 64, 128 B: 1, 2, 3 address bits
  const unsigned char *base =
      reinterpret_cast<const unsigned char *>(static_cast<uintptr_t>(map.base));
  unsigned char *dst = static_cast<unsigned char *>(load.smem);
  for (unsigned r = 0; r < m.box[1]; ++r)
    for (unsigned x = 0; x < m.box[0]; ++x) {
      const int64_t i0 = int64_t(load.c0) + x, i1 = int64_t(load.c1) + r;
      uint32_t at = r * rowBytes + x * m.elementBytes;
      at ^= ((at >> 7) & ((1u << bits) - 1)) << 4;
      if (i0 >= 0 && i1 >= 0 && uint64_t(i0) < m.dims[0] &&
          uint64_t(i1) < m.dims[1])
        memcpy(dst + at, base + i1 * m.rowStrideBytes + i0 * m.elementBytes,
               m.elementBytes);
      else
        memset(dst + at, 0, m.elementBytes);
    }
  mbarrier_complete_tx(load.bar, rowBytes * m.box[1]);
}

/// Completes the pending loads on `bar` (every pending load when null);
/// whether there were any.
inline bool complete_bulk_loads(const void *bar) {
  Launch &L = *gLaunch;
  bool any = false;
  for (size_t i = 0; i < L.bulkLoads.size();) {
    if (bar && L.bulkLoads[i].bar != bar) {
      ++i;
      continue;
    }
    const BulkLoad load = L.bulkLoads[i];
    L.bulkLoads.erase(L.bulkLoads.begin() + static_cast<long>(i));
    complete_bulk_load(load);
    any = true;
  }
  return any;
}

/// cp.async.bulk.tensor.2d ... mbarrier::complete_tx::bytes: records the
/// load of the box at (c0, c1) into `smem`.
inline void tma_load_2d(void *smem, const void *map, int c0, int c1,
                        void *bar) {
  Launch &L = *gLaunch;
  const ::kiln::tensormap::Layout2d &m =
      static_cast<const TensorMap *>(map)->layout;
  const unsigned char *at = static_cast<const unsigned char *>(smem);
  const size_t bytes = size_t(m.box[0]) * m.elementBytes * m.box[1];
  const unsigned align = m.swizzle ? 8 * tma_swizzle_bytes(m.swizzle) : 128;
  if (at < L.dynShared || at + bytes > L.dynShared + L.dynSharedBytes)
    fail("cp.async.bulk.tensor: the %zu-byte box at %p is not inside the "
         "block's dynamic shared memory",
         bytes, smem);
  if (size_t(at - L.dynShared) % align)
    fail("cp.async.bulk.tensor: the box's shared address must be %u-byte "
         "aligned for its swizzle",
         align);
  mbarrier_at(bar, "cp.async.bulk.tensor"); // initialized
  L.bulkLoads.push_back(BulkLoad{smem, map, c0, c1, bar});
}

} // namespace kiln_emu

#endif // KILN_EMU_TMA_H
