//===- ScanEmitter.cpp - the scan kernel family ---------------------------===//
//
// The chunked selective scan. One block per (batch, channel) walks the
// sequence in chunks of 4 · blockDim.x time steps. Within a chunk, for each
// state n, every thread composes the affine maps h ↦ exp(Δ_t·A)·h +
// Δ_t·B_t·u_t of its four steps, the block scans those maps
// (kiln_scan.cuh), and each thread replays its steps from the chunk's
// carried state, adding h_t·C_t into y_t. The states go in groups of four
// (two or one when N is not a multiple), whose block scans share one pair
// of barriers: 12 barrier pairs per chunk at N = 16 instead of 48. A
// thread's four steps of an
// operand read straight from memory with time contiguous are one vector
// load (u and Δ once per chunk, B and C once per state), and y leaves as
// one vector when L is a multiple of four. The state is f32 throughout. This
// is the structure of mamba-ssm's selective_scan_fwd kernel, with the block
// scan over affine maps instead of a loop over the sequence per thread.
//
// The fusion may hold a pointwise prologue for any operand (softplus(Δ +
// bias), −exp(A_log), slices of x_proj's output) and a pointwise epilogue on
// y (the D skip, the SiLU(z) gate): both are generated from the region's ops
// by the pointwise evaluation and computed where the scan reads or writes
// the element.
//
// Device header: kiln_scan.cuh. Test: test/codegen/scan.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Time steps per thread in a chunk.
constexpr int64_t kItems = 4;

/// States whose block scans share their barriers (when N allows: else 2 or
/// 1): each keeps its steps' maps in registers for the replay, 2 · kItems
/// floats.
constexpr int64_t kStateGroup = 4;

