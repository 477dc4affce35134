// mutate-while-borrowed (spec §2a.4): an owner is mutated while a borrow of it or of its
// elements is live (per container invalidation rules of the model).
//   const int& r = v[0]; v.push_back(1); use(r);  // cannot mutate `v` while it is borrowed
//   fixes: `const T& r = v[0];` -> `T r = v[0];`; copy `*it` before the mutation; take the
//   borrow after it; `it = v.erase(it)`; an index loop instead of a range-for that appends
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/TypeLoc.h>

#include <clang/AST/RecursiveASTVisitor.h>
#include <llvm/ADT/StringSet.h>

#include "analysis/checks/Checks.h"
#include "analysis/checks/FixKit.h"
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
bool invalidates(model::Invalidation inval, const Loan& L, const std::string& erasedKey) {
  if (inval == model::Invalidation::None) return false;
  // `m.erase(k)` removes the element with key k: a borrow of the element some other key
  // names (`&m[other]`) may well be another element, which the code does not prove it is
  // not, so it is not reported (2b; decisions.md). The same key as written is; a borrow
  // with no key (an iterator from `begin()`, a range-for) is, as the loop may be on k.
  if (!erasedKey.empty() && !L.key.empty() && L.key != erasedKey) return false;
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
        return (reachedThroughIndirection(mp, q) || handedOutByOwner(mp, q, L)) && invalidates(at.f.inval, L, at.f.erasedKey);
      });
  if (!k) return;
  const Loan& L = c.fn.loans[k->loan];
  c.report(mutateWhileBorrowed(c.conv, at.f.range, c.placeName(mp), c.placeName(c.place(L.place)), L.range,
                               c.nextUse(at.block, at.index, k->holders)));
}

// ---------------------------------------------------------------------------
// Fixes (spec §4): copy the element before the mutation (the borrow's holder becomes a
// value, or its later reads use a copy taken before the mutation); take the borrow after the
// mutation (move its declaration there, or take it again right after); the iterator idioms
// (`it = v.erase(it)`, an index loop instead of a range-for that appends). Each needs to
// know every variable whose borrow the mutation invalidates: the dataflow is replayed to
// the mutation, and a fix is offered only when it deals with all of them.

