//===- Compile.cpp - kiln IR → .kiln artifact -----------------------------===//

#include "kiln/Compiler/Compile.h"

#include "FoldWeights.h"

#include "kiln/Compiler/Bindings.h"

#include "kiln/Codegen/Codegen.h"
#include "kiln/Codegen/Nvrtc.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Passes/Pipeline.h"
#include "kiln/Reference/Interpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <set>

using namespace mlir;
namespace kd = mlir::kiln;

namespace kiln {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A constant's elements as a host tensor, stored in the artifact like a
/// weight. Its size is the program's (a splat attribute is small however
/// large its type), so it is checked against host memory before it is
/// expanded.
rt::Expected<rt::HostTensor> constantTensor(DenseElementsAttr attr) {
  auto type = cast<RankedTensorType>(attr.getType());
  rt::DType dtype = *ref::dtypeFor(type.getElementType());
  if (rt::Expected<uint64_t> bytes = rt::checkHostBytes(
          attr.getNumElements(), rt::dtypeSize(dtype), "the constant");
      !bytes)
    return bytes.error();
  rt::HostTensor t = rt::HostTensor::zeros(
      dtype, std::vector<int64_t>(type.getShape().begin(), type.getShape().end()));
  int64_t i = 0;
  if (isa<FloatType>(type.getElementType())) {
    for (APFloat v : attr.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
      t.setFromDouble(i++, v.convertToDouble());
    }
  } else {
    bool isBool = type.getElementType().isInteger(1);
    for (APInt v : attr.getValues<APInt>())
      t.setFromDouble(i++, isBool ? double(v.getZExtValue())
                                  : double(v.getSExtValue()));
  }
  return t;
}

class ArtifactBuilder {
public:
  ArtifactBuilder(const CompileOptions &options, CompileStats &stats)
      : options(options), stats(stats) {}

  rt::Status addFunction(func::FuncOp f) {
    fusionCount = 0; // kernel names count within their entry: main_fusion_3
    workspaceOffset.reset();
    rt::EntryInfo entry;
    entry.name = f.getName().str();
    entry.arenaBytes = static_cast<uint64_t>(
        f->getAttrOfType<IntegerAttr>(kd::KilnDialect::kArenaBytesAttr)
            ? f->getAttrOfType<IntegerAttr>(kd::KilnDialect::kArenaBytesAttr).getInt()
            : 0);
    stats.arenaBytes = std::max<uint64_t>(stats.arenaBytes, entry.arenaBytes);
    llvm::DenseMap<Value, int64_t> bufferOf;
    auto fail = [&](Operation *op, const std::string &msg) {
      op->emitError(msg);
      return rt::Status(rt::Error("@" + entry.name + ": " + msg));
    };

    for (unsigned i = 0; i < f.getNumArguments(); ++i) {
      auto type = cast<RankedTensorType>(f.getArgumentTypes()[i]);
      rt::TensorInfo t{valueName(f, i, true), *ref::dtypeFor(type.getElementType()),
                       {type.getShape().begin(), type.getShape().end()},
                       static_cast<int64_t>(entry.buffers.size()), {}};
      entry.inputs.push_back(t);
      rt::BufferInfo b;
      b.kind = rt::BufferInfo::Kind::Input;
      b.input = i;
      bufferOf[f.getArgument(i)] = entry.buffers.size();
      entry.buffers.push_back(b);
    }

    for (Operation &op : f.getBody().front()) {
      if (auto param = dyn_cast<kd::ParamOp>(op)) {
        rt::Expected<std::string> name = addParamWeight(param);
        if (!name)
          return fail(param, name.error().message());
        bufferOf[param.getResult()] = addWeightBuffer(entry, *name);
      } else if (auto c = dyn_cast<kd::ConstantOp>(op)) {
        auto dense = dyn_cast<DenseElementsAttr>(c.getValue());
        if (!dense)
          return fail(c, "only dense constants can be compiled");
        std::string name = "__constant_" + std::to_string(constants++);
        rt::Expected<rt::HostTensor> value = constantTensor(dense);
        if (!value)
          return fail(c, value.error().message());
        addWeight(name, std::move(*value));
        bufferOf[c.getResult()] = addWeightBuffer(entry, name);
      } else if (auto fusion = dyn_cast<kd::FusionOp>(op)) {
        if (rt::Status s = addFusion(entry, fusion, bufferOf); !s)
          return s;
      } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        addReturn(f, entry, ret, bufferOf);
      } else {
        return fail(&op, "op " + op.getName().getStringRef().str() +
                             " is outside every kiln.fusion after fusion");
      }
    }
    artifact.manifest.entries.push_back(std::move(entry));
    return rt::Status::ok();
  }

