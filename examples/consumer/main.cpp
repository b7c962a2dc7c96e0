//===- main.cpp - run a .kiln artifact with the installed runtime ---------===//
//
//   kiln-consumer MODEL.kiln INPUTS.safetensors OUTPUT.safetensors [DEVICE]
//
// The smallest deployment program: no compiler, no MLIR; the runtime's C++
// API loads the artifact, opens a device (cpu unless told otherwise) and
// runs the `main` entry point on named tensors.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Session.h"

#include <cstdio>

int main(int argc, char **argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: kiln-consumer MODEL.kiln IN.safetensors "
                         "OUT.safetensors [cpu|cuda]\n");
    return 2;
  }
  using namespace kiln::rt;
  auto fail = [](const Error &e) {
    std::fprintf(stderr, "kiln-consumer: error: %s\n", e.message().c_str());
    return 1;
  };
  Expected<Model> model = Model::load(argv[1]);
  if (!model)
    return fail(model.error());
  Expected<std::shared_ptr<Device>> device = Device::open(argc > 4 ? argv[4] : "cpu");
  if (!device)
    return fail(device.error());
  Expected<Session> session = model->createSession(*device, "main");
  if (!session)
    return fail(session.error());
  Expected<TensorFile> inputs = readSafetensors(argv[2]);
  if (!inputs)
    return fail(inputs.error());
  Expected<TensorFile> outputs = session->run(*inputs);
  if (!outputs)
    return fail(outputs.error());
  if (Status s = writeSafetensors(argv[3], *outputs); !s)
    return fail(s.error());
  std::printf("ran %s on %s: %zu outputs\n", argv[1],
              (*device)->describe().c_str(), outputs->tensors.size());
  return 0;
}
