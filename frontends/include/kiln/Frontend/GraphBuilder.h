//===- GraphBuilder.h - build kiln programs from C++ ----------------------===//
//
// Model frontends write their graphs with a GraphBuilder: one function at a
// time, inputs, params and ops by name, outputs (optionally tied to an
// input, for state updated in place). Every op is type-inferred and
// verified as it is built, so a shape mistake fails at the line that made
// it, with the op's own diagnostic (operand names and shapes); the builder
// then keeps that first error, turns later calls into no-ops, and
// `finish()` reports it. Elementwise operands of lower rank are aligned by
// a reshape (numpy broadcasting from the right), which kiln ops leave to
// the builder.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_GRAPHBUILDER_H
#define KILN_FRONTEND_GRAPHBUILDER_H

#include "kiln/Runtime/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace kiln::frontend {

/// Element types a frontend names.
enum class Elem { F32, BF16, F16, I64, I32, I8, Bool };

class GraphBuilder {
public:
  /// `context` must have the kiln and func dialects loaded.
  explicit GraphBuilder(mlir::MLIRContext &context);

  /// Starts function `name`; inputs and outputs are added as they come.
  void beginFunction(const std::string &name);
  /// Ends the current function (its signature is now final).
  void endFunction();

  mlir::Value input(const std::string &name, std::vector<int64_t> shape,
                    Elem elem);
  mlir::Value param(const std::string &name, std::vector<int64_t> shape,
                    Elem elem);
  /// A tensor of `shape` filled with `value`.
  mlir::Value splat(double value, std::vector<int64_t> shape, Elem elem);
  /// A rank-0 `value` of `like`'s element type, to scale or offset it.
  mlir::Value scalarLike(double value, mlir::Value like);
  /// A weight a checkpoint may store that no function reads, because
  /// another stands for it (a tied head saved twice); weights files may
  /// hold it (the module's `kiln.redundant_weights`).
  void redundantWeight(const std::string &name) {
    redundantWeights_.push_back(name);
  }
  /// Result `name` of the current function; `tiedInput` ≥ 0 writes it back
  /// into that input's buffer (state updated in place).
  void output(const std::string &name, mlir::Value v, int tiedInput = -1);

  /// Any kiln op by name ("kiln.matmul"), result types inferred (or given
  /// for ops that state them); one Value per result.
  std::vector<mlir::Value> op(llvm::StringRef name, mlir::ValueRange operands,
                              llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
                              mlir::TypeRange resultTypes = {});
  mlir::Value op1(llvm::StringRef name, mlir::ValueRange operands,
                  llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
                  mlir::TypeRange resultTypes = {}) {
    std::vector<mlir::Value> r = op(name, operands, attrs, resultTypes);
    return r.empty() ? mlir::Value() : r[0];
  }

  // Elementwise, ranks aligned by the builder.
  mlir::Value add(mlir::Value a, mlir::Value b) { return binary("kiln.add", a, b); }
  mlir::Value sub(mlir::Value a, mlir::Value b) { return binary("kiln.sub", a, b); }
  mlir::Value mul(mlir::Value a, mlir::Value b) { return binary("kiln.mul", a, b); }
  mlir::Value div(mlir::Value a, mlir::Value b) { return binary("kiln.div", a, b); }
  mlir::Value binary(llvm::StringRef name, mlir::Value a, mlir::Value b,
                     llvm::ArrayRef<mlir::NamedAttribute> attrs = {});
  /// kiln.compare (eq, ne, lt, le, gt, ge), ranks aligned: an i1 tensor.
  mlir::Value compare(mlir::Value a, mlir::Value b, llvm::StringRef predicate);
  mlir::Value unary(llvm::StringRef name, mlir::Value x) { return op1(name, {x}); }

  mlir::Value matmul(mlir::Value a, mlir::Value b, bool transposeA = false,
                     bool transposeB = false);
  /// x · Wᵀ (+ bias): PyTorch's Linear with weight [out, in].
  mlir::Value linear(mlir::Value x, mlir::Value weight,
                     mlir::Value bias = mlir::Value());
  mlir::Value reshape(mlir::Value x, std::vector<int64_t> shape);
  mlir::Value transpose(mlir::Value x, std::vector<int64_t> perm);
  /// x[..., start:limit] along `axis` (stride 1).
  mlir::Value sliceAxis(mlir::Value x, int64_t axis, int64_t start,
                        int64_t limit);
  /// `keep` pins the type against `--precision` (an f32 residual stream).
  mlir::Value cast(mlir::Value x, Elem elem, bool keep = false);

  mlir::NamedAttribute attr(llvm::StringRef name, int64_t v);
  mlir::NamedAttribute attr(llvm::StringRef name, double v); // f32
  mlir::NamedAttribute attr(llvm::StringRef name, bool v);
  mlir::NamedAttribute attr(llvm::StringRef name, llvm::StringRef v);
  mlir::NamedAttribute attr(llvm::StringRef name, std::vector<int64_t> v);

  /// The shape of `v` (empty for a null value).
  std::vector<int64_t> shape(mlir::Value v) const;
  /// Dimension `axis` of `v` (negative: from the end); 0 for a null value,
  /// which only exists after a failure, so frontends need not check.
  int64_t dim(mlir::Value v, int64_t axis);
  mlir::Type type(std::vector<int64_t> shape, Elem elem) const;

  /// False once an op failed; `error()` says which and why.
  bool ok() const { return error_.empty(); }
  const std::string &error() const { return error_; }

  /// The module built so far, or the first error.
  rt::Expected<mlir::OwningOpRef<mlir::ModuleOp>> finish();

private:
  void fail(const std::string &message);
  mlir::Value splatOf(double value, mlir::RankedTensorType type);
  mlir::Value alignRank(mlir::Value v, int64_t rank);

  mlir::MLIRContext &context_;
  mlir::OpBuilder builder_;
  mlir::OwningOpRef<mlir::ModuleOp> module_;
  mlir::func::FuncOp function_;
  std::vector<std::string> argNames_;
  std::vector<mlir::Value> outputs_;
  std::vector<std::string> outputNames_;
  std::vector<int> tied_;
  std::vector<std::string> redundantWeights_;
  std::string error_;
};

} // namespace kiln::frontend

#endif // KILN_FRONTEND_GRAPHBUILDER_H
