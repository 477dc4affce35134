// dangling (spec §2a.7): a borrow is used after its source's lifetime ended: a local
// dropped at the end of its scope, or a temporary at the end of its full-expression.
// Each loan is reported once.
//   std::string_view v = std::string("x");  // temporary value dropped while borrowed
//   fixes: keep the source alive (declare it where the holder lives; name the temporary),
//   or copy the value (`std::string_view v = e;` -> `std::string v(e);`, `const T& r` -> `T r`)
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/TypeLoc.h>

#include <cctype>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixKit.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `borrow`: the loan; `drop`: where the source dies; `later`: the later use.
Diag localDropped(const SourceConv& conv, SourceRange borrow, const std::string& var, SourceRange decl,
                  SourceLocation drop, SourceRange later, std::vector<Range> holders) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, borrow, "`" + var + "` does not live long enough",
                    rule::Dangling::LocalDropped);
  d.input.subject = var;
  d.input.borrowSite = d.range;
  if (decl.isValid()) d.input.subjectDecl = conv.range(decl);
  d.input.holderDecls = std::move(holders);
  addNote(conv, d, SourceRange(drop, drop), "`" + var + "` dropped here while still borrowed");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

Diag temporaryDropped(const SourceConv& conv, SourceRange borrow, SourceRange temp, SourceLocation drop,
                      SourceRange later, std::vector<Range> holders) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, borrow, "temporary value dropped while borrowed",
                    rule::Dangling::TemporaryDropped);
  d.input.borrowSite = d.range;
  if (temp.isValid()) d.input.temporarySite = conv.range(temp);
  d.input.holderDecls = std::move(holders);
  addNote(conv, d, SourceRange(drop, drop), "temporary value is freed at the end of this statement");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

// The callee and how it keeps the argument, for the notes: `Register` keeps `name`.
std::string captureNote(const ParmVarDecl* P) {
  std::string callee;
  if (const auto* F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext())) callee = F->getNameAsString();
  bool global = false;
  for (const model::CaptureTarget& t : model::captureTargets(P)) global = global || t.kind == model::CaptureTarget::Global;
  std::string where = global ? "global storage" : "storage that outlives the call";
  std::string name = P->getName().empty() ? "the argument" : "`" + P->getNameAsString() + "`";
  return (callee.empty() ? std::string("the callee") : "`" + callee + "`") + " keeps " + name + " in " + where +
         " (`lifetime_capture_by(" + (global ? "global" : "unknown") + ")`)";
}

Diag localCaptured(const SourceConv& conv, SourceRange arg, const std::string& var, SourceRange decl,
                   SourceLocation drop, const ParmVarDecl* P) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, arg, "`" + var + "` does not live long enough",
                    rule::Dangling::LocalCaptured);
  d.input.subject = var;
  d.input.borrowSite = d.range;
  if (decl.isValid()) d.input.subjectDecl = conv.range(decl);
  addNote(conv, d, P->getSourceRange(), captureNote(P));
  addNote(conv, d, SourceRange(drop, drop), "`" + var + "` dropped here while still borrowed");
  return d;
}

Diag temporaryCaptured(const SourceConv& conv, SourceRange arg, SourceRange temp, SourceLocation drop,
                       const ParmVarDecl* P) {
  Diag d = makeDiag(conv, Code::Dangling, Severity::Error, arg, "temporary value dropped while borrowed",
                    rule::Dangling::TemporaryCaptured);
  d.input.borrowSite = d.range;
  if (temp.isValid()) d.input.temporarySite = conv.range(temp);
  addNote(conv, d, P->getSourceRange(), captureNote(P));
  addNote(conv, d, SourceRange(drop, drop), "temporary value is freed at the end of this statement");
  return d;
}

// The declarations of the variables holding a loan, for the fixes: a field of a local
// struct stands for the struct.
std::vector<Range> holderDecls(const FunctionChecks& c, const llvm::BitVector& holders) {
  std::vector<Range> out;
  for (unsigned v : holders.set_bits()) {
    const VarInfo* h = &c.fn.vars[v];
    while (h->parent >= 0) h = &c.fn.vars[static_cast<unsigned>(h->parent)];
    if (!h->decl) return {};
    Range r = c.conv.range(h->decl->getSourceRange());
    bool dup = false;
    for (const Range& o : out) dup = dup || o.begin.offset == r.begin.offset;
    if (!dup) out.push_back(r);
  }
  return out;
}

bool within(const SourceManager& sm, SourceRange inner, SourceRange outer) {
  if (inner.isInvalid() || outer.isInvalid()) return false;
  SourceLocation b = sm.getExpansionLoc(inner.getBegin()), e = sm.getExpansionLoc(inner.getEnd());
  SourceLocation ob = sm.getExpansionLoc(outer.getBegin()), oe = sm.getExpansionLoc(outer.getEnd());
  return !sm.isBeforeInTranslationUnit(b, ob) && !sm.isBeforeInTranslationUnit(oe, e);
}

}  // namespace

