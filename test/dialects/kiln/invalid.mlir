// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Verifier and shape-rule diagnostics of the kiln dialect (ops.md, "Verifier
// diagnostics"). Every rule has one failing case that matches a distinctive
// part of its message; every op group has passing controls that must produce
// no diagnostic. Ops with inferred result types report shape errors while the
// custom parser runs, at the op's location.

//===----------------------------------------------------------------------===//
// Sources: constant, param, iota, random_normal
//===----------------------------------------------------------------------===//

func.func @sources_ok() -> (tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>,
                            tensor<4x16xf32>, tensor<2x4xbf16>) {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %w = kiln.param "fc1.weight" : tensor<4x8xbf16>
  %i = kiln.iota {dim = 0 : i64} : tensor<128xi32>
  %j = kiln.iota {dim = -1 : i64} : tensor<4x16xf32>
  %n = kiln.random_normal {seed = 7 : i64, mean = 1.0 : f32, std = 0.5 : f32}
      : tensor<2x4xbf16>
  return %c, %w, %i, %j, %n
      : tensor<2xf32>, tensor<4x8xbf16>, tensor<128xi32>, tensor<4x16xf32>,
        tensor<2x4xbf16>
}

// -----

func.func @constant_not_tensor() {
  // expected-error @+1 {{'kiln.constant' op value must be a statically shaped tensor literal}}
  %c = kiln.constant dense<1.0> : vector<4xf32>
  return
}

// -----

func.func @constant_bad_element_type() {
  // expected-error @+1 {{'kiln.constant' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %c = kiln.constant dense<1.0> : tensor<4xf64>
  return
}

// -----

// Generic form: the result type is written out and must equal the inferred one.
func.func @constant_generic_wrong_result_type() {
  // expected-error @+2 {{'kiln.constant' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{'kiln.constant' op failed to infer returned types}}
  %c = "kiln.constant"() <{value = dense<1.0> : tensor<4xf32>}> : () -> tensor<4xf16>
  return
}

// -----

func.func @param_empty_name() {
  // expected-error @+1 {{'kiln.param' op name must not be empty}}
  %w = kiln.param "" : tensor<4xf32>
  return
}

// -----

func.func @param_dynamic_shape() {
  // expected-error @+1 {{'kiln.param' op result #0 must be statically shaped tensor}}
  %w = kiln.param "w" : tensor<?x4xf32>
  return
}

// -----

func.func @param_name_wrong_kind() {
  // expected-error @+1 {{Invalid attribute `name` in property conversion: 3 : i64}}
  %w = "kiln.param"() <{name = 3 : i64}> : () -> tensor<4xf32>
  return
}

// -----

func.func @iota_scalar() {
  // expected-error @+1 {{'kiln.iota' op result must have rank >= 1, got a scalar tensor}}
  %i = kiln.iota {dim = 0 : i64} : tensor<i32>
  return
}

// -----

func.func @iota_dim_out_of_range() {
  // expected-error @+1 {{'kiln.iota' op dim = 2 is out of range for rank 2 (expected -2 <= dim < 2)}}
  %i = kiln.iota {dim = 2 : i64} : tensor<4x8xi32>
  return
}

// -----

func.func @iota_missing_dim() {
  // expected-error @+1 {{'kiln.iota' op requires attribute 'dim'}}
  %i = kiln.iota : tensor<4xi32>
  return
}

// -----

func.func @iota_bool_result() {
  // expected-error @+1 {{'kiln.iota' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %i = kiln.iota {dim = 0 : i64} : tensor<4xi1>
  return
}

// -----

func.func @random_normal_negative_std() {
  // expected-error @+1 {{'kiln.random_normal' op std must be >= 0, got -1.000000e+00}}
  %n = kiln.random_normal {seed = 1 : i64, std = -1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @random_normal_nan_std() {
  // expected-error @+1 {{'kiln.random_normal' op std must be >= 0, got nan}}
  %n = kiln.random_normal {seed = 1 : i64, std = 0x7FC00000 : f32} : tensor<4xf32>
  return
}

// -----

func.func @random_normal_int_result() {
  // expected-error @+1 {{'kiln.random_normal' op result #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4xi32>'}}
  %n = kiln.random_normal {seed = 1 : i64} : tensor<4xi32>
  return
}

// -----

func.func @random_normal_missing_seed() {
  // expected-error @+1 {{'kiln.random_normal' op requires attribute 'seed'}}
  %n = kiln.random_normal : tensor<4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise: unary, gelu, softplus, clamp, binary, compare, select, cast
//===----------------------------------------------------------------------===//

func.func @elementwise_ok(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>,
                          %h: tensor<4x8xbf16>, %c: tensor<4x1xi1>,
                          %i: tensor<4x8xi32>) {
  %0 = kiln.exp %x : tensor<4x8xf32>
  %1 = kiln.silu %h : tensor<4x8xbf16>
  %2 = kiln.gelu %x {approximate = "tanh"} : tensor<4x8xf32>
  %3 = kiln.softplus %x {beta = 2.0 : f32, threshold = 10.0 : f32} : tensor<4x8xf32>
  %4 = kiln.clamp %x {min = -1.0 : f32, max = 1.0 : f32} : tensor<4x8xf32>
  %5 = kiln.clamp %i {max = 3.0 : f32} : tensor<4x8xi32>
  %6 = kiln.add %x, %y : tensor<4x8xf32>, tensor<1x8xf32>
  %7 = kiln.pow %y, %x : tensor<1x8xf32>, tensor<4x8xf32>
  %8 = kiln.compare %x, %y {predicate = "le"} : tensor<4x8xf32>, tensor<1x8xf32>
  %9 = kiln.select %c, %x, %y : tensor<4x1xi1>, tensor<4x8xf32>, tensor<1x8xf32>
  %10 = kiln.cast %x : tensor<4x8xf32> to tensor<4x8xbf16>
  %11 = kiln.cast %c : tensor<4x1xi1> to tensor<4x1xi32>
  %12 = "kiln.mul"(%x, %y) : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @unary_int_operand(%x: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.exp' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4xi32>'}}
  %0 = kiln.exp %x : tensor<4xi32>
  return
}

// -----

func.func @unary_dynamic_shape(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'kiln.tanh' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<?x4xf32>'}}
  %0 = kiln.tanh %x : tensor<?x4xf32>
  return
}

// -----

func.func @unary_generic_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.sqrt' op requires the same type for all operands and results}}
  %0 = "kiln.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @gelu_bad_approximate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.gelu' op approximate must be one of {none, tanh}, got "erf"}}
  %0 = kiln.gelu %x {approximate = "erf"} : tensor<4xf32>
  return
}

// -----

func.func @softplus_zero_beta(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.softplus' op beta must not be 0}}
  %0 = kiln.softplus %x {beta = 0.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @clamp_no_bounds(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.clamp' op needs at least one of min and max}}
  %0 = kiln.clamp %x : tensor<4xf32>
  return
}

// -----

func.func @clamp_min_above_max(%x: tensor<4xf32>) {
  // min > max is allowed, as in PyTorch (every element becomes max).
  %0 = kiln.clamp %x {min = 2.0 : f32, max = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @clamp_bool_operand(%x: tensor<4xi1>) {
  // expected-error @+1 {{'kiln.clamp' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.clamp %x {min = 0.0 : f32} : tensor<4xi1>
  return
}

// -----

func.func @clamp_bound_wrong_kind(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'min' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.clamp %x {min = 0 : i64} : tensor<4xf32>
  return
}

// -----

func.func @binary_element_types_differ(%x: tensor<4x8xf32>, %y: tensor<4x8xbf16>) {
  // expected-error @+1 {{'kiln.add' op lhs and rhs must share an element type, got f32 and bf16}}
  %0 = kiln.add %x, %y : tensor<4x8xf32>, tensor<4x8xbf16>
  return
}

// -----

func.func @binary_rank_differs(%x: tensor<4x8xf32>, %y: tensor<8xf32>) {
  // expected-error @+1 {{'kiln.mul' op operands must have the same rank: lhs has rank 2, rhs has rank 1 (insert kiln.reshape to align ranks)}}
  %0 = kiln.mul %x, %y : tensor<4x8xf32>, tensor<8xf32>
  return
}

// -----

func.func @binary_not_broadcastable(%x: tensor<4x8xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{'kiln.sub' op operands are not broadcast-compatible in dimension 1: lhs has 8, rhs has 3}}
  %0 = kiln.sub %x, %y : tensor<4x8xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @binary_bool_operands(%x: tensor<4xi1>) {
  // expected-error @+1 {{'kiln.max' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.max %x, %x : tensor<4xi1>, tensor<4xi1>
  return
}

// -----

func.func @binary_dynamic_shape(%x: tensor<?x4xf32>, %y: tensor<1x4xf32>) {
  // expected-error @+1 {{'kiln.div' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<?x4xf32>}}
  %0 = kiln.div %x, %y : tensor<?x4xf32>, tensor<1x4xf32>
  return
}

// -----

// Generic form: a result type that differs from the inferred one.
func.func @binary_generic_wrong_result_type(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>) {
  // expected-error @+2 {{'kiln.add' op inferred type(s) 'tensor<4x8xf32>' are incompatible with return type(s) of operation 'tensor<1x8xf32>'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = "kiln.add"(%x, %y) : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<1x8xf32>
  return
}

// -----

// Generic form: a shape rule broken; the verifier reports the rule, then that
// inference failed.
func.func @binary_generic_not_broadcastable(%x: tensor<4x8xf32>, %y: tensor<2x8xf32>) {
  // expected-error @+2 {{'kiln.min' op operands are not broadcast-compatible in dimension 0: lhs has 4, rhs has 2}}
  // expected-error @+1 {{'kiln.min' op failed to infer returned types}}
  %0 = "kiln.min"(%x, %y) : (tensor<4x8xf32>, tensor<2x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @compare_bad_predicate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.compare' op predicate must be one of {eq, ne, lt, le, gt, ge}, got "neq"}}
  %0 = kiln.compare %x, %x {predicate = "neq"} : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @compare_missing_predicate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.compare' op requires attribute 'predicate'}}
  %0 = kiln.compare %x, %x : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @compare_element_types_differ(%x: tensor<4xf32>, %y: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.compare' op lhs and rhs must share an element type, got f32 and i32}}
  %0 = kiln.compare %x, %y {predicate = "eq"} : tensor<4xf32>, tensor<4xi32>
  return
}

// -----

func.func @compare_not_broadcastable(%x: tensor<4x2xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{'kiln.compare' op operands are not broadcast-compatible in dimension 1: lhs has 2, rhs has 3}}
  %0 = kiln.compare %x, %y {predicate = "gt"} : tensor<4x2xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @select_branch_types_differ(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{'kiln.select' op a and b must share an element type, got f32 and f16}}
  %0 = kiln.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>, tensor<4xf16>
  return
}

// -----

func.func @select_rank_differs(%c: tensor<4xi1>, %a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.select' op operands must have the same rank: cond has rank 1, a has rank 2}}
  %0 = kiln.select %c, %a, %a : tensor<4xi1>, tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @select_not_broadcastable(%c: tensor<3x4xi1>, %a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.select' op operands are not broadcast-compatible in dimension 0: cond has 3, a has 2}}
  %0 = kiln.select %c, %a, %a : tensor<3x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @select_cond_not_bool(%c: tensor<4xi32>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.select' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %0 = kiln.select %c, %a, %a : tensor<4xi32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @cast_shape_changes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.cast' op changes only the element type: x has shape [4, 8], result has [8, 4]}}
  %0 = kiln.cast %x : tensor<4x8xf32> to tensor<8x4xbf16>
  return
}

// -----

func.func @cast_unsupported_element(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.cast' op result #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.cast %x : tensor<4xf32> to tensor<4xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Shape and data movement: reshape, transpose, broadcast_to, concat, slice,
// pad, gather, pixel_shuffle, pixel_unshuffle, resize
//===----------------------------------------------------------------------===//

func.func @shape_ok(%x: tensor<2x3x4xf32>, %b: tensor<1x4xf32>, %t: tensor<10x8xbf16>,
                    %ids: tensor<2x5xi64>, %img: tensor<1x16x8x8xf32>) {
  %0 = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : tensor<2x3x4xf32>
  %2 = kiln.broadcast_to %b : tensor<1x4xf32> -> tensor<6x4xf32>
  %3 = kiln.concat %0, %b {axis = -2 : i64} : tensor<6x4xf32>, tensor<1x4xf32>
  %4 = kiln.slice %x {start = array<i64: 0, -2, 0>, limit = array<i64: 2, 3, 100>,
                      stride = array<i64: 1, 1, 3>} : tensor<2x3x4xf32>
  %5 = kiln.pad %x {low = array<i64: 0, 1, 1>, high = array<i64: 0, 1, 2>,
                    mode = "reflect"} : tensor<2x3x4xf32>
  %6 = kiln.pad %x {low = array<i64: 0, 0, 0>, high = array<i64: 1, 0, 0>,
                    value = -1.0 : f32} : tensor<2x3x4xf32>
  %7 = kiln.gather %t, %ids : tensor<10x8xbf16>, tensor<2x5xi64>
  %8 = kiln.pixel_shuffle %img {factor = 2 : i64} : tensor<1x16x8x8xf32>
  %9 = kiln.pixel_unshuffle %img {factor = 4 : i64} : tensor<1x16x8x8xf32>
  %10 = kiln.resize %img {mode = "bicubic", antialias = true}
      : tensor<1x16x8x8xf32> -> tensor<1x16x3x5xf32>
  %11 = "kiln.transpose"(%b) <{perm = array<i64: 1, 0>}> : (tensor<1x4xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @reshape_element_type_differs(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op x and result must share an element type, got f32 and bf16}}
  %0 = kiln.reshape %x : tensor<2x3xf32> -> tensor<6xbf16>
  return
}

// -----

func.func @reshape_element_count_differs(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op element count differs: x [2, 3] has 6, result [7] has 7}}
  %0 = kiln.reshape %x : tensor<2x3xf32> -> tensor<7xf32>
  return
}

// -----

func.func @reshape_dynamic_operand(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'kiln.reshape' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.reshape %x : tensor<?x3xf32> -> tensor<6xf32>
  return
}

// -----

func.func @transpose_missing_perm(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op requires attribute 'perm'}}
  %0 = kiln.transpose %x : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_perm_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'perm' failed to satisfy constraint: i64 dense array attribute}}
  %0 = kiln.transpose %x {perm = array<i32: 1, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_perm_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must have 2 entries, got 3: [0, 1, 2]}}
  %0 = kiln.transpose %x {perm = array<i64: 0, 1, 2>} : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_perm_repeats(%x: tensor<4x8x2xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must be a permutation of 0..2, got [0, 2, 0]}}
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 0>} : tensor<4x8x2xf32>
  return
}

