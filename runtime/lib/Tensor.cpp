//===- Tensor.cpp - element types and host tensors ------------------------===//

#include "kiln/Runtime/Tensor.h"

#include "kiln/Runtime/Float16.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include <unistd.h>

namespace kiln::rt {

size_t dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::I8:
  case DType::U8:
  case DType::Bool:
    return 1;
  case DType::I64:
    return 8;
  }
  return 0;
}

const char *dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "F32";
  case DType::F16:
    return "F16";
  case DType::BF16:
    return "BF16";
  case DType::I8:
    return "I8";
  case DType::U8:
    return "U8";
  case DType::I32:
    return "I32";
  case DType::I64:
    return "I64";
  case DType::Bool:
    return "BOOL";
  }
  return "?";
}

Expected<DType> parseDType(const std::string &name) {
  for (DType d : {DType::F32, DType::F16, DType::BF16, DType::I8, DType::U8,
                  DType::I32, DType::I64, DType::Bool})
    if (name == dtypeName(d))
      return d;
  return Error("unsupported dtype \"" + name +
               "\" (expected F32, F16, BF16, I8, U8, I32, I64 or BOOL)");
}

bool isFloat(DType dtype) {
  return dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string formatIndex(int64_t linear, const std::vector<int64_t> &shape) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = shape[d] ? linear % shape[d] : 0;
    linear = shape[d] ? linear / shape[d] : 0;
  }
  return formatShape(index);
}

Expected<int64_t> elementCount(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return Error("negative dimension in shape " + formatShape(shape));
    if (d != 0 && count > kMaxElements / d)
      return Error("element count of shape " + formatShape(shape) +
                   " exceeds 2^48");
    count *= d;
  }
  return count;
}

Expected<uint64_t> byteCount(DType dtype, const std::vector<int64_t> &shape) {
  Expected<int64_t> n = elementCount(shape);
  if (!n)
    return n.error();
  return static_cast<uint64_t>(*n) * dtypeSize(dtype);
}

uint64_t hostMemoryBytes() {
  static const uint64_t bytes = [] {
    long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? uint64_t(pages) * uint64_t(size)
                                 : std::numeric_limits<uint64_t>::max();
  }();
  return bytes;
}

Expected<uint64_t> checkHostBytes(int64_t elements, uint64_t elementBytes,
                                  const std::string &what) {
  const uint64_t limit = hostMemoryBytes();
  uint64_t bytes = 0;
  bool overflow = elements < 0 ||
                  __builtin_mul_overflow(uint64_t(elements), elementBytes, &bytes);
  if (overflow || bytes > limit)
    return Error(what + " needs " +
                 (overflow ? std::string("more than 2^64")
                           : std::to_string(bytes)) +
                 " bytes, more than this machine's " + std::to_string(limit) +
                 " bytes of memory");
  return bytes;
}

int64_t HostTensor::numElements() const {
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  return count;
}

std::string HostTensor::describe() const {
  return std::string(dtypeName(dtype)) + formatShape(shape);
}

HostTensor HostTensor::zeros(DType dtype, std::vector<int64_t> shape) {
  HostTensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.bytes.assign(static_cast<size_t>(t.numElements()) * dtypeSize(dtype), 0);
  return t;
}

namespace {
template <typename T> T load(const uint8_t *p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename T> void store(uint8_t *p, T v) {
  std::memcpy(p, &v, sizeof v);
}
} // namespace

double HostTensor::getAsDouble(int64_t i) const {
  const uint8_t *p = bytes.data() + i * dtypeSize(dtype);
  switch (dtype) {
  case DType::F32:
    return load<float>(p);
  case DType::F16:
    return f16ToFloat(load<uint16_t>(p));
  case DType::BF16:
    return bf16ToFloat(load<uint16_t>(p));
  case DType::I8:
    return load<int8_t>(p);
  case DType::U8:
    return load<uint8_t>(p);
  case DType::I32:
    return load<int32_t>(p);
  case DType::I64:
    return static_cast<double>(load<int64_t>(p));
  case DType::Bool:
    return load<uint8_t>(p) != 0;
  }
  return 0;
}

namespace {
/// Converts an integral double to an integer type without UB: out-of-range
/// values saturate, NaN becomes 0.
template <typename T> T toInteger(double value) {
  if (value != value)
    return 0;
  constexpr double lo = static_cast<double>(std::numeric_limits<T>::min());
  constexpr double hi = static_cast<double>(std::numeric_limits<T>::max());
  if (value <= lo)
    return std::numeric_limits<T>::min();
  if (value >= hi)
    return std::numeric_limits<T>::max();
  return static_cast<T>(value);
}
} // namespace

void HostTensor::setFromDouble(int64_t i, double value) {
  uint8_t *p = bytes.data() + i * dtypeSize(dtype);
  switch (dtype) {
  case DType::F32:
    store<float>(p, static_cast<float>(value));
    return;
  case DType::F16:
    store<uint16_t>(p, doubleToF16(value));
    return;
  case DType::BF16:
    store<uint16_t>(p, doubleToBf16(value));
    return;
  case DType::I8:
    store<int8_t>(p, toInteger<int8_t>(value));
    return;
  case DType::U8:
    store<uint8_t>(p, toInteger<uint8_t>(value));
    return;
  case DType::I32:
    store<int32_t>(p, toInteger<int32_t>(value));
    return;
  case DType::I64:
    store<int64_t>(p, toInteger<int64_t>(value));
    return;
  case DType::Bool:
    store<uint8_t>(p, value != 0);
    return;
  }
}

Expected<HostTensor> convertFloatWeight(const HostTensor &stored, DType want,
                                        const std::string &name) {
  HostTensor t = HostTensor::zeros(want, stored.shape);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    const double v = stored.getAsDouble(i);
    t.setFromDouble(i, v);
    if (std::isfinite(v) && std::isinf(t.getAsDouble(i))) {
      char value[32];
      std::snprintf(value, sizeof value, "%.9g", v);
      return Error("weight '" + name + "' element " +
                   formatIndex(i, stored.shape) +
                   " = " + value + " (stored as " + dtypeName(stored.dtype) +
                   ") is outside the range of " + dtypeName(want) +
                   ", the param's type; narrow the weight explicitly");
    }
  }
  return t;
}

} // namespace kiln::rt
