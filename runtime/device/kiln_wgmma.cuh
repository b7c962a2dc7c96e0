//===- kiln_wgmma.cuh - sm_90a warpgroup MMA: descriptors, wgmma.mma_async -===//
//
// Hopper's tensor-core instruction (docs/cuda-notes.md): the 128 threads of
// a warpgroup (four consecutive warps from a multiple of 4) compute
// D (64 × N, f32) = A (64 × 16) · B (16 × N) (+ D) asynchronously, with A
// and B in shared memory named by 64-bit matrix descriptors (start
// address, leading and stride byte offsets, swizzle) or A in registers.
//
//   wgmma_fence();                  // before the first mma_async, and after
//                                   // registers it reads were written
//   wgmma_ss<N, Bf16>(d, descA, descB, accumulate);   // any number of them
//   wgmma_commit_group();
//   wgmma_wait_group<0>();          // only now may d be read, or A / B be
//                                   // overwritten
//
// Thread t's d[i] is D(16 (t / 32) + (t % 32) / 4 + 8 ((i >> 1) & 1),
// 8 (i >> 2) + 2 (t % 4) + (i & 1)). A from registers (wgmma_rs) is the
// mma.sync A fragment per warp, warp w holding rows 16 w … 16 w + 15.
// Shared-memory operands written by ordinary stores need fence_proxy_async()
// (and a barrier) before the wgmma that reads them; swizzled operands start
// 1024-, 512- or 256-byte aligned in the shared window (128-, 64-, 32-byte
// swizzle: the descriptors' base offset stays 0), which kernels ensure
// themselves (KILN_DYNAMIC_SHARED promises 16). wgmma_fence_operand(d)
// before the first fence and after the last wait keeps the compiler from
// moving accumulator accesses across them.
//
// All of it needs sm_90a; elsewhere the wrappers trap. The device library
// spells out N = 64 and 128 (the emulation takes any multiple of 8 up to
// 256). Under KILN_EMU the calls go to runtime/emu/kiln_emu_wgmma.h, which
// carries out each group when a wait covers it, so a read of D before the
// wait or an operand overwritten before it gives a wrong result there too.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_WGMMA_CUH
#define KILN_WGMMA_CUH

#include "kiln_prelude.cuh"

