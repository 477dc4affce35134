// leak (spec §2a.9, §2a.10): an owner leaves scope, is overwritten, or is left behind by
// an exception while it still owns; a destructor that does not release an [[owner]]
// member; an [[owner]] member with no destructor; a discarded [[owner]] result.
//   int* p = new int(1);
//   if (bad) return;  // `p` still owns its allocation when it goes out of scope
//   fixes: release `p` before each leaking exit; wrap `p` in a std::unique_ptr
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>

#include <regex>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `decl`: the owner's declaration.
void addLeakExit(const SourceConv& conv, Diag& d, const std::string& var, SourceLocation at) {
  SourceRange r(at, at);
  if (!r.isValid()) return;
  d.input.leakExits.push_back(conv.range(r));
  d.notes.push_back({d.input.leakExits.back(), "`" + var + "` leaks on this path"});
}

Diag leakAtScopeEnd(const SourceConv& conv, const std::string& var, SourceRange decl, SourceLocation exit) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, decl,
                    "`" + var + "` still owns its allocation when it goes out of scope", rule::Leak::AtScopeEnd);
  d.input.subject = var;
  d.input.subjectDecl = d.range;
  addLeakExit(conv, d, var, exit);
  return d;
}

Diag leakAtOverwrite(const SourceConv& conv, const std::string& var, SourceRange assignment, SourceRange decl) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, assignment,
                    "assignment to `" + var + "` leaks the allocation it still owns", rule::Leak::AtOverwrite);
  d.input.subject = var;
  if (decl.isValid()) d.input.subjectDecl = conv.range(decl);
  addNote(conv, d, decl, "owner declared here");
  return d;
}

Diag leakOnThrow(const SourceConv& conv, const std::string& var, SourceRange decl, SourceRange thrown) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, decl,
                    "`" + var + "` still owns its allocation when the exception leaves the function",
                    rule::Leak::OnThrow);
  d.input.subject = var;
  d.input.subjectDecl = d.range;
  addNote(conv, d, thrown, "`" + var + "` leaks when this exception is thrown");
  return d;
}

Diag leakAtDestruction(const SourceConv& conv, const std::string& member, SourceRange decl, SourceLocation dtorEnd) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, decl,
                    "`" + member + "` still owns its allocation when the object is destroyed",
                    rule::Leak::AtDestruction);
  d.input.subject = member;
  d.input.subjectDecl = d.range;
  addNote(conv, d, SourceRange(dtorEnd, dtorEnd), "the destructor does not release it on every path");
  return d;
}

Diag ownerMemberWithoutDestructor(const SourceConv& conv, const FieldDecl* F, const CXXRecordDecl* RD) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, F->getSourceRange(),
                    "`" + F->getNameAsString() + "` owns its pointee but `" + RD->getNameAsString() +
                        "` has no destructor to release it",
                    rule::Leak::OwnerMemberWithoutDestructor);
  d.input.subject = F->getNameAsString();
  d.input.subjectDecl = d.range;
  d.notes.push_back({conv.range(RD->getLocation()), "add a destructor that releases it"});
  return d;
}

Diag discardedOwner(const SourceConv& conv, const CallExpr* CE, const FunctionDecl* F) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, CE->getSourceRange(),
                    "the owner returned by `" + F->getNameAsString() + "` is discarded and leaks",
                    rule::Leak::DiscardedResult);
  d.input.subject = F->getNameAsString();
  d.notes.push_back({conv.range(F->getLocation()), "`" + F->getNameAsString() + "` returns a fresh owner"});
  return d;
}

}  // namespace

void checkLeakAtOverwrite(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  if (!f.checkOverwrite || !c.isRawOwner(f.var)) return;
  if (!(at.st.owners[f.var.index].bits & kOwnedBit)) return;
  const VarInfo& info = c.var(f.var);
  c.report(leakAtOverwrite(c.conv, info.name, f.range, info.decl->getSourceRange()));
}

