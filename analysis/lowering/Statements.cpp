// Declarations, returns, releases (delete/free), lambda captures and built-in assignments.
#include "analysis/lowering/Lowerer.h"

using namespace clang;

namespace ownership::lowering {

void Lowerer::handleVarDecl(const VarDecl* V) {
  auto id = varOf(V);
  const Expr* init = V->getInit();
  if (!id) {
    walk(init);
    return;
  }
  const VarInfo& info = out_.vars[id->index];
  if (info.isStatic) {
    walk(init);
    return;
  }
  SourceRange r = V->getSourceRange();
  if (isRawOwner(info.owner)) {
    ReinitValue value = ReinitValue::Owned;
    if (!init) {
      value = ReinitValue::Null;  // uninitialised: owns nothing yet
    } else if (isNullLiteral(init, ctx_)) {
      value = ReinitValue::Null;
    } else if (!handleOwnerTransfer(init, init->getSourceRange())) {
      walk(init);
    }
    emitReinit(*id, r, value);
    return;
  }
  if (info.origin) {
    std::vector<Source> srcs;
    bool explicitBorrow = !V->isImplicit();
    if (init) {
      if (V->getType()->isReferenceType()) {
        const Expr* s = strip(init);
        const auto* MT = dyn_cast<MaterializeTemporaryExpr>(init->IgnoreParens());
        if (const auto* EWC = dyn_cast<ExprWithCleanups>(init)) MT = dyn_cast<MaterializeTemporaryExpr>(EWC->getSubExpr());
        if (MT && MT->getExtendingDecl() == V) {
          // Lifetime extension: the temporary lives as long as the reference.
          alias_[V] = Place{RootKind::Local, V, {}};
        } else {
          PlaceRef pr = placeOf(s);
          if (pr.kind == PlaceRef::Fixed) alias_[V] = pr.place;
          bool mut = !V->getType().getNonReferenceType().isConstQualified();
          if (model::holdsBorrows(V->getType().getNonReferenceType()) &&
              model::familyOf(V->getType().getNonReferenceType()) != Family::Record &&
              !model::isContainerFamily(model::familyOf(V->getType().getNonReferenceType())))
            srcs = valueSources(init, explicitBorrow);
          else
            srcs = borrowOf(s, mut, explicitBorrow, init);
        }
      } else {
        forceShared_ = model::isSharedBorrowType(V->getType()) &&
                       (V->getType()->isPointerType() || model::familyOf(V->getType()) == Family::View);
        srcs = valueSources(init, explicitBorrow);
        forceShared_ = false;
      }
      walk(init);
    }
    emitAssign(*id, srcs, true, r);
    if (explicitBorrow) emitConflictChecks(srcs, init);
    if (info.owner != OwnerKind::None) emitReinit(*id, r, ReinitValue::Owned);
    return;
  }
  walk(init);
  if (info.owner != OwnerKind::None) {
    ReinitValue value = ReinitValue::Owned;
    if (info.owner == OwnerKind::Smart) {
      const auto* CE = init ? dyn_cast<CXXConstructExpr>(strip(init)) : nullptr;
      if (!init || (CE && (CE->getNumArgs() == 0 || isNullLiteral(CE->getArg(0), ctx_)))) value = ReinitValue::Null;
    }
    emitReinit(*id, r, value);
  }
}

void Lowerer::handleReturn(const ReturnStmt* R) {
  const Expr* E = R->getRetValue();
  if (!E) return;
  const FunctionDecl* F = out_.fn;
  QualType RT = F->getReturnType();
  // `return p;` of an owner hands ownership to the caller.
  const Expr* s = strip(E);
  if (const auto* CE = dyn_cast<CXXConstructExpr>(s); CE && CE->getNumArgs() == 1 &&
                                                      CE->getConstructor()->isCopyOrMoveConstructor())
    s = strip(CE->getArg(0));
  if (auto v = trackedVar(s); v && !out_.vars[v->index].isReference && !RT->isReferenceType()) {
    const VarInfo& info = out_.vars[v->index];
    if (info.owner != OwnerKind::None && !info.isStatic) {
      emitVar(FactKind::Move, *v, E->getSourceRange());
      if (isRawOwner(info.owner)) return;
      if (info.origin) emitVar(FactKind::OriginUse, *v, E->getSourceRange());
      if (!model::holdsBorrows(RT)) return;
    }
  }
  if (model::isBorrowLike(RT) || model::holdsBorrows(RT)) {
    std::vector<Source> srcs;
    if (RT->isReferenceType())
      srcs = borrowOf(E, !RT.getNonReferenceType().isConstQualified(), false, E);
    else if (!model::hasOwner(F))
      srcs = valueSources(E);
    walk(E);
    Fact f;
    f.kind = FactKind::Return;
    f.srcs = std::move(srcs);
    f.range = E->getSourceRange();
    emit(std::move(f));
    return;
  }
  walk(E);
}

void Lowerer::handleRelease(const Expr* arg, SourceRange r) {
  const Expr* s = stripCasts(arg);
  if (const auto* UO = dyn_cast<UnaryOperator>(s); UO && UO->getOpcode() == UO_AddrOf) {
    // delete &x: releasing storage this code only refers to.
    walk(UO->getSubExpr());
    if (auto v = trackedVar(UO->getSubExpr())) {
      emitVar(FactKind::ReleaseBorrow, *v, r);
    }
    return;
  }
  // delete of a [[borrow]] data member: the class only refers to that object.
  if (const auto* ME = dyn_cast<MemberExpr>(s)) {
    const auto* FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && model::hasBorrow(FD) && !trackedVar(s)) {
      walk(arg);
      ImmediateDiag d;
      d.code = Code::ReleaseOfBorrow;
      d.rule = rule::ReleaseOfBorrow::Released;
      d.range = r;
      d.message = "cannot release `" + FD->getNameAsString() + "`, which is a borrow";
      d.notes.push_back({FD->getSourceRange(), "`" + FD->getNameAsString() + "` is declared [[borrow]]: borrowed, not owned"});
      out_.immediate.push_back(std::move(d));
      return;
    }
  }
  if (auto v = trackedVar(s)) {
    const VarInfo& info = out_.vars[v->index];
    if (isRawOwner(info.owner)) {
      emitVar(FactKind::Release, *v, r);
      return;
    }
    if (isBorrowVar(info.decl)) {
      emitVar(FactKind::ReleaseBorrow, *v, r);
      return;
    }
    if (info.origin && !info.isParam && !info.isReference) {
      // An unannotated pointer: a borrow if it holds loans of this function's data. (Through
      // a `T*&` the pointer released is the one referred to, whose value is not tracked.)
      walk(arg);
      emitReleaseBorrow(*v, r, BorrowRelease::IfHoldsLoan);
      return;
    }
  }
  walk(arg);
}

