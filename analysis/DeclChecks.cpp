// Declaration-level checks: the dispatch of declarations and statements that need no
// dataflow to the rules in analysis/checks/ (invalid-annotation, the missing-lifetime
// hint, [[owner]] members without a destructor, discarded [[owner]] results).
#include "analysis/DeclChecks.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "analysis/Checker.h"
#include "analysis/checks/Checks.h"

using namespace clang;

namespace ownership {

void checkDecl(ASTContext& ctx, const Decl* D, std::vector<Diag>& out) {
  SourceConv conv(ctx.getSourceManager());
  checks::checkAnnotationPlacement(conv, D, out);
  if (const auto* F = dyn_cast<FunctionDecl>(D)) checks::checkAmbiguousElision(conv, F, out);
  if (const auto* RD = dyn_cast<CXXRecordDecl>(D)) checks::checkOwnerMembers(conv, RD, out);
}

namespace {
// Statements whose value is discarded: those of a block and the branches of an if
// (not inside lambdas, which are analysed as functions of their own).
class DiscardFinder : public RecursiveASTVisitor<DiscardFinder> {
 public:
  DiscardFinder(const SourceConv& conv, std::vector<Diag>& out) : conv_(conv), out_(out) {}
  bool shouldVisitLambdaExpr() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  bool VisitCompoundStmt(CompoundStmt* CS) {
    for (Stmt* S : CS->body()) checks::checkDiscardedOwner(conv_, S, out_);
    return true;
  }
  bool VisitIfStmt(IfStmt* I) {
    checks::checkDiscardedOwner(conv_, I->getThen(), out_);
    checks::checkDiscardedOwner(conv_, I->getElse(), out_);
    return true;
  }

 private:
  const SourceConv& conv_;
  std::vector<Diag>& out_;
};
}  // namespace

void checkBodyStatements(ASTContext& ctx, const FunctionDecl* F, std::vector<Diag>& out) {
  if (!F->hasBody()) return;
  SourceConv conv(ctx.getSourceManager());
  DiscardFinder finder(conv, out);
  finder.TraverseStmt(F->getBody());
}

}  // namespace ownership