namespace {

using namespace fixkit;

// The variables live after the mutation at `d` that hold a loan it invalidates.
std::optional<std::set<unsigned>> conflictingHolders(const FixContext& a, const Diag& d, const FunctionResult& fr) {
  const LoweredFunction& fn = *fr.lowered;
  SourceConv conv(a.sm);
  Liveness live(fn);
  std::set<unsigned> holders;
  bool found = false;
  for (const CFGBlock* B : *fn.cfg) {
    unsigned id = B->getBlockID();
    if (id >= fr.dataflow.blockEntry.size() || !fr.dataflow.blockEntry[id].reached) continue;
    State st = fr.dataflow.blockEntry[id];
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
  if (!found) return std::nullopt;
  return holders;
}

// A local variable the user declared (not a parameter, not compiler-made), in a block.
const VarDecl* userLocal(const VarInfo& h) {
  const auto* VD = dyn_cast_or_null<VarDecl>(h.decl);
  if (!VD || isa<ParmVarDecl>(VD) || VD->isImplicit() || h.implicit || !VD->hasLocalStorage() || VD->isStaticLocal() ||
      !VD->getIdentifier())
    return nullptr;
  return VD;
}

const DeclStmt* declStmtOf(const FixContext& a, const VarDecl* V) {
  auto ps = a.ctx.getParents(*V);
  const auto* DS = ps.size() == 1 ? ps[0].get<DeclStmt>() : nullptr;
  return DS && DS->isSingleDecl() ? DS : nullptr;
}

std::string textOf(const FixContext& a, std::pair<unsigned, unsigned> s) {
  return a.t.buf.substr(s.first, s.second - s.first).str();
}

// The statement of the mutation: one standing in a block, or the unbraced body of an
// `if`/`else` (then `wrap`: the edit must add braces around it).
struct MutationStmt {
  const Stmt* stmt = nullptr;
  const CompoundStmt* block = nullptr;  // null when wrapped
  std::pair<unsigned, unsigned> span;
};
std::optional<MutationStmt> mutationStatement(const FixContext& a, const Expr* M) {
  MutationStmt out;
  if (std::optional<InBlock> ib = blockStatementOf(a, DynTypedNode::create(*M))) {
    out.stmt = ib->stmt;
    out.block = ib->block;
  } else {
    // `if (c) v.push_back(x);`: the expression statement is the branch itself.
    const Expr* E = M;
    DynTypedNode p = parentOf(a, DynTypedNode::create(*E));
    while (const auto* W = p.get<ExprWithCleanups>()) {
      E = W;
      p = parentOf(a, p);
    }
    const auto* IS = p.get<IfStmt>();
    if (!IS || (IS->getThen() != E && IS->getElse() != E)) return std::nullopt;
    out.stmt = E;
  }
  auto s = stmtSpan(a, out.stmt);
  if (!s) return std::nullopt;
  out.span = *s;
  return out;
}

// `text` placed right after the mutation statement (adding braces when it is an unbraced branch).
void addAfter(const FixContext& a, const MutationStmt& ms, const std::string& text, Fix& f) {
  if (ms.block) {
    f.edits.push_back(insertAfter(a.t, ms.span.first, ms.span.second, text));
    return;
  }
  f.edits.push_back(edit(a.t, ms.span.first, ms.span.first, "{ "));
  f.edits.push_back(edit(a.t, ms.span.second, ms.span.second, " " + text + " }"));
}

// Copy the element: the holder itself becomes a value (`const T& r` -> `T r`, a view -> its owner).
std::optional<Fix> copyHolder(const FixContext& a, const FunctionDecl* F, const VarDecl* H) {
  Fix f;
  std::string name = H->getNameAsString();
  if (H->getType()->isLValueReferenceType()) {
    auto ps = a.ctx.getParents(*H);
    if (ps.size() == 1)
      if (const auto* DS = ps[0].get<DeclStmt>()) {
        auto pp = a.ctx.getParents(*DS);
        if (pp.size() == 1 && pp[0].get<CXXForRangeStmt>()) return std::nullopt;  // the loop variable
      }
    std::optional<TextEdit> e = referenceToValue(a, F, H);
    if (!e) return std::nullopt;
    f.title = "copy the element into `" + name + "` before the mutation instead of borrowing it";
    f.edits.push_back(*e);
    return f;
  }
  std::optional<OwnerRetype> r = viewToOwner(a, F, H);
  if (!r) return std::nullopt;
  f.title = "copy into `" + name + "` as a `" + r->owner + "` before the mutation instead of borrowing it";
  f.edits = std::move(r->edits);
  sortEdits(f);
  return f;
}

// How a later use reads through holder H: `*H`, `H->m`, `H[k]`.
struct DerefUse {
  enum Kind { Star, Arrow, Index } kind;
  std::pair<unsigned, unsigned> replace;  // the text replaced by the copy's name (+ "." for Arrow)
  std::string index;                      // Index: the subscript as written
  const Expr* value = nullptr;            // the element expression (`*H`, `H[k]`; Arrow: its base)
};
std::optional<DerefUse> derefUse(const FixContext& a, const DeclRefExpr* r) {
  const Expr* E = r;
  DynTypedNode p = a.parent(E);
  if (const auto* ICE = p.get<ImplicitCastExpr>(); ICE && ICE->getCastKind() == CK_LValueToRValue) {
    E = ICE;
    p = a.parent(E);
  }
  auto rs = a.span(r->getSourceRange());
  if (!rs) return std::nullopt;
  DerefUse u;
  if (const auto* U = p.get<UnaryOperator>(); U && U->getOpcode() == UO_Deref) {
    auto s = a.span(U->getSourceRange());
    if (!s) return std::nullopt;
    u = {DerefUse::Star, *s, "", U};
    E = U;
  } else if (const auto* OC = p.get<CXXOperatorCallExpr>(); OC && OC->getNumArgs() == 1 && OC->getArg(0) == E &&
                                                            (OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow)) {
    if (OC->getOperator() == OO_Star) {
      auto s = a.span(OC->getSourceRange());
      if (!s) return std::nullopt;
      u = {DerefUse::Star, *s, "", OC};
      E = OC;
    } else {
      const Expr* X = OC;
      DynTypedNode mp = a.parent(X);
      const auto* ME = mp.get<MemberExpr>();
      if (!ME || !ME->isArrow()) return std::nullopt;
      auto op = a.span(SourceRange(ME->getOperatorLoc(), ME->getOperatorLoc()));
      if (!op) return std::nullopt;
      u = {DerefUse::Arrow, {rs->first, op->second}, "", OC};
      E = ME;
    }
  } else if (const auto* ME = p.get<MemberExpr>(); ME && ME->isArrow() && ME->getBase()->IgnoreParenImpCasts() == r) {
    auto op = a.span(SourceRange(ME->getOperatorLoc(), ME->getOperatorLoc()));
    if (!op) return std::nullopt;
    u = {DerefUse::Arrow, {rs->first, op->second}, "", r};
    E = ME;
  } else if (const auto* AS = p.get<ArraySubscriptExpr>(); AS && AS->getBase() == E) {
    const auto* lit = dyn_cast<IntegerLiteral>(AS->getIdx()->IgnoreParenImpCasts());
    auto s = a.span(AS->getSourceRange());
    auto is = a.span(AS->getIdx()->getSourceRange());
    if (!lit || !s || !is) return std::nullopt;
    u = {DerefUse::Index, *s, textOf(a, *is), AS};
    E = AS;
  } else {
    return std::nullopt;
  }
  // Only read: the copy would not see writes.
  for (int guard = 0; guard < 8; ++guard) {
    DynTypedNode q = a.parent(E);
    if (const auto* ICE = q.get<ImplicitCastExpr>()) return ICE->getCastKind() == CK_LValueToRValue ? std::optional(u) : std::nullopt;
    if (const auto* ME = q.get<MemberExpr>()) {
      const Expr* M = ME;
      DynTypedNode mp = a.parent(M);
      if (const auto* MC = mp.get<CXXMemberCallExpr>(); MC && MC->getCallee() == M)
        return MC->getMethodDecl() && MC->getMethodDecl()->isConst() ? std::optional(u) : std::nullopt;
      E = ME;
      continue;
    }
    if (const auto* CE = q.get<CXXConstructExpr>())
      return CE->getConstructor() && CE->getConstructor()->isCopyConstructor() ? std::optional(u) : std::nullopt;
    if (const auto* P = q.get<Stmt>(); P && (isa<CallExpr>(P) || isa<CXXConstructExpr>(P))) {
      const ParmVarDecl* PV = paramOfArg(P, E);
      if (PV && PV->getType()->isLValueReferenceType() && PV->getType().getNonReferenceType().isConstQualified())
        return u;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Copy the element before the mutation: `auto x_value = *x;` just before it, and the reads
// through `x` that follow use the copy. For a pointer or iterator declared in the mutation's
// block whose later uses all read the same element.
std::optional<Fix> copyElementBefore(const FixContext& a, const FunctionDecl* F, const VarDecl* H,
                                     const MutationStmt& ms) {
  QualType T = H->getType();
  if (!ms.block || T->isReferenceType() || model::familyOf(T) == model::Family::View) return std::nullopt;
  if (!T->isPointerType() && model::familyOf(T) != model::Family::Iterator) return std::nullopt;
  const DeclStmt* DS = declStmtOf(a, H);
  auto ds = DS ? stmtSpan(a, DS) : std::nullopt;
  if (!DS || !ds || blockOf(a, DS) != ms.block || ds->second > ms.span.first) return std::nullopt;
  std::vector<DerefUse> uses;
  const Expr* valueExpr = nullptr;
  std::string index;
  bool indexed = false;
  for (const DeclRefExpr* r : refsTo(F->getBody(), H)) {
    auto rs = a.span(r->getSourceRange());
    if (!rs) return std::nullopt;
    if (rs->first < ms.span.second) continue;  // before the mutation: the element is still there
    std::optional<DerefUse> u = derefUse(a, r);
    if (!u) return std::nullopt;
    bool isIndex = u->kind == DerefUse::Index;
    if (!uses.empty() && (isIndex != indexed || (isIndex && u->index != index))) return std::nullopt;
    indexed = isIndex;
    index = u->index;
    if (!valueExpr) valueExpr = u->value;
    uses.push_back(*u);
  }
  if (uses.empty()) return std::nullopt;
  // The element is copied: a value of a copyable type that holds no borrow.
  QualType E = indexed ? valueExpr->getType() : (H->getType()->isPointerType() ? H->getType()->getPointeeType()
                                                                               : QualType());
  if (E.isNull()) {
    // An iterator: the type of `*it`.
    const Expr* V = valueExpr;
    if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(V)) {
      const FunctionDecl* Op = OC->getDirectCallee();
      QualType RT = Op ? Op->getReturnType() : QualType();
      if (OC->getOperator() == OO_Arrow && !RT.isNull() && RT->isPointerType()) E = RT->getPointeeType();
      else if (!RT.isNull() && RT->isReferenceType()) E = RT.getNonReferenceType();
      else return std::nullopt;  // a proxy
    }
  }
  if (E.isNull() || E->isVoidType() || !copyable(E.getUnqualifiedType()) || model::holdsBorrows(E.getUnqualifiedType()))
    return std::nullopt;
  auto [fb, fe] = [&]() -> std::pair<unsigned, unsigned> {
    if (auto s = a.span(F->getSourceRange())) return *s;
    return {0, static_cast<unsigned>(a.t.buf.size())};
  }();
  std::string name = freshName(a.t, fb, fe, H->getNameAsString() + "_value");
  std::string h = H->getNameAsString();
  std::string value = indexed ? h + "[" + index + "]" : "*" + h;
  Fix f;
  f.title = "copy `" + value + "` into `" + name + "` before the mutation and read the copy";
  f.edits.push_back(insertBefore(a.t, ms.span.first, "auto " + name + " = " + value + ";"));
  for (const DerefUse& u : uses)
    f.edits.push_back(edit(a.t, u.replace.first, u.replace.second, u.kind == DerefUse::Arrow ? name + "." : name));
  sortEdits(f);
  return f;
}

// Whether any reference to a variable `E` names occurs in [b, e) of F (a write there could
// change what `E` evaluates to).
bool namesUsedIn(const FixContext& a, const FunctionDecl* F, const Expr* E, unsigned b, unsigned e) {
  struct Names : RecursiveASTVisitor<Names> {
    llvm::SmallPtrSet<const ValueDecl*, 4> vars;
    bool VisitDeclRefExpr(DeclRefExpr* R) {
      if (isa<VarDecl>(R->getDecl()) || isa<BindingDecl>(R->getDecl())) vars.insert(R->getDecl());
      return true;
    }
  } names;
  names.TraverseStmt(const_cast<Expr*>(E));
  for (const ValueDecl* V : names.vars)
    for (const DeclRefExpr* r : refsTo(F->getBody(), V))
      if (auto s = a.span(r->getSourceRange()); !s || (s->first >= b && s->first < e)) return true;
  return false;
}

// The object a mutation changes, as written: `v` in `v.push_back(x)`, `s += t`, `s = t`.
const Expr* mutatedObject(const Expr* mutation) {
  mutation = bare(mutation);
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(mutation)) return MC->getImplicitObjectArgument();
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(mutation); OC && OC->getNumArgs() >= 1) return OC->getArg(0);
  if (const auto* BO = dyn_cast<BinaryOperator>(mutation)) return BO->getLHS();
  return nullptr;
}

// The accessor a borrow's initializer takes it with: `v.begin() + 2` -> `begin`, `&v[0]` ->
// `[]`, `m.find(k)` -> `find`; empty for anything else.
std::string accessorOf(const Expr* init) {
  const Expr* E = bare(init);
  for (int guard = 0; guard < 8 && E; ++guard) {
    if (const auto* U = dyn_cast<UnaryOperator>(E); U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)) {
      E = bare(U->getSubExpr());
      continue;
    }
    if (const auto* B = dyn_cast<BinaryOperator>(E); B && B->isAdditiveOp()) {
      E = bare(B->getLHS());
      continue;
    }
    if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OC->getOperator() == OO_Subscript) return "[]";
      if ((OC->getOperator() == OO_Plus || OC->getOperator() == OO_Minus || OC->getOperator() == OO_Star) &&
          OC->getNumArgs() >= 1) {
        E = bare(OC->getArg(0));
        continue;
      }
      return "";
    }
    if (isa<ArraySubscriptExpr>(E)) return "[]";
    if (const auto* MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl* M = MC->getMethodDecl();
      return M && M->getIdentifier() ? M->getName().str() : "";
    }
    if (const auto* C = dyn_cast<CallExpr>(E); C && C->getNumArgs() >= 1 && C->getDirectCallee() &&
                                               model::inStdNamespace(C->getDirectCallee()) &&
                                               C->getDirectCallee()->getIdentifier() &&
                                               (C->getDirectCallee()->getName() == "next" ||
                                                C->getDirectCallee()->getName() == "prev")) {
      E = bare(C->getArg(0));
      continue;
    }
    return "";
  }
  return "";
}

