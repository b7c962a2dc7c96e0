//===- GemmEmitter.cpp - the gemm kernel family ---------------------------===//
//
// kiln.matmul with its fused elementwise epilogue, by shape:
//
// - GEMV: up to 8 rows against an N x K matrix (a Linear layer's weight,
//   transpose_b), the decode case: a warp per output column reads B's row in
//   8-element vector chunks, shuffles fold the sums, lane 0 runs the
//   epilogue;
// - tiles (kiln_gemm.cuh): a block per 64 x 64 output tile, grid z the
//   batch: tensor cores (mma.sync, ldmatrix, 3-stage cp.async) for bf16 /
//   f16, the CUDA-core tile for f32; the epilogue per accumulator element;
// - direct: one thread per output element for what fits neither (16-bit
//   with transposed A, tiny shapes, mixed types), f32 accumulation.
//
// The tile stores are shared with the qmatmul and convolution families,
// which run the same tiles over generated operand functions.
//
// Device header: kiln_gemm.cuh. Test: test/codegen/gemm.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// Offset of a rank-2 matrix inside `t` for the result batch indices `batch`
/// (numpy-broadcast from the right).
std::string batchBase(RankedTensorType t, ArrayRef<Var> batch) {
  int64_t tb = t.getRank() - 2, batchRank = static_cast<int64_t>(batch.size());
  std::string e = "0";
  for (int64_t d = 0; d < tb; ++d) {
    int64_t size = t.getDimSize(d);
    std::string idx = size == 1 ? "0" : batch[batchRank - tb + d].str();
    e = "(" + e + ") * " + str(size) + " + " + idx;
  }
  return "(" + e + ") * " +
         str(t.getDimSize(t.getRank() - 2) * t.getDimSize(t.getRank() - 1));
}

/// The matmul's sizes: M, N, K and the batch count.
struct GemmShape {
  int64_t m, n, k, batch;
};

GemmShape shapeOf(MatmulOp op) {
  RankedTensorType a = tensorOf(op.getA()), r = tensorOf(op.getResult());
  int64_t rank = r.getRank();
  GemmShape s;
  s.m = r.getDimSize(rank - 2);
  s.n = r.getDimSize(rank - 1);
  s.k = op.getTransposeA() ? a.getDimSize(a.getRank() - 2)
                           : a.getDimSize(a.getRank() - 1);
  s.batch = s.m > 0 && s.n > 0 ? r.getNumElements() / (s.m * s.n) : 0;
  return s;
}

/// Whether A must be read transposed. A one-row A ([..., K, 1] read as
/// [..., 1, K]) is the same memory either way, so `transpose_a` with M = 1
/// (Mamba's decode projections of channels-first activations) takes the
/// row-major kernels, the GEMV included, instead of the direct one.
bool transposedA(MatmulOp op) { return op.getTransposeA() && shapeOf(op).m != 1; }

std::string sizes(const GemmShape &s) {
  return str(s.m) + "x" + str(s.n) + "x" + str(s.k);
}

/// One thread per output element looping over K.
LogicalResult emitDirect(MatmulOp op, KernelWriter &k) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  GemmShape s = shapeOf(op);
  int64_t rank = r.getRank();
  bool ta = transposedA(op), tb = op.getTransposeB();
  k.itemsParam(r.getNumElements());
  k.openGridStrideLoop();
  std::vector<Var> idx = k.unravel(r.getShape(), Var::fixed("linear"));
  ArrayRef<Var> batch = ArrayRef<Var>(idx).drop_back(2);
  Var mi = idx[rank - 2], ni = idx[rank - 1];
  std::string in0 = k.buffer(op.getA()), in1 = k.buffer(op.getB());
  k.line("const int64_t abase = " + batchBase(a, batch) + ";");
  k.line("const int64_t bbase = " + batchBase(b, batch) + ";");
  k.line("float acc = 0.0f;");
  k.line("for (int64_t p = 0; p < " + str(s.k) + "; ++p)");
  k.line("  acc += " +
         load(a.getElementType(),
              in0 + "[abase + " +
                  (ta ? "p * " + str(s.m) + " + " + mi
                      : mi + " * " + str(s.k) + " + p") +
                  "]") +
         " * " +
         load(b.getElementType(),
              in1 + "[bbase + " +
                  (tb ? ni + " * " + str(s.k) + " + p"
                      : "p * " + str(s.n) + " + " + ni) +
                  "]") +
         ";");
  if (failed(storeResult(k, op, "acc", idx)))
    return failure();
  k.close();
  k.describe("matmul " + sizes(s) + " (f32 accumulation)" +
                 epilogueNote(k.fusion(), op),
             "one thread per output element");
  return success();
}

