//===- KernelWriter.h - writes one generated CUDA C++ kernel --------------===//
//
// Every emitter writes its kernel through a KernelWriter: the parameter list
// (fusion inputs are `in<i>`, results `out<i>`, named once, here), the
// include lines, helper code before the kernel (the prelude) and the body,
// indented by scope, with variables declared where they are introduced but
// written only if something reads them. Nothing is patched afterwards.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_LIB_KERNELWRITER_H
#define KILN_CODEGEN_LIB_KERNELWRITER_H

#include "kiln/Codegen/Codegen.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mlir::kiln::codegen {

namespace rt = ::kiln::rt;

/// A name (or constant expression) in generated code. Taking its text —
/// `str()`, or `+` with a string — marks it used; a variable declared with
/// CodeBuffer::lazy is written only if it was used by the time the kernel is
/// finished.
class Var {
public:
  Var() = default;
  /// Text that needs no declaration ("0", "blockIdx.x", a parameter).
  static Var fixed(std::string text);

  /// The text, marking the variable used.
  const std::string &str() const;
  /// The text without marking it used (memo keys, comparisons).
  const std::string &key() const { return state->text; }
  bool isUsed() const { return state->used; }

  friend std::string operator+(const std::string &a, const Var &v) {
    return a + v.str();
  }
  friend std::string operator+(const Var &v, const std::string &a) {
    return v.str() + a;
  }
  friend std::string operator+(const char *a, const Var &v) {
    return a + v.str();
  }
  friend std::string operator+(const Var &v, const char *a) {
    return v.str() + a;
  }

private:
  friend class CodeBuffer;
  struct State {
    std::string text;
    bool used = false;
  };
  std::shared_ptr<State> state;
};

/// Lines of code at nesting depths. `open` / `close` bracket a scope; lines
/// are indented two spaces per depth when rendered.
class CodeBuffer {
public:
  /// One line (it may carry extra leading spaces of its own).
  void line(const std::string &text);
  /// Each line of a multi-line text, at the current depth.
  void lines(const std::string &text);
  /// `header {`, then one level deeper.
  void open(const std::string &header);
  /// One level up, then `tail` ("}", "};", "} else {" reopens with `open`).
  void close(const std::string &tail = "}");

  /// `const TYPE NAME = INIT;` here, written only if NAME is used. `init` is
  /// evaluated then (so the variables it reads are used only if this one
  /// is); it may read only variables declared before.
  Var lazy(const std::string &type, const std::string &name,
           std::function<std::string()> init);
  /// `const int64_t <prefix>d = (linear / stride_d) % size_d;` for each
  /// dimension of `shape`, lazily: the indices of element `linear`.
  std::vector<Var> unravel(ArrayRef<int64_t> shape, const Var &linear,
                           const std::string &prefix = "i");

  /// The text, `baseDepth` levels deep. Decides the lazy declarations, so
  /// call it once, after everything is written.
  std::string render(int baseDepth) const;

  int depth() const { return depth_; }

private:
  struct Chunk {
    int depth;
    std::string text;
    /// A lazy declaration: written only if `var` is used.
    std::shared_ptr<Var::State> var;
    std::function<std::string()> init;
    std::string type;
  };
  std::vector<Chunk> chunks;
  int depth_ = 0;
};

/// How a kernel is launched.
struct LaunchShape {
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block = 256;
  uint32_t sharedBytes = 0;
  /// Blocks an SM must hold at once (__launch_bounds__' second argument,
  /// which caps the registers a thread may take); 0: no such bound.
  uint32_t minBlocks = 0;

  /// A grid-stride loop over `items` work items, 256 threads per block.
  static LaunchShape gridStride(int64_t items);
};

class KernelWriter {
public:
  /// A kernel named `name` computing `fusion` (null for kernels outside
  /// fusions, such as the tied-result copy).
  KernelWriter(std::string name, FusionOp fusion = {});

  const std::string &name() const { return name_; }
  FusionOp fusion() const { return fusion_; }

  // --- Parameters, in order.
  /// `const T *__restrict__ in<i>` for each fusion input and `T
  /// *__restrict__ out<i>` for each result; the pair `aliased` names (an
  /// in-place kernel's input and output) loses `__restrict__`.
  void fusionParams(std::optional<unsigned> aliasedInput = std::nullopt);
  /// A pointer parameter written as `decl` ("const uint8_t *__restrict__ in0").
  void pointerParam(const std::string &decl);
  /// The trailing `int64_t n`, passed `items` at launch.
  void itemsParam(int64_t items);
  /// `const __grid_constant__ kiln::TensorMap <name>`: the TMA view
  /// `layout` of fusion input `input` (a launch argument whose buffer the
  /// driver resolves from the input).
  void tensorMapParam(const std::string &name, unsigned input,
                      const ::kiln::tensormap::Layout2d &layout);
  /// The buffer of a fusion block argument: "in<argument number>".
  std::string buffer(Value blockArgument) const;

  // --- Source.
  void include(const std::string &header);
  /// Helper code before the kernel (structs, tables, functions).
  CodeBuffer &prelude() { return prelude_; }
  /// The kernel body.
  CodeBuffer &body() { return body_; }
  /// Shorthands for body().
  void line(const std::string &text) { body_.line(text); }
  void open(const std::string &header) { body_.open(header); }
  void close(const std::string &tail = "}") { body_.close(tail); }
  Var lazy(const std::string &type, const std::string &name,
           std::function<std::string()> init) {
    return body_.lazy(type, name, std::move(init));
  }
  std::vector<Var> unravel(ArrayRef<int64_t> shape, const Var &linear,
                           const std::string &prefix = "i") {
    return body_.unravel(shape, linear, prefix);
  }
  /// A fresh variable name, `prefix` and a number unique in this kernel.
  std::string fresh(const std::string &prefix);
  /// `for (int64_t VAR = blockIdx.x * blockDim.x + threadIdx.x; VAR < n;
  /// VAR += gridDim.x * blockDim.x) {` (close it with close()).
  void openGridStrideLoop(const std::string &var = "linear");

  /// The kernel's comment: what it computes and how the work is split
  /// (each without a final period).
  void describe(const std::string &what, const std::string &how);

  /// The finished kernel.
  EmittedKernel finish(const LaunchShape &launch);

private:
  std::string name_;
  FusionOp fusion_;
  std::vector<std::string> params_;
  std::vector<rt::ParamKind> kinds_;
  std::vector<rt::LaunchArg> scalars_;
  std::vector<std::string> includes_;
  std::set<std::string> included_;
  CodeBuffer prelude_, body_;
  std::string what_, how_;
  int counter_ = 0;
};

} // namespace mlir::kiln::codegen

#endif // KILN_CODEGEN_LIB_KERNELWRITER_H
