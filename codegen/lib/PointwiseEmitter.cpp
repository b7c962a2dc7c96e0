//===- PointwiseEmitter.cpp - the pointwise kernel family -----------------===//
//
// A pointwise fusion computes one output element per loop iteration: every
// fused op is evaluated at the output index, movement ops (reshape,
// transpose, slice, pad, concat, broadcast, pixel (un)shuffle) turn into
// index arithmetic, broadcasting into zero indices. Each value at each index
// is emitted once into a named local; each op's result is rounded to its
// element type (bf16/f16 round once per op, integers wrap), as ops.md and the
// reference interpreter do.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::kiln;
namespace rt = ::kiln::rt;

std::string mlir::kiln::storageType(Type t) {
  if (t.isF32())
    return "float";
  if (t.isF16())
    return "__half";
  if (t.isBF16())
    return "__nv_bfloat16";
  if (t.isInteger(1))
    return "uint8_t";
  if (t.isInteger(8))
    return "int8_t";
  if (t.isInteger(32))
    return "int32_t";
  return "int64_t";
}

namespace {

/// The type a value is computed in: float for every float type, int64_t for
/// integers, bool for i1.
std::string computeType(Type t) {
  if (isa<FloatType>(t))
    return "float";
  if (t.isInteger(1))
    return "bool";
  return "int64_t";
}

std::string floatLiteral(double v) {
  if (std::isnan(v))
    return "NAN";
  if (std::isinf(v))
    return v > 0 ? "INFINITY" : "(-INFINITY)";
  std::string s = llvm::formatv("{0:e9}", v).str();
  return "(" + s + "f)";
}

RankedTensorType tensorOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Bytes of one stored element (i1 is stored as a byte).
int64_t storageBytes(Type t) {
  return t.isInteger(1) ? 1 : (t.getIntOrFloatBitWidth() + 7) / 8;
}

class PointwiseEmitter {
public:
  explicit PointwiseEmitter(FusionOp fusion) : fusion(fusion) {
    for (auto [i, arg] : llvm::enumerate(fusion.getBody().getArguments()))
      argIndex[arg] = i;
  }

  /// Epilogue mode: `root`'s value at the output index is already in `var`.
  PointwiseEmitter(FusionOp fusion, Value root, std::string var)
      : PointwiseEmitter(fusion) {
    precomputed = root;
    precomputedVar = std::move(var);
  }

  /// Emits the yielded value at output index i0 … (already declared);
  /// returns the statements and the variable holding the value.
  FailureOr<std::pair<std::string, std::string>> emitEpilogue() {
    auto yield = cast<YieldOp>(fusion.getBody().front().getTerminator());
    Value result = yield.getValues()[0];
    SmallVector<std::string> idx;
    for (int64_t d = 0; d < tensorOf(result).getRank(); ++d)
      idx.push_back("i" + std::to_string(d));
    identity = key(broadcast(idx, tensorOf(precomputed)));
    FailureOr<std::string> v = value(result, idx);
    if (failed(v))
      return failure();
    return std::make_pair(body, *v);
  }

  /// Emits `v` at index `idx` (already declared); variables start with
  /// `prefix` so several evaluations can share one scope.
  FailureOr<std::pair<std::string, std::string>>
  emitValue(Value v, ArrayRef<std::string> idx, StringRef prefix) {
    namePrefix = prefix.str();
    if (precomputed)
      identity = key(broadcast(idx, tensorOf(precomputed)));
    FailureOr<std::string> r = value(v, idx);
    if (failed(r))
      return failure();
    return std::make_pair(body, *r);
  }

