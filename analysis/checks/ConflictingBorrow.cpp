// conflicting-borrow (spec §2a.6): an exclusive borrow overlaps another live borrow of
// the same object (explicit borrows; two arguments of one call are found while lowering,
// analysis/lowering/Arguments.cpp, through the same words). No fix.
//   int& a = x; const int& b = x; a = 1;  // cannot borrow `x` as shared because ...
#include "analysis/checks/Checks.h"

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