/// Whether a thread's kItems steps of `operand` are one vector load: the
/// operand is a fusion input (no prologue) of floats, time its contiguous
/// last dimension, a multiple of kItems long (so a thread's steps, which
/// start at a multiple of kItems, are all in or all out).
bool stepsAreAVector(Value operand, int64_t l) {
  Type e = tensorOf(operand).getElementType();
  return isa<BlockArgument>(operand) && isa<FloatType>(e) &&
         storageBytes(e) <= 4 && l % kItems == 0;
}

} // namespace

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitScanKernel(FusionOp fusion, StringRef name) {
  auto scan = cast<SelectiveScanOp>(fusion.getRootOp());
  Block &block = fusion.getBody().front();
  auto yield = cast<YieldOp>(block.getTerminator());
  for (Operation &op : block.without_terminator())
    if (isa<SelectiveScanOp>(op) && &op != scan.getOperation())
      return fusion.emitOpError("a scan fusion holds one selective_scan");

  // Which kernel output is y (or its epilogue) and which the last state.
  std::optional<unsigned> yOut, hOut;
  for (auto [i, v] : llvm::enumerate(yield.getValues())) {
    if (v == scan.getHLast())
      hOut = i;
    else if (!yOut)
      yOut = i;
    else
      return fusion.emitOpError("a scan fusion returns y (or its epilogue) "
                                "and the last state, nothing else");
  }

  RankedTensorType u = tensorOf(scan.getU()), a = tensorOf(scan.getA()),
                   bm = tensorOf(scan.getBm());
  int64_t batch = u.getDimSize(0), e = u.getDimSize(1), l = u.getDimSize(2),
          n = a.getDimSize(1), g = bm.getDimSize(1);
  if (batch * e > 0x7fffffff)
    return fusion.emitOpError("a scan over ")
           << batch << " x " << e << " channels exceeds the grid's 2^31 - 1 "
           << "blocks";
  // Enough threads for the sequence, one to four warps.
  int64_t threads = std::clamp<int64_t>(
      ((l + kItems - 1) / kItems + 31) / 32 * 32, 32, 128);

  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.include("kiln_scan.cuh");
  k.fusionParams();
  k.itemsParam(batch * e);

  // An operand's element at `idx`, through its prologue if it has one.
  bool failedRead = false;
  auto read = [&](Value operand, ArrayRef<Var> idx, const std::string &into) {
    FailureOr<std::string> v = emitPointwiseValue(k, operand, idx);
    if (failed(v))
      failedRead = true;
    else
      k.line(into + " = " + *v + ";");
  };
  // States scanned together: a pair of barriers per group instead of per
  // state (and the block's shuffles of a group interleaved).
  int64_t group = n % kStateGroup == 0 ? kStateGroup : n % 2 == 0 ? 2 : 1;
  std::string T = str(threads), N = str(n), L = str(l), E = str(e),
              items = str(kItems), G = str(group);
  Var t = Var::fixed("t");
  // This thread's steps t0 … t0 + kItems − 1 of an operand into `into[]`
  // (zeros past L): one vector load from `row` (the offset of the
  // operand's time row) when stepsAreAVector, else element by element at
  // `idx` (of `t`) through the prologue.
  auto readSteps = [&](Value operand, ArrayRef<Var> idx, const std::string &row,
                       const std::string &into) {
    if (stepsAreAVector(operand, l)) {
      Type e = tensorOf(operand).getElementType();
      k.open("if (t0 < " + L + ")");
      k.line("const kiln::Vec<" + storageType(e) + ", " + items +
             "> w = kiln::load_vec<" + items + ">(&" + k.buffer(operand) +
             "[" + row + " + t0]);");
      k.line("#pragma unroll");
      k.line("for (int item = 0; item < " + items + "; ++item) " + into +
             "[item] = " + load(e, "w.v[item]") + ";");
      k.close();
      return;
    }
    k.line("#pragma unroll");
    k.open("for (int item = 0; item < " + items + "; ++item)");
    k.line("const int64_t t = t0 + item;");
    k.line("if (t >= " + L + ") continue;");
    read(operand, idx, into + "[item]");
    k.close();
  };
  k.line("if ((int64_t)blockIdx.x >= n) return;");
  // The (batch, channel) of this block and the channel's group, declared if
  // an operand's index reads them.
  Var b = k.lazy("int64_t", "b",
                 [E] { return "(int64_t)blockIdx.x / " + E; });
  Var c = k.lazy("int64_t", "c",
                 [E] { return "(int64_t)blockIdx.x % " + E; });
  int64_t perGroup = e / g;
  Var grp = k.lazy("int64_t", "grp",
                   [c, perGroup] { return c + " / " + str(perGroup); });
  Var s = Var::fixed("s");
  k.line("// The state carried from chunk to chunk, one f32 per state, and");
  k.line("// the channel's A · log2 e per state (exp(Δ·A) is exp2(Δ·A·log2 e),");
  k.line("// one MUFU.EX2), read once through A's prologue.");
  k.line("__shared__ float carry[" + N + "], a_log2e[" + N + "];");
  k.line("__shared__ kiln::Affine scratch[" + str(threads / 32 * group) +
         "];");
  k.open("for (int64_t s = threadIdx.x; s < " + N + "; s += " + T + ")");
  k.line("float h0, as;");
  read(scan.getH0(), {b, c, s}, "h0");
  read(scan.getA(), {c, s}, "as");
  k.line("carry[s] = h0;");
  k.line("a_log2e[s] = as * 1.44269504088896341f;");
  k.close();
  k.line("__syncthreads();");
  k.open("for (int64_t chunk = 0; chunk < " + L + "; chunk += " +
         str(threads * kItems) + ")");
  k.line("// This thread's steps of the chunk: t0 … t0 + " + str(kItems - 1) +
         ".");
  k.line("const int64_t t0 = chunk + threadIdx.x * " + items + ";");
  k.line("float dt[" + items + "] = {}, ut[" + items + "] = {}, y[" + items +
         "] = {};");
  std::string channelRow = "(int64_t)blockIdx.x * " + L;
  k.line("// delta");
  readSteps(scan.getDelta(), {b, c, t}, channelRow, "dt");
  k.line("// u");
  readSteps(scan.getU(), {b, c, t}, channelRow, "ut");
  k.line("// The states in groups of " + G + ": their block scans share one "
         "pair of barriers.");
  k.open("for (int64_t s0 = 0; s0 < " + N + "; s0 += " + G + ")");
  // The row of state s of the block's group in B and C ([B, G, N, L]),
  // for their vector reads.
  std::string stateRow =
      stepsAreAVector(scan.getBm(), l) || stepsAreAVector(scan.getCm(), l)
          ? "((" + b + " * " + str(g) + " + " + grp + ") * " + N + " + s) * " +
                L
          : "";
  k.line("// This thread's steps as affine maps, and their composition, per "
         "state.");
  k.line("float da[" + G + "][" + items + "], db[" + G + "][" + items + "];");
  k.line("kiln::Affine mine[" + G + "], before[" + G + "];");
  k.line("#pragma unroll");
  k.open("for (int j = 0; j < " + G + "; ++j)");
  k.line("const int64_t s = s0 + j;");
  k.line("const float as2 = a_log2e[s];");
  k.line("// B at this thread's steps.");
  k.line("float bt[" + items + "] = {};");
  readSteps(scan.getBm(), {b, grp, s, t}, stateRow, "bt");
  k.line("mine[j] = kiln::Affine{1.0f, 0.0f};");
  k.line("#pragma unroll");
  k.open("for (int item = 0; item < " + items + "; ++item)");
  k.line("da[j][item] = 1.0f, db[j][item] = 0.0f;");
  k.open("if (t0 + item < " + L + ")");
  k.line("da[j][item] = exp2f(dt[item] * as2);");
  k.line("db[j][item] = dt[item] * bt[item] * ut[item];");
  k.close();
  k.line("mine[j] = kiln::affine_then(mine[j], kiln::Affine{da[j][item], "
         "db[j][item]});");
  k.close();
  k.close();
  k.line("kiln::block_exclusive_affine_scans<" + G + ", " +
         str(threads / 32) + ">(mine, before, scratch);");
  k.line("float last[" + G + "];");
  k.line("#pragma unroll");
  k.open("for (int j = 0; j < " + G + "; ++j)");
  k.line("const int64_t s = s0 + j;");
  k.line("float h = before[j].a * carry[s] + before[j].b;");
  k.line("// C at this thread's steps.");
  k.line("float ct[" + items + "] = {};");
  readSteps(scan.getCm(), {b, grp, s, t}, stateRow, "ct");
  k.line("#pragma unroll");
  k.open("for (int item = 0; item < " + items + "; ++item)");
  k.line("h = da[j][item] * h + db[j][item];");
  k.line("y[item] += h * ct[item];");
  k.close();
  k.line("last[j] = h;");
  k.close();
  k.line("__syncthreads(); // every thread has read carry[s0 …]");
  k.open("if (threadIdx.x == " + str(threads - 1) + ")");
  k.line("#pragma unroll");
  k.line("for (int j = 0; j < " + G + "; ++j) carry[s0 + j] = last[j];");
  k.close();
  k.close();
  if (yOut) {
    Value result = yield.getValues()[*yOut];
    Type rootType = tensorOf(scan.getY()).getElementType(),
         outType = tensorOf(result).getElementType();
    // With L a multiple of the steps, a thread's steps leave as one
    // vector; else element by element.
    bool vector = l % kItems == 0;
    std::string out = "out" + str(*yOut);
    if (vector) {
      k.open("if (t0 < " + L + ")");
      k.line("kiln::Vec<" + storageType(outType) + ", " + items + "> o;");
      k.line("#pragma unroll");
    }
    k.open("for (int item = 0; item < " + items + "; ++item)");
    // Declared where the epilogue or the bound reads it.
    Var tItem = k.lazy("int64_t", "t", [] { return "t0 + item"; });
    if (!vector)
      k.line("if (" + tItem + " >= " + L + ") continue;");
    std::string value;
    if (result == scan.getY()) {
      value = store(rootType, "y[item]");
    } else {
      k.line("// epilogue");
      k.line("const float root0 = " + roundToFloat16(rootType, "y[item]") +
             ";");
      FailureOr<std::string> epi = emitPointwiseValue(
          k, result, {b, c, tItem}, scan.getY(), "root0");
      if (failed(epi))
        return failure();
      value = store(outType, *epi);
    }
    if (vector) {
      k.line("o.v[item] = " + value + ";");
      k.close();
      k.line("kiln::store_vec<" + items + ">(&" + out + "[" + channelRow +
             " + t0], o);");
    } else {
      k.line(out + "[" + channelRow + " + " + tItem + "] = " + value + ";");
    }
    k.close();
  }
  k.close();
  if (hOut) {
    k.line("__syncthreads();");
    k.line("for (int64_t s = threadIdx.x; s < " + N + "; s += " + T + ")");
    k.line("  out" + str(*hOut) + "[(int64_t)blockIdx.x * " + N + " + s] = " +
           store(tensorOf(scan.getHLast()).getElementType(), "carry[s]") + ";");
  }
  if (failedRead)
    return failure();

  k.describe("chunked selective scan (" + str(batch) + " x " + E +
                 " blocks of " + T + " threads, " + items +
                 " steps each per chunk, f32 state; " + opNames(fusion) + ")",
             "one block per (batch, channel)");
  LaunchShape launch;
  launch.block = static_cast<uint32_t>(threads);
  launch.grid[0] = static_cast<uint32_t>(std::max<int64_t>(1, batch * e));
  return k.finish(launch);
}