  FailureOr<EmittedKernel> emit(StringRef name) {
    if (fusion.getNumResults() != 1)
      return fusion.emitOpError("a pointwise fusion must have one result, has ")
             << fusion.getNumResults();
    auto yield = cast<YieldOp>(fusion.getBody().front().getTerminator());
    Value result = yield.getValues()[0];
    RankedTensorType type = tensorOf(result);
    int64_t n = type.getNumElements();

    // Four elements per thread when they share every index but the last
    // and each element is at most 4 bytes: full-shape inputs and the output
    // then move as one 16- or 8-byte vector (Vec4).
    bool vectorized =
        type.getRank() > 0 && type.getShape().back() % 4 == 0 && n > 0 &&
        storageBytes(type.getElementType()) <= 4;
    if (vectorized)
      for (auto [i, input] : llvm::enumerate(fusion.getInputs()))
        if (tensorOf(input).getShape() == type.getShape() &&
            storageBytes(tensorOf(input).getElementType()) <= 4)
          vectorInputs.insert(i);

    // The output index, unravelled from the linear element number.
    SmallVector<std::string> idx;
    int64_t stride = 1;
    SmallVector<int64_t> strides(type.getRank());
    for (int64_t d = type.getRank() - 1; d >= 0; --d) {
      strides[d] = stride;
      stride *= type.getDimSize(d);
    }
    for (int64_t d = 0; d < type.getRank(); ++d) {
      std::string var = "i" + std::to_string(d);
      line("const int64_t " + var + " = (linear / " +
           std::to_string(strides[d]) + ") % " +
           std::to_string(type.getDimSize(d)) + ";");
      idx.push_back(var);
    }
    outputKey = key(idx);
    FailureOr<std::string> v = value(result, idx);
    if (failed(v))
      return failure();
    if (vectorized)
      line("outv.v[e4] = " + emit::store(type.getElementType(), *v) + ";");
    else
      line("out0[linear] = " + emit::store(type.getElementType(), *v) + ";");

    EmittedKernel k;
    k.name = name.str();
    std::string params;
    // An in-place kernel (kiln-plan-memory) writes over one input: that pair
    // of pointers aliases, so neither is __restrict__.
    std::optional<int64_t> inPlace;
    if (auto a = fusion->getAttrOfType<IntegerAttr>(KilnDialect::kInPlaceAttr))
      inPlace = a.getInt();
    for (auto [i, input] : llvm::enumerate(fusion.getInputs())) {
      params += "const " + storageType(tensorOf(input).getElementType()) +
                (inPlace == static_cast<int64_t>(i) ? " *in" : " *__restrict__ in") +
                std::to_string(i) + ", ";
      k.params.push_back(rt::ParamKind::Pointer);
    }
    params += storageType(type.getElementType()) +
              (inPlace ? " *out0" : " *__restrict__ out0") + ", int64_t n";
    k.params.push_back(rt::ParamKind::Pointer);
    k.params.push_back(rt::ParamKind::I64);
    rt::LaunchArg count;
    count.kind = rt::ParamKind::I64;
    int64_t items = vectorized ? n / 4 : n;
    count.intValue = items;
    k.scalars.push_back(count);
    constexpr int64_t kBlock = 256, kMaxGrid = int64_t(1) << 20;
    k.block[0] = kBlock;
    k.grid[0] = static_cast<uint32_t>(std::max<int64_t>(
        1, std::min(kMaxGrid, (items + kBlock - 1) / kBlock)));

    std::string src;
    llvm::raw_string_ostream os(src);
    os << "// " << name << ": pointwise fusion of " << opSummary()
       << ".\n// Generated by Kiln; one thread per "
       << (vectorized ? "four consecutive output elements (vector loads and "
                        "stores)"
                      : "output element")
       << ".\n#include \"kiln_device.cuh\"\n#include \"kiln_pointwise.cuh\"\n\n"
       << "extern \"C\" __global__ void __launch_bounds__(" << kBlock << ")\n"
       << name << "(" << params << ") {\n";
    if (!vectorized) {
      os << "  for (int64_t linear = (int64_t)blockIdx.x * blockDim.x + "
            "threadIdx.x; linear < n;\n"
         << "       linear += (int64_t)gridDim.x * blockDim.x) {\n"
         << body << "  }\n}\n";
    } else {
      os << "  for (int64_t vec = (int64_t)blockIdx.x * blockDim.x + "
            "threadIdx.x; vec < n;\n"
         << "       vec += (int64_t)gridDim.x * blockDim.x) {\n"
         << "    const int64_t base = vec * 4;\n";
      for (unsigned i : vectorInputs)
        os << "    const kiln::Vec4<"
           << storageType(tensorOf(fusion.getInputs()[i]).getElementType())
           << "> in" << i << "v = kiln::load_vec4(&in" << i << "[base]);\n";
      os << "    kiln::Vec4<" << storageType(type.getElementType())
         << "> outv;\n"
         << "    for (int e4 = 0; e4 < 4; ++e4) {\n"
         << "      const int64_t linear = base + e4;\n";
      // The body, two spaces deeper.
      for (size_t at = 0; at < body.size();) {
        size_t eol = body.find('\n', at);
        eol = eol == std::string::npos ? body.size() : eol + 1;
        os << "  " << body.substr(at, eol - at);
        at = eol;
      }
      os << "    }\n    kiln::store_vec4(&out0[base], outv);\n  }\n}\n";
    }
    k.source = emit::pruneUnusedDeclarations(src);
    return k;
  }

private:
  void line(const std::string &s) { body += "    " + s + "\n"; }

