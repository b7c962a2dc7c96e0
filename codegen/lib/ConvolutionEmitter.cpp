//===- ConvolutionEmitter.cpp - the convolution kernel family -------------===//
//
// conv2d, conv1d (conv2d with H = 1) and conv_transpose2d with their fused
// elementwise epilogues:
//
// - implicit GEMM when a group has at least 16 output channels and 16 taps:
//   rows are output pixels (batch, y, x), columns the group's output
//   channels, the reduction runs over (input channel, ky, kx). The im2col
//   matrix is never built: the kernel defines the two operands as functions
//   — `ConvIm2col(m, k)` reads the input pixel under kernel tap k of output
//   pixel m (0 in the padding), `ConvWeights(k, n)` the weight — and
//   kiln_gemm.cuh's gather tiles read them into shared memory (tensor cores
//   for bf16 / f16, the CUDA-core tile for f32). Grid: (⌈pixels / 64⌉,
//   ⌈channels per group / 64⌉, groups); the epilogue runs per accumulator;
// - direct otherwise (depthwise and few-channel convolutions): one thread
//   per output element looping over its taps.
//
// Transposed convolutions use the gather form: tap k contributes to output
// y when y + pad − k·dilation lands on a multiple of the stride. Both forms
// take the tap arithmetic from kiln_convolution.cuh.
//
// Device header: kiln_convolution.cuh. Test: test/codegen/convolution.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// A convolution in conv2d terms (conv1d: h = kh = oh = 1).
struct ConvShape {
  int64_t n, c, h, w, o, og, cg, kh, kw, oh, ow, sh, sw, pt, pl, dh, dw,
      groups;
  bool transposed = false, is1d = false;
  /// conv2d_channels_last: x [N, H, W, C], w [O, kH, kW, C/groups].
  bool channelsLast = false;
  int64_t pixels() const { return n * oh * ow; }
  int64_t reduction() const { return cg * kh * kw; }

  /// The variable holding the source coordinate of a tap (`row`: y, else
  /// x): the input coordinate itself, or a transposed convolution's offset.
  std::string var(bool row) const {
    return std::string(transposed ? "t" : "i") + (row ? "y" : "x");
  }
  /// Its value for output coordinate `o` and tap `t`.
  std::string source(bool row, const std::string &o, const std::string &t) const {
    std::string pad = str(row ? pt : pl), dilation = str(row ? dh : dw);
    if (transposed)
      return "kiln::conv_transpose_offset(" + o + ", " + pad + ", " + t + ", " +
             dilation + ")";
    return "kiln::conv_source(" + o + ", " + str(row ? sh : sw) + ", " + pad +
           ", " + t + ", " + dilation + ")";
  }
  /// The condition under which the tap reads no input (padding, or between
  /// a transposed convolution's samples).
  std::string misses(bool row) const {
    std::string v = var(row), size = str(row ? h : w);
    if (transposed)
      return "!kiln::conv_transpose_hits(" + v + ", " + str(row ? sh : sw) +
             ", " + size + ")";
    return v + " < 0 || " + v + " >= " + size;
  }
  /// The input coordinate the tap reads.
  std::string input(bool row) const {
    return transposed ? var(row) + " / " + str(row ? sh : sw) : var(row);
  }
  /// The offset of input element (batch b, channel g·cg + ci, the tap's y
  /// and x) in x.
  std::string xOffset(const std::string &b) const {
    if (channelsLast)
      return "((" + b + " * " + str(h) + " + " + input(true) + ") * " +
             str(w) + " + " + input(false) + ") * " + str(c) + " + g * " +
             str(cg) + " + ci";
    return "((" + b + " * " + str(c) + " + g * " + str(cg) + " + ci) * " +
           str(h) + " + " + input(true) + ") * " + str(w) + " + " +
           input(false);
  }
  /// The offset in w of output channel `o`'s weight for channel ci under
  /// tap (ky, kx) of a (not transposed) convolution.
  std::string wOffset(const std::string &o) const {
    if (channelsLast)
      return "((" + o + " * " + str(kh) + " + ky) * " + str(kw) + " + kx) * " +
             str(cg) + " + ci";
    return "((" + o + " * " + str(cg) + " + ci) * " + str(kh) + " + ky) * " +
           str(kw) + " + kx";
  }
};

