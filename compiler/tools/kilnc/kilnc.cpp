//===- kilnc.cpp - Kiln's compiler driver ---------------------------------===//
//
//   kilnc run FILE.mlir --device reference --inputs IN.safetensors
//             [--weights W.safetensors] --output OUT.safetensors
//             [--entry main]
//
// Runs a function of a kiln program on named tensors. Arguments are matched
// by `kiln.name` (default argN), weights by `kiln.param` name, results are
// written under their `kiln.name` (default outN). Any problem — malformed
// MLIR, a missing or extra tensor, a wrong shape or dtype, a corrupt file, an
// out-of-range index at run time — prints one error and exits 1; the output
// file is written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "kiln/Compiler/Compile.h"
#include "kiln/Dialect/Kiln/KilnDialect.h"
#include "kiln/Dialect/Kiln/KilnOps.h"
#include "kiln/Frontend/GraphBuilder.h"
#include "kiln/Frontend/Models/AutoencoderKL.h"
#include "kiln/Frontend/Models/Mamba.h"
#include "kiln/Frontend/Models/MlpVae.h"
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
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

using namespace mlir;
namespace rt = ::kiln::rt;

namespace {

const char *kUsage =
    "usage: kilnc run FILE.mlir --device reference|cpu|cuda --inputs IN.safetensors\n"
    "                 [--weights W.safetensors] --output OUT.safetensors\n"
    "                 [--entry NAME]\n"
    "       kilnc compile FILE.mlir [--weights W.safetensors]\n"
    "                 [--target sm_90,sm_80|none] -o FILE.kiln [--stats]\n"
    "                 [--nvrtc-log] [--external-weights NAME.safetensors]\n"
    "       kilnc compile|run --model mamba|vae|autoencoder-kl --config config.json\n"
    "                 [--batch B] [--seq-len L] [--height H --width W] ...\n"
    "                 (instead of FILE.mlir; mamba: entries prefill and\n"
    "                 decode; vae, the MLP VAE: forward, encode and decode;\n"
    "                 autoencoder-kl, diffusers' AutoencoderKL: encode and\n"
    "                 decode for H x W images)\n"
    "  both, for compiled programs (run: --device cpu|cuda):\n"
    "                 [--precision f32|bf16|f16]\n"
    "                 [--quantize int8|int4 [--block-size 32|64|128]\n"
    "                  [--quant-scheme absmax|deepspeed] [--quantize-skip REGEX]]\n"
    "\n"
    "  run      execute function NAME (default: main) of a kiln program\n"
    "           --device reference  the reference interpreter (double precision)\n"
    "           --device cpu|cuda   compile in process, run on the runtime device\n"
    "           --inputs            arguments, keyed by kiln.name (default argN)\n"
    "           --weights           kiln.param tensors, keyed by name\n"
    "           --output            results, keyed by kiln.name (default outN)\n"
    "  compile  build a .kiln artifact (kernels for --target, default\n"
    "           sm_90,sm_80; 'none' keeps CUDA source only); --stats prints\n"
    "           statistics as JSON, --nvrtc-log NVRTC's messages (warnings,\n"
    "           registers and spills per kernel) on stderr\n"
    "  --external-weights  the artifact reads its weights from NAME beside\n"
    "                   it instead of embedding them (no --weights needed);\n"
    "                   the program's constants go to FILE.kiln.constants.safetensors,\n"
    "                   which NAME must include\n"
    "  --precision      params and activations in this float type (f32\n"
    "                   accumulation and statistics stay); the signature\n"
    "                   keeps its declared types\n"
    "  --quantize       matmuls against params use block-quantized weights\n"
    "                   (int8, or int4 packed two per byte; f32 scales), made\n"
    "                   at compile time; --block-size along K (default 64),\n"
    "                   --quant-scheme (default absmax; deepspeed = ZeRO++\n"
    "                   qwZ), --quantize-skip leaves params whose name matches\n"
    "                   the regular expression (e.g. 'embed|lm_head') alone\n";

int fail(const std::string &message) {
  std::fprintf(stderr, "kilnc: error: %s\n", message.c_str());
  return 1;
}

struct RunOptions {
  std::string file, device, inputs, weights, output, entry = "main";
  std::string target = "sm_90,sm_80", artifact;
  std::string precision, quantize, blockSize = "64", quantScheme = "absmax",
      quantizeSkip;
  std::string model, config, batch = "1", seqLen = "64", height = "64",
      width = "64", externalWeights;
  bool stats = false, nvrtcLog = false;
};

/// The precision and quantization flags into compile options; returns an
/// error message or "".
std::string applyPassOptions(const RunOptions &opts,
                             ::kiln::CompileOptions &options) {
  if (!opts.precision.empty() && opts.precision != "f32" &&
      opts.precision != "bf16" && opts.precision != "f16")
    return "--precision must be f32, bf16 or f16, got '" + opts.precision + "'";
  options.precision = opts.precision;
  if (opts.quantize.empty() || opts.quantize == "none")
    return "";
  if (opts.quantize != "int8" && opts.quantize != "int4")
    return "--quantize must be int8, int4 or none, got '" + opts.quantize + "'";
  options.quantizeBits = opts.quantize == "int8" ? 8 : 4;
  if (opts.blockSize != "32" && opts.blockSize != "64" &&
      opts.blockSize != "128")
    return "--block-size must be 32, 64 or 128, got '" + opts.blockSize + "'";
  options.quantizeBlockSize = std::stoi(opts.blockSize);
  if (opts.quantScheme != "absmax" && opts.quantScheme != "deepspeed")
    return "--quant-scheme must be absmax or deepspeed, got '" +
           opts.quantScheme + "'";
  options.quantizeScheme = opts.quantScheme;
  options.quantizeSkip = opts.quantizeSkip;
  return "";
}

/// Parses `run`'s arguments; returns an error message or "".
std::string parseRunOptions(int argc, char **argv, RunOptions &opts,
                            bool compile) {
  std::map<std::string, std::string *> flags = {
      {"--weights", &opts.weights},
      {"--precision", &opts.precision},
      {"--quantize", &opts.quantize},
      {"--block-size", &opts.blockSize},
      {"--quant-scheme", &opts.quantScheme},
      {"--quantize-skip", &opts.quantizeSkip},
      {"--model", &opts.model},
      {"--config", &opts.config},
      {"--batch", &opts.batch},
      {"--seq-len", &opts.seqLen},
      {"--height", &opts.height},
      {"--width", &opts.width}};
  if (compile) {
    flags["--external-weights"] = &opts.externalWeights;
    flags["--target"] = &opts.target;
    flags["-o"] = &opts.artifact;
  } else {
    flags["--device"] = &opts.device;
    flags["--inputs"] = &opts.inputs;
    flags["--output"] = &opts.output;
    flags["--entry"] = &opts.entry;
  }
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (compile && (arg == "--stats" || arg == "--nvrtc-log")) {
      (arg == "--stats" ? opts.stats : opts.nvrtcLog) = true;
      continue;
    }
    std::string value;
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    auto flag = flags.find(arg);
    if (flag != flags.end()) {
      if (eq == std::string::npos) {
        if (i + 1 >= argc)
          return arg + " needs a value";
        value = argv[++i];
      }
      *flag->second = value;
    } else if (arg.rfind("-", 0) == 0) {
      return "unknown option '" + arg + "'";
    } else if (opts.file.empty()) {
      opts.file = arg;
    } else {
      return "unexpected argument '" + arg + "' (the program is '" +
             opts.file + "')";
    }
  }
  if (!opts.model.empty()) {
    if (!opts.file.empty())
      return "give a program file or --model, not both";
    if (opts.model != "mamba" && opts.model != "vae" &&
        opts.model != "autoencoder-kl")
      return "unknown --model '" + opts.model +
             "' (this version builds mamba, vae and autoencoder-kl)";
    if (opts.config.empty())
      return "--model needs --config config.json";
    for (auto [flag, value] : {std::pair{"--batch", &opts.batch},
                               {"--seq-len", &opts.seqLen},
                               {"--height", &opts.height},
                               {"--width", &opts.width}})
      if (value->empty() ||
          value->find_first_not_of("0123456789") != std::string::npos ||
          value->size() > 9 || std::stoll(*value) < 1)
        return std::string(flag) + " must be a positive integer, got '" +
               *value + "'";
    opts.file = opts.model + " (" + opts.config + ")";
    if (!compile && opts.entry == "main")
      opts.entry = opts.model == "mamba" ? "prefill"
                   : opts.model == "vae" ? "forward"
                                         : "decode";
  }
  if (opts.file.empty())
    return "no program given";
  if (compile)
    return opts.artifact.empty() ? "-o FILE.kiln is required" : "";
  for (auto [name, value] : {std::pair{"--device", &opts.device},
                             {"--inputs", &opts.inputs},
                             {"--output", &opts.output}})
    if (value->empty())
      return std::string(name) + " is required";
  return "";
}

