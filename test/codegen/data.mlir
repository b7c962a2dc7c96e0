// The data family: gather (out-of-range indices give 0 on devices), iota,
// random_normal (Philox counter per element), kv_cache_write (the new rows
// replace rows pos … pos + T - 1 of each head). One thread per element.
// RUN: kiln-opt --kiln-form-fusions %s | kiln-translate --kiln-to-cuda | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_0 (data)
// CHECK: gather along axis 0
// CHECK: int64_t at = (int64_t)in1[(0) * 3 + i0];
// CHECK-NEXT: if (at < 0) at += 10;
// CHECK-NEXT: out0[linear] = (at < 0 || at >= 10) ? 0 : in0[((0) * 10 + at) * 4 + i1];
// CHECK-LABEL: // ---- kernel main_fusion_1 (data)
// CHECK: iota along dimension 1
// CHECK: out0[linear] = (float)i1;
// CHECK-LABEL: // ---- kernel main_fusion_2 (data)
// CHECK: random_normal (Philox4x32-10, Box-Muller)
// CHECK: out0[linear] = kiln::random_normal((uint64_t)linear, 7ull,
// CHECK-LABEL: // ---- kernel main_fusion_3 (data)
// CHECK: kv_cache_write
// CHECK: const int64_t p = (int64_t)in2[i0 * 2 + i1];
// CHECK: out0[linear] = mine ? in1[((i0 * 2 + i1) * 2 + (i2 - p)) * 4 + i3] : in0[linear];
func.func @main(%t: tensor<10x4xf32>, %i: tensor<3xi64>, %c: tensor<1x2x8x4xbf16>, %n: tensor<1x2x2x4xbf16>, %p: tensor<1x2xi32>)
    -> (tensor<3x4xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<1x2x8x4xbf16>) {
  %g = kiln.gather %t, %i : tensor<10x4xf32>, tensor<3xi64>
  %io = kiln.iota {dim = 1 : i64} : tensor<2x5xf32>
  %r = kiln.random_normal {seed = 7 : i64} : tensor<2x5xf32>
  %w = kiln.kv_cache_write %c, %n, %p : tensor<1x2x8x4xbf16>, tensor<1x2x2x4xbf16>, tensor<1x2xi32>
  return %g, %io, %r, %w : tensor<3x4xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<1x2x8x4xbf16>
}
