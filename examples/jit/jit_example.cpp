//===- jit_example.cpp - build a graph in C++, compile it, run it ---------===//
//
// The C++ JIT API end to end, no files: build `y = silu(x·Wᵀ + b)` with
// MLIR's OpBuilder and the kiln ops, compile it in process, run it on the
// cpu device (or `cuda` when given as the first argument), and print the
// outputs next to the reference interpreter's.
//
//===----------------------------------------------------------------------===//

#include "kiln/Compiler/Jit.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/Pipeline.h"
#include "kiln/Reference/Interpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
namespace rt = ::kiln::rt;

int main(int argc, char **argv) {
  DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  OpBuilder b(&context);
  Location loc = b.getUnknownLoc();

  auto f32 = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  };
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  auto func = b.create<func::FuncOp>(loc, "main",
                                     b.getFunctionType({f32({2, 3})}, {f32({2, 4})}));
  func.setArgAttr(0, "kiln.name", b.getStringAttr("x"));
  func.setResultAttr(0, "kiln.name", b.getStringAttr("y"));
  b.setInsertionPointToStart(func.addEntryBlock());
  Value x = func.getArgument(0);
  Value w = b.create<mlir::kiln::ParamOp>(loc, f32({4, 3}), "w");
  Value bias = b.create<mlir::kiln::ParamOp>(loc, f32({1, 4}), "b");
  Value h = b.create<mlir::kiln::MatmulOp>(loc, x, w, false, true);
  Value hb = b.create<mlir::kiln::AddOp>(loc, h, bias);
  Value y = b.create<mlir::kiln::SiluOp>(loc, hb);
  b.create<func::ReturnOp>(loc, y);

  rt::TensorFile weights, inputs;
  rt::HostTensor wt = rt::HostTensor::zeros(rt::DType::F32, {4, 3});
  rt::HostTensor bt = rt::HostTensor::zeros(rt::DType::F32, {1, 4});
  rt::HostTensor xt = rt::HostTensor::zeros(rt::DType::F32, {2, 3});
  for (int i = 0; i < 12; ++i)
    wt.setFromDouble(i, 0.25 * (i % 5) - 0.5);
  for (int i = 0; i < 4; ++i)
    bt.setFromDouble(i, 0.1 * i);
  for (int i = 0; i < 6; ++i)
    xt.setFromDouble(i, i - 2.5);
  weights.tensors = {{"w", wt}, {"b", bt}};
  inputs.tensors = {{"x", xt}};

  // The oracle first: the reference interpreter on the unoptimized function.
  rt::Expected<std::vector<rt::HostTensor>> ref = ::kiln::ref::runFunction(
      func, {xt}, [&](const std::string &name) -> rt::Expected<rt::HostTensor> {
        return *weights.find(name);
      });
  if (!ref) {
    std::fprintf(stderr, "reference: %s\n", ref.error().message().c_str());
    return 1;
  }

  ::kiln::CompileOptions options;
  options.weights = &weights;
  rt::Expected<::kiln::Executable> exe = ::kiln::compile(*module, options);
  if (!exe) {
    std::fprintf(stderr, "compile: %s\n", exe.error().message().c_str());
    return 1;
  }
  rt::Expected<std::shared_ptr<rt::Device>> device =
      rt::Device::open(argc > 1 ? argv[1] : "cpu");
  if (!device) {
    std::fprintf(stderr, "device: %s\n", device.error().message().c_str());
    return 1;
  }
  rt::Expected<rt::Session> session = exe->createSession(*device);
  if (!session) {
    std::fprintf(stderr, "session: %s\n", session.error().message().c_str());
    return 1;
  }
  rt::Expected<rt::TensorFile> out = session->run(inputs);
  if (!out) {
    std::fprintf(stderr, "run: %s\n", out.error().message().c_str());
    return 1;
  }
  const rt::HostTensor &got = *out->find("y");
  double worst = 0;
  std::printf("%zu kernels on %s\n", exe->artifact().manifest.kernels.size(),
              (*device)->describe().c_str());
  for (int i = 0; i < 8; ++i) {
    double a = got.getAsDouble(i), e = (*ref)[0].getAsDouble(i);
    worst = std::max(worst, std::fabs(a - e) / std::max(1e-6, std::fabs(e)));
    std::printf("y[%d] = %.6f (reference %.6f)\n", i, a, e);
  }
  std::printf("max relative error %.2e\n", worst);
  return worst < 1e-5 ? 0 : 1;
}
