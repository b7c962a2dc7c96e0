// kiln-decompose: unmasked f32 attention becomes two GEMMs around a row
// softmax (the scale multiplies the scores); masked, causal, grouped-query
// and 16-bit attention stay whole.
// RUN: kiln-opt %s --kiln-decompose --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @plain
// CHECK: %[[S:.*]] = kiln.matmul %arg0, %arg1 {transpose_b = true} : tensor<1x1x16x512xf32>, tensor<1x1x16x512xf32>
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<0.044194{{[0-9]+}}> : tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[M:.*]] = kiln.mul %[[S]], %[[C]] : tensor<1x1x16x16xf32>, tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[P:.*]] = kiln.softmax %[[M]] : tensor<1x1x16x16xf32>
// CHECK-NEXT: %[[O:.*]] = kiln.matmul %[[P]], %arg2 : tensor<1x1x16x16xf32>, tensor<1x1x16x512xf32>
// CHECK-NEXT: return %[[O]]
func.func @plain(%q: tensor<1x1x16x512xf32>, %k: tensor<1x1x16x512xf32>, %v: tensor<1x1x16x512xf32>) -> tensor<1x1x16x512xf32> {
  %o = kiln.attention %q, %k, %v {scale = 0.0441941738 : f32} : tensor<1x1x16x512xf32>, tensor<1x1x16x512xf32>, tensor<1x1x16x512xf32>
  return %o : tensor<1x1x16x512xf32>
}

// -----

// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: kiln.attention
// CHECK-NOT: kiln.matmul
func.func @kept(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %k1: tensor<1x1x8x16xf32>,
                %m: tensor<1x1x8x8xi1>, %qb: tensor<1x2x8x16xbf16>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xbf16>) {
  %0 = kiln.attention %q, %k, %k {scale = 0.25 : f32, causal = true} : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  %1 = kiln.attention %q, %k, %k, %m {scale = 0.25 : f32} : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xi1>
  %2 = kiln.attention %q, %k1, %k1 {scale = 0.25 : f32} : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>
  %3 = kiln.attention %qb, %qb, %qb {scale = 0.25 : f32} : tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>
  return %0, %1, %2, %3 : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xbf16>
}

// -----

// An attention already inside a kiln.fusion keeps its kernel.
// CHECK-LABEL: func.func @fused
// CHECK: kiln.fusion
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.attention
// CHECK-NOT: kiln.matmul
func.func @fused(%q: tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32> {
  %0 = kiln.fusion(%q, %q, %q : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32> attributes {family = #kiln.family<attention>} {
  ^bb0(%a: tensor<1x1x8x16xf32>, %b: tensor<1x1x8x16xf32>, %c: tensor<1x1x8x16xf32>):
    %1 = kiln.attention %a, %b, %c {scale = 0.25 : f32} : tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>
    kiln.yield %1 : tensor<1x1x8x16xf32>
  }
  return %0 : tensor<1x1x8x16xf32>
}
