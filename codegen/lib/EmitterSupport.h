//===- EmitterSupport.h - pieces shared by the kernel emitters ------------===//

#ifndef KILN_CODEGEN_LIB_EMITTERSUPPORT_H
#define KILN_CODEGEN_LIB_EMITTERSUPPORT_H

#include "kiln/Codegen/Codegen.h"

#include <string>

namespace mlir::kiln::emit {

inline RankedTensorType tensorOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Storage element `ref` → its compute type (float / int64_t / bool).
inline std::string load(Type e, const std::string &ref) {
  if (e.isF32())
    return ref;
  if (e.isBF16())
    return "__bfloat162float(" + ref + ")";
  if (e.isF16())
    return "__half2float(" + ref + ")";
  if (e.isInteger(1))
    return "(" + ref + " != 0)";
  return "(int64_t)" + ref;
}

/// A computed value → storage of element type `e` (rounding to nearest even).
inline std::string store(Type e, const std::string &v) {
  if (e.isF32())
    return v;
  if (e.isBF16())
    return "__float2bfloat16_rn(" + v + ")";
  if (e.isF16())
    return "__float2half_rn(" + v + ")";
  if (e.isInteger(1))
    return "(uint8_t)(" + v + " ? 1 : 0)";
  return "(" + storageType(e) + ")(" + v + ")";
}

/// Declarations `const int64_t i0 = …;` unravelling `linear` over `shape`.
inline std::string unravel(ArrayRef<int64_t> shape, const std::string &linear,
                           const std::string &prefix = "i") {
  std::string s;
  int64_t stride = 1;
  SmallVector<int64_t> strides(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= shape[d];
  }
  for (size_t d = 0; d < shape.size(); ++d)
    s += "    const int64_t " + prefix + std::to_string(d) + " = (" + linear +
         " / " + std::to_string(strides[d]) + ") % " +
         std::to_string(shape[d]) + ";\n";
  return s;
}

} // namespace mlir::kiln::emit

#endif // KILN_CODEGEN_LIB_EMITTERSUPPORT_H
