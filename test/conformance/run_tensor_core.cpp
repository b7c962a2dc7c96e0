//===- run_tensor_core.cpp - Tensor-core conformance on the CPU emulator --===//
//
// The known-answer checks of tensor_core.cu's kernels (mma.sync for bf16,
// f16 and TF32 from the PTX fragment tables, TF32 rounding, ldmatrix, the
// cp.async GEMM tiles), run through the module's exported entry points as
// run_emulated.cpp runs the others.
//
//===----------------------------------------------------------------------===//

#include "tensor_core.cu"

#include "conformance_harness.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace conformance {
namespace {

/// One warp's 16x8x16 product from fragments built by the PTX table.
void testMmaFragments(bool bf16) {
  std::vector<unsigned short> A(16 * 16), B(16 * 8);
  std::vector<float> Af(16 * 16), Bf(16 * 8), C(16 * 8), D(16 * 8, -1.0f);
  for (int r = 0; r < 16; ++r)
    for (int k = 0; k < 16; ++k) { // every element distinct
      Af[r * 16 + k] = static_cast<float>(r * 16 + k - 128);
      A[r * 16 + k] = bf16 ? bf16Bits(Af[r * 16 + k]) : f16Bits(Af[r * 16 + k]);
    }
  for (int k = 0; k < 16; ++k)
    for (int c = 0; c < 8; ++c) {
      Bf[k * 8 + c] = static_cast<float>(k * 8 + c - 64);
      B[k * 8 + c] = bf16 ? bf16Bits(Bf[k * 8 + c]) : f16Bits(Bf[k * 8 + c]);
    }
  for (int i = 0; i < 16 * 8; ++i)
    C[i] = static_cast<float>(3 * i - 100);
  const unsigned short *pa = A.data(), *pb = B.data();
  const float *pc = C.data();
  float *pd = D.data();
  bool ok = !launch(dim3(1), dim3(32), 0,
                    bf16 ? kiln_emu_entry_conf_mma_fragments_bf16
                         : kiln_emu_entry_conf_mma_fragments_f16,
                    {&pa, &pb, &pc, &pd});
  std::string detail;
  for (int r = 0; ok && r < 16; ++r)
    for (int c = 0; ok && c < 8; ++c) {
      double want = C[r * 8 + c]; // exact: integers below 2^24
      for (int k = 0; k < 16; ++k)
        want += double(Af[r * 16 + k]) * Bf[k * 8 + c];
      if (D[r * 8 + c] != static_cast<float>(want)) {
        ok = false;
        detail =
            format("D[%d][%d] = %g, expected %g", r, c, D[r * 8 + c], want);
      }
    }
  report(bf16 ? "mma_fragments_bf16 (m16n8k16 from the PTX fragment table)"
              : "mma_fragments_f16 (m16n8k16 from the PTX fragment table)",
         ok, detail);
}

/// TF32 of `x` by its definition, written apart from the emulator's bit
/// arithmetic: the nearest value with 11 significant bits, ties away from
/// zero (frexp gives x = m · 2^e with 0.5 ≤ |m| < 1).
double tf32Of(float x) {
  if (x == 0 || !std::isfinite(x))
    return x;
  int e;
  double m = std::frexp(static_cast<double>(x), &e);
  int scale = 11; // significant bits, fewer for subnormals (ulp 2^-136)
  if (e - scale < -136)
    scale = e + 136;
  double q = std::round(std::ldexp(m, scale)); // std::round: ties away
  return std::ldexp(q, e - scale);
}

/// One warp's 16x8x8 TF32 product from fragments built by the PTX table, on
/// operands with bits below TF32's precision: a kernel or emulator that
/// skipped the rounding, or truncated, lands on a different D.
void testMmaFragmentsTf32() {
  std::vector<float> A(16 * 8), B(8 * 8), C(16 * 8), D(16 * 8, -1.0f);
  for (int i = 0; i < 16 * 8; ++i) // every element distinct; 0.3 rounds
    A[i] = static_cast<float>(i - 64) + 0.3f;
  for (int i = 0; i < 8 * 8; ++i)
    B[i] = static_cast<float>(2 * i - 61) - 0.3f;
  for (int i = 0; i < 16 * 8; ++i)
    C[i] = static_cast<float>(3 * i - 100);
  const float *pa = A.data(), *pb = B.data(), *pc = C.data();
  float *pd = D.data();
  bool ok = !launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_mma_fragments_tf32,
                    {&pa, &pb, &pc, &pd});
  std::string detail;
  double roundingMoved = 0; // the most TF32 rounding changed an element
  for (int r = 0; ok && r < 16; ++r)
    for (int c = 0; ok && c < 8; ++c) {
      double want = C[r * 8 + c], unrounded = want, magnitude = std::fabs(want);
      for (int k = 0; k < 8; ++k) {
        const double p = tf32Of(A[r * 8 + k]) * tf32Of(B[k * 8 + c]);
        want += p;
        magnitude += std::fabs(p);
        unrounded += double(A[r * 8 + k]) * B[k * 8 + c];
      }
      // f32 accumulation of 8 exact products: each addition rounds by at
      // most half an ulp of the partial sums' magnitude.
      const double tol = 8 * std::ldexp(magnitude, -24);
      roundingMoved = std::max(roundingMoved, std::fabs(unrounded - want) / tol);
      if (std::fabs(D[r * 8 + c] - want) > tol) {
        ok = false;
        detail = format("D[%d][%d] = %.9g, expected %.9g (unrounded %.9g)", r,
                        c, D[r * 8 + c], want, unrounded);
      }
    }
  if (ok && roundingMoved < 100) {
    ok = false;
    detail = format("the operands' TF32 rounding moves D by at most %g times "
                    "the tolerance; the test cannot see a missing rounding",
                    roundingMoved);
  }
  report("mma_fragments_tf32 (m16n8k8 from the PTX fragment table)", ok,
         detail);
}

