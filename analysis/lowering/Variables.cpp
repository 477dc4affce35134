// Tracked variables: which declarations (and owner fields of local structs) are owners or origins.
#include "analysis/lowering/Lowerer.h"

#include <clang/AST/RecursiveASTVisitor.h>

using namespace clang;

namespace ownership::lowering {
namespace {

// A data member tracked as an owner of its own (`this->items_`, `r.token`): smart
// pointers, containers, optionals and [[owner]] classes; None for anything else.
OwnerKind memberOwnerKind(Family fam) {
  if (model::isSmartPointerFamily(fam)) return OwnerKind::Smart;
  if (model::isContainerFamily(fam) || fam == Family::Optional || fam == Family::OwnerClass) return OwnerKind::Value;
  return OwnerKind::None;
}

}  // namespace

bool Lowerer::isBorrowVar(const ValueDecl* D) const {
  if (!D) return false;
  if (model::hasBorrow(D)) return true;
  if (const auto* P = dyn_cast<ParmVarDecl>(D)) return P->getType()->isReferenceType() && !model::hasOwner(P);
  return false;
}

bool Lowerer::producesOwner(const Expr* E) {
  E = stripCasts(E);
  if (!E) return false;
  if (const auto* NE = dyn_cast<CXXNewExpr>(E)) {
    // Placement new constructs in storage someone else owns: it makes no owner (2b.8).
    const FunctionDecl* op = NE->getOperatorNew();
    bool placement = op && (op->isReservedGlobalPlacementOperator() ||
                            (NE->getNumPlacementArgs() > 0 && NE->getPlacementArg(0)->getType()->isPointerType()));
    return !placement;
  }
  if (const auto* CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl* F = CE->getDirectCallee();
    return F && model::hasOwner(F);
  }
  return false;
}

namespace {

// The range-for loop's hidden variables named as the user wrote the loop (spec 2b.7):
// `__range1` is the range expression, `__begin1` / `__end1` its begin() / end().
std::string rangeForName(const VarDecl* V, const ASTContext& ctx) {
  llvm::StringRef n = V->getName();
  bool begin = n.starts_with("__begin"), end = n.starts_with("__end");
  if (!begin && !end && !n.starts_with("__range")) return V->getNameAsString();
  const VarDecl* range = V;
  if (begin || end) {
    range = nullptr;
    struct FindRange : RecursiveASTVisitor<FindRange> {
      const VarDecl* found = nullptr;
      bool VisitDeclRefExpr(DeclRefExpr* DR) {
        if (const auto* R = dyn_cast<VarDecl>(DR->getDecl()); R && R->getName().starts_with("__range")) found = R;
        return !found;
      }
    } fr;
    if (V->getInit()) fr.TraverseStmt(const_cast<Expr*>(V->getInit()));
    range = fr.found;
  }
  if (!range || !range->getInit()) return "the range-for loop's iterator";
  std::string text = sourceText(range->getInit(), ctx);
  if (text.empty()) return "the range-for loop's iterator";
  if (!begin && !end) return text;
  bool array = range->getType().getNonReferenceType()->isArrayType();
  if (array) return std::string(begin ? "std::begin(" : "std::end(") + text + ")";
  return text + (begin ? ".begin()" : ".end()");
}

}  // namespace

std::optional<VarId> Lowerer::varOf(const ValueDecl* D) {
  if (!D) return std::nullopt;
  auto it = out_.varIndex.find(D);
  if (it != out_.varIndex.end()) return VarId{it->second};
  const auto* V = dyn_cast<VarDecl>(D);
  const auto* F = dyn_cast<FieldDecl>(D);
  if (!V && !F) return std::nullopt;
  VarInfo info;
  info.decl = D;
  info.name = V && V->isImplicit() ? rangeForName(V, ctx_) : D->getNameAsString();
  QualType T = D->getType();
  Family fam = model::familyOf(T);
  info.isReference = T->isReferenceType();
  info.borrowAnnotated = model::hasBorrow(D);
  info.moveIsError = model::moveIsError(T);
  if (F) {
    // [[owner]] data members are tracked as owners of `this`; smart pointer and
    // container members for moves within one member function.
    info.isField = true;
    info.owner = model::hasOwner(F) && T->isPointerType() ? OwnerKind::AnnotatedRaw : memberOwnerKind(fam);
    if (info.owner == OwnerKind::None) return std::nullopt;
  } else {
    info.isParam = isa<ParmVarDecl>(V);
    info.isStatic = V->hasGlobalStorage();
    info.implicit = V->isImplicit();
    if (!info.isStatic) {
      if (fam == Family::RawPointer) {
        if (model::hasOwner(V))
          info.owner = OwnerKind::AnnotatedRaw;
        else if (!info.isParam && V->hasInit() && producesOwner(V->getInit()))
          info.owner = OwnerKind::InferredRaw;
      } else if (model::isSmartPointerFamily(fam)) {
        info.owner = OwnerKind::Smart;
      } else if (model::isContainerFamily(fam) || fam == Family::Optional || fam == Family::OwnerClass ||
                 fam == Family::Record || fam == Family::Function) {
        info.owner = OwnerKind::Value;
      } else if (fam == Family::Reference) {
        // A reference parameter to an owner is tracked for moves out of it.
        QualType P = T.getNonReferenceType();
        Family pf = model::familyOf(P);
        if (info.isParam && !P.isConstQualified() &&
            (model::isSmartPointerFamily(pf) || model::isContainerFamily(pf) ||
             pf == Family::Optional || pf == Family::OwnerClass || pf == Family::Record))
          info.owner = OwnerKind::Value;
        if (info.owner == OwnerKind::Value) info.moveIsError = model::moveIsError(P);
      }
    }
    if (!isRawOwner(info.owner))
      info.origin = !info.isStatic && (model::holdsBorrows(T) || info.isReference ||
                                       // an object that may keep pointers borrows what its constructor kept (2b.3)
                                       (fam == Family::Record && model::mayHoldPointers(T)));
  }
  VarId id{static_cast<std::uint32_t>(out_.vars.size())};
  out_.vars.push_back(std::move(info));
  out_.varIndex[D] = id.index;
  return id;
}

std::optional<VarId> Lowerer::trackedVar(const Expr* E) {
  E = stripCasts(E);
  if (!E) return std::nullopt;
  if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
    if (const auto* V = dyn_cast<VarDecl>(DR->getDecl())) return varOf(V);
    return std::nullopt;
  }
  if (const auto* ME = dyn_cast<MemberExpr>(E)) {
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      if (const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl())) return varOf(F);
    if (!ME->isArrow()) return memberVarOf(ME);
  }
  return std::nullopt;
}

