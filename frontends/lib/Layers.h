//===- Layers.h - PyTorch layers several frontends build ------------------===//
//
// Private to the frontends: nn.Conv2d and nn.Linear with their weight and
// bias params by their PyTorch names, and the channel LayerNorm of NCHW maps (no affine)
// that diffusers' Würstchen / Stable Cascade models use.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_LIB_LAYERS_H
#define KILN_FRONTEND_LIB_LAYERS_H

#include "kiln/Frontend/GraphBuilder.h"

#include <string>
#include <vector>

namespace kiln::frontend {

/// nn.Conv2d(C, out, k, stride, padding, groups, bias) on NCHW `x`: params
/// `name.weight` [out, C/groups, k, k] (f32) and, with `bias`, `name.bias`
/// [out]. `padding` is [top, bottom, left, right].
mlir::Value conv2dLayer(GraphBuilder &b, const std::string &name, mlir::Value x, int64_t out,
                        int64_t k, int64_t stride, std::vector<int64_t> padding,
                        int64_t groups = 1, bool bias = true);

/// nn.Linear(in, out) on the last axis of `x`: params `name.weight`
/// [out, in] and `name.bias` [out] (f32).
mlir::Value linearLayer(GraphBuilder &b, const std::string &name, mlir::Value x, int64_t out);

/// LayerNorm over axis 1 of NCHW `x`, without affine.
mlir::Value channelLayerNorm(GraphBuilder &b, mlir::Value x, double eps);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_LIB_LAYERS_H