void testTf32Rounding() {
  auto f = [](unsigned bits) {
    float x;
    std::memcpy(&x, &bits, 4);
    return x;
  };
  const std::vector<float> in = {
      f(0x3f801000u), // 1 + 2^-11: a tie, away from zero
      f(0xbf801000u), // its negative
      f(0x3f800fffu), // just under the tie
      f(0x3f803000u), // 1 + 3·2^-11: a tie above an odd TF32 value
      f(0x7f7fffffu), // FLT_MAX: past the largest TF32, to infinity
      f(0x00001000u), // a subnormal tie
      f(0x00000fffu), // a subnormal under it
      f(0x7f800000u), // infinity
      1.0f / 3.0f,    -2.7182817f, 123456.789f, 0.0f, -0.0f};
  std::vector<unsigned> out(in.size() + 1, 0xdeadbeefu);
  const float *pi = in.data();
  unsigned *po = out.data();
  int n = static_cast<int>(in.size());
  bool ok = !launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_tf32_round,
                    {&pi, &po, &n});
  std::string detail;
  // The tensor core reads the top 19 bits of an operand.
  auto read = [&](unsigned bits) { return f(bits & 0xffffe000u); };
  for (size_t i = 0; ok && i < in.size(); ++i) {
    double want = tf32Of(in[i]);
    if (std::isfinite(in[i]) && std::fabs(want) > FLT_MAX)
      want = std::copysign(INFINITY, in[i]);
    float got = read(out[i]);
    if (got != want || std::signbit(got) != std::signbit(in[i])) {
      ok = false;
      detail = format("to_tf32(%a) = %a (0x%08x), expected %a", in[i], got,
                      out[i], want);
    }
  }
  if (ok && out[in.size()] != 0xdeadbeefu) {
    ok = false;
    detail = "wrote past n";
  }
  // NaNs stay NaN, CUDA's own (0x7fffffff, which an unguarded add of half
  // an ulp would carry into the sign bit) included.
  for (unsigned bits : {0x7fffffffu, 0xffffffffu, 0xffc00001u, 0x7fc00000u}) {
    const float nan = f(bits);
    pi = &nan;
    n = 1;
    if (ok && (launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_tf32_round,
                      {&pi, &po, &n}) ||
               !std::isnan(read(out[0])))) {
      ok = false;
      detail = format("to_tf32(0x%08x) = 0x%08x, not a NaN", bits, out[0]);
    }
  }
  report("tf32_round (to nearest, ties away: ties, overflow, subnormals, NaN)",
         ok, detail);
}

