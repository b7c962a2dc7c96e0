//===- kiln_emu.h - Run CUDA C++ kernels on the CPU -----------------------===//
//
// The emulation header of Kiln's `cpu` device. The same CUDA C++ source that
// NVRTC compiles for the GPU is compiled by the host compiler with
//
//   g++ -std=c++17 -O1 -fPIC -shared -DKILN_EMU -include kiln_emu.h
//       -I<device lib dir> kernel.cu.cpp -o kernel.so
//
// and this header supplies what CUDA would: qualifiers, built-in variables,
// barriers, warp shuffles and votes, atomics, `__half` / `__nv_bfloat16`, math
// intrinsics, vector types, the warp-collective emulations behind the device
// library's `mma.sync` / `ldmatrix` / `cp.async` wrappers, and the launcher
// `kiln_emu::launch`, which runs every CUDA thread of a block as a fiber so
// that barriers work. It is slow and exact; README.md beside it describes the
// execution model, the limits and how to add an intrinsic.
//
// The header is shipped alone (it includes no project header) and is one file
// on purpose, which is why it is longer than Kiln's usual ~800 lines.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_H
#define KILN_EMU_H

// Standard headers first: the CUDA qualifier macros below must not reach them.
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <limits>
#include <math.h>
#include <pthread.h>
#include <sys/mman.h>
#include <type_traits>
#include <ucontext.h>
#include <unistd.h>
#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

// Everything this header defines is private to the module that includes it
// (each kernel .so has its own emulator); only kiln_emu_launch and the
// KILN_EMU_EXPORT_KERNEL entries are exported.
#pragma GCC visibility push(hidden)

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

//===----------------------------------------------------------------------===//
// Fibers, launch state and the scheduler's primitives
//===----------------------------------------------------------------------===//

