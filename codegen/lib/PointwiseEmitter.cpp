//===- PointwiseEmitter.cpp - the pointwise kernel family -----------------===//
//
// A pointwise fusion computes one output element per loop iteration: every
// fused op is evaluated at the output index, movement ops (reshape,
// transpose, slice, pad, concat, broadcast, pixel (un)shuffle) turn into
// index arithmetic, broadcasting into zero indices. Each value at each index
// is emitted once into a named local; each op's result is rounded to its
// element type (bf16/f16 round once per op, integers wrap), as the op
// contract and the reference interpreter do. The same evaluation writes the
// epilogues and prologues other families fuse (emitPointwiseValue).
//
// Device header: kiln_pointwise.cuh. Test: test/codegen/pointwise.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Same-rank broadcast: size-1 dimensions read index 0.
SmallVector<Var> broadcast(ArrayRef<Var> idx, RankedTensorType operand) {
  SmallVector<Var> out;
  for (int64_t d = 0; d < operand.getRank(); ++d)
    out.push_back(operand.getDimSize(d) == 1 ? Var::fixed("0") : idx[d]);
  return out;
}

/// Memo key of an index (without marking its variables used).
std::string keyOf(ArrayRef<Var> idx) {
  std::string k;
  for (const Var &v : idx)
    k += v.key() + ",";
  return k;
}

/// Evaluates values of a fusion's body at an index, writing statements into
/// a kernel. One evaluator per kernel part (a prologue read, an epilogue):
/// it remembers what it computed at which index.
class PointwiseEvaluator {
public:
  explicit PointwiseEvaluator(KernelWriter &k) : k(k) {}

  /// `root`'s value at the index `identity` is already in `var`.
  void setRoot(Value root, std::string var, ArrayRef<Var> idx) {
    this->root = root;
    rootVar = std::move(var);
    identity = keyOf(broadcast(idx, tensorOf(root)));
  }

  /// Full-shape inputs read at the output index come from these (vectorized
  /// kernels): input number → the vector holding the thread's elements.
  void setVectorInputs(std::map<unsigned, Var> inputs, std::string outputKey) {
    vectorInputs = std::move(inputs);
    this->outputKey = std::move(outputKey);
  }

  FailureOr<std::string> value(Value v, ArrayRef<Var> idx) {
    auto memoKey = std::make_pair(v.getAsOpaquePointer(), keyOf(idx));
    if (auto it = memo.find(memoKey); it != memo.end())
      return it->second;
    FailureOr<std::string> r = compute(v, idx);
    if (succeeded(r))
      memo[memoKey] = *r;
    return r;
  }

private:
  /// Rounds a just-computed result to its element type (once per op).
  static std::string rounded(Type element, const std::string &expr) {
    if (isa<FloatType>(element))
      return roundToFloat16(element, expr);
    if (element.isInteger(8))
      return "(int64_t)(int8_t)(" + expr + ")";
    if (element.isInteger(32))
      return "(int64_t)(int32_t)(" + expr + ")";
    return expr;
  }

  /// Declares a fresh variable = expr (rounded to `element`) and returns it.
  std::string bind(Type element, const std::string &expr) {
    std::string var = k.fresh("v");
    k.line("const " + computeType(element) + " " + var + " = " +
           rounded(element, expr) + ";");
    return var;
  }

  /// An index variable, declared only if some read needs it.
  Var indexVar(std::function<std::string()> expr) {
    return k.lazy("int64_t", k.fresh("j"), std::move(expr));
  }

  FailureOr<std::string> load(BlockArgument arg, ArrayRef<Var> idx) {
    RankedTensorType t = tensorOf(arg);
    unsigned i = arg.getArgNumber();
    std::string ref;
    auto vec = vectorInputs.find(i);
    if (vec != vectorInputs.end() && keyOf(idx) == outputKey) {
      ref = vec->second + ".v[lane]";
    } else {
      std::string linear = "0";
      int64_t stride = 1;
      for (int64_t d = t.getRank() - 1; d >= 0; --d) {
        if (t.getDimSize(d) != 1)
          linear += " + " + idx[d] + " * " + str(stride);
        stride *= t.getDimSize(d);
      }
      ref = "in" + str(i) + "[" + linear + "]";
    }
    std::string var = k.fresh("a");
    k.line("const " + computeType(t.getElementType()) + " " + var + " = " +
           ::load(t.getElementType(), ref) + ";");
    return var;
  }

  FailureOr<std::string> compute(Value v, ArrayRef<Var> idx);
  FailureOr<std::string> computeMovement(Operation *op, ArrayRef<Var> idx);
  FailureOr<std::string> computeElementwise(Operation *op, ArrayRef<Var> idx);

