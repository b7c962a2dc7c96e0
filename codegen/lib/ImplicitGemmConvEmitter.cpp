//===- ImplicitGemmConvEmitter.cpp - convolutions as tiled GEMMs ----------===//
//
// A convolution is a GEMM per group: rows are output pixels (batch, y, x),
// columns the group's output channels, and the reduction runs over (input
// channel, ky, kx). The im2col matrix is never built: the generated kernel
// defines the two operands as functions — `ConvIm2col(m, k)` reads the
// input pixel under kernel tap k of output pixel m (0 in the padding), and
// `ConvWeights(k, n)` the weight — and kiln_gemm.cuh's gather tiles read
// them element by element into shared memory. Transposed convolutions use
// the gather form (a tap contributes when y + p − ky·d lands on a multiple
// of the stride), conv1d is conv2d with H = 1. Grid: (⌈pixels / 64⌉,
// ⌈channels per group / 64⌉, groups); the epilogue (bias, activation,
// residual) runs per accumulator before the store.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::emit;

namespace {

/// A convolution in conv2d terms (conv1d: h = kh = oh = 1).
struct ConvShape {
  int64_t n, c, h, w, o, og, cg, kh, kw, oh, ow, sh, sw, pt, pl, dh, dw,
      groups;
  bool transposed = false;
  int64_t pixels() const { return n * oh * ow; }
  int64_t reduction() const { return cg * kh * kw; }
};

ConvShape shapeOf(Operation *op) {
  RankedTensorType x = tensorOf(op->getOperand(0)),
                   wt = tensorOf(op->getOperand(1)),
                   r = tensorOf(op->getResult(0));
  ConvShape s{};
  s.n = x.getDimSize(0);
  s.c = x.getDimSize(1);
  s.o = r.getDimSize(1);
  if (auto c1 = dyn_cast<Conv1dOp>(op)) {
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
      s.sh = c2.getStride()[0], s.sw = c2.getStride()[1];
      s.pt = c2.getPadding()[0], s.pl = c2.getPadding()[2];
      s.dh = c2.getDilation()[0], s.dw = c2.getDilation()[1];
      s.groups = static_cast<int64_t>(c2.getGroups());
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

} // namespace

bool mlir::kiln::emit::implicitGemmConvFits(Operation *op) {
  Type e = tensorOf(op->getOperand(0)).getElementType();
  if (e != tensorOf(op->getOperand(1)).getElementType() ||
      !(e.isF32() || e.isBF16() || e.isF16()))
    return false;
  ConvShape s = shapeOf(op);
  // A 64-wide tile of output channels and a 16-deep reduction at least
  // a quarter full; depthwise and few-channel convolutions stay direct.
  return s.og >= 16 && s.reduction() >= 16 && s.pixels() > 0 &&
         (s.og + 63) / 64 <= 65535 && s.groups <= 65535 &&
         (s.pixels() + 63) / 64 <= 0x7fffffff;
}

LogicalResult mlir::kiln::emit::emitImplicitGemmConv(Operation *op,
                                                     Direct &k) {
  ConvShape s = shapeOf(op);
  RankedTensorType r = tensorOf(op->getResult(0));
  Type e = tensorOf(op->getOperand(0)).getElementType();
  bool tensorCores = !e.isF32();
  std::string elem = storageType(e);
  // What an operand function returns: 16-bit patterns for the tensor-core
  // tile, floats for the f32 tile.
  std::string ret = tensorCores ? "unsigned short" : "float";
  auto value = [&](const std::string &ref) {
    if (!tensorCores)
      return ref;
    return std::string(e.isBF16() ? "__bfloat16_as_ushort(" : "__half_as_ushort(") +
           ref + ")";
  };
  std::string zero = tensorCores ? "(unsigned short)0" : "0.0f";

  std::string im2col =
      "// Row m, column k of the im2col matrix of group g: output pixel m,\n"
      "// kernel tap k = (channel, ky, kx).\n"
      "struct ConvIm2col {\n"
      "  const " + elem + " *x;\n"
      "  int64_t g;\n"
      "  KILN_DEVICE_INLINE " + ret +
      " operator()(int64_t m, int64_t k) const {\n"
      "    const int64_t ox = m % " + str(s.ow) + ", oy = (m / " + str(s.ow) +
      ") % " + str(s.oh) + ", b = m / " + str(s.ow * s.oh) + ";\n"
      "    const int64_t kx = k % " + str(s.kw) + ", ky = (k / " + str(s.kw) +
      ") % " + str(s.kh) + ", ci = k / " + str(s.kw * s.kh) + ";\n";
  if (!s.transposed) {
    im2col += "    const int64_t iy = oy * " + str(s.sh) + " - " + str(s.pt) +
              " + ky * " + str(s.dh) + ", ix = ox * " + str(s.sw) + " - " +
              str(s.pl) + " + kx * " + str(s.dw) + ";\n"
              "    if (iy < 0 || iy >= " + str(s.h) + " || ix < 0 || ix >= " +
              str(s.w) + ") return " + zero + ";\n";
  } else {
    im2col += "    const int64_t ty = oy + " + str(s.pt) + " - ky * " +
              str(s.dh) + ", tx = ox + " + str(s.pl) + " - kx * " + str(s.dw) +
              ";\n"
              "    if (ty < 0 || tx < 0 || ty % " + str(s.sh) + " != 0 || tx % " +
              str(s.sw) + " != 0) return " + zero + ";\n"
              "    const int64_t iy = ty / " + str(s.sh) + ", ix = tx / " +
              str(s.sw) + ";\n"
              "    if (iy >= " + str(s.h) + " || ix >= " + str(s.w) +
              ") return " + zero + ";\n";
  }
  im2col += "    return " +
            value("x[((b * " + str(s.c) + " + g * " + str(s.cg) + " + ci) * " +
                  str(s.h) + " + iy) * " + str(s.w) + " + ix]") +
            ";\n  }\n};\n\n";
  std::string weights =
      "// Row k, column n of group g's weight matrix.\n"
      "struct ConvWeights {\n"
      "  const " + elem + " *w;\n"
      "  int64_t g;\n"
      "  KILN_DEVICE_INLINE " + ret +
      " operator()(int64_t k, int64_t n) const {\n";
  if (!s.transposed)
    weights += "    return " +
               value("w[(g * " + str(s.og) + " + n) * " +
                     str(s.reduction()) + " + k]") +
               ";\n";
  else // w [C, O/groups, kh, kw]
    weights += "    const int64_t ci = k / " + str(s.kh * s.kw) +
               ", tap = k % " + str(s.kh * s.kw) + ";\n    return " +
               value("w[((g * " + str(s.cg) + " + ci) * " + str(s.og) +
                     " + n) * " + str(s.kh * s.kw) + " + tap]") +
               ";\n";
  weights += "  }\n};\n\n";
  k.prelude += "#include \"kiln_gemm.cuh\"\n\n" + im2col + weights;

  k.tiled = true;
  k.tiledBlock = 128;
  k.tiledGrid[0] = static_cast<uint32_t>((s.pixels() + 63) / 64);
  k.tiledGrid[1] = static_cast<uint32_t>((s.og + 63) / 64);
  k.tiledGrid[2] = static_cast<uint32_t>(s.groups);
  k.line("const int64_t m0 = (int64_t)blockIdx.x * 64, n0 = (int64_t)blockIdx.y "
         "* 64;");
  k.line("const int64_t g = blockIdx.z;");
  k.line("const ConvIm2col a{&in0[0], g};");
  k.line("const ConvWeights b{&in1[0], g};");
  k.line("float acc[2][4][4];");
  if (tensorCores)
    k.line("kiln::gemm_block_tile_gather<" +
           std::string(e.isBF16() ? "true" : "false") + ">(a, b, " +
           str(s.pixels()) + ", " + str(s.og) + ", " + str(s.reduction()) +
           ", m0, n0, acc);");
  else // A walks pixels, B walks the reduction (a weight row)
    k.line("kiln::gemm_block_tile_f32_gather<true, false>(a, b, " +
           str(s.pixels()) + ", " + str(s.og) + ", " + str(s.reduction()) +
           ", m0, n0, acc);");
  emitGemmTileStores(
      k, tensorCores, s.pixels(), s.og,
      "const int64_t ox = row % " + str(s.ow) + ", oy = (row / " + str(s.ow) +
          ") % " + str(s.oh) + ", bn = row / " + str(s.ow * s.oh) +
          ";\nconst int64_t linear = ((bn * " + str(s.o) + " + g * " +
          str(s.og) + " + col) * " + str(s.oh) + " + oy) * " + str(s.ow) +
          " + ox;",
      r);
  std::string kind = isa<Conv1dOp>(op)           ? "conv1d"
                     : s.transposed ? "conv_transpose2d"
                                                 : "conv2d";
  k.comment = kind + " as an implicit GEMM (" + str(s.pixels()) + " pixels x " +
              str(s.og) + " channels x " + str(s.reduction()) + " taps" +
              (s.groups > 1 ? ", " + str(s.groups) + " groups" : "") + ", " +
              (tensorCores ? std::string(e.isBF16() ? "bf16" : "f16") +
                                 " mma.sync"
                           : std::string("f32 CUDA cores")) +
              ", 64x64 tiles)";
  return success();
}