// Whether the borrow taken again after the mutation still designates what it meant: a saved
// `end()` is a position any mutation leaves meaningful; a position counted from the front of
// a vector, string or deque (`begin()`, `data()`, `v[i]`, `front()`) survives appends and
// reserves; a lookup in a node or unordered container (`find`, `at`) survives insertions. A
// view or C string of the whole content only survives a reserve. Assignments, `clear`,
// erasures (what was borrowed may be gone or have moved), `back()` after an append and user
// classes' mutations give something else: only copying keeps the meaning there.
bool retakeKeepsMeaning(const Expr* mutation, const VarDecl* H) {
  const Expr* obj = mutatedObject(mutation);
  if (!obj || !H->getInit()) return false;
  model::Family fam = model::familyOf(obj->getType());
  if (!model::isContainerFamily(fam)) return false;
  std::string acc = accessorOf(H->getInit());
  if (acc == "end" || acc == "cend") return true;
  llvm::StringRef n;
  if (const auto* MC = dyn_cast<CXXMemberCallExpr>(bare(mutation))) {
    const CXXMethodDecl* M = MC->getMethodDecl();
    if (!M || !M->getIdentifier()) return false;
    n = M->getName();
  } else if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(bare(mutation)); OC && OC->getOperator() == OO_PlusEqual) {
    n = "append";
  } else {
    return false;
  }
  QualType T = H->getType().getNonReferenceType();
  bool wholeContent = model::familyOf(T) == model::Family::View || (T->isPointerType() && T->getPointeeType()->isCharType());
  if (wholeContent) return n == "reserve" || n == "shrink_to_fit";
  static const llvm::StringSet<> kAppends = {"push_back", "emplace_back", "append", "reserve", "shrink_to_fit"};
  static const llvm::StringSet<> kFromFront = {"begin", "cbegin", "data", "front", "at", "[]"};
  static const llvm::StringSet<> kInserts = {"insert", "emplace", "emplace_hint", "try_emplace", "insert_or_assign"};
  if (fam == model::Family::Contiguous) return kAppends.contains(n) && kFromFront.contains(acc);
  return kInserts.contains(n) && (acc == "find" || acc == "at");
}