namespace kiln {

/// A descriptor's swizzle (bits 62-63): the 16-byte chunks of each 8-row
/// group XORed by the row within a 128-, 64- or 32-byte pattern.
enum class WgmmaSwizzle : unsigned { None = 0, B128 = 1, B64 = 2, B32 = 3 };

/// The matrix descriptor of an operand at `smem` (16-byte aligned): start
/// address, leading and stride byte offsets (multiples of 16) and swizzle,
/// each address field encoded as (bytes & 0x3FFFF) >> 4. K-major, the
/// stride offset steps 8-row groups and the leading offset (unswizzled
/// only) the two 8-element halves of k; docs/cuda-notes.md has the rest.
KILN_DEVICE_INLINE uint64_t wgmma_descriptor(const void *smem,
                                             unsigned leadingBytes,
                                             unsigned strideBytes,
                                             WgmmaSwizzle swizzle) {
#if defined(KILN_EMU)
  return ::kiln_emu::wgmma_descriptor(smem, leadingBytes, strideBytes,
                                      static_cast<unsigned>(swizzle));
#else
  return uint64_t((shared_address(smem) & 0x3FFFF) >> 4) |
         (uint64_t((leadingBytes & 0x3FFFF) >> 4) << 16) |
         (uint64_t((strideBytes & 0x3FFFF) >> 4) << 32) |
         (uint64_t(static_cast<unsigned>(swizzle)) << 62);
#endif
}

/// fence.proxy.async: shared memory written by ordinary stores becomes
/// visible to the asynchronous proxy (wgmma's operand reads, TMA stores).
KILN_DEVICE_INLINE void fence_proxy_async() {
#if defined(KILN_EMU)
  // One proxy here.
#elif __CUDA_ARCH__ >= 900
  asm volatile("fence.proxy.async.shared::cta;" ::: "memory");
#else
  __trap();
#endif
}

/// Pins the accumulators for the compiler: an empty asm that reads and
/// writes each of them, so no read of d moves above the wait that makes it
/// valid and no write below the mma that uses it. Call it before the first
/// wgmma_fence and after the last wait.
template <int M> KILN_DEVICE_INLINE void wgmma_fence_operand(float (&d)[M]) {
#if !defined(KILN_EMU)
#pragma unroll
  for (int i = 0; i < M; ++i)
    asm volatile("" : "+f"(d[i])::"memory");
#else
  (void)d;
#endif
}

/// wgmma.fence: orders the warpgroup's earlier register accesses before
/// the mma_async that follow.
KILN_DEVICE_INLINE void wgmma_fence() {
#if defined(KILN_EMU)
  ::kiln_emu::wgmma_simple(::kiln_emu::WgmmaKind::Fence);
#elif defined(__CUDA_ARCH_FEAT_SM90_ALL)
  asm volatile("wgmma.fence.sync.aligned;" ::: "memory");
#else
  __trap();
#endif
}

/// wgmma.commit_group: the mma_async issued since the last commit form a
/// group.
KILN_DEVICE_INLINE void wgmma_commit_group() {
#if defined(KILN_EMU)
  ::kiln_emu::wgmma_simple(::kiln_emu::WgmmaKind::Commit);
#elif defined(__CUDA_ARCH_FEAT_SM90_ALL)
  asm volatile("wgmma.commit_group.sync.aligned;" ::: "memory");
#else
  __trap();
#endif
}

/// wgmma.wait_group: waits until at most `Pending` groups are in flight.
template <int Pending> KILN_DEVICE_INLINE void wgmma_wait_group() {
  static_assert(Pending >= 0 && Pending <= 7, "wait_group takes 0 … 7");
#if defined(KILN_EMU)
  ::kiln_emu::wgmma_simple(::kiln_emu::WgmmaKind::Wait, Pending);
#elif defined(__CUDA_ARCH_FEAT_SM90_ALL)
  asm volatile("wgmma.wait_group.sync.aligned %0;" ::"n"(Pending) : "memory");
#else
  __trap();
#endif
}

#if defined(__CUDA_ARCH_FEAT_SM90_ALL)
// The mma_async statements, one per shape and form, the element type a
// token (bf16, f16): the accumulators are one operand each, so the asm
// is spelled out per N. Operands: d, then A (descriptor, or four
// registers), B's descriptor, the scale-d predicate's source, the
// transposes.
#define KILN_WGMMA_SS_64(TYPE)                                                                  \
  asm volatile(                                                                                 \
      "{\n"                                                                                     \
      "  .reg .pred p;\n"                                                                       \
      "  setp.ne.b32 p, %34, 0;\n"                                                              \
      "  wgmma.mma_async.sync.aligned.m64n64k16.f32." #TYPE "." #TYPE "\n"                      \
      "    {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15,\n"            \
      "     %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31},\n" \
      "    %32, %33, p, 1, 1, %35, %36;\n"                                                      \
      "}\n"                                                                                     \
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]),                 \
        "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]),               \
        "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]),           \
        "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]),           \
        "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]),           \
        "+f"(d[30]), "+f"(d[31])                                                                \
      : "l"(descA), "l"(descB), "r"(int(accumulate)), "n"(int(TransA)),                         \
        "n"(int(TransB)))

