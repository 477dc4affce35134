// Hover: finds the variable under the cursor, replays its function's dataflow to the
// nearest program point before the cursor, and describes owner state and borrows.
#include "analysis/Hover.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include "analysis/Checker.h"
#include "analysis/Liveness.h"

using namespace clang;

namespace ownership {
namespace {

struct RefFinder : RecursiveASTVisitor<RefFinder> {
  const SourceManager& sm;
  unsigned offset;
  const ValueDecl* found = nullptr;
  SourceRange range;
  RefFinder(const SourceManager& sm, unsigned offset) : sm(sm), offset(offset) {}
  bool contains(SourceLocation b, unsigned len) {
    if (b.isInvalid() || !sm.isInMainFile(b)) return false;
    unsigned o = sm.getFileOffset(sm.getFileLoc(b));
    return offset >= o && offset < o + len;
  }
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    if (!found && isa<VarDecl>(E->getDecl()) && contains(E->getLocation(), E->getNameInfo().getAsString().size())) {
      found = E->getDecl();
      range = SourceRange(E->getLocation(), E->getLocation());
    }
    return true;
  }
  bool VisitMemberExpr(MemberExpr* E) {
    if (!found && contains(E->getMemberLoc(), E->getMemberNameInfo().getAsString().size())) {
      found = E->getMemberDecl();
      range = SourceRange(E->getMemberLoc(), E->getMemberLoc());
    }
    return true;
  }
  bool VisitVarDecl(VarDecl* D) {
    if (!found && contains(D->getLocation(), D->getName().size())) {
      found = D;
      range = SourceRange(D->getLocation(), D->getLocation());
    }
    return true;
  }
};

std::string line(const SourceManager& sm, SourceLocation l) {
  return l.isValid() ? std::to_string(sm.getSpellingLineNumber(sm.getFileLoc(l))) : "?";
}
std::string lineRaw(const SourceManager& sm, unsigned raw) { return line(sm, SourceLocation::getFromRawEncoding(raw)); }

// The type as a user would write it: `auto` and library-internal aliases
// (`__detail::__unique_ptr_t<T>`) resolved, default template arguments left out.
std::string typeName(const ValueDecl* d) {
  QualType t = d->getType();
  // `auto x = v.begin()`: the deduced type keeps the library's spelling (`iterator`).
  if (const auto* at = dyn_cast<AutoType>(t.getTypePtr()); at && at->isDeduced())
    t = at->getDeducedType().withFastQualifiers(t.getLocalFastQualifiers());
  bool internal = t->getContainedAutoType() != nullptr;
  if (const auto* td = t->getAs<TypedefType>()) internal |= td->getDecl()->getName().starts_with("__");
  if (internal) t = t.getCanonicalType();
  PrintingPolicy pp(d->getASTContext().getLangOpts());
  pp.SuppressTagKeyword = true;
  pp.SuppressDefaultTemplateArgs = true;
  pp.SuppressUnwrittenScope = true;
  // A member typedef prints bare (`iterator`): qualify it with its class.
  if (const auto* td = dyn_cast<TypedefType>(t.getTypePtr()))
    if (const auto* rd = dyn_cast<CXXRecordDecl>(td->getDecl()->getDeclContext())) {
      QualType owner = d->getASTContext().getCanonicalTagType(rd);
      std::string q = t.getQualifiers().getAsString();
      return (q.empty() ? "" : q + " ") + owner.getAsString(pp) + "::" + td->getDecl()->getName().str();
    }
  return t.getAsString(pp);
}

std::string ownerKind(const VarInfo& v) {
  std::string t = typeName(v.decl);
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

std::optional<HoverInfo> hoverAt(ASTContext& ctx, const FileResult& result, unsigned offset) {
  const SourceManager& sm = ctx.getSourceManager();
  const FunctionResult* fr = nullptr;
  for (const FunctionResult& f : result.functions)
    if (offset >= f.beginOffset && offset <= f.endOffset && (!fr || f.beginOffset >= fr->beginOffset)) fr = &f;
  if (!fr) return std::nullopt;
  const LoweredFunction& fn = *fr->lowered;
  RefFinder finder(sm, offset);
  finder.TraverseDecl(const_cast<FunctionDecl*>(fn.fn));
  if (!finder.found) return std::nullopt;
  auto it = fn.varIndex.find(finder.found);
  if (it == fn.varIndex.end()) return std::nullopt;
  unsigned v = it->second;
  const VarInfo& info = fn.vars[v];
  if (info.owner == OwnerKind::None && !info.origin) return std::nullopt;

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
    if (!fr->dataflow.blockEntry[B->getBlockID()].reached) continue;
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
    st = fr->dataflow.blockEntry[bestBlock];
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
      if (!fr->dataflow.blockEntry[b].reached) continue;
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
    st = bestBlock >= 0 ? fr->dataflow.blockEntry[bestBlock] : initialState(fn);
    if (bestBlock >= 0)
      for (int i = 0; i <= bestIndex; ++i) transfer(fn, st, fn.blockFacts[bestBlock][i]);
  }
  if (!st.reached) return std::nullopt;

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
              line(sm, L.range.getBegin()) + "-" + (last ? std::to_string(last) : line(sm, L.range.getBegin())) +
              ")\n\n";
      }
    }
  }
  if (info.origin) {
    if (info.owner == OwnerKind::None) md += ": borrow (`" + typeName(info.decl) + "`)\n\n";
    std::vector<std::string> what;
    for (unsigned l : st.loans[v].set_bits()) {
      const Loan& L = fn.loans[l];
      const Place& p = fn.places[L.place.index];
      std::string src = p.kind == RootKind::Temp ? "a temporary"
                        : p.kind == RootKind::This ? "`*this`"
                                                   : "`" + displayName(static_cast<const ValueDecl*>(p.root)) + "`";
      std::string lives = p.kind == RootKind::Extern ? "the caller's data, valid for the whole call"
                          : p.kind == RootKind::Temp ? "until the end of the full expression"
                          : p.kind == RootKind::This ? "as long as the object"
                                                     : "until the end of its scope (line " +
                                                           line(sm, static_cast<const ValueDecl*>(p.root)->getEndLoc()) + ")";
      std::string entry = std::string(L.mut ? "mutably " : "shared ") + "borrows " +
                          (L.interior ? "the elements of " : "") + src + ", which lives " + lives;
      if (st.released.test(l)) entry += " — **released (line " + lineRaw(sm, st.releasedAt[l]) + ")**";
      what.push_back(entry);
    }
    for (const std::string& w : what) md += "- " + w + "\n";
    if (what.empty()) md += "holds no tracked borrow here\n";
  }
  if (!ann.empty()) md += "\nannotation: " + ann + "\n";
  SourceConv conv(sm);
  return HoverInfo{md, conv.range(finder.range)};
}

}  // namespace ownership
