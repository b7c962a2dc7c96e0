//===- GraphBuilderTest.cpp - the frontends' graph builder ----------------===//
//
// What model frontends rely on: ops are typed as they are built, the first
// mistake comes back as one message naming the op, its operand types and
// the function (later calls do nothing), elementwise ranks are aligned, and
// the finished module verifies with named, tied inputs and outputs.
//
//===----------------------------------------------------------------------===//

#include "kiln/Frontend/GraphBuilder.h"
#include "kiln/Passes/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace kiln::frontend;

namespace {

class GraphBuilderTest : public ::testing::Test {
protected:
  GraphBuilderTest() {
    mlir::DialectRegistry registry;
    mlir::kiln::registerKilnDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  mlir::MLIRContext context;
};

TEST_F(GraphBuilderTest, BuildsTypedNamedFunctions) {
  GraphBuilder b(context);
  b.beginFunction("step");
  mlir::Value x = b.input("x", {2, 8}, Elem::F32);
  mlir::Value state = b.input("state", {2, 4}, Elem::F32);
  mlir::Value y = b.linear(x, b.param("fc.weight", {4, 8}, Elem::F32),
                           b.param("fc.bias", {4}, Elem::F32)); // bias rank 1
  EXPECT_EQ(b.shape(y), (std::vector<int64_t>{2, 4}));
  b.output("y", b.unary("kiln.silu", y));
  b.output("state", b.add(state, y), /*tiedInput=*/1);
  b.endFunction();
  auto module = b.finish();
  ASSERT_TRUE(bool(module)) << module.error().message();
  auto func = (*module)->lookupSymbol<mlir::func::FuncOp>("step");
  ASSERT_TRUE(func);
  EXPECT_EQ(func.getNumArguments(), 2u);
  EXPECT_EQ(func.getNumResults(), 2u);
  EXPECT_EQ(mlir::cast<mlir::StringAttr>(func.getArgAttr(1, "kiln.name")).getValue(),
            "state");
  EXPECT_EQ(mlir::cast<mlir::IntegerAttr>(func.getResultAttr(1, "kiln.tied")).getInt(),
            1);
}

TEST_F(GraphBuilderTest, FirstShapeErrorNamesTheOpAndOperands) {
  GraphBuilder b(context);
  b.beginFunction("main");
  mlir::Value x = b.input("x", {2, 8}, Elem::F32);
  mlir::Value bad = b.matmul(x, b.param("w", {9, 4}, Elem::F32));
  EXPECT_FALSE(bad);
  ASSERT_FALSE(b.ok());
  const std::string first = b.error();
  EXPECT_NE(first.find("kiln.matmul"), std::string::npos) << first;
  EXPECT_NE(first.find("tensor<2x8xf32>, tensor<9x4xf32>"), std::string::npos) << first;
  EXPECT_NE(first.find("@main"), std::string::npos) << first;
  // Later calls neither crash nor replace the first error.
  EXPECT_FALSE(b.unary("kiln.exp", bad));
  EXPECT_FALSE(b.add(x, b.param("v", {3, 3}, Elem::F32)));
  EXPECT_EQ(b.error(), first);
  // Dimensions of a failed value read 0 instead of indexing an empty shape.
  EXPECT_EQ(b.dim(bad, 1), 0);
  EXPECT_EQ(b.dim(x, -1), 8);
  EXPECT_EQ(b.error(), first);
  auto module = b.finish();
  ASSERT_FALSE(bool(module));
  EXPECT_EQ(module.error().message(), first);
}

TEST_F(GraphBuilderTest, VerifierErrorsAreReported) {
  GraphBuilder b(context);
  b.beginFunction("main");
  mlir::Value x = b.input("x", {2, 8}, Elem::F32);
  // An op that states its type (reshape) is checked by its verifier: 16
  // elements cannot become 15.
  EXPECT_FALSE(b.reshape(x, {3, 5}));
  EXPECT_NE(b.error().find("kiln.reshape in @main"), std::string::npos) << b.error();
  EXPECT_NE(b.error().find("16"), std::string::npos) << b.error();
}

TEST_F(GraphBuilderTest, DimensionOutOfRangeIsAnError) {
  GraphBuilder b(context);
  b.beginFunction("main");
  mlir::Value x = b.input("x", {2, 8}, Elem::F32);
  EXPECT_EQ(b.dim(x, 2), 0);
  EXPECT_NE(b.error().find("dimension 2 of a rank-2 value"), std::string::npos) << b.error();
}

TEST_F(GraphBuilderTest, UnknownOpsAreErrors) {
  GraphBuilder b(context);
  b.beginFunction("main");
  EXPECT_FALSE(b.op1("kiln.no_such_op", {}));
  EXPECT_NE(b.error().find("unknown op 'kiln.no_such_op'"), std::string::npos)
      << b.error();
}

} // namespace
