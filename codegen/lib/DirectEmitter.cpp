//===- DirectEmitter.cpp - direct kernels: gemm, convolution, data --------===//
//
// Correct first: one thread per output element that loops over its
// reduction (matmul, qmatmul, the convolutions), index arithmetic for the
// data ops. These are the portable baselines; the tiled GEMMs
// (kiln_gemm.cuh) take the matmuls they fit, and faster kernels replace the
// rest family by family, checked against the same goldens.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <regex>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::emit;
namespace rt = ::kiln::rt;

namespace {

/// Offset of a rank-2 matrix inside `t` for the result batch indices
/// <prefix>0 … <prefix>{batchRank-1}, numpy-broadcast from the right.
std::string batchBase(RankedTensorType t, int64_t batchRank,
                      const std::string &prefix = "i") {
  int64_t tb = t.getRank() - 2;
  std::string e = "0";
  for (int64_t d = 0; d < tb; ++d) {
    int64_t size = t.getDimSize(d);
    std::string idx = size == 1 ? "0" : prefix + str(batchRank - tb + d);
    e = "(" + e + ") * " + str(size) + " + " + idx;
  }
  return "(" + e + ") * " +
         str(t.getDimSize(t.getRank() - 2) * t.getDimSize(t.getRank() - 1));
}

LogicalResult emitMatmul(MatmulOp op, Direct &k) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  int64_t rank = r.getRank(), m = r.getDimSize(rank - 2),
          n = r.getDimSize(rank - 1);
  bool ta = op.getTransposeA(), tb = op.getTransposeB();
  int64_t kk = ta ? a.getDimSize(a.getRank() - 2) : a.getDimSize(a.getRank() - 1);
  Type ae = a.getElementType(), be = b.getElementType();
  k.body += unravel(r.getShape(), "linear");
  std::string mi = "i" + str(rank - 2), ni = "i" + str(rank - 1);
  k.line("const int64_t abase = " + batchBase(a, rank - 2) + ";");
  k.line("const int64_t bbase = " + batchBase(b, rank - 2) + ";");
  k.line("float acc = 0.0f;");
  k.line("for (int64_t p = 0; p < " + str(kk) + "; ++p)");
  k.line("  acc += " +
         load(ae, "in0[abase + " + (ta ? "p * " + str(m) + " + " + mi
                                       : mi + " * " + str(kk) + " + p") + "]") +
         " * " +
         load(be, "in1[bbase + " + (tb ? ni + " * " + str(kk) + " + p"
                                       : "p * " + str(n) + " + " + ni) + "]") +
         ";");
  k.writeResult(r.getElementType(), "acc");
  k.comment = "matmul " + str(m) + "x" + str(n) + "x" + str(kk) +
              " (f32 accumulation)";
  return success();
}

/// Decode-sized matmuls against an N x K matrix (a Linear layer's weight,
/// transpose_b): up to 8 rows of A, where a 64-row tile would idle and the
/// one-thread-per-output kernel would read B's rows with a stride.
bool gemvFits(MatmulOp op) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  int64_t rank = r.getRank(), m = r.getDimSize(rank - 2),
          n = r.getDimSize(rank - 1);
  int64_t batch = m > 0 && n > 0 ? r.getNumElements() / (m * n) : 0;
  Type e = a.getElementType();
  return op.getTransposeB() && !op.getTransposeA() && m >= 1 && m <= 8 &&
         isa<FloatType>(e) && e == b.getElementType() && batch >= 1 &&
         batch <= 65535 && (n + 7) / 8 <= 0x7fffffff;
}

