// Calls: std::move/free, member calls on known types (model::memberInfo), constructions.
#include "analysis/lowering/Lowerer.h"

using namespace clang;

namespace ownership::lowering {

void Lowerer::assignOriginFromArgs(VarId v, llvm::ArrayRef<const Expr*> args, SourceRange r) {
  std::vector<Source> srcs = args.empty() ? std::vector<Source>{} : valueSources(args[0], true);
  for (const Expr* A : args) walk(A);
  emitAssign(v, srcs, true, r);
  emitConflictChecks(srcs, args.empty() ? nullptr : args[0]);
}

bool Lowerer::handleOwnerTransfer(const Expr* value, SourceRange r) {
  auto v = trackedVar(value);
  if (!v || !isOwnerRaw(*v)) return false;
  emitVar(FactKind::Move, *v, r).moveIntoOwner = true;
  return true;
}

void Lowerer::handleConstruct(const CXXConstructExpr* CE) {
  const CXXConstructorDecl* Ctor = CE->getConstructor();
  llvm::SmallVector<const Expr*, 4> args(CE->arguments().begin(), CE->arguments().end());
  Family fam = model::familyOf(CE->getType());
  if (model::isSmartPointerFamily(fam) && args.size() >= 1) {
    // unique_ptr<T> u(p) adopts what p owns.
    if (handleOwnerTransfer(args[0], args[0]->getSourceRange())) {
      for (size_t i = 1; i < args.size(); ++i) walk(args[i]);
      return;
    }
  }
  handleArgs(Ctor, args, nullptr);
}

void Lowerer::handleCall(const CallExpr* C) {
  const FunctionDecl* F = C->getDirectCallee();
  if (!F) {
    walkChildren(C);
    return;
  }
  if (model::isStdMove(F) || model::isStdForward(F)) {
    const Expr* A = C->getArg(0);
    auto v = trackedVar(A);
    if (v) {
      const VarInfo& info = out_.vars[v->index];
      if (info.borrowAnnotated && info.isReference) {
        emitReleaseBorrow(*v, C->getSourceRange(), BorrowRelease::MovedOut);
        return;
      }
      if (info.owner != OwnerKind::None && !info.isStatic && model::isStdMove(F) &&
          !(info.isReference && A->getType().isConstQualified())) {
        if (info.origin) emitVar(FactKind::OriginUse, *v, A->getSourceRange());
        emitVar(FactKind::Move, *v, C->getSourceRange()).pointeeLivesOn =
            pointeeStaysOnMove(info) && movedIntoLastingStorage(C);
        if (info.parent < 0) return;
        // A field of a local struct: also a move of that place, checked against borrows.
        PlaceRef pr = placeOf(A);
        if (pr.kind == PlaceRef::Fixed) emitMovePlace(pr.place, C->getSourceRange());
        return;
      }
    }
    if (!v && model::isStdMove(F)) {
      // std::move(u.field): a move of a place, checked against live borrows.
      PlaceRef pr = placeOf(A);
      walk(A);
      if (pr.kind == PlaceRef::Fixed && !A->getType().isConstQualified()) emitMovePlace(pr.place, C->getSourceRange());
      return;
    }
    walk(A);
    return;
  }
  if (model::isFreeLike(F) && C->getNumArgs() == 1) {
    handleRelease(C->getArg(0), C->getSourceRange());
    return;
  }
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  CallParts parts = splitCall(C);
  if (parts.onObject) {
    handleMemberCall(C, M, parts.object, parts.args);
    return;
  }
  walk(C->getCallee());
  llvm::ArrayRef<const Expr*> args = parts.args;
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(C); OC && OC->isComparisonOp() && args.size() == 2) {
    // Smart pointer compared with nullptr: a null test, not a use (§2a.15).
    for (int k = 0; k < 2; ++k) {
      Family fam = model::familyOf(args[k]->getType());
      if (model::isSmartPointerFamily(fam) && isNullLiteral(args[1 - k], ctx_)) return;
    }
  }
  handleArgs(F, args, C);
}

// The variable an iterator argument names, seen through the conversion to a const_iterator.
std::optional<VarId> Lowerer::iteratorVar(const Expr* A) {
  for (A = stripCasts(A); A;) {
    const auto* CE = dyn_cast<CXXConstructExpr>(A);
    if (!CE || CE->getNumArgs() != 1 || model::familyOf(CE->getArg(0)->getType()) != Family::Iterator) break;
    A = stripCasts(CE->getArg(0));
  }
  return trackedVar(A);
}

