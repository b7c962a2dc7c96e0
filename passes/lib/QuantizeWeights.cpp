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
// elsewhere too, and K not divisible by the block keep their matmul.
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
    SmallVector<MatmulOp> work;
    for (auto op : func.getBody().front().getOps<MatmulOp>()) {
      auto param = op.getB().getDefiningOp<ParamOp>();
      auto w = cast<RankedTensorType>(op.getB().getType());
      auto x = cast<RankedTensorType>(op.getA().getType());
      int64_t k = op.getTransposeB() ? w.getDimSize(1) : w.getDimSize(0);
      if (!param || op.getTransposeA() || w.getRank() != 2 ||
          k % blockSize != 0 || !op.getB().hasOneUse() ||
          x.getElementType() != w.getElementType() ||
          (!skip.empty() && skipRegex.match(param.getName())))
        continue;
      work.push_back(op);
    }
    for (MatmulOp op : work) {
      OpBuilder b(op);
      bool tb = op.getTransposeB();
      auto quant = b.create<QuantizeOp>(
          op.getLoc(), ValueRange{op.getB()},
          ArrayRef<NamedAttribute>{
              b.getNamedAttr("bits", b.getI64IntegerAttr(bits)),
              b.getNamedAttr("block_size", b.getI64IntegerAttr(blockSize)),
              b.getNamedAttr("axis", b.getI64IntegerAttr(tb ? 1 : 0)),
              b.getNamedAttr("scheme", b.getStringAttr(scheme))});
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
};

} // namespace
