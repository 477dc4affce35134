// The loans a value carries: valueSources, and those of arguments, call results and copied elements.
#include "analysis/lowering/Lowerer.h"
#include "analysis/InferredReturns.h"

using namespace clang;

namespace ownership::lowering {

// `new T[n]`, `malloc(n)`...: an expression whose value is fresh heap storage.
static bool isFreshAllocation(const clang::Expr* E) {
  E = E->IgnoreParenImpCasts();
  if (const auto* C = dyn_cast<clang::ExplicitCastExpr>(E)) E = C->getSubExpr()->IgnoreParenImpCasts();
  if (isa<clang::CXXNewExpr>(E)) return true;
  const auto* CE = dyn_cast<clang::CallExpr>(E);
  return CE && model::isAllocLike(CE->getDirectCallee());
}

std::vector<Source> Lowerer::argSources(const ParmVarDecl* P, const Expr* A, bool contents) {
  QualType PT = P->getType();
  if (PT->isReferenceType() && contents) return valueSources(A);
  if (PT->isReferenceType()) {
    QualType referee = PT.getNonReferenceType();
    if (model::holdsBorrows(referee) && !model::isContainerFamily(model::familyOf(referee)))
      return valueSources(A);
    // A view made from a container borrows its elements.
    return borrowOf(A, !referee.isConstQualified(), false, A);
  }
  if (model::holdsBorrows(PT)) return valueSources(A);
  return {};
}

std::vector<Source> Lowerer::callResultSources(const Expr* call, const FunctionDecl* F, const Expr* object,
                                               llvm::ArrayRef<const Expr*> args, QualType resultType,
                                               bool contents) {
  std::vector<Source> srcs;
  if (!F) return srcs;
  bool found = false;
  std::vector<std::string> names = model::borrowArgs(F, &found);
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  bool hasThis = M && !M->isStatic() && object;
  unsigned nparams = F->getNumParams();
  auto paramIndex = [&](const std::string& n) -> int {
    for (unsigned i = 0; i < nparams; ++i)
      if (F->getParamDecl(i)->getName() == n) return static_cast<int>(i);
    return -1;
  };
  bool resultShared = model::isSharedBorrowType(resultType.isNull() ? QualType() : resultType);
  auto fromThis = [&]() {
    Family fam = objectFamily(object);
    // p->f(): the object is what p points to, never the variable p (spec 2b.2).
    if (fam == Family::View || fam == Family::Iterator || object->getType()->isPointerType()) {
      append(srcs, valueSources(object));
      return;
    }
    append(srcs, borrowOf(object, !resultShared, false, call));
  };
  if (found && !names.empty()) {
    for (const std::string& n : names) {
      if (n == "this") {
        if (hasThis) fromThis();
        continue;
      }
      int i = paramIndex(n);
      if (i >= 0 && static_cast<unsigned>(i) < args.size()) append(srcs, argSources(F->getParamDecl(i), args[i], contents));
    }
    return srcs;
  }
  // malloc/strdup-like functions return fresh storage, never a borrow of an argument.
  if (model::isAllocLike(F) || model::isSharedFacetAccess(F)) return srcs;
  // From here on the result's loans are a guess from the signature or the callee's body:
  // what it points to is borrowed for dangling, but never proven someone else's to release.
  struct CallResultScope {
    unsigned& depth;
    explicit CallResultScope(unsigned& d) : depth(d) { ++depth; }
    ~CallResultScope() { --depth; }
  } scope(inCallResult_);
  // A visible body says what the result borrows (2b.9): only what its returns carry.
  if (auto inferred = inferredReturnSources(ctx_, F)) {
    if (hasThis && inferred->fromThis) fromThis();
    for (unsigned i : inferred->params)
      if (i < args.size()) append(srcs, argSources(F->getParamDecl(i), args[i], contents));
    return srcs;
  }
  if (hasThis) {
    // A getter whose visible body returns a stored pointer's value hands out that value,
    // not a borrow of the object (2b.9: contracts inferred from visible bodies).
    // Elision from `this` (§1), unless the result cannot point into the object's type.
    if (!model::returnsStoredValueOnly(M) && model::mayPointInto(F->getReturnType(), M->getThisType())) fromThis();
    return srcs;
  }
  // Elision (§1), narrowed to the parameters the result can point into.
  std::vector<unsigned> use;
  for (unsigned i : model::elisionCandidates(F))
    if (i < args.size()) use.push_back(i);
  for (unsigned i : use) append(srcs, argSources(F->getParamDecl(i), args[i], contents));
  return srcs;
}

// A value copied out of a container's element (`Widget* w = v.back();`, `sv = views[i]`,
// `*opt`) carries the loans the container holds, not a borrow of the container: the
// copy points where the element points. `v.pop_back(); delete w;` is then fine. The
// loans a container holds are known for a local container only; elsewhere (a member, a
// parameter) none are tracked. nullopt when `glvalue` is not an element access.
std::optional<std::vector<Source>> Lowerer::copiedElementSources(const Expr* glvalue) {
  const Expr* E = glvalue ? glvalue->IgnoreParens() : nullptr;
  const auto* CE = dyn_cast_or_null<CallExpr>(E);
  if (!CE || !CE->isGLValue()) return std::nullopt;
  const auto* M = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee());
  if (!M || M->isStatic()) return std::nullopt;
  const Expr* object = splitCall(CE).object;
  if (!object) return std::nullopt;
  Family fam = objectFamily(object);
  if (fam == Family::Iterator && M->getOverloadedOperator() == OO_Star) {
    // FIXME: `*it` copies an element of the container the iterator points into; which
    // container (and the loans it holds) is not known here, so none are carried.
    return std::vector<Source>{};
  }
  if (!model::isContainerFamily(fam) && fam != Family::Optional) return std::nullopt;
  if (model::memberInfo(M, fam).effect != model::Effect::InteriorBorrow) return std::nullopt;
  if (auto v = trackedVar(object)) {
    const VarInfo& info = out_.vars[v->index];
    if (info.origin && !info.isReference && !info.isParam && !info.isStatic)
      return std::vector<Source>{Source::copy(*v)};
  }
  return std::vector<Source>{};
}