// A borrow kept beyond the call by a lifetime_capture_by(global|unknown) parameter
// (spec 2c, as Clang's -Wdangling-capture): a temporary made for the argument dies at the
// end of the statement, a local at the end of its scope, while the program goes on (not
// for `main`'s locals, whose end is the program's). Loans guessed by elision for an
// unannotated call's result, heap pointees and co-owned objects are given the benefit of
// the doubt.
void checkDanglingCapture(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const SourceManager& sm = c.ctx.getSourceManager();
  llvm::BitVector loans = resolve(c.fn, at.st, f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (L.external || L.viaCall || c.reportedLoans.count(l)) continue;
    if (p.kind == RootKind::Temp) {
      const auto* T = static_cast<const Expr*>(p.root);
      if (!T || !within(sm, T->getSourceRange(), f.range)) continue;
      if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(T); MT && MT->getExtendingDecl()) continue;
      c.reportedLoans.insert(l);
      c.report(temporaryCaptured(c.conv, f.range, T->getSourceRange(), f.at, f.capturedBy));
      return;
    }
    if (p.kind != RootKind::Local || (!p.path.empty() && p.path.front() == kDeref) || c.sharedPointee(p)) continue;
    const auto* V = dyn_cast_or_null<VarDecl>(static_cast<const ValueDecl*>(p.root));
    if (!V || V->hasGlobalStorage()) continue;
    if (c.fn.fn->isMain()) continue;
    SourceLocation drop;
    if (isa<ParmVarDecl>(V)) {
      if (const Stmt* body = c.fn.fn->getBody()) drop = body->getEndLoc();
    } else {
      drop = c.scopeEndAfter(V, at.block, at.index);
    }
    if (drop.isInvalid()) continue;
    c.reportedLoans.insert(l);
    c.report(localCaptured(c.conv, f.range, displayName(V), V->getSourceRange(), drop, f.capturedBy));
    return;
  }
}

// Borrows of a variable going out of scope that are still used later dangle.
void checkDanglingAtScopeEnd(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const VarInfo& info = c.var(f.var);
  const void* root = info.decl;
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (L.external || p.kind != RootKind::Local || p.root != root || c.sharedPointee(p)) continue;
    // What a raw pointer points to does not die with the pointer (`head = info;` with
    // `info = new Node` going out of scope): leak judges that, not dangling (2b.2).
    if (info.decl->getType()->isPointerType() && isPointeeOf(p, info)) continue;
    if (c.reportedLoans.count(l)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index, static_cast<int>(f.var.index));
    if (holders.none()) continue;
    c.reportedLoans.insert(l);
    SourceLocation drop = f.at.isValid() ? f.at : info.decl->getEndLoc();
    c.report(localDropped(c.conv, L.range, info.name, info.decl->getSourceRange(), drop,
                          c.nextUse(at.block, at.index, holders), holderDecls(c, holders)));
  }
}

void checkDanglingTemporary(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (p.kind != RootKind::Temp || p.root != f.temp) continue;
    if (c.reportedLoans.count(l)) continue;
    llvm::BitVector holders = c.holdersOf(at.st, l, at.block, at.index);
    if (holders.none()) continue;
    c.reportedLoans.insert(l);
    const auto* T = static_cast<const Expr*>(p.root);
    c.report(temporaryDropped(c.conv, L.range, T ? T->getSourceRange() : SourceRange(), f.at,
                              c.nextUse(at.block, at.index, holders), holderDecls(c, holders)));
  }
}

// ---------------------------------------------------------------------------
// Fixes (spec §4): keep the source alive (declare it where the borrow's holder lives, name
// the temporary in a local), or copy the value instead of borrowing it (the holder becomes
// an owner: `const T&` -> `T`, `std::string_view` -> `std::string`, `const T*` ->
// `std::optional<T>`). Each is offered only when the shape is plain enough to be sure the
// edited code compiles and the borrow no longer dangles.

namespace {

using namespace fixkit;

bool isNull(const FixContext& a, const Expr* E) {
  return E && E->IgnoreParenImpCasts()->isNullPointerConstant(a.ctx, Expr::NPC_ValueDependentIsNotNull) !=
                  Expr::NPCK_NotNull;
}

// The local variable the borrow at `site` is stored into directly: the one it initialises,
// or the one on the left of the assignment it is the right side of.
const VarDecl* directHolder(const FixContext& a, const FunctionDecl* F, const Range& site) {
  const Expr* E = exprAt(a, F, site.begin.offset, site.end.offset);
  if (!E) return nullptr;
  DynTypedNode cur = DynTypedNode::create(*E);
  for (int guard = 0; guard < 64; ++guard) {
    DynTypedNode p = parentOf(a, cur);
    const VarDecl* held = nullptr;
    if (const auto* VD = p.get<VarDecl>()) return VD->getInit() == cur.get<Expr>() ? VD : nullptr;
    if (const auto* BO = p.get<BinaryOperator>(); BO && BO->getOpcode() == BO_Assign) {
      if (BO->getRHS() != cur.get<Expr>()) return nullptr;
      if (const auto* DR = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens())) held = dyn_cast<VarDecl>(DR->getDecl());
      return held;
    }
    if (const auto* OC = p.get<CXXOperatorCallExpr>(); OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
      if (OC->getArg(1) != cur.get<Expr>()) return nullptr;
      if (const auto* DR = dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParenImpCasts())) held = dyn_cast<VarDecl>(DR->getDecl());
      return held;
    }
    if (!p.get<Expr>()) return nullptr;
    cur = p;
  }
  return nullptr;
}

