//===- TensorMapTest.cpp - tensor-map kernel parameters -------------------===//
//
// An artifact whose kernel takes a tensor map (ParamKind::TensorMap): the
// manifest carries the map's layout, validation holds it to the TMA rules
// and to its buffer, the session has the device encode it once, and on the
// cpu device a TMA tile load through it lands the box, zero-filled past
// the tensor and in the map's swizzle. The expected tile comes from the
// input and this file's own reading of the 128-byte swizzle.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Device.h"
#include "kiln/Runtime/Session.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kiln::rt;

namespace {

constexpr int kRows = 40, kCols = 64; // the tensor: 40 rows of 64 u16
constexpr int kBoxRows = 16;          // the box: 16 rows of 64 (128 bytes)

const char *kTileLoad = R"cuda(
#include "kiln_device.cuh"
#include "kiln_hopper_sync.cuh"
#include "kiln_tma.cuh"

// One thread loads the 16 x 64 box at (0, c1) through the map; every thread
// waits for its bytes, then copies shared memory out as it lies (swizzled).
extern "C" __global__ void __launch_bounds__(128)
tile_load(const __grid_constant__ kiln::TensorMap map, unsigned char *out,
          int c1) {
  KILN_DYNAMIC_SHARED(unsigned char, tile);
  __shared__ uint64_t full;
  if (threadIdx.x == 0)
    kiln::mbarrier_init(&full, 1);
  __syncthreads();
  if (threadIdx.x == 0) {
    kiln::mbarrier_arrive_expect_tx(&full, 16 * 128);
    kiln::tma_load_2d(tile, &map, 0, c1, &full);
  }
  kiln::mbarrier_wait_parity(&full, 0);
  for (int i = threadIdx.x; i < 16 * 128; i += 128)
    out[i] = tile[i];
}
)cuda";

/// A one-launch artifact: x [kRows, kCols] of 16-bit patterns (as bf16) in, the raw box
/// out, the map's layout `map` and box row `c1` as given.
Artifact tileArtifact(const kiln::tensormap::Layout2d &map, int c1) {
  Artifact a;
  Manifest &m = a.manifest;
  m.compilerVersion = "hand-written test artifact";
  KernelInfo k;
  k.name = "tile_load";
  k.source = a.appendBlob(kTileLoad, std::strlen(kTileLoad));
  k.params = {ParamKind::TensorMap, ParamKind::Pointer, ParamKind::I32};
  m.kernels.push_back(k);
  EntryInfo e;
  e.name = "main";
  e.inputs.push_back({"x", DType::BF16, {kRows, kCols}, 0, std::nullopt});
  e.outputs.push_back({"tile", DType::U8, {kBoxRows * 128}, 1, std::nullopt});
  BufferInfo in;
  in.kind = BufferInfo::Kind::Input;
  in.input = 0;
  BufferInfo out;
  out.kind = BufferInfo::Kind::Arena;
  out.offset = 0;
  out.bytes = kBoxRows * 128;
  e.buffers = {in, out};
  e.arenaBytes = out.bytes;
  LaunchInfo l;
  l.kernel = 0;
  l.block[0] = 128;
  l.sharedBytes = kBoxRows * 128;
  LaunchArg mapArg;
  mapArg.kind = ParamKind::TensorMap;
  mapArg.buffer = 0;
  mapArg.map = map;
  LaunchArg outArg;
  outArg.buffer = 1;
  LaunchArg rowArg;
  rowArg.kind = ParamKind::I32;
  rowArg.intValue = c1;
  l.args = {mapArg, outArg, rowArg};
  e.launches.push_back(l);
  m.entries.push_back(e);
  return a;
}

/// The map of the whole tensor in 16 x 64 boxes, 128-byte swizzle.
kiln::tensormap::Layout2d tensorMap() {
  kiln::tensormap::Layout2d l;
  l.elementBytes = 2;
  l.dims[0] = kCols;
  l.dims[1] = kRows;
  l.rowStrideBytes = kCols * 2;
  l.box[0] = kCols;
  l.box[1] = kBoxRows;
  l.swizzle = 3;
  return l;
}

class TensorMapTest : public ::testing::Test {
protected:
  void SetUp() override {
    options.cacheDir = ::testing::TempDir() + "/kiln-tensor-map-test-cache";
  }
  DeviceOptions options;
};

} // namespace

