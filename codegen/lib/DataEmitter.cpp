//===- DataEmitter.cpp - the data kernel family ---------------------------===//
//
// Ops that produce or move data by index rather than compute on it: gather,
// iota, random_normal (Philox4x32-10 and Box-Muller, the same numbers on
// every device), resize (taps computed at compile time by the reference
// interpreter's code), KV-cache writes and compaction, and block-wise
// (de)quantization. One thread per output element, except quantize (one per
// block) and kv_cache_compact (one per (batch, head)).
//
// Device header: kiln_data.cuh. Test: test/codegen/data.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "kiln/Dialect/Kiln/OpSemantics.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Row-major offset of the element at `idx` (one index expression per
/// dimension) in a tensor of `shape`.
std::string offsetOf(ArrayRef<int64_t> shape, ArrayRef<std::string> idx) {
  std::string e = "0";
  for (size_t d = 0; d < shape.size(); ++d)
    e = "(" + e + ") * " + str(shape[d]) + " + " + idx[d];
  return e;
}

void emitGather(GatherOp op, KernelWriter &k, ArrayRef<Var> idx) {
  RankedTensorType t = tensorOf(op.getTable()), ix = tensorOf(op.getIndices()),
                   r = tensorOf(op.getResult());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += t.getRank();
  int64_t ir = ix.getRank(), bound = t.getDimSize(axis);
  std::string il = "0";
  for (int64_t d = 0; d < ir; ++d)
    il = "(" + il + ") * " + str(ix.getDimSize(d)) + " + " + idx[axis + d];
  k.line("int64_t at = (int64_t)" + k.buffer(op.getIndices()) + "[" + il +
         "];");
  k.line("if (at < 0) at += " + str(bound) + ";");
  SmallVector<std::string> tableIdx;
  for (int64_t d = 0; d < t.getRank(); ++d)
    tableIdx.push_back(d < axis    ? idx[d].str()
                       : d == axis ? std::string("at")
                                   : idx[d - 1 + ir].str());
  // Out-of-range indices give 0 on devices.
  k.line("out0[linear] = (at < 0 || at >= " + str(bound) + ") ? " +
         store(r.getElementType(), "0") + " : " + k.buffer(op.getTable()) +
         "[" + offsetOf(t.getShape(), tableIdx) + "];");
  k.describe("gather along axis " + str(axis), "one thread per output element");
}

void emitResize(ResizeOp op, KernelWriter &k, ArrayRef<Var> idx) {
  RankedTensorType x = tensorOf(op.getX()), r = op.getType();
  int64_t ih = x.getDimSize(2), iw = x.getDimSize(3), oh = r.getDimSize(2),
          ow = r.getDimSize(3);
  auto axis = [&](int64_t in, int64_t out, const std::string &name) {
    std::vector<double> index, start, weight;
    for (int64_t o = 0; o < out; ++o) {
      semantics::Taps t = semantics::resizeTaps(
          op.getMode(), op.getAlignCorners(), op.getAntialias(), in, out, o);
      start.push_back(static_cast<int64_t>(index.size()));
      index.insert(index.end(), t.index.begin(), t.index.end());
      weight.insert(weight.end(), t.weight.begin(), t.weight.end());
    }
    start.push_back(static_cast<int64_t>(index.size()));
    k.prelude().line(deviceTable("int", name + "Start", start));
    k.prelude().line(deviceTable("int", name + "Index", index));
    k.prelude().line(deviceTable("float", name + "Weight", weight));
  };
  axis(ih, oh, "kRow");
  axis(iw, ow, "kCol");
  Var y = idx[2], xx = idx[3];
  k.line("float acc = 0.0f;");
  k.line("for (int a = kRowStart[" + y + "]; a < kRowStart[" + y +
         " + 1]; ++a)");
  k.line("  for (int c = kColStart[" + xx + "]; c < kColStart[" + xx +
         " + 1]; ++c)");
  k.line("    acc += kRowWeight[a] * kColWeight[c] * " +
         load(x.getElementType(),
              k.buffer(op.getX()) + "[((" + idx[0] + " * " +
                  str(x.getDimSize(1)) + " + " + idx[1] + ") * " + str(ih) +
                  " + kRowIndex[a]) * " + str(iw) + " + kColIndex[c]]") +
         ";");
  k.line("out0[linear] = " + store(r.getElementType(), "acc") + ";");
  k.describe("resize (" + op.getMode().str() +
                 (op.getAntialias() ? ", antialias" : "") +
                 "), taps computed at compile time",
             "one thread per output element");
}

