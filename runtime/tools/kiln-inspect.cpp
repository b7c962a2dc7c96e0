//===- kiln-inspect.cpp - what an artifact's kernels are made of ----------===//
//
//   kiln-inspect MODEL.kiln --dump DIR
//
// Writes each kernel's CUDA source (kNNN.cu), cubins (kNNN.sm_XX.cubin) and
// PTX (kNNN.ptx) into DIR, and DIR/kernels.json: per kernel its name, its
// files, and every launch of every entry — grid, block, dynamic shared
// memory, and the bytes of the buffers it is passed (a lower bound on the
// memory traffic, which bench/sass/report.py turns into a roofline time).
// The runtime alone reads the artifact; no GPU or compiler is needed, and an
// external weights file need not exist.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Files.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

using namespace kiln::rt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "kiln-inspect: error: %s\n", message.c_str());
  return 1;
}

/// Bytes of buffer `b` of entry `e`.
uint64_t bufferBytes(const Manifest &mf, const EntryInfo &e, const BufferInfo &b) {
  switch (b.kind) {
  case BufferInfo::Kind::Arena:
    return b.bytes;
  case BufferInfo::Kind::Input:
    return b.input >= 0 && size_t(b.input) < e.inputs.size() ? e.inputs[size_t(b.input)].byteSize()
                                                             : 0;
  case BufferInfo::Kind::Weight:
    for (const WeightInfo &w : mf.weights)
      if (w.name == b.weight) {
        uint64_t n = dtypeSize(w.dtype);
        for (int64_t d : w.shape)
          n *= uint64_t(d);
        return n;
      }
    return 0;
  }
  return 0;
}

Status writeText(const std::string &path, const std::string &text) {
  return writeFileAtomically(path, text.data(), text.size());
}

} // namespace

int main(int argc, char **argv) {
  std::string model, dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dump" && i + 1 < argc)
      dir = argv[++i];
    else if (a.rfind("-", 0) == 0)
      return fail("unknown option '" + a + "' (usage: kiln-inspect MODEL.kiln --dump DIR)");
    else if (model.empty())
      model = a;
    else
      return fail("unexpected argument '" + a + "'");
  }
  if (model.empty() || dir.empty())
    return fail("usage: kiln-inspect MODEL.kiln --dump DIR");
  std::error_code made;
  std::filesystem::create_directories(dir, made);
  if (made)
    return fail("cannot create the directory '" + dir + "': " + made.message());
  Expected<std::vector<uint8_t>> data = readFile(model);
  if (!data)
    return fail(data.error().message());
  Expected<Artifact> artifact = Artifact::parse(data->data(), data->size(), model);
  if (!artifact)
    return fail(artifact.error().message());
  const Manifest &mf = artifact->manifest;

  nlohmann::json kernels = nlohmann::json::array();
  for (size_t k = 0; k < mf.kernels.size(); ++k) {
    const KernelInfo &info = mf.kernels[k];
    char stem[16];
    std::snprintf(stem, sizeof stem, "k%03zu", k);
    nlohmann::json j = {{"index", k}, {"name", info.name}, {"source", std::string(stem) + ".cu"}};
    if (Status s = writeText(dir + "/" + stem + ".cu", artifact->blobString(info.source)); !s)
      return fail(s.error().message());
    if (info.ptx) {
      j["ptx"] = std::string(stem) + ".ptx";
      if (Status s = writeText(dir + "/" + stem + ".ptx", artifact->blobString(*info.ptx)); !s)
        return fail(s.error().message());
    }
    j["cubins"] = nlohmann::json::object();
    for (const KernelImage &image : info.cubins) {
      std::string file = std::string(stem) + "." + image.arch + ".cubin";
      j["cubins"][image.arch] = file;
      if (Status s = writeText(dir + "/" + file, artifact->blobString(image.range)); !s)
        return fail(s.error().message());
    }
    // Launches with the same geometry are counted once.
    std::map<std::string, nlohmann::json> launches;
    for (const EntryInfo &e : mf.entries)
      for (const LaunchInfo &l : e.launches) {
        if (l.kernel != k)
          continue;
        uint64_t bytes = 0;
        for (const LaunchArg &arg : l.args)
          if ((arg.kind == ParamKind::Pointer ||
               arg.kind == ParamKind::TensorMap) &&
              arg.buffer >= 0 &&
              size_t(arg.buffer) < e.buffers.size())
            bytes += bufferBytes(mf, e, e.buffers[size_t(arg.buffer)]);
        nlohmann::json one = {{"entry", e.name},
                              {"grid", {l.grid[0], l.grid[1], l.grid[2]}},
                              {"block", {l.block[0], l.block[1], l.block[2]}},
                              {"shared_bytes", l.sharedBytes},
                              {"arg_bytes", bytes}};
        std::string key = one.dump();
        auto [it, fresh] = launches.emplace(key, one);
        it->second["count"] = fresh ? 1 : it->second["count"].get<int>() + 1;
      }
    j["flops"] = info.flops;
    j["launches"] = nlohmann::json::array();
    for (auto &[key, l] : launches)
      j["launches"].push_back(l);
    kernels.push_back(j);
  }
  nlohmann::json out = {{"artifact", model}, {"compiler", mf.compilerVersion}, {"kernels", kernels}};
  if (Status s = writeText(dir + "/kernels.json", out.dump(1) + "\n"); !s)
    return fail(s.error().message());
  std::printf("kiln-inspect: %zu kernels of %s written to %s\n", mf.kernels.size(), model.c_str(),
              dir.c_str());
  return 0;
}