/// One warp per output column: the lanes read B's row (contiguous K) in
/// chunks of 8 elements — one or two vector loads when K is a multiple of
/// 8 — multiply them into the (at most 8) rows of A, and fold the partial
/// sums with xor shuffles; lane 0 runs the epilogue and stores.
LogicalResult emitGemv(MatmulOp op, Direct &k) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  int64_t rank = r.getRank(), m = r.getDimSize(rank - 2),
          n = r.getDimSize(rank - 1), kk = a.getDimSize(a.getRank() - 1);
  int64_t batch = r.getNumElements() / (m * n);
  Type e = a.getElementType();
  std::string elem = storageType(e);
  k.tiled = true;
  k.tiledBlock = 256;
  k.tiledGrid[0] = static_cast<uint32_t>((n + 7) / 8);
  k.tiledGrid[1] = static_cast<uint32_t>(batch);
  k.line("const int64_t batch = blockIdx.y;");
  k.body += unravel(r.getShape().drop_back(2), "batch", "b");
  k.line("const int64_t col = (int64_t)blockIdx.x * 8 + threadIdx.x / 32;");
  k.line("const int lane = threadIdx.x % 32;");
  k.line("if (col >= " + str(n) + ") return; // a whole warp at once");
  k.line("const " + elem + " *arow = &in0[" + batchBase(a, rank - 2, "b") + "];");
  k.line("const " + elem + " *brow = &in1[" + batchBase(b, rank - 2, "b") +
         " + col * " + str(kk) + "];");
  k.line("float acc[" + str(m) + "] = {};");
  k.line("for (int64_t p = lane * 8; p < " + str(kk) + "; p += 256) {");
  k.line("  float w[8];");
  if (kk % 8 == 0) {
    k.line("  const kiln::Vec4<" + elem + "> lo = kiln::load_vec4(&brow[p]), "
           "hi = kiln::load_vec4(&brow[p + 4]);");
    k.line("  for (int j = 0; j < 4; ++j) {");
    k.line("    w[j] = " + load(e, "lo.v[j]") + ";");
    k.line("    w[j + 4] = " + load(e, "hi.v[j]") + ";");
    k.line("  }");
  } else {
    k.line("  for (int j = 0; j < 8; ++j)");
    k.line("    w[j] = p + j < " + str(kk) + " ? " + load(e, "brow[p + j]") +
           " : 0.0f;");
  }
  k.line("  for (int row = 0; row < " + str(m) + "; ++row)");
  k.line("    for (int j = 0; j < 8 && p + j < " + str(kk) + "; ++j)");
  k.line("      acc[row] += " + load(e, "arow[row * " + str(kk) + " + p + j]") +
         " * w[j];");
  k.line("}");
  k.line("for (int row = 0; row < " + str(m) + "; ++row)");
  k.line("  for (int offset = 16; offset > 0; offset /= 2)");
  k.line("    acc[row] += __shfl_xor_sync(0xffffffffu, acc[row], offset);");
  k.line("if (lane != 0) return;");
  k.line("for (int row = 0; row < " + str(m) + "; ++row) {");
  size_t inner = k.body.size();
  k.line("const int64_t linear = (batch * " + str(m) + " + row) * " + str(n) +
         " + col;");
  k.body += unravel(r.getShape(), "linear");
  k.line("const float value = acc[row];");
  k.writeResult(r.getElementType(), "value");
  indentSince(k, inner, 2);
  k.line("}");
  k.comment = "matmul " + str(m) + "x" + str(n) + "x" + str(kk) +
              " as a GEMV (a warp per output column, B's rows read in "
              "8-element chunks, f32 accumulation)";
  return success();
}

/// Which tiled main loop of kiln_gemm.cuh a matmul takes, if any.
enum class TiledGemm { None, TensorCore, F32 };

/// Tiles pay off from one 16 x 16 x 16 block of work up, and the grid must
/// fit CUDA's y and z limits. The tensor-core path takes bf16 × bf16 or
/// f16 × f16 with A not transposed and every 16-byte copy inside one row (K,
/// and N when B is K x N, multiples of 8); f32 × f32 takes the CUDA-core
/// tile in any layout. Everything else keeps the direct kernel.
TiledGemm tiledGemmFor(MatmulOp op) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  Type e = a.getElementType();
  if (e != b.getElementType())
    return TiledGemm::None;
  bool ta = op.getTransposeA();
  int64_t rank = r.getRank(), m = r.getDimSize(rank - 2),
          n = r.getDimSize(rank - 1),
          kk = ta ? a.getDimSize(a.getRank() - 2) : a.getDimSize(a.getRank() - 1);
  int64_t batch = m > 0 && n > 0 ? r.getNumElements() / (m * n) : 0;
  if (m < 16 || n < 16 || kk < 16 || (m + 63) / 64 > 65535 || batch < 1 ||
      batch > 65535)
    return TiledGemm::None;
  if (e.isF32())
    return TiledGemm::F32;
  if ((e.isBF16() || e.isF16()) && !ta && kk % 8 == 0 &&
      (op.getTransposeB() || n % 8 == 0))
    return TiledGemm::TensorCore;
  return TiledGemm::None;
}

