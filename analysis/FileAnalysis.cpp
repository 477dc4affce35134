// Runs the declaration checks and the per-function analysis over a main file.
#include "analysis/FileAnalysis.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <algorithm>

#include "analysis/Checker.h"
#include "analysis/DeclChecks.h"
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

  bool VisitDecl(Decl* D) {
    if (D->isImplicit() || !sm_.isInMainFile(sm_.getFileLoc(D->getLocation()))) return true;
    decls.push_back(D);
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

FileResult analyzeAST(ASTContext& ctx, const AnalysisOptions& opts) {
  FileResult res;
  Collector c(ctx);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
  for (const Decl* D : c.decls) checkDecl(ctx, D, res.diags);
  const SourceManager& sm = ctx.getSourceManager();
  for (const FunctionDecl* F : c.functions) {
    if (opts.cancelled && opts.cancelled()) {
      res.cancelled = true;
      break;
    }
    checkBodyStatements(ctx, F, res.diags);
    std::unique_ptr<LoweredFunction> lowered = lowerFunction(ctx, F);
    if (!lowered) {
      res.log.push_back("skipped `" + F->getNameAsString() + "`: no analysable body");
      continue;
    }
    DataflowResult df = runDataflow(*lowered, opts.maxBlockVisits);
    if (df.capped) {
      res.log.push_back("skipped `" + F->getNameAsString() + "`: work cap of " + std::to_string(opts.maxBlockVisits) +
                        " block visits reached");
      continue;
    }
    Liveness live(*lowered);
    std::vector<Diag> diags = checkFunction(ctx, *lowered, df, live);
    for (Diag& d : diags) res.diags.push_back(std::move(d));
    FunctionResult fr;
    fr.beginOffset = sm.getFileOffset(sm.getFileLoc(F->getBeginLoc()));
    fr.endOffset = sm.getFileOffset(sm.getFileLoc(F->getEndLoc()));
    fr.lowered = std::move(lowered);
    fr.dataflow = std::move(df);
    res.functions.push_back(std::move(fr));
  }
  // Keep only diagnostics located in the main file, one per (code, position).
  std::string mainPath;
  if (auto fe = sm.getFileEntryRefForID(sm.getMainFileID())) mainPath = fe->getName().str();
  std::vector<Diag> kept;
  for (Diag& d : res.diags) {
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
  addFixes(ctx, kept, res.functions);
  res.diags = std::move(kept);
  return res;
}

}  // namespace ownership
