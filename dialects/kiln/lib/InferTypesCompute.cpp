//===- InferTypesCompute.cpp - result types of compute-heavy kiln ops -----===//
//
// `inferTypes` of matmul, the convolutions, attention and positions, the
// selective scan, quantization and the decode-time cache ops: the shape
// contracts of ops.md, checked while the result type is computed.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {
using Loc = std::optional<Location>;
using Types = SmallVectorImpl<Type>;

bool allAtLeast(ArrayRef<int64_t> values, int64_t bound) {
  return llvm::all_of(values, [bound](int64_t v) { return v >= bound; });
}

/// Output length of a strided, dilated window over a padded input, or
/// failure when the window does not fit.
FailureOr<int64_t> convOutputSize(Loc loc, StringRef name, StringRef dim,
                                  int64_t input, int64_t padBefore,
                                  int64_t padAfter, int64_t kernel,
                                  int64_t stride, int64_t dilation) {
  if (kernel < 1)
    return opError(loc, name,
                   "the kernel must be at least 1 along " + dim + ", got " +
                       Twine(kernel));
  FailureOr<int64_t> reach =
      checkedMul(loc, name, "dilation * (kernel - 1)", dilation, kernel - 1);
  FailureOr<int64_t> padded =
      checkedAdd(loc, name, "padded input", input, padBefore);
  if (failed(reach) || failed(padded))
    return failure();
  padded = checkedAdd(loc, name, "padded input", *padded, padAfter);
  if (failed(padded))
    return failure();
  int64_t span = *reach + 1;
  if (*padded < span)
    return opError(loc, name,
                   "the dilated kernel (" + Twine(span) +
                       ") is larger than the padded input along " + dim +
                       " (" + Twine(*padded) + ")");
  return (*padded - span) / stride + 1;
}

/// Shared checks of the grouped convolutions: x and w element types,
/// groups ≥ 1 dividing the input channels (x's dimension `channelDim`).
LogicalResult checkConvOperands(Loc loc, StringRef name, RankedTensorType x,
                                RankedTensorType w, int64_t rank,
                                int64_t groups, int64_t channelDim = 1) {
  if (failed(checkRank(loc, name, "x", x, rank)) ||
      failed(checkRank(loc, name, "w", w, rank)) ||
      failed(checkSameElementType(loc, name, "x", x, "w", w)))
    return failure();
  if (groups < 1 || x.getDimSize(channelDim) % groups != 0)
    return opError(loc, name,
                   "groups must be >= 1 and divide the input channels: "
                   "groups = " + Twine(groups) + ", C = " +
                       Twine(x.getDimSize(channelDim)));
  return success();
}

/// Checks a [B, H, L, D]-style attention operand against expected sizes
/// (negative = not checked).
LogicalResult checkHeads(Loc loc, StringRef name, StringRef what,
                         RankedTensorType t, int64_t batch, int64_t heads) {
  if (failed(checkRank(loc, name, what, t, 4)) ||
      failed(checkDim(loc, name, what, "batch B", t.getDimSize(0), batch)))
    return failure();
  if (heads >= 0 &&
      failed(checkDim(loc, name, what, "heads", t.getDimSize(1), heads)))
    return failure();
  return success();
}

