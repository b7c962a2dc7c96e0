//===- Interpreter.h - the reference interpreter for kiln IR --------------===//
//
// Executes a `func.func` of kiln ops op by op with the semantics of ops.md
// (and docs/reference-semantics.md where ops.md is silent): floats in double,
// each result rounded once to its element type. It is the oracle every
// device is compared with, so it favours clarity over speed.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_REFERENCE_INTERPRETER_H
#define KILN_REFERENCE_INTERPRETER_H

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <functional>
#include <string>
#include <vector>

namespace kiln::ref {

/// Supplies the weight named by a `kiln.param` (the tensor as stored; the
/// interpreter converts float storage to the param's float type).
using ParamLookup =
    std::function<rt::Expected<rt::HostTensor>(const std::string &name)>;

/// Runs `func` on `args` (one per function argument, already checked against
/// the signature) and returns one tensor per result. Errors (an out-of-range
/// gather index, a cache write past capacity, a missing weight) name the op
/// and its location.
rt::Expected<std::vector<rt::HostTensor>>
runFunction(mlir::func::FuncOp func, const std::vector<rt::HostTensor> &args,
            const ParamLookup &params);

/// The safetensors dtype that carries a tensor element type (i1 → BOOL).
rt::Expected<rt::DType> dtypeFor(mlir::Type elementType);

} // namespace kiln::ref

#endif // KILN_REFERENCE_INTERPRETER_H
