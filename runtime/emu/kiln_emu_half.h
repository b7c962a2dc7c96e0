//===- kiln_emu_half.h - __half and __nv_bfloat16 ---------------------------===//
//
// Part of the cpu device's CUDA emulation (kiln_emu.h, which includes the
// parts in order after the standard headers; include that, not this).
// The 16-bit float types of cuda_fp16.h / cuda_bf16.h: storage types whose
// arithmetic is computed in f32 and rounded once, with the conversion and
// arithmetic functions generated code and the device library call.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EMU_HALF_H
#define KILN_EMU_HALF_H

#ifndef KILN_EMU_H
#error "include kiln_emu.h, which includes this part in its place"
#endif

//===----------------------------------------------------------------------===//
// __half and __nv_bfloat16: storage types whose arithmetic is computed in f32
// and rounded to nearest even. For +, -, *, / and sqrt that is the correctly
// rounded 16-bit result (f32 has more than 2p+2 bits for both formats), which
// is what the GPU computes. The interface follows cuda_fp16.h / cuda_bf16.h,
// implicit conversions included.
//===----------------------------------------------------------------------===//

#define KILN_EMU_HALF_TYPE(H, RAW, TOBITS, TOFLOAT)                            \
  struct RAW {                                                                 \
    unsigned short x;                                                          \
  };                                                                           \
  struct __attribute__((aligned(2))) H {                                       \
  protected:                                                                   \
    unsigned short __x;                                                        \
                                                                               \
  public:                                                                      \
    H() = default;                                                             \
    constexpr H(const RAW &r) : __x(r.x) {}                                    \
    H(float f) : __x(TOBITS(f)) {}                                             \
    H(double d) : __x(TOBITS(::kiln_emu::fp::double_to_float_odd(d))) {}       \
    H(short v) : H(static_cast<float>(v)) {}                                   \
    H(unsigned short v) : H(static_cast<float>(v)) {}                          \
    H(int v) : H(static_cast<double>(v)) {}                                    \
    H(unsigned int v) : H(static_cast<double>(v)) {}                           \
    H(long v) : H(static_cast<double>(v)) {}                                   \
    H(unsigned long v) : H(static_cast<double>(v)) {}                          \
    H(long long v) : H(static_cast<double>(v)) {}                              \
    H(unsigned long long v) : H(static_cast<double>(v)) {}                     \
    H &operator=(const RAW &r) {                                               \
      __x = r.x;                                                               \
      return *this;                                                            \
    }                                                                          \
    H &operator=(float f) {                                                    \
      __x = TOBITS(f);                                                         \
      return *this;                                                            \
    }                                                                          \
    H &operator=(double d) { return *this = H(d); }                            \
    operator RAW() const { return RAW{__x}; }                                  \
    operator float() const { return TOFLOAT(__x); }                            \
    explicit operator bool() const { return TOFLOAT(__x) != 0.0f; }            \
    operator signed char() const { return static_cast<signed char>(ftoi()); }  \
    operator unsigned char() const {                                           \
      return static_cast<unsigned char>(ftoi());                               \
    }                                                                          \
    operator char() const { return static_cast<char>(ftoi()); }                \
    operator short() const { return static_cast<short>(ftoi()); }              \
    operator unsigned short() const {                                          \
      return static_cast<unsigned short>(ftoi());                              \
    }                                                                          \
    operator int() const { return static_cast<int>(ftoi()); }                  \
    operator unsigned int() const { return static_cast<unsigned>(ftoi()); }    \
    operator long() const { return static_cast<long>(ftoi()); }                \
    operator unsigned long() const {                                           \
      return static_cast<unsigned long>(ftoi());                               \
    }                                                                          \
    operator long long() const { return ftoi(); }                              \
    operator unsigned long long() const {                                      \
      return static_cast<unsigned long long>(ftoi());                          \
    }                                                                          \
                                                                               \
  private:                                                                     \
    long long ftoi() const {                                                   \
      return ::kiln_emu::saturate_to<long long>(truncf(TOFLOAT(__x)));         \
    }                                                                          \
  };                                                                           \
  inline H operator+(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) + static_cast<float>(b));                   \
  }                                                                            \
  inline H operator-(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) - static_cast<float>(b));                   \
  }                                                                            \
  inline H operator*(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) * static_cast<float>(b));                   \
  }                                                                            \
  inline H operator/(const H &a, const H &b) {                                 \
    return H(static_cast<float>(a) / static_cast<float>(b));                   \
  }                                                                            \
  inline H &operator+=(H &a, const H &b) { return a = a + b; }                 \
  inline H &operator-=(H &a, const H &b) { return a = a - b; }                 \
  inline H &operator*=(H &a, const H &b) { return a = a * b; }                 \
  inline H &operator/=(H &a, const H &b) { return a = a / b; }                 \
  inline H operator+(const H &a) { return a; }                                 \
  inline H operator-(const H &a) {                                             \
    return H(                                                                  \
        RAW{static_cast<unsigned short>(static_cast<RAW>(a).x ^ 0x8000u)});    \
  }                                                                            \
  inline bool operator==(const H &a, const H &b) {                             \
    return static_cast<float>(a) == static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator!=(const H &a, const H &b) {                             \
    return static_cast<float>(a) != static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator<(const H &a, const H &b) {                              \
    return static_cast<float>(a) < static_cast<float>(b);                      \
  }                                                                            \
  inline bool operator>(const H &a, const H &b) {                              \
    return static_cast<float>(a) > static_cast<float>(b);                      \
  }                                                                            \
  inline bool operator<=(const H &a, const H &b) {                             \
    return static_cast<float>(a) <= static_cast<float>(b);                     \
  }                                                                            \
  inline bool operator>=(const H &a, const H &b) {                             \
    return static_cast<float>(a) >= static_cast<float>(b);                     \
  }                                                                            \
  struct __attribute__((aligned(4))) H##2 {                                    \
    H x, y;                                                                    \
    H##2() = default;                                                          \
    constexpr H##2(const H &a, const H &b) : x(a), y(b) {}                     \
  };                                                                           \
  inline H##2 operator+(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x + b.x, a.y + b.y);                                         \
  }                                                                            \
  inline H##2 operator-(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x - b.x, a.y - b.y);                                         \
  }                                                                            \
  inline H##2 operator*(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x * b.x, a.y * b.y);                                         \
  }                                                                            \
  inline H##2 operator/(const H##2 & a, const H##2 & b) {                      \
    return H##2(a.x / b.x, a.y / b.y);                                         \
  }

