//===- FoldWeights.h - compute param-only ops at compile time -------------===//

#ifndef KILN_COMPILER_DRIVER_FOLDWEIGHTS_H
#define KILN_COMPILER_DRIVER_FOLDWEIGHTS_H

#include "kiln/Compiler/Compile.h"

namespace kiln {

/// Replaces every top-level `kiln.quantize` of a `kiln.param` (made by
/// kiln-quantize-weights) with two new params holding its results, computed
/// now by the reference interpreter from the weight in `options.weights`:
/// `<param>.q<bits>` (i8 codes; int4 ones packed two per byte into
/// `folded`, the param marked kiln.packed_int4) and `<param>.scales` (f32).
/// `originalBytes` gets the replaced weight's size at its declared type,
/// split over the two. Without weights (nothing to fold) the quantize stays
/// and runs as a kernel.
rt::Status foldParamQuantizes(mlir::ModuleOp module,
                              const CompileOptions &options,
                              std::map<std::string, rt::HostTensor> &folded,
                              std::map<std::string, uint64_t> &originalBytes);

} // namespace kiln

#endif // KILN_COMPILER_DRIVER_FOLDWEIGHTS_H
