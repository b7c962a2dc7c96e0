//===- Session.cpp - load a model and run its entry points ----------------===//

#include "kiln/Runtime/Session.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>

namespace kiln::rt {

struct Session::Impl {
  std::shared_ptr<const Artifact> artifact;
  std::shared_ptr<Device> device;
  const EntryInfo *entry = nullptr;
  bool useGraphs = true;

  std::vector<DevicePtr> owned;          // every allocation, freed at the end
  std::vector<DevicePtr> bufferAddress;  // per plan buffer
  std::vector<std::shared_ptr<LoadedKernel>> kernels; // per manifest kernel
  std::vector<bool> inputSeen;           // per input: uploaded at least once
  /// Argument storage per launch: values, then pointers to them. A tensor
  /// map's value is its index in `tensorMaps`, whose image it points at.
  std::vector<std::vector<uint64_t>> argValues;
  std::vector<std::vector<void *>> argPointers;
  std::vector<std::unique_ptr<TensorMapImage>> tensorMaps;
  std::shared_ptr<LaunchGraph> graph;
  bool graphTried = false;

  ~Impl() {
    for (DevicePtr p : owned)
      device->release(p);
  }

  Expected<DevicePtr> allocate(size_t bytes) {
    Expected<DevicePtr> p = device->allocate(bytes);
    if (p)
      owned.push_back(*p);
    return p;
  }

  Status prepare() {
    const EntryInfo &e = *entry;
    const Artifact &a = *artifact;
    std::map<std::string, DevicePtr> weightBuffers;
    DevicePtr arena = 0;
    if (e.arenaBytes > 0) {
      Expected<DevicePtr> p = allocate(e.arenaBytes);
      if (!p)
        return p.error();
      arena = *p;
    }
    std::vector<DevicePtr> inputBuffers;
    for (const TensorInfo &t : e.inputs) {
      Expected<DevicePtr> p = allocate(t.byteSize());
      if (!p)
        return p.error();
      inputBuffers.push_back(*p);
    }
    inputSeen.assign(e.inputs.size(), false);
    for (const BufferInfo &b : e.buffers) {
      switch (b.kind) {
      case BufferInfo::Kind::Input:
        bufferAddress.push_back(inputBuffers[b.input]);
        break;
      case BufferInfo::Kind::Arena:
        bufferAddress.push_back(arena + b.offset);
        break;
      case BufferInfo::Kind::Weight: {
        auto it = weightBuffers.find(b.weight);
        if (it == weightBuffers.end()) {
          const HostTensor *w = a.weights.find(b.weight);
          if (!w)
            return Error("weight '" + b.weight + "' is not in the artifact");
          Expected<DevicePtr> p = allocate(w->bytes.size());
          if (!p)
            return p.error();
          if (Status s = device->copyToDevice(*p, w->bytes.data(), w->bytes.size());
              !s)
            return s.error().withContext("uploading weight '" + b.weight + "'");
          it = weightBuffers.emplace(b.weight, *p).first;
        }
        bufferAddress.push_back(it->second);
        break;
      }
      }
    }
    // The entry's kernels, loaded together (the cpu device compiles the
    // ones it has not cached in one go).
    kernels.resize(a.manifest.kernels.size());
    std::vector<uint32_t> used;
    std::vector<const KernelInfo *> infos;
    for (const LaunchInfo &l : e.launches)
      if (std::find(used.begin(), used.end(), l.kernel) == used.end()) {
        used.push_back(l.kernel);
        infos.push_back(&a.manifest.kernels[l.kernel]);
      }
    Expected<std::vector<std::shared_ptr<LoadedKernel>>> loaded =
        device->loadKernels(infos, a);
    if (!loaded)
      return loaded.error();
    for (size_t i = 0; i < used.size(); ++i)
      kernels[used[i]] = (*loaded)[i];
    for (const LaunchInfo &l : e.launches) {
      std::vector<uint64_t> values;
      for (const LaunchArg &arg : l.args) {
        uint64_t v = 0;
        switch (arg.kind) {
        case ParamKind::Pointer:
          v = bufferAddress[arg.buffer];
          break;
        case ParamKind::I32: {
          int32_t i = static_cast<int32_t>(arg.intValue);
          std::memcpy(&v, &i, 4);
          break;
        }
        case ParamKind::I64:
          std::memcpy(&v, &arg.intValue, 8);
          break;
        case ParamKind::F32:
          std::memcpy(&v, &arg.floatValue, 4);
          break;
        case ParamKind::TensorMap: {
          // Every buffer's address is fixed for the session (inputs are
          // copied into buffers it owns), so each map is encoded once.
          Expected<TensorMapImage> map =
              device->encodeTensorMap(arg.map, bufferAddress[arg.buffer]);
          if (!map)
            return map.error().withContext(
                "entry '" + e.name + "' launch " +
                std::to_string(argValues.size()) + " (" +
                a.manifest.kernels[l.kernel].name + "), argument " +
                std::to_string(values.size()));
          v = tensorMaps.size();
          tensorMaps.push_back(std::make_unique<TensorMapImage>(*map));
          break;
        }
        }
        values.push_back(v);
      }
      argValues.push_back(std::move(values));
    }
    // Pointers into argValues, taken once the vectors no longer move.
    for (size_t li = 0; li < argValues.size(); ++li) {
      std::vector<void *> ptrs;
      for (size_t i = 0; i < argValues[li].size(); ++i) {
        uint64_t &v = argValues[li][i];
        ptrs.push_back(e.launches[li].args[i].kind == ParamKind::TensorMap
                           ? static_cast<void *>(tensorMaps[v]->bytes)
                           : static_cast<void *>(&v));
      }
      argPointers.push_back(std::move(ptrs));
    }
    return Status::ok();
  }

