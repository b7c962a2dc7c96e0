//===- RowChunkEmitter.cpp - row reductions held in registers, split rows -===//
//
// The reduction family's kernels for contiguous float rows read in 16-byte
// vectors, where a block holds its share of the row in registers: each of
// its threads loads up to 32 floats' worth of vectors once, and every pass (sum, squared
// deviations, the written row) runs on those registers, so HBM is read once.
//
// - A row that fits one chunk (256 threads × 32 floats: 8192 elements) is
//   one block's work: one kernel, one read and one write of the row.
// - Few long rows (under two blocks per SM of a large GPU) are split into
//   chunks across blocks, so that 32 GroupNorm groups of a million elements
//   fill the GPU rather than 32 of its SMs. A first kernel
//   (`<name>_partials`) folds each chunk into partial statistics in the
//   workspace; the second reads a row's partials, combines them, and
//   normalizes its own chunk (a plain reduction: one block per row combines
//   them into the result). Means and variances combine as Chan et al.'s
//   parallel Welford step — each chunk's mean and sum of squared deviations
//   from it, then M2 = Σ M2_c + n_c (mean_c − mean)² — so a row of a
//   million elements keeps the two-pass accuracy; softmax combines
//   (max, Σ exp) pairs rescaled to the row's max.
//
// Device header: kiln_reduction.cuh. Test: test/codegen/reduction_rows.test.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Floats of registers each thread holds: 4 vectors of 8 16-bit elements,
/// or 8 of 4 f32 ones; a chunk of 8192 elements per 256-thread block.
constexpr int64_t kFloatsPerThread = 32;
/// Partials of a split row each thread holds in registers when combining
/// them (8: rows up to 16 M elements); longer rows read theirs in a loop.
constexpr int64_t kHeldPartials = 8;
/// Threads of a split row's blocks.
constexpr int64_t kChunkThreads = 256;
/// Fewer rows than this are split when long: under two 256-thread blocks
/// per SM of a 132-SM GPU, a block per row would leave most of it idle.
constexpr int64_t kSplitRowsBelow = 264;

/// What a root folds over its rows: its partial statistics per chunk (kept
/// in registers, `partials` floats in the workspace) and how it finishes.
enum class Fold { MeanVar, SumSquares, MaxSumExp, Sum, Max, Min };

std::optional<Fold> foldOf(Operation *root) {
  return llvm::TypeSwitch<Operation *, std::optional<Fold>>(root)
      .Case<LayerNormOp, GroupNormOp>([](auto) { return Fold::MeanVar; })
      .Case<RmsNormOp>([](auto) { return Fold::SumSquares; })
      .Case<SoftmaxOp, LogSoftmaxOp>([](auto) { return Fold::MaxSumExp; })
      .Case<ReduceSumOp, ReduceMeanOp>([](auto) { return Fold::Sum; })
      .Case<ReduceMaxOp>([](auto) { return Fold::Max; })
      .Case<ReduceMinOp>([](auto) { return Fold::Min; })
      .Default([](Operation *) { return std::nullopt; });
}

int64_t partialsOf(Fold fold) {
  return fold == Fold::MeanVar || fold == Fold::MaxSumExp ? 2 : 1;
}

/// Whether the root writes a whole row (norms, softmax) rather than one
/// value per row.
bool writesRows(Fold fold) {
  return fold == Fold::MeanVar || fold == Fold::SumSquares ||
         fold == Fold::MaxSumExp;
}

/// Writes one kernel of a chunked row reduction.
class ChunkKernel {
public:
  ChunkKernel(KernelWriter &k, FusionOp fusion, const ReductionRows &rows,
              const RowChunkPlan &plan, int64_t lanes)
      : k(k), fusion(fusion), root(fusion.getRootOp()), plan(plan),
        lanes(lanes), n(str(rows.length)),
        chunk(str(plan.chunk)) {
    x = root->getOperand(0);
    xe = tensorOf(x).getElementType();
    ye = tensorOf(root->getResult(0)).getElementType();
  }

  /// `row`, `begin` (the chunk's first element) and `count` (its elements):
  /// block (chunk, row) of a split row, or block row of a whole one.
  void openChunk(bool split) {
    if (split) {
      k.line("const int64_t row = blockIdx.y;");
      k.line("const int64_t begin = (int64_t)blockIdx.x * " + chunk + ";");
      k.line("const int count = (int)(" + n + " - begin < " + chunk + " ? " +
             n + " - begin : " + chunk + ");");
    } else {
      k.line("const int64_t row = blockIdx.x;");
      k.line("const int64_t begin = 0;");
      k.line("const int count = " + n + ";");
    }
    k.line("__shared__ float scratch[" + str(plan.threads / 32) + "];");
  }

