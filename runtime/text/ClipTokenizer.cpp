//===- ClipTokenizer.cpp - CLIP's byte-level BPE tokenizer ----------------===//

#include "kiln/Runtime/ClipTokenizer.h"

#include "kiln/Runtime/Files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <sstream>

namespace kiln::rt {

namespace {

/// Code point `cp` as UTF-8.
std::string utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 | (cp >> 6));
    s += char(0x80 | (cp & 0x3F));
  } else {
    s += char(0xE0 | (cp >> 12));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  }
  return s;
}

/// The UTF-8 sequence starting at s[i] (a lone continuation byte alone).
size_t sequenceLength(const std::string &s, size_t i) {
  unsigned char c = s[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return std::min(n, s.size() - i);
}

enum class Kind { Space, Letter, Digit, Other };

Kind kindAt(const std::string &s, size_t i) {
  unsigned char c = s[i];
  if (c >= 0x80)
    return Kind::Letter; // outside ASCII: taken as a letter (see the header)
  if (c == ' ' || (c >= '\t' && c <= '\r'))
    return Kind::Space;
  if (std::isalpha(c))
    return Kind::Letter;
  if (std::isdigit(c))
    return Kind::Digit;
  return Kind::Other;
}

/// CLIP's pre-tokenizer: contractions, letter runs, single digits, runs of
/// other characters; spaces separate and are dropped.
std::vector<std::string> pieces(const std::string &text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\'') {
      bool matched = false;
      for (const char *c : {"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"})
        if (text.compare(i, std::strlen(c), c) == 0) {
          out.push_back(c);
          i += std::strlen(c);
          matched = true;
          break;
        }
      if (matched)
        continue;
    }
    Kind k = kindAt(text, i);
    if (k == Kind::Space) {
      ++i;
      continue;
    }
    size_t start = i;
    if (k == Kind::Digit) {
      ++i;
    } else {
      // Greedy, as the reference's regular expression: a run of other
      // characters swallows apostrophes ("?'s" → "?'", "s").
      while (i < text.size() && kindAt(text, i) == k)
        i += sequenceLength(text, i);
    }
    out.push_back(text.substr(start, i - start));
  }
  return out;
}

} // namespace

Expected<ClipTokenizer> ClipTokenizer::load(const std::string &vocabPath,
                                            const std::string &mergesPath,
                                            const std::string &padToken) {
  ClipTokenizer t;
  Expected<std::vector<uint8_t>> vocabText = readFile(vocabPath);
  if (!vocabText)
    return Error("cannot read the CLIP vocabulary: " +
                 vocabText.error().message());
  nlohmann::json vocab =
      nlohmann::json::parse(vocabText->begin(), vocabText->end(), nullptr, false);
  if (!vocab.is_object())
    return Error("CLIP vocabulary '" + vocabPath + "' is not a JSON object of token ids");
  for (const auto &[token, id] : vocab.items()) {
    if (!id.is_number_integer() || id.get<int64_t>() < 0)
      return Error("CLIP vocabulary '" + vocabPath + "': token " + nlohmann::json(token).dump() +
                   " has id " + id.dump());
    t.vocab_[token] = id.get<int64_t>();
  }
  Expected<std::vector<uint8_t>> mergesText = readFile(mergesPath);
  if (!mergesText)
    return Error("cannot read the CLIP merges: " + mergesText.error().message());
  std::istringstream mergesFile(
      std::string(mergesText->begin(), mergesText->end()));
  std::string line;
  int64_t rank = 0, lineNo = 0;
  while (std::getline(mergesFile, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty() || (lineNo == 1 && line.rfind("#version", 0) == 0))
      continue;
    size_t space = line.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
        line.find(' ', space + 1) != std::string::npos)
      return Error("CLIP merges '" + mergesPath + "' line " + std::to_string(lineNo) +
                   ": expected two symbols separated by one space, got '" + line + "'");
    t.mergeRank_.emplace(std::pair{line.substr(0, space), line.substr(space + 1)}, rank++);
  }
  for (auto [name, out] : {std::pair{"<|startoftext|>", &t.bos_},
                           {"<|endoftext|>", &t.eos_},
                           {padToken.c_str(), &t.pad_}}) {
    auto it = t.vocab_.find(name);
    if (it == t.vocab_.end())
      return Error("CLIP vocabulary '" + vocabPath + "' has no token " +
                   nlohmann::json(name).dump());
    *out = it->second;
  }
  // GPT-2's byte symbols: printable Latin-1 bytes stand for themselves, the
  // other 68 take the code points from 256 up, in byte order.
  uint32_t extra = 256;
  for (int b = 0; b < 256; ++b) {
    bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
    t.byteSymbol_[b] = utf8(printable ? uint32_t(b) : extra++);
  }
  return t;
}

std::vector<std::string> ClipTokenizer::bpe(const std::vector<std::string> &symbols) const {
  std::vector<std::string> word = symbols;
  while (word.size() > 1) {
    int64_t best = INT64_MAX;
    size_t at = 0;
    for (size_t i = 0; i + 1 < word.size(); ++i) {
      auto it = mergeRank_.find({word[i], word[i + 1]});
      if (it != mergeRank_.end() && it->second < best) {
        best = it->second;
        at = i;
      }
    }
    if (best == INT64_MAX)
      break;
    // Merge every occurrence of the best pair, left to right.
    std::pair<std::string, std::string> pair{word[at], word[at + 1]};
    std::vector<std::string> merged;
    for (size_t i = 0; i < word.size();) {
      if (i + 1 < word.size() && word[i] == pair.first && word[i + 1] == pair.second) {
        merged.push_back(pair.first + pair.second);
        i += 2;
      } else {
        merged.push_back(word[i++]);
      }
    }
    word = std::move(merged);
  }
  return word;
}

std::vector<int64_t> ClipTokenizer::encodeText(const std::string &text) const {
  // Whitespace runs become one space; ASCII is lower-cased.
  std::string clean;
  bool space = false;
  for (unsigned char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      space = true;
      continue;
    }
    if (space)
      clean += ' ';
    space = false;
    clean += char(c < 0x80 ? std::tolower(c) : c);
  }
  std::vector<int64_t> ids;
  for (const std::string &piece : pieces(clean)) {
    std::vector<std::string> symbols;
    for (unsigned char b : piece)
      symbols.push_back(byteSymbol_[b]);
    symbols.back() += "</w>";
    for (const std::string &token : bpe(symbols)) {
      auto it = vocab_.find(token);
      ids.push_back(it != vocab_.end() ? it->second : eos_); // unk is <|endoftext|>
    }
  }
  return ids;
}

std::vector<int64_t> ClipTokenizer::encode(const std::string &text, int64_t maxLength) const {
  std::vector<int64_t> body = encodeText(text);
  if (maxLength > 0 && int64_t(body.size()) > maxLength - 2)
    body.resize(size_t(std::max<int64_t>(maxLength - 2, 0)));
  std::vector<int64_t> ids = {bos_};
  ids.insert(ids.end(), body.begin(), body.end());
  ids.push_back(eos_);
  while (maxLength > 0 && int64_t(ids.size()) < maxLength)
    ids.push_back(pad_);
  return ids;
}

} // namespace kiln::rt
