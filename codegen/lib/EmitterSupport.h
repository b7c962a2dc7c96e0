//===- EmitterSupport.h - what the kernel emitters share ------------------===//
//
// The family emitters (one file each: <Family>Emitter.cpp), the type and
// literal spellings of generated code, and the pointwise evaluation every
// family uses for fused epilogues and prologues.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_LIB_EMITTERSUPPORT_H
#define KILN_CODEGEN_LIB_EMITTERSUPPORT_H

#include "KernelWriter.h"

#include "kiln/Codegen/Codegen.h"

#include <string>

namespace mlir::kiln::codegen {

//===----------------------------------------------------------------------===//
// The family emitters (dispatched by KernelFamilies.cpp)
//===----------------------------------------------------------------------===//

/// A family emitter whose fusions are one kernel each.
using FamilyEmitter = FailureOr<EmittedKernel> (*)(FusionOp fusion,
                                                   StringRef name);
/// A fusion of one kernel, or the failure to emit it.
FailureOr<EmittedFusion> singleKernel(FailureOr<EmittedKernel> kernel);

/// A family emitter whose fusions may take several kernels.
using FusionEmitter = FailureOr<EmittedFusion> (*)(FusionOp fusion,
                                                   StringRef name);
FailureOr<EmittedKernel> emitPointwiseKernel(FusionOp fusion, StringRef name);
/// One kernel, or two for few long rows split across blocks (partial
/// statistics in the workspace, then the rows finished with them).
FailureOr<EmittedFusion> emitReductionFusion(FusionOp fusion, StringRef name);
FailureOr<EmittedKernel> emitGemmKernel(FusionOp fusion, StringRef name);
FailureOr<EmittedKernel> emitQmatmulKernel(FusionOp fusion, StringRef name);
/// The qmatmul kernel, or two for a split K (partial tiles in the
/// workspace, then their sum through the epilogue).
FailureOr<EmittedFusion> emitQmatmulFusion(FusionOp fusion, StringRef name);
FailureOr<EmittedKernel> emitConvolutionKernel(FusionOp fusion,
                                               StringRef name);
FailureOr<EmittedKernel> emitAttentionKernel(FusionOp fusion, StringRef name);
FailureOr<EmittedKernel> emitScanKernel(FusionOp fusion, StringRef name);
FailureOr<EmittedKernel> emitDataKernel(FusionOp fusion, StringRef name);

/// The transpose of a pointwise fusion made of one kiln.transpose of an
/// input that is a batched 2-D transpose of whole 16-byte vectors
/// (TransposeEmitter.cpp), which emitTiledTranspose turns in shared memory.
std::optional<TransposeOp> tiledTransposeOf(FusionOp fusion);
FailureOr<EmittedKernel> emitTiledTranspose(FusionOp fusion, TransposeOp op,
                                            StringRef name);

//===----------------------------------------------------------------------===//
// Spelling values of generated code
//===----------------------------------------------------------------------===//

/// The C++ storage type of an element type ("float", "__nv_bfloat16",
/// "uint8_t" for i1, ...).
std::string storageType(Type element);

/// The type a value is computed in: float for every float type, int64_t for
/// integers, bool for i1.
std::string computeType(Type element);

/// Bytes of one stored element (i1 is stored as a byte).
int64_t storageBytes(Type element);

/// Storage element `ref` of type `e` → its compute type.
std::string load(Type e, const std::string &ref);

/// A computed value → storage of element type `e` (rounding to nearest even).
std::string store(Type e, const std::string &v);

/// A float computed in f32 → rounded to a 16-bit element type `e` (still held
/// as float), so later ops see what storing it would keep; other types as is.
std::string roundToFloat16(Type e, const std::string &v);

/// An f32 literal: "(1.000000000e+00f)", "INFINITY", "NAN".
std::string floatLiteral(double v);

inline std::string str(int64_t v) { return std::to_string(v); }

/// "a - 3" / "a + 3": `base` plus a signed offset, as one would write it.
std::string plusOffset(const std::string &base, int64_t offset);

/// A constant array of the kernel, `static __device__ const TYPE name[] =
/// {…};`, for tables computed at compile time (rope frequencies, resize
/// taps). `type` is "int", "float" or "double" (doubles keep 17 digits).
std::string deviceTable(const std::string &type, const std::string &name,
                        ArrayRef<double> values);

/// "kiln.add, kiln.silu": the fusion's ops other than `except` and constants.
std::string opNames(FusionOp fusion, Operation *except = nullptr,
                    StringRef separator = ", ");

//===----------------------------------------------------------------------===//
// Pointwise evaluation inside other families' kernels
//===----------------------------------------------------------------------===//

/// Writes the statements evaluating `value` (defined in the fusion's body by
/// pointwise ops, or a block argument) at index `idx`, reading fusion inputs
/// `in<i>`; returns the variable holding it. With `root`, that value at
/// `idx` is already in `rootVar` (an epilogue on a kernel's own result).
FailureOr<std::string> emitPointwiseValue(KernelWriter &k, Value value,
                                          ArrayRef<Var> idx, Value root = {},
                                          const std::string &rootVar = "");

/// The stored value (in out0's storage type) of result element `idx` of a
/// kernel whose root computes `v` there: `v` itself, or the epilogue on it
/// when the fusion's first result is one (its statements written here).
FailureOr<std::string> resultValue(KernelWriter &k, Operation *root,
                                   const std::string &v, ArrayRef<Var> idx);

/// Finishes one element of a kernel whose root computes result element
/// `idx` (value `v` of the root's element type): stores it into out0 at
/// `linear`, or, when the fusion's first result is an epilogue on the root,
/// evaluates the epilogue on it and stores that.
LogicalResult storeResult(KernelWriter &k, Operation *root,
                          const std::string &v, ArrayRef<Var> idx,
                          const std::string &linear = "linear");

/// The indices in a result's shape of the elements of a vector of `lanes`
/// elements whose first has linear index `first`, a multiple of `lanes`.
/// A dimension whose stride is a multiple of `lanes` has one index for the
/// whole vector, unravelled from `first` where this is constructed (before
/// the loop over the lanes), so a broadcast side input along it is indexed
/// once per vector (and the compiler merges its lanes' loads); forLane
/// gives the others, per lane, from `linear`, inside the loop.
class VectorIndices {
public:
  VectorIndices(KernelWriter &k, ArrayRef<int64_t> shape, int64_t lanes,
                const Var &first);
  std::vector<Var> forLane(KernelWriter &k, const Var &linear) const;

private:
  SmallVector<int64_t> shape, strides;
  int64_t lanes;
  std::vector<Var> perVector;
};

/// Whether the fusion's first result is an epilogue computed from its root.
bool hasEpilogue(FusionOp fusion);

/// ", epilogue fused: kiln.add, kiln.silu" when the fusion has an epilogue
/// on `root`, else "".
std::string epilogueNote(FusionOp fusion, Operation *root);

/// Checks that the root reads only fusion inputs (no prologue), with one
/// diagnostic naming the family otherwise.
LogicalResult checkRootReadsInputs(FusionOp fusion, Operation *root,
                                   StringRef family);

//===----------------------------------------------------------------------===//
// Row reductions (ReductionEmitter.cpp, RowChunkEmitter.cpp)
//===----------------------------------------------------------------------===//

/// The rows of a reduction root: the shape its input is viewed as, the
/// reduced axes of that view, the row length and the row count.
struct ReductionRows {
  SmallVector<int64_t> shape, reduced;
  int64_t length = 1, count = 1;
};
ReductionRows reductionRowsOf(Operation *root);

/// How a block holds its rows' 16-byte vectors in registers: `threads` of
/// `vectors` vectors each, a chunk of `chunk` elements, `splits` chunks per
/// row (1: a block per row; more: the row is split across blocks and the
/// fusion takes two kernels).
struct RowChunkPlan {
  int64_t threads = 256, vectors = 1, chunk = 0, splits = 1;
};

/// The register-held plan for a reduction root over contiguous float rows
/// of `lanes`-element vectors, or nullopt where the strided block-per-row
/// kernel serves as well (rows too long for one block and enough of them
/// to fill the GPU, one value per row of a short row, other roots).
std::optional<RowChunkPlan> planRowChunks(Operation *root,
                                          const ReductionRows &rows,
                                          int64_t lanes);
FailureOr<EmittedFusion> emitRowChunks(FusionOp fusion, StringRef name,
                                       const ReductionRows &rows,
                                       const RowChunkPlan &plan,
                                       int64_t lanes);

//===----------------------------------------------------------------------===//
// Shared by the GEMM-shaped families (gemm, qmatmul, convolution)
//===----------------------------------------------------------------------===//

/// The tail of a GEMV (a warp per output column, `acc[row]` the lane's
/// partial sums of `rows` rows): folds each row's sum across the warp, and
/// lane 0 stores it through the epilogue, `linear` (an expression of `row`
/// and `col`) being the result element.
LogicalResult emitGemvStores(KernelWriter &k, Operation *root, int64_t rows,
                             const std::string &linear);

/// A tensor-core block tile of kiln_gemm.cuh (TileGeometry<mFrags,
/// warpsN>): 64 x 64, 128 x 64 (four warps, three stages) or 128 x 128
/// (eight warps, four stages).
struct TensorCoreTile {
  int mFrags = 2; // m16 fragments per warp: 2 (64 rows) or 4 (128)
  int warpsN = 2; // warps along N: 2 (64 columns) or 4 (128)

