// Lowering of one function: walks each CFG element's expression in evaluation order
// and records what it does to owners (use, move, release, reinit), to origins (which
// loans flow where) and to places (mutations, scope ends). Pure with respect to the
// dataflow state: loans carried by an origin are referred to symbolically (CopyOf).
#include "analysis/Lowering.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/StmtCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Lex/Lexer.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/StringSet.h>
#include <clang/AST/ParentMap.h>

#include <functional>
#include <map>

#include "analysis/checks/ConflictingBorrow.h"

using namespace clang;

namespace ownership {
namespace {

using model::Family;

const Expr* strip(const Expr* E) {
  while (E) {
    const Expr* prev = E;
    E = E->IgnoreParens();
    if (const auto* EWC = dyn_cast<ExprWithCleanups>(E)) E = EWC->getSubExpr();
    if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) {
      switch (ICE->getCastKind()) {
        case CK_LValueToRValue:
        case CK_NoOp:
        case CK_DerivedToBase:
        case CK_UncheckedDerivedToBase:
        case CK_BitCast:
        case CK_ConstructorConversion:
        case CK_UserDefinedConversion:
          if (ICE->getCastKind() == CK_UserDefinedConversion) return E;
          E = ICE->getSubExpr();
          break;
        default:
          return E;
      }
    }
    if (const auto* BT = dyn_cast<CXXBindTemporaryExpr>(E)) E = BT->getSubExpr();
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      if (!MT->getExtendingDecl()) return E;
      E = MT->getSubExpr();
    }
    if (E == prev) return E;
  }
  return E;
}

// The family of the object a member is called on, seen through derived-to-base casts:
// shared_ptr's get(), operator bool and operator* live in its bases (__shared_ptr,
// __shared_ptr_access), and the model knows the class the user named.
Family objectFamily(const Expr* object) {
  Family f = model::familyOf(strip(object)->getType());
  return f != Family::Record ? f : model::familyOf(object->getType());
}

// Strips casts that keep the same object (also explicit static_cast/C casts between
// pointers), used to see the variable behind `static_cast<char*>(p)`.
const Expr* stripCasts(const Expr* E) {
  while (E) {
    E = strip(E);
    if (const auto* CE = dyn_cast<ExplicitCastExpr>(E)) {
      if (CE->getCastKind() == CK_NoOp || CE->getCastKind() == CK_BitCast ||
          CE->getCastKind() == CK_LValueToRValue || CE->getCastKind() == CK_ToVoid) {
        E = CE->getSubExpr();
        continue;
      }
    }
    if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E); ICE && ICE->getCastKind() == CK_BitCast) {
      E = ICE->getSubExpr();
      continue;
    }
    return E;
  }
  return E;
}

bool isNullLiteral(const Expr* E, ASTContext& ctx) {
  if (const auto* DA = dyn_cast_or_null<CXXDefaultArgExpr>(E)) E = DA->getExpr();
  E = stripCasts(E);
  if (!E) return false;
  if (isa<CXXScalarValueInitExpr>(E) && E->getType()->isPointerType()) return true;
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E)) return true;
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E); ICE && ICE->getCastKind() == CK_NullToPointer) return true;
  if (const auto* ICE = dyn_cast<ImplicitCastExpr>(E)) E = ICE->getSubExpr();
  return E->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

const FunctionDecl* calleeOf(const Expr* E) {
  if (const auto* CE = dyn_cast<CallExpr>(E)) return CE->getDirectCallee();
  return nullptr;
}

class Lowerer {
 public:
  Lowerer(ASTContext& ctx, LoweredFunction& out) : ctx_(ctx), out_(out) {}

  void run();

 private:
  ASTContext& ctx_;
  LoweredFunction& out_;
  llvm::DenseSet<const Stmt*> elements_;
  const Stmt* currentRoot_ = nullptr;
  std::vector<Fact>* facts_ = nullptr;
  llvm::DenseMap<const VarDecl*, std::optional<Place>> alias_;  // reference locals
  std::map<std::pair<const void*, unsigned>, unsigned> loanIntern_;
  bool forceShared_ = false;
  std::unique_ptr<ParentMap> parents_;
  bool isNullTestOperand(const Expr* E);
  bool isUnevaluated(const Stmt* S);  // the destination of the value being evaluated is a shared borrow

  // ---- tables -------------------------------------------------------------
  std::optional<VarId> varOf(const ValueDecl* D);
  std::optional<VarId> trackedVar(const Expr* E);  // DeclRef or this->ownerField
  PlaceId intern(const Place& p);
  LoanId newLoan(const Expr* site, const Place& p, bool mut, bool interior, bool iter, bool explicitBorrow);

  // ---- values --------------------------------------------------------------
  struct PlaceRef {
    enum Kind { None, Static, Fixed, Dynamic } kind = None;
    Place place;
    bool interior = false;
    bool iterator = false;
    std::vector<Source> srcs;  // Dynamic: the loans the lvalue is reached through
  };
  PlaceRef placeOf(const Expr* E);
  PlaceRef placeOfVar(const ValueDecl* D);
  std::vector<Source> borrowOf(const Expr* lvalue, bool mut, bool explicitBorrow, const Expr* site);
  std::vector<Source> valueSources(const Expr* E, bool explicitBorrow = false);
  std::optional<std::vector<Source>> copiedElementSources(const Expr* glvalue);
  bool isBorrowExpr(const Expr* E);
  std::optional<VarId> memberVarOf(const MemberExpr* ME);
  std::optional<VarId> localStructHolding(const Expr* lvalue);
  std::map<std::pair<const void*, const FieldDecl*>, unsigned> memberVars_;
  void computeTryBodies();
  void endTrivialTemporaries(const Stmt* S);
  int dispatchAt(SourceLocation L) const;
  struct TryBody {
    SourceRange range;
    unsigned dispatch;
  };
  std::vector<TryBody> tries_;
  std::vector<Source> callResultSources(const Expr* call, const FunctionDecl* F, const Expr* object,
                                        llvm::ArrayRef<const Expr*> args, QualType resultType);
  std::vector<Source> argSources(const ParmVarDecl* P, const Expr* A);
  void append(std::vector<Source>& to, const std::vector<Source>& from) { to.insert(to.end(), from.begin(), from.end()); }