/// Grouped-query attention: query heads are a multiple of kv heads.
LogicalResult checkGqa(Loc loc, StringRef name, int64_t hq, int64_t hk) {
  if (hk < 1 || hq % hk != 0)
    return opError(loc, name,
                   "query heads must be a multiple of kv heads: Hq = " +
                       Twine(hq) + ", Hk = " + Twine(hk));
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// Linear algebra and convolution
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto a = tensorOf(adaptor.getA());
  auto b = tensorOf(adaptor.getB());
  if (a.getRank() < 2 || b.getRank() < 2)
    return opError(loc, name,
                   "operands must have rank >= 2, got a of rank " +
                       Twine(a.getRank()) + " and b of rank " +
                       Twine(b.getRank()));
  if (failed(checkSameElementType(loc, name, "a", a, "b", b)))
    return failure();
  int64_t ra = a.getRank(), rb = b.getRank();
  bool ta = adaptor.getTransposeA(), tb = adaptor.getTransposeB();
  int64_t m = a.getDimSize(ta ? ra - 1 : ra - 2);
  int64_t ka = a.getDimSize(ta ? ra - 2 : ra - 1);
  int64_t kb = b.getDimSize(tb ? rb - 1 : rb - 2);
  int64_t n = b.getDimSize(tb ? rb - 2 : rb - 1);
  if (ka != kb)
    return opError(loc, name,
                   "contracting dimensions differ: a has K = " + Twine(ka) +
                       ", b has K = " + Twine(kb));
  // Batch dimensions broadcast numpy-style, aligned from the right.
  ArrayRef<int64_t> ba = a.getShape().drop_back(2), bb =
                                                        b.getShape().drop_back(2);
  size_t batchRank = std::max(ba.size(), bb.size());
  SmallVector<int64_t> shape(batchRank, 1);
  for (size_t i = 0; i < batchRank; ++i) {
    int64_t da = i < ba.size() ? ba[ba.size() - 1 - i] : 1;
    int64_t db = i < bb.size() ? bb[bb.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1)
      return opError(loc, name,
                     "batch dimensions do not broadcast: a has batch shape " +
                         formatShape(ba) + ", b has " + formatShape(bb));
    shape[batchRank - 1 - i] = da == 1 ? db : da; // 0 against 1 gives 0

  }
  shape.push_back(m);
  shape.push_back(n);
  types.push_back(RankedTensorType::get(shape, a.getElementType()));
  return success();
}

/// conv2d's checks and result type from the sizes of x and w in NCHW and
/// OIHW order (`xs`, `ws`), whatever their layout in memory; w's channel
/// dimension is `wChannelDim` in memory, for the message.
static LogicalResult
inferConv2d(Loc loc, StringRef name, Type element, int64_t wChannelDim,
            ArrayRef<int64_t> xs,
            ArrayRef<int64_t> ws, ArrayRef<int64_t> stride,
            ArrayRef<int64_t> pad, ArrayRef<int64_t> dil, int64_t groups,
            Types &types) {
  if (failed(checkArraySize(loc, name, "stride", stride, 2)) ||
      failed(checkArraySize(loc, name, "padding", pad, 4)) ||
      failed(checkArraySize(loc, name, "dilation", dil, 2)))
    return failure();
  if (!allAtLeast(stride, 1) || !allAtLeast(dil, 1) || !allAtLeast(pad, 0))
    return opError(loc, name,
                   "stride and dilation must be >= 1 and padding >= 0, got "
                   "stride = " + formatShape(stride) + ", dilation = " +
                       formatShape(dil) + ", padding = " + formatShape(pad));
  int64_t o = ws[0];
  if (o % groups != 0)
    return opError(loc, name,
                   "output channels (w dimension 0 = " + Twine(o) +
                       ") must be divisible by groups = " + Twine(groups));
  if (failed(checkDim(loc, name, "w",
                      "C/groups (dimension " + std::to_string(wChannelDim) + ")",
                      ws[1], xs[1] / groups)))
    return failure();
  FailureOr<int64_t> h = convOutputSize(loc, name, "H", xs[2], pad[0], pad[1],
                                        ws[2], stride[0], dil[0]);
  if (failed(h))
    return failure();
  FailureOr<int64_t> wd = convOutputSize(loc, name, "W", xs[3], pad[2],
                                         pad[3], ws[3], stride[1], dil[1]);
  if (failed(wd))
    return failure();
  types.push_back(
      RankedTensorType::get({xs[0], o, *h, *wd}, element));
  return success();
}

LogicalResult Conv2dOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto w = tensorOf(adaptor.getW());
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  if (failed(checkConvOperands(loc, name, x, w, 4, groups)))
    return failure();
  return inferConv2d(loc, name, x.getElementType(), 1, x.getShape(),
                     w.getShape(),
                     adaptor.getStride(), adaptor.getPadding(),
                     adaptor.getDilation(), groups, types);
}