  int64_t rows() const { return 32 * mFrags; }
  int64_t cols() const { return 32 * warpsN; }
  uint32_t threads() const { return 64 * warpsN; }
  bool wide() const { return warpsN == 4; }
  /// The dynamic shared memory of its 16-bit stages
  /// (TileGeometry::kSharedBytes): per stage, A's rows and B's (as N x K
  /// rows, the larger of its layouts) of 40 elements.
  uint32_t dynamicSharedBytes() const {
    return static_cast<uint32_t>((wide() ? 4 : 3) * (rows() + cols()) * 40 * 2);
  }
  /// "128x64", as kiln.tile spells it.
  std::string name() const;
  /// The device templates' tile arguments: "4" (MFrags) or "4, 4" (MFrags,
  /// WarpsN).
  std::string args() const;
};

/// Sets the block, the dynamic shared memory of its 16-bit stages (when the
/// kernel runs gemm_block_tile_slabs: `sharedStages`) and, for the 8-warp
/// tile, the two blocks an SM must hold, which caps a thread at 128
/// registers.
void setTileLaunch(LaunchShape &launch, TensorCoreTile tile,
                   bool sharedStages);

/// The lanes of a 16-byte vector of a 2- or 4-byte float, in which a
/// staged epilogue stores results of type `stored`; 0 for other types,
/// which it does not stage.
int64_t stagedLanes(Type stored);

/// The tile of a tensor-core GEMM making `slices` (batch, groups) products
/// of `rows` x `cols`: kiln.tile on `op` when it asks for one (an error
/// naming the kernel `what` when the tile is not one it takes; `wide`: the
/// 128 x 128 tile is), else the widest that still gives every SM of a
/// 132-SM GPU a block, the 128-row tiles past 64 rows only.
FailureOr<TensorCoreTile> tensorCoreTile(Operation *op, int64_t rows,
                                         int64_t cols, int64_t slices,
                                         bool wide, StringRef what);

/// Refuses kiln.tile on `op`, whose kernel `what` has the fixed 64 x 64
/// tile (`fixed64`: kiln.tile = "64x64" is fine) or no tile at all.
LogicalResult checkNoTileRequest(Operation *op, StringRef what,
                                 bool fixed64 = false);

/// The tail of a tile kernel: a loop over the accumulators
/// acc[mFrags][4][4] in gemm_block_tile's layout (`tensorCores`) or
/// gemm_block_tile_f32's, with `row` / `col` the element's position from
/// m0 / n0, skipping rows >= `rows` and columns >= `cols`; the lines of
/// `index` declare `linear`, the root's result element of (row, col); then
/// the value goes through the epilogue, or is stored. `tile` is the
/// tensor-core tile (gemm_acc_row<mFrags, warpsN>). `indexType` is the type
/// of `row` and `col` (and of m0 / n0 in the kernel): "int" where the
/// caller knows the result's offsets fit 32 bits.
///
/// A tile whose 16-bit stages were in dynamic shared memory
/// (`sharedStages`, gemm_block_tile_slabs) stages the finished values there
/// once the pipeline has drained and stores them as 16-byte vectors when
/// the result's type is 2 or 4 bytes and `index` makes consecutive columns
/// (`alongRows`: rows) consecutive elements over runs of a vector's lanes:
/// the caller passes `vectorRun`, the length of those runs, which the
/// vectors must divide. Returns whether it staged.
FailureOr<bool> emitGemmTileStores(KernelWriter &k, Operation *root,
                                 bool tensorCores, int64_t rows, int64_t cols,
                                 const std::string &index,
                                 TensorCoreTile tile = {},
                                 const std::string &indexType = "int64_t",
                                 bool sharedStages = false,
                                 bool alongRows = false, int64_t vectorRun = 0);

} // namespace mlir::kiln::codegen

#endif // KILN_CODEGEN_LIB_EMITTERSUPPORT_H
