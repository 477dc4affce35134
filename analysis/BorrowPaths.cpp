// Borrow paths: one replay of the function records, for each (variable, loan), the assignment
// that first gave the variable the loan and the variable it was copied from; a diagnostic's
// holder is then followed back to where the loan was taken.
#include "analysis/BorrowPaths.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/Checker.h"

using namespace clang;

namespace ownership {
namespace {

struct Hop {
  int from = -1;  // the variable the loan was copied from; -1: taken right there
  SourceRange at;
};

std::string borrowedName(const LoweredFunction& fn, const Loan& L) {
  const Place& p = fn.places[L.place.index];
  switch (p.kind) {
    case RootKind::Temp: return "a temporary";
    case RootKind::This: return "`*this`";
    default: return "`" + displayName(static_cast<const ValueDecl*>(p.root)) + "`";
  }
}

bool laterUseNote(const Note& n) {
  const std::string suffix = "later used here";
  return n.message.size() >= suffix.size() && n.message.compare(n.message.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void addBorrowPathNotes(ASTContext& ctx, const LoweredFunction& fn, const DataflowResult& df, std::vector<Diag>& diags) {
  if (df.capped || diags.empty()) return;
  SourceConv conv(ctx.getSourceManager());
  // The first hop of each (variable, loan), in source order as the checker replays.
  std::map<std::pair<unsigned, unsigned>, Hop> via;
  std::map<unsigned, unsigned> useAt;  // offset of an OriginUse -> its variable
  std::vector<const CFGBlock*> blocks(fn.cfg->begin(), fn.cfg->end());
  std::reverse(blocks.begin(), blocks.end());
  for (const CFGBlock* B : blocks) {
    unsigned id = B->getBlockID();
    if (id >= df.blockEntry.size() || !df.blockEntry[id].reached) continue;
    State st = df.blockEntry[id];
    for (const Fact& f : fn.blockFacts[id]) {
      if (f.kind == FactKind::OriginUse && f.var.valid() && f.var.index < fn.vars.size() && f.range.isValid())
        useAt.emplace(conv.range(f.range).begin.offset, f.var.index);
      if (f.kind == FactKind::Assign && f.var.valid()) {
        for (const Source& s : f.srcs) {
          if (s.kind == Source::NewLoan) {
            via.emplace(std::make_pair(f.var.index, s.id), Hop{-1, f.range});
          } else if (s.id < st.loans.size() && s.id != f.var.index) {
            for (unsigned l : st.loans[s.id].set_bits())
              via.emplace(std::make_pair(f.var.index, l), Hop{static_cast<int>(s.id), f.range});
          }
        }
      }
      transfer(fn, st, f);
    }
  }
  for (Diag& d : diags) {
    if (!d.input.borrowSite) continue;
    std::optional<Range> later;
    size_t notePos = d.notes.size();  // the path is told before the later use
    if (d.code == Code::UseAfterRelease) later = d.range;  // a borrow of a released owner, used here
    for (size_t i = 0; i < d.notes.size(); ++i)
      if (laterUseNote(d.notes[i])) {
        later = d.notes[i].range;
        notePos = i;
      }
    if (!later) continue;
    auto holder = useAt.find(later->begin.offset);
    if (holder == useAt.end()) continue;
    for (unsigned l = 0; l < fn.loans.size(); ++l) {
      const Loan& L = fn.loans[l];
      if (L.external || L.range.isInvalid() || conv.range(L.range).begin.offset != d.input.borrowSite->begin.offset)
        continue;
      // Back from the variable used to where the loan was taken.
      std::vector<unsigned> through;
      SourceRange into;
      std::set<unsigned> seen{holder->second};
      for (unsigned cur = holder->second;;) {
        auto hop = via.find({cur, l});
        if (hop == via.end() || hop->second.from < 0 || !seen.insert(unsigned(hop->second.from)).second) break;
        if (cur == holder->second) into = hop->second.at;
        cur = unsigned(hop->second.from);
        through.push_back(cur);
      }
      // Compiler-made variables (a range-for's iterator) are not the user's words (spec 2b.7).
      std::vector<std::string> names;
      for (auto it = through.rbegin(); it != through.rend(); ++it)
        if (!fn.vars[*it].implicit) names.push_back("`" + fn.vars[*it].name + "`");
      if (names.empty() || into.isInvalid()) continue;
      std::string path;
      for (size_t i = 0; i < names.size(); ++i) path += (i ? ", then " : "") + names[i];
      Note n{conv.range(into), "`" + fn.vars[holder->second].name + "` borrows " + borrowedName(fn, L) + " through " + path};
      d.notes.insert(d.notes.begin() + static_cast<std::ptrdiff_t>(notePos), std::move(n));
      break;
    }
  }
}

}  // namespace ownership
