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
    returns. `family` names the chosen kernel family (pointwise,
    row_reduction, gemm, convolution, attention, scan, data); further
    attributes hold its configuration.

    ```mlir
    %r = kiln.fusion (%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
        attributes {family = "pointwise"} {
    ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
      %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
      %t = kiln.silu %s : tensor<4x8xf32>
      kiln.yield %t : tensor<4x8xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs,
                       OptionalAttr<StrAttr>:$family);
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
