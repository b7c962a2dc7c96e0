//===- EmitterSupport.cpp - pieces shared by the kernel emitters ----------===//

#include "EmitterSupport.h"

#include <regex>
#include <sstream>
#include <vector>

namespace mlir::kiln::emit {

std::string pruneUnusedDeclarations(const std::string &source) {
  static const std::regex decl(
      R"(^\s*(?:const\s+[\w:]+|__shared__\s+[\w:]+)\s+(\w+)\s*(?:=|\[).*;\s*$)");
  std::vector<std::string> lines;
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, decl))
        continue;
      // A use is the name not preceded by a member access (`before.b`).
      std::regex use("(^|[^\\w.])" + m[1].str() + "\\b");
      bool used = false;
      for (size_t j = 0; j < lines.size() && !used; ++j)
        used = j != i && std::regex_search(lines[j], use);
      if (!used) {
        lines.erase(lines.begin() + i);
        changed = true;
        --i;
      }
    }
  }
  std::string out;
  for (const std::string &line : lines)
    out += line + "\n";
  return out;
}

} // namespace mlir::kiln::emit
