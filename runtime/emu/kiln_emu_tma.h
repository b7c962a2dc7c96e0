//===- kiln_emu_tma.h - sm_90 tensor memory accelerator: loads, stores -----===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// cp.async.bulk.tensor tile loads and stores as the PTX ISA and the
// driver's tensor maps define them (docs/cuda-notes.md): a box of a 2-D
// global tensor, elements outside the tensor filled with zeros, lands in
// shared memory in the map's swizzle and completes its bytes (the whole
// box's) on an mbarrier; a box in shared memory goes to the tensor, the
// elements outside it dropped, in bulk groups a thread commits and waits
// for.
//
// Each copy happens at the latest moment the hardware allows. A load lands
// when a thread waits on the barrier for a phase the copy belongs to, or
// when nothing else can run: a kernel that reads the tile without waiting
// reads what was there before. A store reads shared memory when its thread
// waits for its group: a kernel that rewrites the box first stores the new
// contents, and one that exits without waiting fails.
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

/// Byte offset in shared memory of byte b of row r of a box whose rows are
/// `rowBytes` long, in swizzle mode `swizzle` (address bits [4, 4 + s) XOR
/// [7, 7 + s), s = 1, 2, 3 for 32, 64, 128 bytes), as wgmma reads it.
inline uint32_t box_offset(unsigned r, unsigned b, unsigned rowBytes,
                           unsigned swizzle) {
  uint32_t at = r * rowBytes + b;
  return at ^ (((at >> 7) & ((1u << swizzle) - 1)) << 4);
}

/// Checks a bulk copy's shared-memory box: inside the dynamic shared
/// memory, aligned to 128 bytes, or to the swizzle's pattern.
inline void check_box_address(const char *what, const void *smem,
                              const ::kiln::tensormap::Layout2d &m) {
  Launch &L = *gLaunch;
  const unsigned char *at = static_cast<const unsigned char *>(smem);
  const size_t bytes = size_t(m.box[0]) * m.elementBytes * m.box[1];
  const unsigned align = m.swizzle ? 8 * tma_swizzle_bytes(m.swizzle) : 128;
  if (at < L.dynShared || at + bytes > L.dynShared + L.dynSharedBytes)
    fail("%s: the %zu-byte box at %p is not inside the block's dynamic "
         "shared memory",
         what, bytes, smem);
  if (size_t(at - L.dynShared) % align)
    fail("%s: the box's shared address must be %u-byte aligned for its "
         "swizzle",
         what, align);
}

/// Copies one pending load: the box at (c0, c1), zeros outside the tensor,
/// at box_offset in the map's swizzle; then its bytes complete on the
/// barrier.
inline void complete_bulk_load(const BulkLoad &load) {
  const TensorMap &map = *static_cast<const TensorMap *>(load.map);
  const ::kiln::tensormap::Layout2d &m = map.layout;
  const unsigned rowBytes = m.box[0] * m.elementBytes;
  const unsigned char *base =
      reinterpret_cast<const unsigned char *>(static_cast<uintptr_t>(map.base));
  unsigned char *dst = static_cast<unsigned char *>(load.smem);
  for (unsigned r = 0; r < m.box[1]; ++r)
    for (unsigned x = 0; x < m.box[0]; ++x) {
      const int64_t i0 = int64_t(load.c0) + x, i1 = int64_t(load.c1) + r;
      const uint32_t at =
          box_offset(r, x * m.elementBytes, rowBytes, m.swizzle);
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
  check_box_address("cp.async.bulk.tensor", smem,
                    static_cast<const TensorMap *>(map)->layout);
  mbarrier_at(bar, "cp.async.bulk.tensor"); // initialized
  gLaunch->bulkLoads.push_back(BulkLoad{smem, map, c0, c1, bar});
}

/// Performs one pending store: reads the box from shared memory (in the
/// map's swizzle) and writes the elements inside the tensor.
inline void complete_bulk_store(const BulkStore &st) {
  const TensorMap &map = *static_cast<const TensorMap *>(st.map);
  const ::kiln::tensormap::Layout2d &m = map.layout;
  const unsigned rowBytes = m.box[0] * m.elementBytes;
  unsigned char *base =
      reinterpret_cast<unsigned char *>(static_cast<uintptr_t>(map.base));
  const unsigned char *src = static_cast<const unsigned char *>(st.smem);
  for (unsigned r = 0; r < m.box[1]; ++r)
    for (unsigned x = 0; x < m.box[0]; ++x) {
      const int64_t i0 = int64_t(st.c0) + x, i1 = int64_t(st.c1) + r;
      if (i0 < 0 || i1 < 0 || uint64_t(i0) >= m.dims[0] ||
          uint64_t(i1) >= m.dims[1])
        continue;
      memcpy(base + i1 * m.rowStrideBytes + i0 * m.elementBytes,
             src + box_offset(r, x * m.elementBytes, rowBytes, m.swizzle),
             m.elementBytes);
    }
}

/// cp.async.bulk.tensor.2d.global.shared::cta.bulk_group: records the
/// store of the box at (c0, c1) from `smem` in this thread's open group.
/// It reads shared memory when a wait covers it, the latest the hardware
/// allows: a thread that rewrites the box before waiting stores the new
/// contents.
inline void tma_store_2d(const void *map, int c0, int c1, const void *smem) {
  check_box_address("cp.async.bulk.tensor (store)", smem,
                    static_cast<const TensorMap *>(map)->layout);
  const Fiber &f = *gFiber;
  gLaunch->bulkStores.push_back(
      BulkStore{smem, map, c0, c1, f.linear, f.bulkGroup});
}

/// cp.async.bulk.commit_group.
inline void bulk_commit_group() { ++gFiber->bulkGroup; }

/// cp.async.bulk.wait_group[.read] n: completes this thread's stores in
/// committed groups older than its n most recent ones.
inline void bulk_wait_group(unsigned n) {
  Launch &L = *gLaunch;
  const Fiber &f = *gFiber;
  for (size_t i = 0; i < L.bulkStores.size();) {
    const BulkStore st = L.bulkStores[i];
    if (st.thread != f.linear || st.group + n >= f.bulkGroup) {
      ++i;
      continue;
    }
    L.bulkStores.erase(L.bulkStores.begin() + static_cast<long>(i));
    complete_bulk_store(st);
  }
}

} // namespace kiln_emu

#endif // KILN_EMU_TMA_H