// -----

func.func @transpose_perm_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.transpose' op perm must be a permutation of 0..1, got [-1, 0]}}
  %0 = kiln.transpose %x {perm = array<i64: -1, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @transpose_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.transpose' op inferred type(s) 'tensor<8x4xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = "kiln.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @broadcast_to_element_type_differs(%x: tensor<1x4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op x and result must share an element type, got f32 and f16}}
  %0 = kiln.broadcast_to %x : tensor<1x4xf32> -> tensor<3x4xf16>
  return
}

// -----

func.func @broadcast_to_rank_differs(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op result must have rank 1, got rank 2 [3, 4]}}
  %0 = kiln.broadcast_to %x : tensor<4xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @broadcast_to_dim_mismatch(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.broadcast_to' op x [2, 4] does not broadcast to [3, 4]: dimension 0 is neither 1 nor 3}}
  %0 = kiln.broadcast_to %x : tensor<2x4xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @concat_no_inputs() {
  // expected-error @+2 {{'kiln.concat' op needs at least one input}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = "kiln.concat"() <{axis = 0 : i64}> : () -> tensor<4xf32>
  return
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.concat' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.concat %a, %a {axis = 2 : i64} : tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @concat_rank_differs(%a: tensor<2x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.concat' op input 1 must have rank 2, got rank 1 [4]}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<4xf32>
  return
}

// -----

func.func @concat_element_type_differs(%a: tensor<2x4xf32>, %b: tensor<2x4xbf16>) {
  // expected-error @+1 {{'kiln.concat' op input 0 and input 1 must share an element type, got f32 and bf16}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<2x4xbf16>
  return
}

// -----

func.func @concat_other_dim_differs(%a: tensor<2x4xf32>, %b: tensor<2x5xf32>) {
  // expected-error @+1 {{'kiln.concat' op inputs differ in dimension 1 (not the concat axis 0): input 0 has 4, input 1 has 5}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : tensor<2x4xf32>, tensor<2x5xf32>
  return
}

// -----

func.func @concat_missing_axis(%a: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.concat' op requires attribute 'axis'}}
  %0 = kiln.concat %a, %a : tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @slice_start_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op start must have 2 entries, got 1: [0]}}
  %0 = kiln.slice %x {start = array<i64: 0>, limit = array<i64: 4, 8>,
                      stride = array<i64: 1, 1>} : tensor<4x8xf32>
  return
}

// -----

func.func @slice_limit_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op limit must have 2 entries, got 3: [4, 8, 1]}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8, 1>,
                      stride = array<i64: 1, 1>} : tensor<4x8xf32>
  return
}

// -----

func.func @slice_stride_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op stride must have 2 entries, got 0: []}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>,
                      stride = array<i64>} : tensor<4x8xf32>
  return
}

// -----

func.func @slice_stride_not_positive(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op stride entries must be non-zero, got [1, 0]}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>,
                      stride = array<i64: 1, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @slice_missing_stride(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.slice' op requires attribute 'stride'}}
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 4, 8>} : tensor<4x8xf32>
  return
}

// -----

// Generic form: the result shape of a slice is verified.
func.func @slice_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.slice' op inferred type(s) 'tensor<4x4xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = "kiln.slice"(%x) <{start = array<i64: 0, 1>, limit = array<i64: 4, 8>, stride = array<i64: 1, 2>}> : (tensor<4x8xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @pad_low_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op low must have 2 entries, got 1: [1]}}
  %0 = kiln.pad %x {low = array<i64: 1>, high = array<i64: 0, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @pad_high_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op high must have 2 entries, got 3: [0, 0, 0]}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 0, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @pad_bad_mode(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op mode must be one of {constant, replicate, reflect}, got "circular"}}
  %0 = kiln.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>, mode = "circular"} : tensor<4x8xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op low and high must be >= 0, got low = [0, -1], high = [0, 0]}}
  %0 = kiln.pad %x {low = array<i64: 0, -1>, high = array<i64: 0, 0>} : tensor<4x8xf32>
  return
}

// -----

func.func @pad_reflect_too_large(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op reflect padding must be smaller than the dimension: dimension 0 has size 4, low = 0, high = 4}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 4, 0>, mode = "reflect"} : tensor<4x8xf32>
  return
}

// -----

func.func @pad_replicate_empty(%x: tensor<0x8xf32>) {
  // expected-error @+1 {{'kiln.pad' op replicate padding of empty dimension 0}}
  %0 = kiln.pad %x {low = array<i64: 1, 0>, high = array<i64: 0, 0>, mode = "replicate"} : tensor<0x8xf32>
  return
}

// -----

func.func @pad_value_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'value' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 1>, value = 1 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @gather_axis_out_of_range(%t: tensor<10x8xf32>, %i: tensor<3xi32>) {
  // expected-error @+1 {{'kiln.gather' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.gather %t, %i {axis = -3 : i64} : tensor<10x8xf32>, tensor<3xi32>
  return
}

// -----

func.func @gather_float_indices(%t: tensor<10x8xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{'kiln.gather' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = kiln.gather %t, %i : tensor<10x8xf32>, tensor<3xf32>
  return
}

// -----

func.func @pixel_shuffle_rank(%x: tensor<16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op x must have rank 4, got rank 3 [16, 8, 8]}}
  %0 = kiln.pixel_shuffle %x {factor = 2 : i64} : tensor<16x8x8xf32>
  return
}

// -----

func.func @pixel_shuffle_factor(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op factor must be >= 1, got 0}}
  %0 = kiln.pixel_shuffle %x {factor = 0 : i64} : tensor<1x16x8x8xf32>
  return
}

// -----

func.func @pixel_shuffle_channels(%x: tensor<1x12x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op channels must be divisible by factor^2 = 9, got C = 12}}
  %0 = kiln.pixel_shuffle %x {factor = 3 : i64} : tensor<1x12x8x8xf32>
  return
}

// -----

func.func @pixel_unshuffle_rank(%x: tensor<1x1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op x must have rank 4, got rank 5 [1, 1, 16, 8, 8]}}
  %0 = kiln.pixel_unshuffle %x {factor = 2 : i64} : tensor<1x1x16x8x8xf32>
  return
}

// -----

func.func @pixel_unshuffle_factor(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op factor must be >= 1, got -2}}
  %0 = kiln.pixel_unshuffle %x {factor = -2 : i64} : tensor<1x3x8x8xf32>
  return
}

// -----

func.func @pixel_unshuffle_spatial(%x: tensor<1x3x8x6xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op height and width must be divisible by factor = 4, got H = 8, W = 6}}
  %0 = kiln.pixel_unshuffle %x {factor = 4 : i64} : tensor<1x3x8x6xf32>
  return
}

// -----

func.func @pixel_unshuffle_missing_factor(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op requires attribute 'factor'}}
  %0 = kiln.pixel_unshuffle %x : tensor<1x3x8x8xf32>
  return
}

// -----

func.func @resize_x_rank(%x: tensor<4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op x must have rank 4, got rank 3 [4, 8, 8]}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_result_rank(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op result must have rank 4, got rank 3 [4, 16, 16]}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<1x4x8x8xf32> -> tensor<4x16x16xf32>
  return
}

// -----

func.func @resize_element_type_differs(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op x and result must share an element type, got f32 and bf16}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xbf16>
  return
}

// -----

func.func @resize_bad_mode(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op mode must be one of {nearest, bilinear, bicubic}, got "area"}}
  %0 = kiln.resize %x {mode = "area"} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_missing_mode(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op requires attribute 'mode'}}
  %0 = kiln.resize %x : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_changes_channels(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op resizes only H and W: x is [1, 4, 8, 8], result is [1, 8, 16, 16]}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x8x16x16xf32>
  return
}