namespace kiln_emu {

#ifndef KILN_EMU_STACK_BYTES
/// Stack of each emulated thread. Kernels keep their "registers" here; raise
/// it (with -DKILN_EMU_STACK_BYTES=...) for kernels with large local arrays.
#define KILN_EMU_STACK_BYTES (64 * 1024)
#endif

constexpr unsigned kMaxThreadsPerBlock = 1024;
/// The largest dynamic shared memory a block may ask for: sm_90's per-block
/// opt-in maximum (227 KiB). Static `__shared__` arrays are not counted.
constexpr size_t kMaxDynamicSharedBytes = 227 * 1024;
/// cp.async copies a thread may have in flight before the oldest is completed
/// early (which the hardware may also do).
constexpr unsigned kMaxPendingCopies = 64;

enum class FiberState : unsigned char {
  Ready,     // runnable, not running
  Running,   // the current fiber
  AtBarrier, // waiting at __syncthreads
  AtWarp,    // waiting at a warp collective
  Exited,    // returned from the kernel
};

/// Warp collectives. Lanes meet at a collective when every lane of the mask
/// waits with the same mask; they must then all be at the same kind.
enum class Op : unsigned char {
  SyncWarp,
  ShflIdx,
  ShflUp,
  ShflDown,
  ShflXor,
  Ballot,
  All,
  Any,
  Uni,
  MatchAny,
  MatchAll,
  ReduceAdd,
  ReduceMinS,
  ReduceMaxS,
  ReduceMinU,
  ReduceMaxU,
  ReduceAnd,
  ReduceOr,
  ReduceXor,
  // From here on the collective needs the whole warp (mask 0xffffffff).
  MmaBf16,
  MmaF16,
  Ldm1,
  Ldm2,
  Ldm4,
  Ldm1T,
  Ldm2T,
  Ldm4T,
};

inline const char *op_name(Op op) {
  static const char *const names[] = {"__syncwarp",
                                      "__shfl_sync",
                                      "__shfl_up_sync",
                                      "__shfl_down_sync",
                                      "__shfl_xor_sync",
                                      "__ballot_sync",
                                      "__all_sync",
                                      "__any_sync",
                                      "__uni_sync",
                                      "__match_any_sync",
                                      "__match_all_sync",
                                      "__reduce_add_sync",
                                      "__reduce_min_sync(int)",
                                      "__reduce_max_sync(int)",
                                      "__reduce_min_sync(unsigned)",
                                      "__reduce_max_sync(unsigned)",
                                      "__reduce_and_sync",
                                      "__reduce_or_sync",
                                      "__reduce_xor_sync",
                                      "mma.sync.m16n8k16.bf16",
                                      "mma.sync.m16n8k16.f16",
                                      "ldmatrix.x1",
                                      "ldmatrix.x2",
                                      "ldmatrix.x4",
                                      "ldmatrix.x1.trans",
                                      "ldmatrix.x2.trans",
                                      "ldmatrix.x4.trans"};
  static_assert(sizeof names / sizeof names[0] ==
                    static_cast<size_t>(Op::Ldm4T) + 1,
                "one name per Op");
  return names[static_cast<unsigned>(op)];
}

/// What a lane brings to a warp collective and what it takes away. The lane
/// that completes a collective computes every participant's `out`, so a slot
/// is never overwritten before its owner has read it: a lane can only enter
/// its next collective after resuming from this one.
struct Slot {
  Op op;
  unsigned mask;
  unsigned size; // payload bytes, checked equal across lanes
  int arg0, arg1;
  alignas(16) unsigned char in[48];
  alignas(16) unsigned char out[16];
};

struct PendingCopy {
  void *dst;
  unsigned bytes;
  unsigned group;
  unsigned char data[16];
};

struct Fiber {
  ucontext_t ctx;
  uint3 tid; // threadIdx
  unsigned linear, lane, warp;
  FiberState state;
  unsigned barrierResult;  // predicates counted at the last barrier
  unsigned barrierArrived; // threads that took part in it
  Slot slot;
  PendingCopy *pending; // kMaxPendingCopies entries
  unsigned numPending;
  unsigned cpGroup; // id of the open (uncommitted) cp.async group
  char *stack;
#if defined(__SANITIZE_ADDRESS__)
  void *asanFakeStack;
#endif
};

struct Launch {
  dim3 grid, block;
  uint3 blockId; // blockIdx
  unsigned numThreads, live, atBarrier, barrierCount;
  Fiber *fibers;
  char *stackArena;
  size_t stackArenaBytes, stackBytes;
  PendingCopy *pendingPool;
  unsigned char *dynShared;
  size_t dynSharedBytes;
  ucontext_t scheduler;
  void (*body)(void **);
  void **params;
  bool failed;
  char error[1024];
#if defined(__SANITIZE_ADDRESS__)
  void *asanFakeStack;
  const void *schedulerStackBottom;
  size_t schedulerStackSize;
#endif
};

// The launch in progress in this module and the fiber running now. Launches
// of one module are serialized by gLaunchMutex, so plain globals suffice.
inline Launch *gLaunch = nullptr;
inline Fiber *gFiber = nullptr;
inline pthread_mutex_t gLaunchMutex = PTHREAD_MUTEX_INITIALIZER;
/// Set while this OS thread runs a launch, to refuse launches from kernels.
inline thread_local bool tInLaunch = false;

/// The emulated CUDA thread that is running now.
inline Fiber &current() { return *gFiber; }
inline Launch &launch_state() { return *gLaunch; }

inline void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
inline void append(char *buf, size_t size, const char *fmt, ...) {
  size_t used = strlen(buf);
  if (used + 1 >= size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + used, size - used, fmt, ap);
  va_end(ap);
}

// Fiber switches, with AddressSanitizer told about the stack change.
inline void enter_fiber(Launch &L, Fiber &f) {
  gFiber = &f;
  f.state = FiberState::Running;
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_start_switch_fiber(&L.asanFakeStack, f.stack, L.stackBytes);
#endif
  swapcontext(&L.scheduler, &f.ctx);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(L.asanFakeStack, nullptr, nullptr);
#endif
  gFiber = nullptr;
}

inline void arrived_in_fiber(Launch &L, Fiber &f) {
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(f.asanFakeStack, &L.schedulerStackBottom,
                                  &L.schedulerStackSize);
#else
  (void)L, (void)f;
#endif
}

/// Gives the OS thread back to the scheduler; `final` when this fiber will
/// never be resumed (it exited or failed).
inline void yield_to_scheduler(bool final = false) {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_start_switch_fiber(final ? nullptr : &f.asanFakeStack,
                                 L.schedulerStackBottom, L.schedulerStackSize);
#else
  (void) final;
#endif
  swapcontext(&f.ctx, &L.scheduler);
  arrived_in_fiber(L, f);
}

/// Ends the launch with an error that names the running thread. Never
/// returns: the fiber is abandoned and launch() reports the message.
[[noreturn]] inline void fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
[[noreturn]] inline void fail(const char *fmt, ...) {
  Launch *L = gLaunch;
  char msg[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!L || !gFiber) {
    fprintf(stderr, "kiln_emu: %s (outside a kernel launch)\n", msg);
    abort();
  }
  Fiber &f = *gFiber;
  if (!L->failed) {
    L->failed = true;
    snprintf(L->error, sizeof L->error,
             "block (%u,%u,%u) thread (%u,%u,%u): %s", L->blockId.x,
             L->blockId.y, L->blockId.z, f.tid.x, f.tid.y, f.tid.z, msg);
  }
  yield_to_scheduler(/*final=*/true);
  abort(); // unreachable: a failed fiber is never resumed
}

/// Lanes of warp `warp` that exist in this block.
inline unsigned warp_lanes(const Launch &L, unsigned warp) {
  unsigned first = warp * 32, left = L.numThreads - first;
  return left >= 32 ? 0xffffffffu : ((1u << left) - 1u);
}

//===----------------------------------------------------------------------===//
// Block barrier
//===----------------------------------------------------------------------===//

inline void release_barrier(Launch &L) {
  for (unsigned i = 0; i < L.numThreads; ++i) {
    Fiber &o = L.fibers[i];
    if (o.state != FiberState::AtBarrier)
      continue;
    o.barrierResult = L.barrierCount;
    o.barrierArrived = L.atBarrier;
    o.state = &o == gFiber ? FiberState::Running : FiberState::Ready;
  }
  L.atBarrier = 0;
  L.barrierCount = 0;
}

/// __syncthreads and its counting form. The barrier completes when every
/// thread of the block that has not exited has arrived (threads that returned
/// early do not block it, as on the GPU).
inline unsigned block_barrier(int predicate) {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
  f.state = FiberState::AtBarrier;
  L.barrierCount += predicate != 0;
  if (++L.atBarrier == L.live)
    release_barrier(L);
  else
    yield_to_scheduler();
  return f.barrierResult;
}

//===----------------------------------------------------------------------===//
// Warp collectives
//===----------------------------------------------------------------------===//

/// Computes `out` for every lane of `mask` once all have arrived.
inline void execute_collective(Launch &L, Fiber *lanes, unsigned mask);

/// Enters the collective described by the running fiber's slot (op, mask,
/// size, args and `in` filled in by the caller) and returns once it has
/// completed; the lane's result is then in current().slot.out.
inline void warp_collective() {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
  const Op op = f.slot.op;
  const unsigned mask = f.slot.mask;
  const unsigned exist = warp_lanes(L, f.warp);
  if (!((mask >> f.lane) & 1u))
    fail("%s: the calling lane %u is not in the mask 0x%08x", op_name(op),
         f.lane, mask);
  if (mask & ~exist)
    fail("%s: the mask 0x%08x names lanes that do not exist (warp %u of a "
         "%u-thread block has lanes 0x%08x)",
         op_name(op), mask, f.warp, L.numThreads, exist);
  if (op >= Op::MmaBf16 && mask != 0xffffffffu)
    fail("%s needs all 32 lanes of the warp", op_name(op));
  Fiber *lanes = L.fibers + f.warp * 32;
  f.state = FiberState::AtWarp;
  bool complete = true;
  for (unsigned l = 0; l < 32; ++l) {
    if (!((mask >> l) & 1u))
      continue;
    const Fiber &o = lanes[l];
    if (o.state == FiberState::Exited)
      fail("%s (mask 0x%08x): lane %u of warp %u, named in the mask, has "
           "exited and can never arrive (deadlock; CUDA leaves naming an "
           "exited lane undefined)",
           op_name(op), mask, l, f.warp);
    if (o.state != FiberState::AtWarp || o.slot.mask != mask)
      complete = false;
  }
  if (!complete) {
    yield_to_scheduler();
    return;
  }
  for (unsigned l = 0; l < 32; ++l) {
    if (((mask >> l) & 1u) &&
        (lanes[l].slot.op != op || lanes[l].slot.size != f.slot.size))
      fail("lanes of warp %u met with mask 0x%08x at different collectives: "
           "lane %u at %s (%u bytes), lane %u at %s (%u bytes)",
           f.warp, mask, f.lane, op_name(op), f.slot.size, l,
           op_name(lanes[l].slot.op), lanes[l].slot.size);
  }
  execute_collective(L, lanes, mask);
  for (unsigned l = 0; l < 32; ++l)
    if ((mask >> l) & 1u)
      lanes[l].state = FiberState::Ready;
  f.state = FiberState::Running;
}

/// Fills the running fiber's slot header for a collective.
inline Slot &begin_collective(Op op, unsigned mask, unsigned size = 0,
                              int arg0 = 0, int arg1 = 0) {
  Slot &s = gFiber->slot;
  s.op = op;
  s.mask = mask;
  s.size = size;
  s.arg0 = arg0;
  s.arg1 = arg1;
  return s;
}

/// Bytes written into `out` of a lane that reads an undefined value (a shuffle
/// whose source lane is not in the mask): all ones, a NaN in every float
/// format and -1 as an integer.
constexpr unsigned char kPoison = 0xff;

/// The lane a shuffle reads, exactly as PTX's `shfl.sync` computes it: `c`
/// packs the segment mask (bits 12:8) and the clamp lane (bits 4:0), built
/// from `width` the way CUDA's __shfl_*_sync build it. A source out of the
/// lane's segment means the lane keeps its own value (the lane itself).
inline unsigned shfl_source(Op op, unsigned lane, int b, int c) {
  const int segmask = (c >> 8) & 0x1f, clamp = c & 0x1f;
  const int self = static_cast<int>(lane);
  const int maxLane = (self & segmask) | (clamp & ~segmask);
  const int minLane = self & segmask;
  const int bval = b & 0x1f;
  int j = self;
  bool inRange = true;
  switch (op) {
  case Op::ShflUp:
    j = self - bval;
    inRange = j >= maxLane;
    break;
  case Op::ShflDown:
    j = self + bval;
    inRange = j <= maxLane;
    break;
  case Op::ShflXor:
    j = self ^ bval;
    inRange = j <= maxLane;
    break;
  default: // ShflIdx
    j = minLane | (bval & ~segmask);
    inRange = j <= maxLane;
    break;
  }
  return static_cast<unsigned>(inRange ? j : self);
}

inline void execute_mma(Fiber *lanes, bool bf16);
inline void execute_ldmatrix(Fiber *lanes, unsigned count, bool trans);

inline void execute_collective(Launch &L, Fiber *lanes, unsigned mask) {
  (void)L;
  const Op op = lanes[__builtin_ctz(mask)].slot.op;
  auto each = [&](auto &&fn) {
    for (unsigned l = 0; l < 32; ++l)
      if ((mask >> l) & 1u)
        fn(l, lanes[l].slot);
  };
  auto u32in = [&](unsigned l) {
    unsigned v;
    memcpy(&v, lanes[l].slot.in, 4);
    return v;
  };
  auto setOut = [](Slot &s, unsigned v) { memcpy(s.out, &v, 4); };
  switch (op) {
  case Op::SyncWarp:
    return;
  case Op::ShflIdx:
  case Op::ShflUp:
  case Op::ShflDown:
  case Op::ShflXor:
    each([&](unsigned l, Slot &s) {
      unsigned src = shfl_source(op, l, s.arg0, s.arg1);
      if ((mask >> src) & 1u)
        memcpy(s.out, lanes[src].slot.in, s.size);
      else
        memset(s.out, kPoison, s.size);
    });
    return;
  case Op::Ballot:
  case Op::All:
  case Op::Any:
  case Op::Uni: {
    unsigned ballot = 0;
    each([&](unsigned l, Slot &) { ballot |= (u32in(l) != 0) << l; });
    unsigned r = op == Op::Ballot ? ballot
                 : op == Op::All  ? ballot == mask
                 : op == Op::Any  ? ballot != 0
                                  : (ballot == 0 || ballot == mask);
    each([&](unsigned, Slot &s) { setOut(s, r); });
    return;
  }
  case Op::MatchAny:
  case Op::MatchAll: {
    bool allSame = true;
    each([&](unsigned l, Slot &s) {
      unsigned same = 0;
      for (unsigned k = 0; k < 32; ++k)
        if (((mask >> k) & 1u) &&
            memcmp(lanes[k].slot.in, lanes[l].slot.in, s.size) == 0)
          same |= 1u << k;
      setOut(s, same);
      allSame = allSame && same == mask;
    });
    if (op == Op::MatchAll)
      each([&](unsigned, Slot &s) {
        unsigned r[2] = {allSame ? mask : 0u, allSame ? 1u : 0u};
        memcpy(s.out, r, 8);
      });
    return;
  }
  case Op::ReduceAdd:
  case Op::ReduceMinS:
  case Op::ReduceMaxS:
  case Op::ReduceMinU:
  case Op::ReduceMaxU:
  case Op::ReduceAnd:
  case Op::ReduceOr:
  case Op::ReduceXor: {
    bool first = true;
    unsigned acc = 0;
    each([&](unsigned l, Slot &) {
      unsigned v = u32in(l);
      int sv = static_cast<int>(v), sa = static_cast<int>(acc);
      if (first) {
        acc = v;
        first = false;
        return;
      }
      switch (op) {
      case Op::ReduceAdd:
        acc += v;
        break;
      case Op::ReduceMinS:
        acc = static_cast<unsigned>(sv < sa ? sv : sa);
        break;
      case Op::ReduceMaxS:
        acc = static_cast<unsigned>(sv > sa ? sv : sa);
        break;
      case Op::ReduceMinU:
        acc = v < acc ? v : acc;
        break;
      case Op::ReduceMaxU:
        acc = v > acc ? v : acc;
        break;
      case Op::ReduceAnd:
        acc &= v;
        break;
      case Op::ReduceOr:
        acc |= v;
        break;
      default:
        acc ^= v;
        break;
      }
    });
    each([&](unsigned, Slot &s) { setOut(s, acc); });
    return;
  }
  case Op::MmaBf16:
  case Op::MmaF16:
    execute_mma(lanes, op == Op::MmaBf16);
    return;
  case Op::Ldm1:
    execute_ldmatrix(lanes, 1, false);
    return;
  case Op::Ldm2:
    execute_ldmatrix(lanes, 2, false);
    return;
  case Op::Ldm4:
    execute_ldmatrix(lanes, 4, false);
    return;
  case Op::Ldm1T:
    execute_ldmatrix(lanes, 1, true);
    return;
  case Op::Ldm2T:
    execute_ldmatrix(lanes, 2, true);
    return;
  case Op::Ldm4T:
    execute_ldmatrix(lanes, 4, true);
    return;
  }
}

/// Shuffles: any trivially copyable value of at most 8 bytes moves whole, as
/// CUDA's 64-bit overloads (two 32-bit shuffles with the same source) do.
template <class T>
inline T shuffle(Op op, unsigned mask, T var, int b, int width) {
  static_assert(std::is_trivially_copyable<T>::value && sizeof(T) <= 8,
                "warp shuffles move values of at most 8 bytes");
  const int c =
      op == Op::ShflUp ? ((32 - width) << 8) : (((32 - width) << 8) | 0x1f);
  Slot &s = begin_collective(op, mask, sizeof(T), b, c);
  memcpy(s.in, &var, sizeof(T));
  warp_collective();
  T r;
  memcpy(&r, gFiber->slot.out, sizeof(T));
  return r;
}

inline unsigned vote(Op op, unsigned mask, unsigned value) {
  Slot &s = begin_collective(op, mask, 4);
  memcpy(s.in, &value, 4);
  warp_collective();
  unsigned r;
  memcpy(&r, gFiber->slot.out, 4);
  return r;
}

//===----------------------------------------------------------------------===//
// 16-bit float conversions (bit-exact with kiln/Runtime/Float16.h)
//===----------------------------------------------------------------------===//

namespace fp {

inline uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

inline float bits_float(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/// f32 → bf16 bits, round to nearest even; NaN stays a (quiet) NaN.
inline uint16_t float_to_bf16(float f) {
  uint32_t u = float_bits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u)
    return static_cast<uint16_t>((u >> 16) | 0x0040u);
  u += 0x7fffu + ((u >> 16) & 1u);
  return static_cast<uint16_t>(u >> 16);
}

inline float bf16_to_float(uint16_t h) {
  return bits_float(static_cast<uint32_t>(h) << 16);
}

/// f32 → IEEE binary16 bits, round to nearest even, overflow to infinity,
/// gradual underflow; NaN stays a (quiet) NaN.
inline uint16_t float_to_f16(float f) {
  uint32_t u = float_bits(f);
  uint16_t sign = static_cast<uint16_t>((u >> 16) & 0x8000u);
  uint32_t abs = u & 0x7fffffffu;
  if (abs > 0x7f800000u)
    return sign | 0x7e00u;
  if (abs >= 0x477ff000u) // rounds to >= 65520: infinity
    return sign | 0x7c00u;
  if (abs < 0x38800000u) { // below 2^-14: subnormal or zero
    float scaled = bits_float(abs) * 16777216.0f; // exact: power of two
    uint32_t whole = static_cast<uint32_t>(scaled);
    float frac = scaled - static_cast<float>(whole);
    if (frac > 0.5f || (frac == 0.5f && (whole & 1u)))
      ++whole;
    return sign | static_cast<uint16_t>(whole);
  }
  uint32_t rebased = abs - 0x38000000u;
  rebased += 0xfffu + ((rebased >> 13) & 1u);
  return sign | static_cast<uint16_t>(rebased >> 13);
}

inline float f16_to_float(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
  if (exp == 0)
    return bits_float(sign) +
           (sign ? -1.0f : 1.0f) * static_cast<float>(mant) * 5.9604645e-8f;
  if (exp == 31)
    return bits_float(sign | 0x7f800000u | (mant << 13));
  return bits_float(sign | ((exp + 112u) << 23) | (mant << 13));
}

/// double → float rounded to odd, so that a second rounding to a 16-bit
/// format gives the correctly rounded result of the double.
inline float double_to_float_odd(double d) {
  float f = static_cast<float>(d);
  if (!(static_cast<double>(f) != d) || d != d)
    return f;
  if (std::fabs(static_cast<double>(f)) > std::fabs(d))
    f = std::nextafter(f, 0.0f);
  return bits_float(float_bits(f) | 1u);
}

} // namespace fp

} // namespace kiln_emu

