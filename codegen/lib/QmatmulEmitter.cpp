//===- QmatmulEmitter.cpp - the qmatmul kernel family ---------------------===//
//
// qmatmul(x, q, scales) = x · dequantize(q, scales), blocks along K. x is a
// rows × K matrix (its leading dimensions flattened), q is N × K under
// transpose_b (a Linear weight) or K × N. The weight is dequantized where it
// is read — code · scale of its block, int4 codes unpacked from two per byte
// when the driver packed them — so the float weight never exists in memory
// and a decode step reads a quarter (int8) or an eighth (int4) of the bf16
// bytes plus the scales:
//
// - up to 8 rows against N × K codes: a warp per output column (the GEMV),
//   lanes reading 8-code chunks of the column's row (a chunk never crosses a
//   scale block: blocks are 32, 64 or 128 codes);
// - 16 rows or more, bf16 / f16 x against N x K codes in whole 16-byte
//   loads: kiln_gemm.cuh's tensor-core pipeline with kiln::QuantizedSlabs
//   (x by cp.async, the codes loaded 16 bytes at a time one slab ahead and
//   dequantized in registers, rounded to x's type). When its tiles are too
//   few to fill the GPU (16 rows against a 4096-wide weight: 64 blocks for
//   132 SMs), K is split too: `<name>_partials` runs the tiles over
//   slices of K, each storing its f32 partial tile to the workspace, and
//   `<name>` sums a result element's partials in slice order (the same sum
//   on every run) and applies the epilogue;
// - other shapes from 16 rows: the 64 × 64 gather tiles of kiln_gemm.cuh
//   with the dequantizing weight function — tensor cores for bf16 / f16 x,
//   CUDA cores for f32;
// - otherwise the direct kernel, one thread per output element.
//
// Device header: kiln_qmatmul.cuh. Test: test/codegen/qmatmul.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

struct QShape {
  int64_t rows, n, k, bs;
  bool tb, packed;

  /// The dequantized weight element (k index `kk`, n index `nn`) as float,
  /// codes in `q`, scales in `s`.
  std::string weight(const std::string &q, const std::string &s,
                     const std::string &kk, const std::string &nn) const {
    std::string e = tb ? "(" + nn + ") * " + str(k) + " + (" + kk + ")"
                       : "(" + kk + ") * " + str(n) + " + (" + nn + ")";
    std::string code = packed ? "kiln::int4_at(" + q + ", " + e + ")"
                              : "(float)" + q + "[" + e + "]";
    std::string scale =
        tb ? s + "[(" + nn + ") * " + str(k / bs) + " + (" + kk + ") / " +
                 str(bs) + "]"
           : s + "[((" + kk + ") / " + str(bs) + ") * " + str(n) + " + (" +
                 nn + ")]";
    return code + " * " + scale;
  }
};