// The loans the elements of the range an iterator argument starts or ends carry
// (`c.begin()`, `std::make_move_iterator(c.end())` of a local container that holds
// loans): those the container holds, as for an element copied out of it. None when the
// container is not known: a position or a range carries no borrow of that container.
std::vector<Source> Lowerer::rangeElementSources(const Expr* A) {
  for (A = stripCasts(A); A;) {
    if (const auto* CE = dyn_cast<CXXConstructExpr>(A); CE && CE->getNumArgs() == 1) {
      A = stripCasts(CE->getArg(0));
      continue;
    }
    const auto* C = dyn_cast<CallExpr>(A);
    const FunctionDecl* F = C ? C->getDirectCallee() : nullptr;
    if (!F) return {};
    if (!isa<CXXMethodDecl>(F) && F->getIdentifier() && model::inStdNamespace(F) && C->getNumArgs() == 1 &&
        (F->getName() == "make_move_iterator" || model::stdRangeAccess(F) == model::RangeAccess::Iterator)) {
      A = stripCasts(C->getArg(0));
      if (model::stdRangeAccess(F) == model::RangeAccess::Iterator) break;  // std::begin(c): A is c
      continue;
    }
    const auto* M = dyn_cast<CXXMethodDecl>(F);
    CallParts parts = splitCall(C);
    if (!M || !parts.onObject || !parts.object) return {};
    Family fam = objectFamily(parts.object);
    if (!model::isContainerFamily(fam) || !model::memberInfo(M, fam).iteratorResult) return {};
    A = parts.object;
    break;
  }
  auto v = trackedVar(A);
  if (!v) return {};
  const VarInfo& info = out_.vars[v->index];
  if (!info.origin || info.isReference || info.isParam || info.isStatic) return {};
  return {Source::copy(*v)};
}

