//===- KilnDialect.h - the kiln dialect -----------------------------------===//
//
// Declares the `kiln` dialect: tensor-level ops of ML model graphs with value
// semantics (docs/ops.md is the contract).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_KILNDIALECT_H
#define KILN_DIALECT_KILN_KILNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "kiln/Dialect/Kiln/KilnOpsDialect.h.inc"

#endif // KILN_DIALECT_KILN_KILNDIALECT_H
