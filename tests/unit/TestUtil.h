// Helpers for analysis tests: parse a snippet and run the analysis on it.
#pragma once
#include <string>
#include <vector>

#include "analysis/FileAnalysis.h"
#include "analysis/Parse.h"

namespace ownership::test {

struct Analysed {
  ParseResult parsed;
  FileResult result;
};

inline Analysed analyse(const std::string& code, std::vector<std::string> flags = {"-std=c++20"}) {
  Analysed a;
  a.parsed = parseFile("/virtual/test.cpp", code, flags);
  if (a.parsed.ast) a.result = analyzeAST(a.parsed.ast->getASTContext());
  return a;
}

// "line:code" for every diagnostic, in order.
inline std::vector<std::string> summary(const Analysed& a) {
  std::vector<std::string> out;
  for (const Diag& d : a.result.diags) out.push_back(std::to_string(d.range.begin.line) + ":" + std::string(codeName(d.code)));
  return out;
}

}  // namespace ownership::test
