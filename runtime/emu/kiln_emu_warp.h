//===- kiln_emu_warp.h - warp collectives and built-ins ---------------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// The warp collectives (shuffles, votes, the matrix operations' meeting
// point): every lane of the mask meets before any result is handed out; the
// 16-bit float conversions; the built-in variables (`threadIdx`, ...) and the
// synchronization, shuffle and vote functions kernels call.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_WARP_H
#define KILN_EMU_WARP_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

namespace kiln_emu {

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
inline void execute_mma_tf32(Fiber *lanes);
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
  case Op::Elect: { // the lowest lane, deterministically
    const unsigned leader = __builtin_ctz(mask);
    each([&](unsigned l, Slot &s) { setOut(s, l == leader); });
    return;
  }
  case Op::MmaBf16:
  case Op::MmaF16:
    execute_mma(lanes, op == Op::MmaBf16);
    return;
  case Op::MmaTf32:
    execute_mma_tf32(lanes);
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
// 16-bit float conversions: the runtime's own (Float16Bits.h), so device
// results and host tensors round alike
//===----------------------------------------------------------------------===//

namespace fp {
inline uint32_t float_bits(float f) { return ::kiln::float16::floatBits(f); }
inline float bits_float(uint32_t u) { return ::kiln::float16::bitsToFloat(u); }
inline uint16_t float_to_bf16(float f) {
  return ::kiln::float16::floatToBf16(f);
}
inline float bf16_to_float(uint16_t h) {
  return ::kiln::float16::bf16ToFloat(h);
}
inline uint16_t float_to_f16(float f) { return ::kiln::float16::floatToF16(f); }
inline float f16_to_float(uint16_t h) { return ::kiln::float16::f16ToFloat(h); }
/// double → float rounded to odd, so that a second rounding to a 16-bit
/// format gives the correctly rounded result of the double.
inline float double_to_float_odd(double d) {
  return ::kiln::float16::doubleToFloatRoundToOdd(d);
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

#endif // KILN_EMU_WARP_H