  std::string fresh(const char *prefix) {
    return namePrefix + prefix + std::to_string(counter++);
  }

  std::string opSummary() {
    std::string s;
    for (Operation &op : fusion.getBody().front().without_terminator())
      if (!isa<ConstantOp>(op))
        s += (s.empty() ? "" : ", ") + op.getName().getStringRef().str();
    return s;
  }

  /// Rounds a just-computed result to its element type (once per op).
  std::string rounded(Type element, const std::string &expr) {
    if (isa<FloatType>(element))
      return emit::roundToFloat16(element, expr);
    if (element.isInteger(8))
      return "(int64_t)(int8_t)(" + expr + ")";
    if (element.isInteger(32))
      return "(int64_t)(int32_t)(" + expr + ")";
    return expr;
  }

  /// Declares `var` = expr and returns var.
  std::string bind(Type element, const std::string &expr) {
    std::string var = fresh("v");
    line("const " + computeType(element) + " " + var + " = " +
         rounded(element, expr) + ";");
    return var;
  }

  std::string indexVar(const std::string &expr) {
    std::string var = fresh("j");
    line("const int64_t " + var + " = " + expr + ";");
    return var;
  }

  static std::string key(ArrayRef<std::string> idx) {
    std::string k;
    for (const std::string &s : idx)
      k += s + ",";
    return k;
  }

  /// Same-rank broadcast: size-1 dimensions read index 0.
  static SmallVector<std::string> broadcast(ArrayRef<std::string> idx,
                                            RankedTensorType operand) {
    SmallVector<std::string> out;
    for (int64_t d = 0; d < operand.getRank(); ++d)
      out.push_back(operand.getDimSize(d) == 1 ? "0" : idx[d]);
    return out;
  }

  FailureOr<std::string> value(Value v, ArrayRef<std::string> idx) {
    auto memoKey = std::make_pair(v.getAsOpaquePointer(), key(idx));
    if (auto it = memo.find(memoKey); it != memo.end())
      return it->second;
    FailureOr<std::string> r = compute(v, idx);
    if (succeeded(r))
      memo[memoKey] = *r;
    return r;
  }

  FailureOr<std::string> load(Value arg, ArrayRef<std::string> idx) {
    RankedTensorType t = tensorOf(arg);
    std::string linear = "0";
    int64_t stride = 1;
    for (int64_t d = t.getRank() - 1; d >= 0; --d) {
      if (t.getDimSize(d) != 1)
        linear += " + " + idx[d] + " * " + std::to_string(stride);
      stride *= t.getDimSize(d);
    }
    unsigned i = argIndex.lookup(arg);
    // A full-shape input read at the output's own index comes from the
    // vector loaded for the four elements.
    std::string ref = vectorInputs.count(i) && key(idx) == outputKey
                          ? "in" + std::to_string(i) + "v.v[e4]"
                          : "in" + std::to_string(i) + "[" + linear + "]";
    Type e = t.getElementType();
    std::string expr = e.isF32()    ? ref
                       : e.isBF16() ? "__bfloat162float(" + ref + ")"
                       : e.isF16()  ? "__half2float(" + ref + ")"
                       : e.isInteger(1) ? "(" + ref + " != 0)"
                                        : "(int64_t)" + ref;
    std::string var = fresh("a");
    line("const " + computeType(e) + " " + var + " = " + expr + ";");
    return var;
  }

