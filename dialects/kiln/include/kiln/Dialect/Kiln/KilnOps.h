//===- KilnOps.h - ops of the kiln dialect --------------------------------===//
//
// The op classes generated from KilnOps.td, the kernel-family enum and
// attribute and the kernel-root interface (KilnInterfaces.td), with the
// headers they need.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_KILNOPS_H
#define KILN_DIALECT_KILN_KILNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnTraits.h"
#include "kiln/Dialect/Kiln/ShapeRules.h"

// The kernel families, their attribute and the kernel-root interface.
#include "kiln/Dialect/Kiln/KilnEnums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "kiln/Dialect/Kiln/KilnAttrs.h.inc"
#include "kiln/Dialect/Kiln/KilnInterfaces.h.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/KilnOps.h.inc"

#endif // KILN_DIALECT_KILN_KILNOPS_H
