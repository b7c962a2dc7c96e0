//===- FoldWeights.h - compute param-only ops at compile time -------------===//

#ifndef KILN_COMPILER_DRIVER_FOLDWEIGHTS_H
#define KILN_COMPILER_DRIVER_FOLDWEIGHTS_H

#include "kiln/Compiler/Compile.h"

namespace kiln {

/// Computes the param-only ops of the prepared module now, from the weights
/// in `options.weights`, so the artifact stores their results:
///
/// Replaces every top-level `kiln.quantize` of a `kiln.param` (made by
/// kiln-quantize-weights) with two new params holding its results, computed
/// now by the reference interpreter from the weight in `options.weights`:
/// `<param>.q<bits>` (i8 codes; int4 ones packed two per byte into
/// `folded`, the param marked kiln.packed_int4) and `<param>.scales` (f32).
/// `originalBytes` gets the replaced weight's size at its declared type,
/// split over the two. Without weights (nothing to fold) the quantize stays
/// and runs as a kernel.
///
/// Replaces every top-level `kiln.transpose` that is the only reader of a
/// `kiln.param` (kiln-channels-last's convolution weights) with a param
/// `<param>.perm_<p0>_<p1>...` holding the transposed weight (not with
/// external weights, read by name at load time: there it stays a kernel).
rt::Status foldParamOps(mlir::ModuleOp module, const CompileOptions &options,
                        std::map<std::string, rt::HostTensor> &folded,
                        std::map<std::string, uint64_t> &originalBytes);

} // namespace kiln

#endif // KILN_COMPILER_DRIVER_FOLDWEIGHTS_H