  /// `x[j][lane]`: the thread's vectors of the chunk, in f32; vector j of
  /// thread t starts at element (j · threads + t) · lanes of the chunk.
  void loadChunk() {
    std::string width = str(lanes);
    k.line("const " + storageType(xe) + " *xs = " + k.buffer(x) +
           " + row * " + n + " + begin;");
    k.line("float x[" + str(plan.vectors) + "][" + width + "] = {};");
    openVectors();
    k.line("const kiln::Vec<" + storageType(xe) + ", " + width +
           "> w = kiln::load_vec<" + width + ">(xs + at);");
    k.line("#pragma unroll");
    k.line("for (int lane = 0; lane < " + width + "; ++lane) x[j][lane] = " +
           load(xe, "w.v[lane]") + ";");
    closeVectors();
  }

  /// Folds `step` (of `v`, each held element, and `var`) into `var`, then
  /// combines it across the block with kiln::<op>.
  void fold(const std::string &var, const std::string &init,
            const std::string &step, const std::string &op) {
    k.line("float " + var + " = " + init + ";");
    openVectors();
    openLanes();
    k.line(var + " = " + step + ";");
    k.close();
    closeVectors();
    k.line(var + " = kiln::block_reduce(" + var + ", scratch, kiln::" + op +
           "());");
  }

  /// The chunk's statistics from its registers, with the names the row's
  /// have: `mean` and `m2` (the sum of squared deviations), `q` (the sum of
  /// squares), `m` and `s` (max and Σ exp(v − m)), or `r` (the fold).
  void chunkStatistics(Fold f) {
    switch (f) {
    case Fold::MeanVar:
      fold("s", "0.0f", "s + v", "SumOp");
      k.line("const float mean = s / (float)count;");
      fold("m2", "0.0f", "m2 + (v - mean) * (v - mean)", "SumOp");
      return;
    case Fold::SumSquares:
      fold("q", "0.0f", "q + v * v", "SumOp");
      return;
    case Fold::MaxSumExp:
      fold("m", "-INFINITY", "kiln::max_nan(m, v)", "MaxOp");
      fold("s", "0.0f", "s + expf(v - m)", "SumOp");
      return;
    case Fold::Sum:
      fold("r", "0.0f", "r + v", "SumOp");
      return;
    case Fold::Max:
      fold("r", "-INFINITY", "kiln::max_nan(r, v)", "MaxOp");
      return;
    case Fold::Min:
      fold("r", "INFINITY", "kiln::min_nan(r, v)", "MinOp");
      return;
    }
  }

  /// The names of chunkStatistics' partials, in workspace order.
  static std::vector<std::string> partialNames(Fold f) {
    switch (f) {
    case Fold::MeanVar:
      return {"mean", "m2"};
    case Fold::SumSquares:
      return {"q"};
    case Fold::MaxSumExp:
      return {"m", "s"};
    default:
      return {"r"};
    }
  }

  /// Thread 0 stores the chunk's partials at workspace[(row · splits +
  /// chunk) · partials + i].
  void storePartials(Fold f) {
    std::vector<std::string> names = partialNames(f);
    k.open("if (threadIdx.x == 0)");
    k.line("float *p = workspace + (row * " + str(plan.splits) +
           " + blockIdx.x) * " + str(names.size()) + ";");
    for (auto [i, name] : llvm::enumerate(names))
      k.line("p[" + str(i) + "] = " + name + ";");
    k.close();
  }

