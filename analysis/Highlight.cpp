// Highlights: the variable's function replayed once, block by block, collecting the loans it
// holds (or that borrow it) and the uses of their holders; conflicts come from the diagnostics
// whose borrow site is one of those loans, so the highlight shows exactly what the checker proved.
#include "analysis/Highlight.h"

#include <algorithm>
#include <map>
#include <set>

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include "analysis/Checker.h"
#include "analysis/Hover.h"
#include "analysis/hover/Target.h"

using namespace clang;

namespace ownership {
namespace {

// Every mention of D in the function: its declaration's name and the references to it.
struct Mentions : RecursiveASTVisitor<Mentions> {
  const ValueDecl* D;
  std::vector<SourceRange> found;
  explicit Mentions(const ValueDecl* D) : D(D) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr* E) {
    if (E->getDecl() == D) found.push_back(SourceRange(E->getLocation(), E->getLocation()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr* E) {
    if (E->getMemberDecl() == D) found.push_back(SourceRange(E->getMemberLoc(), E->getMemberLoc()));
    return true;
  }
  bool VisitNamedDecl(NamedDecl* N) {
    if (N == D) found.push_back(SourceRange(N->getLocation(), N->getLocation()));
    return true;
  }
};

bool inside(const Range& a, const Range& b) { return a.begin.offset >= b.begin.offset && a.end.offset <= b.end.offset; }

}  // namespace

std::vector<Highlight> highlightsAt(ASTContext& ctx, const FileResult& result, unsigned offset,
                                    const std::vector<Diag>& diags) {
  std::vector<Highlight> out;
  const FunctionResult* fr = functionAt(result, offset);
  if (!fr) return out;
  const LoweredFunction& fn = *fr->lowered;
  hover::Target t = hover::findTarget(ctx, fn.fn, offset);
  using K = hover::Target::Kind;
  if (t.kind != K::Name && t.kind != K::Operation && t.kind != K::Lambda) return out;
  const auto* D = dyn_cast_or_null<ValueDecl>(t.decl);
  if (!D || isa<FunctionDecl>(D)) return out;
  const SourceManager& sm = ctx.getSourceManager();
  SourceConv conv(sm);
  auto inMain = [&](SourceRange r) { return r.isValid() && sm.isInMainFile(sm.getFileLoc(r.getBegin())); };
  std::map<std::pair<unsigned, unsigned>, Highlight> byRange;
  auto add = [&](SourceRange r, HighlightKind k) {
    if (!inMain(r)) return;
    Range c = conv.range(r);
    if (c.end.offset <= c.begin.offset) return;
    Highlight& h = byRange[{c.begin.offset, c.end.offset}];
    if (h.range.file.empty() || k > h.kind) h = Highlight{c, k};
  };

  auto it = fn.varIndex.find(D);
  if (const auto* B = dyn_cast<BindingDecl>(D); B && it == fn.varIndex.end()) it = fn.varIndex.find(B->getDecomposedDecl());
  if (it != fn.varIndex.end() && !fr->dataflow.capped) {
    unsigned v = it->second;
    const VarInfo& info = fn.vars[v];
    const void* root = info.decl;
    llvm::BitVector own(fn.loans.size()), heldByV(fn.loans.size()), heldByAny(fn.loans.size());
    for (unsigned l = 0; l < fn.loans.size(); ++l)
      if (!fn.loans[l].external && fn.places[fn.loans[l].place.index].root == root) own.set(l);
    auto nonExternal = [&](const llvm::BitVector& bv) {
      for (unsigned l : bv.set_bits())
        if (!fn.loans[l].external) return true;
      return false;
    };
    for (unsigned b = 0; b < fn.blockFacts.size() && b < fr->dataflow.blockEntry.size(); ++b) {
      if (!fr->dataflow.blockEntry[b].reached) continue;
      State st = fr->dataflow.blockEntry[b];
      for (const Fact& f : fn.blockFacts[b]) {
        if (f.kind == FactKind::OriginUse && f.var.valid() && f.var.index < st.loans.size()) {
          unsigned h = f.var.index;
          if (h == v && nonExternal(st.loans[v])) {
            add(f.range, HighlightKind::Read);  // the borrow in use
          } else if (h != v && st.loans[h].anyCommon(own)) {
            add(f.range, HighlightKind::Read);  // a borrow of v in use
          }
        }
        transfer(fn, st, f);
        if (f.kind == FactKind::Assign && f.var.valid() && f.var.index < st.loans.size()) {
          heldByAny |= st.loans[f.var.index];
          if (f.var.index == v) heldByV |= st.loans[v];
        }
      }
    }
    // Where the borrows are taken: those v holds, and those of v that some variable holds.
    llvm::BitVector sites = heldByV;
    llvm::BitVector ownHeld = own;
    ownHeld &= heldByAny;
    sites |= ownHeld;
    std::set<unsigned> siteOffsets;
    for (unsigned l : sites.set_bits()) {
      const Loan& L = fn.loans[l];
      if (L.external || !inMain(L.range)) continue;
      add(L.range, HighlightKind::Write);
      siteOffsets.insert(conv.range(L.range).begin.offset);
    }
    // Where the code conflicts with one of those borrows while it is live: the diagnostics
    // whose borrow site is one of them (a mutation, a move, a second borrow; a release).
    std::optional<unsigned> fb, fe;
    if (inMain(fn.fn->getSourceRange())) {
      fb = conv.range(fn.fn->getSourceRange()).begin.offset;
      fe = conv.range(fn.fn->getSourceRange()).end.offset;
    }
    auto toWrite = [&](const Range& r) {
      if (!fb || r.begin.offset < *fb || r.end.offset > *fe || r.end.offset <= r.begin.offset) return;
      Highlight& h = byRange[{r.begin.offset, r.end.offset}];
      if (h.range.file.empty() || h.kind < HighlightKind::Write) h = Highlight{r, HighlightKind::Write};
    };
    // A release site is a point (where `p.reset()` begins): the release's own range is the call.
    auto releaseExpr = [&](const Range& site) {
      for (const auto& facts : fn.blockFacts)
        for (const Fact& f : facts)
          if (f.kind == FactKind::Release && inMain(f.range) && conv.range(f.range).begin.offset == site.begin.offset)
            return conv.range(f.range);
      return site;
    };
    for (const Diag& d : diags) {
      if (!d.input.borrowSite || !siteOffsets.count(d.input.borrowSite->begin.offset)) continue;
      switch (d.code) {
        case Code::MutateWhileBorrowed:
        case Code::MoveWhileBorrowed:
        case Code::ConflictingBorrow: toWrite(d.range); break;
        case Code::UseAfterRelease:
          if (d.input.releaseSite) toWrite(releaseExpr(*d.input.releaseSite));
          break;
        default: break;
      }
    }
  }
  // Its other mentions.
  Mentions m(D);
  m.TraverseDecl(const_cast<FunctionDecl*>(fn.fn));
  for (SourceRange r : m.found) add(r, HighlightKind::Text);

  for (auto& [key, h] : byRange) out.push_back(h);
  // A mention inside a borrow or a use already drawn adds nothing.
  std::vector<Highlight> kept;
  for (const Highlight& h : out) {
    bool covered = false;
    if (h.kind == HighlightKind::Text)
      for (const Highlight& o : out)
        if (o.kind != HighlightKind::Text && inside(h.range, o.range)) covered = true;
    if (!covered) kept.push_back(h);
  }
  return kept;
}

}  // namespace ownership
