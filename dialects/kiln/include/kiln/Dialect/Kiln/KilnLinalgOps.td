//===- KilnLinalgOps.td - matmul and convolutions -------------------------===//
//
// Roots of the GEMM and convolution kernel families. Biases and activations
// are separate ops fused as epilogues.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_LINALG_OPS_TD
#define KILN_DIALECT_KILN_LINALG_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_MatmulOp : Kiln_InferredOp<"matmul",
    [Kiln_KernelRoot<"Gemm", /*epilogue=*/1>]> {
  let summary = "batched matrix product with numpy batch broadcasting";
  let description = [{
    a [..., M, K] · b [..., K, N] → [..., M, N]. Ranks ≥ 2; the batch
    dimensions broadcast numpy-style (right-aligned, so a rank-2 `b` serves
    every batch). `transpose_a` takes a as [..., K, M]; `transpose_b` takes b
    as [..., N, K] (PyTorch `Linear` weights). Operands share one float type;
    accumulation is in `f32`.

    ```mlir
    %h = kiln.matmul %x, %w {transpose_b = true} : tensor<16x784xf32>, tensor<400x784xf32>
    %s = kiln.matmul %q, %k {transpose_b = true}
        : tensor<1x8x64x32xbf16>, tensor<1x8x64x32xbf16>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$a, Kiln_FloatTensor:$b,
                       Kiln_BoolDefault<"false">:$transpose_a,
                       Kiln_BoolDefault<"false">:$transpose_b);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` type($a) `,` type($b)";
}

def Kiln_Conv2dOp : Kiln_InferredOp<"conv2d",
    [Kiln_KernelRoot<"Convolution", /*epilogue=*/1>]> {
  let summary = "2-D convolution (cross-correlation), NCHW";
  let description = [{
    x [N, C, H, W], w [O, C/groups, kH, kW] → [N, O, H', W'] with zero padding
    `padding` = [top, bottom, left, right] (asymmetric allowed),
    H' = ⌊(H + top + bottom − dilation_h·(kH − 1) − 1)/stride_h⌋ + 1.

    ```mlir
    %y = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>}
        : tensor<1x128x64x64xf32>, tensor<128x128x3x3xf32>
    %d = kiln.conv2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>}
        : tensor<1x128x64x64xf32>, tensor<128x128x3x3xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_FloatTensor:$w,
                       Kiln_ArrayDefault<"{1, 1}">:$stride,
                       Kiln_ArrayDefault<"{0, 0, 0, 0}">:$padding,
                       Kiln_ArrayDefault<"{1, 1}">:$dilation,
                       Kiln_I64Default<"1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x `,` $w attr-dict `:` type($x) `,` type($w)";
}

def Kiln_Conv2dChannelsLastOp : Kiln_InferredOp<"conv2d_channels_last",
    [Kiln_KernelRoot<"Convolution", /*epilogue=*/1>]> {
  let summary = "conv2d on channels-last operands, NCHW result (made by kiln-channels-last)";
  let description = [{
    `conv2d(transpose(x, [0, 3, 1, 2]), transpose(w, [0, 3, 1, 2]))`:
    x [N, H, W, C], w [O, kH, kW, C/groups] → [N, O, H', W'], with conv2d's
    attributes and semantics. Frontends write `kiln.conv2d`;
    kiln-channels-last rewrites the 16-bit convolutions the tensor cores
    run into this form, because channels-last operands let the implicit
    GEMM copy 8 channels of one tap (16 bytes) at a time. The result stays
    NCHW, so consumers and fused epilogues see conv2d's result.

    ```mlir
    %y = kiln.conv2d_channels_last %x, %w {padding = array<i64: 1, 1, 1, 1>}
        : tensor<1x64x64x128xbf16>, tensor<128x3x3x128xbf16>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_FloatTensor:$w,
                       Kiln_ArrayDefault<"{1, 1}">:$stride,
                       Kiln_ArrayDefault<"{0, 0, 0, 0}">:$padding,
                       Kiln_ArrayDefault<"{1, 1}">:$dilation,
                       Kiln_I64Default<"1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x `,` $w attr-dict `:` type($x) `,` type($w)";
}

def Kiln_ConvTranspose2dOp : Kiln_InferredOp<"conv_transpose2d",
    [Kiln_KernelRoot<"Convolution", /*epilogue=*/1>]> {
  let summary = "2-D transposed convolution (PyTorch ConvTranspose2d)";
  let description = [{
    x [N, C, H, W], w [C, O/groups, kH, kW] → [N, O, H', W'],
    H' = (H − 1)·stride_h − 2·pad_h + dilation_h·(kH − 1) + output_padding_h + 1.
    `padding` = [pH, pW]; each output padding is smaller than its stride or
    its dilation.

    ```mlir
    %up = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>}
        : tensor<1x64x12x12xf32>, tensor<64x32x2x2xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_FloatTensor:$w,
                       Kiln_ArrayDefault<"{1, 1}">:$stride,
                       Kiln_ArrayDefault<"{0, 0}">:$padding,
                       Kiln_ArrayDefault<"{0, 0}">:$output_padding,
                       Kiln_ArrayDefault<"{1, 1}">:$dilation,
                       Kiln_I64Default<"1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x `,` $w attr-dict `:` type($x) `,` type($w)";
}

def Kiln_Conv1dOp : Kiln_InferredOp<"conv1d",
    [Kiln_KernelRoot<"Convolution", /*epilogue=*/1>]> {
  let summary = "1-D convolution (cross-correlation), NCL";
  let description = [{
    x [N, C, L], w [O, C/groups, K] → [N, O, L'] with zero padding
    `padding` = [left, right]. Mamba's causal depthwise conv is
    `groups = C, padding = [K − 1, 0]`.

    ```mlir
    %c = kiln.conv1d %x, %w {groups = 1536 : i64, padding = array<i64: 3, 0>}
        : tensor<1x1536x64xf32>, tensor<1536x1x4xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_FloatTensor:$w,
                       Kiln_I64Default<"1">:$stride,
                       Kiln_ArrayDefault<"{0, 0}">:$padding,
                       Kiln_I64Default<"1">:$dilation,
                       Kiln_I64Default<"1">:$groups);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x `,` $w attr-dict `:` type($x) `,` type($w)";
}

#endif // KILN_DIALECT_KILN_LINALG_OPS_TD