// The span of F's text, where fresh names must not clash.
std::pair<unsigned, unsigned> functionText(const FixContext& a, const FunctionDecl* F) {
  if (auto s = a.span(F->getSourceRange())) return *s;
  return {0, static_cast<unsigned>(a.t.buf.size())};
}

// Whether any declaration or reference in `S` uses `name` for something other than V.
struct NameClash : RecursiveASTVisitor<NameClash> {
  llvm::StringRef name;
  const VarDecl* V;
  bool clash = false;
  bool VisitNamedDecl(NamedDecl* D) {
    if (D != V && D->getIdentifier() && D->getName() == name) clash = true;
    return !clash;
  }
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    const ValueDecl* D = E->getDecl();
    if (D != V && D->getIdentifier() && D->getName() == name) clash = true;
    return !clash;
  }
};

// `T v;` default-constructs a value of T (an approximation of Sema's rules from the
// declared members: a usable default constructor, or an implicit one whose fields and
// bases can all be default-initialised).
bool defaultConstructible(QualType T, int depth = 0) {
  T = T.getCanonicalType();
  if (depth > 6 || T->isReferenceType()) return false;
  if (const auto* AT = dyn_cast<ConstantArrayType>(T.getTypePtr())) return defaultConstructible(AT->getElementType(), depth + 1);
  if (T->isScalarType()) return !T.isConstQualified();
  const CXXRecordDecl* RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isAbstract() || RD->isUnion()) return false;
  for (const CXXConstructorDecl* C : RD->ctors())
    if (C->isDefaultConstructor()) return !C->isDeleted() && C->getAccess() == AS_public;
  if (!RD->needsImplicitDefaultConstructor()) return false;
  for (const CXXBaseSpecifier& B : RD->bases())
    if (!defaultConstructible(B.getType(), depth + 1)) return false;
  for (const FieldDecl* F : RD->fields())
    if (!F->hasInClassInitializer() && !defaultConstructible(F->getType(), depth + 1)) return false;
  return true;
}

// `v = e;` can assign a T (a usable copy or move assignment, or implicit ones whose
// fields and bases are assignable).
bool assignable(QualType T, int depth = 0) {
  T = T.getCanonicalType();
  if (depth > 6 || T.isConstQualified() || T->isReferenceType() || T->isArrayType()) return false;
  if (T->isScalarType()) return true;
  const CXXRecordDecl* RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isUnion()) return false;
  bool declared = false;
  for (const CXXMethodDecl* M : RD->methods())
    if (M->isMoveAssignmentOperator() || M->isCopyAssignmentOperator()) {
      declared = true;
      if (!M->isDeleted() && M->getAccess() == AS_public) return true;
    }
  if (declared && !RD->needsImplicitMoveAssignment() && !RD->needsImplicitCopyAssignment()) return false;
  for (const CXXBaseSpecifier& B : RD->bases())
    if (!assignable(B.getType(), depth + 1)) return false;
  for (const FieldDecl* F : RD->fields())
    if (!assignable(F->getType(), depth + 1)) return false;
  return true;
}

bool defaultAndAssignable(QualType T) { return defaultConstructible(T) && assignable(T); }

// Every variable `E` names that F declares is declared before offset `before`.
bool namesOnlyBefore(const FixContext& a, const Expr* E, unsigned before) {
  struct V : RecursiveASTVisitor<V> {
    const FixContext& a;
    unsigned before;
    bool ok = true;
    V(const FixContext& a, unsigned before) : a(a), before(before) {}
    bool VisitDeclRefExpr(DeclRefExpr* R) {
      const auto* D = dyn_cast<VarDecl>(R->getDecl());
      if (const auto* B = dyn_cast<BindingDecl>(R->getDecl())) D = dyn_cast_or_null<VarDecl>(B->getDecomposedDecl());
      if (D && D->isLocalVarDeclOrParm() && !isa<ParmVarDecl>(D)) {
        auto s = a.span(D->getSourceRange());
        if (!s || s->first >= before) ok = false;
      }
      return ok;
    }
  } v(a, before);
  v.TraverseStmt(const_cast<Expr*>(E));
  return v.ok;
}