//===----------------------------------------------------------------------===//
// Built-in variables
//===----------------------------------------------------------------------===//

#define threadIdx (static_cast<const uint3 &>(::kiln_emu::current().tid))
#define blockIdx                                                               \
  (static_cast<const uint3 &>(::kiln_emu::launch_state().blockId))
#define blockDim (static_cast<const dim3 &>(::kiln_emu::launch_state().block))
#define gridDim (static_cast<const dim3 &>(::kiln_emu::launch_state().grid))
constexpr int warpSize = 32;

//===----------------------------------------------------------------------===//
// Synchronization, shuffles and votes
//===----------------------------------------------------------------------===//

inline void __syncthreads() { ::kiln_emu::block_barrier(0); }
inline int __syncthreads_count(int p) {
  return static_cast<int>(::kiln_emu::block_barrier(p));
}
inline int __syncthreads_and(int p) {
  return ::kiln_emu::block_barrier(p) == ::kiln_emu::current().barrierArrived;
}
inline int __syncthreads_or(int p) { return ::kiln_emu::block_barrier(p) != 0; }

inline void __syncwarp(unsigned mask = 0xffffffffu) {
  ::kiln_emu::begin_collective(::kiln_emu::Op::SyncWarp, mask);
  ::kiln_emu::warp_collective();
}

/// Lanes of the caller's warp that exist and have not exited. The emulator
/// does not track divergence, so inside a divergent branch this is wider than
/// the GPU's answer.
inline unsigned __activemask() {
  const ::kiln_emu::Launch &L = ::kiln_emu::launch_state();
  const ::kiln_emu::Fiber &f = ::kiln_emu::current();
  unsigned m = 0;
  for (unsigned l = 0; l < 32; ++l)
    if (((::kiln_emu::warp_lanes(L, f.warp) >> l) & 1u) &&
        L.fibers[f.warp * 32 + l].state != ::kiln_emu::FiberState::Exited)
      m |= 1u << l;
  return m;
}

template <class T>
inline T __shfl_sync(unsigned mask, T var, int srcLane, int width = 32) {
  return ::kiln_emu::shuffle(::kiln_emu::Op::ShflIdx, mask, var, srcLane,
                             width);
}
template <class T>
inline T __shfl_up_sync(unsigned mask, T var, unsigned delta, int width = 32) {
  return ::kiln_emu::shuffle(::kiln_emu::Op::ShflUp, mask, var,
                             static_cast<int>(delta), width);
}
template <class T>
inline T __shfl_down_sync(unsigned mask, T var, unsigned delta,
                          int width = 32) {
  return ::kiln_emu::shuffle(::kiln_emu::Op::ShflDown, mask, var,
                             static_cast<int>(delta), width);
}
template <class T>
inline T __shfl_xor_sync(unsigned mask, T var, int laneMask, int width = 32) {
  return ::kiln_emu::shuffle(::kiln_emu::Op::ShflXor, mask, var, laneMask,
                             width);
}

inline unsigned __ballot_sync(unsigned mask, int p) {
  return ::kiln_emu::vote(::kiln_emu::Op::Ballot, mask, p != 0);
}
inline int __all_sync(unsigned mask, int p) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::All, mask, p != 0));
}
inline int __any_sync(unsigned mask, int p) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::Any, mask, p != 0));
}
inline int __uni_sync(unsigned mask, int p) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::Uni, mask, p != 0));
}

template <class T> inline unsigned __match_any_sync(unsigned mask, T value) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "32- or 64-bit values");
  ::kiln_emu::Slot &s =
      ::kiln_emu::begin_collective(::kiln_emu::Op::MatchAny, mask, sizeof(T));
  memcpy(s.in, &value, sizeof(T));
  ::kiln_emu::warp_collective();
  unsigned r;
  memcpy(&r, ::kiln_emu::current().slot.out, 4);
  return r;
}
template <class T>
inline unsigned __match_all_sync(unsigned mask, T value, int *pred) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "32- or 64-bit values");
  ::kiln_emu::Slot &s =
      ::kiln_emu::begin_collective(::kiln_emu::Op::MatchAll, mask, sizeof(T));
  memcpy(s.in, &value, sizeof(T));
  ::kiln_emu::warp_collective();
  unsigned r[2];
  memcpy(r, ::kiln_emu::current().slot.out, 8);
  *pred = static_cast<int>(r[1]);
  return r[0];
}

inline unsigned __reduce_add_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceAdd, mask, v);
}
inline int __reduce_add_sync(unsigned mask, int v) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::ReduceAdd, mask,
                                           static_cast<unsigned>(v)));
}
inline unsigned __reduce_min_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceMinU, mask, v);
}
inline int __reduce_min_sync(unsigned mask, int v) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::ReduceMinS, mask,
                                           static_cast<unsigned>(v)));
}
inline unsigned __reduce_max_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceMaxU, mask, v);
}
inline int __reduce_max_sync(unsigned mask, int v) {
  return static_cast<int>(::kiln_emu::vote(::kiln_emu::Op::ReduceMaxS, mask,
                                           static_cast<unsigned>(v)));
}
inline unsigned __reduce_and_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceAnd, mask, v);
}
inline unsigned __reduce_or_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceOr, mask, v);
}
inline unsigned __reduce_xor_sync(unsigned mask, unsigned v) {
  return ::kiln_emu::vote(::kiln_emu::Op::ReduceXor, mask, v);
}

/// Memory fences order nothing here: emulated threads never run at the same
/// time, and only switch at barriers and warp collectives.
inline void __threadfence() {}
inline void __threadfence_block() {}
inline void __threadfence_system() {}

