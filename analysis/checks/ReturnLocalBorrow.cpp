// return-local-borrow (spec §2a.8): a borrow of a local, a by-value parameter or a
// temporary is returned.
//   const std::string& name() { std::string s = "x"; return s; }
//   fix: return by value (`std::string name()`), on every declaration, when every
//   return and every caller still compiles.
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/TypeLoc.h>
#include <llvm/ADT/StringSet.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixKit.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `ret`: the return; `borrow`: the loan of `place` (`source`: its root's name).
Diag returnsBorrowOf(const SourceConv& conv, rule::ReturnLocalBorrow what, SourceRange ret,
                     const std::string& source, const std::string& place, SourceRange borrow) {
  std::string msg = what == rule::ReturnLocalBorrow::Temporary ? "cannot return a borrow of a temporary value"
                    : what == rule::ReturnLocalBorrow::ByValueParam
                        ? "cannot return a borrow of by-value parameter `" + source + "`"
                        : "cannot return a borrow of local variable `" + source + "`";
  Diag d = makeDiag(conv, Code::ReturnLocalBorrow, Severity::Error, ret, std::move(msg), what);
  d.input.subject = source;
  if (borrow.isValid()) d.input.borrowSite = conv.range(borrow);
  if (borrow.isValid() && borrow != ret)
    addNote(conv, d, borrow, what == rule::ReturnLocalBorrow::Temporary ? "the temporary value is borrowed here"
                                                                         : "`" + place + "` is borrowed here");
  addNote(conv, d, ret, "returns a value referencing data owned by the current function");
  return d;
}

}  // namespace

