//===- kiln_emu_hopper.h - sm_90 synchronization: mbarrier, bar, elect ------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// The synchronization sm_90's asynchronous pipelines are built on, as the
// PTX ISA defines it:
//
// - mbarrier objects as a state machine: a phase completes when its pending
//   arrivals and its transaction bytes (expect_tx adds, complete_tx
//   subtracts) are both zero; the phase parity then flips and the arrival
//   count is re-armed. A thread whose try_wait.parity names a phase that has
//   not completed is parked until it does, so a block whose threads all
//   wait names the barriers and phases in its deadlock message.
// - named barriers (bar.sync / bar.arrive id, count) 1 … 15, counted per
//   thread (barrier 0 is __syncthreads').
// - elect.sync, a warp collective electing the lowest lane of the mask.
// (setmaxnreg needs nothing here: the emulator has no register file.)
//
// The barrier's state lives beside the launch, keyed by the address of its
// 8-byte shared-memory word, and is forgotten when the block ends (a block
// initializes its barriers, as on the GPU).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_HOPPER_H
#define KILN_EMU_HOPPER_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

namespace kiln_emu {

inline bool complete_bulk_loads(const void *bar); // kiln_emu_tma.h

/// Largest arrival count and transaction count of an mbarrier phase (PTX:
/// 2^20 - 1).
constexpr long kMbarrierLimit = (1l << 20) - 1;

inline Mbarrier *find_mbarrier(const void *addr) {
  Launch &L = *gLaunch;
  for (unsigned i = 0; i < L.numMbarriers; ++i)
    if (L.mbarriers[i].addr == addr)
      return &L.mbarriers[i];
  return nullptr;
}

/// The barrier at `addr`, which must have been initialized in this block.
inline Mbarrier &mbarrier_at(const void *addr, const char *what) {
  Mbarrier *m = find_mbarrier(addr);
  if (!m)
    fail("%s: the mbarrier at %p was not initialized in this block "
         "(mbarrier.init first)",
         what, addr);
  return *m;
}

inline void mbarrier_init(void *addr, unsigned count) {
  Launch &L = *gLaunch;
  if (reinterpret_cast<uintptr_t>(addr) % 8)
    fail("mbarrier.init: the mbarrier at %p is not 8-byte aligned", addr);
  if (count < 1 || count > kMbarrierLimit)
    fail("mbarrier.init: count %u is outside [1, %ld]", count, kMbarrierLimit);
  Mbarrier *m = find_mbarrier(addr);
  if (m) {
    for (unsigned i = 0; i < L.numThreads; ++i)
      if (L.fibers[i].state == FiberState::AtMbarrier &&
          L.fibers[i].waitOn == addr)
        fail("mbarrier.init: the mbarrier at %p is re-initialized while "
             "thread %u waits on it",
             addr, i);
  } else {
    if (L.numMbarriers == kMaxMbarriers)
      fail("mbarrier.init: more than %u mbarriers in one block",
           kMaxMbarriers);
    m = &L.mbarriers[L.numMbarriers++];
  }
  *m = Mbarrier{addr, 0, count, count, 0, gFiber->linear};
  // The word itself holds nothing the emulation reads; make it recognizable
  // in a debugger.
  const uint64_t word = 0x6d62617200000000ull | count; // "mbar"
  memcpy(addr, &word, sizeof word);
}

/// Completes the phase when nothing is pending, waking its waiters.
inline void mbarrier_settle(Mbarrier &m) {
  if (m.pending != 0 || m.tx != 0)
    return;
  Launch &L = *gLaunch;
  const unsigned completed = m.phase;
  m.phase ^= 1u;
  m.pending = m.expected;
  for (unsigned i = 0; i < L.numThreads; ++i) {
    Fiber &o = L.fibers[i];
    if (o.state == FiberState::AtMbarrier && o.waitOn == m.addr &&
        o.waitParity == completed)
      o.state = FiberState::Ready;
  }
}

/// mbarrier.arrive: `count` arrivals; returns the state token (the parity
/// of the phase arrived at, in bit 63).
inline uint64_t mbarrier_arrive(void *addr, unsigned count = 1) {
  Mbarrier &m = mbarrier_at(addr, "mbarrier.arrive");
  if (count < 1 || count > m.pending)
    fail("mbarrier.arrive: %u arrivals on the mbarrier at %p, whose phase "
         "(parity %u) has %u pending of %u",
         count, addr, m.phase, m.pending, m.expected);
  const uint64_t token = static_cast<uint64_t>(m.phase) << 63;
  m.pending -= count;
  mbarrier_settle(m);
  return token;
}

/// mbarrier.expect_tx: the current phase also waits for `bytes` more.
inline void mbarrier_expect_tx(void *addr, unsigned bytes) {
  Mbarrier &m = mbarrier_at(addr, "mbarrier.expect_tx");
  if (bytes > kMbarrierLimit || m.tx + static_cast<long>(bytes) > kMbarrierLimit)
    fail("mbarrier.expect_tx: %u more bytes on the mbarrier at %p (%ld "
         "expected) exceed the phase's limit of %ld",
         bytes, addr, m.tx, kMbarrierLimit);
  m.tx += bytes;
  mbarrier_settle(m); // bytes completed early may have balanced it
}

inline uint64_t mbarrier_arrive_expect_tx(void *addr, unsigned bytes) {
  mbarrier_expect_tx(addr, bytes);
  return mbarrier_arrive(addr);
}

/// mbarrier.complete_tx: `bytes` of the phase's transactions have landed
/// (what an asynchronous copy does when its data is written).
inline void mbarrier_complete_tx(void *addr, unsigned bytes) {
  Mbarrier &m = mbarrier_at(addr, "mbarrier.complete_tx");
  if (bytes > kMbarrierLimit || m.tx - static_cast<long>(bytes) < -kMbarrierLimit)
    fail("mbarrier.complete_tx: %u bytes on the mbarrier at %p (%ld "
         "expected) leave the phase's range",
         bytes, addr, m.tx);
  m.tx -= bytes;
  mbarrier_settle(m);
}

/// mbarrier.try_wait.parity: whether the phase of parity `parity` has
/// completed (the barrier's current phase has the other parity). A thread
/// that would see false is parked until that phase completes instead (the
/// hardware's try_wait also suspends for a while), and then looks again:
/// if the barrier went on to complete the next phase too, that parity is
/// current again and the answer is false, as on the GPU.
inline bool mbarrier_try_wait_parity(void *addr, unsigned parity) {
  // The table entry stays put while its barrier has waiters (re-init is
  // refused then), so the reference outlives the yield below.
  const Mbarrier &m = mbarrier_at(addr, "mbarrier.try_wait.parity");
  if (m.phase != (parity & 1u))
    return true;
  // Tile loads bound for this barrier land now, at the latest.
  if (complete_bulk_loads(addr) && m.phase != (parity & 1u))
    return true;
  Fiber &f = *gFiber;
  f.state = FiberState::AtMbarrier;
  f.waitOn = addr;
  f.waitParity = parity & 1u;
  yield_to_scheduler();
  return m.phase != (parity & 1u);
}

/// Appends the threads parked on mbarriers to a deadlock message.
inline void describe_mbarrier_waits(Launch &L) {
  for (unsigned b = 0; b < L.numMbarriers; ++b) {
    const Mbarrier &m = L.mbarriers[b];
    for (unsigned parity = 0; parity < 2; ++parity) {
      unsigned waiting = 0, some = 0;
      for (unsigned i = 0; i < L.numThreads; ++i)
        if (L.fibers[i].state == FiberState::AtMbarrier &&
            L.fibers[i].waitOn == m.addr &&
            L.fibers[i].waitParity == parity) {
          if (!waiting++)
            some = i;
        }
      if (waiting)
        append(L.error, sizeof L.error,
               " %u threads (e.g. thread %u) wait on mbarrier #%u at %p "
               "(initialized by thread %u) for its phase of parity %u, which "
               "has %u of %u arrivals and %ld transaction bytes pending;",
               waiting, some, b, m.addr, m.initThread, parity, m.pending,
               m.expected, m.tx);
    }
  }
  for (unsigned id = 0; id < kNamedBarriers; ++id)
    if (L.named[id].arrived)
      append(L.error, sizeof L.error,
             " %u of %u threads have arrived at named barrier %u;",
             L.named[id].arrived, L.named[id].count, id);
}

//===----------------------------------------------------------------------===//
// Named barriers
//===----------------------------------------------------------------------===//

/// One arrival at named barrier `id` of `count` threads; releases its
/// waiters when it is the last.
inline void named_barrier_arrival(unsigned id, unsigned count,
                                  const char *what) {
  Launch &L = *gLaunch;
  if (id == 0 || id >= kNamedBarriers)
    fail("%s: barrier %u is outside 1 … %u (0 is __syncthreads' own)", what,
         id, kNamedBarriers - 1);
  if (count == 0 || count % 32 || count > L.numThreads)
    fail("%s %u: count %u must be a non-zero multiple of 32 within the "
         "block's %u threads",
         what, id, count, L.numThreads);
  NamedBarrier &b = L.named[id];
  if (b.arrived == 0)
    b.count = count;
  else if (b.count != count)
    fail("%s %u: count %u, but threads already waiting there named %u", what,
         id, count, b.count);
  if (++b.arrived < count)
    return;
  b.arrived = 0;
  for (unsigned i = 0; i < L.numThreads; ++i) {
    Fiber &o = L.fibers[i];
    if (o.state == FiberState::AtNamedBarrier && o.namedBarrier == id)
      o.state = &o == gFiber ? FiberState::Running : FiberState::Ready;
  }
}

/// bar.sync id, count: waits until `count` threads have arrived.
inline void named_barrier_sync(unsigned id, unsigned count) {
  Fiber &f = *gFiber;
  f.state = FiberState::AtNamedBarrier;
  f.namedBarrier = id;
  named_barrier_arrival(id, count, "bar.sync");
  if (f.state == FiberState::AtNamedBarrier)
    yield_to_scheduler();
  f.state = FiberState::Running;
}

/// bar.arrive id, count: arrives without waiting (a producer signalling).
inline void named_barrier_arrive(unsigned id, unsigned count) {
  named_barrier_arrival(id, count, "bar.arrive");
}

//===----------------------------------------------------------------------===//
// elect.sync
//===----------------------------------------------------------------------===//

/// elect.sync: true in one lane of `mask` (the lowest), false in the others,
/// once every lane of the mask has arrived.
inline bool elect_sync(unsigned mask) {
  begin_collective(Op::Elect, mask, 0);
  warp_collective();
  unsigned r;
  memcpy(&r, gFiber->slot.out, 4);
  return r != 0;
}

} // namespace kiln_emu

#endif // KILN_EMU_HOPPER_H
