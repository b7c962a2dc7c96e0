//===- Png.cpp - 8-bit RGB PNG files for the examples ---------------------===//

#include "Png.h"

#include "kiln/Runtime/Files.h"

#include <png.h>

namespace kiln::examples {

rt::Expected<RgbImage> readPng(const std::string &path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str()))
    return rt::Error("cannot read the PNG '" + path + "': " + image.message);
  // RGBA, whose alpha is then dropped: PIL's convert("RGB") drops it too
  // (libpng's RGB output would composite onto a background instead).
  image.format = PNG_FORMAT_RGBA;
  if (image.width == 0 || image.height == 0 || image.width > 16384 || image.height > 16384) {
    png_image_free(&image);
    return rt::Error("PNG '" + path + "' is " + std::to_string(image.width) + " x " +
                     std::to_string(image.height) + " pixels (1 to 16384 each way)");
  }
  std::vector<png_byte> bytes(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, bytes.data(), 0, nullptr))
    return rt::Error("cannot decode the PNG '" + path + "': " + image.message);
  RgbImage out;
  out.width = int(image.width);
  out.height = int(image.height);
  out.rgb.resize(bytes.size() / 4 * 3);
  for (size_t p = 0; p < bytes.size() / 4; ++p)
    for (size_t c = 0; c < 3; ++c)
      out.rgb[p * 3 + c] = bytes[p * 4 + c];
  return out;
}

rt::Status writePng(const std::string &path, const RgbImage &rgb) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = png_uint_32(rgb.width);
  image.height = png_uint_32(rgb.height);
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, rgb.rgb.data(), 0, nullptr))
    return rt::Error("cannot encode " + path + ": " + image.message);
  std::vector<uint8_t> bytes(size);
  if (!png_image_write_to_memory(&image, bytes.data(), &size, 0, rgb.rgb.data(), 0, nullptr))
    return rt::Error("cannot encode " + path + ": " + image.message);
  bytes.resize(size);
  return rt::writeFileAtomically(path, bytes.data(), bytes.size());
}

} // namespace kiln::examples
