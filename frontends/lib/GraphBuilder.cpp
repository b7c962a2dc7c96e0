//===- GraphBuilder.cpp - build kiln programs from C++ --------------------===//

#include "kiln/Frontend/GraphBuilder.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace kiln::frontend {

namespace {

std::string shapeText(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

} // namespace

GraphBuilder::GraphBuilder(MLIRContext &context)
    : context_(context), builder_(&context),
      module_(ModuleOp::create(UnknownLoc::get(&context))) {}

Type GraphBuilder::type(std::vector<int64_t> shape, Elem elem) const {
  MLIRContext *c = &context_;
  Type e;
  switch (elem) {
  case Elem::F32: e = Float32Type::get(c); break;
  case Elem::BF16: e = BFloat16Type::get(c); break;
  case Elem::F16: e = Float16Type::get(c); break;
  case Elem::I64: e = IntegerType::get(c, 64); break;
  case Elem::I32: e = IntegerType::get(c, 32); break;
  case Elem::I8: e = IntegerType::get(c, 8); break;
  case Elem::Bool: e = IntegerType::get(c, 1); break;
  }
  return RankedTensorType::get(shape, e);
}

std::vector<int64_t> GraphBuilder::shape(Value v) const {
  if (!v)
    return {};
  auto t = mlir::cast<RankedTensorType>(v.getType());
  return {t.getShape().begin(), t.getShape().end()};
}

int64_t GraphBuilder::dim(Value v, int64_t axis) {
  std::vector<int64_t> s = shape(v);
  int64_t rank = int64_t(s.size());
  if (axis < 0)
    axis += rank;
  if (!v || axis < 0 || axis >= rank) {
    fail(v ? "dimension " + std::to_string(axis) + " of a rank-" + std::to_string(rank) +
                 " value was asked for"
           : "a value was used after the op that should have made it failed");
    return 0;
  }
  return s[size_t(axis)];
}

void GraphBuilder::fail(const std::string &message) {
  if (error_.empty())
    error_ = message;
}

void GraphBuilder::beginFunction(const std::string &name) {
  builder_.setInsertionPointToEnd(module_->getBody());
  function_ = builder_.create<func::FuncOp>(
      NameLoc::get(builder_.getStringAttr(name)), name,
      builder_.getFunctionType({}, {}));
  builder_.setInsertionPointToEnd(function_.addEntryBlock());
  outputs_.clear();
  outputNames_.clear();
  tied_.clear();
}

Value GraphBuilder::input(const std::string &name, std::vector<int64_t> shape,
                          Elem elem) {
  Block &entry = function_.getBody().front();
  BlockArgument arg = entry.addArgument(type(shape, elem), function_.getLoc());
  // Names are set with the signature in endFunction.
  argNames_.push_back(name);
  return arg;
}

Value GraphBuilder::param(const std::string &name, std::vector<int64_t> shape,
                          Elem elem) {
  return op1("kiln.param", {}, {builder_.getNamedAttr("name", builder_.getStringAttr(name))},
             {type(shape, elem)});
}

Value GraphBuilder::scalarLike(double value, Value like) {
  if (!like)
    return {};
  Type element = mlir::cast<RankedTensorType>(like.getType()).getElementType();
  return splatOf(value, RankedTensorType::get({}, element));
}

Value GraphBuilder::splat(double value, std::vector<int64_t> shape, Elem elem) {
  return splatOf(value, mlir::cast<RankedTensorType>(type(shape, elem)));
}

Value GraphBuilder::splatOf(double value, RankedTensorType t) {
  Attribute element =
      isa<FloatType>(t.getElementType())
          ? Attribute(builder_.getFloatAttr(t.getElementType(), value))
          : Attribute(builder_.getIntegerAttr(t.getElementType(),
                                              static_cast<int64_t>(value)));
  return op1("kiln.constant", {},
             {builder_.getNamedAttr("value", DenseElementsAttr::get(t, element))},
             {t});
}

void GraphBuilder::output(const std::string &name, Value v, int tiedInput) {
  if (!v)
    return;
  outputs_.push_back(v);
  outputNames_.push_back(name);
  tied_.push_back(tiedInput);
}

void GraphBuilder::endFunction() {
  if (!function_)
    return;
  Block &entry = function_.getBody().front();
  builder_.setInsertionPointToEnd(&entry);
  builder_.create<func::ReturnOp>(function_.getLoc(), outputs_);
  SmallVector<Type> results;
  for (Value v : outputs_)
    results.push_back(v.getType());
  function_.setFunctionType(
      builder_.getFunctionType(entry.getArgumentTypes(), results));
  for (auto [i, name] : llvm::enumerate(argNames_))
    function_.setArgAttr(i, "kiln.name", builder_.getStringAttr(name));
  for (auto [i, name] : llvm::enumerate(outputNames_)) {
    function_.setResultAttr(i, "kiln.name", builder_.getStringAttr(name));
    if (tied_[i] >= 0)
      function_.setResultAttr(i, "kiln.tied",
                              builder_.getI64IntegerAttr(tied_[i]));
  }
  argNames_.clear();
  function_ = nullptr;
}

std::vector<Value> GraphBuilder::op(llvm::StringRef name, ValueRange operands,
                                    llvm::ArrayRef<NamedAttribute> attrs,
                                    TypeRange resultTypes) {
  if (!ok() || !function_)
    return {};
  for (Value v : operands)
    if (!v)
      return {}; // an earlier op failed
  // The op's own diagnostics (inference and verifier) become the error.
  std::string diagnostic;
  ScopedDiagnosticHandler capture(&context_, [&](Diagnostic &d) {
    if (diagnostic.empty())
      diagnostic = d.str();
    return success();
  });
  Location loc = NameLoc::get(builder_.getStringAttr(
      function_.getName() + ": " + name));
  OperationState state(loc, name);
  if (!state.name.isRegistered()) {
    fail("unknown op '" + name.str() + "'");
    return {};
  }
  state.addOperands(operands);
  state.addAttributes(attrs);
  SmallVector<Type> types(resultTypes.begin(), resultTypes.end());
  if (types.empty()) {
    auto *infer =
        state.name.getRegisteredInfo()->getInterface<InferTypeOpInterface>();
    if (!infer) {
      fail(name.str() + " needs its result types");
      return {};
    }
    if (failed(infer->inferReturnTypes(&context_, loc, operands,
                                       state.attributes.getDictionary(&context_),
                                       OpaqueProperties(nullptr), {}, types))) {
      std::string operandsText;
      for (Value v : operands)
        operandsText += (operandsText.empty() ? "" : ", ") + shapeText(v.getType());
      fail(name.str() + " (" + operandsText + ") in @" +
           function_.getName().str() + ": " +
           (diagnostic.empty() ? "result types cannot be inferred" : diagnostic));
      return {};
    }
  }
  state.addTypes(types);
  Operation *op = builder_.create(state);
  if (failed(mlir::verify(op, /*verifyRecursively=*/false))) {
    fail(name.str() + " in @" + function_.getName().str() + ": " +
         (diagnostic.empty() ? "does not verify" : diagnostic));
    op->erase();
    return {};
  }
  return {op->result_begin(), op->result_end()};
}

Value GraphBuilder::alignRank(Value v, int64_t rank) {
  std::vector<int64_t> s = shape(v);
  if (static_cast<int64_t>(s.size()) >= rank)
    return v;
  s.insert(s.begin(), rank - s.size(), 1);
  return reshape(v, s);
}

Value GraphBuilder::binary(llvm::StringRef name, Value a, Value b,
                           llvm::ArrayRef<NamedAttribute> attrs) {
  if (!a || !b)
    return {};
  int64_t rank = std::max(shape(a).size(), shape(b).size());
  return op1(name, {alignRank(a, rank), alignRank(b, rank)}, attrs);
}

Value GraphBuilder::compare(Value a, Value b, llvm::StringRef predicate) {
  return binary("kiln.compare", a, b, {attr("predicate", predicate)});
}

Value GraphBuilder::matmul(Value a, Value b, bool transposeA, bool transposeB) {
  return op1("kiln.matmul", {a, b},
             {attr("transpose_a", transposeA), attr("transpose_b", transposeB)});
}

Value GraphBuilder::linear(Value x, Value weight, Value bias) {
  Value y = matmul(x, weight, false, true);
  return bias ? add(y, bias) : y;
}

Value GraphBuilder::reshape(Value x, std::vector<int64_t> s) {
  if (!x)
    return {};
  Type element = mlir::cast<RankedTensorType>(x.getType()).getElementType();
  return op1("kiln.reshape", {x}, {}, {RankedTensorType::get(s, element)});
}

Value GraphBuilder::transpose(Value x, std::vector<int64_t> perm) {
  return op1("kiln.transpose", {x}, {attr("perm", perm)});
}

Value GraphBuilder::sliceAxis(Value x, int64_t axis, int64_t start,
                              int64_t limit) {
  std::vector<int64_t> s = shape(x);
  if (s.empty())
    return {};
  if (axis < 0)
    axis += s.size();
  std::vector<int64_t> lo(s.size(), 0), hi = s, stride(s.size(), 1);
  lo[axis] = start;
  hi[axis] = limit;
  return op1("kiln.slice", {x},
             {attr("start", lo), attr("limit", hi), attr("stride", stride)});
}

Value GraphBuilder::cast(Value x, Elem elem, bool keep) {
  if (!x)
    return {};
  llvm::SmallVector<NamedAttribute, 1> attrs;
  if (keep)
    attrs.push_back(builder_.getNamedAttr("keep", builder_.getUnitAttr()));
  return op1("kiln.cast", {x}, attrs, {type(shape(x), elem)});
}

NamedAttribute GraphBuilder::attr(llvm::StringRef name, int64_t v) {
  return builder_.getNamedAttr(name, builder_.getI64IntegerAttr(v));
}
NamedAttribute GraphBuilder::attr(llvm::StringRef name, double v) {
  return builder_.getNamedAttr(name, builder_.getF32FloatAttr(static_cast<float>(v)));
}
NamedAttribute GraphBuilder::attr(llvm::StringRef name, bool v) {
  return builder_.getNamedAttr(name, builder_.getBoolAttr(v));
}
NamedAttribute GraphBuilder::attr(llvm::StringRef name, llvm::StringRef v) {
  return builder_.getNamedAttr(name, builder_.getStringAttr(v));
}
NamedAttribute GraphBuilder::attr(llvm::StringRef name, std::vector<int64_t> v) {
  return builder_.getNamedAttr(name, builder_.getDenseI64ArrayAttr(v));
}

rt::Expected<OwningOpRef<ModuleOp>> GraphBuilder::finish() {
  if (function_)
    endFunction();
  if (!ok())
    return rt::Error(error_);
  if (!redundantWeights_.empty()) {
    llvm::SmallVector<Attribute> names;
    for (const std::string &n : redundantWeights_)
      names.push_back(builder_.getStringAttr(n));
    (*module_)->setAttr("kiln.redundant_weights", builder_.getArrayAttr(names));
  }
  std::string diagnostic;
  ScopedDiagnosticHandler capture(&context_, [&](Diagnostic &d) {
    if (diagnostic.empty())
      diagnostic = d.str();
    return success();
  });
  if (failed(mlir::verify(*module_)))
    return rt::Error("the built module does not verify: " + diagnostic);
  return std::move(module_);
}

} // namespace kiln::frontend