// Whether `E` reads a variable that holds a borrow (an iterator, a pointer, a view): such a
// variable may be what the mutation invalidates, so `E` cannot be evaluated after it.
bool readsBorrowHolder(const Expr* E) {
  struct Reads : RecursiveASTVisitor<Reads> {
    bool found = false;
    bool VisitDeclRefExpr(DeclRefExpr* R) {
      if (const auto* V = dyn_cast<VarDecl>(R->getDecl()))
        if (model::holdsBorrows(V->getType().getNonReferenceType())) found = true;
      return !found;
    }
  } r;
  r.TraverseStmt(const_cast<Expr*>(E));
  return r.found;
}

// Borrow a copy: `const char* p = s.c_str();` -> `auto s_copy = s; const char* p =
// s_copy.c_str();`. The copy, made where the borrow is taken, is never mutated; for a holder
// that only reads.
std::optional<Fix> borrowCopy(const FixContext& a, const FunctionDecl* F, const VarDecl* H, const Expr* mutation) {
  const DeclStmt* DS = declStmtOf(a, H);
  const Expr* obj = mutatedObject(mutation);
  const auto* OR = obj ? dyn_cast<DeclRefExpr>(obj->IgnoreParenImpCasts()) : nullptr;
  const auto* X = OR ? dyn_cast<VarDecl>(OR->getDecl()) : nullptr;
  if (!DS || !blockOf(a, DS) || !H->getInit() || !X || !X->isLocalVarDeclOrParm() || !X->getIdentifier()) return std::nullopt;
  QualType XT = X->getType().getNonReferenceType().getUnqualifiedType();
  if (!model::isContainerFamily(model::familyOf(XT)) || !copyable(XT) || model::holdsBorrows(XT)) return std::nullopt;
  // A view or a pointer into the content: an iterator or reference would be compared with or
  // stand for the original's elements.
  QualType HT = H->getType();
  if (model::familyOf(HT) != model::Family::View && !HT->isPointerType()) return std::nullopt;
  std::vector<const DeclRefExpr*> inInit = refsTo(H->getInit(), X);
  if (inInit.size() != 1) return std::nullopt;
  // The holder itself is only read (an assignment would borrow the original again).
  for (const DeclRefExpr* r : refsTo(F->getBody(), H)) {
    const Expr* E = r;
    DynTypedNode p = a.parent(E);
    if (const auto* BO = p.get<BinaryOperator>(); BO && BO->isAssignmentOp() && BO->getLHS() == E) return std::nullopt;
    if (const auto* OC = p.get<CXXOperatorCallExpr>(); OC && OC->isAssignmentOp() && OC->getArg(0) == E) return std::nullopt;
    if (const auto* U = p.get<UnaryOperator>(); U && (U->getOpcode() == UO_AddrOf || U->isIncrementDecrementOp()))
      return std::nullopt;
    if (const auto* ICE = p.get<ImplicitCastExpr>(); ICE && HT->isPointerType()) {
      // A pointer compared with or subtracted from another points into the original.
      const Expr* V = ICE;
      DynTypedNode q = a.parent(V);
      if (const auto* BO = q.get<BinaryOperator>(); BO && (BO->isComparisonOp() || BO->getOpcode() == BO_Sub))
        return std::nullopt;
    }
  }
  auto ds = stmtSpan(a, DS);
  auto xs = a.span(inInit.front()->getSourceRange());
  auto fs = a.span(F->getSourceRange());
  if (!ds || !xs || !fs) return std::nullopt;
  std::string name = freshName(a.t, fs->first, fs->second, X->getNameAsString() + "_copy");
  Fix f;
  f.title = "borrow a copy of `" + X->getNameAsString() + "` made before the mutation";
  f.edits.push_back(insertBefore(a.t, ds->first, "auto " + name + " = " + X->getNameAsString() + ";"));
  f.edits.push_back(edit(a.t, xs->first, xs->second, name));
  sortEdits(f);
  return f;
}

