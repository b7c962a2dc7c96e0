//===- TransposeEmitter.cpp - lone transposes as tiled 2-D transposes -----===//
//
// A pointwise fusion that is nothing but a kiln.transpose of an input, whose
// permutation keeps a leading block of dimensions and swaps the two blocks
// after it, is a batched 2-D transpose: in [B, R, S] → out [B, S, R] (NCHW →
// NHWC is [N, C, H·W] → [N, H·W, C]). The generic pointwise kernel writes
// such a result in vectors but reads the input one element at a time, a
// stride of S apart; kiln_transpose.cuh's tiled kernel reads and writes
// whole 16-byte vectors and turns the tile in shared memory.
//
// Device header: kiln_transpose.cuh. Test: test/codegen/pointwise.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

#include "kiln/Dialect/Kiln/ShapeRules.h"

#include <array>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

namespace {

/// [B, R, S] of a transpose that is a batched 2-D transpose with R and S
/// whole 16-byte vectors, else nothing.
std::optional<std::array<int64_t, 3>> batchedTranspose(TransposeOp op) {
  auto x = tensorOf(op.getX());
  ArrayRef<int64_t> perm = op.getPerm(), shape = x.getShape();
  int64_t rank = x.getRank(), bytes = storageBytes(x.getElementType());
  if (bytes != 1 && bytes != 2 && bytes != 4)
    return std::nullopt;
  // perm = [0, …, a − 1, b, …, rank − 1, a, …, b − 1] for some a < b < rank.
  int64_t a = 0;
  while (a < rank && perm[a] == a)
    ++a;
  if (a == rank)
    return std::nullopt;
  int64_t b = perm[a];
  for (int64_t i = a; i < rank; ++i) {
    int64_t want = i - a < rank - b ? b + (i - a) : a + (i - a - (rank - b));
    if (perm[i] != want)
      return std::nullopt;
  }
  std::array<int64_t, 3> brs = {1, 1, 1};
  for (int64_t d = 0; d < rank; ++d)
    brs[d < a ? 0 : d < b ? 1 : 2] *= shape[d];
  int64_t v = 16 / bytes;
  if (brs[1] % v != 0 || brs[2] % v != 0 || brs[0] * brs[1] * brs[2] == 0 ||
      brs[0] > 65535 || (brs[1] + 63) / 64 > 65535 ||
      (brs[2] + 63) / 64 > 0x7fffffff)
    return std::nullopt;
  return brs;
}

} // namespace

std::optional<TransposeOp> mlir::kiln::codegen::tiledTransposeOf(FusionOp fusion) {
  Block &body = fusion.getBody().front();
  if (fusion.getNumResults() != 1 || !llvm::hasSingleElement(body.without_terminator()))
    return std::nullopt;
  auto op = dyn_cast<TransposeOp>(body.front());
  if (!op || !isa<BlockArgument>(op.getX()) || !batchedTranspose(op))
    return std::nullopt;
  return op;
}

FailureOr<EmittedKernel>
mlir::kiln::codegen::emitTiledTranspose(FusionOp fusion, TransposeOp op,
                                        StringRef name) {
  std::array<int64_t, 3> brs = *batchedTranspose(op);
  KernelWriter k(name.str(), fusion);
  k.include("kiln_transpose.cuh");
  k.fusionParams();
  // Moved as bits: an unsigned integer of the element's size.
  std::string bits =
      "uint" + str(8 * storageBytes(tensorOf(op.getX()).getElementType())) +
      "_t";
  k.line("kiln::transpose_tile<" + bits + ", " + str(brs[1]) + ", " +
         str(brs[2]) + ">(reinterpret_cast<const " + bits + " *>(" +
         k.buffer(op.getX()) + "), reinterpret_cast<" + bits + " *>(out0));");
  k.describe("transpose [" + str(brs[0]) + ", " + str(brs[1]) + ", " +
                 str(brs[2]) + "] -> [" + str(brs[0]) + ", " + str(brs[2]) +
                 ", " + str(brs[1]) + "] (perm " +
                 formatShape(op.getPerm()) + ")",
             "a block per 64 x 64 tile, 16-byte loads and stores, the tile "
             "turned in shared memory");
  LaunchShape launch;
  launch.block = 256;
  launch.grid[0] = static_cast<uint32_t>((brs[2] + 63) / 64);
  launch.grid[1] = static_cast<uint32_t>((brs[1] + 63) / 64);
  launch.grid[2] = static_cast<uint32_t>(brs[0]);
  return k.finish(launch);
}