LogicalResult emitGemv(QmatmulOp op, const QShape &s, KernelWriter &k,
                       LaunchShape &launch) {
  RankedTensorType x = tensorOf(op.getX());
  Type xe = x.getElementType();
  std::string in0 = k.buffer(op.getX()), in1 = k.buffer(op.getQ()),
              in2 = k.buffer(op.getScales()), rows = str(s.rows),
              kk = str(s.k);
  launch.block = 256;
  launch.grid[0] = static_cast<uint32_t>((s.n + 7) / 8);
  k.line("const int64_t col = (int64_t)blockIdx.x * 8 + threadIdx.x / 32;");
  k.line("const int lane = threadIdx.x % 32;");
  k.line("if (col >= " + str(s.n) + ") return; // a whole warp at once");
  k.line("float acc[" + rows + "] = {};");
  // 16 bytes of codes per lane and iteration (16 int8, 32 packed int4) when
  // whole chunks fit the scale blocks: one vector load of codes, x read in
  // 8-element vectors, the loops unrolled. Else 8 codes read one by one.
  int64_t chunk = s.packed ? 32 : 16;
  if (s.k % chunk == 0 && s.bs % chunk == 0 && isa<FloatType>(xe) &&
      storageBytes(xe) <= 4) {
    std::string c = str(chunk);
    k.open("for (int64_t p = lane * " + c + "; p < " + kk + "; p += " + str(32 * chunk) + ")");
    k.line("// " + c + " codes of one scale block: one 16-byte load, dequantized.");
    k.line("const float scale = " + in2 + "[col * " + str(s.k / s.bs) + " + p / " +
           str(s.bs) + "];");
    k.line("const kiln::Vec<int8_t, 16> codes = kiln::load_vec<16>(&" + in1 + "[(col * " + kk +
           " + p)" + (s.packed ? " / 2" : "") + "]);");
    k.line("float w[" + c + "];");
    k.line("#pragma unroll");
    k.open("for (int j = 0; j < 16; ++j)");
    if (s.packed) {
      k.line("const int byte = static_cast<unsigned char>(codes.v[j]);");
      k.line("w[2 * j] = (float)(((byte & 0xF) ^ 8) - 8) * scale; // low nibble first");
      k.line("w[2 * j + 1] = (float)(((byte >> 4) ^ 8) - 8) * scale;");
    } else {
      k.line("w[j] = (float)codes.v[j] * scale;");
    }
    k.close();
    k.line("#pragma unroll");
    k.open("for (int row = 0; row < " + rows + "; ++row)");
    k.line("#pragma unroll");
    k.open("for (int h = 0; h < " + c + "; h += 8)");
    k.line("const kiln::Vec<" + storageType(xe) + ", 8> xv = kiln::load_vec<8>(&" + in0 +
           "[row * " + kk + " + p + h]);");
    k.line("#pragma unroll");
    k.line("for (int j = 0; j < 8; ++j)");
    k.line("  acc[row] += " + load(xe, "xv.v[j]") + " * w[h + j];");
    k.close();
    k.close();
    k.close();
    return emitGemvStores(k, op, s.rows, "row * " + str(s.n) + " + col");
  }
  k.open("for (int64_t p = lane * 8; p < " + kk + "; p += 256)");
  k.line("// Eight codes of one scale block, dequantized.");
  k.line("const float scale = " + in2 + "[col * " + str(s.k / s.bs) +
         " + p / " + str(s.bs) + "];");
  k.line("float w[8];");
  k.line("for (int j = 0; j < 8; ++j)");
  k.line("  w[j] = " +
         (s.packed ? "kiln::int4_at(" + in1 + ", col * " + kk + " + p + j)"
                   : "(float)" + in1 + "[col * " + kk + " + p + j]") +
         " * scale;");
  k.line("for (int row = 0; row < " + rows + "; ++row)");
  k.line("  for (int j = 0; j < 8; ++j)");
  k.line("    acc[row] += " + load(xe, in0 + "[row * " + kk + " + p + j]") +
         " * w[j];");
  k.close();
  return emitGemvStores(k, op, s.rows, "row * " + str(s.n) + " + col");
}

/// Whether the tensor-core tile can read the codes with 16-byte loads
/// (kiln::QuantizedSlabs): a Linear weight (N x K codes), whole loads of 16
/// codes (32 packed) in every row and inside one scale block, and 32-bit
/// column indices.
bool vectorCodesFit(QmatmulOp op, const QShape &s) {
  Type xe = tensorOf(op.getX()).getElementType();
  int64_t codes = s.packed ? 32 : 16;
  return (xe.isBF16() || xe.isF16()) && s.tb && s.k % codes == 0 &&
         s.bs % codes == 0 && s.k + 64 < (int64_t(1) << 31);
}