  KernelWriter &k;
  Value root;
  std::string rootVar, identity;
  std::map<unsigned, Var> vectorInputs;
  std::string outputKey = "\x01none";
  std::map<std::pair<void *, std::string>, std::string> memo;
};

FailureOr<std::string> PointwiseEvaluator::compute(Value v,
                                                   ArrayRef<Var> idx) {
  if (root && v == root) {
    if (keyOf(broadcast(idx, tensorOf(v))) != identity)
      return k.fusion().emitOpError("an epilogue reads the kernel's own "
                                    "result at another index");
    return rootVar;
  }
  if (auto arg = dyn_cast<BlockArgument>(v))
    return load(arg, idx);
  Operation *op = v.getDefiningOp();
  Type element = tensorOf(v).getElementType();
  if (auto c = dyn_cast<ConstantOp>(op)) {
    auto splat = dyn_cast<SplatElementsAttr>(c.getValue());
    if (!splat)
      return op->emitOpError("only splat constants can be fused; others are "
                             "buffers");
    if (isa<FloatType>(element))
      return bind(element, floatLiteral(
                               splat.getSplatValue<APFloat>().convertToDouble()));
    APInt i = splat.getSplatValue<APInt>();
    return bind(element, element.isInteger(1)
                             ? (i.isZero() ? "false" : "true")
                             : std::to_string(i.getSExtValue()) + "ll");
  }
  if (op->hasTrait<OpTrait::kiln::ElementwiseBroadcastable>())
    return computeElementwise(op, idx);
  k.line("// " + op->getName().getStringRef().str() + " (index map)");
  return computeMovement(op, idx);
}

