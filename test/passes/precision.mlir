// kiln-precision: params, constants and activations take the chosen type;
// inputs are cast on entry, results cast back; quantization scales and a
// scan state read straight from an input keep their types.
// RUN: kiln-opt %s --kiln-precision=precision=bf16 | FileCheck %s
// RUN: not kiln-opt %s --kiln-precision=precision=f64 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>) -> tensor<2x4xf32>
// CHECK: %[[XB:.*]] = kiln.cast %[[X]] : tensor<2x8xf32> to tensor<2x8xbf16>
// CHECK: kiln.param "w" : tensor<4x8xbf16>
// CHECK: kiln.constant dense<5.000000e-01> : tensor<1x1xbf16>
// CHECK: kiln.matmul %[[XB]], %{{.*}} {transpose_b = true} : tensor<2x8xbf16>, tensor<4x8xbf16>
// CHECK: %[[Y:.*]] = kiln.gelu %{{.*}} : tensor<2x4xbf16>
// CHECK: %[[R:.*]] = kiln.cast %[[Y]] : tensor<2x4xbf16> to tensor<2x4xf32>
// CHECK: return %[[R]] : tensor<2x4xf32>
// BAD: kiln-precision: precision must be f32, bf16 or f16, got 'f64'
func.func @mlp(%x: tensor<2x8xf32>) -> tensor<2x4xf32> {
  %w = kiln.param "w" : tensor<4x8xf32>
  %h = kiln.constant dense<0.5> : tensor<1x1xf32>
  %m = kiln.matmul %x, %w {transpose_b = true} : tensor<2x8xf32>, tensor<4x8xf32>
  %s = kiln.mul %m, %h : tensor<2x4xf32>, tensor<1x1xf32>
  %y = kiln.gelu %s : tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @kept
// CHECK: kiln.param "scales" : tensor<4x1xf32>
// CHECK: kiln.qmatmul %{{.*}}, %{{.*}}, %{{.*}} {bits = 8 : i64, block_size = 8 : i64} : tensor<2x8xbf16>, tensor<4x8xi8>, tensor<4x1xf32>
// CHECK: %{{.*}}, %[[H:.*]] = kiln.selective_scan {{.*}}, %arg2 : tensor<1x2x3xbf16>, tensor<1x2x3xbf16>, tensor<2x1xbf16>, tensor<1x1x1x3xbf16>, tensor<1x1x1x3xbf16>, tensor<1x2x1xf32>
// CHECK: return {{.*}}, %[[H]] : tensor<2x4xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>
func.func @kept(%x: tensor<2x8xf32>, %u: tensor<1x2x3xf32>, %h0: tensor<1x2x1xf32>)
    -> (tensor<2x4xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>) {
  %q = kiln.param "q" : tensor<4x8xi8>
  %s = kiln.param "scales" : tensor<4x1xf32>
  %a = kiln.param "A" : tensor<2x1xf32>
  %b = kiln.param "B" : tensor<1x1x1x3xf32>
  %m = kiln.qmatmul %x, %q, %s {bits = 8 : i64, block_size = 8 : i64} : tensor<2x8xf32>, tensor<4x8xi8>, tensor<4x1xf32>
  %y, %hl = kiln.selective_scan %u, %u, %a, %b, %b, %h0 : tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<2x1xf32>, tensor<1x1x1x3xf32>, tensor<1x1x1x3xf32>, tensor<1x2x1xf32>
  return %m, %y, %hl : tensor<2x4xf32>, tensor<1x2x3xf32>, tensor<1x2x1xf32>
}

// A pinned cast ({keep}) keeps f32 and loses its marker; it reads an input
// as declared (not rounded to bf16 on entry first); ops between pinned
// values stay f32 (the residual add); a pinned value meeting bf16 operands is
// cast to bf16 where it meets them (the norm's weight).
// CHECK-LABEL: func.func @pinned
// CHECK-NOT: to tensor<2x8xbf16>
// CHECK: %[[R:.*]] = kiln.cast %arg0 : tensor<2x8xf32> to tensor<2x8xf32>
// CHECK: %[[N:.*]] = kiln.rms_norm %[[R]] {{.*}}: tensor<2x8xf32>
// CHECK: %[[NB:.*]] = kiln.cast %[[N]] : tensor<2x8xf32> to tensor<2x8xbf16>
// CHECK: %[[H:.*]] = kiln.mul %[[NB]], %{{.*}} : tensor<2x8xbf16>, tensor<1x8xbf16>
// CHECK: %[[HF:.*]] = kiln.cast %[[H]] : tensor<2x8xbf16> to tensor<2x8xf32>
// CHECK: %[[S:.*]] = kiln.add %[[R]], %[[HF]] : tensor<2x8xf32>, tensor<2x8xf32>
// CHECK: return %[[S]] : tensor<2x8xf32>
// CHECK-NOT: keep
func.func @pinned(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %w = kiln.param "w" : tensor<1x8xf32>
  %r = kiln.cast %x {keep} : tensor<2x8xf32> to tensor<2x8xf32>
  %n = kiln.rms_norm %r : tensor<2x8xf32>
  %h = kiln.mul %n, %w : tensor<2x8xf32>, tensor<1x8xf32>
  %hf = kiln.cast %h {keep} : tensor<2x8xf32> to tensor<2x8xf32>
  %s = kiln.add %r, %hf : tensor<2x8xf32>, tensor<2x8xf32>
  return %s : tensor<2x8xf32>
}

// A param or constant read only through pinned casts keeps f32 (a
// timestep's sinusoid: 1e4·r in bf16 would be off by tens of radians);
// read also by other ops, it takes the target type.
// CHECK-LABEL: func.func @pinned_sources
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+04> : tensor<1xf32>
// CHECK: %[[CK:.*]] = kiln.cast %[[C]] : tensor<1xf32> to tensor<1xf32>
// CHECK: %[[A:.*]] = kiln.mul %{{.*}}, %[[CK]] : tensor<2xf32>, tensor<1xf32>
// CHECK: kiln.sin %[[A]] : tensor<2xf32>
// CHECK: kiln.param "shared" : tensor<2xbf16>
func.func @pinned_sources(%r: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %c = kiln.constant dense<1.0e4> : tensor<1xf32>
  %ck = kiln.cast %c {keep} : tensor<1xf32> to tensor<1xf32>
  %rk = kiln.cast %r {keep} : tensor<2xf32> to tensor<2xf32>
  %a = kiln.mul %rk, %ck : tensor<2xf32>, tensor<1xf32>
  %s = kiln.sin %a : tensor<2xf32>
  %p = kiln.param "shared" : tensor<2xf32>
  %pk = kiln.cast %p {keep} : tensor<2xf32> to tensor<2xf32>
  %q = kiln.mul %p, %p : tensor<2xf32>, tensor<2xf32>
  %t = kiln.add %s, %pk : tensor<2xf32>, tensor<2xf32>
  return %t, %q : tensor<2xf32>, tensor<2xf32>
}
