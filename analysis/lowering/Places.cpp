// Places and loans: where an lvalue lives (placeOf), interning places, making loans.
#include "analysis/lowering/Lowerer.h"

using namespace clang;

namespace ownership {
namespace lowering {

PlaceId Lowerer::intern(const Place& p) {
  for (unsigned i = 0; i < out_.places.size(); ++i)
    if (out_.places[i] == p) return PlaceId{i};
  out_.places.push_back(p);
  return PlaceId{static_cast<std::uint32_t>(out_.places.size() - 1)};
}

LoanId Lowerer::newLoan(const Expr* site, const Place& p, bool mut, bool interior, bool iter, bool explicitBorrow) {
  if (forceShared_) mut = false;
  PlaceId pid = intern(p);
  auto key = std::make_pair(static_cast<const void*>(site), pid.index * 4 + (mut ? 1 : 0) + (interior ? 2 : 0));
  auto it = loanIntern_.find(key);
  if (it != loanIntern_.end()) {
    if (explicitBorrow) out_.loans[it->second].explicitBorrow = true;
    return LoanId{it->second};
  }
  Loan L;
  L.place = pid;
  L.mut = mut;
  L.interior = interior;
  L.iterator = iter;
  L.explicitBorrow = explicitBorrow;
  L.viaCall = inCallResult_ > 0;
  L.range = site ? site->getSourceRange() : SourceRange();
  out_.loans.push_back(L);
  unsigned id = out_.loans.size() - 1;
  loanIntern_[key] = id;
  return LoanId{id};
}

Lowerer::PlaceRef Lowerer::placeOfVar(const ValueDecl* D) {
  const auto* V = dyn_cast<VarDecl>(D);
  if (!V) return PlaceRef();
  if (V->hasGlobalStorage()) return PlaceRef::outliving();
  // A variable of the enclosing function, used inside a lambda's body: the caller's
  // storage, alive while the lambda runs (its scope is not this body's).
  if (const DeclContext* DC = V->getParentFunctionOrMethod(); DC && DC != out_.fn)
    return PlaceRef::fixed(Place{RootKind::Extern, V, {}});
  auto id = varOf(V);
  if (V->getType()->isReferenceType()) {
    if (isa<ParmVarDecl>(V)) return PlaceRef::fixed(Place{RootKind::Extern, V, {}});
    auto it = alias_.find(V);
    // The reference itself must stay live for as long as it is used: reading it
    // is an OriginUse emitted by the walker, and its loan sits in its origin.
    if (it != alias_.end() && it->second) return PlaceRef::fixed(*it->second);
    std::vector<Source> srcs;
    if (id) srcs.push_back(Source::copy(*id));
    return PlaceRef::dynamic(std::move(srcs));
  }
  return PlaceRef::fixed(Place{RootKind::Local, V, {}});
}

Lowerer::PlaceRef Lowerer::pointeeOf(VarId rawOwner) {
  PlaceRef r = placeOfVar(out_.vars[rawOwner.index].decl);
  r.push(kDeref);
  return r;
}

Lowerer::PlaceRef Lowerer::placeOf(const Expr* E) {
  PlaceRef none;
  E = strip(E);
  if (!E) return none;
  if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
    // A structured binding names a part of the hidden variable it decomposes.
    if (const auto* BD = dyn_cast<BindingDecl>(DR->getDecl())) {
      if (const auto* DD = dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl())) return placeOfVar(DD);
      return none;
    }
    return placeOfVar(DR->getDecl());
  }
  if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
    // Keyed by the CXXBindTemporaryExpr when the temporary has a destructor (its TempEnd).
    const Expr* key = MT;
    if (const CXXBindTemporaryExpr* BT = boundTemporary(MT)) key = BT;
    return PlaceRef::fixed(Place{RootKind::Temp, key, {}});
  }
  if (isa<StringLiteral>(E)) return PlaceRef::outliving();
  if (const auto* ME = dyn_cast<MemberExpr>(E)) {
    const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F) return none;
    const Expr* base = ME->getBase()->IgnoreParenImpCasts();
    PlaceRef r;
    if (ME->isArrow()) {
      if (isa<CXXThisExpr>(base)) return PlaceRef::fixed(Place{RootKind::This, nullptr, {reinterpret_cast<std::uintptr_t>(F)}});
      // p->f: through what p points to.
      if (auto v = trackedVar(base); v && isOwnerRaw(*v)) {
        r = pointeeOf(*v);
        r.push(reinterpret_cast<std::uintptr_t>(F));
        return r;
      }
      if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(base); OC && OC->getOperator() == OO_Arrow) {
        PlaceRef inner = placeOf(OC->getArg(0));
        Family fam = model::familyOf(OC->getArg(0)->getType());
        if (inner.kind == PlaceRef::Fixed && model::isSmartPointerFamily(fam)) {
          inner.push(kDeref);
          inner.push(reinterpret_cast<std::uintptr_t>(F));
          return inner;
        }
        return PlaceRef::dynamic(valueSources(OC->getArg(0)));
      }
      return PlaceRef::dynamic(valueSources(ME->getBase()));  // the pointer's value: what it points to (2b.2)
    }
    r = placeOf(base);
    if (r.kind == PlaceRef::Fixed && !r.interior) r.place.path.push_back(reinterpret_cast<std::uintptr_t>(F));
    return r;
  }
  if (const auto* UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref) {
      const Expr* sub = UO->getSubExpr()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(sub)) return PlaceRef::fixed(Place{RootKind::This, nullptr, {}});
      if (auto v = trackedVar(sub); v && isOwnerRaw(*v)) return pointeeOf(*v);
      // *p reaches what p's value points to: the loans p holds, never p itself, nor the
      // slot p was read from (`*v.back()`: the pointee is not an element of v; 2b.2).
      return PlaceRef::dynamic(valueSources(UO->getSubExpr()));
    }
    return none;
  }
  if (const auto* AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr* base = AS->getBase()->IgnoreParenImpCasts();
    if (base->getType()->isArrayType() || isa<DeclRefExpr>(base)) {
      if (const auto* DR = dyn_cast<DeclRefExpr>(base); DR && DR->getType()->isArrayType()) {
        PlaceRef r = placeOfVar(DR->getDecl());
        r.push(kElems);
        return r;
      }
    }
    if (auto v = trackedVar(base); v && isOwnerRaw(*v)) return pointeeOf(*v);
    return PlaceRef::dynamic(valueSources(AS->getBase()));
  }
  if (const auto* CO = dyn_cast<ConditionalOperator>(E)) {
    PlaceRef r = PlaceRef::dynamic(borrowOf(CO->getTrueExpr(), false, false, CO->getTrueExpr()));
    append(r.srcs, borrowOf(CO->getFalseExpr(), false, false, CO->getFalseExpr()));
    return r;
  }
  if (const auto* CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl* F = CE->getDirectCallee();
    if (!F) return none;
    if (model::isStdMove(F) || model::isStdForward(F)) return placeOf(CE->getArg(0));
    const auto* M = dyn_cast<CXXMethodDecl>(F);
    CallParts parts = splitCall(CE);
    const Expr* object = parts.object;
    if (object && M) {
      Family fam = objectFamily(object);
      model::MemberInfo mi = model::memberInfo(M, fam);
      PlaceRef base = placeOf(object);
      if (model::isSmartPointerFamily(fam) && mi.effect == model::Effect::Deref) {
        base.push(kDeref);
        return base;
      }
      if ((model::isContainerFamily(fam) || fam == Family::Optional) && mi.effect == model::Effect::InteriorBorrow) {
        if (base.kind == PlaceRef::Fixed) {
          base.place.path.push_back(kElems);
          base.interior = true;
          base.iterator = mi.iteratorResult;
          base.key = elementKey(M, fam, parts.args, ctx_);
        }
        return base;
      }
      if (fam == Family::Iterator || fam == Family::View) return PlaceRef::dynamic(valueSources(object));
    }
    return PlaceRef::dynamic(callResultSources(CE, F, object, parts.args, CE->getType()));
  }
  if (const auto* CE = dyn_cast<CastExpr>(E)) return placeOf(CE->getSubExpr());
  return none;
}