/// Stride, padding, dilation and groups of conv2d and conv2d_channels_last,
/// which share them.
template <typename Conv2d> void readConv2dAttributes(Conv2d op, ConvShape &s) {
  s.sh = op.getStride()[0], s.sw = op.getStride()[1];
  s.pt = op.getPadding()[0], s.pl = op.getPadding()[2];
  s.dh = op.getDilation()[0], s.dw = op.getDilation()[1];
  s.groups = static_cast<int64_t>(op.getGroups());
}

ConvShape shapeOf(Operation *op) {
  RankedTensorType x = tensorOf(op->getOperand(0)),
                   wt = tensorOf(op->getOperand(1)),
                   r = tensorOf(op->getResult(0));
  ConvShape s{};
  s.n = x.getDimSize(0);
  s.c = x.getDimSize(1);
  s.o = r.getDimSize(1);
  if (auto c1 = dyn_cast<Conv1dOp>(op)) {
    s.is1d = true;
    s.h = s.kh = s.oh = 1;
    s.w = x.getDimSize(2);
    s.kw = wt.getDimSize(2);
    s.ow = r.getDimSize(2);
    s.sh = s.dh = 1;
    s.pt = 0;
    s.sw = static_cast<int64_t>(c1.getStride());
    s.dw = static_cast<int64_t>(c1.getDilation());
    s.pl = c1.getPadding()[0];
    s.groups = static_cast<int64_t>(c1.getGroups());
  } else {
    s.h = x.getDimSize(2);
    s.w = x.getDimSize(3);
    s.kh = wt.getDimSize(2);
    s.kw = wt.getDimSize(3);
    s.oh = r.getDimSize(2);
    s.ow = r.getDimSize(3);
    if (auto c2 = dyn_cast<Conv2dOp>(op)) {
      readConv2dAttributes(c2, s);
    } else if (auto cl = dyn_cast<Conv2dChannelsLastOp>(op)) {
      // [N, H, W, C] and [O, kH, kW, C/groups].
      s.channelsLast = true;
      s.c = x.getDimSize(3);
      s.h = x.getDimSize(1);
      s.w = x.getDimSize(2);
      s.kh = wt.getDimSize(1);
      s.kw = wt.getDimSize(2);
      readConv2dAttributes(cl, s);
    } else {
      auto ct = cast<ConvTranspose2dOp>(op);
      s.transposed = true;
      s.sh = ct.getStride()[0], s.sw = ct.getStride()[1];
      s.pt = ct.getPadding()[0], s.pl = ct.getPadding()[1];
      s.dh = ct.getDilation()[0], s.dw = ct.getDilation()[1];
      s.groups = static_cast<int64_t>(ct.getGroups());
    }
  }
  s.og = s.o / s.groups;
  s.cg = s.c / s.groups;
  return s;
}

std::string kindOf(const ConvShape &s) {
  return s.is1d               ? "conv1d"
         : s.transposed       ? "conv_transpose2d"
         : s.channelsLast     ? "conv2d_channels_last"
                              : "conv2d";
}

/// Whether a convolution runs as an implicit GEMM on the 64 x 64 tiles: a
/// 64-wide tile of output channels and a 16-deep reduction at least a
/// quarter full.
bool implicitGemmFits(Operation *op) {
  Type e = tensorOf(op->getOperand(0)).getElementType();
  if (e != tensorOf(op->getOperand(1)).getElementType() ||
      !(e.isF32() || e.isBF16() || e.isF16()))
    return false;
  ConvShape s = shapeOf(op);
  return s.og >= 16 && s.reduction() >= 16 && s.pixels() > 0 &&
         (s.og + 63) / 64 <= 65535 && s.groups <= 65535 &&
         (s.pixels() + 63) / 64 <= 0x7fffffff;
}