  /// The row's statistics, with chunkStatistics' names, combined from the
  /// partials of its chunks: thread t takes those of chunks t, t + threads,
  /// …, held in registers (`pa`, and `pb` for pairs) and read once when
  /// there are at most kHeldPartials each, the loops over them unrolled;
  /// for longer rows read in a strided loop. Every block of the row folds
  /// them in the same order, so all agree bit for bit.
  void rowStatistics(Fold f) {
    std::string splits = str(plan.splits);
    int64_t parts = partialsOf(f);
    int64_t heldCount = (plan.splits + plan.threads - 1) / plan.threads;
    bool held = heldCount <= kHeldPartials;
    std::string perThread = str(heldCount);
    k.line("const float *p = workspace + row * " + splits + " * " +
           str(parts) + ";");
    // Opens the loop over this thread's chunks, `c` the chunk (and `i` its
    // place among the held ones).
    auto openChunks = [&] {
      if (held) {
        k.line("#pragma unroll");
        k.open("for (int i = 0; i < " + perThread + "; ++i)");
        k.line("const int c = (int)threadIdx.x + i * " + str(plan.threads) +
               ";");
        return;
      }
      k.open("for (int c = threadIdx.x; c < " + splits + "; c += " +
             str(plan.threads) + ")");
    };
    if (held) {
      k.line("float pa[" + perThread + "]" +
             (parts == 2 ? ", pb[" + perThread + "]" : "") + ";");
      openChunks();
      k.line("pa[i] = c < " + splits + " ? p[" + (parts == 2 ? "2 * c" : "c") +
             "] : 0.0f;");
      if (parts == 2)
        k.line("pb[i] = c < " + splits + " ? p[2 * c + 1] : 0.0f;");
      k.close();
    }
    // The chunk's partials as `step` reads them.
    std::string a = held ? "pa[i]" : parts == 2 ? "p[2 * c]" : "p[c]",
                b = held ? "pb[i]" : "p[2 * c + 1]";
    auto combine = [&](const std::string &var, const std::string &init,
                       const std::string &step, const std::string &op) {
      k.line("float " + var + " = " + init + ";");
      openChunks();
      k.line(std::string(held ? "if (c < " + splits + ") " : "") + var +
             " = " + step + ";");
      k.close();
      k.line(var + " = kiln::block_reduce(" + var + ", scratch, kiln::" + op +
             "());");
    };
    // Elements of chunk c: all but the last are full.
    std::string countOf = "(float)(c + 1 < " + splits + " ? " + chunk +
                          " : " + n + " - (int64_t)c * " + chunk + ")";
    switch (f) {
    case Fold::MeanVar:
      combine("s", "0.0f", "s + " + countOf + " * " + a, "SumOp");
      k.line("const float mean = s / " + n + ".0f;");
      combine("m2", "0.0f",
              "m2 + " + b + " + " + countOf + " * (" + a + " - mean) * (" + a +
                  " - mean)",
              "SumOp");
      return;
    case Fold::SumSquares:
      combine("q", "0.0f", "q + " + a, "SumOp");
      return;
    case Fold::MaxSumExp:
      combine("m", "-INFINITY", "kiln::max_nan(m, " + a + ")", "MaxOp");
      // A chunk of -inf alone has max -inf and sum NaN; it adds nothing.
      combine("s", "0.0f",
              a + " == -INFINITY ? s : s + " + b + " * expf(" + a + " - m)",
              "SumOp");
      return;
    case Fold::Sum:
      combine("r", "0.0f", "r + " + a, "SumOp");
      return;
    case Fold::Max:
      combine("r", "-INFINITY", "kiln::max_nan(r, " + a + ")", "MaxOp");
      return;
    case Fold::Min:
      combine("r", "INFINITY", "kiln::min_nan(r, " + a + ")", "MinOp");
      return;
    }
  }

  /// Writes the held chunk as `expr` of v through the epilogue, if any, a
  /// vector of the result at a time.
  LogicalResult writeChunk(const std::string &expr) {
    std::string width = str(lanes);
    Type out = tensorOf(fusion.getResult(0)).getElementType();
    ArrayRef<int64_t> shape = tensorOf(x).getShape();
    // Offsets in 32 bits when the whole input's do: the epilogue's indices
    // unravel from them, and 32-bit divisions by constants are cheap.
    bool narrow = tensorOf(x).getNumElements() <= 0x7fffffff;
    std::string type = narrow ? "int" : "int64_t",
                cast = narrow ? "(int)" : "";
    openVectors();
    k.line("kiln::Vec<" + storageType(out) + ", " + width + "> o;");
    // Rows are contiguous runs of x, so (row, k) is x's element row · n +
    // k, whose index in x's own shape feeds the epilogue's broadcasts. The
    // vector starts at a multiple of its lanes, so a dimension whose stride
    // is one too has the same index in all of them: taken once per vector
    // (a channel's affine parameters are loaded once, not per lane).
    Var first = k.lazy(type, "first", [cast, n = n] {
      return cast + "(row * " + n + " + begin + at)";
    });
    VectorIndices indices(k, shape, lanes, first);
    openLanes();
    Var linear = k.lazy(type, "linear", [cast, n = n] {
      return cast + "(row * " + n + " + begin + at + lane)";
    });
    std::vector<Var> idx = indices.forLane(k, linear);
    FailureOr<std::string> value = resultValue(k, root, expr, idx);
    if (failed(value))
      return failure();
    k.line("o.v[lane] = " + *value + ";");
    k.close();
    k.line("kiln::store_vec<" + width + ">(&out0[row * " + n +
           " + begin + at], o);");
    closeVectors();
    return success();
  }

