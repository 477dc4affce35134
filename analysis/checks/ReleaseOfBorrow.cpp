// release-of-borrow (spec §2a.5): a borrow is released, handed to an [[owner]]
// parameter, or ownership is moved out of it. (The two variants found while lowering, a delete through a [[borrow]]
// member and a borrow made on the spot for an [[owner]] parameter, are worded in
// analysis/lowering/Statements.cpp and lowering/Arguments.cpp.)
//   void drop([[borrow]] int* p) { delete p; }  // cannot release `p`, which is a borrow
//   fix: remove the release; `std::move(b)` -> `b` (a copy); `adopt(&t)` -> `adopt(new T(t))`
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `decl`: the borrow's declaration.
Diag releaseOfBorrow(const SourceConv& conv, SourceRange at, const std::string& var, BorrowRelease how,
                     SourceRange decl) {
  std::string msg = how == BorrowRelease::MovedOut ? "cannot move out of `" + var + "`, which is a borrow"
                    : how == BorrowRelease::ToOwnerParam ? "cannot hand borrow `" + var + "` to an [[owner]] parameter"
                                                         : "cannot release `" + var + "`, which is a borrow";
  rule::ReleaseOfBorrow r = how == BorrowRelease::MovedOut       ? rule::ReleaseOfBorrow::MovedOut
                            : how == BorrowRelease::ToOwnerParam ? rule::ReleaseOfBorrow::HandedToOwnerParam
                                                                 : rule::ReleaseOfBorrow::Released;
  Diag d = makeDiag(conv, Code::ReleaseOfBorrow, Severity::Error, at, std::move(msg), r);
  d.input.subject = var;
  if (decl.isValid()) d.input.subjectDecl = conv.range(decl);
  addNote(conv, d, decl, "`" + var + "` is borrowed here, not owned");
  return d;
}

}  // namespace

void checkReleaseOfBorrow(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  if (f.borrowRelease == BorrowRelease::IfHoldsLoan) {
    // An unannotated pointer is a borrow only when it holds a loan of this function's data,
    // taken by the code itself: the result of an unannotated call has unknown ownership (2b.4).
    bool borrowed = false;
    for (unsigned l : at.st.loans[f.var.index].set_bits())
      if (!c.fn.loans[l].external && !c.fn.loans[l].viaCall && !c.fn.loans[l].orFresh) borrowed = true;
    if (!borrowed) return;
  }
  const VarInfo& info = c.var(f.var);
  c.report(releaseOfBorrow(c.conv, f.range, info.name, f.borrowRelease, info.decl->getSourceRange()));
}

}  // namespace ownership::checks

namespace ownership::checks {
namespace {

bool isReleaseExpr(const Expr* E) {
  if (isa<CXXDeleteExpr>(E)) return true;
  const auto* C = dyn_cast<CallExpr>(E);
  const FunctionDecl* F = C ? C->getDirectCallee() : nullptr;
  return F && F->getIdentifier() && F->getName() == "free" && C->getNumArgs() == 1;
}

// `delete p;` / `free(p);` standing alone in a block: remove it (its owner releases it).
void removeRelease(const FixContext& a, Diag& d) {
  const Expr* R = innermostExprIn(a, d.range.begin.offset, d.range.end.offset, isReleaseExpr);
  if (!R) R = exprAt(a, d.range);
  if (!R || !isReleaseExpr(R->IgnoreParenImpCasts())) return;
  auto st = blockStatementOf(a, DynTypedNode::create(*R));
  if (!st) return;
  auto es = a.span(R->getSourceRange());
  // The statement must be the release itself, not a larger expression holding it.
  if (!es || es->first != st->begin) return;
  const auto* SE = dyn_cast<Expr>(st->stmt);
  if (!SE || SE->IgnoreParenImpCasts()->IgnoreImplicit() != R->IgnoreImplicit()) {
    if (!SE || !isReleaseExpr(SE->IgnoreImplicit())) return;
  }
  Fix f;
  f.title = "remove the release: `" + d.input.subject + "` is borrowed, its owner releases it";
  if (d.input.subject.empty()) f.title = "remove the release of a borrow";
  f.preferred = true;
  f.edits.push_back(removeStatement(a.t, st->begin, st->end));
  d.fixes.push_back(std::move(f));
}

// `return std::move(slot);` out of a borrow: copy it instead.
void copyInsteadOfMove(const FixContext& a, Diag& d) {
  const Expr* M = innermostExprIn(a, d.range.begin.offset, d.range.end.offset,
                                  [](const Expr* E) { return asStdMove(E) != nullptr; });
  if (!M) M = exprAt(a, d.range);
  const CallExpr* C = asStdMove(M);
  if (!C) return;
  const Expr* arg = C->getArg(0);
  if (!deepCopyable(arg->getType().getNonReferenceType())) return;
  auto cs = a.span(C->getSourceRange());
  std::string text = exprText(a, arg);
  if (!cs || text.empty()) return;
  Fix f;
  f.title = "copy `" + text + "` instead of moving out of the borrow";
  f.preferred = true;
  f.edits.push_back(edit(a.t, cs->first, cs->second, text));
  d.fixes.push_back(std::move(f));
}

// `adopt(w)` / `adopt(&t)` where `adopt` takes ownership: hand over an owned copy.
void handOverCopy(const FixContext& a, Diag& d) {
  const Expr* A = exprAt(a, d.range);
  if (!A) return;
  A = A->IgnoreParenImpCasts();
  QualType PT = A->getType();
  if (!PT->isPointerType()) return;
  QualType T = PT->getPointeeType();
  if (T->isVoidType() || !deepCopyable(T)) return;
  std::string ty = writtenType(a.ctx, T.getUnqualifiedType());
  if (ty.empty()) return;
  std::string value;
  if (const auto* UO = dyn_cast<UnaryOperator>(A); UO && UO->getOpcode() == UO_AddrOf)
    value = exprText(a, UO->getSubExpr());
  else if (!exprText(a, A).empty())
    value = "*" + exprText(a, A);
  if (value.empty()) return;
  auto as = a.span(A->getSourceRange());
  if (!as) return;
  Fix f;
  f.title = "hand over an owned copy of `" + value + "`";
  f.edits.push_back(edit(a.t, as->first, as->second, "new " + ty + "(" + value + ")"));
  d.fixes.push_back(std::move(f));
}

}  // namespace

void fixReleaseOfBorrow(const FixContext& a, Diag& d) {
  if (d.input.is(rule::ReleaseOfBorrow::Released)) removeRelease(a, d);
  else if (d.input.is(rule::ReleaseOfBorrow::MovedOut)) copyInsteadOfMove(a, d);
  else if (d.input.is(rule::ReleaseOfBorrow::HandedToOwnerParam)) handOverCopy(a, d);
}

}  // namespace ownership::checks
