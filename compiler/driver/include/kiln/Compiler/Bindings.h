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

#include <set>
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
/// program being `file`) holds every param `func` reads. A weight no
/// function of the module reads (one weights file serves every entry of a
/// program, such as a model's prefill and decode) and the module does not
/// list in `kiln.redundant_weights` is an error when `strict`; otherwise it
/// is added to `unused` for the caller's note (a model's full weights file
/// serves a program canonicalization pruned). Missing weights are always
/// an error, which then also names the unexpected ones. Types and shapes
/// are checked where the weight is used.
rt::Status checkWeights(mlir::func::FuncOp func, const rt::TensorFile *weights,
                        const std::string &path, const std::string &file,
                        bool strict = true,
                        std::set<std::string> *unused = nullptr);

} // namespace kiln

#endif // KILN_COMPILER_BINDINGS_H
