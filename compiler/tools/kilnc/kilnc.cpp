//===- kilnc.cpp - Kiln's compiler driver ---------------------------------===//
//
//   kilnc run FILE.mlir --device reference|cpu|cuda --inputs IN.safetensors
//             [--weights W.safetensors] --output OUT.safetensors [--entry NAME]
//   kilnc compile FILE.mlir [--weights W.safetensors] [--target sm_90,sm_80]
//             -o FILE.kiln [--stats] [--nvrtc-log] [--external-weights NAME]
//   kilnc compile|run --model NAME --config config.json ...   (the frontends of
//             kiln/Frontend/Models/Registry.h)
//
// `run` executes a function of a kiln program on named tensors: on the
// reference interpreter, or compiled in process and run on a runtime
// device. Arguments are matched by `kiln.name` (default argN), weights by
// `kiln.param` name, results are written under their `kiln.name` (default
// outN). `compile` builds a .kiln artifact. Any problem — malformed MLIR, a
// missing or extra tensor, a wrong shape or dtype, a corrupt file, an
// out-of-range index at run time — prints one error and exits 1; output
// files are written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/Kiln/TextNesting.h"
#include "kiln/Codegen/Nvrtc.h"
#include "kiln/Compiler/Bindings.h"
#include "kiln/Compiler/Compile.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Frontend/GraphBuilder.h"
#include "kiln/Frontend/Models/Registry.h"
#include "kiln/Passes/Pipeline.h"
#include "kiln/Reference/Interpreter.h"
#include "kiln/Runtime/Safetensors.h"
#include "kiln/Runtime/Session.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

using namespace mlir;
namespace cl = llvm::cl;
namespace rt = ::kiln::rt;