  /// The finished value of the row (statistics in scope) for each element
  /// `v`, or, for one value per row, of the row.
  std::string rowExpr(Fold f, std::string &setup) const {
    switch (f) {
    case Fold::MeanVar:
      setup = "const float inv = rsqrtf(m2 / " + n + ".0f + " +
              floatLiteral(epsOf()) + ");";
      return "(v - mean) * inv";
    case Fold::SumSquares:
      setup = "const float inv = rsqrtf(q / " + n + ".0f + " +
              floatLiteral(epsOf()) + ");";
      return "v * inv";
    case Fold::MaxSumExp:
      return isa<SoftmaxOp>(root) ? "expf(v - m) / s" : "v - m - logf(s)";
    case Fold::Sum:
      return isa<ReduceMeanOp>(root) ? "r / " + n + ".0f" : "r";
    default:
      return "r";
    }
  }

private:
  double epsOf() const {
    if (auto op = dyn_cast<LayerNormOp>(root))
      return op.getEps().convertToDouble();
    if (auto op = dyn_cast<GroupNormOp>(root))
      return op.getEps().convertToDouble();
    return cast<RmsNormOp>(root).getEps().convertToDouble();
  }

  /// Opens the unrolled loop over the thread's vectors that lie in the
  /// chunk, `at` the vector's first element in it.
  void openVectors() {
    k.line("#pragma unroll");
    k.open("for (int j = 0; j < " + str(plan.vectors) + "; ++j)");
    k.line("const int at = (j * " + str(plan.threads) + " + (int)threadIdx.x) * " +
           str(lanes) + ";");
    k.open("if (at < count)");
  }
  void closeVectors() {
    k.close();
    k.close();
  }
  /// Opens the loop over a held vector's lanes, `v` the element.
  void openLanes() {
    k.line("#pragma unroll");
    k.open("for (int lane = 0; lane < " + str(lanes) + "; ++lane)");
    k.line("const float v = x[j][lane];");
  }

  KernelWriter &k;
  FusionOp fusion;
  Operation *root;
  const RowChunkPlan &plan;
  int64_t lanes;
  std::string n, chunk;
  Value x;
  Type xe, ye;
};

LaunchShape chunkLaunch(const RowChunkPlan &plan, int64_t rows, bool split) {
  LaunchShape launch;
  launch.block = static_cast<uint32_t>(plan.threads);
  if (split) {
    launch.grid[0] = static_cast<uint32_t>(plan.splits);
    launch.grid[1] = static_cast<uint32_t>(rows);
  } else {
    launch.grid[0] = static_cast<uint32_t>(rows);
  }
  return launch;
}

} // namespace

std::optional<RowChunkPlan>
mlir::kiln::codegen::planRowChunks(Operation *root, const ReductionRows &rows,
                                   int64_t lanes) {
  std::optional<Fold> f = foldOf(root);
  if (!f || lanes <= 1 || rows.count < 1 || rows.length < 1 ||
      !isa<FloatType>(tensorOf(root->getOperand(0)).getElementType()))
    return std::nullopt;
  int64_t vectors = (rows.length + lanes - 1) / lanes;
  int64_t vectorsPerThread = kFloatsPerThread / lanes;
  RowChunkPlan plan;
  if (vectors <= kChunkThreads * vectorsPerThread) {
    // One block holds the row: as many threads as its vectors ask, up to
    // 256, then up to 32 floats' worth of vectors each. A plain reduction reads each
    // element once anyway; only the multi-pass roots gain.
    if (!writesRows(*f))
      return std::nullopt;
    plan.threads = 32;
    while (plan.threads < kChunkThreads && plan.threads < vectors)
      plan.threads *= 2;
    plan.vectors = (vectors + plan.threads - 1) / plan.threads;
    plan.chunk = plan.threads * plan.vectors * lanes;
    plan.splits = 1;
    return plan;
  }
  if (rows.count >= kSplitRowsBelow)
    return std::nullopt; // enough rows to fill the GPU a block each
  plan.threads = kChunkThreads;
  plan.vectors = vectorsPerThread;
  plan.chunk = plan.threads * plan.vectors * lanes;
  plan.splits = (rows.length + plan.chunk - 1) / plan.chunk;
  if (plan.splits > 0x7fffffff)
    return std::nullopt;
  return plan;
}

