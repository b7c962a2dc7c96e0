//===- kiln_emu_fibers.h - fibers, launch state, block barrier --------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// One fiber per CUDA thread, the state of the launch in progress, the
// scheduler's switches between fibers, and `__syncthreads`' block barrier.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_FIBERS_H
#define KILN_EMU_FIBERS_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

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
  AtMbarrier,     // waiting for an mbarrier phase (kiln_emu_hopper.h)
  AtNamedBarrier, // waiting at bar.sync id, count
  AtWarpgroup,    // waiting at a wgmma warpgroup collective
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
  Elect,
  // From here on the collective needs the whole warp (mask 0xffffffff).
  MmaBf16,
  MmaF16,
  MmaTf32,
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
                                      "elect.sync",
                                      "mma.sync.m16n8k16.bf16",
                                      "mma.sync.m16n8k16.f16",
                                      "mma.sync.m16n8k8.tf32",
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

/// An mbarrier's state (kiln_emu_hopper.h): the phase's parity, its
/// pending and expected arrivals, its pending transaction bytes.
struct Mbarrier {
  const void *addr;
  unsigned phase, pending, expected;
  long tx;
  unsigned initThread; // for messages
};
constexpr unsigned kMaxMbarriers = 64;

/// A named barrier (bar.sync id, count) with its arrivals so far.
struct NamedBarrier {
  unsigned arrived, count;
};
constexpr unsigned kNamedBarriers = 16;

/// The warpgroup collectives of wgmma (kiln_emu_wgmma.h).
enum class WgmmaKind : unsigned char { Fence, Mma, Commit, Wait };
constexpr unsigned kWgmmaBf16 = 1, kWgmmaARegs = 2, kWgmmaAccumulate = 4,
                   kWgmmaTransA = 8, kWgmmaTransB = 16;

/// What a thread brings to a warpgroup collective.
struct WgmmaCall {
  WgmmaKind kind;
  unsigned n, flags;
  int waitN;
  uint64_t descA, descB;
  float *d;          // its accumulators (n / 2)
  const unsigned *a; // its A fragment (4 registers), or null
};

/// One recorded wgmma.mma_async of a warpgroup: every thread's accumulator
/// and A-register addresses, read and written when a wait covers it.
struct WgmmaOp {
  unsigned n;
  bool bf16, aRegs, accumulate, transA, transB;
  uint64_t descA, descB;
  float *d[128];
  const unsigned *a[128];
};

/// A warpgroup's operations not yet committed, and its committed groups,
/// oldest first.
struct WarpgroupQueue {
  std::vector<WgmmaOp> uncommitted;
  std::vector<std::vector<WgmmaOp>> groups;
};
constexpr unsigned kMaxWarpgroups = 8;

/// A tile load in flight (kiln_emu_tma.h): destination, tensor map, box
/// coordinates, the mbarrier its bytes complete on.
struct BulkLoad {
  void *smem;
  const void *map;
  int c0, c1;
  void *bar;
};

/// A tile store in flight (kiln_emu_tma.h): source, tensor map, box
/// coordinates, the issuing thread and its bulk group (the thread's
/// bulkGroup when issued; committed once that has moved on).
struct BulkStore {
  const void *smem;
  const void *map;
  int c0, c1;
  unsigned thread, group;
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
  unsigned bulkGroup; // id of the open bulk group (TMA stores)
  const void *waitOn;    // AtMbarrier: the barrier ...
  unsigned waitParity;   // ... and the parity of the phase awaited
  unsigned namedBarrier; // AtNamedBarrier: its id
  WgmmaCall wgmma;       // AtWarpgroup: the collective
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
  Mbarrier mbarriers[kMaxMbarriers]; // this block's, in order of init
  unsigned numMbarriers;
  NamedBarrier named[kNamedBarriers];
  WarpgroupQueue warpgroups[kMaxWarpgroups]; // wgmma groups in flight
  std::vector<BulkLoad> bulkLoads;           // TMA loads in flight
  std::vector<BulkStore> bulkStores;         // TMA stores in flight
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

} // namespace kiln_emu

#endif // KILN_EMU_FIBERS_H
