// Declaration-level checks: invalid-annotation, the missing-lifetime hint, leaks of
// [[owner]] data members (spec §2a.10) and discarded [[owner]] results (§2a.9).
#include "analysis/DeclChecks.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>

#include "analysis/Checker.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership {
namespace {

using model::Family;

Diag makeDiag(const SourceConv& conv, Code code, Severity sev, SourceRange r, std::string msg) {
  Diag d;
  d.code = code;
  d.severity = sev;
  d.range = conv.range(r);
  d.message = std::move(msg);
  return d;
}

void checkAnnotationPlacement(const SourceConv& conv, const Decl* D, std::vector<Diag>& out) {
  for (model::AnnotationProblem& p : model::annotationProblems(D)) {
    Diag d = makeDiag(conv, Code::InvalidAnnotation, Severity::Error, p.annotation.range, std::move(p.message));
    out.push_back(std::move(d));
  }
}

void checkMissingLifetimeHint(const SourceConv& conv, const FunctionDecl* F, std::vector<Diag>& out) {
  if (F != F->getFirstDecl() || F->isImplicit()) return;
  if (const auto* M = dyn_cast<CXXMethodDecl>(F); M && !M->isStatic()) return;
  QualType RT = F->getReturnType();
  if (!model::isBorrowLike(RT) || model::hasOwner(F)) return;
  bool found = false;
  model::borrowArgs(F, &found);
  if (found) return;
  std::vector<const ParmVarDecl*> borrowLike;
  for (const ParmVarDecl* P : F->parameters())
    if (model::isBorrowLike(P->getType()) || model::holdsBorrows(P->getType())) borrowLike.push_back(P);
  if (borrowLike.size() < 2) return;
  std::string names;
  for (size_t i = 0; i < borrowLike.size(); ++i)
    names += (i ? (i + 1 == borrowLike.size() ? " or `" : ", `") : "`") + borrowLike[i]->getNameAsString() + "`";
  Diag d = makeDiag(conv, Code::MissingLifetime, Severity::Hint, SourceRange(F->getLocation(), F->getLocation()),
                    "missing lifetime annotation: the returned borrow may come from " + names);
  for (const ParmVarDecl* P : borrowLike)
    d.notes.push_back({conv.range(P->getSourceRange()), "`" + P->getNameAsString() + "` is borrow-like"});
  out.push_back(std::move(d));
}

void checkOwnerFields(const SourceConv& conv, const CXXRecordDecl* RD, std::vector<Diag>& out) {
  if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() || RD->isLambda()) return;
  const CXXDestructorDecl* dtor = RD->getDestructor();
  bool userDtor = dtor && !dtor->isImplicit();
  for (const FieldDecl* F : RD->fields()) {
    if (!model::hasOwner(F) || !F->getType()->isPointerType()) continue;
    if (!userDtor) {
      Diag d = makeDiag(conv, Code::Leak, Severity::Warning, F->getSourceRange(),
                        "`" + F->getNameAsString() + "` owns its pointee but `" + RD->getNameAsString() +
                            "` has no destructor to release it");
      d.notes.push_back({conv.range(RD->getLocation()), "add a destructor that releases it"});
      out.push_back(std::move(d));
    }
    // With a destructor, the function analysis of the destructor checks every path.
  }
}

}  // namespace

void checkDecl(ASTContext& ctx, const Decl* D, std::vector<Diag>& out) {
  SourceConv conv(ctx.getSourceManager());
  checkAnnotationPlacement(conv, D, out);
  if (const auto* F = dyn_cast<FunctionDecl>(D)) checkMissingLifetimeHint(conv, F, out);
  if (const auto* RD = dyn_cast<CXXRecordDecl>(D)) checkOwnerFields(conv, RD, out);
}

namespace {
class DiscardFinder : public RecursiveASTVisitor<DiscardFinder> {
 public:
  DiscardFinder(const SourceConv& conv, std::vector<Diag>& out) : conv_(conv), out_(out) {}
  bool shouldVisitLambdaExpr() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  bool VisitCompoundStmt(CompoundStmt* CS) {
    for (Stmt* S : CS->body()) check(S);
    return true;
  }
  bool VisitIfStmt(IfStmt* I) {
    check(I->getThen());
    check(I->getElse());
    return true;
  }

 private:
  const SourceConv& conv_;
  std::vector<Diag>& out_;
  void check(Stmt* S) {
    const auto* E = dyn_cast_or_null<Expr>(S);
    if (!E) return;
    E = E->IgnoreParenImpCasts();
    if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) E = EWC->getSubExpr()->IgnoreParenImpCasts();
    if (const auto* C = dyn_cast<CStyleCastExpr>(E); C && C->getType()->isVoidType())
      E = C->getSubExpr()->IgnoreParenImpCasts();
    const auto* CE = dyn_cast<CallExpr>(E);
    if (!CE) return;
    const FunctionDecl* F = CE->getDirectCallee();
    if (!F || !model::hasOwner(F) || F->getReturnType()->isVoidType()) return;
    Diag d;
    d.code = Code::Leak;
    d.severity = Severity::Warning;
    d.range = conv_.range(CE->getSourceRange());
    d.message = "the owner returned by `" + F->getNameAsString() + "` is discarded and leaks";
    d.notes.push_back({conv_.range(F->getLocation()), "`" + F->getNameAsString() + "` returns a fresh owner"});
    out_.push_back(std::move(d));
  }
};
}  // namespace

void checkBodyStatements(ASTContext& ctx, const FunctionDecl* F, std::vector<Diag>& out) {
  if (!F->hasBody()) return;
  SourceConv conv(ctx.getSourceManager());
  DiscardFinder finder(conv, out);
  finder.TraverseStmt(F->getBody());
}

}  // namespace ownership
