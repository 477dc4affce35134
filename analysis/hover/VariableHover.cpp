// A variable's hover: for a tracked one, its function's dataflow replayed to the nearest program
// point before the cursor (owner state, live borrows, what it borrows); for another, its lifetime.
#include <clang/Basic/SourceManager.h>

#include "analysis/Checker.h"
#include "analysis/Liveness.h"
#include "analysis/TypeNames.h"
#include "analysis/hover/Parts.h"

using namespace clang;

namespace ownership::hover {
namespace {

std::string lineRaw(const SourceManager& sm, unsigned raw) { return lineOf(sm, SourceLocation::getFromRawEncoding(raw)); }

std::string ownerKind(const VarInfo& v) {
  std::string t = userTypeName(v.decl);
  // A reference to an owner (`std::vector<int>& out`): the object is someone else's.
  if (v.decl->getType()->isReferenceType() && v.owner == OwnerKind::Value)
    return "reference to an owner (`" + t + "`): the object belongs to " + (v.isParam ? "the caller" : "what it is bound to");
  switch (v.owner) {
    case OwnerKind::AnnotatedRaw: return "owner of a heap object (`[[owner]] " + t + "`)";
    case OwnerKind::InferredRaw: return "owner of a heap object (inferred: initialised from an allocation)";
    case OwnerKind::Smart: return "owner (`" + t + "`)";
    case OwnerKind::Value:
      return model::isContainerFamily(model::familyOf(v.decl->getType())) ? "owner of its elements (`" + t + "`)"
                                                                           : "stack value (`" + t + "`)";
    default: return "";
  }
}

}  // namespace

std::string lineOf(const SourceManager& sm, SourceLocation l) {
  return l.isValid() ? std::to_string(sm.getSpellingLineNumber(sm.getFileLoc(l))) : "?";
}

std::string variableState(const ASTContext& ctx, const FunctionResult& fr, unsigned v, unsigned offset) {
  const SourceManager& sm = ctx.getSourceManager();
  const LoweredFunction& fn = *fr.lowered;
  const VarInfo& info = fn.vars[v];
  if (info.owner == OwnerKind::None && !info.origin) return "";

  // The program point: the block holding the smallest CFG element that contains the
  // cursor (its entry state is the join of every path to it), replayed up to the
  // cursor; otherwise the last fact before the cursor.
  auto fileOffset = [&](SourceLocation l) -> std::optional<unsigned> {
    if (l.isInvalid()) return std::nullopt;
    l = sm.getFileLoc(l);
    if (!sm.isInMainFile(l)) return std::nullopt;
    return sm.getFileOffset(l);
  };
  int bestBlock = -1;
  unsigned bestExtent = ~0u;
  for (const CFGBlock* B : *fn.cfg) {
    if (!fr.dataflow.blockEntry[B->getBlockID()].reached) continue;
    for (const CFGElement& el : *B) {
      auto cs = el.getAs<CFGStmt>();
      if (!cs) continue;
      auto b = fileOffset(cs->getStmt()->getBeginLoc());
      auto e = fileOffset(cs->getStmt()->getEndLoc());
      if (!b || !e || offset < *b || offset > *e + 1) continue;
      if (*e - *b < bestExtent) {
        bestExtent = *e - *b;
        bestBlock = static_cast<int>(B->getBlockID());
      }
    }
  }
  int bestIndex = -1;
  State st;
  if (bestBlock >= 0) {
    st = fr.dataflow.blockEntry[bestBlock];
    const auto& facts = fn.blockFacts[bestBlock];
    for (unsigned i = 0; i < facts.size(); ++i) {
      if (facts[i].kind == FactKind::ScopeEnd || facts[i].kind == FactKind::TempEnd) continue;
      auto o = fileOffset(facts[i].range.getBegin());
      if (!o || *o >= offset) break;
      transfer(fn, st, facts[i]);
      bestIndex = static_cast<int>(i);
    }
  } else {
    unsigned bestOff = 0;
    for (unsigned b = 0; b < fn.blockFacts.size(); ++b) {
      if (!fr.dataflow.blockEntry[b].reached) continue;
      const auto& facts = fn.blockFacts[b];
      for (unsigned i = 0; i < facts.size(); ++i) {
        if (facts[i].kind == FactKind::ScopeEnd || facts[i].kind == FactKind::TempEnd) continue;
        auto o = fileOffset(facts[i].range.getBegin());
        if (o && *o <= offset && (bestBlock < 0 || *o >= bestOff)) {
          bestBlock = static_cast<int>(b);
          bestIndex = static_cast<int>(i);
          bestOff = *o;
        }
      }
    }
    st = bestBlock >= 0 ? fr.dataflow.blockEntry[bestBlock] : initialState(fn);
    if (bestBlock >= 0)
      for (int i = 0; i <= bestIndex; ++i) transfer(fn, st, fn.blockFacts[bestBlock][i]);
  }
  if (!st.reached) return "";

  std::string md = "**`" + info.name + "`**";
  std::string ann = model::hasOwner(info.decl) ? "`[[owner]]`" : model::hasBorrow(info.decl) ? "`[[borrow]]`" : "";
  if (info.owner != OwnerKind::None) {
    md += ": " + ownerKind(info) + "\n\n";
    const OwnerState& o = st.owners[v];
    std::vector<std::string> states;
    if (o.bits & kOwnedBit) states.push_back("owned");
    if (o.bits & kMoved) states.push_back("moved (line " + lineRaw(sm, o.moveLoc) + ")");
    if (o.bits & kReleased) states.push_back("released (line " + lineRaw(sm, o.releaseLoc) + ")");
    if (o.bits & kNullBit) states.push_back("null");
    if (o.bits & kHandedOn) states.push_back("handed on");
    std::string s;
    if (states.size() == 1) {
      s = states[0];
    } else if (!states.empty()) {
      for (size_t i = 0; i < states.size(); ++i) {
        std::string x = states[i];
        if (x.rfind("moved", 0) == 0 || x.rfind("released", 0) == 0) x = "maybe " + x;
        s += (i ? ", " : "") + x;
      }
    }
    if (!s.empty()) md += "state here: **" + s + "**\n\n";
    // Who borrows it right now.
    Liveness live(fn);
    for (unsigned l = 0; l < fn.loans.size(); ++l) {
      const Loan& L = fn.loans[l];
      if (L.external || fn.places[L.place.index].root != info.decl) continue;
      for (unsigned h = 0; h < fn.vars.size(); ++h) {
        if (h == v || fn.vars[h].implicit || !st.loans[h].test(l)) continue;
        bool isLive = bestBlock >= 0 && (bestIndex >= 0 ? live.liveAfter(bestBlock, bestIndex).test(h)
                                                         : live.liveIn(bestBlock).test(h));
        if (!isLive) continue;
        unsigned last = 0;
        for (const auto& facts : fn.blockFacts)
          for (const Fact& f : facts)
            if (f.kind == FactKind::OriginUse && f.var.index == h) last = std::max(last, sm.getSpellingLineNumber(f.range.getBegin()));
        md += std::string("borrowed ") + (L.mut ? "mutably" : "shared") + " by `" + fn.vars[h].name + "` (lines " +
              lineOf(sm, L.range.getBegin()) + "-" + (last ? std::to_string(last) : lineOf(sm, L.range.getBegin())) +
              ")\n\n";
      }
    }
  }
  if (info.origin) {
    if (info.owner == OwnerKind::None) md += ": borrow (`" + userTypeName(info.decl) + "`)\n\n";
    std::vector<std::string> what;
    for (unsigned l : st.loans[v].set_bits()) {
      const Loan& L = fn.loans[l];
      const Place& p = fn.places[L.place.index];
      std::string src = p.kind == RootKind::Temp ? "a temporary"
                        : p.kind == RootKind::This ? "`*this`"
                                                   : "`" + displayName(static_cast<const ValueDecl*>(p.root)) + "`";
      std::string lives = p.kind == RootKind::Extern ? " (the caller's data, valid for the whole call)"
                          : p.kind == RootKind::Temp ? ", which lives until the end of the full expression"
                          : p.kind == RootKind::This ? ", which lives as long as the object"
                                                     : ", which lives until the end of its scope (line " +
                                                           lineOf(sm, static_cast<const ValueDecl*>(p.root)->getEndLoc()) + ")";
      std::string entry = std::string(L.mut ? "mutably " : "shared ") + "borrows " +
                          (L.interior ? "the elements of " : "") + src + lives;
      if (st.released.test(l)) entry += " — **released (line " + lineRaw(sm, st.releasedAt[l]) + ")**";
      what.push_back(entry);
    }
    for (const std::string& w : what) md += "- " + w + "\n";
    if (what.empty()) md += "holds no tracked borrow here\n";
  }
  if (!ann.empty()) md += "\nannotation: " + ann + "\n";
  return md;
}

std::string plainVariable(const ValueDecl* D) {
  const SourceManager& sm = D->getASTContext().getSourceManager();
  std::string t = userTypeName(D);
  std::string name = "**`" + displayName(D) + "`**";
  if (const auto* B = dyn_cast<BindingDecl>(D)) {
    const ValueDecl* whole = B->getDecomposedDecl();
    std::string md = name + ": structured binding (`" + t + "`), a name for part of `" + displayName(whole) + "`\n\n";
    if (const auto* V = dyn_cast_or_null<VarDecl>(whole); V && V->getType()->isReferenceType())
      return md + "refers to what `" + displayName(whole) + "` binds: a borrow, not a copy\n";
    if (whole)
      return md + "lives as long as `" + displayName(whole) + "`: until the end of its scope (line " +
             lineOf(sm, whole->getEndLoc()) + ")\n";
    return md;
  }
  const auto* V = dyn_cast<VarDecl>(D);
  if (!V) return "";
  QualType T = V->getType();
  bool borrowType = T->isReferenceType() || T->isPointerType() || (settled(T) && model::isBorrowLike(T));
  if (const auto* P = dyn_cast<ParmVarDecl>(V)) {
    if (borrowType)
      return name + ": parameter (`" + t + "`)\n\nborrows the caller's data, valid for the whole call\n";
    return name + ": parameter passed by value (`" + t + "`)\n\nthe function's own copy: it lives until the function returns\n";
  }
  if (V->hasGlobalStorage()) return "";  // a holder (HolderHover.cpp)
  // The scope ends where the enclosing compound statement closes; the declaration's own end is
  // what the AST keeps, so say "its scope" and give the declaration's line.
  std::string md = name + ": local variable (`" + t + "`)\n\n";
  if (const auto* R = T->getAsCXXRecordDecl(); R && R->isLambda() && V->getInit())
    if (const auto* L = dyn_cast<LambdaExpr>(V->getInit()->IgnoreImplicit())) {
      std::string closure = lambda(D->getASTContext(), L);
      return md + closure.substr(closure.find("\n\n") + 2);  // its captures, without the heading
    }
  if (T->isReferenceType())
    return md + "a reference: a borrow of what it is bound to, valid while that lives\n";
  if (borrowType) return md + "holds a pointer or view: a borrow of whatever it points to\n";
  return md + "a stack value owned by this function: it lives until the end of its scope\n";
}

}  // namespace ownership::hover