// Keep the source alive: move the declaration of the local that dies out of its block (or
// `if` branch) into the block where every holder of the borrow is declared. The declaration
// moves whole when nothing runs between its old and new place (or its initializer has no
// side effects); otherwise only the declaration moves and the initialisation stays in
// place as an assignment, so it still runs when and only when it did.
std::optional<Fix> hoistSource(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  if (!in.subjectDecl || in.holderDecls.empty()) return std::nullopt;
  const VarDecl* V = varDeclAt(a, F, in.subjectDecl->begin.offset);
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() || V->isImplicit() || isa<DecompositionDecl>(V) ||
      !V->getIdentifier())
    return std::nullopt;
  auto ps = a.ctx.getParents(*V);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return std::nullopt;
  const CompoundStmt* blk = blockOf(a, DS);
  if (!blk) return std::nullopt;
  std::vector<unsigned> holders;
  for (const Range& r : in.holderDecls) {
    const VarDecl* H = varDeclAt(a, F, r.begin.offset);
    if (!H || isa<ParmVarDecl>(H) || !H->hasLocalStorage()) return std::nullopt;
    if (H == V) continue;
    auto hs = a.span(H->getSourceRange());
    if (!hs) return std::nullopt;
    holders.push_back(hs->first);
    // A holder returned from the function outlives every local: keeping the source alive
    // longer in the function does not help.
    for (const DeclRefExpr* r : refsTo(F->getBody(), H)) {
      const Expr* E = r;
      DynTypedNode p = a.parent(E);
      if (const auto* CE = p.get<CXXConstructExpr>(); CE && CE->getNumArgs() == 1) p = a.parent(E = CE);
      if (const auto* ICE = p.get<ImplicitCastExpr>(); ICE && ICE->getCastKind() == CK_LValueToRValue) p = a.parent(E = ICE);
      if (p.get<ReturnStmt>()) return std::nullopt;
    }
  }
  auto holdsAll = [&](const CompoundStmt* C) {
    auto s = a.span(C->getSourceRange());
    if (!s) return false;
    for (unsigned h : holders)
      if (h < s->first || h >= s->second) return false;
    return true;
  };
  const Stmt* child = DS;
  bool crossedIf = false, nothingBefore = true;
  while (!holdsAll(blk)) {
    nothingBefore = nothingBefore && !blk->body_empty() && blk->body_front() == child;
    const Stmt* up = blk;
    DynTypedNode p = parentOf(a, DynTypedNode::create(*up));
    while (const auto* IS = p.get<IfStmt>()) {
      if (IS->getThen() != up && IS->getElse() != up) return std::nullopt;
      if (IS->isConsteval()) return std::nullopt;
      crossedIf = true;
      up = IS;
      p = parentOf(a, p);
    }
    const auto* C = p.get<CompoundStmt>();
    if (!C) return std::nullopt;  // a loop body, a switch, a lambda: the scope cannot be widened
    child = up;
    blk = C;
  }
  if (child == DS) return std::nullopt;
  NameClash nc;
  nc.name = V->getName();
  nc.V = V;
  nc.TraverseStmt(const_cast<CompoundStmt*>(blk));
  if (nc.clash) return std::nullopt;
  auto ds = stmtSpan(a, DS);
  auto cs = stmtSpan(a, child);
  if (!ds || !cs) return std::nullopt;
  const Expr* init = V->getInit();
  const auto* CE0 = init ? dyn_cast<CXXConstructExpr>(bare(init)) : nullptr;
  bool noInit = !init || (CE0 && CE0->getNumArgs() == 0 && CE0->getParenOrBraceRange().isInvalid());
  std::string name = V->getNameAsString();
  std::string where = crossedIf ? "the `if`" : "the block";
  Fix f;
  if (noInit || (!crossedIf && namesOnlyBefore(a, init, cs->first) &&
                 (nothingBefore || !init->HasSideEffects(a.ctx)))) {
    f.title = "declare `" + name + "` before " + where + " so it lives as long as its borrow";
    f.edits.push_back(insertBefore(a.t, cs->first, a.t.buf.substr(ds->first, ds->second - ds->first).str()));
    f.edits.push_back(removeStatement(a.t, ds->first, ds->second));
  } else {
    // Declared outside, initialised in place.
    if (!defaultAndAssignable(V->getType()) || !V->getTypeSourceInfo()) return std::nullopt;
    std::string type;
    if (V->getType()->getContainedAutoType()) {
      type = spellType(a.ctx, V->getType());
    } else if (auto ts = a.span(V->getTypeSourceInfo()->getTypeLoc().getSourceRange())) {
      unsigned b = widenOverQualifiers(a.t, ts->first);
      type = a.t.buf.substr(b, ts->second - b).str();
    }
    auto ns = a.span(SourceRange(V->getLocation(), V->getLocation()));
    auto is = a.span(init->getSourceRange());
    if (type.empty() || !ns || !is) return std::nullopt;
    std::string rhs;
    if (V->getInitStyle() == VarDecl::CInit) {
      if (a.t.buf.substr(ns->second, is->first - ns->second).trim() != "=") return std::nullopt;
      rhs = a.t.buf.substr(is->first, is->second - is->first).str();
    } else {
      // `T v(args)` / `T v{args}`: the same construction, written as a temporary.
      if (V->getType()->getContainedAutoType()) return std::nullopt;
      unsigned e = ds->second - 1;  // the ';'
      if (a.t.buf[e] != ';' || e < ns->second) return std::nullopt;
      rhs = type + a.t.buf.substr(ns->second, e - ns->second).rtrim().str();
    }
    f.title = "declare `" + name + "` before " + where + " so it outlives its borrow";
    f.edits.push_back(insertBefore(a.t, cs->first, type + " " + name + ";"));
    f.edits.push_back(edit(a.t, ds->first, ds->second, name + " = " + rhs + ";"));
  }
  sortEdits(f);
  return f;
}

