//===- Layers.cpp - PyTorch layers several frontends build ----------------===//

#include "Layers.h"

using mlir::Value;

namespace kiln::frontend {

Value conv2dLayer(GraphBuilder &b, const std::string &name, Value x, int64_t out, int64_t k,
                  int64_t stride, std::vector<int64_t> padding, int64_t groups, bool bias) {
  int64_t in = b.dim(x, 1);
  Value y = b.op1("kiln.conv2d",
                  {x, b.param(name + ".weight", {out, in / groups, k, k}, Elem::F32)},
                  {b.attr("stride", std::vector<int64_t>{stride, stride}),
                   b.attr("padding", std::move(padding)), b.attr("groups", groups)});
  if (!bias)
    return y;
  return b.add(y, b.reshape(b.param(name + ".bias", {out}, Elem::F32), {1, out, 1, 1}));
}

Value linearLayer(GraphBuilder &b, const std::string &name, Value x, int64_t out) {
  return b.linear(x, b.param(name + ".weight", {out, b.dim(x, -1)}, Elem::F32),
                  b.param(name + ".bias", {out}, Elem::F32));
}

Value channelLayerNorm(GraphBuilder &b, Value x, double eps) {
  return b.op1("kiln.layer_norm", {x},
               {b.attr("axes", std::vector<int64_t>{1}), b.attr("eps", eps)});
}

} // namespace kiln::frontend