// -----

func.func @resize_empty_output(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op H and W must be >= 1, got x [1, 4, 8, 8], result [1, 4, 0, 16]}}
  %0 = kiln.resize %x {mode = "bilinear"} : tensor<1x4x8x8xf32> -> tensor<1x4x0x16xf32>
  return
}

// -----

func.func @resize_nearest_align_corners(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'kiln.resize' op align_corners and antialias apply to bilinear and bicubic only, not to mode "nearest"}}
  %0 = kiln.resize %x {mode = "nearest", align_corners = true} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @resize_int_operand(%x: tensor<1x4x8x8xi32>) {
  // expected-error @+1 {{'kiln.resize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x4x8x8xi32>'}}
  %0 = kiln.resize %x {mode = "nearest"} : tensor<1x4x8x8xi32> -> tensor<1x4x16x16xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions and softmax: reduce_*, argmax, cumsum, topk, softmax, log_softmax
//===----------------------------------------------------------------------===//

func.func @reductions_ok(%x: tensor<4x37xf32>, %i: tensor<2x16xi32>) {
  %0 = kiln.reduce_sum %x {axes = array<i64: -1>, keepdim = true} : tensor<4x37xf32>
  %1 = kiln.reduce_mean %x {axes = array<i64: 0, 1>} : tensor<4x37xf32>
  %2 = kiln.reduce_max %i {axes = array<i64: 0>} : tensor<2x16xi32>
  %3 = kiln.reduce_min %x {axes = array<i64: 1>} : tensor<4x37xf32>
  %4 = kiln.argmax %x {axis = -1 : i64} : tensor<4x37xf32>
  %5 = kiln.cumsum %i {axis = 1 : i64} : tensor<2x16xi32>
  %6:2 = kiln.topk %x {k = 37 : i64} : tensor<4x37xf32>
  %7 = kiln.softmax %x : tensor<4x37xf32>
  %8 = kiln.log_softmax %x {axis = 0 : i64} : tensor<4x37xf32>
  %9 = "kiln.argmax"(%x) <{axis = 0 : i64, keepdim = true}> : (tensor<4x37xf32>) -> tensor<1x37xi64>
  return
}

// -----

func.func @reduce_empty_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_sum' op axes must name at least one axis}}
  %0 = kiln.reduce_sum %x {axes = array<i64>} : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_mean' op axes = 2 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.reduce_mean %x {axes = array<i64: 2>} : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_duplicate_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_max' op axes names axis 1 twice: [1, -1]}}
  %0 = kiln.reduce_max %x {axes = array<i64: 1, -1>} : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_missing_axes(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.reduce_min' op requires attribute 'axes'}}
  %0 = kiln.reduce_min %x : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_keepdim_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'keepdim' failed to satisfy constraint: bool attribute}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 0>, keepdim = 1 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @reduce_bool_operand(%x: tensor<4x8xi1>) {
  // expected-error @+1 {{'kiln.reduce_sum' op operand #0 must be statically shaped tensor (at most 2^48 elements) of}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 0>} : tensor<4x8xi1>
  return
}

// -----

func.func @reduce_generic_wrong_result(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'kiln.reduce_sum' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4x1xf32>'}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = "kiln.reduce_sum"(%x) <{axes = array<i64: 1>}> : (tensor<4x8xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @argmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.argmax' op axis = -3 is out of range for rank 2}}
  %0 = kiln.argmax %x {axis = -3 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @argmax_missing_axis(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.argmax' op requires attribute 'axis'}}
  %0 = kiln.argmax %x : tensor<4x8xf32>
  return
}

// -----

func.func @cumsum_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.cumsum' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.cumsum %x {axis = 2 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @topk_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op axis = 5 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0:2 = kiln.topk %x {k = 2 : i64, axis = 5 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @topk_k_zero(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op k must be in [1, 8] (the size of axis 1), got k = 0}}
  %0:2 = kiln.topk %x {k = 0 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @topk_k_too_large(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op k must be in [1, 4] (the size of axis 0), got k = 5}}
  %0:2 = kiln.topk %x {k = 5 : i64, axis = 0 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @topk_missing_k(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.topk' op requires attribute 'k'}}
  %0:2 = kiln.topk %x : tensor<4x8xf32>
  return
}

// -----

func.func @softmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.softmax' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.softmax %x {axis = 2 : i64} : tensor<4x8xf32>
  return
}

// -----

func.func @softmax_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{'kiln.softmax' op axis = -1 is out of range for rank 0 (expected 0 <= axis < 0)}}
  %0 = kiln.softmax %x : tensor<f32>
  return
}

// -----

func.func @softmax_int_operand(%x: tensor<4x8xi32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x8xi32>'}}
  %0 = kiln.softmax %x : tensor<4x8xi32>
  return
}

// -----

func.func @softmax_dynamic_shape(%x: tensor<?x8xf32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<?x8xf32>}}
  %0 = kiln.softmax %x : tensor<?x8xf32>
  return
}

// -----

func.func @softmax_axis_wrong_kind(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.softmax %x {axis = 1.0 : f32} : tensor<4x8xf32>
  return
}

// -----

func.func @log_softmax_axis_out_of_range(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.log_softmax' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.log_softmax %x {axis = -3 : i64} : tensor<4x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Normalization: layer_norm, group_norm, rms_norm
//===----------------------------------------------------------------------===//

func.func @normalization_ok(%x: tensor<2x16x768xf32>, %img: tensor<1x64x8x8xbf16>) {
  %0 = kiln.layer_norm %x : tensor<2x16x768xf32>
  %1 = kiln.layer_norm %img {axes = array<i64: 1>, eps = 1.0e-06 : f32} : tensor<1x64x8x8xbf16>
  %2 = kiln.group_norm %img {num_groups = 32 : i64, eps = 0.0 : f32} : tensor<1x64x8x8xbf16>
  %3 = kiln.rms_norm %x {eps = 1.0e-05 : f32} : tensor<2x16x768xf32>
  %4 = kiln.rms_norm %x {group_size = 64 : i64} : tensor<2x16x768xf32>
  %5 = kiln.rms_norm %x {axes = array<i64: 1, 2>} : tensor<2x16x768xf32>
  return
}

// -----

func.func @layer_norm_axis_out_of_range(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes = 2 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.layer_norm %x {axes = array<i64: 2>} : tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_duplicate_axes(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes names axis 0 twice: [0, -2]}}
  %0 = kiln.layer_norm %x {axes = array<i64: 0, -2>} : tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_empty_axes(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op axes must name at least one axis}}
  %0 = kiln.layer_norm %x {axes = array<i64>} : tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_negative_eps(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op eps must be finite and >= 0, got -1.000000e-05}}
  %0 = kiln.layer_norm %x {eps = -1.0e-05 : f32} : tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_int_operand(%x: tensor<2x8xi8>) {
  // expected-error @+1 {{'kiln.layer_norm' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x8xi8>'}}
  %0 = kiln.layer_norm %x : tensor<2x8xi8>
  return
}

// -----

func.func @group_norm_rank(%x: tensor<64xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op x must be [N, C, ...] with rank >= 2, got rank 1}}
  %0 = kiln.group_norm %x {num_groups = 8 : i64} : tensor<64xf32>
  return
}

// -----

func.func @group_norm_groups_do_not_divide(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op num_groups must be >= 1 and divide the channel count: num_groups = 24, C = 64}}
  %0 = kiln.group_norm %x {num_groups = 24 : i64} : tensor<1x64x8x8xf32>
  return
}

// -----

func.func @group_norm_zero_groups(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op num_groups must be >= 1 and divide the channel count: num_groups = 0, C = 64}}
  %0 = kiln.group_norm %x {num_groups = 0 : i64} : tensor<1x64x8x8xf32>
  return
}

// -----

func.func @group_norm_nan_eps(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op eps must be finite and >= 0, got nan}}
  %0 = kiln.group_norm %x {num_groups = 8 : i64, eps = 0x7FC00000 : f32} : tensor<1x64x8x8xf32>
  return
}

// -----

func.func @group_norm_missing_groups(%x: tensor<1x64x8x8xf32>) {
  // expected-error @+1 {{'kiln.group_norm' op requires attribute 'num_groups'}}
  %0 = kiln.group_norm %x : tensor<1x64x8x8xf32>
  return
}

// -----

func.func @rms_norm_axis_out_of_range(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op axes = -3 is out of range for rank 2 (expected -2 <= axes < 2)}}
  %0 = kiln.rms_norm %x {axes = array<i64: -3>} : tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_negative_eps(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op eps must be finite and >= 0, got -1.000000e+00}}
  %0 = kiln.rms_norm %x {eps = -1.0 : f32} : tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_negative_group_size(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op group_size must be >= 0, got -4}}
  %0 = kiln.rms_norm %x {group_size = -4 : i64} : tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_group_size_needs_last_axis(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op group_size > 0 normalizes runs of the last axis and needs axes = [-1], got [0]}}
  %0 = kiln.rms_norm %x {axes = array<i64: 0>, group_size = 2 : i64} : tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_group_size_divides_last(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'kiln.rms_norm' op the last dimension (8) must be divisible by group_size = 3}}
  %0 = kiln.rms_norm %x {group_size = 3 : i64} : tensor<2x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Linear algebra and convolution: matmul, conv2d, conv_transpose2d, conv1d
//===----------------------------------------------------------------------===//

func.func @linalg_ok(%x: tensor<16x784xf32>, %w: tensor<400x784xf32>,
                     %q: tensor<2x8x64x32xbf16>, %k: tensor<8x32x64xbf16>,
                     %img: tensor<1x8x16x16xf32>, %cw: tensor<8x8x3x3xf32>,
                     %dw: tensor<8x1x3x3xf32>, %tw: tensor<8x4x2x2xf32>,
                     %seq: tensor<1x16x64xf32>, %sw: tensor<16x1x4xf32>,
                     %t: tensor<16x5xf32>) {
  %0 = kiln.matmul %x, %w {transpose_b = true} : tensor<16x784xf32>, tensor<400x784xf32>
  %1 = kiln.matmul %q, %k : tensor<2x8x64x32xbf16>, tensor<8x32x64xbf16>
  %2 = kiln.matmul %x, %t {transpose_a = true} : tensor<16x784xf32>, tensor<16x5xf32>
  %3 = kiln.conv2d %img, %cw {stride = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>}
      : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  %4 = kiln.conv2d %img, %dw {groups = 8 : i64, dilation = array<i64: 2, 2>}
      : tensor<1x8x16x16xf32>, tensor<8x1x3x3xf32>
  %5 = kiln.conv_transpose2d %img, %tw {stride = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  %6 = kiln.conv1d %seq, %sw {groups = 16 : i64, padding = array<i64: 3, 0>}
      : tensor<1x16x64xf32>, tensor<16x1x4xf32>
  %7 = "kiln.conv1d"(%seq, %sw) <{groups = 16 : i64, stride = 2 : i64}>
      : (tensor<1x16x64xf32>, tensor<16x1x4xf32>) -> tensor<1x16x31xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<4xf32>, %b: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op operands must have rank >= 2, got a of rank 1 and b of rank 2}}
  %0 = kiln.matmul %a, %b : tensor<4xf32>, tensor<4x8xf32>
  return
}

