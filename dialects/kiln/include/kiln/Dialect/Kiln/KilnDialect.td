//===- KilnDialect.td - the kiln dialect definition ----------------------===//
//
// The `kiln` dialect record alone, so the kernel-family enum and the
// kernel-root interface (KilnInterfaces.td) can name it before the base op
// classes (KilnBase.td) use them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_DIALECT_TD
#define KILN_DIALECT_KILN_DIALECT_TD

include "mlir/IR/OpBase.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let cppNamespace = "::mlir::kiln";
  let summary = "Tensor-level ops of ML model graphs, compiled to CUDA by Kiln";
  let description = [{
    `kiln` ops take and return builtin ranked tensors with static shapes and
    value semantics. Elementwise ops broadcast between operands of the same
    rank. Floating-point ops on `bf16`/`f16` compute in `f32` and round once.
    Function arguments and results carry `kiln.name` (a string: the tensor's
    name in safetensors files) and results may carry `kiln.tied` (the index of
    the argument whose buffer they reuse).

    ```mlir
    func.func @main(%x: tensor<4x37xf32> {kiln.name = "x"})
        -> (tensor<4x37xf32> {kiln.name = "y"}) {
      %0 = kiln.softmax %x {axis = -1 : i64} : tensor<4x37xf32>
      return %0 : tensor<4x37xf32>
    }
    ```
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Registers the kernel-family attribute (KilnInterfaces.cpp).
    void registerAttributes();

    /// Argument / result attribute naming a tensor in safetensors files.
    static constexpr ::llvm::StringLiteral kNameAttr = "kiln.name";
    /// Result attribute: index of the argument whose buffer the result reuses.
    static constexpr ::llvm::StringLiteral kTiedAttr = "kiln.tied";
    /// kiln-form-fusions: on the op of a kiln.fusion's body that the
    /// fusion's kernel is built around (a unit attribute).
    static constexpr ::llvm::StringLiteral kRootAttr = "kiln.root";
    /// kiln-plan-memory: arena offset of each kiln.fusion result.
    static constexpr ::llvm::StringLiteral kArenaOffsetsAttr =
        "kiln.arena_offsets";
    /// kiln-plan-memory: the function's arena size in bytes.
    static constexpr ::llvm::StringLiteral kArenaBytesAttr = "kiln.arena_bytes";
    /// kiln-plan-memory: on a pointwise kiln.fusion, the index of the input
    /// whose arena buffer its result reuses (each element is read and then
    /// written by the same thread, so the kernel may update in place).
    static constexpr ::llvm::StringLiteral kInPlaceAttr = "kiln.in_place";
    /// The compile driver: on a kiln.param of int4 codes (one per i8 in the
    /// IR), the device buffer holds them packed two per byte, low nibble
    /// first in linear order; kernels reading it unpack.
    static constexpr ::llvm::StringLiteral kPackedInt4Attr =
        "kiln.packed_int4";
    /// Frontends: on the module, names of weights a checkpoint may hold
    /// that no function reads because another weight stands for them (a
    /// tied LM head saved beside the embedding); a weights file may carry
    /// them without being refused.
    static constexpr ::llvm::StringLiteral kRedundantWeightsAttr =
        "kiln.redundant_weights";
    /// kiln-tf32: on an f32 matmul or convolution, the kernel may round its
    /// operands to TF32 and use the tensor cores (a unit attribute).
    static constexpr ::llvm::StringLiteral kTf32Attr = "kiln.tf32";
    /// Whether `op` may carry kTf32Attr: a matmul or convolution whose two
    /// operands are f32.
    static bool allowsTf32(::mlir::Operation *op);
    /// On a matmul, qmatmul or convolution: the output tile its tensor-core
    /// kernel takes ("64x64", "128x64" or "128x128"; "128x128_sm90a": a
    /// matmul's Hopper kernel, TMA and wgmma, which runs on sm_90a GPUs and
    /// the cpu device only), instead of the one the code generator would
    /// choose for its shape. For tests and tuning; a kernel without that
    /// tile is an error.
    static constexpr ::llvm::StringLiteral kTileAttr = "kiln.tile";
    /// The values kTileAttr takes.
    static bool isTensorCoreTile(::llvm::StringRef tile);
    /// Whether a matmul is one the Hopper kernel ("128x128_sm90a") takes:
    /// bf16 or f16 x · Wᵀ (transpose_b, A not transposed) with one W for
    /// every batch (whose rows then make one tall A), K a multiple of 8
    /// (16-byte TMA row strides), sizes under 2^30.
    static bool fitsHopperGemm(::mlir::Operation *op);
  }];
}

#endif // KILN_DIALECT_KILN_DIALECT_TD