// Take the borrow after the mutation: its declaration moves right after it, when nothing
// between uses it and its initializer can be evaluated again later with the same meaning.
std::optional<Fix> moveBorrowAfter(const FixContext& a, const FunctionDecl* F, const VarDecl* H, const MutationStmt& ms) {
  const DeclStmt* DS = declStmtOf(a, H);
  if (!DS || !ms.block || blockOf(a, DS) != ms.block || !H->getInit()) return std::nullopt;
  auto ds = stmtSpan(a, DS);
  if (!ds || ds->second > ms.span.first) return std::nullopt;
  for (const DeclRefExpr* r : refsTo(F->getBody(), H))
    if (auto s = a.span(r->getSourceRange()); !s || s->first < ms.span.second) return std::nullopt;
  if (!reevaluable(a, H->getInit(), ds->first) || readsBorrowHolder(H->getInit())) return std::nullopt;
  // What the initializer reads must not change between: the mutated object aside, nothing it
  // names is mentioned there.
  if (namesUsedIn(a, F, H->getInit(), ds->second, ms.span.first)) return std::nullopt;
  Fix f;
  f.title = "take the borrow `" + H->getNameAsString() + "` after the mutation";
  f.edits.push_back(removeStatement(a.t, ds->first, ds->second));
  f.edits.push_back(insertAfter(a.t, ms.span.first, ms.span.second, textOf(a, *ds)));
  sortEdits(f);
  return f;
}

// Take the borrow again right after the mutation: `end = v.end();`.
std::optional<Fix> retakeAfter(const FixContext& a, const FunctionDecl* F, const VarDecl* H, const MutationStmt& ms) {
  const DeclStmt* DS = declStmtOf(a, H);
  const Expr* init = H->getInit();
  if (!DS || !blockOf(a, DS) || !init || H->getType()->isReferenceType() || H->getType().isConstQualified() ||
      H->getInitStyle() != VarDecl::CInit || model::familyOf(H->getType()) == model::Family::View)
    return std::nullopt;
  auto ds = stmtSpan(a, DS);
  auto is = a.span(init->getSourceRange());
  if (!ds || !is || ds->second > ms.span.first || !reevaluable(a, init, ds->first) || readsBorrowHolder(init))
    return std::nullopt;
  std::string name = H->getNameAsString();
  std::string text = name + " = " + textOf(a, *is) + ";";
  Fix f;
  f.title = "take `" + name + "` again after the mutation: `" + text + "`";
  addAfter(a, ms, text, f);
  sortEdits(f);
  return f;
}

bool isIncrementOf(const Expr* E, const VarDecl* V) {
  if (!E) return false;
  E = E->IgnoreParenImpCasts();
  const Expr* operand = nullptr;
  if (const auto* U = dyn_cast<UnaryOperator>(E); U && U->isIncrementOp()) operand = U->getSubExpr();
  if (const auto* OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getOperator() == OO_PlusPlus && OC->getNumArgs() >= 1)
    operand = OC->getArg(0);
  const auto* DR = operand ? dyn_cast<DeclRefExpr>(operand->IgnoreParenImpCasts()) : nullptr;
  return DR && DR->getDecl() == V;
}

// Statements of kind T in S, not counting those of nested loops, switches (for `continue`:
// loops only) or lambdas.
struct ContinueFinder : RecursiveASTVisitor<ContinueFinder> {
  bool found = false;
  bool VisitContinueStmt(ContinueStmt*) {
    found = true;
    return false;
  }
  bool TraverseForStmt(ForStmt*) { return true; }
  bool TraverseWhileStmt(WhileStmt*) { return true; }
  bool TraverseDoStmt(DoStmt*) { return true; }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt*) { return true; }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }
};

// The loop statements between node `n` and `top` (exclusive): whether `n` runs in a loop
// nested inside `top`.
bool inLoopBelow(const FixContext& a, const Stmt* n, const Stmt* top) {
  DynTypedNode cur = DynTypedNode::create(*n);
  for (int guard = 0; guard < 256; ++guard) {
    DynTypedNode p = parentOf(a, cur);
    const auto* S = p.get<Stmt>();
    if (!S) return true;
    if (S == top) return false;
    if (isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<CXXForRangeStmt>(S) || isa<LambdaExpr>(S))
      return true;
    cur = p;
  }
  return true;
}

