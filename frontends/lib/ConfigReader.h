//===- ConfigReader.h - a model's config.json, every key accounted for ----===//
//
// Private to the frontends. A frontend reads each key it honours through a
// typed getter (missing keys keep the defaults the frontend's struct holds:
// the Hugging Face / diffusers class defaults), names the keys that do not
// change what its graphs compute with `ignore`, and `finish` turns the first
// problem — a wrong type or range, a choice Kiln does not offer, or a key
// nobody read — into one error naming the file and the key. So a config is
// either computed as written or refused; never silently approximated.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_LIB_CONFIGREADER_H
#define KILN_FRONTEND_LIB_CONFIGREADER_H

#include "kiln/Runtime/Error.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace kiln::frontend {

class ConfigReader {
public:
  /// The JSON object in `path`; `model` names the model in errors.
  static rt::Expected<ConfigReader> open(const std::string &path,
                                         const std::string &model);

  /// Whether `key` is present and not null.
  bool has(const char *key) const;
  /// The raw value of `key` (marked read), or null when absent or null.
  const nlohmann::json *take(const char *key);

  // Typed getters: absent or null keeps `out`; a wrong type or a value out
  // of range records a problem naming the key and the value.
  void integer(const char *key, int64_t &out, int64_t min = 1);
  void number(const char *key, double &out, double min, bool minExclusive);
  void boolean(const char *key, bool &out);
  /// One of `allowed` (any string when `allowed` is empty).
  void string(const char *key, std::string &out,
              std::initializer_list<const char *> allowed = {});
  void integers(const char *key, std::vector<int64_t> &out, int64_t min = 1);
  /// An activation by transformers' ACT2FN name that Kiln builds.
  void activation(const char *key, std::string &out);

  /// Keys that, whatever their value, do not change what the graphs
  /// compute (initialization, training, generation or packaging settings;
  /// docs/models.md lists them per model).
  void ignore(std::initializer_list<const char *> keys);
  /// `key` may only hold `supported` (its class default); anything else is
  /// a configuration Kiln does not build.
  void only(const char *key, const nlohmann::json &supported);
  /// Records a problem (the first one is reported).
  void fail(const std::string &problem);
  bool ok() const { return problem_.empty(); }

  /// The first problem, else a key no getter read and no `ignore` named.
  rt::Status finish() const;

private:
  ConfigReader(nlohmann::json json, std::string path, std::string model)
      : json_(std::move(json)), path_(std::move(path)),
        model_(std::move(model)) {}

  nlohmann::json json_;
  std::string path_, model_;
  std::set<std::string> read_;
  std::string problem_;
};

} // namespace kiln::frontend

#endif // KILN_FRONTEND_LIB_CONFIGREADER_H
