// leak (spec §2a.9, §2a.10): an owner leaves scope, is overwritten, or is left behind by
// an exception while it still owns; a destructor that does not release an [[owner]]
// member; an [[owner]] member with no destructor; a discarded [[owner]] result.
//   int* p = new int(1);
//   if (bad) return;  // `p` still owns its allocation when it goes out of scope
//   fixes: release `p` before each leaking exit; wrap `p` in a std::unique_ptr
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>

#include <clang/AST/RecursiveASTVisitor.h>

#include <set>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixKit.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// What else the owner may be on a leaking path (for the fixes: a release inserted there
// must not release it twice).
void notePathState(Diag& d, std::uint8_t bits) {
  d.input.mayBeReleased = d.input.mayBeReleased || (bits & kReleased);
  d.input.mayBeMoved = d.input.mayBeMoved || (bits & (kMoved | kHandedOn));
}

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
  if (thrown.isValid()) d.input.leakExits.push_back(conv.range(thrown));
  addNote(conv, d, thrown, "`" + var + "` leaks when this exception is thrown");
  return d;
}

Diag leakAtDestruction(const SourceConv& conv, const std::string& member, SourceRange decl, SourceLocation dtorEnd) {
  Diag d = makeDiag(conv, Code::Leak, Severity::Warning, decl,
                    "`" + member + "` still owns its allocation when the object is destroyed",
                    rule::Leak::AtDestruction);
  d.input.subject = member;
  d.input.subjectDecl = d.range;
  if (dtorEnd.isValid()) d.input.leakExits.push_back(conv.range(SourceRange(dtorEnd, dtorEnd)));
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
  Diag d = leakAtOverwrite(c.conv, info.name, f.range, info.decl->getSourceRange());
  notePathState(d, at.st.owners[f.var.index].bits);
  c.report(std::move(d));
}

void checkLeakAtScopeEnd(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  const VarInfo& info = c.var(f.var);
  const OwnerState& o = at.st.owners[f.var.index];
  if (!c.isRawOwner(f.var) || info.isField || !(o.bits & kOwnedBit) ||
      (info.isParam && info.owner != OwnerKind::AnnotatedRaw))
    return;
  // An inferred owner copied into a pointer that is still used (`head = info;` in a loop
  // building a list): which of the two releases the allocation the code does not say, so
  // its going out of scope proves no leak (2b, benefit of the doubt).
  if (info.owner == OwnerKind::InferredRaw) {
    for (unsigned l = 0; l < c.fn.loans.size(); ++l)
      if (isPointeeOf(c.place(c.fn.loans[l].place), info) &&
          c.holdersOf(at.st, l, at.block, at.index, static_cast<int>(f.var.index)).any())
        return;
  }
  SourceLocation exit = f.at.isValid() ? f.at : info.decl->getEndLoc();
  auto it = c.leakDiagOfVar.find(f.var.index);
  if (it != c.leakDiagOfVar.end()) {
    addLeakExit(c.conv, c.diag(it->second), info.name, exit);
    notePathState(c.diag(it->second), o.bits);
    return;
  }
  const auto* VD = cast<VarDecl>(info.decl);
  Diag d = leakAtScopeEnd(c.conv, info.name, VD->getSourceRange(), exit);
  notePathState(d, o.bits);
  if (c.report(std::move(d))) c.leakDiagOfVar[f.var.index] = c.lastIndex();
}