  rt::Status finish() {
    // Kernels compile with NVRTC in parallel (results in launch order).
    if (options.targets.empty())
      return rt::Status::ok();
    auto start = Clock::now();
    // LLVM's pool, one thread per core up to 8: NVRTC takes hundreds of MB
    // per compilation, so one thread per kernel would not scale to big
    // models, nor one per core on a large host.
    std::vector<std::optional<rt::Expected<kd::NvrtcImages>>> results(
        kernels.size());
    std::mutex progressMutex;
    int done = 0, total = static_cast<int>(kernels.size());
    if (options.progress && total > 0)
      options.progress(0, total);
    // At most 8 threads, and no more than the host's cores (without Limit,
    // LLVM would start all 8 on a 2-core machine).
    llvm::ThreadPoolStrategy strategy = llvm::hardware_concurrency(8);
    strategy.Limit = true;
    strategy.ThreadsRequested =
        std::min<unsigned>(strategy.compute_thread_count(),
                           std::max<size_t>(kernels.size(), 1));
    llvm::DefaultThreadPool pool(strategy);
    for (size_t i = 0; i < kernels.size(); ++i)
      pool.async([&, i] {
        results[i] = kd::compileWithNvrtc(kernels[i].source, kernels[i].name,
                                          options.targets, options.cacheDir);
        std::lock_guard<std::mutex> lock(progressMutex);
        ++done;
        if (options.progress)
          options.progress(done, total);
      });
    pool.wait();
    for (size_t i = 0; i < results.size(); ++i) {
      rt::Expected<kd::NvrtcImages> &images = *results[i];
      if (!images)
        return images.error();
      rt::KernelInfo &info = artifact.manifest.kernels[i];
      for (const auto &[arch, cubin] : images->cubins)
        info.cubins.push_back({arch, artifact.appendBlob(cubin.data(), cubin.size())});
      info.ptx = artifact.appendBlob(images->ptx.data(), images->ptx.size());
      stats.cacheHits += images->cacheHits;
      stats.nvrtcLog += images->log;
    }
    stats.secondsPerPhase["nvrtc"] = secondsSince(start);
    return rt::Status::ok();
  }

  rt::Artifact artifact;
  /// Weights made at compile time, by name, and what the weights they
  /// replace would have taken (the stats' unquantized bytes).
  std::map<std::string, rt::HostTensor> folded;
  std::map<std::string, uint64_t> originalBytes;

private:
  int64_t addWeightBuffer(rt::EntryInfo &entry, const std::string &name) {
    rt::BufferInfo b;
    b.kind = rt::BufferInfo::Kind::Weight;
    b.weight = name;
    entry.buffers.push_back(b);
    return static_cast<int64_t>(entry.buffers.size()) - 1;
  }