/// The tensor-core tile over kiln::QuantizedSlabs: x by 16-byte cp.async,
/// the codes by 16-byte loads dequantized in registers, through
/// kiln_gemm.cuh's three-stage pipeline.
LogicalResult emitVectorCodesTile(QmatmulOp op, const QShape &s, int mFrags,
                                  KernelWriter &k, LaunchShape &launch) {
  bool bf16 = tensorOf(op.getX()).getElementType().isBF16();
  const TensorCoreTile tile{mFrags, 2};
  int64_t tileM = tile.rows();
  CodeBuffer &p = k.prelude();
  p.line("// The qmatmul's shape, as constants for kiln::QuantizedSlabs.");
  p.open("struct QmatmulShape");
  p.line("static constexpr int64_t rows = " + str(s.rows) + ";");
  p.line("static constexpr int n = " + str(s.n) + ", k = " + str(s.k) +
         ", bs = " + str(s.bs) + ";");
  p.close("};");
  setTileLaunch(launch, tile, /*sharedStages=*/true);
  launch.grid[0] = static_cast<uint32_t>((s.rows + tileM - 1) / tileM);
  launch.grid[1] = static_cast<uint32_t>((s.n + 63) / 64);
  k.line("const int64_t m0 = (int64_t)blockIdx.x * " + str(tileM) +
         ", n0 = (int64_t)blockIdx.y * 64;");
  k.line("kiln::QuantizedSlabs<QmatmulShape, " +
         std::string(bf16 ? "true" : "false") + ", " +
         (s.packed ? "true" : "false") + ", " + str(mFrags) + "> slabs(");
  k.line("    reinterpret_cast<const unsigned short *>(&" +
         k.buffer(op.getX()) + "[0]), &" + k.buffer(op.getQ()) + "[0], &" +
         k.buffer(op.getScales()) + "[0], m0, n0);");
  k.line("float acc[" + str(mFrags) + "][4][4];");
  k.line("kiln::gemm_block_tile_slabs<" + std::string(bf16 ? "true" : "false") +
         ", true, " + str(mFrags) + ">(slabs, " + str(s.k) + ", acc);");
  return emitGemmTileStores(k, op, /*tensorCores=*/true, s.rows, s.n,
                            "const int64_t linear = row * " + str(s.n) +
                                " + col;",
                            tile, "int64_t", /*sharedStages=*/true,
                            /*alongRows=*/false, /*vectorRun=*/s.n);
}

LogicalResult emitTiled(QmatmulOp op, const QShape &s, KernelWriter &k,
                        LaunchShape &launch) {
  Type xe = tensorOf(op.getX()).getElementType();
  bool tensorCores = !xe.isF32();
  std::string elem = storageType(xe);
  std::string ret = tensorCores ? "unsigned short" : "float";
  auto bits = [&](const std::string &v) {
    if (!tensorCores)
      return v;
    return std::string(xe.isBF16() ? "__bfloat16_as_ushort(__float2bfloat16_rn("
                                   : "__half_as_ushort(__float2half_rn(") +
           v + "))";
  };
  k.include("kiln_gemm.cuh");
  CodeBuffer &p = k.prelude();
  p.line("// x as a rows x K matrix.");
  p.open("struct QmatmulX");
  p.line("const " + elem + " *x;");
  p.open("KILN_DEVICE_INLINE " + ret +
         " operator()(int64_t m, int64_t k) const");
  p.line("return " +
         (tensorCores ? std::string(xe.isBF16() ? "__bfloat16_as_ushort("
                                                : "__half_as_ushort(") +
                            "x[m * " + str(s.k) + " + k])"
                      : "x[m * " + str(s.k) + " + k]") +
         ";");
  p.close();
  p.close("};");
  p.line("");
  p.line("// The weight, dequantized as it is read: code * block scale.");
  p.open("struct QmatmulW");
  p.line("const int8_t *q;");
  p.line("const float *s;");
  p.open("KILN_DEVICE_INLINE " + ret +
         " operator()(int64_t k, int64_t n) const");
  p.line("return " + bits(s.weight("q", "s", "k", "n")) + ";");
  p.close();
  p.close("};");
  launch.block = 128;
  launch.grid[0] = static_cast<uint32_t>((s.rows + 63) / 64);
  launch.grid[1] = static_cast<uint32_t>((s.n + 63) / 64);
  k.line("const int64_t m0 = (int64_t)blockIdx.x * 64, n0 = (int64_t)blockIdx.y "
         "* 64;");
  k.line("const QmatmulX a{&" + k.buffer(op.getX()) + "[0]};");
  k.line("const QmatmulW b{&" + k.buffer(op.getQ()) + "[0], &" +
         k.buffer(op.getScales()) + "[0]};");
  k.line("float acc[2][4][4];");
  if (tensorCores)
    k.line("kiln::gemm_block_tile_gather<" +
           std::string(xe.isBF16() ? "true" : "false") + ">(a, b, " +
           str(s.rows) + ", " + str(s.n) + ", " + str(s.k) + ", m0, n0, acc);");
  else // A walks k (x's rows are contiguous in k), B walks k too
    k.line("kiln::gemm_block_tile_f32_gather<false, false>(a, b, " +
           str(s.rows) + ", " + str(s.n) + ", " + str(s.k) + ", m0, n0, acc);");
  if (failed(checkNoTileRequest(op, "gathering block-dequantizing GEMM",
                                /*fixed64=*/true)))
    return failure();
  return emitGemmTileStores(k, op, tensorCores, s.rows, s.n,
                            "const int64_t linear = row * " + str(s.n) +
                                " + col;");
}