LogicalResult Conv2dChannelsLastOp::inferTypes(Loc loc, Adaptor &adaptor,
                                               Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto w = tensorOf(adaptor.getW());
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  if (failed(checkConvOperands(loc, name, x, w, 4, groups, /*channelDim=*/3)))
    return failure();
  // [N, H, W, C] and [O, kH, kW, C/groups] seen as NCHW and OIHW.
  int64_t xs[4] = {x.getDimSize(0), x.getDimSize(3), x.getDimSize(1),
                   x.getDimSize(2)};
  int64_t ws[4] = {w.getDimSize(0), w.getDimSize(3), w.getDimSize(1),
                   w.getDimSize(2)};
  return inferConv2d(loc, name, x.getElementType(), 3, xs, ws,
                     adaptor.getStride(),
                     adaptor.getPadding(), adaptor.getDilation(), groups,
                     types);
}

LogicalResult ConvTranspose2dOp::inferTypes(Loc loc, Adaptor &adaptor,
                                            Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto w = tensorOf(adaptor.getW());
  ArrayRef<int64_t> stride = adaptor.getStride(), pad = adaptor.getPadding(),
                    outPad = adaptor.getOutputPadding(),
                    dil = adaptor.getDilation();
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  if (failed(checkConvOperands(loc, name, x, w, 4, groups)) ||
      failed(checkArraySize(loc, name, "stride", stride, 2)) ||
      failed(checkArraySize(loc, name, "padding", pad, 2)) ||
      failed(checkArraySize(loc, name, "output_padding", outPad, 2)) ||
      failed(checkArraySize(loc, name, "dilation", dil, 2)))
    return failure();
  if (!allAtLeast(stride, 1) || !allAtLeast(dil, 1) || !allAtLeast(pad, 0) ||
      !allAtLeast(outPad, 0))
    return opError(loc, name,
                   "stride and dilation must be >= 1, padding and "
                   "output_padding >= 0, got stride = " + formatShape(stride) +
                       ", dilation = " + formatShape(dil) + ", padding = " +
                       formatShape(pad) + ", output_padding = " +
                       formatShape(outPad));
  if (failed(checkDim(loc, name, "w", "C (dimension 0)", w.getDimSize(0),
                      x.getDimSize(1))))
    return failure();
  FailureOr<int64_t> outChannels =
      checkedMul(loc, name, "output channels", w.getDimSize(1), groups);
  if (failed(outChannels))
    return failure();
  SmallVector<int64_t> shape = {x.getDimSize(0), *outChannels};
  for (int i = 0; i < 2; ++i) {
    // PyTorch: output padding must be smaller than either stride or dilation.
    if (outPad[i] >= stride[i] && outPad[i] >= dil[i])
      return opError(loc, name,
                     "output_padding must be smaller than stride or dilation, "
                     "got output_padding = " + formatShape(outPad) +
                         ", stride = " + formatShape(stride) +
                         ", dilation = " + formatShape(dil));
    int64_t kernel = w.getDimSize(2 + i);
    if (kernel < 1)
      return opError(loc, name,
                     "the kernel must be at least 1 along " +
                         Twine(i == 0 ? "H" : "W") + ", got " + Twine(kernel));
    // (in − 1)·stride − 2·pad + dilation·(k − 1) + output_padding + 1.
    FailureOr<int64_t> strided = checkedMul(
        loc, name, "(input - 1) * stride", x.getDimSize(2 + i) - 1, stride[i]);
    FailureOr<int64_t> reach =
        checkedMul(loc, name, "dilation * (kernel - 1)", dil[i], kernel - 1);
    FailureOr<int64_t> twicePad = checkedMul(loc, name, "2 * padding", 2, pad[i]);
    if (failed(strided) || failed(reach) || failed(twicePad))
      return failure();
    FailureOr<int64_t> grown =
        checkedAdd(loc, name, "output size", *strided, *reach);
    if (failed(grown))
      return failure();
    grown = checkedAdd(loc, name, "output size", *grown, outPad[i]);
    if (failed(grown))
      return failure();
    int64_t size = *grown + 1 - *twicePad;
    if (size < 1)
      return opError(loc, name,
                     "padding leaves no output along " +
                         Twine(i == 0 ? "H" : "W") + " (size " + Twine(size) +
                         ")");
    shape.push_back(size);
  }
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

LogicalResult Conv1dOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto w = tensorOf(adaptor.getW());
  int64_t stride = static_cast<int64_t>(adaptor.getStride());
  int64_t dil = static_cast<int64_t>(adaptor.getDilation());
  int64_t groups = static_cast<int64_t>(adaptor.getGroups());
  ArrayRef<int64_t> pad = adaptor.getPadding();
  if (failed(checkConvOperands(loc, name, x, w, 3, groups)) ||
      failed(checkArraySize(loc, name, "padding", pad, 2)))
    return failure();
  if (stride < 1 || dil < 1 || !allAtLeast(pad, 0))
    return opError(loc, name,
                   "stride and dilation must be >= 1 and padding >= 0, got "
                   "stride = " + Twine(stride) + ", dilation = " + Twine(dil) +
                       ", padding = " + formatShape(pad));
  int64_t o = w.getDimSize(0);
  if (o % groups != 0)
    return opError(loc, name,
                   "output channels (w dimension 0 = " + Twine(o) +
                       ") must be divisible by groups = " + Twine(groups));
  if (failed(checkDim(loc, name, "w", "C/groups (dimension 1)",
                      w.getDimSize(1), x.getDimSize(1) / groups)))
    return failure();
  FailureOr<int64_t> l = convOutputSize(loc, name, "L", x.getDimSize(2),
                                        pad[0], pad[1], w.getDimSize(2),
                                        stride, dil);
  if (failed(l))
    return failure();
  types.push_back(
      RankedTensorType::get({x.getDimSize(0), o, *l}, x.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Attention and positions
//===----------------------------------------------------------------------===//

LogicalResult AttentionOp::inferTypes(Loc loc, Adaptor &adaptor,
                                      Types &types) {
  StringRef name = getOperationName();
  auto q = tensorOf(adaptor.getQ());
  auto k = tensorOf(adaptor.getK());
  auto v = tensorOf(adaptor.getV());
  if (failed(checkRank(loc, name, "q", q, 4)))
    return failure();
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), lq = q.getDimSize(2),
          d = q.getDimSize(3);
  if (failed(checkHeads(loc, name, "k", k, b, -1)))
    return failure();
  int64_t hk = k.getDimSize(1), lk = k.getDimSize(2);
  if (failed(checkHeads(loc, name, "v", v, b, hk)) ||
      failed(checkGqa(loc, name, hq, hk)) ||
      failed(checkDim(loc, name, "k", "head dim D", k.getDimSize(3), d)) ||
      failed(checkDim(loc, name, "v", "length Lk", v.getDimSize(2), lk)) ||
      failed(checkSameElementType(loc, name, "q", q, "k", k)) ||
      failed(checkSameElementType(loc, name, "q", q, "v", v)))
    return failure();
  if (Value maskValue = adaptor.getMask()) {
    auto mask = tensorOf(maskValue);
    if (failed(checkRank(loc, name, "mask", mask, 4)))
      return failure();
    int64_t full[4] = {b, hq, lq, lk};
    for (int i = 0; i < 4; ++i)
      if (mask.getDimSize(i) != full[i] && mask.getDimSize(i) != 1)
        return opError(loc, name,
                       "mask " + formatShape(mask.getShape()) +
                           " does not broadcast to [B, Hq, Lq, Lk] = " +
                           formatShape(full));
  }
  int64_t window = static_cast<int64_t>(adaptor.getWindow());
  int64_t g = static_cast<int64_t>(adaptor.getS2Group());
  if (window < 0)
    return opError(loc, name, "window must be >= 0, got " + Twine(window));
  if (g < 0)
    return opError(loc, name, "s2_group must be >= 0, got " + Twine(g));
  if (g > 0) {
    if (lq != lk)
      return opError(loc, name,
                     "s2_group needs Lq == Lk, got Lq = " + Twine(lq) +
                         ", Lk = " + Twine(lk));
    if (g % 2 != 0 || lq % g != 0)
      return opError(loc, name,
                     "s2_group must be even and divide L: s2_group = " +
                         Twine(g) + ", L = " + Twine(lq));
    if (hq % 2 != 0)
      return opError(loc, name,
                     "s2_group shifts half of the heads and needs an even "
                     "number of query heads, got Hq = " + Twine(hq));
  }
  types.push_back(
      RankedTensorType::get({b, hq, lq, v.getDimSize(3)}, q.getElementType()));
  return success();
}

LogicalResult RopeOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto pos = tensorOf(adaptor.getPositions());
  if (failed(checkRank(loc, name, "x", x, 4)))
    return failure();
  int64_t b = x.getDimSize(0), l = x.getDimSize(2), d = x.getDimSize(3);
  bool posOk = (pos.getRank() == 1 && pos.getDimSize(0) == l) ||
               (pos.getRank() == 2 && pos.getDimSize(0) == b &&
                pos.getDimSize(1) == l);
  if (!posOk)
    return opError(loc, name,
                   "positions must be [L] = [" + Twine(l) + "] or [B, L] = [" +
                       Twine(b) + ", " + Twine(l) + "], got " +
                       formatShape(pos.getShape()));
  int64_t rd = static_cast<int64_t>(adaptor.getRotaryDim());
  int64_t rotary = rd == 0 ? d : rd;
  if (rd < 0 || rotary > d || rotary % 2 != 0)
    return opError(loc, name,
                   "rotary_dim must be even and at most D = " + Twine(d) +
                       " (0 means D), got " + Twine(rd));
  StringRef scaling = adaptor.getScaling();
  if (failed(checkOneOf(loc, name, "scaling", scaling,
                        {"none", "linear", "ntk", "yarn"})))
    return failure();
  float theta = adaptor.getTheta().convertToFloat();
  float factor = adaptor.getFactor().convertToFloat();
  if (!(theta > 0) || std::isinf(theta))
    return opError(loc, name,
                   "theta must be finite and > 0, got " + formatFloat(theta));
  float attentionFactor = adaptor.getAttentionFactor().convertToFloat();
  if (!(attentionFactor >= 0) || std::isinf(attentionFactor))
    return opError(loc, name,
                   "attention_factor must be finite and >= 0 (0 means the yarn "
                   "default), "
                   "got " + formatFloat(attentionFactor));
  if (!(factor > 0) || std::isinf(factor))
    return opError(loc, name,
                   "factor must be finite and > 0, got " + formatFloat(factor));
  if (scaling == "yarn") {
    float betaFast = adaptor.getBetaFast().convertToFloat();
    float betaSlow = adaptor.getBetaSlow().convertToFloat();
    if (theta == 1.0f)
      return opError(loc, name,
                     "yarn scaling divides by ln(theta) and needs theta != 1");
    if (!(betaFast > 0) || !(betaSlow > 0) || std::isinf(betaFast) ||
        std::isinf(betaSlow))
      return opError(loc, name,
                     "yarn needs finite beta_fast and beta_slow > 0, got " +
                         formatFloat(betaFast) + " and " +
                         formatFloat(betaSlow));
  }
  if (scaling == "ntk" && rotary <= 2)
    return opError(loc, name,
                   "ntk scaling needs a rotary dimension > 2, got " +
                       Twine(rotary));
  if (scaling == "yarn" && static_cast<int64_t>(
                               adaptor.getOriginalMaxPositions()) <= 0)
    return opError(loc, name,
                   "yarn scaling needs original_max_positions > 0, got " +
                       Twine(static_cast<int64_t>(
                           adaptor.getOriginalMaxPositions())));
  types.push_back(x);
  return success();
}

//===----------------------------------------------------------------------===//
// Selective scan and quantization
//===----------------------------------------------------------------------===//

LogicalResult SelectiveScanOp::inferTypes(Loc loc, Adaptor &adaptor,
                                          Types &types) {
  StringRef name = getOperationName();
  auto u = tensorOf(adaptor.getU());
  auto delta = tensorOf(adaptor.getDelta());
  auto a = tensorOf(adaptor.getA());
  auto bm = tensorOf(adaptor.getBm());
  auto cm = tensorOf(adaptor.getCm());
  auto h0 = tensorOf(adaptor.getH0());
  if (failed(checkRank(loc, name, "u", u, 3)) ||
      failed(checkRank(loc, name, "A", a, 2)) ||
      failed(checkRank(loc, name, "Bm", bm, 4)))
    return failure();
  int64_t b = u.getDimSize(0), e = u.getDimSize(1), l = u.getDimSize(2);
  int64_t n = a.getDimSize(1), g = bm.getDimSize(1);
  if (delta.getShape() != u.getShape())
    return opError(loc, name,
                   "delta must have u's shape [B, E, L] = " +
                       formatShape(u.getShape()) + ", got " +
                       formatShape(delta.getShape()));
  if (failed(checkDim(loc, name, "A", "E (dimension 0)", a.getDimSize(0), e)))
    return failure();
  int64_t bcShape[4] = {b, g, n, l};
  for (auto [what, t] : {std::pair<StringRef, RankedTensorType>{"Bm", bm},
                         {"Cm", cm}})
    if (t.getShape() != ArrayRef<int64_t>(bcShape))
      return opError(loc, name,
                     what + " must be [B, G, N, L] = " + formatShape(bcShape) +
                         ", got " + formatShape(t.getShape()));
  if (g < 1 || e % g != 0)
    return opError(loc, name,
                   "groups G = " + Twine(g) +
                       " must divide the channels E = " + Twine(e));
  int64_t hShape[3] = {b, e, n};
  if (h0.getShape() != ArrayRef<int64_t>(hShape))
    return opError(loc, name,
                   "h0 must be [B, E, N] = " + formatShape(hShape) + ", got " +
                       formatShape(h0.getShape()));
  types.push_back(u);
  types.push_back(h0);
  return success();
}

LogicalResult QuantizeOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto w = tensorOf(adaptor.getW());
  int64_t bits = static_cast<int64_t>(adaptor.getBits());
  int64_t block = static_cast<int64_t>(adaptor.getBlockSize());
  if (bits != 4 && bits != 8)
    return opError(loc, name, "bits must be 4 or 8, got " + Twine(bits));
  if (failed(checkOneOf(loc, name, "scheme", adaptor.getScheme(),
                        {"absmax", "deepspeed"})))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(loc, name, "axis", static_cast<int64_t>(adaptor.getAxis()),
                    w.getRank());
  if (failed(axis))
    return failure();
  int64_t dim = w.getDimSize(*axis);
  if (block < 1 || dim % block != 0)
    return opError(loc, name,
                   "block_size = " + Twine(block) +
                       " must be >= 1 and divide dimension " + Twine(*axis) +
                       " (" + Twine(dim) + ")");
  SmallVector<int64_t> scaleShape(w.getShape());
  scaleShape[*axis] = dim / block;
  MLIRContext *ctx = w.getContext();
  types.push_back(RankedTensorType::get(w.getShape(), IntegerType::get(ctx, 8)));
  types.push_back(RankedTensorType::get(scaleShape, Float32Type::get(ctx)));
  return success();
}