#define KILN_WGMMA_SS_128(TYPE)                                                                 \
  asm volatile(                                                                                 \
      "{\n"                                                                                     \
      "  .reg .pred p;\n"                                                                       \
      "  setp.ne.b32 p, %66, 0;\n"                                                              \
      "  wgmma.mma_async.sync.aligned.m64n128k16.f32." #TYPE "." #TYPE "\n"                     \
      "    {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15,\n"            \
      "     %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31,\n"  \
      "     %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47,\n"  \
      "     %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63},\n" \
      "    %64, %65, p, 1, 1, %67, %68;\n"                                                      \
      "}\n"                                                                                     \
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]),                 \
        "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]),               \
        "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]),           \
        "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]),           \
        "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]),           \
        "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]),           \
        "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]),           \
        "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]),           \
        "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]),           \
        "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]),           \
        "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])                                      \
      : "l"(descA), "l"(descB), "r"(int(accumulate)), "n"(int(TransA)),                         \
        "n"(int(TransB)))

#define KILN_WGMMA_RS_64(TYPE)                                                                  \
  asm volatile(                                                                                 \
      "{\n"                                                                                     \
      "  .reg .pred p;\n"                                                                       \
      "  setp.ne.b32 p, %37, 0;\n"                                                              \
      "  wgmma.mma_async.sync.aligned.m64n64k16.f32." #TYPE "." #TYPE "\n"                      \
      "    {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15,\n"            \
      "     %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31},\n" \
      "    {%32, %33, %34, %35}, %36, p, 1, 1, %38;\n"                                          \
      "}\n"                                                                                     \
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]),                 \
        "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]),               \
        "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]),           \
        "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]),           \
        "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]),           \
        "+f"(d[30]), "+f"(d[31])                                                                \
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(descB),                                 \
        "r"(int(accumulate)), "n"(int(TransB)))

#define KILN_WGMMA_RS_128(TYPE)                                                                 \
  asm volatile(                                                                                 \
      "{\n"                                                                                     \
      "  .reg .pred p;\n"                                                                       \
      "  setp.ne.b32 p, %69, 0;\n"                                                              \
      "  wgmma.mma_async.sync.aligned.m64n128k16.f32." #TYPE "." #TYPE "\n"                     \
      "    {%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15,\n"            \
      "     %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31,\n"  \
      "     %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47,\n"  \
      "     %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63},\n" \
      "    {%64, %65, %66, %67}, %68, p, 1, 1, %70;\n"                                          \
      "}\n"                                                                                     \
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3]), "+f"(d[4]), "+f"(d[5]),                 \
        "+f"(d[6]), "+f"(d[7]), "+f"(d[8]), "+f"(d[9]), "+f"(d[10]), "+f"(d[11]),               \
        "+f"(d[12]), "+f"(d[13]), "+f"(d[14]), "+f"(d[15]), "+f"(d[16]), "+f"(d[17]),           \
        "+f"(d[18]), "+f"(d[19]), "+f"(d[20]), "+f"(d[21]), "+f"(d[22]), "+f"(d[23]),           \
        "+f"(d[24]), "+f"(d[25]), "+f"(d[26]), "+f"(d[27]), "+f"(d[28]), "+f"(d[29]),           \
        "+f"(d[30]), "+f"(d[31]), "+f"(d[32]), "+f"(d[33]), "+f"(d[34]), "+f"(d[35]),           \
        "+f"(d[36]), "+f"(d[37]), "+f"(d[38]), "+f"(d[39]), "+f"(d[40]), "+f"(d[41]),           \
        "+f"(d[42]), "+f"(d[43]), "+f"(d[44]), "+f"(d[45]), "+f"(d[46]), "+f"(d[47]),           \
        "+f"(d[48]), "+f"(d[49]), "+f"(d[50]), "+f"(d[51]), "+f"(d[52]), "+f"(d[53]),           \
        "+f"(d[54]), "+f"(d[55]), "+f"(d[56]), "+f"(d[57]), "+f"(d[58]), "+f"(d[59]),           \
        "+f"(d[60]), "+f"(d[61]), "+f"(d[62]), "+f"(d[63])                                      \
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(descB),                                 \
        "r"(int(accumulate)), "n"(int(TransB)))
