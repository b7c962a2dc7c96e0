//===- KilnOps.td - all ops of the kiln dialect ---------------------------===//
//
// Umbrella file: the op groups of the op contract (docs/ops.md), one file
// each.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_OPS_TD
#define KILN_DIALECT_KILN_OPS_TD

include "kiln/Dialect/Kiln/KilnBase.td"
include "kiln/Dialect/Kiln/KilnSourceOps.td"
include "kiln/Dialect/Kiln/KilnElementwiseOps.td"
include "kiln/Dialect/Kiln/KilnShapeOps.td"
include "kiln/Dialect/Kiln/KilnReductionOps.td"
include "kiln/Dialect/Kiln/KilnNormOps.td"
include "kiln/Dialect/Kiln/KilnLinalgOps.td"
include "kiln/Dialect/Kiln/KilnAttentionOps.td"
include "kiln/Dialect/Kiln/KilnScanQuantOps.td"
include "kiln/Dialect/Kiln/KilnStructureOps.td"

#endif // KILN_DIALECT_KILN_OPS_TD