  /// Ops evaluated from their operands at the same (broadcast) index.
  static bool isElementwiseLike(Operation *op) {
    return op->hasTrait<OpTrait::kiln::ElementwiseBroadcastable>();
  }

  FailureOr<std::string> compute(Value v, ArrayRef<std::string> idx) {
    if (precomputed && v == precomputed) {
      if (key(broadcast(idx, tensorOf(v))) != identity)
        return fusion.emitOpError("an epilogue reads the kernel's own result "
                                  "at another index");
      return precomputedVar;
    }
    if (argIndex.count(v))
      return load(v, idx);
    Operation *op = v.getDefiningOp();
    Type element = tensorOf(v).getElementType();
    auto operandAt = [&](unsigned i) {
      return value(op->getOperand(i), broadcast(idx, tensorOf(op->getOperand(i))));
    };
    std::string comment = "// " + op->getName().getStringRef().str();
    if (!isa<ConstantOp>(op) && !isElementwiseLike(op))
      line(comment + " (index map)");

    if (auto c = dyn_cast<ConstantOp>(op)) {
      auto splat = dyn_cast<SplatElementsAttr>(c.getValue());
      if (!splat)
        return op->emitOpError("only splat constants can be fused; others are "
                               "buffers");
      if (isa<FloatType>(element))
        return bind(element,
                    floatLiteral(splat.getSplatValue<APFloat>().convertToDouble()));
      APInt i = splat.getSplatValue<APInt>();
      return bind(element, element.isInteger(1)
                               ? (i.isZero() ? "false" : "true")
                               : std::to_string(i.getSExtValue()) + "ll");
    }

    // Index-mapped movement.
    if (auto r = dyn_cast<ReshapeOp>(op)) {
      RankedTensorType out = tensorOf(v), in = tensorOf(r.getX());
      std::string linear = "0";
      int64_t stride = 1;
      for (int64_t d = out.getRank() - 1; d >= 0; --d) {
        linear += " + " + idx[d] + " * " + std::to_string(stride);
        stride *= out.getDimSize(d);
      }
      std::string lin = indexVar(linear);
      SmallVector<std::string> j(in.getRank());
      stride = 1;
      for (int64_t d = in.getRank() - 1; d >= 0; --d) {
        j[d] = indexVar("(" + lin + " / " + std::to_string(stride) + ") % " +
                        std::to_string(in.getDimSize(d)));
        stride *= in.getDimSize(d);
      }
      return value(r.getX(), j);
    }
    if (auto t = dyn_cast<TransposeOp>(op)) {
      SmallVector<std::string> j(idx.size());
      for (auto [i, p] : llvm::enumerate(t.getPerm()))
        j[p] = idx[i];
      return value(t.getX(), j);
    }
    if (auto b = dyn_cast<BroadcastToOp>(op))
      return value(b.getX(), broadcast(idx, tensorOf(b.getX())));
    if (auto s = dyn_cast<SliceOp>(op)) {
      SmallVector<std::string> j;
      for (auto [d, first] : llvm::enumerate(s.getNormalizedStart()))
        j.push_back(indexVar(std::to_string(first) + " + " + idx[d] + " * (" +
                             std::to_string(s.getStride()[d]) + ")"));
      return value(s.getX(), j);
    }
    if (auto p = dyn_cast<PadOp>(op)) {
      RankedTensorType in = tensorOf(p.getX());
      SmallVector<std::string> j;
      std::string inside = "true";
      for (int64_t d = 0; d < in.getRank(); ++d) {
        std::string n = std::to_string(in.getDimSize(d));
        std::string t = indexVar(idx[d] + " - " + std::to_string(p.getLow()[d]));
        if (p.getMode() == "reflect")
          j.push_back(indexVar(t + " < 0 ? -" + t + " : (" + t + " >= " + n +
                               " ? 2 * (" + n + " - 1) - " + t + " : " + t + ")"));
        else
          j.push_back(indexVar(t + " < 0 ? 0 : (" + t + " >= " + n + " ? " + n +
                               " - 1 : " + t + ")"));
        if (p.getMode() == "constant")
          inside += " && " + t + " >= 0 && " + t + " < " + n;
      }
      FailureOr<std::string> x = value(p.getX(), j);
      if (failed(x))
        return failure();
      if (p.getMode() != "constant")
        return *x;
      return bind(element, "(" + inside + ") ? " + *x + " : (" +
                               computeType(element) + ")" +
                               floatLiteral(p.getValue().convertToDouble()));
    }
    if (auto c = dyn_cast<ConcatOp>(op)) {
      int64_t axis = static_cast<int64_t>(c.getAxis());
      if (axis < 0)
        axis += tensorOf(v).getRank();
      std::string result;
      int64_t offset = 0;
      SmallVector<std::pair<int64_t, std::string>> parts;
      for (Value in : c.getInputs()) {
        int64_t size = tensorOf(in).getDimSize(axis);
        SmallVector<std::string> j(idx.begin(), idx.end());
        j[axis] = indexVar(idx[axis] + " - " + std::to_string(offset) +
                           " < 0 ? 0 : (" + idx[axis] + " - " +
                           std::to_string(offset) + " >= " +
                           std::to_string(size) + " ? " +
                           std::to_string(size - 1) + " : " + idx[axis] +
                           " - " + std::to_string(offset) + ")");
        FailureOr<std::string> x = value(in, j);
        if (failed(x))
          return failure();
        offset += size;
        parts.emplace_back(offset, *x);
      }
      std::string expr = parts.back().second;
      for (int64_t k = static_cast<int64_t>(parts.size()) - 2; k >= 0; --k)
        expr = "(" + idx[axis] + " < " + std::to_string(parts[k].first) +
               " ? " + parts[k].second + " : " + expr + ")";
      return bind(element, expr);
    }
    if (isa<PixelShuffleOp, PixelUnshuffleOp>(op)) {
      bool shuffle = isa<PixelShuffleOp>(op);
      int64_t r = shuffle ? static_cast<int64_t>(cast<PixelShuffleOp>(op).getFactor())
                          : static_cast<int64_t>(cast<PixelUnshuffleOp>(op).getFactor());
      std::string rs = std::to_string(r), r2 = std::to_string(r * r);
      SmallVector<std::string> j(4);
      j[0] = idx[0];
      if (shuffle) {
        j[1] = indexVar(idx[1] + " * " + r2 + " + (" + idx[2] + " % " + rs +
                        ") * " + rs + " + " + idx[3] + " % " + rs);
        j[2] = indexVar(idx[2] + " / " + rs);
        j[3] = indexVar(idx[3] + " / " + rs);
      } else {
        j[1] = indexVar(idx[1] + " / " + r2);
        j[2] = indexVar(idx[2] + " * " + rs + " + (" + idx[1] + " % " + r2 +
                        ") / " + rs);
        j[3] = indexVar(idx[3] + " * " + rs + " + (" + idx[1] + " % " + r2 +
                        ") % " + rs);
      }
      return value(op->getOperand(0), j);
    }

    // Elementwise: operands at the broadcast index.
    SmallVector<std::string> a;
    for (unsigned i = 0; i < op->getNumOperands(); ++i) {
      FailureOr<std::string> x = operandAt(i);
      if (failed(x))
        return failure();
      a.push_back(*x);
    }
    bool isFloat = isa<FloatType>(element);
    line(comment);
    auto f = [&](const char *fmt) -> FailureOr<std::string> {
      std::string expr = fmt;
      for (size_t i = 0; i < a.size(); ++i) {
        std::string slot = "$" + std::to_string(i);
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
          return f(("(" + beta + " * $0 > " + thr + " ? $0 : log1pf(expf(" +
                    beta + " * $0)) / " + beta + ")")
                       .c_str());
        })
        .Case([&](ClampOp c) -> FailureOr<std::string> {
          auto bound = [&](std::optional<APFloat> b) {
            return b ? floatLiteral(b->convertToDouble()) : std::string("0.0f");
          };
          std::string lo = bound(c.getMin()), hi = bound(c.getMax());
          std::string hasLo = c.getMin() ? "true" : "false";
          std::string hasHi = c.getMax() ? "true" : "false";
          if (isFloat)
            return f(("kiln::clamp_f($0, " + hasLo + ", " + lo + ", " + hasHi +
                      ", " + hi + ")")
                         .c_str());
          // Integer clamp: bounds rounded to integers (reference semantics).
          std::string expr = "$0";
          if (c.getMin())
            expr = "(" + expr + " < (int64_t)rintf(" + lo + ") ? (int64_t)rintf(" +
                   lo + ") : " + expr + ")";
          if (c.getMax())
            expr = "(" + expr + " > (int64_t)rintf(" + hi + ") ? (int64_t)rintf(" +
                   hi + ") : " + expr + ")";
          return f(expr.c_str());
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
          return f(("($0 " + std::string(sym) + " $1)").c_str());
        })
        .Case([&](SelectOp) { return f("($0 ? $1 : $2)"); })
        .Case([&](CastOp c) -> FailureOr<std::string> {
          Type from = tensorOf(c.getX()).getElementType();
          if (element.isInteger(1))
            return f("($0 != 0)");
          if (isa<FloatType>(element))
            return f(from.isInteger(1) ? "($0 ? 1.0f : 0.0f)" : "(float)$0");
          if (isa<FloatType>(from))
            return f(("kiln::f2i_sat($0, " +
                      std::to_string(element.getIntOrFloatBitWidth()) + ")")
                         .c_str());
          return f(from.isInteger(1) ? "($0 ? 1 : 0)" : "$0");
        })
        .Default([&](Operation *) -> FailureOr<std::string> {
          return op->emitOpError("has no pointwise code generator");
        });
  }