namespace kiln_emu {
namespace fp {
inline uint16_t to_f16(float f) { return float_to_f16(f); }
inline uint16_t to_bf16(float f) { return float_to_bf16(f); }
} // namespace fp
} // namespace kiln_emu

KILN_EMU_HALF_TYPE(__half, __half_raw, ::kiln_emu::fp::to_f16,
                   ::kiln_emu::fp::f16_to_float)
KILN_EMU_HALF_TYPE(__nv_bfloat16, __nv_bfloat16_raw, ::kiln_emu::fp::to_bf16,
                   ::kiln_emu::fp::bf16_to_float)

static_assert(sizeof(__half) == 2 && sizeof(__half2) == 4 &&
                  alignof(__half2) == 4 && sizeof(__nv_bfloat162) == 4 &&
                  std::is_trivially_default_constructible<__half>::value &&
                  std::is_trivially_copyable<__nv_bfloat16>::value,
              "16-bit types must be layout-compatible with CUDA's");

typedef __half half;
typedef __half2 half2;
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

// Conversions and bit casts.
inline __half __float2half(float f) { return __half(f); }
inline __half __float2half_rn(float f) { return __half(f); }
inline __half __double2half(double d) { return __half(d); }
inline float __half2float(__half h) { return static_cast<float>(h); }
inline __half __int2half_rn(int i) { return __half(i); }
inline int __half2int_rz(__half h) { return static_cast<int>(h); }
inline int __half2int_rn(__half h) {
  return __float2int_rn(static_cast<float>(h));
}
inline unsigned short __half_as_ushort(__half h) {
  return static_cast<__half_raw>(h).x;
}
inline short __half_as_short(__half h) {
  return static_cast<short>(static_cast<__half_raw>(h).x);
}
inline __half __ushort_as_half(unsigned short u) {
  return __half(__half_raw{u});
}
inline __half __short_as_half(short s) {
  return __half(__half_raw{static_cast<unsigned short>(s)});
}
inline __nv_bfloat16 __float2bfloat16(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __float2bfloat16_rn(float f) { return __nv_bfloat16(f); }
inline __nv_bfloat16 __double2bfloat16(double d) { return __nv_bfloat16(d); }
inline float __bfloat162float(__nv_bfloat16 h) { return static_cast<float>(h); }
inline __nv_bfloat16 __int2bfloat16_rn(int i) { return __nv_bfloat16(i); }
inline int __bfloat162int_rz(__nv_bfloat16 h) { return static_cast<int>(h); }
inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) {
  return static_cast<__nv_bfloat16_raw>(h).x;
}
inline short __bfloat16_as_short(__nv_bfloat16 h) {
  return static_cast<short>(static_cast<__nv_bfloat16_raw>(h).x);
}
inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short u) {
  return __nv_bfloat16(__nv_bfloat16_raw{u});
}
inline __nv_bfloat16 __short_as_bfloat16(short s) {
  return __nv_bfloat16(__nv_bfloat16_raw{static_cast<unsigned short>(s)});
}

