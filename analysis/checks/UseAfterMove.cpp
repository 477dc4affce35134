// use-after-move (spec §2a.1): a moved-from owner is read, dereferenced, borrowed or
// moved again. An error for raw [[owner]]s, smart pointers and annotated types; a
// warning for a std value (valid but unspecified after a move).
//   auto s = std::move(t);
//   use(t);  // use of moved value `t`   fix: `std::move(t)` -> `t` (a copy), std values only
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `moveLoc`: where it was moved (raw, 0 when unknown); `stdValue`: a copyable
// std value, for which a use after a move is a warning.
Diag useOfMovedValue(const SourceConv& conv, SourceRange use, const std::string& var, bool possibly, bool stdValue,
                     bool stdType, unsigned moveLoc, bool movedInEarlierIteration, bool useIsMove) {
  Diag d = makeDiag(conv, Code::UseAfterMove, stdValue ? Severity::Warning : Severity::Error, use,
                    std::string(possibly ? "use of possibly-moved value `" : "use of moved value `") + var + "`",
                    possibly ? rule::UseAfterMove::PossiblyMoved : rule::UseAfterMove::Moved);
  d.input.subject = var;
  d.input.copyable = stdValue;
  d.input.moveSite = rawPoint(conv, moveLoc);
  if (d.input.moveSite)
    d.notes.push_back({*d.input.moveSite, movedInEarlierIteration ? "value moved here, in previous iteration of loop"
                                                                 : "value moved here"});
  if (useIsMove) addNote(conv, d, use, "value used here after move");
  if (stdValue && stdType) d.notes.push_back({d.range, "a moved-from standard object is valid but unspecified"});
  return d;
}

}  // namespace

bool checkUseAfterMove(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const OwnerState& o = at.st.owners[f.var.index];
  if (!(o.bits & kMoved)) return false;
  const VarInfo& info = c.var(f.var);
  // Later uses of the same moved value add nothing once the first is reported (2b.6).
  if (!c.firstReportOnPath(static_cast<int>(Code::UseAfterMove), f.var.index, o.moveLoc, at.block, at.index))
    return true;
  bool possibly = (o.bits & ~kMoved & ~kDead) != 0;
  bool loop = !c.before(o.moveLoc, f.range.getBegin());
  bool stdValue = !info.moveIsError && !c.isRawOwner(f.var);
  // The standard's "valid but unspecified" guarantee is about std types only (2b.7).
  bool stdType = info.decl && model::isStdType(info.decl->getType().getNonReferenceType());
  c.report(useOfMovedValue(c.conv, f.range, info.name, possibly, stdValue, stdType, o.moveLoc, loop,
                           f.kind == FactKind::Move));
  return true;
}

// At the move: `std::move(x)` -> `x` (a copy), for copyable std values only (smart
// pointers and [[owner]]s are not copyable).
void fixUseAfterMove(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.copyable || !in.moveSite) return;
  const Text& t = a.t;
  unsigned b = in.moveSite->begin.offset;
  llvm::StringRef rest = t.buf.substr(b);
  std::string want = "std::move(" + in.subject + ")";
  if (!rest.starts_with(want)) return;
  Fix f;
  f.title = "copy `" + in.subject + "` instead of moving it";
  f.preferred = true;
  f.edits.push_back(edit(t, b, b + want.size(), in.subject));
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