  FusionOp fusion;
  Value precomputed;
  std::string precomputedVar, identity;
  std::string body, namePrefix;
  /// Vectorized kernels: the inputs read through Vec4 loads, and the key of
  /// the output index those reads must match.
  std::set<unsigned> vectorInputs;
  std::string outputKey = "\x01none";
  int counter = 0;
  llvm::DenseMap<Value, unsigned> argIndex;
  std::map<std::pair<void *, std::string>, std::string> memo;
};

} // namespace

FailureOr<std::pair<std::string, std::string>>
mlir::kiln::emitPointwiseEpilogue(FusionOp fusion, Value root,
                                  const std::string &rootVar) {
  return PointwiseEmitter(fusion, root, rootVar).emitEpilogue();
}

FailureOr<std::pair<std::string, std::string>>
mlir::kiln::emitPointwiseValue(FusionOp fusion, Value value,
                               ArrayRef<std::string> idx, StringRef prefix,
                               Value root, StringRef rootVar) {
  if (!root)
    return PointwiseEmitter(fusion).emitValue(value, idx, prefix);
  return PointwiseEmitter(fusion, root, rootVar.str())
      .emitValue(value, idx, prefix);
}

FailureOr<EmittedKernel> mlir::kiln::emitPointwiseKernel(FusionOp fusion,
                                                         StringRef name) {
  return PointwiseEmitter(fusion).emit(name);
}

FailureOr<EmittedKernel> mlir::kiln::emitKernel(FusionOp fusion,
                                                StringRef name) {
  StringRef family = fusion.getFamily().value_or("");
  Operation *first = &fusion.getBody().front().front();
  if (family == "pointwise" && !isa<ResizeOp>(first))
    return emitPointwiseKernel(fusion, name);
  if (family == "row_reduction")
    return emitRowReductionKernel(fusion, name);
  if (family == "scan")
    return emitScanKernel(fusion, name);
  if (family == "gemm" || family == "convolution" ||
      family == "attention" || family == "data" || isa<ResizeOp>(first))
    return emitDirectKernel(fusion, name);
  Operation *root =
      cast<YieldOp>(fusion.getBody().front().getTerminator()).getValues().empty()
          ? nullptr
          : cast<YieldOp>(fusion.getBody().front().getTerminator())
                .getValues()[0]
                .getDefiningOp();
  return fusion.emitOpError()
         << "the " << family << " kernel family (root "
         << (root ? root->getName().getStringRef() : StringRef("?"))
         << ") has no code generator in this version of Kiln; programs that "
            "compile today use the pointwise, row-reduction, gemm, "
            "convolution and scan families and gather / iota / "
            "random_normal";
}
