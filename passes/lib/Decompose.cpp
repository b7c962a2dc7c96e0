//===- Decompose.cpp - ops whose kernel is worse than their primitives ----===//
//
// Every op of ops.md has a kernel of its own, so decomposition is a choice
// of speed, made before fusion: the flash kernel covers bf16 / f16
// attention with heads up to 128 wide; other unmasked attention (f32, or the
// AutoencoderKL's single 512-wide head) would run one thread per query row
// with no data reuse. Decomposed, it becomes two tiled GEMMs and a row
// softmax — scores = q·kᵀ with the scale fused as the GEMM's epilogue,
// softmax over keys, then ·v — at the cost of one B·H·Lq·Lk score buffer,
// which the pass bounds.
//
//===----------------------------------------------------------------------===//

#include "kiln/Passes/Passes.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_KILNDECOMPOSE
#include "kiln/Passes/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Score buffers above this many bytes keep the row kernel.
constexpr int64_t kMaxScoreBytes = int64_t(1) << 30;

bool shouldDecompose(AttentionOp op) {
  auto q = cast<RankedTensorType>(op.getQ().getType());
  auto k = cast<RankedTensorType>(op.getK().getType());
  auto v = cast<RankedTensorType>(op.getV().getType());
  int64_t scoreBytes = q.getDimSize(0) * q.getDimSize(1) * q.getDimSize(2) *
                       k.getDimSize(2) * 4;
  // Masked, causal, windowed and S2 attention keep their semantics for rows
  // with no allowed key (0) in the kernels; grouped-query heads would need a
  // broadcast of k and v. 16-bit attention would round the scores to 16 bits
  // between the GEMMs, which the reference does not: only f32 decomposes.
  return !op.getMask() && !op.getCausal() && op.getWindow() == 0 &&
         op.getS2Group() == 0 && q.getElementType().isF32() &&
         k.getElementType().isF32() && v.getElementType().isF32() &&
         q.getDimSize(1) == k.getDimSize(1) && k.getDimSize(2) > 0 &&
         scoreBytes <= kMaxScoreBytes;
}

struct DecomposePass final
    : mlir::kiln::impl::KilnDecomposeBase<DecomposePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    // Top-level ops only: an attention already inside a kiln.fusion has its
    // kernel chosen.
    SmallVector<AttentionOp> work;
    for (auto op : func.getBody().front().getOps<AttentionOp>())
      if (shouldDecompose(op))
        work.push_back(op);
    for (AttentionOp op : work) {
      OpBuilder b(op);
      Location loc = op.getLoc();
      auto scores = b.create<MatmulOp>(
          loc, ValueRange{op.getQ(), op.getK()},
          ArrayRef<NamedAttribute>{
              b.getNamedAttr("transpose_b", b.getBoolAttr(true))});
      auto scoreType = cast<RankedTensorType>(scores.getType());
      // Elementwise operands share their rank: a splat of shape 1 x … x 1.
      SmallVector<int64_t> ones(scoreType.getRank(), 1);
      auto scale = b.create<ConstantOp>(
          loc, DenseElementsAttr::get(
                   RankedTensorType::get(ones, scoreType.getElementType()),
                   op.getScale()));
      auto scaled = b.create<MulOp>(loc, ValueRange{scores, scale});
      auto probs = b.create<SoftmaxOp>(loc, ValueRange{scaled});
      auto out = b.create<MatmulOp>(loc, ValueRange{probs, op.getV()});
      op.replaceAllUsesWith(out.getResult());
      op.erase();
    }
  }
};

} // namespace

std::unique_ptr<Pass> mlir::kiln::createDecomposePass() {
  return std::make_unique<DecomposePass>();
}