TEST_F(TensorMapTest, RoundTripsThroughTheManifest) {
  Artifact a = tileArtifact(tensorMap(), 32);
  Expected<std::vector<uint8_t>> bytes = a.serialize();
  ASSERT_TRUE(bytes) << bytes.error().message();
  Expected<Artifact> back = Artifact::parse(bytes->data(), bytes->size(), "t");
  ASSERT_TRUE(back) << back.error().message();
  const LaunchArg &arg = back->manifest.entries[0].launches[0].args[0];
  EXPECT_EQ(arg.kind, ParamKind::TensorMap);
  EXPECT_EQ(arg.buffer, 0);
  EXPECT_EQ(arg.map.elementBytes, 2u);
  EXPECT_EQ(arg.map.dims[0], uint64_t(kCols));
  EXPECT_EQ(arg.map.dims[1], uint64_t(kRows));
  EXPECT_EQ(arg.map.rowStrideBytes, uint64_t(kCols * 2));
  EXPECT_EQ(arg.map.box[1], uint32_t(kBoxRows));
  EXPECT_EQ(arg.map.swizzle, 3u);
}

TEST_F(TensorMapTest, MapsOutsideTheRulesOrTheirBufferAreRejected) {
  auto refusal = [](kiln::tensormap::Layout2d map) {
    Status s = tileArtifact(map, 0).validate();
    return s ? std::string() : s.error().message();
  };
  kiln::tensormap::Layout2d tall = tensorMap();
  tall.dims[1] = kRows + 1; // one row past the input
  EXPECT_NE(refusal(tall).find("(a tensor map of buffer 0) spans 5248 bytes "
                               "of a 5120-byte buffer"),
            std::string::npos)
      << refusal(tall);
  kiln::tensormap::Layout2d narrow = tensorMap();
  narrow.box[0] = 32; // 64-byte rows under a 128-byte swizzle
  EXPECT_NE(refusal(narrow).find(
                "a swizzled box's rows must be exactly the swizzle span"),
            std::string::npos)
      << refusal(narrow);
  kiln::tensormap::Layout2d strided = tensorMap();
  strided.rowStrideBytes = 120;
  EXPECT_NE(refusal(strided).find("multiple of 16 bytes"), std::string::npos)
      << refusal(strided);
}

TEST_F(TensorMapTest, TileLoadsThroughTheMapOnTheCpuDevice) {
  Model model = Model::fromArtifact(tileArtifact(tensorMap(), 32));
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu) << cpu.error().message();
  Expected<Session> session = model.createSession(*cpu, "main");
  ASSERT_TRUE(session) << session.error().message();
  HostTensor x = HostTensor::zeros(DType::BF16, {kRows, kCols});
  for (int i = 0; i < kRows * kCols; ++i) {
    const uint16_t v = static_cast<uint16_t>(1 + 3 * i);
    std::memcpy(&x.bytes[2 * i], &v, 2);
  }
  TensorFile inputs;
  inputs.tensors.emplace_back("x", std::move(x));
  Expected<TensorFile> out = session->run(inputs);
  ASSERT_TRUE(out) << out.error().message();
  const HostTensor *tile = out->find("tile");
  ASSERT_TRUE(tile);
  // Row r of the box is tensor row 32 + r (zeros from row 40 on); its
  // 16-byte chunk c lies at chunk c ^ (r % 8) of the 128-byte row.
  int mismatches = 0;
  for (int r = 0; r < kBoxRows; ++r)
    for (int col = 0; col < kCols; ++col) {
      const int row = 32 + r;
      const uint16_t want =
          row < kRows ? static_cast<uint16_t>(1 + 3 * (row * kCols + col)) : 0;
      const int chunk = (2 * col) / 16;
      const int at = r * 128 + (chunk ^ (r % 8)) * 16 + (2 * col) % 16;
      uint16_t got;
      std::memcpy(&got, &tile->bytes[at], 2);
      mismatches += got != want;
      if (got != want && mismatches < 4)
        ADD_FAILURE() << "box row " << r << " column " << col << ": " << got
                      << ", expected " << want;
    }
  EXPECT_EQ(mismatches, 0);
}

TEST_F(TensorMapTest, DevicesCheckTheMapsTheyEncode) {
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu);
  Expected<TensorMapImage> misaligned =
      (*cpu)->encodeTensorMap(tensorMap(), /*base=*/4104);
  ASSERT_FALSE(misaligned);
  EXPECT_EQ(misaligned.error().message(),
            "cpu: tensor map: the base is not 16-byte aligned");
  Expected<TensorMapImage> fine = (*cpu)->encodeTensorMap(tensorMap(), 4096);
  ASSERT_TRUE(fine) << fine.error().message();
  kiln::tensormap::Emulated map;
  std::memcpy(&map, fine->bytes, sizeof map);
  EXPECT_EQ(map.base, 4096u);
  EXPECT_EQ(map.layout.box[0], uint32_t(kCols));
}