/// "sm_90,sm_80" → {"sm_90", "sm_80"}; "none" → {}.
bool parseTargets(const std::string &text, std::vector<std::string> &out) {
  if (text == "none")
    return true;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string t = text.substr(start, comma == std::string::npos
                                           ? std::string::npos
                                           : comma - start);
    if (t.size() < 5 || t.rfind("sm_", 0) != 0 ||
        t.find_first_not_of("0123456789a", 3) != std::string::npos)
      return false;
    out.push_back(t);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return !out.empty();
}

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
  OwningOpRef<ModuleOp> module; // null when the file did not parse

  /// A model built by its frontend (--model), or a program file.
  explicit Program(const RunOptions &opts) {
    if (opts.model.empty()) {
      parse(opts.file);
      return;
    }
    context.loadAllAvailableDialects();
    ::kiln::frontend::GraphBuilder builder(context);
    if (opts.model == "mamba") {
      rt::Expected<::kiln::frontend::MambaConfig> config =
          ::kiln::frontend::readMambaConfig(opts.config);
      if (!config) {
        fail(config.error().message());
        return;
      }
      ::kiln::frontend::buildMamba(builder, *config, std::stoll(opts.batch),
                                   std::stoll(opts.seqLen));
    } else if (opts.model == "autoencoder-kl") {
      rt::Expected<::kiln::frontend::AutoencoderKLConfig> config =
          ::kiln::frontend::readAutoencoderKLConfig(opts.config);
      if (!config) {
        fail(config.error().message());
        return;
      }
      int64_t h = std::stoll(opts.height), w = std::stoll(opts.width);
      if (h % config->factor() != 0 || w % config->factor() != 0) {
        fail("--height and --width must be multiples of " +
             std::to_string(config->factor()) + " for this AutoencoderKL, got " +
             opts.height + " x " + opts.width);
        return;
      }
      ::kiln::frontend::buildAutoencoderKL(builder, *config,
                                           std::stoll(opts.batch), h, w);
    } else {
      rt::Expected<::kiln::frontend::MlpVaeConfig> config =
          ::kiln::frontend::readMlpVaeConfig(opts.config);
      if (!config) {
        fail(config.error().message());
        return;
      }
      ::kiln::frontend::buildMlpVae(builder, *config, std::stoll(opts.batch));
    }
    rt::Expected<OwningOpRef<ModuleOp>> built = builder.finish();
    if (!built) {
      fail("building " + opts.file + ": " + built.error().message());
      return;
    }
    module = std::move(*built);
  }

  void parse(const std::string &path) {
    context.loadAllAvailableDialects();
    std::string errorMessage;
    auto buffer = openInputFile(path, &errorMessage);
    if (!buffer) {
      fail(path + ": " + errorMessage);
      return;
    }
    sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
};

