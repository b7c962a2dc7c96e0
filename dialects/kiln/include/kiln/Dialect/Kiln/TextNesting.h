//===- TextNesting.h - a bound on how deeply kiln text may nest -----------===//
//
// MLIR's parser recurses once per nested bracket, attribute or region, on
// the caller's stack: an attribute nested ten thousand levels deep overflows
// an 8 MiB main-thread stack and crashes the tool. The tools that read kiln
// text check its bracket nesting first and refuse text deeper than
// kMaxTextNesting with one located error. Real programs nest a few dozen
// levels.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_TEXTNESTING_H
#define KILN_DIALECT_KILN_TEXTNESTING_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::kiln {

constexpr unsigned kMaxTextNesting = 1000;

/// "<name>:<line>:<col>: brackets nest deeper than N levels ..." at the
/// first bracket past `limit` open ones in `text` — (), [], {} and <>, outside
/// string literals and // comments, with `->` not a closer — or nothing.
std::optional<std::string> textNestingError(llvm::StringRef text,
                                            llvm::StringRef name,
                                            unsigned limit = kMaxTextNesting);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_TEXTNESTING_H