// The materialisation of a temporary keyed by `T` (itself, or the one around it).
const MaterializeTemporaryExpr* materialization(const FixContext& a, const Expr* T) {
  DynTypedNode cur = DynTypedNode::create(*T);
  for (int guard = 0; guard < 8; ++guard) {
    if (const auto* MT = cur.get<MaterializeTemporaryExpr>()) return MT;
    const auto* E = cur.get<Expr>();
    if (!E || !(isa<CXXBindTemporaryExpr>(E) || isa<ImplicitCastExpr>(E) || isa<ParenExpr>(E))) return nullptr;
    cur = parentOf(a, cur);
  }
  return nullptr;
}

// Whether a local lvalue may stand where the temporary was: it is bound to an lvalue
// reference, or it is the object of a member access or call not `&&`-qualified.
bool lvalueMayReplace(const FixContext& a, const MaterializeTemporaryExpr* MT) {
  if (MT->isBoundToLvalueReference()) return true;
  if (MT->getExtendingDecl()) return false;
  DynTypedNode cur = DynTypedNode::create(*MT);
  DynTypedNode p = parentOf(a, cur);
  while (const auto* ICE = p.get<ImplicitCastExpr>()) {
    if (ICE->getCastKind() != CK_NoOp && ICE->getCastKind() != CK_UncheckedDerivedToBase &&
        ICE->getCastKind() != CK_DerivedToBase)
      return false;
    p = parentOf(a, p);
  }
  const auto* ME = p.get<MemberExpr>();
  if (!ME || ME->isArrow()) return false;
  DynTypedNode mp = parentOf(a, p);
  if (const auto* MC = mp.get<CXXMemberCallExpr>())
    return MC->getMethodDecl() && MC->getMethodDecl()->getRefQualifier() != RQ_RValue;
  return isa<FieldDecl>(ME->getMemberDecl());
}

// The temporary of a diagnostic: its materialisation and the expression written for it.
struct Temp {
  const MaterializeTemporaryExpr* mt = nullptr;
  const Expr* written = nullptr;
  std::pair<unsigned, unsigned> span;
};
std::optional<Temp> temporaryOf(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  if (!in.temporarySite) return std::nullopt;
  const Expr* T = exprAt(a, F, in.temporarySite->begin.offset, in.temporarySite->end.offset, [](const Expr* E) {
    return isa<MaterializeTemporaryExpr>(E) || isa<CXXBindTemporaryExpr>(E);
  });
  if (!T) return std::nullopt;
  Temp t;
  t.mt = materialization(a, T);
  if (!t.mt) return std::nullopt;
  t.written = temporarySource(t.mt);
  auto s = a.span(t.written->getSourceRange());
  if (!s) return std::nullopt;
  t.span = *s;
  return t;
}

// How to declare a local initialised from the temporary's written expression.
std::string localType(const FixContext& a, const Temp& t) {
  QualType tt = t.mt->getType().getCanonicalType().getUnqualifiedType();
  if (!isa<InitListExpr>(t.written) && t.written->getType().getCanonicalType().getUnqualifiedType() == tt) return "auto";
  return spellType(a.ctx, t.mt->getType().getUnqualifiedType());
}

// A name for a local holding what `E` makes: `<callee>_result`, else `value`.
std::string baseName(const Expr* E) {
  E = bare(E);
  const NamedDecl* callee = nullptr;
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(E)) callee = MC->getMethodDecl();
  else if (const auto* C = dyn_cast<CallExpr>(E)) callee = C->getDirectCallee();
  if (callee && callee->getIdentifier() && !callee->getName().empty()) {
    std::string n = callee->getName().str();
    n[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(n[0])));
    return n + "_result";
  }
  return "value";
}

