// The expression walker: visits an element's expression in evaluation order and dispatches to the handlers.
#include "analysis/lowering/Lowerer.h"

using namespace clang;

namespace ownership::lowering {

void Lowerer::useVarExpr(const DeclRefExpr* DR, UseKind u) {
  const auto* V = dyn_cast<VarDecl>(DR->getDecl());
  if (!V || V->hasGlobalStorage()) return;
  auto id = varOf(V);
  if (!id) return;
  const VarInfo& info = out_.vars[id->index];
  if (info.owner != OwnerKind::None) emitVar(FactKind::Use, *id, DR->getSourceRange(), u);
  if (info.origin) emitVar(FactKind::OriginUse, *id, DR->getSourceRange());
}

void Lowerer::walkChildren(const Stmt* S) {
  for (const Stmt* C : S->children()) walk(C);
}

void Lowerer::walk(const Stmt* S) {
  if (!S) return;
  if (S != currentRoot_ && elements_.count(S)) return;  // lowered at its own CFG position
  if (const auto* E = dyn_cast<Expr>(S); E && E->containsErrors()) return;
  switch (S->getStmtClass()) {
    case Stmt::DeclStmtClass:
      for (const Decl* D : cast<DeclStmt>(S)->decls())
        if (const auto* V = dyn_cast<VarDecl>(D)) handleVarDecl(V);
      return;
    case Stmt::ReturnStmtClass:
      handleReturn(cast<ReturnStmt>(S));
      return;
    case Stmt::CXXDeleteExprClass: {
      const auto* D = cast<CXXDeleteExpr>(S);
      handleRelease(D->getArgument(), D->getSourceRange());
      return;
    }
    case Stmt::CallExprClass:
    case Stmt::CXXMemberCallExprClass:
    case Stmt::CXXOperatorCallExprClass:
    case Stmt::UserDefinedLiteralClass:
      handleCall(cast<CallExpr>(S));
      return;
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXTemporaryObjectExprClass:
      handleConstruct(cast<CXXConstructExpr>(S));
      return;
    case Stmt::BinaryOperatorClass:
    case Stmt::CompoundAssignOperatorClass: {
      const auto* B = cast<BinaryOperator>(S);
      if (B->getOpcode() == BO_Assign) {
        handleAssign(B);
        return;
      }
      if (B->isCompoundAssignmentOp()) {
        walk(B->getRHS());
        walk(B->getLHS());
        if (!B->getLHS()->getType()->isReferenceType()) {
          const Expr* L = stripCasts(B->getLHS());
          if (isa<DeclRefExpr>(L) || isa<MemberExpr>(L)) emitMutate(L, model::Invalidation::All, B->getSourceRange());
        }
        return;
      }
      if (B->isEqualityOp()) {
        // Null tests (`p == nullptr`, `p.get() != nullptr`) are not uses (§2a.15).
        const Expr* L = stripCasts(B->getLHS());
        const Expr* R = stripCasts(B->getRHS());
        auto isNullTestOperand = [&](const Expr* X, const Expr* other) {
          if (!isNullLiteral(other, ctx_)) return false;
          if (auto v = trackedVar(X); v && out_.vars[v->index].owner != OwnerKind::None) return true;
          if (const auto* MC = dyn_cast<CXXMemberCallExpr>(X))
            if (model::isGetAccessor(MC->getMethodDecl())) return true;
          return false;
        };
        if (isNullTestOperand(L, R) || isNullTestOperand(R, L)) return;
      }
      walkChildren(S);
      return;
    }
    case Stmt::UnaryOperatorClass: {
      const auto* U = cast<UnaryOperator>(S);
      const Expr* sub = stripCasts(U->getSubExpr());
      if (U->getOpcode() == UO_LNot) {
        if (auto v = trackedVar(sub); v && out_.vars[v->index].owner != OwnerKind::None) return;  // null test
      }
      if (U->getOpcode() == UO_Deref) {
        if (const auto* DR = dyn_cast<DeclRefExpr>(sub)) {
          useVarExpr(DR, UseKind::Deref);
          return;
        }
      }
      walk(U->getSubExpr());
      if (U->isIncrementDecrementOp() && (isa<DeclRefExpr>(sub) || isa<MemberExpr>(sub)) &&
          !sub->getType()->isReferenceType()) {
        if (auto v = trackedVar(sub); !(v && out_.vars[v->index].origin))
          emitMutate(sub, model::Invalidation::All, U->getSourceRange());
      }
      return;
    }
    case Stmt::ImplicitCastExprClass: {
      const auto* ICE = cast<ImplicitCastExpr>(S);
      if (ICE->getCastKind() == CK_PointerToBoolean) {
        if (auto v = trackedVar(ICE->getSubExpr()); v && out_.vars[v->index].owner != OwnerKind::None) return;
      }
      walkChildren(S);
      return;
    }
    case Stmt::DeclRefExprClass:
      useVarExpr(cast<DeclRefExpr>(S), UseKind::Read);
      return;
    case Stmt::MemberExprClass: {
      const auto* ME = cast<MemberExpr>(S);
      const Expr* base = stripCasts(ME->getBase());
      // Reading an owner field (`this->text_`, `r.body`): a use of that field.
      if (auto v = trackedVar(ME); v && (out_.vars[v->index].isField || out_.vars[v->index].parent >= 0)) {
        emitVar(FactKind::Use, *v, ME->getSourceRange());
        if (out_.vars[v->index].parent >= 0) walk(ME->getBase());
        return;
      }
      if (ME->isArrow()) {
        if (const auto* DR = dyn_cast<DeclRefExpr>(base)) {
          useVarExpr(DR, UseKind::Deref);
          return;
        }
        if (auto v = trackedVar(base)) {  // this->ownerField->x
          emitVar(FactKind::Use, *v, ME->getSourceRange(), UseKind::Deref);
          return;
        }
      }
      walk(ME->getBase());
      return;
    }
    case Stmt::ArraySubscriptExprClass: {
      const auto* AS = cast<ArraySubscriptExpr>(S);
      const Expr* base = stripCasts(AS->getBase());
      if (const auto* DR = dyn_cast<DeclRefExpr>(base))
        useVarExpr(DR, UseKind::Deref);
      else
        walk(AS->getBase());
      walk(AS->getIdx());
      return;
    }
    case Stmt::LambdaExprClass:
      handleLambda(cast<LambdaExpr>(S));
      return;
    case Stmt::CXXThrowExprClass: {
      walkChildren(S);
      Fact f;
      f.kind = FactKind::Throw;
      f.range = S->getSourceRange();
      emit(std::move(f));
      return;
    }
    case Stmt::UnaryExprOrTypeTraitExprClass:
    case Stmt::CXXTypeidExprClass:
    case Stmt::CXXNoexceptExprClass:
      return;
    default:
      walkChildren(S);
      return;
  }
}

}  // namespace ownership::lowering
