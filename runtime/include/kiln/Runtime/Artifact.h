//===- Artifact.h - the .kiln artifact: manifest, kernels, weights --------===//
//
// One versioned file holding everything a model needs at run time:
//
//   offset 0   magic "\x89KLN\r\n\x1a\n", u32 format version, u32 section
//              count, u64 file size, u64 checksum of the header and section
//              table (FNV-1a 64)
//   offset 32  section table: {u32 kind, u32 reserved, u64 offset, u64 size,
//              u64 checksum} per section
//   sections   64-byte aligned (mmap-friendly): the manifest (JSON), the
//              kernel blob (CUDA sources, PTX and cubins addressed by byte
//              ranges), and the weights (a safetensors image), unless the
//              manifest names an external weights file.
//
// The manifest lists entry points (inputs, outputs and tied results, the
// buffer plan with its arena, the launches with grid, block and arguments),
// kernels and the weight index. Reading checks everything a truncated,
// corrupted or newer-format file could get wrong (sizes, offsets, checksums,
// buffer bounds, launch arguments) and names the file and the field in its
// error. It cannot make a hostile file safe to run: an artifact is a program,
// and its kernels execute with the caller's rights (as host code on the cpu
// device). Run only artifacts you would run as executables. Writing goes
// through the same code as the compiler's, atomically.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_ARTIFACT_H
#define KILN_RUNTIME_ARTIFACT_H

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Safetensors.h"
#include "kiln/Runtime/TensorMapBits.h"
#include "kiln/Runtime/Tensor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiln::rt {

/// The newest format this runtime reads and the one it writes.
constexpr uint32_t kArtifactFormatVersion = 1;

/// A byte range inside the kernel blob.
struct BlobRange {
  uint64_t offset = 0;
  uint64_t size = 0;
};

/// Kinds of kernel parameters, in declaration order. A TensorMap is a
/// 128-byte `const __grid_constant__ kiln::TensorMap` (kiln_tma.cuh): the
/// TMA view of a buffer, which the device encodes when a session prepares
/// its launches (cuTensorMapEncodeTiled on the GPU).
enum class ParamKind { Pointer, I32, I64, F32, TensorMap };
const char *paramKindName(ParamKind kind);

struct KernelImage {
  std::string arch; // "sm_90"
  BlobRange range;
};

/// A compiled kernel: its CUDA C++ source (always; the CPU device compiles
/// it), PTX and cubins per architecture (optional), and its parameter list.
struct KernelInfo {
  std::string name; // the extern "C" __global__ function
  BlobRange source;
  std::optional<BlobRange> ptx;
  std::vector<KernelImage> cubins;
  std::vector<ParamKind> params;
  /// Floating-point operations of its matrix work, two per multiply-add
  /// (0: none, or unknown in artifacts that predate the count); the SASS
  /// report's compute-bound estimate reads it.
  uint64_t flops = 0;
};

/// One launch argument: a buffer of the plan, a scalar, or a tensor map
/// of a buffer.
struct LaunchArg {
  ParamKind kind = ParamKind::Pointer;
  int64_t buffer = -1; // for Pointer and TensorMap
  int64_t intValue = 0;
  float floatValue = 0;
  tensormap::Layout2d map; // for TensorMap: the view of the buffer
};

struct LaunchInfo {
  uint32_t kernel = 0;
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block[3] = {1, 1, 1};
  uint32_t sharedBytes = 0; // dynamic shared memory
  std::vector<LaunchArg> args;
};

/// Where a buffer of the plan lives.
struct BufferInfo {
  enum class Kind { Input, Weight, Arena };
  Kind kind = Kind::Arena;
  int64_t input = -1;  // Input: index into the entry's inputs
  std::string weight;  // Weight: name in the weight index
  uint64_t offset = 0; // Arena: byte offset
  uint64_t bytes = 0;  // Arena: size
};

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  int64_t buffer = -1;
  std::optional<int64_t> tiedInput; // outputs: the input whose buffer it reuses

  uint64_t byteSize() const;
};

/// Largest arena an entry may ask for; any real device is far smaller, and the
/// bound keeps size arithmetic (alignment rounding) from wrapping.
constexpr uint64_t kMaxArenaBytes = uint64_t(1) << 52;

struct EntryInfo {
  std::string name;
  std::vector<TensorInfo> inputs, outputs;
  std::vector<BufferInfo> buffers;
  uint64_t arenaBytes = 0;
  std::vector<LaunchInfo> launches;
};

struct WeightInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
};

struct Manifest {
  uint32_t formatVersion = kArtifactFormatVersion;
  std::string compilerVersion;
  std::vector<KernelInfo> kernels;
  std::vector<EntryInfo> entries;
  std::vector<WeightInfo> weights;
  std::string weightsFile; // empty: the weights are embedded

  const EntryInfo *findEntry(const std::string &name) const;
};

/// A loaded (or to-be-written) artifact.
struct Artifact {
  Manifest manifest;
  std::vector<uint8_t> blob; // kernel sources, PTX, cubins
  TensorFile weights;        // embedded weights (empty when external)

  /// Bytes of a blob range (validated on load).
  std::string blobString(BlobRange range) const;

  /// Parses and validates an artifact image; `displayName` prefixes errors.
  static Expected<Artifact> parse(const uint8_t *data, size_t size,
                                  const std::string &displayName);
  /// Reads a file; an external weights file is resolved relative to it.
  static Expected<Artifact> load(const std::string &path);

  /// Checks the manifest's internal consistency (indices, sizes, kinds).
  Status validate() const;
  /// Serializes (validating first).
  Expected<std::vector<uint8_t>> serialize() const;
  /// Writes atomically.
  Status write(const std::string &path) const;

  /// Appends bytes to the blob, returning their range (for writers).
  BlobRange appendBlob(const void *data, size_t size);
};

/// FNV-1a 64-bit hash (section checksums, cache keys).
uint64_t fnv1a64(const void *data, size_t size, uint64_t seed = 0xcbf29ce484222325ull);

} // namespace kiln::rt

#endif // KILN_RUNTIME_ARTIFACT_H
