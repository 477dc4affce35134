// The analysis of one parsed file: every function and declaration in the main file,
// with per-function results kept so callers can ask for states at a point (hover).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "analysis/Dataflow.h"
#include "analysis/Diagnostic.h"
#include "analysis/Lowering.h"

namespace ownership {

struct AnalysisOptions {
  unsigned maxBlockVisits = 50000;       // per function; past it the function is skipped
  std::function<bool()> cancelled;       // checked between functions
};

struct FunctionResult {
  std::unique_ptr<LoweredFunction> lowered;
  DataflowResult dataflow;
  unsigned beginOffset = 0, endOffset = 0;  // the function's extent in the main file
};

struct FileResult {
  std::vector<Diag> diags;                  // sorted by position
  std::vector<std::string> log;             // debug notes (functions skipped, caps hit)
  std::vector<FunctionResult> functions;
  bool cancelled = false;
};

FileResult analyzeAST(clang::ASTContext& ctx, const AnalysisOptions& opts = {});

}  // namespace ownership