/// A block per 64 x 64 output tile (grid z: the batch); the main loop is the
/// device library's, the epilogue runs per accumulator element.
LogicalResult emitTiledMatmul(MatmulOp op, TiledGemm kind, Direct &k) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  bool ta = op.getTransposeA(), tb = op.getTransposeB();
  int64_t rank = r.getRank(), m = r.getDimSize(rank - 2),
          n = r.getDimSize(rank - 1),
          kk = ta ? a.getDimSize(a.getRank() - 2) : a.getDimSize(a.getRank() - 1);
  int64_t batch = r.getNumElements() / (m * n);
  bool tensorCores = kind == TiledGemm::TensorCore;
  k.tiled = true;
  k.tiledBlock = 128;
  k.tiledGrid[0] = static_cast<uint32_t>((n + 63) / 64);
  k.tiledGrid[1] = static_cast<uint32_t>((m + 63) / 64);
  k.tiledGrid[2] = static_cast<uint32_t>(batch);
  k.prelude += "#include \"kiln_gemm.cuh\"\n\n";
  auto flag = [](bool v) { return std::string(v ? "true" : "false"); };
  k.line("const int64_t batch = blockIdx.z;");
  k.body += unravel(r.getShape().drop_back(2), "batch", "b");
  k.line("const int64_t m0 = (int64_t)blockIdx.y * 64, n0 = (int64_t)blockIdx.x * 64;");
  k.line("float acc[2][4][4];");
  std::string aPtr = "&in0[" + batchBase(a, rank - 2, "b") + "]",
              bPtr = "&in1[" + batchBase(b, rank - 2, "b") + "]";
  if (tensorCores) {
    k.line("kiln::gemm_block_tile<" +
           flag(a.getElementType().isBF16()) + ", " + flag(tb) + ">(");
    k.line("    reinterpret_cast<const unsigned short *>(" + aPtr + "),");
    k.line("    reinterpret_cast<const unsigned short *>(" + bPtr + "),");
  } else {
    k.line("kiln::gemm_block_tile_f32<" + flag(ta) + ", " + flag(tb) + ">(");
    k.line("    " + aPtr + ",");
    k.line("    " + bPtr + ",");
  }
  k.line("    " + str(m) + ", " + str(n) + ", " + str(kk) + ", m0, n0, acc);");
  emitGemmTileStores(k, tensorCores, m, n,
                     "const int64_t linear = (batch * " + str(m) + " + row) * " +
                         str(n) + " + col;",
                     r);
  k.comment = "matmul " + str(m) + "x" + str(n) + "x" + str(kk) +
              (tensorCores
                   ? std::string(" on tensor cores (") +
                         (a.getElementType().isBF16() ? "bf16" : "f16") +
                         " mma.sync, 64x64 tiles, 3-stage cp.async, f32 "
                         "accumulation)"
                   : std::string(" on CUDA cores (64x64 tiles through shared "
                                 "memory, 8x4 per thread, f32)"));
  return success();
}

