// kiln-form-fusions: pointwise chains become one fusion, every other op its
// own; single-use producers only; splat constants cloned in. Each fusion
// records its family and marks its root op (kiln.root).
// RUN: kiln-opt %s --kiln-form-fusions --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<1x8xf32>)
// CHECK: %[[F:.*]] = kiln.fusion(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>} {
// CHECK-NEXT: ^bb0(%[[A0:.*]]: tensor<4x8xf32>, %[[A1:.*]]: tensor<1x8xf32>):
// CHECK-NEXT: %[[S:.*]] = kiln.add %[[A0]], %[[A1]]
// CHECK-NEXT: %[[C:.*]] = kiln.constant dense<2.000000e+00> : tensor<1x1xf32>
// CHECK-NEXT: %[[M:.*]] = kiln.mul %[[S]], %[[C]]
// CHECK-NEXT: %[[T:.*]] = kiln.silu %[[M]] {kiln.root}
// CHECK-NEXT: kiln.yield %[[T]] : tensor<4x8xf32>
// CHECK: return %[[F]]
func.func @chain(%x: tensor<4x8xf32>, %b: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %two = kiln.constant dense<2.0> : tensor<1x1xf32>
  %0 = kiln.add %x, %b : tensor<4x8xf32>, tensor<1x8xf32>
  %1 = kiln.mul %0, %two : tensor<4x8xf32>, tensor<1x1xf32>
  %2 = kiln.silu %1 : tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// A value with two users is computed once, in its own fusion; the softmax
// takes the mul as its epilogue, reading that value again as a side input;
// the param stays outside.
// CHECK-LABEL: func.func @shared_value
// CHECK: %[[W:.*]] = kiln.param "w"
// CHECK: %[[E:.*]] = kiln.fusion(%{{.*}}, %[[W]] : {{.*}}) -> tensor<4x8xf32> attributes {family = #kiln.family<pointwise>}
// CHECK: kiln.sub
// CHECK-NEXT: kiln.exp
// CHECK: kiln.fusion(%[[E]] : tensor<4x8xf32>) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.softmax %{{.*}} {kiln.root}
// CHECK-NEXT: kiln.mul
// CHECK-NEXT: kiln.yield
// CHECK-NOT: kiln.fusion
func.func @shared_value(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = kiln.param "w" : tensor<4x8xf32>
  %0 = kiln.sub %x, %w : tensor<4x8xf32>, tensor<4x8xf32>
  %1 = kiln.exp %0 : tensor<4x8xf32>
  %2 = kiln.softmax %1 : tensor<4x8xf32>
  %3 = kiln.mul %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>
  return %3 : tensor<4x8xf32>
}

// -----

// Two pointwise producers joined by one consumer form one group, movement
// ops included.
// CHECK-LABEL: func.func @diamond_join
// CHECK: kiln.fusion
// CHECK-SAME: family = #kiln.family<pointwise>
// CHECK: kiln.transpose
// CHECK: kiln.neg
// CHECK: kiln.add
// CHECK: kiln.yield
// CHECK-NOT: kiln.fusion
func.func @diamond_join(%x: tensor<8x4xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 1, 0>} : tensor<8x4xf32>
  %1 = kiln.neg %y : tensor<4x8xf32>
  %2 = kiln.add %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// Families of the other roots.
// CHECK-LABEL: func.func @families
// CHECK: family = #kiln.family<gemm>
// CHECK: family = #kiln.family<convolution>
// CHECK: family = #kiln.family<scan>
func.func @families(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>,
                    %u: tensor<1x2x3xf32>, %A: tensor<2x1xf32>, %B: tensor<1x1x1x3xf32>, %h: tensor<1x2x1xf32>)
    -> (tensor<4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>) {
  %0 = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xf32>
  %1 = kiln.conv2d %x, %w : tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>
  %y, %hl = kiln.selective_scan %u, %u, %A, %B, %B, %h : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<2x1xf32>, tensor<1x1x1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x2x1xf32>
  return %0, %1, %y, %hl : tensor<4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>
}

// -----

// Epilogues: a matmul takes in bias, GELU and the residual (an elementwise
// path of its own shape); a conv takes its bias and SiLU. A matmul whose
// result has two users keeps no epilogue.
// CHECK-LABEL: func.func @epilogues
// CHECK: kiln.fusion({{.*}}) -> tensor<8x64xf32> attributes {family = #kiln.family<gemm>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.matmul
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.gelu
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.yield
// CHECK: kiln.fusion({{.*}}) -> tensor<1x4x6x6xf32> attributes {family = #kiln.family<convolution>}
// CHECK: kiln.conv2d
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.silu
// CHECK: %[[M:.*]] = kiln.fusion({{.*}}) -> tensor<8x64xf32> attributes {family = #kiln.family<gemm>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.matmul
// CHECK-NEXT: kiln.yield
func.func @epilogues(%x: tensor<8x64xf32>, %w: tensor<64x64xf32>, %b: tensor<1x64xf32>,
                     %img: tensor<1x4x6x6xf32>, %cw: tensor<4x4x1x1xf32>, %cb: tensor<1x4x1x1xf32>)
    -> (tensor<8x64xf32>, tensor<1x4x6x6xf32>, tensor<8x64xf32>, tensor<8x64xf32>) {
  %0 = kiln.matmul %x, %w : tensor<8x64xf32>, tensor<64x64xf32>
  %1 = kiln.add %0, %b : tensor<8x64xf32>, tensor<1x64xf32>
  %2 = kiln.gelu %1 : tensor<8x64xf32>
  %3 = kiln.add %2, %x : tensor<8x64xf32>, tensor<8x64xf32>
  %4 = kiln.conv2d %img, %cw : tensor<1x4x6x6xf32>, tensor<4x4x1x1xf32>
  %5 = kiln.add %4, %cb : tensor<1x4x6x6xf32>, tensor<1x4x1x1xf32>
  %6 = kiln.silu %5 : tensor<1x4x6x6xf32>
  %7 = kiln.matmul %x, %w : tensor<8x64xf32>, tensor<64x64xf32>
  %8 = kiln.exp %7 : tensor<8x64xf32>
  return %3, %6, %7, %8 : tensor<8x64xf32>, tensor<1x4x6x6xf32>, tensor<8x64xf32>, tensor<8x64xf32>
}

// -----

// `matmul + matmul`: the first gemm takes the add; the second, whose user is
// now in a gemm group, stays alone (one gemm root per kernel).
// CHECK-LABEL: func.func @two_gemms
// CHECK: %[[B:.*]] = kiln.fusion({{.*}}) -> tensor<4x4xf32> attributes {family = #kiln.family<gemm>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.matmul
// CHECK-NEXT: kiln.yield
// CHECK: kiln.fusion({{.*}}%[[B]]{{.*}}) -> tensor<4x4xf32> attributes {family = #kiln.family<gemm>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.matmul
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.yield
// CHECK-NOT: kiln.fusion
func.func @two_gemms(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %c: tensor<4x8xf32>,
                     %d: tensor<8x4xf32>) -> tensor<4x4xf32> {
  %0 = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xf32>
  %1 = kiln.matmul %c, %d : tensor<4x8xf32>, tensor<8x4xf32>
  %2 = kiln.add %0, %1 : tensor<4x4xf32>, tensor<4x4xf32>
  return %2 : tensor<4x4xf32>
}

// -----

// A side input computed before the gemm joins its epilogue.
// CHECK-LABEL: func.func @side_input_first
// CHECK: kiln.fusion({{.*}}) -> tensor<4x4xf32> attributes {family = #kiln.family<gemm>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.exp
// CHECK-NEXT: kiln.matmul
// CHECK-NEXT: kiln.add
// CHECK-NEXT: kiln.yield
// CHECK-NOT: kiln.fusion
func.func @side_input_first(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>,
                            %bias: tensor<1x4xf32>) -> tensor<4x4xf32> {
  %0 = kiln.exp %bias : tensor<1x4xf32>
  %1 = kiln.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xf32>
  %2 = kiln.add %1, %0 : tensor<4x4xf32>, tensor<1x4xf32>
  return %2 : tensor<4x4xf32>
}

// -----

// A norm takes its affine and activation; a softmax whose result has two
// users keeps no epilogue.
// CHECK-LABEL: func.func @norm_epilogue
// CHECK: kiln.fusion({{.*}}) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.rms_norm
// CHECK-NEXT: kiln.mul
// CHECK-NEXT: kiln.silu
// CHECK-NEXT: kiln.yield
// CHECK: kiln.fusion({{.*}}) -> tensor<4x8xf32> attributes {family = #kiln.family<reduction>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.softmax
// CHECK-NEXT: kiln.yield
func.func @norm_epilogue(%x: tensor<4x8xf32>, %w: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = kiln.rms_norm %x : tensor<4x8xf32>
  %1 = kiln.mul %0, %w : tensor<4x8xf32>, tensor<1x8xf32>
  %2 = kiln.silu %1 : tensor<4x8xf32>
  %3 = kiln.softmax %x : tensor<4x8xf32>
  %4 = kiln.exp %3 : tensor<4x8xf32>
  return %2, %3, %4 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// The scan takes pointwise prologues on its operands (softplus(Δ + bias),
// −exp(A_log)) and the D skip / SiLU(z) gate as its epilogue; the fusion
// returns the epilogue's value and the last state.
// CHECK-LABEL: func.func @scan_prologue_epilogue
// CHECK: %[[F:.*]]:2 = kiln.fusion({{.*}}) -> tensor<1x2x3xf32>, tensor<1x2x1xf32> attributes {family = #kiln.family<scan>}
// CHECK: kiln.add
// CHECK-NEXT: kiln.softplus
// CHECK-NEXT: kiln.exp
// CHECK-NEXT: kiln.neg
// CHECK-NEXT: %[[Y:.*]], %[[H:.*]] = kiln.selective_scan {{.*}} {kiln.root}
// CHECK-NEXT: kiln.mul
// CHECK-NEXT: kiln.add %[[Y]]
// CHECK-NEXT: kiln.silu
// CHECK-NEXT: %[[G:.*]] = kiln.mul
// CHECK-NEXT: kiln.yield %[[G]], %[[H]]
// CHECK-NOT: kiln.fusion
// CHECK: return %[[F]]#0, %[[F]]#1
func.func @scan_prologue_epilogue(%u: tensor<1x2x3xf32>, %dt: tensor<1x2x3xf32>, %bias: tensor<1x2x1xf32>,
                                  %alog: tensor<2x1xf32>, %B: tensor<1x1x1x3xf32>, %h: tensor<1x2x1xf32>,
                                  %d: tensor<1x2x1xf32>, %z: tensor<1x2x3xf32>)
    -> (tensor<1x2x3xf32>, tensor<1x2x1xf32>) {
  %0 = kiln.add %dt, %bias : tensor<1x2x3xf32>, tensor<1x2x1xf32>
  %delta = kiln.softplus %0 : tensor<1x2x3xf32>
  %1 = kiln.exp %alog : tensor<2x1xf32>
  %a = kiln.neg %1 : tensor<2x1xf32>
  %y, %hl = kiln.selective_scan %u, %delta, %a, %B, %B, %h : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<2x1xf32>, tensor<1x1x1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x2x1xf32>
  %du = kiln.mul %u, %d : tensor<1x2x3xf32>, tensor<1x2x1xf32>
  %2 = kiln.add %y, %du : tensor<1x2x3xf32>, tensor<1x2x3xf32>
  %gz = kiln.silu %z : tensor<1x2x3xf32>
  %3 = kiln.mul %2, %gz : tensor<1x2x3xf32>, tensor<1x2x3xf32>
  return %3, %hl : tensor<1x2x3xf32>, tensor<1x2x1xf32>
}

// -----

// A prologue value with a second user stays its own kernel; the last state
// read before the epilogue ends keeps the epilogue out (the fusion would sit
// after that read).
// CHECK-LABEL: func.func @scan_no_fusion
// CHECK: family = #kiln.family<pointwise>
// CHECK: %[[S:.*]]:2 = kiln.fusion({{.*}}) -> tensor<1x2x3xf32>, tensor<1x2x1xf32> attributes {family = #kiln.family<scan>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: kiln.selective_scan
// CHECK-NEXT: kiln.yield
// CHECK: kiln.fusion(%[[S]]#1{{.*}}family = #kiln.family<pointwise>
// CHECK: kiln.fusion(%[[S]]#0{{.*}}family = #kiln.family<pointwise>
func.func @scan_no_fusion(%u: tensor<1x2x3xf32>, %dt: tensor<1x2x3xf32>, %a: tensor<2x1xf32>,
                          %B: tensor<1x1x1x3xf32>, %h: tensor<1x2x1xf32>)
    -> (tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>) {
  %delta = kiln.softplus %dt : tensor<1x2x3xf32>
  %y, %hl = kiln.selective_scan %u, %delta, %a, %B, %B, %h : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<2x1xf32>, tensor<1x1x1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x2x1xf32>
  %e = kiln.exp %hl : tensor<1x2x1xf32>
  %g = kiln.mul %y, %u : tensor<1x2x3xf32>, tensor<1x2x3xf32>
  return %g, %delta, %e : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>
}
