//===- SafetensorsTest.cpp - the safetensors reader and writer ------------===//
//
// Round trips of every dtype, and one test per way a file can lie: each must
// be an error naming the file and the tensor, never a crash.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Safetensors.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

using namespace kiln::rt;

namespace {

/// A safetensors file from a header text and a data section.
std::vector<uint8_t> makeFile(const std::string &header,
                              const std::vector<uint8_t> &data) {
  std::vector<uint8_t> bytes(8);
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<uint8_t>(n >> (8 * i));
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

std::string parseError(const std::vector<uint8_t> &bytes) {
  Expected<TensorFile> f = parseSafetensors(bytes.data(), bytes.size(), "t.st");
  EXPECT_FALSE(f) << "a malformed file was accepted";
  return f ? "" : f.error().message();
}

HostTensor tensorOf(DType dtype, std::vector<int64_t> shape) {
  HostTensor t = HostTensor::zeros(dtype, std::move(shape));
  for (size_t i = 0; i < t.bytes.size(); ++i)
    t.bytes[i] = static_cast<uint8_t>(i * 37 + 11);
  return t;
}

} // namespace

TEST(Safetensors, RoundTripsEveryDtypeAndMetadata) {
  TensorFile file;
  DType all[] = {DType::F32, DType::F16, DType::BF16, DType::I8,
                 DType::U8,  DType::I32, DType::I64,  DType::Bool};
  for (DType d : all)
    file.tensors.emplace_back(std::string("t_") + dtypeName(d),
                              tensorOf(d, {2, 3}));
  file.tensors.emplace_back("scalar", tensorOf(DType::F32, {}));
  file.tensors.emplace_back("empty", tensorOf(DType::F32, {0, 4}));
  file.metadata["format"] = "pt";
  Expected<std::vector<uint8_t>> bytes = serializeSafetensors(file);
  ASSERT_TRUE(bytes);
  // The data section starts 8-byte aligned (header padded with spaces).
  uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = (headerSize << 8) | (*bytes)[i];
  EXPECT_EQ(headerSize % 8, 0u);
  Expected<TensorFile> back =
      parseSafetensors(bytes->data(), bytes->size(), "mem");
  ASSERT_TRUE(back) << back.error().message();
  ASSERT_EQ(back->tensors.size(), file.tensors.size());
  for (size_t i = 0; i < file.tensors.size(); ++i) {
    EXPECT_EQ(back->tensors[i].first, file.tensors[i].first);
    EXPECT_EQ(back->tensors[i].second.dtype, file.tensors[i].second.dtype);
    EXPECT_EQ(back->tensors[i].second.shape, file.tensors[i].second.shape);
    EXPECT_EQ(back->tensors[i].second.bytes, file.tensors[i].second.bytes);
  }
  EXPECT_EQ(back->metadata.at("format"), "pt");
}

TEST(Safetensors, Truncated) {
  EXPECT_NE(parseError({1, 2, 3}).find("t.st: truncated: 3 bytes"),
            std::string::npos);
  std::string header = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  std::vector<uint8_t> full = makeFile(header, std::vector<uint8_t>(8, 0));
  std::vector<uint8_t> cut(full.begin(), full.end() - 3);
  EXPECT_NE(parseError(cut).find("tensor 'x': data_offsets [0, 8] exceed the "
                                 "5-byte data section"),
            std::string::npos);
  std::vector<uint8_t> headerCut(full.begin(), full.begin() + 20);
  EXPECT_NE(parseError(headerCut).find("truncated: the header needs"),
            std::string::npos);
}

TEST(Safetensors, EmptyTensorsOverlapNothing) {
  // Writers put an empty tensor's [a, a] anywhere, also at the start of (or
  // inside) another tensor's bytes; it holds no bytes, so the file is valid.
  std::string header =
      R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
      R"("x":{"dtype":"F32","shape":[0,8],"data_offsets":[0,0]},)"
      R"("y":{"dtype":"I8","shape":[0],"data_offsets":[4,4]}})";
  std::vector<uint8_t> bytes = makeFile(header, std::vector<uint8_t>(8, 0));
  Expected<TensorFile> file = parseSafetensors(bytes.data(), bytes.size(), "mem");
  ASSERT_TRUE(file) << file.error().message();
  ASSERT_NE(file->find("x"), nullptr);
  EXPECT_TRUE(file->find("x")->bytes.empty());
  EXPECT_EQ(file->find("w")->bytes.size(), 8u);
}

TEST(Safetensors, WhatTheFormatForbids) {
  // The data section is covered exactly: no gap, nothing after the last
  // tensor; the header is JSON padded with spaces only, each name once.
  std::string two = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                    R"("y":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}})";
  EXPECT_NE(parseError(makeFile(two, std::vector<uint8_t>(20, 0)))
                .find("bytes [8, 12) of the data section belong to no tensor "
                      "(before 'y')"),
            std::string::npos);
  std::string one = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  EXPECT_NE(parseError(makeFile(one, std::vector<uint8_t>(12, 0)))
                .find("the data section has 12 bytes but its tensors cover 8"),
            std::string::npos);
  EXPECT_NE(parseError(makeFile(one + std::string(3, '\0'),
                                std::vector<uint8_t>(8, 0)))
                .find("NUL byte at offset " + std::to_string(8 + one.size())),
            std::string::npos);
  std::string twice = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                      R"("x":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})";
  EXPECT_NE(parseError(makeFile(twice, std::vector<uint8_t>(16, 0)))
                .find("the header names 'x' twice"),
            std::string::npos);
  // Space padding and a leading gap-free layout stay valid.
  std::vector<uint8_t> padded = makeFile(one + "    ", std::vector<uint8_t>(8, 0));
  Expected<TensorFile> ok = parseSafetensors(padded.data(), padded.size(), "t.st");
  EXPECT_TRUE(ok) << ok.error().message();
}

TEST(Safetensors, HeaderThatLies) {
  std::vector<uint8_t> data(16, 0);
  auto err = [&](const std::string &header) {
    return parseError(makeFile(header, data));
  };
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}})")
                .find("hold 12 bytes but F32[2] needs 8"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})")
                .find("end before they begin"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                R"("y":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})")
                .find("overlap"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}})")
                .find("tensor 'x': unsupported dtype \"F64\""),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})")
                .find("shape entries must be a non-negative integer"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[4611686018427387904,8],)"
                R"("data_offsets":[0,8]}})")
                .find("exceeds 2^48"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2]}})").find("needs"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0]}})")
                .find("data_offsets must be [begin, end]"),
            std::string::npos);
  EXPECT_NE(err(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0, 8])")
                .find("not valid JSON"),
            std::string::npos);
  EXPECT_NE(err(R"([1, 2])").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(err(R"({"__metadata__":{"a":1}})").find("must be a string"),
            std::string::npos);
  std::vector<uint8_t> huge(8, 0xff);
  EXPECT_NE(parseError(huge).find("exceeds the"), std::string::npos);
}

TEST(Safetensors, WritesAtomically) {
  TensorFile file;
  file.tensors.emplace_back("x", tensorOf(DType::F32, {3}));
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/kiln_atomic.safetensors";
  Status ok = writeSafetensors(path, file);
  ASSERT_TRUE(ok) << ok.error().message();
  Expected<TensorFile> back = readSafetensors(path);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->tensors[0].second.bytes, file.tensors[0].second.bytes);
  std::remove(path.c_str());

  // A tensor whose byte count disagrees with its shape is refused before
  // anything is written.
  file.tensors[0].second.bytes.pop_back();
  Status bad = writeSafetensors(path, file);
  EXPECT_FALSE(bad);
  EXPECT_FALSE(std::ifstream(path).good());

  Status noDir = writeSafetensors(dir + "/no/such/dir/x.safetensors", file);
  EXPECT_FALSE(noDir);
}

TEST(Safetensors, MissingFileNamesThePath) {
  Expected<TensorFile> f = readSafetensors("/nonexistent/kiln.safetensors");
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message().find("/nonexistent/kiln.safetensors: cannot "
                                     "open"),
            std::string::npos);
}
