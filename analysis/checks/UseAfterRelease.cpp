// use-after-release (spec §2a.2): an owner, or a borrow of it, is used after
// delete / free / reset().
//   delete p;
//   p->run();  // use of released value `p`   fix: move the release after the use
//   `delete[] d; return d[2];` -> read the value into a local before the release;
//   released on some paths: null it at the release and test it at the use
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

namespace {

bool isSmartPointer(QualType T) {
  const auto* RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
}

// Released on some paths only: null the owner at the release (a smart pointer's reset()
// already does) and test it at the use: `if (p) use;`, `return p ? E : R();`.
void testAtUse(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.is(rule::UseAfterRelease::PossiblyReleased) || !in.releaseSite) return;
  const Expr* ref = referenceIn(a, d.range.begin.offset, d.range.end.offset, in.subject);
  const auto* V = dyn_cast_or_null<VarDecl>(referencedDecl(ref));
  if (!V || !V->isLocalVarDecl()) return;
  bool smart = isSmartPointer(V->getType());
  if (!smart && !V->getType()->isPointerType()) return;
  auto use = blockStatementAt(a, d.range.begin.offset);
  if (!use) return;
  Fix f;
  f.title = "test `" + in.subject + "` before the use";
  if (!smart) {
    // `delete p;` leaves p dangling: null it there, so the test means something.
    auto rel = blockStatementAt(a, in.releaseSite->begin.offset);
    if (!rel || !isa<CXXDeleteExpr>(rel->stmt)) return;
    f.title = "null `" + in.subject + "` after the release and test it before the use";
    f.edits.push_back(edit(a.t, rel->end, rel->end, "\n" + a.t.indentOf(rel->begin) + in.subject + " = nullptr;"));
  }
  if (const auto* R = dyn_cast<ReturnStmt>(use->stmt)) {
    const Expr* E = R->getRetValue();
    const auto* F = a.functionAt(use->begin) ? a.functionAt(use->begin)->lowered->fn : nullptr;
    if (!E || !F) return;
    QualType RT = F->getReturnType();
    if (RT->isVoidType() || RT->isReferenceType() || RT->isDependentType() || !defaultConstructible(RT)) return;
    std::string rt = writtenType(a.ctx, RT.getUnqualifiedType());
    auto es = a.span(E->getSourceRange());
    if (rt.empty() || !es) return;
    std::string expr = a.t.buf.substr(es->first, es->second - es->first).str();
    f.edits.push_back(edit(a.t, es->first, es->second, in.subject + " ? " + expr + " : " + rt + "()"));
  } else if (isa<Expr>(use->stmt)) {
    f.edits.push_back(edit(a.t, use->begin, use->begin, "if (" + in.subject + ") "));
  } else {
    return;
  }
  sortEdits(f);
  d.fixes.push_back(std::move(f));
}

}  // namespace

void fixUseAfterRelease(const FixContext& a, Diag& d) {
  moveReleaseAfterUse(a, d);
  if (d.fixes.empty()) testAtUse(a, d);
  if (d.fixes.empty() && d.input.releaseSite)
    readBeforeEvent(a, d, d.input.releaseSite->begin.offset, "read the value before the release");
}

}  // namespace ownership::checks