LogicalResult emitDirect(QmatmulOp op, const QShape &s, KernelWriter &k) {
  RankedTensorType r = tensorOf(op.getResult());
  Type xe = tensorOf(op.getX()).getElementType();
  k.openGridStrideLoop();
  std::vector<Var> idx = k.unravel(r.getShape(), Var::fixed("linear"));
  k.line("const int64_t row = linear / " + str(s.n) + ";");
  k.line("const int64_t col = linear % " + str(s.n) + ";");
  k.line("float acc = 0.0f;");
  k.line("for (int64_t p = 0; p < " + str(s.k) + "; ++p)");
  k.line("  acc += " + load(xe, k.buffer(op.getX()) + "[row * " + str(s.k) +
                                    " + p]") +
         " * " +
         s.weight(k.buffer(op.getQ()), k.buffer(op.getScales()), "p", "col") +
         ";");
  if (failed(storeResult(k, op, "acc", idx)))
    return failure();
  k.close();
  return success();
}

/// Blocks under which the vector-codes tile splits K: two per SM of a
/// 132-SM GPU. Splits aim at four blocks per SM, at most kMaxSplits, each
/// at least kMinSplitK deep so the three-stage pipeline has slabs to
/// overlap.
constexpr int64_t kSplitBlocksBelow = 264;
constexpr int64_t kSplitTargetBlocks = 528;
constexpr int64_t kMaxSplits = 8;
constexpr int64_t kMinSplitK = 256;

/// The K slice of each split of the vector-codes tile (a multiple of the
/// 32-column slab), or 0 when one pass over K is enough.
int64_t splitKSlice(const QShape &s, int64_t tileM) {
  int64_t blocks = ((s.rows + tileM - 1) / tileM) * ((s.n + 63) / 64);
  if (blocks >= kSplitBlocksBelow)
    return 0;
  int64_t splits = std::min({(kSplitTargetBlocks + blocks - 1) / blocks,
                             kMaxSplits, s.k / kMinSplitK});
  if (splits < 2)
    return 0;
  int64_t slice = (s.k + splits - 1) / splits;
  return (slice + 31) / 32 * 32;
}

