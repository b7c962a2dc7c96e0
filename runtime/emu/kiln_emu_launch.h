//===- kiln_emu_launch.h - the launcher -------------------------------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// kiln_emu::launch: checks the launch shape, allocates the fibers' stacks,
// runs the blocks one after another with a fiber per thread, and reports a
// deadlock, a misused collective or `__trap()` as an error message.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_LAUNCH_H
#define KILN_EMU_LAUNCH_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

// The launcher is the bulk of what every module compiles besides its
// kernels. The cpu device compiles it once, into an object defining
// KILN_EMU_LAUNCH_OBJECT (launch() an ordinary function there), and links
// that into each module, whose kernels are compiled with
// KILN_EMU_LAUNCH_ELSEWHERE (launch() only declared). Without either macro
// launch() is inline and one translation unit makes a whole module.
#ifdef KILN_EMU_LAUNCH_OBJECT
#define KILN_EMU_LAUNCH_LINKAGE
#else
#define KILN_EMU_LAUNCH_LINKAGE inline
#endif

namespace kiln_emu {

//===----------------------------------------------------------------------===//
// The launcher
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_LAUNCH_ELSEWHERE

inline void fiber_main() {
  Launch &L = *gLaunch;
  Fiber &f = *gFiber;
  arrived_in_fiber(L, f);
  L.body(L.params);
  // A thread that exits lets its copies land, like the hardware eventually.
  complete_copies(f, [](const PendingCopy &) { return false; });
  if (L.numThreads % 128 == 0) {
    const WarpgroupQueue &q = L.warpgroups[f.linear / 128];
    if (!q.uncommitted.empty() || !q.groups.empty())
      fail("exited with wgmma operations of its warpgroup not waited for "
           "(%zu uncommitted, %zu groups in flight; wgmma.wait_group 0 "
           "before the accumulators' last use)",
           q.uncommitted.size(), q.groups.size());
  }
  for (const BulkStore &st : L.bulkStores)
    if (st.thread == f.linear) {
      fail("exited with TMA stores whose reads of shared memory were not "
           "waited for (cp.async.bulk.wait_group.read 0 before exit%s)",
           st.group == f.bulkGroup ? "; one was never committed" : "");
      break;
    }
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
  describe_mbarrier_waits(L);
  describe_warpgroup_waits(L);
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
    f.bulkGroup = 0;
    f.barrierResult = 0;
  }
  L.live = L.numThreads;
  L.atBarrier = L.barrierCount = 0;
  L.numMbarriers = 0; // a block initializes its own
  for (NamedBarrier &b : L.named)
    b = NamedBarrier{0, 0};
  for (WarpgroupQueue &q : L.warpgroups) { // what a block left in flight
    q.uncommitted.clear();
    q.groups.clear();
  }
  L.bulkLoads.clear();
  L.bulkStores.clear();
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
      if (complete_bulk_loads(nullptr)) // copies in flight land eventually
        continue;
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
KILN_EMU_LAUNCH_LINKAGE int launch(dim3 grid, dim3 block,
                                   size_t dynamicSharedBytes,
                                   void (*body)(void **params), void **params,
                                   char *error, size_t errorSize) {
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
  Launch L{}; // zeroed, its wgmma queues empty
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
      aligned_alloc(1024, (dynamicSharedBytes + 1023) / 1024 * 1024 + 1024));
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

#else // KILN_EMU_LAUNCH_ELSEWHERE

/// As above; defined in the launcher object linked into the module.
int launch(dim3 grid, dim3 block, size_t dynamicSharedBytes,
           void (*body)(void **params), void **params, char *error,
           size_t errorSize);

#endif // KILN_EMU_LAUNCH_ELSEWHERE

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

#endif // KILN_EMU_LAUNCH_H