/// conv2d / conv1d (as H = 1) in the direct gather form.
LogicalResult emitConv(Operation *op, Direct &k, int64_t sh, int64_t sw,
                       int64_t pt, int64_t pl, int64_t dh, int64_t dw,
                       int64_t groups) {
  RankedTensorType x = tensorOf(op->getOperand(0)), w = tensorOf(op->getOperand(1)),
                   r = tensorOf(op->getResult(0));
  bool is1d = x.getRank() == 3;
  int64_t c = x.getDimSize(1), h = is1d ? 1 : x.getDimSize(2),
          wd = x.getDimSize(is1d ? 2 : 3);
  int64_t o = w.getDimSize(0), cg = w.getDimSize(1), kh = is1d ? 1 : w.getDimSize(2),
          kw = w.getDimSize(is1d ? 2 : 3);
  // Output indices i0 … follow the result's own rank (an epilogue reads
  // them); oy / ox are the spatial ones (oy = 0 for conv1d).
  k.body += unravel(r.getShape(), "linear");
  k.line(is1d ? "const int64_t oy = 0, ox = i2;" : "const int64_t oy = i2, ox = i3;");
  k.line("const int64_t g = i1 / " + str(o / groups) + ";");
  k.line("float acc = 0.0f;");
  k.line("for (int64_t ci = 0; ci < " + str(cg) + "; ++ci)");
  k.line("  for (int64_t ky = 0; ky < " + str(kh) + "; ++ky) {");
  k.line("    const int64_t iy = oy * " + str(sh) + " - " + str(pt) + " + ky * " +
         str(dh) + ";");
  k.line("    if (iy < 0 || iy >= " + str(h) + ") continue;");
  k.line("    for (int64_t kx = 0; kx < " + str(kw) + "; ++kx) {");
  k.line("      const int64_t ix = ox * " + str(sw) + " - " + str(pl) +
         " + kx * " + str(dw) + ";");
  k.line("      if (ix < 0 || ix >= " + str(wd) + ") continue;");
  k.line("      acc += " +
         load(x.getElementType(), "in0[((i0 * " + str(c) + " + g * " + str(cg) +
                                      " + ci) * " + str(h) + " + iy) * " +
                                      str(wd) + " + ix]") +
         " * " +
         load(w.getElementType(), "in1[((i1 * " + str(cg) + " + ci) * " +
                                      str(kh) + " + ky) * " + str(kw) + " + kx]") +
         ";");
  k.line("    }");
  k.line("  }");
  k.writeResult(r.getElementType(), "acc");
  k.comment = std::string(is1d ? "conv1d" : "conv2d") + " (direct, f32 accumulation)";
  return success();
}

LogicalResult emitConvTranspose(ConvTranspose2dOp op, Direct &k) {
  RankedTensorType x = tensorOf(op.getX()), w = tensorOf(op.getW()),
                   r = tensorOf(op.getResult());
  ArrayRef<int64_t> s = op.getStride(), p = op.getPadding(), d = op.getDilation();
  int64_t groups = static_cast<int64_t>(op.getGroups());
  int64_t c = x.getDimSize(1), h = x.getDimSize(2), wd = x.getDimSize(3);
  int64_t og = w.getDimSize(1), kh = w.getDimSize(2), kw = w.getDimSize(3),
          cg = c / groups;
  k.body += unravel(r.getShape(), "linear");
  k.line("const int64_t g = i1 / " + str(og) + ";");
  k.line("const int64_t oc = i1 % " + str(og) + ";");
  k.line("float acc = 0.0f;");
  k.line("for (int64_t ci = 0; ci < " + str(cg) + "; ++ci)");
  k.line("  for (int64_t ky = 0; ky < " + str(kh) + "; ++ky) {");
  k.line("    const int64_t ty = i2 + " + str(p[0]) + " - ky * " + str(d[0]) + ";");
  k.line("    if (ty < 0 || ty % " + str(s[0]) + " != 0 || ty / " + str(s[0]) +
         " >= " + str(h) + ") continue;");
  k.line("    for (int64_t kx = 0; kx < " + str(kw) + "; ++kx) {");
  k.line("      const int64_t tx = i3 + " + str(p[1]) + " - kx * " + str(d[1]) +
         ";");
  k.line("      if (tx < 0 || tx % " + str(s[1]) + " != 0 || tx / " + str(s[1]) +
         " >= " + str(wd) + ") continue;");
  k.line("      const int64_t chan = g * " + str(cg) + " + ci;");
  k.line("      acc += " +
         load(x.getElementType(), "in0[((i0 * " + str(c) + " + chan) * " +
                                      str(h) + " + ty / " + str(s[0]) + ") * " +
                                      str(wd) + " + tx / " + str(s[1]) + "]") +
         " * " +
         load(w.getElementType(), "in1[((chan * " + str(og) + " + oc) * " +
                                      str(kh) + " + ky) * " + str(kw) + " + kx]") +
         ";");
  k.line("    }");
  k.line("  }");
  k.writeResult(r.getElementType(), "acc");
  k.comment = "conv_transpose2d (direct gather form, f32 accumulation)";
  return success();
}

