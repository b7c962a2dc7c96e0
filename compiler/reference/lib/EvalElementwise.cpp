//===- EvalElementwise.cpp - unary, binary, compare, select, cast ---------===//

#include "RefTensor.h"

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Dialect/Kiln/ScalarSemantics.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <functional>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln::ref {
namespace {

RankedTensorType resultType(Operation *op, unsigned i = 0) {
  return cast<RankedTensorType>(op->getResult(i).getType());
}

EvalResult unary(Operation *op, const RefTensor &x,
                 const std::function<double(double)> &fn) {
  RefTensor t(resultType(op));
  for (int64_t i = 0; i < t.size(); ++i)
    t.data[i] = fn(x.data[i]);
  roundAll(t);
  return Results{std::move(t)};
}

/// Elementwise over same-rank broadcast operands; `fn` may fail with a
/// message (integer division by zero).
EvalResult nary(Operation *op, Operands args,
                const std::function<std::optional<double>(
                    llvm::ArrayRef<double>, std::string &)> &fn) {
  RefTensor t(resultType(op));
  llvm::SmallVector<int64_t> index;
  llvm::SmallVector<double, 3> values(args.size());
  std::string error;
  for (int64_t i = 0; i < t.size(); ++i) {
    unravel(i, t.shape(), index);
    for (size_t a = 0; a < args.size(); ++a)
      values[a] = args[a]->data[broadcastIndex(index, args[a]->shape())];
    std::optional<double> v = fn(values, error);
    if (!v)
      return opError(op, error);
    t.data[i] = *v;
  }
  roundAll(t);
  return Results{std::move(t)};
}

bool isFloatTensor(const RefTensor &t) { return isa<FloatType>(t.elementType()); }

namespace scalar = mlir::kiln::scalar;

EvalResult binary(Operation *op, Operands args) {
  bool isFloat = isFloatTensor(*args[0]);
  Type element = args[0]->elementType();
  using Fn = std::function<std::optional<double>(double, double, std::string &)>;
  Fn fn = llvm::TypeSwitch<Operation *, Fn>(op)
              .Case([](kd::AddOp) {
                return [](double a, double b, std::string &) { return a + b; };
              })
              .Case([](kd::SubOp) {
                return [](double a, double b, std::string &) { return a - b; };
              })
              .Case([](kd::MulOp) {
                return [](double a, double b, std::string &) { return a * b; };
              })
              .Case([&](kd::DivOp) -> Fn {
                if (isFloat)
                  return [](double a, double b, std::string &) { return a / b; };
                return [](double a, double b,
                          std::string &error) -> std::optional<double> {
                  if (b == 0) {
                    error = "integer division by zero";
                    return std::nullopt;
                  }
                  return std::floor(a / b); // exact for |a| < 2^53
                };
              })
              .Case([](kd::MaxOp) {
                return [](double a, double b, std::string &) {
                  return scalar::maximum(a, b);
                };
              })
              .Case([](kd::MinOp) {
                return [](double a, double b, std::string &) {
                  return scalar::minimum(a, b);
                };
              })
              .Case([&](kd::PowOp) -> Fn {
                if (isFloat)
                  return [](double a, double b, std::string &) {
                    return std::pow(a, b);
                  };
                return [element](double a, double b,
                                 std::string &error) -> std::optional<double> {
                  if (b < 0) {
                    error = "integer pow with a negative exponent (" +
                            std::to_string(static_cast<int64_t>(b)) + ")";
                    return std::nullopt;
                  }
                  double r = 1;
                  for (int64_t k = 0; k < static_cast<int64_t>(b); ++k)
                    r = roundTo(element, r * a);
                  return r;
                };
              });
  return nary(op, args,
              [&](llvm::ArrayRef<double> v, std::string &error) {
                return fn(v[0], v[1], error);
              });
}

EvalResult compare(kd::CompareOp op, Operands args) {
  StringRef p = op.getPredicate();
  return nary(op, args, [p](llvm::ArrayRef<double> v, std::string &) {
    double a = v[0], b = v[1];
    bool r = p == "eq"   ? a == b
             : p == "ne" ? a != b
             : p == "lt" ? a < b
             : p == "le" ? a <= b
             : p == "gt" ? a > b
                         : a >= b;
    return std::optional<double>(r ? 1.0 : 0.0);
  });
}

EvalResult cast(kd::CastOp op, const RefTensor &x) {
  Type to = op.getType().getElementType();
  bool fromFloat = isFloatTensor(x);
  return unary(op, x, [to, fromFloat](double v) {
    if (isa<FloatType>(to))
      return v; // rounded by unary()
    unsigned width = to.getIntOrFloatBitWidth();
    if (width == 1)
      return v != 0 ? 1.0 : 0.0;
    if (!fromFloat)
      return v; // integer to integer wraps in roundTo
    return static_cast<double>(scalar::floatToInt(v, width));
  });
}

EvalResult clamp(kd::ClampOp op, const RefTensor &x) {
  bool isFloat = isFloatTensor(x);
  std::optional<double> lo, hi;
  if (op.getMin())
    lo = op.getMin()->convertToDouble();
  if (op.getMax())
    hi = op.getMax()->convertToDouble();
  if (!isFloat) {
    // Integer tensors clamp to the bounds converted to integers (nearest).
    if (lo)
      lo = std::nearbyint(*lo);
    if (hi)
      hi = std::nearbyint(*hi);
  }
  return unary(op, x, [lo, hi](double v) {
    if (std::isnan(v))
      return v;
    if (lo)
      v = std::isnan(*lo) ? NAN : (v < *lo ? *lo : v);
    if (hi)
      v = std::isnan(*hi) ? NAN : (v > *hi ? *hi : v);
    return v;
  });
}

} // namespace

std::optional<EvalResult> evalElementwiseOp(Operation *op, Operands args) {
  using R = std::optional<EvalResult>;
  auto u = [&](double (*fn)(double)) -> R { return unary(op, *args[0], fn); };
  return llvm::TypeSwitch<Operation *, R>(op)
      .Case([&](kd::NegOp) { return u([](double x) { return -x; }); })
      .Case([&](kd::AbsOp) { return u([](double x) { return std::fabs(x); }); })
      .Case([&](kd::ExpOp) { return u([](double x) { return std::exp(x); }); })
      .Case([&](kd::LogOp) { return u([](double x) { return std::log(x); }); })
      .Case([&](kd::Log1pOp) { return u([](double x) { return std::log1p(x); }); })
      .Case([&](kd::SqrtOp) { return u([](double x) { return std::sqrt(x); }); })
      .Case([&](kd::RsqrtOp) {
        return u([](double x) { return 1.0 / std::sqrt(x); });
      })
      .Case([&](kd::ReciprocalOp) { return u([](double x) { return 1.0 / x; }); })
      .Case([&](kd::TanhOp) { return u([](double x) { return std::tanh(x); }); })
      .Case([&](kd::SigmoidOp) {
        return u(scalar::sigmoid);
      })
      .Case([&](kd::SiluOp) {
        return u(scalar::silu);
      })
      .Case([&](kd::ReluOp) { return u(scalar::relu); })
      .Case([&](kd::ErfOp) { return u([](double x) { return std::erf(x); }); })
      .Case([&](kd::SinOp) { return u([](double x) { return std::sin(x); }); })
      .Case([&](kd::CosOp) { return u([](double x) { return std::cos(x); }); })
      .Case([&](kd::FloorOp) { return u([](double x) { return std::floor(x); }); })
      .Case([&](kd::GeluOp o) -> R {
        bool tanhApprox = o.getApproximate() == "tanh";
        return unary(op, *args[0],
                     [tanhApprox](double x) {
                       return scalar::gelu(x, tanhApprox);
                     });
      })
      .Case([&](kd::SoftplusOp o) -> R {
        double beta = o.getBeta().convertToDouble();
        double threshold = o.getThreshold().convertToDouble();
        return unary(op, *args[0], [=](double x) {
          return scalar::softplus(x, beta, threshold);
        });
      })
      .Case([&](kd::ClampOp o) -> R { return clamp(o, *args[0]); })
      .Case<kd::AddOp, kd::SubOp, kd::MulOp, kd::DivOp, kd::MaxOp,
            kd::MinOp, kd::PowOp>([&](Operation *) -> R {
        return binary(op, args);
      })
      .Case([&](kd::CompareOp o) -> R { return compare(o, args); })
      .Case([&](kd::SelectOp) -> R {
        return nary(op, args, [](llvm::ArrayRef<double> v, std::string &) {
          return std::optional<double>(v[0] != 0 ? v[1] : v[2]);
        });
      })
      .Case([&](kd::CastOp o) -> R { return cast(o, *args[0]); })
      .Default([](Operation *) -> R { return std::nullopt; });
}

} // namespace kiln::ref