int compileCommand(int argc, char **argv) {
  RunOptions opts;
  std::string problem = parseRunOptions(argc, argv, opts, /*compile=*/true);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return fail(problem);
  }
  ::kiln::CompileOptions options;
  if (std::string bad = applyPassOptions(opts, options); !bad.empty())
    return fail(bad);
  if (!opts.externalWeights.empty()) {
    if (!opts.weights.empty())
      return fail("--external-weights and --weights exclude each other (the "
                  "weights either travel in the artifact or beside it)");
    if (opts.externalWeights.find('/') != std::string::npos ||
        opts.externalWeights.size() < 13 ||
        opts.externalWeights.substr(opts.externalWeights.size() - 12) !=
            ".safetensors")
      return fail("--external-weights takes a file name (resolved beside the "
                  "artifact) ending in .safetensors, got '" +
                  opts.externalWeights + "'");
    options.externalWeights = opts.externalWeights;
  }
  if (!parseTargets(opts.target, options.targets))
    return fail("--target must be a comma-separated list of sm_XX "
                "architectures or 'none', got '" + opts.target + "'");
  Program program(opts);
  OwningOpRef<ModuleOp> &module = program.module;
  if (!module)
    return 1;
  rt::TensorFile weights;
  if (!opts.weights.empty()) {
    rt::Expected<rt::TensorFile> w = rt::readSafetensors(opts.weights);
    if (!w)
      return fail(w.error().message());
    weights = std::move(*w);
    options.weights = &weights;
  }
  ::kiln::CompileStats stats;
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
      ::kiln::compileModule(*module, options, &stats);
  if (!artifact)
    return fail(opts.file + ": " + artifact.error().message());
  stats.secondsPerPhase["total"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (rt::Status s = artifact->write(opts.artifact); !s)
    return fail(s.error().message());
  if (!stats.externalConstants.tensors.empty())
    if (rt::Status s = rt::writeSafetensors(opts.artifact + ".constants.safetensors",
                                            stats.externalConstants);
        !s)
      return fail(s.error().message());
  if (opts.stats)
    std::printf("%s", stats.toJson().c_str());
  if (opts.nvrtcLog)
    std::fprintf(stderr, "%s", stats.nvrtcLog.c_str());
  return 0;
}

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// The name of argument / result i: its kiln.name or argN / outN.
std::string valueName(func::FuncOp func, unsigned i, bool isArg) {
  auto name = dyn_cast_or_null<StringAttr>(
      isArg ? func.getArgAttr(i, mlir::kiln::KilnDialect::kNameAttr)
            : func.getResultAttr(i, mlir::kiln::KilnDialect::kNameAttr));
  if (name)
    return name.getValue().str();
  return (isArg ? "arg" : "out") + std::to_string(i);
}

