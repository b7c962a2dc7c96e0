//===- Bindings.h - named tensors for a kiln function's signature ---------===//
//
// A kiln function's arguments, results and params are named (kiln.name,
// argN / outN, kiln.param "name"); files of named tensors feed them. These
// checks run before anything is computed, on any device, and each problem
// is one message naming the file, the tensor and what was expected.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_BINDINGS_H
#define KILN_COMPILER_BINDINGS_H

#include "kiln/Runtime/Safetensors.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <utility>
#include <vector>

namespace kiln {

/// A type as MLIR prints it ("tensor<4x8xf32>"), for messages.
std::string typeText(mlir::Type type);

/// The name of argument (`isArg`) or result `i`: its kiln.name, or argN /
/// outN.
std::string valueName(mlir::func::FuncOp func, unsigned i, bool isArg);

/// Checks that every argument and result is a statically shaped tensor of
/// an element type the runtime stores; `file` names the program.
rt::Status checkSignature(mlir::func::FuncOp func, const std::string &file);

/// The arguments of `func`, in order, from `inputs` (read from `path`):
/// each by name, with the declared dtype and shape; no tensor may be
/// missing or left over.
rt::Expected<std::vector<rt::HostTensor>>
bindArguments(mlir::func::FuncOp func, const rt::TensorFile &inputs,
              const std::string &path);

/// The params `func` reads, once each: (name, declared type).
std::vector<std::pair<std::string, mlir::Type>> paramsOf(mlir::func::FuncOp func);

/// Checks that `weights` (read from `path`; null when none was given, the
/// program being `file`) holds every param `func` reads; a weight no
/// function of the module reads is an error too (one weights file serves
/// every entry of a program, such as a model's prefill and decode), unless
/// the module lists it in `kiln.redundant_weights`. Types
/// and shapes are checked where the weight is used.
rt::Status checkWeights(mlir::func::FuncOp func, const rt::TensorFile *weights,
                        const std::string &path, const std::string &file);

} // namespace kiln

#endif // KILN_COMPILER_BINDINGS_H
