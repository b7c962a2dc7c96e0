// Malformed IR and contract violations: one diagnostic with file, line and
// column, exit code 1, no crash.

// SYNTAX: syntax.mlir:2:23: error: expected ':'
// SYNTAX-NOT: Stack dump

// CONTRACT: contract.mlir:2:8: error: 'kiln.matmul' op contracting dimensions differ: a has K = 64, b has K = 32
// CONTRACT-NOT: Stack dump

// GENERIC: generic.mlir:2:8: error: 'kiln.softmax' op axis = 2 is out of range for rank 2 (expected -2 <= axis < 2)
// GENERIC-NOT: Stack dump

// UNKNOWN: unknown.mlir:2:8: error: custom op 'kiln.softmaxx' is unknown

//--- syntax.mlir
func.func @main(%x: tensor<4x8xf32>) {
  %0 = kiln.softmax %x tensor<4x8xf32>
  return
}
//--- contract.mlir
func.func @main(%a: tensor<4x64xf32>, %b: tensor<32x8xf32>) {
  %0 = kiln.matmul %a, %b : tensor<4x64xf32>, tensor<32x8xf32>
  return
}
//--- generic.mlir
func.func @main(%x: tensor<4x8xf32> {kiln.name = "x"}) {
  %0 = "kiln.softmax"(%x) <{axis = 2 : i64}> : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}
//--- unknown.mlir
func.func @main(%x: tensor<4x8xf32>) {
  %0 = kiln.softmaxx %x : tensor<4x8xf32>
  return
}
