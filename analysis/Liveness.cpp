// Backward liveness of origin variables over the lowered facts.
#include "analysis/Liveness.h"

namespace ownership {

void originUsesAndDef(const Fact& f, llvm::BitVector& uses, int& def) {
  def = -1;
  switch (f.kind) {
    case FactKind::OriginUse:
      uses.set(f.var.index);
      break;
    case FactKind::Assign:
    case FactKind::Return:
    case FactKind::Store:
      for (const Source& s : f.srcs)
        if (s.kind == Source::CopyOf) uses.set(s.id);
      if (f.kind == FactKind::Assign && f.replace) def = static_cast<int>(f.var.index);
      if (f.kind == FactKind::Assign && !f.replace) uses.set(f.var.index);
      break;
    case FactKind::ScopeEnd:
      def = static_cast<int>(f.var.index);
      break;
    default:
      break;
  }
}

static void step(const Fact& f, llvm::BitVector& live) {
  llvm::BitVector uses(live.size());
  int def = -1;
  originUsesAndDef(f, uses, def);
  if (def >= 0) live.reset(def);
  live |= uses;
}

Liveness::Liveness(const LoweredFunction& fn) {
  const clang::CFG& cfg = *fn.cfg;
  unsigned n = cfg.getNumBlockIDs();
  unsigned nv = fn.vars.size();
  in_.assign(n, llvm::BitVector(nv));
  after_.resize(n);
  std::vector<const clang::CFGBlock*> byId(n, nullptr);
  for (const clang::CFGBlock* B : cfg) byId[B->getBlockID()] = B;
  bool changed = true;
  unsigned rounds = 0;
  while (changed && rounds++ < 1000) {
    changed = false;
    for (const clang::CFGBlock* B : cfg) {  // blocks are stored roughly in reverse order
      llvm::BitVector live(nv);
      for (const auto& s : B->succs())
        if (const clang::CFGBlock* S = s.getReachableBlock()) live |= in_[S->getBlockID()];
      const auto& facts = fn.blockFacts[B->getBlockID()];
      for (auto it = facts.rbegin(); it != facts.rend(); ++it) step(*it, live);
      if (live != in_[B->getBlockID()]) {
        in_[B->getBlockID()] = live;
        changed = true;
      }
    }
  }
  for (const clang::CFGBlock* B : cfg) {
    unsigned id = B->getBlockID();
    const auto& facts = fn.blockFacts[id];
    llvm::BitVector live(nv);
    for (const auto& s : B->succs())
      if (const clang::CFGBlock* S = s.getReachableBlock()) live |= in_[S->getBlockID()];
    after_[id].assign(facts.size(), llvm::BitVector(nv));
    for (size_t i = facts.size(); i-- > 0;) {
      after_[id][i] = live;
      step(facts[i], live);
    }
  }
}

}  // namespace ownership