/// Lets the other threads of the block run (so a spin-wait on a flag another
/// thread of the block sets can make progress); not a barrier.
inline void __nanosleep(unsigned) {
  ::kiln_emu::current().state = ::kiln_emu::FiberState::Ready;
  ::kiln_emu::yield_to_scheduler();
}

[[noreturn]] inline void __trap() { ::kiln_emu::fail("__trap() called"); }
[[noreturn]] inline void __brkpt() { ::kiln_emu::fail("__brkpt() called"); }

inline long long clock64() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

//===----------------------------------------------------------------------===//
// Atomics. Emulated threads never run at the same time and switch only at
// barriers and collectives, so a plain read-modify-write is atomic; each
// returns the old value like CUDA's.
//===----------------------------------------------------------------------===//

#define KILN_EMU_ATOMIC(name, T, expr)                                         \
  inline T name(T *address, T val) {                                           \
    T old = *address;                                                          \
    *address = (expr);                                                         \
    return old;                                                                \
  }
#define KILN_EMU_ATOMIC_SCOPES(name, T, expr)                                  \
  KILN_EMU_ATOMIC(name, T, expr)                                               \
  KILN_EMU_ATOMIC(name##_block, T, expr)                                       \
  KILN_EMU_ATOMIC(name##_system, T, expr)

KILN_EMU_ATOMIC_SCOPES(atomicAdd, int, old + val)
KILN_EMU_ATOMIC_SCOPES(atomicAdd, unsigned int, old + val)
KILN_EMU_ATOMIC_SCOPES(atomicAdd, unsigned long long, old + val)
KILN_EMU_ATOMIC_SCOPES(atomicAdd, float, old + val)
KILN_EMU_ATOMIC_SCOPES(atomicAdd, double, old + val)
KILN_EMU_ATOMIC_SCOPES(atomicSub, int, old - val)
KILN_EMU_ATOMIC_SCOPES(atomicSub, unsigned int, old - val)
KILN_EMU_ATOMIC_SCOPES(atomicExch, int, val)
KILN_EMU_ATOMIC_SCOPES(atomicExch, unsigned int, val)
KILN_EMU_ATOMIC_SCOPES(atomicExch, unsigned long long, val)
KILN_EMU_ATOMIC_SCOPES(atomicExch, float, val)
KILN_EMU_ATOMIC_SCOPES(atomicMax, int, old > val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMax, unsigned int, old > val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMax, long long, old > val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMax, unsigned long long, old > val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMin, int, old < val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMin, unsigned int, old < val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMin, long long, old < val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicMin, unsigned long long, old < val ? old : val)
KILN_EMU_ATOMIC_SCOPES(atomicAnd, int, old &val)
KILN_EMU_ATOMIC_SCOPES(atomicAnd, unsigned int, old &val)
KILN_EMU_ATOMIC_SCOPES(atomicAnd, unsigned long long, old &val)
KILN_EMU_ATOMIC_SCOPES(atomicOr, int, old | val)
KILN_EMU_ATOMIC_SCOPES(atomicOr, unsigned int, old | val)
KILN_EMU_ATOMIC_SCOPES(atomicOr, unsigned long long, old | val)
KILN_EMU_ATOMIC_SCOPES(atomicXor, int, old ^ val)
KILN_EMU_ATOMIC_SCOPES(atomicXor, unsigned int, old ^ val)
KILN_EMU_ATOMIC_SCOPES(atomicXor, unsigned long long, old ^ val)
KILN_EMU_ATOMIC_SCOPES(atomicInc, unsigned int, old >= val ? 0u : old + 1u)
KILN_EMU_ATOMIC_SCOPES(atomicDec, unsigned int,
                       (old == 0u || old > val) ? val : old - 1u)

#define KILN_EMU_ATOMIC_CAS(name, T)                                           \
  inline T name(T *address, T compare, T val) {                                \
    T old = *address;                                                          \
    if (old == compare)                                                        \
      *address = val;                                                          \
    return old;                                                                \
  }
KILN_EMU_ATOMIC_CAS(atomicCAS, int)
KILN_EMU_ATOMIC_CAS(atomicCAS, unsigned int)
KILN_EMU_ATOMIC_CAS(atomicCAS, unsigned long long)
KILN_EMU_ATOMIC_CAS(atomicCAS, unsigned short)
KILN_EMU_ATOMIC_CAS(atomicCAS_block, int)
KILN_EMU_ATOMIC_CAS(atomicCAS_block, unsigned int)
KILN_EMU_ATOMIC_CAS(atomicCAS_block, unsigned long long)
KILN_EMU_ATOMIC_CAS(atomicCAS_system, int)
KILN_EMU_ATOMIC_CAS(atomicCAS_system, unsigned int)
KILN_EMU_ATOMIC_CAS(atomicCAS_system, unsigned long long)

//===----------------------------------------------------------------------===//
// Integer intrinsics, bit casts, conversions
//===----------------------------------------------------------------------===//

inline int __popc(unsigned x) { return __builtin_popcount(x); }
inline int __popcll(unsigned long long x) { return __builtin_popcountll(x); }
inline int __clz(int x) {
  return x == 0 ? 32 : __builtin_clz(static_cast<unsigned>(x));
}
inline int __clzll(long long x) {
  return x == 0 ? 64 : __builtin_clzll(static_cast<unsigned long long>(x));
}
inline int __ffs(int x) { return __builtin_ffs(x); }
inline int __ffsll(long long x) { return __builtin_ffsll(x); }
inline unsigned __brev(unsigned x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  return __builtin_bswap32(x);
}
inline unsigned long long __brevll(unsigned long long x) {
  return (static_cast<unsigned long long>(__brev(static_cast<unsigned>(x)))
          << 32) |
         __brev(static_cast<unsigned>(x >> 32));
}
inline unsigned __umulhi(unsigned a, unsigned b) {
  return static_cast<unsigned>((static_cast<unsigned long long>(a) * b) >> 32);
}
inline int __mulhi(int a, int b) {
  return static_cast<int>((static_cast<long long>(a) * b) >> 32);
}
inline unsigned long long __umul64hi(unsigned long long a,
                                     unsigned long long b) {
  return static_cast<unsigned long long>(
      (static_cast<unsigned __int128>(a) * b) >> 64);
}
inline long long __mul64hi(long long a, long long b) {
  return static_cast<long long>((static_cast<__int128>(a) * b) >> 64);
}
inline int __mul24(int a, int b) { return ((a << 8) >> 8) * ((b << 8) >> 8); }
inline unsigned __umul24(unsigned a, unsigned b) {
  return (a & 0xffffffu) * (b & 0xffffffu);
}
inline unsigned __byte_perm(unsigned x, unsigned y, unsigned s) {
  unsigned long long v = (static_cast<unsigned long long>(y) << 32) | x;
  unsigned r = 0;
  for (int i = 0; i < 4; ++i)
    r |= static_cast<unsigned>((v >> (8 * ((s >> (4 * i)) & 7u))) & 0xffu)
         << (8 * i);
  return r;
}
inline unsigned __funnelshift_l(unsigned lo, unsigned hi, unsigned shift) {
  unsigned long long v = (static_cast<unsigned long long>(hi) << 32) | lo;
  return static_cast<unsigned>((v << (shift & 31u)) >> 32);
}
inline unsigned __funnelshift_r(unsigned lo, unsigned hi, unsigned shift) {
  unsigned long long v = (static_cast<unsigned long long>(hi) << 32) | lo;
  return static_cast<unsigned>(v >> (shift & 31u));
}

inline int __float_as_int(float f) {
  int i;
  memcpy(&i, &f, 4);
  return i;
}
inline unsigned __float_as_uint(float f) {
  return ::kiln_emu::fp::float_bits(f);
}
inline float __int_as_float(int i) {
  float f;
  memcpy(&f, &i, 4);
  return f;
}
inline float __uint_as_float(unsigned u) {
  return ::kiln_emu::fp::bits_float(u);
}
inline long long __double_as_longlong(double d) {
  long long i;
  memcpy(&i, &d, 8);
  return i;
}
inline double __longlong_as_double(long long i) {
  double d;
  memcpy(&d, &i, 8);
  return d;
}

namespace kiln_emu {
/// float → integer the way cvt.sat does it: NaN gives 0, out of range
/// saturates. (A plain C++ cast in kernel code does not: see README.md.)
template <class I> inline I saturate_to(float r) {
  if (r != r)
    return 0;
  if (r <= static_cast<float>(std::numeric_limits<I>::min()))
    return std::numeric_limits<I>::min();
  if (r >= static_cast<float>(std::numeric_limits<I>::max()))
    return std::numeric_limits<I>::max();
  return static_cast<I>(r);
}
} // namespace kiln_emu

inline int __float2int_rn(float x) {
  return ::kiln_emu::saturate_to<int>(nearbyintf(x));
}
inline int __float2int_rz(float x) {
  return ::kiln_emu::saturate_to<int>(truncf(x));
}
inline int __float2int_rd(float x) {
  return ::kiln_emu::saturate_to<int>(floorf(x));
}
inline int __float2int_ru(float x) {
  return ::kiln_emu::saturate_to<int>(ceilf(x));
}
inline unsigned __float2uint_rn(float x) {
  return ::kiln_emu::saturate_to<unsigned>(nearbyintf(x));
}
inline unsigned __float2uint_rz(float x) {
  return ::kiln_emu::saturate_to<unsigned>(truncf(x));
}
inline long long __float2ll_rn(float x) {
  return ::kiln_emu::saturate_to<long long>(nearbyintf(x));
}
inline float __int2float_rn(int x) { return static_cast<float>(x); }
inline float __uint2float_rn(unsigned x) { return static_cast<float>(x); }

//===----------------------------------------------------------------------===//
// Math. The libm functions (expf, logf, tanhf, erff, ...) come from <cmath>.
// Fast intrinsics are computed accurately, so they can differ from the GPU's
// approximations in the last bits; compare with the tolerances ops.md gives.
//===----------------------------------------------------------------------===//

inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
inline double rsqrt(double x) { return 1.0 / sqrt(x); }
inline float rcbrtf(float x) { return 1.0f / cbrtf(x); }
inline float __expf(float x) { return expf(x); }
inline float __exp10f(float x) { return exp10f(x); }
inline float __logf(float x) { return logf(x); }
inline float __log2f(float x) { return log2f(x); }
inline float __log10f(float x) { return log10f(x); }
inline float __powf(float x, float y) { return powf(x, y); }
inline float __sinf(float x) { return sinf(x); }
inline float __cosf(float x) { return cosf(x); }
inline float __tanf(float x) { return tanf(x); }
inline void __sincosf(float x, float *s, float *c) { sincosf(x, s, c); }
inline float __fdividef(float a, float b) { return a / b; }
inline float fdividef(float a, float b) { return a / b; }
inline float __frcp_rn(float x) { return 1.0f / x; }
inline float __fsqrt_rn(float x) { return sqrtf(x); }
inline float __frsqrt_rn(float x) { return 1.0f / sqrtf(x); }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
inline float __fmaf_rn(float a, float b, float c) { return fmaf(a, b, c); }
inline float __saturatef(float x) {
  return x != x ? 0.0f : (x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x));
}
inline float normcdff(float x) {
  return 0.5f * erfcf(-x * 0.70710678118654752f);
}
inline double normcdf(double x) { return 0.5 * erfc(-x * 0.70710678118654752); }

// CUDA's min/max overloads (global namespace, like the CUDA headers).
#define KILN_EMU_MINMAX(T)                                                     \
  inline T min(T a, T b) { return a < b ? a : b; }                             \
  inline T max(T a, T b) { return a > b ? a : b; }
KILN_EMU_MINMAX(int)
KILN_EMU_MINMAX(unsigned int)
KILN_EMU_MINMAX(long)
KILN_EMU_MINMAX(unsigned long)
KILN_EMU_MINMAX(long long)
KILN_EMU_MINMAX(unsigned long long)
inline unsigned min(int a, unsigned b) {
  return min(static_cast<unsigned>(a), b);
}
inline unsigned min(unsigned a, int b) {
  return min(a, static_cast<unsigned>(b));
}
inline unsigned max(int a, unsigned b) {
  return max(static_cast<unsigned>(a), b);
}
inline unsigned max(unsigned a, int b) {
  return max(a, static_cast<unsigned>(b));
}
inline float min(float a, float b) { return fminf(a, b); }
inline float max(float a, float b) { return fmaxf(a, b); }
inline double min(double a, double b) { return fmin(a, b); }
inline double max(double a, double b) { return fmax(a, b); }
inline double min(float a, double b) { return fmin(a, b); }
inline double min(double a, float b) { return fmin(a, b); }
inline double max(float a, double b) { return fmax(a, b); }
inline double max(double a, float b) { return fmax(a, b); }

// Cache-hinted loads and stores: plain memory accesses.
template <class T> inline T __ldg(const T *p) { return *p; }
template <class T> inline T __ldcg(const T *p) { return *p; }
template <class T> inline T __ldca(const T *p) { return *p; }
template <class T> inline T __ldcs(const T *p) { return *p; }
template <class T> inline T __ldlu(const T *p) { return *p; }
template <class T> inline T __ldcv(const T *p) { return *p; }
template <class T> inline void __stwb(T *p, T v) { *p = v; }
template <class T> inline void __stcg(T *p, T v) { *p = v; }
template <class T> inline void __stcs(T *p, T v) { *p = v; }
template <class T> inline void __stwt(T *p, T v) { *p = v; }

//===----------------------------------------------------------------------===//
// __half and __nv_bfloat16: storage types whose arithmetic is computed in f32
// and rounded to nearest even. For +, -, *, / and sqrt that is the correctly
// rounded 16-bit result (f32 has more than 2p+2 bits for both formats), which
// is what the GPU computes. The interface follows cuda_fp16.h / cuda_bf16.h,
// implicit conversions included.
//===----------------------------------------------------------------------===//

#define KILN_EMU_HALF_TYPE(H, RAW, TOBITS, TOFLOAT)                            \
  struct RAW {                                                                 \
    unsigned short x;                                                          \
  };                                                                           \
  struct __attribute__((aligned(2))) H {                                       \
  protected:                                                                   \
    unsigned short __x;                                                        \
                                                                               \
  public:                                                                      \
    H() = default;                                                             \
    constexpr H(const RAW &r) : __x(r.x) {}                                    \
    H(float f) : __x(TOBITS(f)) {}                                             \
    H(double d) : __x(TOBITS(::kiln_emu::fp::double_to_float_odd(d))) {}       \
    H(short v) : H(static_cast<float>(v)) {}                                   \
    H(unsigned short v) : H(static_cast<float>(v)) {}                          \
    H(int v) : H(static_cast<double>(v)) {}                                    \
    H(unsigned int v) : H(static_cast<double>(v)) {}                           \
    H(long v) : H(static_cast<double>(v)) {}                                   \
    H(unsigned long v) : H(static_cast<double>(v)) {}                          \
    H(long long v) : H(static_cast<double>(v)) {}                              \
    H(unsigned long long v) : H(static_cast<double>(v)) {}                     \
    H &operator=(const RAW &r) {                                               \
      __x = r.x;                                                               \
      return *this;                                                            \
    }                                                                          \
    H &operator=(float f) {                                                    \
      __x = TOBITS(f);                                                         \
      return *this;                                                            \
    }                                                                          \
    H &operator=(double d) { return *this = H(d); }                            \
    operator RAW() const { return RAW{__x}; }                                  \
    operator float() const { return TOFLOAT(__x); }                            \
    explicit operator bool() const { return TOFLOAT(__x) != 0.0f; }            \
    operator signed char() const { return static_cast<signed char>(ftoi()); }  \
    operator unsigned char() const {                                           \
      return static_cast<unsigned char>(ftoi());                               \
    }                                                                          \
    operator char() const { return static_cast<char>(ftoi()); }                \
    operator short() const { return static_cast<short>(ftoi()); }              \
    operator unsigned short() const {                                          \
      return static_cast<unsigned short>(ftoi());                              \
    }                                                                          \
    operator int() const { return static_cast<int>(ftoi()); }                  \
    operator unsigned int() const { return static_cast<unsigned>(ftoi()); }    \
    operator long() const { return static_cast<long>(ftoi()); }                \
    operator unsigned long() const {                                           \
      return static_cast<unsigned long>(ftoi());                               \
    }                                                                          \
    operator long long() const { return ftoi(); }                              \
    operator unsigned long long() const {                                      \
      return static_cast<unsigned long long>(ftoi());                          \
    }                                                                          \
                                                                               \
  private:                                                                     \
    long long ftoi() const {                                                   \
      return ::kiln_emu::saturate_to<long long>(truncf(TOFLOAT(__x)));         \
    }                                                                          \
  };                                                                           \
  inline H operator+(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) + static_cast<float>(b));                   \
  }                                                                            \
  inline H operator-(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) - static_cast<float>(b));                   \
  }                                                                            \
  inline H operator*(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) * static_cast<float>(b));                   \
  }                                                                            \
  inline H operator/(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) / static_cast<float>(b));                   \
  }                                                                            \
  inline H &operator+=(H &a, const H &b) { return a = a + b; }                 \
  inline H &operator-=(H &a, const H &b) { return a = a - b; }                 \
  inline H &operator*=(H &a, const H &b) { return a = a * b; }                 \
  inline H &operator/=(H &a, const H &b) { return a = a / b; }                 \
  inline H operator+(const H &a) { return a; }                                 \
  inline H operator-(const H &a) {                                             \
    return H(                                                                  \
        RAW{static_cast<unsigned short>(static_cast<RAW>(a).x ^ 0x8000u)});    \
  }                                                                            \
  inline bool operator==(const H &a, const H &b) {                             \
    return static_cast<float>(a) == static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator!=(const H &a, const H &b) {                             \
    return static_cast<float>(a) != static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator<(const H &a, const H &b) {                              \
    return static_cast<float>(a) < static_cast<float>(b);                      \
  }                                                                            \
  inline bool operator>(const H &a, const H &b) {                              \
    return static_cast<float>(a) > static_cast<float>(b);                      \
  }                                                                            \
  inline bool operator<=(const H &a, const H &b) {                             \
    return static_cast<float>(a) <= static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator>=(const H &a, const H &b) {                             \
    return static_cast<float>(a) >= static_cast<float>(b);                     \
  }                                                                            \
  struct __attribute__((aligned(4))) H##2 {                                    \
    H x, y;                                                                    \
    H##2() = default;                                                          \
    constexpr H##2(const H &a, const H &b) : x(a), y(b) {}                     \
  };                                                                           \
  inline H##2 operator+(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x + b.x, a.y + b.y);                                         \
  }                                                                            \
  inline H##2 operator-(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x - b.x, a.y - b.y);                                         \
  }                                                                            \
  inline H##2 operator*(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x * b.x, a.y * b.y);                                         \
  }                                                                            \
  inline H##2 operator/(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x / b.x, a.y / b.y);                                         \
  }