// `s.a.b` (no `->` on the way) where `s` is a local struct that holds borrows: `s`,
// which then holds whatever is stored into that field.
std::optional<VarId> Lowerer::localStructHolding(const Expr* lvalue) {
  const auto* ME = dyn_cast_or_null<MemberExpr>(lvalue);
  if (!ME || ME->isArrow()) return std::nullopt;
  const Expr* base = stripCasts(ME->getBase());
  while (const auto* inner = dyn_cast<MemberExpr>(base)) {
    if (inner->isArrow()) break;
    base = stripCasts(inner->getBase());
  }
  auto bv = trackedVar(base);
  if (!bv || !out_.vars[bv->index].origin || out_.vars[bv->index].isReference) return std::nullopt;
  return bv;
}

// `r.token` where `r` is a local struct and `token` an owner (smart pointer, container,
// optional, [[owner]] class): tracked as a variable of its own, so moving it out and
// reading it again is a use after move (spec §2a.6: fields are places). Its state follows
// the struct's reinitialisation and scope (Dataflow: children).
std::optional<VarId> Lowerer::memberVarOf(const MemberExpr* ME) {
  const auto* F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  const auto* DR = dyn_cast<DeclRefExpr>(stripCasts(ME->getBase()));
  if (!F || !DR) return std::nullopt;
  const auto* V = dyn_cast<VarDecl>(DR->getDecl());
  if (!V || V->getType()->isReferenceType() || V->hasGlobalStorage() || isa<ParmVarDecl>(V)) return std::nullopt;
  auto key = std::make_pair(static_cast<const void*>(V), F);
  if (auto it = memberVars_.find(key); it != memberVars_.end()) return VarId{it->second};
  auto parent = varOf(V);
  if (!parent || out_.vars[parent->index].owner != OwnerKind::Value) return std::nullopt;
  QualType T = F->getType();
  Family fam = model::familyOf(T);
  VarInfo info;
  info.owner = memberOwnerKind(fam);
  if (info.owner == OwnerKind::None) return std::nullopt;
  info.decl = F;
  info.name = V->getNameAsString() + "." + F->getNameAsString();
  info.moveIsError = model::moveIsError(T);
  info.parent = static_cast<std::int32_t>(parent->index);
  VarId id{static_cast<std::uint32_t>(out_.vars.size())};
  out_.vars.push_back(std::move(info));
  memberVars_[key] = id.index;
  return id;
}

}  // namespace ownership::lowering
