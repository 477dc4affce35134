// Runs the declaration checks and the per-function analysis over a main file.
#include "analysis/FileAnalysis.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <algorithm>

#include "analysis/Checker.h"
#include "analysis/DeclChecks.h"
#include "analysis/FactDump.h"
#include "analysis/InferredReturns.h"
#include "analysis/Fixes.h"
#include "analysis/Liveness.h"

using namespace clang;

namespace ownership {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
 public:
  explicit Collector(ASTContext& ctx) : ctx_(ctx), sm_(ctx.getSourceManager()) {}
  bool shouldVisitLambdaBody() const { return true; }
  std::vector<const FunctionDecl*> functions;
  std::vector<const Decl*> decls;
  std::vector<size_t> functionsBefore;

  bool VisitDecl(Decl* D) {
    if (D->isImplicit() || !sm_.isInMainFile(sm_.getFileLoc(D->getLocation()))) return true;
    decls.push_back(D);
    functionsBefore.push_back(functions.size());
    if (const auto* F = dyn_cast<FunctionDecl>(D))
      if (F->doesThisDeclarationHaveABody() && !F->isDependentContext()) functions.push_back(F);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr* L) {
    const CXXMethodDecl* op = L->getCallOperator();
    if (op && !op->isDependentContext() && sm_.isInMainFile(sm_.getFileLoc(op->getLocation())))
      functions.push_back(op);
    return true;
  }

 private:
  ASTContext& ctx_;
  const SourceManager& sm_;
};

}  // namespace

MainFileItems collectMainFileItems(ASTContext& ctx) {
  Collector c(ctx);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
  MainFileItems items;
  items.decls = std::move(c.decls);
  items.functionsBefore = std::move(c.functionsBefore);
  items.functions = std::move(c.functions);
  return items;
}

std::optional<FunctionResult> analyzeFunction(ASTContext& ctx, const FunctionDecl* F, const AnalysisOptions& opts,
                                              std::vector<Diag>& diags, std::vector<std::string>& log) {
  const SourceManager& sm = ctx.getSourceManager();
  InferenceScope inference;  // callees' contracts, shared with the rest of the file when analyzeAST runs
  checkBodyStatements(ctx, F, diags);
  std::unique_ptr<LoweredFunction> lowered = lowerFunction(ctx, F);
  if (!lowered) {
    log.push_back("skipped `" + F->getNameAsString() + "`: no analysable body");
    return std::nullopt;
  }
  if (opts.dumpFacts) log.push_back(dumpFacts(*lowered, sm));
  DataflowResult df = runDataflow(*lowered, opts.maxBlockVisits);
  if (df.capped) {
    log.push_back("skipped `" + F->getNameAsString() + "`: work cap of " + std::to_string(opts.maxBlockVisits) +
                  " block visits reached");
    return std::nullopt;
  }
  Liveness live(*lowered);
  for (Diag& d : checkFunction(ctx, *lowered, df, live)) diags.push_back(std::move(d));
  FunctionResult fr;
  fr.beginOffset = sm.getFileOffset(sm.getFileLoc(F->getBeginLoc()));
  fr.endOffset = sm.getFileOffset(sm.getFileLoc(F->getEndLoc()));
  fr.lowered = std::move(lowered);
  fr.dataflow = std::move(df);
  return fr;
}

std::string mainFilePath(const SourceManager& sm) {
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) return fe->getName().str();
  return {};
}

std::vector<Diag> dedupAndSort(std::vector<Diag> diags, const std::string& mainPath) {
  std::vector<Diag> kept;
  for (Diag& d : diags) {
    if (d.range.file != mainPath) continue;
    bool dup = false;
    for (const Diag& k : kept)
      if (k.code == d.code && k.range.begin.offset == d.range.begin.offset) dup = true;
    if (!dup) kept.push_back(std::move(d));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Diag& a, const Diag& b) {
    if (a.range.begin.offset != b.range.begin.offset) return a.range.begin.offset < b.range.begin.offset;
    return a.code < b.code;
  });
  return kept;
}

FileResult analyzeAST(ASTContext& ctx, const AnalysisOptions& opts) {
  FileResult res;
  InferenceScope inference;
  MainFileItems items = collectMainFileItems(ctx);
  for (const Decl* D : items.decls) checkDecl(ctx, D, res.diags);
  for (const FunctionDecl* F : items.functions) {
    if (opts.cancelled && opts.cancelled()) {
      res.cancelled = true;
      break;
    }
    std::optional<FunctionResult> fr = analyzeFunction(ctx, F, opts, res.diags, res.log);
    if (fr) res.functions.push_back(std::move(*fr));
  }
  // Keep only diagnostics located in the main file, one per (code, position).
  res.diags = dedupAndSort(std::move(res.diags), mainFilePath(ctx.getSourceManager()));
  addFixes(ctx, res.diags, res.functions);
  return res;
}

}  // namespace ownership
