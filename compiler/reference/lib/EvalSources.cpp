//===- EvalSources.cpp - constant, iota, random_normal --------------------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

EvalResult evalConstant(kd::ConstantOp op) {
  RefTensor t(op.getType());
  auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
  if (!dense)
    return opError(op, "only dense literals are supported");
  Type element = dense.getElementType();
  int64_t i = 0;
  if (isa<FloatType>(element)) {
    for (APFloat v : dense.getValues<APFloat>()) {
      bool losesInfo;
      v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      t.data[i++] = v.convertToDouble();
    }
  } else {
    bool isBool = element.isInteger(1);
    for (APInt v : dense.getValues<APInt>())
      t.data[i++] = isBool ? double(v.getZExtValue())
                           : double(v.getSExtValue());
  }
  return Results{std::move(t)};
}

EvalResult evalIota(kd::IotaOp op) {
  RefTensor t(op.getType());
  int64_t dim = normAxis(static_cast<int64_t>(op.getDim()), t.rank());
  llvm::SmallVector<int64_t> index;
  for (int64_t i = 0; i < t.size(); ++i) {
    unravel(i, t.shape(), index);
    t.data[i] = static_cast<double>(index[dim]);
  }
  roundAll(t);
  return Results{std::move(t)};
}

/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2,
/// 3"): ten rounds, the key bumped by the Weyl constants between rounds.
void philox4x32_10(uint32_t counter[4], uint32_t key[2]) {
  constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
  constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kWeyl0;
      k1 += kWeyl1;
    }
    uint64_t p0 = static_cast<uint64_t>(kMul0) * counter[0];
    uint64_t p1 = static_cast<uint64_t>(kMul1) * counter[2];
    uint32_t hi0 = static_cast<uint32_t>(p0 >> 32), lo0 = static_cast<uint32_t>(p0);
    uint32_t hi1 = static_cast<uint32_t>(p1 >> 32), lo1 = static_cast<uint32_t>(p1);
    uint32_t next[4] = {hi1 ^ counter[1] ^ k0, lo1, hi0 ^ counter[3] ^ k1, lo0};
    for (int j = 0; j < 4; ++j)
      counter[j] = next[j];
  }
}

EvalResult evalRandomNormal(kd::RandomNormalOp op) {
  RefTensor t(op.getType());
  uint64_t seed = static_cast<uint64_t>(op.getSeed());
  double mean = op.getMean().convertToDouble();
  double std = op.getStd().convertToDouble();
  for (int64_t i = 0; i < t.size(); ++i) {
    uint64_t index = static_cast<uint64_t>(i);
    uint32_t counter[4] = {static_cast<uint32_t>(index),
                           static_cast<uint32_t>(index >> 32), 0, 0};
    uint32_t key[2] = {static_cast<uint32_t>(seed),
                       static_cast<uint32_t>(seed >> 32)};
    philox4x32_10(counter, key);
    double u1 = (static_cast<double>(counter[0] >> 8) + 1.0) * 0x1p-24;
    double u2 = static_cast<double>(counter[1] >> 8) * 0x1p-24;
    t.data[i] = mean + std * std::sqrt(-2.0 * std::log(u1)) *
                           std::cos(2.0 * M_PI * u2);
  }
  roundAll(t);
  return Results{std::move(t)};
}

} // namespace

std::optional<EvalResult> evalSourceOp(Operation *op, Operands) {
  return llvm::TypeSwitch<Operation *, std::optional<EvalResult>>(op)
      .Case([](kd::ConstantOp o) { return evalConstant(o); })
      .Case([](kd::IotaOp o) { return evalIota(o); })
      .Case([](kd::RandomNormalOp o) { return evalRandomNormal(o); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace kiln::ref
