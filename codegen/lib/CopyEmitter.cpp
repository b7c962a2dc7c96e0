//===- CopyEmitter.cpp - the copy kernel family ---------------------------===//
//
// A byte copy the compiler adds, not a fusion: a result tied to an argument
// (state updated in place, such as a KV cache or an SSM state) is written
// back into the argument's buffer once every kernel that reads the argument
// has run. 16-byte words per thread where the buffers allow it.
//
// Device header: kiln_copy.cuh. Test: test/codegen/copy.mlir.
//
//===----------------------------------------------------------------------===//

#include "EmitterSupport.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::codegen;

EmittedKernel mlir::kiln::emitCopyKernel(StringRef name, int64_t bytes) {
  KernelWriter k(name.str());
  k.include("kiln_copy.cuh");
  k.pointerParam("const uint8_t *__restrict__ in0");
  k.pointerParam("uint8_t *__restrict__ out0");
  k.itemsParam(bytes);
  k.line("kiln::copy_bytes(in0, out0, n, (int64_t)blockIdx.x * blockDim.x + "
         "threadIdx.x,");
  k.line("                 (int64_t)gridDim.x * blockDim.x);");
  k.describe("copy of " + str(bytes) +
                 " bytes, a tied result into its argument's buffer",
             "16-byte words spread over the grid");
  return k.finish(LaunchShape::gridStride((bytes + 15) / 16));
}
