//===- kiln-compare.cpp - compare two safetensors files numerically -------===//
//
// kiln-compare ACTUAL EXPECTED [--rtol R] [--atol A] [--rel-l2 E]
//
// Every tensor of EXPECTED must be in ACTUAL with the same dtype and shape,
// and ACTUAL must hold nothing else. Floats match when |a − e| ≤ atol +
// rtol·|e| (NaN matches NaN, infinities match themselves), or, with
// --rel-l2, when ‖a − e‖₂ ≤ E·‖e‖₂ over the tensor (the numerics metric of
// code generation; non-finite values must still match exactly). Integers and
// booleans match exactly when both tolerances are 0, else by the same rule.
// Prints one line per tensor (max abs and rel error) and exits 1 on the first
// mismatch, naming the tensor, the element index and both values. Used by the
// golden tests and by the GPU checks.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Safetensors.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace kiln::rt;

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: kiln-compare ACTUAL.safetensors EXPECTED.safetensors "
               "[--rtol R] [--atol A] [--rel-l2 E]\n");
  return 2;
}

bool parseTolerance(const char *text, double &out) {
  char *end = nullptr;
  out = std::strtod(text, &end);
  return end && *end == '\0' && out >= 0 && std::isfinite(out);
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 2 && (std::string(argv[1]) == "--help" ||
                    std::string(argv[1]) == "-h")) {
    usage();
    return 0;
  }
  if (argc < 3)
    return usage();
  double rtol = 1e-5, atol = 1e-6, relL2 = -1;
  for (int i = 3; i < argc; ++i) {
    std::string flag = argv[i];
    if ((flag == "--rtol" || flag == "--atol" || flag == "--rel-l2") &&
        i + 1 < argc) {
      double &slot = flag == "--rtol" ? rtol : flag == "--atol" ? atol : relL2;
      if (!parseTolerance(argv[++i], slot)) {
        std::fprintf(stderr, "kiln-compare: error: %s needs a finite number "
                             ">= 0, got '%s'\n", flag.c_str(), argv[i]);
        return 2;
      }
    } else {
      std::fprintf(stderr, "kiln-compare: error: unknown argument '%s'\n",
                   argv[i]);
      return usage();
    }
  }

  Expected<TensorFile> actual = readSafetensors(argv[1]);
  Expected<TensorFile> expected = readSafetensors(argv[2]);
  for (const Expected<TensorFile> *f : {&actual, &expected})
    if (!*f) {
      std::fprintf(stderr, "kiln-compare: error: %s\n",
                   f->error().message().c_str());
      return 1;
    }

  for (const std::string &name : actual->names())
    if (!expected->find(name)) {
      std::fprintf(stderr,
                   "kiln-compare: error: %s has tensor '%s' that %s lacks\n",
                   argv[1], name.c_str(), argv[2]);
      return 1;
    }

  for (const auto &[name, want] : expected->tensors) {
    const HostTensor *got = actual->find(name);
    if (!got) {
      std::fprintf(stderr, "kiln-compare: error: %s lacks tensor '%s'\n",
                   argv[1], name.c_str());
      return 1;
    }
    if (got->dtype != want.dtype || got->shape != want.shape) {
      std::fprintf(stderr,
                   "kiln-compare: error: tensor '%s' is %s, expected %s\n",
                   name.c_str(), got->describe().c_str(),
                   want.describe().c_str());
      return 1;
    }
    bool l2 = relL2 >= 0 && isFloat(want.dtype);
    double maxAbs = 0, maxRel = 0, diff2 = 0, norm2 = 0;
    for (int64_t i = 0; i < want.numElements(); ++i) {
      double a = got->getAsDouble(i), e = want.getAsDouble(i);
      bool match;
      if (std::isnan(e) || std::isnan(a))
        match = std::isnan(e) && std::isnan(a);
      else if (std::isinf(e) || std::isinf(a))
        match = a == e;
      else if (l2)
        match = true, diff2 += (a - e) * (a - e), norm2 += e * e;
      else
        match = std::fabs(a - e) <= atol + rtol * std::fabs(e);
      if (!match) {
        std::fprintf(stderr,
                     "kiln-compare: error: tensor '%s' differs at %s: got "
                     "%.9g, expected %.9g (rtol %g, atol %g)\n",
                     name.c_str(), formatIndex(i, want.shape).c_str(), a, e, rtol,
                     atol);
        return 1;
      }
      if (std::isfinite(a) && std::isfinite(e)) {
        double abs = std::fabs(a - e);
        maxAbs = std::max(maxAbs, abs);
        if (e != 0)
          maxRel = std::max(maxRel, abs / std::fabs(e));
      }
    }
    if (l2) {
      double rel = norm2 > 0 ? std::sqrt(diff2 / norm2) : std::sqrt(diff2);
      if (rel > relL2) {
        std::fprintf(stderr,
                     "kiln-compare: error: tensor '%s': relative L2 error "
                     "%.3g exceeds %g\n",
                     name.c_str(), rel, relL2);
        return 1;
      }
      std::printf("%s: %s ok (relative L2 error %.3g, max abs error %.3g)\n",
                  name.c_str(), want.describe().c_str(), rel, maxAbs);
      continue;
    }
    std::printf("%s: %s ok (max abs error %.3g, max rel error %.3g)\n",
                name.c_str(), want.describe().c_str(), maxAbs, maxRel);
  }
  return 0;
}
