//===- ScanEmitter.cpp - the chunked selective scan -----------------------===//
//
// One block per (batch, channel) walks the sequence in chunks of
// 4 · blockDim.x time steps. Within a chunk, for each state n, every thread
// composes the affine maps h ↦ exp(Δ_t·A)·h + Δ_t·B_t·u_t of its four steps,
// the block scans those maps (kiln_scan.cuh), and each thread replays its
// steps from the chunk's carried state, adding h_t·C_t into y_t. The state
// is f32 throughout (ops.md). This is the structure of mamba-ssm's
// selective_scan_fwd kernel, with the block scan over affine maps instead of
// a loop over the sequence per thread.
//
// The fusion may hold a pointwise prologue for any operand (softplus(Δ +
// bias), −exp(A_log), slices of x_proj's output) and a pointwise epilogue on
// y (the D skip, the SiLU(z) gate): both are generated from the region's ops
// by the pointwise emitter and evaluated where the scan reads or writes the
// element.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::emit;

namespace {

/// Time steps per thread in a chunk.
constexpr int64_t kItems = 4;

/// Re-indents generated statements (four spaces deep) to `depth` spaces.
std::string indent(const std::string &lines, int depth) {
  std::string out;
  for (size_t at = 0; at < lines.size();) {
    size_t eol = lines.find('\n', at);
    eol = eol == std::string::npos ? lines.size() : eol + 1;
    std::string line = lines.substr(at, eol - at);
    size_t first = line.find_first_not_of(' ');
    out += std::string(depth, ' ') +
           (first == std::string::npos ? "\n" : line.substr(first));
    at = eol;
  }
  return out;
}

} // namespace