FailureOr<EmittedFusion>
mlir::kiln::codegen::emitRowChunks(FusionOp fusion, StringRef name,
                                   const ReductionRows &rows,
                                   const RowChunkPlan &plan, int64_t lanes) {
  Operation *root = fusion.getRootOp();
  Fold f = *foldOf(root);
  std::string what = "row reduction of " +
                     root->getName().getStringRef().str() + " over " +
                     str(rows.count) + " rows of " + str(rows.length) +
                     " elements" + epilogueNote(fusion, root);
  std::string held = str(plan.vectors) +
                     (plan.vectors == 1 ? " vector" : " vectors") + " of " +
                     str(lanes) + " elements per thread, held in registers";
  Type ye = tensorOf(root->getResult(0)).getElementType();
  EmittedFusion emitted;

  if (plan.splits == 1) {
    KernelWriter k(name.str(), fusion);
    k.include("kiln_reduction.cuh");
    k.fusionParams();
    ChunkKernel c(k, fusion, rows, plan, lanes);
    c.openChunk(/*split=*/false);
    c.loadChunk();
    c.chunkStatistics(f);
    std::string setup, expr = c.rowExpr(f, setup);
    if (!setup.empty())
      k.line(setup);
    if (failed(c.writeChunk(expr)))
      return failure();
    k.describe(what, "one block per row, " + held + ": the row is read once");
    emitted.kernels.push_back(k.finish(chunkLaunch(plan, rows.count, false)));
    return emitted;
  }

  std::string split = "each row split into " + str(plan.splits) +
                      " chunks of " + str(plan.chunk) + " elements, a block each, " +
                      held;
  // Kernel 1: the chunks' partial statistics.
  {
    KernelWriter k(name.str() + "_partials", fusion);
    k.include("kiln_reduction.cuh");
    k.fusionParams();
    k.pointerParam("float *__restrict__ workspace");
    ChunkKernel c(k, fusion, rows, plan, lanes);
    c.openChunk(/*split=*/true);
    c.loadChunk();
    c.chunkStatistics(f);
    c.storePartials(f);
    k.describe("partial statistics of " + what,
               split + "; its partials go to the workspace for " + name.str());
    emitted.kernels.push_back(k.finish(chunkLaunch(plan, rows.count, true)));
  }
  // Kernel 2: each row's statistics from its partials, then its chunks
  // written (or, for one value per row, the value).
  {
    KernelWriter k(name.str(), fusion);
    k.include("kiln_reduction.cuh");
    k.fusionParams();
    k.pointerParam("float *__restrict__ workspace");
    ChunkKernel c(k, fusion, rows, plan, lanes);
    std::string setup, expr = c.rowExpr(f, setup);
    if (writesRows(f)) {
      c.openChunk(/*split=*/true);
      // The chunk's loads first: they are in flight while the block
      // combines the partials.
      c.loadChunk();
      c.rowStatistics(f);
      if (!setup.empty())
        k.line(setup);
      if (failed(c.writeChunk(expr)))
        return failure();
      k.describe(what, split + ", finished with the row's statistics combined "
                               "from the partials of " + name.str() +
                               "_partials");
      emitted.kernels.push_back(k.finish(chunkLaunch(plan, rows.count, true)));
    } else {
      k.line("const int64_t row = blockIdx.x;");
      k.line("__shared__ float scratch[" + str(plan.threads / 32) + "];");
      c.rowStatistics(f);
      k.line("if (threadIdx.x == 0) out0[row] = " + store(ye, expr) + ";");
      k.describe(what, "one block per row combining the " +
                           str(plan.splits) + " chunk partials of " +
                           name.str() + "_partials");
      emitted.kernels.push_back(k.finish(chunkLaunch(plan, rows.count, false)));
    }
  }
  emitted.workspaceBytes = static_cast<uint64_t>(rows.count) * plan.splits *
                           partialsOf(f) * sizeof(float);
  return emitted;
}