void checkLeakAtScopeEnd(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const VarInfo& info = c.var(f.var);
  const OwnerState& o = at.st.owners[f.var.index];
  if (!c.isRawOwner(f.var) || info.isField || !(o.bits & kOwnedBit) ||
      (info.isParam && info.owner != OwnerKind::AnnotatedRaw))
    return;
  SourceLocation exit = f.at.isValid() ? f.at : info.decl->getEndLoc();
  auto it = c.leakDiagOfVar.find(f.var.index);
  if (it != c.leakDiagOfVar.end()) {
    addLeakExit(c.conv, c.diag(it->second), info.name, exit);
    return;
  }
  const auto* VD = cast<VarDecl>(info.decl);
  if (c.report(leakAtScopeEnd(c.conv, info.name, VD->getSourceRange(), exit)))
    c.leakDiagOfVar[f.var.index] = c.lastIndex();
}

void checkLeakOnThrow(FunctionChecks& c, const At& at) {
  if (c.fn.hasTry) return;
  for (unsigned v = 0; v < c.fn.vars.size(); ++v) {
    const VarInfo& info = c.fn.vars[v];
    if (info.isField || info.isParam || !c.isRawOwner(VarId{v})) continue;
    if (!(at.st.owners[v].bits & kOwnedBit)) continue;
    if (c.report(leakOnThrow(c.conv, info.name, info.decl->getSourceRange(), at.f.range)))
      c.leakDiagOfVar[v] = c.lastIndex();
  }
}

void checkLeakAtDestruction(FunctionChecks& c) {
  if (!c.fn.isDestructor) return;
  const CFGBlock& exit = c.fn.cfg->getExit();
  const State& st = c.df.blockEntry[exit.getBlockID()];
  if (!st.reached) return;
  for (unsigned v = 0; v < c.fn.vars.size(); ++v) {
    const VarInfo& info = c.fn.vars[v];
    if (!info.isField || !c.isRawOwner(VarId{v}) || !(st.owners[v].bits & kOwnedBit)) continue;
    c.report(leakAtDestruction(c.conv, info.name, info.decl->getSourceRange(), c.fn.fn->getEndLoc()));
  }
}

void checkOwnerMembers(const SourceConv& conv, const CXXRecordDecl* RD, std::vector<Diag>& out) {
  if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() || RD->isLambda()) return;
  const CXXDestructorDecl* dtor = RD->getDestructor();
  bool userDtor = dtor && !dtor->isImplicit();
  // With a destructor, the function analysis of the destructor checks every path.
  if (userDtor) return;
  for (const FieldDecl* F : RD->fields())
    if (model::hasOwner(F) && F->getType()->isPointerType()) out.push_back(ownerMemberWithoutDestructor(conv, F, RD));
}

void checkDiscardedOwner(const SourceConv& conv, const Stmt* S, std::vector<Diag>& out) {
  const auto* E = dyn_cast_or_null<Expr>(S);
  if (!E) return;
  E = E->IgnoreParenImpCasts();
  if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) E = EWC->getSubExpr()->IgnoreParenImpCasts();
  if (const auto* C = dyn_cast<CStyleCastExpr>(E); C && C->getType()->isVoidType())
    E = C->getSubExpr()->IgnoreParenImpCasts();
  const auto* CE = dyn_cast<CallExpr>(E);
  if (!CE) return;
  const FunctionDecl* F = CE->getDirectCallee();
  if (!F || !model::hasOwner(F) || F->getReturnType()->isVoidType()) return;
  out.push_back(discardedOwner(conv, CE, F));
}

// ---------------------------------------------------------------------------
// Fixes

