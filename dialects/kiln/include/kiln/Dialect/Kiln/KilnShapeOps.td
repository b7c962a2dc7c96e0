//===- KilnShapeOps.td - reshape, transpose, slice, pad, gather, resize ---===//
//
// Shape and data movement. All but gather are index maps that the pointwise
// family fuses; gather belongs to the data family.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_SHAPE_OPS_TD
#define KILN_DIALECT_KILN_SHAPE_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_ReshapeOp : Kiln_Op<"reshape", [Pure, Kiln_PointwiseRoot]> {
  let summary = "reinterpret with a new shape, row-major order kept";
  let description = [{
    The result has the same element type and element count as `x`.

    ```mlir
    %r = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_TransposeOp : Kiln_InferredOp<"transpose", [Kiln_PointwiseRoot]> {
  let summary = "permute dimensions";
  let description = [{
    Result dimension i is dimension `perm[i]` of `x`; `perm` is a permutation
    of 0 … rank − 1.

    ```mlir
    %t = kiln.transpose %x {perm = array<i64: 0, 2, 1, 3>} : tensor<1x8x4x64xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, DenseI64ArrayAttr:$perm);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasFolder = 1;
}

def Kiln_BroadcastToOp : Kiln_Op<"broadcast_to", [Pure, Kiln_PointwiseRoot]> {
  let summary = "broadcast to the result shape";
  let description = [{
    Same rank and element type; every dimension of `x` equals the result's or
    is 1.

    ```mlir
    %b = kiln.broadcast_to %bias : tensor<1x400xf32> -> tensor<16x400xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_ConcatOp : Kiln_InferredOp<"concat", [Kiln_PointwiseRoot]> {
  let summary = "concatenate along an axis";
  let description = [{
    One or more tensors of one rank and element type that agree on every
    dimension but `axis`.

    ```mlir
    %c = kiln.concat %a, %b {axis = 1 : i64} : tensor<1x4x8xf32>, tensor<1x2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs)";
  let hasFolder = 1;
}

def Kiln_SliceOp : Kiln_InferredOp<"slice", [Kiln_PointwiseRoot]> {
  let summary = "strided slice, numpy x[start:limit:stride] per dimension";
  let description = [{
    `start`, `limit` and `stride` have one entry per dimension, with numpy's
    meaning: negative `start` / `limit` count from the end and are clamped
    (to [0, dim] for a positive stride, to [−1, dim − 1] for a negative one);
    `stride` is non-zero. Result dimension = max(0, ⌈(limit − start)/stride⌉)
    after normalization.

    ```mlir
    %s = kiln.slice %x {start = array<i64: 0, 1>, limit = array<i64: 4, 8>,
                        stride = array<i64: 1, 2>} : tensor<4x8xf32>
    %r = kiln.slice %x {start = array<i64: -1, 0>, limit = array<i64: -5, 8>,
                        stride = array<i64: -1, 1>} : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, DenseI64ArrayAttr:$start,
                       DenseI64ArrayAttr:$limit, DenseI64ArrayAttr:$stride);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The start of each dimension after numpy normalization (negative values
    /// counted from the end, clamped to [0, dim]).
    ::llvm::SmallVector<int64_t> getNormalizedStart();
  }];
}

def Kiln_PadOp : Kiln_InferredOp<"pad", [Kiln_PointwiseRoot]> {
  let summary = "pad each dimension (PyTorch F.pad semantics)";
  let description = [{
    Adds `low[i]` elements before and `high[i]` after dimension i (both ≥ 0).
    `mode` ∈ {constant (filled with `value`), replicate (edge repeated),
    reflect (mirrored without the edge; needs pad < dim)}.

    ```mlir
    %p = kiln.pad %x {low = array<i64: 0, 0, 0, 0>, high = array<i64: 0, 0, 1, 1>}
        : tensor<1x128x64x64xf32>
    %r = kiln.pad %x {low = array<i64: 0, 0, 1, 1>, high = array<i64: 0, 0, 1, 1>,
                      mode = "replicate"} : tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, DenseI64ArrayAttr:$low,
                       DenseI64ArrayAttr:$high,
                       Kiln_StrDefault<"constant">:$mode,
                       Kiln_F32Default<"0.0">:$value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasFolder = 1;
}

def Kiln_GatherOp : Kiln_InferredOp<"gather", [Kiln_DataRoot]> {
  let summary = "take entries of a table along an axis (numpy take)";
  let description = [{
    Result shape = table.shape[:axis] ++ indices.shape ++ table.shape[axis+1:].
    Indices are `i32` or `i64`. An out-of-range index is an error on the
    reference device and yields 0 on the others.

    ```mlir
    %e = kiln.gather %embedding, %ids {axis = 0 : i64}
        : tensor<50280x768xbf16>, tensor<1x16xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$table, Kiln_IndexTensor:$indices,
                       Kiln_I64Default<"0">:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat =
      "$table `,` $indices attr-dict `:` type($table) `,` type($indices)";
}

def Kiln_PixelShuffleOp : Kiln_InferredOp<"pixel_shuffle",
    [Kiln_PointwiseRoot]> {
  let summary = "[N, C·r², H, W] → [N, C, H·r, W·r] (PyTorch)";
  let description = [{
    Rearranges channels into space with factor r = `factor` ≥ 1.

    ```mlir
    %y = kiln.pixel_shuffle %x {factor = 2 : i64} : tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, I64Attr:$factor);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_PixelUnshuffleOp : Kiln_InferredOp<"pixel_unshuffle",
    [Kiln_PointwiseRoot]> {
  let summary = "[N, C, H·r, W·r] → [N, C·r², H, W] (PyTorch)";
  let description = [{
    Rearranges space into channels with factor r = `factor` ≥ 1; H and W of
    `x` must be divisible by r.

    ```mlir
    %y = kiln.pixel_unshuffle %x {factor = 2 : i64} : tensor<1x3x16x16xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, I64Attr:$factor);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_ResizeOp : Kiln_Op<"resize", [Pure, Kiln_DataRoot]> {
  let summary = "resize NCHW images (PyTorch F.interpolate with size)";
  let description = [{
    x [N, C, H, W] → result [N, C, H', W'] of the same element type (float).
    `mode` ∈ {nearest (PyTorch's legacy nearest), bilinear, bicubic (a =
    −0.75)}. `align_corners` and `antialias` apply to bilinear and bicubic
    only, as in PyTorch.

    ```mlir
    %up = kiln.resize %x {mode = "nearest"} : tensor<1x4x32x32xf32> -> tensor<1x4x64x64xf32>
    %pe = kiln.resize %x {mode = "bicubic", antialias = true}
        : tensor<1x384x37x37xf32> -> tensor<1x384x16x16xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, StrAttr:$mode,
                       Kiln_BoolDefault<"false">:$align_corners,
                       Kiln_BoolDefault<"false">:$antialias);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($result)";
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_KILN_SHAPE_OPS_TD