/// Decode-sized matmuls against an N x K matrix (a Linear layer's weight,
/// transpose_b): up to 8 rows of A, where a 64-row tile would idle and the
/// one-thread-per-output kernel would read B's rows with a stride.
bool gemvFits(MatmulOp op) {
  GemmShape s = shapeOf(op);
  Type e = tensorOf(op.getA()).getElementType();
  return op.getTransposeB() && !transposedA(op) && s.m >= 1 && s.m <= 8 &&
         isa<FloatType>(e) && e == tensorOf(op.getB()).getElementType() &&
         s.batch >= 1 && s.batch <= 65535 && (s.n + 7) / 8 <= 0x7fffffff;
}

/// One warp per output column: the lanes read B's row (contiguous K) and
/// A's rows in chunks of 8 elements — 16-byte loads (two for f32) when K is
/// a multiple of 8, the loop unrolled four times — multiply them into the
/// (at most 8) rows of A, and fold the partial sums with xor shuffles; lane
/// 0 runs the epilogue and stores.
LogicalResult emitGemv(MatmulOp op, KernelWriter &k, LaunchShape &launch) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  GemmShape s = shapeOf(op);
  Type e = a.getElementType();
  std::string elem = storageType(e), m = str(s.m), kk = str(s.k);
  launch.block = 256;
  launch.grid[0] = static_cast<uint32_t>((s.n + 7) / 8);
  launch.grid[1] = static_cast<uint32_t>(s.batch);
  k.itemsParam(r.getNumElements());
  k.line("const int64_t batch = blockIdx.y;");
  std::vector<Var> batch =
      k.unravel(r.getShape().drop_back(2), Var::fixed("batch"), "b");
  k.line("const int64_t col = (int64_t)blockIdx.x * 8 + threadIdx.x / 32;");
  k.line("const int lane = threadIdx.x % 32;");
  k.line("if (col >= " + str(s.n) + ") return; // a whole warp at once");
  k.line("const " + elem + " *arow = &" + k.buffer(op.getA()) + "[" +
         batchBase(a, batch) + "];");
  k.line("const " + elem + " *brow = &" + k.buffer(op.getB()) + "[" +
         batchBase(b, batch) + " + col * " + kk + "];");
  k.line("float acc[" + m + "] = {};");
  if (s.k % 8 == 0 && storageBytes(e) <= 4) {
    // 8 elements of B's row and of each A row per lane and iteration, as
    // 16-byte loads (two for f32), the loop unrolled so several are in
    // flight.
    std::string vec = "kiln::Vec<" + elem + ", 8>";
    k.line("#pragma unroll 4");
    k.open("for (int64_t p = lane * 8; p < " + kk + "; p += 256)");
    k.line("const " + vec + " wv = kiln::load_vec<8>(&brow[p]);");
    k.line("#pragma unroll");
    k.open("for (int row = 0; row < " + m + "; ++row)");
    k.line("const " + vec + " xv = kiln::load_vec<8>(&arow[row * " + kk +
           " + p]);");
    k.line("#pragma unroll");
    k.line("for (int j = 0; j < 8; ++j)");
    k.line("  acc[row] += " + load(e, "xv.v[j]") + " * " + load(e, "wv.v[j]") +
           ";");
    k.close();
    k.close();
  } else {
    k.open("for (int64_t p = lane * 8; p < " + kk + "; p += 256)");
    k.line("float w[8];");
    k.line("for (int j = 0; j < 8; ++j)");
    k.line("  w[j] = p + j < " + kk + " ? " + load(e, "brow[p + j]") +
           " : 0.0f;");
    k.line("for (int row = 0; row < " + m + "; ++row)");
    k.line("  for (int j = 0; j < 8 && p + j < " + kk + "; ++j)");
    k.line("    acc[row] += " + load(e, "arow[row * " + kk + " + p + j]") +
           " * w[j];");
    k.close();
  }
  if (failed(emitGemvStores(k, op, s.m,
                            "(batch * " + m + " + row) * " + str(s.n) +
                                " + col")))
    return failure();
  k.describe("matmul " + sizes(s) +
                 " as a GEMV (a warp per output column, B's rows read in "
                 "8-element chunks, f32 accumulation)" +
                 epilogueNote(k.fusion(), op),
             "a warp per output column");
  return success();
}