bool checkReturnLocalBorrow(FunctionChecks& c, const At& at) {
  const Fact& f = at.f;
  llvm::BitVector loans = resolve(c.fn, at.st, f.srcs);
  for (unsigned l : loans.set_bits()) {
    const Loan& L = c.fn.loans[l];
    const Place& p = c.place(L.place);
    if (p.kind != RootKind::Local && p.kind != RootKind::Temp) continue;
    if (c.sharedPointee(p)) continue;
    std::string name = c.placeName(p);
    rule::ReturnLocalBorrow what =
        p.kind == RootKind::Temp ? rule::ReturnLocalBorrow::Temporary : rule::ReturnLocalBorrow::Local;
    // The message names the variable (`p`), the note the place borrowed (`*p`, `s.name`).
    std::string source = name;
    if (p.kind == RootKind::Local && p.root) source = displayName(static_cast<const ValueDecl*>(p.root));
    if (p.kind == RootKind::Local)
      if (const auto* PV = dyn_cast_or_null<ParmVarDecl>(static_cast<const Decl*>(p.root))) {
        what = rule::ReturnLocalBorrow::ByValueParam;
        source = PV->getNameAsString();
      }
    c.report(returnsBorrowOf(c.conv, what, f.range, source, name, L.range));
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Fix: return by value. What the change of type does to every return and every
// caller is checked on the AST, or the fix could leave code that no longer compiles.

namespace {

// Return statements of a function body (not those of lambdas inside it).
struct ReturnCollector : clang::RecursiveASTVisitor<ReturnCollector> {
  std::vector<const clang::ReturnStmt*> returns;
  bool VisitReturnStmt(clang::ReturnStmt* R) {
    returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(clang::LambdaExpr*) { return true; }
};

// The call that a reference to a function is the callee of.
const clang::CallExpr* callOf(const FixContext& a, const clang::Expr* ref) {
  const clang::Expr* E = ref;
  while (true) {
    auto ps = a.ctx.getParents(*E);
    if (ps.size() != 1) return nullptr;
    if (const auto* ICE = ps[0].get<clang::ImplicitCastExpr>()) {
      E = ICE;
      continue;
    }
    if (const auto* PE = ps[0].get<clang::ParenExpr>()) {
      E = PE;
      continue;
    }
    const auto* C = ps[0].get<clang::CallExpr>();
    if (C && C->getCallee() == E) return C;
    return nullptr;
  }
}

// The parameter an argument `arg` of call-like `P` is bound to; nullptr when unknown
// (variadic, indirect call, the object of a member operator).
const clang::ParmVarDecl* paramFor(const clang::Stmt* P, const clang::Expr* arg) {
  if (const auto* C = llvm::dyn_cast<clang::CallExpr>(P)) {
    const clang::FunctionDecl* F = C->getDirectCallee();
    if (!F || F->getPrimaryTemplate()) return nullptr;
    unsigned shift = 0;
    if (llvm::isa<clang::CXXOperatorCallExpr>(C) && llvm::isa<clang::CXXMethodDecl>(F) &&
        !llvm::cast<clang::CXXMethodDecl>(F)->isStatic())
      shift = 1;
    for (unsigned i = shift; i < C->getNumArgs(); ++i)
      if (C->getArg(i) == arg) return i - shift < F->getNumParams() ? F->getParamDecl(i - shift) : nullptr;
    return nullptr;
  }
  if (const auto* CE = llvm::dyn_cast<clang::CXXConstructExpr>(P)) {
    const clang::CXXConstructorDecl* Ctor = CE->getConstructor();
    if (!Ctor || Ctor->getPrimaryTemplate()) return nullptr;
    for (unsigned i = 0; i < CE->getNumArgs(); ++i)
      if (CE->getArg(i) == arg) return i < Ctor->getNumParams() ? Ctor->getParamDecl(i) : nullptr;
  }
  return nullptr;
}

// `const X&`, `X&&` or by value: a prvalue argument binds to it.
bool takesPrvalue(clang::QualType PT) {
  if (PT->isRValueReferenceType()) return true;
  if (PT->isLValueReferenceType()) return PT.getNonReferenceType().isConstQualified();
  return true;
}

// Whether a variable initialised from a prvalue still compiles: not a non-const lvalue
// reference. `auto&` deduced `const T&` from the old lvalue counts as non-const: it
// would deduce `T&` from the new prvalue.
bool bindsPrvalue(const clang::VarDecl* VD) {
  clang::QualType T = VD->getType();
  if (!T->isLValueReferenceType()) return true;
  if (!VD->getTypeSourceInfo()) return false;
  auto rl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<clang::ReferenceTypeLoc>();
  return rl && rl.getPointeeLoc().getType().isLocalConstQualified();
}

// After `T& f()` becomes `T f()`, a call is a prvalue: is this use still valid?
bool callStillValidAsValue(const FixContext& a, const clang::CallExpr* call) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  if (const auto* VD = p.get<clang::VarDecl>()) return bindsPrvalue(VD);
  const auto* P = p.get<clang::Stmt>();
  if (!P) return false;
  if (const auto* ICE = llvm::dyn_cast<clang::ImplicitCastExpr>(P)) return ICE->getCastKind() == clang::CK_LValueToRValue;
  if (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P)) {
    if (const auto* OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(P); OC && OC->getNumArgs() > 0 && OC->getArg(0) == E)
      if (const auto* M = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(OC->getDirectCallee()))
        return M->getRefQualifier() != clang::RQ_LValue;
    const clang::ParmVarDecl* PV = paramFor(P, E);
    return PV && takesPrvalue(PV->getType());
  }
  if (const auto* ME = llvm::dyn_cast<clang::MemberExpr>(P)) {
    const clang::Expr* M = ME;
    clang::DynTypedNode mp = a.parent(M);
    if (const auto* MC = mp.get<clang::CXXMemberCallExpr>(); MC && MC->getCallee() == M)
      return MC->getMethodDecl() && MC->getMethodDecl()->getRefQualifier() != clang::RQ_LValue;
    if (const auto* ICE = mp.get<clang::ImplicitCastExpr>()) return ICE->getCastKind() == clang::CK_LValueToRValue;
    return false;
  }
  return false;
}

bool isStdRecordNamed(clang::QualType T, llvm::StringRef name) {
  const auto* RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == name && model::inStdNamespace(RD);
}

clang::QualType firstTypeArg(clang::QualType T) {
  const auto* S = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(T.getCanonicalType()->getAsCXXRecordDecl());
  if (!S || S->getTemplateArgs().size() == 0 || S->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type)
    return {};
  return S->getTemplateArgs()[0].getAsType();
}

// The function whose body holds E.
const clang::FunctionDecl* enclosingFunction(const FixContext& a, const clang::Expr* E) {
  clang::DynTypedNodeList ps = a.ctx.getParents(*E);
  while (ps.size() == 1) {
    if (const auto* F = ps[0].get<clang::FunctionDecl>()) return F;
    if (const auto* L = ps[0].get<clang::LambdaExpr>()) return L->getCallOperator();
    ps = a.ctx.getParents(ps[0]);
  }
  return nullptr;
}

// A parameter a `std::string` prvalue can be passed to where a `std::string_view` was:
// a view by value or by const reference of a non-template function.
bool takesViewFromString(const clang::ParmVarDecl* PV, clang::QualType viewType) {
  if (!PV) return false;
  clang::QualType PT = PV->getType();
  if (PT->isLValueReferenceType() && !PT.getNonReferenceType().isConstQualified()) return false;
  return PT.getNonReferenceType().getCanonicalType().getUnqualifiedType() ==
         viewType.getCanonicalType().getUnqualifiedType();
}

// After `std::string_view f()` becomes `std::string f()` (or a span a vector): is this
// use of a call still valid? A view variable kept from the call would now dangle, and
// an `auto` one changes type, so only these are accepted: the call passed straight to
// a view parameter (strings only), and an `auto` variable used only through members
// that the owner has with the same meaning.
bool callStillValidAsOwner(const FixContext& a, const clang::CallExpr* call, clang::QualType oldType, bool toString,
                           const clang::FunctionDecl* caller) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  if (const auto* VD = p.get<clang::VarDecl>()) {
    if (VD->getType()->isReferenceType() || !VD->getTypeSourceInfo() ||
        !VD->getTypeSourceInfo()->getTypeLoc().getAs<clang::AutoTypeLoc>() || !caller)
      return false;
    static const llvm::StringSet<> kStringSafe = {"size", "length", "empty", "data", "find", "rfind", "starts_with",
                                                  "ends_with", "compare", "front", "back", "find_first_of",
                                                  "find_last_of", "find_first_not_of", "find_last_not_of"};
    static const llvm::StringSet<> kVectorSafe = {"size", "empty", "data", "front", "back"};
    RefCollector refs;
    refs.decls.insert(VD->getCanonicalDecl());
    refs.TraverseStmt(const_cast<clang::Stmt*>(caller->getBody()));
    for (const clang::Expr* r : refs.refs) {
      const clang::Expr* X = r;
      clang::DynTypedNode rp = a.parent(X);
      if (const auto* ME = rp.get<clang::MemberExpr>()) {
        const clang::Expr* M = ME;
        clang::DynTypedNode mp = a.parent(M);
        const auto* MC = mp.get<clang::CXXMemberCallExpr>();
        const auto* MD = MC ? MC->getMethodDecl() : nullptr;
        if (!MD || !MD->getIdentifier() || MC->getCallee() != M) return false;
        if (!(toString ? kStringSafe : kVectorSafe).contains(MD->getName())) return false;
        continue;
      }
      const auto* P = rp.get<clang::Stmt>();
      if (toString && P && (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P)) &&
          takesViewFromString(paramFor(P, X), oldType))
        continue;
      return false;
    }
    return true;
  }
  const auto* P = p.get<clang::Stmt>();
  if (!P || !toString) return false;
  if (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P))
    return takesViewFromString(paramFor(P, E), oldType);
  return false;
}


