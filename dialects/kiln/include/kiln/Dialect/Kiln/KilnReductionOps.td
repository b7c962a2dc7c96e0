//===- KilnReductionOps.td - reductions, argmax, cumsum, topk, softmax ----===//
//
// Reductions and softmax: roots of the reduction kernel family (one block per
// row).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_REDUCTION_OPS_TD
#define KILN_DIALECT_KILN_REDUCTION_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_ReduceSumOp : Kiln_ReduceOp<"reduce_sum", "the sum">;
def Kiln_ReduceMeanOp : Kiln_ReduceOp<"reduce_mean", "the mean">;
def Kiln_ReduceMaxOp : Kiln_ReduceOp<"reduce_max", "the maximum">;
def Kiln_ReduceMinOp : Kiln_ReduceOp<"reduce_min", "the minimum">;

def Kiln_ArgmaxOp : Kiln_InferredOp<"argmax", [Kiln_ReductionRoot]> {
  let summary = "index of the maximum along an axis";
  let description = [{
    The `i64` index of the largest element along `axis`; the first maximal
    index wins. With `keepdim` the axis stays as size 1.

    ```mlir
    %tok = kiln.argmax %logits {axis = -1 : i64} : tensor<1x50280xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$x, I64Attr:$axis,
                       Kiln_BoolDefault<"false">:$keepdim);
  let results = (outs Kiln_I64Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_CumsumOp : Kiln_InferredOp<"cumsum", [Kiln_ReductionRoot]> {
  let summary = "inclusive prefix sum along an axis";
  let description = [{
    result[..., i, ...] = Σ_{j ≤ i} x[..., j, ...] along `axis`.

    ```mlir
    %c = kiln.cumsum %x {axis = 1 : i64} : tensor<2x16xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$x, I64Attr:$axis);
  let results = (outs Kiln_NumericTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_TopkOp : Kiln_InferredOp<"topk", [Kiln_ReductionRoot]> {
  let summary = "the k largest values along an axis, with their indices";
  let description = [{
    Values in descending order and their `i64` indices along `axis`
    (1 ≤ k ≤ dim); ties go to the lower index (FastGen's heavy hitters).

    ```mlir
    %v, %i = kiln.topk %scores {k = 8 : i64} : tensor<1x32x128xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$x, I64Attr:$k,
                       Kiln_I64Default<"-1">:$axis);
  let results = (outs Kiln_NumericTensor:$values, Kiln_I64Tensor:$indices);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_SoftmaxOp : Kiln_InferredOp<"softmax", [Kiln_NormalizationRoot]> {
  let summary = "softmax along an axis";
  let description = [{
    exp(x − max)/Σ exp(x − max) along `axis`, accumulated in `f32`.

    ```mlir
    %p = kiln.softmax %x {axis = -1 : i64} : tensor<4x37xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_I64Default<"-1">:$axis);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_LogSoftmaxOp : Kiln_InferredOp<"log_softmax",
    [Kiln_NormalizationRoot]> {
  let summary = "log-softmax along an axis";
  let description = [{
    x − max − log Σ exp(x − max) along `axis`, accumulated in `f32`.

    ```mlir
    %lp = kiln.log_softmax %logits : tensor<4x1000xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_I64Default<"-1">:$axis);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

#endif // KILN_DIALECT_KILN_REDUCTION_OPS_TD
