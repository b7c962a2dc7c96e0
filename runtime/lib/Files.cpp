//===- Files.cpp - whole-file reads and atomic writes ---------------------===//

#include "kiln/Runtime/Files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include <unistd.h>

namespace kiln::rt {

Expected<std::vector<uint8_t>> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in)
    return Error(path + ": cannot open: " + std::strerror(errno));
  std::streamoff size = in.tellg();
  if (size < 0)
    return Error(path + ": cannot read its size");
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  if (size > 0 && !in.read(reinterpret_cast<char *>(bytes.data()), size))
    return Error(path + ": read failed");
  return bytes;
}

Status writeFileAtomically(const std::string &path, const void *data,
                           size_t size) {
  std::random_device rd;
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(rd());
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    return Error(path + ": cannot create " + tmp + ": " + std::strerror(errno));
  bool ok = size == 0 || std::fwrite(data, 1, size, f) == size;
  ok = (std::fflush(f) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    std::remove(tmp.c_str());
    return Error(path + ": write failed: " + reason);
  }
  return Status::ok();
}

} // namespace kiln::rt