void Lowerer::handleLambda(const LambdaExpr* L) {
  for (const LambdaCapture& C : L->captures()) {
    if (!C.capturesVariable()) continue;
    const auto* V = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!V) continue;
    if (V->isInitCapture()) {
      walk(V->getInit());
      continue;
    }
    if (C.getCaptureKind() == LCK_ByCopy) {
      // A copy of the captured variable is a read of it.
      if (auto id = varOf(V); id && out_.vars[id->index].owner != OwnerKind::None)
        emitVar(FactKind::Use, *id, SourceRange(C.getLocation(), C.getLocation()));
    }
  }
}

void Lowerer::handleAssign(const BinaryOperator* B) {
  const Expr* lhs = stripCasts(B->getLHS());
  const Expr* rhs = B->getRHS();
  SourceRange r = B->getSourceRange();
  auto v = trackedVar(lhs);
  if (v && !out_.vars[v->index].isReference && !out_.vars[v->index].isStatic) {
    const VarInfo& info = out_.vars[v->index];
    if (isRawOwner(info.owner)) {
      ReinitValue value = ReinitValue::Owned;
      if (isNullLiteral(rhs, ctx_)) {
        value = ReinitValue::Null;
      } else if (!handleOwnerTransfer(rhs, rhs->getSourceRange())) {
        walk(rhs);
        bool owns = info.owner == OwnerKind::AnnotatedRaw || producesOwner(rhs);
        value = owns ? ReinitValue::Owned : ReinitValue::NotOwning;
      }
      emitReinit(*v, r, value, /*checkOverwrite=*/true);
      return;
    }
    if (info.origin) {
      std::vector<Source> srcs = valueSources(rhs, true);
      walk(rhs);
      emitAssign(*v, srcs, true, r);
      emitConflictChecks(srcs, rhs);
      return;
    }
    walk(rhs);
    if (!info.isStatic) emitMutate(lhs, model::Invalidation::All, r);
    return;
  }
  // `out = &x` through a reference parameter to a pointer: stored into what the
  // parameter refers to, which outlives the call (§2a.11).
  if (v && out_.vars[v->index].isReference && out_.vars[v->index].isParam) {
    const auto* P = cast<ParmVarDecl>(out_.vars[v->index].decl);
    if (model::holdsBorrows(P->getType().getNonReferenceType())) {
      walk(rhs);
      emitStore(valueSources(rhs), P, r);
      return;
    }
  }
  // An inferred owner stored into a field, global or container is handed on (§2a.9).
  if (auto rv = trackedVar(rhs); rv && out_.vars[rv->index].owner == OwnerKind::InferredRaw) {
    walk(B->getLHS());
    emitVar(FactKind::Escape, *rv, rhs->getSourceRange());
    return;
  }
  // A borrow stored into a field of a local struct: the struct now holds it.
  if (auto bv = localStructHolding(lhs)) {
    std::vector<Source> srcs = valueSources(rhs, true);
    walk(rhs);
    if (!srcs.empty()) emitAssign(*bv, srcs, false, r);
    return;
  }
  // Store into a global or static: a borrowed parameter escapes (§2a.11).
  if (const auto* DR = dyn_cast<DeclRefExpr>(lhs)) {
    if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()); V && V->hasGlobalStorage()) {
      walk(rhs);
      emitStore(valueSources(rhs), V, r);
      return;
    }
  }
  if (const MemberExpr* ME = thisMember(lhs)) {
    walk(rhs);
    emitStore(valueSources(rhs), ME->getMemberDecl(), r);
    return;
  }
  if (const auto* UO = dyn_cast<UnaryOperator>(lhs); UO && UO->getOpcode() == UO_Deref) {
    // *out = borrow: stored into what a parameter points to.
    walk(rhs);
    walk(UO->getSubExpr());
    if (const auto* DR = dyn_cast<DeclRefExpr>(stripCasts(UO->getSubExpr())))
      if (const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl()); P && model::holdsBorrows(UO->getType())) {
        emitStore(valueSources(rhs), P, r);
      }
    return;
  }
  walk(rhs);
  walk(B->getLHS());
  if (const auto* ME = dyn_cast<MemberExpr>(lhs); ME && !ME->isArrow()) emitMutate(lhs, model::Invalidation::All, r);
}

}  // namespace ownership::lowering
