//===- ReductionEmitter.cpp - the reduction kernel family -----------------===//
//
// Contiguous float rows of 16-byte vectors that one block can hold in
// registers, and few long ones split across blocks, go to
// RowChunkEmitter.cpp. Otherwise: one block per row, of 32 to 256 threads
// as the row length asks (a warp
// for rows up to 32 elements, so short rows do not idle seven warps). A row
// is the set of elements that share every coordinate outside the reduced
// axes; the element address is computed from (row, k) by unravelling over
// the kept and the reduced dimensions, so any axes work, not only trailing
// ones. Threads fold strided slices in f32 (int64 for integer sums), the
// block combines them with shuffles and shared memory (block_reduce);
// softmax and the norms make two or three passes over the row and may carry
// a fused elementwise epilogue (affine, activation). cumsum and topk run on
// one thread per row (sequential by nature here).
//
// Device header: kiln_reduction.cuh. Test: test/codegen/reduction.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// `int64_t NAME(int64_t row, int64_t k)`: the linear offset of element k of
/// row `row` when `reduced` are the reduced axes of `shape`.
void offsetFunction(CodeBuffer &p, const std::string &name,
                    ArrayRef<int64_t> shape, ArrayRef<int64_t> reduced) {
  SmallVector<int64_t> strides = computeStrides(shape);
  p.open("__device__ __forceinline__ int64_t " + name +
         "(int64_t row, int64_t k)");
  if (llvm::is_contained(shape, 0)) { // no element to address; never called
    p.line("(void)row;");
    p.line("(void)k;");
    p.line("return 0;");
  } else {
    p.line("int64_t off = 0;");
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      std::string var = llvm::is_contained(reduced, d) ? "k" : "row";
      p.line("off += (" + var + " % " + str(shape[d]) + ") * " +
             str(strides[d]) + "; " + var + " /= " + str(shape[d]) + ";");
    }
    p.line("return off;");
  }
  p.close();
}

SmallVector<int64_t> normalized(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> out;
  for (int64_t a : axes)
    out.push_back(a < 0 ? a + rank : a);
  return out;
}

} // namespace

ReductionRows mlir::kiln::codegen::reductionRowsOf(Operation *root) {
  RankedTensorType xt = tensorOf(root->getOperand(0));
  int64_t rank = xt.getRank();
  ReductionRows rows;
  int64_t groupElems = 0; // group_norm / rms_norm group_size: contiguous runs
  llvm::TypeSwitch<Operation *>(root)
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp>([&](auto op) {
        rows.reduced = normalized(op.getAxes(), rank);
      })
      .Case<SoftmaxOp, LogSoftmaxOp, ArgmaxOp, CumsumOp, TopkOp>([&](auto op) {
        int64_t a = static_cast<int64_t>(op.getAxis());
        rows.reduced = {a < 0 ? a + rank : a};
      })
      .Case([&](LayerNormOp op) {
        rows.reduced = normalized(op.getAxes(), rank);
      })
      .Case([&](RmsNormOp op) {
        if (op.getGroupSize() > 0)
          groupElems = static_cast<int64_t>(op.getGroupSize());
        else
          rows.reduced = normalized(op.getAxes(), rank);
      })
      .Case([&](GroupNormOp op) {
        int64_t groups =
            xt.getDimSize(0) * static_cast<int64_t>(op.getNumGroups());
        // An empty batch has no rows: an empty `reduced` makes rows = 0.
        groupElems = groups ? xt.getNumElements() / groups : 0;
      });
  llvm::sort(rows.reduced);
  rows.shape.assign(xt.getShape().begin(), xt.getShape().end());
  if (groupElems > 0) {
    // Contiguous runs: view x as [numel / g, g] and reduce the last axis.
    rows.shape = {xt.getNumElements() / groupElems, groupElems};
    rows.reduced = {1};
    rows.length = groupElems;
    rows.count = xt.getNumElements() / groupElems;
    return rows;
  }
  // Rows are the kept positions (reducing an empty axis still writes one
  // value per row; an empty kept axis leaves nothing to do).
  for (int64_t a : rows.reduced)
    rows.length *= xt.getDimSize(a);
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(rows.reduced, d))
      rows.count *= xt.getDimSize(d);
  return rows;
}

