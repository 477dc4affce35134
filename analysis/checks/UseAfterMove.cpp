// use-after-move (spec §2a.1): a moved-from owner is read, dereferenced, borrowed or
// moved again. An error for raw [[owner]]s, smart pointers and annotated types; a
// warning for a std value (valid but unspecified after a move).
//   auto s = std::move(t);
//   use(t);  // use of moved value `t`   fix: `std::move(t)` -> `t` (a copy), std values only;
//   `auto q = std::move(p); *p` -> `*q` (the new owner); `return E;` -> read E before the
//   move; else give it a new value after the move (`p = std::make_unique<W>();`)
#include "analysis/checks/Checks.h"
#include "analysis/checks/FixAst.h"
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
static void copyInsteadOfMove(const FixContext& a, Diag& d) {
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

namespace {

std::string lastComponent(const std::string& subject) {
  size_t dot = subject.find_last_of(".>");
  return dot == std::string::npos ? subject : subject.substr(dot + 1);
}

const CallExpr* moveAt(const FixContext& a, const Range& site) {
  return asStdMove(innermostExprIn(a, site.begin.offset, site.begin.offset,
                                   [](const Expr* E) { return asStdMove(E) != nullptr; }));
}

// `auto q = std::move(p); ... *p` -> `*q`, when `q` is in scope at the use.
bool useNewOwner(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.moveSite || in.subject.find_first_of(".->[") != std::string::npos) return false;
  const CallExpr* M = moveAt(a, *in.moveSite);
  if (!M) return false;
  auto ms = a.span(M->getSourceRange());
  if (!ms) return false;
  const VarDecl* Q = varInitialisedAt(a, a.t.range(ms->first, ms->second));
  if (!Q || Q->getType()->isReferenceType() || !Q->isLocalVarDecl() || !Q->getIdentifier()) return false;
  auto decl = blockStatementOf(a, DynTypedNode::create(*Q));
  if (!decl) return false;
  auto blockSpan = a.span(decl->block->getSourceRange());
  unsigned use = d.range.begin.offset;
  if (!blockSpan || use < decl->end || use >= blockSpan->second) return false;
  const Expr* ref = referenceIn(a, d.range.begin.offset, d.range.end.offset, in.subject);
  auto rs = ref ? a.span(ref->getSourceRange()) : std::nullopt;
  if (!rs || !isa<DeclRefExpr>(ref)) return false;
  Fix f;
  f.title = "use the new owner `" + Q->getNameAsString() + "` instead";
  f.preferred = true;
  f.edits.push_back(edit(a.t, rs->first, rs->second, Q->getNameAsString()));
  d.fixes.push_back(std::move(f));
  return true;
}

bool assignable(QualType T) {
  const auto* RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition()) return !T->isReferenceType() && !T.isConstQualified();
  if (T.isConstQualified()) return false;
  for (const CXXMethodDecl* M : RD->methods())
    if ((M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()) && !M->isDeleted() && M->getAccess() == AS_public)
      return true;
  return RD->needsImplicitMoveAssignment() || RD->needsImplicitCopyAssignment();
}

// After the move's statement: `x = <a fresh value>;`, so later uses see a valid object.
void reinitAfterMove(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.moveSite) return;
  auto ev = blockStatementAt(a, in.moveSite->begin.offset);
  if (!ev || isa<ReturnStmt>(ev->stmt)) return;
  const Expr* ref = referenceIn(a, d.range.begin.offset, d.range.end.offset, lastComponent(in.subject));
  const ValueDecl* D = referencedDecl(ref);
  if (!D || !(isa<VarDecl>(D) || isa<FieldDecl>(D))) return;
  QualType T = D->getType();
  // A fresh raw owner would itself need releasing: only smart pointers and values.
  if (T->isPointerType() || T->isReferenceType() || !assignable(T)) return;
  std::string fresh = freshValue(a.ctx, T);
  if (fresh.empty()) return;
  Fix f;
  f.title = "give `" + in.subject + "` a new value after the move";
  f.preferred = d.fixes.empty();
  f.edits.push_back(edit(a.t, ev->end, ev->end, "\n" + a.t.indentOf(ev->begin) + in.subject + " = " + fresh + ";"));
  d.fixes.push_back(std::move(f));
}

}  // namespace

void fixUseAfterMove(const FixContext& a, Diag& d) {
  copyInsteadOfMove(a, d);
  if (!d.fixes.empty()) return;
  if (useNewOwner(a, d)) return;
  if (d.input.moveSite && readBeforeEvent(a, d, d.input.moveSite->begin.offset, "use the value before the move")) return;
  reinitAfterMove(a, d);
}

}  // namespace ownership::checks