  void addWeight(const std::string &name, rt::HostTensor t) {
    if (artifact.weights.find(name) || stats.externalConstants.find(name))
      return;
    if (!options.externalWeights.empty()) {
      // A constant of the program: declared, and handed to the caller, who
      // puts it in the external file.
      artifact.manifest.weights.push_back({name, t.dtype, t.shape});
      stats.weightBytes += t.bytes.size();
      stats.unquantizedWeightBytes += t.bytes.size();
      stats.externalConstants.tensors.emplace_back(name, std::move(t));
      return;
    }
    artifact.manifest.weights.push_back({name, t.dtype, t.shape});
    stats.weightBytes += t.bytes.size();
    auto original = originalBytes.find(name);
    stats.unquantizedWeightBytes += original != originalBytes.end()
                                        ? original->second
                                        : t.bytes.size();
    artifact.weights.tensors.emplace_back(name, std::move(t));
  }

  /// The param's weight, converted to its declared type (a bf16 param may be
  /// stored as f32).
  rt::Expected<std::string> addParamWeight(kd::ParamOp param) {
    std::string name = param.getName().str();
    if (!options.externalWeights.empty()) {
      // Declared only: the external file supplies the data at load time.
      auto type = param.getType();
      bool known = false;
      for (const rt::WeightInfo &w : artifact.manifest.weights)
        known |= w.name == name;
      if (!known) {
        rt::WeightInfo w{name, *ref::dtypeFor(type.getElementType()),
                         std::vector<int64_t>(type.getShape().begin(),
                                              type.getShape().end())};
        uint64_t bytes = rt::dtypeSize(w.dtype) *
                         static_cast<uint64_t>(type.getNumElements());
        artifact.manifest.weights.push_back(std::move(w));
        stats.weightBytes += bytes;
        stats.unquantizedWeightBytes += bytes;
      }
      return name;
    }
    // Weights computed at compile time (quantized codes and scales) are
    // stored as computed; int4 codes arrive packed two per byte.
    if (auto it = folded.find(name); it != folded.end()) {
      addWeight(name, it->second);
      return name;
    }
    const rt::HostTensor *stored =
        options.weights ? options.weights->find(name) : nullptr;
    if (!stored)
      return rt::Error("weight '" + name + "' (" + typeText(param.getType()) +
                       ") is not in the weights file" +
                       (options.weights ? "" : " (no --weights given)"));
    auto type = param.getType();
    rt::DType want = *ref::dtypeFor(type.getElementType());
    std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
    bool convertible = rt::isFloat(want) ? rt::isFloat(stored->dtype)
                                         : stored->dtype == want;
    if (stored->shape != shape || !convertible)
      return rt::Error("weight '" + name + "' is " + stored->describe() +
                       " but the program declares " + typeText(type));
    if (!rt::isFloat(want)) {
      addWeight(name, *stored);
      return name;
    }
    rt::Expected<rt::HostTensor> t = rt::convertFloatWeight(*stored, want, name);
    if (!t)
      return t.error();
    addWeight(name, std::move(*t));
    return name;
  }