  Status launchEach() {
    for (size_t i = 0; i < entry->launches.size(); ++i) {
      const LaunchInfo &l = entry->launches[i];
      if (Status s = device->launch(*kernels[l.kernel], l, argPointers[i].data());
          !s)
        return s.error().withContext("entry '" + entry->name + "' launch " +
                                     std::to_string(i));
    }
    return Status::ok();
  }
};

Expected<Model> Model::load(const std::string &path) {
  Expected<Artifact> a = Artifact::load(path);
  if (!a)
    return a.error();
  return fromArtifact(std::move(*a));
}

Model Model::fromArtifact(Artifact artifact) {
  Model m;
  m.artifact_ = std::make_shared<const Artifact>(std::move(artifact));
  return m;
}

Expected<Session> Model::createSession(std::shared_ptr<Device> device,
                                       const std::string &entry,
                                       bool useGraphs) const {
  const EntryInfo *e = artifact_->manifest.findEntry(entry);
  if (!e) {
    std::string names;
    for (const EntryInfo &x : artifact_->manifest.entries)
      names += (names.empty() ? "" : ", ") + x.name;
    return Error("no entry point '" + entry + "' (entries: " + names + ")");
  }
  auto impl = std::make_unique<Session::Impl>();
  impl->artifact = artifact_;
  impl->device = std::move(device);
  impl->entry = e;
  impl->useGraphs = useGraphs;
  if (Status s = impl->prepare(); !s)
    return s.error();
  return Session(std::move(impl));
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::Session(Session &&) noexcept = default;
Session &Session::operator=(Session &&) noexcept = default;
Session::~Session() = default;

const EntryInfo &Session::entry() const { return *impl_->entry; }
Device &Session::device() const { return *impl_->device; }

Status Session::setInputs(const TensorFile &inputs) {
  const EntryInfo &e = *impl_->entry;
  std::set<std::string> known;
  for (const TensorInfo &t : e.inputs)
    known.insert(t.name);
  for (const std::string &name : inputs.names())
    if (!known.count(name)) {
      std::string expected;
      for (const TensorInfo &t : e.inputs)
        expected += (expected.empty() ? "" : ", ") + t.name + ": " +
                    dtypeName(t.dtype) + formatShape(t.shape);
      return Error("unexpected input '" + name + "' (expected " + expected +
                   ")");
    }
  for (size_t i = 0; i < e.inputs.size(); ++i) {
    const TensorInfo &t = e.inputs[i];
    const HostTensor *h = inputs.find(t.name);
    if (!h) {
      bool tied = false;
      for (const TensorInfo &o : e.outputs)
        tied = tied || (o.tiedInput && *o.tiedInput == static_cast<int64_t>(i));
      if (tied && impl_->inputSeen[i])
        continue; // state carried over from the previous run
      return Error("missing input '" + t.name + "' (" + dtypeName(t.dtype) +
                   formatShape(t.shape) + ")" +
                   (tied ? "; a tied state input may be omitted only after "
                           "the first run"
                         : ""));
    }
    if (h->dtype != t.dtype || h->shape != t.shape)
      return Error("input '" + t.name + "' is " + h->describe() +
                   ", expected " + dtypeName(t.dtype) + formatShape(t.shape));
    if (Status s = impl_->device->copyToDevice(impl_->bufferAddress[t.buffer],
                                               h->bytes.data(), h->bytes.size());
        !s)
      return s.error().withContext("input '" + t.name + "'");
    impl_->inputSeen[i] = true;
  }
  return Status::ok();
}

Status Session::launchAll() {
  Impl &s = *impl_;
  if (s.useGraphs && !s.graphTried) {
    s.graphTried = true;
    Expected<std::shared_ptr<LaunchGraph>> g =
        s.device->capture([&] { return s.launchEach(); });
    if (!g)
      return g.error();
    s.graph = *g;
    if (!s.graph)
      return s.launchEach(); // the device records nothing: run directly
  }
  if (s.graph)
    return s.device->replay(*s.graph);
  return s.launchEach();
}

Expected<TensorFile> Session::readOutputs() {
  if (Status s = impl_->device->synchronize(); !s)
    return s.error();
  TensorFile out;
  for (const TensorInfo &t : impl_->entry->outputs) {
    HostTensor h = HostTensor::zeros(t.dtype, t.shape);
    if (Status s = impl_->device->copyToHost(
            h.bytes.data(), impl_->bufferAddress[t.buffer], h.bytes.size());
        !s)
      return s.error().withContext("output '" + t.name + "'");
    out.tensors.emplace_back(t.name, std::move(h));
  }
  return out;
}

Expected<TensorFile> Session::run(const TensorFile &inputs) {
  if (Status s = setInputs(inputs); !s)
    return s.error();
  if (Status s = launchAll(); !s)
    return s.error();
  return readOutputs();
}

} // namespace kiln::rt
