//===- KilnElementwiseOps.td - pointwise math, compare, select, cast ------===//
//
// Elementwise ops (Pure; same-rank broadcasting for the n-ary ones). The
// pointwise kernel family fuses any chain of them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_ELEMENTWISE_OPS_TD
#define KILN_DIALECT_KILN_ELEMENTWISE_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

let hasFolder = 1 in {
def Kiln_NegOp : Kiln_UnaryFloatOp<"neg", "negation", "-x">;
def Kiln_AbsOp : Kiln_UnaryFloatOp<"abs", "absolute value", "|x|">;
def Kiln_ExpOp : Kiln_UnaryFloatOp<"exp", "exponential", "exp(x)">;
def Kiln_LogOp : Kiln_UnaryFloatOp<"log", "natural logarithm", "log(x)">;
def Kiln_Log1pOp : Kiln_UnaryFloatOp<"log1p", "log(1 + x)", "log(1 + x)">;
def Kiln_SqrtOp : Kiln_UnaryFloatOp<"sqrt", "square root", "sqrt(x)">;
def Kiln_RsqrtOp : Kiln_UnaryFloatOp<"rsqrt", "reciprocal square root",
                                     "1 / sqrt(x)">;
def Kiln_ReciprocalOp : Kiln_UnaryFloatOp<"reciprocal", "reciprocal", "1 / x">;
def Kiln_TanhOp : Kiln_UnaryFloatOp<"tanh", "hyperbolic tangent", "tanh(x)">;
def Kiln_SigmoidOp : Kiln_UnaryFloatOp<"sigmoid", "logistic sigmoid",
                                       "1 / (1 + exp(-x))">;
def Kiln_SiluOp : Kiln_UnaryFloatOp<"silu", "SiLU (swish)", "x * sigmoid(x)">;
def Kiln_ReluOp : Kiln_UnaryFloatOp<"relu", "rectified linear unit",
                                    "max(x, 0)">;
def Kiln_ErfOp : Kiln_UnaryFloatOp<"erf", "error function", "erf(x)">;
def Kiln_SinOp : Kiln_UnaryFloatOp<"sin", "sine", "sin(x)">;
def Kiln_CosOp : Kiln_UnaryFloatOp<"cos", "cosine", "cos(x)">;
def Kiln_FloorOp : Kiln_UnaryFloatOp<"floor", "floor", "floor(x)">;
}

def Kiln_GeluOp : Kiln_Op<"gelu", [Pure, SameOperandsAndResultType,
                                   Kiln_Elementwise]> {
  let summary = "Gaussian error linear unit (PyTorch F.gelu)";
  let description = [{
    `approximate = "none"`: x·Φ(x) = 0.5·x·(1 + erf(x/√2)).
    `approximate = "tanh"`: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).

    ```mlir
    %y = kiln.gelu %x : tensor<4x3072xbf16>
    %t = kiln.gelu %x {approximate = "tanh"} : tensor<4x3072xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x,
                       Kiln_StrDefault<"none">:$approximate);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_SoftplusOp : Kiln_Op<"softplus", [Pure, SameOperandsAndResultType,
                                           Kiln_Elementwise]> {
  let summary = "softplus with PyTorch's beta and threshold";
  let description = [{
    (1/β)·log(1 + exp(β·x)), and x itself where β·x > threshold. β must not
    be zero.

    ```mlir
    %dt = kiln.softplus %x : tensor<1x1536x64xf32>
    %s = kiln.softplus %x {beta = 2.0 : f32, threshold = 10.0 : f32}
        : tensor<8xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_F32Default<"1.0">:$beta,
                       Kiln_F32Default<"20.0">:$threshold);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_ClampOp : Kiln_Op<"clamp", [Pure, SameOperandsAndResultType,
                                     Kiln_Elementwise]> {
  let summary = "clamp to [min, max]";
  let description = [{
    min(max(x, min), max) with either bound optional (at least one given;
    min ≤ max when both are). Integer tensors compare against the bounds
    converted to the element type.

    ```mlir
    %lv = kiln.clamp %logvar {min = -30.0 : f32, max = 20.0 : f32}
        : tensor<1x4x64x64xf32>
    %p = kiln.clamp %x {min = 0.0 : f32} : tensor<16xf32>
    ```
  }];
  let arguments = (ins Kiln_NumericTensor:$x, OptionalAttr<F32Attr>:$min,
                       OptionalAttr<F32Attr>:$max);
  let results = (outs Kiln_NumericTensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

def Kiln_AddOp : Kiln_BinaryOp<"add", "addition", "lhs + rhs", [Commutative]>;
def Kiln_SubOp : Kiln_BinaryOp<"sub", "subtraction", "lhs - rhs">;
def Kiln_MulOp : Kiln_BinaryOp<"mul", "multiplication", "lhs * rhs",
                               [Commutative]>;
def Kiln_DivOp : Kiln_BinaryOp<"div", "division", "lhs / rhs">;
def Kiln_MaxOp : Kiln_BinaryOp<"max", "maximum", "max(lhs, rhs)",
                               [Commutative]>;
def Kiln_MinOp : Kiln_BinaryOp<"min", "minimum", "min(lhs, rhs)",
                               [Commutative]>;
def Kiln_PowOp : Kiln_BinaryOp<"pow", "power", "lhs ^ rhs">;

def Kiln_CompareOp : Kiln_InferredOp<"compare", [Kiln_Elementwise]> {
  let summary = "elementwise comparison with broadcasting, giving i1";
  let description = [{
    Compares `lhs` with `rhs` (same rank and element type, broadcasting) by
    `predicate` ∈ {eq, ne, lt, le, gt, ge}; the result is an `i1` tensor.

    ```mlir
    %m = kiln.compare %a, %b {predicate = "lt"}
        : tensor<4x8xf32>, tensor<4x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs,
                       StrAttr:$predicate);
  let results = (outs Kiln_BoolTensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let hasFolder = 1;
}

def Kiln_SelectOp : Kiln_InferredOp<"select", [Kiln_Elementwise]> {
  let summary = "choose between two tensors by an i1 condition";
  let description = [{
    `a` where `cond` is true, else `b`. All three have the same rank and
    broadcast together; `a` and `b` share an element type.

    ```mlir
    %r = kiln.select %cond, %a, %b
        : tensor<4x8xi1>, tensor<4x8xf32>, tensor<1x8xf32>
    ```
  }];
  let arguments = (ins Kiln_BoolTensor:$cond, Kiln_Tensor:$a, Kiln_Tensor:$b);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$cond `,` $a `,` $b attr-dict `:` type($cond) `,` "
                       "type($a) `,` type($b)";
  let hasFolder = 1;
}

def Kiln_CastOp : Kiln_Op<"cast", [Pure, Kiln_Elementwise]> {
  let summary = "convert elements to the result's element type";
  let description = [{
    Same shape, new element type. Float → float rounds to nearest even;
    float → int rounds to nearest even and saturates; int → float is exact
    where representable; i1 ↔ 0/1.

    ```mlir
    %h = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xbf16>
    %r = kiln.cast %y {keep} : tensor<4x8xf32> to tensor<4x8xf32>
    ```

    `keep` pins the result's element type: `kiln-precision` leaves it as
    written (a model's f32 residual stream under `--precision bf16`), and
    the cast does not fold away before that pass has run; the pass drops
    the marker, after which an identity cast folds as usual.
  }];
  let arguments = (ins Kiln_Tensor:$x, UnitAttr:$keep);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$x attr-dict `:` type($x) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // KILN_DIALECT_KILN_ELEMENTWISE_OPS_TD
