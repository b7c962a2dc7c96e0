//===- ArtifactManifest.cpp - the manifest's JSON form --------------------===//
//
// The manifest is JSON so that a person can read it (`kiln-run --manifest`)
// and tools in any language can inspect an artifact. Parsing never throws
// and never trusts a field's type.
//
//===----------------------------------------------------------------------===//

#include "ArtifactManifest.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace kiln::rt {
namespace {

using json = nlohmann::json;

/// Reads typed fields from JSON, remembering the first problem with the path
/// of the field that caused it.
class FieldReader {
public:
  bool failed() const { return !error.empty(); }
  const std::string &message() const { return error; }

  const json *get(const json &obj, const char *key, const std::string &path,
                  bool optional = false) {
    if (failed())
      return nullptr;
    if (!obj.is_object())
      return fail(path + " must be an object");
    auto it = obj.find(key);
    if (it == obj.end() || (optional && it->is_null())) {
      if (!optional)
        fail(path + "." + key + " is missing");
      return nullptr;
    }
    return &*it;
  }
  uint64_t u64(const json &obj, const char *key, const std::string &path) {
    const json *v = get(obj, key, path);
    if (!v)
      return 0;
    if (!v->is_number_unsigned())
      return fail(path + "." + key + " must be a non-negative integer"), 0;
    return v->get<uint64_t>();
  }
  int64_t i64(const json &v, const std::string &path) {
    if (!v.is_number_integer())
      return fail(path + " must be an integer"), 0;
    return v.get<int64_t>();
  }
  std::string str(const json &obj, const char *key, const std::string &path) {
    const json *v = get(obj, key, path);
    if (!v)
      return "";
    if (!v->is_string())
      return fail(path + "." + key + " must be a string"), "";
    return v->get<std::string>();
  }
  const json *array(const json &obj, const char *key, const std::string &path) {
    const json *v = get(obj, key, path);
    if (v && !v->is_array())
      return fail(path + "." + key + " must be an array");
    return v;
  }
  BlobRange range(const json &v, const std::string &path) {
    if (!v.is_array() || v.size() != 2 || !v[0].is_number_unsigned() ||
        !v[1].is_number_unsigned())
      return fail(path + " must be [offset, size]"), BlobRange{};
    return {v[0].get<uint64_t>(), v[1].get<uint64_t>()};
  }
  std::vector<int64_t> shape(const json &obj, const std::string &path) {
    std::vector<int64_t> shape;
    const json *v = array(obj, "shape", path);
    if (!v)
      return shape;
    for (const json &d : *v) {
      if (!d.is_number_unsigned() || d.get<uint64_t>() > (uint64_t(1) << 48))
        return fail(path + ".shape entries must be integers in [0, 2^48]"),
               shape;
      shape.push_back(static_cast<int64_t>(d.get<uint64_t>()));
    }
    return shape;
  }
  DType dtype(const json &obj, const std::string &path) {
    std::string name = str(obj, "dtype", path);
    if (failed())
      return DType::F32;
    Expected<DType> d = parseDType(name);
    if (!d)
      return fail(path + ".dtype: " + d.error().message()), DType::F32;
    return *d;
  }
  std::nullptr_t fail(const std::string &msg) {
    if (error.empty())
      error = msg;
    return nullptr;
  }

private:
  std::string error;
};

Expected<ParamKind> parseParamKind(const std::string &name) {
  for (ParamKind k : {ParamKind::Pointer, ParamKind::I32, ParamKind::I64,
                      ParamKind::F32, ParamKind::TensorMap})
    if (name == paramKindName(k))
      return k;
  return Error("unknown parameter kind \"" + name +
               "\" (expected ptr, i32, i64, f32 or tensor_map)");
}

std::string at(const std::string &path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void readTensors(FieldReader &r, const json &entry, const char *key,
                 const std::string &path, std::vector<TensorInfo> &out,
                 bool isOutput) {
  const json *list = r.array(entry, key, path);
  if (!list)
    return;
  for (size_t i = 0; i < list->size() && !r.failed(); ++i) {
    const json &t = (*list)[i];
    std::string p = at(path + "." + key, i);
    TensorInfo info;
    info.name = r.str(t, "name", p);
    info.dtype = r.dtype(t, p);
    info.shape = r.shape(t, p);
    if (const json *b = r.get(t, "buffer", p))
      info.buffer = r.i64(*b, p + ".buffer");
    if (isOutput)
      if (const json *tied = r.get(t, "tied_input", p, /*optional=*/true))
        info.tiedInput = r.i64(*tied, p + ".tied_input");
    out.push_back(std::move(info));
  }
}

void readBuffers(FieldReader &r, const json &entry, const std::string &path,
                 std::vector<BufferInfo> &out) {
  const json *list = r.array(entry, "buffers", path);
  if (!list)
    return;
  for (size_t i = 0; i < list->size() && !r.failed(); ++i) {
    const json &b = (*list)[i];
    std::string p = at(path + ".buffers", i);
    BufferInfo info;
    std::string kind = r.str(b, "kind", p);
    if (kind == "input") {
      info.kind = BufferInfo::Kind::Input;
      if (const json *v = r.get(b, "index", p))
        info.input = r.i64(*v, p + ".index");
    } else if (kind == "weight") {
      info.kind = BufferInfo::Kind::Weight;
      info.weight = r.str(b, "name", p);
    } else if (kind == "arena") {
      info.kind = BufferInfo::Kind::Arena;
      info.offset = r.u64(b, "offset", p);
      info.bytes = r.u64(b, "bytes", p);
    } else if (!r.failed()) {
      r.fail(p + ".kind must be input, weight or arena, got \"" + kind + "\"");
    }
    out.push_back(std::move(info));
  }
}

void readDims(FieldReader &r, const json &launch, const char *key,
              const std::string &path, uint32_t out[3]) {
  const json *v = r.array(launch, key, path);
  if (!v)
    return;
  if (v->size() != 3)
    return void(r.fail(path + "." + key + " must have 3 entries"));
  for (int i = 0; i < 3; ++i) {
    const json &d = (*v)[i];
    if (!d.is_number_unsigned() || d.get<uint64_t>() == 0 ||
        d.get<uint64_t>() > 0x7fffffffull)
      return void(r.fail(path + "." + key + " entries must be in [1, 2^31)"));
    out[i] = static_cast<uint32_t>(d.get<uint64_t>());
  }
}

/// {"buffer": N, "element_bytes": b, "dims": [d0, d1], "row_stride_bytes":
/// s, "box": [b0, b1], "swizzle": k}: the map's fields, checked for range
/// here and against the TMA rules and its buffer by Artifact::validate.
void readTensorMap(FieldReader &r, const json &v, const std::string &path,
                   LaunchArg &la) {
  if (!v.is_object()) {
    r.fail(path + " must be an object");
    return;
  }
  // A buffer index is unsigned here; validate() bounds it.
  la.buffer = static_cast<int64_t>(
      std::min<uint64_t>(r.u64(v, "buffer", path), INT64_MAX));
  auto u32 = [&](const json &obj, const char *key, const std::string &p) {
    uint64_t x = r.u64(obj, key, p);
    if (x > UINT32_MAX)
      r.fail(p + "." + key + " does not fit in 32 bits");
    return static_cast<uint32_t>(x);
  };
  la.map.elementBytes = u32(v, "element_bytes", path);
  la.map.rowStrideBytes = r.u64(v, "row_stride_bytes", path);
  la.map.swizzle = u32(v, "swizzle", path);
  for (const char *key : {"dims", "box"}) {
    const json *pair = r.array(v, key, path);
    if (!pair)
      return;
    if (pair->size() != 2) {
      r.fail(path + "." + key + " must have two entries");
      return;
    }
    for (size_t i = 0; i < 2; ++i) {
      const json &d = (*pair)[i];
      if (!d.is_number_unsigned()) {
        r.fail(at(path + "." + key, i) + " must be an unsigned integer");
        return;
      }
      if (std::string(key) == "dims")
        la.map.dims[i] = d.get<uint64_t>();
      else if (d.get<uint64_t>() > UINT32_MAX)
        r.fail(at(path + "." + key, i) + " does not fit in 32 bits");
      else
        la.map.box[i] = static_cast<uint32_t>(d.get<uint64_t>());
    }
  }
}

void readLaunches(FieldReader &r, const json &entry, const std::string &path,
                  std::vector<LaunchInfo> &out) {
  const json *list = r.array(entry, "launches", path);
  if (!list)
    return;
  for (size_t i = 0; i < list->size() && !r.failed(); ++i) {
    const json &l = (*list)[i];
    std::string p = at(path + ".launches", i);
    LaunchInfo info;
    uint64_t kernel = r.u64(l, "kernel", p);
    info.kernel = static_cast<uint32_t>(std::min<uint64_t>(kernel, UINT32_MAX));
    readDims(r, l, "grid", p, info.grid);
    readDims(r, l, "block", p, info.block);
    uint64_t shared = r.u64(l, "shared_bytes", p);
    if (shared > UINT32_MAX)
      r.fail(p + ".shared_bytes is too large");
    info.sharedBytes = static_cast<uint32_t>(shared);
    const json *args = r.array(l, "args", p);
    for (size_t a = 0; args && a < args->size() && !r.failed(); ++a) {
      const json &arg = (*args)[a];
      std::string ap = at(p + ".args", a);
      LaunchArg la;
      if (!arg.is_object() || arg.size() != 1) {
        r.fail(ap + " must be one of {\"buffer\": N}, {\"i32\": v}, "
                    "{\"i64\": v}, {\"f32\": v}, {\"tensor_map\": {...}}");
        break;
      }
      const std::string key = arg.begin().key();
      const json &v = arg.begin().value();
      if (key == "buffer") {
        la.kind = ParamKind::Pointer;
        la.buffer = r.i64(v, ap + ".buffer");
      } else if (key == "i32" || key == "i64") {
        la.kind = key == "i32" ? ParamKind::I32 : ParamKind::I64;
        la.intValue = r.i64(v, ap + "." + key);
        if (key == "i32" && (la.intValue < INT32_MIN || la.intValue > INT32_MAX))
          r.fail(ap + ".i32 does not fit in 32 bits");
      } else if (key == "f32") {
        // Range-check in double: converting an out-of-range double to float
        // is undefined behaviour.
        double d = v.is_number() ? v.get<double>() : 0.0;
        if (!v.is_number() || !(std::fabs(d) <= std::numeric_limits<float>::max()))
          r.fail(ap + ".f32 must be a finite number in float range");
        else
          la.floatValue = static_cast<float>(d);
        la.kind = ParamKind::F32;
      } else if (key == "tensor_map") {
        la.kind = ParamKind::TensorMap;
        readTensorMap(r, v, ap + ".tensor_map", la);
      } else {
        r.fail(ap + ": unknown argument kind \"" + key + "\"");
      }
      info.args.push_back(la);
    }
    out.push_back(std::move(info));
  }
}

} // namespace

const char *paramKindName(ParamKind kind) {
  switch (kind) {
  case ParamKind::Pointer:
    return "ptr";
  case ParamKind::I32:
    return "i32";
  case ParamKind::I64:
    return "i64";
  case ParamKind::F32:
    return "f32";
  case ParamKind::TensorMap:
    return "tensor_map";
  }
  return "?";
}

Expected<Manifest> manifestFromJson(const std::string &text) {
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    return Error("the manifest is not valid JSON");
  FieldReader r;
  Manifest m;
  uint64_t version = r.u64(root, "format_version", "manifest");
  if (r.failed())
    return Error(r.message());
  if (version != kArtifactFormatVersion)
    return Error("manifest format_version " + std::to_string(version) +
                 " differs from the file header's");
  m.formatVersion = static_cast<uint32_t>(version);
  m.compilerVersion = r.str(root, "compiler_version", "manifest");

  if (const json *kernels = r.array(root, "kernels", "manifest"))
    for (size_t i = 0; i < kernels->size() && !r.failed(); ++i) {
      const json &k = (*kernels)[i];
      std::string p = at("kernels", i);
      KernelInfo info;
      info.name = r.str(k, "name", p);
      if (const json *s = r.get(k, "source", p))
        info.source = r.range(*s, p + ".source");
      if (const json *ptx = r.get(k, "ptx", p, /*optional=*/true))
        info.ptx = r.range(*ptx, p + ".ptx");
      if (const json *flops = r.get(k, "flops", p, /*optional=*/true)) {
        if (!flops->is_number_unsigned())
          r.fail(p + ".flops must be a non-negative integer");
        else
          info.flops = flops->get<uint64_t>();
      }
      if (const json *cubins = r.array(k, "cubins", p))
        for (size_t c = 0; c < cubins->size() && !r.failed(); ++c) {
          std::string cp = at(p + ".cubins", c);
          KernelImage image;
          image.arch = r.str((*cubins)[c], "arch", cp);
          if (const json *range = r.get((*cubins)[c], "range", cp))
            image.range = r.range(*range, cp + ".range");
          info.cubins.push_back(image);
        }
      if (const json *params = r.array(k, "params", p))
        for (size_t a = 0; a < params->size() && !r.failed(); ++a) {
          const json &v = (*params)[a];
          if (!v.is_string()) {
            r.fail(at(p + ".params", a) + " must be a string");
            break;
          }
          Expected<ParamKind> kind = parseParamKind(v.get<std::string>());
          if (!kind)
            r.fail(at(p + ".params", a) + ": " + kind.error().message());
          else
            info.params.push_back(*kind);
        }
      m.kernels.push_back(std::move(info));
    }

  if (const json *weights = r.get(root, "weights", "manifest")) {
    if (const json *file = r.get(*weights, "file", "weights", true)) {
      if (!file->is_string())
        r.fail("weights.file must be a string or null");
      else
        m.weightsFile = file->get<std::string>();
    }
    if (const json *tensors = r.array(*weights, "tensors", "weights"))
      for (size_t i = 0; i < tensors->size() && !r.failed(); ++i) {
        std::string p = at("weights.tensors", i);
        WeightInfo w;
        w.name = r.str((*tensors)[i], "name", p);
        w.dtype = r.dtype((*tensors)[i], p);
        w.shape = r.shape((*tensors)[i], p);
        m.weights.push_back(std::move(w));
      }
  }

  if (const json *entries = r.array(root, "entries", "manifest"))
    for (size_t i = 0; i < entries->size() && !r.failed(); ++i) {
      const json &e = (*entries)[i];
      std::string p = at("entries", i);
      EntryInfo entry;
      entry.name = r.str(e, "name", p);
      entry.arenaBytes = r.u64(e, "arena_bytes", p);
      readTensors(r, e, "inputs", p, entry.inputs, false);
      readTensors(r, e, "outputs", p, entry.outputs, true);
      readBuffers(r, e, p, entry.buffers);
      readLaunches(r, e, p, entry.launches);
      m.entries.push_back(std::move(entry));
    }
  if (r.failed())
    return Error(r.message());
  return m;
}

std::string manifestToJson(const Manifest &m) {
  nlohmann::ordered_json root;
  root["format_version"] = m.formatVersion;
  root["compiler_version"] = m.compilerVersion;
  auto range = [](BlobRange r) {
    return nlohmann::ordered_json::array({r.offset, r.size});
  };
  root["kernels"] = nlohmann::ordered_json::array();
  for (const KernelInfo &k : m.kernels) {
    nlohmann::ordered_json jk;
    jk["name"] = k.name;
    jk["source"] = range(k.source);
    jk["ptx"] = k.ptx ? range(*k.ptx) : nlohmann::ordered_json(nullptr);
    jk["cubins"] = nlohmann::ordered_json::array();
    for (const KernelImage &image : k.cubins)
      jk["cubins"].push_back({{"arch", image.arch}, {"range", range(image.range)}});
    jk["params"] = nlohmann::ordered_json::array();
    for (ParamKind p : k.params)
      jk["params"].push_back(paramKindName(p));
    jk["flops"] = k.flops;
    root["kernels"].push_back(jk);
  }
  nlohmann::ordered_json weights;
  weights["file"] = m.weightsFile.empty() ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(m.weightsFile);
  weights["tensors"] = nlohmann::ordered_json::array();
  for (const WeightInfo &w : m.weights)
    weights["tensors"].push_back(
        {{"name", w.name}, {"dtype", dtypeName(w.dtype)}, {"shape", w.shape}});
  root["weights"] = weights;
  root["entries"] = nlohmann::ordered_json::array();
  for (const EntryInfo &e : m.entries) {
    nlohmann::ordered_json je;
    je["name"] = e.name;
    je["arena_bytes"] = e.arenaBytes;
    for (const char *key : {"inputs", "outputs"}) {
      bool isOutput = std::string(key) == "outputs";
      je[key] = nlohmann::ordered_json::array();
      for (const TensorInfo &t : isOutput ? e.outputs : e.inputs) {
        nlohmann::ordered_json jt = {{"name", t.name},
                                     {"dtype", dtypeName(t.dtype)},
                                     {"shape", t.shape},
                                     {"buffer", t.buffer}};
        if (isOutput)
          jt["tied_input"] = t.tiedInput ? nlohmann::ordered_json(*t.tiedInput)
                                         : nlohmann::ordered_json(nullptr);
        je[key].push_back(jt);
      }
    }
    je["buffers"] = nlohmann::ordered_json::array();
    for (const BufferInfo &b : e.buffers) {
      if (b.kind == BufferInfo::Kind::Input)
        je["buffers"].push_back({{"kind", "input"}, {"index", b.input}});
      else if (b.kind == BufferInfo::Kind::Weight)
        je["buffers"].push_back({{"kind", "weight"}, {"name", b.weight}});
      else
        je["buffers"].push_back(
            {{"kind", "arena"}, {"offset", b.offset}, {"bytes", b.bytes}});
    }
    je["launches"] = nlohmann::ordered_json::array();
    for (const LaunchInfo &l : e.launches) {
      nlohmann::ordered_json jl;
      jl["kernel"] = l.kernel;
      jl["grid"] = {l.grid[0], l.grid[1], l.grid[2]};
      jl["block"] = {l.block[0], l.block[1], l.block[2]};
      jl["shared_bytes"] = l.sharedBytes;
      jl["args"] = nlohmann::ordered_json::array();
      for (const LaunchArg &a : l.args) {
        switch (a.kind) {
        case ParamKind::Pointer:
          jl["args"].push_back({{"buffer", a.buffer}});
          break;
        case ParamKind::I32:
          jl["args"].push_back({{"i32", a.intValue}});
          break;
        case ParamKind::I64:
          jl["args"].push_back({{"i64", a.intValue}});
          break;
        case ParamKind::F32:
          jl["args"].push_back({{"f32", a.floatValue}});
          break;
        case ParamKind::TensorMap:
          jl["args"].push_back(
              {{"tensor_map",
                {{"buffer", a.buffer},
                 {"element_bytes", a.map.elementBytes},
                 {"dims", {a.map.dims[0], a.map.dims[1]}},
                 {"row_stride_bytes", a.map.rowStrideBytes},
                 {"box", {a.map.box[0], a.map.box[1]}},
                 {"swizzle", a.map.swizzle}}}});
          break;
        }
      }
      je["launches"].push_back(jl);
    }
    root["entries"].push_back(je);
  }
  return root.dump(1);
}

} // namespace kiln::rt