// Keep the temporary alive: name it in a local declared just before its statement, in the
// block where its holders live (a holder declared further out would outlive the local).
std::optional<Fix> nameTemporary(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  std::optional<Temp> t = temporaryOf(a, F, in);
  if (!t || in.holderDecls.empty() || !lvalueMayReplace(a, t->mt)) return std::nullopt;
  std::optional<InBlock> S = blockStatementOf(a, DynTypedNode::create(*t->mt));
  if (!S) return std::nullopt;
  auto ss = stmtSpan(a, S->stmt);
  if (!ss || !namesOnlyBefore(a, t->written, ss->first)) return std::nullopt;
  // Another temporary of the statement that a borrow could keep (`std::max(a + 1, b + 1)`):
  // naming one would leave the other dangling.
  struct OtherTemps : RecursiveASTVisitor<OtherTemps> {
    const MaterializeTemporaryExpr* mine;
    std::pair<unsigned, unsigned> inside;
    const FixContext& a;
    bool found = false;
    OtherTemps(const FixContext& a) : a(a) {}
    bool VisitMaterializeTemporaryExpr(MaterializeTemporaryExpr* M) {
      if (M == mine || M->getExtendingDecl()) return true;
      auto s = a.span(M->getSourceRange());
      if (s && s->first >= inside.first && s->second <= inside.second) return true;  // part of what is named
      found = true;
      return false;
    }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  } others(a);
  others.mine = t->mt;
  others.inside = t->span;
  others.TraverseStmt(const_cast<Stmt*>(S->stmt));
  if (others.found) return std::nullopt;
  const VarDecl* declared = nullptr;  // the holder S declares, if any
  for (const Range& r : in.holderDecls) {
    const VarDecl* H = varDeclAt(a, F, r.begin.offset);
    if (!H) return std::nullopt;
    auto hs = a.span(H->getSourceRange());
    if (!hs) return std::nullopt;
    if (hs->first >= ss->first && hs->first < ss->second) {
      declared = H;
      continue;
    }
    auto hp = a.ctx.getParents(*H);
    const auto* HDS = hp.size() == 1 ? hp[0].get<DeclStmt>() : nullptr;
    if (isa<ParmVarDecl>(H) || !H->hasLocalStorage() || !HDS || blockOf(a, HDS) != S->block) return std::nullopt;
  }
  std::string type = localType(a, *t);
  if (type.empty()) return std::nullopt;
  auto [fb, fe] = functionText(a, F);
  std::string base = declared && declared->getIdentifier() ? declared->getNameAsString() + "_owner" : baseName(t->written);
  std::string name = freshName(a.t, fb, fe, base);
  std::string text = a.t.buf.substr(t->span.first, t->span.second - t->span.first).str();
  Fix f;
  f.title = "name the temporary in a local `" + name + "` so it lives as long as its borrow";
  f.edits.push_back(insertBefore(a.t, ss->first, type + " " + name + " = " + text + ";"));
  f.edits.push_back(edit(a.t, t->span.first, t->span.second, name));
  sortEdits(f);
  return f;
}

// An expression `X` of type `T` whose value a pointer holder may point at: `&X`.
const Expr* addressOperand(const FixContext& a, const Expr* E, QualType T) {
  const auto* U = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!U || U->getOpcode() != UO_AddrOf) return nullptr;
  if (U->getSubExpr()->getType().getCanonicalType().getUnqualifiedType() != T.getCanonicalType()) return nullptr;
  auto op = a.span(SourceRange(U->getOperatorLoc(), U->getOperatorLoc()));
  if (!op) return nullptr;
  return U->getSubExpr();
}

// Whether the object `E` designates (through a holder whose pointee is not const) is only read.
bool onlyRead(const FixContext& a, const Expr* E) {
  for (int guard = 0; guard < 16; ++guard) {
    DynTypedNode p = a.parent(E);
    if (const auto* ICE = p.get<ImplicitCastExpr>()) return ICE->getCastKind() == CK_LValueToRValue;
    if (const auto* ME = p.get<MemberExpr>(); ME && !ME->isArrow()) {
      const Expr* M = ME;
      DynTypedNode mp = a.parent(M);
      if (const auto* MC = mp.get<CXXMemberCallExpr>(); MC && MC->getCallee() == M)
        return MC->getMethodDecl() && MC->getMethodDecl()->isConst();
      E = ME;
      continue;
    }
    if (const auto* CE = p.get<CXXConstructExpr>()) return CE->getConstructor() && CE->getConstructor()->isCopyConstructor();
    return false;
  }
  return false;
}

