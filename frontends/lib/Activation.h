//===- Activation.h - activations by their Hugging Face names -------------===//
//
// Private to the frontends. Configs name activations as transformers'
// ACT2FN does (`hidden_act`, `act_fn`); this maps each name Kiln supports to
// kiln ops, with the formula transformers uses for it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_LIB_ACTIVATION_H
#define KILN_FRONTEND_LIB_ACTIVATION_H

#include "kiln/Frontend/GraphBuilder.h"

#include <string>

namespace kiln::frontend {

/// Whether `name` is an activation `activation` builds.
bool isSupportedActivation(const std::string &name);
/// The supported names, comma-separated, for messages.
std::string supportedActivations();
/// `name`(x); `name` must be supported.
mlir::Value activation(GraphBuilder &b, const std::string &name, mlir::Value x);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_LIB_ACTIVATION_H