#endif

/// D (64 × N) = A · B (+ D when `accumulate`), A (64 × 16) and B (16 × N)
/// in shared memory by descriptor, K-major (TransA / TransB: MN-major),
/// bf16 or f16 (`Bf16`). Every thread of the warpgroup calls it; `d` holds
/// its N / 2 accumulators.
template <int N, bool Bf16, bool TransA = false, bool TransB = false>
KILN_DEVICE_INLINE void wgmma_ss(float (&d)[N / 2], uint64_t descA,
                                 uint64_t descB, bool accumulate) {
  static_assert(N % 8 == 0 && N >= 8 && N <= 256, "N: a multiple of 8 up to 256");
#if defined(KILN_EMU)
  ::kiln_emu::wgmma_mma_async(
      d, N, descA, nullptr, descB,
      (Bf16 ? ::kiln_emu::kWgmmaBf16 : 0u) |
          (accumulate ? ::kiln_emu::kWgmmaAccumulate : 0u) |
          (TransA ? ::kiln_emu::kWgmmaTransA : 0u) |
          (TransB ? ::kiln_emu::kWgmmaTransB : 0u));
#elif defined(__CUDA_ARCH_FEAT_SM90_ALL)
  static_assert(N == 64 || N == 128, "the device library spells out N = 64 and 128");
  if constexpr (Bf16) {
    if constexpr (N == 64)
      KILN_WGMMA_SS_64(bf16);
    else
      KILN_WGMMA_SS_128(bf16);
  } else {
    if constexpr (N == 64)
      KILN_WGMMA_SS_64(f16);
    else
      KILN_WGMMA_SS_128(f16);
  }
#else
  (void)d, (void)descA, (void)descB, (void)accumulate;
  __trap();
#endif
}

/// D (64 × N) = A · B (+ D), A from registers (this thread's four words of
/// the mma.sync A fragment, warp w holding rows 16 w …), B by descriptor.
template <int N, bool Bf16, bool TransB = false>
KILN_DEVICE_INLINE void wgmma_rs(float (&d)[N / 2], const unsigned (&a)[4],
                                 uint64_t descB, bool accumulate) {
  static_assert(N % 8 == 0 && N >= 8 && N <= 256, "N: a multiple of 8 up to 256");
#if defined(KILN_EMU)
  ::kiln_emu::wgmma_mma_async(
      d, N, 0, a, descB,
      (Bf16 ? ::kiln_emu::kWgmmaBf16 : 0u) |
          (accumulate ? ::kiln_emu::kWgmmaAccumulate : 0u) |
          (TransB ? ::kiln_emu::kWgmmaTransB : 0u));
#elif defined(__CUDA_ARCH_FEAT_SM90_ALL)
  static_assert(N == 64 || N == 128, "the device library spells out N = 64 and 128");
  if constexpr (Bf16) {
    if constexpr (N == 64)
      KILN_WGMMA_RS_64(bf16);
    else
      KILN_WGMMA_RS_128(bf16);
  } else {
    if constexpr (N == 64)
      KILN_WGMMA_RS_64(f16);
    else
      KILN_WGMMA_RS_128(f16);
  }
#else
  (void)d, (void)a, (void)descB, (void)accumulate;
  __trap();
#endif
}
/// The mma reads `a` when it executes, after this returns: it must name
/// registers that live until the wait, never a temporary.
template <int N, bool Bf16, bool TransB = false>
void wgmma_rs(float (&d)[N / 2], const unsigned (&&a)[4], uint64_t descB,
              bool accumulate) = delete;

} // namespace kiln

#undef KILN_WGMMA_SS_64
#undef KILN_WGMMA_SS_128
#undef KILN_WGMMA_RS_64
#undef KILN_WGMMA_RS_128

#endif // KILN_WGMMA_CUH
