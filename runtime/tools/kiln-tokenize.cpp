//===- kiln-tokenize.cpp - CLIP token ids for lines of text ---------------===//
//
//   kiln-tokenize --vocab vocab.json --merges merges.txt [--max-length 77]
//       [--pad-token TOKEN] [--json-lines] < prompts.txt
//
// One line of ids per input line (each line a JSON string with
// --json-lines, so it may hold tabs and newlines).
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/ClipTokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  std::string vocab, merges, pad = "<|endoftext|>";
  long long maxLength = 77;
  bool jsonLines = false;
  auto fail = [](const std::string &m) {
    std::fprintf(stderr, "kiln-tokenize: error: %s\n", m.c_str());
    return 1;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string v = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--vocab" || a == "--merges" || a == "--pad-token" || a == "--max-length") {
      if (i + 1 >= argc)
        return fail(a + " needs a value");
      ++i;
      if (a == "--vocab")
        vocab = v;
      else if (a == "--merges")
        merges = v;
      else if (a == "--pad-token")
        pad = v;
      else if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos ||
               v.size() > 6)
        return fail("--max-length takes a non-negative integer, got '" + v + "'");
      else
        maxLength = std::stoll(v);
    } else if (a == "--json-lines") {
      jsonLines = true;
    } else {
      return fail("unknown argument '" + a + "' (usage: kiln-tokenize --vocab vocab.json "
                  "--merges merges.txt [--max-length 77] [--pad-token T] [--json-lines])");
    }
  }
  if (vocab.empty() || merges.empty())
    return fail("--vocab and --merges are required");
  kiln::rt::Expected<kiln::rt::ClipTokenizer> t = kiln::rt::ClipTokenizer::load(vocab, merges, pad);
  if (!t)
    return fail(t.error().message());
  std::string line;
  for (long long n = 1; std::getline(std::cin, line); ++n) {
    std::string text = line;
    if (jsonLines) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_string())
        return fail("line " + std::to_string(n) + " is not a JSON string");
      text = j.get<std::string>();
    }
    std::string out;
    for (int64_t id : t->encode(text, maxLength))
      out += (out.empty() ? "" : " ") + std::to_string(id);
    std::printf("%s\n", out.c_str());
  }
  return 0;
}
