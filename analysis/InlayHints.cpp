// Inlay hints: replays each function's dataflow block by block (as hover and the
// checker do) and marks the last use of every local borrow on each path, every move
// and every release.
#include "analysis/InlayHints.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "analysis/Checker.h"
#include "analysis/Liveness.h"

using namespace clang;

namespace ownership {
namespace {

// "Used on every path before being overwritten or going out of scope", backwards, per
// origin. Its complement at a use is what makes that use the last one on some path;
// plain liveness (used on *some* path) would hide last uses inside loops and before
// a branch that does not use the borrow again.
class MustUse {
 public:
  explicit MustUse(const LoweredFunction& fn) : fn_(fn) {
    const CFG& cfg = *fn.cfg;
    unsigned n = cfg.getNumBlockIDs();
    unsigned nv = fn.vars.size();
    byId_.assign(n, nullptr);
    for (const CFGBlock* B : cfg) byId_[B->getBlockID()] = B;
    // Greatest fixpoint: start from "everything is used" and only remove.
    in_.assign(n, llvm::BitVector(nv, true));
    bool changed = true;
    unsigned rounds = 0;
    while (changed && rounds++ < 1000) {
      changed = false;
      for (const CFGBlock* B : cfg) {
        llvm::BitVector m = outOf(*B);
        const auto& facts = fn.blockFacts[B->getBlockID()];
        for (auto it = facts.rbegin(); it != facts.rend(); ++it) step(*it, m);
        if (m != in_[B->getBlockID()]) {
          in_[B->getBlockID()] = std::move(m);
          changed = true;
        }
      }
    }
  }

  // Must-use sets just after each fact of block `id`.
  std::vector<llvm::BitVector> afterFacts(unsigned id) const {
    const auto& facts = fn_.blockFacts[id];
    std::vector<llvm::BitVector> after(facts.size());
    llvm::BitVector m = byId_[id] ? outOf(*byId_[id]) : llvm::BitVector(fn_.vars.size());
    for (size_t i = facts.size(); i-- > 0;) {
      after[i] = m;
      step(facts[i], m);
    }
    return after;
  }

 private:
  const LoweredFunction& fn_;
  std::vector<const CFGBlock*> byId_;
  std::vector<llvm::BitVector> in_;

  llvm::BitVector outOf(const CFGBlock& B) const {
    llvm::BitVector m(fn_.vars.size(), true);
    bool any = false;
    for (const auto& s : B.succs())
      if (const CFGBlock* S = s.getReachableBlock()) {
        m &= in_[S->getBlockID()];
        any = true;
      }
    if (!any) m.reset();  // leaving the function: nothing is used any more
    return m;
  }
  void step(const Fact& f, llvm::BitVector& m) const {
    llvm::BitVector uses(fn_.vars.size());
    int def = -1;
    originUsesAndDef(f, uses, def);
    if (def >= 0) m.reset(def);
    m |= uses;
  }
};

struct ReturnValues : RecursiveASTVisitor<ReturnValues> {
  std::set<std::pair<unsigned, unsigned>> ranges;  // raw begin/end of returned expressions
  bool VisitReturnStmt(ReturnStmt* R) {
    if (const Expr* E = R->getRetValue())
      ranges.insert({E->getBeginLoc().getRawEncoding(), E->getEndLoc().getRawEncoding()});
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr*) { return true; }  // a lambda's returns are its own
};

// The source a loan borrows, when it is a named local of this function.
std::string localRootName(const LoweredFunction& fn, const Loan& L, const VarInfo& holder) {
  if (L.external) return {};
  const Place& p = fn.places[L.place.index];
  if (p.kind != RootKind::Local || !p.root) return {};
  const auto* D = static_cast<const ValueDecl*>(p.root);
  if (D == holder.decl || D->isImplicit() || !D->getIdentifier()) return {};
  return D->getNameAsString();
}

// `u.name`, `p->field`: a moved place as the user wrote it.
std::string placeName(const Place& p) {
  std::string name;
  if (p.kind == RootKind::This)
    name = "*this";
  else if (p.kind == RootKind::Local || p.kind == RootKind::Extern)
    name = displayName(static_cast<const ValueDecl*>(p.root));
  else
    return {};
  bool deref = false;
  for (std::uintptr_t e : p.path) {
    if (e == kDeref) {
      deref = true;
      continue;
    }
    if (e == kElems) continue;
    const auto* F = reinterpret_cast<const FieldDecl*>(e);
    if (name == "*this")
      name = F->getNameAsString();
    else
      name += (deref ? "->" : ".") + F->getNameAsString();
    deref = false;
  }
  return name;
}

class HintCollector {
 public:
  HintCollector(ASTContext& ctx, std::vector<InlayHint>& out) : sm_(ctx.getSourceManager()), conv_(sm_), out_(out) {}

