//===- kiln_emu_types.h - CUDA qualifiers and vector types ------------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// The CUDA qualifiers the device code is written with (`__global__`,
// `__device__`, `__shared__`, ...) and the vector types (`float4`, `uint3`,
// `dim3`, ...) with CUDA's alignments.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_TYPES_H
#define KILN_EMU_TYPES_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

//===----------------------------------------------------------------------===//
// Qualifiers
//===----------------------------------------------------------------------===//

#define __global__
#define __device__
#define __host__
#define __constant__
#define __managed__
#define __grid_constant__
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
// `__restrict__` is a GNU keyword already. `__noinline__` is deliberately not
// defined: libstdc++ spells `__attribute__((__noinline__))`.

// Static shared memory: one copy per kernel. Blocks run one after another on
// the launching OS thread and launches of one module are serialized, so static
// storage is per block in effect. It is not cleared between blocks (neither is
// the GPU's). `extern __shared__ T a[];` cannot be expressed this way; the
// device library's KILN_DYNAMIC_SHARED(T, name) replaces it.
#define __shared__ static

//===----------------------------------------------------------------------===//
// Vector types (CUDA's alignments: 8 for 2x4 bytes, 16 for 4x4 and 2x8 bytes)
//===----------------------------------------------------------------------===//

#define KILN_EMU_VEC1(T, B, A)                                                 \
  struct __attribute__((aligned(A))) T {                                       \
    B x;                                                                       \
  };                                                                           \
  inline constexpr T make_##T(B x) { return T{x}; }
#define KILN_EMU_VEC2(T, B, A)                                                 \
  struct __attribute__((aligned(A))) T {                                       \
    B x, y;                                                                    \
  };                                                                           \
  inline constexpr T make_##T(B x, B y) { return T{x, y}; }
#define KILN_EMU_VEC3(T, B)                                                    \
  struct T {                                                                   \
    B x, y, z;                                                                 \
  };                                                                           \
  inline constexpr T make_##T(B x, B y, B z) { return T{x, y, z}; }
#define KILN_EMU_VEC4(T, B, A)                                                 \
  struct __attribute__((aligned(A))) T {                                       \
    B x, y, z, w;                                                              \
  };                                                                           \
  inline constexpr T make_##T(B x, B y, B z, B w) { return T{x, y, z, w}; }
#define KILN_EMU_VECS(P, B, S)                                                 \
  KILN_EMU_VEC1(P##1, B, S)                                                    \
  KILN_EMU_VEC2(P##2, B, 2 * S)                                                \
  KILN_EMU_VEC3(P##3, B)                                                       \
  KILN_EMU_VEC4(P##4, B, (4 * S > 16 ? 16 : 4 * S))

KILN_EMU_VECS(char, signed char, 1)
KILN_EMU_VECS(uchar, unsigned char, 1)
KILN_EMU_VECS(short, short, 2)
KILN_EMU_VECS(ushort, unsigned short, 2)
KILN_EMU_VECS(int, int, 4)
KILN_EMU_VECS(uint, unsigned int, 4)
KILN_EMU_VECS(long, long, 8)
KILN_EMU_VECS(ulong, unsigned long, 8)
KILN_EMU_VECS(longlong, long long, 8)
KILN_EMU_VECS(ulonglong, unsigned long long, 8)
KILN_EMU_VECS(float, float, 4)
KILN_EMU_VECS(double, double, 8)

static_assert(alignof(float2) == 8 && alignof(float4) == 16 &&
                  alignof(int4) == 16 && alignof(double2) == 16 &&
                  sizeof(float3) == 12 && alignof(uint2) == 8,
              "vector types must match CUDA's layout");

struct dim3 {
  unsigned int x, y, z;
  constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1)
      : x(vx), y(vy), z(vz) {}
  constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  constexpr operator uint3() const { return uint3{x, y, z}; }
};

#endif // KILN_EMU_TYPES_H