/// The implicit GEMMs' epilogue: accumulator (row, col) is output pixel
/// row of channel g·og + col of the NCHW result.
FailureOr<bool> storeTile(Operation *op, const ConvShape &s,
                          bool tensorCores, KernelWriter &k,
                          TensorCoreTile tile = {},
                          const std::string &ix = "int64_t",
                          bool sharedStages = false) {
  // Consecutive pixels of an image are consecutive elements of a channel.
  return emitGemmTileStores(
      k, op, tensorCores, s.pixels(), s.og,
      "const " + ix + " ox = row % " + str(s.ow) + ", oy = (row / " +
          str(s.ow) + ") % " + str(s.oh) + ", bn = row / " +
          str(s.ow * s.oh) + ";\nconst " + ix + " linear = ((bn * " +
          str(s.o) + " + g * " + str(s.og) + " + col) * " + str(s.oh) +
          " + oy) * " + str(s.ow) + " + ox;",
      tile, ix, sharedStages, /*alongRows=*/true, /*vectorRun=*/s.oh * s.ow);
}

LogicalResult emitImplicitGemm(Operation *op, const ConvShape &s,
                               KernelWriter &k, LaunchShape &launch) {
  Type e = tensorOf(op->getOperand(0)).getElementType();
  bool tf32 = e.isF32() && op->hasAttr(KilnDialect::kTf32Attr);
  // The 16-bit tensor-core tile; TF32 shares its accumulator layout.
  bool tensorCores = !e.isF32();
  std::string elem = storageType(e);
  // What an operand function returns: 16-bit patterns for the tensor-core
  // tile, floats for the f32 tile.
  std::string ret = tensorCores ? "unsigned short" : "float";
  auto value = [&](const std::string &ref) {
    if (!tensorCores)
      return ref;
    return std::string(e.isBF16() ? "__bfloat16_as_ushort("
                                  : "__half_as_ushort(") +
           ref + ")";
  };
  std::string zero = tensorCores ? "(unsigned short)0" : "0.0f";
  k.include("kiln_gemm.cuh");

  // 32-bit index arithmetic where every offset fits: the gather tiles
  // divide each element's m and k into coordinates, and 64-bit division by
  // a constant costs several times the 32-bit one.
  constexpr int64_t kInt32Limit = int64_t(1) << 31;
  bool narrow = tensorOf(op->getOperand(0)).getNumElements() < kInt32Limit &&
                tensorOf(op->getOperand(1)).getNumElements() < kInt32Limit &&
                tensorOf(op->getResult(0)).getNumElements() < kInt32Limit &&
                s.pixels() + 64 < kInt32Limit &&
                s.reduction() + 32 < kInt32Limit;
  std::string ix = narrow ? "int" : "int64_t";
  CodeBuffer &p = k.prelude();
  p.line("// Row m, column k of the im2col matrix of group g: output pixel m,");
  p.line("// kernel tap k = (channel, ky, kx).");
  p.open("struct ConvIm2col");
  p.line("const " + elem + " *x;");
  p.line(ix + " g;");
  p.open("KILN_DEVICE_INLINE " + ret +
         " operator()(" + ix + " m, " + ix + " k) const");
  p.line("const " + ix + " ox = m % " + str(s.ow) + ", oy = (m / " + str(s.ow) +
         ") % " + str(s.oh) + ", b = m / " + str(s.ow * s.oh) + ";");
  p.line("const " + ix + " kx = k % " + str(s.kw) + ", ky = (k / " + str(s.kw) +
         ") % " + str(s.kh) + ", ci = k / " + str(s.kw * s.kh) + ";");
  p.line("const " + ix + " " + s.var(true) + " = " + s.source(true, "oy", "ky") +
         ", " + s.var(false) + " = " + s.source(false, "ox", "kx") + ";");
  p.line("if (" + s.misses(true) + " || " + s.misses(false) + ") return " +
         zero + ";");
  p.line("return " + value("x[" + s.xOffset("b") + "]") + ";");
  p.close();
  p.close("};");
  p.line("");
  p.line("// Row k, column n of group g's weight matrix.");
  p.open("struct ConvWeights");
  p.line("const " + elem + " *w;");
  p.line(ix + " g;");
  p.open("KILN_DEVICE_INLINE " + ret +
         " operator()(" + ix + " k, " + ix + " n) const");
  if (s.channelsLast) { // k is (ci, ky, kx) here too
    p.line("const " + ix + " kx = k % " + str(s.kw) + ", ky = (k / " + str(s.kw) +
           ") % " + str(s.kh) + ", ci = k / " + str(s.kw * s.kh) + ";");
    p.line("return " + value("w[" + s.wOffset("(g * " + str(s.og) + " + n)") + "]") +
           ";");
  } else if (!s.transposed) {
    p.line("return " +
           value("w[(g * " + str(s.og) + " + n) * " + str(s.reduction()) +
                 " + k]") +
           ";");
  } else { // w [C, O/groups, kh, kw]
    p.line("const " + ix + " ci = k / " + str(s.kh * s.kw) + ", tap = k % " +
           str(s.kh * s.kw) + ";");
    p.line("return " +
           value("w[((g * " + str(s.cg) + " + ci) * " + str(s.og) + " + n) * " +
                 str(s.kh * s.kw) + " + tap]") +
           ";");
  }
  p.close();
  p.close("};");

  launch.block = 128;
  launch.grid[0] = static_cast<uint32_t>((s.pixels() + 63) / 64);
  launch.grid[1] = static_cast<uint32_t>((s.og + 63) / 64);
  launch.grid[2] = static_cast<uint32_t>(s.groups);
  k.line("const " + ix + " m0 = (" + ix + ")blockIdx.x * 64, n0 = (" + ix +
         ")blockIdx.y * 64;");
  k.line("const " + ix + " g = blockIdx.z;");
  k.line("const ConvIm2col a{&" + k.buffer(op->getOperand(0)) + "[0], g};");
  k.line("const ConvWeights b{&" + k.buffer(op->getOperand(1)) + "[0], g};");
  k.line("float acc[2][4][4];");
  std::string sizes = str(s.pixels()) + ", " + str(s.og) + ", " +
                      str(s.reduction()) + ", m0, n0, acc);";
  if (tensorCores)
    k.line("kiln::gemm_block_tile_gather<" +
           std::string(e.isBF16() ? "true" : "false") + ">(a, b, " + sizes);
  else // A walks pixels, B walks the reduction (a weight row)
    k.line(std::string(tf32 ? "kiln::gemm_block_tile_tf32_gather"
                            : "kiln::gemm_block_tile_f32_gather") +
           "<true, false>(a, b, " + sizes);
  if (failed(checkNoTileRequest(op, "gathering implicit-GEMM convolution",
                                /*fixed64=*/true)) ||
      failed(storeTile(op, s, tensorCores || tf32, k, {}, ix)))
    return failure();
  k.describe(kindOf(s) + " as an implicit GEMM (" + str(s.pixels()) +
                 " pixels x " + str(s.og) + " channels x " +
                 str(s.reduction()) + " taps" +
                 (s.groups > 1 ? ", " + str(s.groups) + " groups" : "") +
                 ", " +
                 (tensorCores ? std::string(e.isBF16() ? "bf16" : "f16") +
                                    " mma.sync"
                  : tf32      ? std::string("tf32 mma.sync, f32 accumulation")
                              : std::string("f32 CUDA cores")) +
                 ", 64x64 tiles)" + epilogueNote(k.fusion(), op),
             "a block per 64 x 64 tile of pixels x channels");
  return success();
}

