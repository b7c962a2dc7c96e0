// kiln-pipeline on the demo's sample program (examples/mlp/mlp.mlir): the
// reshape round trip, the multiply by one and the unused reshape are gone;
// the matmul + bias + relu chain stays for fusion to take.
// RUN: kiln-opt %kiln_src/examples/mlp/mlp.mlir --kiln-pipeline | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<16x784xf32> {kiln.name = "x"}) -> (tensor<16x20xf32> {kiln.name = "mu"})
// CHECK-DAG: %[[W1:.*]] = kiln.param "fc1.weight"
// CHECK-DAG: %[[B1:.*]] = kiln.param "fc1.bias"
// CHECK: %[[H:.*]] = kiln.matmul %[[X]], %[[W1]] {transpose_b = true}
// CHECK: %[[B1R:.*]] = kiln.reshape %[[B1]]
// CHECK: %[[H1:.*]] = kiln.add %[[H]], %[[B1R]]
// CHECK-NOT: kiln.mul
// CHECK: kiln.relu %[[H1]]
// CHECK-COUNT-1: kiln.reshape %{{.*}} : tensor<20xf32> -> tensor<1x20xf32>
// CHECK-NOT: kiln.reshape
// CHECK: return