// The lambda a return statement at `d` returns, if any.
const clang::LambdaExpr* returnedLambda(const FixContext& a, const clang::FunctionDecl* F, const Diag& d) {
  const clang::Expr* E = fixkit::exprAt(a, F, d.range.begin.offset, d.range.end.offset);
  if (!E) return nullptr;
  E = fixkit::bare(E);
  while (const auto* CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {  // into a std::function
    if (CE->getNumArgs() != 1) return nullptr;
    E = fixkit::bare(CE->getArg(0));
  }
  return llvm::dyn_cast<clang::LambdaExpr>(E);
}

// `return [&x] { ... };` of a local `x`: capture it by copy (`[x]`; `[&]` -> `[=]`). The
// function's signature is unchanged: only its body is read and edited.
std::optional<Fix> captureByCopy(const FixContext& a, const clang::FunctionDecl* F, const Diag& d) {
  const clang::LambdaExpr* L = returnedLambda(a, F, d);
  if (!L) {
    // The lambda that borrows is kept in what is returned (`out.push_back([&x] {...}); return
    // out;`): its capture of the local becomes a copy.
    if (!d.input.borrowSite) return std::nullopt;
    const clang::Expr* E = fixkit::exprAt(a, F, d.input.borrowSite->begin.offset, d.input.borrowSite->end.offset);
    const auto* BL = E ? llvm::dyn_cast<clang::LambdaExpr>(fixkit::temporarySource(E)) : nullptr;
    if (!BL) return std::nullopt;
    const clang::VarDecl* V = nullptr;
    for (const clang::LambdaCapture& C : BL->captures())
      if (C.capturesVariable() && C.getCapturedVar()->getName() == d.input.subject)
        V = llvm::dyn_cast<clang::VarDecl>(C.getCapturedVar());
    std::vector<TextEdit> edits = fixkit::captureByCopy(a, BL, V);
    if (edits.empty()) return std::nullopt;
    Fix f;
    f.title = "capture `" + d.input.subject + "` by copy so what is returned owns it";
    f.preferred = true;
    f.edits = std::move(edits);
    return f;
  }
  std::vector<TextEdit> edits;
  bool writes = false;  // the body writes a captured variable: the copies must be mutable
  bool defaultRef = L->getCaptureDefault() == clang::LCD_ByRef;
  for (const clang::LambdaCapture& C : L->captures()) {
    if (C.capturesThis() || C.capturesVLAType()) {
      if (defaultRef && C.isImplicit()) return std::nullopt;  // `[=]` would capture `this` implicitly (deprecated)
      continue;
    }
    if (C.getCaptureKind() != clang::LCK_ByRef) continue;
    const auto* V = llvm::dyn_cast<clang::VarDecl>(C.getCapturedVar());
    if (!V || llvm::isa<clang::BindingDecl>(C.getCapturedVar()) || V->isInitCapture()) return std::nullopt;
    // A reference variable refers elsewhere: copying it copies its referent, a change of meaning.
    if (V->getType()->isReferenceType() || !copyable(V->getType())) return std::nullopt;
    writes = writes || !fixkit::onlyReadIn(a, L->getBody(), V);
    if (C.isImplicit()) continue;  // changed with the default below
    auto loc = a.span(clang::SourceRange(C.getLocation(), C.getLocation()));
    if (!loc) return std::nullopt;
    unsigned amp = loc->first;
    while (amp > 0 && (a.t.buf[amp - 1] == ' ' || a.t.buf[amp - 1] == '\t')) --amp;
    if (amp == 0 || a.t.buf[amp - 1] != '&') return std::nullopt;
    edits.push_back(edit(a.t, amp - 1, loc->first, ""));
  }
  if (defaultRef) {
    auto db = a.span(clang::SourceRange(L->getCaptureDefaultLoc(), L->getCaptureDefaultLoc()));
    if (!db || a.t.buf[db->first] != '&') return std::nullopt;
    edits.push_back(edit(a.t, db->first, db->first + 1, "="));
  }
  if (edits.empty()) return std::nullopt;
  if (writes && !L->isMutable()) {
    // The lambda is returned as it is made: nothing else sees the writes but its own copies.
    const clang::CXXMethodDecl* call = L->getCallOperator();
    if (L->hasExplicitParameters()) {
      clang::FunctionTypeLoc ftl = call ? call->getFunctionTypeLoc() : clang::FunctionTypeLoc();
      auto rp = ftl ? a.span(clang::SourceRange(ftl.getRParenLoc(), ftl.getRParenLoc())) : std::nullopt;
      if (!rp) return std::nullopt;
      edits.push_back(edit(a.t, rp->second, rp->second, " mutable"));
    } else {
      const clang::CompoundStmt* body = L->getCompoundStmtBody();
      auto lb = body ? a.span(clang::SourceRange(body->getLBracLoc(), body->getLBracLoc())) : std::nullopt;
      if (!lb) return std::nullopt;
      edits.push_back(edit(a.t, lb->first, lb->first, "() mutable "));
    }
  }
  Fix f;
  f.title = writes && !L->isMutable() ? "capture by copy (a `mutable` lambda) so the returned lambda owns what it uses"
                                      : "capture by copy so the returned lambda owns what it uses";
  f.preferred = true;
  f.edits = std::move(edits);
  sortEdits(f);
  return f;
}

// A returned address of an array element found by a computed index (`&slots[i]`): a lookup
// of one element, whose value can be returned. Not a buffer's start (`&buf[0]`) or a
// character buffer, where the array itself is what the pointer stands for.
bool elementLookup(const clang::Expr* sub) {
  const auto* AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(sub->IgnoreParens());
  if (!AS) return false;
  clang::QualType el = AS->getType();
  if (el->isCharType() || el->isSpecificBuiltinType(clang::BuiltinType::UChar) || el->isStdByteType()) return false;
  if (AS->getIdx()->isValueDependent()) return false;
  return !AS->getIdx()->IgnoreParenImpCasts()->getType()->isPointerType() &&
         !llvm::isa<clang::IntegerLiteral>(AS->getIdx()->IgnoreParenImpCasts());
}

// After `const char* f()` becomes `std::string f()`: a call that initialises a
// `std::string` or is passed for a `std::string` or `std::string_view` parameter.
bool callTakesString(const FixContext& a, const clang::CallExpr* call) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  auto isString = [](clang::QualType T) {
    T = T.getNonReferenceType();
    return model::isStdString(T) || isStdRecordNamed(T, "basic_string_view");
  };
  if (const auto* ICE = p.get<clang::ImplicitCastExpr>(); ICE && ICE->getCastKind() == clang::CK_LValueToRValue) {
    E = ICE;
    p = a.parent(E);
  }
  // The conversion to the string the caller wanted: `std::string s = f();`, `take(f())`.
  if (const auto* CE = p.get<clang::CXXConstructExpr>(); CE && CE->getNumArgs() >= 1 && CE->getArg(0) == E &&
                                                       isString(CE->getType())) {
    const clang::Expr* C = CE;
    clang::DynTypedNode cp = a.parent(C);
    while (const auto* ICE = cp.get<clang::ImplicitCastExpr>()) {
      if (ICE->getCastKind() != clang::CK_ConstructorConversion) break;
      C = ICE;
      cp = a.parent(C);
    }
    if (const auto* VD = cp.get<clang::VarDecl>())
      return !VD->getType()->getContainedAutoType() && isString(VD->getType()) && !VD->getType()->isReferenceType();
    const auto* P = cp.get<clang::Stmt>();
    if (P && (llvm::isa<clang::CallExpr>(P) || llvm::isa<clang::CXXConstructExpr>(P)))
      if (const clang::ParmVarDecl* PV = fixkit::paramOfArg(P, C))
        return isString(PV->getType()) &&
               (!PV->getType()->isLValueReferenceType() || PV->getType().getNonReferenceType().isConstQualified());
  }
  return false;
}

