// kiln-plan-memory: first fit over lifetimes; dead buffers are reused, live
// ones never overlap, function results live to the end.
// RUN: kiln-opt %s --kiln-form-fusions --kiln-plan-memory | FileCheck %s
// RUN: kiln-opt %s --kiln-form-fusions --kiln-plan-memory=alignment=64 | FileCheck %s --check-prefix=ALIGN64
// RUN: kiln-opt %s --split-input-file --kiln-form-fusions --kiln-plan-memory | FileCheck %s --check-prefix=INPLACE
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

// -----

// In place: b = exp(a) + a reads a only where it writes, a is an arena
// buffer of the same type that dies there, so b takes a's bytes and the
// fusion is marked; c = transpose(b) moves elements between threads and
// gets bytes of its own; d = s * s + b reuses s (its first input that dies).
// (Values used twice keep the roots from taking these as epilogues.)
// INPLACE-LABEL: func.func @in_place
// INPLACE: family = #kiln.family<reduction>, kiln.arena_offsets = array<i64: 0>}
// INPLACE: family = #kiln.family<pointwise>, kiln.arena_offsets = array<i64: 0>, kiln.in_place = 0 : i64}
// INPLACE: family = #kiln.family<pointwise>, kiln.arena_offsets = array<i64: 256>}
// INPLACE: family = #kiln.family<reduction>, kiln.arena_offsets = array<i64: 512>}
// INPLACE: family = #kiln.family<pointwise>, kiln.arena_offsets = array<i64: 512>, kiln.in_place = 0 : i64}
func.func @in_place(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %a = kiln.softmax %x : tensor<8x8xf32>
  %e = kiln.exp %a : tensor<8x8xf32>
  %b = kiln.add %e, %a : tensor<8x8xf32>, tensor<8x8xf32>
  %c = kiln.transpose %b {perm = array<i64: 1, 0>} : tensor<8x8xf32>
  %s = kiln.softmax %c : tensor<8x8xf32>
  %m = kiln.mul %s, %s : tensor<8x8xf32>, tensor<8x8xf32>
  %d = kiln.add %m, %b : tensor<8x8xf32>, tensor<8x8xf32>
  return %d : tensor<8x8xf32>
}