// -----

func.func @matmul_element_types_differ(%a: tensor<2x4xf32>, %b: tensor<4x8xbf16>) {
  // expected-error @+1 {{'kiln.matmul' op a and b must share an element type, got f32 and bf16}}
  %0 = kiln.matmul %a, %b : tensor<2x4xf32>, tensor<4x8xbf16>
  return
}

// -----

func.func @matmul_contracting_differs(%a: tensor<16x64xf32>, %b: tensor<32x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op contracting dimensions differ: a has K = 64, b has K = 32}}
  %0 = kiln.matmul %a, %b : tensor<16x64xf32>, tensor<32x8xf32>
  return
}

// -----

func.func @matmul_transpose_b_contracting(%a: tensor<16x64xf32>, %b: tensor<64x8xf32>) {
  // expected-error @+1 {{'kiln.matmul' op contracting dimensions differ: a has K = 64, b has K = 8}}
  %0 = kiln.matmul %a, %b {transpose_b = true} : tensor<16x64xf32>, tensor<64x8xf32>
  return
}

// -----

func.func @matmul_batch_not_broadcastable(%a: tensor<2x3x4x8xf32>, %b: tensor<4x8x5xf32>) {
  // expected-error @+1 {{'kiln.matmul' op batch dimensions do not broadcast: a has batch shape [2, 3], b has [4]}}
  %0 = kiln.matmul %a, %b : tensor<2x3x4x8xf32>, tensor<4x8x5xf32>
  return
}

// -----

func.func @matmul_int_operands(%a: tensor<2x4xi32>, %b: tensor<4x8xi32>) {
  // expected-error @+1 {{'kiln.matmul' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2x4xi32>'}}
  %0 = kiln.matmul %a, %b : tensor<2x4xi32>, tensor<4x8xi32>
  return
}

// -----

func.func @conv2d_x_rank(%x: tensor<8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op x must have rank 4, got rank 3 [8, 16, 16]}}
  %0 = kiln.conv2d %x, %w : tensor<8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_w_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op w must have rank 4, got rank 3 [8, 8, 3]}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x8x3xf32>
  return
}

// -----

func.func @conv2d_element_types_differ(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf16>) {
  // expected-error @+1 {{'kiln.conv2d' op x and w must share an element type, got f32 and f16}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf16>
  return
}

// -----

func.func @conv2d_groups_do_not_divide(%x: tensor<1x8x16x16xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op groups must be >= 1 and divide the input channels: groups = 3, C = 8}}
  %0 = kiln.conv2d %x, %w {groups = 3 : i64} : tensor<1x8x16x16xf32>, tensor<6x2x3x3xf32>
  return
}

// -----

func.func @conv2d_stride_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op stride must have 2 entries, got 1: [2]}}
  %0 = kiln.conv2d %x, %w {stride = array<i64: 2>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_padding_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op padding must have 4 entries, got 2: [1, 1]}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 1, 1>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_dilation_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op dilation must have 2 entries, got 3: [1, 1, 1]}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 1, 1, 1>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_stride_zero(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op stride and dilation must be >= 1 and padding >= 0, got stride = [0, 1], dilation = [1, 1], padding = [0, 0, 0, 0]}}
  %0 = kiln.conv2d %x, %w {stride = array<i64: 0, 1>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_negative_padding(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op stride and dilation must be >= 1 and padding >= 0, got stride = [1, 1], dilation = [1, 1], padding = [0, 0, -1, 0]}}
  %0 = kiln.conv2d %x, %w {padding = array<i64: 0, 0, -1, 0>} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_out_channels_groups(%x: tensor<1x8x16x16xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op output channels (w dimension 0 = 6) must be divisible by groups = 4}}
  %0 = kiln.conv2d %x, %w {groups = 4 : i64} : tensor<1x8x16x16xf32>, tensor<6x4x3x3xf32>
  return
}

// -----

func.func @conv2d_w_in_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op w has C/groups (dimension 1) = 4, expected 8}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x4x3x3xf32>
  return
}

// -----

func.func @conv2d_kernel_too_large(%x: tensor<1x8x4x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the dilated kernel (5) is larger than the padded input along H (4)}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 2, 1>} : tensor<1x8x4x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_kernel_too_large_w(%x: tensor<1x8x16x2xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the dilated kernel (3) is larger than the padded input along W (2)}}
  %0 = kiln.conv2d %x, %w : tensor<1x8x16x2xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

func.func @conv2d_groups_wrong_kind(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: i64 dense array attribute}}
  %0 = kiln.conv2d %x, %w {stride = [1, 1]} : tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>
  return
}

// -----

// conv2d_channels_last reads x as [N, H, W, C] and w as [O, kH, kW, C/groups]
// and names the dimensions where they are.
func.func @conv2d_channels_last_ok(%x: tensor<2x16x12x8xbf16>, %w: tensor<16x3x3x8xbf16>,
                                   %gw: tensor<16x3x3x4xbf16>) {
  %0 = kiln.conv2d_channels_last %x, %w {stride = array<i64: 2, 1>, padding = array<i64: 1, 1, 0, 0>}
      : tensor<2x16x12x8xbf16>, tensor<16x3x3x8xbf16>
  %1 = "kiln.conv2d_channels_last"(%x, %gw) <{groups = 2 : i64, dilation = array<i64: 2, 2>}>
      : (tensor<2x16x12x8xbf16>, tensor<16x3x3x4xbf16>) -> tensor<2x16x12x8xbf16>
  return
}

// -----

func.func @conv2d_channels_last_result(%x: tensor<2x16x12x8xbf16>, %gw: tensor<16x3x3x4xbf16>) {
  // expected-error @+2 {{'kiln.conv2d_channels_last' op inferred type(s) 'tensor<2x16x14x10xbf16>' are incompatible with return type(s) of operation 'tensor<2x12x16x16xbf16>'}}
  // expected-error @+1 {{'kiln.conv2d_channels_last' op failed to infer returned types}}
  %0 = "kiln.conv2d_channels_last"(%x, %gw) <{groups = 2 : i64}>
      : (tensor<2x16x12x8xbf16>, tensor<16x3x3x4xbf16>) -> tensor<2x12x16x16xbf16>
  return
}

// -----

func.func @conv2d_channels_last_rank(%x: tensor<16x12x8xbf16>, %w: tensor<16x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op x must have rank 4, got rank 3 [16, 12, 8]}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<16x12x8xbf16>, tensor<16x3x3x8xbf16>
  return
}

// -----

func.func @conv2d_channels_last_types(%x: tensor<1x16x12x8xbf16>, %w: tensor<16x3x3x8xf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op x and w must share an element type, got bf16 and f16}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x16x12x8xbf16>, tensor<16x3x3x8xf16>
  return
}

// -----

func.func @conv2d_channels_last_groups(%x: tensor<1x16x12x8xbf16>, %w: tensor<15x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op groups must be >= 1 and divide the input channels: groups = 3, C = 8}}
  %0 = kiln.conv2d_channels_last %x, %w {groups = 3 : i64} : tensor<1x16x12x8xbf16>, tensor<15x3x3x8xbf16>
  return
}

// -----

func.func @conv2d_channels_last_in_channels(%x: tensor<1x16x12x8xbf16>, %w: tensor<16x3x3x4xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op w has C/groups (dimension 3) = 4, expected 8}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x16x12x8xbf16>, tensor<16x3x3x4xbf16>
  return
}

// -----

func.func @conv2d_channels_last_kernel_too_large(%x: tensor<1x2x12x8xbf16>, %w: tensor<16x3x3x8xbf16>) {
  // expected-error @+1 {{'kiln.conv2d_channels_last' op the dilated kernel (3) is larger than the padded input along H (2)}}
  %0 = kiln.conv2d_channels_last %x, %w : tensor<1x2x12x8xbf16>, tensor<16x3x3x8xbf16>
  return
}

// -----

func.func @conv_transpose2d_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op w must have rank 4, got rank 3 [8, 4, 2]}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xf32>, tensor<8x4x2xf32>
  return
}

// -----

func.func @conv_transpose2d_groups(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op groups must be >= 1 and divide the input channels: groups = 0, C = 8}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 0 : i64} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_padding_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op padding must have 2 entries, got 4: [0, 0, 0, 0]}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 0, 0, 0, 0>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_output_padding_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output_padding must have 2 entries, got 1: [1]}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 1>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_stride_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op stride must have 2 entries, got 3: [2, 2, 2]}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2, 2>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_dilation_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op dilation must have 2 entries, got 1: [1]}}
  %0 = kiln.conv_transpose2d %x, %w {dilation = array<i64: 1>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_negative_output_padding(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op stride and dilation must be >= 1, padding and output_padding >= 0, got stride = [1, 1], dilation = [1, 1], padding = [0, 0], output_padding = [0, -1]}}
  %0 = kiln.conv_transpose2d %x, %w {output_padding = array<i64: 0, -1>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_w_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<4x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op w has C (dimension 0) = 4, expected 8}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xf32>, tensor<4x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_output_padding_too_large(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output_padding must be smaller than stride or dilation, got output_padding = [2, 0], stride = [2, 2], dilation = [1, 1]}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 2, 0>} : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_no_output(%x: tensor<1x8x1x16xf32>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op padding leaves no output along H (size -2)}}
  %0 = kiln.conv_transpose2d %x, %w {padding = array<i64: 2, 0>} : tensor<1x8x1x16xf32>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv_transpose2d_element_types_differ(%x: tensor<1x8x16x16xbf16>, %w: tensor<8x4x2x2xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op x and w must share an element type, got bf16 and f32}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x8x16x16xbf16>, tensor<8x4x2x2xf32>
  return
}

// -----

func.func @conv1d_rank(%x: tensor<1x16x8x8xf32>, %w: tensor<16x1x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op x must have rank 3, got rank 4 [1, 16, 8, 8]}}
  %0 = kiln.conv1d %x, %w : tensor<1x16x8x8xf32>, tensor<16x1x4xf32>
  return
}

// -----

func.func @conv1d_padding_size(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op padding must have 2 entries, got 1: [3]}}
  %0 = kiln.conv1d %x, %w {padding = array<i64: 3>} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}

// -----

func.func @conv1d_dilation_zero(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op stride and dilation must be >= 1 and padding >= 0, got stride = 1, dilation = 0, padding = [0, 0]}}
  %0 = kiln.conv1d %x, %w {dilation = 0 : i64} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}

// -----

func.func @conv1d_groups_do_not_divide(%x: tensor<1x16x64xf32>, %w: tensor<16x3x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op groups must be >= 1 and divide the input channels: groups = 5, C = 16}}
  %0 = kiln.conv1d %x, %w {groups = 5 : i64} : tensor<1x16x64xf32>, tensor<16x3x4xf32>
  return
}

// -----

