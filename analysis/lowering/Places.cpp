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
  L.range = site ? site->getSourceRange() : SourceRange();
  out_.loans.push_back(L);
  unsigned id = out_.loans.size() - 1;
  loanIntern_[key] = id;
  return LoanId{id};
}

Lowerer::PlaceRef Lowerer::placeOfVar(const ValueDecl* D) {
  PlaceRef r;
  const auto* V = dyn_cast<VarDecl>(D);
  if (!V) return r;
  if (V->hasGlobalStorage()) {
    r.kind = PlaceRef::Static;
    return r;
  }
  auto id = varOf(V);
  if (V->getType()->isReferenceType()) {
    if (isa<ParmVarDecl>(V)) {
      r.kind = PlaceRef::Fixed;
      r.place = Place{RootKind::Extern, V, {}};
      return r;
    }
    auto it = alias_.find(V);
    if (it != alias_.end() && it->second) {
      r.kind = PlaceRef::Fixed;
      r.place = *it->second;
      // The reference itself must stay live for as long as it is used: reading it
      // is an OriginUse emitted by the walker, and its loan sits in its origin.
      return r;
    }
    r.kind = PlaceRef::Dynamic;
    if (id) r.srcs.push_back(Source::copy(*id));
    return r;
  }
  r.kind = PlaceRef::Fixed;
  r.place = Place{RootKind::Local, V, {}};
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
    PlaceRef r;
    r.kind = PlaceRef::Fixed;
    const Expr* key = MT;
    for (const Expr* sub = MT->getSubExpr(); sub;) {
      sub = sub->IgnoreParens();
      if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(sub)) {
        key = BT;
        break;
      }
      const auto* CE = dyn_cast<CastExpr>(sub);
      if (!CE) break;
      sub = CE->getSubExpr();
    }
    r.place = Place{RootKind::Temp, key, {}};
    return r;
  }
  if (isa<StringLiteral>(E)) {
    PlaceRef r;
    r.kind = PlaceRef::Static;
    return r;
  }
  if (const auto* ME = dyn_cast<MemberExpr>(E)) {
    const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F) return none;
    const Expr* base = ME->getBase()->IgnoreParenImpCasts();
    PlaceRef r;
    if (ME->isArrow()) {
      if (isa<CXXThisExpr>(base)) {
        r.kind = PlaceRef::Fixed;
        r.place = Place{RootKind::This, nullptr, {reinterpret_cast<std::uintptr_t>(F)}};
        return r;
      }
      // p->f: through what p points to.
      if (auto v = trackedVar(base); v && isOwnerRaw(*v)) {
        r = placeOfVar(out_.vars[v->index].decl);
        if (r.kind == PlaceRef::Fixed) {
          r.place.path.push_back(kDeref);
          r.place.path.push_back(reinterpret_cast<std::uintptr_t>(F));
        }
        return r;
      }
      if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(base); OC && OC->getOperator() == OO_Arrow) {
        PlaceRef inner = placeOf(OC->getArg(0));
        Family fam = model::familyOf(OC->getArg(0)->getType());
        if (inner.kind == PlaceRef::Fixed && model::isSmartPointerFamily(fam)) {
          inner.place.path.push_back(kDeref);
          inner.place.path.push_back(reinterpret_cast<std::uintptr_t>(F));
          return inner;
        }
        r.kind = PlaceRef::Dynamic;
        r.srcs = valueSources(OC->getArg(0));
        return r;
      }
      r.kind = PlaceRef::Dynamic;
      r.srcs = valueSources(base);
      return r;
    }
    r = placeOf(base);
    if (r.kind == PlaceRef::Fixed && !r.interior) r.place.path.push_back(reinterpret_cast<std::uintptr_t>(F));
    return r;
  }
  if (const auto* UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref) {
      const Expr* sub = UO->getSubExpr()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(sub)) {
        PlaceRef r;
        r.kind = PlaceRef::Fixed;
        r.place = Place{RootKind::This, nullptr, {}};
        return r;
      }
      if (auto v = trackedVar(sub); v && isOwnerRaw(*v)) {
        PlaceRef r = placeOfVar(out_.vars[v->index].decl);
        if (r.kind == PlaceRef::Fixed) r.place.path.push_back(kDeref);
        return r;
      }
      PlaceRef r;
      r.kind = PlaceRef::Dynamic;
      r.srcs = valueSources(sub);
      return r;
    }
    return none;
  }
  if (const auto* AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr* base = AS->getBase()->IgnoreParenImpCasts();
    if (base->getType()->isArrayType() || isa<DeclRefExpr>(base)) {
      if (const auto* DR = dyn_cast<DeclRefExpr>(base); DR && DR->getType()->isArrayType()) {
        PlaceRef r = placeOfVar(DR->getDecl());
        if (r.kind == PlaceRef::Fixed) r.place.path.push_back(kElems);
        return r;
      }
    }
    if (auto v = trackedVar(base); v && isOwnerRaw(*v)) {
      PlaceRef r = placeOfVar(out_.vars[v->index].decl);
      if (r.kind == PlaceRef::Fixed) r.place.path.push_back(kDeref);
      return r;
    }
    PlaceRef r;
    r.kind = PlaceRef::Dynamic;
    r.srcs = valueSources(AS->getBase());
    return r;
  }
  if (const auto* CO = dyn_cast<ConditionalOperator>(E)) {
    PlaceRef r;
    r.kind = PlaceRef::Dynamic;
    r.srcs = borrowOf(CO->getTrueExpr(), false, false, CO->getTrueExpr());
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
    llvm::ArrayRef<const Expr*> args = parts.args;
    if (object && M) {
      Family fam = objectFamily(object);
      model::MemberInfo mi = model::memberInfo(M, fam);
      PlaceRef base = placeOf(object);
      if (model::isSmartPointerFamily(fam) && mi.effect == model::Effect::Deref) {
        if (base.kind == PlaceRef::Fixed) base.place.path.push_back(kDeref);
        return base;
      }
      if ((model::isContainerFamily(fam) || fam == Family::Optional) && mi.effect == model::Effect::InteriorBorrow) {
        if (base.kind == PlaceRef::Fixed) {
          base.place.path.push_back(kElems);
          base.interior = true;
          base.iterator = mi.iteratorResult;
        }
        return base;
      }
      if (fam == Family::Iterator || fam == Family::View) {
        PlaceRef r;
        r.kind = PlaceRef::Dynamic;
        r.srcs = valueSources(object);
        return r;
      }
    }
    PlaceRef r;
    r.kind = PlaceRef::Dynamic;
    r.srcs = callResultSources(CE, F, object, args, CE->getType());
    return r;
  }
  if (const auto* CE = dyn_cast<CastExpr>(E)) return placeOf(CE->getSubExpr());
  return none;
}

std::vector<Source> Lowerer::borrowOf(const Expr* lvalue, bool mut, bool explicitBorrow, const Expr* site) {
  PlaceRef r = placeOf(lvalue);
  switch (r.kind) {
    case PlaceRef::Fixed:
      return {Source::loan(newLoan(site, r.place, mut, r.interior, r.iterator, explicitBorrow))};
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

}  // namespace ownership
