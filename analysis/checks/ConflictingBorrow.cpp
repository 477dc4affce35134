// conflicting-borrow (spec §2a.6): an exclusive borrow overlaps another live borrow of
// the same object (explicit borrows; two arguments of one call are found while lowering,
// analysis/lowering/Arguments.cpp, through the same words).
//   fix: the shared borrow becomes a copy (`const T& r = x;` -> `const T r = x;`); of two
//   aliasing arguments, the one bound to a const reference is passed as a copy.
//   int& a = x; const int& b = x; a = 1;  // cannot borrow `x` as shared because ...
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"

using namespace clang;

namespace ownership::checks {

std::string conflictingBorrowMessage(const std::string& place, bool secondMut, bool firstMut) {
  if (!secondMut) return "cannot borrow `" + place + "` as shared because it is also borrowed as mutable";
  return firstMut ? "cannot borrow `" + place + "` as mutable more than once at a time"
                  : "cannot borrow `" + place + "` as mutable because it is also borrowed as shared";
}

std::string conflictingBorrowFirstNote(bool firstMut) {
  return firstMut ? "first mutable borrow occurs here" : "shared borrow occurs here";
}

namespace {

// Words. `second`: the new borrow; `first`: the live one; `later`: its later use.
Diag conflictingBorrow(const SourceConv& conv, const std::string& place, SourceRange second, bool secondMut,
                       SourceRange first, bool firstMut, SourceRange later) {
  rule::ConflictingBorrow r = !secondMut ? rule::ConflictingBorrow::SharedWhileMutable
                              : firstMut ? rule::ConflictingBorrow::MutableTwice
                                         : rule::ConflictingBorrow::MutableWhileShared;
  Diag d = makeDiag(conv, Code::ConflictingBorrow, Severity::Error, second,
                    conflictingBorrowMessage(place, secondMut, firstMut), r);
  d.input.subject = place;
  if (first.isValid()) d.input.borrowSite = conv.range(first);
  addNote(conv, d, first, conflictingBorrowFirstNote(firstMut));
  addNote(conv, d, later, "first borrow later used here");
  return d;
}

}  // namespace

void checkConflictingBorrow(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const Loan& L = c.fn.loans[f.loan.index];
  const Place& P = c.place(L.place);
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    if (l == f.loan.index) continue;
    const Loan& L2 = c.fn.loans[l];
    if (L2.external || L2.interior || !L2.explicitBorrow || !(L.mut || L2.mut)) continue;
    if (!overlaps(c.place(L2.place), P)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index);
    for (unsigned v : holders.set_bits())
      if (c.fn.vars[v].implicit || at.st.loans[v].test(f.loan.index)) holders.reset(v);
    if (holders.none()) continue;
    c.report(conflictingBorrow(c.conv, c.placeName(P), L.range, L.mut, L2.range, L2.mut,
                               c.nextUse(at.block, at.index, holders)));
    return;
  }
}

}  // namespace ownership::checks

namespace ownership::checks {
namespace {

// `const T& r = x;` -> `const T r = x;`: the shared borrow becomes a copy, so only the
// mutable one borrows.
bool copySharedDecl(const FixContext& a, Diag& d, const Range& at) {
  const VarDecl* V = varInitialisedAt(a, at);
  if (!V || !V->getType()->isLValueReferenceType()) return false;
  QualType T = V->getType().getNonReferenceType();
  if (!T.isConstQualified() || !deepCopyable(T)) return false;
  auto sigil = referenceSigil(a, V);
  if (!sigil) return false;
  Fix f;
  f.title = "copy into `" + V->getNameAsString() + "` instead of borrowing";
  f.preferred = true;
  unsigned e = *sigil + 1;
  // `const T &r` -> `const T r`: keep one space between type and name.
  bool spaceBefore = *sigil > 0 && a.t.buf[*sigil - 1] == ' ';
  bool spaceAfter = e < a.t.buf.size() && a.t.buf[e] == ' ';
  f.edits.push_back(edit(a.t, *sigil, e, spaceBefore || spaceAfter ? "" : " "));
  d.fixes.push_back(std::move(f));
  return true;
}

// `merge(v, v)`: pass a copy for the argument bound to a const reference.
void copyAliasingArgument(const FixContext& a, Diag& d) {
  const Expr* second = exprAt(a, d.range);
  const CallExpr* call = enclosingAt<CallExpr>(a, d.range.begin.offset, d.range.end.offset);
  if (!second || !call) return;
  const FunctionDecl* F = call->getDirectCallee();
  if (!F) return;
  std::string text = exprText(a, second);
  if (text.empty()) return;
  unsigned shift = isa<CXXOperatorCallExpr>(call) && isa<CXXMethodDecl>(F) ? 1 : 0;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    if (i < shift || i - shift >= F->getNumParams()) continue;
    const Expr* A = call->getArg(i);
    if (exprText(a, A) != text) continue;
    QualType PT = F->getParamDecl(i - shift)->getType();
    if (!PT->isLValueReferenceType() || !PT.getNonReferenceType().isConstQualified()) continue;
    QualType T = PT.getNonReferenceType().getUnqualifiedType();
    if (T->isDependentType() || !deepCopyable(T)) continue;
    std::string ty = writtenType(a.ctx, T);
    auto s = a.span(A->getSourceRange());
    if (ty.empty() || !s) continue;
    Fix f;
    f.title = "pass a copy of `" + text + "`";
    f.preferred = true;
    f.edits.push_back(edit(a.t, s->first, s->second, ty + "(" + text + ")"));
    d.fixes.push_back(std::move(f));
    return;
  }
}

}  // namespace

void fixConflictingBorrow(const FixContext& a, Diag& d) {
  if (!d.input.borrowSite) {  // two arguments of one call (found while lowering)
    copyAliasingArgument(a, d);
    return;
  }
  if (d.input.is(rule::ConflictingBorrow::SharedWhileMutable)) copySharedDecl(a, d, d.range);
  else if (d.input.is(rule::ConflictingBorrow::MutableWhileShared)) copySharedDecl(a, d, *d.input.borrowSite);
}

}  // namespace ownership::checks