  // ---- effects -------------------------------------------------------------
  void emit(Fact f) { facts_->push_back(std::move(f)); }
  Fact& lastFact() { return facts_->back(); }
  // Borrows stored into storage that outlives the call (checked for borrow-escapes).
  void emitStore(std::vector<Source> srcs, const ValueDecl* target, SourceRange r) {
    if (srcs.empty()) return;
    Fact f;
    f.kind = FactKind::Store;
    f.srcs = std::move(srcs);
    f.target = target;
    f.range = r;
    emit(std::move(f));
  }
  // Emits a fact about one variable; returns it so the caller can set its kind's detail.
  Fact& emitVar(FactKind k, VarId v, SourceRange r, UseKind u = UseKind::Read) {
    Fact f;
    f.kind = k;
    f.var = v;
    f.range = r;
    f.use = u;
    emit(std::move(f));
    return lastFact();
  }
  void emitReinit(VarId v, SourceRange r, ReinitValue value, bool checkOverwrite = false) {
    Fact& f = emitVar(FactKind::Reinit, v, r);
    f.reinit = value;
    f.checkOverwrite = checkOverwrite;
  }
  void emitReleaseBorrow(VarId v, SourceRange r, BorrowRelease how) {
    emitVar(FactKind::ReleaseBorrow, v, r).borrowRelease = how;
  }
  void emitAssign(VarId dst, std::vector<Source> srcs, bool replace, SourceRange r);
  void emitConflictChecks(const std::vector<Source>& srcs, const Expr* site);
  void emitMutate(const Expr* objectOrLhs, model::Invalidation inval, SourceRange r);

  void lowerElement(const CFGElement& el);
  void walk(const Stmt* S);
  void walkChildren(const Stmt* S);
  void useVarExpr(const DeclRefExpr* DR, UseKind u);
  void handleVarDecl(const VarDecl* V);
  void handleReturn(const ReturnStmt* R);
  void handleRelease(const Expr* arg, SourceRange r);
  void handleCall(const CallExpr* C);
  void handleMemberCall(const CallExpr* C, const CXXMethodDecl* M, const Expr* object,
                        llvm::ArrayRef<const Expr*> args);
  // `origin = args[0]` through operator=: the origin's loans are replaced.
  void assignOriginFromArgs(VarId v, llvm::ArrayRef<const Expr*> args, SourceRange r) {
    std::vector<Source> srcs = args.empty() ? std::vector<Source>{} : valueSources(args[0], true);
    for (const Expr* A : args) walk(A);
    emitAssign(v, srcs, true, r);
    emitConflictChecks(srcs, args.empty() ? nullptr : args[0]);
  }
  void handleArgs(const FunctionDecl* F, llvm::ArrayRef<const Expr*> args, const CallExpr* call);
  void handleAssign(const BinaryOperator* B);
  void handleLambda(const LambdaExpr* L);
  void handleConstruct(const CXXConstructExpr* CE);
  bool handleOwnerTransfer(const Expr* value, SourceRange r);  // owner var handed to an owner
  bool isBorrowVar(const ValueDecl* D) const;
  bool isOwnerRaw(VarId v) const {
    auto k = out_.vars[v.index].owner;
    return k == OwnerKind::AnnotatedRaw || k == OwnerKind::InferredRaw;
  }
  bool producesOwner(const Expr* E);
  void computeRefinement(const CFGBlock& B);
  void computeContract();
  void lowerEntry();
};

// ---------------------------------------------------------------------------
// Tables

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

std::optional<VarId> Lowerer::varOf(const ValueDecl* D) {
  if (!D) return std::nullopt;
  auto it = out_.varIndex.find(D);
  if (it != out_.varIndex.end()) return VarId{it->second};
  const auto* V = dyn_cast<VarDecl>(D);
  const auto* F = dyn_cast<FieldDecl>(D);
  if (!V && !F) return std::nullopt;
  VarInfo info;
  info.decl = D;
  info.name = D->getNameAsString();
  QualType T = D->getType();
  Family fam = model::familyOf(T);
  info.isReference = T->isReferenceType();
  info.borrowAnnotated = model::hasBorrow(D);
  info.moveIsError = model::moveIsError(T);
  if (F) {
    // [[owner]] data members are tracked as owners of `this`; smart pointer and
    // container members for moves within one member function.
    info.isField = true;
    if (model::hasOwner(F) && T->isPointerType())
      info.owner = OwnerKind::AnnotatedRaw;
    else if (fam == Family::UniquePtr || fam == Family::SharedPtr)
      info.owner = OwnerKind::Smart;
    else if (model::isContainerFamily(fam) || fam == Family::Optional || fam == Family::OwnerClass)
      info.owner = OwnerKind::Value;
    else
      return std::nullopt;
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
      } else if (fam == Family::UniquePtr || fam == Family::SharedPtr) {
        info.owner = OwnerKind::Smart;
      } else if (model::isContainerFamily(fam) || fam == Family::Optional || fam == Family::OwnerClass ||
                 fam == Family::Record || fam == Family::Function) {
        info.owner = OwnerKind::Value;
      } else if (fam == Family::Reference) {
        // A reference parameter to an owner is tracked for moves out of it.
        QualType P = T.getNonReferenceType();
        Family pf = model::familyOf(P);
        if (info.isParam && !P.isConstQualified() &&
            (pf == Family::UniquePtr || pf == Family::SharedPtr || model::isContainerFamily(pf) ||
             pf == Family::Optional || pf == Family::OwnerClass || pf == Family::Record))
          info.owner = OwnerKind::Value;
        if (info.owner == OwnerKind::Value) info.moveIsError = model::moveIsError(P);
      }
    }
    // An object of a class that may keep pointers borrows what its constructor kept (2b.3).
    if (info.owner != OwnerKind::AnnotatedRaw && info.owner != OwnerKind::InferredRaw)
      info.origin = !info.isStatic && (model::holdsBorrows(T) || info.isReference ||
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
  if (fam == Family::UniquePtr || fam == Family::SharedPtr)
    info.owner = OwnerKind::Smart;
  else if (model::isContainerFamily(fam) || fam == Family::Optional || fam == Family::OwnerClass)
    info.owner = OwnerKind::Value;
  else
    return std::nullopt;
  info.decl = F;
  info.name = V->getNameAsString() + "." + F->getNameAsString();
  info.moveIsError = model::moveIsError(T);
  info.parent = static_cast<std::int32_t>(parent->index);
  VarId id{static_cast<std::uint32_t>(out_.vars.size())};
  out_.vars.push_back(std::move(info));
  memberVars_[key] = id.index;
  return id;
}

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

