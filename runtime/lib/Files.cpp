//===- Files.cpp - whole-file reads and atomic writes ---------------------===//

#include "kiln/Runtime/Files.h"

#include "kiln/Runtime/Tensor.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <random>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace kiln::rt {

Expected<std::vector<uint8_t>> readFile(const std::string &path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error(path + ": cannot open: " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0)
    return Error(path + ": cannot stat: " + std::strerror(errno));
  // A directory opens for reading on Linux and reports a size that is no
  // size at all; a stream over it fails only inside the read.
  if (S_ISDIR(st.st_mode))
    return Error(path + ": is a directory, not a file");
  // A regular file is read at its size; pipes and devices until EOF. The
  // size is checked first: tools that link LLVM abort on a failed
  // allocation instead of throwing.
  const bool regular = S_ISREG(st.st_mode);
  if (regular) {
    Expected<uint64_t> fits = checkHostBytes(static_cast<int64_t>(st.st_size),
                                             1, "reading " + path);
    if (!fits)
      return fits.error();
  }
  std::vector<uint8_t> bytes;
  size_t done = 0;
  try {
    if (regular)
      bytes.resize(static_cast<size_t>(st.st_size));
    for (;;) {
      if (done == bytes.size()) {
        if (regular)
          break;
        bytes.resize(std::max<size_t>(65536, 2 * done));
      }
      ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return Error(path + ": read failed: " + std::strerror(errno));
      if (got == 0)
        break;
      done += static_cast<size_t>(got);
    }
    bytes.resize(done);
  } catch (const std::bad_alloc &) {
    return Error(path + ": cannot allocate " +
                 std::to_string(regular ? static_cast<size_t>(st.st_size)
                                        : 2 * done) +
                 " bytes to read it");
  }
  return bytes;
}

namespace {

/// When this process started (taken at static initialization).
const struct timespec kProcessStart = [] {
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now;
}();

/// The writer's pid in `name` at `at` (digits up to the next '.', at most
/// nine of them), or 0.
pid_t pidAt(const std::string &name, size_t at) {
  size_t end = at;
  while (end < name.size() && name[end] >= '0' && name[end] <= '9')
    ++end;
  if (end == at || end - at > 9 || end >= name.size() || name[end] != '.')
    return 0;
  return static_cast<pid_t>(std::stol(name.substr(at, end - at)));
}

/// Removes `dir`/`name`, written by `pid`, if that process is gone and the
/// file predates this process.
void removeIfStale(const std::string &dir, const std::string &name, pid_t pid) {
  if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH)
    return; // its writer may still run
  const std::string file = (dir.empty() ? "" : dir + "/") + name;
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return;
  const bool older = st.st_mtim.tv_sec < kProcessStart.tv_sec ||
                     (st.st_mtim.tv_sec == kProcessStart.tv_sec &&
                      st.st_mtim.tv_nsec < kProcessStart.tv_nsec);
  if (older)
    std::remove(file.c_str());
}

/// Calls `visit(name, isDirectory)` for each entry of `dir` but . and ..
template <typename Visit> void forEachEntry(const std::string &dir, Visit visit) {
  DIR *d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (!d)
    return;
  while (struct dirent *e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..")
      continue;
    bool isDirectory = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) { // file systems that do not say
      struct stat st;
      const std::string path = (dir.empty() ? "" : dir + "/") + name;
      isDirectory = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    visit(name, isDirectory);
  }
  ::closedir(d);
}

} // namespace

void removeStaleTemporaries(const std::string &dir, const std::string &prefix) {
  forEachEntry(dir, [&](const std::string &name, bool) {
    if (name.compare(0, prefix.size(), prefix) == 0)
      removeIfStale(dir, name, pidAt(name, prefix.size()));
  });
}

void removeStaleTemporariesIn(const std::string &dir, int depth) {
  forEachEntry(dir, [&](const std::string &name, bool isDirectory) {
    if (isDirectory) {
      if (depth > 0)
        removeStaleTemporariesIn(dir + "/" + name, depth - 1);
      return;
    }
    // The first `.<pid>.` field that a field of digits follows:
    // `<stem>.<pid>.<n>[.<rest>]`.
    for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
      const pid_t pid = pidAt(name, dot + 1);
      const size_t next = name.find('.', dot + 1);
      const size_t end = std::min(name.find('.', next + 1), name.size());
      if (pid > 0 && end > next + 1 &&
          name.find_first_not_of("0123456789", next + 1) >= end) {
        removeIfStale(dir, name, pid);
        return;
      }
    }
  });
}

Status writeFileAtomically(const std::string &path, const void *data,
                           size_t size) {
  const size_t slash = path.rfind('/');
  removeStaleTemporaries(slash == std::string::npos ? "" : path.substr(0, slash),
                         path.substr(slash == std::string::npos ? 0 : slash + 1) +
                             ".tmp.");
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