FailureOr<EmittedFusion>
mlir::kiln::codegen::emitReductionFusion(FusionOp fusion, StringRef name) {
  Operation *root = fusion.getRootOp();
  bool epilogue = hasEpilogue(fusion);
  if (root->getNumOperands() != 1 || (epilogue && fusion.getNumResults() != 1))
    return fusion.emitOpError(
        "reduction fusions take a reduction of a fusion input, followed "
        "only by an elementwise epilogue of a softmax or normalization");
  Value x = root->getOperand(0);
  RankedTensorType xt = tensorOf(x);
  Type xe = xt.getElementType();
  ReductionRows rows = reductionRowsOf(root);
  if (rows.count > 0x7fffffff)
    return fusion.emitOpError("has ") << rows.count
                                      << " rows, more than one grid";

  // Contiguous float rows (the reduced axes trailing) whose length is a
  // multiple of a 16-byte vector are read 16 bytes at a time, the thread
  // count a constant so that the strided loop unrolls into several
  // independent loads in flight.
  bool trailing = true;
  for (auto [i, a] : llvm::enumerate(rows.reduced))
    trailing &= a == static_cast<int64_t>(rows.shape.size() - rows.reduced.size() + i);
  int64_t xBytes = storageBytes(xe);
  int64_t lanes = isa<FloatType>(xe) && xBytes <= 4 && trailing ? 16 / xBytes : 1;
  if (lanes > 1 && (rows.length % lanes != 0 || isa<CumsumOp, TopkOp, ArgmaxOp>(root)))
    lanes = 1;
  if (std::optional<RowChunkPlan> plan = planRowChunks(root, rows, lanes))
    return emitRowChunks(fusion, name, rows, *plan, lanes);

  KernelWriter k(name.str(), fusion);
  k.include("kiln_reduction.cuh");
  k.fusionParams();
  offsetFunction(k.prelude(), "x_offset", rows.shape, rows.reduced);

  Type ye = tensorOf(root->getResult(0)).getElementType();
  bool intSum = !isa<FloatType>(xe);
  std::string acc = intSum ? "int64_t" : "float", n = str(rows.length);
  std::string loadX = load(xe, k.buffer(x) + "[x_offset(row, k)]");
  k.line("const int64_t row = blockIdx.x;");
  if (rows.count == 0) // the launch still has one block
    k.line("if (row >= 0) return; // no rows");
  // Threads per row: enough for the row's vectors (or elements), a power
  // of two from 32 to 256 (block_reduce works on whole warps); one warp for
  // the sequential cumsum and topk.
  int64_t threads = 32;
  if (!isa<CumsumOp, TopkOp>(root))
    while (threads < 256 && threads * lanes < rows.length)
      threads *= 2;
  std::string width = str(lanes), xElem = storageType(xe);
  std::string stride = str(threads * lanes);
  // Opens the loop over the row's vectors (`w` at element k0) ...
  auto openVectors = [&]() {
    k.line("#pragma unroll 4");
    k.open("for (int64_t k0 = threadIdx.x * " + width + "; k0 < " + n + "; k0 += " + stride +
           ")");
    k.line("const kiln::Vec<" + xElem + ", " + width + "> w = kiln::load_vec<" + width + ">(&" +
           k.buffer(x) + "[row * " + n + " + k0]);");
  };
  // ... and the one over a vector's lanes, `v` each element in f32.
  auto openLanes = [&]() {
    k.line("#pragma unroll");
    k.open("for (int lane = 0; lane < " + width + "; ++lane)");
    k.line("const float v = " + load(xe, "w.v[lane]") + ";");
  };

  bool scratch = false;
  // Folds `step` (of `v`, the element, and `var`) over the row into `var`,
  // combined across the block with kiln::<op>.
  auto fold = [&](const std::string &init, const std::string &step,
                  const std::string &op, const std::string &var) {
    if (!scratch) {
      k.line("__shared__ " + acc + " scratch[256];");
      scratch = true;
    }
    k.line(acc + " " + var + " = " + init + ";");
    if (lanes > 1) {
      openVectors();
      openLanes();
      k.line(var + " = " + step + ";");
      k.close();
    } else {
      k.open("for (int64_t k = threadIdx.x; k < " + n + "; k += blockDim.x)");
      k.line("const " + acc + " v = " + loadX + ";");
      k.line(var + " = " + step + ";");
    }
    k.close();
    k.line(var + " = kiln::block_reduce(" + var + ", scratch, kiln::" + op +
           "());");
  };
  // Writes each element of the row as `expr` of v (through the epilogue).
  auto writeRow = [&](const std::string &expr) -> LogicalResult {
    if (lanes > 1 && !epilogue && storageBytes(ye) * lanes <= 32) {
      // The output row leaves in vectors too.
      openVectors();
      k.line("kiln::Vec<" + storageType(ye) + ", " + width + "> o;");
      openLanes();
      k.line("o.v[lane] = " + store(ye, expr) + ";");
      k.close();
      k.line("kiln::store_vec<" + width + ">(&out0[row * " + n + " + k0], o);");
      k.close();
      return success();
    }
    k.open("for (int64_t k = threadIdx.x; k < " + n + "; k += blockDim.x)");
    k.line("const float v = " + loadX + ";");
    if (!epilogue) {
      k.line("out0[x_offset(row, k)] = " + store(ye, expr) + ";");
    } else {
      // The element's index in x's own shape feeds the epilogue's
      // broadcasts.
      k.line("const int64_t linear = x_offset(row, k);");
      std::vector<Var> idx = k.unravel(xt.getShape(), Var::fixed("linear"));
      if (failed(storeResult(k, root, expr, idx)))
        return failure();
    }
    k.close();
    return success();
  };

  LogicalResult ok =
      llvm::TypeSwitch<Operation *, LogicalResult>(root)
          .Case<ReduceSumOp, ReduceMeanOp>([&](Operation *op) {
            fold(intSum ? "0" : "0.0f", "s + v", "SumOp", "s");
            std::string r = "s";
            if (isa<ReduceMeanOp>(op))
              r = intSum ? "(int64_t)rint((double)s / " + n + ")"
                         : "s / " + n + ".0f";
            k.line("if (threadIdx.x == 0) out0[row] = " + store(ye, r) + ";");
            return success();
          })
          .Case<ReduceMaxOp, ReduceMinOp>([&](Operation *op) {
            bool isMax = isa<ReduceMaxOp>(op);
            std::string init = intSum ? (isMax ? "(-9223372036854775807ll - 1)"
                                               : "9223372036854775807ll")
                                      : (isMax ? "-INFINITY" : "INFINITY");
            std::string fn = isMax ? "MaxOp" : "MinOp";
            fold(init, "kiln::" + fn + "()(s, v)", fn, "s");
            k.line("if (threadIdx.x == 0) out0[row] = " + store(ye, "s") + ";");
            return success();
          })
          .Case<SoftmaxOp, LogSoftmaxOp>([&](Operation *op) {
            fold("-INFINITY", "kiln::max_nan(m, v)", "MaxOp", "m");
            fold("0.0f", "s + expf(v - m)", "SumOp", "s");
            return writeRow(isa<SoftmaxOp>(op) ? "expf(v - m) / s"
                                               : "v - m - logf(s)");
          })
          .Case<LayerNormOp, GroupNormOp>([&](Operation *op) {
            double eps = isa<LayerNormOp>(op)
                             ? cast<LayerNormOp>(op).getEps().convertToDouble()
                             : cast<GroupNormOp>(op).getEps().convertToDouble();
            fold("0.0f", "s + v", "SumOp", "s");
            k.line("const float mean = s / " + n + ".0f;");
            fold("0.0f", "q + (v - mean) * (v - mean)", "SumOp", "q");
            k.line("const float inv = rsqrtf(q / " + n + ".0f + " +
                   floatLiteral(eps) + ");");
            return writeRow("(v - mean) * inv");
          })
          .Case([&](RmsNormOp op) {
            fold("0.0f", "q + v * v", "SumOp", "q");
            k.line("const float inv = rsqrtf(q / " + n + ".0f + " +
                   floatLiteral(op.getEps().convertToDouble()) + ");");
            return writeRow("v * inv");
          })
          .Case([&](ArgmaxOp) {
            // Each thread's best (value, index), then thread 0 merges them
            // (the values in the fold's scratch, viewed as floats).
            k.line("__shared__ " + acc + " scratch[256];");
            k.line("__shared__ int64_t where[256];");
            k.line("float best = NAN; int64_t at = -1;");
            k.open("for (int64_t k = threadIdx.x; k < " + n +
                   "; k += blockDim.x)");
            k.line("const float v = " + (intSum ? "(float)" + loadX : loadX) +
                   ";");
            k.line("if (at < 0 || kiln::argmax_better(v, k, best, at)) { best "
                   "= v; at = k; }");
            k.close();
            k.line("reinterpret_cast<float *>(scratch)[threadIdx.x] = best;");
            k.line("where[threadIdx.x] = at;");
            k.line("__syncthreads();");
            k.open("if (threadIdx.x == 0)");
            k.open("for (unsigned t = 1; t < blockDim.x; ++t)");
            k.line("const float b = reinterpret_cast<float *>(scratch)[t];");
            k.line("if (where[t] >= 0 && (at < 0 || kiln::argmax_better(b, "
                   "where[t], best, at))) { best = b; at = where[t]; }");
            k.close();
            k.line("out0[row] = at;");
            k.close();
            return success();
          })
          .Case([&](CumsumOp) {
            k.open("if (threadIdx.x == 0)");
            k.line(acc + " s = 0;");
            k.open("for (int64_t k = 0; k < " + n + "; ++k)");
            k.line("s += " + loadX + ";");
            k.line("out0[x_offset(row, k)] = " + store(ye, "s") + ";");
            k.close();
            k.close();
            return success();
          })
          .Case([&](TopkOp op) {
            RankedTensorType vt = tensorOf(op.getValues());
            k.prelude().line("");
            offsetFunction(k.prelude(), "y_offset", vt.getShape(),
                           rows.reduced);
            k.open("if (threadIdx.x == 0)");
            k.line("int64_t last = -1; float lastV = 0.0f;");
            k.open("for (int64_t j = 0; j < " +
                   str(static_cast<int64_t>(op.getK())) + "; ++j)");
            k.line("float best = 0.0f; int64_t at = -1;");
            k.open("for (int64_t k = 0; k < " + n + "; ++k)");
            k.line("const float v = (float)(" + loadX + ");");
            k.line("// Strictly after the previous pick in (value desc, index "
                   "asc).");
            k.line("if (last >= 0 && !kiln::argmax_better(lastV, last, v, k)) "
                   "continue;");
            k.line("if (at < 0 || kiln::argmax_better(v, k, best, at)) { best "
                   "= v; at = k; }");
            k.close();
            k.line("out0[y_offset(row, j)] = " +
                   store(vt.getElementType(), "best") + ";");
            k.line("out1[y_offset(row, j)] = at;");
            k.line("last = at; lastV = best;");
            k.close();
            k.close();
            return success();
          })
          .Default([&](Operation *op) {
            return op->emitOpError("has no reduction code generator");
          });
  if (failed(ok))
    return failure();
  k.describe("row reduction of " + root->getName().getStringRef().str() +
                 " over " + str(rows.count) + " rows of " + n + " elements" +
                 epilogueNote(fusion, root),
             lanes > 1 ? "one block per row, " + width + " elements per 16-byte load"
                       : "one block per row");
  LaunchShape launch;
  launch.block = static_cast<uint32_t>(threads);
  launch.grid[0] = static_cast<uint32_t>(std::max<int64_t>(rows.count, 1));
  EmittedFusion emitted;
  emitted.kernels.push_back(k.finish(launch));
  return emitted;
}
