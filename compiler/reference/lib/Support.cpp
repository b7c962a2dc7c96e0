//===- Support.cpp - rounding, indexing and errors of the interpreter -----===//

#include "RefTensor.h"

#include "kiln/Runtime/Float16.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;

namespace kiln::ref {

rt::Error opError(Operation *op, const llvm::Twine &msg) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto loc = dyn_cast<FileLineColLoc>(op->getLoc()))
    os << loc.getFilename().getValue() << ":" << loc.getLine() << ":"
       << loc.getColumn() << ": ";
  os << "'" << op->getName().getStringRef() << "' op " << msg;
  return rt::Error(text);
}

double roundTo(Type elementType, double value) {
  if (elementType.isF32())
    return static_cast<double>(static_cast<float>(value));
  if (elementType.isBF16())
    return rt::bf16ToFloat(rt::doubleToBf16(value));
  if (elementType.isF16())
    return rt::f16ToFloat(rt::doubleToF16(value));
  unsigned width = elementType.getIntOrFloatBitWidth();
  if (width == 1)
    return value != 0 ? 1.0 : 0.0;
  if (width == 64)
    return value;
  // Wrap to the width, two's complement (values are exact integers here).
  double modulus = std::ldexp(1.0, width);
  double wrapped = std::fmod(value, modulus);
  if (wrapped < 0)
    wrapped += modulus;
  if (wrapped >= modulus / 2)
    wrapped -= modulus;
  return wrapped;
}

void roundAll(RefTensor &t) {
  Type element = t.elementType();
  for (double &v : t.data)
    v = roundTo(element, v);
}

llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

void unravel(int64_t linear, llvm::ArrayRef<int64_t> shape,
             llvm::SmallVectorImpl<int64_t> &index) {
  index.resize(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    index[d] = shape[d] ? linear % shape[d] : 0;
    linear = shape[d] ? linear / shape[d] : 0;
  }
}

int64_t broadcastIndex(llvm::ArrayRef<int64_t> resultIndex,
                       llvm::ArrayRef<int64_t> operandShape) {
  int64_t linear = 0;
  for (size_t d = 0; d < operandShape.size(); ++d)
    linear = linear * operandShape[d] +
             (operandShape[d] == 1 ? 0 : resultIndex[d]);
  return linear;
}

void maskedSoftmax(llvm::MutableArrayRef<double> logits,
                   llvm::ArrayRef<bool> allowed) {
  double m = -INFINITY;
  for (size_t j = 0; j < logits.size(); ++j)
    if (allowed[j])
      m = std::max(m, logits[j]);
  double sum = 0;
  for (size_t j = 0; j < logits.size(); ++j) {
    logits[j] = allowed[j] && m != -INFINITY ? std::exp(logits[j] - m) : 0.0;
    sum += logits[j];
  }
  for (double &p : logits)
    p = sum > 0 ? p / sum : 0.0;
}

} // namespace kiln::ref
