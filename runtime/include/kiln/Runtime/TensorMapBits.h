//===- TensorMapBits.h - 2-D TMA tensor maps: rules and the cpu form ------===//
//
// A tensor map describes a 2-D view of a global tensor to the tensor memory
// accelerator (cp.async.bulk.tensor): its base, element size, extents,
// row stride, the box one copy moves and the swizzle the box lands in.
// On the GPU it is the driver's opaque 128-byte CUtensorMap, built by
// cuTensorMapEncodeTiled; on the cpu device it is `Emulated`, which the
// emulator reads. Both sides check a map by the rules here (the ones
// cuTensorMapEncodeTiled enforces for the cases Kiln uses), so a map the cpu
// device accepts is one the driver accepts. Dependency-free (the C++
// standard library only) for the same reason as Float16Bits.h: the runtime
// includes it, and the emulation header ships it into every kernel build.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TENSOR_MAP_BITS_H
#define KILN_TENSOR_MAP_BITS_H

#include <cstdint>

namespace kiln::tensormap {

/// What a 2-D map says: dims[0] is the contiguous dimension (elements),
/// dims[1] the rows, `rowStrideBytes` apart; a copy moves a box[0] x box[1]
/// box. `swizzle` numbers as CUtensorMapSwizzle: 0 none, 1 32 B, 2 64 B,
/// 3 128 B.
struct Layout2d {
  uint32_t elementBytes = 2;
  uint64_t dims[2] = {0, 0};
  uint64_t rowStrideBytes = 0;
  uint32_t box[2] = {0, 0};
  uint32_t swizzle = 0;
};

/// The bytes of a swizzle mode's span (0 for none).
inline uint32_t swizzleBytes(uint32_t swizzle) {
  return swizzle == 1 ? 32 : swizzle == 2 ? 64 : swizzle == 3 ? 128 : 0;
}

/// Why `l` with its tensor at `base` is not a map the TMA unit takes, or
/// nullptr. The swizzled case is the one wgmma reads: a box row exactly one
/// span long.
inline const char *check(const Layout2d &l, uint64_t base) {
  const uint32_t span = swizzleBytes(l.swizzle);
  if (l.elementBytes != 1 && l.elementBytes != 2 && l.elementBytes != 4)
    return "elements must be 1, 2 or 4 bytes";
  if (base % 16)
    return "the base is not 16-byte aligned";
  if (l.dims[0] == 0 || l.dims[1] == 0 || l.dims[0] > (uint64_t(1) << 32) ||
      l.dims[1] > (uint64_t(1) << 32))
    return "dimensions must be 1 ... 2^32";
  if (l.rowStrideBytes % 16 || l.rowStrideBytes >= (uint64_t(1) << 40))
    return "the row stride must be a multiple of 16 bytes under 2^40";
  if (l.rowStrideBytes < l.dims[0] * l.elementBytes)
    return "the row stride is shorter than a row";
  if (l.box[0] == 0 || l.box[1] == 0 || l.box[0] > 256 || l.box[1] > 256)
    return "box dimensions must be 1 ... 256";
  if ((l.box[0] * l.elementBytes) % 16)
    return "the box's inner dimension is not a multiple of 16 bytes";
  if (l.swizzle > 3)
    return "the swizzle must be 0 ... 3";
  if (span && l.box[0] * l.elementBytes != span)
    return "a swizzled box's rows must be exactly the swizzle span";
  return nullptr;
}

/// The bytes a map covers from its base: the last row's end.
inline uint64_t extentBytes(const Layout2d &l) {
  return (l.dims[1] - 1) * l.rowStrideBytes + l.dims[0] * l.elementBytes;
}

/// The cpu device's tensor map, in the 128 bytes (64-byte aligned) a
/// CUtensorMap kernel parameter takes.
struct alignas(64) Emulated {
  uint64_t base;
  Layout2d layout;
};
static_assert(sizeof(Emulated) <= 128, "a tensor map parameter is 128 bytes");

} // namespace kiln::tensormap

#endif // KILN_TENSOR_MAP_BITS_H
