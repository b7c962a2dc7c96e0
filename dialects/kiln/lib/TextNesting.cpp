//===- TextNesting.cpp - a bound on how deeply kiln text may nest ---------===//

#include "kiln/Dialect/Kiln/TextNesting.h"

std::optional<std::string>
mlir::kiln::textNestingError(llvm::StringRef text, llvm::StringRef name,
                             unsigned limit) {
  unsigned depth = 0, line = 1, column = 1;
  for (size_t i = 0; i < text.size(); ++i, ++column) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
    } else if (c == '"') { // a string literal, escapes included
      for (++i, ++column; i < text.size() && text[i] != '"'; ++i, ++column) {
        if (text[i] == '\\')
          ++i, ++column;
        else if (text[i] == '\n')
          ++line, column = 0;
      }
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > limit)
        return (name + ":" + llvm::Twine(line) + ":" + llvm::Twine(column) +
                ": brackets nest deeper than " + llvm::Twine(limit) +
                " levels; the parser would exhaust its stack")
            .str();
    } else if (c == ')' || c == ']' || c == '}' ||
               (c == '>' && !(i > 0 && text[i - 1] == '-'))) {
      if (depth > 0)
        --depth;
    }
  }
  return std::nullopt;
}