LogicalResult QmatmulOp::inferTypes(Loc loc, Adaptor &adaptor, Types &types) {
  StringRef name = getOperationName();
  auto x = tensorOf(adaptor.getX());
  auto q = tensorOf(adaptor.getQ());
  auto scales = tensorOf(adaptor.getScales());
  int64_t bits = static_cast<int64_t>(adaptor.getBits());
  int64_t block = static_cast<int64_t>(adaptor.getBlockSize());
  if (bits != 4 && bits != 8)
    return opError(loc, name, "bits must be 4 or 8, got " + Twine(bits));
  if (x.getRank() < 2)
    return opError(loc, name,
                   "x must have rank >= 2, got rank " + Twine(x.getRank()));
  if (failed(checkRank(loc, name, "q", q, 2)) ||
      failed(checkRank(loc, name, "scales", scales, 2)))
    return failure();
  bool tb = adaptor.getTransposeB();
  int64_t k = x.getDimSize(x.getRank() - 1);
  int64_t qk = q.getDimSize(tb ? 1 : 0), n = q.getDimSize(tb ? 0 : 1);
  if (qk != k)
    return opError(loc, name,
                   "contracting dimensions differ: x has K = " + Twine(k) +
                       ", q has K = " + Twine(qk));
  if (block < 1 || k % block != 0)
    return opError(loc, name,
                   "block_size = " + Twine(block) +
                       " must be >= 1 and divide K = " + Twine(k));
  SmallVector<int64_t> expected =
      tb ? SmallVector<int64_t>{n, k / block} : SmallVector<int64_t>{k / block, n};
  if (scales.getShape() != ArrayRef<int64_t>(expected))
    return opError(loc, name,
                   "scales must be " + formatShape(expected) +
                       " (one per block of K), got " +
                       formatShape(scales.getShape()));
  SmallVector<int64_t> shape(x.getShape());
  shape.back() = n;
  types.push_back(RankedTensorType::get(shape, x.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Decode-time cache ops
//===----------------------------------------------------------------------===//

LogicalResult KvCacheWriteOp::inferTypes(Loc loc, Adaptor &adaptor,
                                         Types &types) {
  StringRef name = getOperationName();
  auto cache = tensorOf(adaptor.getCache());
  auto update = tensorOf(adaptor.getUpdate());
  auto pos = tensorOf(adaptor.getPos());
  if (failed(checkRank(loc, name, "cache", cache, 4)))
    return failure();
  int64_t b = cache.getDimSize(0), h = cache.getDimSize(1),
          s = cache.getDimSize(2);
  if (failed(checkHeads(loc, name, "new", update, b, h)) ||
      failed(checkDim(loc, name, "new", "row size D", update.getDimSize(3),
                      cache.getDimSize(3))) ||
      failed(checkSameElementType(loc, name, "cache", cache, "new", update)))
    return failure();
  if (update.getDimSize(2) > s)
    return opError(loc, name,
                   "new has T = " + Twine(update.getDimSize(2)) +
                       " rows, more than the cache capacity S = " + Twine(s));
  int64_t posShape[2] = {b, h};
  if (pos.getShape() != ArrayRef<int64_t>(posShape))
    return opError(loc, name,
                   "pos must be [B, H] = " + formatShape(posShape) + ", got " +
                       formatShape(pos.getShape()));
  types.push_back(cache);
  return success();
}

LogicalResult DecodeAttentionOp::inferTypes(Loc loc, Adaptor &adaptor,
                                            Types &types) {
  StringRef name = getOperationName();
  auto q = tensorOf(adaptor.getQ());
  auto kc = tensorOf(adaptor.getKCache());
  auto vc = tensorOf(adaptor.getVCache());
  auto lens = tensorOf(adaptor.getLens());
  if (failed(checkRank(loc, name, "q", q, 4)))
    return failure();
  int64_t b = q.getDimSize(0), hq = q.getDimSize(1), t = q.getDimSize(2);
  if (failed(checkHeads(loc, name, "k_cache", kc, b, -1)))
    return failure();
  int64_t hk = kc.getDimSize(1), s = kc.getDimSize(2);
  if (failed(checkHeads(loc, name, "v_cache", vc, b, hk)) ||
      failed(checkGqa(loc, name, hq, hk)) ||
      failed(checkDim(loc, name, "k_cache", "head dim D", kc.getDimSize(3),
                      q.getDimSize(3))) ||
      failed(checkDim(loc, name, "v_cache", "capacity S", vc.getDimSize(2),
                      s)) ||
      failed(checkSameElementType(loc, name, "q", q, "k_cache", kc)) ||
      failed(checkSameElementType(loc, name, "q", q, "v_cache", vc)))
    return failure();
  if (t > s)
    return opError(loc, name,
                   "q has T = " + Twine(t) +
                       " new rows, more than the cache capacity S = " +
                       Twine(s));
  int64_t lensShape[2] = {b, hk};
  if (lens.getShape() != ArrayRef<int64_t>(lensShape))
    return opError(loc, name,
                   "lens must be [B, Hk] = " + formatShape(lensShape) +
                       ", got " + formatShape(lens.getShape()));
  types.push_back(
      RankedTensorType::get({b, hq, t, vc.getDimSize(3)}, q.getElementType()));
  return success();
}

LogicalResult KvCacheCompactOp::inferTypes(Loc loc, Adaptor &adaptor,
                                           Types &types) {
  StringRef name = getOperationName();
  auto cache = tensorOf(adaptor.getCache());
  auto keep = tensorOf(adaptor.getKeep());
  if (failed(checkRank(loc, name, "cache", cache, 4)))
    return failure();
  ArrayRef<int64_t> bhs = cache.getShape().take_front(3);
  if (keep.getShape() != bhs)
    return opError(loc, name,
                   "keep must be [B, H, S] = " + formatShape(bhs) + ", got " +
                       formatShape(keep.getShape()));
  types.push_back(cache);
  types.push_back(RankedTensorType::get(bhs.take_front(2),
                                        IntegerType::get(cache.getContext(),
                                                         32)));
  return success();
}

namespace {
/// q [B, Hq, L, D] and k [B, Hk, L, D] of the FastGen profiling ops.
LogicalResult checkProfilingQK(Loc loc, StringRef name, RankedTensorType q,
                               RankedTensorType k) {
  if (failed(checkRank(loc, name, "q", q, 4)) ||
      failed(checkHeads(loc, name, "k", k, q.getDimSize(0), -1)) ||
      failed(checkGqa(loc, name, q.getDimSize(1), k.getDimSize(1))) ||
      failed(checkDim(loc, name, "k", "length L", k.getDimSize(2),
                      q.getDimSize(2))) ||
      failed(checkDim(loc, name, "k", "head dim D", k.getDimSize(3),
                      q.getDimSize(3))) ||
      failed(checkSameElementType(loc, name, "q", q, "k", k)))
    return failure();
  return success();
}
} // namespace

LogicalResult AttentionMassOp::inferTypes(Loc loc, Adaptor &adaptor,
                                          Types &types) {
  StringRef name = getOperationName();
  auto q = tensorOf(adaptor.getQ());
  auto k = tensorOf(adaptor.getK());
  auto keep = tensorOf(adaptor.getKeep());
  if (failed(checkProfilingQK(loc, name, q, k)) ||
      failed(checkRank(loc, name, "keep", keep, 4)))
    return failure();
  int64_t b = q.getDimSize(0), hk = k.getDimSize(1), l = q.getDimSize(2);
  int64_t expected[4] = {keep.getDimSize(0), b, hk, l};
  if (keep.getShape() != ArrayRef<int64_t>(expected))
    return opError(loc, name,
                   "keep must be [P, B, Hk, L] = " + formatShape(expected) +
                       ", got " + formatShape(keep.getShape()));
  types.push_back(RankedTensorType::get({keep.getDimSize(0), b,
                                         q.getDimSize(1)},
                                        Float32Type::get(q.getContext())));
  return success();
}

LogicalResult AttentionColsumOp::inferTypes(Loc loc, Adaptor &adaptor,
                                            Types &types) {
  auto q = tensorOf(adaptor.getQ());
  auto k = tensorOf(adaptor.getK());
  if (failed(checkProfilingQK(loc, getOperationName(), q, k)))
    return failure();
  types.push_back(RankedTensorType::get(
      {q.getDimSize(0), q.getDimSize(1), q.getDimSize(2)},
      Float32Type::get(q.getContext())));
  return success();
}