void Lowerer::handleMemberCall(const CallExpr* C, const CXXMethodDecl* M, const Expr* object,
                               llvm::ArrayRef<const Expr*> args) {
  if (!M || !object) {
    walkChildren(C);
    return;
  }
  Family fam = objectFamily(object);
  model::MemberInfo mi = model::memberInfo(M, fam);
  auto v = trackedVar(object);
  SourceRange r = C->getSourceRange();
  bool ownerVar = v && out_.vars[v->index].owner != OwnerKind::None && !out_.vars[v->index].isStatic;
  // An object that deletes itself (`Unref()` ending in `delete this`) manages its own
  // lifetime: a non-const call through an inferred owner may hand it on (2a.9, 2b.4).
  if (v && out_.vars[v->index].owner == OwnerKind::InferredRaw && !M->isConst() &&
      object->getType()->isPointerType() && model::deletesItself(M->getParent())) {
    walk(object);
    for (const Expr* A : args) walk(A);
    emitVar(FactKind::Escape, *v, r);
    return;
  }

  // Assignment to an origin (`view = s`): its loans are replaced.
  if (mi.effect == model::Effect::Reinit && M->getOverloadedOperator() == OO_Equal && v &&
      out_.vars[v->index].origin && !out_.vars[v->index].isReference) {
    assignOriginFromArgs(*v, args, r);
    if (ownerVar) {
      emitMutate(object, model::Invalidation::All, r);
      emitReinit(*v, r, ReinitValue::Owned);
    }
    return;
  }
  if (fam == Family::View || fam == Family::Iterator || fam == Family::Lambda || fam == Family::Function) {
    if (M->getOverloadedOperator() == OO_Equal) {
      if (v && out_.vars[v->index].origin && !out_.vars[v->index].isReference) {
        assignOriginFromArgs(*v, args, r);
        return;
      }
      // Assigning to a borrow held somewhere we do not track (a field, a global).
      for (const Expr* A : args) walk(A);
      const Expr* o = stripCasts(object);
      // `tok.text = line` on a local struct: the struct now holds the borrow.
      if (auto bv = localStructHolding(o); bv && !args.empty()) {
        std::vector<Source> srcs = valueSources(args[0], true);
        if (!srcs.empty()) emitAssign(*bv, srcs, false, r);
        return;
      }
      // `key = view` / `callback = [&x]{...}` through a reference parameter, a member, a global.
      if (const ValueDecl* target = outlivingTarget(o); target && !args.empty())
        emitStore(valueSources(args[0]), target, r);
      return;
    }
    walk(object);
    handleArgs(M, args, C);
    return;
  }

  // `counts[word]` on a map keyed by views: inserting the key stores a borrow of `word`
  // in the map, which outlives the call when it is a parameter's, a member or a global.
  if ((fam == Family::NodeContainer || fam == Family::Unordered) && M->getOverloadedOperator() == OO_Subscript &&
      args.size() == 1 && model::holdsBorrows(args[0]->getType())) {
    if (const ValueDecl* target = outlivingTarget(stripCasts(object)))
      emitStore(valueSources(args[0]), target, r);
  }

  switch (mi.effect) {
    case model::Effect::Reset:
      for (const Expr* A : args) walk(A);
      if (ownerVar) {
        bool withNew = !args.empty() && !isNullLiteral(args[0], ctx_);
        emitVar(FactKind::Release, *v, r).release = withNew ? ReleaseHow::SmartResetWithNew : ReleaseHow::SmartReset;
      } else {
        walk(object);
      }
      return;
    case model::Effect::ReleaseOwnership:
      if (ownerVar) {
        emitVar(FactKind::Use, *v, object->getSourceRange());
        emitReinit(*v, r, ReinitValue::Null);
      } else {
        walk(object);
      }
      return;
    case model::Effect::BoolTest:
      if (!ownerVar) walk(object);
      return;
    case model::Effect::Get:
      if (ownerVar) {
        if (!isNullTestOperand(C)) emitVar(FactKind::Use, *v, object->getSourceRange());
      } else {
        walk(object);
      }
      return;
    case model::Effect::Deref:
      if (ownerVar)
        emitVar(FactKind::Use, *v, object->getSourceRange(), UseKind::Deref);
      else
        walk(object);
      for (const Expr* A : args) walk(A);
      return;
    case model::Effect::Reinit:
      for (const Expr* A : args) walk(A);
      if (ownerVar) {
        if (mi.invalidates != model::Invalidation::None) emitMutate(object, mi.invalidates, r);
        bool null = !args.empty() && isNullLiteral(args[0], ctx_);
        emitReinit(*v, r, null ? ReinitValue::Null : ReinitValue::Owned);
      } else {
        walk(object);
        if (mi.invalidates != model::Invalidation::None) emitMutate(object, mi.invalidates, r);
      }
      return;
    case model::Effect::Mutate:
    case model::Effect::Erase: {
      walk(object);
      handleArgs(M, args, C);
      // erase(it) of a node container: only the element `it` denotes goes, so only the
      // borrows `it` holds (spec 2a.5); through a temporary (`m.erase(it++)`), none we track.
      VarId erased;
      if (mi.invalidates == model::Invalidation::ErasedElement && !args.empty())
        if (auto ev = iteratorVar(args[0]); ev && out_.vars[ev->index].origin) erased = *ev;
      // erase(k) of a map or set by key: the element with that key goes (decisions.md).
      std::string erasedKey;
      if (mi.effect == model::Effect::Erase && mi.invalidates == model::Invalidation::All)
        erasedKey = elementKey(M, objectFamily(object), args, ctx_);
      emitMutate(object, mi.invalidates, r, erased, std::move(erasedKey));
      // Storing borrows into a container parameter's pointee (§2a.11).
      const Expr* o = stripCasts(object);
      const ValueDecl* target = nullptr;
      if (const auto* DR = dyn_cast<DeclRefExpr>(o)) target = DR->getDecl();
      if (const MemberExpr* ME = thisMember(o)) target = ME->getMemberDecl();
      if (target && model::holdsBorrows(object->getType()) && mi.effect == model::Effect::Mutate) {
        std::vector<Source> srcs;
        for (unsigned i = 0; i < args.size(); ++i) {
          // An iterator taken by value is a position or a range end (`insert(pos, first,
          // last)`), not a value (those come by reference: `push_back(const T&)`): the
          // container receives the elements the range denotes, never a borrow of where
          // they live.
          QualType P = i < M->getNumParams() ? M->getParamDecl(i)->getType() : QualType();
          if (!P.isNull() && !P->isReferenceType() && model::familyOf(P) == Family::Iterator)
            append(srcs, rangeElementSources(args[i]));
          else
            append(srcs, valueSources(args[i]));
        }
        if (!srcs.empty()) {
          if (v && out_.vars[v->index].origin && !out_.vars[v->index].isParam)
            emitAssign(*v, srcs, false, r);
          emitStore(std::move(srcs), target, r);
        }
      }
      return;
    }
    case model::Effect::Swap:
      walk(object);
      for (const Expr* A : args) walk(A);
      emitMutate(object, model::Invalidation::All, r);
      return;
    default:
      break;
  }
  if (fam == Family::OwnerClass && !M->isConst() && !M->isStatic()) {
    walk(object);
    handleArgs(M, args, C);
    emitMutate(object, model::Invalidation::All, r);
    return;
  }
  walk(object);
  handleArgs(M, args, C);
}

