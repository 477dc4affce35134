// The checker: replays the dataflow over each block with liveness at hand and turns
// what it sees into diagnostics (policy lives here; facts and states stay neutral).
#pragma once
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Dataflow.h"
#include "analysis/Diagnostic.h"
#include "analysis/Liveness.h"

namespace ownership {

// Converts Clang locations to the analysis' own ranges (file path, offsets, lines).
class SourceConv {
 public:
  explicit SourceConv(const clang::SourceManager& sm) : sm_(sm) {}
  Range range(clang::SourceRange r) const;  // token range -> [begin, end)
  Range point(clang::SourceLocation l) const;
  Pos pos(clang::SourceLocation l) const;
  // A file's path as diagnostics name it: the main file as given, a header by its real path (the
  // same header reached from files compiled in different directories has one name).
  std::string file(clang::FileID fid) const;
  std::string text(clang::SourceRange r, const clang::LangOptions& lo) const;
  const clang::SourceManager& sm() const { return sm_; }

 private:
  const clang::SourceManager& sm_;
};

std::vector<Diag> checkFunction(clang::ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df,
                                const Liveness& live);

}  // namespace ownership