// An expression that makes a pointer borrowing storage someone else owns: `&x`, `&v[0]`,
// `p.get()` of a smart pointer, `v.data()` / `s.c_str()` of a container.
bool Lowerer::isBorrowExpr(const Expr* E) {
  const Expr* s = stripCasts(E);
  if (const auto* UO = dyn_cast<UnaryOperator>(s)) return UO->getOpcode() == UO_AddrOf;
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(s)) {
    const Expr* object = MC->getImplicitObjectArgument();
    const CXXMethodDecl* M = MC->getMethodDecl();
    if (!object || !M) return false;
    Family fam = objectFamily(object);
    model::Effect eff = model::memberInfo(M, fam).effect;
    if (model::isSmartPointerFamily(fam)) return eff == model::Effect::Get;
    if (model::isContainerFamily(fam))
      return eff == model::Effect::InteriorBorrow && s->getType()->isPointerType();
  }
  return false;
}

std::vector<Source> Lowerer::valueSources(const Expr* E, bool explicitBorrow) {
  std::vector<Source> srcs;
  if (!E) return srcs;
  // A scalar or enum read through a reference or pointer is a copy: it carries no loan of
  // the place it was read from (spec 2b.1).
  if (QualType VT = E->getType().getNonReferenceType();
      VT->isArithmeticType() || VT->isEnumeralType() || VT->isNullPtrType() || VT->isMemberPointerType())
    return srcs;
  {
    const Expr* X = E->IgnoreParens();
    if (const auto* EWC = dyn_cast<ExprWithCleanups>(X)) X = EWC->getSubExpr()->IgnoreParens();
    // `const T*` from a `T*` element: a qualification (NoOp) cast over the read.
    while (const auto* NC = dyn_cast<ImplicitCastExpr>(X)) {
      if (NC->getCastKind() != CK_NoOp) break;
      X = NC->getSubExpr()->IgnoreParens();
    }
    if (const auto* ICE = dyn_cast<ImplicitCastExpr>(X); ICE && ICE->getCastKind() == CK_LValueToRValue)
      if (auto copied = copiedElementSources(ICE->getSubExpr())) return *copied;
  }
  E = strip(E);
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) {
    switch (ICE->getCastKind()) {
      case CK_ArrayToPointerDecay: {
        const Expr* sub = ICE->getSubExpr()->IgnoreParens();
        if (isa<StringLiteral>(sub) || isa<PredefinedExpr>(sub)) return srcs;
        return borrowOf(sub, !sub->getType().isConstQualified(), explicitBorrow, E);
      }
      case CK_UserDefinedConversion:
        return valueSources(ICE->getSubExpr(), explicitBorrow);
      case CK_NullToPointer:
      case CK_IntegralToPointer:
        return srcs;
      default:
        return valueSources(ICE->getSubExpr(), explicitBorrow);
    }
  }
  if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
    const auto* V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || V->hasGlobalStorage()) return srcs;
    auto id = varOf(V);
    if (!id) return srcs;
    const VarInfo& info = out_.vars[id->index];
    if (isRawOwner(info.owner)) {
      Place p{RootKind::Local, V, {kDeref}};
      if (info.isParam) p.kind = RootKind::Local;
      // Copying the pointer (`head = info; tail = info;`) aliases the allocation; it is not
      // an explicit borrow (`&x`, a reference), so two copies do not conflict (2a.6).
      return {Source::loan(newLoan(E, p, !V->getType()->getPointeeType().isConstQualified(), false, false,
                                   false))};
    }
    if (V->getType()->isArrayType()) return borrowOf(E, true, explicitBorrow, E);
    if (info.origin) {
      if (info.isReference) {
        // A reference variable used as a value: the loans it was bound with.
        PlaceRef r = placeOfVar(V);
        srcs.push_back(Source::copy(*id));
        if (r.kind == PlaceRef::Fixed && model::holdsBorrows(V->getType().getNonReferenceType()) &&
            !isa<ParmVarDecl>(V))
          return srcs;
        return srcs;
      }
      srcs.push_back(Source::copy(*id));
    }
    return srcs;
  }
  if (const auto* UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf) {
      QualType pointee = UO->getType()->getPointeeType();
      return borrowOf(UO->getSubExpr(), !pointee.isConstQualified(), explicitBorrow, E);
    }
    if (UO->getOpcode() == UO_Deref) {
      // The value stored where a pointer points: `*&x` is x's value; elsewhere what the
      // pointee holds is not tracked (a copy out of foreign storage, 2b.1, 2b.2).
      if (const auto* AO = dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenImpCasts());
          AO && AO->getOpcode() == UO_AddrOf)
        return valueSources(AO->getSubExpr(), explicitBorrow);
      return srcs;
    }
    if (UO->isIncrementDecrementOp()) return valueSources(UO->getSubExpr(), explicitBorrow);
    return srcs;
  }
  if (const auto* BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAdditiveOp()) {
      if (BO->getLHS()->getType()->isPointerType()) return valueSources(BO->getLHS(), explicitBorrow);
      if (BO->getRHS()->getType()->isPointerType()) return valueSources(BO->getRHS(), explicitBorrow);
      return srcs;
    }
    if (BO->isAssignmentOp() || BO->getOpcode() == BO_Comma) return valueSources(BO->getRHS(), explicitBorrow);
    return srcs;
  }
  if (const auto* CO = dyn_cast<AbstractConditionalOperator>(E)) {
    srcs = valueSources(CO->getTrueExpr(), explicitBorrow);
    append(srcs, valueSources(CO->getFalseExpr(), explicitBorrow));
    if (E->getType()->isPointerType() && (isFreshAllocation(CO->getTrueExpr()) || isFreshAllocation(CO->getFalseExpr())))
      for (const Source& s : srcs)
        if (s.kind == Source::NewLoan) out_.loans[s.id].orFresh = true;
    return srcs;
  }
  if (const auto* L = dyn_cast<LambdaExpr>(E)) {
    for (const LambdaCapture& C : L->captures()) {
      if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByRef) continue;
      const auto* V = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!V) continue;
      PlaceRef r = placeOfVar(V);
      if (r.kind == PlaceRef::Fixed)
        srcs.push_back(Source::loan(newLoan(E, r.place, !V->getType().getNonReferenceType().isConstQualified(),
                                            false, false, true)));
      else if (r.kind == PlaceRef::Dynamic)
        append(srcs, r.srcs);
    }
    return srcs;
  }
  if (const auto* ILE = dyn_cast<InitListExpr>(E)) {
    if (ILE->isSyntacticForm() && ILE->getSemanticForm()) ILE = ILE->getSemanticForm();
    const RecordDecl* RD = ILE->getType()->getAsRecordDecl();
    unsigned i = 0;
    if (RD && !ILE->getType()->isArrayType()) {
      for (const FieldDecl* F : RD->fields()) {
        if (i >= ILE->getNumInits()) break;
        const Expr* init = ILE->getInit(i++);
        if (!model::isBorrowMember(F)) continue;
        if (F->getType()->isReferenceType())
          append(srcs, borrowOf(init, !F->getType().getNonReferenceType().isConstQualified(), explicitBorrow, init));
        else
          append(srcs, valueSources(init, explicitBorrow));
      }
      return srcs;
    }
    for (const Expr* init : ILE->inits()) append(srcs, valueSources(init, explicitBorrow));
    return srcs;
  }
  if (const auto* CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl* Ctor = CE->getConstructor();
    if (!Ctor) return srcs;
    Family fam = model::familyOf(CE->getType());
    // A user class borrows the arguments its constructor keeps (spec 2b.3, 2a.11), read from
    // the visible definition; one that copies borrows nothing. Only a borrow type (a
    // reference or view member) whose constructor is not visible is assumed to keep them.
    std::optional<std::vector<unsigned>> kept;
    if ((fam == Family::Record || fam == Family::View) && !Ctor->isCopyOrMoveConstructor()) {
      kept = model::ctorKeptParams(Ctor);
      if (fam == Family::View && kept && kept->empty()) kept.reset();  // a view keeps its arguments by default
    }
    if (!model::holdsBorrows(CE->getType())) {
      if (!(fam == Family::Record && model::mayHoldPointers(CE->getType()) && (kept || Ctor->isCopyOrMoveConstructor())))
        return srcs;
      // An object that keeps a pointer is tracked for how long it may use it (dangling),
      // not held to Rust's exclusivity: C++ objects share pointers to what they use (a
      // lock guard and a waiter both pointing at one mutex).
      explicitBorrow = false;
    }
    for (unsigned i = 0; i < CE->getNumArgs() && i < Ctor->getNumParams(); ++i) {
      const Expr* A = CE->getArg(i);
      if (isa<CXXDefaultArgExpr>(A)) continue;
      if (kept && std::find(kept->begin(), kept->end(), i) == kept->end()) continue;
      const ParmVarDecl* P = Ctor->getParamDecl(i);
      QualType PT = P->getType();
      QualType AT = A->getType();
      Family af = model::familyOf(AT);
      if (PT->isReferenceType() && strip(A)->getType()->isArrayType() && !Ctor->isCopyOrMoveConstructor()) {
        // span(buf) / string_view-like views of an array: a borrow of the array.
        append(srcs, borrowOf(strip(A), !PT.getNonReferenceType().isConstQualified(), explicitBorrow, A));
        continue;
      }
      if (Ctor->isCopyOrMoveConstructor()) {
        if (auto copied = copiedElementSources(strip(A)))
          append(srcs, *copied);
        else
          append(srcs, valueSources(A, explicitBorrow));
        continue;
      }
      if (PT->isReferenceType() && (model::isContainerFamily(af) || af == Family::OwnerClass) &&
          !model::isContainerFamily(fam)) {
        // A view of a container/string borrows its elements (§2a.4).
        PlaceRef r = placeOf(A);
        if (r.kind == PlaceRef::Fixed) {
          Place p = r.place;
          bool interior = fam == Family::View || fam == Family::Iterator;
          if (interior) p.path.push_back(kElems);
          srcs.push_back(Source::loan(newLoan(E, p, !model::isSharedBorrowType(CE->getType()), interior, false,
                                              explicitBorrow)));
        } else if (r.kind == PlaceRef::Dynamic) {
          append(srcs, r.srcs);
        }
        continue;
      }
      if (Ctor->isCopyOrMoveConstructor() || model::holdsBorrows(PT.getNonReferenceType()) ||
          model::holdsBorrows(AT)) {
        append(srcs, valueSources(A, explicitBorrow));
        continue;
      }
      if (PT->isReferenceType() && fam == Family::Record)
        append(srcs, borrowOf(A, !PT.getNonReferenceType().isConstQualified(), explicitBorrow, A));
      else if (kept && PT->isPointerType())
        append(srcs, valueSources(A, explicitBorrow));  // the pointer argument itself is kept
      else if (kept && PT->isReferenceType() && (model::isLifetimeBound(P) || model::capturesIntoThis(Ctor, i)))
        append(srcs, borrowOf(A, !PT.getNonReferenceType().isConstQualified(), explicitBorrow, A));
    }
    return srcs;
  }
  if (const auto* CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl* F = CE->getDirectCallee();
    if (!F) return srcs;
    if (model::isStdMove(F) || model::isStdForward(F)) {
      // std::move(*o): the value of the element it names, copied.
      if (auto copied = copiedElementSources(CE->getArg(0)->IgnoreParens())) return *copied;
      return valueSources(CE->getArg(0), explicitBorrow);
    }
    QualType RT = CE->getType();
    const auto* M = dyn_cast<CXXMethodDecl>(F);
    CallParts parts = splitCall(CE);
    const Expr* object = parts.object;
    llvm::ArrayRef<const Expr*> args = parts.args;
    if (CE->isGLValue()) {
      // The value of an element (`v[i]`, `*o`, `*it`) is a copy of what it holds (2b.1).
      if (auto copied = copiedElementSources(CE)) return *copied;
      // The value a smart pointer's pointee holds (`return *p;`) is not tracked.
      if (M && object && model::isSmartPointerFamily(objectFamily(object)) &&
          model::memberInfo(M, objectFamily(object)).effect == model::Effect::Deref)
        return srcs;
      // A call returning a reference used as a value of borrow type: loans of the
      // object referred to (e.g. `*it` on an iterator to pointers).
      if (!model::holdsBorrows(RT)) return srcs;
      // A free function's reference result read as a value (`return std::get<0>(tuple);`,
      // `const char* p = std::min(a, b);`): a copy of the pointer or view stored in what
      // the arguments refer to, so it carries what they hold, not a borrow of them (2b.1).
      if (!object) return callResultSources(E, F, nullptr, args, RT, /*contents=*/true);
    } else if (!model::holdsBorrows(RT)) {
      return srcs;
    }
    if (object && M) {
      Family fam = objectFamily(object);
      model::MemberInfo mi = model::memberInfo(M, fam);
      bool shared = model::isSharedBorrowType(RT);
      if (model::isSmartPointerFamily(fam) &&
          (mi.effect == model::Effect::Get || mi.effect == model::Effect::Deref)) {
        PlaceRef base = placeOf(object);
        if (base.kind == PlaceRef::Fixed) {
          base.place.path.push_back(kDeref);
          return {Source::loan(newLoan(E, base.place, !shared, false, false, explicitBorrow))};
        }
        return base.srcs;
      }
      if (model::isContainerFamily(fam) || fam == Family::Optional) {
        if (mi.effect == model::Effect::InteriorBorrow || mi.effect == model::Effect::Erase) {
          PlaceRef base = placeOf(object);
          if (base.kind == PlaceRef::Fixed) {
            base.place.path.push_back(kElems);
            bool iter = mi.iteratorResult || model::familyOf(RT) == Family::Iterator;
            LoanId l = newLoan(E, base.place, !shared, true, iter, explicitBorrow);
            if (std::string key = elementKey(M, fam, args, ctx_); !key.empty()) out_.loans[l.index].key = key;
            return {Source::loan(l)};
          }
          return base.srcs;
        }
        return srcs;
      }
      if (fam == Family::View || fam == Family::Iterator) return valueSources(object, explicitBorrow);
      if (isa<CXXConversionDecl>(M) && (fam == Family::OwnerClass || fam == Family::Record)) {
        PlaceRef base = placeOf(object);
        if (base.kind == PlaceRef::Fixed)
          return {Source::loan(newLoan(E, base.place, !shared, false, false, explicitBorrow))};
        return base.srcs;
      }
    }
    // std::begin(v), std::data(v): a borrow of the container's elements.
    if (model::RangeAccess access = model::stdRangeAccess(F); access != model::RangeAccess::None && args.size() == 1) {
      PlaceRef base = placeOf(args[0]);
      if (base.kind == PlaceRef::Fixed && model::isContainerFamily(model::familyOf(args[0]->getType()))) {
        base.place.path.push_back(kElems);
        bool iterator = access == model::RangeAccess::Iterator;
        return {Source::loan(newLoan(E, base.place, !model::isSharedBorrowType(RT), true, iterator, explicitBorrow))};
      }
    }
    return callResultSources(E, F, object, args, RT);
  }
  if (const auto* CE = dyn_cast<CastExpr>(E)) return valueSources(CE->getSubExpr(), explicitBorrow);
  if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) return valueSources(MT->getSubExpr(), explicitBorrow);
  if (const auto* ME = dyn_cast<MemberExpr>(E)) {
    // Reading a borrow member: the loans the object holds. Through a pointer or an
    // iterator that object is foreign storage whose loans are not tracked: the value read
    // (`it->second`, `p->next`) is a copy of what the member held, not a borrow of the
    // pointer nor of the container the iterator walks (spec 2b.1, 2b.2).
    if (ME->isArrow()) return srcs;
    if (auto v = trackedVar(ME->getBase()); v && out_.vars[v->index].origin) {
      const VarInfo& info = out_.vars[v->index];
      if (!info.isReference) return {Source::copy(*v)};
      // `r.m` through a reference: what the referred object holds, when it is a known
      // local; the reference's own loan (a borrow of that object) is not the value's.
      PlaceRef pr = placeOfVar(info.decl);
      if (pr.kind == PlaceRef::Fixed && pr.place.path.empty() && pr.place.kind == RootKind::Local)
        if (auto root = varOf(static_cast<const ValueDecl*>(pr.place.root)); root && out_.vars[root->index].origin)
          return {Source::copy(*root)};
      return srcs;
    }
    return srcs;
  }
  if (const auto* AS = dyn_cast<ArraySubscriptExpr>(E)) return valueSources(AS->getBase(), explicitBorrow);
  return srcs;
}

}  // namespace ownership::lowering
