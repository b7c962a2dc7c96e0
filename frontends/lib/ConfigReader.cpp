//===- ConfigReader.cpp - a model's config.json, every key accounted for --===//

#include "ConfigReader.h"

#include "Activation.h"

#include "kiln/Runtime/Files.h"

#include <cmath>

namespace kiln::frontend {

namespace {

/// Keys every Hugging Face or diffusers config may carry that describe the
/// file, the tokenizer's special ids or generation defaults, never the
/// network's arithmetic.
constexpr const char *kPackagingKeys[] = {
    "_name_or_path", "_class_name", "_diffusers_version", "architectures",
    "model_type", "transformers_version", "torch_dtype", "dtype",
    "bos_token_id", "eos_token_id", "pad_token_id", "use_cache",
    "initializer_range", "return_dict", "output_hidden_states",
    "output_attentions", "id2label", "label2id", "tokenizer_class",
    "task_specific_params", "problem_type"};

} // namespace

rt::Expected<ConfigReader> ConfigReader::open(const std::string &path,
                                              const std::string &model) {
  rt::Expected<std::vector<uint8_t>> text = rt::readFile(path);
  if (!text)
    return rt::Error("cannot read the " + model + " config: " +
                     text.error().message());
  nlohmann::json j = nlohmann::json::parse(text->begin(), text->end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (j.is_discarded())
    return rt::Error(model + " config '" + path + "' is not valid JSON");
  if (!j.is_object())
    return rt::Error(model + " config '" + path + "' is not a JSON object (got " +
                     std::string(j.type_name()) + ")");
  ConfigReader reader(std::move(j), path, model);
  for (const char *key : kPackagingKeys)
    reader.read_.insert(key);
  return reader;
}

bool ConfigReader::has(const char *key) const {
  return json_.contains(key) && !json_[key].is_null();
}

const nlohmann::json *ConfigReader::take(const char *key) {
  read_.insert(key);
  return has(key) ? &json_[key] : nullptr;
}

void ConfigReader::fail(const std::string &problem) {
  if (problem_.empty())
    problem_ = problem;
}

void ConfigReader::integer(const char *key, int64_t &out, int64_t min) {
  const nlohmann::json *v = take(key);
  if (!v)
    return;
  if (!v->is_number_integer() || v->get<int64_t>() < min)
    return fail(std::string(key) + " must be an integer ≥ " + std::to_string(min) +
                ", got " + v->dump());
  out = v->get<int64_t>();
}

void ConfigReader::number(const char *key, double &out, double min,
                          bool minExclusive) {
  const nlohmann::json *v = take(key);
  if (!v)
    return;
  double x = v->is_number() ? v->get<double>() : NAN;
  if (!std::isfinite(x) || x < min || (minExclusive && x == min))
    return fail(std::string(key) + " must be a finite number " +
                (minExclusive ? "> " : "≥ ") + nlohmann::json(min).dump() +
                ", got " + v->dump());
  out = x;
}

void ConfigReader::boolean(const char *key, bool &out) {
  const nlohmann::json *v = take(key);
  if (!v)
    return;
  if (!v->is_boolean())
    return fail(std::string(key) + " must be true or false, got " + v->dump());
  out = v->get<bool>();
}

void ConfigReader::string(const char *key, std::string &out,
                          std::initializer_list<const char *> allowed) {
  const nlohmann::json *v = take(key);
  if (!v)
    return;
  if (!v->is_string())
    return fail(std::string(key) + " must be a string, got " + v->dump());
  std::string s = v->get<std::string>();
  if (allowed.size() != 0) {
    std::string list;
    bool found = false;
    for (const char *a : allowed) {
      found |= s == a;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    if (!found)
      return fail(std::string(key) + " " + v->dump() +
                  " is not supported (supported: " + list + ")");
  }
  out = s;
}

void ConfigReader::integers(const char *key, std::vector<int64_t> &out,
                            int64_t min) {
  const nlohmann::json *v = take(key);
  if (!v)
    return;
  if (!v->is_array() || v->empty())
    return fail(std::string(key) + " must be a non-empty list of integers, got " +
                v->dump());
  std::vector<int64_t> values;
  for (const nlohmann::json &e : *v) {
    if (!e.is_number_integer() || e.get<int64_t>() < min)
      return fail(std::string(key) + " holds " + e.dump() + "; entries must be integers ≥ " +
                  std::to_string(min));
    values.push_back(e.get<int64_t>());
  }
  out = std::move(values);
}

void ConfigReader::activation(const char *key, std::string &out) {
  std::string name = out;
  string(key, name);
  if (!isSupportedActivation(name))
    return fail(std::string(key) + " \"" + name + "\" is not supported (supported: " +
                supportedActivations() + ")");
  out = name;
}

void ConfigReader::ignore(std::initializer_list<const char *> keys) {
  for (const char *k : keys)
    read_.insert(k);
}

void ConfigReader::only(const char *key, const nlohmann::json &supported) {
  const nlohmann::json *v = take(key);
  if (v && *v != supported)
    fail(std::string(key) + " " + v->dump() + " is not supported (only " +
         supported.dump() + " is)");
}

rt::Status ConfigReader::finish() const {
  if (!problem_.empty())
    return rt::Error(model_ + " config '" + path_ + "': " + problem_);
  for (const auto &[key, value] : json_.items())
    if (!read_.count(key))
      return rt::Error(model_ + " config '" + path_ + "': key '" + key + "' (" +
                       value.dump() +
                       ") is unknown to Kiln's " + model_ +
                       " frontend, which refuses what it would otherwise ignore");
  return rt::Status::ok();
}

} // namespace kiln::frontend