std::vector<Source> Lowerer::borrowOf(const Expr* lvalue, bool mut, bool explicitBorrow, const Expr* site) {
  PlaceRef r = placeOf(lvalue);
  switch (r.kind) {
    case PlaceRef::Fixed: {
      LoanId l = newLoan(site, r.place, mut, r.interior, r.iterator, explicitBorrow);
      if (r.interior && !r.key.empty()) out_.loans[l.index].key = r.key;
      return {Source::loan(l)};
    }
    case PlaceRef::Dynamic:
      return r.srcs;
    default:
      return {};
  }
}

}  // namespace lowering

std::string displayName(const ValueDecl* D) {
  if (!D) return {};
  if (const auto* DD = dyn_cast<DecompositionDecl>(D)) {
    std::string s = "[";
    for (const BindingDecl* B : DD->bindings()) s += (s.size() > 1 ? ", " : "") + B->getNameAsString();
    return s + "]";
  }
  return D->getNameAsString();
}

bool overlaps(const Place& a, const Place& b) {
  if (a.kind != b.kind || a.root != b.root) return false;
  size_t n = std::min(a.path.size(), b.path.size());
  for (size_t i = 0; i < n; ++i)
    if (a.path[i] != b.path[i]) return false;
  return true;
}

bool pointeeStaysOnMove(const VarInfo& v) {
  if (!v.decl) return false;
  clang::QualType T = v.decl->getType().getNonReferenceType();
  return T->isPointerType() || model::isSmartPointerFamily(model::familyOf(T));
}

bool isPointeeOf(const Place& p, const VarInfo& v) {
  return p.root == v.decl && p.kind != RootKind::Temp && !p.path.empty() && p.path.front() == kDeref;
}

}  // namespace ownership
