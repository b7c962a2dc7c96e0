//===- KilnInterfaces.td - kernel families and kernel roots ---------------===//
//
// The contract between the dialect, the fusion pass and code generation: the
// kernel families (one enum, printed as `#kiln.family<gemm>`), and the
// interface of the ops that can be a kernel's root. kiln-form-fusions asks
// an op which family computes it and whether it takes a fused epilogue or
// prologue; code generation dispatches on a fusion's family. Nothing else
// lists ops by family.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_INTERFACES_TD
#define KILN_DIALECT_KILN_INTERFACES_TD

include "kiln/Dialect/Kiln/KilnDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

//===----------------------------------------------------------------------===//
// Kernel families
//===----------------------------------------------------------------------===//

// One family per kernel emitter (codegen/lib/<Family>Emitter.cpp) and device
// header (runtime/device/kiln_<family>.cuh).
def Kiln_KernelFamily : I32EnumAttr<"KernelFamily",
    "the kind of kernel that computes a fusion", [
  I32EnumAttrCase<"Pointwise", 0, "pointwise">,
  I32EnumAttrCase<"Reduction", 1, "reduction">,
  I32EnumAttrCase<"Gemm", 2, "gemm">,
  I32EnumAttrCase<"Qmatmul", 3, "qmatmul">,
  I32EnumAttrCase<"Convolution", 4, "convolution">,
  I32EnumAttrCase<"Attention", 5, "attention">,
  I32EnumAttrCase<"Scan", 6, "scan">,
  I32EnumAttrCase<"Data", 7, "data">,
  I32EnumAttrCase<"Copy", 8, "copy">]> {
  let cppNamespace = "::mlir::kiln";
  let genSpecializedAttr = 0;
}

def Kiln_KernelFamilyAttr : EnumAttr<Kiln_Dialect, Kiln_KernelFamily, "family"> {
  let summary = "a kernel family";
  let description = [{
    Which kernel computes a `kiln.fusion`: `pointwise` (elementwise ops and
    index-mapped movement), `reduction` (one block per row: reductions,
    softmax, norms, argmax, cumsum, topk), `gemm`, `qmatmul` (block-quantized
    weights), `convolution`, `attention` (attention, its decode and profiling
    forms, rope), `scan` (the selective scan), `data` (gather, iota,
    random_normal, resize, KV-cache writes and compaction, (de)quantization)
    or `copy` (a byte copy the compiler adds for tied results).

    ```mlir
    %r = kiln.fusion (%x, %w : tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
        attributes {family = #kiln.family<gemm>} {
    ^bb0(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>):
      %m = kiln.matmul %a, %b {kiln.root, transpose_b = true} : tensor<4x8xf32>, tensor<16x8xf32>
      %g = kiln.gelu %m : tensor<4x16xf32>
      kiln.yield %g : tensor<4x16xf32>
    }
    ```
  }];
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Kernel roots
//===----------------------------------------------------------------------===//

def Kiln_KernelRootOpInterface : OpInterface<"KernelRootOpInterface"> {
  let cppNamespace = "::mlir::kiln";
  let description = [{
    An op that can be the root of a kernel: the op a `kiln.fusion` is built
    around. Its family picks the code generator; `acceptsEpilogue` says that
    the kernel computes the op's (first) result one element at a time, so an
    elementwise chain on it can run before the store; `acceptsPrologue` that
    the kernel reads each operand element where it needs it, so a pointwise
    group producing an operand can run inside the kernel.
  }];
  let methods = [
    StaticInterfaceMethod<"The family of the kernel that computes this op.",
      "::mlir::kiln::KernelFamily", "getKernelFamily">,
    StaticInterfaceMethod<"Whether an elementwise epilogue on the first "
      "result fuses into the kernel.", "bool", "acceptsEpilogue">,
    StaticInterfaceMethod<"Whether pointwise producers of the operands fuse "
      "into the kernel as prologues.", "bool", "acceptsPrologue">,
  ];
}

// Makes an op a kernel root of `family` (a KernelFamily case name):
// `def Kiln_MatmulOp : Kiln_InferredOp<"matmul", [Kiln_KernelRoot<"Gemm", 1>]>`.
class Kiln_KernelRoot<string family, bit epilogue = 0, bit prologue = 0>
    : TraitList<[
  Kiln_KernelRootOpInterface,
  NativeOpTrait<"kiln::KernelRoot", [], [{
    static ::mlir::kiln::KernelFamily getKernelFamily() {
      return ::mlir::kiln::KernelFamily::}] # family # [{;
    }
    static bool acceptsEpilogue() { return }] # !if(epilogue, "true", "false") # [{; }
    static bool acceptsPrologue() { return }] # !if(prologue, "true", "false") # [{; }
  }]>
]>;

// Shorthands for the families' roots.
def Kiln_PointwiseRoot : Kiln_KernelRoot<"Pointwise">;
def Kiln_ReductionRoot : Kiln_KernelRoot<"Reduction">;
def Kiln_NormalizationRoot : Kiln_KernelRoot<"Reduction", /*epilogue=*/1>;
def Kiln_AttentionRoot : Kiln_KernelRoot<"Attention">;
def Kiln_DataRoot : Kiln_KernelRoot<"Data">;

#endif // KILN_DIALECT_KILN_INTERFACES_TD