namespace kiln_emu {
namespace fp {
inline uint16_t to_f16(float f) { return float_to_f16(f); }
inline uint16_t to_bf16(float f) { return float_to_bf16(f); }
} // namespace fp
} // namespace kiln_emu

KILN_EMU_HALF_TYPE(__half, __half_raw, ::kiln_emu::fp::to_f16,
                   ::kiln_emu::fp::f16_to_float)
KILN_EMU_HALF_TYPE(__nv_bfloat16, __nv_bfloat16_raw, ::kiln_emu::fp::to_bf16,
                   ::kiln_emu::fp::bf16_to_float)

static_assert(sizeof(__half) == 2 && sizeof(__half2) == 4 &&
                  alignof(__half2) == 4 && sizeof(__nv_bfloat162) == 4 &&
                  std::is_trivially_default_constructible<__half>::value &&
                  std::is_trivially_copyable<__nv_bfloat16>::value,
              "16-bit types must be layout-compatible with CUDA's");

typedef __half half;
typedef __half2 half2;
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

// Conversions and bit casts.
inline __half __float2half(float f) { return __half(f); }
inline __half __float2half_rn(float f) { return __half(f); }
inline __half __double2half(double d) { return __half(d); }
inline float __half2float(__half h) { return static_cast<float>(h); }
inline __half __int2half_rn(int i) { return __half(i); }
inline int __half2int_rz(__half h) { return static_cast<int>(h); }
inline int __half2int_rn(__half h) {
  return __float2int_rn(static_cast<float>(h));
}
inline unsigned short __half_as_ushort(__half h) {
  return static_cast<__half_raw>(h).x;
}
inline short __half_as_short(__half h) {
  return static_cast<short>(static_cast<__half_raw>(h).x);
}
inline __half __ushort_as_half(unsigned short u) {
  return __half(__half_raw{u});
}
inline __half __short_as_half(short s) {
  return __half(__half_raw{static_cast<unsigned short>(s)});
}
inline __nv_bfloat16 __float2bfloat16(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __float2bfloat16_rn(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __double2bfloat16(double d) { return __nv_bfloat16(d); }
inline float __bfloat162float(__nv_bfloat16 h) { return static_cast<float>(h); }
inline __nv_bfloat16 __int2bfloat16_rn(int i) { return __nv_bfloat16(i); }
inline int __bfloat162int_rz(__nv_bfloat16 h) { return static_cast<int>(h); }
inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) {
  return static_cast<__nv_bfloat16_raw>(h).x;
}
inline short __bfloat16_as_short(__nv_bfloat16 h) {
  return static_cast<short>(static_cast<__nv_bfloat16_raw>(h).x);
}
inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short u) {
  return __nv_bfloat16(__nv_bfloat16_raw{u});
}
inline __nv_bfloat16 __short_as_bfloat16(short s) {
  return __nv_bfloat16(__nv_bfloat16_raw{static_cast<unsigned short>(s)});
}