func.func @conv1d_out_channels_groups(%x: tensor<1x16x64xf32>, %w: tensor<6x4x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op output channels (w dimension 0 = 6) must be divisible by groups = 4}}
  %0 = kiln.conv1d %x, %w {groups = 4 : i64} : tensor<1x16x64xf32>, tensor<6x4x4xf32>
  return
}

// -----

func.func @conv1d_w_in_channels(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op w has C/groups (dimension 1) = 16, expected 1}}
  %0 = kiln.conv1d %x, %w {groups = 16 : i64} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}

// -----

func.func @conv1d_kernel_too_large(%x: tensor<1x16x3xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op the dilated kernel (4) is larger than the padded input along L (3)}}
  %0 = kiln.conv1d %x, %w : tensor<1x16x3xf32>, tensor<16x16x4xf32>
  return
}

// -----

func.func @conv1d_stride_wrong_kind(%x: tensor<1x16x64xf32>, %w: tensor<16x16x4xf32>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = kiln.conv1d %x, %w {stride = array<i64: 2>} : tensor<1x16x64xf32>, tensor<16x16x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Attention and positions: attention, rope
//===----------------------------------------------------------------------===//

func.func @attention_ok(%q: tensor<1x8x16x64xbf16>, %k: tensor<1x2x16x64xbf16>,
                        %v: tensor<1x2x16x32xbf16>, %m: tensor<1x1x16x16xi1>,
                        %fm: tensor<1x8x1x16xbf16>, %x: tensor<1x8x16x64xf32>,
                        %p1: tensor<16xi64>, %p2: tensor<1x16xi32>) {
  %0 = kiln.attention %q, %k, %v {scale = 0.125 : f32, causal = true, window = 4 : i64}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>
  %1 = kiln.attention %q, %k, %v, %m {scale = 0.125 : f32, s2_group = 4 : i64}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>, tensor<1x1x16x16xi1>
  %2 = kiln.attention %q, %k, %v, %fm {scale = 0.125 : f32}
      : tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>, tensor<1x8x1x16xbf16>
  %3 = kiln.rope %x, %p1 : tensor<1x8x16x64xf32>, tensor<16xi64>
  %4 = kiln.rope %x, %p2 {scaling = "yarn", factor = 16.0 : f32, original_max_positions = 4096 : i64,
                          rotary_dim = 32 : i64, interleaved = true}
      : tensor<1x8x16x64xf32>, tensor<1x16xi32>
  %5 = kiln.rope %x, %p1 {scaling = "ntk", factor = 2.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  %6 = "kiln.attention"(%q, %k, %v) <{scale = 1.0 : f32}>
      : (tensor<1x8x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x32xbf16>) -> tensor<1x8x16x32xbf16>
  return
}

// -----

func.func @attention_missing_scale(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op requires attribute 'scale'}}
  %0 = kiln.attention %q, %q, %q : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_scale_wrong_kind(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{attribute 'scale' failed to satisfy constraint: 32-bit float attribute}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_q_rank(%q: tensor<2x4x8xf32>, %k: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op q must have rank 4, got rank 3 [2, 4, 8]}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_k_rank(%q: tensor<1x2x4x8xf32>, %k: tensor<2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op k must have rank 4, got rank 3 [2, 4, 8]}}
  %0 = kiln.attention %q, %k, %q {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_k_batch(%q: tensor<1x2x4x8xf32>, %k: tensor<2x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op k has batch B = 2, expected 1}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<2x2x4x8xf32>, tensor<2x2x4x8xf32>
  return
}

// -----

func.func @attention_v_heads(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x1x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op v has heads = 1, expected 2}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x4x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x8xf32>
  return
}

// -----

func.func @attention_gqa(%q: tensor<1x6x4x8xf32>, %k: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op query heads must be a multiple of kv heads: Hq = 6, Hk = 4}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x6x4x8xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>
  return
}

// -----

func.func @attention_head_dim(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x16xf32>) {
  // expected-error @+1 {{'kiln.attention' op k has head dim D = 16, expected 8}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
  return
}

// -----

func.func @attention_v_length(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %v: tensor<1x2x5x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op v has length Lk = 5, expected 6}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x5x8xf32>
  return
}

// -----

func.func @attention_k_element_type(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xbf16>, %v: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op q and k must share an element type, got f32 and bf16}}
  %0 = kiln.attention %q, %k, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xbf16>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_v_element_type(%q: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x8xf16>) {
  // expected-error @+1 {{'kiln.attention' op q and v must share an element type, got f32 and f16}}
  %0 = kiln.attention %q, %q, %v {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf16>
  return
}

// -----

func.func @attention_mask_rank(%q: tensor<1x2x4x8xf32>, %m: tensor<4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op mask must have rank 4, got rank 2 [4, 4]}}
  %0 = kiln.attention %q, %q, %q, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<4x4xi1>
  return
}

// -----

func.func @attention_mask_not_broadcastable(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>, %m: tensor<1x1x4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op mask [1, 1, 4, 4] does not broadcast to [B, Hq, Lq, Lk] = [1, 2, 4, 6]}}
  %0 = kiln.attention %q, %k, %k, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x1x4x4xi1>
  return
}

// -----

func.func @attention_mask_int(%q: tensor<1x2x4x8xf32>, %m: tensor<1x1x4x4xi32>) {
  // expected-error @+1 {{'kiln.attention' op operand #3 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer or 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x1x4x4xi32>'}}
  %0 = kiln.attention %q, %q, %q, %m {scale = 1.0 : f32} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x4xi32>
  return
}

// -----

func.func @attention_negative_window(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op window must be >= 0, got -1}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, window = -1 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_negative_s2_group(%q: tensor<1x2x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group must be >= 0, got -2}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = -2 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_s2_lengths_differ(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group needs Lq == Lk, got Lq = 4, Lk = 8}}
  %0 = kiln.attention %q, %k, %k {scale = 1.0 : f32, s2_group = 2 : i64} : tensor<1x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
  return
}

// -----

func.func @attention_s2_odd_group(%q: tensor<1x2x6x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group must be even and divide L: s2_group = 3, L = 6}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = 3 : i64} : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
  return
}

// -----

func.func @attention_s2_group_does_not_divide(%q: tensor<1x2x6x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group must be even and divide L: s2_group = 4, L = 6}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = 4 : i64} : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
  return
}

// -----

func.func @attention_s2_odd_heads(%q: tensor<1x3x4x8xf32>) {
  // expected-error @+1 {{'kiln.attention' op s2_group shifts half of the heads and needs an even number of query heads, got Hq = 3}}
  %0 = kiln.attention %q, %q, %q {scale = 1.0 : f32, s2_group = 2 : i64} : tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32>, tensor<1x3x4x8xf32>
  return
}

// -----

func.func @attention_generic_wrong_result(%q: tensor<1x2x4x8xf32>, %v: tensor<1x2x4x16xf32>) {
  // expected-error @+2 {{'kiln.attention' op inferred type(s) 'tensor<1x2x4x16xf32>' are incompatible with return type(s) of operation 'tensor<1x2x4x8xf32>'}}
  // expected-error @+1 {{'kiln.attention' op failed to infer returned types}}
  %0 = "kiln.attention"(%q, %q, %v) <{scale = 1.0 : f32}> : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @attention_generic_two_masks(%q: tensor<1x2x4x8xf32>, %m: tensor<1x1x4x4xi1>) {
  // expected-error @+1 {{'kiln.attention' op operand group starting at #3 requires 0 or 1 element, but found 2}}
  %0 = "kiln.attention"(%q, %q, %q, %m, %m) <{scale = 1.0 : f32}> : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x1x4x4xi1>, tensor<1x1x4x4xi1>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @rope_x_rank(%x: tensor<8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op x must have rank 4, got rank 3 [8, 16, 64]}}
  %0 = kiln.rope %x, %p : tensor<8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_positions_length(%x: tensor<1x8x16x64xf32>, %p: tensor<8xi64>) {
  // expected-error @+1 {{'kiln.rope' op positions must be [L] = [16] or [B, L] = [1, 16], got [8]}}
  %0 = kiln.rope %x, %p : tensor<1x8x16x64xf32>, tensor<8xi64>
  return
}

// -----

func.func @rope_positions_batch(%x: tensor<2x8x16x64xf32>, %p: tensor<1x16xi64>) {
  // expected-error @+1 {{'kiln.rope' op positions must be [L] = [16] or [B, L] = [2, 16], got [1, 16]}}
  %0 = kiln.rope %x, %p : tensor<2x8x16x64xf32>, tensor<1x16xi64>
  return
}

// -----

func.func @rope_positions_float(%x: tensor<1x8x16x64xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{'kiln.rope' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<16xf32>'}}
  %0 = kiln.rope %x, %p : tensor<1x8x16x64xf32>, tensor<16xf32>
  return
}

// -----

func.func @rope_odd_rotary_dim(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op rotary_dim must be even and at most D = 64 (0 means D), got 31}}
  %0 = kiln.rope %x, %p {rotary_dim = 31 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_rotary_dim_too_large(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op rotary_dim must be even and at most D = 64 (0 means D), got 128}}
  %0 = kiln.rope %x, %p {rotary_dim = 128 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_negative_rotary_dim(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op rotary_dim must be even and at most D = 64 (0 means D), got -2}}
  %0 = kiln.rope %x, %p {rotary_dim = -2 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_bad_scaling(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op scaling must be one of {none, linear, ntk, yarn}, got "dynamic"}}
  %0 = kiln.rope %x, %p {scaling = "dynamic"} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_theta_not_positive(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op theta must be finite and > 0, got 0.000000e+00}}
  %0 = kiln.rope %x, %p {theta = 0.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_factor_not_positive(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op factor must be finite and > 0, got -2.000000e+00}}
  %0 = kiln.rope %x, %p {scaling = "linear", factor = -2.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_ntk_small_rotary(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op ntk scaling needs a rotary dimension > 2, got 2}}
  %0 = kiln.rope %x, %p {scaling = "ntk", rotary_dim = 2 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_yarn_needs_original_max(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{'kiln.rope' op yarn scaling needs original_max_positions > 0, got 0}}
  %0 = kiln.rope %x, %p {scaling = "yarn", factor = 4.0 : f32} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

func.func @rope_interleaved_wrong_kind(%x: tensor<1x8x16x64xf32>, %p: tensor<16xi64>) {
  // expected-error @+1 {{attribute 'interleaved' failed to satisfy constraint: bool attribute}}
  %0 = kiln.rope %x, %p {interleaved = 1 : i64} : tensor<1x8x16x64xf32>, tensor<16xi64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Decode-time cache ops: kv_cache_write, decode_attention, kv_cache_compact,
// attention_mass, attention_colsum
//===----------------------------------------------------------------------===//

func.func @cache_ok(%cache: tensor<1x2x256x64xbf16>, %new: tensor<1x2x4x64xbf16>,
                    %pos: tensor<1x2xi32>, %q: tensor<1x8x4x64xbf16>,
                    %vc: tensor<1x2x256x32xbf16>, %keep: tensor<1x2x256xi1>,
                    %pq: tensor<1x8x64x64xf32>, %pk: tensor<1x2x64x64xf32>,
                    %pkeep: tensor<5x1x2x64xi1>) {
  %0 = kiln.kv_cache_write %cache, %new, %pos
      : tensor<1x2x256x64xbf16>, tensor<1x2x4x64xbf16>, tensor<1x2xi32>
  %1 = kiln.decode_attention %q, %cache, %vc, %pos {scale = 0.125 : f32}
      : tensor<1x8x4x64xbf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x32xbf16>, tensor<1x2xi32>
  %2:2 = kiln.kv_cache_compact %cache, %keep : tensor<1x2x256x64xbf16>, tensor<1x2x256xi1>
  %3 = kiln.attention_mass %pq, %pk, %pkeep {scale = 0.125 : f32}
      : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  %4 = kiln.attention_colsum %pq, %pk {scale = 0.125 : f32, causal = false}
      : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>
  %5:2 = "kiln.kv_cache_compact"(%cache, %keep)
      : (tensor<1x2x256x64xbf16>, tensor<1x2x256xi1>) -> (tensor<1x2x256x64xbf16>, tensor<1x2xi32>)
  return
}

// -----

func.func @kv_cache_write_cache_rank(%c: tensor<2x256x64xf32>, %n: tensor<1x2x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op cache must have rank 4, got rank 3 [2, 256, 64]}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<2x256x64xf32>, tensor<1x2x1x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_new_rank(%c: tensor<1x2x256x64xf32>, %n: tensor<2x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new must have rank 4, got rank 3 [2, 1, 64]}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<2x1x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_batch(%c: tensor<1x2x256x64xf32>, %n: tensor<2x2x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has batch B = 2, expected 1}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<2x2x1x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_heads(%c: tensor<1x2x256x64xf32>, %n: tensor<1x4x1x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has heads = 4, expected 2}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x4x1x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_row_size(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x32xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has row size D = 32, expected 64}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x32xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_element_type(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xbf16>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op cache and new must share an element type, got f32 and bf16}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xbf16>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_too_many_rows(%c: tensor<1x2x4x64xf32>, %n: tensor<1x2x8x64xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op new has T = 8 rows, more than the cache capacity S = 4}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x4x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @kv_cache_write_pos_shape(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xf32>, %p: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op pos must be [B, H] = [1, 2], got [2]}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xf32>, tensor<2xi32>
  return
}

// -----

func.func @kv_cache_write_pos_i64(%c: tensor<1x2x256x64xf32>, %n: tensor<1x2x1x64xf32>, %p: tensor<1x2xi64>) {
  // expected-error @+1 {{'kiln.kv_cache_write' op operand #2 must be statically shaped tensor (at most 2^48 elements) of 32-bit signless integer values, but got 'tensor<1x2xi64>'}}
  %0 = kiln.kv_cache_write %c, %n, %p : tensor<1x2x256x64xf32>, tensor<1x2x1x64xf32>, tensor<1x2xi64>
  return
}

// -----

func.func @decode_attention_missing_scale(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op requires attribute 'scale'}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_q_rank(%q: tensor<4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q must have rank 4, got rank 3 [4, 1, 64]}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_k_batch(%q: tensor<1x4x1x64xf32>, %kc: tensor<3x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op k_cache has batch B = 3, expected 1}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<3x2x16x64xf32>, tensor<3x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_v_heads(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %vc: tensor<1x4x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op v_cache has heads = 4, expected 2}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x4x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_gqa(%q: tensor<1x5x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op query heads must be a multiple of kv heads: Hq = 5, Hk = 2}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x5x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_head_dim(%q: tensor<1x4x1x32xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op k_cache has head dim D = 64, expected 32}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x32xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_v_capacity(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %vc: tensor<1x2x8x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op v_cache has capacity S = 8, expected 16}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x8x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_k_element_type(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xbf16>, %vc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q and k_cache must share an element type, got f32 and bf16}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_v_element_type(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %vc: tensor<1x2x16x64xf16>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q and v_cache must share an element type, got f32 and f16}}
  %0 = kiln.decode_attention %q, %kc, %vc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf16>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_too_many_queries(%q: tensor<1x4x32x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x2xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op q has T = 32 new rows, more than the cache capacity S = 16}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x32x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2xi32>
  return
}