/// The second half of a staged epilogue: after the line `barrier` makes the
/// staged tile (`lines` lines of `lineLength` values of type `elem`,
/// `pitch` apart, a line per tile row or, `alongRows`, column) visible,
/// thread `thread` of `threads` stores 16-byte vectors of `lanes` values,
/// consecutive threads on consecutive vectors, skipping those past `rows`
/// or `cols`; `index` declares the vector's first `linear`.
void emitStagedStores(KernelWriter &k, const std::string &barrier,
                      const std::string &thread, int64_t threads,
                      int64_t lines, int64_t lineLength, int64_t pitch,
                      int64_t lanes, const std::string &elem, int64_t rows,
                      int64_t cols, const std::string &index,
                      const std::string &indexType, bool alongRows) {
  int64_t perLine = lineLength / lanes;
  k.line(barrier);
  k.open("for (int v = " + thread + "; v < " + str(lines * perLine) +
         "; v += " + str(threads) + ")");
  k.line("const int line = v / " + str(perLine) + ", at = (v % " +
         str(perLine) + ") * " + str(lanes) + ";");
  k.line("const " + indexType + " row = m0 + " +
         (alongRows ? "at" : "line") + ", col = n0 + " +
         (alongRows ? "line" : "at") + ";");
  k.line("if (row >= " + str(rows) + " || col >= " + str(cols) + ") continue;");
  k.body().lines(index);
  k.line("kiln::store_vec<" + str(lanes) + ">(&out0[linear], "
         "*reinterpret_cast<const kiln::Vec<" + elem + ", " + str(lanes) +
         "> *>(&staged[line * " + str(pitch) + " + at]));");
  k.close();
}

/// kiln.tile's name for the Hopper kernel (kiln_gemm_sm90.cuh).
constexpr llvm::StringLiteral kHopperTile = "128x128_sm90a";