/// Index-mapped movement: the operand at a computed index.
FailureOr<std::string> PointwiseEvaluator::computeMovement(Operation *op,
                                                           ArrayRef<Var> idx) {
  Value v = op->getResult(0);
  Type element = tensorOf(v).getElementType();
  SmallVector<Var> at(idx.begin(), idx.end());
  if (auto r = dyn_cast<ReshapeOp>(op)) {
    RankedTensorType out = tensorOf(v), in = tensorOf(r.getX());
    Var lin = indexVar([out, at] {
      std::string linear = "0";
      int64_t stride = 1;
      for (int64_t d = out.getRank() - 1; d >= 0; --d) {
        linear += " + " + at[d] + " * " + str(stride);
        stride *= out.getDimSize(d);
      }
      return linear;
    });
    SmallVector<Var> j(in.getRank());
    int64_t stride = 1;
    for (int64_t d = in.getRank() - 1; d >= 0; --d) {
      int64_t s = stride, size = in.getDimSize(d);
      j[d] = indexVar([lin, s, size] {
        return "(" + lin + " / " + str(s) + ") % " + str(size);
      });
      stride *= size;
    }
    return value(r.getX(), j);
  }
  if (auto t = dyn_cast<TransposeOp>(op)) {
    SmallVector<Var> j(idx.size());
    for (auto [i, p] : llvm::enumerate(t.getPerm()))
      j[p] = idx[i];
    return value(t.getX(), j);
  }
  if (auto b = dyn_cast<BroadcastToOp>(op))
    return value(b.getX(), broadcast(idx, tensorOf(b.getX())));
  if (auto s = dyn_cast<SliceOp>(op)) {
    SmallVector<Var> j;
    for (auto [d, first] : llvm::enumerate(s.getNormalizedStart())) {
      int64_t start = first, step = s.getStride()[d];
      Var i = idx[d];
      j.push_back(indexVar([=] {
        return str(start) + " + " + i + " * (" + str(step) + ")";
      }));
    }
    return value(s.getX(), j);
  }
  if (auto p = dyn_cast<PadOp>(op)) {
    RankedTensorType in = tensorOf(p.getX());
    bool constant = p.getMode() == "constant",
         reflect = p.getMode() == "reflect";
    SmallVector<Var> j, shifted;
    for (int64_t d = 0; d < in.getRank(); ++d) {
      std::string n = str(in.getDimSize(d));
      int64_t low = p.getLow()[d];
      Var i = idx[d];
      Var t = indexVar([=] { return i + " - " + str(low); });
      shifted.push_back(t);
      j.push_back(indexVar([=] {
        return reflect ? t + " < 0 ? -" + t + " : (" + t + " >= " + n +
                             " ? 2 * (" + n + " - 1) - " + t + " : " + t + ")"
                       : t + " < 0 ? 0 : (" + t + " >= " + n + " ? " + n +
                             " - 1 : " + t + ")";
      }));
    }
    FailureOr<std::string> x = value(p.getX(), j);
    if (failed(x) || !constant)
      return x;
    std::string inside = "true";
    for (int64_t d = 0; d < in.getRank(); ++d)
      inside += " && " + shifted[d] + " >= 0 && " + shifted[d] + " < " +
                str(in.getDimSize(d));
    return bind(element, "(" + inside + ") ? " + *x + " : (" +
                             computeType(element) + ")" +
                             floatLiteral(p.getValue().convertToDouble()));
  }
  if (auto c = dyn_cast<ConcatOp>(op)) {
    int64_t axis = static_cast<int64_t>(c.getAxis());
    if (axis < 0)
      axis += tensorOf(v).getRank();
    int64_t offset = 0;
    SmallVector<std::pair<int64_t, std::string>> parts;
    for (Value in : c.getInputs()) {
      int64_t size = tensorOf(in).getDimSize(axis);
      SmallVector<Var> j(idx.begin(), idx.end());
      Var i = idx[axis];
      j[axis] = indexVar([=] {
        std::string o = i + " - " + str(offset);
        return o + " < 0 ? 0 : (" + o + " >= " + str(size) + " ? " +
               str(size - 1) + " : " + o + ")";
      });
      FailureOr<std::string> x = value(in, j);
      if (failed(x))
        return failure();
      offset += size;
      parts.emplace_back(offset, *x);
    }
    std::string expr = parts.back().second;
    for (int64_t n = static_cast<int64_t>(parts.size()) - 2; n >= 0; --n)
      expr = "(" + idx[axis] + " < " + str(parts[n].first) + " ? " +
             parts[n].second + " : " + expr + ")";
    return bind(element, expr);
  }
  if (isa<PixelShuffleOp, PixelUnshuffleOp>(op)) {
    bool shuffle = isa<PixelShuffleOp>(op);
    int64_t r = shuffle
                    ? static_cast<int64_t>(cast<PixelShuffleOp>(op).getFactor())
                    : static_cast<int64_t>(
                          cast<PixelUnshuffleOp>(op).getFactor());
    std::string rs = str(r), r2 = str(r * r);
    Var c = idx[1], y = idx[2], x = idx[3];
    SmallVector<Var> j(4);
    j[0] = idx[0];
    if (shuffle) {
      j[1] = indexVar([=] {
        return c + " * " + r2 + " + (" + y + " % " + rs + ") * " + rs + " + " +
               x + " % " + rs;
      });
      j[2] = indexVar([=] { return y + " / " + rs; });
      j[3] = indexVar([=] { return x + " / " + rs; });
    } else {
      j[1] = indexVar([=] { return c + " / " + r2; });
      j[2] = indexVar([=] {
        return y + " * " + rs + " + (" + c + " % " + r2 + ") / " + rs;
      });
      j[3] = indexVar([=] {
        return x + " * " + rs + " + (" + c + " % " + r2 + ") % " + rs;
      });
    }
    return value(op->getOperand(0), j);
  }
  return op->emitOpError("has no pointwise code generator");
}

