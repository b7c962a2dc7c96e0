// kiln-plan-memory: first fit over lifetimes; dead buffers are reused, live
// ones never overlap, function results live to the end.
// RUN: kiln-opt %s --kiln-form-fusions --kiln-plan-memory | FileCheck %s
// RUN: kiln-opt %s --kiln-form-fusions --kiln-plan-memory=alignment=64 | FileCheck %s --check-prefix=ALIGN64
// RUN: not kiln-opt %s --kiln-form-fusions --kiln-plan-memory=alignment=48 2>&1 | FileCheck %s --check-prefix=BAD

// 4x8xf32 = 128 bytes, padded to 256. a = softmax(x) [0]; b = softmax(a)
// [256: a is read by b]; c = softmax(b) [0: a is dead]; d = softmax(c)
// [256]; the result is d, so the peak is 512.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: attributes {kiln.arena_bytes = 512 : i64}
// CHECK: kiln.arena_offsets = array<i64: 0>
// CHECK: kiln.arena_offsets = array<i64: 256>
// CHECK: kiln.arena_offsets = array<i64: 0>
// CHECK: kiln.arena_offsets = array<i64: 256>
// ALIGN64: kiln.arena_bytes = 256 : i64
// ALIGN64: kiln.arena_offsets = array<i64: 0>
// ALIGN64: kiln.arena_offsets = array<i64: 128>
// BAD: kiln-plan-memory: alignment must be a power of two, got 48
func.func @chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = kiln.softmax %x : tensor<4x8xf32>
  %b = kiln.softmax %a : tensor<4x8xf32>
  %c = kiln.softmax %b : tensor<4x8xf32>
  %d = kiln.softmax %c : tensor<4x8xf32>
  return %d : tensor<4x8xf32>
}
