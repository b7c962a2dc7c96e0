//===- kiln_prelude.cuh - What the device library assumes everywhere ------===//
//
// The first header of every generated kernel (through kiln_device.cuh). On the
// GPU, NVRTC offers no standard headers, so this provides the fixed-width
// integer types (with glibc's spellings, so the same names mean the same
// types on both sides), INFINITY / NAN and the library's function qualifier.
// Under KILN_EMU the host's <cstdint> and <cmath> come from kiln_emu.h, which
// must be force-included (-include kiln_emu.h).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PRELUDE_CUH
#define KILN_PRELUDE_CUH

#if defined(KILN_EMU)
#if !defined(KILN_EMU_H)
#error "KILN_EMU builds must force-include kiln_emu.h (-include kiln_emu.h)"
#endif
#else
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long uint64_t;
typedef unsigned long uintptr_t;
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif
#endif

/// Qualifier of the library's wrappers.
#define KILN_DEVICE_INLINE __device__ __forceinline__

/// Exports kernel `name` from an emulated module as
/// `kiln_emu_entry_<name>(void **params)`; nothing on the GPU. Put it after
/// the kernel's definition.
#if defined(KILN_EMU)
#define KILN_EXPORT_KERNEL(name) KILN_EMU_EXPORT_KERNEL(name)
#else
#define KILN_EXPORT_KERNEL(name)
#endif

#if !defined(KILN_EMU)
namespace kiln {
/// The 32-bit shared-window address of a generic pointer to shared memory,
/// as PTX's shared-memory forms (ldmatrix, mbarrier) take it.
KILN_DEVICE_INLINE unsigned shared_address(const void *p) {
  return static_cast<unsigned>(__cvta_generic_to_shared(p));
}
} // namespace kiln
#endif

#endif // KILN_PRELUDE_CUH
