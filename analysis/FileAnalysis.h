// The analysis of one parsed file: every function and declaration in the main file,
// with per-function results kept so callers can ask for states at a point (hover).
#pragma once
#include <functional>
#include <memory>
#include <optional>
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
  bool dumpFacts = false;                // log every analysed function's facts (--dump-facts)
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

// The steps of analyzeAST, exposed for the incremental analysis (analysis/Incremental.cpp), which runs
// them on part of a file and reuses the rest: sharing the code keeps both results equal.
struct MainFileItems {
  std::vector<const clang::Decl*> decls;               // declaration checks, in traversal order
  std::vector<size_t> functionsBefore;                 // per decl: how many functions precede it
  std::vector<const clang::FunctionDecl*> functions;   // analysed functions, in traversal order
};
MainFileItems collectMainFileItems(clang::ASTContext& ctx);
// Statement checks, lowering, dataflow and checker of one function: diagnostics go to `diags`, debug
// notes to `log`; the result when the function could be analysed.
std::optional<FunctionResult> analyzeFunction(clang::ASTContext& ctx, const clang::FunctionDecl* F,
                                              const AnalysisOptions& opts, std::vector<Diag>& diags,
                                              std::vector<std::string>& log);
// Keeps the diagnostics located in `mainPath`, one per (code, position), sorted by position then code.
std::vector<Diag> dedupAndSort(std::vector<Diag> diags, const std::string& mainPath);
std::string mainFilePath(const clang::SourceManager& sm);

}  // namespace ownership