void testLdmatrixLayout() {
  std::vector<unsigned short> M(4 * 64);
  for (int m = 0; m < 4; ++m)
    for (int r = 0; r < 8; ++r)
      for (int c = 0; c < 8; ++c)
        M[m * 64 + r * 8 + c] = static_cast<unsigned short>(
            0x1000 * (m + 1) + 0x100 * r + 0x10 * c + 7);
  std::vector<unsigned> out(kLdmVariants * 32 * 4, 0xdeadbeefu);
  const unsigned short *pm = M.data();
  unsigned *po = out.data();
  bool ok = !launch(dim3(1), dim3(32), 0, kiln_emu_entry_conf_ldmatrix_layout,
                    {&pm, &po});
  const char *names[] = {"x1", "x2", "x4", "x1.trans", "x2.trans", "x4.trans"};
  const unsigned counts[] = {1, 2, 4, 1, 2, 4};
  std::string detail;
  auto at = [&](unsigned m, unsigned r, unsigned c) {
    return static_cast<unsigned>(M[m * 64 + r * 8 + c]);
  };
  for (unsigned v = 0; ok && v < kLdmVariants; ++v) {
    const bool trans = v >= kLdmX1Trans;
    for (unsigned l = 0; ok && l < 32; ++l)
      for (unsigned j = 0; ok && j < 4; ++j) {
        // cuda-notes.md: register j holds matrix j, row l/4, columns
        // 2(l%4) and +1 (of the transpose for .trans), low half first.
        const unsigned row = l / 4, col = 2 * (l % 4);
        unsigned want = 0;
        if (j < counts[v])
          want = trans ? at(j, col, row) | at(j, col + 1, row) << 16
                       : at(j, row, col) | at(j, row, col + 1) << 16;
        const unsigned got = out[(32 * v + l) * 4 + j];
        if (got != want) {
          ok = false;
          detail = format("%s lane %u register %u: 0x%08x, expected 0x%08x",
                          names[v], l, j, got, want);
        }
      }
  }
  report("ldmatrix_layout (x1, x2, x4 and .trans against the PTX layout)", ok,
         detail);
}

/// D = A * B + C through conf_gemm_bf16 (B K x N) or conf_gemm_f16 (B N x K).
void testGemm(bool bf16, int M, int N, int K) {
  std::vector<float> Af(M * K), Bf(K * N), C(M * N), D(M * N, -12345.0f);
  std::vector<unsigned short> A(M * K), B(K * N);
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < K; ++k) {
      float a = bf16 ? float((i * 7 + k * 13) % 15 - 7)
                     : 0.5f * float((i * 5 + k * 3) % 17 - 8);
      Af[i * K + k] = a;
      A[i * K + k] = bf16 ? bf16Bits(a) : f16Bits(a);
    }
  for (int k = 0; k < K; ++k)
    for (int n = 0; n < N; ++n) {
      float b = bf16 ? float((k * 11 + n * 5 + 3) % 13 - 6)
                     : 0.25f * float((n * 7 + k * 11) % 13 - 6);
      Bf[k * N + n] = b;
      // bf16 stores B as K x N, f16 as N x K.
      (bf16 ? B[k * N + n] : B[n * K + k]) = bf16 ? bf16Bits(b) : f16Bits(b);
    }
  for (int i = 0; i < M; ++i)
    for (int n = 0; n < N; ++n)
      C[i * N + n] = float((i * 3 + n * 17) % 11 - 5);
  const void *pa = A.data(), *pb = B.data();
  const float *pc = C.data();
  float *pd = D.data();
  int m = M, n = N, k = K;
  bool ok = !launch(
      dim3((N + 63) / 64, (M + 63) / 64), dim3(128), kConfGemmSharedBytes,
      bf16 ? kiln_emu_entry_conf_gemm_bf16 : kiln_emu_entry_conf_gemm_f16,
      {&pa, &pb, &pc, &pd, &m, &n, &k});
  std::string detail;
  for (int i = 0; ok && i < M; ++i)
    for (int j = 0; ok && j < N; ++j) {
      double want = C[i * N + j]; // every partial sum is exact in f32
      for (int kk = 0; kk < K; ++kk)
        want += double(Af[i * K + kk]) * Bf[kk * N + j];
      if (D[i * N + j] != static_cast<float>(want)) {
        ok = false;
        detail =
            format("D[%d][%d] = %g, expected %g", i, j, D[i * N + j], want);
      }
    }
  report(bf16 ? format("gemm_bf16 (%dx%dx%d, cp.async, ldmatrix.x4.trans)", M,
                       N, K)
                    .c_str()
              : format("gemm_f16 (%dx%dx%d ragged, cp.async zfill, "
                       "ldmatrix.x2)",
                       M, N, K)
                    .c_str(),
         ok, detail);
}

} // namespace

void runTensorCoreChecks() {
  testMmaFragments(/*bf16=*/true);
  testMmaFragments(/*bf16=*/false);
  testMmaFragmentsTf32();
  testTf32Rounding();
  testLdmatrixLayout();
  testGemm(/*bf16=*/true, 128, 128, 96);
  testGemm(/*bf16=*/false, 80, 72, 40);
}

} // namespace conformance