// Arithmetic helpers (cuda_fp16.h / cuda_bf16.h names).
#define KILN_EMU_HALF_FUNCS(H, P)                                              \
  inline H P##add(H a, H b) { return a + b; }                                  \
  inline H P##sub(H a, H b) { return a - b; }                                  \
  inline H P##mul(H a, H b) { return a * b; }                                  \
  inline H P##div(H a, H b) { return a / b; }                                  \
  inline H P##neg(H a) { return -a; }                                          \
  inline H P##abs(H a) {                                                       \
    return H(H##_raw{                                                          \
        static_cast<unsigned short>(static_cast<H##_raw>(a).x & 0x7fffu)});    \
  }                                                                            \
  inline H P##fma(H a, H b, H c) {                                             \
    return H(::kiln_emu::fp::double_to_float_odd(                              \
        fma(static_cast<double>(static_cast<float>(a)),                        \
            static_cast<double>(static_cast<float>(b)),                        \
            static_cast<double>(static_cast<float>(c)))));                     \
  }                                                                            \
  inline H P##max(H a, H b) {                                                  \
    return H(fmaxf(static_cast<float>(a), static_cast<float>(b)));             \
  }                                                                            \
  inline H P##min(H a, H b) {                                                  \
    return H(fminf(static_cast<float>(a), static_cast<float>(b)));             \
  }                                                                            \
  inline bool P##eq(H a, H b) { return a == b; }                               \
  inline bool P##ne(H a, H b) { return a != b && a == a && b == b; }           \
  inline bool P##lt(H a, H b) { return a < b; }                                \
  inline bool P##le(H a, H b) { return a <= b; }                               \
  inline bool P##gt(H a, H b) { return a > b; }                                \
  inline bool P##ge(H a, H b) { return a >= b; }                               \
  inline bool P##isnan(H a) { return a != a; }                                 \
  inline bool P##isinf(H a) { return std::isinf(static_cast<float>(a)); }      \
  inline H##2 P##add2(H##2 a, H##2 b) { return a + b; }                        \
  inline H##2 P##sub2(H##2 a, H##2 b) { return a - b; }                        \
  inline H##2 P##mul2(H##2 a, H##2 b) { return a * b; }                        \
  inline H##2 P##fma2(H##2 a, H##2 b, H##2 c) {                                \
    return H##2(P##fma(a.x, b.x, c.x), P##fma(a.y, b.y, c.y));                 \
  }                                                                            \
  inline H##2 P##max2(H##2 a, H##2 b) {                                        \
    return H##2(P##max(a.x, b.x), P##max(a.y, b.y));                           \
  }                                                                            \
  inline H##2 P##min2(H##2 a, H##2 b) {                                        \
    return H##2(P##min(a.x, b.x), P##min(a.y, b.y));                           \
  }                                                                            \
  inline H P##low(H##2 v) { return v.x; }                                      \
  inline H P##high(H##2 v) { return v.y; }

KILN_EMU_HALF_FUNCS(__half, __h)
KILN_EMU_HALF_FUNCS(__nv_bfloat16, __hb)
// cuda_bf16.h spells the bf16 versions with the same __h prefix, by overload.
inline __nv_bfloat16 __hadd(__nv_bfloat16 a, __nv_bfloat16 b) { return a + b; }
inline __nv_bfloat16 __hsub(__nv_bfloat16 a, __nv_bfloat16 b) { return a - b; }
inline __nv_bfloat16 __hmul(__nv_bfloat16 a, __nv_bfloat16 b) { return a * b; }
inline __nv_bfloat16 __hdiv(__nv_bfloat16 a, __nv_bfloat16 b) { return a / b; }
inline __nv_bfloat16 __hneg(__nv_bfloat16 a) { return -a; }
inline __nv_bfloat16 __habs(__nv_bfloat16 a) { return __hbabs(a); }
inline __nv_bfloat16 __hfma(__nv_bfloat16 a, __nv_bfloat16 b, __nv_bfloat16 c) {
  return __hbfma(a, b, c);
}
inline __nv_bfloat16 __hmax(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __hbmax(a, b);
}
inline __nv_bfloat16 __hmin(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __hbmin(a, b);
}
inline __nv_bfloat162 __hadd2(__nv_bfloat162 a, __nv_bfloat162 b) {
  return a + b;
}
inline __nv_bfloat162 __hmul2(__nv_bfloat162 a, __nv_bfloat162 b) {
  return a * b;
}
inline __nv_bfloat162 __hfma2(__nv_bfloat162 a, __nv_bfloat162 b,
                              __nv_bfloat162 c) {
  return __hbfma2(a, b, c);
}

inline __half2 __halves2half2(__half a, __half b) { return __half2(a, b); }
inline __half2 __half2half2(__half a) { return __half2(a, a); }
inline __half2 __floats2half2_rn(float a, float b) {
  return __half2(__half(a), __half(b));
}
inline __half2 __float2half2_rn(float a) {
  return __half2(__half(a), __half(a));
}
inline __half2 __float22half2_rn(float2 v) {
  return __half2(__half(v.x), __half(v.y));
}
inline float2 __half22float2(__half2 v) {
  return make_float2(static_cast<float>(v.x), static_cast<float>(v.y));
}
inline float __low2float(__half2 v) { return static_cast<float>(v.x); }
inline float __high2float(__half2 v) { return static_cast<float>(v.y); }
inline __half __low2half(__half2 v) { return v.x; }
inline __half __high2half(__half2 v) { return v.y; }
inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __nv_bfloat162(a, b);
}
inline __nv_bfloat162 __bfloat162bfloat162(__nv_bfloat16 a) {
  return __nv_bfloat162(a, a);
}
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) {
  return __nv_bfloat162(__nv_bfloat16(a), __nv_bfloat16(b));
}
inline __nv_bfloat162 __float2bfloat162_rn(float a) {
  return __nv_bfloat162(__nv_bfloat16(a), __nv_bfloat16(a));
}
inline __nv_bfloat162 __float22bfloat162_rn(float2 v) {
  return __nv_bfloat162(__nv_bfloat16(v.x), __nv_bfloat16(v.y));
}
inline float2 __bfloat1622float2(__nv_bfloat162 v) {
  return make_float2(static_cast<float>(v.x), static_cast<float>(v.y));
}
inline float __low2float(__nv_bfloat162 v) { return static_cast<float>(v.x); }
inline float __high2float(__nv_bfloat162 v) { return static_cast<float>(v.y); }
inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 v) { return v.x; }
inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 v) { return v.y; }