/// The warp-specialized sm_90a tile (kiln_gemm_sm90.cuh): TMA into a
/// four-stage mbarrier ring, wgmma on two consumer warpgroups, the
/// epilogue per accumulator. Takes x · Wᵀ in bf16 or f16 (A row-major, B
/// N x K, one batch, K a multiple of 8 so rows are 16-byte strides).
LogicalResult emitHopper(MatmulOp op, KernelWriter &k, LaunchShape &launch) {
  GemmShape s = shapeOf(op);
  Type e = tensorOf(op.getA()).getElementType();
  if (!KilnDialect::fitsHopperGemm(op))
    return op.emitOpError()
           << "kiln.tile = \"" << kHopperTile
           << "\" takes a bf16 or f16 x · Wᵀ (transpose_b, A not transposed, "
              "one W for every batch, K a multiple of 8); this matmul is "
           << sizes(s) << " with " << s.batch << " batch(es)"
           << (op.getTransposeB() ? "" : ", B not transposed");
  // One W for every batch: the batches' rows are one tall A.
  s.m *= s.batch;
  k.include("kiln_gemm_sm90.cuh");
  auto operandMap = [&](Value operand, int64_t rows) {
    ::kiln::tensormap::Layout2d l;
    l.elementBytes = 2;
    l.dims[0] = static_cast<uint64_t>(s.k);
    l.dims[1] = static_cast<uint64_t>(rows);
    l.rowStrideBytes = static_cast<uint64_t>(s.k) * 2;
    l.box[0] = 64;  // 128 bytes: the swizzle's span
    l.box[1] = 128; // a tile's rows
    l.swizzle = 3;
    k.tensorMapParam(operand == op.getA() ? "mapA" : "mapB",
                     cast<BlockArgument>(operand).getArgNumber(), l);
  };
  operandMap(op.getA(), s.m);
  operandMap(op.getB(), s.n);
  launch.block = 384;
  launch.minBlocks = 1;
  launch.sharedBytes = 4 * 2 * 128 * 64 * 2 + 2 * 4 * 8 + 1024; // kSm90SharedBytes
  // Row tiles on x (its 2³¹ − 1 blocks); consecutive blocks share W's tile.
  launch.grid[0] = static_cast<uint32_t>((s.m + 127) / 128);
  launch.grid[1] = static_cast<uint32_t>((s.n + 127) / 128);
  k.line("const int m0 = blockIdx.x * 128, n0 = blockIdx.y * 128;");
  k.line("float acc[64];");
  k.line("if (!kiln::gemm_tile_sm90<" +
         std::string(e.isBF16() ? "true" : "false") + ">(&mapA, &mapB, " +
         str((s.k + 63) / 64) + ", m0, n0, acc))");
  k.line("  return; // the producer warpgroup");
  k.line("const int consumer = threadIdx.x / 128 - 1;");
  // The finished tile goes through the stages' memory into 16-byte stores
  // when rows are whole vectors of a 2- or 4-byte float.
  Type stored = tensorOf(k.fusion()->getResult(0)).getElementType();
  int64_t lanes = stagedLanes(stored);
  bool staged = lanes && s.n % lanes == 0;
  int64_t pitch = 128 + lanes; // 16 bytes of padding: distinct banks
  std::string elem = storageType(stored);
  std::string index = "const int64_t linear = row * " + str(s.n) + " + col;";
  if (staged) {
    k.line("kiln::named_barrier_sync(1, 256); // both consumers are done "
           "with every stage");
    k.line(elem + " *staged = reinterpret_cast<" + elem +
           " *>(kiln::sm90_stages());");
  }
  k.line("#pragma unroll");
  k.open("for (int i = 0; i < 64; ++i)");
  k.line("const int64_t row = m0 + 64 * consumer + kiln::sm90_acc_row(i), "
         "col = n0 + kiln::sm90_acc_col(i);");
  k.line("if (row >= " + str(s.m) + " || col >= " + str(s.n) + ") continue;");
  k.line(index);
  if (staged)
    k.line("(void)linear; // an epilogue's side inputs may read it");
  std::vector<Var> idx = k.unravel(tensorOf(op.getResult()).getShape(),
                                   Var::fixed("linear"));
  k.line("const float value = acc[i];");
  if (!staged) {
    if (failed(storeResult(k, op, "value", idx)))
      return failure();
  } else {
    FailureOr<std::string> value = resultValue(k, op, "value", idx);
    if (failed(value))
      return failure();
    k.line("staged[(row - m0) * " + str(pitch) + " + (col - n0)] = " +
           *value + ";");
  }
  k.close();
  if (staged)
    emitStagedStores(k, "kiln::named_barrier_sync(1, 256); // the tile is staged",
                     "(threadIdx.x - 128)", 256, 128, 128, pitch, lanes, elem,
                     s.m, s.n, index, "int64_t", /*alongRows=*/false);
  k.describe("matmul " + sizes(s) + " on sm_90a tensor cores (" +
                 (e.isBF16() ? "bf16" : "f16") +
                 " wgmma m64n128k16, 128x128 tiles, TMA into a 4-stage "
                 "mbarrier ring, a producer and two consumer warpgroups, "
                 "f32 accumulation" +
                 (staged ? ", 16-byte stores staged in shared memory" : "") +
                 ")" +
                 epilogueNote(k.fusion(), op),
             "a block per 128 x 128 output tile");
  return success();
}

/// Which tiled main loop of kiln_gemm.cuh a matmul takes, if any.
enum class TiledGemm { None, TensorCore, Tf32, F32 };

