// release-of-borrow (spec §2a.5): a borrow is released, handed to an [[owner]]
// parameter, or ownership is moved out of it. No fix: what should own it is a design
// decision. (The two variants found while lowering, a delete through a [[borrow]]
// member and a borrow made on the spot for an [[owner]] parameter, are worded in
// analysis/lowering/Statements.cpp and lowering/Arguments.cpp.)
//   void drop([[borrow]] int* p) { delete p; }  // cannot release `p`, which is a borrow
#include "analysis/checks/Checks.h"

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
