//===- ArtifactTest.cpp - the .kiln artifact and the cpu device -----------===//
//
// Writes an artifact by hand (two kernels, a launch plan with an arena, an
// embedded weight, a tied state result), runs it on the cpu device against
// known answers, and checks that every kind of damage to the file is
// rejected with a clear error.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Artifact.h"
#include "kiln/Runtime/Files.h"
#include "kiln/Runtime/KernelCache.h"
#include "kiln/Runtime/Session.h"

#include "SampleArtifact.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

using namespace kiln::rt;

using namespace kiln::test;

namespace {

class ArtifactTest : public ::testing::Test {
protected:
  void SetUp() override {
    // One cache per test: ctest runs the tests of this file in parallel,
    // and the cache-hit test empties its directory first.
    cacheDir = ::testing::TempDir() + "/kiln-artifact-test-cache-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name();
    options.cacheDir = cacheDir;
  }
  std::string cacheDir;
  DeviceOptions options;
};

std::vector<uint8_t> bytesOf(const Artifact &a) {
  Expected<std::vector<uint8_t>> b = a.serialize();
  EXPECT_TRUE(b) << (b ? "" : b.error().message());
  return b ? *b : std::vector<uint8_t>();
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  Expected<Artifact> a = Artifact::parse(bytes.data(), bytes.size(), "m.kiln");
  EXPECT_FALSE(a) << "a damaged artifact was accepted";
  return a ? "" : a.error().message();
}

} // namespace

TEST_F(ArtifactTest, RoundTrips) {
  std::vector<uint8_t> bytes = bytesOf(sampleArtifact());
  Expected<Artifact> back = Artifact::parse(bytes.data(), bytes.size(), "m");
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(bytesOf(*back), bytes);
  EXPECT_EQ(back->manifest.entries[0].launches[0].args[3].floatValue, 0.5f);
  EXPECT_NE(back->blobString(back->manifest.kernels[1].source).find("block_sum"),
            std::string::npos);
}

TEST_F(ArtifactTest, RunsOnTheCpuDeviceWithKnownAnswers) {
  std::string path = ::testing::TempDir() + "/sample.kiln";
  ASSERT_TRUE(sampleArtifact().write(path));
  Expected<Model> model = Model::load(path);
  ASSERT_TRUE(model) << model.error().message();
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu) << cpu.error().message();
  Expected<Session> session = model->createSession(*cpu, "main");
  ASSERT_TRUE(session) << session.error().message();

  TensorFile in;
  in.tensors.emplace_back("x", f32({kN}, -3.0f, 0.5f));
  Expected<TensorFile> out = session->run(in);
  ASSERT_TRUE(out) << out.error().message();
  const HostTensor *y = out->find("y");
  ASSERT_TRUE(y);
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    double expected = 0.5 * (-3.0 + 0.5 * i) + (1.0 + 0.25 * i);
    ASSERT_EQ(y->getAsDouble(i), expected) << "element " << i;
    sum += expected;
  }
  // All partial sums are multiples of 0.125 below 2^20: exact in f32.
  EXPECT_EQ(out->find("total")->getAsDouble(0), sum);
}

TEST_F(ArtifactTest, TiedStateCarriesOverBetweenRuns) {
  Model model = Model::fromArtifact(sampleArtifact());
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu);
  Expected<Session> session = model.createSession(*cpu, "step");
  ASSERT_TRUE(session) << session.error().message();
  TensorFile empty;
  Expected<TensorFile> first = session->run(empty);
  ASSERT_FALSE(first);
  EXPECT_NE(first.error().message().find("missing input 'state'"),
            std::string::npos);
  TensorFile in;
  in.tensors.emplace_back("state", f32({4, 8}, 10.0f, 1.0f));
  ASSERT_TRUE(session->run(in));
  Expected<TensorFile> second = session->run(empty); // state stays on device
  ASSERT_TRUE(second) << second.error().message();
  for (int i = 0; i < 32; ++i)
    EXPECT_EQ(second->find("state_out")->getAsDouble(i), 12.0 + i);
}

TEST_F(ArtifactTest, KernelCacheHitsAndRebuildsCorruptedEntries) {
  std::filesystem::remove_all(cacheDir);
  Model model = Model::fromArtifact(sampleArtifact());
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu);
  ASSERT_TRUE(model.createSession(*cpu, "step"));
  std::vector<std::filesystem::path> entries;
  for (const auto &f :
       std::filesystem::recursive_directory_iterator(cacheDir + "/cpu"))
    if (f.is_regular_file())
      entries.push_back(f.path());
  ASSERT_EQ(entries.size(), 1u); // the step entry compiles one kernel
  auto stamp = std::filesystem::last_write_time(entries[0]);

  // A hit reuses the entry untouched.
  ASSERT_TRUE(model.createSession(*cpu, "step"));
  EXPECT_EQ(std::filesystem::last_write_time(entries[0]), stamp);

  // A corrupted entry (one flipped byte) reads as a miss and is rebuilt.
  Expected<std::vector<uint8_t>> bytes = readFile(entries[0].string());
  ASSERT_TRUE(bytes);
  (*bytes)[bytes->size() / 2] ^= 0x5a;
  ASSERT_TRUE(writeFileAtomically(entries[0].string(), bytes->data(),
                                  bytes->size()));
  Expected<Session> again = model.createSession(*cpu, "step");
  ASSERT_TRUE(again) << again.error().message();
  TensorFile in;
  in.tensors.emplace_back("state", f32({4, 8}, 0.0f, 1.0f));
  Expected<TensorFile> out = again->run(in);
  ASSERT_TRUE(out) << out.error().message();
  EXPECT_EQ(out->find("state_out")->getAsDouble(5), 6.0);
  Expected<std::vector<uint8_t>> rebuilt = readFile(entries[0].string());
  ASSERT_TRUE(rebuilt);
  EXPECT_NE(*rebuilt, *bytes);
}