FailureOr<EmittedKernel> mlir::kiln::emitScanKernel(FusionOp fusion,
                                                    StringRef name) {
  Block &block = fusion.getBody().front();
  auto yield = cast<YieldOp>(block.getTerminator());
  SelectiveScanOp scan;
  for (Operation &op : block.without_terminator())
    if (auto s = dyn_cast<SelectiveScanOp>(op)) {
      if (scan)
        return fusion.emitOpError("a scan fusion holds one selective_scan");
      scan = s;
    }
  if (!scan)
    return fusion.emitOpError("a scan fusion needs a selective_scan");

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

  Direct k;
  k.name = name.str();
  for (auto [i, v] : llvm::enumerate(fusion.getInputs()))
    k.input(v, i);
  for (auto [i, v] : llvm::enumerate(fusion.getResults()))
    k.output(v, i);
  k.threads = batch * e;
  k.tiled = true;
  k.tiledBlock = static_cast<uint32_t>(threads);
  k.tiledGrid[0] = static_cast<uint32_t>(std::max<int64_t>(1, batch * e));
  k.prelude = "#include \"kiln_scan.cuh\"\n\n";

  // An operand's element at `idx`, through its prologue if it has one.
  bool failedRead = false;
  auto read = [&](Value operand, ArrayRef<std::string> idx,
                  const std::string &prefix, const std::string &into,
                  int depth) {
    FailureOr<std::pair<std::string, std::string>> v =
        emitPointwiseValue(fusion, operand, idx, prefix);
    if (failed(v)) {
      failedRead = true;
      return std::string();
    }
    return indent(v->first, depth) + std::string(depth, ' ') + into + " = " +
           v->second + ";\n";
  };
  std::string &s = k.body;
  auto add = [&](int depth, const std::string &line) {
    s += std::string(depth, ' ') + line + "\n";
  };
  std::string T = str(threads), N = str(n), L = str(l), E = str(e);
  add(2, "if ((int64_t)blockIdx.x >= n) return;");
  add(2, "const int64_t b = (int64_t)blockIdx.x / " + E + ";");
  add(2, "const int64_t c = (int64_t)blockIdx.x % " + E + ";");
  add(2, "const int64_t grp = c / " + str(e / g) + ";");
  add(2, "// The state carried from chunk to chunk, one f32 per state.");
  add(2, "__shared__ float carry[" + N + "];");
  add(2, "__shared__ kiln::Affine scratch[" + str(threads / 32) + "];");
  add(2, "for (int64_t s = threadIdx.x; s < " + N + "; s += " + T + ") {");
  add(4, "float h0;");
  s += read(scan.getH0(), {"b", "c", "s"}, "h_", "h0", 4);
  add(4, "carry[s] = h0;");
  add(2, "}");
  add(2, "__syncthreads();");
  add(2, "for (int64_t chunk = 0; chunk < " + L + "; chunk += " +
             str(threads * kItems) + ") {");
  add(4, "float dt[" + str(kItems) + "], ut[" + str(kItems) + "], y[" +
             str(kItems) + "];");
  add(4, "for (int item = 0; item < " + str(kItems) + "; ++item) {");
  add(6, "const int64_t t = chunk + threadIdx.x * " + str(kItems) + " + item;");
  add(6, "dt[item] = 0.0f, ut[item] = 0.0f, y[item] = 0.0f;");
  add(6, "if (t >= " + L + ") continue;");
  add(6, "// delta");
  s += read(scan.getDelta(), {"b", "c", "t"}, "d_", "dt[item]", 6);
  add(6, "// u");
  s += read(scan.getU(), {"b", "c", "t"}, "u_", "ut[item]", 6);
  add(4, "}");
  add(4, "for (int64_t s = 0; s < " + N + "; ++s) {");
  add(6, "float as;");
  s += read(scan.getA(), {"c", "s"}, "a_", "as", 6);
  add(6, "// This thread's steps as affine maps, and their composition.");
  add(6, "float da[" + str(kItems) + "], db[" + str(kItems) + "];");
  add(6, "kiln::Affine mine{1.0f, 0.0f};");
  add(6, "for (int item = 0; item < " + str(kItems) + "; ++item) {");
  add(8, "const int64_t t = chunk + threadIdx.x * " + str(kItems) + " + item;");
  add(8, "da[item] = 1.0f, db[item] = 0.0f;");
  add(8, "if (t < " + L + ") {");
  add(10, "float bt;");
  s += read(scan.getBm(), {"b", "grp", "s", "t"}, "b_", "bt", 10);
  add(10, "da[item] = expf(dt[item] * as);");
  add(10, "db[item] = dt[item] * bt * ut[item];");
  add(8, "}");
  add(8, "mine = kiln::affine_then(mine, kiln::Affine{da[item], db[item]});");
  add(6, "}");
  add(6, "const kiln::Affine before = "
         "kiln::block_exclusive_affine_scan(mine, scratch);");
  add(6, "float h = before.a * carry[s] + before.b;");
  add(6, "for (int item = 0; item < " + str(kItems) + "; ++item) {");
  add(8, "const int64_t t = chunk + threadIdx.x * " + str(kItems) + " + item;");
  add(8, "if (t >= " + L + ") continue;");
  add(8, "h = da[item] * h + db[item];");
  add(8, "float ct;");
  s += read(scan.getCm(), {"b", "grp", "s", "t"}, "c_", "ct", 8);
  add(8, "y[item] += h * ct;");
  add(6, "}");
  add(6, "__syncthreads(); // every thread has read carry[s]");
  add(6, "if (threadIdx.x == " + str(threads - 1) + ") carry[s] = h;");
  add(4, "}");
  if (yOut) {
    Value result = yield.getValues()[*yOut];
    Type rootType = tensorOf(scan.getY()).getElementType(),
         outType = tensorOf(result).getElementType();
    add(4, "for (int item = 0; item < " + str(kItems) + "; ++item) {");
    add(6, "const int64_t t = chunk + threadIdx.x * " + str(kItems) + " + item;");
    add(6, "if (t >= " + L + ") continue;");
    add(6, "const int64_t linear = ((int64_t)blockIdx.x) * " + L + " + t;");
    std::string out = "out" + str(*yOut) + "[linear]";
    if (result == scan.getY()) {
      add(6, out + " = " + store(rootType, "y[item]") + ";");
    } else {
      add(6, "// epilogue");
      add(6, "const int64_t i0 = b;");
      add(6, "const int64_t i1 = c;");
      add(6, "const int64_t i2 = t;");
      add(6, "const float root0 = " + roundToFloat16(rootType, "y[item]") + ";");
      FailureOr<std::pair<std::string, std::string>> epi = emitPointwiseValue(
          fusion, result, {"i0", "i1", "i2"}, "e_", scan.getY(), "root0");
      if (failed(epi))
        return failure();
      s += indent(epi->first, 6);
      add(6, out + " = " + store(outType, epi->second) + ";");
    }
    add(4, "}");
  }
  add(2, "}");
  if (hOut) {
    add(2, "__syncthreads();");
    add(2, "for (int64_t s = threadIdx.x; s < " + N + "; s += " + T + ")");
    add(4, "out" + str(*hOut) + "[(int64_t)blockIdx.x * " + N + " + s] = " +
               store(tensorOf(scan.getHLast()).getElementType(), "carry[s]") +
               ";");
  }
  if (failedRead)
    return failure();

  std::string ops;
  for (Operation &op : block.without_terminator())
    if (!isa<ConstantOp>(op))
      ops += (ops.empty() ? "" : ", ") + op.getName().getStringRef().str();
  k.comment = "chunked selective scan (" + str(batch) + " x " + E +
              " blocks of " + T + " threads, " + str(kItems) +
              " steps each per chunk, f32 state; " + ops + ")";
  return k.finish();
}