/// One thread per block of `block_size` elements `stride` apart.
void emitQuantize(QuantizeOp op, KernelWriter &k, ArrayRef<Var> idx) {
  RankedTensorType w = tensorOf(op.getW());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += w.getRank();
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  int64_t bits = static_cast<int64_t>(op.getBits());
  int64_t qmax = int64_t(1) << (bits - 1);
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < w.getRank(); ++d)
    stride *= w.getDimSize(d);
  double divisor =
      op.getScheme() == "deepspeed" ? double(qmax) : double(qmax - 1);
  SmallVector<std::string> first;
  for (int64_t d = 0; d < w.getRank(); ++d)
    first.push_back(d == axis ? idx[d] + " * " + str(block) : idx[d].str());
  std::string in = k.buffer(op.getW());
  Type e = w.getElementType();
  k.line("const int64_t base = " + offsetOf(w.getShape(), first) + ";");
  k.line("float amax = 0.0f;");
  k.line("for (int64_t e = 0; e < " + str(block) +
         "; ++e) amax = fmaxf(amax, fabsf(" +
         load(e, in + "[base + e * " + str(stride) + "]") + "));");
  k.line("const float scale = amax == 0.0f ? 1.0f : amax / " +
         floatLiteral(divisor) + ";");
  k.line("out1[linear] = scale;");
  k.open("for (int64_t e = 0; e < " + str(block) + "; ++e)");
  // The quotient in double, as the reference: an f32 quotient can round a
  // value just below a .5 tie onto it.
  k.line("float r = (float)rint((double)" +
         load(e, in + "[base + e * " + str(stride) + "]") +
         " / (double)scale);");
  std::string lo = floatLiteral(-double(qmax)),
              hi = floatLiteral(double(qmax - 1));
  k.line("r = r < " + lo + " ? " + lo + " : (r > " + hi + " ? " + hi +
         " : r);");
  k.line("out0[base + e * " + str(stride) + "] = (int8_t)r;");
  k.close();
  k.describe("block-wise quantization (int" + str(bits) + ", " +
                 op.getScheme().str() + ")",
             "one thread per block");
}

void emitDequantize(DequantizeOp op, KernelWriter &k, ArrayRef<Var> idx) {
  RankedTensorType q = tensorOf(op.getQ());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += q.getRank();
  int64_t block = static_cast<int64_t>(op.getBlockSize());
  SmallVector<int64_t> scaleShape(q.getShape());
  scaleShape[axis] /= block;
  SmallVector<std::string> at;
  for (int64_t d = 0; d < q.getRank(); ++d)
    at.push_back(d == axis ? "(" + idx[d] + " / " + str(block) + ")"
                           : idx[d].str());
  k.line("out0[linear] = " +
         store(op.getType().getElementType(),
               "(float)" + k.buffer(op.getQ()) + "[linear] * " +
                   k.buffer(op.getScales()) + "[" +
                   offsetOf(scaleShape, at) + "]") +
         ";");
  k.describe("block-wise dequantization", "one thread per output element");
}

void emitKvCacheWrite(KvCacheWriteOp op, KernelWriter &k, ArrayRef<Var> idx) {
  RankedTensorType c = tensorOf(op.getCache()), u = tensorOf(op.getUpdate());
  int64_t heads = c.getDimSize(1), cap = c.getDimSize(2), d = c.getDimSize(3),
          rows = u.getDimSize(2);
  k.line("const int64_t p = (int64_t)" + k.buffer(op.getPos()) + "[" + idx[0] +
         " * " + str(heads) + " + " + idx[1] + "];");
  // Rows outside [p, p + T) keep the cache; out-of-capacity writes drop.
  k.line("const bool mine = p >= 0 && p + " + str(rows) + " <= " + str(cap) +
         " && " + idx[2] + " >= p && " + idx[2] + " < p + " + str(rows) + ";");
  k.line("out0[linear] = mine ? " + k.buffer(op.getUpdate()) + "[((" + idx[0] +
         " * " + str(heads) + " + " + idx[1] + ") * " + str(rows) + " + (" +
         idx[2] + " - p)) * " + str(d) + " + " + idx[3] + "] : " +
         k.buffer(op.getCache()) + "[linear];");
  k.describe("kv_cache_write (rows replaced, out of capacity dropped)",
             "one thread per cache element");
}