namespace {

// Insert the release before each exit on which the owner leaks.
void fixReleaseBeforeExits(const FixContext& a, Diag& d) {
  const Text& t = a.t;
  const FixInput& in = d.input;
  const std::string& var = in.subject;
  if (var.empty()) return;
  unsigned b = d.range.begin.offset;
  unsigned le = t.lineEnd(b);
  std::string line = t.buf.substr(t.lineStart(b), le - t.lineStart(b)).str();
  bool isMalloc = line.find("alloc(") != std::string::npos;
  bool isArray = std::regex_search(line, std::regex("new\\s+[A-Za-z_:<>]+\\s*\\["));
  if (!in.is(rule::Leak::AtScopeEnd)) return;
  Fix f;
  f.title = "release `" + var + "` before it goes out of scope";
  f.preferred = true;
  std::string release = isMalloc ? "std::free(" + var + ");" : isArray ? "delete[] " + var + ";" : "delete " + var + ";";
  for (const Range& exit : in.leakExits) {
    unsigned at = exit.begin.offset;
    if (at >= t.buf.size()) continue;
    if (t.buf[at] == '}') {
      f.edits.push_back(edit(t, t.lineStart(at), t.lineStart(at), t.indentOf(b) + release + "\n"));
    } else if (t.buf.substr(at).starts_with("return")) {
      unsigned ls = t.lineStart(at);
      if (t.buf.substr(ls, at - ls).trim().empty())
        f.edits.push_back(edit(t, ls, ls, t.indentOf(at) + release + "\n"));
    }
  }
  // A release inserted before `return *p` would break the return: only when the
  // returned expression does not mention the variable.
  for (const TextEdit& e : f.edits) {
    unsigned off = e.range.begin.offset;
    unsigned le2 = t.lineEnd(off);
    std::string l = t.buf.substr(off, le2 - off).str();
    if (std::regex_search(l, std::regex("\\b" + var + "\\b"))) return;  // whole words: `s` is not in `result`
  }
  if (!f.edits.empty()) d.fixes.push_back(std::move(f));
}

void fixLeakUniquePtr(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  if (!in.is(rule::Leak::AtScopeEnd) && !in.is(rule::Leak::OnThrow)) return;
  const std::string& var = in.subject;
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (var.empty() || !in.subjectDecl || !fr || !a.stdTemplateDefined("unique_ptr")) return;
  const LoweredFunction& fn = *fr->lowered;
  SourceConv conv(a.sm);
  const VarDecl* VD = nullptr;
  for (const VarInfo& v : fn.vars)
    if (v.name == var && (v.owner == OwnerKind::AnnotatedRaw || v.owner == OwnerKind::InferredRaw) && !v.isParam &&
        !v.isField && conv.range(v.decl->getSourceRange()).begin.offset == in.subjectDecl->begin.offset)
      VD = dyn_cast<VarDecl>(v.decl);
  if (!VD || !VD->hasLocalStorage() || !VD->getType()->isPointerType() || !VD->getTypeSourceInfo()) return;
  const auto* NE = VD->getInit() ? dyn_cast<CXXNewExpr>(VD->getInit()->IgnoreParenImpCasts()) : nullptr;
  if (!NE || NE->isArray() || NE->getNumPlacementArgs() != 0 || !NE->getAllocatedTypeSourceInfo()) return;
  QualType pointee = VD->getType()->getPointeeType();
  if (pointee.getCanonicalType().getUnqualifiedType() != NE->getAllocatedType().getCanonicalType().getUnqualifiedType())
    return;
  if (const auto* RD = pointee->getAsCXXRecordDecl(); RD && (!RD->hasDefinition() || RD->isAbstract())) return;
  auto ps = a.ctx.getParents(*VD);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return;

  // The element type as written (the allocated type when the declaration says `auto`).
  std::optional<std::string> elem;
  if (VD->getType()->getContainedAutoType()) {
    elem = a.text(NE->getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange());
  } else if (auto pl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<PointerTypeLoc>()) {
    if (auto s = a.span(pl.getPointeeLoc().getSourceRange())) {
      unsigned b = widenOverQualifiers(a.t, s->first);
      elem = a.t.buf.substr(b, s->second - b).str();
    }
  }
  auto init = a.text(NE->getSourceRange());
  auto declSpan = a.span(DS->getSourceRange());
  auto varSpan = a.span(VD->getSourceRange());
  if (!elem || elem->empty() || !init || !declSpan || !varSpan) return;
  // Only attributes ([[owner]]) may precede the declaration; they go with it.
  llvm::StringRef lead = a.t.buf.substr(declSpan->first, varSpan->first - declSpan->first);
  while (!(lead = lead.ltrim()).empty()) {
    if (!lead.starts_with("[[")) return;
    size_t close = lead.find("]]");
    if (close == llvm::StringRef::npos) return;
    lead = lead.drop_front(close + 2);
  }

  Fix f;
  f.title = "wrap `" + var + "` in a std::unique_ptr";
  f.edits.push_back(edit(a.t, declSpan->first, varSpan->second,
                         "std::unique_ptr<" + *elem + "> " + var + "(" + *init + ")"));
  RefCollector refs;
  refs.decls.insert(VD->getCanonicalDecl());
  refs.TraverseStmt(const_cast<Stmt*>(fn.fn->getBody()));
  for (const Expr* r : refs.refs) {
    const auto* DR = dyn_cast<DeclRefExpr>(r);
    if (!DR || DR->refersToEnclosingVariableOrCapture()) return;
    auto rp = a.ctx.getParents(*r);
    const auto* ICE = rp.size() == 1 ? rp[0].get<ImplicitCastExpr>() : nullptr;
    if (!ICE || ICE->getCastKind() != CK_LValueToRValue) return;
    const Expr* E = ICE;
    auto gp = a.ctx.getParents(*E);
    while (gp.size() == 1 && gp[0].get<ParenExpr>()) {
      E = gp[0].get<ParenExpr>();
      gp = a.ctx.getParents(*E);
    }
    if (gp.size() != 1) return;
    if (const auto* UO = gp[0].get<UnaryOperator>(); UO && UO->getOpcode() == UO_Deref) continue;
    if (const auto* ME = gp[0].get<MemberExpr>(); ME && ME->isArrow()) continue;
    if (const auto* BO = gp[0].get<BinaryOperator>(); BO && BO->isEqualityOp()) {
      const Expr* other = BO->getLHS()->IgnoreParenImpCasts() == DR ? BO->getRHS() : BO->getLHS();
      if (other->IgnoreParenImpCasts()->isNullPointerConstant(a.ctx, Expr::NPC_ValueDependentIsNotNull) !=
          Expr::NPCK_NotNull)
        continue;
      return;
    }
    if (const auto* B2 = gp[0].get<ImplicitCastExpr>(); B2 && B2->getCastKind() == CK_PointerToBoolean) {
      // Contextual conversions only: unique_ptr's operator bool is explicit.
      auto bp = a.ctx.getParents(*B2);
      if (bp.size() != 1) return;
      const Expr* cond = B2;
      bool ok = false;
      if (const auto* IS = bp[0].get<IfStmt>()) ok = IS->getCond() == cond;
      else if (const auto* WS = bp[0].get<WhileStmt>()) ok = WS->getCond() == cond;
      else if (const auto* FS = bp[0].get<ForStmt>()) ok = FS->getCond() == cond;
      else if (const auto* DS2 = bp[0].get<DoStmt>()) ok = DS2->getCond() == cond;
      else if (const auto* U = bp[0].get<UnaryOperator>()) ok = U->getOpcode() == UO_LNot;
      else if (const auto* L = bp[0].get<BinaryOperator>()) ok = L->isLogicalOp();
      else if (const auto* CO = bp[0].get<ConditionalOperator>()) ok = CO->getCond() == cond;
      if (!ok) return;
      continue;
    }
    if (const auto* DE = gp[0].get<CXXDeleteExpr>(); DE && !DE->isArrayForm()) {
      auto s = a.span(DE->getSourceRange());
      if (!s) return;
      f.edits.push_back(edit(a.t, s->first, s->second, var + ".reset()"));
      continue;
    }
    return;
  }
  sortEdits(f);
  d.fixes.push_back(std::move(f));
}

}  // namespace

void fixLeak(const FixContext& a, Diag& d) {
  fixReleaseBeforeExits(a, d);
  fixLeakUniquePtr(a, d);
}

}  // namespace ownership::checks