void checkLeakOnThrow(FunctionChecks& c, const At& at) {
  if (c.fn.hasTry) return;
  for (unsigned v = 0; v < c.fn.vars.size(); ++v) {
    const VarInfo& info = c.fn.vars[v];
    if (info.isField || info.isParam || !c.isRawOwner(VarId{v})) continue;
    if (!(at.st.owners[v].bits & kOwnedBit)) continue;
    Diag d = leakOnThrow(c.conv, info.name, info.decl->getSourceRange(), at.f.range);
    notePathState(d, at.st.owners[v].bits);
    if (c.report(std::move(d))) c.leakDiagOfVar[v] = c.lastIndex();
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
    Diag d = leakAtDestruction(c.conv, info.name, info.decl->getSourceRange(), c.fn.fn->getEndLoc());
    notePathState(d, st.owners[v].bits);
    c.report(std::move(d));
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

using namespace fixkit;

// How an owner is released, read off how it was allocated or how the code releases it.
enum class ReleaseKind { Unknown, Delete, DeleteArray, Free };

const Expr* stripOwnerCasts(const Expr* E) {
  while (E) {
    const Expr* prev = E;
    E = bare(E);
    if (const auto* C = dyn_cast<ExplicitCastExpr>(E)) E = C->getSubExpr();
    if (E == prev) return E;
  }
  return E;
}

// The object `E` names: a variable or a member of `this`.
const ValueDecl* namedObject(const Expr* E) {
  E = stripOwnerCasts(E);
  if (const auto* DR = dyn_cast_or_null<DeclRefExpr>(E)) return DR->getDecl();
  if (const auto* ME = dyn_cast_or_null<MemberExpr>(E); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return ME->getMemberDecl();
  return nullptr;
}

ReleaseKind allocKind(const Expr* E, int depth = 0);

// What the visible body of an [[owner]] function returns: all of its returns agree.
ReleaseKind returnedKind(const FunctionDecl* F, int depth) {
  const FunctionDecl* Def = F ? F->getDefinition() : nullptr;
  if (!Def || !Def->getBody() || depth > 3) return ReleaseKind::Unknown;
  struct Returns : RecursiveASTVisitor<Returns> {
    std::vector<const ReturnStmt*> out;
    bool VisitReturnStmt(ReturnStmt* R) {
      out.push_back(R);
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  } r;
  r.TraverseStmt(Def->getBody());
  ReleaseKind k = ReleaseKind::Unknown;
  for (const ReturnStmt* R : r.out) {
    const Expr* V = R->getRetValue();
    if (!V || V->IgnoreParenImpCasts()->isNullPointerConstant(Def->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
      continue;
    ReleaseKind rk = allocKind(V, depth + 1);
    if (rk == ReleaseKind::Unknown || (k != ReleaseKind::Unknown && rk != k)) return ReleaseKind::Unknown;
    k = rk;
  }
  return k;
}

ReleaseKind allocKind(const Expr* E, int depth) {
  E = stripOwnerCasts(E);
  if (!E || depth > 4) return ReleaseKind::Unknown;
  if (const auto* NE = dyn_cast<CXXNewExpr>(E)) {
    if (NE->getNumPlacementArgs() != 0) return ReleaseKind::Unknown;
    return NE->isArray() ? ReleaseKind::DeleteArray : ReleaseKind::Delete;
  }
  if (const auto* CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl* F = CE->getDirectCallee();
    if (model::isAllocLike(F)) return ReleaseKind::Free;
    if (!F || !model::hasOwner(F)) return ReleaseKind::Unknown;
    ReleaseKind k = returnedKind(F, depth);
    // No body to read: a class object from an owner factory is released with `delete`.
    QualType RT = F->getReturnType();
    if (k == ReleaseKind::Unknown && RT->isPointerType() && RT->getPointeeType()->isRecordType()) k = ReleaseKind::Delete;
    return k;
  }
  if (const auto* DR = dyn_cast<DeclRefExpr>(E))
    if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()); V && V->hasLocalStorage() && V->getInit())
      return allocKind(V->getInit(), depth + 1);
  return ReleaseKind::Unknown;
}

// The releases of `V` written in `S`: `delete v`, `delete[] v`, `free(v)`.
struct Releases : RecursiveASTVisitor<Releases> {
  const ValueDecl* V = nullptr;
  std::vector<std::pair<const Expr*, ReleaseKind>> out;
  bool VisitCXXDeleteExpr(CXXDeleteExpr* D) {
    if (namedObject(D->getArgument()) == V) out.push_back({D, D->isArrayForm() ? ReleaseKind::DeleteArray : ReleaseKind::Delete});
    return true;
  }
  bool VisitCallExpr(CallExpr* C) {
    if (model::isFreeLike(C->getDirectCallee()) && C->getNumArgs() == 1 && namedObject(C->getArg(0)) == V)
      out.push_back({C, ReleaseKind::Free});
    return true;
  }
};
std::vector<std::pair<const Expr*, ReleaseKind>> releasesIn(const Stmt* S, const ValueDecl* V) {
  Releases r;
  r.V = V;
  if (S) r.TraverseStmt(const_cast<Stmt*>(S));
  return r.out;
}

// One kind from several sources of evidence: the first that knows, if none contradicts it.
ReleaseKind agree(std::initializer_list<ReleaseKind> ks) {
  ReleaseKind k = ReleaseKind::Unknown;
  for (ReleaseKind x : ks) {
    if (x == ReleaseKind::Unknown) continue;
    if (k != ReleaseKind::Unknown && k != x) return ReleaseKind::Unknown;
    k = x;
  }
  return k;
}

ReleaseKind releasedAs(const Stmt* S, const ValueDecl* V) {
  ReleaseKind k = ReleaseKind::Unknown;
  for (auto& [e, rk] : releasesIn(S, V)) {
    if (k != ReleaseKind::Unknown && rk != k) return ReleaseKind::Unknown;
    k = rk;
  }
  return k;
}

// How a local owner of F is released: as F releases it elsewhere, or as it was allocated
// (its initializer, the values assigned to it).
ReleaseKind kindOfLocal(const FunctionDecl* F, const VarDecl* V) {
  struct Assigned : RecursiveASTVisitor<Assigned> {
    const VarDecl* V;
    std::vector<const Expr*> values;
    bool VisitBinaryOperator(BinaryOperator* B) {
      if (B->getOpcode() == BO_Assign && namedObject(B->getLHS()) == V) values.push_back(B->getRHS());
      return true;
    }
  } as;
  as.V = V;
  as.TraverseStmt(F->getBody());
  ReleaseKind k = agree({releasedAs(F->getBody(), V), V->getInit() ? allocKind(V->getInit()) : ReleaseKind::Unknown});
  for (const Expr* e : as.values) k = agree({k, allocKind(e)});
  return k;
}

// How an [[owner]] member is released: as its class's constructors and in-class initializer
// allocate it (bodies other functions' fixes may read: constructors are re-checked with the
// whole file on every edit), and as `extra` (a destructor, an assigned value) says.
ReleaseKind kindOfMember(const FieldDecl* Fd, ReleaseKind extra) {
  ReleaseKind k = agree({extra, Fd->hasInClassInitializer() ? allocKind(Fd->getInClassInitializer()) : ReleaseKind::Unknown});
  const auto* RD = dyn_cast<CXXRecordDecl>(Fd->getParent());
  if (!RD) return k;
  for (const CXXConstructorDecl* C : RD->ctors()) {
    const auto* Def = dyn_cast_or_null<CXXConstructorDecl>(C->getDefinition());
    if (!Def) continue;
    for (const CXXCtorInitializer* I : Def->inits())
      if (I->isWritten() && I->getMember() == Fd) k = agree({k, allocKind(I->getInit())});
    struct Assigned : RecursiveASTVisitor<Assigned> {
      const FieldDecl* Fd;
      std::vector<const Expr*> values;
      bool VisitBinaryOperator(BinaryOperator* B) {
        if (B->getOpcode() == BO_Assign && namedObject(B->getLHS()) == Fd) values.push_back(B->getRHS());
        return true;
      }
    } as;
    as.Fd = Fd;
    as.TraverseStmt(Def->getBody());
    for (const Expr* e : as.values) k = agree({k, allocKind(e)});
  }
  return k;
}

// `delete p;`, `delete[] p;`, `std::free(p);` (empty when `free` is not declared).
std::string releaseText(const FixContext& a, ReleaseKind k, const std::string& what) {
  switch (k) {
    case ReleaseKind::Delete: return "delete " + what + ";";
    case ReleaseKind::DeleteArray: return "delete[] " + what + ";";
    case ReleaseKind::Free: {
      for (const NamedDecl* N : a.ctx.getTranslationUnitDecl()->lookup(&a.ctx.Idents.get("std")))
        if (const auto* NS = dyn_cast<NamespaceDecl>(N))
          for (const NamedDecl* D : NS->lookup(&a.ctx.Idents.get("free")))
            if (model::isFreeLike(dyn_cast<FunctionDecl>(D->getUnderlyingDecl()))) return "std::free(" + what + ");";
      for (const NamedDecl* D : a.ctx.getTranslationUnitDecl()->lookup(&a.ctx.Idents.get("free")))
        if (model::isFreeLike(dyn_cast<FunctionDecl>(D))) return "free(" + what + ");";
      return "";
    }
    case ReleaseKind::Unknown: return "";
  }
  return "";
}

// Whether deleting a `T*` is well-formed and runs the right destructor.
bool deletable(QualType pointee) {
  pointee = pointee.getCanonicalType();
  if (pointee->isVoidType() || pointee->isIncompleteType() || pointee->isFunctionType()) return false;
  if (const CXXRecordDecl* RD = pointee->getAsCXXRecordDecl()) {
    if (!RD->hasDefinition()) return false;
    if (const CXXDestructorDecl* D = RD->getDestructor(); D && (D->isDeleted() || D->getAccess() != AS_public)) return false;
  }
  return true;
}

bool releasable(const FixContext& a, ReleaseKind k, QualType ptr) {
  if (k == ReleaseKind::Unknown || !ptr->isPointerType()) return false;
  if (k == ReleaseKind::Free) return true;
  return deletable(ptr->getPointeeType());
}

// Statements found by where they begin: an exit (`return`, `break`, `continue`, `goto`, a
// throw) or a block's closing brace.
struct ExitFinder : RecursiveASTVisitor<ExitFinder> {
  const FixContext& a;
  unsigned at;
  const Stmt* exit = nullptr;
  const CompoundStmt* closed = nullptr;  // the block whose `}` is at `at`
  ExitFinder(const FixContext& a, unsigned at) : a(a), at(at) {}
  bool VisitStmt(Stmt* S) {
    if (const auto* CS = dyn_cast<CompoundStmt>(S)) {
      if (auto r = a.span(SourceRange(CS->getRBracLoc(), CS->getRBracLoc())); r && r->first == at) closed = CS;
      return true;
    }
    if (exit || !(isa<ReturnStmt>(S) || isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<GotoStmt>(S) ||
                  isa<CXXThrowExpr>(S)))
      return true;
    if (auto r = a.span(S->getSourceRange()); r && r->first == at) exit = S;
    return true;
  }
};

// The statement whose whole expression is `E` (with its cleanups): one standing in a block,
// or the unbraced body of an `if` or a loop; null when E is part of a larger expression.
const Stmt* fullStatement(const FixContext& a, const Expr* E) {
  const Stmt* S = E;
  DynTypedNode p = parentOf(a, DynTypedNode::create(*E));
  while (const auto* W = p.get<ExprWithCleanups>()) {
    S = W;
    p = parentOf(a, p);
  }
  if (p.get<CompoundStmt>()) return S;
  if (const auto* IS = p.get<IfStmt>()) return IS->getThen() == S || IS->getElse() == S ? S : nullptr;
  if (const auto* FS = p.get<ForStmt>()) return FS->getBody() == S ? S : nullptr;
  if (const auto* WS = p.get<WhileStmt>()) return WS->getBody() == S ? S : nullptr;
  if (const auto* RF = p.get<CXXForRangeStmt>()) return RF->getBody() == S ? S : nullptr;
  return nullptr;
}

// Code placed before statement `S`: lines of their own when S stands in a block, else S and
// the code go into braces (the unbraced body of an `if`, a loop, a `case`).
bool placeBefore(const FixContext& a, const Stmt* S, const std::string& code, Fix& f) {
  auto ss = stmtSpan(a, S);
  if (!ss) return false;
  if (blockOf(a, S)) {
    f.edits.push_back(insertBefore(a.t, ss->first, code));
    return true;
  }
  DynTypedNode p = parentOf(a, DynTypedNode::create(*S));
  const auto* P = p.get<Stmt>();
  // `case 1: return -1;`: a statement after the label is still in the switch's block.
  if (P && (isa<CaseStmt>(P) || isa<DefaultStmt>(P) || isa<LabelStmt>(P)) && blockOf(a, P)) {
    f.edits.push_back(insertBefore(a.t, ss->first, code));
    return true;
  }
  if (!P || !(isa<IfStmt>(P) || isa<ForStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) || isa<CXXForRangeStmt>(P)))
    return false;
  f.edits.push_back(edit(a.t, ss->first, ss->first, "{ " + code + " "));
  f.edits.push_back(edit(a.t, ss->second, ss->second, " }"));
  return true;
}

// After each release of `V` in `S` that stands in a block: `v = nullptr;`, so that a release
// added on a path that may already have released it releases nothing.
bool nullAfterReleases(const FixContext& a, const Stmt* S, const ValueDecl* V, const std::string& name, Fix& f) {
  for (auto& [E, k] : releasesIn(S, V)) {
    const Stmt* T = fullStatement(a, E);
    auto ss = T ? stmtSpan(a, T) : std::nullopt;
    if (!ss) return false;
    if (blockOf(a, T)) {
      f.edits.push_back(insertAfter(a.t, ss->first, ss->second, name + " = nullptr;"));
    } else {
      f.edits.push_back(edit(a.t, ss->first, ss->first, "{ "));
      f.edits.push_back(edit(a.t, ss->second, ss->second, " " + name + " = nullptr; }"));
    }
  }
  return true;
}

// The release inserted before each exit on which the owner leaks. A `return` whose value
// reads the owner first keeps the value in a local: `auto result = *p; delete p; return result;`.
std::optional<Fix> releaseAtExits(const FixContext& a, const FunctionDecl* F, const Diag& d) {
  const FixInput& in = d.input;
  if (in.mayBeMoved || !in.subjectDecl || in.leakExits.empty()) return std::nullopt;
  const VarDecl* V = varDeclAt(a, F, in.subjectDecl->begin.offset);
  if (!V || !V->getIdentifier() || V->getType()->isReferenceType()) return std::nullopt;
  ReleaseKind k = kindOfLocal(F, V);
  std::string name = V->getNameAsString();
  std::string release = releaseText(a, k, name);
  if (release.empty() || !releasable(a, k, V->getType())) return std::nullopt;
  Fix f;
  f.title = "release `" + name + "` before it goes out of scope";
  std::set<unsigned> done;
  auto fs = a.span(F->getSourceRange());
  if (!fs) return std::nullopt;
  for (const Range& exit : in.leakExits) {
    unsigned at = exit.begin.offset;
    if (!done.insert(at).second) continue;
    ExitFinder ef(a, at);
    ef.TraverseStmt(F->getBody());
    if (ef.closed) {
      unsigned ls = a.t.lineStart(at);
      std::string indent = a.t.indentOf(at) + "  ";
      if (!ef.closed->body_empty())
        if (auto last = stmtSpan(a, ef.closed->body_back())) indent = a.t.indentOf(last->first);
      if (a.t.buf.substr(ls, at - ls).trim().empty()) f.edits.push_back(edit(a.t, ls, ls, indent + release + "\n"));
      else f.edits.push_back(edit(a.t, at, at, release + " "));
      continue;
    }
    const Stmt* S = ef.exit;
    if (!S) return std::nullopt;
    if (const auto* TE = dyn_cast<CXXThrowExpr>(S)) {
      const Stmt* T = fullStatement(a, TE);
      if (!T || (TE->getSubExpr() && !refsTo(TE->getSubExpr(), V).empty())) return std::nullopt;
      if (!placeBefore(a, T, release, f)) return std::nullopt;
      continue;
    }
    const auto* R = dyn_cast<ReturnStmt>(S);
    if (!R || !R->getRetValue() || refsTo(R->getRetValue(), V).empty()) {
      if (!placeBefore(a, S, release, f)) return std::nullopt;
      continue;
    }
    // The returned value reads the owner: computed before the release.
    QualType RT = F->getReturnType();
    const Expr* value = R->getRetValue();
    auto vs = a.span(value->getSourceRange());
    if (RT->isReferenceType() || RT->isVoidType() || RT->getContainedAutoType() || !vs || value->getType()->isArrayType() ||
        model::holdsBorrows(RT))
      return std::nullopt;
    std::string result = freshName(a.t, fs->first, fs->second, "result");
    std::string valueText = a.t.buf.substr(vs->first, vs->second - vs->first).str();
    auto rs = stmtSpan(a, R);
    if (!rs) return std::nullopt;
    std::string type = value->getType().getCanonicalType().getUnqualifiedType() == RT.getCanonicalType().getUnqualifiedType()
                           ? "auto"
                           : spellType(a.ctx, RT.getUnqualifiedType());
    if (type.empty()) return std::nullopt;
    std::string ret = "return " + result + ";";
    if (blockOf(a, R)) {
      f.edits.push_back(insertBefore(a.t, rs->first, type + " " + result + " = " + valueText + ";"));
      f.edits.push_back(insertBefore(a.t, rs->first, release));
      f.edits.push_back(edit(a.t, vs->first, vs->second, result));
    } else {
      Fix g;
      if (!placeBefore(a, R, type + " " + result + " = " + valueText + "; " + release, g)) return std::nullopt;
      for (TextEdit& e : g.edits) f.edits.push_back(std::move(e));
      f.edits.push_back(edit(a.t, vs->first, vs->second, result));
    }
  }
  if (in.mayBeReleased && !nullAfterReleases(a, F->getBody(), V, name, f)) return std::nullopt;
  if (f.edits.empty()) return std::nullopt;
  sortEdits(f);
  return f;
}

// `p = new T;` while `p` still owns: release the old value first.
std::optional<Fix> releaseBeforeOverwrite(const FixContext& a, const FunctionDecl* F, const Diag& d) {
  const FixInput& in = d.input;
  if (in.mayBeMoved) return std::nullopt;
  const auto* BO = dyn_cast_or_null<BinaryOperator>(
      exprAt(a, F, d.range.begin.offset, d.range.end.offset, [](const Expr* E) { return isa<BinaryOperator>(E); }));
  if (!BO || BO->getOpcode() != BO_Assign) return std::nullopt;
  const ValueDecl* V = namedObject(BO->getLHS());
  if (!V || !V->getIdentifier() || !V->getType()->isPointerType()) return std::nullopt;
  // The new value must not read the old one (`p = grow(p)` hands it on instead).
  if (!refsTo(BO->getRHS(), V).empty()) return std::nullopt;
  struct Members : RecursiveASTVisitor<Members> {
    const ValueDecl* V;
    bool found = false;
    bool VisitMemberExpr(MemberExpr* M) {
      found = found || M->getMemberDecl() == V;
      return true;
    }
  } mem;
  mem.V = V;
  mem.TraverseStmt(BO->getRHS());
  if (mem.found) return std::nullopt;
  ReleaseKind k = ReleaseKind::Unknown;
  if (const auto* Fd = dyn_cast<FieldDecl>(V))
    k = kindOfMember(Fd, agree({allocKind(BO->getRHS()), releasedAs(F->getBody(), V)}));
  else if (const auto* VD = dyn_cast<VarDecl>(V))
    k = agree({allocKind(BO->getRHS()), kindOfLocal(F, VD)});
  std::string written = a.text(BO->getLHS()->getSourceRange()).value_or("");
  std::string release = releaseText(a, k, written);
  if (written.empty() || release.empty() || !releasable(a, k, V->getType())) return std::nullopt;
  std::optional<InBlock> ib = blockStatementOf(a, DynTypedNode::create(*BO));
  const Stmt* S = ib ? ib->stmt : nullptr;
  if (!S) {
    // `if (c) p = new T;`: the assignment is the branch.
    DynTypedNode p = parentOf(a, DynTypedNode::create(*BO));
    if (const auto* W = p.get<ExprWithCleanups>()) p = parentOf(a, p);
    if (!p.get<IfStmt>() && !p.get<ForStmt>() && !p.get<WhileStmt>()) return std::nullopt;
    S = BO;
  } else if (bare(dyn_cast<Expr>(S)) != BO) {
    return std::nullopt;  // inside a larger expression
  }
  Fix f;
  f.title = "release `" + written + "` before assigning it a new value";
  if (!placeBefore(a, S, release, f)) return std::nullopt;
  if (in.mayBeReleased && !nullAfterReleases(a, F->getBody(), V, written, f)) return std::nullopt;
  sortEdits(f);
  return f;
}

// A destructor that does not release an [[owner]] member on every path: release it at its end.
std::optional<Fix> releaseInDestructor(const FixContext& a, const Diag& d) {
  const FixInput& in = d.input;
  if (in.mayBeMoved || in.leakExits.empty() || in.subject.empty()) return std::nullopt;
  const auto* D = dyn_cast_or_null<CXXDestructorDecl>(functionAround(a, in.leakExits.front().begin.offset));
  const auto* body = D ? dyn_cast_or_null<CompoundStmt>(D->getBody()) : nullptr;
  if (!body) return std::nullopt;
  const FieldDecl* Fd = nullptr;
  for (const FieldDecl* x : D->getParent()->fields())
    if (x->getIdentifier() && x->getName() == in.subject) Fd = x;
  if (!Fd || !Fd->getType()->isPointerType()) return std::nullopt;
  struct HasReturn : RecursiveASTVisitor<HasReturn> {
    bool found = false;
    bool VisitReturnStmt(ReturnStmt*) {
      found = true;
      return false;
    }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  } hr;
  hr.TraverseStmt(const_cast<CompoundStmt*>(body));
  if (hr.found) return std::nullopt;
  ReleaseKind k = kindOfMember(Fd, releasedAs(body, Fd));
  std::string name = Fd->getNameAsString();
  std::string release = releaseText(a, k, name);
  auto rb = a.span(SourceRange(body->getRBracLoc(), body->getRBracLoc()));
  if (release.empty() || !releasable(a, k, Fd->getType()) || !rb) return std::nullopt;
  Fix f;
  f.title = "release `" + name + "` in the destructor";
  unsigned ls = a.t.lineStart(rb->first);
  if (a.t.buf.substr(ls, rb->first - ls).trim().empty()) {
    std::string indent = a.t.indentOf(rb->first) + "  ";
    if (!body->body_empty())
      if (auto last = stmtSpan(a, body->body_back())) indent = a.t.indentOf(last->first);
    f.edits.push_back(edit(a.t, ls, ls, indent + release + "\n"));
  } else {
    f.edits.push_back(edit(a.t, rb->first, rb->first, (body->body_empty() ? " " : "") + release + " "));
  }
  if (in.mayBeReleased && !nullAfterReleases(a, body, Fd, name, f)) return std::nullopt;
  sortEdits(f);
  return f;
}

// The field of the main file whose declaration begins at `offset`.
const FieldDecl* fieldAt(const FixContext& a, unsigned offset) {
  std::vector<const DeclContext*> todo{a.ctx.getTranslationUnitDecl()};
  while (!todo.empty()) {
    const DeclContext* DC = todo.back();
    todo.pop_back();
    for (const Decl* D : DC->decls()) {
      if (!a.sm.isInMainFile(a.sm.getExpansionLoc(D->getLocation()))) continue;
      if (const auto* Fd = dyn_cast<FieldDecl>(D))
        if (auto s = a.span(Fd->getSourceRange()); s && s->first == offset) return Fd;
      if (isa<NamespaceDecl>(D) || isa<CXXRecordDecl>(D) || isa<LinkageSpecDecl>(D)) todo.push_back(cast<DeclContext>(D));
    }
  }
  return nullptr;
}

// A class with [[owner]] members and no destructor: add one releasing them all. Its implicit
// copies would then release twice: they are deleted, unless the code uses them (no fix).
std::optional<Fix> addDestructor(const FixContext& a, const Diag& d) {
  if (!d.input.subjectDecl) return std::nullopt;
  const FieldDecl* Fd = fieldAt(a, d.input.subjectDecl->begin.offset);
  const auto* RD = Fd ? dyn_cast<CXXRecordDecl>(Fd->getParent()) : nullptr;
  if (!RD || !RD->getIdentifier() || RD->isDependentContext() || RD->isUnion() || RD->isLambda()) return std::nullopt;
  if (const CXXDestructorDecl* Dt = RD->getDestructor(); Dt && !Dt->isImplicit()) return std::nullopt;
  std::string releases;
  for (const FieldDecl* x : RD->fields()) {
    if (!model::hasOwner(x) || !x->getType()->isPointerType()) continue;
    ReleaseKind k = kindOfMember(x, ReleaseKind::Unknown);
    std::string r = releaseText(a, k, x->getNameAsString());
    if (r.empty() || !releasable(a, k, x->getType())) return std::nullopt;
    releases += " " + r;
  }
  if (releases.empty()) return std::nullopt;
  // Copies and moves the compiler would make: used ones forbid the fix, unused ones are deleted.
  bool userCopy = false, userAssign = false;
  for (const CXXConstructorDecl* C : RD->ctors())
    if (C->isCopyOrMoveConstructor()) {
      if (C->isImplicit() && C->isUsed()) return std::nullopt;
      if (!C->isImplicit() && C->isCopyConstructor()) userCopy = true;
    }
  for (const CXXMethodDecl* M : RD->methods())
    if (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()) {
      if (M->isImplicit() && M->isUsed()) return std::nullopt;
      if (!M->isImplicit() && M->isCopyAssignmentOperator()) userAssign = true;
    }
  std::string cls = RD->getNameAsString();
  auto rb = a.span(SourceRange(RD->getBraceRange().getEnd(), RD->getBraceRange().getEnd()));
  auto fs = a.span(Fd->getSourceRange());
  if (!rb || !fs) return std::nullopt;
  std::string indent = a.t.indentOf(fs->first);
  std::vector<std::string> lines;
  // The access in effect at the end of the class.
  AccessSpecifier access = RD->isClass() ? AS_private : AS_public;
  for (const Decl* D : RD->decls())
    if (const auto* AS = dyn_cast<AccessSpecDecl>(D)) access = AS->getAccess();
  if (access != AS_public) lines.push_back(a.t.indentOf(rb->first) + "public:");
  lines.push_back(indent + "~" + cls + "() {" + releases + " }");
  if (!userCopy) lines.push_back(indent + cls + "(const " + cls + "&) = delete;");
  if (!userAssign) lines.push_back(indent + cls + "& operator=(const " + cls + "&) = delete;");
  Fix f;
  f.title = "add a destructor to `" + cls + "` that releases `" + d.input.subject + "`" +
            (!userCopy || !userAssign ? " (and forbid copies)" : "");
  f.readsWholeFile = !userCopy || !userAssign;  // no copy is made anywhere in the file
  unsigned ls = a.t.lineStart(rb->first);
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  if (a.t.buf.substr(ls, rb->first - ls).trim().empty()) {
    f.edits.push_back(edit(a.t, ls, ls, text));
  } else {
    f.edits.push_back(edit(a.t, rb->first, rb->first, "\n" + text));
  }
  return f;
}

// `make();` discarding an owner: release it right there (`delete make();`).
std::optional<Fix> releaseDiscarded(const FixContext& a, const Diag& d) {
  const FunctionDecl* F = functionAround(a, d.range.begin.offset);
  if (!F) return std::nullopt;
  const auto* CE = dyn_cast_or_null<CallExpr>(
      exprAt(a, F, d.range.begin.offset, d.range.end.offset, [](const Expr* E) { return isa<CallExpr>(E); }));
  if (!CE || !CE->getDirectCallee()) return std::nullopt;
  std::optional<InBlock> ib = blockStatementOf(a, DynTypedNode::create(*CE));
  const Stmt* S = ib ? ib->stmt : nullptr;
  if (!S) {
    DynTypedNode p = parentOf(a, DynTypedNode::create(*CE));
    if (const auto* W = p.get<ExprWithCleanups>()) p = parentOf(a, p);
    if (!p.get<IfStmt>() && !p.get<ForStmt>() && !p.get<WhileStmt>()) return std::nullopt;
    S = CE;
  }
  if (!isa<Expr>(S) || bare(cast<Expr>(S)) != CE) return std::nullopt;  // `(void)make();` and friends
  QualType RT = CE->getType();
  ReleaseKind k = allocKind(CE);
  auto cs = a.span(CE->getSourceRange());
  if (!cs || !releasable(a, k, RT)) return std::nullopt;
  std::string call = a.t.buf.substr(cs->first, cs->second - cs->first).str();
  std::string release = releaseText(a, k, call);
  if (release.empty()) return std::nullopt;
  release.pop_back();  // the statement keeps its own ';'
  Fix f;
  f.title = "release the owner `" + CE->getDirectCallee()->getNameAsString() + "` returns";
  f.preferred = true;
  f.edits.push_back(edit(a.t, cs->first, cs->second, release));
  return f;
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
  const FixInput& in = d.input;
  std::optional<Fix> f;
  if (in.is(rule::Leak::AtScopeEnd) || in.is(rule::Leak::OnThrow)) {
    if (const FunctionDecl* F = fixkit::functionAround(a, d.range.begin.offset)) f = releaseAtExits(a, F, d);
  } else if (in.is(rule::Leak::AtOverwrite)) {
    if (const FunctionDecl* F = fixkit::functionAround(a, d.range.begin.offset)) f = releaseBeforeOverwrite(a, F, d);
  } else if (in.is(rule::Leak::AtDestruction)) {
    f = releaseInDestructor(a, d);
  } else if (in.is(rule::Leak::OwnerMemberWithoutDestructor)) {
    f = addDestructor(a, d);
  } else if (in.is(rule::Leak::DiscardedResult)) {
    f = releaseDiscarded(a, d);
  }
  if (f) {
    f->preferred = true;
    d.fixes.push_back(std::move(*f));
  }
  fixLeakUniquePtr(a, d);
}

}  // namespace ownership::checks