/// Elementwise: the operands at the broadcast index, one expression.
FailureOr<std::string>
PointwiseEvaluator::computeElementwise(Operation *op, ArrayRef<Var> idx) {
  Type element = tensorOf(op->getResult(0)).getElementType();
  SmallVector<std::string> a;
  for (Value operand : op->getOperands()) {
    FailureOr<std::string> x =
        value(operand, broadcast(idx, tensorOf(operand)));
    if (failed(x))
      return failure();
    a.push_back(*x);
  }
  bool isFloat = isa<FloatType>(element);
  k.line("// " + op->getName().getStringRef().str());
  // `$i` in the pattern stands for operand i.
  auto f = [&](const std::string &pattern) -> FailureOr<std::string> {
    std::string expr = pattern;
    for (size_t i = 0; i < a.size(); ++i) {
      std::string slot = "$" + str(i);
      for (size_t at; (at = expr.find(slot)) != std::string::npos;)
        expr.replace(at, slot.size(), a[i]);
    }
    return bind(element, expr);
  };
  return llvm::TypeSwitch<Operation *, FailureOr<std::string>>(op)
      .Case([&](NegOp) {
        // Integers wrap (two's complement) rather than overflow (UB in C++).
        return isFloat ? f("-$0") : f("(int64_t)(0 - (uint64_t)$0)");
      })
      .Case([&](AbsOp) { return f("fabsf($0)"); })
      .Case([&](ExpOp) { return f("expf($0)"); })
      .Case([&](LogOp) { return f("logf($0)"); })
      .Case([&](Log1pOp) { return f("log1pf($0)"); })
      .Case([&](SqrtOp) { return f("sqrtf($0)"); })
      .Case([&](RsqrtOp) { return f("(1.0f / sqrtf($0))"); })
      .Case([&](ReciprocalOp) { return f("(1.0f / $0)"); })
      .Case([&](TanhOp) { return f("tanhf($0)"); })
      .Case([&](SigmoidOp) { return f("(1.0f / (1.0f + expf(-$0)))"); })
      .Case([&](SiluOp) { return f("($0 / (1.0f + expf(-$0)))"); })
      .Case([&](ReluOp) { return f("($0 < 0.0f ? 0.0f : $0)"); })
      .Case([&](ErfOp) { return f("erff($0)"); })
      .Case([&](SinOp) { return f("sinf($0)"); })
      .Case([&](CosOp) { return f("cosf($0)"); })
      .Case([&](FloorOp) { return f("floorf($0)"); })
      .Case([&](GeluOp g) {
        return g.getApproximate() == "tanh"
                   ? f("(0.5f * $0 * (1.0f + tanhf(0.7978845608028654f * "
                       "($0 + 0.044715f * $0 * $0 * $0))))")
                   : f("(0.5f * $0 * (1.0f + erff($0 * 0.70710678118654752f)))");
      })
      .Case([&](SoftplusOp s) {
        std::string beta = floatLiteral(s.getBeta().convertToDouble());
        std::string thr = floatLiteral(s.getThreshold().convertToDouble());
        return f("(" + beta + " * $0 > " + thr + " ? $0 : log1pf(expf(" + beta +
                 " * $0)) / " + beta + ")");
      })
      .Case([&](ClampOp c) -> FailureOr<std::string> {
        auto bound = [&](std::optional<APFloat> b) {
          return b ? floatLiteral(b->convertToDouble()) : std::string("0.0f");
        };
        std::string lo = bound(c.getMin()), hi = bound(c.getMax());
        if (isFloat)
          return f("kiln::clamp_f($0, " +
                   std::string(c.getMin() ? "true" : "false") + ", " + lo +
                   ", " + (c.getMax() ? "true" : "false") + ", " + hi + ")");
        // Integer clamp: bounds rounded to integers (reference semantics).
        std::string expr = "$0";
        if (c.getMin())
          expr = "(" + expr + " < (int64_t)rintf(" + lo + ") ? (int64_t)rintf(" +
                 lo + ") : " + expr + ")";
        if (c.getMax())
          expr = "(" + expr + " > (int64_t)rintf(" + hi + ") ? (int64_t)rintf(" +
                 hi + ") : " + expr + ")";
        return f(expr);
      })
      .Case([&](AddOp) {
        return isFloat ? f("($0 + $1)")
                       : f("(int64_t)((uint64_t)$0 + (uint64_t)$1)");
      })
      .Case([&](SubOp) {
        return isFloat ? f("($0 - $1)")
                       : f("(int64_t)((uint64_t)$0 - (uint64_t)$1)");
      })
      .Case([&](MulOp) {
        return isFloat ? f("($0 * $1)")
                       : f("(int64_t)((uint64_t)$0 * (uint64_t)$1)");
      })
      .Case([&](DivOp) {
        return isFloat ? f("($0 / $1)") : f("kiln::floordiv($0, $1)");
      })
      .Case([&](MaxOp) {
        return isFloat ? f("kiln::max_nan($0, $1)") : f("($0 > $1 ? $0 : $1)");
      })
      .Case([&](MinOp) {
        return isFloat ? f("kiln::min_nan($0, $1)") : f("($0 < $1 ? $0 : $1)");
      })
      .Case([&](PowOp) {
        return isFloat ? f("powf($0, $1)") : f("kiln::ipow($0, $1)");
      })
      .Case([&](CompareOp c) {
        StringRef p = c.getPredicate();
        const char *sym = p == "eq"   ? "=="
                          : p == "ne" ? "!="
                          : p == "lt" ? "<"
                          : p == "le" ? "<="
                          : p == "gt" ? ">"
                                      : ">=";
        return f("($0 " + std::string(sym) + " $1)");
      })
      .Case([&](SelectOp) { return f("($0 ? $1 : $2)"); })
      .Case([&](CastOp c) -> FailureOr<std::string> {
        Type from = tensorOf(c.getX()).getElementType();
        if (element.isInteger(1))
          return f("($0 != 0)");
        if (isa<FloatType>(element))
          return f(from.isInteger(1) ? "($0 ? 1.0f : 0.0f)" : "(float)$0");
        if (isa<FloatType>(from))
          return f("kiln::f2i_sat($0, " + str(element.getIntOrFloatBitWidth()) +
                   ")");
        return f(from.isInteger(1) ? "($0 ? 1 : 0)" : "$0");
      })
      .Default([&](Operation *) -> FailureOr<std::string> {
        return op->emitOpError("has no pointwise code generator");
      });
}

} // namespace

