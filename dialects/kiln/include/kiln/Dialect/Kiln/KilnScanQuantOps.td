//===- KilnScanQuantOps.td - selective scan and block-wise quantization ---===//
//
// The selective scan (Mamba) and the block-wise quantization ops of ops.md.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_SCAN_QUANT_OPS_TD
#define KILN_DIALECT_KILN_SCAN_QUANT_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_SelectiveScanOp : Kiln_InferredOp<"selective_scan",
    [Kiln_KernelRoot<"Scan", /*epilogue=*/1, /*prologue=*/1>]> {
  let summary = "Mamba's selective scan (selective_scan_ref, core only)";
  let description = [{
    u [B, E, L], delta [B, E, L], A [E, N], Bm [B, G, N, L], Cm [B, G, N, L],
    h0 [B, E, N] → (y [B, E, L] of u's type, h_last [B, E, N] of h0's type).
    E % G == 0; channel e reads group e / (E/G). State arithmetic in `f32`:
    h_t = exp(delta_t·A) ⊙ h_{t−1} + delta_t·Bm_t·u_t, y_t = Σₙ h_t[n]·Cm_t[n].
    softplus(delta + bias), the D skip and the SiLU(z) gate are separate ops.

    ```mlir
    %y, %h = kiln.selective_scan %u, %dt, %A, %B, %C, %h0
        : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x16xf32>,
          tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32>, tensor<1x64x16xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$u, Kiln_FloatTensor:$delta,
                       Kiln_FloatTensor:$A, Kiln_FloatTensor:$Bm,
                       Kiln_FloatTensor:$Cm, Kiln_FloatTensor:$h0);
  let results = (outs Kiln_FloatTensor:$y, Kiln_FloatTensor:$h_last);
  let assemblyFormat = [{
    $u `,` $delta `,` $A `,` $Bm `,` $Cm `,` $h0 attr-dict `:` type($u) `,`
    type($delta) `,` type($A) `,` type($Bm) `,` type($Cm) `,` type($h0)
  }];
}

def Kiln_QuantizeOp : Kiln_InferredOp<"quantize", [Kiln_DataRoot]> {
  let summary = "block-wise symmetric quantization (absmax or ZeRO++ qwZ)";
  let description = [{
    Blocks of `block_size` consecutive elements along `axis` (the dimension is
    divisible by block_size) share one `f32` scale; scales have w's shape with
    that dimension divided by block_size. absmax: s = amax/(2^(bits−1) − 1);
    deepspeed: s = amax/2^(bits−1). q = clamp(round_half_even(w/s),
    −2^(bits−1), 2^(bits−1) − 1) as `i8` (int4 one value per byte); an
    all-zero block has s = 1. bits ∈ {4, 8}.

    ```mlir
    %q, %s = kiln.quantize %w {bits = 8 : i64, block_size = 64 : i64, axis = 1 : i64}
        : tensor<256x512xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$w, I64Attr:$bits, I64Attr:$block_size,
                       I64Attr:$axis, Kiln_StrDefault<"absmax">:$scheme);
  let results = (outs Kiln_I8Tensor:$q, Kiln_F32Tensor:$scales);
  let assemblyFormat = "$w attr-dict `:` type($w)";
}

def Kiln_DequantizeOp : Kiln_Op<"dequantize", [Pure, Kiln_DataRoot]> {
  let summary = "q·s with one scale per block";
  let description = [{
    q (`i8`) and scales (`f32`, q's shape with `axis` divided by block_size)
    → a float tensor of q's shape: element = q·scale of its block.

    ```mlir
    %w = kiln.dequantize %q, %s {block_size = 64 : i64, axis = 1 : i64}
        : tensor<256x512xi8>, tensor<256x8xf32> -> tensor<256x512xbf16>
    ```
  }];
  let arguments = (ins Kiln_I8Tensor:$q, Kiln_F32Tensor:$scales,
                       I64Attr:$block_size, I64Attr:$axis);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$q `,` $scales attr-dict `:` type($q) `,` "
                       "type($scales) `->` type($result)";
  let hasVerifier = 1;
}

def Kiln_QmatmulOp : Kiln_InferredOp<"qmatmul",
    [Kiln_KernelRoot<"Qmatmul", /*epilogue=*/1>]> {
  let summary = "matmul with a block-quantized right operand";
  let description = [{
    matmul(x, dequantize(q, scales)) with blocks along K, run as one kernel
    (made by the quantization pass). x [..., M, K]; with `transpose_b`
    (default, PyTorch Linear layout) q is [N, K] and scales [N, K/block_size],
    otherwise q is [K, N] and scales [K/block_size, N]. The result has x's
    element type.

    ```mlir
    %y = kiln.qmatmul %x, %q, %s {bits = 4 : i64, block_size = 128 : i64}
        : tensor<1x16x4096xbf16>, tensor<4096x4096xi8>, tensor<4096x32xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_I8Tensor:$q,
                       Kiln_F32Tensor:$scales, I64Attr:$bits,
                       I64Attr:$block_size,
                       Kiln_BoolDefault<"true">:$transpose_b);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x `,` $q `,` $scales attr-dict `:` type($x) `,` "
                       "type($q) `,` type($scales)";
}

#endif // KILN_DIALECT_KILN_SCAN_QUANT_OPS_TD