// Arithmetic helpers (cuda_fp16.h / cuda_bf16.h names).
#define KILN_EMU_HALF_FUNCS(H, P)                                              \
  inline H P##add(H a, H b) { return a + b; }                                  \
  inline H P##sub(H a, H b) { return a - b; }                                  \
  inline H P##mul(H a, H b) { return a * b; }                                  \
  inline H P##div(H a, H b) { return a / b; }                                  \
  inline H P##neg(H a) { return -a; }                                          \
  inline H P##abs(H a) {                                                       \
    return H(H##_raw{                                                          \
        static_cast<unsigned short>(static_cast<H##_raw>(a).x & 0x7fffu)});    \
  }                                                                            \
  inline H P##fma(H a, H b, H c) {                                             \
    return H(::kiln_emu::fp::double_to_float_odd(                              \
        fma(static_cast<double>(static_cast<float>(a)),                        \
            static_cast<double>(static_cast<float>(b)),                        \
            static_cast<double>(static_cast<float>(c)))));                     \
  }                                                                            \
  inline H P##max(H a, H b) {                                                  \
    return H(fmaxf(static_cast<float>(a), static_cast<float>(b)));             \
  }                                                                            \
  inline H P##min(H a, H b) {                                                  \
    return H(fminf(static_cast<float>(a), static_cast<float>(b)));             \
  }                                                                            \
  inline bool P##eq(H a, H b) { return a == b; }                               \
  inline bool P##ne(H a, H b) { return a != b && a == a && b == b; }           \
  inline bool P##lt(H a, H b) { return a < b; }                                \
  inline bool P##le(H a, H b) { return a <= b; }                               \
  inline bool P##gt(H a, H b) { return a > b; }                                \
  inline bool P##ge(H a, H b) { return a >= b; }                               \
  inline bool P##isnan(H a) { return a != a; }                                 \
  inline bool P##isinf(H a) { return std::isinf(static_cast<float>(a)); }      \
  inline H##2 P##add2(H##2 a, H##2 b) { return a + b; }                        \
  inline H##2 P##sub2(H##2 a, H##2 b) { return a - b; }                        \
  inline H##2 P##mul2(H##2 a, H##2 b) { return a * b; }                        \
  inline H##2 P##fma2(H##2 a, H##2 b, H##2 c) {                                \
    return H##2(P##fma(a.x, b.x, c.x), P##fma(a.y, b.y, c.y));                 \
  }                                                                            \
  inline H##2 P##max2(H##2 a, H##2 b) {                                        \
    return H##2(P##max(a.x, b.x), P##max(a.y, b.y));                           \
  }                                                                            \
  inline H##2 P##min2(H##2 a, H##2 b) {                                        \
    return H##2(P##min(a.x, b.x), P##min(a.y, b.y));                           \
  }                                                                            \
  inline H P##low(H##2 v) { return v.x; }                                      \
  inline H P##high(H##2 v) { return v.y; }