// ---------------------------------------------------------------------------
// Places and values

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
        if (inner.kind == PlaceRef::Fixed && (fam == Family::UniquePtr || fam == Family::SharedPtr)) {
          inner.place.path.push_back(kDeref);
          inner.place.path.push_back(reinterpret_cast<std::uintptr_t>(F));
          return inner;
        }
        r.kind = PlaceRef::Dynamic;
        r.srcs = valueSources(OC->getArg(0));
        return r;
      }
      r.kind = PlaceRef::Dynamic;
      r.srcs = valueSources(ME->getBase());  // the pointer's value: what it points to (2b.2)
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
      // *p reaches what p's value points to: the loans p holds, never p itself, nor the
      // slot p was read from (`*v.back()`: the pointee is not an element of v; 2b.2).
      PlaceRef r;
      r.kind = PlaceRef::Dynamic;
      r.srcs = valueSources(UO->getSubExpr());
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
    const Expr* object = nullptr;
    llvm::SmallVector<const Expr*, 4> args;
    const auto* M = dyn_cast<CXXMethodDecl>(F);
    if (const auto* MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      object = MC->getImplicitObjectArgument();
      for (const Expr* A : MC->arguments()) args.push_back(A);
    } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && M && !M->isStatic()) {
      object = OC->getArg(0);
      for (unsigned i = 1; i < OC->getNumArgs(); ++i) args.push_back(OC->getArg(i));
    } else {
      for (const Expr* A : CE->arguments()) args.push_back(A);
    }
    if (object && M) {
      Family fam = objectFamily(object);
      model::MemberInfo mi = model::memberInfo(M, fam);
      PlaceRef base = placeOf(object);
      if ((fam == Family::UniquePtr || fam == Family::SharedPtr) && mi.effect == model::Effect::Deref) {
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

std::vector<Source> Lowerer::argSources(const ParmVarDecl* P, const Expr* A) {
  QualType PT = P->getType();
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
                                               llvm::ArrayRef<const Expr*> args, QualType resultType) {
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
      if (i >= 0 && static_cast<unsigned>(i) < args.size()) append(srcs, argSources(F->getParamDecl(i), args[i]));
    }
    return srcs;
  }
  // malloc/strdup-like functions return fresh storage, never a borrow of an argument.
  if (model::isAllocLike(F)) return srcs;
  if (hasThis) {
    // A getter whose visible body returns a stored pointer's value hands out that value,
    // not a borrow of the object (2b.9: contracts inferred from visible bodies).
    if (!model::returnsStoredValueOnly(M)) fromThis();
    return srcs;
  }
  // Elision: one borrow-like parameter, else those of the result's type, else all.
  std::vector<unsigned> borrowLike, sameType;
  QualType rt = resultType.getNonReferenceType().getUnqualifiedType().getCanonicalType();
  for (unsigned i = 0; i < nparams && i < args.size(); ++i) {
    QualType pt = F->getParamDecl(i)->getType();
    if (!model::isBorrowLike(pt) && !model::holdsBorrows(pt)) continue;
    borrowLike.push_back(i);
    if (pt.getNonReferenceType().getUnqualifiedType().getCanonicalType() == rt) sameType.push_back(i);
  }
  std::vector<unsigned> use = (borrowLike.size() > 1 && !sameType.empty()) ? sameType : borrowLike;
  // C library functions (strchr, strpbrk, memchr, ...) return into their first argument.
  if (use.size() > 1 && ctx_.getSourceManager().isInSystemHeader(F->getLocation()) && F->getIdentifier()) {
    static const llvm::StringSet<> kCSearch = {"strchr", "strrchr", "strstr", "strpbrk", "memchr", "wcschr",
                                               "wcsrchr", "wcsstr", "wcspbrk", "wmemchr", "strtok", "strcpy",
                                               "strcat", "strncpy", "strncat", "memcpy", "memmove", "memset"};
    if (F->isExternC() || kCSearch.contains(F->getName())) use.resize(1);
  }
  for (unsigned i : use) append(srcs, argSources(F->getParamDecl(i), args[i]));
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
  const Expr* object = nullptr;
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(CE))
    object = MC->getImplicitObjectArgument();
  else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(CE))
    object = OC->getArg(0);
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
    if (fam == Family::UniquePtr || fam == Family::SharedPtr) return eff == model::Effect::Get;
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
    if (info.owner == OwnerKind::AnnotatedRaw || info.owner == OwnerKind::InferredRaw) {
      Place p{RootKind::Local, V, {kDeref}};
      if (info.isParam) p.kind = RootKind::Local;
      return {Source::loan(newLoan(E, p, !V->getType()->getPointeeType().isConstQualified(), false, false,
                                   explicitBorrow))};
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
      // *pp where the pointee itself holds borrows: its loans are those of pp.
      return valueSources(UO->getSubExpr(), explicitBorrow);
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
    if (fam == Family::Record && !Ctor->isCopyOrMoveConstructor()) kept = model::ctorKeptParams(Ctor);
    if (!model::holdsBorrows(CE->getType()) &&
        !(fam == Family::Record && model::mayHoldPointers(CE->getType()) && (kept || Ctor->isCopyOrMoveConstructor())))
      return srcs;
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
    }
    return srcs;
  }
  if (const auto* CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl* F = CE->getDirectCallee();
    if (!F) return srcs;
    if (model::isStdMove(F) || model::isStdForward(F)) return valueSources(CE->getArg(0), explicitBorrow);
    QualType RT = CE->getType();
    if (CE->isGLValue()) {
      // A call returning a reference used as a value of borrow type: loans of the
      // object referred to (e.g. `*it` on an iterator to pointers).
      if (!model::holdsBorrows(RT)) return srcs;
    } else if (!model::holdsBorrows(RT)) {
      return srcs;
    }
    const Expr* object = nullptr;
    llvm::SmallVector<const Expr*, 4> args;
    const auto* M = dyn_cast<CXXMethodDecl>(F);
    if (const auto* MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      object = MC->getImplicitObjectArgument();
      for (const Expr* A : MC->arguments()) args.push_back(A);
    } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && M && !M->isStatic()) {
      object = OC->getArg(0);
      for (unsigned i = 1; i < OC->getNumArgs(); ++i) args.push_back(OC->getArg(i));
    } else {
      for (const Expr* A : CE->arguments()) args.push_back(A);
    }
    if (object && M) {
      Family fam = objectFamily(object);
      model::MemberInfo mi = model::memberInfo(M, fam);
      bool shared = model::isSharedBorrowType(RT);
      if ((fam == Family::UniquePtr || fam == Family::SharedPtr) &&
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
            return {Source::loan(newLoan(E, base.place, !shared, true, iter, explicitBorrow))};
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
    if (!M && model::inStdNamespace(F) && F->getIdentifier() &&
        (F->getName() == "begin" || F->getName() == "end" || F->getName() == "data" || F->getName() == "cbegin" ||
         F->getName() == "cend") &&
        args.size() == 1) {
      PlaceRef base = placeOf(args[0]);
      if (base.kind == PlaceRef::Fixed && model::isContainerFamily(model::familyOf(args[0]->getType()))) {
        base.place.path.push_back(kElems);
        return {Source::loan(newLoan(E, base.place, !model::isSharedBorrowType(RT), true, F->getName() != "data",
                                     explicitBorrow))};
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
    if (auto v = trackedVar(ME->getBase()); v && out_.vars[v->index].origin) return {Source::copy(*v)};
    return srcs;
  }
  if (const auto* AS = dyn_cast<ArraySubscriptExpr>(E)) return valueSources(AS->getBase(), explicitBorrow);
  return srcs;
}

// ---------------------------------------------------------------------------
// Effects

void Lowerer::emitAssign(VarId dst, std::vector<Source> srcs, bool replace, SourceRange r) {
  Fact f;
  f.kind = FactKind::Assign;
  f.var = dst;
  f.srcs = std::move(srcs);
  f.replace = replace;
  f.range = r;
  emit(std::move(f));
}

void Lowerer::emitConflictChecks(const std::vector<Source>& srcs, const Expr* site) {
  for (const Source& s : srcs) {
    if (s.kind != Source::NewLoan) continue;
    const Loan& L = out_.loans[s.id];
    if (!L.explicitBorrow || L.interior) continue;
    Fact f;
    f.kind = FactKind::CheckConflict;
    f.loan = LoanId{s.id};
    f.range = site ? site->getSourceRange() : L.range;
    emit(std::move(f));
  }
}

// Whether an lvalue names storage directly (a variable, its fields, its elements)
// rather than through a local reference or a pointer: only direct writes are
// mutations of the owner (writing through a borrow is a use of that borrow).
static bool isDirectLvalue(const Expr* E) {
  while (E) {
    E = stripCasts(E);
    if (const auto* DR = dyn_cast<DeclRefExpr>(E)) {
      const auto* V = dyn_cast<VarDecl>(DR->getDecl());
      return V && (!V->getType()->isReferenceType() || isa<ParmVarDecl>(V));
    }
    if (const auto* ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow()) return isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
      E = ME->getBase();
      continue;
    }
    if (isa<CXXThisExpr>(E)) return true;
    return false;
  }
  return false;
}

void Lowerer::emitMutate(const Expr* object, model::Invalidation inval, SourceRange r) {
  if (!isDirectLvalue(object)) return;
  PlaceRef p = placeOf(object);
  if (p.kind != PlaceRef::Fixed) return;
  Fact f;
  f.kind = FactKind::Mutate;
  f.place = intern(p.place);
  f.inval = inval;
  f.range = r;
  emit(std::move(f));
}

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
            if (const auto* M = MC->getMethodDecl(); M && M->getIdentifier() && M->getName() == "get") return true;
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
    case Stmt::DeclRefExprClass + 10000:
      return;
    default:
      walkChildren(S);
      return;
  }
}

