//===- Registry.h - the model frontends by name ---------------------------===//
//
// What `kilnc compile|run --model NAME` offers: each frontend's entries, the
// shape flags it reads, how to build it from a config.json, and which shape
// flags the tensors given to an entry imply (so `kilnc run --inputs` need
// not repeat them, and a mismatch names the flag to change).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_MODELS_REGISTRY_H
#define KILN_FRONTEND_MODELS_REGISTRY_H

#include "kiln/Frontend/GraphBuilder.h"
#include "kiln/Runtime/Safetensors.h"

#include <map>
#include <string>
#include <vector>

namespace kiln::frontend {

/// The static shapes a model's graphs are built for (`--batch`,
/// `--seq-len`, `--height`, `--width`, `--cache-len`, `--decode-tokens`)
/// and the graph variants flags choose.
struct ModelShape {
  /// 0: the model's default (seq-len: 64, CLIP's max_position_embeddings;
  /// height / width: the config's image size, or 64).
  int64_t batch = 1, seqLen = 0, height = 0, width = 0;
  int64_t seqLenOr(int64_t fallback) const { return seqLen > 0 ? seqLen : fallback; }
  /// KV-cache rows (`--cache-len`; 0: the model's max_position_embeddings)
  /// and tokens per decode step (`--decode-tokens`).
  int64_t cacheLen = 0, decodeTokens = 1;
  /// `--s2-attn`: the forward entry uses LongLoRA's shifted sparse attention.
  bool s2Attn = false;
  /// `--fastgen`: add the prefill entry that compresses the KV cache.
  bool fastgen = false;
  /// `--pause-token-id` (−1: the config's, if any).
  int64_t pauseTokenId = -1;
  /// `--precision` (empty: as written): state kept across calls, such as KV
  /// caches, is declared in this type.
  std::string precision;
  /// `--cond-height`, `--cond-width`: the size of a conditioning image
  /// (stable-cascade-decoder's effnet input; 0: the model's default).
  int64_t condHeight = 0, condWidth = 0;
  /// The field behind a flag name ("--seq-len"), or null.
  int64_t *field(const std::string &flag);
};

/// A shape flag's value as an input tensor fixes it.
struct ImpliedFlag {
  std::string flag;   // "--seq-len"
  int64_t value;
  std::string reason; // "input_ids [2, 5] (L = 5)"
  /// A default for entries the inputs do not constrain (another entry's
  /// shape that must merely fit): a flag given keeps its value.
  bool onlyDefault = false;
};

using InputShapes = std::map<std::string, std::vector<int64_t>>;

struct ModelFrontend {
  std::string name;                    // --model NAME
  std::string description;             // for --help
  std::vector<std::string> entries;    // the first is the default
  std::vector<std::string> shapeFlags; // the ones it reads
  /// Reads the config and adds the model's functions to `b`.
  rt::Status (*build)(GraphBuilder &b, const std::string &config,
                      const ModelShape &shape);
  /// The shape flags that the tensors given to `entry` fix.
  rt::Expected<std::vector<ImpliedFlag>> (*implied)(const std::string &config,
                                                    const std::string &entry,
                                                    const InputShapes &inputs);
  /// Checks what the graph cannot: values of the tensors given to `entry`
  /// (token ids inside the vocabulary, cache rows inside the capacity).
  /// Null when every value is valid input.
  rt::Status (*checkInputs)(const std::string &config, const ModelShape &shape,
                            const std::string &entry,
                            const rt::TensorFile &inputs) = nullptr;
};

/// Every frontend, in the order --help lists them.
const std::vector<ModelFrontend> &modelFrontends();
/// The frontend called `name`, or null.
const ModelFrontend *findModelFrontend(const std::string &name);

} // namespace kiln::frontend

#endif // KILN_FRONTEND_MODELS_REGISTRY_H