// Copy the value instead of pointing at it: `const T* h` -> `std::optional<T> h`, `h = &x`
// -> `h = x`, `nullptr` -> `std::nullopt`; `h->m`, `*h` and tests of `h` read the same.
std::optional<Fix> pointerToOptional(const FixContext& a, const FunctionDecl* F, const VarDecl* H) {
  if (!H || isa<ParmVarDecl>(H) || H->isImplicit() || !H->hasLocalStorage() || H->isStaticLocal() ||
      !H->getTypeSourceInfo() || !H->getIdentifier())
    return std::nullopt;
  QualType PT = H->getType();
  if (!PT->isPointerType() || PT.isConstQualified()) return std::nullopt;
  QualType P = PT->getPointeeType();
  QualType T = P.getUnqualifiedType();
  if (T->isCharType() || T->isVoidType() || T->isFunctionType() || T->isPointerType() || T->isDependentType() ||
      model::holdsBorrows(T) || !copyable(T))
    return std::nullopt;
  bool readOnly = P.isConstQualified();
  auto hp = a.ctx.getParents(*H);
  const auto* DS = hp.size() == 1 ? hp[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl() || !blockOf(a, DS)) return std::nullopt;
  auto pl = H->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<PointerTypeLoc>();
  if (!pl) return std::nullopt;
  TypeLoc pointee = pl.getPointeeLoc();
  if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
  std::string elem;
  if (pointee.getAs<AutoTypeLoc>()) elem = spellType(a.ctx, T);
  else if (auto txt = a.text(pointee.getSourceRange())) elem = *txt;
  auto whole = a.span(pl.getSourceRange());
  auto ns = a.span(SourceRange(H->getLocation(), H->getLocation()));
  if (elem.empty() || !whole || !ns) return std::nullopt;
  bool ok = true;
  std::optional<TextEdit> inc = includeFor(a, "optional", "optional", ok);
  if (!ok) return std::nullopt;
  std::string name = H->getNameAsString();
  Fix f;
  f.title = "keep a copy of the value in `" + name + "` (`std::optional<" + elem + ">`) instead of a pointer";
  if (inc) f.edits.push_back(*inc);
  std::string typeText = "std::optional<" + elem + ">";
  if (whole->second < a.t.buf.size() && isIdentChar(a.t.buf[whole->second])) typeText += " ";
  f.edits.push_back(edit(a.t, widenOverQualifiers(a.t, whole->first), whole->second, typeText));
  // A value `&x` becomes `x`, a null `std::nullopt` (`null` in a declaration: no initializer).
  auto valueEdit = [&](const Expr* V, bool inDecl) -> bool {
    auto vs = a.span(V->getSourceRange());
    if (!vs) return false;
    if (isNull(a, V)) {
      if (!inDecl) {
        f.edits.push_back(edit(a.t, vs->first, vs->second, "std::nullopt"));
        return true;
      }
      if (H->getInitStyle() != VarDecl::CInit || a.t.buf.substr(ns->second, vs->first - ns->second).trim() != "=")
        return false;
      f.edits.push_back(edit(a.t, ns->second, vs->second, ""));
      return true;
    }
    const Expr* X = addressOperand(a, V, T);
    if (!X) return false;
    auto xs = a.span(X->getSourceRange());
    if (!xs || xs->first < vs->first) return false;
    if (a.t.buf.substr(vs->first, xs->first - vs->first).trim() != "&") return false;
    f.edits.push_back(edit(a.t, vs->first, xs->first, ""));
    return true;
  };
  if (const Expr* init = H->getInit(); init && !valueEdit(init, true)) return std::nullopt;
  for (const DeclRefExpr* r : refsTo(F->getBody(), H)) {
    const Expr* E = r;
    DynTypedNode p = a.parent(E);
    if (const auto* BO = p.get<BinaryOperator>(); BO && BO->getOpcode() == BO_Assign && BO->getLHS() == E) {
      if (!valueEdit(BO->getRHS(), false)) return std::nullopt;
      continue;
    }
    const auto* L2R = p.get<ImplicitCastExpr>();
    if (!L2R || L2R->getCastKind() != CK_LValueToRValue) return std::nullopt;
    E = L2R;
    p = a.parent(E);
    if (const auto* U = p.get<UnaryOperator>(); U && U->getOpcode() == UO_Deref) {
      if (!readOnly && !onlyRead(a, U)) return std::nullopt;
      continue;
    }
    if (const auto* ME = p.get<MemberExpr>(); ME && ME->isArrow()) {
      if (!readOnly && !onlyRead(a, ME)) return std::nullopt;
      continue;
    }
    if (const auto* B = p.get<ImplicitCastExpr>(); B && B->getCastKind() == CK_PointerToBoolean) {
      const Expr* cond = B;
      DynTypedNode bp = a.parent(cond);
      bool contextual = false;
      if (const auto* IS = bp.get<IfStmt>()) contextual = IS->getCond() == cond;
      else if (const auto* WS = bp.get<WhileStmt>()) contextual = WS->getCond() == cond;
      else if (const auto* FS = bp.get<ForStmt>()) contextual = FS->getCond() == cond;
      else if (const auto* DS2 = bp.get<DoStmt>()) contextual = DS2->getCond() == cond;
      else if (const auto* U = bp.get<UnaryOperator>()) contextual = U->getOpcode() == UO_LNot;
      else if (const auto* L = bp.get<BinaryOperator>()) contextual = L->isLogicalOp();
      else if (const auto* CO = bp.get<ConditionalOperator>()) contextual = CO->getCond() == cond;
      if (!contextual) return std::nullopt;
      continue;
    }
    if (const auto* BO = p.get<BinaryOperator>(); BO && BO->isEqualityOp()) {
      const Expr* other = BO->getLHS() == E ? BO->getRHS() : BO->getLHS();
      auto bs = a.span(BO->getSourceRange());
      if (!isNull(a, other) || !bs) return std::nullopt;
      f.edits.push_back(edit(a.t, bs->first, bs->second,
                             BO->getOpcode() == BO_EQ ? "!" + name : name + ".has_value()"));
      continue;
    }
    return std::nullopt;
  }
  sortEdits(f);
  return f;
}