/// The split-K vector-codes GEMM: partial tiles, then their sum through
/// the epilogue.
FailureOr<EmittedFusion> emitSplitK(FusionOp fusion, StringRef name,
                                    QmatmulOp op, const QShape &s,
                                    const std::string &what, int64_t slice,
                                    int mFrags) {
  bool bf16 = tensorOf(op.getX()).getElementType().isBF16();
  int64_t tileM = 32 * mFrags, splits = (s.k + slice - 1) / slice;
  std::string mf = str(mFrags), rowsN = str(s.rows), n = str(s.n);
  std::string resultElems = str(s.rows * s.n);
  EmittedFusion emitted;
  emitted.workspaceBytes =
      static_cast<uint64_t>(splits * s.rows * s.n) * sizeof(float);
  {
    KernelWriter k(name.str() + "_partials", fusion);
    k.include("kiln_qmatmul.cuh");
    k.fusionParams();
    k.pointerParam("float *__restrict__ workspace");
    CodeBuffer &p = k.prelude();
    p.line("// The qmatmul's shape, as constants for kiln::QuantizedSlabs.");
    p.open("struct QmatmulShape");
    p.line("static constexpr int64_t rows = " + rowsN + ";");
    p.line("static constexpr int n = " + n + ", k = " + str(s.k) +
           ", bs = " + str(s.bs) + ";");
    p.close("};");
    k.line("const int64_t m0 = (int64_t)blockIdx.x * " + str(tileM) +
           ", n0 = (int64_t)blockIdx.y * 64;");
    k.line("// This block's slice of K.");
    k.line("const int k0 = (int)blockIdx.z * " + str(slice) + ";");
    k.line("kiln::QuantizedSlabs<QmatmulShape, " +
           std::string(bf16 ? "true" : "false") + ", " +
           (s.packed ? "true" : "false") + ", " + mf + "> slabs(");
    k.line("    reinterpret_cast<const unsigned short *>(&" +
           k.buffer(op.getX()) + "[0]), &" + k.buffer(op.getQ()) + "[0], &" +
           k.buffer(op.getScales()) + "[0], m0, n0, k0);");
    k.line("float acc[" + mf + "][4][4];");
    // Every block runs a whole slice: a constant trip count, and no end
    // of its own to test (the loaders zero-fill past K, so the last
    // slice's tail adds zeros).
    k.line("kiln::gemm_block_tile_slabs<" +
           std::string(bf16 ? "true" : "false") + ", true, " + mf +
           ">(slabs, " + str(slice) + ", acc);");
    k.line("// The partial tile, unrounded, at split z of the workspace.");
    k.line("float *part = workspace + (int64_t)blockIdx.z * " + resultElems +
           ";");
    k.line("#pragma unroll");
    k.open("for (int mi = 0; mi < " + mf + "; ++mi)");
    k.line("#pragma unroll");
    k.open("for (int nj = 0; nj < 4; ++nj)");
    k.line("#pragma unroll");
    k.open("for (int e = 0; e < 4; ++e)");
    k.line("const int64_t row = m0 + kiln::gemm_acc_row<" + mf + ">(mi, e);");
    k.line("const int64_t col = n0 + kiln::gemm_acc_col(nj, e);");
    k.line("if (row < " + rowsN + " && col < " + n + ") part[row * " + n +
           " + col] = acc[mi][nj][e];");
    k.close();
    k.close();
    k.close();
    k.describe("partial tiles of a block-dequantizing GEMM (" + what + "; " +
                   str(tileM) + "x64 tiles, " + (bf16 ? "bf16" : "f16") +
                   " mma.sync, x by 16-byte cp.async, codes by 16-byte loads "
                   "dequantized in registers, 3 stages) over " +
                   str(splits) + " slices of K",
               "a block per " + str(tileM) + " x 64 output tile and slice of " +
                   str(slice) + " k; the partial tiles go to the workspace "
                   "for " + name.str());
    LaunchShape launch;
    setTileLaunch(launch, TensorCoreTile{mFrags, 2}, /*sharedStages=*/true);
    launch.grid[0] = static_cast<uint32_t>((s.rows + tileM - 1) / tileM);
    launch.grid[1] = static_cast<uint32_t>((s.n + 63) / 64);
    launch.grid[2] = static_cast<uint32_t>(splits);
    EmittedKernel kernel = k.finish(launch);
    kernel.flops = static_cast<uint64_t>(2 * s.rows * s.n * s.k);
    emitted.kernels.push_back(std::move(kernel));
  }
  {
    // The sum: a thread per vector of 8 result elements when rows are whole
    // vectors (16-byte loads of the partials, the result stored as one
    // vector), else per element.
    KernelWriter k(name.str(), fusion);
    k.include("kiln_pointwise.cuh");
    k.fusionParams();
    k.pointerParam("float *__restrict__ workspace");
    RankedTensorType r = tensorOf(op.getResult());
    Type out = tensorOf(fusion.getResult(0)).getElementType();
    int64_t lanes = s.n % 8 == 0 ? 8 : 1;
    std::string width = str(lanes), z = str(splits);
    k.itemsParam(s.rows * s.n / lanes);
    k.openGridStrideLoop("vec");
    if (lanes == 1) {
      std::vector<Var> idx = k.unravel(r.getShape(), Var::fixed("vec"));
      k.line("float acc = 0.0f;");
      k.line("#pragma unroll");
      k.line("for (int z = 0; z < " + z + "; ++z) acc += workspace[z * " +
             resultElems + "ll + vec];");
      if (failed(storeResult(k, op, "acc", idx, "vec")))
        return failure();
    } else {
      k.line("const int64_t first = vec * 8;");
      k.line("float acc[8] = {};");
      k.line("#pragma unroll");
      k.open("for (int z = 0; z < " + z + "; ++z)");
      k.line("#pragma unroll");
      k.open("for (int h = 0; h < 8; h += 4)");
      k.line("const kiln::Vec<float, 4> p = kiln::load_vec<4>(&workspace[z * " +
             resultElems + "ll + first + h]);");
      k.line("#pragma unroll");
      k.line("for (int j = 0; j < 4; ++j) acc[h + j] += p.v[j];");
      k.close();
      k.close();
      VectorIndices indices(k, r.getShape(), lanes, Var::fixed("first"));
      k.line("kiln::Vec<" + storageType(out) + ", 8> o;");
      k.line("#pragma unroll");
      k.open("for (int lane = 0; lane < 8; ++lane)");
      Var linear = k.lazy("int64_t", "linear", [] { return "first + lane"; });
      std::vector<Var> idx = indices.forLane(k, linear);
      FailureOr<std::string> value = resultValue(k, op, "acc[lane]", idx);
      if (failed(value))
        return failure();
      k.line("o.v[lane] = " + *value + ";");
      k.close();
      k.line("kiln::store_vec<8>(&out0[first], o);");
    }
    k.close();
    k.describe("block-dequantizing GEMM (" + what + ") finished: the " +
                   z + " partial tiles of " + name.str() + "_partials summed" +
                   epilogueNote(fusion, op),
               lanes > 1 ? "one thread per 8 output elements (16-byte loads)"
                         : "one thread per output element");
    emitted.kernels.push_back(
        k.finish(LaunchShape::gridStride(s.rows * s.n / lanes)));
  }
  return emitted;
}

