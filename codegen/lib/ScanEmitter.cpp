//===- ScanEmitter.cpp - the scan kernel family ---------------------------===//
//
// The chunked selective scan. One block per (batch, channel) walks the
// sequence in chunks of 4 · blockDim.x time steps. Within a chunk, for each
// state n, every thread composes the affine maps h ↦ exp(Δ_t·A)·h +
// Δ_t·B_t·u_t of its four steps, the block scans those maps
// (kiln_scan.cuh), and each thread replays its steps from the chunk's
// carried state, adding h_t·C_t into y_t. The state is f32 throughout. This
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
  std::string T = str(threads), N = str(n), L = str(l), E = str(e),
              items = str(kItems);
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
  Var s = Var::fixed("s"), t = Var::fixed("t");
  k.line("// The state carried from chunk to chunk, one f32 per state.");
  k.line("__shared__ float carry[" + N + "];");
  k.line("__shared__ kiln::Affine scratch[" + str(threads / 32) + "];");
  k.open("for (int64_t s = threadIdx.x; s < " + N + "; s += " + T + ")");
  k.line("float h0;");
  read(scan.getH0(), {b, c, s}, "h0");
  k.line("carry[s] = h0;");
  k.close();
  k.line("__syncthreads();");
  k.open("for (int64_t chunk = 0; chunk < " + L + "; chunk += " +
         str(threads * kItems) + ")");
  k.line("float dt[" + items + "], ut[" + items + "], y[" + items + "];");
  k.open("for (int item = 0; item < " + items + "; ++item)");
  k.line("const int64_t t = chunk + threadIdx.x * " + items + " + item;");
  k.line("dt[item] = 0.0f, ut[item] = 0.0f, y[item] = 0.0f;");
  k.line("if (t >= " + L + ") continue;");
  k.line("// delta");
  read(scan.getDelta(), {b, c, t}, "dt[item]");
  k.line("// u");
  read(scan.getU(), {b, c, t}, "ut[item]");
  k.close();
  k.open("for (int64_t s = 0; s < " + N + "; ++s)");
  k.line("float as;");
  read(scan.getA(), {c, s}, "as");
  k.line("// exp(Δ·A) as exp2(Δ·A·log2 e): one MUFU.EX2, log2 e folded once per state.");
  k.line("const float as2 = as * 1.44269504088896341f;");
  k.line("// This thread's steps as affine maps, and their composition.");
  k.line("float da[" + items + "], db[" + items + "];");
  k.line("kiln::Affine mine{1.0f, 0.0f};");
  k.open("for (int item = 0; item < " + items + "; ++item)");
  k.line("const int64_t t = chunk + threadIdx.x * " + items + " + item;");
  k.line("da[item] = 1.0f, db[item] = 0.0f;");
  k.open("if (t < " + L + ")");
  k.line("float bt;");
  read(scan.getBm(), {b, grp, s, t}, "bt");
  k.line("da[item] = exp2f(dt[item] * as2);");
  k.line("db[item] = dt[item] * bt * ut[item];");
  k.close();
  k.line("mine = kiln::affine_then(mine, kiln::Affine{da[item], db[item]});");
  k.close();
  k.line("const kiln::Affine before = "
         "kiln::block_exclusive_affine_scan(mine, scratch);");
  k.line("float h = before.a * carry[s] + before.b;");
  k.open("for (int item = 0; item < " + items + "; ++item)");
  k.line("const int64_t t = chunk + threadIdx.x * " + items + " + item;");
  k.line("if (t >= " + L + ") continue;");
  k.line("h = da[item] * h + db[item];");
  k.line("float ct;");
  read(scan.getCm(), {b, grp, s, t}, "ct");
  k.line("y[item] += h * ct;");
  k.close();
  k.line("__syncthreads(); // every thread has read carry[s]");
  k.line("if (threadIdx.x == " + str(threads - 1) + ") carry[s] = h;");
  k.close();
  if (yOut) {
    Value result = yield.getValues()[*yOut];
    Type rootType = tensorOf(scan.getY()).getElementType(),
         outType = tensorOf(result).getElementType();
    k.open("for (int item = 0; item < " + items + "; ++item)");
    k.line("const int64_t t = chunk + threadIdx.x * " + items + " + item;");
    k.line("if (t >= " + L + ") continue;");
    k.line("const int64_t linear = ((int64_t)blockIdx.x) * " + L + " + t;");
    std::string out = "out" + str(*yOut) + "[linear]";
    if (result == scan.getY()) {
      k.line(out + " = " + store(rootType, "y[item]") + ";");
    } else {
      k.line("// epilogue");
      k.line("const float root0 = " + roundToFloat16(rootType, "y[item]") +
             ";");
      FailureOr<std::string> epi = emitPointwiseValue(
          k, result, {b, c, t}, scan.getY(), "root0");
      if (failed(epi))
        return failure();
      k.line(out + " = " + store(outType, *epi) + ";");
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