/// "x: tensor<4x37xf32>, y: ..." for messages.
std::string listExpected(const std::vector<std::pair<std::string, Type>> &want) {
  std::string s;
  for (const auto &[name, type] : want)
    s += (s.empty() ? "" : ", ") + name + ": " + typeString(type);
  return s.empty() ? "(none)" : s;
}

/// Checks that a tensor file holds the expected names and nothing else but
/// `alsoAllowed` (weights other entries of the program read); the error
/// lists what was expected.
std::string checkNames(const rt::TensorFile &file, const std::string &path,
                       const std::vector<std::pair<std::string, Type>> &want,
                       const std::string &what,
                       const std::set<std::string> &alsoAllowed = {}) {
  std::set<std::string> wanted = alsoAllowed;
  for (const auto &entry : want)
    wanted.insert(entry.first);
  std::vector<std::string> missing, extra;
  for (const auto &entry : want)
    if (!file.find(entry.first))
      missing.push_back(entry.first);
  for (const std::string &name : file.names())
    if (!wanted.count(name))
      extra.push_back(name);
  if (missing.empty() && extra.empty())
    return "";
  auto join = [](const std::vector<std::string> &v) {
    std::string s;
    for (const std::string &x : v)
      s += (s.empty() ? "'" : ", '") + x + "'";
    return s;
  };
  std::string msg = path + ": ";
  if (!missing.empty())
    msg += "missing " + what + " " + join(missing);
  if (!extra.empty())
    msg += std::string(missing.empty() ? "" : "; ") + "unexpected " + what +
           " " + join(extra);
  return msg + " (expected " + listExpected(want) + ")";
}

