//===- KilnAttentionOps.td - attention, rope, decode-time cache ops -------===//
//
// Attention and positions, plus the FastGen decode-time cache ops: roots of
// the attention and data kernel families.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_ATTENTION_OPS_TD
#define KILN_DIALECT_KILN_ATTENTION_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"

def Kiln_AttentionOp : Kiln_InferredOp<"attention", [Kiln_AttentionRoot]> {
  let summary = "scaled dot-product attention with GQA, causal, window, S2";
  let description = [{
    q [B, Hq, Lq, D], k [B, Hk, Lk, D], v [B, Hk, Lk, Dv], Hq % Hk == 0 (query
    head h reads kv head h / (Hq/Hk)) → out [B, Hq, Lq, Dv]. With o = Lk − Lq
    (bottom-right alignment) query i may attend key j when: causal → j ≤ i + o;
    window W > 0 → j > i + o − W; s2_group G > 0 (Lq == Lk, L % G == 0, G even,
    Hq even) → heads h < Hq/2 use groups ⌊i/G⌋ == ⌊j/G⌋, the others the
    shifted groups ⌊(i + G/2)/G⌋ == ⌊(j + G/2)/G⌋ without wrap-around.
    The optional rank-4 `mask` broadcasts to [B, Hq, Lq, Lk]: `i1` (true = may
    attend) or float (added to the scaled logits). A row with no allowed key
    yields 0.

    ```mlir
    %o = kiln.attention %q, %k, %v {scale = 0.125 : f32, causal = true}
        : tensor<1x8x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>
    %m = kiln.attention %q, %k, %v, %mask {scale = 0.125 : f32}
        : tensor<1x8x16x64xf32>, tensor<1x8x32x64xf32>, tensor<1x8x32x64xf32>,
          tensor<1x1x16x32xi1>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$q, Kiln_FloatTensor:$k,
                       Kiln_FloatTensor:$v, Optional<Kiln_MaskTensor>:$mask,
                       F32Attr:$scale, Kiln_BoolDefault<"false">:$causal,
                       Kiln_I64Default<"0">:$window,
                       Kiln_I64Default<"0">:$s2_group);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $q `,` $k `,` $v (`,` $mask^)? attr-dict `:` type($q) `,` type($k) `,`
    type($v) (`,` type($mask)^)?
  }];
}

def Kiln_RopeOp : Kiln_InferredOp<"rope", [Kiln_AttentionRoot]> {
  let summary = "rotary position embedding with linear / NTK / YaRN scaling";
  let description = [{
    x [B, H, L, D], positions [L] or [B, L] (`i32`/`i64`) → same type as x.
    d = rotary_dim (0 means D; even, ≤ D; the rest passes through),
    θᵢ = theta^(−2i/d). Pairs are (i, i + d/2) (HF rotate_half) or, when
    `interleaved`, (2i, 2i + 1). `scaling` ∈ {none, linear, ntk, yarn};
    `yarn` follows HF `_compute_yarn_parameters` and needs
    `original_max_positions` > 0; `factor` > 0.

    ```mlir
    %r = kiln.rope %x, %pos : tensor<1x8x16x64xf32>, tensor<16xi64>
    %y = kiln.rope %x, %pos {scaling = "yarn", factor = 16.0 : f32,
                             original_max_positions = 4096 : i64}
        : tensor<1x8x16x128xbf16>, tensor<1x16xi32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_IndexTensor:$positions,
                       Kiln_F32Default<"10000.0">:$theta,
                       Kiln_I64Default<"0">:$rotary_dim,
                       Kiln_BoolDefault<"false">:$interleaved,
                       Kiln_StrDefault<"none">:$scaling,
                       Kiln_F32Default<"1.0">:$factor,
                       Kiln_I64Default<"0">:$original_max_positions,
                       Kiln_F32Default<"32.0">:$beta_fast,
                       Kiln_F32Default<"1.0">:$beta_slow,
                       Kiln_F32Default<"0.0">:$attention_factor,
                       Kiln_BoolDefault<"true">:$truncate);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat =
      "$x `,` $positions attr-dict `:` type($x) `,` type($positions)";
}

def Kiln_KvCacheWriteOp : Kiln_InferredOp<"kv_cache_write", [Kiln_DataRoot]> {
  let summary = "write new rows into a static-capacity KV cache";
  let description = [{
    cache [B, H, S, D], new [B, H, T, D], pos [B, H] `i32` → cache: rows
    pos[b, h] … pos[b, h] + T − 1 of head (b, h) are replaced by `new`.
    Out-of-capacity writes are an error on the reference device and dropped
    elsewhere. Mark the result `kiln.tied` for an in-place update.

    ```mlir
    %c = kiln.kv_cache_write %cache, %new, %pos
        : tensor<1x8x256x64xbf16>, tensor<1x8x1x64xbf16>, tensor<1x8xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$cache, Kiln_Tensor:$update,
                       Kiln_I32Tensor:$pos);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$cache `,` $update `,` $pos attr-dict `:` type($cache) "
                       "`,` type($update) `,` type($pos)";
}

def Kiln_DecodeAttentionOp : Kiln_InferredOp<"decode_attention",
    [Kiln_AttentionRoot]> {
  let summary = "attention of new queries over per-head cache lengths";
  let description = [{
    q [B, Hq, T, D], k_cache [B, Hk, S, D], v_cache [B, Hk, S, Dv],
    lens [B, Hk] `i32` → [B, Hq, T, Dv]. Head (b, h) sees cache rows
    [0, lens[b, kv(h)]); the T queries are the last T of those rows, causal
    among themselves.

    ```mlir
    %o = kiln.decode_attention %q, %kc, %vc, %lens {scale = 0.125 : f32}
        : tensor<1x8x1x64xbf16>, tensor<1x2x256x64xbf16>,
          tensor<1x2x256x64xbf16>, tensor<1x2xi32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$q, Kiln_FloatTensor:$k_cache,
                       Kiln_FloatTensor:$v_cache, Kiln_I32Tensor:$lens,
                       F32Attr:$scale);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$q `,` $k_cache `,` $v_cache `,` $lens attr-dict `:` "
                       "type($q) `,` type($k_cache) `,` type($v_cache) `,` "
                       "type($lens)";
}

def Kiln_KvCacheCompactOp : Kiln_InferredOp<"kv_cache_compact",
    [Kiln_DataRoot]> {
  let summary = "move each head's kept cache rows to the front";
  let description = [{
    cache [B, H, S, D], keep [B, H, S] `i1` → (cache, lens [B, H] `i32`): per
    head the kept rows move to the front in order; lens is the kept count.

    ```mlir
    %c, %lens = kiln.kv_cache_compact %cache, %keep
        : tensor<1x8x256x64xbf16>, tensor<1x8x256xi1>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$cache, Kiln_BoolTensor:$keep);
  let results = (outs Kiln_Tensor:$result, Kiln_I32Tensor:$lens);
  let assemblyFormat =
      "$cache `,` $keep attr-dict `:` type($cache) `,` type($keep)";
}

def Kiln_AttentionMassOp : Kiln_InferredOp<"attention_mass",
    [Kiln_AttentionRoot]> {
  let summary = "FastGen profiling: attention mass recovered by keep policies";
  let description = [{
    q [B, Hq, L, D], k [B, Hk, L, D], keep [P, B, Hk, L] `i1` →
    [P, B, Hq] `f32`: for each policy p the mean over query rows i of
    Σ_{j kept} A_ij, A = softmax(scale·q·kᵀ) over the allowed keys (causal by
    default). A is never materialized.

    ```mlir
    %m = kiln.attention_mass %q, %k, %keep {scale = 0.125 : f32}
        : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$q, Kiln_FloatTensor:$k,
                       Kiln_BoolTensor:$keep, F32Attr:$scale,
                       Kiln_BoolDefault<"true">:$causal);
  let results = (outs Kiln_F32Tensor:$result);
  let assemblyFormat = "$q `,` $k `,` $keep attr-dict `:` type($q) `,` "
                       "type($k) `,` type($keep)";
}

def Kiln_AttentionColsumOp : Kiln_InferredOp<"attention_colsum",
    [Kiln_AttentionRoot]> {
  let summary = "column sums of the attention matrix (heavy-hitter scores)";
  let description = [{
    q [B, Hq, L, D], k [B, Hk, L, D] → [B, Hq, L] `f32`: Σᵢ A_ij per key j,
    A = softmax(scale·q·kᵀ) over the allowed keys (causal by default).

    ```mlir
    %s = kiln.attention_colsum %q, %k {scale = 0.125 : f32}
        : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$q, Kiln_FloatTensor:$k,
                       F32Attr:$scale, Kiln_BoolDefault<"true">:$causal);
  let results = (outs Kiln_F32Tensor:$result);
  let assemblyFormat = "$q `,` $k attr-dict `:` type($q) `,` type($k)";
}

#endif // KILN_DIALECT_KILN_ATTENTION_OPS_TD
