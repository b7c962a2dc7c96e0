//===- KilnStructureOps.td - kiln.fusion and kiln.yield -------------------===//
//
// Structure made by passes: one `kiln.fusion` region becomes one kernel.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_STRUCTURE_OPS_TD
#define KILN_DIALECT_KILN_STRUCTURE_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

def Kiln_FusionOp : Kiln_Op<"fusion", [IsolatedFromAbove,
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "a group of ops compiled into one kernel";
  let description = [{
    The operands are the captured inputs; the entry block's arguments stand
    for them (same types, same order); the results are what `kiln.yield`
    returns. `family` names the kernel family that computes the group, and
    the unit attribute `kiln.root` marks its root op in the body: the gemm,
    convolution, reduction or scan its epilogue and prologues are fused with,
    or for a pointwise group the op whose value it yields. `kiln-form-fusions`
    sets both (a marker on the op, unlike a position, survives passes that
    reorder the body); when they are absent (a fusion written by hand), the
    root is the first op that is not pointwise, else the op defining the
    first yielded value, and the family is the root's.

    ```mlir
    %r = kiln.fusion (%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
        attributes {family = #kiln.family<pointwise>} {
    ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
      %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
      %t = kiln.silu %s {kiln.root} : tensor<4x8xf32>
      kiln.yield %t : tensor<4x8xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs,
                       OptionalAttr<Kiln_KernelFamilyAttr>:$family);
  let results = (outs Variadic<Kiln_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` ($inputs^ `:` type($inputs))? `)` (`->` type($results)^)?
    attr-dict-with-keyword
    $body
  }];
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the op with an entry block whose arguments mirror `inputs`; the
    // caller fills the body and its `kiln.yield`.
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes,
                   "::mlir::ValueRange":$inputs)>
  ];
  let extraClassDeclaration = [{
    /// The root op: the one marked `kiln.root`, or the inferred one (see
    /// above). Null only for a body with nothing but its terminator.
    ::mlir::Operation *getRootOp();
    /// The family: `family`, or the root's.
    ::mlir::kiln::KernelFamily getKernelFamily();
  }];
}

def Kiln_YieldOp : Kiln_Op<"yield", [Pure, Terminator, ReturnLike,
                                     HasParent<"FusionOp">]> {
  let summary = "terminator of kiln.fusion: its results";
  let description = [{
    Returns the values that become the enclosing `kiln.fusion`'s results.

    ```mlir
    %r = kiln.fusion (%x : tensor<4x8xf32>) -> tensor<4x8xf32> {
    ^bb0(%a: tensor<4x8xf32>):
      %t = kiln.exp %a : tensor<4x8xf32>
      kiln.yield %t : tensor<4x8xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let builders = [OpBuilder<(ins), [{ /* nothing yielded */ }]>];
}

#endif // KILN_DIALECT_KILN_STRUCTURE_OPS_TD