// `c.erase(it);` where `it` is used later: keep the iterator erase returns. In a `for` loop
// that advances `it`, the erase takes the place of the advance on that iteration.
std::vector<Fix> eraseFixes(const FixContext& a, const FunctionDecl* F, const CXXMemberCallExpr* MC,
                            const std::set<unsigned>& holders, const LoweredFunction& fn) {
  const CXXMethodDecl* M = MC ? MC->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() || M->getName() != "erase" || MC->getNumArgs() != 1 || M->getReturnType()->isVoidType())
    return {};
  const auto* DR = dyn_cast<DeclRefExpr>(temporarySource(MC->getArg(0)));  // through iterator -> const_iterator
  const auto* it = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!it || isa<ParmVarDecl>(it) || !it->hasLocalStorage() || it->getType().isConstQualified() ||
      it->getType()->isReferenceType() || model::familyOf(it->getType()) != model::Family::Iterator)
    return {};
  if (holders.size() != 1 || fn.vars[*holders.begin()].decl != it) return {};
  // `it = c.erase(it)`: the returned iterator must be assignable to `it`.
  QualType R = M->getReturnType().getCanonicalType().getUnqualifiedType();
  QualType IT = it->getType().getCanonicalType().getUnqualifiedType();
  if (R != IT) {
    const auto* RD = IT->getAsCXXRecordDecl();
    bool converts = false;
    if (RD)
      for (const Decl* D : RD->decls()) {
        const auto* C = dyn_cast<CXXConstructorDecl>(D);
        if (const auto* FT = dyn_cast<FunctionTemplateDecl>(D)) C = dyn_cast<CXXConstructorDecl>(FT->getTemplatedDecl());
        if (C && !C->isCopyOrMoveConstructor() && C->getNumParams() == 1 && !C->isExplicit()) converts = true;
      }
    if (!converts) return {};
  }
  std::optional<MutationStmt> ms = mutationStatement(a, MC);
  if (!ms) return {};
  const Expr* top = dyn_cast<Expr>(ms->stmt);
  if (!top || bare(top) != MC) return {};  // the result is discarded: the statement is the call
  auto cs = a.span(MC->getSourceRange());
  if (!cs) return {};
  std::string name = it->getNameAsString();
  std::string call = textOf(a, *cs);
  std::vector<Fix> out;
  // The loop forms: `for (...; ...; ++it) { ... c.erase(it); ... }` and `while (...) { ...
  // c.erase(it); ... ++it; }`: on the iteration that erases, the returned iterator replaces
  // the advance.
  DynTypedNode cur = DynTypedNode::create(*MC);
  const Stmt* loop = nullptr;
  for (int guard = 0; guard < 256 && !loop; ++guard) {
    DynTypedNode p = parentOf(a, cur);
    if (p.get<FunctionDecl>() || p.get<LambdaExpr>() || p.get<DoStmt>() || p.get<CXXForRangeStmt>() ||
        p.get<SwitchStmt>() || p.getNodeKind().isNone())
      break;
    if (const auto* FS = p.get<ForStmt>()) {
      if (FS->getBody() != cur.get<Stmt>()) break;
      loop = FS;
    }
    if (const auto* WS = p.get<WhileStmt>()) {
      if (WS->getBody() != cur.get<Stmt>()) break;
      loop = WS;
    }
    cur = p;
  }
  if (loop) {
    const auto* FS = dyn_cast<ForStmt>(loop);
    const auto* body = dyn_cast<CompoundStmt>(FS ? FS->getBody() : cast<WhileStmt>(loop)->getBody());
    if (!body || body->body_empty()) return out;
    ContinueFinder cf;
    for (Stmt* st : body->body()) cf.TraverseStmt(st);
    if (cf.found) return out;
    // The advance: the `for`'s increment, or the `while` body's last statement.
    const Expr* advanceExpr = FS ? FS->getInc() : dyn_cast<Expr>(body->body_back());
    if (!isIncrementOf(advanceExpr, it) || (!FS && ms->stmt == body->body_back())) return out;
    // Nothing the iteration would still do after the erase is skipped by the `continue`: the
    // erase ends its block, each block around it ends the next (through `if` branches), up to
    // the body (before the `while`'s advance).
    const Stmt* child = ms->block ? ms->stmt : cast<Stmt>(MC);
    for (int guard = 0; guard < 64; ++guard) {
      DynTypedNode p = parentOf(a, DynTypedNode::create(*child));
      if (const auto* W = p.get<ExprWithCleanups>()) {
        child = W;
        continue;
      }
      if (const auto* CS = p.get<CompoundStmt>()) {
        if (CS == body) {
          const Stmt* last = FS ? body->body_back() : *(body->body_end() - 2);
          if (child != last) return out;
          break;
        }
        if (CS->body_back() != child) return out;
        child = CS;
        continue;
      }
      if (const auto* IS = p.get<IfStmt>(); IS && (IS->getThen() == child || IS->getElse() == child)) {
        child = IS;
        continue;
      }
      return out;
    }
    auto inc = a.span(advanceExpr->getSourceRange());
    auto rb = a.span(SourceRange(body->getRBracLoc(), body->getRBracLoc()));
    if (!inc || !rb) return out;
    Fix f;
    f.title = "advance `" + name + "` with the iterator `erase` returns instead of `" + textOf(a, *inc) + "` after it";
    std::string replaced = name + " = " + call + ";";
    if (ms->block) {
      f.edits.push_back(edit(a.t, ms->span.first, ms->span.second, replaced));
      f.edits.push_back(insertAfter(a.t, ms->span.first, ms->span.second, "continue;"));
    } else {
      f.edits.push_back(edit(a.t, ms->span.first, ms->span.second, "{ " + replaced + " continue; }"));
    }
    if (FS) {
      // The increment moves to the end of the body, where `continue` skips it.
      f.edits.push_back(edit(a.t, inc->first, inc->second, ""));
      std::string advance = textOf(a, *inc) + ";";
      unsigned ls = a.t.lineStart(rb->first);
      auto first = stmtSpan(a, body->body_front());
      if (first && a.t.buf.substr(ls, rb->first - ls).trim().empty())
        f.edits.push_back(edit(a.t, ls, ls, a.t.indentOf(first->first) + advance + "\n"));
      else
        f.edits.push_back(edit(a.t, rb->first, rb->first, advance + " "));
    }
    sortEdits(f);
    out.push_back(std::move(f));
    return out;
  }
  // Straight-line code only: in a loop the returned iterator could be advanced once more.
  const DeclStmt* DS = declStmtOf(a, it);
  const CompoundStmt* scope = DS ? blockOf(a, DS) : nullptr;
  if (!scope || inLoopBelow(a, MC, scope)) return out;
  Fix f;
  f.title = "keep the iterator `erase` returns: `" + name + " = " + call + "`";
  f.edits.push_back(edit(a.t, cs->first, cs->first, name + " = "));
  out.push_back(std::move(f));
  return out;
}