// `E` compared with a null pointer constant (`p.get() == nullptr`): a null test.
// Inside an unevaluated operand (sizeof, alignof, noexcept, typeid of a non-polymorphic
// type, requires): nothing there runs, so nothing is used or moved (spec 2b.8).
bool Lowerer::isUnevaluated(const Stmt* S) {
  if (!parents_) return false;
  // Unevaluated operands are expressions: the walk up ends at the first enclosing statement.
  for (const Stmt* P = parents_->getParent(const_cast<Stmt*>(S)); P && isa<Expr>(P);
       P = parents_->getParent(const_cast<Stmt*>(P))) {
    if (isa<CXXNoexceptExpr>(P) || isa<UnaryExprOrTypeTraitExpr>(P) || isa<RequiresExpr>(P)) return true;
    if (const auto* T = dyn_cast<CXXTypeidExpr>(P); T && !T->isPotentiallyEvaluated()) return true;
  }
  return false;
}

bool Lowerer::movedIntoLastingStorage(const Expr* moveCall) {
  if (!parents_) return false;
  const Stmt* child = moveCall;
  const Stmt* P = parents_->getParent(const_cast<Expr*>(moveCall));
  while (P && (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) || isa<CXXBindTemporaryExpr>(P) ||
               isa<ParenExpr>(P) || (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->getNumArgs() == 1))) {
    child = P;
    P = parents_->getParent(const_cast<Stmt*>(P));
  }
  if (!P) return false;
  // Where the destination lives: a member, a global, a parameter's or a pointer's storage (the
  // caller's), not a local of this function.
  auto lasting = [&](const Expr* dest) {
    PlaceRef pr = placeOf(dest);
    if (pr.kind == PlaceRef::Static || pr.kind == PlaceRef::Dynamic) return true;
    if (pr.kind != PlaceRef::Fixed) return false;
    const Place& pl = pr.place;
    if (pl.kind != RootKind::Local) return pl.kind != RootKind::Temp;
    return std::find(pl.path.begin(), pl.path.end(), kDeref) != pl.path.end();
  };
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(P);
      OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == child)
    return lasting(OC->getArg(0));
  // Handed to a member function of an object that outlives the function: a container's
  // insertion (`list_.push_back(std::move(up))`) or a class's adopting call
  // (`parent->addChild(std::move(w))`, `this->own(std::move(p))`): the object keeps it, as far
  // as the code shows. A free function (`sink(std::move(p))`) may destroy it: not here.
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(P)) {
    const auto* ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
    // Through a pointer (`parent->`, `this->`, implicit `this`): storage this function does
    // not own (spec 2b.2).
    if (ME && ME->isArrow()) return true;
    const Expr* object = MC->getImplicitObjectArgument();
    return object && lasting(object);
  }
  return false;
}

bool Lowerer::isNullTestOperand(const Expr* E) {
  if (!parents_) return false;
  const Stmt* child = E;
  const Stmt* P = parents_->getParentIgnoreParenImpCasts(const_cast<Expr*>(E));
  while (P && isa<CastExpr>(P)) {
    child = P;
    P = parents_->getParentIgnoreParenImpCasts(const_cast<Stmt*>(P));
  }
  const auto* B = dyn_cast_or_null<BinaryOperator>(P);
  if (!B || !B->isEqualityOp()) return false;
  const Expr* other = B->getLHS()->IgnoreParenImpCasts() == child || stripCasts(B->getLHS()) == E ? B->getRHS() : B->getLHS();
  return isNullLiteral(other, ctx_);
}

}  // namespace ownership::lowering
