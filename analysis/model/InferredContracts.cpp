// Contracts read off visible bodies when nothing is annotated (spec 2b.3, 2b.9): which
// constructor parameters the new object keeps a borrow of, which getters hand out a stored
// value rather than a borrow of the object, which classes manage their own lifetime.
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <llvm/ADT/SmallPtrSet.h>

#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::model {
namespace {

const ParmVarDecl* paramRef(const Expr* E) {
  if (const auto* DR = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    return dyn_cast<ParmVarDecl>(DR->getDecl());
  return nullptr;
}

// The parameters whose storage the value (or, for a glvalue bound to a reference, the
// object) of E is in: `&p`, `&p.f`, `p` bound to a reference, a pointer parameter's value,
// `p.data()` / `p.c_str()` / a view made from `p`, and objects built from those.
void keptParams(const Expr* E, bool glvalueBinding, int depth, llvm::SmallPtrSetImpl<const ParmVarDecl*>& out) {
  if (!E || depth > 8) return;
  E = E->IgnoreParens();
  if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) return keptParams(EWC->getSubExpr(), glvalueBinding, depth + 1, out);
  if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) return keptParams(MT->getSubExpr(), false, depth + 1, out);
  if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(E)) return keptParams(BT->getSubExpr(), false, depth + 1, out);
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) {
    if (ICE->getCastKind() == CK_LValueToRValue) {
      // A value read: only a pointer parameter's value still points at what it pointed to.
      if (const ParmVarDecl* P = paramRef(ICE->getSubExpr()); P && P->getType()->isPointerType() &&
                                                                !P->getType()->isFunctionPointerType())
        out.insert(P);
      return;
    }
    return keptParams(ICE->getSubExpr(), glvalueBinding, depth + 1, out);
  }
  if (const auto* CE = dyn_cast<ExplicitCastExpr>(E)) return keptParams(CE->getSubExpr(), glvalueBinding, depth + 1, out);
  if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
    const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl());
    if (P && glvalueBinding && P->getType()->isReferenceType()) out.insert(P);
    return;
  }
  if (const auto* UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_AddrOf) return;
    const Expr* sub = UO->getSubExpr()->IgnoreParenImpCasts();
    while (const auto* ME = dyn_cast<MemberExpr>(sub)) {
      if (ME->isArrow()) return;  // &p->f: storage p points to, not p's own
      sub = ME->getBase()->IgnoreParenImpCasts();
    }
    if (const ParmVarDecl* P = paramRef(sub); P && P->getType()->isReferenceType()) out.insert(P);
    return;
  }
  if (const auto* CO = dyn_cast<AbstractConditionalOperator>(E)) {
    keptParams(CO->getTrueExpr(), glvalueBinding, depth + 1, out);
    keptParams(CO->getFalseExpr(), glvalueBinding, depth + 1, out);
    return;
  }
  if (const auto* CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl* C = CE->getConstructor();
    Family f = familyOf(CE->getType());
    for (unsigned i = 0; i < CE->getNumArgs() && C && i < C->getNumParams(); ++i) {
      bool kept = false;
      if (f == Family::View || f == Family::Iterator) {
        kept = true;  // a view or iterator made from an argument borrows it
      } else if (C->isCopyOrMoveConstructor()) {
        kept = holdsBorrows(CE->getType()) || mayHoldPointers(CE->getType());
      } else if (auto stored = ctorKeptParams(C)) {
        kept = std::find(stored->begin(), stored->end(), i) != stored->end();
      }
      if (kept) keptParams(CE->getArg(i), C->getParamDecl(i)->getType()->isReferenceType(), depth + 1, out);
    }
    return;
  }
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl* M = MC->getMethodDecl();
    const Expr* object = MC->getImplicitObjectArgument();
    if (!M || !object) return;
    Family f = familyOf(object->getType());
    Effect eff = memberInfo(M, f).effect;
    if ((isContainerFamily(f) || f == Family::UniquePtr || f == Family::SharedPtr || f == Family::Optional) &&
        (eff == Effect::InteriorBorrow || eff == Effect::Get))
      keptParams(object, true, depth + 1, out);
    return;
  }
  if (const auto* ILE = dyn_cast<InitListExpr>(E)) {
    for (const Expr* I : ILE->inits()) keptParams(I, false, depth + 1, out);
  }
}

bool storesIntoMember(const FieldDecl* F) {
  QualType T = F->getType();
  return T->isReferenceType() || T->isPointerType() || holdsBorrows(T) || mayHoldPointers(T);
}

// Assignments `this->m = E` (or `m = E`) in a body.
struct MemberStores : RecursiveASTVisitor<MemberStores> {
  std::vector<std::pair<const FieldDecl*, const Expr*>> stores;
  bool VisitBinaryOperator(BinaryOperator* B) {
    if (B->getOpcode() != BO_Assign) return true;
    if (const auto* ME = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts()))
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        if (const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl())) stores.emplace_back(F, B->getRHS());
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }
};