// -----

func.func @decode_attention_lens_shape(%q: tensor<1x4x1x64xf32>, %kc: tensor<1x2x16x64xf32>, %l: tensor<1x4xi32>) {
  // expected-error @+1 {{'kiln.decode_attention' op lens must be [B, Hk] = [1, 2], got [1, 4]}}
  %0 = kiln.decode_attention %q, %kc, %kc, %l {scale = 1.0 : f32} : tensor<1x4x1x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x4xi32>
  return
}

// -----

func.func @kv_cache_compact_rank(%c: tensor<2x256x64xf32>, %k: tensor<2x256xi1>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op cache must have rank 4, got rank 3 [2, 256, 64]}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<2x256x64xf32>, tensor<2x256xi1>
  return
}

// -----

func.func @kv_cache_compact_keep_shape(%c: tensor<1x2x256x64xf32>, %k: tensor<1x2x128xi1>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op keep must be [B, H, S] = [1, 2, 256], got [1, 2, 128]}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<1x2x256x64xf32>, tensor<1x2x128xi1>
  return
}

// -----

func.func @kv_cache_compact_keep_not_bool(%c: tensor<1x2x256x64xf32>, %k: tensor<1x2x256xi8>) {
  // expected-error @+1 {{'kiln.kv_cache_compact' op operand #1 must be statically shaped tensor (at most 2^48 elements) of 1-bit signless integer values, but got 'tensor<1x2x256xi8>'}}
  %0:2 = kiln.kv_cache_compact %c, %k : tensor<1x2x256x64xf32>, tensor<1x2x256xi8>
  return
}

// -----

