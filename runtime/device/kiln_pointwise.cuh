//===- kiln_pointwise.cuh - scalar helpers of generated pointwise code ----===//
//
// The pointwise family's device code (codegen/lib/PointwiseEmitter.cpp),
// which every kernel with a fused epilogue or prologue includes too: the
// per-element semantics generated code calls where a C expression would not
// match the op contract (docs/ops.md) / PyTorch — NaN-propagating max/min,
// clamp, floor division, integer powers, saturating float → integer casts,
// rounding a float to a 16-bit type and back (each bf16/f16 op rounds once)
// — and the vector loads and stores of vectorized kernels.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_POINTWISE_CUH
#define KILN_POINTWISE_CUH

#include "kiln_float16.cuh"

namespace kiln {

/// N consecutive elements, aligned so that loads and stores move them as
/// whole 16-byte (or smaller) vectors: vectorized pointwise kernels read
/// full-shape inputs and write their output N elements at a time (N = 4 for
/// f32, 8 for bf16 / f16, 16 for bytes: 16 bytes of output per thread).
template <typename T, int N> struct alignas(N * sizeof(T)) Vec {
  T v[N];
};
template <typename T> using Vec4 = Vec<T, 4>;

template <int N, typename T> KILN_DEVICE_INLINE Vec<T, N> load_vec(const T *src) {
#if defined(KILN_EMU)
  Vec<T, N> r; // element copies: host compilers' aliasing rules stay intact
  for (int i = 0; i < N; ++i)
    r.v[i] = src[i];
  return r;
#else
  return *reinterpret_cast<const Vec<T, N> *>(src);
#endif
}

template <int N, typename T>
KILN_DEVICE_INLINE void store_vec(T *dst, const Vec<T, N> &value) {
#if defined(KILN_EMU)
  for (int i = 0; i < N; ++i)
    dst[i] = value.v[i];
#else
  constexpr int kBytes = sizeof(Vec<T, N>);
  if constexpr (sizeof(T) == 2 && (kBytes == 16 || kBytes == 8)) {
    if (__isGlobal(dst)) { // usually known at compile time once inlined
      // One vector store, written out: NVVM splits a 16-byte store of
      // 16-bit values computed lane by lane (an epilogue's) into 2- or
      // 4-byte stores even when it is a single uint4 store in the source.
      // (f32 vectors keep the plain store, which stays whole and leaves
      // the scheduler free.)
      unsigned w[kBytes / 4];
      memcpy(w, &value, kBytes);
      const size_t at = __cvta_generic_to_global(dst);
      if constexpr (kBytes == 16)
        asm volatile("st.global.v4.b32 [%0], {%1, %2, %3, %4};" ::"l"(at),
                     "r"(w[0]), "r"(w[1]), "r"(w[2]), "r"(w[3])
                     : "memory");
      else
        asm volatile("st.global.v2.b32 [%0], {%1, %2};" ::"l"(at), "r"(w[0]),
                     "r"(w[1])
                     : "memory");
      return;
    }
  }
  *reinterpret_cast<Vec<T, N> *>(dst) = value;
#endif
}

template <typename T> KILN_DEVICE_INLINE Vec4<T> load_vec4(const T *src) {
  return load_vec<4>(src);
}
template <typename T>
KILN_DEVICE_INLINE void store_vec4(T *dst, const Vec4<T> &value) {
  store_vec<4>(dst, value);
}

KILN_DEVICE_INLINE float max_nan(float a, float b) {
  return (a != a || b != b) ? NAN : (a > b ? a : b);
}
KILN_DEVICE_INLINE float min_nan(float a, float b) {
  return (a != a || b != b) ? NAN : (a < b ? a : b);
}
/// PyTorch clamp: NaN stays NaN; min > max gives max.
KILN_DEVICE_INLINE float clamp_f(float x, bool hasLo, float lo, bool hasHi,
                                 float hi) {
  if (x != x)
    return x;
  if (hasLo)
    x = lo != lo ? NAN : (x < lo ? lo : x);
  if (hasHi)
    x = hi != hi ? NAN : (x > hi ? hi : x);
  return x;
}
/// Floor division (Python //); a zero divisor gives 0 on devices, and
/// INT64_MIN // -1 wraps to INT64_MIN instead of trapping.
KILN_DEVICE_INLINE int64_t floordiv(int64_t a, int64_t b) {
  if (b == 0)
    return 0;
  if (b == -1)
    return static_cast<int64_t>(0 - static_cast<uint64_t>(a));
  int64_t q = a / b;
  return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;
}
/// a^b for b ≥ 0 with wrap-around; a negative exponent gives 0.
KILN_DEVICE_INLINE int64_t ipow(int64_t a, int64_t b) {
  if (b < 0)
    return 0;
  uint64_t r = 1, base = static_cast<uint64_t>(a);
  for (; b > 0; b >>= 1, base *= base)
    if (b & 1)
      r *= base;
  return static_cast<int64_t>(r);
}
/// float → signed integer of `bits`: round half to even, saturate, NaN → 0.
KILN_DEVICE_INLINE int64_t f2i_sat(float v, int bits) {
  if (v != v)
    return 0;
  float limit = bits == 64 ? 9223372036854775808.0f
                           : static_cast<float>(1ll << (bits - 1));
  float r = rintf(v);
  if (r >= limit)
    return bits == 64 ? 9223372036854775807ll : (1ll << (bits - 1)) - 1;
  if (r < -limit)
    return bits == 64 ? (-9223372036854775807ll - 1) : -(1ll << (bits - 1));
  return static_cast<int64_t>(r);
}
KILN_DEVICE_INLINE float round_bf16(float v) {
  return __bfloat162float(__float2bfloat16_rn(v));
}
KILN_DEVICE_INLINE float round_f16(float v) {
  return __half2float(__float2half_rn(v));
}

} // namespace kiln

#endif // KILN_POINTWISE_CUH