  void run(const FunctionResult& fr) {
    const LoweredFunction& fn = *fr.lowered;
    MustUse must(fn);
    ReturnValues rv;
    rv.TraverseStmt(const_cast<Stmt*>(fn.fn->getBody()));
    for (const CFGBlock* B : *fn.cfg) {
      unsigned id = B->getBlockID();
      if (id >= fr.dataflow.blockEntry.size() || !fr.dataflow.blockEntry[id].reached) continue;
      State st = fr.dataflow.blockEntry[id];
      const auto& facts = fn.blockFacts[id];
      std::vector<llvm::BitVector> mustAfter = must.afterFacts(id);
      for (unsigned i = 0; i < facts.size(); ++i) {
        const Fact& f = facts[i];
        // Only what the hints need is kept from before the fact (copying the whole
        // state per fact would be quadratic in big functions).
        std::uint8_t ownerBitsBefore = f.var.valid() && f.var.index < st.owners.size() ? st.owners[f.var.index].bits : 0;
        std::vector<std::pair<unsigned, llvm::BitVector>> ending = endingHolders(fn, f, mustAfter[i], st);
        transfer(fn, st, f);
        switch (f.kind) {
          case FactKind::Move:
            if (!rv.ranges.count({f.range.getBegin().getRawEncoding(), f.range.getEnd().getRawEncoding()}))
              add(InlayHint::Kind::Moved, f.range, fn.vars[f.var.index].name + " moved");
            break;
          case FactKind::MovePlace: {
            std::string n = placeName(fn.places[f.place.index]);
            if (!n.empty()) add(InlayHint::Kind::Moved, f.range, n + " moved");
            break;
          }
          case FactKind::Release:
            // reset(q) hands the owner a new object; releasing what is null, moved out
            // or already released frees nothing (the latter two are diagnostics).
            if (f.release == ReleaseHow::SmartResetWithNew) break;
            if (!(ownerBitsBefore & (kOwnedBit | kHandedOn))) break;
            add(InlayHint::Kind::Released, f.range, fn.vars[f.var.index].name + " released");
            break;
          default:
            break;
        }
        int def = -1;
        if (!ending.empty()) {
          llvm::BitVector uses(fn.vars.size());
          originUsesAndDef(f, uses, def);
        }
        for (auto& [h, loans] : ending) {
          llvm::BitVector all = loans;
          if (def != static_cast<int>(h)) all |= st.loans[h];  // what an accumulating fact added
          const VarInfo& holder = fn.vars[h];
          std::vector<std::string> names;
          for (unsigned l : all.set_bits()) {
            std::string n = localRootName(fn, fn.loans[l], holder);
            if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
          }
          if (names.empty()) continue;
          std::string label = holder.name + "'s borrow of ";
          for (size_t k = 0; k < names.size(); ++k) label += (k ? ", " : "") + names[k];
          label += " ends";
          add(InlayHint::Kind::BorrowEnds, anchor(facts, i, h), std::move(label));
        }
      }
    }
  }

 private:
  const SourceManager& sm_;
  SourceConv conv_;
  std::vector<InlayHint>& out_;

  void add(InlayHint::Kind k, SourceRange r, std::string label) {
    if (r.isInvalid() || !sm_.isInMainFile(sm_.getFileLoc(r.getBegin()))) return;
    Range rr = conv_.range(r);
    out_.push_back(InlayHint{k, rr.end, std::move(label)});
  }

  // The holders whose borrow ends at fact `f` (its last use on some path), with the
  // loans they hold just before it.
  std::vector<std::pair<unsigned, llvm::BitVector>> endingHolders(const LoweredFunction& fn, const Fact& f,
                                                                  const llvm::BitVector& mustAfter,
                                                                  const State& st) const {
    std::vector<std::pair<unsigned, llvm::BitVector>> out;
    // Returned or stored: the borrow outlives the function, it does not end here.
    if (f.kind == FactKind::Return || f.kind == FactKind::Store) return out;
    llvm::BitVector uses(fn.vars.size());
    int def = -1;
    originUsesAndDef(f, uses, def);
    for (unsigned h : uses.set_bits()) {
      const VarInfo& holder = fn.vars[h];
      if (!holder.origin || holder.implicit || holder.isStatic) continue;
      if (mustAfter.test(h)) continue;  // used again on every path
      bool handedOn = false;
      if (f.kind == FactKind::Assign)
        for (const Source& s : f.srcs)
          if (s.kind == Source::CopyOf && s.id == h) handedOn = true;
      if (handedOn) continue;  // its loans live on in the assigned holder
      out.emplace_back(h, st.loans[h]);
    }
    return out;
  }

  // Where a use of `h` is drawn: the reference to `h` itself when the fact is a wider
  // one (an assignment whose right-hand side reads `h`), else the fact.
  SourceRange anchor(const std::vector<Fact>& facts, unsigned i, unsigned h) const {
    const Fact& f = facts[i];
    if (f.kind == FactKind::OriginUse) return f.range;
    for (unsigned j = i; j-- > 0;) {
      const Fact& g = facts[j];
      if (g.kind != FactKind::OriginUse || g.var.index != h) continue;
      if (!sm_.isPointWithin(g.range.getBegin(), f.range.getBegin(), f.range.getEnd())) break;
      return g.range;
    }
    return f.range;
  }
};

}  // namespace

std::vector<InlayHint> inlayHints(ASTContext& ctx, const FileResult& result, unsigned beginOffset, unsigned endOffset) {
  std::vector<InlayHint> all;
  HintCollector collect(ctx, all);
  for (const FunctionResult& fr : result.functions) {
    if (!fr.lowered || !fr.lowered->cfg) continue;
    if (fr.beginOffset >= endOffset || fr.endOffset < beginOffset) continue;
    collect.run(fr);
  }
  std::vector<InlayHint> out;
  for (InlayHint& h : all)
    if (h.position.offset >= beginOffset && h.position.offset <= endOffset) out.push_back(std::move(h));
  auto key = [](const InlayHint& h) { return std::make_tuple(h.position.offset, static_cast<int>(h.kind), h.label); };
  std::sort(out.begin(), out.end(), [&](const InlayHint& a, const InlayHint& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(), [&](const InlayHint& a, const InlayHint& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace ownership
