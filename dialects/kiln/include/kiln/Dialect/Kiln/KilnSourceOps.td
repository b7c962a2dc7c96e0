//===- KilnSourceOps.td - constants, weights, iota, random_normal ---------===//
//
// Ops with no tensor operands: literal tensors, named weights read at load
// time, index ramps and the counter-based normal generator.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_SOURCE_OPS_TD
#define KILN_DIALECT_KILN_SOURCE_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_ConstantOp : Kiln_InferredOp<"constant", [ConstantLike]> {
  let summary = "literal tensor";
  let description = [{
    A tensor whose elements are given by `value`. The result type is the type
    of `value`. Folds to its attribute, so constant folding produces it.

    ```mlir
    %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %z = kiln.constant dense<0.0> : tensor<4x8xbf16>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Kiln_ParamOp : Kiln_Op<"param", [Pure]> {
  let summary = "named weight read from the weights file at load time";
  let description = [{
    A weight tensor named `name` in the weights file (safetensors). The stored
    tensor must have the result's shape; a floating-point param may be stored
    as another floating-point type and is converted on load (rounded to
    nearest even; a finite stored value beyond the param type's range is an
    error naming the element, never a silent infinity). Integer and boolean
    params match their storage's dtype.

    ```mlir
    %w = kiln.param "fc1.weight" : tensor<400x784xbf16>
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kiln_IotaOp : Kiln_Op<"iota", [Pure, Kiln_DataRoot]> {
  let summary = "index ramp along one dimension";
  let description = [{
    Every element equals its index along `dim` (negative counts from the end),
    converted to the integer or floating-point result type.

    ```mlir
    %pos = kiln.iota {dim = 0 : i64} : tensor<128xi32>
    %cols = kiln.iota {dim = 1 : i64} : tensor<4x16xf32>
    ```
  }];
  let arguments = (ins I64Attr:$dim);
  let results = (outs Kiln_NumericTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Kiln_RandomNormalOp : Kiln_Op<"random_normal", [Pure, Kiln_DataRoot]> {
  let summary = "counter-based normal samples, identical on every device";
  let description = [{
    For element linear index i (row-major): (r0, r1, r2, r3) =
    Philox4x32-10(counter = (i, 0, 0, 0), key = (lo32(seed), hi32(seed)));
    u1 = ((r0 >> 8) + 1)·2⁻²⁴; u2 = (r1 >> 8)·2⁻²⁴;
    value = mean + std·sqrt(−2·ln u1)·cos(2π·u2). `std` must be ≥ 0.

    ```mlir
    %eps = kiln.random_normal {seed = 42 : i64} : tensor<1x20xf32>
    %n = kiln.random_normal {seed = 7 : i64, mean = 1.0 : f32, std = 0.5 : f32}
        : tensor<2x4x64x64xbf16>
    ```
  }];
  let arguments = (ins I64Attr:$seed, Kiln_F32Default<"0.0">:$mean,
                       Kiln_F32Default<"1.0">:$std);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_KILN_SOURCE_OPS_TD
