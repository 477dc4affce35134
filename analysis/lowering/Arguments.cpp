// Arguments: [[owner]] parameters, inferred owners handed on, conflicting argument borrows, [[borrow(q)]] parameters.
#include "analysis/lowering/Lowerer.h"
#include "analysis/checks/ConflictingBorrow.h"

#include <algorithm>

using namespace clang;

namespace ownership::lowering {
namespace {

// `parse_width(specs, specs.width_ref)`: an object and one of its fields, reached through
// fields only, handed to one call. Rust would refuse it, but in C++ it proves no defect: the
// field lives exactly as long as the object, whatever the callee writes through either, so
// it is not reported (2b, benefit of the doubt; decisions.md). The same place twice
// (`swap_values(x, x)`) still conflicts, and so does a pointee with its owner
// (`reset(up, *up)`: the callee may free what the other argument refers to).
bool wholeAndField(const Place& a, const Place& b) {
  if (a.path.size() == b.path.size()) return false;
  const Place& whole = a.path.size() < b.path.size() ? a : b;
  const Place& part = a.path.size() < b.path.size() ? b : a;
  return std::none_of(part.path.begin() + whole.path.size(), part.path.end(),
                      [](std::uintptr_t e) { return e == kDeref || e == kElems; });
}

}  // namespace

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
        std::string text = sourceText(A, ctx_);
        ImmediateDiag d;
        d.code = Code::ReleaseOfBorrow;
        d.rule = rule::ReleaseOfBorrow::HandedToOwnerParam;
        d.range = A->getSourceRange();
        d.message = "cannot hand borrow `" + text + "` to an [[owner]] parameter";
        d.notes.push_back({P->getSourceRange(), "`" + P->getNameAsString() + "` takes ownership of what it is given"});
        out_.immediate.push_back(std::move(d));
      }
    }
    // An out-parameter the callee may fill (`ReadPath(&out)`, `Fill(out)`, `std::swap(a, b)`)
    // gives a moved-from owner a fresh value, before the call reads it (spec 2b.5).
    if (P && !model::isStdMove(F) && !model::isStdForward(F)) {
      QualType PT = P->getType();
      const Expr* target = nullptr;
      if (PT->isLValueReferenceType() && !PT.getNonReferenceType().isConstQualified())
        target = strip(A);
      else if (PT->isPointerType() && !PT->getPointeeType().isConstQualified())
        if (const auto* UO = dyn_cast<UnaryOperator>(strip(A)); UO && UO->getOpcode() == UO_AddrOf)
          target = UO->getSubExpr();
      if (auto v = target ? trackedVar(target) : std::nullopt) {
        const VarInfo& info = out_.vars[v->index];
        if ((info.owner == OwnerKind::Value || info.owner == OwnerKind::Smart) && !info.isReference && !info.isStatic)
          emitReinit(*v, A->getSourceRange(), ReinitValue::Owned);
      }
    }
    // An inferred owner passed to an unannotated parameter is handed on (§2a.9), whatever
    // the parameter's type (a `T*&` too).
    if (auto v = trackedVar(A); v && out_.vars[v->index].owner == OwnerKind::InferredRaw) {
      walk(A);
      emitVar(FactKind::Escape, *v, A->getSourceRange());
      continue;
    }
    if (P && (P->getType()->isReferenceType() || P->getType()->isPointerType())) {
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
        // Element borrows (`&v[i]`, `&v[j]`: a range) never conflict with each other (2a.4).
        if (pr.kind == PlaceRef::Fixed && !pr.interior) {
          for (const ArgBorrow& prev : argBorrows) {
            if ((prev.mut || mut) && overlaps(prev.place, pr.place) && !wholeAndField(prev.place, pr.place)) {
              ImmediateDiag d;
              d.code = Code::ConflictingBorrow;
              d.rule = !mut ? rule::ConflictingBorrow::SharedWhileMutable
                       : prev.mut ? rule::ConflictingBorrow::MutableTwice
                                  : rule::ConflictingBorrow::MutableWhileShared;
              d.range = A->getSourceRange();
              std::string name = sourceText(target, ctx_);
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
        if (F->getParamDecl(j)->getName() == n) append(srcs, keptArgSources(F->getParamDecl(j), args[j]));
    emitAssign(*dst, std::move(srcs), false, call ? call->getSourceRange() : args[i]->getSourceRange());
  }
  // Constructors' capture_by(this) parameters are kept by the new object (ctorKeptParams).
  if (F && !isa<CXXConstructorDecl>(F)) {
    const Expr* object = nullptr;
    if (call) {
      CallParts parts = splitCall(call);
      if (parts.onObject) object = parts.object;
    }
    handleCaptures(F, object, args, call ? call->getSourceRange() : SourceRange());
  }
}

std::vector<Source> Lowerer::keptArgSources(const ParmVarDecl* P, const Expr* A) {
  QualType PT = P->getType();
  if (PT->isReferenceType() && !model::holdsBorrows(PT.getNonReferenceType())) return borrowOf(A, false, false, A);
  return valueSources(A);
}

void Lowerer::holderReceives(const Expr* holder, std::vector<Source> srcs, SourceRange r) {
  if (srcs.empty() || !holder) return;
  holder = stripCasts(holder);
  // `AddTo(s, &out)`: the holder is what the pointer argument points to.
  if (const auto* UO = dyn_cast<UnaryOperator>(holder); UO && UO->getOpcode() == UO_AddrOf)
    holder = stripCasts(UO->getSubExpr());
  if (auto v = trackedVar(holder)) {
    const VarInfo& info = out_.vars[v->index];
    if (info.origin && !info.isParam && !info.isStatic && !info.isReference) {
      emitAssign(*v, std::move(srcs), false, r);
      return;
    }
  }
  if (const ValueDecl* target = outlivingTarget(holder)) emitStore(std::move(srcs), target, r);
}

void Lowerer::handleCaptures(const FunctionDecl* F, const Expr* object, llvm::ArrayRef<const Expr*> args,
                             SourceRange r) {
  unsigned nparams = F->getNumParams();
  for (unsigned i = 0; i < args.size() && i < nparams; ++i) {
    const ParmVarDecl* P = F->getParamDecl(i);
    std::vector<model::CaptureTarget> targets = model::captureTargets(P);
    if (targets.empty() || isa<CXXDefaultArgExpr>(args[i])) continue;
    SourceRange at = r.isValid() ? r : args[i]->getSourceRange();
    for (const model::CaptureTarget& t : targets) {
      std::vector<Source> srcs = keptArgSources(P, args[i]);
      if (srcs.empty()) break;
      switch (t.kind) {
        case model::CaptureTarget::Param:
          if (t.param < args.size() && t.param != i) holderReceives(args[t.param], std::move(srcs), at);
          break;
        case model::CaptureTarget::This:
          // Through a pointer (`p->Add(s)`) the holder is foreign storage: not tracked (2b.2).
          if (object && !object->getType()->isPointerType()) holderReceives(object, std::move(srcs), at);
          break;
        case model::CaptureTarget::Global:
        case model::CaptureTarget::Unknown: {
          Fact f;
          f.kind = FactKind::Store;
          f.srcs = std::move(srcs);
          f.capturedBy = P;
          f.range = args[i]->getSourceRange();
          f.at = fullExpressionEnd(args[i]);
          emit(std::move(f));
          break;
        }
      }
    }
  }
}

}  // namespace ownership::lowering