// After `T* f()` becomes `T f()`: `*f()` reads the value (`f()`), `f()->m` its member
// (`f().m`); the edit to the caller, or nullopt for any other use.
std::optional<TextEdit> derefOfCallAsValue(const FixContext& a, const clang::CallExpr* call) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  auto cs = a.span(call->getSourceRange());
  if (!cs) return std::nullopt;
  if (const auto* U = p.get<clang::UnaryOperator>(); U && U->getOpcode() == clang::UO_Deref) {
    auto op = a.span(clang::SourceRange(U->getOperatorLoc(), U->getOperatorLoc()));
    if (!op || op->second > cs->first) return std::nullopt;
    // The value is a prvalue now: only read (not assigned, not bound to a non-const reference).
    const clang::Expr* V = U;
    clang::DynTypedNode vp = a.parent(V);
    const auto* ICE = vp.get<clang::ImplicitCastExpr>();
    if (!ICE || ICE->getCastKind() != clang::CK_LValueToRValue) return std::nullopt;
    return edit(a.t, op->first, op->second, "");
  }
  if (const auto* ME = p.get<clang::MemberExpr>(); ME && ME->isArrow()) {
    auto op = a.span(clang::SourceRange(ME->getOperatorLoc(), ME->getOperatorLoc()));
    if (!op || a.t.buf.substr(op->first, 2) != "->") return std::nullopt;
    const clang::Expr* M = ME;
    clang::DynTypedNode mp = a.parent(M);
    if (const auto* ICE = mp.get<clang::ImplicitCastExpr>(); !ICE || ICE->getCastKind() != clang::CK_LValueToRValue) {
      const auto* MC = mp.get<clang::CXXMemberCallExpr>();
      if (!MC || !MC->getMethodDecl() || MC->getMethodDecl()->getRefQualifier() == clang::RQ_LValue) return std::nullopt;
    }
    return edit(a.t, op->first, op->first + 2, ".");
  }
  return std::nullopt;
}

