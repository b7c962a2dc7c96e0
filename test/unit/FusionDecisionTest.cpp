//===- FusionDecisionTest.cpp - the fusion decision on its own ------------===//
//
// decideFusionGroups looks at IR and returns groups without rewriting
// anything, so each rule is checked here on a small function: which ops
// share a kernel, which op the kernel is built around, and its family.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/FusionDecision.h"
#include "kiln/Passes/Pipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// A group as op names in program order, its root's name and its family.
struct Summary {
  std::vector<std::string> ops;
  std::string root, family;
};

class FusionDecisionTest : public ::testing::Test {
protected:
  FusionDecisionTest() {
    DialectRegistry registry;
    registerKilnDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// The groups of @main in `source` (a module in kiln's custom syntax).
  std::vector<Summary> decide(const std::string &source) {
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module) << "the test program does not parse";
    if (!module)
      return {};
    auto func = module->lookupSymbol<func::FuncOp>("main");
    std::vector<Summary> out;
    for (const FusionGroup &g : decideFusionGroups(func)) {
      Summary s;
      for (Operation *op : g.ops)
        s.ops.push_back(op->getName().stripDialect().str());
      s.root = g.root->getName().stripDialect().str();
      s.family = stringifyKernelFamily(g.family()).str();
      out.push_back(s);
    }
    return out;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

using Ops = std::vector<std::string>;

TEST_F(FusionDecisionTest, PointwiseChainIsOneGroupRootedAtItsLastOp) {
  auto groups = decide(R"(
    func.func @main(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<8x4xf32> {
      %0 = kiln.add %x, %b : tensor<4x8xf32>, tensor<1x8xf32>
      %1 = kiln.silu %0 : tensor<4x8xf32>
      %2 = kiln.transpose %1 {perm = array<i64: 1, 0>} : tensor<4x8xf32>
      return %2 : tensor<8x4xf32>
    })");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ops, (Ops{"add", "silu", "transpose"}));
  EXPECT_EQ(groups[0].root, "transpose");
  EXPECT_EQ(groups[0].family, "pointwise");
}

TEST_F(FusionDecisionTest, TwoChainsMergeAtTheirCommonUser) {
  // neg(x) and exp(y) each have one user, the add: one kernel for all three.
  auto groups = decide(R"(
    func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
      %0 = kiln.neg %x : tensor<4xf32>
      %1 = kiln.exp %y : tensor<4xf32>
      %2 = kiln.add %0, %1 : tensor<4xf32>, tensor<4xf32>
      return %2 : tensor<4xf32>
    })");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ops, (Ops{"neg", "exp", "add"}));
  EXPECT_EQ(groups[0].root, "add");
  EXPECT_EQ(groups[0].family, "pointwise");
}

TEST_F(FusionDecisionTest, ValuesWithTwoUsersAreComputedOnce) {
  // %0 feeds two ops: it ends its own group instead of being recomputed.
  auto groups = decide(R"(
    func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
      %0 = kiln.exp %x : tensor<4xf32>
      %1 = kiln.neg %0 : tensor<4xf32>
      %2 = kiln.abs %0 : tensor<4xf32>
      return %1, %2 : tensor<4xf32>, tensor<4xf32>
    })");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].ops, (Ops{"exp"}));
  EXPECT_EQ(groups[1].ops, (Ops{"neg"}));
  EXPECT_EQ(groups[2].ops, (Ops{"abs"}));
}

TEST_F(FusionDecisionTest, GemmTakesItsElementwiseEpilogue) {
  auto groups = decide(R"(
    func.func @main(%x: tensor<4x32xf32>, %w: tensor<16x32xf32>, %b: tensor<1x16xf32>) -> tensor<4x16xf32> {
      %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<4x32xf32>, tensor<16x32xf32>
      %1 = kiln.add %0, %b : tensor<4x16xf32>, tensor<1x16xf32>
      %2 = kiln.gelu %1 : tensor<4x16xf32>
      return %2 : tensor<4x16xf32>
    })");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ops, (Ops{"matmul", "add", "gelu"}));
  EXPECT_EQ(groups[0].root, "matmul");
  EXPECT_EQ(groups[0].family, "gemm");
}

TEST_F(FusionDecisionTest, EpiloguesMustKeepTheRootsShape) {
  // A transpose reads the matmul's result at another index: not an
  // epilogue, so it stays a pointwise kernel of its own.
  auto groups = decide(R"(
    func.func @main(%x: tensor<4x32xf32>, %w: tensor<32x16xf32>) -> tensor<16x4xf32> {
      %0 = kiln.matmul %x, %w : tensor<4x32xf32>, tensor<32x16xf32>
      %1 = kiln.transpose %0 {perm = array<i64: 1, 0>} : tensor<4x16xf32>
      return %1 : tensor<16x4xf32>
    })");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].family, "gemm");
  EXPECT_EQ(groups[1].ops, (Ops{"transpose"}));
  EXPECT_EQ(groups[1].family, "pointwise");
}

TEST_F(FusionDecisionTest, TwoGemmsNeverShareAKernel) {
  auto groups = decide(R"(
    func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
      %0 = kiln.matmul %x, %w : tensor<4x8xf32>, tensor<8x8xf32>
      %1 = kiln.matmul %0, %w : tensor<4x8xf32>, tensor<8x8xf32>
      return %1 : tensor<4x8xf32>
    })");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].root, "matmul");
  EXPECT_EQ(groups[1].root, "matmul");
}