struct DeletesThis : RecursiveASTVisitor<DeletesThis> {
  bool found = false;
  bool VisitCXXDeleteExpr(CXXDeleteExpr* D) {
    if (isa<CXXThisExpr>(D->getArgument()->IgnoreParenImpCasts())) found = true;
    return !found;
  }
};

}  // namespace

bool mayHoldPointers(QualType T) {
  T = T.getNonReferenceType();
  if (T.isNull()) return false;
  if (T->isPointerType() && !T->isFunctionPointerType()) return true;
  const auto* RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition()) return false;
  if (isContainerFamily(familyOf(T)) || familyOf(T) == Family::Optional) {
    QualType E = elementType(T);
    return !E.isNull() && (mayHoldPointers(E) || holdsBorrows(E));
  }
  if (familyOf(T) != Family::Record) return false;
  for (const CXXConstructorDecl* C : RD->getDefinition()->ctors())
    for (const ParmVarDecl* P : C->parameters())
      if (isLifetimeBound(P)) return true;
  // A member function that keeps an argument in the object (lifetime_capture_by(this), 2c).
  for (const CXXMethodDecl* M : RD->getDefinition()->methods())
    for (unsigned i = 0; i < M->getNumParams(); ++i)
      if (capturesIntoThis(M, i)) return true;
  static thread_local int depth = 0;
  if (depth > 3) return false;
  ++depth;
  bool any = false;
  for (const FieldDecl* F : RD->getDefinition()->fields()) {
    if (hasOwner(F)) continue;
    QualType FT = F->getType();
    if ((FT->isPointerType() && !FT->isFunctionPointerType()) || holdsBorrows(FT) ||
        (FT->isRecordType() && mayHoldPointers(FT))) {
      any = true;
      break;
    }
  }
  --depth;
  return any;
}

std::optional<std::vector<unsigned>> ctorKeptParams(const CXXConstructorDecl* C) {
  if (!C) return std::nullopt;
  // [[clang::lifetimebound]] or [[clang::lifetime_capture_by(this)]] on a constructor
  // parameter: the new object borrows it (2c).
  std::vector<unsigned> bound;
  for (unsigned i = 0; i < C->getNumParams(); ++i)
    if (isLifetimeBound(C->getParamDecl(i)) || capturesIntoThis(C, i)) bound.push_back(i);
  if (!bound.empty()) return bound;
  const FunctionDecl* def = nullptr;
  if (!C->isDefined(def) || !def) return std::nullopt;
  const auto* D = cast<CXXConstructorDecl>(def);
  if (D->isImplicit() || D->isDefaulted()) return std::vector<unsigned>{};
  static thread_local int depth = 0;
  if (depth > 4) return std::vector<unsigned>{};
  ++depth;
  llvm::SmallPtrSet<const ParmVarDecl*, 4> kept;
  for (const CXXCtorInitializer* I : D->inits()) {
    const FieldDecl* F = I->getMember();
    if (!F || !I->isWritten() || !storesIntoMember(F)) continue;
    keptParams(I->getInit(), F->getType()->isReferenceType(), 0, kept);
  }
  if (D->hasBody()) {
    MemberStores ms;
    ms.TraverseStmt(D->getBody());
    for (auto [F, rhs] : ms.stores)
      if (storesIntoMember(F)) keptParams(rhs, false, 0, kept);
  }
  --depth;
  std::vector<unsigned> out;
  for (unsigned i = 0; i < D->getNumParams(); ++i)
    if (kept.count(D->getParamDecl(i))) out.push_back(i);
  return out;
}

bool returnsStoredValueOnly(const CXXMethodDecl* M) {
  const FunctionDecl* def = nullptr;
  if (!M || !M->isDefined(def) || !def || !def->getBody()) return false;
  QualType RT = M->getReturnType();
  if (!RT->isPointerType()) return false;  // references and views returned from a getter do borrow
  struct Returns : RecursiveASTVisitor<Returns> {
    std::vector<const Expr*> values;
    bool VisitReturnStmt(ReturnStmt* R) {
      values.push_back(R->getRetValue());
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr*) { return true; }
  } rs;
  rs.TraverseStmt(def->getBody());
  if (rs.values.empty()) return false;
  for (const Expr* V : rs.values) {
    if (!V) return false;
    const Expr* E = V->IgnoreParens();
    while (const auto* C = dyn_cast<CastExpr>(E)) {
      if (C->getCastKind() == CK_LValueToRValue) break;
      E = C->getSubExpr()->IgnoreParens();
    }
    if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E) || isa<IntegerLiteral>(E)) continue;
    const auto* L2R = dyn_cast<ImplicitCastExpr>(E);
    if (!L2R || L2R->getCastKind() != CK_LValueToRValue) return false;
    // A pointer member's value: `return data_;` / `return this->root;`
    const auto* ME = dyn_cast<MemberExpr>(L2R->getSubExpr()->IgnoreParens());
    if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) return false;
    const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || !F->getType()->isPointerType() || hasOwner(F)) return false;
  }
  return true;
}