QShape qshapeOf(FusionOp fusion, QmatmulOp op) {
  RankedTensorType x = tensorOf(op.getX()), r = tensorOf(op.getResult());
  QShape s;
  s.n = r.getDimSize(r.getRank() - 1);
  s.k = x.getDimSize(x.getRank() - 1);
  s.rows = s.k > 0 ? x.getNumElements() / s.k : 0;
  s.bs = static_cast<int64_t>(op.getBlockSize());
  s.tb = op.getTransposeB();
  // int4 codes the driver packed two per byte (kiln.packed_int4).
  auto param = fusion.getInputs()[cast<BlockArgument>(op.getQ()).getArgNumber()]
                   .getDefiningOp<ParamOp>();
  s.packed = param && param->hasAttr(KilnDialect::kPackedInt4Attr);
  return s;
}

/// Whether the tile kernels take the shape (16 rows and columns and K or
/// more, a float x, a grid in range).
bool tilesFit(QmatmulOp op, const QShape &s) {
  Type xe = tensorOf(op.getX()).getElementType();
  return s.rows >= 16 && s.n >= 16 && s.k >= 16 &&
         (xe.isF32() || xe.isBF16() || xe.isF16()) &&
         (s.rows + 63) / 64 <= 0x7fffffff && (s.n + 63) / 64 <= 65535;
}

/// m16 fragments per warp of the vector-codes tile (64 or 128 rows; it has
/// no 8-warp form).
FailureOr<int> vectorCodesMFrags(QmatmulOp op, const QShape &s) {
  FailureOr<TensorCoreTile> tile =
      tensorCoreTile(op, s.rows, s.n, 1, /*wide=*/false,
                     "block-dequantizing tensor-core GEMM");
  if (failed(tile))
    return failure();
  return tile->mFrags;
}

