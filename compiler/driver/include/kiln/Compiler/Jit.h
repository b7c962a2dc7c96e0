//===- Jit.h - compile and run kiln IR in process -------------------------===//
//
//   mlir::OwningOpRef<mlir::ModuleOp> module = ...;       // built or parsed
//   auto exe = kiln::compile(*module, {.targets = {}}).value-or-error;
//   auto session = exe->createSession(*kiln::rt::Device::open("cpu"));
//   auto outputs = session->run(inputs);
//
// The JIT path of the C++ API: the same compiler as `kilnc compile`, kept in
// memory, run through the same runtime as an artifact loaded from disk.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_JIT_H
#define KILN_COMPILER_JIT_H

#include "kiln/Compiler/Compile.h"
#include "kiln/Runtime/Session.h"

namespace kiln {

/// A compiled program: an artifact held in memory.
class Executable {
public:
  explicit Executable(rt::Artifact artifact)
      : model_(rt::Model::fromArtifact(std::move(artifact))) {}

  const rt::Artifact &artifact() const { return model_.artifact(); }
  const rt::Model &model() const { return model_; }

  /// A session of entry point `entry` on `device`.
  rt::Expected<rt::Session> createSession(std::shared_ptr<rt::Device> device,
                                          const std::string &entry = "main") const {
    return model_.createSession(std::move(device), entry);
  }
  /// Writes the artifact (the ahead-of-time path from the same object).
  rt::Status save(const std::string &path) const {
    return model_.artifact().write(path);
  }

private:
  rt::Model model_;
};

/// Compiles `module` in process (it is rewritten in place).
inline rt::Expected<Executable> compile(mlir::ModuleOp module,
                                        const CompileOptions &options = {}) {
  rt::Expected<rt::Artifact> artifact = compileModule(module, options);
  if (!artifact)
    return artifact.error();
  return Executable(std::move(*artifact));
}

} // namespace kiln

#endif // KILN_COMPILER_JIT_H