/// One thread per (batch, head): the kept rows move to the front in order.
void emitKvCacheCompact(KvCacheCompactOp op, KernelWriter &k) {
  RankedTensorType c = tensorOf(op.getCache());
  std::string cap = str(c.getDimSize(2)), d = str(c.getDimSize(3)),
              cache = k.buffer(op.getCache()), keep = k.buffer(op.getKeep());
  k.line("int64_t kept = 0;");
  k.open("for (int64_t j = 0; j < " + cap + "; ++j)");
  k.line("if (!" + keep + "[linear * " + cap + " + j]) continue;");
  k.line("for (int64_t c = 0; c < " + d + "; ++c) out0[(linear * " + cap +
         " + kept) * " + d + " + c] = " + cache + "[(linear * " + cap +
         " + j) * " + d + " + c];");
  k.line("++kept;");
  k.close();
  k.line("for (int64_t j = kept; j < " + cap + "; ++j)");
  k.line("  for (int64_t c = 0; c < " + d + "; ++c) out0[(linear * " + cap +
         " + j) * " + d + " + c] = " + store(c.getElementType(), "0.0f") + ";");
  k.line("out1[linear] = (int32_t)kept;");
  k.describe("kv_cache_compact", "one thread per (batch, head)");
}

} // namespace

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitDataKernel(FusionOp fusion, StringRef name) {
  Operation *root = fusion.getRootOp();
  // Work items: the result's elements, quantize's blocks, or compaction's
  // (batch, head) pairs.
  RankedTensorType items = tensorOf(root->getResult(0));
  if (auto q = dyn_cast<QuantizeOp>(root))
    items = tensorOf(q.getScales());
  int64_t count = items.getNumElements();
  if (auto c = dyn_cast<KvCacheCompactOp>(root))
    count = tensorOf(c.getCache()).getDimSize(0) *
            tensorOf(c.getCache()).getDimSize(1);

  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.include("kiln_data.cuh");
  k.fusionParams();
  k.itemsParam(count);
  k.openGridStrideLoop();
  std::vector<Var> idx = k.unravel(items.getShape(), Var::fixed("linear"));
  bool handled = true;
  llvm::TypeSwitch<Operation *>(root)
      .Case([&](GatherOp op) { emitGather(op, k, idx); })
      .Case([&](IotaOp op) {
        RankedTensorType r = op.getType();
        int64_t dim = static_cast<int64_t>(op.getDim());
        if (dim < 0)
          dim += r.getRank();
        k.line("out0[linear] = " +
               store(r.getElementType(), isa<FloatType>(r.getElementType())
                                             ? "(float)" + idx[dim]
                                             : idx[dim].str()) +
               ";");
        k.describe("iota along dimension " + str(dim),
                   "one thread per output element");
      })
      .Case([&](RandomNormalOp op) {
        k.line("out0[linear] = " +
               store(op.getType().getElementType(),
                     "kiln::random_normal((uint64_t)linear, " +
                         str(static_cast<int64_t>(op.getSeed())) + "ull, " +
                         floatLiteral(op.getMean().convertToDouble()) + ", " +
                         floatLiteral(op.getStd().convertToDouble()) + ")") +
               ";");
        k.describe("random_normal (Philox4x32-10, Box-Muller)",
                   "one thread per output element");
      })
      .Case([&](ResizeOp op) { emitResize(op, k, idx); })
      .Case([&](QuantizeOp op) { emitQuantize(op, k, idx); })
      .Case([&](DequantizeOp op) { emitDequantize(op, k, idx); })
      .Case([&](KvCacheWriteOp op) { emitKvCacheWrite(op, k, idx); })
      .Case([&](KvCacheCompactOp op) { emitKvCacheCompact(op, k); })
      .Default([&](Operation *) { handled = false; });
  if (!handled)
    return root->emitOpError("has no data-family code generator");
  k.close();
  return k.finish(LaunchShape::gridStride(count));
}