int runCommand(int argc, char **argv) {
  RunOptions opts;
  std::string problem = parseRunOptions(argc, argv, opts, /*compile=*/false);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return fail(problem);
  }
  bool compiled = opts.device == "cpu" || opts.device == "cuda" ||
                  opts.device.rfind("cuda:", 0) == 0;
  if (opts.device != "reference" && !compiled)
    return fail("unknown device '" + opts.device +
                "' (expected reference, cpu, cuda or cuda:N)");
  if (!compiled && (!opts.precision.empty() ||
                    (!opts.quantize.empty() && opts.quantize != "none")))
    return fail("--precision and --quantize apply to compiled devices (cpu, "
                "cuda); the reference device runs the program as written "
                "(apply kiln-precision / kiln-quantize-weights with kiln-opt "
                "to run those on it)");

  Program program(opts);
  OwningOpRef<ModuleOp> &module = program.module;
  if (!module)
    return 1; // the parser or verifier printed the located diagnostic

  auto func = module->lookupSymbol<func::FuncOp>(opts.entry);
  if (!func) {
    std::string names;
    for (auto f : module->getOps<func::FuncOp>())
      names += (names.empty() ? "@" : ", @") + f.getName().str();
    return fail(opts.file + ": no function @" + opts.entry +
                " (functions: " + (names.empty() ? "none" : names) + ")");
  }

  std::vector<std::pair<std::string, Type>> wantInputs;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    Type type = func.getArgumentTypes()[i];
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() ||
        !::kiln::ref::dtypeFor(tensor.getElementType()))
      return fail(opts.file + ": argument #" + std::to_string(i) + " of @" +
                  opts.entry + " has type " + typeString(type) +
                  "; kiln functions take statically shaped tensors");
    wantInputs.emplace_back(valueName(func, i, true), type);
  }
  for (Type type : func.getResultTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !::kiln::ref::dtypeFor(tensor.getElementType()))
      return fail(opts.file + ": @" + opts.entry + " returns " +
                  typeString(type) + "; kiln functions return tensors");
  }

  rt::Expected<rt::TensorFile> inputs = rt::readSafetensors(opts.inputs);
  if (!inputs)
    return fail(inputs.error().message());
  std::string names = checkNames(*inputs, opts.inputs, wantInputs, "input");
  if (!names.empty())
    return fail(names);
  std::vector<rt::HostTensor> args;
  for (const auto &[name, type] : wantInputs) {
    const rt::HostTensor *t = inputs->find(name);
    auto tensor = cast<RankedTensorType>(type);
    rt::DType dtype = *::kiln::ref::dtypeFor(tensor.getElementType());
    std::vector<int64_t> shape(tensor.getShape().begin(),
                               tensor.getShape().end());
    if (t->dtype != dtype || t->shape != shape)
      return fail(opts.inputs + ": tensor '" + name + "' is " +
                  t->describe() + " but @" + opts.entry + " takes " +
                  rt::dtypeName(dtype) + rt::formatShape(shape) + " (" +
                  typeString(type) + ")");
    args.push_back(*t);
  }

  std::vector<std::pair<std::string, Type>> wantWeights;
  std::set<std::string> seen;
  func.walk([&](mlir::kiln::ParamOp param) {
    if (seen.insert(param.getName().str()).second)
      wantWeights.emplace_back(param.getName().str(), param.getType());
  });
  // One weights file serves every entry of the program (a model's prefill
  // and decode): a weight is unexpected only if no function reads it.
  std::set<std::string> programWeights;
  func->getParentOfType<ModuleOp>().walk([&](mlir::kiln::ParamOp param) {
    programWeights.insert(param.getName().str());
  });
  rt::TensorFile weights;
  if (!opts.weights.empty()) {
    rt::Expected<rt::TensorFile> w = rt::readSafetensors(opts.weights);
    if (!w)
      return fail(w.error().message());
    weights = std::move(*w);
    std::string wnames =
        checkNames(weights, opts.weights, wantWeights, "weight", programWeights);
    if (!wnames.empty())
      return fail(wnames);
  } else if (!wantWeights.empty()) {
    return fail(opts.file + ": @" + opts.entry +
                " reads weights but no --weights file was given (expected " +
                listExpected(wantWeights) + ")");
  }
  ::kiln::ref::ParamLookup lookup =
      [&](const std::string &name) -> rt::Expected<rt::HostTensor> {
    const rt::HostTensor *t = weights.find(name);
    if (!t)
      return rt::Error("weight '" + name + "' not found");
    return *t;
  };

  rt::TensorFile out;
  if (compiled) {
    // JIT: compile in process (cuda: cubins for the usual targets plus PTX),
    // then run through the runtime like an artifact loaded from disk.
    ::kiln::CompileOptions options;
    if (std::string bad = applyPassOptions(opts, options); !bad.empty())
      return fail(bad);
    options.weights = opts.weights.empty() ? nullptr : &weights;
    if (opts.device != "cpu")
      options.targets = {"sm_80", "sm_90"};
    rt::Expected<std::shared_ptr<rt::Device>> device =
        rt::Device::open(opts.device);
    if (!device)
      return fail(device.error().message());
    rt::Expected<rt::Artifact> artifact =
        ::kiln::compileModule(*module, options);
    if (!artifact)
      return fail(opts.file + ": " + artifact.error().message());
    rt::Model model = rt::Model::fromArtifact(std::move(*artifact));
    rt::Expected<rt::Session> session = model.createSession(*device, opts.entry);
    if (!session)
      return fail(session.error().message());
    rt::Expected<rt::TensorFile> result = session->run(*inputs);
    if (!result)
      return fail(result.error().message());
    out = std::move(*result);
  } else {
    rt::Expected<std::vector<rt::HostTensor>> results =
        ::kiln::ref::runFunction(func, args, lookup);
    if (!results)
      return fail(results.error().message());
    for (unsigned i = 0; i < results->size(); ++i)
      out.tensors.emplace_back(valueName(func, i, false), (*results)[i]);
  }
  rt::Status written = rt::writeSafetensors(opts.output, out);
  if (!written)
    return fail(written.error().message());
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "-h") {
    std::fprintf(argc < 2 ? stderr : stdout, "%s", kUsage);
    return argc < 2 ? 1 : 0;
  }
  std::string command = argv[1];
  if (command == "compile") {
    for (int i = 2; i < argc; ++i)
      if (std::string(argv[i]) == "--help") {
        std::printf("%s", kUsage);
        return 0;
      }
    return compileCommand(argc, argv);
  }
  if (command == "run") {
    for (int i = 2; i < argc; ++i)
      if (std::string(argv[i]) == "--help") {
        std::printf("%s", kUsage);
        return 0;
      }
    return runCommand(argc, argv);
  }
  std::fprintf(stderr, "%s", kUsage);
  return fail("unknown command '" + command + "' (expected: run, compile)");
}
