//===- ReductionEmitter.cpp - the row-reduction kernel family -------------===//
//
// One block per row, of 32 to 256 threads as the row length asks (a warp
// for rows up to 32 elements, so short rows do not idle seven warps). A row is the set of elements that share
// every coordinate outside the reduced axes; the element address is computed
// from (row, k) by unravelling over the kept and the reduced dimensions, so
// any axes work, not only trailing ones. Threads fold strided slices in f32
// (int64 for integer sums), the block combines them through shared memory;
// softmax and the norms make two or three passes over the row. cumsum and
// topk run on one thread per row (sequential by nature here).
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::kiln;
namespace rt = ::kiln::rt;

namespace {

/// C++ source of `int64_t NAME(int64_t row, int64_t k)`: the linear offset of
/// element k of row `row` when `reduced` are the reduced axes of `shape`.
std::string offsetFunction(const std::string &name, ArrayRef<int64_t> shape,
                           ArrayRef<int64_t> reduced) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  std::string s = "__device__ __forceinline__ int64_t " + name +
                  "(int64_t row, int64_t k) {\n";
  if (llvm::is_contained(shape, 0)) // no element to address; never called
    return s + "  (void)row;\n  (void)k;\n  return 0;\n}\n";
  s += "  int64_t off = 0;\n";
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    bool isReduced = llvm::is_contained(reduced, d);
    std::string var = isReduced ? "k" : "row";
    s += "  off += (" + var + " % " + std::to_string(shape[d]) + ") * " +
         std::to_string(strides[d]) + "; " + var + " /= " +
         std::to_string(shape[d]) + ";\n";
  }
  return s + "  return off;\n}\n";
}

SmallVector<int64_t> normalized(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> out;
  for (int64_t a : axes)
    out.push_back(a < 0 ? a + rank : a);
  return out;
}

} // namespace