TEST_F(FusionDecisionTest, NormalizationTakesAffineEpilogueButReductionsDoNot) {
  auto groups = decide(R"(
    func.func @main(%x: tensor<4x8xf32>, %g: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>) {
      %0 = kiln.layer_norm %x : tensor<4x8xf32>
      %1 = kiln.mul %0, %g : tensor<4x8xf32>, tensor<1x8xf32>
      %2 = kiln.reduce_sum %x {axes = array<i64: 1>} : tensor<4x8xf32>
      %3 = kiln.exp %2 : tensor<4xf32>
      return %1, %3 : tensor<4x8xf32>, tensor<4xf32>
    })");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].ops, (Ops{"layer_norm", "mul"}));
  EXPECT_EQ(groups[0].root, "layer_norm");
  EXPECT_EQ(groups[0].family, "reduction");
  EXPECT_EQ(groups[1].ops, (Ops{"reduce_sum"}));
  EXPECT_EQ(groups[2].ops, (Ops{"exp"}));
}

TEST_F(FusionDecisionTest, ScanTakesProloguesAndEpilogue) {
  auto groups = decide(R"(
    func.func @main(%u: tensor<1x4x8xf32>, %d: tensor<1x4x8xf32>, %bias: tensor<1x4x1xf32>,
                    %alog: tensor<4x2xf32>, %bm: tensor<1x1x2x8xf32>, %cm: tensor<1x1x2x8xf32>,
                    %h0: tensor<1x4x2xf32>, %z: tensor<1x4x8xf32>)
        -> (tensor<1x4x8xf32>, tensor<1x4x2xf32>) {
      %0 = kiln.add %d, %bias : tensor<1x4x8xf32>, tensor<1x4x1xf32>
      %1 = kiln.softplus %0 : tensor<1x4x8xf32>
      %2 = kiln.exp %alog : tensor<4x2xf32>
      %3 = kiln.neg %2 : tensor<4x2xf32>
      %y, %h = kiln.selective_scan %u, %1, %3, %bm, %cm, %h0
          : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<4x2xf32>, tensor<1x1x2x8xf32>, tensor<1x1x2x8xf32>, tensor<1x4x2xf32>
      %4 = kiln.silu %z : tensor<1x4x8xf32>
      %5 = kiln.mul %y, %4 : tensor<1x4x8xf32>, tensor<1x4x8xf32>
      return %5, %h : tensor<1x4x8xf32>, tensor<1x4x2xf32>
    })");
  // softplus(delta + bias) and -exp(A_log) are prologues; silu(z) joined
  // the mul's pointwise group, which is the scan's epilogue as a whole.
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ops, (Ops{"add", "softplus", "exp", "neg",
                                "selective_scan", "silu", "mul"}));
  EXPECT_EQ(groups[0].root, "selective_scan");
  EXPECT_EQ(groups[0].family, "scan");
}

TEST_F(FusionDecisionTest, DataAndAttentionRootsStandAlone) {
  auto groups = decide(R"(
    func.func @main(%t: tensor<16x8xf32>, %i: tensor<4xi32>, %x: tensor<1x3x4x4xf32>)
        -> (tensor<4x8xf32>, tensor<1x3x8x8xf32>) {
      %0 = kiln.gather %t, %i : tensor<16x8xf32>, tensor<4xi32>
      %1 = kiln.exp %0 : tensor<4x8xf32>
      %2 = kiln.resize %x {mode = "nearest"} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
      return %1, %2 : tensor<4x8xf32>, tensor<1x3x8x8xf32>
    })");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].ops, (Ops{"gather"}));
  EXPECT_EQ(groups[0].family, "data");
  EXPECT_EQ(groups[1].ops, (Ops{"exp"}));
  EXPECT_EQ(groups[2].ops, (Ops{"resize"}));
  EXPECT_EQ(groups[2].family, "data");
}

TEST_F(FusionDecisionTest, SourcesBelongToNoGroup) {
  auto groups = decide(R"(
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      %w = kiln.param "w" : tensor<4xf32>
      %c = kiln.constant dense<2.0> : tensor<4xf32>
      %0 = kiln.mul %x, %w : tensor<4xf32>, tensor<4xf32>
      %1 = kiln.add %0, %c : tensor<4xf32>, tensor<4xf32>
      return %1 : tensor<4xf32>
    })");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ops, (Ops{"mul", "add"}));
}

} // namespace
