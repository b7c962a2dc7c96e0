//===- Png.h - 8-bit RGB PNG files for the examples -----------------------===//
//
// Through libpng's simplified API (Debian's libpng-dev). Files are written
// whole or not at all (encoded in memory, then renamed into place).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_EXAMPLES_COMMON_PNG_H
#define KILN_EXAMPLES_COMMON_PNG_H

#include "kiln/Runtime/Error.h"

#include <string>
#include <vector>

namespace kiln::examples {

/// An image of 8-bit RGB pixels, row-major.
struct RgbImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb; // 3 bytes per pixel
};

/// Any PNG libpng decodes, as RGB (alpha dropped, gray replicated), at most
/// 16384 pixels each way.
rt::Expected<RgbImage> readPng(const std::string &path);

/// Writes `image` as an 8-bit RGB PNG.
rt::Status writePng(const std::string &path, const RgbImage &image);

} // namespace kiln::examples

#endif // KILN_EXAMPLES_COMMON_PNG_H
