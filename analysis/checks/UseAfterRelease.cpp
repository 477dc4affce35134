// use-after-release (spec §2a.2): an owner, or a borrow of it, is used after
// delete / free / reset().
//   delete p;
//   p->run();  // use of released value `p`   fix: move the release after the use
//   `delete[] d; return d[2];` -> read the value into a local before the release
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"
#include "analysis/checks/FixText.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `releaseLoc`: where it was released (raw, 0 when unknown).
Diag useOfReleasedValue(const SourceConv& conv, SourceRange use, const std::string& var, bool possibly,
                        unsigned releaseLoc) {
  Diag d = makeDiag(conv, Code::UseAfterRelease, Severity::Error, use,
                    std::string(possibly ? "use of possibly-released value `" : "use of released value `") + var + "`",
                    possibly ? rule::UseAfterRelease::PossiblyReleased : rule::UseAfterRelease::Released);
  d.input.subject = var;
  d.input.releaseSite = rawPoint(conv, releaseLoc);
  if (d.input.releaseSite) d.notes.push_back({*d.input.releaseSite, "value released here"});
  return d;
}

// `borrow` is read after `owner`, which it borrows from, was released.
Diag useOfBorrowOfReleased(const SourceConv& conv, SourceRange use, const std::string& borrow,
                           const std::string& owner, SourceRange borrowSite, unsigned releaseLoc) {
  Diag d = makeDiag(conv, Code::UseAfterRelease, Severity::Error, use,
                    "use of `" + borrow + "` after the value it borrows from `" + owner + "` was released",
                    rule::UseAfterRelease::BorrowOfReleased);
  d.input.subject = borrow;
  if (borrowSite.isValid()) d.input.borrowSite = conv.range(borrowSite);
  addNote(conv, d, borrowSite, "borrow of `" + owner + "` occurs here");
  d.input.releaseSite = rawPoint(conv, releaseLoc);
  if (d.input.releaseSite) d.notes.push_back({*d.input.releaseSite, "value released here"});
  return d;
}

}  // namespace

bool checkUseOfReleased(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const OwnerState& o = at.st.owners[f.var.index];
  const VarInfo& info = c.var(f.var);
  if (!(o.bits & kReleased) || !(c.isRawOwner(f.var) || info.owner == OwnerKind::Smart)) return false;
  // Reading a released smart pointer (a null test, get()) is fine; dereferencing is not.
  if (info.owner == OwnerKind::Smart && f.use != UseKind::Deref) return true;
  if (!c.firstReportOnPath(static_cast<int>(Code::UseAfterRelease), f.var.index, o.releaseLoc, at.block, at.index))
    return true;
  bool possibly = (o.bits & ~kReleased & ~kDead) != 0;
  c.report(useOfReleasedValue(c.conv, f.range, info.name, possibly, o.releaseLoc));
  return true;
}

void checkBorrowOfReleased(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  llvm::BitVector rel = at.st.loans[f.var.index];
  rel &= at.st.released;
  if (rel.none()) return;
  unsigned l = *rel.set_bits().begin();
  const Loan& L = c.fn.loans[l];
  std::string owner = c.placeName(c.place(L.place));
  if (!owner.empty() && owner[0] == '*') owner = owner.substr(1);
  c.report(useOfBorrowOfReleased(c.conv, f.range, c.var(f.var).name, owner, L.range, at.st.releasedAt[l]));
}

// Move the release after the use: remove it where it is, re-insert it after the use.
static void moveReleaseAfterUse(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  if (!d.input.releaseSite) return;
  unsigned rb = d.input.releaseSite->begin.offset, re = 0;
  if (!t.statementAt(rb, re)) return;
  llvm::StringRef stmt = t.buf.substr(rb, re - rb);
  if (!(stmt.starts_with("delete") || stmt.contains("free("))) return;
  unsigned ub = d.range.begin.offset, ue = 0;
  unsigned us = t.lineStart(ub);
  if (!t.statementAt(us + t.indentOf(ub).size(), ue) || ue <= re) return;
  llvm::StringRef useStmt = t.buf.substr(us, ue - us).trim();
  if (useStmt.starts_with("return")) return;  // nothing can come after a return
  Fix f;
  f.title = "release after the last use";
  f.preferred = true;
  f.edits.push_back(removeStatement(t, rb, re));
  f.edits.push_back(edit(t, ue, ue, "\n" + t.indentOf(ub) + stmt.str()));
  d.fixes.push_back(std::move(f));
}

void fixUseAfterRelease(const FixContext& a, Diag& d) {
  moveReleaseAfterUse(a, d);
  if (d.fixes.empty() && d.input.releaseSite)
    readBeforeEvent(a, d, d.input.releaseSite->begin.offset, "read the value before the release");
}

}  // namespace ownership::checks