func.func @attention_mass_q_rank(%q: tensor<8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op q must have rank 4, got rank 3 [8, 64, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_mass_k_batch(%q: tensor<1x8x64x64xf32>, %k: tensor<2x2x64x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op k has batch B = 2, expected 1}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<2x2x64x64xf32>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_mass_gqa(%q: tensor<1x8x64x64xf32>, %k: tensor<1x3x64x64xf32>, %keep: tensor<5x1x3x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op query heads must be a multiple of kv heads: Hq = 8, Hk = 3}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x3x64x64xf32>, tensor<5x1x3x64xi1>
  return
}

// -----

func.func @attention_mass_k_length(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x32x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op k has length L = 32, expected 64}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x32x64xf32>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_mass_head_dim(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x32xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op k has head dim D = 32, expected 64}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x32xf32>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_mass_element_type(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xbf16>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op q and k must share an element type, got f32 and bf16}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xbf16>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_mass_keep_rank(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op keep must have rank 4, got rank 3 [1, 2, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64xi1>
  return
}

// -----

func.func @attention_mass_keep_shape(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x8x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op keep must be [P, B, Hk, L] = [5, 1, 2, 64], got [5, 1, 8, 64]}}
  %0 = kiln.attention_mass %q, %k, %keep {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x8x64xi1>
  return
}

// -----

func.func @attention_mass_missing_scale(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>, %keep: tensor<5x1x2x64xi1>) {
  // expected-error @+1 {{'kiln.attention_mass' op requires attribute 'scale'}}
  %0 = kiln.attention_mass %q, %k, %keep : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<5x1x2x64xi1>
  return
}

// -----

func.func @attention_colsum_k_rank(%q: tensor<1x8x64x64xf32>, %k: tensor<2x64x64xf32>) {
  // expected-error @+1 {{'kiln.attention_colsum' op k must have rank 4, got rank 3 [2, 64, 64]}}
  %0 = kiln.attention_colsum %q, %k {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<2x64x64xf32>
  return
}

// -----

func.func @attention_colsum_k_length(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x16x64xf32>) {
  // expected-error @+1 {{'kiln.attention_colsum' op k has length L = 16, expected 64}}
  %0 = kiln.attention_colsum %q, %k {scale = 1.0 : f32} : tensor<1x8x64x64xf32>, tensor<1x2x16x64xf32>
  return
}

// -----

func.func @attention_colsum_generic_result(%q: tensor<1x8x64x64xbf16>, %k: tensor<1x2x64x64xbf16>) {
  // expected-error @+2 {{'kiln.attention_colsum' op inferred type(s) 'tensor<1x8x64xf32>' are incompatible with return type(s) of operation 'tensor<1x8x32xf32>'}}
  // expected-error @+1 {{'kiln.attention_colsum' op failed to infer returned types}}
  %0 = "kiln.attention_colsum"(%q, %k) <{scale = 1.0 : f32}> : (tensor<1x8x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x8x32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Sequence state spaces: selective_scan
//===----------------------------------------------------------------------===//

func.func @scan_ok(%u: tensor<1x64x16xf32>, %dt: tensor<1x64x16xf32>, %a: tensor<64x8xf32>,
                   %b: tensor<1x2x8x16xf32>, %c: tensor<1x2x8x16xf32>, %h0: tensor<1x64x8xf32>,
                   %ub: tensor<1x64x16xbf16>) {
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %c, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>,
        tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x64x8xf32>
  %y2, %h2 = kiln.selective_scan %ub, %dt, %a, %b, %c, %h0
      : tensor<1x64x16xbf16>, tensor<1x64x16xf32>, tensor<64x8xf32>,
        tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_u_rank(%u: tensor<64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op u must have rank 3, got rank 2 [64, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<64x16xf32>, tensor<64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_a_rank(%u: tensor<1x64x16xf32>, %a: tensor<64xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op A must have rank 2, got rank 1 [64]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_bm_rank(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op Bm must have rank 4, got rank 3 [1, 8, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x8x16xf32>, tensor<1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_delta_shape(%u: tensor<1x64x16xf32>, %dt: tensor<1x64x8xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op delta must have u's shape [B, E, L] = [1, 64, 16], got [1, 64, 8]}}
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x8xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_a_channels(%u: tensor<1x64x16xf32>, %a: tensor<32x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op A has E (dimension 0) = 32, expected 64}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<32x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_bm_shape(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x4x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op Bm must be [B, G, N, L] = [1, 1, 8, 16], got [1, 1, 4, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x4x16xf32>, tensor<1x1x4x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_cm_shape(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %c: tensor<1x1x8x8xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op Cm must be [B, G, N, L] = [1, 1, 8, 16], got [1, 1, 8, 8]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %c, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x8xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_groups_do_not_divide(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x3x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op groups G = 3 must divide the channels E = 64}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x3x8x16xf32>, tensor<1x3x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

func.func @scan_h0_shape(%u: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x16xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op h0 must be [B, E, N] = [1, 64, 8], got [1, 64, 16]}}
  %y, %h = kiln.selective_scan %u, %u, %a, %b, %b, %h0
      : tensor<1x64x16xf32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x16xf32>
  return
}

// -----

func.func @scan_int_operand(%u: tensor<1x64x16xi32>, %dt: tensor<1x64x16xf32>, %a: tensor<64x8xf32>, %b: tensor<1x1x8x16xf32>, %h0: tensor<1x64x8xf32>) {
  // expected-error @+1 {{'kiln.selective_scan' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x64x16xi32>'}}
  %y, %h = kiln.selective_scan %u, %dt, %a, %b, %b, %h0
      : tensor<1x64x16xi32>, tensor<1x64x16xf32>, tensor<64x8xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x64x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Quantization: quantize, dequantize, qmatmul
//===----------------------------------------------------------------------===//

func.func @quantization_ok(%w: tensor<256x512xbf16>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>,
                           %x: tensor<1x16x512xbf16>, %qt: tensor<512x256xi8>, %st: tensor<4x256xf32>) {
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 64 : i64, axis = 1 : i64} : tensor<256x512xbf16>
  %1:2 = kiln.quantize %w {bits = 4 : i64, block_size = 32 : i64, axis = -2 : i64, scheme = "deepspeed"}
      : tensor<256x512xbf16>
  %2 = kiln.dequantize %q, %s {block_size = 64 : i64, axis = 1 : i64}
      : tensor<256x512xi8>, tensor<256x8xf32> -> tensor<256x512xbf16>
  %3 = kiln.qmatmul %x, %q, %s {bits = 4 : i64, block_size = 64 : i64}
      : tensor<1x16x512xbf16>, tensor<256x512xi8>, tensor<256x8xf32>
  %4 = kiln.qmatmul %x, %qt, %st {bits = 8 : i64, block_size = 128 : i64, transpose_b = false}
      : tensor<1x16x512xbf16>, tensor<512x256xi8>, tensor<4x256xf32>
  return
}

// -----

func.func @quantize_bits(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op bits must be 4 or 8, got 2}}
  %0:2 = kiln.quantize %w {bits = 2 : i64, block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_scheme(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op scheme must be one of {absmax, deepspeed}, got "gptq"}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 1 : i64, scheme = "gptq"} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_axis(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 2 : i64} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_block_size_does_not_divide(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op block_size = 48 must be >= 1 and divide dimension 1 (64)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 48 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_block_size_zero(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op block_size = 0 must be >= 1 and divide dimension 0 (4)}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 0 : i64, axis = 0 : i64} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_missing_block_size(%w: tensor<4x64xf32>) {
  // expected-error @+1 {{'kiln.quantize' op requires attribute 'block_size'}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, axis = 1 : i64} : tensor<4x64xf32>
  return
}

// -----

func.func @quantize_int_operand(%w: tensor<4x64xi32>) {
  // expected-error @+1 {{'kiln.quantize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x64xi32>'}}
  %0:2 = kiln.quantize %w {bits = 8 : i64, block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi32>
  return
}

// -----

func.func @dequantize_axis(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op axis = -3 is out of range for rank 2 (expected -2 <= axis < 2)}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = -3 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}

// -----

func.func @dequantize_block_size(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op block_size = 24 must be >= 1 and divide dimension 1 (64)}}
  %0 = kiln.dequantize %q, %s {block_size = 24 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}

// -----

func.func @dequantize_scales_shape(%q: tensor<4x64xi8>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op scales must be [4, 2] (q's shape with axis 1 divided by block_size), got [4, 4]}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x4xf32> -> tensor<4x64xf32>
  return
}

// -----

func.func @dequantize_result_shape(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op result must have q's shape [4, 64], got [64, 4]}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<64x4xf32>
  return
}

// -----

func.func @dequantize_q_not_i8(%q: tensor<4x64xi32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op operand #0 must be statically shaped tensor (at most 2^48 elements) of 8-bit signless integer values, but got 'tensor<4x64xi32>'}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi32>, tensor<4x2xf32> -> tensor<4x64xf32>
  return
}

// -----

func.func @dequantize_int_result(%q: tensor<4x64xi8>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{'kiln.dequantize' op result #0 must be statically shaped tensor (at most 2^48 elements) of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<4x64xi32>'}}
  %0 = kiln.dequantize %q, %s {block_size = 32 : i64, axis = 1 : i64} : tensor<4x64xi8>, tensor<4x2xf32> -> tensor<4x64xi32>
  return
}

// -----

func.func @qmatmul_bits(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op bits must be 4 or 8, got 16}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 16 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}

// -----

func.func @qmatmul_x_rank(%x: tensor<512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op x must have rank >= 2, got rank 1}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}

// -----

func.func @qmatmul_q_rank(%x: tensor<16x512xf32>, %q: tensor<1x256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op q must have rank 2, got rank 3 [1, 256, 512]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<1x256x512xi8>, tensor<256x8xf32>
  return
}

// -----

func.func @qmatmul_scales_rank(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<2048xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op scales must have rank 2, got rank 1 [2048]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<2048xf32>
  return
}

// -----

func.func @qmatmul_contracting(%x: tensor<16x512xf32>, %q: tensor<512x256xi8>, %s: tensor<512x4xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op contracting dimensions differ: x has K = 512, q has K = 256}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<512x256xi8>, tensor<512x4xf32>
  return
}

// -----

func.func @qmatmul_block_size(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op block_size = 96 must be >= 1 and divide K = 512}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 96 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xf32>
  return
}

// -----

func.func @qmatmul_scales_shape(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<8x256xf32>) {
  // expected-error @+1 {{'kiln.qmatmul' op scales must be [256, 8] (one per block of K), got [8, 256]}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<8x256xf32>
  return
}

// -----

func.func @qmatmul_scales_not_f32(%x: tensor<16x512xf32>, %q: tensor<256x512xi8>, %s: tensor<256x8xbf16>) {
  // expected-error @+1 {{'kiln.qmatmul' op operand #2 must be statically shaped tensor (at most 2^48 elements) of 32-bit float values, but got 'tensor<256x8xbf16>'}}
  %0 = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 64 : i64} : tensor<16x512xf32>, tensor<256x512xi8>, tensor<256x8xbf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Structure: fusion and yield
//===----------------------------------------------------------------------===//

func.func @fusion_ok(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %r = kiln.fusion (%x, %b : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
      attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a0: tensor<4x8xf32>, %a1: tensor<1x8xf32>):
    %s = kiln.add %a0, %a1 : tensor<4x8xf32>, tensor<1x8xf32>
    %t = kiln.silu %s {kiln.root} : tensor<4x8xf32>
    kiln.yield %t : tensor<4x8xf32>
  }
  %u = kiln.fusion (%r : tensor<4x8xf32>) -> tensor<4x8xf32> {
  ^bb0(%a0: tensor<4x8xf32>):
    %e = kiln.exp %a0 : tensor<4x8xf32>
    kiln.yield %e : tensor<4x8xf32>
  }
  return %u : tensor<4x8xf32>
}

// -----

func.func @fusion_argument_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op body has 0 arguments but the op captures 1 inputs}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
    %c = kiln.constant dense<0.0> : tensor<4xf32>
    kiln.yield %c : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_argument_type(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op body argument #0 has type 'tensor<4xf16>' but input #0 has type 'tensor<4xf32>'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf16>):
    %c = kiln.cast %a : tensor<4xf16> to tensor<4xf32>
    kiln.yield %c : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_yield_types(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op yields 'tensor<4xf16>' but the op's results are 'tensor<4xf32>'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %c = kiln.cast %a : tensor<4xf32> to tensor<4xf16>
    kiln.yield %c : tensor<4xf16>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_yield_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op yields 'tensor<4xf32>', 'tensor<4xf32>' but the op's results are 'tensor<4xf32>'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    kiln.yield %a, %a : tensor<4xf32>, tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_bad_family(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::mlir::kiln::KernelFamily to be one of: pointwise, reduction, gemm, qmatmul, convolution, attention, scan, data, copy}}
  // expected-error @+1 {{failed to parse Kiln_KernelFamilyAttr parameter 'value'}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> attributes {family = #kiln.family<matmul>} {
  ^bb0(%a: tensor<4xf32>):
    kiln.yield %a : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_family_wrong_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{attribute 'family' failed to satisfy constraint: a kernel family}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> attributes {family = "pointwise"} {
  ^bb0(%a: tensor<4xf32>):
    kiln.yield %a : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_family_disagrees_with_root(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'kiln.fusion' op family pointwise disagrees with its root kiln.matmul of the gemm family}}
  %r = kiln.fusion (%x, %w : tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
  ^bb0(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>):
    %m = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x8xf32>
    %e = kiln.exp %m : tensor<4x8xf32>
    kiln.yield %e : tensor<4x8xf32>
  }
  return %r : tensor<4x8xf32>
}

// -----

func.func @fusion_two_roots(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op marks two roots, kiln.exp and kiln.neg (one kernel has one kiln.root)}}
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %e = kiln.exp %a {kiln.root} : tensor<4xf32>
    %n = kiln.neg %e {kiln.root} : tensor<4xf32>
    kiln.yield %n : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @fusion_root_not_a_kernel_root(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{'kiln.constant' op kiln.root marks the root of a kiln.fusion, as a unit attribute on an op of its body that roots a kernel}}
    %c = kiln.constant {kiln.root} dense<1.0> : tensor<4xf32>
    %s = kiln.add %a, %c : tensor<4xf32>, tensor<4xf32>
    kiln.yield %s : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

func.func @root_outside_a_fusion(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.exp' op kiln.root marks the root of a kiln.fusion}}
  %e = kiln.exp %x {kiln.root} : tensor<4xf32>
  return %e : tensor<4xf32>
}

// -----

func.func @fusion_empty_region() {
  // expected-error @+1 {{'kiln.fusion' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  "kiln.fusion"() ({}) : () -> ()
  return
}

// -----

func.func @fusion_dynamic_input(%x: tensor<?xf32>) {
  // expected-error @+1 {{'kiln.fusion' op operand #0 must be variadic of statically shaped tensor (at most 2^48 elements) of}}
  kiln.fusion (%x : tensor<?xf32>) {
  ^bb0(%a: tensor<?xf32>):
    kiln.yield
  }
  return
}

// -----

func.func @yield_outside_fusion(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.yield' op expects parent op 'kiln.fusion'}}
  kiln.yield %x : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Function argument and result attributes: kiln.name, kiln.tied
//===----------------------------------------------------------------------===//

func.func @main(%x: tensor<4xf32> {kiln.name = "x"}, %cache: tensor<8xf32> {kiln.name = "cache"},
                %state: tensor<2xf32>)
    -> (tensor<4xf32> {kiln.name = "y"}, tensor<8xf32> {kiln.name = "cache", kiln.tied = 1 : i64},
        tensor<2xf32> {kiln.tied = 2 : i64}) {
  return %x, %cache, %state : tensor<4xf32>, tensor<8xf32>, tensor<2xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.name of argument #0 must be a non-empty string, got ""}}
func.func @name_empty(%x: tensor<4xf32> {kiln.name = ""}) {
  return
}

// -----

// expected-error @+1 {{'func.func' op kiln.name of result #0 must be a non-empty string, got 3 : i64}}
func.func @name_not_string(%x: tensor<4xf32>) -> (tensor<4xf32> {kiln.name = 3 : i64}) {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.name "x" names both argument #0 and argument #2}}
func.func @name_duplicate_arguments(%a: tensor<4xf32> {kiln.name = "x"}, %b: tensor<4xf32> {kiln.name = "y"},
                                    %c: tensor<4xf32> {kiln.name = "x"}) {
  return
}

// -----

// expected-error @+1 {{'func.func' op kiln.name "out" names both result #0 and result #1}}
func.func @name_duplicate_results(%a: tensor<4xf32>)
    -> (tensor<4xf32> {kiln.name = "out"}, tensor<4xf32> {kiln.name = "out"}) {
  return %a, %a : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.tied = 1 of result #0 is not an argument index (the function has 1 arguments)}}
func.func @tied_out_of_range(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.tied = 1 : i64}) {
  return %a : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.tied = -1 of result #0 is not an argument index (the function has 1 arguments)}}
func.func @tied_negative(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.tied = -1 : i64}) {
  return %a : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.tied of result #0 must be an i64 argument index, got 0 : i32}}
func.func @tied_not_i64(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.tied = 0 : i32}) {
  return %a : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op result #0 is tied to argument #0 but their types differ: 'tensor<4xf16>' vs 'tensor<4xf32>'}}
func.func @tied_types_differ(%a: tensor<4xf32>) -> (tensor<4xf16> {kiln.tied = 0 : i64}) {
  %0 = kiln.cast %a : tensor<4xf32> to tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// expected-error @+1 {{'func.func' op results #0 and #1 are both tied to argument #0}}
func.func @tied_twice(%a: tensor<4xf32>)
    -> (tensor<4xf32> {kiln.tied = 0 : i64}, tensor<4xf32> {kiln.tied = 0 : i64}) {
  return %a, %a : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op kiln.tied is a result attribute (on argument #0)}}
func.func @tied_on_argument(%a: tensor<4xf32> {kiln.tied = 0 : i64}) {
  return
}

// -----

// expected-error @+1 {{'func.func' op unknown kiln argument attribute 'kiln.weight' on argument #0 (expected kiln.name)}}
func.func @unknown_argument_attribute(%a: tensor<4xf32> {kiln.weight = "w"}) {
  return
}

// -----

// expected-error @+1 {{'func.func' op unknown kiln result attribute 'kiln.alias' on result #0 (expected kiln.name or kiln.tied)}}
func.func @unknown_result_attribute(%a: tensor<4xf32>) -> (tensor<4xf32> {kiln.alias = 0 : i64}) {
  return %a : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Robustness: terminators, zero-size kernels, shape arithmetic overflow,
// attribute values that are never meaningful.
//===----------------------------------------------------------------------===//

func.func @fusion_wrong_terminator(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.fusion' op body must end with kiln.yield}}
  %0 = kiln.fusion (%x : tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    func.return %a : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

func.func @pixel_shuffle_factor_overflow(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{'kiln.pixel_shuffle' op factor^2 overflows: 4294967296 * 4294967296}}
  %0 = kiln.pixel_shuffle %x {factor = 4294967296 : i64} : tensor<1x16x8x8xf32>
  return
}

// -----

func.func @conv2d_zero_kernel(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x0x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op the kernel must be at least 1 along H, got 0}}
  %0 = kiln.conv2d %x, %w : tensor<1x4x8x8xf32>, tensor<4x4x0x3xf32>
  return
}

// -----

func.func @conv1d_zero_kernel(%x: tensor<1x4x8xf32>, %w: tensor<4x4x0xf32>) {
  // expected-error @+1 {{'kiln.conv1d' op the kernel must be at least 1 along L, got 0}}
  %0 = kiln.conv1d %x, %w : tensor<1x4x8xf32>, tensor<4x4x0xf32>
  return
}

// -----

func.func @conv_transpose2d_zero_kernel(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x0xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op the kernel must be at least 1 along W, got 0}}
  %0 = kiln.conv_transpose2d %x, %w : tensor<1x4x8x8xf32>, tensor<4x4x3x0xf32>
  return
}

// -----

func.func @pad_overflow(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.pad' op padded size overflows: 4 + 9223372036854775807}}
  %0 = kiln.pad %x {low = array<i64: 9223372036854775807>, high = array<i64: 0>} : tensor<4xf32>
  return
}

// -----

func.func @conv2d_dilation_overflow(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op dilation * (kernel - 1) overflows: 4611686018427387904 * 2}}
  %0 = kiln.conv2d %x, %w {dilation = array<i64: 4611686018427387904, 1>} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
  return
}

// -----

func.func @conv_transpose2d_stride_overflow(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op (input - 1) * stride overflows: 7 * 4611686018427387904}}
  %0 = kiln.conv_transpose2d %x, %w {stride = array<i64: 4611686018427387904, 1>} : tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>
  return
}

// -----

func.func @too_many_elements(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.reshape' op operand #0 must be statically shaped tensor (at most 2^48 elements)}}
  %0 = kiln.reshape %x : tensor<4611686018427387904x4xf32> -> tensor<0xf32>
  return
}

// -----

func.func @too_many_elements_inferred(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.exp' op operand #0 must be statically shaped tensor (at most 2^48 elements)}}
  %0 = kiln.exp %x : tensor<4611686018427387904x4xf32>
  return
}

// -----

func.func @too_many_elements_parse(%x: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{'kiln.softmax' op operand #0 must be a statically shaped tensor of at most 2^48 elements, got tensor<4611686018427387904x4xf32>}}
  %0 = kiln.softmax %x : tensor<4611686018427387904x4xf32>
  return
}

// -----

// A huge stride still takes one element (⌈4/stride⌉ = 1).
func.func @slice_huge_stride(%x: tensor<4xf32>) -> tensor<1xf32> {
  %0 = kiln.slice %x {start = array<i64: 0>, limit = array<i64: 4>, stride = array<i64: 9223372036854775807>} : tensor<4xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @clamp_nan(%x: tensor<4xf32>) {
  // NaN bounds are allowed, as in PyTorch (they propagate).
  %0 = kiln.clamp %x {min = 0x7FC00000 : f32, max = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @layer_norm_infinite_eps(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.layer_norm' op eps must be finite and >= 0, got INF}}
  %0 = kiln.layer_norm %x {eps = 0x7F800000 : f32} : tensor<4x8xf32>
  return
}

// -----

func.func @rope_infinite_theta(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op theta must be finite and > 0, got INF}}
  %0 = kiln.rope %x, %p {theta = 0x7F800000 : f32} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}

// -----

func.func @rope_negative_attention_factor(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op attention_factor must be finite and >= 0 (0 means the yarn default), got -1}}
  %0 = kiln.rope %x, %p {attention_factor = -1.0 : f32} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}

// -----

func.func @kiln_attribute_on_op(%x: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.exp' op unknown kiln attribute 'kiln.name' on an operation}}
  %0 = kiln.exp %x {kiln.name = ""} : tensor<4xf32>
  return
}

// -----

// expected-error @+1 {{'func.func' op unknown kiln attribute 'kiln.tied' on an operation}}
func.func @kiln_attribute_on_func(%x: tensor<4xf32>) attributes {kiln.tied = 0 : i64} {
  return
}

// -----

// Controls for numpy / PyTorch behaviour: negative slice strides, a zero
// batch dimension broadcasting against 1, reflect padding next to an empty
// dimension that is not padded.
func.func @numpy_controls(%x: tensor<4x8xf32>, %a: tensor<0x2x3xf32>, %b: tensor<1x3x4xf32>, %e: tensor<0x3x4xf32>) -> (tensor<4x8xf32>, tensor<0x2x4xf32>, tensor<0x3x6xf32>) {
  %0 = kiln.slice %x {start = array<i64: -1, 0>, limit = array<i64: -5, 8>, stride = array<i64: -1, 1>} : tensor<4x8xf32>
  %1 = kiln.matmul %a, %b : tensor<0x2x3xf32>, tensor<1x3x4xf32>
  %2 = kiln.pad %e {low = array<i64: 0, 0, 1>, high = array<i64: 0, 0, 1>, mode = "reflect"} : tensor<0x3x4xf32>
  return %0, %1, %2 : tensor<4x8xf32>, tensor<0x2x4xf32>, tensor<0x3x6xf32>
}

// -----

func.func @slice_reverse_every_other(%x: tensor<5xf32>) -> tensor<3xf32> {
  %0 = kiln.slice %x {start = array<i64: 10>, limit = array<i64: -10>, stride = array<i64: -2>} : tensor<5xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pixel_unshuffle_empty_overflow(%x: tensor<1x1x0x0xf32>) {
  // expected-error @+1 {{'kiln.pixel_unshuffle' op factor^2 overflows: 4294967296 * 4294967296}}
  %0 = kiln.pixel_unshuffle %x {factor = 4294967296 : i64} : tensor<1x1x0x0xf32>
  return
}

// -----

func.func @conv_transpose2d_channel_overflow(%x: tensor<1x0x4x4xf32>, %w: tensor<0x1099511627776x1x1xf32>) {
  // expected-error @+1 {{'kiln.conv_transpose2d' op output channels overflows: 1099511627776 * 16777216}}
  %0 = kiln.conv_transpose2d %x, %w {groups = 16777216 : i64} : tensor<1x0x4x4xf32>, tensor<0x1099511627776x1x1xf32>
  return
}

// -----

// An unnamed argument is called arg1, so naming another one "arg1" clashes.
// expected-error @+1 {{'func.func' op kiln.name "arg1" names both argument #0 and argument #1}}
func.func @name_clashes_with_default(%a: tensor<4xf32> {kiln.name = "arg1"}, %b: tensor<4xf32>) {
  return
}

// -----

func.func @rope_yarn_theta_one(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op yarn scaling divides by ln(theta) and needs theta != 1}}
  %0 = kiln.rope %x, %p {theta = 1.0 : f32, scaling = "yarn", original_max_positions = 16 : i64} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}

// -----

func.func @rope_yarn_beta(%x: tensor<1x2x4x8xf32>, %p: tensor<4xi32>) {
  // expected-error @+1 {{'kiln.rope' op yarn needs finite beta_fast and beta_slow > 0, got 3.200000e+01 and 0.000000e+00}}
  %0 = kiln.rope %x, %p {beta_slow = 0.0 : f32, scaling = "yarn", original_max_positions = 16 : i64} : tensor<1x2x4x8xf32>, tensor<4xi32>
  return
}

// -----

func.func @tile_not_a_tile(%x: tensor<4x8xbf16>, %w: tensor<8x8xbf16>) {
  // expected-error @+1 {{'kiln.matmul' op kiln.tile belongs on a kiln.matmul, kiln.qmatmul or convolution, as one of "64x64", "128x64", "128x128" or "128x128_sm90a"}}
  %0 = kiln.matmul %x, %w {kiln.tile = "96x96"} : tensor<4x8xbf16>, tensor<8x8xbf16>
  return
}

// -----

func.func @tile_on_pointwise(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'kiln.exp' op kiln.tile belongs on a kiln.matmul}}
  %0 = kiln.exp %x {kiln.tile = "64x64"} : tensor<4x8xf32>
  return
}

// -----

func.func @tile_controls(%x: tensor<4x8xbf16>, %w: tensor<8x8xbf16>, %i: tensor<1x8x4x4xbf16>, %k: tensor<8x8x3x3xbf16>) {
  %0 = kiln.matmul %x, %w {kiln.tile = "128x128"} : tensor<4x8xbf16>, tensor<8x8xbf16>
  %1 = kiln.conv2d %i, %k {kiln.tile = "128x64"} : tensor<1x8x4x4xbf16>, tensor<8x8x3x3xbf16>
  return
}
