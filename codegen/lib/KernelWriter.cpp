//===- KernelWriter.cpp - writes one generated CUDA C++ kernel ------------===//

#include "KernelWriter.h"

#include "EmitterSupport.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>

namespace mlir::kiln::codegen {

//===----------------------------------------------------------------------===//
// Var
//===----------------------------------------------------------------------===//

Var Var::fixed(std::string text) {
  Var v;
  v.state = std::make_shared<State>();
  v.state->text = std::move(text);
  v.state->used = true;
  return v;
}

const std::string &Var::str() const {
  state->used = true;
  return state->text;
}

//===----------------------------------------------------------------------===//
// CodeBuffer
//===----------------------------------------------------------------------===//

void CodeBuffer::line(const std::string &text) {
  chunks.push_back({depth_, text, nullptr, nullptr, ""});
}

void CodeBuffer::lines(const std::string &text) {
  for (size_t at = 0; at < text.size();) {
    size_t eol = text.find('\n', at);
    if (eol == std::string::npos)
      eol = text.size();
    line(text.substr(at, eol - at));
    at = eol + 1;
  }
}

void CodeBuffer::open(const std::string &header) {
  line(header + " {");
  ++depth_;
}

void CodeBuffer::close(const std::string &tail) {
  depth_ = std::max(0, depth_ - 1);
  line(tail);
}

Var CodeBuffer::lazy(const std::string &type, const std::string &name,
                     std::function<std::string()> init) {
  Var v;
  v.state = std::make_shared<Var::State>();
  v.state->text = name;
  chunks.push_back({depth_, "", v.state, std::move(init), type});
  return v;
}

std::vector<Var> CodeBuffer::unravel(ArrayRef<int64_t> shape,
                                     const Var &linear,
                                     const std::string &prefix) {
  std::vector<Var> idx;
  SmallVector<int64_t> strides = computeStrides(shape);
  for (size_t d = 0; d < shape.size(); ++d) {
    int64_t s = strides[d], size = shape[d];
    idx.push_back(lazy("int64_t", prefix + std::to_string(d), [=] {
      return "(" + linear + " / " + std::to_string(s) + ") % " +
             std::to_string(size);
    }));
  }
  return idx;
}

std::string CodeBuffer::render(int baseDepth) const {
  // Decide the lazy declarations from the last to the first: a declaration
  // reads only earlier ones, so once the later code is settled, whether a
  // variable is used is known, and writing it marks what it reads.
  // An unused declaration is not written at all.
  std::vector<std::optional<std::string>> text(chunks.size());
  for (size_t i = chunks.size(); i-- > 0;) {
    const Chunk &c = chunks[i];
    if (!c.var)
      text[i] = c.text;
    else if (c.var->used)
      text[i] = "const " + c.type + " " + c.var->text + " = " + c.init() + ";";
  }
  std::string out;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (!text[i])
      continue;
    if (!text[i]->empty())
      out += std::string(2 * (baseDepth + chunks[i].depth), ' ');
    out += *text[i] + "\n";
  }
  return out;
}

//===----------------------------------------------------------------------===//
// KernelWriter
//===----------------------------------------------------------------------===//

LaunchShape LaunchShape::gridStride(int64_t items) {
  constexpr int64_t kBlock = 256, kMaxGrid = int64_t(1) << 20;
  LaunchShape s;
  s.block = kBlock;
  s.grid[0] = static_cast<uint32_t>(
      std::max<int64_t>(1, std::min(kMaxGrid, (items + kBlock - 1) / kBlock)));
  return s;
}

KernelWriter::KernelWriter(std::string name, FusionOp fusion)
    : name_(std::move(name)), fusion_(fusion) {
  include("kiln_device.cuh");
}

void KernelWriter::fusionParams(std::optional<unsigned> aliasedInput) {
  for (auto [i, v] : llvm::enumerate(fusion_.getInputs()))
    pointerParam("const " + storageType(tensorOf(v).getElementType()) +
                 (aliasedInput == i ? " *in" : " *__restrict__ in") +
                 std::to_string(i));
  for (auto [i, v] : llvm::enumerate(fusion_.getResults()))
    pointerParam(storageType(tensorOf(v).getElementType()) +
                 (aliasedInput ? " *out" : " *__restrict__ out") +
                 std::to_string(i));
}

void KernelWriter::pointerParam(const std::string &decl) {
  params_.push_back(decl);
  kinds_.push_back(rt::ParamKind::Pointer);
}

void KernelWriter::itemsParam(int64_t items) {
  params_.push_back("int64_t n");
  kinds_.push_back(rt::ParamKind::I64);
  rt::LaunchArg count;
  count.kind = rt::ParamKind::I64;
  count.intValue = items;
  scalars_.push_back(count);
}

void KernelWriter::tensorMapParam(const std::string &name, unsigned input,
                                  const ::kiln::tensormap::Layout2d &layout) {
  params_.push_back("const __grid_constant__ kiln::TensorMap " + name);
  kinds_.push_back(rt::ParamKind::TensorMap);
  rt::LaunchArg map;
  map.kind = rt::ParamKind::TensorMap;
  map.buffer = input;
  map.map = layout;
  scalars_.push_back(map);
}

std::string KernelWriter::buffer(Value blockArgument) const {
  return "in" +
         std::to_string(cast<BlockArgument>(blockArgument).getArgNumber());
}

void KernelWriter::include(const std::string &header) {
  if (included_.insert(header).second)
    includes_.push_back(header);
}

std::string KernelWriter::fresh(const std::string &prefix) {
  return prefix + std::to_string(counter_++);
}

void KernelWriter::openGridStrideLoop(const std::string &var) {
  line("for (int64_t " + var + " = (int64_t)blockIdx.x * blockDim.x + "
       "threadIdx.x; " + var + " < n;");
  open("     " + var + " += (int64_t)gridDim.x * blockDim.x)");
}

void KernelWriter::describe(const std::string &what, const std::string &how) {
  what_ = what;
  how_ = how;
}

EmittedKernel KernelWriter::finish(const LaunchShape &launch) {
  EmittedKernel k;
  k.name = name_;
  // The body first: rendering it decides its lazy declarations, whose
  // initializers may use (mark) names the prelude declares lazily.
  std::string body = body_.render(1);
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "// " << name_ << ": " << what_ << ".\n// Generated by Kiln; "
     << how_ << ".\n";
  for (const std::string &h : includes_)
    os << "#include \"" << h << "\"\n";
  os << "\n";
  std::string prelude = prelude_.render(0);
  if (!prelude.empty())
    os << prelude << "\n";
  os << "extern \"C\" __global__ void __launch_bounds__(" << launch.block;
  if (launch.minBlocks)
    os << ", " << launch.minBlocks;
  os << ")\n"
     << name_ << "(";
  for (size_t i = 0; i < params_.size(); ++i)
    os << (i ? ", " : "") << params_[i];
  os << ") {\n" << body << "}\n";
  k.source = std::move(s);
  k.params = kinds_;
  k.scalars = scalars_;
  k.block[0] = launch.block;
  for (int d = 0; d < 3; ++d)
    k.grid[d] = launch.grid[d];
  k.sharedBytes = launch.sharedBytes;
  return k;
}

} // namespace mlir::kiln::codegen