// A range-for over a vector, deque or string that appends to it: iterate by index over the
// elements there were, taking each element afresh (appends may reallocate). Only when the
// loop's body changes the container by appending at its end and reads the loop variable
// only before the append.
std::optional<Fix> indexLoop(const FixContext& a, const FunctionDecl* F, const Expr* mutation,
                             const std::set<unsigned>& holders, const LoweredFunction& fn) {
  const auto* MC = dyn_cast<CXXMemberCallExpr>(mutation);
  const auto* OC = dyn_cast<CXXOperatorCallExpr>(mutation);
  const Expr* object = nullptr;
  if (MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier()) {
    llvm::StringRef n = MC->getMethodDecl()->getName();
    if (n != "push_back" && n != "emplace_back" && n != "append") return std::nullopt;
    object = MC->getImplicitObjectArgument();
  } else if (OC && OC->getOperator() == OO_PlusEqual && OC->getNumArgs() == 2) {
    object = OC->getArg(0);
  } else {
    return std::nullopt;
  }
  const auto* objRef = dyn_cast<DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* C = objRef ? dyn_cast<VarDecl>(objRef->getDecl()) : nullptr;
  if (!C) return std::nullopt;
  QualType CT = C->getType().getNonReferenceType();
  if (!isStdNamed(CT, "vector") && !isStdNamed(CT, "deque") && !model::isStdString(CT)) return std::nullopt;
  // The innermost range-for over C around the mutation.
  const CXXForRangeStmt* loop = nullptr;
  DynTypedNode cur = DynTypedNode::create(*mutation);
  for (int guard = 0; guard < 256 && !loop; ++guard) {
    DynTypedNode p = parentOf(a, cur);
    if (p.getNodeKind().isNone() || p.get<FunctionDecl>() || p.get<LambdaExpr>()) return std::nullopt;
    if (const auto* RF = p.get<CXXForRangeStmt>()) {
      const auto* R = RF->getRangeInit() ? dyn_cast<DeclRefExpr>(RF->getRangeInit()->IgnoreParenImpCasts()) : nullptr;
      if (RF->getBody() == cur.get<Stmt>() && R && R->getDecl() == C) loop = RF;
      else if (RF->getBody() == cur.get<Stmt>()) return std::nullopt;  // an inner loop over something else
    }
    cur = p;
  }
  if (!loop || loop->getInit() || !loop->getLoopVariable()) return std::nullopt;
  const VarDecl* LV = loop->getLoopVariable();
  // Every conflicting borrow is the loop's own: its hidden range, iterators and variable.
  llvm::SmallPtrSet<const Decl*, 4> own;
  own.insert(LV);
  for (const DeclStmt* DS : {loop->getRangeStmt(), loop->getBeginStmt(), loop->getEndStmt()})
    if (DS)
      for (const Decl* D : DS->decls()) own.insert(D);
  for (unsigned v : holders)
    if (!own.count(fn.vars[v].decl)) return std::nullopt;
  if (inLoopBelow(a, mutation, loop)) return std::nullopt;
  auto ms = a.span(mutation->getSourceRange());
  if (!ms) return std::nullopt;
  // A reference loop variable (and its bindings) is read only up to the append (its
  // arguments included: the standard makes appending an element of the vector itself work).
  std::vector<const ValueDecl*> names;
  if (LV->getType()->isReferenceType()) names.push_back(LV);
  if (const auto* DD = dyn_cast<DecompositionDecl>(LV); DD && LV->getType()->isReferenceType())
    for (const BindingDecl* B : DD->bindings()) names.push_back(B);
  for (const ValueDecl* V : names)
    for (const DeclRefExpr* r : refsTo(loop->getBody(), V))
      if (auto s = a.span(r->getSourceRange()); !s || s->first >= ms->second) return std::nullopt;
  // In the body, the container is only read or appended to.
  for (const DeclRefExpr* r : refsTo(loop->getBody(), C)) {
    const Expr* E = r;
    DynTypedNode p = a.parent(E);
    if (const auto* ME = p.get<MemberExpr>()) {
      const Expr* M = ME;
      DynTypedNode mp = a.parent(M);
      const auto* call = mp.get<CXXMemberCallExpr>();
      const CXXMethodDecl* MD = call ? call->getMethodDecl() : nullptr;
      if (!MD) return std::nullopt;
      if (MD->isConst() || (MD->getIdentifier() && (MD->getName() == "push_back" || MD->getName() == "emplace_back" ||
                                                     MD->getName() == "append")))
        continue;
      model::MemberInfo mi = model::memberInfo(MD, model::familyOf(CT));
      if (mi.effect == model::Effect::InteriorBorrow || mi.effect == model::Effect::Read) continue;
      return std::nullopt;
    }
    if (const auto* O = p.get<CXXOperatorCallExpr>(); O && O->getNumArgs() >= 1 && O->getArg(0) == E &&
                                                       (O->getOperator() == OO_PlusEqual || O->getOperator() == OO_Subscript))
      continue;
    if (const auto* ICE = p.get<ImplicitCastExpr>(); ICE && ICE->getCastKind() == CK_LValueToRValue) continue;
    return std::nullopt;
  }
  if (!a.stdDecl("size_t")) return std::nullopt;
  auto lp = a.span(SourceRange(loop->getBeginLoc(), loop->getBeginLoc()));
  auto colon = a.span(SourceRange(loop->getColonLoc(), loop->getColonLoc()));
  auto rp = a.span(SourceRange(loop->getRParenLoc(), loop->getRParenLoc()));
  auto body = stmtSpan(a, loop->getBody());
  auto range = a.span(loop->getRangeInit()->getSourceRange());
  if (!lp || !colon || !rp || !body || !range) return std::nullopt;
  size_t open = a.t.buf.substr(lp->first, colon->first - lp->first).find('(');
  if (open == llvm::StringRef::npos) return std::nullopt;
  unsigned declBegin = lp->first + static_cast<unsigned>(open) + 1;
  std::string decl = a.t.buf.substr(declBegin, colon->first - declBegin).trim().str();
  std::string rangeText = textOf(a, *range);
  auto fnText = a.span(F->getSourceRange());
  if (decl.empty() || !fnText) return std::nullopt;
  std::string i = freshName(a.t, fnText->first, fnText->second, "i");
  std::string n = freshName(a.t, fnText->first, fnText->second, "count");
  Fix f;
  f.title = "iterate by index over the elements `" + rangeText + "` had, so appending does not invalidate the loop";
  f.edits.push_back(edit(a.t, declBegin, rp->first,
                         "std::size_t " + i + " = 0, " + n + " = " + rangeText + ".size(); " + i + " < " + n + "; ++" + i));
  std::string element = decl + " = " + rangeText + "[" + i + "];";
  if (const auto* CS = dyn_cast<CompoundStmt>(loop->getBody())) {
    auto lb = a.span(SourceRange(CS->getLBracLoc(), CS->getLBracLoc()));
    if (!lb) return std::nullopt;
    std::string indent = CS->body_empty() ? a.t.indentOf(lp->first) + "  " : "";
    if (!CS->body_empty())
      if (auto first = stmtSpan(a, CS->body_front())) indent = a.t.indentOf(first->first);
    f.edits.push_back(edit(a.t, lb->second, lb->second, "\n" + indent + element));
  } else {
    f.edits.push_back(edit(a.t, body->first, body->first, "{ " + element + " "));
    f.edits.push_back(edit(a.t, body->second, body->second, " }"));
  }
  sortEdits(f);
  return f;
}

}  // namespace