inline __half atomicAdd(__half *address, __half val) {
  __half old = *address;
  *address = old + val;
  return old;
}
inline __nv_bfloat16 atomicAdd(__nv_bfloat16 *address, __nv_bfloat16 val) {
  __nv_bfloat16 old = *address;
  *address = old + val;
  return old;
}
inline __half2 atomicAdd(__half2 *address, __half2 val) {
  __half2 old = *address;
  *address = old + val;
  return old;
}

//===----------------------------------------------------------------------===//
// Tensor-core and async-copy emulations behind the device library
//===----------------------------------------------------------------------===//

namespace kiln_emu {

/// mma.sync.aligned.m16n8k16.row.col.f32.{bf16,f16}.{bf16,f16}.f32 for the
/// whole warp, with the fragment layouts of PTX ISA §9.7.14.5.8 (see
/// shared/design/cuda-notes.md). Each lane's A (4 regs), B (2 regs) and C
/// (4 floats) are scattered into full 16x16, 16x8 and 16x8 matrices, D is
/// computed, and each lane gets its four D elements back.
///
/// Numerics: the 16-bit products are exact in f32; they are added in f32 to
/// C in increasing k, rounding to nearest even after each addition. PTX does
/// not specify the hardware's summation order or internal precision, so sums
/// that are not exact in f32 may differ from the GPU in the last bits.
inline void execute_mma(Fiber *lanes, bool bf16) {
  float A[16][16], B[16][8], C[16][8];
  auto half = [bf16](unsigned reg, unsigned i) {
    uint16_t h = static_cast<uint16_t>(reg >> (16 * (i & 1u)));
    return bf16 ? fp::bf16_to_float(h) : fp::f16_to_float(h);
  };
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    unsigned a[4], b[2];
    float c[4];
    memcpy(a, lanes[lane].slot.in, 16);
    memcpy(b, lanes[lane].slot.in + 16, 8);
    memcpy(c, lanes[lane].slot.in + 24, 16);
    for (unsigned i = 0; i < 8; ++i) { // A: a0..a7
      unsigned row = group + ((i == 2 || i == 3 || i == 6 || i == 7) ? 8 : 0);
      unsigned col = tig * 2 + (i & 1u) + (i >= 4 ? 8 : 0);
      A[row][col] = half(a[i / 2], i);
    }
    for (unsigned i = 0; i < 4; ++i) { // B: b0..b3
      unsigned k = tig * 2 + (i & 1u) + (i >= 2 ? 8 : 0);
      B[k][group] = half(b[i / 2], i);
    }
    for (unsigned i = 0; i < 4; ++i) // C: c0..c3
      C[group + (i >= 2 ? 8 : 0)][tig * 2 + (i & 1u)] = c[i];
  }
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned group = lane >> 2, tig = lane & 3u;
    float d[4];
    for (unsigned i = 0; i < 4; ++i) {
      unsigned row = group + (i >= 2 ? 8 : 0), col = tig * 2 + (i & 1u);
      float acc = C[row][col];
      for (unsigned k = 0; k < 16; ++k)
        acc += A[row][k] * B[k][col];
      d[i] = acc;
    }
    memcpy(lanes[lane].slot.out, d, 16);
  }
}

/// ldmatrix.sync.aligned.m8n8.{x1,x2,x4}{,.trans}.shared.b16 for the whole
/// warp: lanes 8j..8j+7 give the row addresses of matrix j (16 contiguous
/// bytes each); register j of lane l receives row l/4, columns 2(l%4) and
/// 2(l%4)+1 of matrix j (of its transpose for .trans), low half first.
inline void execute_ldmatrix(Fiber *lanes, unsigned count, bool trans) {
  const unsigned char *rows[32];
  for (unsigned l = 0; l < 8 * count; ++l) {
    memcpy(&rows[l], lanes[l].slot.in, sizeof rows[l]);
    if (reinterpret_cast<uintptr_t>(rows[l]) % 16 != 0)
      fail("ldmatrix: row address %p of lane %u (matrix %u, row %u) is not "
           "16-byte aligned",
           static_cast<const void *>(rows[l]), l, l / 8, l % 8);
  }
  auto element = [&](unsigned matrix, unsigned row, unsigned col) {
    uint16_t v;
    memcpy(&v, rows[matrix * 8 + row] + 2 * col, 2);
    return static_cast<unsigned>(v);
  };
  for (unsigned lane = 0; lane < 32; ++lane) {
    unsigned r[4] = {0, 0, 0, 0};
    const unsigned row = lane / 4, col = 2 * (lane % 4);
    for (unsigned j = 0; j < count; ++j)
      r[j] = trans ? element(j, col, row) | element(j, col + 1, row) << 16
                   : element(j, row, col) | element(j, row, col + 1) << 16;
    memcpy(lanes[lane].slot.out, r, 16);
  }
}

inline void mma_m16n8k16(bool bf16, float d[4], const unsigned a[4],
                         const unsigned b[2], const float c[4]) {
  Slot &s = begin_collective(bf16 ? Op::MmaBf16 : Op::MmaF16, 0xffffffffu, 40);
  memcpy(s.in, a, 16);
  memcpy(s.in + 16, b, 8);
  memcpy(s.in + 24, c, 16);
  warp_collective();
  memcpy(d, gFiber->slot.out, 16);
}

/// `count` (1, 2 or 4) registers into r[0..count).
inline void ldmatrix(unsigned count, bool trans, unsigned *r,
                     const void *rowAddress) {
  static const Op ops[2][5] = {
      {Op::Ldm1, Op::Ldm1, Op::Ldm2, Op::Ldm4, Op::Ldm4},
      {Op::Ldm1T, Op::Ldm1T, Op::Ldm2T, Op::Ldm4T, Op::Ldm4T}};
  Slot &s = begin_collective(ops[trans][count], 0xffffffffu, 8);
  memcpy(s.in, &rowAddress, sizeof rowAddress);
  warp_collective();
  memcpy(r, gFiber->slot.out, 4 * count);
}

/// Completes the running thread's oldest pending cp.async copies while `keep`
/// says an entry is still allowed to be in flight.
template <class Keep> inline void complete_copies(Fiber &f, Keep keep) {
  unsigned kept = 0;
  for (unsigned i = 0; i < f.numPending; ++i) {
    PendingCopy &p = f.pending[i];
    if (keep(p))
      f.pending[kept++] = p;
    else
      memcpy(p.dst, p.data, p.bytes);
  }
  f.numPending = kept;
}

/// cp.async of `bytes` (4, 8 or 16) with `srcBytes` <= bytes read from `src`
/// and the rest zero-filled. The source is read now; the destination is
/// written only when a cp.async.wait_group / wait_all covers the copy, the
/// latest moment the hardware allows, so a kernel that reads its shared
/// memory before waiting sees the old contents here too.
inline void cp_async(void *dst, const void *src, unsigned bytes,
                     unsigned srcBytes) {
  if (reinterpret_cast<uintptr_t>(dst) % bytes != 0 ||
      (srcBytes != 0 && reinterpret_cast<uintptr_t>(src) % bytes != 0))
    fail("cp.async of %u bytes: addresses %p (shared) and %p (global) must be "
         "%u-byte aligned",
         bytes, dst, src, bytes);
  if (srcBytes > bytes)
    fail("cp.async: src-size %u exceeds cp-size %u", srcBytes, bytes);
  Fiber &f = *gFiber;
  if (f.numPending == kMaxPendingCopies) { // the hardware may finish early too
    memcpy(f.pending[0].dst, f.pending[0].data, f.pending[0].bytes);
    memmove(f.pending, f.pending + 1,
            (kMaxPendingCopies - 1) * sizeof(PendingCopy));
    --f.numPending;
  }
  PendingCopy &p = f.pending[f.numPending++];
  p.dst = dst;
  p.bytes = bytes;
  p.group = f.cpGroup;
  memset(p.data, 0, sizeof p.data);
  if (srcBytes)
    memcpy(p.data, src, srcBytes);
}

/// cp.async.commit_group: closes the open group (possibly empty).
inline void cp_async_commit() { ++gFiber->cpGroup; }

/// cp.async.wait_group n: all but the newest n committed groups complete.
inline void cp_async_wait(unsigned n) {
  Fiber &f = *gFiber;
  const unsigned open = f.cpGroup;
  complete_copies(f, [&](const PendingCopy &p) {
    return p.group == open || open - p.group <= n;
  });
}

/// cp.async.wait_all: commit_group then wait_group 0.
inline void cp_async_wait_all() {
  cp_async_commit();
  cp_async_wait(0);
}

/// The launch's dynamic shared memory (128-byte aligned, filled with 0xff
/// bytes at the start of every block so that reading it unwritten shows).
inline void *dynamic_shared() { return gLaunch->dynShared; }

//===----------------------------------------------------------------------===//
// The launcher
//===----------------------------------------------------------------------===//

inline void fiber_main() {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
  arrived_in_fiber(L, f);
  L.body(L.params);
  // A thread that exits lets its copies land, like the hardware eventually.
  complete_copies(f, [](const PendingCopy &) { return false; });
  f.state = FiberState::Exited;
  --L.live;
  // Lanes that wait at a collective naming this lane can never complete it.
  Fiber *lanes = L.fibers + f.warp * 32;
  for (unsigned l = 0; l < 32; ++l) {
    if (!((warp_lanes(L, f.warp) >> l) & 1u) ||
        lanes[l].state != FiberState::AtWarp ||
        !((lanes[l].slot.mask >> f.lane) & 1u))
      continue;
    fail("exited while lane %u of warp %u waits for it at %s (mask 0x%08x) "
         "(deadlock; CUDA leaves naming an exited lane undefined)",
         l, f.warp, op_name(lanes[l].slot.op), lanes[l].slot.mask);
  }
  if (L.atBarrier != 0 && L.atBarrier == L.live)
    release_barrier(L);
  yield_to_scheduler(/*final=*/true);
}