/// Tiles pay off from one 16 x 16 x 16 block of work up, and the grid must
/// fit CUDA's y and z limits. The tensor-core path takes bf16 × bf16 or
/// f16 × f16 with A not transposed and every 16-byte copy inside one row (K,
/// and N when B is K x N, multiples of 8); f32 × f32 takes the TF32 tile
/// when the op is marked kiln.tf32, else the CUDA-core tile, in any
/// layout. Everything else keeps the direct kernel.
TiledGemm tiledGemmFor(MatmulOp op) {
  Type e = tensorOf(op.getA()).getElementType();
  if (e != tensorOf(op.getB()).getElementType())
    return TiledGemm::None;
  GemmShape s = shapeOf(op);
  if (s.m < 16 || s.n < 16 || s.k < 16 || (s.m + 63) / 64 > 65535 ||
      s.batch < 1 || s.batch > 65535)
    return TiledGemm::None;
  if (e.isF32())
    return op->hasAttr(KilnDialect::kTf32Attr) ? TiledGemm::Tf32
                                               : TiledGemm::F32;
  if ((e.isBF16() || e.isF16()) && !transposedA(op) && s.k % 8 == 0 &&
      (op.getTransposeB() || s.n % 8 == 0))
    return TiledGemm::TensorCore;
  return TiledGemm::None;
}

/// A block per 64 x 64 output tile (grid z: the batch); the main loop is the
/// device library's, the epilogue runs per accumulator element.
LogicalResult emitTiled(MatmulOp op, TiledGemm kind, KernelWriter &k,
                        LaunchShape &launch) {
  RankedTensorType a = tensorOf(op.getA()), b = tensorOf(op.getB()),
                   r = tensorOf(op.getResult());
  GemmShape s = shapeOf(op);
  bool tensorCores = kind == TiledGemm::TensorCore;
  bool tf32 = kind == TiledGemm::Tf32;
  // TF32 with both operands K-contiguous (x · Wᵀ, a Linear layer) copies
  // its slabs by cp.async, as the 16-bit tile does; other layouts gather.
  bool tf32Slabs = tf32 && !transposedA(op) && op.getTransposeB() &&
                   s.k % 4 == 0;
  TensorCoreTile tile;
  if (tensorCores || tf32Slabs) {
    FailureOr<TensorCoreTile> chosen =
        tensorCoreTile(op, s.m, s.n, s.batch, /*wide=*/tensorCores,
                       tensorCores ? "tensor-core GEMM" : "TF32 GEMM");
    if (failed(chosen))
      return failure();
    tile = *chosen;
  } else if (failed(checkNoTileRequest(op, tf32 ? "gathering TF32 GEMM"
                                                : "CUDA-core f32 GEMM",
                                       /*fixed64=*/true))) {
    return failure();
  }
  int mFrags = tile.mFrags;
  int64_t tileM = tile.rows(), tileN = tile.cols();
  setTileLaunch(launch, tile, /*sharedStages=*/tensorCores);
  launch.grid[0] = static_cast<uint32_t>((s.n + tileN - 1) / tileN);
  launch.grid[1] = static_cast<uint32_t>((s.m + tileM - 1) / tileM);
  launch.grid[2] = static_cast<uint32_t>(s.batch);
  k.itemsParam(r.getNumElements());
  auto flag = [](bool v) { return std::string(v ? "true" : "false"); };
  k.line("const int64_t batch = blockIdx.z;");
  std::vector<Var> batch =
      k.unravel(r.getShape().drop_back(2), Var::fixed("batch"), "b");
  k.line("const int64_t m0 = (int64_t)blockIdx.y * " + str(tileM) +
         ", n0 = (int64_t)blockIdx.x * " + str(tileN) + ";");
  k.line("float acc[" + str(mFrags) + "][4][4];");
  std::string aPtr = "&" + k.buffer(op.getA()) + "[" + batchBase(a, batch) + "]",
              bPtr = "&" + k.buffer(op.getB()) + "[" + batchBase(b, batch) + "]";
  if (tensorCores) {
    k.line("kiln::gemm_block_tile<" + flag(a.getElementType().isBF16()) + ", " +
           flag(op.getTransposeB()) + ", " + tile.args() + ">(");
    k.line("    reinterpret_cast<const unsigned short *>(" + aPtr + "),");
    k.line("    reinterpret_cast<const unsigned short *>(" + bPtr + "),");
  } else if (tf32Slabs) {
    k.line("kiln::gemm_block_tile_tf32_bt<" + str(mFrags) + ">(");
    k.line("    " + aPtr + ",");
    k.line("    " + bPtr + ",");
  } else {
    k.line(std::string(tf32 ? "kiln::gemm_block_tile_tf32<"
                            : "kiln::gemm_block_tile_f32<") +
           flag(transposedA(op)) + ", " + flag(op.getTransposeB()) + ">(");
    k.line("    " + aPtr + ",");
    k.line("    " + bPtr + ",");
  }
  k.line("    " + str(s.m) + ", " + str(s.n) + ", " + str(s.k) +
         ", m0, n0, acc);");
  FailureOr<bool> staged = emitGemmTileStores(
          k, op, tensorCores || tf32, s.m, s.n,
          "const int64_t linear = (batch * " + str(s.m) + " + row) * " +
              str(s.n) + " + col;",
          tile, "int64_t", /*sharedStages=*/tensorCores, /*alongRows=*/false,
          /*vectorRun=*/s.n);
  if (failed(staged))
    return failure();
  k.describe(
      "matmul " + sizes(s) +
          (tensorCores
               ? std::string(" on tensor cores (") +
                     (a.getElementType().isBF16() ? "bf16" : "f16") +
                     " mma.sync, " + tile.name() + " tiles, " +
                     (tile.wide() ? "8 warps, 4" : "3") +
                     "-stage cp.async, f32 accumulation" +
                     (*staged ? ", 16-byte stores staged in shared memory"
                              : "") +
                     ")"
           : tf32Slabs
               ? " on tensor cores (tf32 mma.sync, " + str(tileM) +
                     "x64 tiles, 3-stage cp.async, f32 accumulation)"
           : tf32 ? std::string(" on tensor cores (tf32 mma.sync, 64x64 "
                                "tiles, gathered slabs, f32 accumulation)")
                  : std::string(" on CUDA cores (64x64 tiles through shared "
                                "memory, 8x4 per thread, f32)")) +
          epilogueNote(k.fusion(), op),
      "a block per " + str(tileM) + " x " + str(tileN) + " output tile");
  return success();
}

} // namespace

