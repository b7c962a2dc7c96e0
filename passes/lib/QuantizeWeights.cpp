//===- QuantizeWeights.cpp - matmuls against params become qmatmuls -------===//
//
// `matmul(x, W)` with W a `kiln.param` (K × N, or N × K under transpose_b)
// becomes `qmatmul(x, q, scales)` where (q, scales) = `kiln.quantize(W)`
// blocked along K. The quantize reads only a parameter, so the compile
// driver evaluates it at compile time (the reference interpreter's
// quantize) and stores int8 codes — int4 packed two per byte — and f32
// scales in the artifact instead of W; run without weights (kiln-opt), the
// quantize stays an op and runs as a kernel. Params whose name matches
// `skip` (embeddings, the LM head), batched or transposed-A matmuls, W used
// by anything but such matmuls (or by both orientations), and K not
// divisible by the block keep their matmul. A param read by several matmuls
// is quantized once.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Regex.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNQUANTIZEWEIGHTS
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct QuantizeWeightsPass final
    : mlir::kiln::impl::KilnQuantizeWeightsBase<QuantizeWeightsPass> {
  using KilnQuantizeWeightsBase::KilnQuantizeWeightsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (bits != 4 && bits != 8) {
      func.emitError() << "kiln-quantize-weights: bits must be 4 or 8, got "
                       << static_cast<int64_t>(bits);
      return signalPassFailure();
    }
    if (blockSize != 32 && blockSize != 64 && blockSize != 128) {
      func.emitError() << "kiln-quantize-weights: block-size must be 32, 64 "
                          "or 128, got "
                       << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    if (scheme != "absmax" && scheme != "deepspeed") {
      func.emitError() << "kiln-quantize-weights: scheme must be absmax or "
                          "deepspeed, got '"
                       << scheme << "'";
      return signalPassFailure();
    }
    llvm::Regex skipRegex(skip);
    std::string regexError;
    if (!skip.empty() && !skipRegex.isValid(regexError)) {
      func.emitError() << "kiln-quantize-weights: skip '" << skip
                       << "' is not a valid regular expression: " << regexError;
      return signalPassFailure();
    }
    // A param is quantized once for all its matmuls, when every use is an
    // eligible matmul with the same orientation.
    auto eligible = [&](Operation *user, ParamOp param) {
      auto op = dyn_cast<MatmulOp>(user);
      if (!op || op.getB() != param.getResult() || op.getA() == op.getB())
        return false;
      auto w = cast<RankedTensorType>(op.getB().getType());
      auto x = cast<RankedTensorType>(op.getA().getType());
      int64_t k = op.getTransposeB() ? w.getDimSize(1) : w.getDimSize(0);
      return !op.getTransposeA() && w.getRank() == 2 && k % blockSize == 0 &&
             x.getElementType() == w.getElementType();
    };
    SmallVector<ParamOp> work;
    for (auto param : func.getBody().front().getOps<ParamOp>()) {
      if (param->use_empty() ||
          (!skip.empty() && skipRegex.match(param.getName())))
        continue;
      std::optional<bool> orientation;
      bool ok = true;
      for (Operation *user : param->getUsers()) {
        if (!eligible(user, param)) {
          ok = false;
          break;
        }
        bool tb = cast<MatmulOp>(user).getTransposeB();
        if (orientation && *orientation != tb) {
          ok = false;
          break;
        }
        orientation = tb;
      }
      if (ok)
        work.push_back(param);
    }
    for (ParamOp param : work) {
      OpBuilder b(param->getBlock(), std::next(param->getIterator()));
      bool tb = cast<MatmulOp>(*param->getUsers().begin()).getTransposeB();
      auto quant = b.create<QuantizeOp>(
          param.getLoc(), ValueRange{param.getResult()},
          ArrayRef<NamedAttribute>{
              b.getNamedAttr("bits", b.getI64IntegerAttr(bits)),
              b.getNamedAttr("block_size", b.getI64IntegerAttr(blockSize)),
              b.getNamedAttr("axis", b.getI64IntegerAttr(tb ? 1 : 0)),
              b.getNamedAttr("scheme", b.getStringAttr(scheme))});
      for (Operation *user : llvm::make_early_inc_range(param->getUsers())) {
        auto op = dyn_cast<MatmulOp>(user);
        if (!op)
          continue; // the quantize itself
        b.setInsertionPoint(op);
        auto q = b.create<QmatmulOp>(
            op.getLoc(),
            ValueRange{op.getA(), quant.getQ(), quant.getScales()},
            ArrayRef<NamedAttribute>{
                b.getNamedAttr("bits", b.getI64IntegerAttr(bits)),
                b.getNamedAttr("block_size", b.getI64IntegerAttr(blockSize)),
                b.getNamedAttr("transpose_b", b.getBoolAttr(tb))});
        op.replaceAllUsesWith(q.getResult());
        op.erase();
      }
    }
  }
};

} // namespace
