//===- Session.h - load a model and run its entry points ------------------===//
//
//   auto model = kiln::rt::Model::load("vae.kiln");
//   auto device = kiln::rt::Device::open("cuda:0");
//   auto session = model->createSession(*device, "main");
//   auto outputs = session->run(inputs);   // named tensors in and out
//
// A session owns its device buffers: the uploaded weights, one buffer per
// input, and the arena every intermediate and output lives in. A result tied
// to an input (kiln.tied: KV caches, SSM states) is updated in place, so a
// later run may omit that input and the state carries over. On devices with
// graphs (cuda) the launches are captured on the first run and replayed.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_SESSION_H
#define KILN_RUNTIME_SESSION_H

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Device.h"
#include "kiln/Runtime/Safetensors.h"

#include <memory>
#include <string>
#include <vector>

namespace kiln::rt {

class Session;

class Model {
public:
  static Expected<Model> load(const std::string &path);
  static Model fromArtifact(Artifact artifact);

  const Manifest &manifest() const { return artifact_->manifest; }
  const Artifact &artifact() const { return *artifact_; }

  /// Uploads the weights the entry uses and loads its kernels on `device`.
  Expected<Session> createSession(std::shared_ptr<Device> device,
                                  const std::string &entry = "main",
                                  bool useGraphs = true) const;

private:
  std::shared_ptr<const Artifact> artifact_;
};

class Session {
public:
  Session(Session &&) noexcept;
  Session &operator=(Session &&) noexcept;
  ~Session();

  const EntryInfo &entry() const;
  Device &device() const;

  /// Copies the given inputs (all of them on the first run; afterwards an
  /// input that a result is tied to may be omitted), runs every launch and
  /// returns the outputs by name.
  Expected<TensorFile> run(const TensorFile &inputs);

  /// Lower level, for benchmarks: upload inputs, then launch without copies.
  Status setInputs(const TensorFile &inputs);
  Status launchAll();
  Expected<TensorFile> readOutputs();

private:
  friend class Model;
  struct Impl;
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace kiln::rt

#endif // KILN_RUNTIME_SESSION_H