/// Whether a conv2d_channels_last runs on a tensor-core tile whose
/// operand slabs are 16-byte cp.async copies: 16-bit operands, or f32 ones
/// marked kiln.tf32; whole 16-byte chunks of channels per group; 32-bit
/// in-image offsets.
bool channelsLastGemmFits(Operation *op, const ConvShape &s) {
  Type e = tensorOf(op->getOperand(0)).getElementType();
  bool tf32 = e.isF32() && op->hasAttr(KilnDialect::kTf32Attr);
  int64_t chunk = tf32 ? 4 : 8; // elements per 16 bytes
  return s.channelsLast && (e.isBF16() || e.isF16() || tf32) &&
         tensorOf(op->getOperand(1)).getElementType() == e &&
         s.cg % chunk == 0 && s.pixels() > 0 &&
         s.h * s.w * s.c < (int64_t(1) << 31) &&
         s.og * s.reduction() + 32 < (int64_t(1) << 31) &&
         (s.og + 63) / 64 <= 65535 && s.groups <= 65535 &&
         (s.pixels() + 63) / 64 <= 0x7fffffff;
}

/// The tensor-core implicit GEMM over channels-last operands: both slabs
/// arrive by 16-byte cp.async (kiln::ConvChannelsLastSlabs) through
/// kiln_gemm.cuh's three-stage pipeline.
LogicalResult emitChannelsLastGemm(Operation *op, const ConvShape &s,
                                   KernelWriter &k, LaunchShape &launch) {
  Type e = tensorOf(op->getOperand(0)).getElementType();
  bool bf16 = e.isBF16(), tf32 = e.isF32();
  std::string elem = tf32 ? "float" : "unsigned short";
  CodeBuffer &p = k.prelude();
  p.line("// The convolution's shape, as constants for "
         "kiln::ConvChannelsLastSlabs.");
  p.open("struct ConvShape");
  p.line("static constexpr int h = " + str(s.h) + ", w = " + str(s.w) +
         ", c = " + str(s.c) + ", cg = " + str(s.cg) + ", og = " + str(s.og) +
         ";");
  p.line("static constexpr int kw = " + str(s.kw) + ", oh = " + str(s.oh) +
         ", ow = " + str(s.ow) + ", sh = " + str(s.sh) + ", sw = " +
         str(s.sw) + ";");
  p.line("static constexpr int pt = " + str(s.pt) + ", pl = " + str(s.pl) +
         ", dh = " + str(s.dh) + ", dw = " + str(s.dw) + ", reduction = " +
         str(s.reduction()) + ";");
  p.line("static constexpr int64_t pixels = " + str(s.pixels()) + ";");
  p.close("};");

  FailureOr<TensorCoreTile> chosen = tensorCoreTile(
      op, s.pixels(), s.og, s.groups, /*wide=*/!tf32,
      tf32 ? "channels-last TF32 convolution"
           : "channels-last tensor-core convolution");
  if (failed(chosen))
    return failure();
  TensorCoreTile tile = *chosen;
  int mFrags = tile.mFrags;
  int64_t tileM = tile.rows(), tileN = tile.cols();
  setTileLaunch(launch, tile, /*sharedStages=*/!tf32);
  launch.grid[0] = static_cast<uint32_t>((s.pixels() + tileM - 1) / tileM);
  launch.grid[1] = static_cast<uint32_t>((s.og + tileN - 1) / tileN);
  launch.grid[2] = static_cast<uint32_t>(s.groups);
  k.line("const int64_t m0 = (int64_t)blockIdx.x * " + str(tileM) +
         ", n0 = (int64_t)blockIdx.y * " + str(tileN) + ";");
  k.line("const int g = blockIdx.z;");
  k.line("kiln::ConvChannelsLastSlabs<ConvShape, " + str(mFrags) +
         (tf32 ? ", float" : tile.wide() ? ", unsigned short, 4" : "") +
         "> slabs(");
  k.line("    reinterpret_cast<const " + elem + " *>(&" +
         k.buffer(op->getOperand(0)) + "[0]),");
  k.line("    reinterpret_cast<const " + elem + " *>(&" +
         k.buffer(op->getOperand(1)) + "[0]), g, m0, n0);");
  k.line("float acc[" + str(mFrags) + "][4][4];");
  if (tf32)
    k.line("kiln::gemm_block_tile_slabs_tf32<" + str(mFrags) + ">(slabs, " +
           str(s.reduction()) + ", acc);");
  else
    k.line("kiln::gemm_block_tile_slabs<" +
           std::string(bf16 ? "true" : "false") + ", true, " + tile.args() +
           ">(slabs, " + str(s.reduction()) + ", acc);");
  FailureOr<bool> staged = storeTile(op, s, /*tensorCores=*/true, k, tile,
                                     "int64_t", /*sharedStages=*/!tf32);
  if (failed(staged))
    return failure();
  k.describe(kindOf(s) + " as an implicit GEMM (" + str(s.pixels()) +
                 " pixels x " + str(s.og) + " channels x " +
                 str(s.reduction()) + " taps" +
                 (s.groups > 1 ? ", " + str(s.groups) + " groups" : "") +
                 ", " + (tf32 ? "tf32" : bf16 ? "bf16" : "f16") +
                 " mma.sync, " + tile.name() +
                 " tiles, both operands by 16-byte cp.async, " +
                 (tile.wide() ? "8 warps, 4 stages" : "3 stages") +
                 (*staged ? ", 16-byte stores staged in shared memory" : "") +
                 ")" +
                 epilogueNote(k.fusion(), op),
             "a block per " + str(tileM) + " x " + str(tileN) +
                 " tile of pixels x channels");
  return success();
}