FailureOr<std::string> mlir::kiln::codegen::emitPointwiseValue(
    KernelWriter &k, Value value, ArrayRef<Var> idx, Value root,
    const std::string &rootVar) {
  PointwiseEvaluator eval(k);
  if (root)
    eval.setRoot(root, rootVar, idx);
  return eval.value(value, idx);
}

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitPointwiseKernel(FusionOp fusion, StringRef name) {
  if (fusion.getNumResults() != 1)
    return fusion.emitOpError("a pointwise fusion must have one result, has ")
           << fusion.getNumResults();
  if (std::optional<TransposeOp> t = tiledTransposeOf(fusion))
    return emitTiledTranspose(fusion, *t, name);
  auto yield = cast<YieldOp>(fusion.getBody().front().getTerminator());
  Value result = yield.getValues()[0];
  RankedTensorType type = tensorOf(result);
  int64_t n = type.getNumElements();

  // Several elements per thread when they share every index but the last:
  // 16 bytes of output (4 f32, 8 bf16 / f16, 16 bytes), else 4 elements,
  // as the last dimension allows; full-shape inputs then arrive as vectors
  // too (up to 32 bytes: two 16-byte loads), the output leaves as one.
  int64_t outBytes = storageBytes(type.getElementType());
  int64_t lanes = 0;
  if (type.getRank() > 0 && n > 0 && outBytes <= 4)
    for (int64_t w : {16 / outBytes, int64_t(4)})
      if (lanes == 0 && type.getShape().back() % w == 0)
        lanes = w;
  bool vectorized = lanes > 0;

  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  // An in-place kernel (kiln-plan-memory) writes over one input: that pair
  // of pointers aliases, so neither is __restrict__.
  std::optional<unsigned> inPlace;
  if (auto a = fusion->getAttrOfType<IntegerAttr>(KilnDialect::kInPlaceAttr))
    inPlace = static_cast<unsigned>(a.getInt());
  k.fusionParams(inPlace);
  int64_t items = vectorized ? n / lanes : n;
  k.itemsParam(items);

  PointwiseEvaluator eval(k);
  std::string storeTo = "out0[linear]";
  Var linear = Var::fixed("linear");
  if (vectorized) {
    std::string width = str(lanes);
    k.openGridStrideLoop("vec");
    k.line("const int64_t base = vec * " + width + ";");
    std::map<unsigned, Var> vectorInputs;
    for (auto [i, input] : llvm::enumerate(fusion.getInputs()))
      if (tensorOf(input).getShape() == type.getShape() &&
          storageBytes(tensorOf(input).getElementType()) * lanes <= 32) {
        std::string elem = storageType(tensorOf(input).getElementType());
        std::string in = "in" + str(i);
        vectorInputs[i] = k.lazy("kiln::Vec<" + elem + ", " + width + ">", in + "v",
                                 [in, width] {
                                   return "kiln::load_vec<" + width + ">(&" + in + "[base])";
                                 });
      }
    k.line("kiln::Vec<" + storageType(type.getElementType()) + ", " + width + "> outv;");
    k.line("#pragma unroll");
    k.open("for (int lane = 0; lane < " + width + "; ++lane)");
    linear = k.lazy("int64_t", "linear", [] { return "base + lane"; });
    std::vector<Var> idx = k.unravel(type.getShape(), linear);
    eval.setVectorInputs(std::move(vectorInputs), keyOf(idx));
    storeTo = "outv.v[lane]";
    FailureOr<std::string> v = eval.value(result, idx);
    if (failed(v))
      return failure();
    k.line(storeTo + " = " + store(type.getElementType(), *v) + ";");
    k.close();
    k.line("kiln::store_vec<" + width + ">(&out0[base], outv);");
  } else {
    k.openGridStrideLoop("linear");
    std::vector<Var> idx = k.unravel(type.getShape(), linear);
    FailureOr<std::string> v = eval.value(result, idx);
    if (failed(v))
      return failure();
    k.line(storeTo + " = " + store(type.getElementType(), *v) + ";");
  }
  k.close();
  k.describe("pointwise fusion of " + opNames(fusion),
             vectorized ? "one thread per " + str(lanes) +
                              " consecutive output elements (vector loads and "
                              "stores)"
                        : "one thread per output element");
  return k.finish(LaunchShape::gridStride(items));
}