void fixMutateWhileBorrowed(const FixContext& a, Diag& d) {
  const FunctionResult* fr = a.functionAt(d.range.begin.offset);
  if (!fr || !fr->lowered || !fr->lowered->fn->getBody()) return;
  const LoweredFunction& fn = *fr->lowered;
  const FunctionDecl* F = fn.fn;
  std::optional<std::set<unsigned>> holders = conflictingHolders(a, d, *fr);
  if (!holders || holders->empty()) return;
  const Expr* mutation = exprAt(a, F, d.range.begin.offset, d.range.end.offset);
  std::optional<MutationStmt> ms = mutation ? mutationStatement(a, mutation) : std::nullopt;
  const VarDecl* H = holders->size() == 1 ? userLocal(fn.vars[*holders->begin()]) : nullptr;
  std::vector<Fix> fixes;
  auto add = [&](std::optional<Fix> f) {
    if (f) fixes.push_back(std::move(*f));
  };
  std::vector<Fix> erase = mutation ? eraseFixes(a, F, dyn_cast<CXXMemberCallExpr>(bare(mutation)), *holders, fn)
                                    : std::vector<Fix>{};
  bool eraseLoop = !erase.empty() && erase.front().title.starts_with("advance");
  if (H) add(copyHolder(a, F, H));
  if (eraseLoop) fixes.push_back(std::move(erase.front()));
  if (mutation) add(indexLoop(a, F, bare(mutation), *holders, fn));
  if (H && ms) {
    add(copyElementBefore(a, F, H, *ms));
    if (fixes.empty()) add(borrowCopy(a, F, H, mutation));
    if (retakeKeepsMeaning(mutation, H)) {
      add(moveBorrowAfter(a, F, H, *ms));
      add(retakeAfter(a, F, H, *ms));
    }
  }
  if (!eraseLoop)
    for (Fix& f : erase) fixes.push_back(std::move(f));
  if (!fixes.empty()) fixes.front().preferred = true;
  for (Fix& f : fixes) d.fixes.push_back(std::move(f));
}

}  // namespace ownership::checks