  /// Outputs, and the copies that write tied results back into their
  /// arguments' buffers. The copies run one after another, so a returned
  /// value living in a buffer that some copy overwrites (`return %b, %a` tied
  /// to (0, 1), or an untied output returning the old state) is first
  /// snapshotted into fresh arena space past the planned arena.
  void addReturn(func::FuncOp f, rt::EntryInfo &entry, func::ReturnOp ret,
                 const llvm::DenseMap<Value, int64_t> &bufferOf) {
    auto tiedArg = [&](unsigned i) -> std::optional<int64_t> {
      if (auto tied = f.getResultAttrOfType<IntegerAttr>(
              i, kd::KilnDialect::kTiedAttr))
        return tied.getInt();
      return std::nullopt;
    };
    std::vector<rt::TensorInfo> outs;
    std::set<int64_t> overwritten;
    for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
      auto type = cast<RankedTensorType>(v.getType());
      outs.push_back({valueName(f, i, false),
                      *ref::dtypeFor(type.getElementType()),
                      {type.getShape().begin(), type.getShape().end()},
                      bufferOf.lookup(v), {}});
      if (std::optional<int64_t> arg = tiedArg(i)) {
        int64_t argBuffer = bufferOf.lookup(f.getArgument(*arg));
        if (outs.back().buffer != argBuffer)
          overwritten.insert(argBuffer);
      }
    }
    std::map<int64_t, int64_t> snapshotOf;
    for (rt::TensorInfo &out : outs) {
      if (!overwritten.count(out.buffer))
        continue;
      auto [it, fresh] = snapshotOf.try_emplace(out.buffer, 0);
      if (fresh) {
        rt::BufferInfo b;
        b.kind = rt::BufferInfo::Kind::Arena;
        b.offset = (entry.arenaBytes + 255) / 256 * 256;
        b.bytes = out.byteSize();
        entry.arenaBytes = b.offset + b.bytes;
        it->second = static_cast<int64_t>(entry.buffers.size());
        entry.buffers.push_back(b);
        addCopy(entry, out.buffer, it->second, out.byteSize());
      }
      out.buffer = it->second;
    }
    stats.arenaBytes = std::max<uint64_t>(stats.arenaBytes, entry.arenaBytes);
    for (auto [i, out] : llvm::enumerate(outs)) {
      if (std::optional<int64_t> arg = tiedArg(i)) {
        // State updated in place: the result lives in its argument's buffer,
        // written back after every launch that reads it.
        int64_t argBuffer = bufferOf.lookup(f.getArgument(*arg));
        if (out.buffer != argBuffer)
          addCopy(entry, out.buffer, argBuffer, out.byteSize());
        out.buffer = argBuffer;
        out.tiedInput = *arg;
      }
      entry.outputs.push_back(out);
    }
    uint64_t io = 0;
    for (const rt::TensorInfo &t : entry.inputs)
      io += t.byteSize();
    for (const rt::TensorInfo &t : entry.outputs)
      if (!t.tiedInput)
        io += t.byteSize();
    ioBytes = std::max(ioBytes, io + entry.arenaBytes);
  }

public:
  /// Inputs, untied outputs and arena of the largest entry.
  uint64_t ioBytes = 0;

