//===- Tensor.h - element types and host tensors --------------------------===//
//
// The element types Kiln moves across its boundaries (safetensors files,
// device buffers) and a host tensor: dtype, shape and row-major bytes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_TENSOR_H
#define KILN_RUNTIME_TENSOR_H

#include "kiln/Runtime/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::rt {

/// Element types of safetensors files that Kiln reads and writes.
enum class DType { F32, F16, BF16, I8, U8, I32, I64, Bool };

/// Bytes per element.
size_t dtypeSize(DType dtype);

/// The safetensors name: "F32", "F16", "BF16", "I8", "U8", "I32", "I64",
/// "BOOL".
const char *dtypeName(DType dtype);

/// Parses a safetensors dtype name; an error names the unknown string.
Expected<DType> parseDType(const std::string &name);

bool isFloat(DType dtype);

/// "[2, 3, 4]".
std::string formatShape(const std::vector<int64_t> &shape);
/// The row-major element `linear` of `shape` as "[i, j, k]", for messages.
std::string formatIndex(int64_t linear, const std::vector<int64_t> &shape);

/// Largest element count of a tensor Kiln accepts (2^48, the dialect's bound):
/// byte sizes of every dtype then fit in 64 bits with room for rounding.
constexpr int64_t kMaxElements = int64_t(1) << 48;

/// Element count of a shape, or an error when a dimension is negative or the
/// count exceeds kMaxElements.
Expected<int64_t> elementCount(const std::vector<int64_t> &shape);

/// Byte size of a dense tensor, with elementCount's checks.
Expected<uint64_t> byteCount(DType dtype, const std::vector<int64_t> &shape);

/// This machine's physical memory in bytes: the limit for host buffers
/// whose size comes from the user's program (a constant, an interpreter
/// result), checked before they are allocated.
uint64_t hostMemoryBytes();

/// `elements` elements of `elementBytes` each, or an error when that does
/// not fit in host memory: "<what> needs N bytes, more than this machine's M
/// bytes of memory". `what` names the tensor.
Expected<uint64_t> checkHostBytes(int64_t elements, uint64_t elementBytes,
                                  const std::string &what);

/// A dense row-major tensor in host memory.
struct HostTensor {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  int64_t numElements() const;
  /// "BF16[2, 3]".
  std::string describe() const;

  /// A zero-filled tensor of the given type and shape.
  static HostTensor zeros(DType dtype, std::vector<int64_t> shape);
  /// Element i converted to double (16-bit floats decoded exactly).
  double getAsDouble(int64_t i) const;
  /// Stores `value` into element i, rounding to nearest even for floats;
  /// integers (already integral) saturate to the type's range, NaN → 0.
  void setFromDouble(int64_t i, double value);
};

/// The float weight `stored` converted to the float type `want` (rounded to
/// nearest even), the rule for a param whose type differs from its storage.
/// Narrowing never happens silently: a finite stored value beyond `want`'s
/// range is an error naming the weight `name`, the element and the value.
Expected<HostTensor> convertFloatWeight(const HostTensor &stored, DType want,
                                        const std::string &name);

} // namespace kiln::rt

#endif // KILN_RUNTIME_TENSOR_H
