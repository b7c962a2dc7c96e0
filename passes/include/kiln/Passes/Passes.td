//===- Passes.td - Kiln's passes ------------------------------------------===//

#ifndef KILN_PASSES_TD
#define KILN_PASSES_TD

include "mlir/Pass/PassBase.td"

def KilnQuantizeWeights : Pass<"kiln-quantize-weights", "::mlir::func::FuncOp"> {
  let summary = "Quantize matmul weights block-wise (int8 / int4)";
  let description = [{
    `matmul(x, W)` with W a `kiln.param` (K × N, or N × K under
    `transpose_b`) becomes `qmatmul(x, q, scales)` with
    `(q, scales) = kiln.quantize(W)` in blocks of `block-size` along K. The
    compile driver evaluates the quantize at compile time, so the artifact
    holds int8 codes (int4 packed two per byte) and f32 scales. Params whose
    name matches `skip` keep their matmul, as do batched weights, transposed
    A, weights with other users and K not divisible by the block.

    ```mlir
    %w = kiln.param "fc.weight" : tensor<64x128xf32>
    %y = kiln.qmatmul %x, %q, %s {bits = 8, block_size = 32, transpose_b = true} ...
    ```
  }];
  let options = [
    Option<"bits", "bits", "int64_t", "8", "4 or 8">,
    Option<"blockSize", "block-size", "int64_t", "64",
           "elements per scale along K: 32, 64 or 128">,
    Option<"scheme", "scheme", "std::string", "\"absmax\"",
           "absmax (s = amax / (2^(bits-1) - 1)) or deepspeed (ZeRO++ qwZ, "
           "s = amax / 2^(bits-1))">,
    Option<"skip", "skip", "std::string", "\"\"",
           "params whose name matches this regular expression stay "
           "unquantized">
  ];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnPrecision : Pass<"kiln-precision", "::mlir::func::FuncOp"> {
  let summary = "Run every float tensor of a function in one type";
  let description = [{
    Params, constants and activations take `precision` (f32, bf16, f16);
    inputs are cast on entry and results cast back to their declared types,
    so the signature is unchanged. Kernels keep f32 accumulation and f32
    statistics, softmax and scan recurrences; quantization scales stay f32;
    a selective scan's state coming straight from an input keeps its type.
  }];
  let options = [
    Option<"precision", "precision", "std::string", "\"bf16\"",
           "f32, bf16 or f16">
  ];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnChannelsLast : Pass<"kiln-channels-last", "::mlir::func::FuncOp"> {
  let summary = "Run 16-bit convolutions on channels-last operands";
  let description = [{
    `conv2d(x, w)` in bf16 or f16 whose groups have a multiple of 8 input
    channels, or in f32 marked `kiln.tf32` (kiln-tf32 runs first) with a
    multiple of 4, and at least 16 output channels becomes
    `conv2d_channels_last(transpose(x, [0, 2, 3, 1]), transpose(w, [0, 2, 3, 1]))`.
    Channels-last, 8 (16-bit) or 4 (f32) channels of one kernel tap are 16
    contiguous bytes, so the implicit GEMM fills both operand tiles with 16-byte `cp.async`
    copies instead of gathering one element at a time. The compile driver
    transposes a weight that is a `kiln.param` at compile time (with
    external weights the transpose runs as a kernel); the activation's
    transpose is a kernel of its own. The result stays NCHW.
  }];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnTf32 : Pass<"kiln-tf32", "::mlir::func::FuncOp"> {
  let summary = "Let f32 convolutions (and, if asked, matmuls) use TF32 tensor cores";
  let description = [{
    Marks f32 convolutions (conv1d, conv2d, conv_transpose2d) and, with
    `matmuls=true`, f32 matmuls with the unit attribute `kiln.tf32`. Their
    implicit-GEMM and tiled kernels then round both operands to TF32 (10
    mantissa bits, to nearest) and multiply on the tensor cores with f32
    accumulation, about 8x the CUDA cores' f32 rate, at a relative error
    near 1e-3 instead of 1e-6. The defaults follow PyTorch's: TF32 on for
    convolutions (`torch.backends.cudnn.allow_tf32`), off for matmuls
    (`torch.backends.cuda.matmul.allow_tf32`). Kernels that do not tile
    (the direct convolution, the GEMV) ignore the mark.
  }];
  let options = [
    Option<"convolutions", "convolutions", "bool", "true",
           "mark f32 convolutions">,
    Option<"matmuls", "matmuls", "bool", "false", "mark f32 matmuls">
  ];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnHopperGemm : Pass<"kiln-hopper-gemm", "::mlir::func::FuncOp"> {
  let summary = "Put the matmuls Hopper's kernel takes on it (sm_90a targets)";
  let description = [{
    Marks each matmul the sm_90a GEMM kernel takes (bf16 or f16 x · Wᵀ, one
    batch, K a multiple of 8; KilnDialect::fitsHopperGemm) and whose
    128 x 128 tiles number at least `min-tiles` (a block for every SM of an
    H100 by default; smaller grids keep the mma.sync tiles, which split the
    work finer) with `kiln.tile = "128x128_sm90a"`. A matmul that already
    names a tile keeps it. The compile driver runs it when every target is
    sm_90a: the kernel's code runs on no other GPU.
  }];
  let options = [
    Option<"minTiles", "min-tiles", "int64_t", "132",
           "the fewest 128 x 128 tiles a matmul must make">
  ];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnDecompose : Pass<"kiln-decompose", "::mlir::func::FuncOp"> {
  let summary = "Rewrite ops whose own kernel is slower than their primitives";
  let description = [{
    Runs before fusion. Today: unmasked, non-causal f32 attention with as
    many kv heads as query heads (the AutoencoderKL's mid-block attention)
    becomes `matmul(q, k, transpose_b)`, a multiplication by the scale,
    `softmax` and `matmul(·, v)`: two tiled GEMMs and a row softmax instead
    of one thread per query row. Score buffers above 1 GiB are not
    decomposed; bf16 / f16 attention runs the flash kernel instead.
  }];
  let constructor = "::mlir::kiln::createDecomposePass()";
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnFormFusions : Pass<"kiln-form-fusions", "::mlir::func::FuncOp"> {
  let summary = "Group kiln ops into kiln.fusion regions, one kernel each";
  let description = [{
    Follows IREE's dispatch-region formation: first decide the groups without
    touching the IR (decideFusionGroups), then materialize each group as a
    `kiln.fusion` whose operands are the values it captures, whose `family`
    names the kernel family that will implement it and whose op the kernel
    is built around carries `kiln.root`. Ops are asked through
    `KernelRootOpInterface` (their family, and whether they take an epilogue
    or prologues).

    Today's rules: every op that is not a source (`kiln.param`,
    `kiln.constant`) is a group of its own; a pointwise op (elementwise or
    index-mapped movement) joins the group of its pointwise consumer when that
    consumer is its only user, so chains become one kernel and nothing is
    computed twice. Splat constants are cloned into the pointwise fusions
    that use them; a root of another family captures its operands one for one.
    A gemm, convolution, softmax, norm or selective_scan root takes in the
    pointwise group of its single user when the path there is elementwise and
    of the root's shape: bias, activation, residual and cast epilogues run
    inside the root's kernel (the scan's D skip and SiLU(z) gate too; the
    fusion then also returns the scan's last state). A selective_scan also
    takes the pointwise groups that produce its operands as prologues
    (softplus(delta + bias)) when it is their only user.

    Before:
    ```mlir
    %0 = kiln.add %x, %b : tensor<4x8xf32>, tensor<1x8xf32>
    %1 = kiln.silu %0 : tensor<4x8xf32>
    ```
    After:
    ```mlir
    %1 = kiln.fusion (%x, %b : tensor<4x8xf32>, tensor<1x8xf32>)
        -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
    ^bb0(%a: tensor<4x8xf32>, %c: tensor<1x8xf32>):
      %0 = kiln.add %a, %c : tensor<4x8xf32>, tensor<1x8xf32>
      %s = kiln.silu %0 {kiln.root} : tensor<4x8xf32>
      kiln.yield %s : tensor<4x8xf32>
    }
    ```
  }];
  let constructor = "::mlir::kiln::createFormFusionsPass()";
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def KilnPlanMemory : Pass<"kiln-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "Assign arena offsets to fusion results by liveness";
  let description = [{
    Every `kiln.fusion` result lives in one arena from its definition to its
    last use (function results live to the end). Offsets are assigned first
    fit in program order, aligned to `alignment` bytes, so buffers whose
    lifetimes do not overlap share memory. Results are recorded as
    `kiln.arena_offsets` (one per result) on each fusion and
    `kiln.arena_bytes` (the peak) on the function. A purely elementwise
    fusion whose same-typed input is an arena buffer that dies at it writes
    over that input (`kiln.in_place` = the input's index).

    ```mlir
    func.func @f(...) attributes {kiln.arena_bytes = 256 : i64} {
      %0 = kiln.fusion (...) -> tensor<4x8xf32> attributes
          {family = #kiln.family<pointwise>, kiln.arena_offsets = array<i64: 0>} {...}
    ```
  }];
  let constructor = "::mlir::kiln::createPlanMemoryPass()";
  let options = [
    Option<"alignment", "alignment", "int64_t", "256",
           "byte alignment of every buffer">
  ];
}

#endif // KILN_PASSES_TD