private:

  /// The kernel index for `k` (named `name`), adding it unless an identical
  /// kernel — the same source, its name aside — is already there (a layer
  /// repeated 24 times compiles and stores its kernels once).
  uint32_t kernelFor(kd::EmittedKernel &&k, const std::string &name,
                     llvm::StringRef family) {
    if (options.onKernel)
      options.onKernel(name, family.str(), k.source);
    std::string key = k.source;
    for (size_t at = key.find(name); at != std::string::npos;
         at = key.find(name, at + 1))
      key.replace(at, name.size(), "\x01");
    auto [known, fresh] = kernelBySource.try_emplace(
        key, static_cast<uint32_t>(artifact.manifest.kernels.size()));
    stats.launches++;
    if (!fresh)
      return known->second;
    stats.kernels++;
    stats.kernelsPerFamily[family.str()]++;
    rt::KernelInfo info;
    info.name = name;
    info.source = artifact.appendBlob(k.source.data(), k.source.size());
    info.params = k.params;
    info.flops = k.flops;
    artifact.manifest.kernels.push_back(info);
    kernels.push_back(std::move(k));
    return known->second;
  }

  /// Appends a byte-copy launch from buffer `from` to buffer `to`.
  void addCopy(rt::EntryInfo &entry, int64_t from, int64_t to, int64_t bytes) {
    std::string name = entry.name + "_tied_copy_" + std::to_string(fusionCount++);
    kd::EmittedKernel k = kd::emitCopyKernel(name, bytes);
    rt::LaunchInfo launch;
    for (int d = 0; d < 3; ++d) {
      launch.grid[d] = k.grid[d];
      launch.block[d] = k.block[d];
    }
    rt::LaunchArg a;
    a.kind = rt::ParamKind::Pointer;
    a.buffer = from;
    launch.args.push_back(a);
    a.buffer = to;
    launch.args.push_back(a);
    for (const rt::LaunchArg &s : k.scalars)
      launch.args.push_back(s);
    launch.kernel = kernelFor(std::move(k), name,
                              kd::stringifyKernelFamily(kd::KernelFamily::Copy));
    entry.launches.push_back(launch);
  }

  rt::Status addFusion(rt::EntryInfo &entry, kd::FusionOp fusion,
                       llvm::DenseMap<Value, int64_t> &bufferOf) {
    std::string name = entry.name + "_fusion_" + std::to_string(fusionCount++);
    FailureOr<kd::EmittedFusion> emitted = kd::emitFusion(fusion, name);
    if (failed(emitted))
      return rt::Error("@" + entry.name + ": code generation failed for " +
                       name);
    auto offsets = fusion->getAttrOfType<DenseI64ArrayAttr>(
        kd::KilnDialect::kArenaOffsetsAttr);
    // The arguments every kernel of the fusion takes: inputs, results, then
    // the workspace.
    std::vector<rt::LaunchArg> pointers;
    auto pointerTo = [&](int64_t buffer) {
      rt::LaunchArg a;
      a.kind = rt::ParamKind::Pointer;
      a.buffer = buffer;
      pointers.push_back(a);
    };
    for (Value in : fusion.getInputs())
      pointerTo(bufferOf.lookup(in));
    for (auto [i, r] : llvm::enumerate(fusion.getResults())) {
      auto type = cast<RankedTensorType>(r.getType());
      rt::BufferInfo b;
      b.kind = rt::BufferInfo::Kind::Arena;
      b.offset = offsets ? static_cast<uint64_t>(offsets[i]) : 0;
      b.bytes = rt::TensorInfo{"", *ref::dtypeFor(type.getElementType()),
                               {type.getShape().begin(), type.getShape().end()},
                               -1, {}}
                    .byteSize();
      bufferOf[r] = static_cast<int64_t>(entry.buffers.size());
      entry.buffers.push_back(b);
      pointerTo(bufferOf[r]);
    }
    if (emitted->workspaceBytes > 0)
      pointerTo(addWorkspace(entry, emitted->workspaceBytes));
    for (kd::EmittedKernel &k : emitted->kernels) {
      rt::LaunchInfo launch;
      for (int d = 0; d < 3; ++d) {
        launch.grid[d] = k.grid[d];
        launch.block[d] = k.block[d];
      }
      launch.sharedBytes = k.sharedBytes;
      launch.args = pointers;
      for (rt::LaunchArg s : k.scalars) {
        if (s.kind == rt::ParamKind::TensorMap) // input index → its buffer
          s.buffer = bufferOf.lookup(fusion.getInputs()[s.buffer]);
        launch.args.push_back(s);
      }
      std::string kernelName = k.name;
      launch.kernel =
          kernelFor(std::move(k), kernelName,
                    kd::stringifyKernelFamily(fusion.getKernelFamily()));
      entry.launches.push_back(launch);
    }
    return rt::Status::ok();
  }

  /// A workspace of `bytes` for one fusion's kernels. Launches run one after
  /// another, so every fusion's workspace starts at the same offset, past the
  /// planned arena, and the region is as large as the largest.
  int64_t addWorkspace(rt::EntryInfo &entry, uint64_t bytes) {
    if (!workspaceOffset)
      workspaceOffset = (entry.arenaBytes + 255) / 256 * 256;
    rt::BufferInfo b;
    b.kind = rt::BufferInfo::Kind::Arena;
    b.offset = *workspaceOffset;
    b.bytes = bytes;
    entry.arenaBytes = std::max(entry.arenaBytes, b.offset + b.bytes);
    stats.arenaBytes = std::max<uint64_t>(stats.arenaBytes, entry.arenaBytes);
    entry.buffers.push_back(b);
    return static_cast<int64_t>(entry.buffers.size()) - 1;
  }

  const CompileOptions &options;
  CompileStats &stats;
  std::vector<kd::EmittedKernel> kernels;
  std::map<std::string, uint32_t> kernelBySource;
  int fusionCount = 0; // launches of the current entry so far
  /// Where the current entry's fusion workspaces start, once one has one.
  std::optional<uint64_t> workspaceOffset;
  int constants = 0;
};

} // namespace