/// One thread per output element, gathering its taps.
LogicalResult emitDirect(Operation *op, const ConvShape &s, KernelWriter &k) {
  RankedTensorType x = tensorOf(op->getOperand(0)),
                   w = tensorOf(op->getOperand(1)),
                   r = tensorOf(op->getResult(0));
  std::string in0 = k.buffer(op->getOperand(0)),
              in1 = k.buffer(op->getOperand(1));
  k.openGridStrideLoop();
  // Output indices follow the result's own rank (an epilogue reads them).
  std::vector<Var> idx = k.unravel(r.getShape(), Var::fixed("linear"));
  Var b = idx[0], o = idx[1];
  if (s.is1d)
    k.line("const int64_t oy = 0, ox = " + idx[2] + ";");
  else
    k.line("const int64_t oy = " + idx[2] + ", ox = " + idx[3] + ";");
  std::string xRef = in0 + "[" + s.xOffset(b.str()) + "]", wRef;
  if (!s.transposed) {
    k.line("const int64_t g = " + o + " / " + str(s.og) + ";");
    wRef = in1 + "[" + s.wOffset(o.str()) + "]";
  } else {
    k.line("const int64_t g = " + o + " / " + str(s.og) + ", oc = " + o +
           " % " + str(s.og) + ";");
    wRef = in1 + "[(((g * " + str(s.cg) + " + ci) * " + str(s.og) +
           " + oc) * " + str(s.kh) + " + ky) * " + str(s.kw) + " + kx]";
  }
  k.line("float acc = 0.0f;");
  k.open("for (int64_t ci = 0; ci < " + str(s.cg) + "; ++ci)");
  k.open("for (int64_t ky = 0; ky < " + str(s.kh) + "; ++ky)");
  k.line("const int64_t " + s.var(true) + " = " + s.source(true, "oy", "ky") +
         ";");
  k.line("if (" + s.misses(true) + ") continue;");
  k.open("for (int64_t kx = 0; kx < " + str(s.kw) + "; ++kx)");
  k.line("const int64_t " + s.var(false) + " = " +
         s.source(false, "ox", "kx") + ";");
  k.line("if (" + s.misses(false) + ") continue;");
  k.line("acc += " + load(x.getElementType(), xRef) + " * " +
         load(w.getElementType(), wRef) + ";");
  k.close();
  k.close();
  k.close();
  if (failed(storeResult(k, op, "acc", idx)))
    return failure();
  k.close();
  k.describe(kindOf(s) + " (direct, f32 accumulation)" +
                 epilogueNote(k.fusion(), op),
             "one thread per output element");
  return success();
}

} // namespace

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitConvolutionKernel(FusionOp fusion, StringRef name) {
  Operation *op = fusion.getRootOp();
  ConvShape s = shapeOf(op);
  int64_t elements = tensorOf(op->getResult(0)).getNumElements();
  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.include("kiln_convolution.cuh");
  k.fusionParams();
  k.itemsParam(elements);
  LaunchShape launch = LaunchShape::gridStride(elements);
  LogicalResult ok = channelsLastGemmFits(op, s)
                         ? emitChannelsLastGemm(op, s, k, launch)
                     : implicitGemmFits(op) ? emitImplicitGemm(op, s, k, launch)
                     : failed(checkNoTileRequest(op, "direct convolution kernel"))
                         ? failure()
                         : emitDirect(op, s, k);
  if (failed(ok))
    return failure();
  EmittedKernel emitted = k.finish(launch);
  // Every output element reduces over its group's channels and taps.
  emitted.flops = static_cast<uint64_t>(2 * elements * s.reduction());
  return emitted;
}
