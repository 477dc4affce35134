// Forward dataflow: a worklist over CFG blocks in reverse post-order, joining owner
// states (bit sets) and origin loan sets at merges, with a hard cap on block visits.
#include "analysis/Dataflow.h"

#include <clang/Analysis/Analyses/PostOrderCFGView.h>

#include <deque>

namespace ownership {

State initialState(const LoweredFunction& fn) {
  State st;
  st.reached = true;
  st.owners.assign(fn.vars.size(), OwnerState{});
  st.loans.assign(fn.vars.size(), llvm::BitVector(fn.loans.size()));
  st.released = llvm::BitVector(fn.loans.size());
  st.releasedAt.assign(fn.loans.size(), 0);
  for (const Fact& f : fn.entryFacts) transfer(fn, st, f);
  return st;
}

static unsigned pickLoc(unsigned a, unsigned b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(a, b);
}

bool join(State& acc, const State& in) {
  if (!in.reached) return false;
  if (!acc.reached) {
    acc = in;
    return true;
  }
  State before = acc;
  for (size_t i = 0; i < acc.owners.size(); ++i) {
    OwnerState& a = acc.owners[i];
    const OwnerState& b = in.owners[i];
    a.bits |= b.bits;
    a.moveLoc = pickLoc(a.moveLoc, b.moveLoc);
    a.releaseLoc = pickLoc(a.releaseLoc, b.releaseLoc);
  }
  for (size_t i = 0; i < acc.loans.size(); ++i) acc.loans[i] |= in.loans[i];
  for (size_t i = 0; i < acc.releasedAt.size(); ++i)
    if (in.released.test(i)) acc.releasedAt[i] = pickLoc(acc.released.test(i) ? acc.releasedAt[i] : 0, in.releasedAt[i]);
  acc.released |= in.released;
  return !(before == acc);
}

llvm::BitVector resolve(const LoweredFunction& fn, const State& st, const std::vector<Source>& srcs) {
  llvm::BitVector out(fn.loans.size());
  for (const Source& s : srcs) {
    if (s.kind == Source::NewLoan)
      out.set(s.id);
    else if (s.id < st.loans.size())
      out |= st.loans[s.id];
  }
  return out;
}

static void releaseLoansOf(const LoweredFunction& fn, State& st, VarId v, unsigned loc) {
  const void* root = fn.vars[v.index].decl;
  for (unsigned i = 0; i < fn.loans.size(); ++i) {
    const Place& p = fn.places[fn.loans[i].place.index];
    if (p.root == root && p.kind != RootKind::Temp && !st.released.test(i)) {
      st.released.set(i);
      st.releasedAt[i] = loc;
    }
  }
}

void transfer(const LoweredFunction& fn, State& st, const Fact& f) {
  unsigned loc = f.range.getBegin().getRawEncoding();
  switch (f.kind) {
    case FactKind::Move: {
      OwnerState& o = st.owners[f.var.index];
      o.bits = kMoved;
      o.moveLoc = loc;
      // The pointee went with the pointer into storage that outlives the function (a member, a
      // non-local container): its borrows now borrow storage this function does not own and
      // does not see die (spec 2b.2). They are let go.
      const VarInfo& v = fn.vars[f.var.index];
      if (f.pointeeLivesOn) {
        llvm::BitVector gone(fn.loans.size());
        for (unsigned i = 0; i < fn.loans.size(); ++i)
          if (isPointeeOf(fn.places[fn.loans[i].place.index], v)) gone.set(i);
        if (gone.any())
          for (llvm::BitVector& held : st.loans) held.reset(gone);
      }
      return;
    }
    case FactKind::Release: {
      OwnerState& o = st.owners[f.var.index];
      releaseLoansOf(fn, st, f.var, loc);
      if (f.release == ReleaseHow::SmartResetWithNew) {
        o.bits = kOwnedBit;
        return;
      }
      if (o.bits & kNullBit && !(o.bits & ~kNullBit)) return;  // delete of null: nothing happens
      o.bits = kReleased;
      o.releaseLoc = loc;
      return;
    }
    case FactKind::Reinit: {
      OwnerState& o = st.owners[f.var.index];
      if (f.reinit == ReinitValue::Null)
        o.bits = kNullBit;
      else if (f.reinit == ReinitValue::NotOwning)
        o.bits = kHandedOn;
      else
        o.bits = kOwnedBit;
      // A struct given a fresh value: its tracked owner fields hold fresh values too.
      if (f.var.index < fn.children.size())
        for (std::uint32_t c : fn.children[f.var.index]) st.owners[c] = OwnerState{kOwnedBit, 0, 0};
      return;
    }
    case FactKind::Escape: {
      OwnerState& o = st.owners[f.var.index];
      if (o.bits & kOwnedBit) o.bits = static_cast<std::uint8_t>((o.bits & ~kOwnedBit) | kHandedOn);
      return;
    }
    case FactKind::ScopeEnd: {
      st.owners[f.var.index] = OwnerState{};
      st.loans[f.var.index].reset();
      if (f.var.index < fn.children.size())
        for (std::uint32_t c : fn.children[f.var.index]) st.owners[c] = OwnerState{};
      return;
    }
    case FactKind::Assign: {
      llvm::BitVector in = resolve(fn, st, f.srcs);
      if (f.replace)
        st.loans[f.var.index] = in;
      else
        st.loans[f.var.index] |= in;
      // A fresh loan taken now is not released, even if an earlier one at the same
      // site was (loops).
      for (const Source& s : f.srcs)
        if (s.kind == Source::NewLoan) st.released.reset(s.id);
      return;
    }
    case FactKind::Return: {
      // Owners left behind are judged at their scope ends.
      return;
    }
    default:
      return;
  }
}

void applyRefinement(const LoweredFunction& fn, State& st, const clang::CFGBlock& from, unsigned succIndex) {
  const auto& r = fn.refinements[from.getBlockID()];
  if (!r || succIndex > 1) return;
  bool isTrueEdge = succIndex == 0;
  OwnerState& o = st.owners[r->var.index];
  if (isTrueEdge == r->nullOnTrue) {
    if (o.bits & (kOwnedBit | kHandedOn)) o.bits = kNullBit;
  } else if (fn.vars[r->var.index].owner == OwnerKind::Smart && (o.bits & (kMoved | kReleased))) {
    // A moved-from or reset() smart pointer is null (the standard guarantees it), so on the
    // edge where it tested non-null it was neither: `if (p) p->f();` after a maybe-move or
    // a maybe-reset.
    o.bits = static_cast<std::uint8_t>(o.bits & ~(kMoved | kReleased));
    if (!o.bits) o.bits = kOwnedBit;  // only moved or released: this edge cannot be taken
  }
}

DataflowResult runDataflow(const LoweredFunction& fn, unsigned maxBlockVisits) {
  DataflowResult res;
  const clang::CFG& cfg = *fn.cfg;
  unsigned n = cfg.getNumBlockIDs();
  res.blockEntry.assign(n, State{});
  std::vector<unsigned> rpoIndex(n, 0);
  std::vector<const clang::CFGBlock*> byId(n, nullptr);
  for (const clang::CFGBlock* X : cfg) byId[X->getBlockID()] = X;
  clang::PostOrderCFGView po(&cfg);
  std::vector<const clang::CFGBlock*> rpo(po.begin(), po.end());
  for (unsigned i = 0; i < rpo.size(); ++i) rpoIndex[rpo[i]->getBlockID()] = i;

  const clang::CFGBlock& entry = cfg.getEntry();
  res.blockEntry[entry.getBlockID()] = initialState(fn);
  // Worklist ordered by RPO index so loops converge quickly.
  std::vector<bool> queued(n, false);
  std::vector<unsigned> work;  // a heap on rpo index
  auto push = [&](unsigned id) {
    if (queued[id]) return;
    queued[id] = true;
    work.push_back(id);
    std::push_heap(work.begin(), work.end(), [&](unsigned a, unsigned b) { return rpoIndex[a] > rpoIndex[b]; });
  };
  push(entry.getBlockID());
  while (!work.empty()) {
    std::pop_heap(work.begin(), work.end(), [&](unsigned a, unsigned b) { return rpoIndex[a] > rpoIndex[b]; });
    unsigned id = work.back();
    work.pop_back();
    queued[id] = false;
    if (++res.blockVisits > maxBlockVisits) {
      res.capped = true;
      return res;
    }
    const clang::CFGBlock* B = byId[id];
    if (!B) continue;
    State st = res.blockEntry[id];
    if (!st.reached) continue;
    for (const Fact& f : fn.blockFacts[id]) {
      // Entering a try body: the state so far also reaches the handlers (see Lowering).
      if (f.kind == FactKind::MayThrow && f.block < n && join(res.blockEntry[f.block], st)) push(f.block);
      transfer(fn, st, f);
    }
    unsigned si = 0;
    for (const auto& succ : B->succs()) {
      const clang::CFGBlock* S = succ.getReachableBlock();
      unsigned idx = si++;
      if (!S) continue;
      State out = st;
      applyRefinement(fn, out, *B, idx);
      if (join(res.blockEntry[S->getBlockID()], out)) push(S->getBlockID());
    }
  }
  return res;
}

}  // namespace ownership