bool deletesItself(const CXXRecordDecl* RD) {
  if (!RD || !RD->hasDefinition()) return false;
  for (const CXXMethodDecl* M : RD->getDefinition()->methods()) {
    const FunctionDecl* def = nullptr;
    if (!M->isDefined(def) || !def || !def->getBody()) continue;
    DeletesThis v;
    v.TraverseStmt(def->getBody());
    if (v.found) return true;
  }
  return false;
}

namespace {

bool sameOrRelated(QualType A, QualType B) {
  A = A.getCanonicalType().getUnqualifiedType();
  B = B.getCanonicalType().getUnqualifiedType();
  if (A == B) return true;
  const auto* RA = A->getAsCXXRecordDecl();
  const auto* RB = B->getAsCXXRecordDecl();
  if (RA && RB && RA->hasDefinition() && RB->hasDefinition())
    return RA->isDerivedFrom(RB) || RB->isDerivedFrom(RA);
  return false;
}

// Whether storage of type R lives inside a value of type P: P itself, a base or derived
// class, its elements and fields held by value, what its owning smart pointers and
// containers own. Not what its raw pointers, references or views reach: a pointer read
// out of P is a copy pointing at storage P does not own (spec 2b.1, 2b.2).
bool reachable(QualType R, QualType P, int depth) {
  if (P.isNull() || depth > 4) return false;
  P = P.getCanonicalType().getUnqualifiedType();
  if (sameOrRelated(R, P)) return true;
  if (P->isArrayType()) return reachable(R, QualType(P->getArrayElementTypeNoTypeQual(), 0), depth + 1);
  const auto* RD = P->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition()) return false;
  Family f = familyOf(P);
  if (isStdString(P)) return R->isCharType();
  if (isContainerFamily(f) || f == Family::Optional || f == Family::UniquePtr || f == Family::SharedPtr) {
    QualType E = elementType(P);
    return E.isNull() || reachable(R, E, depth + 1);
  }
  if (f == Family::View || f == Family::Iterator || f == Family::Function || f == Family::Lambda) return false;
  if (inStdNamespace(RD)) return true;  // other std classes are not modelled: they may
  for (const FieldDecl* F : RD->getDefinition()->fields()) {
    if (hasOwner(F) && F->getType()->isPointerType()) {
      if (reachable(R, F->getType()->getPointeeType(), depth + 1)) return true;
      continue;
    }
    if (reachable(R, F->getType(), depth + 1)) return true;
  }
  for (const CXXBaseSpecifier& B : RD->getDefinition()->bases())
    if (reachable(R, B.getType(), depth + 1)) return true;
  return false;
}

}  // namespace

bool mayPointInto(QualType result, QualType param) {
  if (result.isNull() || param.isNull()) return true;
  QualType R = result.getNonReferenceType();
  if (R->isPointerType()) R = R->getPointeeType();
  else if (!result->isReferenceType()) return true;  // views, iterators, borrow classes: not narrowed
  R = R.getCanonicalType().getUnqualifiedType();
  // Bytes and characters may be read out of anything (buffers, strings, raw storage).
  if (R->isVoidType() || R->isCharType() || R->isSpecificBuiltinType(BuiltinType::UChar) ||
      R->isSpecificBuiltinType(BuiltinType::SChar) || R->isStdByteType())
    return true;
  QualType P = param.getNonReferenceType();
  if (P->isPointerType()) {
    P = P->getPointeeType();
  } else if (!param->isReferenceType()) {
    Family f = familyOf(P);
    if (f == Family::View || f == Family::Iterator) {
      QualType E = elementType(P.getCanonicalType());
      return E.isNull() || sameOrRelated(R, E);
    }
    return true;  // a by-value object holding borrows: not narrowed
  }
  if (P->isVoidType()) return false;  // a void* names no type the result could be part of
  return reachable(R, P, 0);
}

std::vector<unsigned> elisionCandidates(const FunctionDecl* F) {
  std::vector<unsigned> borrowLike, sameType;
  QualType RT = F->getReturnType();
  QualType rt = RT.getNonReferenceType().getUnqualifiedType().getCanonicalType();
  for (unsigned i = 0; i < F->getNumParams(); ++i) {
    QualType pt = F->getParamDecl(i)->getType();
    if (!isBorrowLike(pt) && !holdsBorrows(pt)) continue;
    if (!mayPointInto(RT, pt)) continue;
    borrowLike.push_back(i);
    if (pt.getNonReferenceType().getUnqualifiedType().getCanonicalType() == rt) sameType.push_back(i);
  }
  std::vector<unsigned> use = (borrowLike.size() > 1 && !sameType.empty()) ? sameType : borrowLike;
  // C library functions: strchr, strpbrk, memchr... return into their first argument; the
  // others (getenv, strerror, localtime...) into none of them.
  switch (cLibraryResult(F)) {
    case CLibraryResult::IntoFirstArgument:
      if (use.size() > 1) use.resize(1);
      break;
    case CLibraryResult::NotIntoArguments:
      use.clear();
      break;
    case CLibraryResult::NotC:
      break;
  }
  return use;
}

}  // namespace ownership::model
