// move-while-borrowed (spec §2a.6): an owner (or a field path of it) is moved while a
// borrow of it is live.
//   fix: copy instead of moving (`std::move(s)` -> `s`), for copyable values
//   const std::string& r = s; auto t = std::move(s); use(r);  // cannot move out of `s` ...
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `borrowed`: the place the live loan borrows; `later`: the loan's later use.
Diag moveWhileBorrowed(const SourceConv& conv, rule::MoveWhileBorrowed what, SourceRange move, const std::string& moved,
                       const std::string& borrowed, SourceRange borrow, SourceRange later) {
  Diag d = makeDiag(conv, Code::MoveWhileBorrowed, Severity::Error, move,
                    "cannot move out of `" + moved + "` because it is borrowed", what);
  d.input.subject = moved;
  if (borrow.isValid()) d.input.borrowSite = conv.range(borrow);
  addNote(conv, d, borrow, "borrow of `" + borrowed + "` occurs here");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

void report(FunctionChecks& c, const At& at, rule::MoveWhileBorrowed what, const std::string& moved,
            const std::function<bool(const Loan&)>& applies) {
  std::optional<LoanConflict> k = findLoanConflict(c, at, applies);
  if (!k) return;
  const Loan& L = c.fn.loans[k->loan];
  c.report(moveWhileBorrowed(c.conv, what, at.f.range, moved, c.placeName(c.place(L.place)), L.range,
                             c.nextUse(at.block, at.index, k->holders)));
}

}  // namespace

void checkMoveOfBorrowedVar(FunctionChecks& c, const At& at) {
  if (at.f.moveIntoOwner) return;
  const VarInfo& v = c.var(at.f.var);
  const void* root = v.decl;
  bool livesOn = at.f.pointeeLivesOn;
  report(c, at, rule::MoveWhileBorrowed::Variable, v.name, [&](const Loan& L) {
    const Place& p = c.place(L.place);
    if (livesOn && isPointeeOf(p, v)) return false;  // `up.get()` survives `std::move(up)`
    return p.root == root && (p.kind == RootKind::Local || p.kind == RootKind::Extern);
  });
}

void checkMoveOfBorrowedPlace(FunctionChecks& c, const At& at) {
  const Place& mp = c.place(at.f.place);
  report(c, at, rule::MoveWhileBorrowed::Place, c.placeName(mp),
         [&](const Loan& L) { return overlaps(c.place(L.place), mp); });
}



// `std::move(s)` while `s` is borrowed -> `s` (a copy), for deep-copyable values.
void fixMoveWhileBorrowed(const FixContext& a, Diag& d) {
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
  f.title = "copy `" + text + "` instead of moving it";
  f.preferred = true;
  f.edits.push_back(edit(a.t, cs->first, cs->second, text));
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