namespace {

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

cl::SubCommand runCommand("run",
                          "Execute a function of a kiln program on named "
                          "tensors (reference interpreter, or compiled and "
                          "run on a device)");
cl::SubCommand compileCommand("compile", "Build a .kiln artifact");

cl::OptionCategory programCategory("Program (a file, or --model)");
cl::OptionCategory passCategory("Compilation (compiled devices and artifacts)");
cl::OptionCategory ioCategory("Running");
cl::OptionCategory artifactCategory("Artifacts");

cl::opt<std::string> file(cl::Positional, cl::desc("<program.mlir>"),
                          cl::sub(runCommand), cl::sub(compileCommand),
                          cl::cat(programCategory));
/// "--model" help: each frontend with its entries.
const std::string &modelHelp() {
  static const std::string help = [] {
    std::string text = "build a model instead of reading a file:";
    const char *sep = " ";
    for (const ::kiln::frontend::ModelFrontend &f :
         ::kiln::frontend::modelFrontends()) {
      text += sep + f.name + " (" + f.description + "; entries";
      for (const std::string &e : f.entries)
        text += " " + e;
      text += ")";
      sep = ", ";
    }
    return text;
  }();
  return help;
}

cl::opt<std::string> model("model", cl::desc(modelHelp()),
                           cl::value_desc("name"), cl::sub(runCommand),
                           cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<std::string> config("config", cl::desc("the model's config.json"),
                            cl::value_desc("file"), cl::sub(runCommand),
                            cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> batch("batch",
                         cl::desc("--model: batch size (run: default from "
                                  "--inputs)"),
                         cl::init(1), cl::sub(runCommand),
                         cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> seqLen("seq-len",
                          cl::desc("--model: sequence length (default: 64, "
                                   "CLIP's max_position_embeddings; run: from "
                                   "--inputs)"),
                          cl::init(0), cl::sub(runCommand),
                          cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> height("height",
                          cl::desc("--model: image height (default: the "
                                   "model's; run: from --inputs)"),
                          cl::init(0), cl::sub(runCommand),
                          cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> width("width",
                         cl::desc("--model: image width (default: the "
                                  "model's; run: from --inputs)"),
                         cl::init(0), cl::sub(runCommand),
                         cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> condHeight(
    "cond-height",
    cl::desc("--model stable-cascade-decoder: height of the effnet "
             "conditioning, stage C's latents (default: --height / 10.67 "
             "rounded up, as the decoder pipeline relates them; run: from "
             "--inputs)"),
    cl::init(0), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(programCategory));
cl::opt<long long> condWidth(
    "cond-width",
    cl::desc("--model stable-cascade-decoder: width of the effnet "
             "conditioning (default: --width / 10.67 rounded up; run: from "
             "--inputs)"),
    cl::init(0), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(programCategory));
cl::opt<long long> cacheLen("cache-len",
                            cl::desc("--model llama: KV-cache rows (default "
                                     "max_position_embeddings, or --seq-len "
                                     "if longer; run: from --inputs)"),
                            cl::init(0), cl::sub(runCommand),
                            cl::sub(compileCommand), cl::cat(programCategory));
cl::opt<long long> decodeTokens("decode-tokens",
                                cl::desc("--model llama: tokens per decode "
                                         "step (run: from --inputs)"),
                                cl::init(1), cl::sub(runCommand),
                                cl::sub(compileCommand),
                                cl::cat(programCategory));
cl::opt<bool> s2Attn("s2-attn",
                     cl::desc("--model llama: the forward entry uses "
                              "LongLoRA's shifted sparse attention (group "
                              "L/4)"),
                     cl::sub(runCommand), cl::sub(compileCommand),
                     cl::cat(programCategory));
cl::opt<bool> fastgen("fastgen",
                      cl::desc("--model llama: add the entry prefill_fastgen "
                               "(FastGen's adaptive KV-cache compression)"),
                      cl::sub(runCommand), cl::sub(compileCommand),
                      cl::cat(programCategory));
cl::opt<long long> pauseTokenId(
    "pause-token-id",
    cl::desc("--model llama: the <pause> token's id (vocab_size adds it to "
             "the vocabulary); its logit is always -inf"),
    cl::init(-1), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(programCategory));
cl::opt<std::string> weightsFile("weights",
                                 cl::desc("kiln.param tensors, keyed by name"),
                                 cl::value_desc("W.safetensors"),
                                 cl::sub(runCommand), cl::sub(compileCommand),
                                 cl::cat(programCategory));
cl::opt<bool> strictWeights(
    "strict-weights",
    cl::desc("a weight of --weights the program does not read is an error "
             "(default: a note, so a model's full weights file serves a "
             "program canonicalization pruned)"),
    cl::init(false), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(programCategory));

cl::opt<std::string> precision(
    "precision",
    cl::desc("params and activations in this float type: f32, bf16 or f16 "
             "(f32 accumulation and statistics stay; the signature keeps its "
             "declared types)"),
    cl::value_desc("type"), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(passCategory));
cl::opt<std::string> tf32(
    "tf32",
    cl::desc("f32 GEMMs that may round their operands to TF32 (10 mantissa "
             "bits) and run on tensor cores: conv (convolutions, the "
             "default, as PyTorch's cuDNN), all (matmuls too), none"),
    cl::value_desc("conv|all|none"), cl::init("conv"), cl::sub(runCommand),
    cl::sub(compileCommand), cl::cat(passCategory));
cl::opt<std::string> quantize(
    "quantize",
    cl::desc("matmuls against params use block-quantized weights made at "
             "compile time: int8, or int4 packed two per byte (f32 scales)"),
    cl::value_desc("int8|int4|none"), cl::sub(runCommand),
    cl::sub(compileCommand), cl::cat(passCategory));
cl::opt<int> blockSize("block-size",
                       cl::desc("--quantize: block along K (32, 64 or 128)"),
                       cl::init(64), cl::sub(runCommand),
                       cl::sub(compileCommand), cl::cat(passCategory));
cl::opt<std::string> quantScheme(
    "quant-scheme",
    cl::desc("--quantize: absmax, or deepspeed (ZeRO++ qwZ)"),
    cl::init("absmax"), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(passCategory));
cl::opt<std::string> quantizeSkip(
    "quantize-skip",
    cl::desc("--quantize: leave params whose name matches this regular "
             "expression alone (e.g. 'embed|lm_head')"),
    cl::value_desc("regex"), cl::sub(runCommand), cl::sub(compileCommand),
    cl::cat(passCategory));

cl::opt<bool> sm90a(
    "sm90a",
    cl::desc("run every matmul the sm_90a GEMM kernel takes (TMA, wgmma) "
             "on it: the cpu device emulates it; a cuda device must be "
             "sm_90"),
    cl::sub(runCommand), cl::sub(compileCommand), cl::cat(ioCategory));
cl::opt<std::string> device("device",
                            cl::desc("reference (the interpreter, double "
                                     "precision), cpu or cuda[:N] (compiled "
                                     "in process)"),
                            cl::value_desc("name"), cl::sub(runCommand),
                            cl::cat(ioCategory));
cl::opt<std::string> inputs("inputs",
                            cl::desc("arguments, keyed by kiln.name (default "
                                     "argN)"),
                            cl::value_desc("IN.safetensors"),
                            cl::sub(runCommand), cl::cat(ioCategory));
cl::opt<std::string> output("output",
                            cl::desc("results, keyed by kiln.name (default "
                                     "outN)"),
                            cl::value_desc("OUT.safetensors"),
                            cl::sub(runCommand), cl::cat(ioCategory));
cl::opt<std::string> entry("entry",
                           cl::desc("the function to run (default: main; "
                                    "with --model, the model's first entry)"),
                           cl::value_desc("name"), cl::sub(runCommand),
                           cl::cat(ioCategory));

cl::opt<std::string> artifactPath("o", cl::desc("the artifact to write"),
                                  cl::value_desc("FILE.kiln"),
                                  cl::sub(compileCommand),
                                  cl::cat(artifactCategory));
cl::opt<std::string> target(
    "target",
    cl::desc("GPU architectures to build cubins for (plus PTX of the lowest); "
             "'none' keeps CUDA source only"),
    cl::value_desc("sm_90,sm_80"), cl::init("sm_90,sm_80"),
    cl::sub(compileCommand), cl::cat(artifactCategory));
cl::opt<bool> stats("stats", cl::desc("print statistics as JSON"),
                    cl::sub(compileCommand), cl::cat(artifactCategory));
cl::opt<bool> nvrtcLog("nvrtc-log",
                       cl::desc("print NVRTC's messages (warnings, registers "
                                "and spills per kernel) on stderr"),
                       cl::sub(compileCommand), cl::cat(artifactCategory));
cl::opt<std::string> externalWeights(
    "external-weights",
    cl::desc("the artifact reads its weights from this file beside it instead "
             "of embedding them (no --weights needed); the program's "
             "constants go to FILE.kiln.constants.safetensors, which it must "
             "include"),
    cl::value_desc("NAME.safetensors"), cl::sub(compileCommand),
    cl::cat(artifactCategory));

int fail(const std::string &message) {
  std::fprintf(stderr, "kilnc: error: %s\n", message.c_str());
  return 1;
}

/// One note for the weights of --weights the program does not read.
void noteUnusedWeights(const std::set<std::string> &unused) {
  if (unused.empty())
    return;
  std::string names;
  for (const std::string &name : unused)
    names += (names.empty() ? "'" : ", '") + name + "'";
  std::fprintf(stderr,
               "kilnc: note: %s: ignoring %zu weight%s the program does not "
               "read: %s (--strict-weights makes this an error)\n",
               weightsFile.c_str(), unused.size(), unused.size() == 1 ? "" : "s",
               names.c_str());
}

/// Checks the options shared by both commands; returns an error or "".
std::string checkProgramOptions() {
  if (!model.empty()) {
    if (!file.empty())
      return "give a program file or --model, not both";
    if (!::kiln::frontend::findModelFrontend(model)) {
      std::string names;
      for (const auto &f : ::kiln::frontend::modelFrontends())
        names += (names.empty() ? "" : ", ") + f.name;
      return "unknown --model '" + model + "' (this version builds " + names +
             ")";
    }
    if (config.empty())
      return "--model needs --config config.json";
    for (auto [flag, value] : {std::pair{"--batch", &batch},
                               {"--seq-len", &seqLen},
                               {"--height", &height},
                               {"--width", &width},
                               {"--cond-height", &condHeight},
                               {"--cond-width", &condWidth},
                               {"--decode-tokens", &decodeTokens}})
      if ((*value < 1 && !(value->getNumOccurrences() == 0 && *value == 0)) ||
          *value > 999999999)
        return std::string(flag) + " must be a positive integer, got " +
               std::to_string(*value);
    if (pauseTokenId < -1 || pauseTokenId > 999999999)
      return "--pause-token-id must be a token id ≥ 0, got " +
             std::to_string(pauseTokenId);
    if (cacheLen < 0 || cacheLen > 999999999)
      return "--cache-len must be a positive integer (or 0 for the model's "
             "default), got " + std::to_string(cacheLen);
  } else if (file.empty()) {
    return "no program given (a FILE.mlir or --model)";
  }
  return "";
}

/// The shape flag called `name` ("--seq-len", as ModelShape::field and the
/// frontends' ImpliedFlag name them), or null.
const cl::opt<long long> *shapeOption(const std::string &name) {
  for (const cl::opt<long long> *o : {&batch, &seqLen, &height, &width, &condHeight, &condWidth,
                                          &cacheLen, &decodeTokens})
    if (name == "--" + o->ArgStr.str())
      return o;
  return nullptr;
}

/// The shapes a --model is built for: the flags, and in `run` what the
/// inputs imply for the flags not given.
::kiln::frontend::ModelShape modelShape;

/// Fills `modelShape` from the flags; a flag not given takes the value the
/// tensors for `entryName` imply, and a flag given that disagrees with them
/// is an error naming it. Returns an error message or "".
std::string resolveModelShape(const std::string &entryName,
                              const rt::TensorFile *in) {
  modelShape = {batch,        seqLen, height,  width,        cacheLen,
                decodeTokens, s2Attn, fastgen, pauseTokenId, precision,
                condHeight,   condWidth};
  if (!in)
    return "";
  const ::kiln::frontend::ModelFrontend *frontend =
      ::kiln::frontend::findModelFrontend(model);
  ::kiln::frontend::InputShapes shapes;
  for (const std::string &name : in->names())
    shapes[name] = in->find(name)->shape;
  auto implied = frontend->implied(config, entryName, shapes);
  if (!implied)
    return implied.error().message();
  for (const ::kiln::frontend::ImpliedFlag &f : *implied) {
    if (f.flag == "--fastgen") { // running that entry needs it built
      modelShape.fastgen = true;
      continue;
    }
    int64_t *field = modelShape.field(f.flag);
    const cl::opt<long long> *option = shapeOption(f.flag);
    if (!field || !option)
      return "the " + model + " frontend implies an unknown flag " + f.flag;
    if (option->getNumOccurrences() == 0)
      *field = f.value;
    else if (*field != f.value && !f.onlyDefault)
      return f.flag + " " + std::to_string(*field) + " disagrees with " +
             inputs + ": " + f.reason + "; pass " + f.flag + " " +
             std::to_string(f.value) + " or leave the flag out";
  }
  return "";
}

/// The program's name in messages.
std::string programName() {
  return model.empty() ? file.getValue()
                       : model.getValue() + " (" + config.getValue() + ")";
}

/// The precision and quantization flags into compile options; returns an
/// error message or "".
std::string applyPassOptions(::kiln::CompileOptions &options) {
  if (!precision.empty() && precision != "f32" && precision != "bf16" &&
      precision != "f16")
    return "--precision must be f32, bf16 or f16, got '" + precision + "'";
  options.precision = precision;
  if (tf32 != "conv" && tf32 != "all" && tf32 != "none")
    return "--tf32 must be conv, all or none, got '" + tf32 + "'";
  options.tf32Convolutions = tf32 != "none";
  options.tf32Matmuls = tf32 == "all";
  if (quantize.empty() || quantize == "none")
    return "";
  if (quantize != "int8" && quantize != "int4")
    return "--quantize must be int8, int4 or none, got '" + quantize + "'";
  options.quantizeBits = quantize == "int8" ? 8 : 4;
  if (blockSize != 32 && blockSize != 64 && blockSize != 128)
    return "--block-size must be 32, 64 or 128, got " +
           std::to_string(blockSize);
  options.quantizeBlockSize = blockSize;
  if (quantScheme != "absmax" && quantScheme != "deepspeed")
    return "--quant-scheme must be absmax or deepspeed, got '" + quantScheme +
           "'";
  options.quantizeScheme = quantScheme;
  options.quantizeSkip = quantizeSkip;
  return "";
}

/// "sm_90,sm_80" → {"sm_90", "sm_80"}; "none" → {}.
bool parseTargets(const std::string &text, std::vector<std::string> &out) {
  if (text == "none")
    return true;
  for (llvm::StringRef rest = text; !rest.empty();) {
    auto [t, tail] = rest.split(',');
    if (t.size() < 5 || !t.starts_with("sm_") ||
        t.find_first_not_of("0123456789a", 3) != llvm::StringRef::npos)
      return false;
    out.push_back(t.str());
    rest = tail;
    if (rest.empty() && text.back() == ',')
      return false;
  }
  return !out.empty();
}

//===----------------------------------------------------------------------===//
// The program
//===----------------------------------------------------------------------===//

DialectRegistry kilnRegistry() {
  DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  return registry;
}

/// A program parsed and verified in its own context; diagnostics (the
/// parser's, the verifier's and the compiler's) print located in the file.
struct Program {
  MLIRContext context{kilnRegistry()};
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics{sourceMgr, &context};
  OwningOpRef<ModuleOp> module; // null when it could not be had

  /// A model built by its frontend (--model), or a program file.
  Program() {
    context.loadAllAvailableDialects();
    if (model.empty())
      parse();
    else
      build();
  }

  void parse() {
    std::string errorMessage;
    auto buffer = openInputFile(file, &errorMessage);
    if (!buffer) {
      fail(file + ": " + errorMessage);
      return;
    }
    if (auto deep = mlir::kiln::textNestingError(buffer->getBuffer(), file)) {
      fail(*deep);
      return;
    }
    sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }

  void build() {
    ::kiln::frontend::GraphBuilder builder(context);
    if (rt::Status s = ::kiln::frontend::findModelFrontend(model)->build(
            builder, config, modelShape);
        !s) {
      fail(s.error().message());
      return;
    }
    rt::Expected<OwningOpRef<ModuleOp>> built = builder.finish();
    if (!built) {
      fail("building " + programName() + ": " + built.error().message());
      return;
    }
    module = std::move(*built);
  }
};

//===----------------------------------------------------------------------===//
// kilnc compile
//===----------------------------------------------------------------------===//

int compile() {
  if (std::string problem = checkProgramOptions(); !problem.empty())
    return fail(problem);
  if (artifactPath.empty())
    return fail("-o FILE.kiln is required");
  ::kiln::CompileOptions options;
  if (std::string bad = applyPassOptions(options); !bad.empty())
    return fail(bad);
  if (!externalWeights.empty()) {
    if (!weightsFile.empty())
      return fail("--external-weights and --weights exclude each other (the "
                  "weights either travel in the artifact or beside it)");
    llvm::StringRef name = externalWeights;
    if (name.contains('/') || name.size() < 13 ||
        !name.ends_with(".safetensors"))
      return fail("--external-weights takes a file name (resolved beside the "
                  "artifact) ending in .safetensors, got '" +
                  externalWeights + "'");
    options.externalWeights = externalWeights;
  }
  if (!parseTargets(target, options.targets))
    return fail("--target must be a comma-separated list of sm_XX "
                "architectures or 'none', got '" + target + "'");
  options.hopperGemm = sm90a;
  resolveModelShape("", nullptr);
  Program program;
  if (!program.module)
    return 1;
  rt::TensorFile weights;
  if (!weightsFile.empty()) {
    rt::Expected<rt::TensorFile> w = rt::readSafetensors(weightsFile);
    if (!w)
      return fail(w.error().message());
    weights = std::move(*w);
    options.weights = &weights;
  }
  // Weights are embedded: every entry's must be there, named in one error
  // before compilation starts.
  if (externalWeights.empty()) {
    std::set<std::string> unused;
    for (auto func : program.module->getOps<func::FuncOp>())
      if (rt::Status s = ::kiln::checkWeights(
              func, weightsFile.empty() ? nullptr : &weights, weightsFile,
              programName(), strictWeights, &unused);
          !s)
        return fail(s.error().message());
    noteUnusedWeights(unused);
  }
  ::kiln::CompileStats compileStats;
  // On a terminal, one line rewritten in place while NVRTC works; logs and
  // pipes get nothing.
  if (::isatty(STDERR_FILENO))
    options.progress = [](int done, int total) {
      std::fprintf(stderr, "\rkilnc: compiling kernels %d/%d", done, total);
      if (done == total)
        std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
  auto start = std::chrono::steady_clock::now();
  rt::Expected<rt::Artifact> artifact =
      ::kiln::compileModule(*program.module, options, &compileStats);
  if (!artifact)
    return fail(programName() + ": " + artifact.error().message());
  compileStats.secondsPerPhase["total"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (rt::Status s = artifact->write(artifactPath); !s)
    return fail(s.error().message());
  // Always written with external weights (empty when the program has no
  // constants), so that deployment scripts can merge it unconditionally.
  if (!externalWeights.empty())
    if (rt::Status s = rt::writeSafetensors(
            artifactPath + ".constants.safetensors",
            compileStats.externalConstants);
        !s)
      return fail(s.error().message());
  if (stats)
    std::printf("%s", compileStats.toJson().c_str());
  if (nvrtcLog)
    std::fprintf(stderr, "%s", compileStats.nvrtcLog.c_str());
  return 0;
}

//===----------------------------------------------------------------------===//
// kilnc run
//===----------------------------------------------------------------------===//

int run() {
  if (std::string problem = checkProgramOptions(); !problem.empty())
    return fail(problem);
  for (auto [name, value] : {std::pair{"--device", &device},
                             {"--inputs", &inputs},
                             {"--output", &output}})
    if (value->empty())
      return fail(std::string(name) + " is required");
  bool compiled = device == "cpu" || device == "cuda" ||
                  llvm::StringRef(device).starts_with("cuda:");
  if (device != "reference" && !compiled)
    return fail("unknown device '" + device +
                "' (expected reference, cpu, cuda or cuda:N)");
  if (!compiled && (!precision.empty() || tf32.getNumOccurrences() ||
                    (!quantize.empty() && quantize != "none")))
    return fail("--precision, --tf32 and --quantize apply to compiled "
                "devices (cpu, cuda); the reference device runs the program "
                "as written (apply kiln-precision / kiln-quantize-weights "
                "with kiln-opt to run those on it)");
  std::string entryName = entry;
  if (entryName.empty())
    entryName = model.empty() ? "main"
                              : ::kiln::frontend::findModelFrontend(model)
                                    ->entries.front();
  rt::Expected<rt::TensorFile> in = rt::readSafetensors(inputs);
  if (!in)
    return fail(in.error().message());
  if (!model.empty()) {
    if (std::string bad = resolveModelShape(entryName, &*in); !bad.empty())
      return fail(bad);
    const auto *frontend = ::kiln::frontend::findModelFrontend(model);
    if (frontend->checkInputs)
      if (rt::Status s = frontend->checkInputs(config, modelShape, entryName, *in); !s)
        return fail(inputs + ": " + s.error().message());
  }

  Program program;
  if (!program.module)
    return 1; // the parser, verifier or frontend said why
  auto func = program.module->lookupSymbol<func::FuncOp>(entryName);
  if (!func) {
    std::string names;
    for (auto f : program.module->getOps<func::FuncOp>())
      names += (names.empty() ? "@" : ", @") + f.getName().str();
    return fail(programName() + ": no function @" + entryName +
                " (functions: " + (names.empty() ? "none" : names) + ")");
  }
  if (rt::Status s = ::kiln::checkSignature(func, programName()); !s)
    return fail(s.error().message());
  rt::Expected<std::vector<rt::HostTensor>> args =
      ::kiln::bindArguments(func, *in, inputs);
  if (!args)
    return fail(args.error().message());
  rt::TensorFile weights;
  if (!weightsFile.empty()) {
    rt::Expected<rt::TensorFile> w = rt::readSafetensors(weightsFile);
    if (!w)
      return fail(w.error().message());
    weights = std::move(*w);
  }
  std::set<std::string> unused;
  if (rt::Status s = ::kiln::checkWeights(
          func, weightsFile.empty() ? nullptr : &weights, weightsFile,
          programName(), strictWeights, &unused);
      !s)
    return fail(s.error().message());
  noteUnusedWeights(unused);

  rt::TensorFile out;
  if (compiled) {
    // JIT: compile in process (cuda: cubins for the usual targets plus PTX),
    // then run through the runtime like an artifact loaded from disk.
    ::kiln::CompileOptions options;
    if (std::string bad = applyPassOptions(options); !bad.empty())
      return fail(bad);
    options.weights = weightsFile.empty() ? nullptr : &weights;
    if (device != "cpu")
      options.targets = sm90a ? std::vector<std::string>{"sm_90a"}
                              : std::vector<std::string>{"sm_80", "sm_90"};
    options.hopperGemm = sm90a;
    rt::Expected<std::shared_ptr<rt::Device>> dev = rt::Device::open(device);
    if (!dev)
      return fail(dev.error().message());
    rt::Expected<rt::Artifact> artifact =
        ::kiln::compileModule(*program.module, options);
    if (!artifact)
      return fail(programName() + ": " + artifact.error().message());
    rt::Model compiledModel = rt::Model::fromArtifact(std::move(*artifact));
    rt::Expected<rt::Session> session =
        compiledModel.createSession(*dev, entryName);
    if (!session)
      return fail(session.error().message());
    rt::Expected<rt::TensorFile> result = session->run(*in);
    if (!result)
      return fail(result.error().message());
    out = std::move(*result);
  } else {
    ::kiln::ref::ParamLookup lookup =
        [&](const std::string &name) -> rt::Expected<rt::HostTensor> {
      const rt::HostTensor *t = weights.find(name);
      if (!t)
        return rt::Error("weight '" + name + "' not found");
      return *t;
    };
    rt::Expected<std::vector<rt::HostTensor>> results =
        ::kiln::ref::runFunction(func, *args, lookup);
    if (!results)
      return fail(results.error().message());
    for (unsigned i = 0; i < results->size(); ++i)
      out.tensors.emplace_back(::kiln::valueName(func, i, false),
                               (*results)[i]);
  }
  if (rt::Status written = rt::writeSafetensors(output, out); !written)
    return fail(written.error().message());
  return 0;
}

void printVersion(llvm::raw_ostream &os) {
  os << ::kiln::kCompilerVersion << "\n";
  if (mlir::kiln::nvrtcAvailable())
    os << "  NVRTC " << mlir::kiln::nvrtcVersion() << " (cubins and PTX)\n";
  else
    os << "  no NVRTC (CUDA source only; the cpu device still runs it)\n";
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc >= 2) {
    llvm::StringRef command = argv[1];
    if (!command.starts_with("-") && command != "run" && command != "compile")
      return fail("unknown command '" + command.str() +
                  "' (expected: run, compile)");
  }
  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions({&programCategory, &passCategory, &ioCategory,
                            &artifactCategory});
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln's compiler driver: run a kiln program or compile it to a .kiln "
      "artifact.\n\n"
      "  kilnc run FILE.mlir --device reference|cpu|cuda --inputs IN.safetensors\n"
      "            [--weights W.safetensors] --output OUT.safetensors\n"
      "  kilnc compile FILE.mlir [--weights W.safetensors] [--target sm_90,sm_80]\n"
      "            -o FILE.kiln [--stats]\n"
      "  kilnc compile|run --model NAME --config config.json\n"
      "            [--batch B] [--seq-len L] [--height H --width W] ...\n\n"
      "'kilnc run --help' and 'kilnc compile --help' list each command's "
      "options.\n");
  if (runCommand)
    return run();
  if (compileCommand)
    return compile();
  cl::PrintHelpMessage();
  return 1;
}
