// Folds of the kiln dialect, applied by --canonicalize.
// RUN: kiln-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = kiln.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<24xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  %0 = kiln.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %1 = kiln.reshape %0 : tensor<6x4xf32> -> tensor<24xf32>
  return %1 : tensor<24xf32>
}

// -----

// A round trip through another shape is no reshape at all.
// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @reshape_round_trip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reshape %x : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = kiln.reshape %0 : tensor<3x2xf32> -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_constant
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @reshape_constant() -> tensor<2x2xf32> {
  %c = kiln.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = kiln.reshape %c : tensor<4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// perm [1, 2, 0] after [0, 2, 1]: result dim i = x dim inner[outer[i]].
// CHECK-LABEL: func.func @transpose_of_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.*]] = kiln.transpose %[[X]] {perm = array<i64: 2, 1, 0>} : tensor<2x3x4xf32>
// CHECK-NEXT: return %[[T]] : tensor<4x3x2xf32>
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 2, 1>} : tensor<2x3x4xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 1, 2, 0>} : tensor<2x4x3xf32>
  return %1 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_inverse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 1, 2, 0>} : tensor<2x3x4xf32>
  %1 = kiln.transpose %0 {perm = array<i64: 2, 0, 1>} : tensor<3x4x2xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @identity_movement
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @identity_movement(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = kiln.transpose %x {perm = array<i64: 0, 1>} : tensor<2x3xf32>
  %1 = kiln.cast %x : tensor<2x3xf32> to tensor<2x3xf32>
  %2 = kiln.broadcast_to %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = kiln.concat %x {axis = 0 : i64} : tensor<2x3xf32>
  %4 = kiln.slice %x {start = array<i64: 0, -3>, limit = array<i64: 2, 3>, stride = array<i64: 1, 1>} : tensor<2x3xf32>
  %5 = kiln.pad %x {low = array<i64: 0, 0>, high = array<i64: 0, 0>} : tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// A strided or offset slice is kept.
// CHECK-LABEL: func.func @real_slice
// CHECK: kiln.slice
// CHECK: kiln.pad
func.func @real_slice(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x5xf32>) {
  %0 = kiln.slice %x {start = array<i64: 0, 0>, limit = array<i64: 2, 3>, stride = array<i64: 2, 1>} : tensor<2x3xf32>
  %1 = kiln.concat %0, %0 {axis = 0 : i64} : tensor<1x3xf32>, tensor<1x3xf32>
  %2 = kiln.pad %x {low = array<i64: 0, 1>, high = array<i64: 0, 1>} : tensor<2x3xf32>
  return %1, %2 : tensor<2x3xf32>, tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func.func @add_zero_mul_one
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NOT: kiln.
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @add_zero_mul_one(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %zero = kiln.constant dense<0.0> : tensor<1x8xf32>
  %one = kiln.constant dense<1.0> : tensor<4x8xf32>
  %0 = kiln.add %x, %zero : tensor<4x8xf32>, tensor<1x8xf32>
  %1 = kiln.add %zero, %x : tensor<1x8xf32>, tensor<4x8xf32>
  %2 = kiln.mul %x, %one : tensor<4x8xf32>, tensor<4x8xf32>
  %3 = kiln.mul %one, %x : tensor<4x8xf32>, tensor<4x8xf32>
  %4 = kiln.sub %x, %zero : tensor<4x8xf32>, tensor<1x8xf32>
  %5 = kiln.div %x, %one : tensor<4x8xf32>, tensor<4x8xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Adding a zero that broadcasts x to a larger shape changes the shape: kept.
// Subtracting x from zero is not an identity either.
// CHECK-LABEL: func.func @identities_that_are_not
// CHECK: kiln.add
// CHECK: kiln.sub
func.func @identities_that_are_not(%x: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<1x8xf32>) {
  %zero = kiln.constant dense<0.0> : tensor<4x8xf32>
  %0 = kiln.add %x, %zero : tensor<1x8xf32>, tensor<4x8xf32>
  %z1 = kiln.constant dense<0.0> : tensor<1x8xf32>
  %1 = kiln.sub %z1, %x : tensor<1x8xf32>, tensor<1x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<1x8xf32>
}

// -----

// Integer identities too.
// CHECK-LABEL: func.func @int_identities
// CHECK-SAME: (%[[X:.*]]: tensor<4xi32>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @int_identities(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %zero = kiln.constant dense<0> : tensor<4xi32>
  %one = kiln.constant dense<1> : tensor<4xi32>
  %0 = kiln.add %x, %zero : tensor<4xi32>, tensor<4xi32>
  %1 = kiln.mul %one, %x : tensor<4xi32>, tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// Constant folding with broadcasting: [[1], [2]] + [10, 20, 30].
// CHECK-LABEL: func.func @fold_add_broadcast
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<{{\[\[}}1.100000e+01, 2.100000e+01, 3.100000e+01], [1.200000e+01, 2.200000e+01, 3.200000e+01]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @fold_add_broadcast() -> tensor<2x3xf32> {
  %a = kiln.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %b = kiln.constant dense<[[10.0, 20.0, 30.0]]> : tensor<1x3xf32>
  %0 = kiln.add %a, %b : tensor<2x1xf32>, tensor<1x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A chain of unary and binary ops on constants folds to one literal:
// relu(neg([1, -2])) * 3 = [0, 6]; exp(0) = 1 stays a splat.
// CHECK-LABEL: func.func @fold_chain
// CHECK-DAG: kiln.constant dense<[0.000000e+00, 6.000000e+00]> : tensor<2xf32>
// CHECK-DAG: kiln.constant dense<1.000000e+00> : tensor<64x64xf32>
// CHECK-NOT: kiln.neg
// CHECK-NOT: kiln.exp
func.func @fold_chain() -> (tensor<2xf32>, tensor<64x64xf32>) {
  %c = kiln.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %three = kiln.constant dense<3.0> : tensor<2xf32>
  %0 = kiln.neg %c : tensor<2xf32>
  %1 = kiln.relu %0 : tensor<2xf32>
  %2 = kiln.mul %1, %three : tensor<2xf32>, tensor<2xf32>
  %z = kiln.constant dense<0.0> : tensor<64x64xf32>
  %3 = kiln.exp %z : tensor<64x64xf32>
  return %2, %3 : tensor<2xf32>, tensor<64x64xf32>
}

// -----

// bf16 results round once to nearest even: 1 + 2^-8 is a tie and goes to 1.0;
// 1 + 3·2^-8 goes up to 1 + 2^-6 (= 1.015625).
// CHECK-LABEL: func.func @fold_bf16_rounding
// CHECK-NEXT: kiln.constant dense<[1.000000e+00, 1.015630e+00]> : tensor<2xbf16>
func.func @fold_bf16_rounding() -> tensor<2xbf16> {
  %a = kiln.constant dense<[1.0, 1.0]> : tensor<2xbf16>
  %b = kiln.constant dense<[0.00390625, 0.01171875]> : tensor<2xf32>
  %bb = kiln.cast %b : tensor<2xf32> to tensor<2xbf16>
  %0 = kiln.add %a, %bb : tensor<2xbf16>, tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

// Casts to integers round half to even and saturate; i8 arithmetic wraps.
// CHECK-LABEL: func.func @fold_casts
// CHECK-DAG: kiln.constant dense<[2, 4, -2, 127, -128, 0]> : tensor<6xi8>
// CHECK-DAG: kiln.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: kiln.constant dense<-128> : tensor<4xi8>
func.func @fold_casts() -> (tensor<6xi8>, tensor<3xi1>, tensor<4xi8>) {
  %f = kiln.constant dense<[2.5, 3.5, -2.5, 300.0, -300.0, 0.4]> : tensor<6xf32>
  %0 = kiln.cast %f : tensor<6xf32> to tensor<6xi8>
  %g = kiln.constant dense<[0.0, -0.5, 2.0]> : tensor<3xf32>
  %1 = kiln.cast %g : tensor<3xf32> to tensor<3xi1>
  %m = kiln.constant dense<127> : tensor<4xi8>
  %one = kiln.constant dense<1> : tensor<4xi8>
  %2 = kiln.add %m, %one : tensor<4xi8>, tensor<4xi8>
  return %0, %1, %2 : tensor<6xi8>, tensor<3xi1>, tensor<4xi8>
}

// -----

// compare and select on constants.
// CHECK-LABEL: func.func @fold_compare_select
// CHECK-SAME: (%[[A:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK-DAG: kiln.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK: return %{{.*}}, %[[A]], %[[B]]
func.func @fold_compare_select(%a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) {
  %x = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = kiln.constant dense<[2.0, 2.0, 2.0]> : tensor<3xf32>
  %0 = kiln.compare %x, %y {predicate = "lt"} : tensor<3xf32>, tensor<3xf32>
  %t = kiln.constant dense<true> : tensor<3xi1>
  %f = kiln.constant dense<false> : tensor<1xi1>
  %1 = kiln.select %t, %a, %b : tensor<3xi1>, tensor<3xf32>, tensor<3xf32>
  %2 = kiln.select %f, %a, %b : tensor<1xi1>, tensor<3xf32>, tensor<3xf32>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xf32>, tensor<3xf32>
}

// -----

// A non-splat literal above the folding limit (1024 elements) is left alone.
// CHECK-LABEL: func.func @no_fold_large
// CHECK: kiln.exp
func.func @no_fold_large() -> tensor<1025xf32> {
  %c = kiln.iota {dim = 0 : i64} : tensor<1025xf32>
  %0 = kiln.exp %c : tensor<1025xf32>
  return %0 : tensor<1025xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast_splat
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<2.000000e+00> : tensor<4x8xf32>
// CHECK-NEXT: return %[[C]]
func.func @broadcast_splat() -> tensor<4x8xf32> {
  %c = kiln.constant dense<2.0> : tensor<1x8xf32>
  %0 = kiln.broadcast_to %c : tensor<1x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// relu keeps NaN; f32 → i64 saturates at INT64_MAX; integers above 2^53
// compare exactly.
// CHECK-LABEL: func.func @fold_edge_values
// CHECK-DAG: kiln.constant dense<[0x7FC00000, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: kiln.constant dense<[9223372036854775807, -9223372036854775808]> : tensor<2xi64>
// CHECK-DAG: kiln.constant dense<false> : tensor<1xi1>
func.func @fold_edge_values() -> (tensor<2xf32>, tensor<2xi64>, tensor<1xi1>) {
  %n = kiln.constant dense<[0x7FC00000, -1.0]> : tensor<2xf32>
  %0 = kiln.relu %n : tensor<2xf32>
  %big = kiln.constant dense<[1.0e19, -1.0e19]> : tensor<2xf32>
  %1 = kiln.cast %big : tensor<2xf32> to tensor<2xi64>
  %a = kiln.constant dense<9007199254740993> : tensor<1xi64>
  %b = kiln.constant dense<9007199254740992> : tensor<1xi64>
  %2 = kiln.compare %a, %b {predicate = "eq"} : tensor<1xi64>, tensor<1xi64>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xi64>, tensor<1xi1>
}

// -----

// A reversed slice is not the identity even when it keeps every element.
// CHECK-LABEL: func.func @reversed_slice_kept
// CHECK: kiln.slice
func.func @reversed_slice_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.slice %x {start = array<i64: -1>, limit = array<i64: -5>, stride = array<i64: -1>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