LogicalResult mlir::kiln::codegen::emitGemvStores(KernelWriter &k,
                                                  Operation *root,
                                                  int64_t rows,
                                                  const std::string &linear) {
  std::string m = str(rows);
  k.line("for (int row = 0; row < " + m + "; ++row)");
  k.line("  for (int offset = 16; offset > 0; offset /= 2)");
  k.line("    acc[row] += __shfl_xor_sync(0xffffffffu, acc[row], offset);");
  k.line("if (lane != 0) return;");
  k.open("for (int row = 0; row < " + m + "; ++row)");
  k.line("const int64_t linear = " + linear + ";");
  std::vector<Var> idx = k.unravel(tensorOf(root->getResult(0)).getShape(),
                                   Var::fixed("linear"));
  k.line("const float value = acc[row];");
  if (failed(storeResult(k, root, "value", idx)))
    return failure();
  k.close();
  return success();
}

FailureOr<bool> mlir::kiln::codegen::emitGemmTileStores(
    KernelWriter &k, Operation *root, bool tensorCores, int64_t rows,
    int64_t cols, const std::string &index, TensorCoreTile tile,
    const std::string &indexType, bool sharedStages, bool alongRows,
    int64_t vectorRun) {
  RankedTensorType result = tensorOf(root->getResult(0));
  Type stored = tensorOf(k.fusion()->getResult(0)).getElementType();
  // 16-byte vectors of `lanes` elements, each wholly inside or outside the
  // result and one run of consecutive elements.
  int64_t lanes = stagedLanes(stored);
  bool staged = tensorCores && sharedStages && lanes &&
                vectorRun % lanes == 0 &&
                (alongRows ? rows : cols) % lanes == 0;
  // The staging tile: a line per tile row (column when alongRows) of its
  // values and 16 bytes of padding, so a warp's scattered stores of its
  // fragments and its 16-byte reads fall in distinct banks. It reuses the
  // main loop's dynamic shared memory, idle once the pipeline has drained
  // (and large enough: a 128 x 64 tile of f32 is 34 KB of its 45).
  int64_t lineLength = alongRows ? tile.rows() : tile.cols();
  int64_t lines = alongRows ? tile.cols() : tile.rows();
  int64_t pitch = lineLength + lanes;
  assert(!staged ||
         lines * pitch * (16 / lanes) <= int64_t(tile.dynamicSharedBytes()));
  std::string elem = storageType(stored);
  if (staged)
    k.line("KILN_DYNAMIC_SHARED(" + elem + ", staged);");
  // Unrolled, so acc[mi][nj][e] stays in registers: a loop indexing the
  // accumulator array at run time puts it in local memory.
  k.line("#pragma unroll");
  k.open("for (int mi = 0; mi < " + str(tensorCores ? tile.mFrags : 2) +
         "; ++mi)");
  k.line("#pragma unroll");
  k.open("for (int nj = 0; nj < 4; ++nj)");
  k.line("#pragma unroll");
  k.open("for (int e = 0; e < 4; ++e)");
  std::string rowArgs =
      tile.wide() ? "<" + tile.args() + ">"
      : tile.mFrags == 2 ? ""
                         : "<" + str(tile.mFrags) + ">";
  k.line("const " + indexType + " row = m0 + " +
         (tensorCores ? "kiln::gemm_acc_row" + rowArgs + "(mi, e);"
                      : std::string("kiln::gemm_f32_acc_row(mi, nj);")));
  k.line("const " + indexType + " col = n0 + " +
         (tensorCores ? std::string(tile.wide() ? "kiln::gemm_acc_col<4>"
                                                : "kiln::gemm_acc_col") +
                            "(nj, e);"
                      : "kiln::gemm_f32_acc_col(e);"));
  k.line("if (row >= " + str(rows) + " || col >= " + str(cols) + ") continue;");
  // Staged values need their index only for an epilogue's side inputs,
  // which it may not have.
  if (!staged) {
    k.body().lines(index);
  } else if (hasEpilogue(k.fusion())) {
    k.body().lines(index);
    k.line("(void)linear;");
  }
  std::vector<Var> idx = k.unravel(result.getShape(), Var::fixed("linear"));
  k.line("const float value = acc[mi][nj][e];");
  if (!staged) {
    if (failed(storeResult(k, root, "value", idx)))
      return failure();
    k.close();
    k.close();
    k.close();
    return false;
  }
  FailureOr<std::string> value = resultValue(k, root, "value", idx);
  if (failed(value))
    return failure();
  k.line("staged[" +
         std::string(alongRows ? "(col - n0) * " + str(pitch) + " + (row - m0)"
                               : "(row - m0) * " + str(pitch) + " + (col - n0)") +
         "] = " + *value + ";");
  k.close();
  k.close();
  k.close();
  emitStagedStores(k, "__syncthreads(); // the tile is staged", "threadIdx.x",
                   tile.threads(), lines, lineLength, pitch, lanes, elem, rows,
                   cols, index, indexType, alongRows);
  return true;
}

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitGemmKernel(FusionOp fusion, StringRef name) {
  auto op = cast<MatmulOp>(fusion.getRootOp());
  KernelWriter k(name.str(), fusion);
  k.include("kiln_pointwise.cuh");
  k.fusionParams();
  LaunchShape launch;
  LogicalResult ok = failure();
  auto asked = op->getAttrOfType<StringAttr>(KilnDialect::kTileAttr);
  if (asked && asked.getValue() == kHopperTile) {
    ok = emitHopper(op, k, launch);
  } else if (gemvFits(op)) {
    ok = failed(checkNoTileRequest(op, "GEMV")) ? failure()
                                                 : emitGemv(op, k, launch);
  } else if (TiledGemm kind = tiledGemmFor(op); kind != TiledGemm::None) {
    k.include("kiln_gemm.cuh");
    ok = emitTiled(op, kind, k, launch);
  } else {
    launch = LaunchShape::gridStride(tensorOf(op.getResult()).getNumElements());
    ok = failed(checkNoTileRequest(op, "direct matmul kernel"))
             ? failure()
             : emitDirect(op, k);
  }
  if (failed(ok))
    return failure();
  EmittedKernel emitted = k.finish(launch);
  GemmShape s = shapeOf(op);
  emitted.flops = static_cast<uint64_t>(2 * s.batch * s.m * s.n * s.k);
  return emitted;
}
