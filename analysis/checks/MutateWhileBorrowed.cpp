// mutate-while-borrowed (spec §2a.4): an owner is mutated while a borrow of it or of its
// elements is live (per container invalidation rules of the model).
//   const int& r = v[0]; v.push_back(1); use(r);  // cannot mutate `v` while it is borrowed
//   fix: `const T& r = v[0];` -> `T r = v[0];` when that one variable holds every conflicting borrow
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/TypeLoc.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixText.h"
#include "analysis/model/OwnershipModel.h"

using namespace clang;

namespace ownership::checks {
namespace {

// Words. `borrowed`: the place the live loan borrows; `later`: the loan's later use.
Diag mutateWhileBorrowed(const SourceConv& conv, SourceRange mutation, const std::string& mutated,
                         const std::string& borrowed, SourceRange borrow, SourceRange later) {
  Diag d = makeDiag(conv, Code::MutateWhileBorrowed, Severity::Error, mutation,
                    "cannot mutate `" + mutated + "` while it is borrowed", rule::MutateWhileBorrowed::Mutated);
  d.input.subject = mutated;
  if (borrow.isValid()) d.input.borrowSite = conv.range(borrow);
  addNote(conv, d, borrow, "borrow of `" + borrowed + "` occurs here");
  addNote(conv, d, later, "borrow later used here");
  return d;
}

// Whether mutating with `inval` invalidates loan L of an overlapping place (ErasedElement:
// see erasedElementHolders).
bool invalidates(model::Invalidation inval, const Loan& L) {
  if (inval == model::Invalidation::None) return false;
  if (inval == model::Invalidation::IteratorsOnly) return L.iterator;
  return true;
}

// A holder that refers to an element itself (`auto& x = *it`, `&it->second`, a view of
// `it->first`), not a position in the container: a reference, pointer or view whose
// referent is neither an iterator nor something that holds borrows.
bool refersToElement(const VarInfo& h) {
  if (!h.decl || h.implicit) return false;
  QualType T = h.decl->getType();
  model::Family f = model::familyOf(T);
  if (f == model::Family::View) return true;
  if (!T->isReferenceType() && !T->isPointerType()) return false;
  QualType P = T->getPointeeType();
  return model::familyOf(P) != model::Family::Iterator && !model::holdsBorrows(P);
}

// erase(it) of a node container (spec 2a.5): loans are per borrow site, so `it` shares its
// loans with every iterator computed from it (`next = std::next(it)`), which stay valid.
// What the erase invalidates is `it` itself and the references to the element taken
// through the loans it holds; other iterators holding them are not reported.
llvm::BitVector erasedElementHolders(const LoweredFunction& fn, const State& st, const Fact& f, unsigned l,
                                     const llvm::BitVector& holders) {
  llvm::BitVector out(holders.size());
  if (!f.erased.valid()) return out;
  unsigned ev = f.erased.index;
  if (ev >= st.loans.size() || st.loans[ev].size() <= l || !st.loans[ev].test(l)) return out;
  for (unsigned v : holders.set_bits())
    if (v == ev || refersToElement(fn.vars[v])) out.set(v);
  return out;
}

}  // namespace

// A mutation of `m` invalidates a borrow of `q` only when `q` lies in storage `m` owns
// indirectly: its elements, or what its (smart) pointer owns (`v[i]`, a view of a string,
// `up.get()`). A borrow of the object itself or of a field it holds by value stays valid:
// the storage does not move (`S* p = &s; s.b.push_back(1); p->a`; `int* p = &x; x = 2;`).
static bool reachedThroughIndirection(const Place& m, const Place& q) {
  if (q.kind != m.kind || q.root != m.root || q.path.size() <= m.path.size()) return false;
  if (!std::equal(m.path.begin(), m.path.end(), q.path.begin())) return false;
  for (size_t i = m.path.size(); i < q.path.size(); ++i)
    if (q.path[i] == kElems || q.path[i] == kDeref) return true;
  return false;
}

// Whether the object at `p` owns storage of its own that its member functions hand out
// borrows into: a container, string, optional, smart pointer or [[owner]] class.
static bool ownsStorage(const Place& p) {
  if (p.kind != RootKind::Local && p.kind != RootKind::Extern) return false;
  const auto* D = static_cast<const clang::ValueDecl*>(p.root);
  if (!D) return false;
  clang::QualType T = D->getType().getNonReferenceType();
  for (std::uintptr_t e : p.path) {
    if (e == kElems || e == kDeref) return false;
    T = reinterpret_cast<const clang::FieldDecl*>(e)->getType().getNonReferenceType();
  }
  model::Family f = model::familyOf(T);
  return model::isContainerFamily(f) || f == model::Family::Optional || f == model::Family::OwnerClass ||
         model::isSmartPointerFamily(f);
}

// A borrow an owner's member function handed out (`c.value(k)`, `tz.text(0)`) points into
// what the owner owns: its mutation may free it, as for its elements.
static bool handedOutByOwner(const Place& m, const Place& q, const Loan& L) {
  return L.viaCall && overlaps(m, q) && q.path.size() >= m.path.size() && ownsStorage(q);
}

void checkMutateWhileBorrowed(FunctionChecks& c, const At& at) {
  const Place& mp = c.place(at.f.place);
  if (at.f.inval == model::Invalidation::ErasedElement) {
    for (unsigned l = 0; l < c.fn.loans.size(); ++l) {
      const Loan& L = c.fn.loans[l];
      if (L.external || !overlaps(c.place(L.place), mp)) continue;
      llvm::BitVector holders =
          erasedElementHolders(c.fn, at.st, at.f, l, c.holdersOf(at.st, l, at.block, at.index));
      if (holders.none()) continue;
      c.report(mutateWhileBorrowed(c.conv, at.f.range, c.placeName(mp), c.placeName(c.place(L.place)), L.range,
                                   c.nextUse(at.block, at.index, holders)));
      return;
    }
    return;
  }
  std::optional<LoanConflict> k = findLoanConflict(
      c, at, [&](const Loan& L) {
        const Place& q = c.place(L.place);
        return (reachedThroughIndirection(mp, q) || handedOutByOwner(mp, q, L)) && invalidates(at.f.inval, L);
      });
  if (!k) return;
  const Loan& L = c.fn.loans[k->loan];
  c.report(mutateWhileBorrowed(c.conv, at.f.range, c.placeName(mp), c.placeName(c.place(L.place)), L.range,
                               c.nextUse(at.block, at.index, k->holders)));
}

// `const T& r = v[0];` -> `T r = v[0];`: the borrow the mutation conflicts with becomes
// an owned copy. Offered only when the dataflow shows that this one variable holds
// every conflicting borrow (else the diagnostic would stay).
void fixMutateWhileBorrowed(const FixContext& a, Diag& d) {
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (!fr) return;
  const LoweredFunction& fn = *fr->lowered;
  SourceConv conv(a.sm);
  Liveness live(fn);
  std::set<unsigned> holders;
  bool found = false;
  for (const CFGBlock* B : *fn.cfg) {
    unsigned id = B->getBlockID();
    if (id >= fr->dataflow.blockEntry.size() || !fr->dataflow.blockEntry[id].reached) continue;
    State st = fr->dataflow.blockEntry[id];
    const auto& facts = fn.blockFacts[id];
    for (unsigned i = 0; i < facts.size(); ++i) {
      const Fact& f = facts[i];
      if (f.kind == FactKind::Mutate && f.inval != model::Invalidation::None &&
          conv.range(f.range).begin.offset == d.range.begin.offset) {
        found = true;
        const Place& mp = fn.places[f.place.index];
        for (unsigned l = 0; l < fn.loans.size(); ++l) {
          const Loan& L = fn.loans[l];
          if (L.external || !overlaps(fn.places[L.place.index], mp)) continue;
          if (f.inval == model::Invalidation::IteratorsOnly && !L.iterator) continue;
          llvm::BitVector hs(fn.vars.size());
          for (unsigned v : live.liveAfter(id, i).set_bits())
            if (st.loans[v].test(l) && !(fn.vars[v].implicit && !fn.vars[v].origin)) hs.set(v);
          if (f.inval == model::Invalidation::ErasedElement) hs = erasedElementHolders(fn, st, f, l, hs);
          for (unsigned v : hs.set_bits()) holders.insert(v);
        }
      }
      transfer(fn, st, f);
    }
  }
  if (!found || holders.size() != 1) return;
  const VarInfo& h = fn.vars[*holders.begin()];
  const auto* VD = dyn_cast_or_null<VarDecl>(h.decl);
  if (!VD || isa<ParmVarDecl>(VD) || VD->isImplicit() || !VD->hasLocalStorage() || !VD->getInit()) return;
  if (!VD->getType()->isLValueReferenceType() || !VD->getTypeSourceInfo()) return;
  auto ps = a.ctx.getParents(*VD);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  if (!DS || !DS->isSingleDecl()) return;
  auto parentsOfDS = a.ctx.getParents(*DS);
  if (parentsOfDS.size() == 1 && parentsOfDS[0].get<CXXForRangeStmt>()) return;  // the loop variable
  QualType P = VD->getType().getNonReferenceType();
  QualType T = P.getUnqualifiedType();
  if (model::holdsBorrows(T) || !copyable(T)) return;
  if (!P.isConstQualified()) {
    // Through a non-const reference the code might write to the element; a copy
    // would silently take those writes. Only plain reads of scalars are copied.
    if (!T->isScalarType()) return;
    RefCollector refs;
    refs.decls.insert(VD->getCanonicalDecl());
    refs.TraverseStmt(const_cast<Stmt*>(fn.fn->getBody()));
    for (const Expr* r : refs.refs) {
      auto rp = a.ctx.getParents(*r);
      const auto* ICE = rp.size() == 1 ? rp[0].get<ImplicitCastExpr>() : nullptr;
      if (!ICE || ICE->getCastKind() != CK_LValueToRValue) return;
    }
  }
  auto rl = VD->getTypeSourceInfo()->getTypeLoc().getAsAdjusted<ReferenceTypeLoc>();
  if (!rl) return;
  TypeLoc pointee = rl.getPointeeLoc();
  if (auto ql = pointee.getAs<QualifiedTypeLoc>()) pointee = ql.getUnqualifiedLoc();
  auto txt = a.text(pointee.getSourceRange());
  auto whole = a.span(rl.getSourceRange());
  if (!txt || txt->empty() || !whole) return;
  unsigned b = widenOverQualifiers(a.t, whole->first);
  std::string text = *txt;
  if (whole->second < a.t.buf.size() && isIdentChar(a.t.buf[whole->second])) text += " ";
  Fix f;
  f.title = "copy the element into `" + h.name + "` before the mutation instead of borrowing it";
  f.preferred = true;
  f.edits.push_back(edit(a.t, b, whole->second, text));
  d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
