//===- ConfigFile.h - reading a model's config.json -----------------------===//
//
// Private to the frontends: every model reads a JSON object of hyper-
// parameters, with one error naming the file when it cannot.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_LIB_CONFIGFILE_H
#define KILN_FRONTEND_LIB_CONFIGFILE_H

#include "kiln/Runtime/Error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace kiln::frontend {

/// The JSON object in `path`; `model` names the model in errors.
inline rt::Expected<nlohmann::json> readConfigObject(const std::string &path,
                                                      const std::string &model) {
  std::ifstream in(path);
  if (!in)
    return rt::Error("cannot read the " + model + " config '" + path + "'");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return rt::Error(model + " config '" + path + "' is not valid JSON");
  if (!j.is_object())
    return rt::Error(model + " config '" + path + "' is not a JSON object (got " +
                     std::string(j.type_name()) + ")");
  return j;
}

} // namespace kiln::frontend

#endif // KILN_FRONTEND_LIB_CONFIGFILE_H
