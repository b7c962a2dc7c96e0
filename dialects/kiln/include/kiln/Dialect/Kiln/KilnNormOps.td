//===- KilnNormOps.td - layer_norm, group_norm, rms_norm ------------------===//
//
// Normalization without affine parameters: `layer_norm(x) * w + b` is three
// ops that fusion turns into one kernel (ops.md, Conventions).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_NORM_OPS_TD
#define KILN_DIALECT_KILN_NORM_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_LayerNormOp : Kiln_InferredOp<"layer_norm", [Kiln_NormalizationRoot]> {
  let summary = "normalize to zero mean and unit variance over axes";
  let description = [{
    (x − mean)/sqrt(var + eps) over `axes` (biased variance; statistics in
    `f32`). `axes = [1]` on NCHW is Stable Cascade's channel LayerNorm.

    ```mlir
    %n = kiln.layer_norm %x : tensor<2x16x768xf32>
    %c = kiln.layer_norm %x {axes = array<i64: 1>, eps = 1.0e-06 : f32}
        : tensor<1x64x24x24xbf16>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x,
                       Kiln_ArrayDefault<"{-1}">:$axes,
                       Kiln_F32Default<"1e-5">:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_GroupNormOp : Kiln_InferredOp<"group_norm", [Kiln_NormalizationRoot]> {
  let summary = "normalize each group of channels and all positions";
  let description = [{
    x [N, C, ...]: statistics over each group of C/num_groups channels and all
    remaining positions (biased variance, `f32`); C % num_groups == 0.

    ```mlir
    %g = kiln.group_norm %x {num_groups = 32 : i64, eps = 1.0e-06 : f32}
        : tensor<1x128x64x64xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, I64Attr:$num_groups,
                       Kiln_F32Default<"1e-5">:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def Kiln_RmsNormOp : Kiln_InferredOp<"rms_norm", [Kiln_NormalizationRoot]> {
  let summary = "divide by the root mean square over axes";
  let description = [{
    x·rsqrt(mean(x²) + eps) over `axes`. `group_size > 0` normalizes each run
    of `group_size` elements of the last axis on its own (Mamba-2's gated
    norm); it then requires `axes = [-1]` and a last dimension divisible by
    `group_size`.

    ```mlir
    %n = kiln.rms_norm %x {eps = 1.0e-05 : f32} : tensor<1x16x768xf32>
    %g = kiln.rms_norm %x {group_size = 64 : i64} : tensor<1x16x512xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x,
                       Kiln_ArrayDefault<"{-1}">:$axes,
                       Kiln_F32Default<"1e-6">:$eps,
                       Kiln_I64Default<"0">:$group_size);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

#endif // KILN_DIALECT_KILN_NORM_OPS_TD
