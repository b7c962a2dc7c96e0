// A kernel that kiln-plan-memory runs in place writes over its input, so
// that pointer pair is not __restrict__; the other input keeps it.
// RUN: kiln-opt --kiln-form-fusions --kiln-plan-memory %s | kiln-translate --kiln-to-cuda | FileCheck %s

// CHECK-LABEL: // ---- kernel main_fusion_1 (pointwise)
// CHECK: main_fusion_1(const float *in0, const float *__restrict__ in1, float *out0, int64_t n) {
func.func @main(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = kiln.softmax %x : tensor<4x8xf32>
  %b = kiln.add %a, %y : tensor<4x8xf32>, tensor<4x8xf32>
  %c = kiln.mul %b, %a : tensor<4x8xf32>, tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}
