//===- KilnBase.td - kiln dialect, base classes and constraints ----------===//
//
// The base op classes every op group of the `kiln` dialect derives from and
// the type constraints of the op contract (docs/ops.md: static shapes; f32,
// f16, bf16, i1, i8, i32, i64 elements).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_BASE_TD
#define KILN_DIALECT_KILN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "kiln/Dialect/Kiln/KilnDialect.td"
include "kiln/Dialect/Kiln/KilnInterfaces.td"

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

// Result types inferred from operands and attributes. Unlike upstream's
// InferTypeOpAdaptor this also works while the custom parser runs, when the
// attributes are still a dictionary rather than properties and defaults are
// not filled in yet: kiln::inferWithAdaptor builds complete properties, checks
// the attributes, then calls the op's `inferTypes`.
def Kiln_InferTypes : TraitList<[
  DeclareOpInterfaceMethods<InferTypeOpInterface>,
  NativeOpTrait<"kiln::InferTypesFromAdaptor", [], [{
    static ::llvm::LogicalResult inferTypes(
        std::optional<::mlir::Location> loc, Adaptor &adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types);
  }], [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr attributes,
        ::mlir::OpaqueProperties properties, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferredReturnTypes) {
      return ::mlir::kiln::inferWithAdaptor<$cppClass>(
          context, location, operands, attributes, properties, regions,
          inferredReturnTypes);
    }
  }]>
]>;

// Elementwise with same-rank broadcasting between operands (ops.md,
// Conventions). Fusion asks for this trait instead of listing ops.
// Elementwise ops are roots of the pointwise kernel family.
def Kiln_Elementwise : TraitList<[
  NativeOpTrait<"kiln::ElementwiseBroadcastable">, Kiln_PointwiseRoot]>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Kiln_FloatElement : AnyTypeOf<[F32, F16, BF16]>;
def Kiln_IndexElement : AnyTypeOf<[I32, I64]>;

// A statically shaped tensor whose element count (and so its byte size) is
// far from overflowing int64: shape arithmetic never has to worry about it.
class Kiln_TensorOf<list<Type> types>
    : RankedTensorOf<types, [HasStaticShapePred,
          CPred<"::mlir::kiln::hasRepresentableSize($_self)">],
          "statically shaped tensor (at most 2^48 elements)">;

def Kiln_Tensor : Kiln_TensorOf<[F32, F16, BF16, I1, I8, I32, I64]>;
def Kiln_NumericTensor : Kiln_TensorOf<[F32, F16, BF16, I8, I32, I64]>;
def Kiln_FloatTensor : Kiln_TensorOf<[F32, F16, BF16]>;
def Kiln_IndexTensor : Kiln_TensorOf<[I32, I64]>;
def Kiln_BoolTensor : Kiln_TensorOf<[I1]>;
def Kiln_I8Tensor : Kiln_TensorOf<[I8]>;
def Kiln_I32Tensor : Kiln_TensorOf<[I32]>;
def Kiln_I64Tensor : Kiln_TensorOf<[I64]>;
def Kiln_F32Tensor : Kiln_TensorOf<[F32]>;
def Kiln_MaskTensor : Kiln_TensorOf<[I1, F32, F16, BF16]>;

//===----------------------------------------------------------------------===//
// Attribute shorthands (ops.md attribute kinds)
//===----------------------------------------------------------------------===//

class Kiln_I64Default<string v> : DefaultValuedAttr<I64Attr, v>;
class Kiln_F32Default<string v> : DefaultValuedAttr<F32Attr, v>;
class Kiln_BoolDefault<string v> : DefaultValuedAttr<BoolAttr, v>;
class Kiln_StrDefault<string v> : DefaultValuedAttr<StrAttr, "\"" # v # "\"">;
class Kiln_ArrayDefault<string v> : DefaultValuedAttr<DenseI64ArrayAttr, v>;

//===----------------------------------------------------------------------===//
// Base op classes
//===----------------------------------------------------------------------===//

class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic, traits>;

// An op whose verifier checks the contract and whose result types are inferred
// from operands and attributes (the shape rules of TypeInference.cpp).
class Kiln_InferredOp<string mnemonic, list<Trait> traits = []>
    : Kiln_Op<mnemonic, !listconcat([Pure, Kiln_InferTypes], traits)>;

// Unary elementwise op on floating-point tensors: `def Kiln_ExpOp :
// Kiln_UnaryFloatOp<"exp", "exponential", "exp(x)">;`
class Kiln_UnaryFloatOp<string mnemonic, string brief, string formula,
                        list<Trait> traits = []>
    : Kiln_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType,
                                     Kiln_Elementwise], traits)> {
  let summary = "elementwise " # brief;
  let description = "Computes `" # formula # "` for every element of a "
    # "floating-point tensor (`bf16`/`f16` in `f32`, rounded once).\n\n"
    # "Example:\n\n```mlir\n%y = kiln." # mnemonic
    # " %x : tensor<2x8xbf16>\n```\n";
  let arguments = (ins Kiln_FloatTensor:$x);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

// Binary elementwise op with same-rank broadcasting; both operands share one
// element type, the result has it too.
class Kiln_BinaryOp<string mnemonic, string brief, string formula,
                    list<Trait> traits = []>
    : Kiln_InferredOp<mnemonic, !listconcat([Kiln_Elementwise], traits)> {
  let summary = "elementwise " # brief # " with broadcasting";
  let description = "Computes `" # formula # "` elementwise. The operands "
    # "have the same rank and element type; each dimension is equal or 1 and "
    # "the result takes the larger.\n\n"
    # "Example:\n\n```mlir\n%z = kiln." # mnemonic
    # " %x, %y : tensor<4x8xf32>, tensor<1x8xf32>\n```\n";
  let arguments = (ins Kiln_NumericTensor:$lhs, Kiln_NumericTensor:$rhs);
  let results = (outs Kiln_NumericTensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferTypes(
        std::optional<::mlir::Location> loc, Adaptor &adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferBroadcastTypes(loc, getOperationName(),
                                 {adaptor.getLhs().getType(),
                                  adaptor.getRhs().getType()},
                                 {"lhs", "rhs"}, /*resultElement=*/nullptr,
                                 types);
    }
  }];
}

// Row-wise reduction over `axes` with `keepdim`.
class Kiln_ReduceOp<string mnemonic, string brief>
    : Kiln_InferredOp<mnemonic, [Kiln_ReductionRoot]> {
  let summary = brief # " over the listed axes";
  let description = "Reduces `x` with " # brief # " over `axes` (negative "
    # "axes count from the end, each named once). With `keepdim` the reduced "
    # "axes stay as size 1. Floating-point sums accumulate in `f32`.\n\n"
    # "Example:\n\n```mlir\n%s = kiln." # mnemonic
    # " %x {axes = array<i64: -1>, keepdim = true} : tensor<4x37xf32>\n```\n";
  let arguments = (ins Kiln_NumericTensor:$x, DenseI64ArrayAttr:$axes,
                       Kiln_BoolDefault<"false">:$keepdim);
  let results = (outs Kiln_NumericTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferTypes(
        std::optional<::mlir::Location> loc, Adaptor &adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferReduceTypes(loc, getOperationName(), "axes",
                              adaptor.getX().getType(),
                              adaptor.getAxes(), adaptor.getKeepdim(),
                              /*resultElement=*/nullptr, types);
    }
  }];
}

#endif // KILN_DIALECT_KILN_BASE_TD