KILN_EMU_HALF_FUNCS(__half, __h)
KILN_EMU_HALF_FUNCS(__nv_bfloat16, __hb)
// cuda_bf16.h spells the bf16 versions with the same __h prefix, by overload.
inline __nv_bfloat16 __hadd(__nv_bfloat16 a, __nv_bfloat16 b) { return a + b; }
inline __nv_bfloat16 __hsub(__nv_bfloat16 a, __nv_bfloat16 b) { return a - b; }
inline __nv_bfloat16 __hmul(__nv_bfloat16 a, __nv_bfloat16 b) { return a * b; }
inline __nv_bfloat16 __hdiv(__nv_bfloat16 a, __nv_bfloat16 b) { return a / b; }
inline __nv_bfloat16 __hneg(__nv_bfloat16 a) { return -a; }
inline __nv_bfloat16 __habs(__nv_bfloat16 a) { return __hbabs(a); }
inline __nv_bfloat16 __hfma(__nv_bfloat16 a, __nv_bfloat16 b, __nv_bfloat16 c) {
  return __hbfma(a, b, c);
}
inline __nv_bfloat16 __hmax(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __hbmax(a, b);
}
inline __nv_bfloat16 __hmin(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __hbmin(a, b);
}
inline __nv_bfloat162 __hadd2(__nv_bfloat162 a, __nv_bfloat162 b) {
  return a + b;
}
inline __nv_bfloat162 __hmul2(__nv_bfloat162 a, __nv_bfloat162 b) {
  return a * b;
}
inline __nv_bfloat162 __hfma2(__nv_bfloat162 a, __nv_bfloat162 b,
                              __nv_bfloat162 c) {
  return __hbfma2(a, b, c);
}

inline __half2 __halves2half2(__half a, __half b) { return __half2(a, b); }
inline __half2 __half2half2(__half a) { return __half2(a, a); }
inline __half2 __floats2half2_rn(float a, float b) {
  return __half2(__half(a), __half(b));
}
inline __half2 __float2half2_rn(float a) {
  return __half2(__half(a), __half(a));
}
inline __half2 __float22half2_rn(float2 v) {
  return __half2(__half(v.x), __half(v.y));
}
inline float2 __half22float2(__half2 v) {
  return make_float2(static_cast<float>(v.x), static_cast<float>(v.y));
}
inline float __low2float(__half2 v) { return static_cast<float>(v.x); }
inline float __high2float(__half2 v) { return static_cast<float>(v.y); }
inline __half __low2half(__half2 v) { return v.x; }
inline __half __high2half(__half2 v) { return v.y; }
inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __nv_bfloat162(a, b);
}
inline __nv_bfloat162 __bfloat162bfloat162(__nv_bfloat16 a) {
  return __nv_bfloat162(a, a);
}
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) {
  return __nv_bfloat162(__nv_bfloat16(a), __nv_bfloat16(b));
}
inline __nv_bfloat162 __float2bfloat162_rn(float a) {
  return __nv_bfloat162(__nv_bfloat16(a), __nv_bfloat16(a));
}
inline __nv_bfloat162 __float22bfloat162_rn(float2 v) {
  return __nv_bfloat162(__nv_bfloat16(v.x), __nv_bfloat16(v.y));
}
inline float2 __bfloat1622float2(__nv_bfloat162 v) {
  return make_float2(static_cast<float>(v.x), static_cast<float>(v.y));
}
inline float __low2float(__nv_bfloat162 v) { return static_cast<float>(v.x); }
inline float __high2float(__nv_bfloat162 v) { return static_cast<float>(v.y); }
inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 v) { return v.x; }
inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 v) { return v.y; }

inline __half atomicAdd(__half *address, __half val) {
  __half old = *address;
  *address = old + val;
  return old;
}
inline __nv_bfloat16 atomicAdd(__nv_bfloat16 *address, __nv_bfloat16 val) {
  __nv_bfloat16 old = *address;
  *address = old + val;
  return old;
}
inline __half2 atomicAdd(__half2 *address, __half2 val) {
  __half2 old = *address;
  *address = old + val;
  return old;
}

#endif // KILN_EMU_HALF_H