TEST_F(ArtifactTest, DamagedFilesAreRejected) {
  std::vector<uint8_t> good = bytesOf(sampleArtifact());
  EXPECT_NE(parseError({'n', 'o', 'p', 'e'}).find("not a .kiln artifact"),
            std::string::npos);
  std::vector<uint8_t> cut(good.begin(), good.end() - 10);
  EXPECT_NE(parseError(cut).find("truncated"), std::string::npos);
  // A flipped byte in each region: header, manifest, blob, weights.
  for (size_t at : {size_t(20), good.size() / 2, good.size() - 3,
                    size_t(200)}) {
    std::vector<uint8_t> bad = good;
    bad[at] ^= 0x40;
    std::string err = parseError(bad);
    EXPECT_NE(err.find("checksum mismatch"), std::string::npos)
        << "byte " << at << ": " << err;
  }
  // A newer format version (with a consistent header checksum) is refused.
  std::vector<uint8_t> newer = good;
  newer[8] = 2;
  uint32_t count = newer[12];
  std::vector<uint8_t> header(newer.begin(), newer.begin() + 32 + 32 * count);
  std::memset(header.data() + 24, 0, 8);
  uint64_t sum = fnv1a64(header.data(), header.size());
  for (int i = 0; i < 8; ++i)
    newer[24 + i] = static_cast<uint8_t>(sum >> (8 * i));
  EXPECT_NE(parseError(newer).find("format version 2 is newer than this "
                                   "runtime reads (1)"),
            std::string::npos);
}

TEST_F(ArtifactTest, InconsistentManifestsAreRejected) {
  Artifact a = sampleArtifact();
  a.manifest.entries[0].launches[0].args.pop_back();
  Expected<std::vector<uint8_t>> bytes = a.serialize();
  ASSERT_FALSE(bytes);
  EXPECT_NE(bytes.error().message().find(
                "launches[0] passes 4 arguments to scale_add, which takes 5"),
            std::string::npos)
      << bytes.error().message();

  Artifact b = sampleArtifact();
  b.manifest.entries[0].buffers[2].bytes = 8000; // past the 4096-byte arena
  Status s = b.validate();
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message().find("exceeds the 4096-byte arena"),
            std::string::npos);

  Artifact c = sampleArtifact();
  c.manifest.entries[0].launches[1].block[0] = 2048;
  Status s2 = c.validate();
  ASSERT_FALSE(s2);
  EXPECT_NE(s2.error().message().find("2048 threads per block"),
            std::string::npos);

  Artifact d = sampleArtifact();
  d.weights.tensors.clear();
  Status s3 = d.validate();
  ASSERT_FALSE(s3);
  EXPECT_NE(s3.error().message().find("weight 'w'"), std::string::npos);

  // Sizes that would wrap: an arena near 2^64 (rounding to alignment would
  // allocate nothing) and an output of 2^62 + 16 elements (its byte size
  // would wrap to 64).
  Artifact e = sampleArtifact();
  e.manifest.entries[0].arenaBytes = ~uint64_t(0);
  Status s4 = e.validate();
  ASSERT_FALSE(s4);
  EXPECT_NE(s4.error().message().find("exceeds the 2^52-byte limit"),
            std::string::npos)
      << s4.error().message();

  Artifact f = sampleArtifact();
  f.manifest.entries[0].outputs[0].shape = {16, 536903681, 536838145};
  Status s5 = f.validate();
  ASSERT_FALSE(s5);
  EXPECT_NE(s5.error().message().find("exceeds 2^48"), std::string::npos)
      << s5.error().message();
}

TEST_F(ArtifactTest, DevicesThatCannotOpenSayWhy) {
  Expected<std::shared_ptr<Device>> tpu = Device::open("tpu");
  ASSERT_FALSE(tpu);
  EXPECT_NE(tpu.error().message().find("unknown device 'tpu'"),
            std::string::npos);
  Expected<std::shared_ptr<Device>> cuda = Device::open("cuda");
  if (!cuda) { // no driver here: a clear error, not a crash
    EXPECT_NE(cuda.error().message().find("cuda:"), std::string::npos);
  }
}

TEST_F(ArtifactTest, KernelsThatDoNotCompileReportTheCompiler) {
  Artifact a = sampleArtifact();
  std::string broken = "extern \"C\" __global__ void scale_add(float *x) { "
                       "this is not C++; }";
  a.manifest.kernels[0].source = a.appendBlob(broken.data(), broken.size());
  Model model = Model::fromArtifact(std::move(a));
  Expected<std::shared_ptr<Device>> cpu = Device::open("cpu", options);
  ASSERT_TRUE(cpu);
  Expected<Session> session = model.createSession(*cpu, "main");
  ASSERT_FALSE(session);
  EXPECT_NE(session.error().message().find("compiling kernel scale_add"),
            std::string::npos)
      << session.error().message();
}