std::string CompileStats::toJson() const {
  llvm::json::Object families, phases;
  for (const auto &[family, n] : kernelsPerFamily)
    families[family] = n;
  for (const auto &[phase, t] : secondsPerPhase)
    phases[phase] = static_cast<int64_t>(std::lround(t * 1000));
  llvm::json::Value stats = llvm::json::Object{
      {"kernels", kernels},
      {"launches", launches},
      {"kernels_per_family", std::move(families)},
      {"arena_bytes", arenaBytes},
      {"weight_bytes", weightBytes},
      {"unquantized_weight_bytes", unquantizedWeightBytes},
      {"device_bytes", deviceBytes},
      {"cache_hits", cacheHits},
      {"milliseconds_per_phase", std::move(phases)}};
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::formatv("{0:2}", stats) << "\n";
  return s;
}

rt::Expected<rt::Artifact> compileModule(ModuleOp module,
                                         const CompileOptions &options,
                                         CompileStats *statsOut) {
  CompileStats localStats;
  CompileStats &stats = statsOut ? *statsOut : localStats;
  auto start = Clock::now();
  if (!options.externalWeights.empty() && options.quantizeBits != 0)
    return rt::Error("--quantize computes the quantized weights at compile "
                     "time, so it needs them here: it cannot be combined with "
                     "external weights");
  kd::PipelineOptions pipelineOptions;
  pipelineOptions.precision = options.precision;
  pipelineOptions.quantizeBits = options.quantizeBits;
  pipelineOptions.quantizeBlockSize = options.quantizeBlockSize;
  pipelineOptions.quantizeScheme = options.quantizeScheme;
  pipelineOptions.quantizeSkip = options.quantizeSkip;
  pipelineOptions.tf32Convolutions = options.tf32Convolutions;
  pipelineOptions.tf32Matmuls = options.tf32Matmuls;
  bool onlySm90a =
      !options.targets.empty() &&
      llvm::all_of(options.targets,
                   [](const std::string &t) { return t == "sm_90a"; });
  // A block for each of an H100's 132 SMs, unless forced.
  pipelineOptions.hopperMinTiles = options.hopperGemm ? 1 : onlySm90a ? 132 : 0;
  PassManager prepare(module.getContext());
  kd::buildKilnPreparePipeline(prepare, pipelineOptions);
  if (failed(prepare.run(module)))
    return rt::Error("the pass pipeline failed (see the diagnostics above)");
  ArtifactBuilder builder(options, stats);
  if (rt::Status s = foldParamOps(module, options, builder.folded,
                                  builder.originalBytes);
      !s)
    return s.error();
  PassManager lower(module.getContext());
  kd::buildKilnLoweringPipeline(lower);
  if (failed(lower.run(module)))
    return rt::Error("the pass pipeline failed (see the diagnostics above)");
  stats.secondsPerPhase["passes"] = secondsSince(start);

  start = Clock::now();
  builder.artifact.manifest.compilerVersion = kCompilerVersion;
  for (func::FuncOp f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    if (rt::Status s = builder.addFunction(f); !s)
      return s.error();
  }
  stats.secondsPerPhase["codegen"] = secondsSince(start);
  if (rt::Status s = builder.finish(); !s)
    return s.error();
  builder.artifact.manifest.weightsFile = options.externalWeights;
  stats.deviceBytes = stats.weightBytes + builder.ioBytes;
  if (rt::Status s = builder.artifact.validate(); !s)
    return s.error().withContext("internal error: the artifact is invalid");
  return std::move(builder.artifact);
}

} // namespace kiln