std::string describeCodes(QmatmulOp op, const QShape &s) {
  return "int" + str(static_cast<int64_t>(op.getBits())) +
         (s.packed ? " packed" : "") + ", block " + str(s.bs);
}

} // namespace

FailureOr<EmittedFusion>
mlir::kiln::codegen::emitQmatmulFusion(FusionOp fusion, StringRef name) {
  auto op = cast<QmatmulOp>(fusion.getRootOp());
  QShape s = qshapeOf(fusion, op);
  if (tilesFit(op, s) && vectorCodesFit(op, s)) {
    FailureOr<int> mFrags = vectorCodesMFrags(op, s);
    if (failed(mFrags))
      return failure();
    if (int64_t slice = splitKSlice(s, 32 * *mFrags))
      return emitSplitK(fusion, name, op, s, describeCodes(op, s), slice,
                        *mFrags);
  }
  return singleKernel(emitQmatmulKernel(fusion, name));
}

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitQmatmulKernel(FusionOp fusion, StringRef name) {
  auto op = cast<QmatmulOp>(fusion.getRootOp());
  RankedTensorType x = tensorOf(op.getX()), r = tensorOf(op.getResult());
  QShape s = qshapeOf(fusion, op);
  std::string what = describeCodes(op, s);

  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.include("kiln_qmatmul.cuh");
  k.fusionParams();
  k.itemsParam(r.getNumElements());
  LaunchShape launch = LaunchShape::gridStride(r.getNumElements());
  LogicalResult ok = failure();
  Type xe = x.getElementType();
  // The GEMV reads one scale per 8-code chunk: blocks must hold whole
  // chunks (the pass makes 32, 64 or 128; the contract allows any divisor
  // of K).
  if (s.tb && s.rows >= 1 && s.rows <= 8 && s.k % 8 == 0 && s.bs % 8 == 0 &&
      (s.n + 7) / 8 <= 0x7fffffff) {
    k.describe("block-dequantizing GEMV (" + what +
                   "; a warp per output column, codes dequantized in the "
                   "loop)" + epilogueNote(fusion, op),
               "a warp per output column");
    ok = failed(checkNoTileRequest(op, "block-dequantizing GEMV"))
             ? failure()
             : emitGemv(op, s, k, launch);
  } else if (tilesFit(op, s)) {
    if (vectorCodesFit(op, s)) {
      FailureOr<int> mFrags = vectorCodesMFrags(op, s);
      if (failed(mFrags))
        return failure();
      int64_t tileM = 32 * *mFrags;
      k.describe("block-dequantizing GEMM (" + what + "; " + str(tileM) +
                     "x64 tiles, " + (xe.isBF16() ? "bf16" : "f16") +
                     " mma.sync, x by 16-byte cp.async, codes by 16-byte "
                     "loads dequantized in registers, 3 stages)" +
                     epilogueNote(fusion, op),
                 "a block per " + str(tileM) + " x 64 output tile");
      ok = emitVectorCodesTile(op, s, *mFrags, k, launch);
    } else {
      k.describe("block-dequantizing GEMM (" + what + "; 64x64 tiles, " +
                     (xe.isF32() ? std::string("f32 CUDA cores")
                                 : std::string(xe.isBF16() ? "bf16" : "f16") +
                                       " mma.sync") +
                     ", the weight dequantized on its way into shared "
                     "memory)" +
                     epilogueNote(fusion, op),
                 "a block per 64 x 64 output tile");
      ok = emitTiled(op, s, k, launch);
    }
  } else {
    k.describe("block-dequantizing matmul (" + what + ", direct)" +
                   epilogueNote(fusion, op),
               "one thread per output element");
    ok = failed(checkNoTileRequest(op, "direct block-dequantizing kernel"))
             ? failure()
             : emitDirect(op, s, k);
  }
  if (failed(ok))
    return failure();
  EmittedKernel emitted = k.finish(launch);
  emitted.flops = static_cast<uint64_t>(2 * s.rows * s.n * s.k);
  return emitted;
}
