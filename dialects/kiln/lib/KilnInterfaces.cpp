//===- KilnInterfaces.cpp - kernel families and the kernel-root interface -===//
//
// The generated definitions of the kernel-family enum, its attribute
// (`#kiln.family<gemm>`, with the dialect's attribute parser and printer)
// and KernelRootOpInterface.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/KilnOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;

#include "kiln/Dialect/Kiln/KilnEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "kiln/Dialect/Kiln/KilnAttrs.cpp.inc"
#include "kiln/Dialect/Kiln/KilnInterfaces.cpp.inc"

// Here, where the attributes' storage classes are complete.
void KilnDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "kiln/Dialect/Kiln/KilnAttrs.cpp.inc"
      >();
}