// After `T* f()` becomes `std::optional<T> f()`: a call used as `f()->m`, `*f()` or tested
// (`if (f())`, `!f()`) still compiles.
bool callStillValidAsOptional(const FixContext& a, const clang::CallExpr* call) {
  const clang::Expr* E = call;
  clang::DynTypedNode p = a.parent(E);
  if (const auto* ICE = p.get<clang::ImplicitCastExpr>(); ICE && ICE->getCastKind() == clang::CK_LValueToRValue) {
    E = ICE;
    p = a.parent(E);
  }
  if (const auto* U = p.get<clang::UnaryOperator>(); U && U->getOpcode() == clang::UO_Deref) return true;
  if (const auto* ME = p.get<clang::MemberExpr>(); ME && ME->isArrow()) return true;
  if (const auto* B = p.get<clang::ImplicitCastExpr>(); B && B->getCastKind() == clang::CK_PointerToBoolean) {
    const clang::Expr* cond = B;
    clang::DynTypedNode bp = a.parent(cond);
    if (const auto* IS = bp.get<clang::IfStmt>()) return IS->getCond() == cond;
    if (const auto* U = bp.get<clang::UnaryOperator>()) return U->getOpcode() == clang::UO_LNot;
    if (const auto* L = bp.get<clang::BinaryOperator>()) return L->isLogicalOp();
    if (const auto* CO = bp.get<clang::ConditionalOperator>()) return CO->getCond() == cond;
    if (const auto* WS = bp.get<clang::WhileStmt>()) return WS->getCond() == cond;
  }
  return false;
}
}  // namespace

