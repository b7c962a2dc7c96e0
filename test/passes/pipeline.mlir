// kiln-pipeline on the demo's sample program (examples/mlp/mlp.mlir): the
// reshape round trip, the multiply by one and the unused reshape fold away;
// each matmul becomes a gemm fusion that takes its bias (and the ReLU) as an
// epilogue; memory planning places the two results side by side (the first
// is still read by the second kernel).
// RUN: kiln-opt %kiln_src/examples/mlp/mlp.mlir --kiln-pipeline | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<16x784xf32> {kiln.name = "x"}) -> (tensor<16x20xf32> {kiln.name = "mu"})
// CHECK-SAME: attributes {kiln.arena_bytes = 26880 : i64}
// CHECK-DAG: %[[W1:.*]] = kiln.param "fc1.weight"
// CHECK-DAG: %[[B1:.*]] = kiln.param "fc1.bias"
// CHECK: %[[H:.*]] = kiln.fusion(%[[X]], %[[W1]], %[[B1]] : {{.*}}) -> tensor<16x400xf32> attributes {family = #kiln.family<gemm>, kiln.arena_offsets = array<i64: 0>}
// CHECK: kiln.matmul
// CHECK-NEXT: kiln.reshape
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.relu
// CHECK-NOT: kiln.mul
// CHECK: %[[OUT:.*]] = kiln.fusion(%[[H]], %{{.*}}, %{{.*}} : {{.*}}) -> tensor<16x20xf32> attributes {family = #kiln.family<gemm>, kiln.arena_offsets = array<i64: 25600>}
// CHECK: kiln.matmul
// CHECK: kiln.add
// CHECK-NOT: kiln.fusion
// CHECK: return %[[OUT]]