FailureOr<EmittedKernel> mlir::kiln::emitRowReductionKernel(FusionOp fusion,
                                                            StringRef name) {
  Block &block = fusion.getBody().front();
  auto yield = cast<YieldOp>(block.getTerminator());
  // The root is the region's one reduction; the other ops are an elementwise
  // epilogue on its result (norm + affine + activation), side inputs of which
  // may come before it. Its input must be a fusion input (no prologue yet).
  Operation *root = nullptr;
  for (Operation &op : block.without_terminator())
    if (isa<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, SoftmaxOp,
            LogSoftmaxOp, LayerNormOp, RmsNormOp, GroupNormOp, ArgmaxOp,
            CumsumOp, TopkOp>(op)) {
      root = &op;
      break;
    }
  Operation *last = yield.getValues().empty()
                        ? nullptr
                        : yield.getValues()[0].getDefiningOp();
  bool hasEpilogue = root && last != root;
  if (!root || root->getNumOperands() != 1 ||
      !isa<BlockArgument>(root->getOperand(0)) ||
      (hasEpilogue &&
       (!isa<SoftmaxOp, LogSoftmaxOp, LayerNormOp, GroupNormOp, RmsNormOp>(root) ||
        fusion.getNumResults() != 1)))
    return fusion.emitOpError(
        "row-reduction fusions take a reduction of a fusion input, followed "
        "only by an elementwise epilogue of a softmax or normalization; "
        "prologues are not generated yet");
  Value x = root->getOperand(0);
  const std::string xName =
      "in" + std::to_string(cast<BlockArgument>(x).getArgNumber());
  RankedTensorType xt = emit::tensorOf(x);
  Type xe = xt.getElementType();
  int64_t rank = xt.getRank();

  // Rows: which axes are reduced, and the contiguous special cases.
  SmallVector<int64_t> reduced;
  int64_t groupElems = 0; // group_norm / rms_norm group_size: contiguous runs
  llvm::TypeSwitch<Operation *>(root)
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp>([&](auto op) {
        reduced = normalized(op.getAxes(), rank);
      })
      .Case<SoftmaxOp, LogSoftmaxOp, ArgmaxOp, CumsumOp, TopkOp>([&](auto op) {
        int64_t a = static_cast<int64_t>(op.getAxis());
        reduced = {a < 0 ? a + rank : a};
      })
      .Case([&](LayerNormOp op) { reduced = normalized(op.getAxes(), rank); })
      .Case([&](RmsNormOp op) {
        if (op.getGroupSize() > 0)
          groupElems = static_cast<int64_t>(op.getGroupSize());
        else
          reduced = normalized(op.getAxes(), rank);
      })
      .Case([&](GroupNormOp op) {
        int64_t groups = xt.getDimSize(0) * static_cast<int64_t>(op.getNumGroups());
        // An empty batch has no rows: an empty `reduced` makes rows = 0.
        groupElems = groups ? xt.getNumElements() / groups : 0;
      });
  llvm::sort(reduced);
  int64_t rowLen = 1;
  SmallVector<int64_t> shape(xt.getShape());
  if (groupElems > 0) {
    // Contiguous runs: view x as [numel / g, g] and reduce the last axis.
    shape = {xt.getNumElements() / groupElems, groupElems};
    reduced = {1};
    rowLen = groupElems;
  } else {
    for (int64_t a : reduced)
      rowLen *= xt.getDimSize(a);
  }
  // Rows are the kept positions (reducing an empty axis still writes one
  // value per row; an empty kept axis leaves nothing to do).
  int64_t rows = 1;
  if (groupElems > 0)
    rows = xt.getNumElements() / groupElems;
  else
    for (int64_t d = 0; d < rank; ++d)
      if (!llvm::is_contained(reduced, d))
        rows *= xt.getDimSize(d);

  Type ye = emit::tensorOf(root->getResult(0)).getElementType();
  bool intSum = !isa<FloatType>(xe);
  std::string acc = intSum ? "int64_t" : "float";
  std::string src;
  llvm::raw_string_ostream os(src);
  os << "// " << name << ": row-reduction kernel for "
     << root->getName().getStringRef() << " over " << rows << " rows of "
     << rowLen << " elements";
  if (hasEpilogue) {
    os << ", epilogue fused:";
    for (Operation &op : block.without_terminator())
      if (&op != root)
        os << " " << op.getName().getStringRef();
  }
  os << ".\n// Generated by Kiln; one block per row.\n"
     << "#include \"kiln_device.cuh\"\n#include \"kiln_reduce.cuh\"\n\n"
     << offsetFunction("x_offset", shape, reduced) << "\n";

  EmittedKernel k;
  k.name = name.str();
  // Parameters: the fusion's inputs and results (the root's results when it
  // stands alone, which are the same values).
  std::string params;
  for (auto [i, v] : llvm::enumerate(fusion.getInputs())) {
    params += (i ? ", const " : "const ") +
              storageType(emit::tensorOf(v).getElementType()) + " *__restrict__ in" +
              std::to_string(i);
    k.params.push_back(rt::ParamKind::Pointer);
  }
  for (auto [i, r] : llvm::enumerate(fusion.getResults())) {
    params += ", " + storageType(emit::tensorOf(r).getElementType()) +
              " *__restrict__ out" + std::to_string(i);
    k.params.push_back(rt::ParamKind::Pointer);
  }
  // Ops whose outputs keep x's layout write at x_offset(row, k); reductions
  // write out[row]; topk writes [.., j, ..] of its own shape.
  std::string n = std::to_string(rowLen);
  // Threads per row: the row length rounded up to a power of two, 32 to
  // 256 (block_reduce works on whole warps); one warp for the sequential
  // cumsum and topk.
  int64_t threads = 32;
  if (!isa<CumsumOp, TopkOp>(root))
    while (threads < 256 && threads < rowLen)
      threads *= 2;
  std::string load = emit::load(xe, xName + "[x_offset(row, k)]");
  std::string body;
  auto emit = [&](const std::string &s) { body += s; };
  emit("  const int64_t row = blockIdx.x;\n");
  if (rows == 0) // the launch still has one block
    emit("  if (row >= 0) return; // no rows\n");
  emit("  __shared__ " + acc + " scratch[256];\n");

  auto fold = [&](const std::string &init, const std::string &step,
                  const std::string &op, const std::string &var) {
    emit("  " + acc + " " + var + " = " + init + ";\n"
         "  for (int64_t k = threadIdx.x; k < " + n + "; k += blockDim.x) {\n"
         "    const " + acc + " v = " + load + ";\n"
         "    " + var + " = " + step + ";\n  }\n"
         "  " + var + " = kiln::block_reduce(" + var + ", scratch, kiln::" + op +
         "());\n");
  };
  bool epilogueFailed = false;
  auto writeRow = [&](const std::string &expr) {
    emit("  for (int64_t k = threadIdx.x; k < " + n + "; k += blockDim.x) {\n"
         "    const float v = " + load + ";\n");
    if (!hasEpilogue) {
      emit("    out0[x_offset(row, k)] = " + emit::store(ye, expr) + ";\n  }\n");
      return;
    }
    // The element's index in x's own shape feeds the epilogue's broadcasts.
    emit("    const int64_t linear = x_offset(row, k);\n" +
         emit::unravel(xt.getShape(), "linear") + "    const float root0 = " +
         emit::roundToFloat16(ye, expr) + ";\n");
    FailureOr<std::pair<std::string, std::string>> epi =
        emitPointwiseEpilogue(fusion, root->getResult(0), "root0");
    if (failed(epi)) {
      epilogueFailed = true;
      return;
    }
    emit(epi->first + "    out0[linear] = " +
         emit::store(emit::tensorOf(fusion.getResult(0)).getElementType(), epi->second) +
         ";\n  }\n");
  };

  LogicalResult ok = llvm::TypeSwitch<Operation *, LogicalResult>(root)
      .Case<ReduceSumOp, ReduceMeanOp>([&](Operation *op) {
        fold(intSum ? "0" : "0.0f", "s + v", "SumOp", "s");
        std::string r = "s";
        if (isa<ReduceMeanOp>(op))
          r = intSum ? "(int64_t)rint((double)s / " + n + ")" : "s / " + n + ".0f";
        emit("  if (threadIdx.x == 0) out0[row] = " + emit::store(ye, r) + ";\n");
        return success();
      })
      .Case<ReduceMaxOp, ReduceMinOp>([&](Operation *op) {
        bool isMax = isa<ReduceMaxOp>(op);
        std::string init = intSum ? (isMax ? "(-9223372036854775807ll - 1)"
                                           : "9223372036854775807ll")
                                  : (isMax ? "-INFINITY" : "INFINITY");
        std::string fn = isMax ? "MaxOp" : "MinOp";
        fold(init, "kiln::" + fn + "()(s, v)", fn, "s");
        emit("  if (threadIdx.x == 0) out0[row] = " + emit::store(ye, "s") + ";\n");
        return success();
      })
      .Case<SoftmaxOp, LogSoftmaxOp>([&](Operation *op) {
        fold("-INFINITY", "kiln::max_nan(m, v)", "MaxOp", "m");
        fold("0.0f", "s + expf(v - m)", "SumOp", "s");
        writeRow(isa<SoftmaxOp>(op) ? "expf(v - m) / s" : "v - m - logf(s)");
        return success();
      })
      .Case<LayerNormOp, GroupNormOp>([&](Operation *op) {
        double eps = isa<LayerNormOp>(op)
                         ? cast<LayerNormOp>(op).getEps().convertToDouble()
                         : cast<GroupNormOp>(op).getEps().convertToDouble();
        fold("0.0f", "s + v", "SumOp", "s");
        emit("  const float mean = s / " + n + ".0f;\n");
        fold("0.0f", "q + (v - mean) * (v - mean)", "SumOp", "q");
        emit("  const float inv = rsqrtf(q / " + n + ".0f + " +
             std::to_string(eps) + "f);\n");
        writeRow("(v - mean) * inv");
        return success();
      })
      .Case([&](RmsNormOp op) {
        fold("0.0f", "q + v * v", "SumOp", "q");
        emit("  const float inv = rsqrtf(q / " + n + ".0f + " +
             std::to_string(op.getEps().convertToDouble()) + "f);\n");
        writeRow("v * inv");
        return success();
      })
      .Case([&](ArgmaxOp) {
        emit("  __shared__ int64_t where[256];\n"
             "  float best = NAN; int64_t at = -1;\n"
             "  for (int64_t k = threadIdx.x; k < " + n + "; k += blockDim.x) {\n"
             "    const float v = " + (intSum ? "(float)" + load : load) + ";\n"
             "    if (at < 0 || kiln::argmax_better(v, k, best, at)) { best = v; at = k; }\n"
             "  }\n"
             "  reinterpret_cast<float *>(scratch)[threadIdx.x] = best;\n"
             "  where[threadIdx.x] = at;\n  __syncthreads();\n"
             "  if (threadIdx.x == 0) {\n"
             "    for (unsigned t = 1; t < blockDim.x; ++t) {\n"
             "      const float b = reinterpret_cast<float *>(scratch)[t];\n"
             "      if (where[t] >= 0 && (at < 0 || kiln::argmax_better(b, where[t], best, at))) {\n"
             "        best = b; at = where[t];\n      }\n    }\n"
             "    out0[row] = at;\n  }\n");
        return success();
      })
      .Case([&](CumsumOp) {
        emit("  if (threadIdx.x == 0) {\n    " + acc + " s = 0;\n"
             "    for (int64_t k = 0; k < " + n + "; ++k) {\n"
             "      s += " + load + ";\n"
             "      out0[x_offset(row, k)] = " + emit::store(ye, "s") + ";\n    }\n  }\n");
        return success();
      })
      .Case([&](TopkOp op) -> LogicalResult {
        int64_t kk = static_cast<int64_t>(op.getK());
        RankedTensorType vt = emit::tensorOf(op.getValues());
        emit("  if (threadIdx.x == 0) {\n"
             "    int64_t last = -1; float lastV = 0.0f;\n"
             "    for (int64_t j = 0; j < " + std::to_string(kk) + "; ++j) {\n"
             "      float best = 0.0f; int64_t at = -1;\n"
             "      for (int64_t k = 0; k < " + n + "; ++k) {\n"
             "        const float v = (float)(" + load + ");\n"
             "        // Strictly after the previous pick in (value desc, index asc).\n"
             "        if (last >= 0 && !kiln::argmax_better(lastV, last, v, k)) continue;\n"
             "        if (at < 0 || kiln::argmax_better(v, k, best, at)) { best = v; at = k; }\n"
             "      }\n"
             "      out0[y_offset(row, j)] = " + emit::store(vt.getElementType(), "best") + ";\n"
             "      out1[y_offset(row, j)] = at;\n"
             "      last = at; lastV = best;\n    }\n  }\n");
        os << offsetFunction("y_offset", vt.getShape(), reduced) << "\n";
        return success();
      })
      .Default([&](Operation *op) {
        return op->emitOpError("has no row-reduction code generator");
      });
  if (failed(ok) || epilogueFailed)
    return failure();
  os << "extern \"C\" __global__ void __launch_bounds__(" << threads << ")\n"
     << name << "(" << params << ") {\n" << body << "}\n";
  k.source = emit::pruneUnusedDeclarations(src);
  k.block[0] = static_cast<uint32_t>(threads);
  k.grid[0] = static_cast<uint32_t>(std::max<int64_t>(rows, 1));
  if (rows > 0x7fffffff)
    return fusion.emitOpError("has ") << rows << " rows, more than one grid";
  return k;
}
