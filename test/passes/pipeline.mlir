// kiln-pipeline on the demo's sample program (examples/mlp/mlp.mlir): the
// reshape round trip, the multiply by one and the unused reshape fold away;
// each matmul becomes a gemm fusion and each bias + activation chain a
// pointwise one; memory planning reuses the first matmul's buffer.
// RUN: kiln-opt %kiln_src/examples/mlp/mlp.mlir --kiln-pipeline | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<16x784xf32> {kiln.name = "x"}) -> (tensor<16x20xf32> {kiln.name = "mu"})
// CHECK-SAME: attributes {kiln.arena_bytes = 51200 : i64}
// CHECK-DAG: %[[W1:.*]] = kiln.param "fc1.weight"
// CHECK-DAG: %[[B1:.*]] = kiln.param "fc1.bias"
// CHECK: %[[H:.*]] = kiln.fusion(%[[X]], %[[W1]] : {{.*}}) -> tensor<16x400xf32> attributes {family = "gemm", kiln.arena_offsets = array<i64: 0>}
// CHECK: kiln.matmul
// CHECK: %[[A:.*]] = kiln.fusion(%[[B1]], %[[H]] : {{.*}}) -> tensor<16x400xf32> attributes {family = "pointwise", kiln.arena_offsets = array<i64: 25600>}
// CHECK: kiln.reshape
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.relu
// CHECK-NOT: kiln.mul
// CHECK: %[[M:.*]] = kiln.fusion(%[[A]], %{{.*}} : {{.*}}) -> tensor<16x20xf32> attributes {family = "gemm", kiln.arena_offsets = array<i64: 0>}
// CHECK: %[[OUT:.*]] = kiln.fusion(%{{.*}}, %[[M]] : {{.*}}) -> tensor<16x20xf32> attributes {family = "pointwise", kiln.arena_offsets = array<i64: 1280>}
// CHECK: return %[[OUT]]
