//===- EmitterSupport.cpp - pieces shared by the kernel emitters ----------===//

#include "EmitterSupport.h"

#include <regex>
#include <sstream>
#include <vector>

namespace mlir::kiln::emit {

std::string pruneUnusedDeclarations(const std::string &source) {
  static const std::regex decl(
      R"(^\s*(?:const\s+[\w:]+|__shared__\s+[\w:]+)\s+(\w+)\s*(?:=|\[).*;\s*$)");
  std::vector<std::string> lines;
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, decl))
        continue;
      // A use is the name not preceded by a member access (`before.b`).
      std::regex use("(^|[^\\w.])" + m[1].str() + "\\b");
      bool used = false;
      for (size_t j = 0; j < lines.size() && !used; ++j)
        used = j != i && std::regex_search(lines[j], use);
      if (!used) {
        lines.erase(lines.begin() + i);
        changed = true;
        --i;
      }
    }
  }
  std::string out;
  for (const std::string &line : lines)
    out += line + "\n";
  return out;
}

void emitGemmTileStores(Direct &k, bool tensorCores, int64_t rows,
                        int64_t cols, const std::string &index,
                        RankedTensorType result) {
  k.line("for (int mi = 0; mi < 2; ++mi)");
  k.line("  for (int nj = 0; nj < 4; ++nj)");
  k.line("    for (int e = 0; e < 4; ++e) {");
  k.line(tensorCores
             ? "      const int64_t row = m0 + kiln::gemm_acc_row(mi, e);"
             : "      const int64_t row = m0 + kiln::gemm_f32_acc_row(mi, nj);");
  k.line(tensorCores
             ? "      const int64_t col = n0 + kiln::gemm_acc_col(nj, e);"
             : "      const int64_t col = n0 + kiln::gemm_f32_acc_col(e);");
  k.line("      if (row >= " + str(rows) + " || col >= " + str(cols) +
         ") continue;");
  size_t inner = k.body.size();
  std::istringstream lines(index);
  for (std::string l; std::getline(lines, l);)
    k.line(l);
  k.body += unravel(result.getShape(), "linear");
  k.line("const float value = acc[mi][nj][e];");
  k.writeResult(result.getElementType(), "value");
  // Indent the per-element statements (index, epilogue, store) to the loop.
  indentSince(k, inner, 6);
  k.line("    }");
}

void indentSince(Direct &k, size_t from, int depth) {
  std::string tail = k.body.substr(from), out;
  for (size_t at = 0; at < tail.size();) {
    size_t eol = tail.find('\n', at);
    eol = eol == std::string::npos ? tail.size() : eol + 1;
    out += std::string(depth, ' ') + tail.substr(at, eol - at);
    at = eol;
  }
  k.body = k.body.substr(0, from) + out;
}

AttentionTerms attentionTerms(AttentionOp op, const std::string &maskArray) {
  RankedTensorType q = tensorOf(op.getQ()), kt = tensorOf(op.getK());
  int64_t hq = q.getDimSize(1), lq = q.getDimSize(2), lk = kt.getDimSize(2);
  int64_t window = static_cast<int64_t>(op.getWindow());
  int64_t g = static_cast<int64_t>(op.getS2Group());
  int64_t offset = lk - lq; // bottom-right alignment (ops.md)
  auto plus = [](int64_t v) {
    return v < 0 ? " - " + str(-v) : " + " + str(v);
  };
  AttentionTerms t{"true", "0.0f"};
  if (op.getCausal())
    t.allowed += " && j <= i" + plus(offset);
  if (window > 0)
    t.allowed += " && j > i" + plus(offset - window);
  if (g > 0)
    t.allowed += " && (h < " + str(hq / 2) + " ? i / " + str(g) + " == j / " +
                 str(g) + " : (i + " + str(g / 2) + ") / " + str(g) +
                 " == (j + " + str(g / 2) + ") / " + str(g) + ")";
  if (Value mask = op.getMask()) {
    RankedTensorType mt = tensorOf(mask);
    std::string idx = "0";
    const char *dims[4] = {"bb", "h", "i", "j"};
    for (int dd = 0; dd < 4; ++dd)
      idx = "(" + idx + ") * " + str(mt.getDimSize(dd)) + " + " +
            (mt.getDimSize(dd) == 1 ? "0" : dims[dd]);
    std::string mv = load(mt.getElementType(), maskArray + "[" + idx + "]");
    if (mt.getElementType().isInteger(1))
      t.allowed += " && " + mv;
    else
      t.bias = mv;
  }
  return t;
}

} // namespace mlir::kiln::emit