LogicalResult emitGather(GatherOp op, Direct &k) {
  RankedTensorType t = tensorOf(op.getTable()), ix = tensorOf(op.getIndices()),
                   r = tensorOf(op.getResult());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += t.getRank();
  int64_t ir = ix.getRank(), bound = t.getDimSize(axis);
  k.body += unravel(r.getShape(), "linear");
  std::string il = "0";
  for (int64_t d = 0; d < ir; ++d)
    il = "(" + il + ") * " + str(ix.getDimSize(d)) + " + i" + str(axis + d);
  k.line("int64_t at = (int64_t)in1[" + il + "];");
  k.line("if (at < 0) at += " + str(bound) + ";");
  std::string tl = "0";
  for (int64_t d = 0; d < t.getRank(); ++d) {
    std::string idx = d < axis ? "i" + str(d) : d == axis ? "at" : "i" + str(d - 1 + ir);
    tl = "(" + tl + ") * " + str(t.getDimSize(d)) + " + " + idx;
  }
  // Out-of-range indices give 0 on devices (ops.md).
  k.line("out0[linear] = (at < 0 || at >= " + str(bound) + ") ? " +
         store(r.getElementType(), "0") + " : in0[" + tl + "];");
  k.comment = "gather along axis " + str(axis);
  return success();
}

} // namespace

