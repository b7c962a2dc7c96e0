//===- ClipTokenizer.h - CLIP's byte-level BPE tokenizer ------------------===//
//
// Text → token ids as Hugging Face's CLIPTokenizer computes them from a
// vocab.json and merges.txt: whitespace runs become one space and the text
// is lower-cased; it is split into contractions ('s 't 're 've 'm 'll 'd),
// letter runs, single digits and runs of anything else (spaces dropped);
// each piece's UTF-8 bytes become GPT-2's byte symbols, the last with
// "</w>"; merges apply by rank; <|startoftext|> and <|endoftext|> wrap the
// ids, which are truncated and padded to `maxLength`.
//
// Limits, against the reference: Unicode normalization (NFC) is not applied
// (text is taken as given, which is NFC for nearly all input), and outside
// ASCII every code point counts as a letter and is not lower-cased.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_CLIPTOKENIZER_H
#define KILN_RUNTIME_CLIPTOKENIZER_H

#include "kiln/Runtime/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace kiln::rt {

class ClipTokenizer {
public:
  /// Reads vocab.json and merges.txt; `padToken` names the padding token
  /// (CLIP pads with <|endoftext|>; some checkpoints with "!").
  static Expected<ClipTokenizer> load(const std::string &vocabPath,
                                      const std::string &mergesPath,
                                      const std::string &padToken = "<|endoftext|>");

  /// BOS, the text's ids, EOS — truncated so that at most `maxLength` ids
  /// remain (EOS kept) — then padding up to `maxLength` (0: none).
  std::vector<int64_t> encode(const std::string &text, int64_t maxLength = 77) const;
  /// The text's ids alone.
  std::vector<int64_t> encodeText(const std::string &text) const;

  int64_t bosId() const { return bos_; }
  int64_t eosId() const { return eos_; }
  int64_t padId() const { return pad_; }
  int64_t vocabSize() const { return int64_t(vocab_.size()); }

private:
  std::vector<std::string> bpe(const std::vector<std::string> &symbols) const;

  std::unordered_map<std::string, int64_t> vocab_;
  std::map<std::pair<std::string, std::string>, int64_t> mergeRank_;
  std::string byteSymbol_[256];
  int64_t bos_ = 0, eos_ = 0, pad_ = 0;
};

} // namespace kiln::rt

#endif // KILN_RUNTIME_CLIPTOKENIZER_H