inline void describe_deadlock(Launch &L) {
  snprintf(L.error, sizeof L.error,
           "deadlock in block (%u,%u,%u):", L.blockId.x, L.blockId.y,
           L.blockId.z);
  unsigned exited = 0;
  for (unsigned i = 0; i < L.numThreads; ++i)
    exited += L.fibers[i].state == FiberState::Exited;
  if (L.atBarrier)
    append(L.error, sizeof L.error, " %u threads wait at __syncthreads;",
           L.atBarrier);
  for (unsigned w = 0; w * 32 < L.numThreads; ++w) {
    unsigned waiting = 0;
    const Fiber *some = nullptr;
    for (unsigned l = 0; l < 32 && w * 32 + l < L.numThreads; ++l)
      if (L.fibers[w * 32 + l].state == FiberState::AtWarp) {
        waiting |= 1u << l;
        some = &L.fibers[w * 32 + l];
      }
    if (waiting)
      append(L.error, sizeof L.error,
             " warp %u lanes 0x%08x wait at warp collectives (e.g. lane %u at "
             "%s, mask 0x%08x);",
             w, waiting, some->lane, op_name(some->slot.op), some->slot.mask);
  }
  append(L.error, sizeof L.error, " %u of %u threads have exited", exited,
         L.numThreads);
}

/// Runs one block to completion; false when it failed.
inline bool run_block(Launch &L) {
  for (unsigned i = 0; i < L.numThreads; ++i) {
    Fiber &f = L.fibers[i];
    getcontext(&f.ctx);
    f.ctx.uc_stack.ss_sp = f.stack;
    f.ctx.uc_stack.ss_size = L.stackBytes;
    f.ctx.uc_link = &L.scheduler;
    makecontext(&f.ctx, fiber_main, 0);
    f.state = FiberState::Ready;
    f.numPending = 0;
    f.cpGroup = 0;
    f.barrierResult = 0;
  }
  L.live = L.numThreads;
  L.atBarrier = L.barrierCount = 0;
  if (L.dynSharedBytes)
    memset(L.dynShared, 0xff, L.dynSharedBytes);
  while (L.live > 0) {
    bool ran = false;
    for (unsigned i = 0; i < L.numThreads && !L.failed; ++i) {
      if (L.fibers[i].state != FiberState::Ready)
        continue;
      ran = true;
      enter_fiber(L, L.fibers[i]);
    }
    if (L.failed)
      return false;
    if (!ran && L.live > 0) {
      describe_deadlock(L);
      L.failed = true;
      return false;
    }
  }
  return true;
}

/// Runs `body(params)` once per CUDA thread of every block of `grid`: blocks
/// one after another, the threads of a block as fibers switched at barriers
/// and warp collectives. `params` is what cuLaunchKernel takes (params[i]
/// points at the i-th argument). Returns 0, or non-zero with a message in
/// `error` (a bad configuration, a deadlock, a misuse of a collective, a
/// __trap). Launches of one module are serialized; do not launch from inside
/// a kernel.
inline int launch(dim3 grid, dim3 block, size_t dynamicSharedBytes,
                  void (*body)(void **params), void **params, char *error,
                  size_t errorSize) {
  auto report = [&](const char *msg) {
    if (error && errorSize)
      snprintf(error, errorSize, "%s", msg);
    return 1;
  };
  char msg[256];
  if (!body)
    return report("kernel body is null");
  if (grid.x == 0 || grid.y == 0 || grid.z == 0 || block.x == 0 ||
      block.y == 0 || block.z == 0) {
    snprintf(msg, sizeof msg, "empty launch: grid (%u,%u,%u) block (%u,%u,%u)",
             grid.x, grid.y, grid.z, block.x, block.y, block.z);
    return report(msg);
  }
  const unsigned long long threads = 1ull * block.x * block.y * block.z;
  if (threads > kMaxThreadsPerBlock || block.z > 64) {
    snprintf(msg, sizeof msg,
             "block (%u,%u,%u) has %llu threads; at most %u are allowed "
             "(and z <= 64)",
             block.x, block.y, block.z, threads, kMaxThreadsPerBlock);
    return report(msg);
  }
  if (grid.x > 0x7fffffffu || grid.y > 65535 || grid.z > 65535) {
    snprintf(msg, sizeof msg, "grid (%u,%u,%u) exceeds CUDA's limits", grid.x,
             grid.y, grid.z);
    return report(msg);
  }
  if (dynamicSharedBytes > kMaxDynamicSharedBytes) {
    snprintf(msg, sizeof msg,
             "%zu bytes of dynamic shared memory requested; the limit is %zu",
             dynamicSharedBytes, kMaxDynamicSharedBytes);
    return report(msg);
  }

  if (tInLaunch)
    return report("kiln_emu::launch called from inside a kernel");
  pthread_mutex_lock(&gLaunchMutex);
  tInLaunch = true;
  Launch L;
  memset(static_cast<void *>(&L), 0, sizeof L);
  L.grid = grid;
  L.block = block;
  L.numThreads = static_cast<unsigned>(threads);
  L.body = body;
  L.params = params;
  L.dynSharedBytes = dynamicSharedBytes;
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  L.stackBytes = (KILN_EMU_STACK_BYTES + page - 1) / page * page;
  // Each stack sits above a guard page, so an overflow faults.
  const size_t perFiber = L.stackBytes + page;
  L.stackArenaBytes = perFiber * L.numThreads;
  void *arena = mmap(nullptr, L.stackArenaBytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  L.fibers = static_cast<Fiber *>(calloc(L.numThreads, sizeof(Fiber)));
  L.pendingPool = static_cast<PendingCopy *>(
      calloc(size_t(L.numThreads) * kMaxPendingCopies, sizeof(PendingCopy)));
  L.dynShared = static_cast<unsigned char *>(
      aligned_alloc(128, (dynamicSharedBytes + 127) / 128 * 128 + 128));
  int rc = 0;
  if (arena == MAP_FAILED || !L.fibers || !L.pendingPool || !L.dynShared) {
    rc = report("out of memory for fiber stacks or shared memory");
  } else {
    L.stackArena = static_cast<char *>(arena);
    for (unsigned i = 0; i < L.numThreads; ++i) {
      Fiber &f = L.fibers[i];
      char *base = L.stackArena + i * perFiber;
      mprotect(base, page, PROT_NONE);
      f.stack = base + page;
      f.pending = L.pendingPool + size_t(i) * kMaxPendingCopies;
      f.linear = i;
      f.tid =
          uint3{i % block.x, (i / block.x) % block.y, i / (block.x * block.y)};
      f.lane = i % 32;
      f.warp = i / 32;
    }
    gLaunch = &L;
    for (unsigned z = 0; z < grid.z && !L.failed; ++z)
      for (unsigned y = 0; y < grid.y && !L.failed; ++y)
        for (unsigned x = 0; x < grid.x && !L.failed; ++x) {
          L.blockId = uint3{x, y, z};
          run_block(L);
        }
    gLaunch = nullptr;
    gFiber = nullptr;
    if (L.failed)
      rc = report(L.error);
  }
  if (arena != MAP_FAILED)
    munmap(arena, L.stackArenaBytes);
  free(L.fibers);
  free(L.pendingPool);
  free(L.dynShared);
  tInLaunch = false;
  pthread_mutex_unlock(&gLaunchMutex);
  return rc;
}

/// Unpacks cuLaunchKernel-style `params` into a call of kernel `K`.
template <class F> struct KernelCall;
template <class... A> struct KernelCall<void (*)(A...)> {
  template <void (*K)(A...), size_t... I>
  static void call(void **params, std::index_sequence<I...>) {
    K(*static_cast<std::remove_cv_t<std::remove_reference_t<A>> *>(
        params[I])...);
  }
  template <void (*K)(A...)> static void entry(void **params) {
    call<K>(params, std::index_sequence_for<A...>{});
  }
};

/// The launch body of kernel `K`, for kiln_emu::launch(g, b, s,
/// kiln_emu::trampoline<&kernel>, params, ...).
template <auto K> void trampoline(void **params) {
  KernelCall<decltype(K)>::template entry<K>(params);
}

} // namespace kiln_emu

#pragma GCC visibility pop

/// The module's exported launcher, for the runtime's `cpu` device, which
/// dlopen()s a kernel .so and calls it with the entry that
/// KILN_EMU_EXPORT_KERNEL defines. Weak, so several translation units of one
/// module may include this header.
extern "C" __attribute__((weak, visibility("default"))) int
kiln_emu_launch(const unsigned grid[3], const unsigned block[3],
                size_t dynamicSharedBytes, void (*body)(void **params),
                void **params, char *error, size_t errorSize) {
  return ::kiln_emu::launch(dim3(grid[0], grid[1], grid[2]),
                            dim3(block[0], block[1], block[2]),
                            dynamicSharedBytes, body, params, error, errorSize);
}

/// Defines `extern "C" void kiln_emu_entry_<name>(void **params)`, the launch
/// body of kernel `name`, exported from the module.
#define KILN_EMU_EXPORT_KERNEL(name)                                           \
  extern "C" __attribute__((                                                   \
      visibility("default"))) void kiln_emu_entry_##name(void **params) {      \
    ::kiln_emu::trampoline<&name>(params);                                     \
  }

#endif // KILN_EMU_H
