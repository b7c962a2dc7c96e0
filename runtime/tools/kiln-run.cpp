//===- kiln-run.cpp - run or benchmark a .kiln artifact -------------------===//
//
//   kiln-run MODEL.kiln --device cuda|cuda:N|cpu --inputs IN.safetensors
//            --output OUT.safetensors [--entry NAME] [--bench N]
//            [--warmup W] [--no-graphs]
//   kiln-run MODEL.kiln --manifest        (print the manifest as JSON)
//
// The thin runtime's command line: no compiler needed. --bench N reruns the
// launches N times after W warm-up runs and prints the median, min and max
// latency (CUDA events on the GPU). Bad input prints one error and exits 1,
// leaving no output file.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Files.h"
#include "kiln/Runtime/Session.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace kiln::rt;

namespace {

const char *kUsage =
    "usage: kiln-run MODEL.kiln --device cuda|cuda:N|cpu --inputs IN.safetensors\n"
    "                --output OUT.safetensors [--entry NAME] [--bench N]\n"
    "                [--warmup W] [--no-graphs]\n"
    "       kiln-run MODEL.kiln --manifest\n";

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-run: error: %s\n", message.c_str());
  return 1;
}

bool parseCount(const std::string &text, int &out) {
  char *end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (!end || *end || v < 0 || v > 1000000)
    return false;
  out = static_cast<int>(v);
  return true;
}

} // namespace

int main(int argc, char **argv) {
  std::string model, device, inputs, output, entry = "main";
  std::string bench = "0", warmup = "3";
  bool manifest = false, graphs = true;
  std::map<std::string, std::string *> flags = {
      {"--device", &device}, {"--inputs", &inputs}, {"--output", &output},
      {"--entry", &entry},   {"--bench", &bench},   {"--warmup", &warmup}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::printf("%s", kUsage);
      return 0;
    }
    if (arg == "--manifest") {
      manifest = true;
    } else if (arg == "--no-graphs") {
      graphs = false;
    } else if (auto it = flags.find(arg); it != flags.end()) {
      if (i + 1 >= argc)
        return fail(arg + " needs a value");
      *it->second = argv[++i];
    } else if (arg.rfind("-", 0) == 0) {
      std::fprintf(stderr, "%s", kUsage);
      return fail("unknown option '" + arg + "'");
    } else if (model.empty()) {
      model = arg;
    } else {
      return fail("unexpected argument '" + arg + "'");
    }
  }
  if (model.empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return fail("no model given");
  }
  if (manifest) {
    // The artifact alone: its external weights file (if any) need not exist
    // yet — the manifest says what it must hold.
    Expected<std::vector<uint8_t>> data = readFile(model);
    if (!data)
      return fail(data.error().message());
    Expected<Artifact> a = Artifact::parse(data->data(), data->size(), model);
    if (!a)
      return fail(a.error().message());
    const Manifest &mf = a->manifest;
    std::printf("%s: %zu kernels, %zu entries, %zu weights, format %u, %s\n",
                model.c_str(), mf.kernels.size(), mf.entries.size(),
                mf.weights.size(), mf.formatVersion, mf.compilerVersion.c_str());
    for (const EntryInfo &e : mf.entries)
      std::printf("  entry %s: %zu inputs, %zu outputs, %zu launches, arena "
                  "%llu bytes\n",
                  e.name.c_str(), e.inputs.size(), e.outputs.size(),
                  e.launches.size(),
                  static_cast<unsigned long long>(e.arenaBytes));
    if (!mf.weightsFile.empty()) {
      std::printf("  weights: external file '%s' with\n", mf.weightsFile.c_str());
      for (const WeightInfo &w : mf.weights)
        std::printf("    %s %s%s\n", w.name.c_str(), dtypeName(w.dtype),
                    formatShape(w.shape).c_str());
    }
    return 0;
  }
  Expected<Model> m = Model::load(model);
  if (!m)
    return fail(m.error().message());
  int benchRuns = 0, warmupRuns = 0;
  if (!parseCount(bench, benchRuns))
    return fail("--bench needs a count, got '" + bench + "'");
  if (!parseCount(warmup, warmupRuns))
    return fail("--warmup needs a count, got '" + warmup + "'");
  for (auto [flag, value] : {std::pair{"--device", &device},
                             {"--inputs", &inputs}, {"--output", &output}})
    if (value->empty())
      return fail(std::string(flag) + " is required");

  Expected<std::shared_ptr<Device>> dev = Device::open(device);
  if (!dev)
    return fail(dev.error().message());
  Expected<TensorFile> in = readSafetensors(inputs);
  if (!in)
    return fail(in.error().message());
  Expected<Session> session = m->createSession(*dev, entry, graphs);
  if (!session)
    return fail(model + ": " + session.error().message());
  Expected<TensorFile> out = session->run(*in);
  if (!out)
    return fail(model + ": " + out.error().message());
  if (Status s = writeSafetensors(output, *out); !s)
    return fail(s.error().message());

  if (benchRuns > 0) {
    for (int i = 0; i < warmupRuns; ++i)
      if (Status s = session->launchAll(); !s)
        return fail(s.error().message());
    std::vector<double> times;
    for (int i = 0; i < benchRuns; ++i) {
      Expected<double> ms =
          (*dev)->timeMs([&] { return session->launchAll(); });
      if (!ms)
        return fail(ms.error().message());
      times.push_back(*ms);
    }
    std::sort(times.begin(), times.end());
    double median = times.size() % 2
                        ? times[times.size() / 2]
                        : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
    std::printf("%s on %s, entry %s: median %.4f ms, min %.4f ms, max %.4f ms "
                "over %d runs (%d warm-up)\n",
                model.c_str(), (*dev)->describe().c_str(), entry.c_str(),
                median, times.front(), times.back(), benchRuns, warmupRuns);
  }
  return 0;
}