bool Lowerer::handleOwnerTransfer(const Expr* value, SourceRange r) {
  auto v = trackedVar(value);
  if (!v || !isOwnerRaw(*v)) return false;
  emitVar(FactKind::Move, *v, r).moveIntoOwner = true;
  return true;
}

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
  if (info.owner == OwnerKind::AnnotatedRaw || info.owner == OwnerKind::InferredRaw) {
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
      if (info.owner == OwnerKind::AnnotatedRaw || info.owner == OwnerKind::InferredRaw) return;
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
      d.range = r;
      d.message = "cannot release `" + FD->getNameAsString() + "`, which is a borrow";
      d.notes.push_back({FD->getSourceRange(), "`" + FD->getNameAsString() + "` is declared [[borrow]]: borrowed, not owned"});
      out_.immediate.push_back(std::move(d));
      return;
    }
  }
  if (auto v = trackedVar(s)) {
    const VarInfo& info = out_.vars[v->index];
    if (info.owner == OwnerKind::AnnotatedRaw || info.owner == OwnerKind::InferredRaw) {
      emitVar(FactKind::Release, *v, r);
      return;
    }
    if (isBorrowVar(info.decl)) {
      emitVar(FactKind::ReleaseBorrow, *v, r);
      return;
    }
    if (info.origin && !info.isParam) {
      // An unannotated pointer: a borrow if it holds loans of this function's data.
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

void Lowerer::handleConstruct(const CXXConstructExpr* CE) {
  const CXXConstructorDecl* Ctor = CE->getConstructor();
  llvm::SmallVector<const Expr*, 4> args(CE->arguments().begin(), CE->arguments().end());
  Family fam = model::familyOf(CE->getType());
  if ((fam == Family::UniquePtr || fam == Family::SharedPtr) && args.size() >= 1) {
    // unique_ptr<T> u(p) adopts what p owns.
    if (handleOwnerTransfer(args[0], args[0]->getSourceRange())) {
      for (size_t i = 1; i < args.size(); ++i) walk(args[i]);
      return;
    }
  }
  handleArgs(Ctor, args, nullptr);
}

void Lowerer::handleArgs(const FunctionDecl* F, llvm::ArrayRef<const Expr*> args, const CallExpr* call) {
  unsigned nparams = F ? F->getNumParams() : 0;
  // Two arguments of one call that borrow overlapping places, one exclusively (§2a.6).
  struct ArgBorrow {
    Place place;
    bool mut;
    const Expr* arg;
  };
  std::vector<ArgBorrow> argBorrows;
  for (unsigned i = 0; i < args.size(); ++i) {
    const Expr* A = args[i];
    const ParmVarDecl* P = i < nparams ? F->getParamDecl(i) : nullptr;
    if (P && model::hasOwner(P)) {
      auto v = trackedVar(A);
      if (v && isOwnerRaw(*v)) {
        emitVar(FactKind::Move, *v, A->getSourceRange()).moveIntoOwner = true;
        continue;
      }
      if (v && (isBorrowVar(out_.vars[v->index].decl) ||
                (out_.vars[v->index].origin && out_.vars[v->index].isParam))) {
        emitReleaseBorrow(*v, A->getSourceRange(), BorrowRelease::ToOwnerParam);
        continue;
      }
      if (!v && isBorrowExpr(A)) {
        // `adopt(&t)`, `adopt(p.get())`, `adopt(v.data())`: a borrow made on the spot.
        std::string text = clang::Lexer::getSourceText(CharSourceRange::getTokenRange(A->getSourceRange()),
                                                       ctx_.getSourceManager(), ctx_.getLangOpts())
                               .str();
        ImmediateDiag d;
        d.code = Code::ReleaseOfBorrow;
        d.range = A->getSourceRange();
        d.message = "cannot hand borrow `" + text + "` to an [[owner]] parameter";
        d.notes.push_back({P->getSourceRange(), "`" + P->getNameAsString() + "` takes ownership of what it is given"});
        out_.immediate.push_back(std::move(d));
      }
    }
    if (auto v = trackedVar(A); v && out_.vars[v->index].owner == OwnerKind::InferredRaw &&
                                (!P || !P->getType()->isReferenceType() ||
                                 !P->getType().getNonReferenceType()->isPointerType() ||
                                 P->getType().getNonReferenceType().isConstQualified())) {
      // An inferred owner passed to an unannotated parameter is handed on (§2a.9).
      walk(A);
      emitVar(FactKind::Escape, *v, A->getSourceRange());
      continue;
    }
    if (P && (P->getType()->isReferenceType() || P->getType()->isPointerType())) {
      if (auto v = trackedVar(A); v && out_.vars[v->index].owner == OwnerKind::InferredRaw) {
        // An inferred owner passed to an unannotated parameter is handed on (§2a.9).
        walk(A);
        emitVar(FactKind::Escape, *v, A->getSourceRange());
        continue;
      }
      const Expr* s = strip(A);
      const Expr* target = nullptr;
      bool mut = false;
      if (P->getType()->isReferenceType() && (isa<DeclRefExpr>(s) || isa<MemberExpr>(s)) &&
          !s->getType()->isReferenceType()) {
        target = s;
        mut = !P->getType().getNonReferenceType().isConstQualified();
      } else if (const auto* UO = dyn_cast<UnaryOperator>(s); UO && UO->getOpcode() == UO_AddrOf) {
        target = UO->getSubExpr();
        mut = !P->getType()->getPointeeType().isConstQualified();
      }
      if (target && !model::holdsBorrows(target->getType())) {
        PlaceRef pr = placeOf(target);
        if (pr.kind == PlaceRef::Fixed) {
          for (const ArgBorrow& prev : argBorrows) {
            if ((prev.mut || mut) && overlaps(prev.place, pr.place)) {
              ImmediateDiag d;
              d.code = Code::ConflictingBorrow;
              d.range = A->getSourceRange();
              std::string name = clang::Lexer::getSourceText(
                                     CharSourceRange::getTokenRange(target->getSourceRange()),
                                     ctx_.getSourceManager(), ctx_.getLangOpts())
                                     .str();
              d.message = checks::conflictingBorrowMessage(name, mut, prev.mut);
              d.notes.push_back({prev.arg->getSourceRange(), checks::conflictingBorrowFirstNote(prev.mut)});
              if (call) d.notes.push_back({call->getSourceRange(), "both borrows are used by this call"});
              out_.immediate.push_back(std::move(d));
              break;
            }
          }
          argBorrows.push_back({pr.place, mut, A});
        }
      }
    }
    walk(A);
  }
  // [[borrow(q)]] on a parameter: its pointee receives borrows of argument q (§2a.11).
  for (unsigned i = 0; i < args.size() && i < nparams; ++i) {
    const ParmVarDecl* P = F->getParamDecl(i);
    bool found = false;
    std::vector<std::string> names = model::borrowArgs(P, &found);
    if (!found || names.empty()) continue;
    auto dst = trackedVar(args[i]);
    if (!dst || !out_.vars[dst->index].origin) continue;
    std::vector<Source> srcs;
    for (const std::string& n : names)
      for (unsigned j = 0; j < nparams && j < args.size(); ++j)
        if (F->getParamDecl(j)->getName() == n) {
          const ParmVarDecl* Q = F->getParamDecl(j);
          if (Q->getType()->isReferenceType() && !model::holdsBorrows(Q->getType().getNonReferenceType()))
            append(srcs, borrowOf(args[j], false, false, args[j]));
          else
            append(srcs, valueSources(args[j]));
        }
    emitAssign(*dst, std::move(srcs), false, call ? call->getSourceRange() : args[i]->getSourceRange());
  }
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
        emitVar(FactKind::Move, *v, C->getSourceRange());
        if (info.parent < 0) return;
        // A field of a local struct: also a move of that place, checked against borrows.
        PlaceRef pr = placeOf(A);
        if (pr.kind == PlaceRef::Fixed) {
          Fact f;
          f.kind = FactKind::MovePlace;
          f.place = intern(pr.place);
          f.range = C->getSourceRange();
          emit(std::move(f));
        }
        return;
      }
    }
    if (!v && model::isStdMove(F)) {
      // std::move(u.field): a move of a place, checked against live borrows.
      PlaceRef pr = placeOf(A);
      walk(A);
      if (pr.kind == PlaceRef::Fixed && !A->getType().isConstQualified()) {
        Fact f;
        f.kind = FactKind::MovePlace;
        f.place = intern(pr.place);
        f.range = C->getSourceRange();
        emit(std::move(f));
      }
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
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(C)) {
    llvm::SmallVector<const Expr*, 4> args(MC->arguments().begin(), MC->arguments().end());
    handleMemberCall(C, MC->getMethodDecl(), MC->getImplicitObjectArgument(), args);
    return;
  }
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(C); OC && M && !M->isStatic()) {
    llvm::SmallVector<const Expr*, 4> args;
    for (unsigned i = 1; i < OC->getNumArgs(); ++i) args.push_back(OC->getArg(i));
    handleMemberCall(C, M, OC->getArg(0), args);
    return;
  }
  walk(C->getCallee());
  llvm::SmallVector<const Expr*, 4> args(C->arguments().begin(), C->arguments().end());
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(C); OC && OC->isComparisonOp() && args.size() == 2) {
    // Smart pointer compared with nullptr: a null test, not a use (§2a.15).
    for (int k = 0; k < 2; ++k) {
      Family fam = model::familyOf(args[k]->getType());
      if ((fam == Family::UniquePtr || fam == Family::SharedPtr) && isNullLiteral(args[1 - k], ctx_)) return;
    }
  }
  handleArgs(F, args, C);
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
      if (const auto* ME = dyn_cast<MemberExpr>(o); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
                                                   !args.empty()) {
        emitStore(valueSources(args[0]), ME->getMemberDecl(), r);
        return;
      }
      if (const auto* DR = dyn_cast<DeclRefExpr>(o)) {
        // `key = view` / `callback = [&x]{...}` through a reference parameter.
        if (const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl()); P && P->getType()->isReferenceType() && !args.empty()) {
          emitStore(valueSources(args[0]), P, r);
          return;
        }
        if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()); V && V->hasGlobalStorage() && !args.empty()) {
          emitStore(valueSources(args[0]), V, r);
        }
      }
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
    const Expr* o = stripCasts(object);
    const ValueDecl* target = nullptr;
    if (const auto* DR = dyn_cast<DeclRefExpr>(o)) {
      if (const auto* P = dyn_cast<ParmVarDecl>(DR->getDecl()); P && P->getType()->isReferenceType()) target = P;
      if (const auto* V = dyn_cast<VarDecl>(DR->getDecl()); V && V->hasGlobalStorage()) target = V;
    } else if (const auto* ME = dyn_cast<MemberExpr>(o); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
      target = ME->getMemberDecl();
    }
    if (target) emitStore(valueSources(args[0]), target, r);
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
      emitMutate(object, mi.invalidates, r);
      // Storing borrows into a container parameter's pointee (§2a.11).
      const Expr* o = stripCasts(object);
      const ValueDecl* target = nullptr;
      if (const auto* DR = dyn_cast<DeclRefExpr>(o)) target = DR->getDecl();
      if (const auto* ME = dyn_cast<MemberExpr>(o); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        target = ME->getMemberDecl();
      if (target && model::holdsBorrows(object->getType()) && mi.effect == model::Effect::Mutate) {
        std::vector<Source> srcs;
        for (const Expr* A : args) append(srcs, valueSources(A));
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

void Lowerer::handleAssign(const BinaryOperator* B) {
  const Expr* lhs = stripCasts(B->getLHS());
  const Expr* rhs = B->getRHS();
  SourceRange r = B->getSourceRange();
  auto v = trackedVar(lhs);
  if (v && !out_.vars[v->index].isReference && !out_.vars[v->index].isStatic) {
    const VarInfo& info = out_.vars[v->index];
    if (info.owner == OwnerKind::AnnotatedRaw || info.owner == OwnerKind::InferredRaw) {
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
  if (const auto* ME = dyn_cast<MemberExpr>(lhs); ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
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

// ---------------------------------------------------------------------------
// Driver

void Lowerer::lowerElement(const CFGElement& el) {
  switch (el.getKind()) {
    case CFGElement::Statement:
    case CFGElement::Constructor:
    case CFGElement::CXXRecordTypedCall: {
      const Stmt* S = el.castAs<CFGStmt>().getStmt();
      if (isUnevaluated(S)) return;  // the CFG lists the insides of noexcept(...) too (2b.8)
      currentRoot_ = S;
      walk(S);
      currentRoot_ = nullptr;
      endTrivialTemporaries(S);
      return;
    }
    case CFGElement::Initializer: {
      const CXXCtorInitializer* I = el.castAs<CFGInitializer>().getInitializer();
      if (!I->getInit()) return;
      currentRoot_ = I->getInit();
      if (const FieldDecl* F = I->getMember()) {
        if (auto v = varOf(F)) {
          ReinitValue value = isNullLiteral(I->getInit(), ctx_) ? ReinitValue::Null : ReinitValue::Owned;
          walk(I->getInit());
          emitReinit(*v, I->getSourceRange(), value);
          currentRoot_ = nullptr;
          return;
        }
      }
      walk(I->getInit());
      // `: on_click_([&clicks] {...})`: a member initialised with a borrow of a parameter.
      if (const FieldDecl* F = I->getMember(); F && model::holdsBorrows(F->getType()) && !F->getType()->isReferenceType())
        emitStore(valueSources(I->getInit()), F, I->getSourceRange());
      currentRoot_ = nullptr;
      return;
    }
    case CFGElement::LifetimeEnds: {
      const VarDecl* V = el.castAs<CFGLifetimeEnds>().getVarDecl();
      auto v = varOf(V);
      if (!v) return;
      Fact f;
      f.kind = FactKind::ScopeEnd;
      f.var = *v;
      const Stmt* trigger = el.castAs<CFGLifetimeEnds>().getTriggerStmt();
      if (trigger) {
        f.at = trigger->getEndLoc();
        if (isa<ReturnStmt>(trigger) || isa<BreakStmt>(trigger) || isa<ContinueStmt>(trigger) ||
            isa<GotoStmt>(trigger))
          f.at = trigger->getBeginLoc();
      }
      f.range = V->getSourceRange();
      emit(std::move(f));
      return;
    }
    case CFGElement::TemporaryDtor: {
      const CXXBindTemporaryExpr* BT = el.castAs<CFGTemporaryDtor>().getBindTemporaryExpr();
      Fact f;
      f.kind = FactKind::TempEnd;
      f.temp = BT;
      f.range = BT->getSourceRange();
      f.at = BT->getEndLoc();
      emit(std::move(f));
      return;
    }
    default:
      return;
  }
}

void Lowerer::computeRefinement(const CFGBlock& B) {
  const Stmt* T = B.getTerminatorCondition();
  const auto* cond = dyn_cast_or_null<Expr>(T);
  if (!cond || B.succ_size() != 2) return;
  const Expr* c = cond->IgnoreParenImpCasts();
  bool negate = false;
  while (const auto* U = dyn_cast<UnaryOperator>(c)) {
    if (U->getOpcode() != UO_LNot) break;
    negate = !negate;
    c = U->getSubExpr()->IgnoreParenImpCasts();
  }
  const Expr* var = nullptr;
  bool nullWhenTrue = false;
  if (const auto* BO = dyn_cast<BinaryOperator>(c); BO && BO->isEqualityOp()) {
    const Expr* L = BO->getLHS();
    const Expr* R = BO->getRHS();
    if (isNullLiteral(R, ctx_)) var = L;
    else if (isNullLiteral(L, ctx_)) var = R;
    nullWhenTrue = BO->getOpcode() == BO_EQ;
  } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(c); OC && OC->getNumArgs() == 2 &&
                                                              (OC->getOperator() == OO_EqualEqual ||
                                                               OC->getOperator() == OO_ExclaimEqual)) {
    if (isNullLiteral(OC->getArg(1), ctx_)) var = OC->getArg(0);
    else if (isNullLiteral(OC->getArg(0), ctx_)) var = OC->getArg(1);
    nullWhenTrue = OC->getOperator() == OO_EqualEqual;
  } else if (const auto* MC = dyn_cast<CXXMemberCallExpr>(c); MC && isa<CXXConversionDecl>(MC->getMethodDecl())) {
    var = MC->getImplicitObjectArgument();
    nullWhenTrue = false;
  } else {
    var = c;
    nullWhenTrue = false;
  }
  if (!var) return;
  auto v = trackedVar(var);
  if (!v || out_.vars[v->index].owner == OwnerKind::None || out_.vars[v->index].owner == OwnerKind::Value) return;
  out_.refinements[B.getBlockID()] = EdgeRefinement{*v, negate ? !nullWhenTrue : nullWhenTrue};
}

void Lowerer::computeContract() {
  const FunctionDecl* F = out_.fn;
  bool found = false;
  std::vector<std::string> names = model::borrowArgs(F, &found);
  if (found && !names.empty()) {
    out_.contract = names;
    out_.contractExplicit = true;
    return;
  }
  const auto* M = dyn_cast<CXXMethodDecl>(F);
  if (M && !M->isStatic()) {
    out_.contract = {"this"};
    return;
  }
  std::vector<std::string> borrowLike;
  for (const ParmVarDecl* P : F->parameters())
    if (model::isBorrowLike(P->getType()) || model::holdsBorrows(P->getType())) borrowLike.push_back(P->getNameAsString());
  out_.contract = borrowLike;
  out_.contractKnown = borrowLike.size() <= 1;
}

void Lowerer::lowerEntry() {
  facts_ = &out_.entryFacts;
  for (const ParmVarDecl* P : out_.fn->parameters()) {
    auto v = varOf(P);
    if (!v) continue;
    const VarInfo& info = out_.vars[v->index];
    if (info.owner != OwnerKind::None) emitReinit(*v, P->getSourceRange(), ReinitValue::Owned);
    if (info.origin) {
      // What a borrow parameter refers to belongs to the caller.
      Place p{RootKind::Extern, P, {}};
      LoanId l = newLoan(nullptr, p, !model::isSharedBorrowType(P->getType()), false, false, false);
      out_.loans[l.index].external = true;
      out_.loans[l.index].range = P->getSourceRange();
      emitAssign(*v, {Source::loan(l)}, true, P->getSourceRange());
    }
  }
  // [[owner]] data members: owned on entry to a member function, uninitialised in a
  // constructor (its initialisers set them).
  if (const auto* M = dyn_cast<CXXMethodDecl>(out_.fn); M && !M->isStatic()) {
    const CXXRecordDecl* RD = M->getParent();
    for (const FieldDecl* F : RD->fields()) {
      auto v = varOf(F);
      if (!v) continue;
      if (out_.vars[v->index].owner != OwnerKind::AnnotatedRaw) {
        emitReinit(*v, F->getSourceRange(), ReinitValue::Owned);
        continue;
      }
      if (isa<CXXConstructorDecl>(M)) {
        if (const Expr* init = F->getInClassInitializer())
          emitReinit(*v, F->getSourceRange(), isNullLiteral(init, ctx_) ? ReinitValue::Null : ReinitValue::Owned);
        continue;
      }
      emitReinit(*v, F->getSourceRange(), ReinitValue::Owned);
    }
  }
}

// `E` compared with a null pointer constant (`p.get() == nullptr`): a null test.
// Inside an unevaluated operand (sizeof, alignof, noexcept, typeid of a non-polymorphic
// type, requires): nothing there runs, so nothing is used or moved (spec 2b.8).
bool Lowerer::isUnevaluated(const Stmt* S) {
  if (!parents_) return false;
  for (const Stmt* P = parents_->getParent(const_cast<Stmt*>(S)); P; P = parents_->getParent(const_cast<Stmt*>(P))) {
    if (isa<CXXNoexceptExpr>(P) || isa<UnaryExprOrTypeTraitExpr>(P) || isa<RequiresExpr>(P)) return true;
    if (const auto* T = dyn_cast<CXXTypeidExpr>(P); T && !T->isPotentiallyEvaluated()) return true;
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

// Temporaries without a destructor (`cap + 1` bound to `const int&`) get no TemporaryDtor
// element in the CFG; they die at the end of their full-expression all the same. After the
// element that is a full-expression (its parent is not an expression), a TempEnd for each
// one that is not lifetime-extended (class temporaries have their own TempEnd).
void Lowerer::endTrivialTemporaries(const Stmt* S) {
  if (!parents_) return;
  const Stmt* P = parents_->getParent(const_cast<Stmt*>(S));
  if (P && isa<Expr>(P)) return;
  llvm::SmallVector<const MaterializeTemporaryExpr*, 4> temps;
  std::function<void(const Stmt*)> collect = [&](const Stmt* X) {
    if (!X || isa<LambdaExpr>(X)) return;
    if (const auto* MT = dyn_cast<MaterializeTemporaryExpr>(X); MT && !MT->getExtendingDecl()) {
      bool hasDtor = false;
      for (const Expr* sub = MT->getSubExpr(); sub;) {
        sub = sub->IgnoreParens();
        if (isa<CXXBindTemporaryExpr>(sub)) hasDtor = true;
        const auto* CE = dyn_cast<CastExpr>(sub);
        if (!CE) break;
        sub = CE->getSubExpr();
      }
      if (!hasDtor) temps.push_back(MT);
    }
    for (const Stmt* C : X->children()) collect(C);
  };
  collect(S);
  for (const MaterializeTemporaryExpr* MT : temps) {
    Fact f;
    f.kind = FactKind::TempEnd;
    f.temp = MT;
    f.range = MT->getSourceRange();
    f.at = S->getEndLoc();
    emit(std::move(f));
  }
}

// The try bodies of the function, with their dispatch blocks (the block whose terminator
// is the CXXTryStmt and whose successors are the handlers).
void Lowerer::computeTryBodies() {
  for (const CFGBlock* D : *out_.cfg)
    if (const auto* T = dyn_cast_or_null<CXXTryStmt>(D->getTerminatorStmt()))
      tries_.push_back({T->getTryBlock()->getSourceRange(), D->getBlockID()});
}

// The dispatch block of the innermost try body holding L, or -1.
int Lowerer::dispatchAt(SourceLocation L) const {
  if (tries_.empty() || L.isInvalid()) return -1;
  const SourceManager& SM = ctx_.getSourceManager();
  L = SM.getExpansionLoc(L);
  auto within = [&](SourceLocation X, SourceRange R) {
    return X.isValid() && R.isValid() && !SM.isBeforeInTranslationUnit(X, R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), X);
  };
  const TryBody* best = nullptr;
  for (const TryBody& t : tries_)
    if (within(L, t.range) && (!best || within(t.range.getBegin(), best->range))) best = &t;
  return best ? static_cast<int>(best->dispatch) : -1;
}

void Lowerer::run() {
  const CFG& cfg = *out_.cfg;
  parents_ = std::make_unique<ParentMap>(const_cast<Stmt*>(out_.fn->getBody()));
  for (const CFGBlock* B : cfg)
    for (const CFGElement& el : *B)
      if (auto S = el.getAs<CFGStmt>()) elements_.insert(S->getStmt());
  // Conditions in terminators are elements too (their sub-expressions are lowered there).
  out_.blockFacts.resize(cfg.getNumBlockIDs());
  out_.refinements.resize(cfg.getNumBlockIDs());
  computeContract();
  lowerEntry();
  computeTryBodies();
  for (const CFGBlock* B : cfg) {
    facts_ = &out_.blockFacts[B->getBlockID()];
    // Clang's CFG (built without EH edges) links only `throw` to a try's handlers. Where
    // a block enters a try body, the state at that point is sent to the handlers too: an
    // exception comes from a call in the body, and its effects before the first call are
    // approximated by the state on entry (taking later states would let `delete p;` after
    // the last call reach a handler that also deletes p).
    int inTry = -1;
    for (const CFGElement& el : *B) {
      if (auto S = el.getAs<CFGStmt>()) {
        int d = dispatchAt(S->getStmt()->getBeginLoc());
        if (d >= 0 && d != inTry && static_cast<unsigned>(d) != B->getBlockID()) {
          Fact f;
          f.kind = FactKind::MayThrow;
          f.block = static_cast<unsigned>(d);
          f.range = S->getStmt()->getSourceRange();
          emit(std::move(f));
        }
        inTry = d;
      }
      lowerElement(el);
    }
    if (const Stmt* T = B->getTerminatorStmt()) {
      if (isa<CXXTryStmt>(T)) out_.hasTry = true;
    }
    computeRefinement(*B);
  }
  out_.children.assign(out_.vars.size(), {});
  for (std::uint32_t i = 0; i < out_.vars.size(); ++i)
    if (out_.vars[i].parent >= 0) out_.children[out_.vars[i].parent].push_back(i);
}

class ErrorFinder : public RecursiveASTVisitor<ErrorFinder> {
 public:
  bool found = false;
  bool VisitExpr(Expr* E) {
    if (E->containsErrors()) found = true;
    return !found;
  }
  bool VisitCXXTryStmt(CXXTryStmt*) {
    hasTry = true;
    return true;
  }
  bool hasTry = false;
};

}  // namespace

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

std::unique_ptr<LoweredFunction> lowerFunction(ASTContext& ctx, const FunctionDecl* fn) {
  if (!fn || !fn->hasBody() || !fn->doesThisDeclarationHaveABody()) return nullptr;
  if (fn->isDependentContext() || fn->isInvalidDecl()) return nullptr;
  Stmt* body = fn->getBody();
  ErrorFinder ef;
  ef.TraverseStmt(body);
  if (ef.found) return nullptr;
  CFG::BuildOptions opts;
  opts.AddLifetime = true;
  opts.AddScopes = false;
  opts.AddImplicitDtors = true;
  opts.AddTemporaryDtors = true;
  opts.AddInitializers = true;
  opts.AddCXXDefaultInitExprInCtors = true;
  opts.AddRichCXXConstructors = false;
  opts.AddLoopExit = false;
  opts.AddCXXNewAllocator = false;
  auto out = std::make_unique<LoweredFunction>();
  out->fn = fn;
  out->cfg = CFG::buildCFG(fn, body, &ctx, opts);
  if (!out->cfg) return nullptr;
  out->hasTry = ef.hasTry;
  out->isDestructor = isa<CXXDestructorDecl>(fn);
  out->isConstructor = isa<CXXConstructorDecl>(fn);
  Lowerer L(ctx, *out);
  L.run();
  out->hasTry = out->hasTry || ef.hasTry;
  return out;
}

}  // namespace ownership
