// double-release (spec §2a.3): an owner is released twice, released after it was moved,
// or handed to a new owner after it was released.
//   delete p;
//   delete p;  // `p` is released twice   fixes: remove the second release;
//                                          set `p` to nullptr after the first
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. Raw locations are 0 when unknown.
Diag releasedTwice(const SourceConv& conv, SourceRange release, const std::string& var, bool possibly,
                   unsigned firstReleaseLoc) {
  Diag d = makeDiag(conv, Code::DoubleRelease, Severity::Error, release,
                    possibly ? "`" + var + "` may already have been released" : "`" + var + "` is released twice",
                    possibly ? rule::DoubleRelease::PossiblyReleasedTwice : rule::DoubleRelease::ReleasedTwice);
  d.input.subject = var;
  d.input.releaseSite = rawPoint(conv, firstReleaseLoc);
  if (d.input.releaseSite) d.notes.push_back({*d.input.releaseSite, "first released here"});
  return d;
}

Diag releasedAfterMove(const SourceConv& conv, SourceRange release, const std::string& var, unsigned moveLoc) {
  Diag d = makeDiag(conv, Code::DoubleRelease, Severity::Error, release,
                    "`" + var + "` is released after its ownership was moved", rule::DoubleRelease::ReleasedAfterMove);
  d.input.subject = var;
  d.input.moveSite = rawPoint(conv, moveLoc);
  if (d.input.moveSite) d.notes.push_back({*d.input.moveSite, "value moved here"});
  return d;
}

Diag handedOnAfterRelease(const SourceConv& conv, SourceRange move, const std::string& var, unsigned releaseLoc) {
  Diag d = makeDiag(conv, Code::DoubleRelease, Severity::Error, move,
                    "`" + var + "` is handed to a new owner after it was released",
                    rule::DoubleRelease::HandedOnAfterRelease);
  d.input.subject = var;
  d.input.releaseSite = rawPoint(conv, releaseLoc);
  if (d.input.releaseSite) d.notes.push_back({*d.input.releaseSite, "value released here"});
  return d;
}

}  // namespace

bool checkHandOnAfterRelease(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const OwnerState& o = at.st.owners[f.var.index];
  if (f.kind != FactKind::Move || !(o.bits & kReleased) || !c.isRawOwner(f.var)) return false;
  c.report(handedOnAfterRelease(c.conv, f.range, c.var(f.var).name, o.releaseLoc));
  return true;
}

void checkRelease(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  if (!c.isRawOwner(f.var)) return;  // smart pointer reset(): releasing nothing is fine
  const OwnerState& o = at.st.owners[f.var.index];
  const std::string& n = c.var(f.var).name;
  if (o.bits & kReleased) {
    bool possibly = (o.bits & ~kReleased & ~kDead) != 0;
    c.report(releasedTwice(c.conv, f.range, n, possibly, o.releaseLoc));
    return;
  }
  if (o.bits & kMoved) c.report(releasedAfterMove(c.conv, f.range, n, o.moveLoc));
}

void fixDoubleRelease(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  unsigned b = d.range.begin.offset, e = 0;
  if (!t.statementAt(b, e)) return;
  llvm::StringRef stmt = t.buf.substr(b, e - b);
  if (!(stmt.starts_with("delete") || stmt.starts_with("std::free") || stmt.starts_with("free"))) return;
  Fix f;
  f.title = "remove the second release";
  f.preferred = true;
  f.edits.push_back(removeStatement(t, b, e));
  d.fixes.push_back(std::move(f));
  // Or null the owner right after the first release, so a second release is a no-op.
  const FixInput& in = d.input;
  bool twice = in.is(rule::DoubleRelease::ReleasedTwice) || in.is(rule::DoubleRelease::PossiblyReleasedTwice);
  if (!twice || !in.releaseSite) return;
  unsigned fb = in.releaseSite->begin.offset, fe = 0;
  if (!t.statementAt(fb, fe) || in.subject.empty()) return;
  Fix g;
  g.title = "set `" + in.subject + "` to nullptr after releasing it";
  g.edits.push_back(edit(t, fe, fe, " " + in.subject + " = nullptr;"));
  d.fixes.push_back(std::move(g));
}

}  // namespace ownership::checks