void fixReturnLocalBorrow(const FixContext& a, Diag& d) {
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (!fr) return;
  const FunctionDecl* F = fr->lowered->fn;
  if (std::optional<Fix> f = captureByCopy(a, F, d)) {
    d.fixes.push_back(std::move(*f));
    return;
  }
  if (F->getPrimaryTemplate() || F->isTemplateInstantiation() || F->isDependentContext()) return;
  if (const auto* M = dyn_cast<CXXMethodDecl>(F); M && (M->isVirtual() || M->size_overridden_methods() > 0)) return;
  if (isa<CXXConversionDecl>(F)) return;
  QualType RT = F->getReturnType();
  ReturnCollector rc;
  rc.TraverseStmt(const_cast<Stmt*>(F->getBody()));

  enum class Shape { Ref, Ptr, View } kind;  // what is returned now
  QualType valueType;       // the type returned by value after the fix
  bool toString = false;    // View: string_view -> std::string (else span -> vector)
  std::vector<TextEdit> edits;
  std::string newType;      // its spelling
  bool optional = false;    // Ptr: some return has no value: `std::optional<T>`
  bool cstring = false;     // View: a `const char*` becomes a `std::string`
  if (RT->isLValueReferenceType()) {
    kind = Shape::Ref;
    valueType = RT.getNonReferenceType().getUnqualifiedType();
  } else if (RT->isPointerType() && (RT->getPointeeType()->isSpecificBuiltinType(BuiltinType::Char_S) ||
                                      RT->getPointeeType()->isSpecificBuiltinType(BuiltinType::Char_U))) {
    // A C string: returned as the `std::string` that owns its characters.
    kind = Shape::View;
    toString = cstring = true;
    const auto* TD = dyn_cast_or_null<TypedefNameDecl>(a.stdDecl("string"));
    if (!TD || !a.stdTemplateDefined("basic_string")) return;
    valueType = TD->getUnderlyingType();
    newType = "std::string";
  } else if (RT->isPointerType()) {
    kind = Shape::Ptr;
    valueType = RT->getPointeeType().getUnqualifiedType();
  } else if (isStdRecordNamed(RT, "basic_string_view")) {
    kind = Shape::View;
    toString = true;
    QualType ch = firstTypeArg(RT);
    if (ch.isNull() || !ch->isSpecificBuiltinType(BuiltinType::Char_S) && !ch->isSpecificBuiltinType(BuiltinType::Char_U))
      return;
    const auto* TD = dyn_cast_or_null<TypedefNameDecl>(a.stdDecl("string"));
    if (!TD || !a.stdTemplateDefined("basic_string")) return;
    valueType = TD->getUnderlyingType();
    newType = "std::string";
  } else if (isStdRecordNamed(RT, "span")) {
    kind = Shape::View;
    bool ok = true;
    if (std::optional<TextEdit> inc = fixkit::includeFor(a, "vector", "vector", ok)) edits.push_back(*inc);
    if (!ok) return;
  } else {
    return;
  }
  if (kind != Shape::View) {
    if (valueType->isVoidType() || model::holdsBorrows(valueType)) return;
  }

  // The new spelling of the return type, from the written one.
  FunctionTypeLoc ftl = F->getFunctionTypeLoc();
  if (!ftl) return;
  TypeLoc retLoc = ftl.getReturnLoc();
  if (kind == Shape::Ref || kind == Shape::Ptr) {
    TypeLoc pointee;
    if (auto rl = retLoc.getAsAdjusted<ReferenceTypeLoc>())
      pointee = rl.getPointeeLoc();
    else if (auto pl = retLoc.getAsAdjusted<PointerTypeLoc>())
      pointee = pl.getPointeeLoc();
    if (!pointee) return;
    if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
    auto txt = a.text(pointee.getSourceRange());
    if (!txt || txt->empty()) return;
    newType = *txt;
  } else if (!toString) {
    auto tl = retLoc.getAsAdjusted<TemplateSpecializationTypeLoc>();
    if (!tl || tl.getNumArgs() != 1 || tl.getArgLoc(0).getArgument().getKind() != TemplateArgument::Type) return;
    TypeSourceInfo* argInfo = tl.getArgLoc(0).getTypeSourceInfo();
    if (!argInfo) return;
    TypeLoc el = argInfo->getTypeLoc();
    if (auto ql = el.getAs<QualifiedTypeLoc>()) el = ql.getUnqualifiedLoc();
    auto txt = a.text(el.getSourceRange());
    if (!txt || txt->empty()) return;
    QualType elem = argInfo->getType().getUnqualifiedType();
    if (!copyable(elem)) return;
    newType = "std::vector<" + *txt + ">";
    valueType = elem;  // compared against the returned vectors' element type below
  }

  // Every return must still compile against the value type.
  for (const ReturnStmt* R : rc.returns) {
    const Expr* E = R->getRetValue();
    if (!E) return;
    const Expr* W = E->IgnoreParenImpCasts();
    if (kind == Shape::Ref) {
      bool local = false;
      if (const auto* DR = dyn_cast<DeclRefExpr>(W))
        if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()))
          local = V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                  V->getType().getCanonicalType().getUnqualifiedType() ==
                      valueType.getCanonicalType() && !V->getType().isVolatileQualified();
      if (!copyable(valueType, local)) return;
    } else if (kind == Shape::Ptr) {
      if (W->isNullPointerConstant(a.ctx, Expr::NPC_ValueDependentIsNotNull)) {
        // No value: the function returns `std::optional<T>` and this `std::nullopt`.
        auto s = a.span(E->getSourceRange());
        if (!s) return;
        optional = true;
        edits.push_back(edit(a.t, s->first, s->second, "std::nullopt"));
        continue;
      }
      const auto* UO = dyn_cast<UnaryOperator>(W);
      if (!UO || UO->getOpcode() != UO_AddrOf) {
        // A pointer a call returns (`c.slot()`): the value it points to.
        // Not a C string (`s.c_str()`): its first character is not what the pointer stands for.
        const auto* CE = dyn_cast<CallExpr>(W);
        if (!CE || W->getType()->getPointeeType().getCanonicalType().getUnqualifiedType() != valueType.getCanonicalType() ||
            !copyable(valueType) || valueType->isAnyCharacterType())
          return;
        auto s = a.span(W->getSourceRange());
        if (!s) return;
        edits.push_back(edit(a.t, s->first, s->first, "*"));
        continue;
      }
      const Expr* sub = UO->getSubExpr();
      if (sub->getType().getCanonicalType().getUnqualifiedType() != valueType.getCanonicalType()) return;
      // A whole object (`&s`, `&s.inner`) or an element found by index (`&slots[i]`): the
      // address of a buffer's first element stands for the buffer, whose copy one element is not.
      const Expr* root = sub->IgnoreParens();
      while (const auto* ME = dyn_cast<MemberExpr>(root)) {
        if (ME->isArrow()) return;
        root = ME->getBase()->IgnoreParens();
      }
      if (!isa<DeclRefExpr>(root) && !elementLookup(root)) return;
      bool local = false;
      if (const auto* DR = dyn_cast<DeclRefExpr>(sub->IgnoreParens()))
        if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()))
          local = V->hasLocalStorage() && !V->getType()->isReferenceType();
      if (!copyable(valueType, local)) return;
      auto amp = a.span(SourceRange(UO->getOperatorLoc(), UO->getOperatorLoc()));
      auto sb = a.span(sub->getSourceRange());
      if (!amp || !sb || a.t.buf.substr(amp->first, sb->first - amp->first).trim() != "&") return;
      edits.push_back(edit(a.t, amp->first, sb->first, ""));
    } else {
      // Strip the conversion to the view type to see what was written.
      const Expr* X = E;
      while (true) {
        X = X->IgnoreParenImpCasts();
        if (const auto* EWC = dyn_cast<ExprWithCleanups>(X)) { X = EWC->getSubExpr(); continue; }
        if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(X)) { X = BT->getSubExpr(); continue; }
        if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(X)) { X = MT->getSubExpr(); continue; }
        if (const auto* CE = dyn_cast<CXXConstructExpr>(X);
            CE && !isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1 &&
            CE->getType().getCanonicalType().getUnqualifiedType() == RT.getCanonicalType().getUnqualifiedType()) {
          X = CE->getArg(0);
          continue;
        }
        if (const auto* MC = dyn_cast<CXXMemberCallExpr>(X); MC && isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl())) {
          X = MC->getImplicitObjectArgument();
          continue;
        }
        break;
      }
      QualType XT = X->getType().getCanonicalType().getUnqualifiedType();
      if (const auto* IL = dyn_cast<InitListExpr>(X)) {
        if (IL->getNumInits() != 0) return;
        continue;  // `return {};` is an empty string/vector too
      }
      if (const auto* CE = dyn_cast<CXXConstructExpr>(X);
          CE && CE->getNumArgs() == 0 && CE->isListInitialization() && !isa<CXXTemporaryObjectExpr>(CE))
        continue;
      if (toString) {
        if (model::isStdString(XT) && XT == valueType.getCanonicalType()) continue;
        if (isa<StringLiteral>(X->IgnoreParens())) continue;
        if (const auto* AT = dyn_cast<ConstantArrayType>(XT.getTypePtr()); AT && AT->getElementType()->isCharType()) continue;
        if (XT->isPointerType() && XT->getPointeeType()->isCharType()) continue;
        if (XT == RT.getCanonicalType().getUnqualifiedType()) {
          // A view returned as such: std::string's constructor from a view is explicit.
          auto s = a.span(X->getSourceRange());
          if (!s) return;
          edits.push_back(edit(a.t, s->first, s->first, "std::string("));
          edits.push_back(edit(a.t, s->second, s->second, ")"));
          continue;
        }
        return;
      }
      // A local array: its elements copied into the vector.
      if (const auto* AT = dyn_cast<ConstantArrayType>(XT.getTypePtr());
          AT && AT->getElementType().getCanonicalType().getUnqualifiedType() == valueType.getCanonicalType() &&
          isa<DeclRefExpr>(X->IgnoreParens())) {
        auto s = a.span(X->getSourceRange());
        if (!s) return;
        std::string arr = a.t.buf.substr(s->first, s->second - s->first).str();
        edits.push_back(edit(a.t, s->first, s->second, newType + "(std::begin(" + arr + "), std::end(" + arr + "))"));
        continue;
      }
      // span -> vector: only vectors of the span's element type are returned.
      if (!isStdRecordNamed(XT, "vector") || firstTypeArg(XT).getCanonicalType() != valueType.getCanonicalType())
        return;
      const auto* S = dyn_cast<ClassTemplateSpecializationDecl>(XT->getAsCXXRecordDecl());
      if (!S || S->getTemplateArgs().size() != 2 ||
          !isStdRecordNamed(S->getTemplateArgs()[1].getAsType(), "allocator"))
        return;
    }
  }

  // The callers must be fine with a value, and every declaration is changed.
  RefCollector refs;
  for (const FunctionDecl* R : F->redecls()) refs.decls.insert(R->getCanonicalDecl());
  refs.TraverseDecl(a.ctx.getTranslationUnitDecl());
  if (refs.unresolved) return;
  if (optional) {
    bool ok = true;
    if (std::optional<TextEdit> inc = fixkit::includeFor(a, "optional", "optional", ok)) edits.push_back(*inc);
    if (!ok) return;
    newType = "std::optional<" + newType + ">";
  }
  for (const Expr* ref : refs.refs) {
    const CallExpr* call = callOf(a, ref);
    if (!call) return;
    if (kind == Shape::Ptr) {
      // An optional reads alike through `->`, `*` and tests; a value needs `*f()` -> `f()`,
      // `f()->m` -> `f().m` (other uses of a pointer cannot take a value).
      if (optional) {
        if (!callStillValidAsOptional(a, call)) return;
        continue;
      }
      std::optional<TextEdit> e = derefOfCallAsValue(a, call);
      if (!e) return;
      edits.push_back(*e);
      continue;
    }
    bool ok = kind == Shape::Ref ? callStillValidAsValue(a, call)
              : cstring            ? callTakesString(a, call)
                                   : callStillValidAsOwner(a, call, RT, toString, enclosingFunction(a, call));
    if (!ok) return;
  }
  std::vector<TextEdit> typeEdits;
  for (const FunctionDecl* R : F->redecls()) {
    // The return type loc itself: getReturnTypeSourceRange() gives up on trailing
    // return types (`auto f() -> const T&`, lambdas).
    FunctionTypeLoc rftl = R->getFunctionTypeLoc();
    if (!rftl) return;
    auto s = a.span(rftl.getReturnLoc().getSourceRange());
    if (!s) return;
    unsigned b = widenOverQualifiers(a.t, s->first);
    std::string text = newType;
    if (s->second < a.t.buf.size() && isIdentChar(a.t.buf[s->second])) text += " ";
    typeEdits.push_back(edit(a.t, b, s->second, text));
  }
  Fix f;
  f.title = "return `" + newType + "` by value";
  f.preferred = true;
  f.readsWholeFile = true;  // every caller was checked
  f.edits = std::move(typeEdits);
  for (TextEdit& e : edits) f.edits.push_back(std::move(e));
  sortEdits(f);
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