// Copy the value instead of borrowing it: the variable the borrow is stored in becomes an
// owner of a copy.
std::optional<Fix> copyIntoHolder(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  if (!in.borrowSite) return std::nullopt;
  const VarDecl* H = directHolder(a, F, *in.borrowSite);
  if (!H || !H->getIdentifier()) return std::nullopt;
  std::string name = H->getNameAsString();
  Fix f;
  if (H->getType()->isLValueReferenceType()) {
    std::optional<TextEdit> e = referenceToValue(a, F, H);
    if (!e) return std::nullopt;
    f.title = "copy the value into `" + name + "` instead of borrowing it";
    f.edits.push_back(*e);
    return f;
  }
  if (std::optional<OwnerRetype> r = viewToOwner(a, F, H)) {
    f.title = "copy into `" + name + "` as a `" + r->owner + "` instead of borrowing it";
    f.edits = std::move(r->edits);
    sortEdits(f);
    return f;
  }
  return pointerToOptional(a, F, H);
}

// The borrow is a lambda's by-reference capture of the local that dies: capture it by copy.
std::optional<Fix> captureSourceByCopy(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  if (!in.borrowSite || !in.subjectDecl) return std::nullopt;
  const VarDecl* V = varDeclAt(a, F, in.subjectDecl->begin.offset);
  const Expr* E = exprAt(a, F, in.borrowSite->begin.offset, in.borrowSite->end.offset);
  const auto* L = E ? dyn_cast<LambdaExpr>(temporarySource(E)) : nullptr;  // through a std::function
  std::vector<TextEdit> edits = captureByCopy(a, L, V);
  if (edits.empty()) return std::nullopt;
  Fix f;
  f.title = "capture `" + V->getNameAsString() + "` by copy";
  f.edits = std::move(edits);
  return f;
}

// A borrow kept for the rest of the program (lifetime_capture_by(global|unknown)) needs
// storage that lives as long: a heap copy that is deliberately never freed.
std::optional<Fix> keepForever(const FixContext& a, const FunctionDecl* F, const FixInput& in) {
  std::string type, text;
  std::pair<unsigned, unsigned> span;
  if (in.is(rule::Dangling::TemporaryCaptured)) {
    std::optional<Temp> t = temporaryOf(a, F, in);
    if (!t) return std::nullopt;
    type = spellType(a.ctx, t->mt->getType().getUnqualifiedType());
    span = t->span;
  } else {
    if (!in.borrowSite || !in.subjectDecl) return std::nullopt;
    const VarDecl* V = varDeclAt(a, F, in.subjectDecl->begin.offset);
    const Expr* E = exprAt(a, F, in.borrowSite->begin.offset, in.borrowSite->end.offset);
    const auto* DR = E ? dyn_cast<DeclRefExpr>(bare(E)) : nullptr;
    if (!V || !DR || DR->getDecl() != V || !copyable(V->getType().getNonReferenceType())) return std::nullopt;
    type = spellType(a.ctx, V->getType().getNonReferenceType().getUnqualifiedType());
    auto s = a.span(DR->getSourceRange());
    if (!s) return std::nullopt;
    span = *s;
  }
  if (type.empty()) return std::nullopt;
  text = a.t.buf.substr(span.first, span.second - span.first).str();
  Fix f;
  f.title = "pass a copy that lives for the rest of the program (allocated, never freed)";
  f.edits.push_back(edit(a.t, span.first, span.second, "*new " + type + "(" + text + ")"));
  return f;
}

}  // namespace

void fixDangling(const FixContext& a, Diag& d) {
  const FixInput& in = d.input;
  const FunctionDecl* F = functionAround(a, d.range.begin.offset);
  if (!F) return;
  std::vector<Fix> fixes;
  if (in.is(rule::Dangling::LocalCaptured) || in.is(rule::Dangling::TemporaryCaptured)) {
    if (std::optional<Fix> f = keepForever(a, F, in)) d.fixes.push_back(std::move(*f));
    return;
  }
  std::optional<Fix> keep = in.is(rule::Dangling::LocalDropped) ? hoistSource(a, F, in) : nameTemporary(a, F, in);
  // A lambda capturing the dying local by reference is best made to capture a copy.
  if (in.is(rule::Dangling::LocalDropped))
    if (std::optional<Fix> c = captureSourceByCopy(a, F, in)) {
      c->preferred = true;
      d.fixes.push_back(std::move(*c));
      if (keep) d.fixes.push_back(std::move(*keep));
      return;
    }
  std::optional<Fix> copy = copyIntoHolder(a, F, in);
  // A reference to a temporary is best a copy (`int n = std::min(a, b + 1);`); otherwise
  // keeping the source alive changes least.
  bool copyFirst = copy && in.is(rule::Dangling::TemporaryDropped) && in.borrowSite &&
                   directHolder(a, F, *in.borrowSite) && directHolder(a, F, *in.borrowSite)->getType()->isReferenceType();
  if (copyFirst) fixes.push_back(std::move(*copy));
  if (keep) fixes.push_back(std::move(*keep));
  if (copy && !copyFirst) fixes.push_back(std::move(*copy));
  if (!fixes.empty()) fixes.front().preferred = true;
  for (Fix& f : fixes) d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
