//===- ChannelsLast.cpp - 16-bit convolutions on channels-last operands ---===//
//
// The tensor-core implicit GEMM reads an im2col row (an output pixel) in
// chunks of 8 reduction elements. In NCHW those 8 elements are 8 taps or 8
// channels strided apart in memory, so the tile is gathered element by
// element; channels-last they are 8 channels of one tap, 16 contiguous
// bytes, and a single cp.async moves them (cuDNN's tensor-core kernels
// make the same choice). The weights follow: [O, kH, kW, C/groups] puts
// the reduction of an output channel in (tap, channel) order, contiguous.
//
// The rewrite applies where the channels-last kernel applies: bf16 / f16
// with C/groups a multiple of 8, or f32 allowed TF32 (kiln.tf32, set by
// kiln-tf32, which runs first) with C/groups a multiple of 4 (whole 16-byte
// chunks either way), and at least 16 output channels per group (the
// tile's narrowest useful width). Convolutions outside it keep conv2d and
// its gather kernels; the new op keeps the conv2d's attributes.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNCHANNELSLAST
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

bool fitsChannelsLast(Conv2dOp op) {
  auto x = cast<RankedTensorType>(op.getX().getType());
  auto w = cast<RankedTensorType>(op.getW().getType());
  Type e = x.getElementType();
  bool tf32 = e.isF32() && op->hasAttr(KilnDialect::kTf32Attr);
  if (!(e.isBF16() || e.isF16() || tf32) || w.getElementType() != e)
    return false;
  int64_t groups = static_cast<int64_t>(op.getGroups());
  int64_t cg = w.getDimSize(1), og = w.getDimSize(0) / groups;
  // A 16-byte chunk: 8 channels of 16 bits, 4 floats.
  int64_t chunk = tf32 ? 4 : 8;
  // The kernel's in-image offsets are 32-bit.
  int64_t image = x.getDimSize(1) * x.getDimSize(2) * x.getDimSize(3);
  return cg % chunk == 0 && og >= 16 && image < (int64_t(1) << 31) &&
         op.getType().getNumElements() > 0;
}

Value transposed(OpBuilder &b, Location loc, Value v) {
  return b.create<TransposeOp>(
      loc, ValueRange{v},
      ArrayRef<NamedAttribute>{b.getNamedAttr(
          "perm", b.getDenseI64ArrayAttr({0, 2, 3, 1}))});
}

struct ChannelsLastPass final
    : mlir::kiln::impl::KilnChannelsLastBase<ChannelsLastPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    // Top-level ops only: a conv2d inside a kiln.fusion has its kernel.
    SmallVector<Conv2dOp> work;
    for (auto op : func.getBody().front().getOps<Conv2dOp>())
      if (fitsChannelsLast(op))
        work.push_back(op);
    for (Conv2dOp op : work) {
      OpBuilder b(op);
      Location loc = op.getLoc();
      Value x = transposed(b, loc, op.getX());
      Value w = transposed(b, loc, op.getW());
      auto conv = b.create<Conv2dChannelsLastOp>(loc, ValueRange{x, w},
                                                 op->getAttrs());
      op.replaceAllUsesWith(conv.getResult());
      op.erase();
    }
  }
};

} // namespace
