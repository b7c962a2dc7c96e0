//===- Activation.cpp - activations by their Hugging Face names -----------===//

#include "Activation.h"

#include <array>

using mlir::Value;

namespace kiln::frontend {

namespace {

// transformers/activations.py: gelu_fast, gelu_new, gelu_pytorch_tanh and
// gelu_accurate are all the tanh approximation (one constant written three
// ways); gelu and gelu_python are the erf form.
constexpr std::array kNames = {
    "gelu",    "gelu_python", "gelu_new", "gelu_fast", "gelu_pytorch_tanh",
    "gelu_accurate", "quick_gelu", "silu", "swish", "relu", "relu2", "relu6",
    "leaky_relu", "sigmoid", "tanh", "mish", "linear"};

} // namespace

bool isSupportedActivation(const std::string &name) {
  for (const char *n : kNames)
    if (name == n)
      return true;
  return false;
}

std::string supportedActivations() {
  std::string list;
  for (const char *n : kNames)
    list += (list.empty() ? "" : ", ") + std::string(n);
  return list;
}

Value activation(GraphBuilder &b, const std::string &name, Value x) {
  if (name == "gelu" || name == "gelu_python")
    return b.unary("kiln.gelu", x);
  if (name == "gelu_new" || name == "gelu_fast" || name == "gelu_pytorch_tanh" ||
      name == "gelu_accurate")
    return b.op1("kiln.gelu", {x}, {b.attr("approximate", llvm::StringRef("tanh"))});
  if (name == "quick_gelu") // x·σ(1.702·x)
    return b.mul(x, b.unary("kiln.sigmoid", b.mul(x, b.scalarLike(1.702, x))));
  if (name == "silu" || name == "swish")
    return b.unary("kiln.silu", x);
  if (name == "relu")
    return b.unary("kiln.relu", x);
  if (name == "relu2") {
    Value r = b.unary("kiln.relu", x);
    return b.mul(r, r);
  }
  if (name == "relu6")
    return b.op1("kiln.clamp", {x}, {b.attr("min", 0.0), b.attr("max", 6.0)});
  if (name == "leaky_relu") // nn.LeakyReLU's default slope
    return b.op1("kiln.max", {x, b.mul(x, b.scalarLike(0.01, x))});
  if (name == "sigmoid")
    return b.unary("kiln.sigmoid", x);
  if (name == "tanh")
    return b.unary("kiln.tanh", x);
  if (name == "mish")
    return b.mul(x, b.unary("kiln.tanh", b.unary("kiln.softplus", x)));
  return x; // linear
}

} // namespace kiln::frontend