FailureOr<EmittedKernel> mlir::kiln::emitDirectKernel(FusionOp fusion,
                                                      StringRef name) {
  bool epilogueFailed = false;
  Block &block = fusion.getBody().front();
  auto yield = cast<YieldOp>(block.getTerminator());
  // The root computes one element at a time; with an epilogue it is the gemm
  // / convolution (elementwise side inputs may precede it in the block), else
  // the lone op.
  Operation *root = &block.front();
  for (Operation &op : block.without_terminator())
    if (isa<MatmulOp, QmatmulOp, Conv2dOp, Conv1dOp, ConvTranspose2dOp>(op)) {
      root = &op;
      break;
    }
  Operation *last = yield.getValues().empty()
                        ? nullptr
                        : yield.getValues()[0].getDefiningOp();
  bool hasEpilogue = last && last != root;
  if (!last ||
      (hasEpilogue && !isa<MatmulOp, QmatmulOp, Conv2dOp, Conv1dOp,
                           ConvTranspose2dOp>(root)) ||
      !llvm::all_of(root->getOperands(),
                    [](Value v) { return isa<BlockArgument>(v); }))
    return fusion.emitOpError("direct kernels take a root op whose operands "
                              "are the fusion's inputs, followed only by an "
                              "elementwise epilogue of a gemm or convolution");
  Direct k;
  k.name = name.str();
  for (auto [i, v] : llvm::enumerate(fusion.getInputs()))
    k.input(v, i);
  for (auto [i, v] : llvm::enumerate(fusion.getResults()))
    k.output(v, i);
  k.threads = tensorOf(root->getResult(0)).getNumElements();
  if (hasEpilogue)
    k.epilogue = [&, root](Type e, const std::string &v) -> std::string {
      std::string lines = "\x01epilogue\x01    const " +
                          std::string(isa<FloatType>(e) ? "float" : "int64_t") +
                          " root0 = " + roundToFloat16(e, v) + ";\n";
      FailureOr<std::pair<std::string, std::string>> epi =
          emitPointwiseEpilogue(fusion, root->getResult(0), "root0");
      if (failed(epi)) {
        epilogueFailed = true;
        return lines;
      }
      return lines + epi->first + "    out0[linear] = " +
             store(tensorOf(fusion.getResult(0)).getElementType(), epi->second) +
             ";\n";
    };
  bool implicitGemm = isa<Conv2dOp, Conv1dOp, ConvTranspose2dOp>(root) &&
                      implicitGemmConvFits(root);
  LogicalResult ok =
      implicitGemm
          ? emitImplicitGemmConv(root, k)
          : llvm::TypeSwitch<Operation *, LogicalResult>(root)
          .Case([&](MatmulOp op) {
            if (gemvFits(op))
              return emitGemv(op, k);
            TiledGemm kind = tiledGemmFor(op);
            return kind == TiledGemm::None ? emitMatmul(op, k)
                                           : emitTiledMatmul(op, kind, k);
          })
          .Case([&](QmatmulOp op) {
            // int4 codes the driver packed two per byte (kiln.packed_int4).
            Value q = fusion.getInputs()[cast<BlockArgument>(op.getQ())
                                             .getArgNumber()];
            auto param = q.getDefiningOp<ParamOp>();
            bool packed =
                param && param->hasAttr(KilnDialect::kPackedInt4Attr);
            return emitQmatmul(op, packed, k);
          })
          .Case([&](Conv2dOp op) {
            ArrayRef<int64_t> s = op.getStride(), p = op.getPadding(),
                              d = op.getDilation();
            return emitConv(op, k, s[0], s[1], p[0], p[2], d[0], d[1],
                            static_cast<int64_t>(op.getGroups()));
          })
          .Case([&](Conv1dOp op) {
            return emitConv(op, k, 1, static_cast<int64_t>(op.getStride()), 0,
                            op.getPadding()[0], 1,
                            static_cast<int64_t>(op.getDilation()),
                            static_cast<int64_t>(op.getGroups()));
          })
          .Case([&](ConvTranspose2dOp op) { return emitConvTranspose(op, k); })
          .Case([&](GatherOp op) { return emitGather(op, k); })
          .Case([&](IotaOp op) {
            RankedTensorType r = op.getType();
            int64_t dim = static_cast<int64_t>(op.getDim());
            if (dim < 0)
              dim += r.getRank();
            k.body += unravel(r.getShape(), "linear");
            k.line("out0[linear] = " +
                   store(r.getElementType(),
                         isa<FloatType>(r.getElementType())
                             ? "(float)i" + str(dim)
                             : "i" + str(dim)) +
                   ";");
            k.comment = "iota along dimension " + str(dim);
            return success();
          })
          .Case([&](RandomNormalOp op) {
            k.line("out0[linear] = " +
                   store(op.getType().getElementType(),
                         "kiln::random_normal((uint64_t)linear, " +
                             str(static_cast<int64_t>(op.getSeed())) + "ull, " +
                             flt(op.getMean().convertToDouble()) + ", " +
                             flt(op.getStd().convertToDouble()) + ")") +
                   ";");
            k.comment = "random_normal (Philox4x32-10, Box-Muller)";
            return success();
          })
          .Default([&](Operation *op) { return emitAttentionLike(op, k); });
  if (failed(ok) || epilogueFailed)
    return failure();
  if (hasEpilogue) {
    std::string ops;
    for (Operation &op : block.without_terminator())
      if (&op != root)
        ops += (ops.empty() ? "" : ", ") + op.getName().getStringRef().str();
    k.comment += ", epilogue fused: " + ops;
  }
  // Root emitters name operand i's buffer in<i>; the kernel's parameters are
  // the fusion's inputs, so the root's part of the body is renamed to the
  // block argument each operand is (the epilogue already uses those).
  const std::string marker = "\x01epilogue\x01";
  size_t split = k.body.find(marker);
  std::string rootPart = k.body.substr(0, split);
  std::string rest = split == std::string::npos
                         ? ""
                         : k.body.substr(split + marker.size());
  std::string renamed;
  std::regex param(R"(\bin(\d+)\[)");
  size_t done = 0;
  for (auto it = std::sregex_iterator(rootPart.begin(), rootPart.end(), param);
       it != std::sregex_iterator(); ++it) {
    unsigned operand = std::stoul((*it)[1].str());
    unsigned arg =
        operand < root->getNumOperands()
            ? cast<BlockArgument>(root->getOperand(operand)).getArgNumber()
            : operand;
    renamed += rootPart.substr(done, it->position() - done) + "in" +
               std::to_string(arg) + "[";
    done = it->position() + it->length();
  }
  k.body = renamed + rootPart.substr(done) + rest;
  return k.finish();
}

EmittedKernel mlir::kiln::emitCopyKernel(StringRef name, int64_t bytes) {
  Direct k;
  k.name = name.str();
  k.params = "const uint8_t *__restrict__ in0, uint8_t *__restrict__ out0, ";
  k.kinds = {rt::ParamKind::Pointer, rt::ParamKind::Pointer};
  k.threads = bytes;
  k.line("out0[linear] = in0[linear];");
  k.comment = "copy of a tied result into its argument's buffer";
  return k.finish();
}
